//! Inline markup of text renderings: markdown emphasis (`**bold**`, `*italic*`, `***both***`),
//! escapes, links, and the few HTML tags and entities the renderings use.
//!
//! The parser never fails: anything it does not recognise is kept as literal text. HTML state
//! (an unclosed `<ul>` or `<i>`) ends with the piece of text being parsed (a line or a cell).

/// A stretch of text in one style.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Piece {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
}

/// How `**` markers left unpaired on a line are treated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Carry {
    /// Bold was opened on an earlier line and is still open at the start of this one.
    pub bold_open: bool,
    /// A last unpaired `**` opens bold that runs on to the next line (instead of being dropped).
    pub open_at_end: bool,
}

/// The number of `**` markers (star runs of two or more, not escaped) in `s`.
pub fn bold_marks(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == b'*' {
            let start = i;
            while i < b.len() && b[i] == b'*' {
                i += 1;
            }
            let prev = s[..start].chars().next_back();
            let next = s[i..].chars().next();
            if i - start >= 2 && !loose(prev, next) {
                n += 1;
            }
            continue;
        }
        i += 1;
    }
    n
}

/// Whether a run of stars stands between whitespace (or the ends of the text) on both sides: it
/// can neither open nor close emphasis (CommonMark's flanking rule), so it is literal text.
fn loose(prev: Option<char>, next: Option<char>) -> bool {
    prev.is_none_or(char::is_whitespace) && next.is_none_or(char::is_whitespace)
}

/// Whether a line holds anything the inline parser would change.
fn has_markup(s: &str) -> bool {
    s.bytes().any(|c| matches!(c, b'*' | b'<' | b'&' | b'\\' | b'[' | b'$'))
}

#[derive(Debug)]
enum Tok {
    Text(String),
    /// A run of `n` stars, with the characters before and after it.
    Stars(usize, Option<char>, Option<char>),
    Tag {
        name: String,
        closing: bool,
    },
}

const KNOWN_TAGS: &[&str] = &[
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "p",
    "ul",
    "ol",
    "li",
    "br",
    "sup",
    "sub",
    "del",
    "s",
    "strike",
    "span",
    "div",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "small",
    "big",
    "mark",
    "tr",
    "td",
    "th",
    "table",
    "tbody",
    "thead",
    "blockquote",
    "center",
];

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "pound" => '£',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "bull" => '•',
        "euro" => '€',
        "copy" => '©',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                num.parse::<u32>().ok()?
            };
            char::from_u32(code)?
        }
    })
}

fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut toks = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let flush = |text: &mut String, toks: &mut Vec<Tok>| {
        if !text.is_empty() {
            toks.push(Tok::Text(std::mem::take(text)));
        }
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() => {
                text.push(chars[i + 1]);
                i += 2;
            }
            '*' => {
                let start = i;
                while i < chars.len() && chars[i] == '*' {
                    i += 1;
                }
                let prev = if start > 0 { Some(chars[start - 1]) } else { None };
                let next = chars.get(i).copied();
                if loose(prev, next) {
                    // Neither opens nor closes anything: a footnote mark ("Reserves **").
                    text.extend(&chars[start..i]);
                    continue;
                }
                flush(&mut text, &mut toks);
                toks.push(Tok::Stars(i - start, prev, next));
            }
            '<' => {
                if let Some((tok, next)) = tag_at(&chars, i) {
                    match tok {
                        Tok::Text(t) => text.push_str(&t),
                        other => {
                            flush(&mut text, &mut toks);
                            toks.push(other);
                        }
                    }
                    i = next;
                } else {
                    text.push('<');
                    i += 1;
                }
            }
            '&' => {
                let end = (i + 1..chars.len().min(i + 12)).find(|&j| chars[j] == ';');
                let decoded = end.and_then(|e| {
                    let name: String = chars[i + 1..e].iter().collect();
                    entity(&name).map(|ch| (ch, e + 1))
                });
                match decoded {
                    Some((ch, next)) => {
                        text.push(ch);
                        i = next;
                    }
                    None => {
                        text.push('&');
                        i += 1;
                    }
                }
            }
            '[' => {
                // [text](url) -> text
                if let Some((inner, next)) = link_at(&chars, i) {
                    // Keep emphasis inside the link text by re-tokenizing it.
                    flush(&mut text, &mut toks);
                    toks.extend(tokenize(&inner));
                    i = next;
                } else {
                    text.push('[');
                    i += 1;
                }
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                // A LaTeX fragment such as ${\color{red}Some \, words}$: keep the words.
                if let Some(end) = (i + 2..chars.len()).find(|&j| chars[j] == '$') {
                    let inner: String = chars[i + 1..end].iter().collect();
                    text.push_str(&latex_words(&inner));
                    i = end + 1;
                } else {
                    text.push('$');
                    i += 1;
                }
            }
            _ => {
                text.push(c);
                i += 1;
            }
        }
    }
    flush(&mut text, &mut toks);
    toks
}

