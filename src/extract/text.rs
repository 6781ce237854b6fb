//! Shared helpers for reading cells: amounts, units, periods, tokens, and the text around a grid.

use std::borrow::Cow;
use std::sync::LazyLock;

use grammars::amount::Amount;
use regex::Regex;

use crate::model::{Grid, Layout, SourceKind};

/// The document around the grids: lines in reading order, to find captions and headings.
pub struct Context<'a> {
    source: SourceKind,
    /// (page, position, text): position is the source line (text) or the top (PDF); the text is
    /// the layout's own.
    lines: Vec<(u32, f32, &'a str)>,
    /// The lines are in (page, position) order.
    sorted: bool,
}

impl<'a> Context<'a> {
    pub fn new(layout: &'a Layout) -> Self {
        let mut lines = Vec::new();
        for p in &layout.pages {
            for l in &p.lines {
                let pos = match layout.source {
                    SourceKind::Text => l.source_line.map(|n| n as f32),
                    SourceKind::Pdf => l.bbox.map(|b| b.top),
                };
                if let Some(pos) = pos {
                    lines.push((p.number, pos, l.text.as_str()));
                }
            }
        }
        let sorted = lines.windows(2).all(|w| (w[0].0, w[0].1) <= (w[1].0, w[1].1));
        Context { source: layout.source, lines, sorted }
    }

    /// An empty context (no surrounding text).
    pub fn empty() -> Self {
        Context { source: SourceKind::Text, lines: Vec::new(), sorted: true }
    }

    /// Where a grid starts: (page, position) in the same terms as the lines.
    fn anchor(&self, g: &Grid) -> Option<(u32, f32)> {
        match self.source {
            SourceKind::Text => {
                let line = g.location.line?;
                let at = |(_, pos, _): &(u32, f32, &str)| *pos >= line as f32;
                let i = if self.sorted {
                    self.lines.partition_point(|l| !at(l))
                } else {
                    self.lines.iter().position(at).unwrap_or(self.lines.len())
                };
                let page = self.lines.get(i).map_or(1, |(p, _, _)| *p);
                Some((page, line as f32))
            }
            SourceKind::Pdf => {
                let page = g.location.page?;
                // The first row with a position: a grid stitched across pages has rows of later
                // pages that sit higher on their page than the grid's start.
                let top = g
                    .rows
                    .iter()
                    .find(|r| r.iter().any(|c| c.bbox.is_some()))
                    .into_iter()
                    .flatten()
                    .filter_map(|c| c.bbox.map(|b| b.top))
                    .fold(f32::INFINITY, f32::min);
                Some((page, if top.is_finite() { top } else { 0.0 }))
            }
        }
    }

    /// Up to `n` non-blank lines printed before the grid, nearest first.
    pub fn before(&self, g: &Grid, n: usize) -> Vec<&str> {
        let Some((page, pos)) = self.anchor(g) else {
            return Vec::new();
        };
        let after = |(p, y, _): &(u32, f32, &str)| *p > page || (*p == page && *y >= pos - 0.01);
        // Lines in order (always so for text renderings) are searched by halving: a rendering
        // with thousands of tables is not walked once per table.
        let end = if self.sorted {
            self.lines.partition_point(|l| !after(l))
        } else {
            self.lines.iter().position(after).unwrap_or(self.lines.len())
        };
        self.lines[..end]
            .iter()
            .rev()
            .map(|(_, _, t)| *t)
            .filter(|t| !t.trim().is_empty())
            .take(n)
            .collect()
    }
}

/// Parses a cell as printed into an amount (the raw text is kept).
pub fn amount(s: &str) -> Amount {
    grammars_amount(s.trim())
}

/// The number in a cell, when it holds one (not a period label such as "2016-17").
pub fn number(s: &str) -> Option<Amount> {
    let t = s.trim();
    if t.is_empty() || is_period(t) {
        return None;
    }
    let a = amount(t);
    if a.value.is_some() { Some(a) } else { None }
}

/// True for a nil mark: `-`, `–`, `_`.
pub fn is_nil(s: &str) -> bool {
    // What `amount(s).nil` says, without building the amount.
    grammars::amount::is_nil(&grammars::amount::strip_markup(s.trim()))
}

fn grammars_amount(s: &str) -> Amount {
    grammars::amount::parse(s)
}

static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:19|20)\d{2}\s*[-/–]\s*(?:\d{2}|\d{4})       # 2016-17, 2016/2017
          | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[-\s]\d{2,4}  # Apr-24
          | q[1-4]\s+\d{2}\s*[-/]\s*\d{2}                    # Q3 23-24
          | (?:summer|autumn|spring)\s+\d{2}\s*[-/]\s*\d{2}  # Summer 22-23
          | (?:19|20)\d{2}
          | year\s+\d{1,2}
        )$",
    )
    .expect("static regex")
});

/// True for a period label: `2016-17`, `Apr-24`, `Q3 23-24`, `Summer 22-23`, `2025`, `Year 1`.
pub fn is_period(s: &str) -> bool {
    PERIOD.is_match(s.trim())
}

static PERIOD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?:summer|autumn|spring)\s+)?(?:19|20)\d{2}\s*[-/–]\s*(?:\d{4}|\d{2})\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-\d{2}\b|\bq[1-4]\s+\d{2}-\d{2}\b",
    )
    .expect("static regex")
});

/// The first period label inside a longer text ("Target 2024-25" gives "2024-25").
pub fn period_in(s: &str) -> Option<String> {
    PERIOD_IN.find(s).map(|m| m.as_str().to_string())
}

