//! Budget tables of the shared text packs 000, 002 and 004: column roles, units, row levels and
//! named cell values read from the packs (line numbers are the packs' own).

mod extract_common;

use agendapack::model::records::{ColumnRole, RowLevel};
use extract_common::{assert_values, budget_row, pack};

const P000: &str = "000_89a7eb97841dfc38.txt";
const P002: &str = "002_44206e63360eab18.txt";
const P004: &str = "004_d4ce2142da2e6789.txt";

fn roles(t: &agendapack::model::records::BudgetTable) -> Vec<ColumnRole> {
    t.columns.iter().map(|c| c.role).collect()
}

#[test]
fn pack_000_budget_tables() {
    let Some((_, _, r)) = pack(P000) else { return };
    let mut n = 0;

    // Table 1a: directorate revenue outturn, £'000.
    let (t, row) = budget_row(&r, 254);
    use ColumnRole::*;
    assert_eq!(roles(t), vec![Label, Budget, Forecast, Variance, VarianceLastReported, Movement]);
    assert_eq!(t.unit.as_deref(), Some("£'000"));
    assert!(t.columns[1..].iter().all(|c| c.scale == Some(3)));
    assert_eq!(row.label, "TOTAL (excl Schools)");
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(
        &r,
        254,
        &[(1, "921046.8"), (2, "917275.2"), (3, "-3771.6"), (4, "224"), (5, "-3995.6")],
    );
    assert_eq!(budget_row(&r, 256).1.level, RowLevel::Total);
    n += assert_values(&r, 256, &[(2, "940919.8"), (3, "19873.0")]);
    let (_, sub) = budget_row(&r, 248);
    assert_eq!(sub.level, RowLevel::Subtotal);
    assert!(sub.italic, "the subtotal row is printed in italics");
    n += assert_values(&r, 248, &[(3, "5464.8")]);
    n += assert_values(&r, 250, &[(1, "nil"), (2, "-0.2"), (3, "-0.2"), (4, "nil")]);
    n += assert_values(&r, 262, &[(1, ""), (3, "-597.6"), (4, "2714"), (5, "-3311.6")]);
    assert_eq!(budget_row(&r, 246).1.level, RowLevel::Line);

    // Table 1b: roll forwards under a merged header.
    let (t, _) = budget_row(&r, 274);
    assert_eq!(
        roles(t),
        vec![
            Label,
            Variance,
            RollForwardCommitted,
            RollForwardRephased,
            RollForwardBids,
            RollForwardTotal,
            RevisedVariance
        ]
    );
    assert_eq!(t.columns[2].group.as_deref(), Some("Roll forwards"));
    n += assert_values(
        &r,
        274,
        &[(2, "427.7"), (3, "nil"), (4, "418.5"), (5, "846.2"), (6, "-255.4")],
    );
    assert_eq!(budget_row(&r, 277).1.level, RowLevel::Total);

    // Schools reserves use.
    n += assert_values(&r, 407, &[(1, "10303"), (2, "2338"), (3, "7965")]);

    // Table 2: the unit sits in the label header cell "(£m)".
    let (t, _) = budget_row(&r, 416);
    assert_eq!(t.unit.as_deref(), Some("£m"));
    assert_eq!(t.columns[1].role, Budget);
    assert_eq!(t.columns[2].role, Forecast);
    assert_eq!(t.columns[1].scale, Some(6));
    n += assert_values(&r, 416, &[(1, "8.700"), (2, "7.473"), (3, "5.408"), (4, "2.065")]);

    // Table 3: capital, £m, last reported and movement split into real and re-phasing.
    let (t, row) = budget_row(&r, 442);
    assert_eq!(t.unit.as_deref(), Some("£m"));
    assert_eq!(roles(t)[..5], [Label, Budget, Variance, RealVariance, RephasingVariance]);
    assert_eq!(t.columns[5].role, VarianceLastReported);
    assert_eq!(t.columns[5].qualifier, Some(RealVariance));
    assert_eq!(t.columns[8].role, Movement);
    assert_eq!(t.columns[8].qualifier, Some(RephasingVariance));
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(
        &r,
        442,
        &[
            (1, "307.818"),
            (2, "-81.110"),
            (3, "-3.930"),
            (4, "-77.180"),
            (5, "-0.450"),
            (6, "-53.966"),
            (7, "-3.480"),
            (8, "-23.214"),
        ],
    );
    n += assert_values(&r, 438, &[(3, "")]);

    // Appendix 2: capital re-phasing by year, and the grand total.
    let (t, _) = budget_row(&r, 638);
    assert_eq!(t.columns[1].role, Period);
    assert_eq!(t.columns[1].period.as_deref(), Some("2016-17"));
    assert_eq!(t.columns[5].role, Total);
    n += assert_values(&r, 638, &[(1, "-2990"), (2, "4082"), (3, "-1765"), (4, "673"), (5, "0")]);
    n += assert_values(&r, 714, &[(1, "-44389"), (2, "41572"), (3, "2817"), (4, "0")]);
    // "£000's" is the same scale as "£'000".
    let (t, _) = budget_row(&r, 606);
    assert_eq!(t.unit.as_deref(), Some("£000's"));
    assert_eq!(t.columns[1].scale, Some(3));

    // Appendix 3: cash-limit changes with a free-text reason column.
    let (t, _) = budget_row(&r, 730);
    assert_eq!(t.columns[5].role, Text);
    n += assert_values(&r, 730, &[(1, "-2310"), (2, "-6687"), (3, "-11705"), (4, "-20702")]);
    assert_eq!(budget_row(&r, 763).1.level, RowLevel::Total);
    n += assert_values(&r, 763, &[(1, "11213"), (2, "2323"), (3, "-12685"), (4, "851")]);

    // Appendix 4.4: currency sign before the minus sign.
    let (t, _) = budget_row(&r, 841);
    assert_eq!(roles(t)[1..4], [Gross, Income, Net]);
    n += assert_values(&r, 841, &[(2, "-27.8")]);
    n += assert_values(&r, 783, &[(2, "0.0")]);

    // UASC table 1: grouped Cash Limit / Forecast Variance columns, unlabelled total row.
    let (t, row) = budget_row(&r, 1115);
    assert_eq!((t.columns[1].role, t.columns[1].qualifier), (Budget, Some(Gross)));
    assert_eq!((t.columns[6].role, t.columns[6].qualifier), (Variance, Some(Net)));
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(&r, 1115, &[(1, "46.5"), (6, "1.0")]);

    // Appendix 6 reserves and the 2017-18 Table 1.
    n += assert_values(&r, 1207, &[(1, "165.3"), (2, "163.2"), (3, "-2.1")]);
    let (t, row) = budget_row(&r, 1369);
    assert_eq!(t.unit.as_deref(), Some("£m"));
    assert_eq!(t.columns[2].role, Text);
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(&r, 1369, &[(1, "8.157")]);
    n += assert_values(&r, 1368, &[(1, "-0.134")]);

    assert!(n >= 40, "{n} values asserted");
}