fn latex_words(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                // skip a command name, or an escaped spacing command like "\,"
                if chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                    while chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
                        chars.next();
                    }
                    if chars.peek() == Some(&'{') {
                        // \color{red}: skip the argument
                        for c in chars.by_ref() {
                            if c == '}' {
                                break;
                            }
                        }
                    }
                } else {
                    chars.next();
                    out.push(' ');
                }
            }
            '{' | '}' => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn link_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let close = (i + 1..chars.len()).find(|&j| chars[j] == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let end = (close + 2..chars.len()).find(|&j| chars[j] == ')')?;
    if chars[close + 2..end].iter().any(|c| c.is_whitespace()) {
        return None;
    }
    Some((chars[i + 1..close].iter().collect(), end + 1))
}

/// An HTML tag or an autolink at `i`; `Tok::Text` for an autolink's address.
fn tag_at(chars: &[char], i: usize) -> Option<(Tok, usize)> {
    let mut j = i + 1;
    let closing = chars.get(j) == Some(&'/');
    if closing {
        j += 1;
    }
    let name_start = j;
    while j < chars.len() && chars[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name: String = chars[name_start..j].iter().collect::<String>().to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let end = (j..chars.len()).find(|&k| chars[k] == '>')?;
    let next = chars.get(j).copied();
    if !closing && (name == "http" || name == "https" || name == "mailto" || name == "www") {
        let inner: String = chars[i + 1..end].iter().collect();
        if !inner.contains(char::is_whitespace) {
            return Some((Tok::Text(inner), end + 1));
        }
    }
    if !KNOWN_TAGS.contains(&name.as_str()) {
        return None;
    }
    if !matches!(next, Some('>') | Some('/') | Some(' ') | Some('\t')) {
        return None;
    }
    Some((Tok::Tag { name, closing }, end + 1))
}

/// Parses one line (or one table cell) into styled pieces.
pub fn parse(s: &str, carry: Carry) -> Vec<Piece> {
    if !has_markup(s) && !carry.bold_open {
        return if s.is_empty() {
            Vec::new()
        } else {
            vec![Piece { text: s.into(), ..Piece::default() }]
        };
    }
    let toks = tokenize(s);
    let marks = toks.iter().filter(|t| matches!(t, Tok::Stars(n, ..) if *n >= 2)).count();
    // Which bold marks toggle: with bold carried in, the first closes and the rest pair up.
    let (first_pairable, rest) =
        if carry.bold_open { (1, marks.saturating_sub(1)) } else { (0, marks) };
    let mut toggling = first_pairable + rest / 2 * 2;
    if rest % 2 == 1 && carry.open_at_end {
        toggling += 1;
    }

    let mut out: Vec<Piece> = Vec::new();
    let mut md_bold = carry.bold_open;
    let mut md_italic = false;
    let (mut h_bold, mut h_italic, mut h_under, mut h_del) = (0i32, 0i32, 0i32, 0i32);
    let mut mark_idx = 0usize;

    let push = |out: &mut Vec<Piece>, text: &str, bold: bool, italic: bool, under: bool| {
        if text.is_empty() {
            return;
        }
        if let Some(last) = out.last_mut()
            && last.bold == bold
            && last.italic == italic
            && last.underline == under
        {
            last.text.push_str(text);
            return;
        }
        out.push(Piece { text: text.to_string(), bold, italic, underline: under });
    };
    let ends_with_space =
        |out: &Vec<Piece>| out.last().is_none_or(|p| p.text.ends_with(char::is_whitespace));

    for (ti, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Text(t) => {
                if h_del > 0 {
                    continue;
                }
                push(&mut out, t, md_bold || h_bold > 0, md_italic || h_italic > 0, h_under > 0);
            }
            Tok::Stars(n, prev, next) => {
                let mut singles = *n;
                if *n >= 2 {
                    if mark_idx < toggling {
                        md_bold = !md_bold;
                    }
                    mark_idx += 1;
                    singles = if *n == 3 { 1 } else { 0 };
                }
                if singles == 1 {
                    let prev_solid =
                        if *n == 1 { prev.is_some_and(|c| !c.is_whitespace()) } else { true };
                    let next_solid = next.is_some_and(|c| !c.is_whitespace());
                    if md_italic && prev_solid {
                        md_italic = false;
                    } else if !md_italic && next_solid && closer_ahead(&toks[ti + 1..]) {
                        md_italic = true;
                    } else {
                        push(
                            &mut out,
                            "*",
                            md_bold || h_bold > 0,
                            md_italic || h_italic > 0,
                            h_under > 0,
                        );
                    }
                }
            }
            Tok::Tag { name, closing } => {
                let d = if *closing { -1 } else { 1 };
                match name.as_str() {
                    "b" | "strong" => h_bold = (h_bold + d).max(0),
                    "i" | "em" => h_italic = (h_italic + d).max(0),
                    "u" | "ins" => h_under = (h_under + d).max(0),
                    "del" | "s" | "strike" => h_del = (h_del + d).max(0),
                    "p" | "ul" | "ol" | "li" | "br" | "div" | "tr" | "td" | "th" | "table"
                    | "blockquote" | "hr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                        if !ends_with_space(&out) =>
                    {
                        push(&mut out, " ", false, false, false);
                    }
                    _ => {}
                }
            }
        }
    }
    out
}

