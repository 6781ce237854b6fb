//! CMaps: ToUnicode maps (`bfchar`, `bfrange`, ligatures) and the code space of embedded
//! encoding CMaps.

use std::collections::HashMap;

use super::super::lexer::{Lexer, Operand, Token};

/// Most codes one `bfrange` may expand to; larger ranges are clipped.
const MAX_RANGE: u32 = 0x1_0000;

/// A code-to-Unicode map read from a ToUnicode CMap.
#[derive(Debug, Default, Clone)]
pub(crate) struct ToUnicode {
    /// Codes mapped one by one, sorted by code (searched by halving: faster than hashing for
    /// the few hundred codes of a font).
    single: Vec<(u32, Box<str>)>,
    /// `(first code, last code, first target)`: consecutive codes map to consecutive targets
    /// (the last UTF-16 unit is incremented).
    ranges: Vec<(u32, u32, Vec<u16>)>,
    /// Byte lengths seen in the code space (1..=4); empty when the CMap declares none.
    pub(crate) code_lengths: Vec<(u32, u32, u8)>,
    /// The text of every low code (below [`DENSE_CODES`] and the highest mapped code), looked
    /// up by index: the one character it maps to, or [`MULTI`] with an index into
    /// `dense_multi` (a byte range of `dense_text`), or [`UNMAPPED`]. Built from `single` and
    /// `ranges`, so it reads exactly what they read.
    dense: Vec<u32>,
    dense_multi: Vec<(u32, u32)>,
    dense_text: String,
}

/// Codes whose text is held in a table indexed by code (subset fonts number their glyphs from
/// zero, so nearly every code shown is one of these).
const DENSE_CODES: u32 = 2048;

/// A `dense` entry for a code the map does not map.
const UNMAPPED: u32 = u32::MAX;
/// The flag of a `dense` entry whose text is not one character (no `char` has this bit).
const MULTI: u32 = 1 << 31;

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { u16::from(c[0]) })
        .collect()
}

fn units_to_string(units: &[u16]) -> Box<str> {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect::<String>()
        .into_boxed_str()
}

impl ToUnicode {
    /// Parses a CMap stream; unknown or damaged parts are skipped.
    pub(crate) fn parse(data: &[u8]) -> ToUnicode {
        let mut map = ToUnicode::default();
        // A later mapping of a code replaces an earlier one.
        let mut single: HashMap<u32, Box<str>> = HashMap::new();
        let mut lx = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::new();
        #[derive(PartialEq)]
        enum Mode {
            None,
            CodeSpace,
            BfChar,
            BfRange,
        }
        let mut mode = Mode::None;
        while let Some(tok) = lx.next_token() {
            match tok {
                Token::Operand(op) => {
                    operands.push(op);
                    match mode {
                        Mode::CodeSpace if operands.len() == 2 => {
                            if let (Operand::Str(lo), Operand::Str(hi)) =
                                (&operands[0], &operands[1])
                            {
                                if !lo.is_empty() && lo.len() <= 4 {
                                    map.code_lengths.push((
                                        code_of(lo),
                                        code_of(hi),
                                        lo.len() as u8,
                                    ));
                                }
                            }
                            operands.clear();
                        }
                        Mode::BfChar if operands.len() == 2 => {
                            if let (Operand::Str(src), Operand::Str(dst)) =
                                (&operands[0], &operands[1])
                            {
                                single.insert(code_of(src), units_to_string(&utf16_units(dst)));
                            }
                            operands.clear();
                        }
                        Mode::BfRange if operands.len() == 3 => {
                            map.add_range(&mut single, &operands[0], &operands[1], &operands[2]);
                            operands.clear();
                        }
                        _ => {}
                    }
                }
                Token::Operator(op) => {
                    operands.clear();
                    mode = match op {
                        b"begincodespacerange" => Mode::CodeSpace,
                        b"beginbfchar" => Mode::BfChar,
                        b"beginbfrange" => Mode::BfRange,
                        _ => Mode::None,
                    };
                }
            }
        }
        map.ranges.sort_by_key(|r| r.0);
        map.single = single.into_iter().collect();
        map.single.sort_unstable_by_key(|e| e.0);
        map.build_dense();
        map
    }

