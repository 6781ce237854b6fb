//! Glyph widths of the standard 14 fonts, for fonts that name one of them without `/Widths`.
//!
//! Widths are in thousandths of an em, for the printable ASCII range (U+0020..U+007E) and a few
//! common punctuation marks. Serif faces use the Times metrics, fixed-pitch faces 600, and
//! everything else Helvetica's; bold sans faces use Helvetica-Bold's.

#[rustfmt::skip]
static HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

#[rustfmt::skip]
static HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

#[rustfmt::skip]
static TIMES: [u16; 95] = [
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
    500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
    921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
    556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
    333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
    500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

/// Which standard metrics a font name falls back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standard {
    Sans,
    SansBold,
    Serif,
    Fixed,
}

impl Standard {
    pub(crate) fn for_name(name: &str, bold: bool) -> Standard {
        let n = name.to_ascii_lowercase();
        if n.contains("courier") || n.contains("mono") {
            Standard::Fixed
        } else if n.contains("times") || n.contains("serif") && !n.contains("sans") {
            Standard::Serif
        } else if bold {
            Standard::SansBold
        } else {
            Standard::Sans
        }
    }

    /// Width of a character in thousandths of an em.
    pub(crate) fn width(self, c: char) -> f32 {
        if self == Standard::Fixed {
            return 600.0;
        }
        let table = match self {
            Standard::Sans => &HELVETICA,
            Standard::SansBold => &HELVETICA_BOLD,
            _ => &TIMES,
        };
        let serif = self == Standard::Serif;
        let w = match c {
            ' '..='~' => table[(c as usize) - 0x20],
            '\u{a0}' => table[0],
            '\u{2018}' | '\u{2019}' => {
                if serif {
                    333
                } else {
                    222
                }
            }
            '\u{201c}' | '\u{201d}' => {
                if serif {
                    444
                } else {
                    333
                }
            }
            '\u{2013}' => {
                if serif {
                    500
                } else {
                    556
                }
            }
            '\u{2014}' => 1000,
            '\u{2022}' => 350,
            '\u{2026}' => 1000,
            _ => {
                if serif {
                    500
                } else {
                    556
                }
            }
        };
        f32::from(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_widths() {
        assert_eq!(Standard::Sans.width('P'), 667.0);
        assert_eq!(Standard::Sans.width(' '), 278.0);
        assert_eq!(Standard::Sans.width('1'), 556.0);
        assert_eq!(Standard::SansBold.width('m'), 889.0);
        assert_eq!(Standard::Serif.width('a'), 444.0);
        assert_eq!(Standard::for_name("Helvetica-Bold", true), Standard::SansBold);
        assert_eq!(Standard::for_name("Times-Roman", false), Standard::Serif);
        assert_eq!(Standard::for_name("Courier", false).width('x'), 600.0);
    }
}
