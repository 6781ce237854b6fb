//! The Budget Amendments pack draws its stamps ("Page N", "Agenda Item 6", "This page is
//! intentionally left blank") inside Form XObjects; all 44 are found and mapped to pages. Its
//! amendment forms set the form's number large beside two-line labels, read in order.

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

/// The budget amendment forms (p3 of the amendments pack): "Amendment" over "Name:" beside the
/// form's number set large; the two label lines stay two lines in reading order, so the form's
/// label cells read "Amendment Name:" and "Amendment Number:" (they read "Name:Amendment").
#[test]
fn amendment_form_labels_read_in_order_beside_the_large_number() {
    let Some(path) = agendapack::testsupport::shared_corpus_file(
        "real/kcc_cc_2025-02-13_budget_amendments_pack.pdf",
    ) else {
        return;
    };
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let layout = agendapack::ingest::pdf::read(&bytes, &agendapack::ingest::pdf::Limits::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<&str> = layout.pages[2].lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines[1], "Amendment Labour Group’s Alternative Budget\tAmendment", "{lines:?}");
    assert_eq!(lines[2], "Name:\tNumber:\t1", "{lines:?}");
    let grids = agendapack::tables::grids(&layout);
    let form = grids.iter().find(|g| g.id == "t3-1").unwrap_or_else(|| panic!("no grid t3-1"));
    assert_eq!(form.text(1, 0), "Amendment Name:");
    assert_eq!(form.text(1, 2), "Amendment Number:");
}
