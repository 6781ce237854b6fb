//! Tests of the column-total search: the running sums against the reference, and linear work.

use super::*;
use crate::model::Location;
use crate::validate::table::{VCell, VColumn};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn view(rows: Vec<VRow>, cols: usize) -> View {
    View {
        id: "t1".into(),
        caption: None,
        section: None,
        unit: None,
        columns: (0..cols)
            .map(|i| VColumn {
                index: i,
                header: format!("C{i}"),
                role: None,
                numeric: true,
                identifier: false,
            })
            .collect(),
        rows,
        location: Location::lines(1, 1),
        typed: false,
    }
}

/// A table mixing line rows, headings, subtotals (some exact, some off), totals and
/// unlabelled rows, with blank, nil and text cells.
fn random_table(rng: &mut Rng, n: usize, cols: usize) -> View {
    let mut rows: Vec<VRow> = Vec::new();
    let mut run: Vec<Decimal> = vec![Decimal::ZERO; cols];
    for i in 0..n {
        let roll = rng.below(20);
        let kind = match roll {
            0 => RowKind::Section,
            1 | 2 => RowKind::Subtotal,
            3 => RowKind::Total,
            4 => RowKind::Unlabelled,
            _ => RowKind::Line,
        };
        let cells: Vec<VCell> = (0..cols)
            .map(|c| {
                if kind == RowKind::Section {
                    return VCell::BLANK;
                }
                let v = match kind {
                    // Totals repeat the running sum (exactly, or a little off).
                    RowKind::Subtotal | RowKind::Total | RowKind::Unlabelled => {
                        let off = if rng.below(4) == 0 { Decimal::ONE } else { Decimal::ZERO };
                        run[c] + off
                    }
                    _ => match rng.below(12) {
                        0 => return VCell::BLANK,
                        1 => return VCell { num: None, blank: false },
                        2 => Decimal::ZERO,
                        _ => Decimal::new(rng.below(2000) as i64 - 400, rng.below(2) as u32),
                    },
                };
                if kind == RowKind::Line {
                    run[c] += v;
                }
                VCell { num: Some(Num::new(v, 1)), blank: false }
            })
            .collect();
        if matches!(kind, RowKind::Subtotal | RowKind::Total) && rng.below(3) == 0 {
            run = vec![Decimal::ZERO; cols];
        }
        rows.push(VRow {
            index: i as u32 + 1,
            label: match kind {
                RowKind::Total => "Total".into(),
                RowKind::Subtotal => format!("Sub total {i}"),
                RowKind::Unlabelled => String::new(),
                _ => format!("Row {i}"),
            },
            kind,
            cells,
            multiplier: None,
            texts: Vec::new(),
            location: Location::lines(i as u32 + 2, i as u32 + 2),
        });
    }
    view(rows, cols)
}

#[test]
fn the_running_sum_search_reports_what_the_full_re_sum_did() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut findings = 0;
    for case in 0..400 {
        let n = 2 + rng.below(40) as usize;
        let cols = 1 + rng.below(4) as usize;
        let v = random_table(&mut rng, n, cols);
        let skip = vec![false; cols];
        let mut fast = Sink::new("d");
        column_totals(&v, &skip, &mut fast);
        let mut slow = Sink::new("d");
        reference::column_totals(&v, &skip, &mut slow);
        let (fast, slow) = (fast.finish(), slow.finish());
        findings += slow.len();
        assert_eq!(fast, slow, "case {case}: {n} rows, {cols} columns");
    }
    assert!(findings > 400, "the tables make findings to compare ({findings})");
}

#[test]
fn a_thousand_identical_rows_take_linear_work() {
    let row = |i: usize| VRow {
        index: i as u32 + 1,
        label: "Adult Social Care".into(),
        kind: RowKind::Line,
        cells: ["1234.5", "1300.0", "65.5"]
            .iter()
            .map(|v| VCell { num: Some(Num::new(v.parse().expect("decimal"), 1)), blank: false })
            .collect(),
        multiplier: None,
        texts: Vec::new(),
        location: Location::lines(i as u32 + 2, i as u32 + 2),
    };
    let v = view((0..1000).map(row).collect(), 3);
    let mut sink = Sink::new("d");
    column_totals(&v, &[false; 3], &mut sink);
    assert!(sink.finish().is_empty(), "no row is a subtotal of others");
    // A row equal to the two just above it is still found.
    let mut rows: Vec<VRow> = (0..5).map(row).collect();
    let mut twice = row(5);
    for c in &mut twice.cells {
        c.num = c.num.map(|n| Num::new(n.value * Decimal::TWO, 1));
    }
    rows.push(twice);
    let v = view(rows, 3);
    let mut parts = vec![None; 6];
    let prefix = Prefix::new(&v, &[0, 1, 2]).expect("sums");
    implicit_subtotal(&v, 5, &[0, 1, 2], &mut parts, None, &prefix);
    assert_eq!(parts[5], Some(vec![3, 4]));
}