/// Whether a single `*` that can close an italic span follows (before any bold mark).
fn closer_ahead(toks: &[Tok]) -> bool {
    for t in toks {
        if let Tok::Stars(n, prev, _) = t {
            if *n == 1 && prev.is_some_and(|c| !c.is_whitespace()) {
                return true;
            }
            if *n == 3 {
                return true;
            }
        }
    }
    false
}

/// The plain text of some pieces.
pub fn plain(pieces: &[Piece]) -> String {
    let mut s = String::new();
    for p in pieces {
        s.push_str(&p.text);
    }
    s
}

/// Pieces restricted to the character range `start..end` of their plain text.
pub fn clip(pieces: &[Piece], start: usize, end: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut pos = 0usize;
    for p in pieces {
        let len = p.text.chars().count();
        let (a, b) = (start.max(pos), end.min(pos + len));
        if a < b {
            let text: String = p.text.chars().skip(a - pos).take(b - a).collect();
            out.push(Piece { text, ..p.clone() });
        }
        pos += len;
    }
    out
}

/// Pieces with surrounding whitespace removed and inner runs of spaces left as they are.
pub fn trim(pieces: &[Piece]) -> Vec<Piece> {
    let text = plain(pieces);
    let total = text.chars().count();
    let lead = text.chars().take_while(|c| c.is_whitespace()).count();
    if lead == total {
        return Vec::new();
    }
    let trail = text.chars().rev().take_while(|c| c.is_whitespace()).count();
    clip(pieces, lead, total - trail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<Piece> {
        parse(s, Carry::default())
    }

    #[test]
    fn bold_and_italic() {
        let v = p("Subject: **REVENUE & CAPITAL** and *Local Plan*");
        assert_eq!(plain(&v), "Subject: REVENUE & CAPITAL and Local Plan");
        assert!(v.iter().any(|x| x.bold && x.text == "REVENUE & CAPITAL"));
        assert!(v.iter().any(|x| x.italic && x.text == "Local Plan"));
    }

    #[test]
    fn bold_glued_to_previous_word() {
        let v = p("UNRESTRICTED ITEMS**15. Apologies**");
        assert_eq!(plain(&v), "UNRESTRICTED ITEMS15. Apologies");
        assert!(v.iter().any(|x| x.bold && x.text == "15. Apologies"));
    }

    #[test]
    fn footnote_stars_stay_literal() {
        assert_eq!(plain(&p("Dover*\t28*")), "Dover*\t28*");
        assert_eq!(plain(&p("- * item")), "- * item");
        assert_eq!(plain(&p("\\*\\*Please note\\*\\*")), "**Please note**");
    }

    #[test]
    fn bold_italic_triple() {
        let v = p("***Key***");
        assert_eq!(plain(&v), "Key");
        assert!(v[0].bold && v[0].italic);
        assert_eq!(plain(&p("For publication**Key decision***")), "For publicationKey decision*");
    }

    #[test]
    fn loose_stars_are_text() {
        let v = p("Schools Reserves **");
        assert_eq!(plain(&v), "Schools Reserves **");
        assert!(v.iter().all(|x| !x.bold));
        assert_eq!(plain(&p("* first ** and **second**")), "* first ** and second");
        assert_eq!(bold_marks("Reserves ** and **bold**"), 2);
    }

    #[test]
    fn dangling_marker_dropped() {
        let v = p("- H** The aim");
        assert_eq!(plain(&v), "- H The aim");
        assert!(v.iter().all(|x| !x.bold));
    }

    #[test]
    fn html_tags_and_entities() {
        let v = p("<b>TOTAL</b> &amp; <i>-</i> <u>1,263</u> 16<sup>th</sup> <del>D</del>x");
        assert_eq!(plain(&v), "TOTAL & - 1,263 16th x");
        assert!(v.iter().any(|x| x.bold && x.text == "TOTAL"));
        assert!(v.iter().any(|x| x.underline && x.text == "1,263"));
        let v = p("<ul style=\"list-style-type: none\"> • first<p>second</p>");
        assert_eq!(plain(&trim(&v)), "• first second");
        assert_eq!(
            plain(&p("see <add link> & <http://x.org/a>")),
            "see <add link> & http://x.org/a"
        );
    }

    #[test]
    fn links_and_latex() {
        assert_eq!(plain(&p("[KCC's Budget webpage](#) now")), "KCC's Budget webpage now");
        assert_eq!(
            plain(&p("${\\color{red}Capturing \\, customer \\, feedback}$")),
            "Capturing customer feedback"
        );
    }

    #[test]
    fn carried_bold() {
        let a = parse("**EDUCATION AND", Carry { bold_open: false, open_at_end: true });
        assert!(a[0].bold);
        let b = parse("CABINET COMMITTEE**", Carry { bold_open: true, open_at_end: false });
        assert!(b[0].bold);
        assert_eq!(plain(&b), "CABINET COMMITTEE");
    }
}
