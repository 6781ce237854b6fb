//! Helpers shared by the PDF ingest tests: the `pdftotext -layout` oracle and token comparison.
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use agendapack::ingest::pdf::{self, Limits};
use agendapack::model::Layout;

/// The ten real PDFs, or `None` when the shared corpus is absent.
pub fn real_pdfs() -> Option<Vec<PathBuf>> {
    let dir = agendapack::testsupport::shared_corpus_file("real")?;
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    v.sort();
    Some(v)
}

pub fn ingest(path: &Path) -> Layout {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    pdf::read(&bytes, &Limits::default()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether `pdftotext` can be run; under `CI=true` its absence is a failure.
pub fn have_pdftotext() -> bool {
    let ok = Command::new("pdftotext").arg("-v").output().is_ok();
    if !ok {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but pdftotext (poppler-utils) is not installed");
        }
        eprintln!("note: pdftotext is not installed; skipping the comparison with it");
    }
    ok
}

/// `pdftotext -layout` text per page.
pub fn pdftotext_pages(path: &Path) -> Vec<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Tokens of a text: split on white space and on control characters (our ingest treats a control
/// character inside a word as a word break; see `geometry`).
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn page_text(layout: &Layout, page: usize) -> String {
    layout
        .pages
        .get(page)
        .map(|p| p.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n"))
        .unwrap_or_default()
}

/// Token comparison of one page.
#[derive(Debug, Default, Clone)]
pub struct PageMatch {
    pub ours: usize,
    pub theirs: usize,
    pub matched: usize,
    /// Our tokens that are two or more of pdftotext's consecutive tokens glued together.
    pub glued: Vec<String>,
    /// pdftotext tokens we deliberately read as two: a footnote digit after a word ("Team2;"
    /// is "Team", "2", ";") or a symbol-font bullet before one ("\u{f0b7}Appendix").
    pub split: Vec<String>,
    /// How many of our tokens those splits used.
    pub split_pieces: usize,
    pub missing: Vec<String>,
    pub extra: Vec<String>,
}

impl PageMatch {
    /// Matched tokens over the larger of the two counts (1.0 for two empty pages), counting a
    /// deliberate split (see [`PageMatch::split`]) as a match.
    pub fn score(&self) -> f64 {
        let ours = self.ours - self.split_pieces + self.split.len();
        let d = ours.max(self.theirs);
        if d == 0 { 1.0 } else { (self.matched + self.split.len()).min(d) as f64 / d as f64 }
    }
}

pub fn compare(ours: &[String], theirs: &[String]) -> PageMatch {
    let mut count: HashMap<&str, i64> = HashMap::new();
    for t in theirs {
        *count.entry(t).or_default() += 1;
    }
    let mut m = PageMatch { ours: ours.len(), theirs: theirs.len(), ..Default::default() };
    for t in ours {
        match count.get_mut(t.as_str()) {
            Some(c) if *c > 0 => {
                *c -= 1;
                m.matched += 1;
            }
            _ => m.extra.push(t.clone()),
        }
    }
    for (t, c) in &count {
        for _ in 0..*c {
            m.missing.push((*t).to_string());
        }
    }
    m.missing.sort();
    for t in &m.extra {
        if is_glued(t, theirs) {
            m.glued.push(t.clone());
        }
    }
    let mut extra_left: Vec<String> = m.extra.clone();
    for t in &m.missing {
        if let Some(used) = deliberate_split(t, &extra_left) {
            m.split.push(t.clone());
            m.split_pieces += used.len();
            let mut used = used;
            used.sort_unstable_by(|a, b| b.cmp(a));
            for i in used {
                extra_left.remove(i);
            }
        }
    }
    m
}

fn is_marker(part: &str) -> bool {
    part.chars().all(|c| c.is_ascii_digit() || ('\u{e000}'..='\u{f8ff}').contains(&c) || c == '•')
}

/// Indices of our extra tokens that spell `tok` when joined, if it is a word split at a
/// footnote digit or a bullet (pieces: word, marker, and optionally trailing punctuation).
fn deliberate_split(tok: &str, extra: &[String]) -> Option<Vec<usize>> {
    for (i, a) in extra.iter().enumerate() {
        let Some(rest) = tok.strip_prefix(a.as_str()) else { continue };
        if rest.is_empty() {
            continue;
        }
        for (j, b) in extra.iter().enumerate() {
            if j == i {
                continue;
            }
            let Some(rest2) = rest.strip_prefix(b.as_str()) else { continue };
            if !(is_marker(a) || is_marker(b)) {
                continue;
            }
            if rest2.is_empty() {
                return Some(vec![i, j]);
            }
            if let Some(k) =
                extra.iter().enumerate().position(|(k, c)| k != i && k != j && c == rest2)
            {
                return Some(vec![i, j, k]);
            }
        }
    }
    None
}

/// True when `tok` is the concatenation of two or more consecutive tokens of `theirs`.
fn is_glued(tok: &str, theirs: &[String]) -> bool {
    for i in 0..theirs.len() {
        if !tok.starts_with(theirs[i].as_str()) || theirs[i].len() >= tok.len() {
            continue;
        }
        let mut acc = theirs[i].clone();
        for t in &theirs[i + 1..] {
            acc.push_str(t);
            if acc == tok {
                return true;
            }
            if !tok.starts_with(acc.as_str()) {
                break;
            }
        }
    }
    false
}
