//! Rules on hand-built records, with the figures of the agenda packs the rules were written for.

use super::table::parse_amount;
use super::*;
use crate::model::Cell;
use crate::model::records::*;

pub(super) fn loc(line: u32) -> Location {
    Location::lines(line, line)
}

/// A budget table from rows of cells; the first cell of each row is the label. Row `i` sits at
/// source line `first_line + i`.
pub(super) fn budget(id: &str, headers: &[&str], rows: &[&[&str]], first_line: u32) -> BudgetTable {
    let columns = headers
        .iter()
        .enumerate()
        .map(|(i, h)| BudgetColumn {
            index: i,
            header: h.to_string(),
            role: if i == 0 { ColumnRole::Label } else { ColumnRole::Other },
            unit: None,
            period: None,
            group: None,
            qualifier: None,
            scale: None,
        })
        .collect();
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, r)| BudgetRow {
            index: i,
            label: r[0].to_string(),
            level: RowLevel::Line,
            values: (0..headers.len())
                .map(|c| if c == 0 { None } else { Some(parse_amount(r.get(c).unwrap_or(&""))) })
                .collect(),
            bold: false,
            italic: false,
            location: loc(first_line + i as u32),
        })
        .collect();
    BudgetTable {
        table: id.into(),
        caption: None,
        section: Some("report".into()),
        unit: None,
        columns,
        rows,
        location: loc(first_line),
    }
}

pub(super) fn generic(
    id: &str,
    header_rows: usize,
    rows: &[&[&str]],
    first_line: u32,
) -> GenericTable {
    GenericTable {
        table: id.into(),
        caption: None,
        header_rows,
        rows: rows.iter().map(|r| r.iter().map(|c| Cell::new(*c)).collect()).collect(),
        location: Location::lines(first_line, first_line + rows.len() as u32 - 1),
    }
}

pub(super) fn run(records: &Records) -> Vec<Finding> {
    validate("doc", &Pack::default(), records)
}

pub(super) fn errors(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity == Severity::Error).collect()
}

