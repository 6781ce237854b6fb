//! Reader tests on small inputs shaped like the hard cases of the shared packs.

use super::*;
use crate::model::Grid;
use crate::model::layout::StampKind;

/// The grids the table stage builds from the reader's blocks.
fn grids(l: &Layout) -> Vec<Grid> {
    crate::tables::text::grids(l)
}

fn line(l: &Layout, n: u32) -> &Line {
    l.pages[0].lines.iter().find(|x| x.source_line == Some(n)).expect("line exists")
}

#[test]
fn one_line_per_source_line() {
    let l = read("a\n\n \nb\r\nc");
    assert_eq!(l.pages.len(), 1);
    assert_eq!(l.pages[0].lines.len(), 5);
    assert_eq!(line(&l, 3).text, "", "a single-space placeholder is blank");
    assert_eq!(line(&l, 4).text, "b");
}

#[test]
fn glued_page_stamps() {
    let l =
        read("…local development plan. Page 90\nPage 47\nresidential and Page 94\nPage 148  \n");
    let p = &l.pages[0];
    assert_eq!(line(&l, 1).text, "…local development plan.");
    assert_eq!(line(&l, 2).text, "");
    assert_eq!(line(&l, 3).text, "residential and");
    let values: Vec<&str> = p.stamps.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["90", "47", "94", "148"]);
    assert!(p.stamps.iter().all(|s| s.kind == StampKind::PageNumber));
    assert_eq!(p.stamps[1].location.line, Some(2));
}

#[test]
fn page_stamp_in_first_cell() {
    let src = "Code\tIndicator\tValue\nSCS01\tReferrals\t12\nPage 22\tWaiting list\t7\nCPE Page 88\tTaxbase\t3\n";
    let l = read(src);
    let p = &l.pages[0];
    assert_eq!(grids(&l).len(), 1);
    let g = &grids(&l)[0];
    assert_eq!(g.id, "t1");
    assert_eq!(g.text(2, 0), "");
    assert_eq!(g.text(2, 1), "Waiting list");
    assert_eq!(g.text(3, 0), "CPE");
    assert_eq!(p.stamps.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(), ["22", "88"]);
    assert_eq!(line(&l, 3).text, "\tWaiting list\t7");
}

#[test]
fn blank_page_and_agenda_item_stamps() {
    let l = read("end of report\n\nThis page is intentionally left blank\nAgenda Item 20\n");
    let kinds: Vec<StampKind> = l.pages[0].stamps.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [StampKind::BlankPage, StampKind::AgendaItem]);
    assert_eq!(line(&l, 3).text, "");
}

#[test]
fn split_and_glued_bold() {
    let src = "**EDUCATION AND YOUNG PEOPLE'S SERVICES\nCABINET COMMITTEE**\nUNRESTRICTED ITEMS**233. Apologies and Substitutes**\n- H** The aim";
    let l = read(src);
    assert_eq!(line(&l, 1).text, "EDUCATION AND YOUNG PEOPLE'S SERVICES");
    assert!(line(&l, 1).is_bold());
    assert_eq!(line(&l, 2).text, "CABINET COMMITTEE");
    assert!(line(&l, 2).is_bold());
    let l3 = line(&l, 3);
    assert_eq!(l3.text, "UNRESTRICTED ITEMS233. Apologies and Substitutes");
    assert!(l3.runs.iter().any(|r| r.bold && r.text == "233. Apologies and Substitutes"));
    assert!(!l3.runs[0].bold);
    assert_eq!(line(&l, 4).text, "- H The aim");
    assert!(!line(&l, 4).is_bold());
}

#[test]
fn unclosed_tags_and_entities() {
    let src = "KEY ACTIVITY\tWHAT WE WILL DO\nEarly help\t<ul style=\"list-style-type: none\"> • Review <p>all plans</p>\nTotal - Children, Young People &amp; Education\t<b>565,619</b>\n";
    let l = read(src);
    let g = &grids(&l)[0];
    assert_eq!(g.text(1, 1), "• Review all plans");
    assert_eq!(g.text(2, 0), "Total - Children, Young People & Education");
    assert_eq!(g.text(2, 1), "565,619");
    assert!(g.rows[2][1].bold);
    let l2 = read("<p><b>RED:</b> below floor &amp; falling\n16<sup>th</sup> January");
    assert_eq!(line(&l2, 1).text, "RED: below floor & falling");
    assert!(line(&l2, 1).runs[0].bold);
    assert_eq!(line(&l2, 2).text, "16th January");
}

#[test]
fn trailing_and_consecutive_tabs() {
    let src = "Directorate\tBudget\tOutturn\tVariance\t\nPublic Health\t-\t-0.2\t\t-0.2\t\nTotal\t1\t2\t3\t\t\t\n";
    let l = read(src);
    let g = &grids(&l)[0];
    assert_eq!(g.columns, 5);
    assert_eq!(g.rows.len(), 3);
    assert!(g.rows.iter().all(|r| r.len() == 5));
    assert_eq!(g.text(1, 3), "");
    assert_eq!(g.text(1, 4), "-0.2");
    assert_eq!(g.header_rows, 1);
    assert_eq!(g.method, "tabs");
    assert_eq!(g.row_locations[2], Location::lines(3, 3));
    assert_eq!(line(&l, 2).grid, Some(0));
}

