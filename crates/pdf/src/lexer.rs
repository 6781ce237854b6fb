//! A content-stream tokenizer: operands and operators, without building a tree for the whole
//! stream. Damaged syntax is skipped byte by byte rather than failing the page.

use std::borrow::Cow;

/// One operand of a content-stream operator. A name or string is borrowed from the stream when
/// its bytes are the stream's (no `#` escape in a name, no `\\` escape in a literal string).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    Num(f32),
    Name(Cow<'a, [u8]>),
    Str(StrBytes<'a>),
    Array(Vec<Operand<'a>>),
    /// A dictionary (only marked-content properties use one inline); its contents are dropped.
    Dict,
    Bool(bool),
    Null,
}

impl Operand<'_> {
    pub(crate) fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) if n.is_finite() => Some(*n),
            _ => None,
        }
    }
}

/// The bytes of a string operand: borrowed from the stream when they are its bytes, held inline
/// when short (a hex string of a glyph or two, as most text-showing operators in a `TJ` array
/// carry), on the heap otherwise.
#[derive(Clone)]
pub(crate) enum StrBytes<'a> {
    Borrowed(&'a [u8]),
    Inline([u8; INLINE], u8),
    Owned(Vec<u8>),
}

/// Bytes a string operand holds without an allocation.
const INLINE: usize = 22;

impl std::ops::Deref for StrBytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            StrBytes::Borrowed(b) => b,
            StrBytes::Inline(buf, n) => &buf[..usize::from(*n)],
            StrBytes::Owned(v) => v,
        }
    }
}

impl std::fmt::Debug for StrBytes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (**self).fmt(f)
    }
}

impl PartialEq for StrBytes<'_> {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

/// Deepest array nesting accepted inside a content stream.
const MAX_NESTING: usize = 32;

pub(crate) struct Lexer<'a> {
    buf: &'a [u8],
    pos: usize,
}