/// A money unit printed in a header, caption or label: (as printed, power of ten).
pub fn money_unit(s: &str) -> Option<(String, u32)> {
    // "£’ms" / "£'m": an apostrophe before a letter scale.
    static APOS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"£\s*['’]\s*(ms?|bn|k)\b").expect("static regex"));
    if let Some(m) = APOS.captures(s) {
        let raw = m.get(0).map(|x| x.as_str().to_string()).unwrap_or_default();
        let scale = match m.get(1).map(|x| x.as_str()) {
            Some("bn") => 9,
            Some("k") => 3,
            _ => 6,
        };
        return Some((raw, scale));
    }
    let u = grammars::units::find(s).filter(|u| u.currency.is_some() && !u.percent)?;
    let raw = u.raw.trim().trim_start_matches('(').trim_end_matches(')').trim().to_string();
    Some((raw, u.scale.exponent()))
}

/// True when the text is nothing but a unit ("£m", "£'000", "%", "£000s").
pub fn is_unit_only(s: &str) -> bool {
    let t = s.trim();
    t.eq_ignore_ascii_case("fte")
        || t.eq_ignore_ascii_case("nos")
        || grammars::units::parse(t).is_some()
}

/// Collapses runs of whitespace and trims; borrowed when there is nothing to collapse.
pub fn squash(s: &str) -> Cow<'_, str> {
    // ASCII text already single-spaced (most of it) is taken as it is: printable ASCII with no
    // space at either end and no two spaces together.
    let b = s.as_bytes();
    let mut prev_space = true;
    let single_spaced = b.iter().all(|&c| {
        let space = c == b' ';
        let ok = (b' '..0x80).contains(&c) && !(space && prev_space);
        prev_space = space;
        ok
    });
    if (single_spaced && !prev_space) || s.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    Cow::Owned(out)
}

/// Cell text with common rendering debris removed: markup ([`grammars::amount::strip_markup`]),
/// `&amp;`, escaped `\*`; whitespace squashed ([`squash`]). Borrowed when none of it is there.
pub fn clean(s: &str) -> Cow<'_, str> {
    let t = grammars::amount::strip_markup(s);
    let escaped = memchr::memchr2(b'&', b'\\', t.as_bytes()).is_some()
        && (t.contains("&amp;") || t.contains("\\*"));
    let t = if escaped { Cow::Owned(t.replace("&amp;", "&").replace("\\*", "*")) } else { t };
    match t {
        Cow::Borrowed(t) => squash(t),
        Cow::Owned(t) => match squash(&t) {
            Cow::Borrowed(_) => Cow::Owned(t),
            Cow::Owned(o) => Cow::Owned(o),
        },
    }
}

/// Every cell of a grid, [`clean`]ed, row by row.
pub fn clean_rows(g: &Grid) -> Vec<Vec<String>> {
    g.rows.iter().map(|r| r.iter().map(|c| clean(&c.text).into_owned()).collect()).collect()
}

/// True when a cell holds a footer such as "Page 45" (possibly after a short prefix: "CPE Page
/// 88"), by the stamp grammar ([`grammars::stamps`]).
pub fn is_page_footer(s: &str) -> bool {
    let t = s.trim();
    grammars::stamps::in_cell(t).is_some_and(|f| {
        let kept: String = t.chars().take(f.keep.1).collect();
        f.kind == grammars::stamps::StampKind::Page
            && f.keep.0 == 0
            && (f.keep.1 == 0
                || ((2..=5).contains(&kept.len()) && kept.chars().all(|c| c.is_ascii_uppercase())))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    fn v(s: &str) -> Option<Decimal> {
        amount(s).value
    }
    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn squash_is_whitespace_collapsed_and_trimmed_on_every_path() {
        for t in [
            "Adult Social Care",
            " Adult  Social\tCare ",
            "a\u{0B}b",
            "a\u{a0}b",
            "",
            " ",
            "x",
            "Total\nNet",
        ] {
            let want = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(squash(t), want, "{t:?}");
        }
    }

    #[test]
    fn amounts_as_printed() {
        assert_eq!(v("+48,373.1"), d("48373.1"));
        assert_eq!(v("-1,658.3"), d("-1658.3"));
        assert_eq!(v("£-27.8"), d("-27.8"));
        assert_eq!(v("-£6.1"), d("-6.1"));
        assert_eq!(v("(8.027)"), d("-8.027"));
        assert_eq!(v("£13, 577, 000"), d("13577000"));
        assert_eq!(v("5,067*"), d("5067"));
        assert_eq!(v("60%"), d("60"));
        assert!(amount("60%").percent);
        assert!(amount("-").nil);
        assert_eq!(v("N/A"), None);
        assert_eq!(v("GREEN"), None);
        assert_eq!(amount("0.000").decimals, 3);
        assert_eq!(amount("£3.1m").scale.as_deref(), Some("m"));
    }

    #[test]
    fn periods_and_units() {
        assert!(is_period("2016-17"));
        assert!(is_period("Apr-24"));
        assert!(is_period("Q3 23-24"));
        assert!(is_period("Summer 22-23"));
        assert!(!is_period("1,062"));
        assert_eq!(number("2018-19"), None);
        assert_eq!(money_unit("Budget £'000"), Some(("£'000".into(), 3)));
        assert_eq!(money_unit("2016-17 £000's").map(|u| u.1), Some(3));
        assert_eq!(money_unit("Spend £’ms").map(|u| u.1), Some(6));
        assert_eq!(money_unit("Dividends/Contributions (£m)").map(|u| u.1), Some(6));
        assert_eq!(money_unit("Core £000s").map(|u| u.1), Some(3));
        assert!(is_unit_only("£m"));
        assert!(is_unit_only("£'000"));
        assert!(!is_unit_only("Gross £m"));
        assert_eq!(period_in("Target 2024-25").as_deref(), Some("2024-25"));
        assert!(is_page_footer("Page 45"));
        assert!(is_page_footer("CPE Page 88"));
    }
}