#[test]
fn pack_002_budget_tables() {
    let Some((_, _, r)) = pack(P002) else { return };
    let mut n = 0;

    // Autumn Budget Table 1: four-line header, £m, sections and two Total rows.
    let (t, row) = budget_row(&r, 308);
    assert_eq!(t.unit.as_deref(), Some("£m"));
    assert_eq!(t.columns[1].period.as_deref(), Some("2018-19"));
    assert_eq!(t.columns[4].period.as_deref(), Some("2019-20"));
    assert!(t.columns[1].group.as_deref().is_some_and(|g| g.contains("Latest Update")));
    assert!(t.columns[3].group.as_deref().is_some_and(|g| g.contains("Previously")));
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(&r, 308, &[(1, "105.2"), (2, "88.9"), (3, "76.0"), (4, "52.9")]);
    n += assert_values(&r, 320, &[(1, "105.2"), (2, "88.9"), (3, "76.0"), (4, "52.9")]);
    n += assert_values(&r, 316, &[(1, "8.0"), (2, "28.0"), (3, "18.3"), (4, "11.5")]);
    assert_eq!(budget_row(&r, 302).1.level, RowLevel::Section);

    // Table 2: paragraph references are references, not amounts.
    let (t, row) = budget_row(&r, 351);
    assert_eq!(t.columns[1].role, ColumnRole::Reference);
    assert_eq!(row.values[1].as_ref().map(|a| a.raw.as_str()), Some("5.18"));
    n += assert_values(&r, 351, &[(2, "11.3"), (5, "0.3")]);
    assert_eq!(budget_row(&r, 354).1.level, RowLevel::Total);
    n += assert_values(&r, 354, &[(2, "54.5")]);

    // KSCB Appendix C: pounds printed only in the Total row.
    let (t, row) = budget_row(&r, 2033);
    assert_eq!(t.unit.as_deref(), Some("£"));
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(&r, 2033, &[(1, "235458"), (2, "235458")]);
    n += assert_values(&r, 2031, &[(1, "90374.00")]);

    // Treasury: borrowing and investments.
    let (t, row) = budget_row(&r, 3275);
    assert_eq!(t.columns[2].role, ColumnRole::Movement);
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(
        &r,
        3275,
        &[(1, "979.6"), (2, "-14.1"), (3, "965.5"), (4, "5.0"), (5, "28.6")],
    );
    n += assert_values(&r, 3296, &[(1, "303.8"), (2, "-21.1"), (3, "282.7")]);

    // Prudential indicators.
    n += assert_values(&r, 3348, &[(1, "1348.259"), (2, "1335.724"), (3, "1362.394")]);
    n += assert_values(&r, 3387, &[(1, "1263"), (2, "1198")]);
    n += assert_values(&r, 3394, &[(1, "1303"), (2, "1273")]);
    assert!(n >= 30, "{n} values asserted");
}

