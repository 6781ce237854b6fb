//! Fonts: how the bytes of a shown string split into character codes, what Unicode text and
//! what advance width each code has, and the style a font's name and descriptor imply.
//!
//! Text comes from the ToUnicode CMap first, then from the simple font's encoding (base encoding
//! plus `/Differences`, glyph names through the Adobe Glyph List), then from the standard
//! encoding. Widths come from `/Widths` (simple fonts) or `/W` and `/DW` (CID fonts), falling
//! back to standard-14 metrics for the base fonts that need not carry widths.

pub(crate) mod cmap;
pub(crate) mod encoding;
pub(crate) mod metrics;
mod tables;

use lopdf::{Dictionary, Document, Object};

use self::cmap::ToUnicode;
use self::encoding::{Base, glyph_name_to_string};
use self::metrics::Standard;
use super::Limits;
use super::document::{
    StreamError, deref, get, get_dict, get_name, get_num, get_nums, num, stream_bytes,
};
use crate::warnings::Warnings;

/// Most entries read from one `/W` array.
const MAX_W_ENTRIES: usize = 1 << 16;

/// Cids whose width is held in a table indexed by cid (subset fonts number their glyphs from
/// zero, so nearly every cid shown is one of these).
const HEAD_CIDS: u32 = 2048;

#[derive(Debug)]
enum Kind {
    Simple {
        /// Unicode text per code; empty when the code cannot be mapped.
        text: Vec<Box<str>>,
        /// Advance per code, in text space units (ems).
        widths: Vec<f32>,
    },
    Cid {
        /// Byte lengths of codes, from the encoding CMap's code space (empty: two bytes).
        code_space: Vec<(u32, u32, u8)>,
        to_unicode: Option<ToUnicode>,
        /// `(first cid, last cid, width)` sorted by first cid, in ems.
        widths: Vec<(u32, u32, f32)>,
        default_width: f32,
        /// The width of every low cid, looked up by index (built from `widths`).
        head: Vec<f32>,
    },
}

/// A font ready for the interpreter.
#[derive(Debug)]
pub(crate) struct Font {
    /// The font's name without a subset prefix ("ABCDEF+").
    pub name: std::sync::Arc<str>,
    pub bold: bool,
    pub italic: bool,
    /// Top of the glyphs above the baseline, in ems.
    pub ascent: f32,
    /// Bottom of the glyphs below the baseline, in ems (negative).
    pub descent: f32,
    /// Width of a space, in ems.
    pub space_width: f32,
    kind: Kind,
}

/// One character code of a shown string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Code {
    pub code: u32,
    /// Advance in ems.
    pub width: f32,
    /// A one-byte code 32, to which word spacing applies.
    pub is_space_byte: bool,
}

fn strip_subset(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.split_once('+') {
        Some((prefix, rest))
            if prefix.len() == 6 && prefix.bytes().all(|b| b.is_ascii_uppercase()) =>
        {
            rest.to_string()
        }
        _ => s.into_owned(),
    }
}

fn style_from(name: &str, desc: Option<&Dictionary>, doc: &Document) -> (bool, bool) {
    let lower = name.to_ascii_lowercase();
    let mut bold = ["bold", "black", "heavy", "semibold", "demi"].iter().any(|k| lower.contains(k));
    let mut italic = lower.contains("italic") || lower.contains("oblique");
    if let Some(d) = desc {
        let flags = get_num(doc, d, b"Flags").unwrap_or(0.0) as i64;
        if flags & (1 << 18) != 0 || get_num(doc, d, b"FontWeight").is_some_and(|w| w >= 600.0) {
            bold = true;
        }
        if flags & (1 << 6) != 0 || get_num(doc, d, b"ItalicAngle").is_some_and(|a| a.abs() > 0.5) {
            italic = true;
        }
    }
    (bold, italic)
}

