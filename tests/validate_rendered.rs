//! The validator's error findings on the LibreOffice and Chromium PDF renderings of the four text
//! packs, compared with its error findings on the text packs themselves.
//!
//! A finding is identified by its rule, its row label (or, for findings without one, its column
//! label, else its table),
//! and its expected and printed values; table ids and locations differ between a text rendering
//! and a PDF and are not compared. Each text finding is matched to at most one PDF finding. The
//! share of the text pack's error findings that the PDF reproduces is printed per file, with the
//! number of error findings only the PDF gives, and asserted against the floor reached. Warnings
//! and notes are compared the same way and must all be reproduced, with none only in the PDF.

use std::collections::BTreeMap;
use std::path::Path;

use agendapack::ingest::pdf::Limits;
use agendapack::model::{Finding, Severity};
use agendapack::pipeline;
use agendapack::testsupport::shared_dir;

const STEMS: [&str; 4] = [
    "000_89a7eb97841dfc38",
    "002_44206e63360eab18",
    "003_d08e34e2df91019d",
    "004_d4ce2142da2e6789",
];

/// Per rendering: (producer, stem, floor on the share of the text pack's error findings
/// reproduced, ceiling on the error findings only the PDF gives). The aim is 1.0 and 0; where the
/// PDF path is still short of it the bound is the figure reached. Measured: every rendering gives
/// all of its text pack's error findings and no other (chromium 004 did not until 2026-12-06: on
/// one Dover page the arrows of two rows went to the cell to their left, so a wrong arrow was
/// reported as a missing one).
const BOUNDS: [(&str, &str, f64, usize); 8] = [
    ("libreoffice", STEMS[0], 1.0, 0),
    ("libreoffice", STEMS[1], 1.0, 0),
    ("libreoffice", STEMS[2], 1.0, 0),
    ("libreoffice", STEMS[3], 1.0, 0),
    ("chromium", STEMS[0], 1.0, 0),
    ("chromium", STEMS[1], 1.0, 0),
    ("chromium", STEMS[2], 1.0, 0),
    ("chromium", STEMS[3], 1.0, 0),
];

fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Rule, row label (else column label, else table), expected and printed values.
type Key = (String, String, String, String);

fn key(f: &Finding) -> Key {
    let label = f.row.as_deref().or(f.column.as_deref()).or(f.table.as_deref()).unwrap_or("");
    (f.rule.clone(), norm(label), f.expected.trim().to_string(), f.actual.trim().to_string())
}

/// Findings every rendering of pack 003 must give, as the text pack does: the Kent scorecard
/// (L9367) rates EH16's 2015-16 outturn 83.4 against target 80 RED, and the Kent EH52 row (L9369)
/// prints no arrow between 41.8 and 40.6.
fn pack_003_named(pdf: &BTreeMap<Key, usize>, file: &str) {
    let eh16: Key = (
        "rag.rating".into(),
        norm("EH16 Percentage of cases closed by Early Help Units with outcomes achieved"),
        "GREEN".into(),
        "RED".into(),
    );
    assert!(
        pdf.contains_key(&eh16),
        "{file}: no rating error on Kent EH16 (83.4 vs target 80, RED)"
    );
    let eh52: Key = (
        "rag.direction_missing".into(),
        norm("EH52 Percentage of open cases with a plan in place within 6 weeks of notification"),
        "worsening (↓)".into(),
        "blank".into(),
    );
    assert!(pdf.contains_key(&eh52), "{file}: no missing-arrow error on Kent EH52 (41.8 → 40.6)");
}

/// The keys of a document's error findings, and of its other findings (warnings, notes).
fn finding_keys(path: &Path) -> (BTreeMap<Key, usize>, BTreeMap<Key, usize>) {
    let doc = pipeline::process_file(path, &Limits::default(), &Default::default())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (mut errors, mut others) = (BTreeMap::new(), BTreeMap::new());
    for f in &doc.findings {
        let into = if f.severity == Severity::Error { &mut errors } else { &mut others };
        *into.entry(key(f)).or_insert(0) += 1;
    }
    (errors, others)
}

fn show(k: &Key, n: usize) -> String {
    format!("{} [{}] expected {} printed {} (x{n})", k.0, k.1, k.2, k.3)
}