#[test]
fn pack_004_budget_tables() {
    let Some((_, _, r)) = pack(P004) else { return };
    let mut n = 0;
    use ColumnRole::*;

    // Table 1: three Cabinet-member groups of Spend / Saving / Net in £'ms.
    let (t, row) = budget_row(&r, 2312);
    assert_eq!(roles(t)[1..], [Gross, Saving, Net, Gross, Saving, Net, Gross, Saving, Net]);
    assert_eq!(t.columns[1].group.as_deref(), Some("Rory Love (Education)"));
    assert_eq!(t.columns[8].group.as_deref(), Some("CYPE Directorate Total"));
    assert!(t.columns[1..].iter().all(|c| c.scale == Some(6)));
    assert_eq!(row.level, RowLevel::Total);
    assert!(row.bold);
    n += assert_values(
        &r,
        2312,
        &[
            (1, "-3.2"),
            (2, "0.1"),
            (3, "-3.1"),
            (4, "8.0"),
            (5, "0.9"),
            (6, "8.9"),
            (7, "4.8"),
            (8, "0.9"),
            (9, "5.7"),
        ],
    );

    // Appendix A: capital summary in £000s with a row-reference column.
    let (t, row) = budget_row(&r, 2398);
    assert_eq!(t.columns[0].role, Reference);
    assert_eq!(t.columns[1].role, Label);
    assert_eq!(t.columns[3].role, Total);
    assert_eq!(t.columns[3].unit.as_deref(), Some("£000s"));
    assert_eq!(t.columns[5].period.as_deref(), Some("2025-26"));
    assert_eq!(row.label, "Total Cash Limit");
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(
        &r,
        2398,
        &[
            (3, "1997962"),
            (4, "589106"),
            (5, "273454"),
            (6, "274633"),
            (7, "176208"),
            (8, "112683"),
        ],
    );
    n += assert_values(
        &r,
        2394,
        &[(3, "565619"), (4, "162244"), (5, "97113"), (6, "105761"), (7, "53338"), (8, "27325")],
    );
    assert_eq!(budget_row(&r, 2399).1.level, RowLevel::Section);
    assert_eq!(budget_row(&r, 2399).1.label, "Funded By:");

    // Appendix B and C.
    n += assert_values(&r, 2454, &[(3, "82209"), (4, "27258"), (5, "13990"), (8, "6252")]);
    n += assert_values(&r, 2487, &[(3, "2500")]);
    assert_eq!(budget_row(&r, 2459).1.level, RowLevel::Total);
    n += assert_values(&r, 2527, &[(3, "2166878"), (4, "220868"), (7, "331643")]);

    // Appendix D: the label column in the middle; the misprinted 109,578.3 kept as printed.
    let (t, row) = budget_row(&r, 2575);
    assert_eq!(t.columns[3].role, Label);
    assert_eq!(t.columns[2].role, Total);
    assert_eq!(t.columns[0].group.as_deref(), Some("2024-25"));
    assert_eq!(row.label, "TOTAL SPENDING");
    assert_eq!(row.level, RowLevel::Total);
    n += assert_values(&r, 2575, &[(0, "109578.3"), (1, "-9380.7"), (2, "200197.6")]);
    n += assert_values(&r, 2607, &[(0, "1429506.8"), (4, "1526088.5"), (10, "1679852.7")]);

    // Appendix E.
    n += assert_values(&r, 2696, &[(1, "19150.5"), (2, "18052.4"), (3, "1098.1"), (4, "19150.5")]);
    n += assert_values(&r, 2697, &[(1, "448913.3")]);
    assert_eq!(budget_row(&r, 2697).0.columns[4].role, Total);

    // Appendix F: the risk register's exposure columns.
    let (t, _) = budget_row(&r, 2755);
    assert_eq!(t.columns[6].unit.as_deref(), Some("£m"));
    n += assert_values(&r, 2755, &[(6, "80.0"), (7, "30.0")]);
    assert!(n >= 40, "{n} values asserted");
}
