//! Truth-free table indicators over the 83 real Kent PDFs of `../shared/corpus/wide/`, which
//! nobody typed up: the built binary extracts the folder and three figures are computed from its
//! per-document JSON, the same as `../shared/tools/wide_indicators.py` prints (and, where python3
//! is there, checked equal to what it prints):
//!
//! - budget tables with a value column (any role but `label`) whose header is empty;
//! - table cells (of `tables`) holding three or more amounts run together (shorter than 400
//!   characters);
//! - budget row labels carrying two or more amounts glued into the label.
//!
//! Each is asserted under a ceiling set at the figure reached (rounded up); the bounds
//! are 5 %, 0.1 % and 0.3 %, and each ceiling comes down as the table stage reaches them.

mod batch_support;

use std::path::Path;

use batch_support::*;
use serde_json::Value;

/// Ceilings (share of the counted things). Before the table stage learnt real producers' layouts,
/// 47 of 116 budget tables lacked a value column header, 94 of 14,218 cells held 3+ amounts and
/// 25 of 1,105 budget row labels carried 2+ amounts. Now 3 of 85 (3.5 %), 2 of 15,565 and 0 of
/// 1,280: all three within the bounds (0.05, 0.001, 0.003); headers at today's figure.
const MOST_HEADLESS_TABLES: f64 = 0.04;
const MOST_GLUED_CELLS: f64 = 0.001;
const MOST_GLUED_LABELS: f64 = 0.003;

