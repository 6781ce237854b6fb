//! The recorded votes in the real 13 February 2025 County Council minutes come out in reading
//! order, every member's name whole: each "For (N)" / "Against (N)" / "Abstain (N)" block lists
//! exactly N names.

mod pdf_common;

use pdf_common::ingest;
use regex::Regex;

/// Splits a block of names ("Mr Baker, Sir Paul Carter, CBE, Mrs Bell") into members; honours
/// after a comma belong to the name before.
fn members(block: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in block.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        if matches!(part, "CBE" | "OBE" | "MBE" | "BEM") {
            if let Some(last) = out.last_mut() {
                last.push_str(", ");
                last.push_str(part);
            }
        } else {
            out.push(part.to_string());
        }
    }
    out
}

#[test]
fn recorded_votes_list_every_member() {
    let Some(path) = agendapack::testsupport::shared_corpus_file(
        "real/kcc_cc_2025-02-13_printed_minutes_recorded_votes.pdf",
    ) else {
        return;
    };
    let layout = ingest(&path);
    let lines: Vec<&str> =
        layout.pages.iter().flat_map(|p| p.lines.iter().map(|l| l.text.trim())).collect();
    let header = Regex::new(r"^(For|Against|Abstain) \((\d+)\)$").expect("pattern");
    let title = Regex::new(r"^(Mr|Mrs|Ms|Miss|Dr|Sir) ").expect("pattern");
    let mut blocks: Vec<(String, usize, Vec<String>)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(c) = header.captures(lines[i]) {
            let n: usize = c[2].parse().expect("count");
            let mut text = String::new();
            let mut j = i + 1;
            while j < lines.len() && !header.is_match(lines[j]) {
                let l = lines[j];
                let continues = text.ends_with(',')
                    || text.ends_with(" Mr")
                    || text.ends_with(" Mrs")
                    || text.ends_with(" Ms")
                    || text.ends_with(" Miss")
                    || text.ends_with(" Dr");
                if !(title.is_match(l) || (continues && !text.is_empty())) {
                    break;
                }
                text.push(' ');
                text.push_str(l);
                j += 1;
            }
            blocks.push((c[1].to_string(), n, members(&text)));
            i = j;
        } else {
            i += 1;
        }
    }
    println!("{} recorded-vote blocks", blocks.len());
    // Eight recorded votes, each with For, Against and Abstain.
    assert_eq!(blocks.len(), 24);
    for (kind, n, names) in &blocks {
        assert_eq!(names.len(), *n, "{kind} ({n}): {names:?}");
        for name in names {
            assert!(title.is_match(name), "{kind} ({n}): {name:?} is not a member's name");
        }
    }
    let first = &blocks[0];
    assert_eq!((first.0.as_str(), first.1), ("For", 57));
    assert_eq!(first.2.first().map(String::as_str), Some("Mr Baker"));
    assert_eq!(first.2.last().map(String::as_str), Some("Ms Wright"));
    assert!(first.2.iter().any(|m| m == "Sir Paul Carter, CBE"));
    assert!(first.2.iter().any(|m| m == "Mr Streatfeild, MBE"));
    assert_eq!(blocks[2].2, vec!["Mr B Lewis".to_string(), "Mr D Ross".to_string()]);
}
