//! Evidence before an `error`, on the figures of real Kent PDFs nobody typed up
//! (`../shared/corpus/wide` and `real`): identifier columns, relations no header states, a limit
//! on a loss, a percentage within the rounding of its operands, a total of named lines, and the
//! genuine errors that must stay errors.

use super::tests::{budget, errors, generic, run};
use super::*;
use crate::model::records::*;

/// Capital Investment Summary (Appendix A), page 1: the ROW REF column counts 7 … 15 down the
/// "Funded By" block, and "Total Finance" carries 15 where rows 7-14 "sum" to 84. The money
/// columns add up; the row references are not summed.
#[test]
fn row_references_are_not_summed() {
    let t = generic(
        "t1-2",
        1,
        &[
            &["", "", "Total Cost £000s", "Prior Years Spend £000s", "2025-26 £000s"],
            &["7", "Borrowing", "441,100", "74,485", "45,168"],
            &["8", "Property Enterprise Fund (PEF) 2", "369", "369", ""],
            &["9", "Grants", "1,117,976", "351,956", "153,413"],
            &["10", "Developer Contributions", "183,149", "44,695", "34,144"],
            &["11", "Other External Funding e.g. Arts Council", "27,182", "12,969", "11,124"],
            &["12", "Revenue Contributions to Capital", "85,401", "16,146", "13,685"],
            &["13", "Capital Receipts", "42,315", "16,711", "16,124"],
            &["14", "Recycled Loan Repayments", "110,258", "71,148", "9,409"],
            &["15", "Total Finance", "2,007,750", "588,479", "283,067"],
        ],
        1,
    );
    let records = Records { generic_tables: vec![t], ..Default::default() };
    let views = views_of(&records);
    assert!(views[0].columns[0].identifier, "the row references are an identifier column");
    assert!(!views[0].columns[2].identifier);
    let fs = run(&records);
    assert!(fs.iter().all(|f| f.severity < Severity::Warning), "{fs:#?}");
}

/// Capital Investment by Directorate (Appendix B), page 9: year columns 2029-30 … 2032-33 print
/// the same rolling programme each year (70, 900, 75, 61,320 …). No header states that a year is
/// the difference or sum of the two before it, so nothing is reported; the labelled total
/// (66,392 = the seven programmes) holds.
#[test]
fn year_columns_are_not_differences() {
    let t = budget(
        "t9-1",
        &[
            "Project",
            "ROW REF",
            "2029-30 / Year 5 / £000s",
            "2030-31 / Year 6 / £000s",
            "2031-32 / Year 7 / £000s",
            "2032-33 / Year 8 / £000s",
        ],
        &[
            &["Country Parks Access and Development", "1", "70", "70", "70", "70"],
            &["Public Rights of Way (PROW)", "2", "900", "900", "900", "900"],
            &["Public Sports Facilities Improvement", "3", "75", "75", "75", "75"],
            &["Village Halls and Community Centres", "4", "75", "75", "75", "75"],
            &[
                "Highways Asset Management/Annual Maintenance",
                "5",
                "61,320",
                "61,320",
                "61,320",
                "61,320",
            ],
            &["Integrated Transport Schemes", "6", "3,952", "3,952", "3,952", "3,952"],
            &["Old Highways Schemes, Residual Works, LCA Part 1", "7", "0", "0", "0", "0"],
            &["Total Rolling Programmes [3]", "8", "66,392", "66,392", "66,392", "66,392"],
            &["Digital Autopsy", "9", "0", "0", "0", "0"],
            &["Kent & Medway Business Fund", "14", "1,862", "0", "0", "0"],
            &["Kent & Medway Business Fund - Small Business Boost", "15", "1,975", "0", "0", "0"],
        ],
        1,
    );
    let fs = run(&Records { budget_tables: vec![t], ..Default::default() });
    assert!(fs.is_empty(), "{fs:#?}");
}

/// Mid-year treasury report (County Council, 13 March 2025), page 10: the one-year revenue
/// impact of a 1% fall in interest rates is −£3.1m against an upper limit of −£10m, within it. A
/// loss beyond the bound (−£12m, say) would breach it.
#[test]
fn a_negative_upper_limit_bounds_a_loss() {
    let table = |fall: &'static str| {
        generic(
            "t10-3",
            1,
            &[
                &["Interest rate risk indicator", "Actual 30/09/2024", "Upper Limit"],
                &["One-year revenue impact of a 1% rise in interest rates", "£3.1m", "£10m"],
                &["One-year revenue impact of a 1% fall in interest rates", fall, "-£10m"],
            ],
            1,
        )
    };
    let fs = run(&Records { generic_tables: vec![table("-£3.1m")], ..Default::default() });
    assert!(fs.is_empty(), "{fs:#?}");
    let fs = run(&Records { generic_tables: vec![table("-£12m")], ..Default::default() });
    let breach: Vec<_> = errors(&fs).into_iter().filter(|f| f.rule == "limit.breach").collect();
    assert_eq!(breach.len(), 1, "{fs:#?}");
    assert_eq!(breach[0].actual, "-12000000");
}