/// A token: an operand or an operator keyword.
pub(crate) enum Token<'a> {
    Operand(Operand<'a>),
    Operator(&'a [u8]),
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

fn hex_val(b: u8) -> Option<u8> {
    match HEX[usize::from(b)] {
        NOT_HEX => None,
        v => Some(v),
    }
}

/// A byte's value as a hex digit, or [`NOT_HEX`].
const HEX: [u8; 256] = {
    let mut t = [NOT_HEX; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = match i as u8 {
            c @ b'0'..=b'9' => c - b'0',
            c @ b'a'..=b'f' => c - b'a' + 10,
            c @ b'A'..=b'F' => c - b'A' + 10,
            _ => NOT_HEX,
        };
        i += 1;
    }
    t
};
const NOT_HEX: u8 = 0xff;

/// Powers of ten exact in f64.
const POW10: [f64; 16] =
    [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// Reads decimal digits from `buf[*i..]`: their value (wrapping; only used up to 15 digits) and
/// how many there were.
fn digits(buf: &[u8], i: &mut usize) -> (u64, usize) {
    let (mut v, mut n) = (0u64, 0usize);
    while let Some(&c @ b'0'..=b'9') = buf.get(*i) {
        v = v.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
        n += 1;
        *i += 1;
    }
    (v, n)
}

/// The magnitude of a number token with more than 15 digits on a side, summed digit by digit
/// in f64 (signs before it are the caller's).
fn long_number(s: &[u8]) -> f64 {
    let s = &s[s.iter().take_while(|c| matches!(c, b'+' | b'-')).count()..];
    let mut int: f64 = 0.0;
    let mut frac: f64 = 0.0;
    let mut scale = 1.0f64;
    let mut seen_dot = false;
    for &c in s {
        match c {
            b'0'..=b'9' => {
                if seen_dot {
                    scale *= 10.0;
                    frac = frac * 10.0 + f64::from(c - b'0');
                } else {
                    int = int * 10.0 + f64::from(c - b'0');
                }
            }
            b'.' if !seen_dot => seen_dot = true,
            _ => break,
        }
    }
    int + frac / scale
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Lexer { buf, pos: 0 }
    }

    fn skip_white_and_comments(&mut self) {
        while self.pos < self.buf.len() {
            let b = self.buf[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.buf.len() && !matches!(self.buf[self.pos], b'\n' | b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token, or `None` at the end of the stream.
    pub(crate) fn next_token(&mut self) -> Option<Token<'a>> {
        loop {
            self.skip_white_and_comments();
            let b = *self.buf.get(self.pos)?;
            // The commonest tokens, numbers and operators, are read here directly; the others
            // (and the keywords `true`, `false`, `null`) by the general operand reader.
            match b {
                b'0'..=b'9' | b'+' | b'-' | b'.' => return self.number().map(Token::Operand),
                b'A'..=b'Z' | b'a'..=b'e' | b'g'..=b'm' | b'o'..=b's' | b'u'..=b'z' => {
                    return Some(self.operator());
                }
                _ => {}
            }
            if let Some(op) = self.operand(0) {
                return Some(Token::Operand(op));
            }
            // Not an operand: an operator keyword, or a stray delimiter to skip.
            if is_regular(b) {
                return Some(self.operator());
            }
            self.pos += 1;
        }
    }

    /// The operator keyword at the current position (a run of regular bytes).
    fn operator(&mut self) -> Token<'a> {
        let start = self.pos;
        while self.pos < self.buf.len() && is_regular(self.buf[self.pos]) {
            self.pos += 1;
        }
        Token::Operator(&self.buf[start..self.pos])
    }

    /// Parses an operand at the current position, or returns `None` (position unchanged) when
    /// the bytes there do not start one.
    fn operand(&mut self, depth: usize) -> Option<Operand<'a>> {
        let b = *self.buf.get(self.pos)?;
        match b {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                self.pos += 1;
                Some(Operand::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Operand::Str(
                    self.plain_string()
                        .map_or_else(|| StrBytes::Owned(self.literal_string()), StrBytes::Borrowed),
                ))
            }
            b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict();
                Some(Operand::Dict)
            }
            b'<' => {
                self.pos += 1;
                Some(Operand::Str(self.hex_string()))
            }
            b'[' => {
                self.pos += 1;
                // Room for a text-showing array's usual strings and kerns at once.
                let mut items = Vec::with_capacity(16);
                loop {
                    self.skip_white_and_comments();
                    match self.buf.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => {
                            if depth < MAX_NESTING {
                                if let Some(op) = self.operand(depth + 1) {
                                    items.push(op);
                                    continue;
                                }
                            }
                            // Keyword or junk inside an array: skip it.
                            let start = self.pos;
                            while self.pos < self.buf.len() && is_regular(self.buf[self.pos]) {
                                self.pos += 1;
                            }
                            if self.pos == start {
                                self.pos += 1;
                            }
                        }
                    }
                }
                Some(Operand::Array(items))
            }
            b't' if self.keyword_is(b"true") => {
                self.pos += 4;
                Some(Operand::Bool(true))
            }
            b'f' if self.keyword_is(b"false") => {
                self.pos += 5;
                Some(Operand::Bool(false))
            }
            b'n' if self.keyword_is(b"null") => {
                self.pos += 4;
                Some(Operand::Null)
            }
            _ => None,
        }
    }

    fn keyword_is(&self, kw: &[u8]) -> bool {
        self.buf[self.pos..].starts_with(kw)
            && self.buf.get(self.pos + kw.len()).is_none_or(|&c| !is_regular(c))
    }

    #[inline]
    fn number(&mut self) -> Option<Operand<'a>> {
        let buf = self.buf;
        let start = self.pos;
        // One pass over the usual shape: signs, integer digits, a dot, fraction digits.
        let mut i = start;
        let mut neg = false;
        while i < buf.len() && matches!(buf[i], b'+' | b'-') {
            neg ^= buf[i] == b'-';
            i += 1;
        }
        let (int, int_digits) = digits(buf, &mut i);
        let (frac, frac_digits) = if buf.get(i) == Some(&b'.') {
            i += 1;
            digits(buf, &mut i)
        } else {
            (0, 0)
        };
        // The token runs on over any further number bytes ("1.2.3", "5-3"), read leniently.
        let mut end = i;
        while end < buf.len() && matches!(buf[end], b'0'..=b'9' | b'+' | b'-' | b'.') {
            end += 1;
        }
        if end == start {
            return None;
        }
        self.pos = end;
        if int_digits + frac_digits == 0 {
            return Some(Operand::Num(0.0));
        }
        // Up to 15 digits a side, the integers are exact in f64 and so is the power of ten:
        // the same value as summing digit by digit in f64, which longer numbers still do.
        let v = if int_digits <= 15 && frac_digits <= 15 {
            int as f64 + frac as f64 / POW10[frac_digits]
        } else {
            long_number(&buf[start..end])
        };
        Some(Operand::Num((if neg { -v } else { v }) as f32))
    }

    fn name(&mut self) -> Cow<'a, [u8]> {
        let buf: &'a [u8] = self.buf;
        let run = buf[self.pos..].iter().take_while(|&&c| is_regular(c)).count();
        if !buf[self.pos..self.pos + run].contains(&b'#') {
            self.pos += run;
            return Cow::Borrowed(&buf[self.pos - run..self.pos]);
        }
        let mut out = Vec::with_capacity(run);
        while self.pos < self.buf.len() && is_regular(self.buf[self.pos]) {
            let c = self.buf[self.pos];
            if c == b'#' {
                if let (Some(h), Some(l)) = (
                    self.buf.get(self.pos + 1).and_then(|&x| hex_val(x)),
                    self.buf.get(self.pos + 2).and_then(|&x| hex_val(x)),
                ) {
                    out.push(h * 16 + l);
                    self.pos += 3;
                    continue;
                }
            }
            out.push(c);
            self.pos += 1;
        }
        Cow::Owned(out)
    }

    /// A literal string with no escape, closed with its parentheses balanced: its bytes as they
    /// are in the stream (what [`Lexer::literal_string`] reads), or `None` (position unchanged).
    fn plain_string(&mut self) -> Option<&'a [u8]> {
        let buf: &'a [u8] = self.buf;
        let start = self.pos;
        let mut depth = 1usize;
        for (i, &c) in buf[start..].iter().enumerate() {
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        self.pos = start + i + 1;
                        return Some(&buf[start..start + i]);
                    }
                }
                b'\\' => return None,
                _ => {}
            }
        }
        None
    }

    fn literal_string(&mut self) -> Vec<u8> {
        // Most strings close at the first ')': a capacity that usually holds the whole string.
        let guess = self.buf[self.pos..].iter().position(|&c| c == b')').unwrap_or(0);
        let mut out = Vec::with_capacity(guess.min(4096));
        let mut depth = 1usize;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(&e) = self.buf.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.buf.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        b'\r' => {
                            if self.buf.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        out
    }

    fn hex_string(&mut self) -> StrBytes<'a> {
        // The usual shape: pairs of digits closed at once ("<0052>"), held inline.
        let rest = &self.buf[self.pos..];
        let (mut buf, mut len, mut i) = ([0u8; INLINE], 0usize, 0usize);
        while len < INLINE && i + 1 < rest.len() {
            let (h, l) = (HEX[usize::from(rest[i])], HEX[usize::from(rest[i + 1])]);
            if h == NOT_HEX || l == NOT_HEX {
                break;
            }
            buf[len] = h << 4 | l;
            len += 1;
            i += 2;
        }
        if rest.get(i) == Some(&b'>') {
            self.pos += i + 1;
            return StrBytes::Inline(buf, len as u8);
        }
        let close = self.buf[self.pos..].iter().position(|&c| c == b'>');
        // Two digits make a byte: a string closed within 2 x INLINE bytes fits inline.
        match close {
            Some(n) if n.div_ceil(2) <= INLINE => {
                let (mut buf, mut len) = ([0u8; INLINE], 0u8);
                self.hex_digits(|b| {
                    buf[usize::from(len)] = b;
                    len += 1;
                });
                StrBytes::Inline(buf, len)
            }
            _ => {
                let mut out = Vec::with_capacity(close.unwrap_or(0).div_ceil(2));
                self.hex_digits(|b| out.push(b));
                StrBytes::Owned(out)
            }
        }
    }

    /// Reads hex digits up to the closing `>` (or the end), each pair a byte handed to `push`
    /// (an odd last digit as if followed by `0`); anything else between them is skipped.
    fn hex_digits(&mut self, mut push: impl FnMut(u8)) {
        let mut hi: Option<u8> = None;
        while self.pos < self.buf.len() {
            let c = self.buf[self.pos];
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hex_val(c) {
                match hi.take() {
                    Some(h) => push(h * 16 + v),
                    None => hi = Some(v),
                }
            }
        }
        if let Some(h) = hi {
            push(h * 16);
        }
    }

    fn skip_dict(&mut self) {
        let mut depth = 0usize;
        while self.pos < self.buf.len() {
            match self.buf[self.pos] {
                b'<' if self.buf.get(self.pos + 1) == Some(&b'<') => {
                    depth += 1;
                    self.pos += 2;
                }
                b'>' if self.buf.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return;
                    }
                }
                b'(' => {
                    self.pos += 1;
                    self.literal_string();
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Skips inline image data after an `ID` operator, up to and including `EI`; returns the
    /// range of the data.
    pub(crate) fn skip_inline_image(&mut self) -> std::ops::Range<usize> {
        // One whitespace byte follows ID; then binary data until whitespace + "EI" + delimiter.
        self.pos += 1;
        let start = self.pos.min(self.buf.len());
        while self.pos + 2 <= self.buf.len() {
            if self.buf[self.pos] == b'E'
                && self.buf[self.pos + 1] == b'I'
                && self.pos > 0
                && is_white(self.buf[self.pos - 1])
                && self.buf.get(self.pos + 2).is_none_or(|&c| !is_regular(c))
            {
                let end = (self.pos - 1).max(start);
                self.pos += 2;
                return start..end;
            }
            self.pos += 1;
        }
        self.pos = self.buf.len();
        start..self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(s: &str) -> Vec<String> {
        let mut lx = Lexer::new(s.as_bytes());
        let mut out = Vec::new();
        while let Some(t) = lx.next_token() {
            out.push(match t {
                Token::Operand(o) => format!("{o:?}"),
                Token::Operator(op) => String::from_utf8_lossy(op).into_owned(),
            });
        }
        out
    }

    #[test]
    fn reads_operands_and_operators() {
        let t =
            tokens("BT /F1 12 Tf 1 0 0 -1 72.5 -.5 Tm (a\\(b\\)\\243) Tj [<0041> -120 (c)] TJ ET");
        assert_eq!(t[0], "BT");
        assert_eq!(t[1], "Name([70, 49])");
        assert_eq!(t[2], "Num(12.0)");
        assert_eq!(t[3], "Tf");
        assert_eq!(t[9], "Num(-0.5)");
        assert_eq!(t[11], "Str([97, 40, 98, 41, 163])");
        assert_eq!(t[13], "Array([Str([0, 65]), Num(-120.0), Str([99])])");
        assert_eq!(t.last().map(String::as_str), Some("ET"));
    }

    #[test]
    fn hex_strings_short_and_long_read_the_same_bytes() {
        // A short string is held inline, a long one on the heap, an unterminated one runs to
        // the end of the stream; an odd last digit reads as if followed by 0.
        let long = "41".repeat(30);
        let t = tokens(&format!("<00 4 1> Tj <{long}> Tj <414"));
        assert_eq!(t[0], "Str([0, 65])");
        assert_eq!(t[2], format!("Str({:?})", vec![65u8; 30]));
        assert_eq!(t[4], "Str([65, 64])");
        let mut lx = Lexer::new(b"<0041>");
        assert!(matches!(
            lx.next_token(),
            Some(Token::Operand(Operand::Str(StrBytes::Inline(..))))
        ));
        let s = format!("<{long}>");
        let mut lx = Lexer::new(s.as_bytes());
        assert!(matches!(lx.next_token(), Some(Token::Operand(Operand::Str(StrBytes::Owned(_))))));
    }

    #[test]
    fn numbers_read_the_same_on_the_fast_and_the_long_path() {
        // The one-pass reader (up to 15 digits a side) must give the value the digit-by-digit
        // sum gives, which numbers longer than that still use.
        let num = |s: &str| match Lexer::new(s.as_bytes()).next_token() {
            Some(Token::Operand(Operand::Num(v))) => v,
            _ => panic!("{s} did not read as a number"),
        };
        for s in
            ["72.5", "0.1", "595.2756", "841.8898", "123456789012345.123456789012345", "7", "3."]
        {
            let long = long_number(s.as_bytes()) as f32;
            assert_eq!(num(s), long, "{s}");
            assert_eq!(num(&format!("-{s}")), -long, "-{s}");
        }
        assert_eq!(num("-.5"), -0.5);
        assert_eq!(num("+-2"), -2.0);
        assert_eq!(num("."), 0.0);
        // 20 integer digits take the long path.
        assert_eq!(num("12345678901234567890"), 1.234_567_9e19);
        assert_eq!(num("0.000000000000000001"), 1e-18);
    }

    #[test]
    fn survives_junk() {
        let t = tokens("/P <</MCID 3>> BDC ) ] } 5 Tz ( unterminated");
        assert!(t.contains(&"BDC".to_string()));
        assert!(t.contains(&"Tz".to_string()));
    }
}