#[test]
fn multi_line_header_one_word_per_line() {
    let src = "\t2016-17\t2017-18\tFuture\tTotal\n\t\t\tyears\t\n\t£'000\t£'000\t£'000\t£'000\nBasic Need\t-835\t-835\t815\t-855\n";
    let l = read(src);
    let g = &grids(&l)[0];
    assert_eq!(g.header_rows, 3);
    assert_eq!(g.text(3, 4), "-855");
}

#[test]
fn blank_line_inside_table() {
    let src = "Borrowing\t975\t927\n\nOther Long Term Liabilities\t248\t271\nTotal\t1,223\t1,198\n\nprose";
    let l = read(src);
    assert_eq!(grids(&l).len(), 1);
    assert_eq!(grids(&l)[0].rows.len(), 3);
    assert_eq!(grids(&l)[0].location, Location::lines(1, 4));
    assert_eq!(line(&l, 2).grid, None);
}

#[test]
fn sub_table_repeating_the_column_headings_opens_a_table() {
    // Pack 000's capital cash limit changes: one sub-table per directorate after a blank line.
    let src = "GET - Environment\t2017-18\t2017-18\tFuture Years\tTotal\t\n\
               \t£'000\t£'000\t£'000\t£'000\t\n\
               Southborough Hub\t215\t\t\t215\tSpend agreed\n\
               \n\
               GET - Highways\t2017-18\t2018-19\tFuture Years\tTotal\t\n\
               \t£'000\t£'000\t£'000\t£'000\t\n\
               Rathmore Road\t-68\t36\t32\t0\tAdditional rephasing\n\
               \n\
               Duke of York Roundabout\t20\t\t\t20\tRephasing\n";
    let l = read(src);
    let g = &grids(&l);
    assert_eq!(g.len(), 2, "{g:#?}");
    assert_eq!(g[0].rows.len(), 3);
    assert_eq!(g[1].rows.len(), 4);
    assert_eq!(g[1].rows[0][0].text, "GET - Highways");
    // A body row after a blank line shares at most one cell with the heading row: bridged.
    assert_eq!(g[1].rows[3][0].text, "Duke of York Roundabout");
}

#[test]
fn blank_line_before_a_row_of_other_field_count_ends_the_table() {
    // Pack 002's investments: the total after the blank line has 2 TAB fields, the rows 4.
    let src = "Fund\tValue\tIncome\tTotal\nKent PFI (Holdings) Ltd\t£2,135,741\t\t\n\n\
               Total External Investments\t£68,391,913\n";
    let g = &grids(&read(src));
    assert_eq!(g.len(), 2, "{g:#?}");
    assert_eq!(g[1].rows[0][0].text, "Total External Investments");
}

#[test]
fn separate_tables_and_separator_rows() {
    let src = "A\tB\n1\t2\n\nTable 3: capital\nX\tY\tZ\n--------\t-----\t----\n3\t4\t5\n";
    let l = read(src);
    assert_eq!(grids(&l).len(), 2);
    assert_eq!(grids(&l)[1].id, "t5");
    assert_eq!(grids(&l)[1].rows.len(), 2);
    assert_eq!(grids(&l)[1].caption.as_deref(), Some("Table 3: capital"));
    assert_eq!(line(&l, 6).grid, None);
}

#[test]
fn pipe_table() {
    let src = "2015/16 Self-Assessment Grades\n\n- | | |\n|---------|------|\n| • Overall effectiveness | Good |\n| • Apprenticeships | **Good** |\n";
    let l = read(src);
    let g = &grids(&l)[0];
    assert_eq!(g.method, "pipes");
    assert_eq!(g.rows.len(), 2);
    assert_eq!(g.columns, 2);
    assert_eq!(g.header_rows, 0);
    assert_eq!(g.text(0, 0), "• Overall effectiveness");
    assert_eq!(g.text(1, 1), "Good");
    let l = read("| Name | Grade |\n|---|---|\n| A | 1 |\n| B | 2 |\n");
    let g = &grids(&l)[0];
    assert_eq!((g.header_rows, g.rows.len()), (1, 3));
}

#[test]
fn headings() {
    let l = read("## **1. Background**\n# AGENDA\n#hashtag");
    assert_eq!(line(&l, 1).heading, Some(2));
    assert_eq!(line(&l, 1).text, "1. Background");
    assert_eq!(line(&l, 2).heading, Some(1));
    assert_eq!(line(&l, 3).heading, None);
}

#[test]
fn italic_subtotal_cells() {
    let l =
        read("Directorate\tBudget\n<i>Sub Total SCH&W</i>\t<i>129,014.9</i>\nSchools\t<i>-</i>\n");
    let g = &grids(&l)[0];
    assert!(g.rows[1][0].italic && g.rows[1][1].italic);
    assert_eq!(g.text(1, 0), "Sub Total SCH&W");
    assert_eq!(g.text(2, 1), "-");
}

#[test]
fn separator_rows() {
    assert!(is_separator(&["--------------------", "-----", ""]));
    assert!(is_separator(&["|---|:---:|"]));
    assert!(!is_separator(&["-", "-"]));
    assert!(!is_separator(&["- re-phased", "12"]));
}