/// Revenue monitoring, Quarter 3 2024-25 (Cabinet, 30 January 2025), page 6: Corporately Held
/// Budgets +2.6 / −2.4 is −108.3%, printed −107.5%. Budget and variance printed to £0.1m may be
/// anywhere from −2.45 to −2.35 and 2.55 to 2.65, which gives −104.1% to −112.8%: rounding.
#[test]
fn a_percentage_within_the_rounding_of_its_operands_is_rounding() {
    let t = generic(
        "t6-1",
        1,
        &[
            &["", "Budget", "Forecast", "Variance", "Variance"],
            &["Adult Social Care & Health", "586.1", "621.6", "+35.4", "+6.0%"],
            &["Children, Young People & Education", "430.6", "420.8", "-9.9", "-2.3%"],
            &["Growth, Environment & Transport", "202.9", "209.2", "+6.3", "+3.1%"],
            &["Chief Executive's Department", "30.5", "29.3", "-1.2", "-3.9%"],
            &["Deputy Chief Executive's Department", "82.2", "79.2", "-3.0", "-3.6%"],
            &["Non Attributable Costs", "102.4", "95.4", "-7.0", "-6.8%"],
            &["Corporately Held Budgets", "-2.4", "0.2", "+2.6", "-107.5%"],
            &["Directorates Position", "1,432.3", "1,455.6", "+23.3", "+1.6%"],
        ],
        1,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    assert!(errors(&fs).is_empty(), "{fs:#?}");
    let pct: Vec<_> = fs.iter().filter(|f| f.rule == "derived.percentage").collect();
    assert_eq!(pct.len(), 1, "{fs:#?}");
    assert_eq!(
        (pct[0].row.as_deref(), pct[0].severity, pct[0].expected.as_str(), pct[0].actual.as_str()),
        (Some("Corporately Held Budgets"), Severity::Rounding, "-108.3", "-107.5")
    );
}

/// Budget by directorate (Appendix E, County Council, 13 February 2025), memorandum: "TOTAL
/// Savings for delivery in 2025-26" is new savings + new income + new grants + savings rolled
/// forward (−72,573.5 − 23,509.3 + 0.0 − 19,045.4 = −115,128.2 core), leaving out the removal of
/// undelivered savings and the unlabelled subtotal between them. It is explained, not reported.
#[test]
fn a_total_of_named_lines_further_up_is_explained() {
    let t = budget(
        "t1-1",
        &[
            "",
            "TOTAL Core £000s",
            "TOTAL External £000s",
            "TOTAL Total £000s",
            "ASCH Core £000s",
            "ASCH External £000s",
        ],
        &[
            &[
                "Removal of undelivered/temporary savings & grant",
                "34,555.7",
                "30.8",
                "34,586.5",
                "16,657.6",
                "30.8",
            ],
            &[
                "New & FYE of existing Savings",
                "-72,573.5",
                "-65.0",
                "-72,638.5",
                "-34,316.1",
                "-65.0",
            ],
            &["New & FYE of existing Income", "-23,509.3", "0.0", "-23,509.3", "-6,207.1", "0.0"],
            &["New & FYE of existing Grants", "0.0", "-28,996.5", "-28,996.5", "0.0", "-1,832.4"],
            &["", "-61,527.1", "-29,030.7", "-90,557.8", "-23,865.6", "-1,866.6"],
            &[
                "Prior Year savings rolling forward for delivery in 25-26",
                "-19,045.4",
                "-9.2",
                "-19,054.6",
                "-15,471.9",
                "-9.2",
            ],
            &[
                "TOTAL Savings for delivery in 2025-26",
                "-115,128.2",
                "-29,070.7",
                "-144,198.9",
                "-55,995.1",
                "-1,906.6",
            ],
        ],
        1,
    );
    let fs = run(&Records { budget_tables: vec![t], ..Default::default() });
    assert!(fs.is_empty(), "{fs:#?}");
}

/// Draft Revenue Budget 2025-26 (Cabinet, 30 January 2025), page 20, Table 6.1: the Increase
/// column states Increase = 2025-26 − 2024-25, which holds for six bands; band B (62.51 printed
/// 65.21) and band G (131.95 printed 133.95) are errors, with that evidence.
#[test]
fn council_tax_band_increases_that_are_not_the_difference_stay_errors() {
    let t = generic(
        "t20-1",
        1,
        &[
            &[
                "Band",
                "Proportion of Band D Tax Rate",
                "2024-25 (incl. ASCL) £p",
                "2025-26 (incl. increase in ASCL) £p",
                "Increase £p",
            ],
            &["A", "6/9", "1,073.88", "1,127.46", "53.58"],
            &["B", "7/9", "1,252.86", "1,315.37", "65.21"],
            &["C", "8/9", "1,431.84", "1,503.28", "71.44"],
            &["D", "9/9", "1,610.82", "1,691.19", "80.37"],
            &["E", "11/9", "1,968.78", "2,067.01", "98.23"],
            &["F", "13/9", "2,326.74", "2,442.83", "116.09"],
            &["G", "15/9", "2,684.70", "2,816.65", "133.95"],
            &["H", "18/9", "3,221.64", "3,382.38", "160.74"],
        ],
        1,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    let got: Vec<(&str, &str, &str)> =
        errs.iter().map(|f| (f.rule.as_str(), f.expected.as_str(), f.actual.as_str())).collect();
    assert_eq!(
        got,
        [("derived.movement", "62.51", "65.21"), ("derived.movement", "131.95", "133.95")],
        "{fs:#?}"
    );
    let ev = errs[0].evidence.as_ref().unwrap_or_else(|| panic!("no evidence"));
    assert_eq!((ev.held, ev.tested, ev.over.as_str()), (6, 8, "rows"));
    assert_eq!(ev.stated_by, "header 'Increase £p'");
    assert_eq!((errs[0].record.as_deref(), errs[0].row_index), (Some("cells"), Some(2)));
}

/// EYPS directorate budget 2017-18 (pack 003, lines 6938-6945): Net Cost = Gross Expenditure +
/// Internal Income + External Income + Grants on every row (8,428.9 + 0.0 − 684.0 − 2,960.6 =
/// 4,784.3), not the two columns just before it. A Net Cost misprinted by 10 is an error naming
/// the Gross relation.
#[test]
fn net_nets_its_gross_column_and_every_column_between() {
    let table = |net: &'static str| {
        generic(
            "t6938",
            2,
            &[
                &[
                    "Division",
                    "Staffing",
                    "Non-Staffing",
                    "Gross Expenditure",
                    "Internal Income",
                    "External Income",
                    "Grants",
                    "Net Cost",
                ],
                &["", "£000s", "£000s", "£000s", "£000s", "£000s", "£000s", "£000s"],
                &[
                    "Strategic Management",
                    "660.1",
                    "7,768.8",
                    "8,428.9",
                    "0.0",
                    "-684.0",
                    "-2,960.6",
                    net,
                ],
                &[
                    "Quality and Standards",
                    "20,696.9",
                    "9,013.4",
                    "29,710.3",
                    "-5,801.4",
                    "-5,377.0",
                    "-15,539.4",
                    "2,992.5",
                ],
                &[
                    "Planning and Access",
                    "14,319.1",
                    "193,068.9",
                    "207,388.0",
                    "-16,360.9",
                    "-12,229.7",
                    "-146,148.1",
                    "32,649.3",
                ],
                &[
                    "Early Help and Preventative Services",
                    "26,429.5",
                    "15,326.9",
                    "41,756.4",
                    "-6,224.2",
                    "-2,066.1",
                    "-16,662.0",
                    "16,804.1",
                ],
                &[
                    "Schools' Delegated Budgets",
                    "493,235.4",
                    "173,298.9",
                    "666,534.3",
                    "",
                    "-49,814.8",
                    "-616,719.5",
                    "0.0",
                ],
                &[
                    "Directorate Sub Total",
                    "555,341.0",
                    "398,476.9",
                    "953,817.9",
                    "-28,386.5",
                    "-70,171.6",
                    "-798,029.6",
                    "57,230.2",
                ],
            ],
            6938,
        )
    };
    let fs = run(&Records { generic_tables: vec![table("4,784.3")], ..Default::default() });
    assert!(fs.iter().all(|f| f.severity < Severity::Warning), "{fs:#?}");
    let fs = run(&Records { generic_tables: vec![table("4,794.3")], ..Default::default() });
    let errs = errors(&fs);
    assert!(!errs.is_empty(), "{fs:#?}");
    let net = errs
        .iter()
        .find(|f| f.rule == "sum.row_total" && f.row.as_deref() == Some("Strategic Management"))
        .unwrap_or_else(|| panic!("no error on Net Cost: {fs:#?}"));
    assert_eq!((net.expected.as_str(), net.actual.as_str()), ("4784.3", "4794.3"));
    let ev = net.evidence.as_ref().unwrap_or_else(|| panic!("no evidence"));
    assert!(ev.relation.contains("Gross Expenditure"), "{}", ev.relation);
    assert_eq!((ev.held, ev.tested), (5, 6));
}
