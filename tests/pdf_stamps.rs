//! The Budget Amendments pack draws its stamps ("Page N", "Agenda Item 6", "This page is
//! intentionally left blank") inside Form XObjects; all 44 are found and mapped to pages.

mod pdf_common;

use agendapack::model::layout::StampKind;
use pdf_common::ingest;

#[test]
fn budget_amendments_pack_has_44_stamps() {
    let Some(path) = agendapack::testsupport::shared_corpus_file(
        "real/kcc_cc_2025-02-13_budget_amendments_pack.pdf",
    ) else {
        return;
    };
    let layout = ingest(&path);
    assert_eq!(layout.pages.len(), 48);
    let stamps: Vec<_> = layout.pages.iter().flat_map(|p| p.stamps.iter()).collect();
    let count = |k: StampKind| stamps.iter().filter(|s| s.kind == k).count();
    let (pages, items, blanks) =
        (count(StampKind::PageNumber), count(StampKind::AgendaItem), count(StampKind::BlankPage));
    println!(
        "stamps: {} (page numbers {pages}, agenda items {items}, blank pages {blanks})",
        stamps.len()
    );
    assert_eq!(stamps.len(), 44);
    assert_eq!(items, 1);
    let item = stamps
        .iter()
        .find(|s| s.kind == StampKind::AgendaItem)
        .map(|s| (s.value.as_str(), s.location.page));
    assert_eq!(item, Some(("6", Some(3))));
    // Every printed page number is the physical page less the two-page covering letter.
    for s in stamps.iter().filter(|s| s.kind == StampKind::PageNumber) {
        let printed: u32 = s.value.parse().unwrap_or_else(|_| panic!("page stamp {:?}", s.text));
        assert_eq!(Some(printed + 2), s.location.page, "{}", s.text);
        assert!(s.location.bbox.is_some());
    }
    // Each page has at most one page-number stamp, and each printed number appears once.
    let mut printed: Vec<&str> = stamps
        .iter()
        .filter(|s| s.kind == StampKind::PageNumber)
        .map(|s| s.value.as_str())
        .collect();
    let n = printed.len();
    printed.dedup();
    assert_eq!(printed.len(), n);
    assert_eq!(pages + blanks + items, 44);
}