    /// Fills the table of low codes from the maps read.
    fn build_dense(&mut self) {
        let top =
            self.single.last().map(|e| e.0).into_iter().chain(self.ranges.iter().map(|r| r.1));
        let len = top.max().map_or(0, |t| t.saturating_add(1)).min(DENSE_CODES);
        let (mut text, mut multi) = (String::new(), Vec::new());
        let mut one = String::new();
        let dense = (0..len)
            .map(|code| {
                one.clear();
                if !self.lookup(code, &mut one) {
                    return UNMAPPED;
                }
                let mut chars = one.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => u32::from(c),
                    _ => {
                        let start = text.len() as u32;
                        text.push_str(&one);
                        multi.push((start, text.len() as u32));
                        MULTI | (multi.len() as u32 - 1)
                    }
                }
            })
            .collect();
        self.dense = dense;
        self.dense_multi = multi;
        self.dense_text = text;
    }

    fn add_range(
        &mut self,
        single: &mut HashMap<u32, Box<str>>,
        lo: &Operand,
        hi: &Operand,
        dst: &Operand,
    ) {
        let (Operand::Str(lo), Operand::Str(hi)) = (lo, hi) else { return };
        let (lo, hi) = (code_of(lo), code_of(hi));
        if hi < lo {
            return;
        }
        let hi = hi.min(lo.saturating_add(MAX_RANGE - 1));
        match dst {
            Operand::Str(d) => {
                let units = utf16_units(d);
                if !units.is_empty() {
                    self.ranges.push((lo, hi, units));
                }
            }
            Operand::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let code = lo.saturating_add(i as u32);
                    if code > hi {
                        break;
                    }
                    if let Operand::Str(d) = item {
                        single.insert(code, units_to_string(&utf16_units(d)));
                    }
                }
            }
            _ => {}
        }
    }

    /// The text for a code, if the map has one.
    pub(crate) fn get(&self, code: u32, out: &mut String) -> bool {
        match self.dense.get(code as usize) {
            Some(&UNMAPPED) => false,
            Some(&e) if e & MULTI != 0 => {
                let (start, end) = self.dense_multi[(e & !MULTI) as usize];
                out.push_str(&self.dense_text[start as usize..end as usize]);
                true
            }
            Some(&c) => {
                out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                true
            }
            None => self.lookup(code, out),
        }
    }

    /// [`ToUnicode::get`] from the maps themselves.
    fn lookup(&self, code: u32, out: &mut String) -> bool {
        if let Ok(i) = self.single.binary_search_by_key(&code, |e| e.0) {
            out.push_str(&self.single[i].1);
            return true;
        }
        let idx = self.ranges.partition_point(|r| r.0 <= code);
        if idx == 0 {
            return false;
        }
        let (lo, hi, base) = &self.ranges[idx - 1];
        if code > *hi {
            return false;
        }
        // The target with its last unit moved on by the code's offset, decoded straight into
        // `out` (no copy of the target).
        let n = base.len();
        let units = base
            .iter()
            .enumerate()
            .map(|(i, &u)| if i + 1 == n { u.wrapping_add((code - lo) as u16) } else { u });
        out.extend(char::decode_utf16(units).map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER)));
        true
    }

    /// Whether the map has any entry at all.
    pub(crate) fn is_empty(&self) -> bool {
        self.single.is_empty() && self.ranges.is_empty()
    }

    /// A code that maps to a single space, if any (used for the space width of CID fonts).
    pub(crate) fn code_for_space(&self) -> Option<u32> {
        if let Some((c, _)) =
            self.single.iter().filter(|(_, s)| &**s == " ").min_by_key(|(c, _)| *c)
        {
            return Some(*c);
        }
        self.ranges.iter().find_map(|(lo, hi, base)| {
            let last = *base.last()?;
            if base.len() == 1 && last <= 0x20 && u32::from(0x20 - last) <= hi - lo {
                Some(lo + u32::from(0x20 - last))
            } else {
                None
            }
        })
    }
}

/// The code space of a CMap (embedded encoding CMap or a ToUnicode map's declared one): how
/// many bytes the next code takes.
pub(crate) fn code_len(ranges: &[(u32, u32, u8)], bytes: &[u8], default: u8) -> u8 {
    if ranges.is_empty() {
        return default;
    }
    for n in 1..=4u8 {
        if bytes.len() < n as usize {
            break;
        }
        let code = code_of(&bytes[..n as usize]);
        if ranges.iter().any(|&(lo, hi, len)| len == n && code >= lo && code <= hi) {
            return n;
        }
    }
    default
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bfchar_bfrange_and_ligatures() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
            1 begincodespacerange <0000> <FFFF> endcodespacerange
            3 beginbfchar <0003> <0020> <0011> <00A3> <0050> <00660069> endbfchar
            2 beginbfrange <0024> <0026> <0041> <0030> <0031> [<2019> <2022>] endbfrange
            endcmap";
        let m = ToUnicode::parse(cmap);
        let get = |c| {
            let mut s = String::new();
            m.get(c, &mut s).then_some(s)
        };
        assert_eq!(get(0x03).as_deref(), Some(" "));
        assert_eq!(get(0x11).as_deref(), Some("£"));
        assert_eq!(get(0x50).as_deref(), Some("fi"));
        assert_eq!(get(0x26).as_deref(), Some("C"));
        assert_eq!(get(0x31).as_deref(), Some("•"));
        assert_eq!(get(0x27), None);
        assert_eq!(m.code_for_space(), Some(3));
        assert_eq!(code_len(&m.code_lengths, &[0, 3], 1), 2);
    }

    #[test]
    fn the_table_of_low_codes_agrees_with_the_maps() {
        // A range straddling the end of the table and a code above it: every code reads the
        // same through the table as through the maps.
        let cmap = b"1 beginbfchar <0900> <0042> endbfchar
            2 beginbfrange <07FE> <0802> <0061> <0010> <0012> <00660069> endbfrange";
        let m = ToUnicode::parse(cmap);
        assert_eq!(m.dense.len(), DENSE_CODES as usize);
        for code in (0..0x0a00).chain([0xffff, u32::MAX]) {
            let (mut a, mut b) = (String::new(), String::new());
            assert_eq!(m.get(code, &mut a), m.lookup(code, &mut b), "{code:#x}");
            assert_eq!(a, b, "{code:#x}");
        }
        let mut s = String::new();
        assert!(m.get(0x0800, &mut s) && m.get(0x0012, &mut s) && m.get(0x0900, &mut s));
        assert_eq!(s, "cfkB");
    }
}