#[test]
fn authorised_limit_total_that_leaves_out_ten() {
    // Treasury review Appendix 1, PI5 (KCC): 1,015 + 258 = 1,273 printed 1,263; 927 + 271 = 1,198.
    let t = generic(
        "t3384",
        1,
        &[
            &["", "Prudential Indicator £m", "Position as at 31 March 2017 £m"],
            &["Borrowing", "1,015", "927"],
            &["Other long term liabilities", "258", "271"],
            &["Total", "1,263", "1,198"],
        ],
        3384,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let sums: Vec<_> = errors(&fs).into_iter().filter(|f| f.rule == "sum.column_total").collect();
    assert_eq!(sums.len(), 1, "{fs:#?}");
    assert_eq!(sums[0].expected, "1273");
    assert_eq!(sums[0].actual, "1263");
    assert_eq!(sums[0].row.as_deref(), Some("Total"));
    assert_eq!(sums[0].location.line, Some(3387));
    // The liabilities line is over its limit (271 > 258): a breach, on line 3386.
    let breach: Vec<_> = fs.iter().filter(|f| f.rule == "limit.breach").collect();
    assert_eq!(breach.len(), 1, "{fs:#?}");
    assert_eq!(breach[0].location.line, Some(3386));
    assert_eq!(breach[0].actual, "271");
}

#[test]
fn provision_totals_leave_out_a_row() {
    // SEND strategy, children receiving provision: `Independent` is an unlabelled subtotal of the
    // two rows above; TOTALS for 2016-17 leaves out SPI and CCP (55) and 2017-18 is off by 142.
    let t = budget(
        "t2876",
        &["", "2013-14", "2014-15", "2015-16", "2016-17", "2017-18"],
        &[
            &["Special Schools", "3,272", "3,349", "3,572", "3,688", "3,733"],
            &["Resource Provision", "804", "810", "874", "859", "900"],
            &["Mainstream Schools", "802", "860", "1,475", "1,916", "2,129"],
            &["Independent - pre 16", "458", "491", "521", "533", "533"],
            &["Independent post 16", "87", "71", "64", "52", "52"],
            &["Independent", "545", "562", "585", "585", "585"],
            &["OLA Maintained", "95", "103", "87", "108", "108"],
            &["FE Colleges", "467", "570", "636", "845", "845"],
            &["SPI and CCP", "", "", "", "55", "141"],
            &["TOTALS", "5,985", "6,254", "7,229", "8,001", "8,299"],
        ],
        2878,
    );
    let fs = run(&Records { budget_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 2, "{fs:#?}");
    assert!(
        errs.iter().all(|f| f.rule == "sum.column_total" && f.row.as_deref() == Some("TOTALS"))
    );
    assert_eq!((errs[0].column.as_deref(), errs[0].expected.as_str()), (Some("2016-17"), "8056"));
    assert_eq!((errs[1].column.as_deref(), errs[1].expected.as_str()), (Some("2017-18"), "8441"));
}

#[test]
fn table_1a_outturn_holds_everywhere() {
    // Budget outturn 2016-17, Table 1a: subtotal, totals, variance, movement and the roll-forward
    // block all hold, so there is no error and no warning.
    let t = budget(
        "t244",
        &[
            "Directorate",
            "Budget £'000",
            "Provisional Outturn £'000",
            "Net Variance £'000",
            "Variance per last Cabinet report £'000",
            "Movement £'000",
        ],
        &[
            &[
                "Education & Young People's Services",
                "49,078.4",
                "+48,373.1",
                "-705.3",
                "+953",
                "-1,658.3",
            ],
            &[
                "SCH&W - Specialist Children's Services",
                "128,464.9",
                "+132,963.6",
                "+4,498.7",
                "+4,894",
                "-395.3",
            ],
            &["SCH&W - Asylum", "550.0", "+1,516.1", "+966.1", "+1,679", "-712.9"],
            &[
                "<i>Sub Total SCH&W - Specialist Children's</i>",
                "<i>129,014.9</i>",
                "<i>+134,479.7</i>",
                "<i>+5,464.8</i>",
                "<i>+6,573</i>",
                "<i>-1,108.2</i>",
            ],
            &["SCH&W - Adults", "362,182.1", "+361,940.9", "-241.2", "-1,861", "+1,619.8"],
            &["SCH&W - Public Health", "-", "-0.2", "-0.2", "-", "-0.2"],
            &[
                "Growth, Environment & Transport",
                "166,947.5",
                "+165,845.9",
                "-1,101.6",
                "-485",
                "-616.6",
            ],
            &[
                "Strategic & Corporate Services",
                "71,112.6",
                "+69,659.2",
                "-1,453.4",
                "-628",
                "-825.4",
            ],
            &["Financing Items", "142,711.3", "+136,976.6", "-5,734.7", "-4,328", "-1,406.7"],
            &["TOTAL (excl Schools)", "921,046.8", "+917,275.2", "-3,771.6", "+224", "-3,995.6"],
            &[
                "<i>Schools (E&YP Directorate)</i>",
                "<i>-</i>",
                "<i>+23,644.6</i>",
                "<i>+23,644.6</i>",
                "<i>+20,857</i>",
                "<i>+2,787.6</i>",
            ],
            &["TOTAL", "921,046.8", "+940,919.8", "+19,873.0", "+21,081", "-1,208.0"],
            &["Variance per table above (excl schools)", "", "", "-3,771.6", "+224", "-3,995.6"],
            &["roll forwards - committed", "", "", "+589.4", "+1,594", "-1,004.6"],
            &["- re-phased", "", "", "+2,066.1", "+832", "+1,234.1"],
            &["- bids", "", "", "+518.5", "+64", "+454.5"],
            &["Total roll forward requirements", "", "", "+3,174.0", "+2,490", "+684.0"],
            &["uncommitted balance", "", "", "-597.6", "+2,714", "-3,311.6"],
        ],
        245,
    );
    let fs = run(&Records { budget_tables: vec![t], ..Default::default() });
    let loud: Vec<_> = fs.iter().filter(|f| f.severity >= Severity::Warning).collect();
    assert!(loud.is_empty(), "{loud:#?}");
}

#[test]
fn partner_contributions_total_is_two_thousand_short() {
    // Safeguarding board Appendix C: the per-unit rows (each x 7, each x 6) make up Total Health
    // Contributions; every line sums to 237,458 in both years but the Total says 235,458.
    let t = generic(
        "t2021",
        1,
        &[
            &["Agency", "Contribution 15-16", "Contribution 16-17"],
            &["KCC Education and Young People's Services", "40,167.00", "40,167.00"],
            &["KCC Youth Offending Service", "8,000.00", "8,000.00"],
            &["KCC Specialist Children's Services", "40,157.00", "40,157.00"],
            &["National Probation Service / Kent, Surrey and Sussex CRC", "6,276.00", "6,276.00"],
            &["Kent Police and Crime Commissioner", "45,934", "45,934"],
            &["CAFCASS", "550.00", "550.00"],
            &["Connexions (CXK)", "1,000", "1,000"],
            &["Kent CCGs (each) x 7", "6951.85", "6951.85"],
            &["Health Providers (each) x 6", "6951.85", "6951.85"],
            &["Total Health Contributions", "90,374.00", "90,374.00"],
            &["Kent Fire and Rescue Service", "5,000.00", "5,000.00"],
            &["Total", "£235,458", "£235,458"],
        ],
        2021,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 2, "{fs:#?}");
    for f in &errs {
        assert_eq!(
            (f.rule.as_str(), f.expected.as_str(), f.actual.as_str()),
            ("sum.column_total", "237458", "235458")
        );
        assert_eq!(f.location.line, Some(2033));
    }
    // 13 x 6,951.85 = 90,374.05 against 90,374.00: rounding, not an error.
    assert!(fs.iter().any(|f| f.severity == Severity::Rounding
        && f.row.as_deref() == Some("Total Health Contributions")));
}

#[test]
fn revenue_plan_total_spending_core_misprint() {
    // CYPE Appendix D 2024-25: TOTAL SPENDING core printed 109,578.3; the rows sum to 209,578.3
    // and core + external (-9,380.7) must give the printed total 200,197.6.
    let t = generic(
        "t2561",
        2,
        &[
            &["2024-25", "", "", "", "2025-26", "", ""],
            &[
                "Core £000s",
                "External £000s",
                "Total £000s",
                "",
                "Core £000s",
                "External £000s",
                "Total £000s",
            ],
            &["", "", "", "<b>SPENDING</b>", "", "", ""],
            &["31,721.5", "", "31,721.5", "Base Budget Changes", "10,425.7", "-744.1", "9,681.6"],
            &["35.0", "", "35.0", "Reduction in Grant Income", "3,234.7", "11,276.2", "14,510.9"],
            &["10,798.4", "505.1", "11,303.5", "Pay", "21,645.7", "626.9", "22,272.6"],
            &["49,568.4", "1,695.6", "51,264.0", "Prices", "41,407.1", "1,944.4", "43,351.5"],
            &[
                "85,349.7",
                "284.7",
                "85,634.4",
                "Demand & Cost Drivers - Cost",
                "48,209.4",
                "0.0",
                "48,209.4",
            ],
            &["", "", "0.0", "Demand & Cost Drivers - Demand", "22,989.0", "24,150.3", "47,139.3"],
            &[
                "16,393.1",
                "-10,327.3",
                "6,065.8",
                "Government & Legislative",
                "-14,751.5",
                "5,814.5",
                "-8,937.0",
            ],
            &[
                "15,712.2",
                "-1,538.8",
                "14,173.4",
                "Service Strategies & Improvements",
                "17,278.5",
                "2,136.2",
                "19,414.7",
            ],
            &[
                "109,578.3",
                "-9,380.7",
                "200,197.6",
                "<b>TOTAL SPENDING</b>",
                "<b>150,438.6</b>",
                "<b>45,204.4</b>",
                "<b>195,643.0</b>",
            ],
        ],
        2564,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    assert!(!errs.is_empty(), "{fs:#?}");
    assert!(errs.iter().all(|f| f.location.line == Some(2575)), "{errs:#?}");
    let col = errs.iter().find(|f| f.rule == "sum.column_total").expect("column total finding");
    assert_eq!((col.expected.as_str(), col.actual.as_str()), ("209578.3", "109578.3"));
    assert!(
        errs.iter().any(|f| f.rule == "sum.row_total" && f.expected == "100197.6"),
        "{errs:#?}"
    );
}

#[test]
fn safeguarding_change_column_minus_thirteen() {
    // Safeguarding figures: an unheaded change column; 252 - 263 = -11 printed -13.
    let t = generic(
        "t1035",
        1,
        &[
            &["", "Mar-16", "Mar-17", ""],
            &["Number of Children in Care (CiC):", "2,320", "1,893", "-427"],
            &["Number of children on a Child Protection (CP) plan:", "1,049", "1,185", "+136"],
            &[
                "Number of children on a CP Plan for a second or subsequent time:",
                "263",
                "252",
                "-13",
            ],
            &["Number of Child in Need (CIN) plans in place:", "2,091", "2,023", "-68"],
            &["Number of contacts to Central Duty Team:", "28,335", "30,351", "+2,016"],
        ],
        1037,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 1, "{fs:#?}");
    assert_eq!(errs[0].rule, "derived.movement");
    assert_eq!((errs[0].expected.as_str(), errs[0].actual.as_str()), ("-11", "-13"));
    assert_eq!(errs[0].location.line, Some(1040));
}

#[test]
fn mtfp_table_differences_are_rounding_only() {
    // CYPE Table 1: Chandler 17.2 - 8.1 = 9.1 printed 9.2 is rounding; NET TOTAL CHANGE is a
    // difference, not a sum, and is not reported as an error.
    let t = generic(
        "t2308",
        2,
        &[
            &["Table 1", "Rory Love (Education)", "", "", "Sue Chandler", "", ""],
            &[
                "Draft MTFP Presentation",
                "Spend £’ms",
                "Saving £’ms",
                "Net £’ms",
                "Spend £’ms",
                "Saving £’ms",
                "Net £’ms",
            ],
            &["November", "18.3", "-14.1", "4.2", "17.2", "-8.1", "9.2"],
            &["Latest", "15.1", "-14.0", "1.1", "25.2", "-7.2", "18.0"],
            &[
                "<b>NET TOTAL CHANGE</b>",
                "<b>-3.2</b>",
                "<b>0.1</b>",
                "<b>-3.1</b>",
                "<b>+8.0</b>",
                "<b>+0.9</b>",
                "<b>+8.9</b>",
            ],
        ],
        2308,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    assert!(errors(&fs).is_empty(), "{fs:#?}");
}

#[test]
fn maturity_bands_outside_their_limits() {
    let t = generic(
        "t3412",
        2,
        &[
            &["", "Upper limit", "Lower limit", "As at 31 March 2017"],
            &["", "%", "%", "%"],
            &["10 years and within 20 years", "20", "5", "9.18"],
            &["20 years and within 30 years", "20", "5", "20.19"],
            &["30 years and within 40 years", "25", "10", "16.64"],
            &["50 years and within 60 years", "30", "10", "6.78"],
        ],
        3412,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 2, "{fs:#?}");
    assert_eq!(
        (errs[0].row.as_deref(), errs[0].actual.as_str()),
        (Some("20 years and within 30 years"), "20.19")
    );
    assert_eq!(
        (errs[1].row.as_deref(), errs[1].expected.as_str()),
        (Some("50 years and within 60 years"), "at least 10")
    );
}

fn kpi(code: &str, description: &str, polarity: Polarity, line: u32) -> KpiRow {
    let mut k = KpiRow::new("scorecard", description, loc(line));
    k.code = Some(code.into());
    k.polarity = Some(polarity);
    k.layout = Some("monthly".into());
    k
}

fn a(s: &str) -> Option<grammars::amount::Amount> {
    Some(parse_amount(s))
}

fn trend(values: &[(&str, &str)]) -> Vec<PeriodValue> {
    values
        .iter()
        .map(|(p, v)| PeriodValue { period: p.to_string(), value: parse_amount(v) })
        .collect()
}

#[test]
fn rag_ratings_against_target_and_polarity() {
    // Average caseload within EH units: lower is better, 13.4 against 20.0 rated AMBER.
    let mut eh = kpi("", "Average Caseload within EH Units (Families)", Polarity::Low, 509);
    (eh.latest, eh.target, eh.rag) = (a("13.4"), a("20.0"), Some(Rag::Amber));
    (eh.prior_outturn, eh.prior_target, eh.prior_rag) = (a("14.3"), a("15.0"), Some(Rag::Green));
    // SCS19 73.1 against 85.0, floor 75.0: RED is right.
    let mut scs19 = kpi("SCS19", "Percentage of CIC Foster Care", Polarity::High, 498);
    (scs19.latest, scs19.target, scs19.floor, scs19.rag) =
        (a("73.1"), a("85.0"), a("75.0"), Some(Rag::Red));
    // EH16 2015-16: 83.4 against 80 (higher is better) rated RED.
    let mut eh16 =
        kpi("EH16", "Percentage of cases closed with outcomes achieved", Polarity::High, 9367);
    (eh16.latest, eh16.target, eh16.rag) = (a("76.9"), a("86"), Some(Rag::Red));
    (eh16.prior_outturn, eh16.prior_target, eh16.prior_rag) = (a("83.4"), a("80"), Some(Rag::Red));
    // CYPE8 Dartford 2023-24: 31.4 against 28.7, lower is better, rated GREEN.
    let mut cype8 = kpi("CYPE8", "Rate of proven re-offending by CYP", Polarity::Low, 1359);
    (cype8.prior_outturn, cype8.prior_target, cype8.prior_rag) =
        (a("31.4"), a("28.7"), Some(Rag::Green));
    let fs = run(&Records { kpis: vec![eh, scs19, eh16, cype8], ..Default::default() });
    let rag: Vec<_> = fs.iter().filter(|f| f.rule == "rag.rating").collect();
    assert_eq!(rag.len(), 3, "{fs:#?}");
    let lines: Vec<_> =
        rag.iter().map(|f| (f.location.line, f.expected.as_str(), f.actual.as_str())).collect();
    assert!(lines.contains(&(Some(509), "GREEN", "AMBER")), "{lines:?}");
    assert!(lines.contains(&(Some(9367), "GREEN", "RED")), "{lines:?}");
    assert!(lines.contains(&(Some(1359), "AMBER or RED", "GREEN")), "{lines:?}");
}

#[test]
fn directions_of_travel() {
    // Progress 8: -0.19 -> -0.12 is an improvement, printed ↓.
    let mut p8 = kpi("", "Average score at KS4 in Progress 8 - all pupils", Polarity::High, 616);
    p8.trend = trend(&[("2019-20", "N/A"), ("2020-21", "N/A"), ("2021-22", "-0.19")]);
    (p8.latest, p8.direction, p8.direction_raw) =
        (a("-0.12"), Some(Direction::Worsening), Some("↓".into()));
    // KS5 32.8 -> 32.83 at one decimal is unchanged: ↔ is right.
    let mut ks5 =
        kpi("CYPE24", "Average point score per Applied General entry", Polarity::High, 1256);
    ks5.trend = trend(&[("2021-22", "33.1"), ("2022-23", "32.8")]);
    (ks5.latest, ks5.direction) = (a("32.83"), Some(Direction::Unchanged));
    // Termly: Summer 22-23 65.2 -> Summer 23-24 67.8 is ↑, although Spring was 72.6.
    let mut ey2 = kpi("EY2", "Percentage of DWP 2 year olds", Polarity::High, 530);
    ey2.layout = Some("termly".into());
    ey2.trend = trend(&[
        ("Summer 22-23", "65.2"),
        ("Autumn 23-24", "79.0"),
        ("Spring 23-24", "72.6"),
        ("Summer 23-24", "67.8"),
    ]);
    (ey2.latest, ey2.direction) = (a("67.8"), Some(Direction::Improving));
    // EH52: 41.8 -> 40.6 with no arrow printed.
    let mut eh52 = kpi("EH52", "Percentage of open cases with a plan", Polarity::High, 9369);
    eh52.trend = trend(&[("Previously Reported", "41.8")]);
    (eh52.latest, eh52.target, eh52.rag) = (a("40.6"), a("80"), Some(Rag::Red));
    // APP17-N, a numerator series with no rating, owes no direction.
    let mut n = kpi("APP17-N", "Total number of EHCPs issued within 20 weeks", Polarity::High, 475);
    n.trend = trend(&[("Sep-24", "126")]);
    n.latest = a("90");
    let fs = run(&Records { kpis: vec![p8, ks5, ey2, eh52, n], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 2, "{fs:#?}");
    assert_eq!((errs[0].rule.as_str(), errs[0].location.line), ("rag.direction", Some(616)));
    assert_eq!(
        (errs[1].rule.as_str(), errs[1].location.line),
        ("rag.direction_missing", Some(9369))
    );
}

#[test]
fn kpi_value_against_numerator_and_denominator() {
    let mut cype8 = kpi("CYPE8", "Rate of proven re-offending by CYP", Polarity::Low, 1359);
    (cype8.latest, cype8.numerator, cype8.denominator) = (a("28.1"), a("9"), a("31"));
    let mut scs19 = kpi("SCS19", "Percentage of CIC Foster Care", Polarity::High, 498);
    (scs19.latest, scs19.numerator, scs19.denominator) = (a("73.1"), a("757"), a("1,036"));
    let mut scs29 = kpi(
        "SCS29",
        "Average number of days between becoming a child in care and moving in with an adoptive family",
        Polarity::Low,
        499,
    );
    (scs29.latest, scs29.numerator, scs29.denominator) = (a("368.6"), a("23,222"), a("63"));
    let mut ey2 = kpi(
        "EY2",
        "Percentage of DWP and other identified eligible 2 year olds",
        Polarity::High,
        1245,
    );
    (ey2.latest, ey2.numerator, ey2.denominator) = (a("65.0"), a("252"), a("388"));
    let mut sise4 = kpi(
        "SISE4",
        "Percentage of pupils at KS2 achieving age-related expectations",
        Polarity::High,
        1384,
    );
    (sise4.latest, sise4.numerator, sise4.denominator) = (a("67.1"), a("112"), a("1,671"));
    let fs = run(&Records { kpis: vec![cype8, scs19, scs29, ey2, sise4], ..Default::default() });
    let ratio: Vec<_> = fs.iter().filter(|f| f.rule == "kpi.ratio").collect();
    assert_eq!(ratio.len(), 3, "{fs:#?}");
    let by_line = |l: u32| {
        ratio.iter().find(|f| f.location.line == Some(l)).map(|f| (f.severity, f.expected.clone()))
    };
    assert_eq!(by_line(1359), Some((Severity::Error, "29.0".into())));
    assert_eq!(by_line(1384), Some((Severity::Error, "6.7".into())));
    assert_eq!(by_line(1245).map(|x| x.0), Some(Severity::Rounding));
}

fn vote(counts: &[(&str, u32)], names: &[(&str, &str)], result: Option<&str>) -> Vote {
    Vote {
        id: "v1".into(),
        minute: Some("26".into()),
        motion_text: "Member remuneration".into(),
        motion_classification: vec!["amendment".into()],
        start_date: Some("2017-07-13".into()),
        organization: Some("County Council".into()),
        meeting_id: Some("m1".into()),
        mover: None,
        seconder: None,
        counts: counts
            .iter()
            .map(|(o, v)| VoteCount { option: o.to_string(), label: o.to_string(), value: *v })
            .collect(),
        votes: names
            .iter()
            .map(|(o, n)| VoterRecord { option: o.to_string(), voter_name: n.to_string() })
            .collect(),
        result_raw: result.map(str::to_string),
        result: None,
        count_only: names.is_empty(),
        sources: Vec::new(),
        location: loc(243),
    }
}

#[test]
fn vote_tallies() {
    // Names against counts, an outcome against the counts, a member under two options.
    let bad = vote(
        &[("yes", 3), ("no", 1)],
        &[("yes", "Mr R Bird"), ("yes", "Mrs S Prendergast"), ("no", "Mr R Bird")],
        Some("Amendment lost"),
    );
    let fs = run(&Records { votes: vec![bad], ..Default::default() });
    let rules: Vec<&str> = errors(&fs).iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"vote.count_names"), "{rules:?}");
    assert!(rules.contains(&"vote.outcome"), "{rules:?}");
    assert!(rules.contains(&"vote.duplicate_member"), "{rules:?}");
    // 10 for, 0 against, 1 abstention with 12 present and "carried": consistent.
    let good = vote(&[("yes", 10), ("no", 0), ("abstain", 1)], &[], Some("carried"));
    let present = Attendance {
        meeting_id: Some("m1".into()),
        meeting_date: None,
        body: None,
        present: (0..12).map(|i| format!("Member {i}")).collect(),
        in_attendance: vec![],
        also_present: vec![],
        apologies: vec![],
        substitutes: vec![],
        location: loc(166),
    };
    let fs = run(&Records {
        votes: vec![good.clone()],
        attendance: vec![present.clone()],
        ..Default::default()
    });
    assert!(fs.is_empty(), "{fs:#?}");
    let mut over = good;
    over.counts[0].value = 12;
    let fs = run(&Records { votes: vec![over], attendance: vec![present], ..Default::default() });
    assert_eq!(
        errors(&fs).iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(),
        vec!["vote.exceeds_present"]
    );
}

fn summary(section: &str, c: [Option<u32>; 6], line: u32) -> RagSummary {
    let mut s = RagSummary::new("", section, loc(line));
    [s.green, s.amber, s.red, s.improving, s.unchanged, s.worsening] = c;
    s
}

#[test]
fn rag_summaries_tie_and_total() {
    // QPR executive summary gives ED&C ↑2 ↓0; the directorate summary gives ↑1 ↓1.
    let exec = vec![
        summary("Customer Services", [Some(2), Some(1), None, None, Some(1), Some(2)], 1576),
        summary(
            "Economic Development & Communities",
            [Some(1), Some(1), None, Some(2), None, None],
            1577,
        ),
        summary("TOTAL", [Some(3), Some(2), None, Some(2), Some(1), Some(2)], 1583),
        summary(
            "Economic Development & Communities",
            [Some(1), Some(1), None, Some(1), None, Some(1)],
            1712,
        ),
    ];
    let fs = run(&Records { rag_summaries: exec, ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 2, "{fs:#?}");
    assert!(errs.iter().all(|f| f.rule == "rag.summary_tie" && f.location.line == Some(1712)));
    let cols: Vec<_> = errs.iter().map(|f| f.column.as_deref().unwrap_or("")).collect();
    assert_eq!(cols, vec!["improving", "worsening"]);
}

#[test]
fn percentage_series_against_numerator_and_denominator_rows() {
    // APP17: April 19.9 with 45 / 248 = 18.1; October 76.9 with 90 / 117 holds.
    let series = |code: &str, desc: &str, vals: &[(&str, &str)], line: u32| {
        let mut k = kpi(code, desc, Polarity::High, line);
        k.trend = trend(vals);
        k
    };
    let p = series(
        "APP17",
        "Percentage of EHCPs issued within 20 weeks",
        &[("Apr-24", "19.9"), ("Oct-24", "76.9")],
        474,
    );
    let n = series(
        "APP17-N",
        "Total number of EHCPs issued within 20 weeks",
        &[("Apr-24", "45"), ("Oct-24", "90")],
        475,
    );
    let d = series(
        "APP17-D",
        "Total number of EHCPs issued",
        &[("Apr-24", "248"), ("Oct-24", "117")],
        476,
    );
    let fs = run(&Records { kpis: vec![p, n, d], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 1, "{fs:#?}");
    assert_eq!(
        (errs[0].rule.as_str(), errs[0].column.as_deref(), errs[0].expected.as_str()),
        ("kpi.ratio", Some("Apr-24"), "18.1")
    );
}

#[test]
fn stated_share_columns() {
    // SEND predicted population: 3% of 367,000 = 11,010, printed 11,101.
    let t = generic(
        "t3166",
        1,
        &[
            &["Age range", "2016", "2018", "2020", "7% of 2020", "3% of 2020"],
            &["0 – 18", "531,400", "357,000", "367,000", "25,690", "11,101"],
            &["0 - 25", "480,900", "486,000", "493,000", "34,510", "14,790"],
        ],
        3166,
    );
    let fs = run(&Records { generic_tables: vec![t], ..Default::default() });
    let errs = errors(&fs);
    assert_eq!(errs.len(), 1, "{fs:#?}");
    assert_eq!(
        (errs[0].rule.as_str(), errs[0].expected.as_str(), errs[0].location.line),
        ("derived.stated_share", "11010", Some(3167))
    );
}

#[test]
fn misread_kpi_records_are_not_judged() {
    // A record whose values hold a rating word was read with its columns out of place.
    let mut k =
        kpi("EH16", "Percentage of cases closed with outcomes achieved", Polarity::High, 9367);
    k.trend = trend(&[("t1", "↑"), ("t2", "76.0"), ("t4", "RED")]);
    (k.latest, k.target, k.rag) = (a("RED"), a("80"), Some(Rag::Red));
    let fs = run(&Records { kpis: vec![k], ..Default::default() });
    assert!(errors(&fs).is_empty(), "{fs:#?}");
    assert_eq!(fs.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), vec!["kpi.unreadable"]);
}