#[derive(Debug, Default, PartialEq)]
struct Indicators {
    documents: usize,
    budget_tables: usize,
    headless_tables: usize,
    labels: usize,
    glued_labels: usize,
    cells: usize,
    glued_cells: usize,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn digits(s: &[char], at: usize) -> usize {
    s[at.min(s.len())..].iter().take_while(|c| c.is_ascii_digit()).count()
}

/// Where an optional sign and `£` may end, the longest first (the order a regex tries them).
fn prefix_ends(s: &[char], i: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let signs: Vec<usize> = if s.get(i).is_some_and(|c| matches!(c, '-' | '−' | '(')) {
        vec![i + 1, i]
    } else {
        vec![i]
    };
    for p in signs {
        if s.get(p) == Some(&'£') {
            out.push(p + 1);
        }
        out.push(p);
    }
    out
}

/// The end of the first way (in a backtracking regex's order) `tail` can be followed by an
/// optional `)` and no word character.
fn close(s: &[char], p: usize) -> Option<usize> {
    let ends = if s.get(p) == Some(&')') { vec![p + 1, p] } else { vec![p] };
    ends.into_iter().find(|&e| s.get(e).is_none_or(|&c| !is_word(c)))
}

/// An optional `.digits` after `p`, the longest first, then none.
fn decimals(s: &[char], p: usize) -> Vec<usize> {
    let mut out = Vec::new();
    if s.get(p) == Some(&'.') {
        let m = digits(s, p + 1);
        out.extend((1..=m).rev().map(|k| p + 1 + k));
    }
    out.push(p);
    out
}

/// `(?<![\w.])[-−(]?£?\d{1,3}(?:,\d{3})+(?:\.\d+)?\)?(?![\w])` at `i`: its end.
fn grouped_at(s: &[char], i: usize) -> Option<usize> {
    if i > 0 && (is_word(s[i - 1]) || s[i - 1] == '.') {
        return None;
    }
    for p2 in prefix_ends(s, i) {
        for k in (1..=digits(s, p2).min(3)).rev() {
            let mut groups = Vec::new();
            let mut q = p2 + k;
            while s.get(q) == Some(&',') && digits(s, q + 1) >= 3 {
                q += 4;
                groups.push(q);
            }
            for &g in groups.iter().rev() {
                for d in decimals(s, g) {
                    if let Some(e) = close(s, d) {
                        return Some(e);
                    }
                }
            }
        }
    }
    None
}

/// `(?<![\w.,])[-−(]?£?\d+\.\d+\)?(?![\w])` at `i`: its end.
fn decimal_at(s: &[char], i: usize) -> Option<usize> {
    if i > 0 && (is_word(s[i - 1]) || matches!(s[i - 1], '.' | ',')) {
        return None;
    }
    for p2 in prefix_ends(s, i) {
        let d = digits(s, p2);
        if d == 0 || s.get(p2 + d) != Some(&'.') {
            continue;
        }
        let m = digits(s, p2 + d + 1);
        for k in (1..=m).rev() {
            if let Some(e) = close(s, p2 + d + 1 + k) {
                return Some(e);
            }
        }
    }
    None
}

/// How many amounts (`1,234`, `-1,234.5`, `(12.5)`, `£3.40`) the text holds, counted as the
/// Python tool's regular expression finds them.
fn amounts(text: &str) -> usize {
    let s: Vec<char> = text.chars().collect();
    let (mut i, mut n) = (0, 0);
    while i < s.len() {
        match grouped_at(&s, i).or_else(|| decimal_at(&s, i)) {
            Some(e) => {
                n += 1;
                i = e.max(i + 1);
            }
            None => i += 1,
        }
    }
    n
}

fn indicators(out: &Path) -> Indicators {
    let mut f = Indicators::default();
    let mut files: Vec<_> = std::fs::read_dir(out)
        .unwrap_or_else(|e| panic!("{}: {e}", out.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && !p.ends_with("manifest.json"))
        .collect();
    files.sort();
    for p in files {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        let Ok(d) = serde_json::from_str::<Value>(&text) else { continue };
        if d.get("document").is_none() {
            continue;
        }
        f.documents += 1;
        let empty = Vec::new();
        let list =
            |v: &Value, k: &str| v.get(k).and_then(Value::as_array).unwrap_or(&empty).clone();
        for t in list(&d["records"], "budget_tables") {
            f.budget_tables += 1;
            let headless = list(&t, "columns").iter().any(|c| {
                c.get("role").and_then(Value::as_str) != Some("label")
                    && c.get("header").and_then(Value::as_str).unwrap_or("").trim().is_empty()
            });
            f.headless_tables += usize::from(headless);
            for r in list(&t, "rows") {
                f.labels += 1;
                let label = r.get("label").and_then(Value::as_str).unwrap_or("");
                f.glued_labels += usize::from(amounts(label) >= 2);
            }
        }
        for g in list(&d, "tables") {
            for row in list(&g, "rows") {
                for c in row.as_array().unwrap_or(&empty) {
                    let x = c.get("text").and_then(Value::as_str).unwrap_or("");
                    if !x.is_empty() {
                        f.cells += 1;
                        f.glued_cells += usize::from(amounts(x) >= 3 && x.chars().count() < 400);
                    }
                }
            }
        }
    }
    f
}

/// The figures `wide_indicators.py` prints for `out`, or `None` when python3 cannot run it.
fn python_indicators(tool: &Path, out: &Path) -> Option<Indicators> {
    let o = std::process::Command::new("python3").arg(tool).arg(out).output().ok()?;
    if !o.status.success() {
        eprintln!("wide_indicators.py failed: {}", String::from_utf8_lossy(&o.stderr));
        return None;
    }
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let nums = |prefix: &str| -> Vec<usize> {
        let line = text.lines().find(|l| l.starts_with(prefix)).unwrap_or("");
        line.split(|c: char| !c.is_ascii_digit() && c != '.')
            .filter(|w| !w.is_empty() && !w.contains('.'))
            .filter_map(|w| w.parse().ok())
            .collect()
    };
    let (docs, tables, labels, cells) =
        (nums("documents"), nums("budget tables"), nums("budget row labels"), nums("table cells"));
    Some(Indicators {
        documents: *docs.first()?,
        budget_tables: *tables.first()?,
        headless_tables: *tables.get(1)?,
        labels: *labels.first()?,
        glued_labels: *labels.get(2)?,
        cells: *cells.first()?,
        glued_cells: *cells.get(2)?,
    })
}

#[test]
fn amounts_are_counted_as_the_python_tool_counts_them() {
    for (text, n) in [
        ("1,429,506.8 0.0 1,429,506.8", 3),
        ("-88,865.5 6,920.2 -81,945.3 TOTAL SAVINGS, INCOME & GRANT", 3),
        ("TOTAL BASE BUDGET CHANGES 10,320.7 -100.0 4,000.0", 3),
        ("59 Total - Growth, Environment & Transport 71,965", 1),
        ("£3.40 and (12.5) and −7.25", 3),
        ("2025-26 £000s", 0),
        ("1,234,5678", 1),
        ("v1.2 1.2.3 12,345a", 1),
        ("Page 8 1,429,506.8 Page8 0.0", 2),
    ] {
        assert_eq!(amounts(text), n, "{text:?}");
    }
}

#[test]
fn wide_corpus_table_indicators_stay_under_their_ceilings() {
    let Some(shared) = agendapack::testsupport::shared_dir() else { return };
    let wide = shared.join("corpus").join("wide");
    if !wide.is_dir() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but {} is missing", wide.display());
        }
        eprintln!("note: {} is absent; skipping", wide.display());
        return;
    }
    let out = fresh_dir("tables-wide");
    let o = run(&[
        "extract",
        &wide.to_string_lossy(),
        "-o",
        &out.to_string_lossy(),
        "--no-tables",
        "-q",
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{o:?}");
    let f = indicators(&out);
    let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (headless, cells, labels) = (
        share(f.headless_tables, f.budget_tables),
        share(f.glued_cells, f.cells),
        share(f.glued_labels, f.labels),
    );
    println!(
        "wide corpus: {} documents; budget tables {}, with a value column lacking a header {} ({:.1} %); \
         budget row labels {}, with 2+ amounts glued in {} ({:.2} %); table cells {}, holding 3+ amounts {} ({:.2} %)",
        f.documents,
        f.budget_tables,
        f.headless_tables,
        100.0 * headless,
        f.labels,
        f.glued_labels,
        100.0 * labels,
        f.cells,
        f.glued_cells,
        100.0 * cells
    );
    let tool = shared.join("tools").join("wide_indicators.py");
    match python_indicators(&tool, &out) {
        Some(py) => assert_eq!(f, py, "the Rust figures differ from wide_indicators.py's"),
        None => {
            eprintln!("note: python3 could not run {}; figures not cross-checked", tool.display())
        }
    }
    // 83 PDFs, four of which are skipped as holding no pack content (terms of reference, a
    // constitution change, a grants list without tables).
    assert!(f.documents >= 79, "{} documents extracted", f.documents);
    let mut over = Vec::new();
    for (what, got, most) in [
        ("budget tables with a headerless value column", headless, MOST_HEADLESS_TABLES),
        ("table cells holding 3+ amounts", cells, MOST_GLUED_CELLS),
        ("budget row labels with 2+ amounts", labels, MOST_GLUED_LABELS),
    ] {
        if got > most {
            over.push(format!("{what}: {got:.5} above the ceiling {most}"));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(over.is_empty(), "{over:#?}");
}