fn load_to_unicode(
    doc: &Document,
    dict: &Dictionary,
    name: &str,
    limits: &Limits,
    warnings: &mut Warnings,
) -> Option<ToUnicode> {
    let Object::Stream(s) = get(doc, dict, b"ToUnicode")? else { return None };
    let data = match stream_bytes(s, limits) {
        Ok(data) => data,
        Err(e @ StreamError::Suspect { .. }) => {
            let m = format!("a font's ToUnicode map {e}; its text may be misread");
            warnings.add(format!("font {name}"), m);
            e.into_data()
        }
        Err(e) => {
            let m = format!(
                "a font's ToUnicode map {e}; codes it does not reach are read from the font's \
                 encoding, which may misread them"
            );
            warnings.add(format!("font {name}"), m);
            e.into_data()
        }
    };
    Some(ToUnicode::parse(&data)).filter(|m| !m.is_empty())
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read falls back to defaults.
    pub(crate) fn load(
        doc: &Document,
        dict: &Dictionary,
        limits: &Limits,
        warnings: &mut Warnings,
    ) -> Font {
        let subtype = get_name(doc, dict, b"Subtype").unwrap_or(b"");
        if subtype == b"Type0" {
            Font::load_type0(doc, dict, limits, warnings)
        } else {
            Font::load_simple(doc, dict, subtype, limits, warnings)
        }
    }

    fn load_simple(
        doc: &Document,
        dict: &Dictionary,
        subtype: &[u8],
        limits: &Limits,
        warnings: &mut Warnings,
    ) -> Font {
        let name = strip_subset(get_name(doc, dict, b"BaseFont").unwrap_or(b""));
        let desc = get_dict(doc, dict, b"FontDescriptor");
        let (bold, italic) = style_from(&name, desc, doc);
        let to_unicode = load_to_unicode(doc, dict, &name, limits, warnings);
        let lower = name.to_ascii_lowercase();
        let flags = desc.and_then(|d| get_num(doc, d, b"Flags")).unwrap_or(0.0) as i64;
        let symbolic_name =
            lower.contains("symbol") || lower.contains("dingbat") || lower.contains("wingding");

        // Base encoding and differences.
        let mut base = if lower.starts_with("symbol") { Base::Symbol } else { Base::Standard };
        let mut diffs: Vec<(u8, Vec<u8>)> = Vec::new();
        match get(doc, dict, b"Encoding") {
            Some(Object::Name(n)) => {
                if let Some(b) = Base::from_name(n) {
                    base = b;
                }
            }
            Some(Object::Dictionary(d)) => {
                if let Some(b) = get_name(doc, d, b"BaseEncoding").and_then(Base::from_name) {
                    base = b;
                }
                if let Some(Object::Array(arr)) = get(doc, d, b"Differences") {
                    let mut code: i64 = 0;
                    for item in arr {
                        match deref(doc, item) {
                            Object::Integer(i) => code = *i,
                            Object::Name(n) => {
                                if (0..256).contains(&code) {
                                    diffs.push((code as u8, n.clone()));
                                }
                                code += 1;
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
        // Type 3 glyph widths are in glyph space, scaled by the font matrix.
        let scale = if subtype == b"Type3" {
            get_nums(doc, dict, b"FontMatrix")
                .and_then(|m| m.first().copied())
                .filter(|v| *v != 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };

        let mut text: Vec<Box<str>> = Vec::with_capacity(256);
        let mut s = String::new();
        for code in 0..=255u8 {
            s.clear();
            let mapped = to_unicode.as_ref().is_some_and(|m| m.get(u32::from(code), &mut s));
            if !mapped {
                if let Some((_, n)) = diffs.iter().rev().find(|(c, _)| *c == code) {
                    if let Some(t) = glyph_name_to_string(n) {
                        s.push_str(&t);
                    }
                } else if let Some(c) = base.char(code) {
                    s.push(c);
                } else if symbolic_name || flags & 4 != 0 {
                    // Symbolic fonts without a usable encoding: the code is the character,
                    // as a private-use code point when it is not printable ASCII.
                    if (0x20..0x7f).contains(&code) {
                        s.push(code as char);
                    } else if let Some(c) = char::from_u32(0xf000 + u32::from(code)) {
                        s.push(c);
                    }
                }
            }
            text.push(s.as_str().into());
        }

        let std = Standard::for_name(&name, bold);
        let missing = desc.and_then(|d| get_num(doc, d, b"MissingWidth")).unwrap_or(0.0);
        let mut widths = vec![f32::NAN; 256];
        if let Some(Object::Array(ws)) = get(doc, dict, b"Widths") {
            let first = get_num(doc, dict, b"FirstChar").unwrap_or(0.0).max(0.0) as usize;
            for (i, w) in ws.iter().enumerate() {
                if let (Some(slot), Some(w)) = (widths.get_mut(first + i), num(doc, w)) {
                    *slot = w * scale;
                }
            }
            for w in widths.iter_mut().filter(|w| w.is_nan()) {
                *w = missing * scale;
            }
        } else {
            for (code, w) in widths.iter_mut().enumerate() {
                let c = text[code].chars().next().unwrap_or(' ');
                *w = std.width(c) * 0.001;
            }
        }
        let space_width = match widths[32] {
            w if w > 0.0 => w,
            _ => std.width(' ') * 0.001,
        };
        let (ascent, descent) = vertical_metrics(doc, desc);
        Font {
            name: name.into(),
            bold,
            italic,
            ascent,
            descent,
            space_width,
            kind: Kind::Simple { text, widths },
        }
    }

    fn load_type0(
        doc: &Document,
        dict: &Dictionary,
        limits: &Limits,
        warnings: &mut Warnings,
    ) -> Font {
        let name = strip_subset(get_name(doc, dict, b"BaseFont").unwrap_or(b""));
        let descendant = match get(doc, dict, b"DescendantFonts") {
            Some(Object::Array(a)) => {
                a.first().map(|o| deref(doc, o)).and_then(|o| o.as_dict().ok())
            }
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let desc = descendant.and_then(|d| get_dict(doc, d, b"FontDescriptor"));
        let (bold, italic) = style_from(&name, desc, doc);
        let to_unicode = load_to_unicode(doc, dict, &name, limits, warnings);
        let mut code_space = Vec::new();
        // Vertical writing (Identity-V, WMode 1) is laid out as if horizontal.
        if let Some(Object::Stream(s)) = get(doc, dict, b"Encoding") {
            match stream_bytes(s, limits) {
                Ok(data) => code_space = ToUnicode::parse(&data).code_lengths,
                Err(e) => warnings.add(
                    format!("font {name}"),
                    format!(
                        "a font's encoding CMap {e}; its codes are read as two bytes each, \
                         which may misread its text"
                    ),
                ),
            }
        }
        let mut widths: Vec<(u32, u32, f32)> = Vec::new();
        let mut default_width = 1.0;
        if let Some(d) = descendant {
            default_width = get_num(doc, d, b"DW").unwrap_or(1000.0) * 0.001;
            if let Some(Object::Array(w)) = get(doc, d, b"W") {
                let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
                let mut i = 0;
                while i < items.len() && widths.len() < MAX_W_ENTRIES {
                    let Some(first) = items[i].as_float().ok().map(|v| v.max(0.0) as u32) else {
                        i += 1;
                        continue;
                    };
                    match items.get(i + 1) {
                        Some(Object::Array(ws)) => {
                            for (k, w) in ws.iter().enumerate() {
                                if let Some(w) = num(doc, w) {
                                    let c = first.saturating_add(k as u32);
                                    widths.push((c, c, w * 0.001));
                                }
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let last = last.as_float().ok().map(|v| v.max(0.0) as u32);
                            let w = items.get(i + 2).and_then(|o| o.as_float().ok());
                            if let (Some(last), Some(w)) = (last, w) {
                                if last >= first {
                                    widths.push((first, last, w * 0.001));
                                }
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
        widths.sort_by_key(|w| w.0);
        let mut font = Font {
            name: name.into(),
            bold,
            italic,
            ascent: 0.0,
            descent: 0.0,
            space_width: 0.0,
            kind: Kind::Cid { code_space, to_unicode, widths, default_width, head: Vec::new() },
        };
        let top = match &font.kind {
            Kind::Cid { widths, .. } => widths.iter().map(|w| w.1).max(),
            Kind::Simple { .. } => None,
        };
        let head_len = top.map_or(0, |t| t.saturating_add(1)).min(HEAD_CIDS);
        let table: Vec<f32> = (0..head_len).map(|cid| font.cid_width(cid)).collect();
        if let Kind::Cid { head, .. } = &mut font.kind {
            *head = table;
        }
        let (ascent, descent) = vertical_metrics(doc, desc);
        font.ascent = ascent;
        font.descent = descent;
        font.space_width = match &font.kind {
            Kind::Cid { to_unicode: Some(m), .. } => {
                m.code_for_space().map(|c| font.cid_width(c)).filter(|w| *w > 0.0)
            }
            _ => None,
        }
        .unwrap_or(0.25);
        font
    }

    fn cid_width(&self, cid: u32) -> f32 {
        match &self.kind {
            Kind::Cid { head, .. } if (cid as usize) < head.len() => head[cid as usize],
            Kind::Cid { widths, default_width, .. } => {
                let idx = widths.partition_point(|w| w.0 <= cid);
                if idx > 0 {
                    // Ranges may overlap; look back over a few for one that covers the cid.
                    for w in widths[..idx].iter().rev().take(4) {
                        if cid <= w.1 {
                            return w.2;
                        }
                    }
                }
                *default_width
            }
            Kind::Simple { widths, .. } => widths.get(cid as usize).copied().unwrap_or(0.0),
        }
    }

    /// Splits a shown string into codes with their advances.
    pub(crate) fn codes(&self, bytes: &[u8], out: &mut Vec<Code>) {
        out.clear();
        match &self.kind {
            Kind::Simple { widths, .. } => {
                out.extend(bytes.iter().map(|&b| Code {
                    code: u32::from(b),
                    width: widths[b as usize],
                    is_space_byte: b == 32,
                }));
            }
            Kind::Cid { code_space, .. } => {
                let mut i = 0;
                while i < bytes.len() {
                    let n = usize::from(cmap::code_len(code_space, &bytes[i..], 2))
                        .min(bytes.len() - i);
                    let code = bytes[i..i + n].iter().fold(0u32, |a, &b| (a << 8) | u32::from(b));
                    out.push(Code {
                        code,
                        width: self.cid_width(code),
                        is_space_byte: n == 1 && code == 32,
                    });
                    i += n;
                }
            }
        }
    }

    /// Appends the Unicode text of a code; returns false (and appends nothing) when unmapped.
    pub(crate) fn text(&self, code: u32, out: &mut String) -> bool {
        match &self.kind {
            Kind::Simple { text, .. } => match text.get(code as usize) {
                Some(t) if !t.is_empty() => {
                    out.push_str(t);
                    true
                }
                _ => false,
            },
            Kind::Cid { to_unicode, .. } => to_unicode.as_ref().is_some_and(|m| m.get(code, out)),
        }
    }
}

fn vertical_metrics(doc: &Document, desc: Option<&Dictionary>) -> (f32, f32) {
    let ascent = desc
        .and_then(|d| get_num(doc, d, b"Ascent"))
        .map(|a| a * 0.001)
        .filter(|a| (0.5..=1.2).contains(a));
    let descent = desc
        .and_then(|d| get_num(doc, d, b"Descent"))
        .map(|d| d * 0.001)
        .filter(|d| (-0.5..=0.0).contains(d));
    (ascent.unwrap_or(0.8), descent.unwrap_or(-0.2))
}