/// Text findings, those matched in the PDF, and the unmatched ones on each side.
struct Comparison {
    n: usize,
    hit: usize,
    missed: Vec<String>,
    extra: Vec<String>,
}

fn compare(text: &BTreeMap<Key, usize>, pdf: &BTreeMap<Key, usize>) -> Comparison {
    let mut left: BTreeMap<Key, usize> = pdf.clone();
    let take = |k: &Key, want: usize, left: &mut BTreeMap<Key, usize>| {
        let have = left.get(k).copied().unwrap_or(0);
        let got = want.min(have);
        if got > 0 {
            left.insert(k.clone(), have - got);
        }
        got
    };
    let mut c = Comparison { n: 0, hit: 0, missed: Vec::new(), extra: Vec::new() };
    let mut unlabelled = Vec::new();
    for (k, &t) in text {
        c.n += t;
        let got = take(k, t, &mut left);
        c.hit += got;
        if got < t {
            unlabelled.push((k.clone(), t - got));
        }
    }
    // A finding whose row label one side did not read (blank) matches on rule and values.
    for (k, rest) in unlabelled {
        let mut rest = rest;
        if k.1.is_empty() {
            let same: Vec<Key> = left
                .iter()
                .filter(|(o, n)| **n > 0 && o.0 == k.0 && o.2 == k.2 && o.3 == k.3)
                .map(|(o, _)| o.clone())
                .collect();
            for o in same {
                let got = take(&o, rest, &mut left);
                c.hit += got;
                rest -= got;
            }
        }
        if rest > 0 {
            c.missed.push(show(&k, rest));
        }
    }
    for (k, &p) in &left {
        if p > 0 {
            c.extra.push(show(k, p));
        }
    }
    c
}

fn producer(name: &str) {
    let Some(shared) = shared_dir() else { return };
    let mut below = Vec::new();
    for stem in STEMS {
        let (text, text_others) = finding_keys(&shared.join(format!("corpus/text/{stem}.txt")));
        let pdf_path = shared.join(format!("corpus/rendered/{name}/{stem}.pdf"));
        let (pdf, pdf_others) = finding_keys(&pdf_path);
        // Warnings and notes too: every one of the text pack's, and no other.
        let o = compare(&text_others, &pdf_others);
        eprintln!(
            "{name}/{stem}.pdf: {}/{} of the text pack's other findings reproduced, {} only in the PDF",
            o.hit,
            o.n,
            o.extra.len()
        );
        if o.hit < o.n || !o.extra.is_empty() {
            below.push(format!(
                "{name}/{stem}: other findings {}/{}; missed:\n  {}\nonly in the PDF:\n  {}",
                o.hit,
                o.n,
                o.missed.join("\n  "),
                o.extra.join("\n  ")
            ));
        }
        if stem == STEMS[2] {
            pack_003_named(&pdf, &format!("{name}/{stem}.pdf"));
        }
        let Comparison { n, hit, missed, extra } = compare(&text, &pdf);
        let share = if n == 0 { 1.0 } else { hit as f64 / n as f64 };
        eprintln!(
            "{name}/{stem}.pdf: {hit}/{n} of the text pack's error findings reproduced ({:.1}%), {} error findings only in the PDF",
            share * 100.0,
            extra.len()
        );
        for m in &missed {
            eprintln!("    missed: {m}");
        }
        for m in &extra {
            eprintln!("    only in the PDF: {m}");
        }
        let (floor, ceiling) = BOUNDS
            .iter()
            .find(|(p, s, ..)| *p == name && *s == stem)
            .map(|b| (b.2, b.3))
            .unwrap_or((1.0, 0));
        if share + 1e-9 < floor {
            below.push(format!(
                "{name}/{stem}: {hit}/{n} = {share:.3} of the text findings, below the floor {floor}; missed:\n  {}",
                missed.join("\n  ")
            ));
        }
        if extra.len() > ceiling {
            below.push(format!(
                "{name}/{stem}: {} error findings only in the PDF, above {ceiling}:\n  {}",
                extra.len(),
                extra.join("\n  ")
            ));
        }
    }
    assert!(below.is_empty(), "{}", below.join("\n"));
}

#[test]
fn libreoffice_renderings_give_the_text_findings() {
    producer("libreoffice");
}

#[test]
fn chromium_renderings_give_the_text_findings() {
    producer("chromium");
}
