//! Simple-font encodings and glyph names to Unicode (Adobe Glyph List, `uniXXXX`, `uXXXX[XX]`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::tables;

static GLYPH_LIST: &str = include_str!("glyphlist.txt");

fn glyph_map() -> &'static HashMap<&'static str, u16> {
    static MAP: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        GLYPH_LIST
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let (name, hex) = l.split_once(' ')?;
                Some((name, u16::from_str_radix(hex.trim(), 16).ok()?))
            })
            .collect()
    })
}

/// The base encodings a simple font may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    Standard,
    WinAnsi,
    MacRoman,
    Symbol,
}

impl Base {
    pub(crate) fn from_name(name: &[u8]) -> Option<Base> {
        match name {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" => Some(Base::MacRoman),
            b"StandardEncoding" => Some(Base::Standard),
            b"MacExpertEncoding" => Some(Base::Standard),
            _ => None,
        }
    }

    /// The Unicode text of a code under this encoding.
    pub(crate) fn char(self, code: u8) -> Option<char> {
        let table = match self {
            Base::Standard => &tables::STANDARD_ENCODING,
            Base::WinAnsi => &tables::WIN_ANSI_ENCODING,
            Base::MacRoman => &tables::MAC_ROMAN_ENCODING,
            Base::Symbol => &tables::SYMBOL_ENCODING,
        };
        match table[code as usize] {
            0 => match self {
                // WinAnsi draws undefined codes above 0x7f as bullets; a few codes are
                // commonly used for a non-breaking space and a soft hyphen.
                Base::WinAnsi if code == 0xa0 => Some(' '),
                Base::WinAnsi if code == 0xad => Some('-'),
                _ => None,
            },
            u => char::from_u32(u32::from(u)),
        }
    }
}

/// The Unicode text of a glyph name, if it has one.
pub(crate) fn glyph_name_to_string(name: &[u8]) -> Option<String> {
    let name = std::str::from_utf8(name).ok()?;
    // "a.sc", "f_i" and friends: the part before the first '.' names the glyph.
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    if let Some(&u) = glyph_map().get(base) {
        return char::from_u32(u32::from(u)).map(String::from);
    }
    if base.contains('_') {
        let parts: Option<String> =
            base.split('_').map(|p| glyph_name_to_string(p.as_bytes())).collect();
        return parts;
    }
    if let Some(hex) = base.strip_prefix("uni") {
        if hex.len() >= 4 && hex.len() % 4 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            let units: Vec<u16> = (0..hex.len() / 4)
                .filter_map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).ok())
                .collect();
            let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
            return (!s.is_empty()).then_some(s);
        }
    }
    if let Some(hex) = base.strip_prefix('u') {
        if (4..=6).contains(&hex.len()) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32).map(String::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_and_names() {
        assert_eq!(Base::WinAnsi.char(0xa3), Some('£'));
        assert_eq!(Base::WinAnsi.char(0x92), Some('’'));
        assert_eq!(Base::WinAnsi.char(0x96), Some('–'));
        assert_eq!(Base::MacRoman.char(0xa5), Some('•'));
        assert_eq!(Base::Standard.char(0x27), Some('’'));
        assert_eq!(glyph_name_to_string(b"sterling").as_deref(), Some("£"));
        assert_eq!(glyph_name_to_string(b"uni20AC").as_deref(), Some("€"));
        assert_eq!(glyph_name_to_string(b"u1F600").as_deref(), Some("😀"));
        assert_eq!(glyph_name_to_string(b"f_i").as_deref(), Some("\u{fb01}"));
        assert_eq!(glyph_name_to_string(b"T_h").as_deref(), Some("Th"));
        assert_eq!(glyph_name_to_string(b"A.sc").as_deref(), Some("A"));
        assert_eq!(glyph_name_to_string(b"g123"), None);
    }
}
