//! Minutes: the line that opens a set of minutes, minute headings, and the paragraphs that record
//! a resolution.
//!
//! * Opening: `MINUTES of a meeting of the Cabinet held …`, `Minutes of the proceedings …`.
//! * Minute heading: `23. Local Transport Plan 4`, `- 290.   Section 25 Report`,
//!   `UNRESTRICTED ITEMS 233. Apologies` (a number of one to three digits, a full stop, a title).
//! * Item reference: `(Item 4)` on a line of its own, under a minute's title: some minutes
//!   head each minute with its agenda item instead of a minute number.
//! * Resolution: `RESOLVED that …`, `(3) RESOLVED …`, `It was RESOLVED …`, `Resolved that:`,
//!   `AGREED …`.

/// A minute heading: its number and the title after it, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinuteHeading<'a> {
    pub number: u32,
    pub title: &'a str,
}

/// True when the line opens a set of minutes: "MINUTES of a meeting …", "Minutes of the
/// proceedings …" (any case). "Minutes of the meeting held on 30 July 2024" is the title of an
/// item approving earlier minutes: an opening says where the meeting was held or of what body.
pub fn is_minutes_opening(line: &str) -> bool {
    // Only ASCII lower-cases to exactly these letters ('İ' gives "i" and a combining dot), so a
    // line that does not start with them in ASCII (nearly every line) is not lower-cased at all.
    if !line.get(..11).is_some_and(|p| p.eq_ignore_ascii_case("minutes of ")) {
        return false;
    }
    let lower: String = line.chars().take(40).collect::<String>().to_lowercase();
    let Some(rest) = lower.strip_prefix("minutes of ") else {
        return false;
    };
    let Some(rest) = rest.strip_prefix("a ").or_else(|| rest.strip_prefix("the ")) else {
        return false;
    };
    if rest.strip_prefix("meeting").is_some_and(|r| r.trim_start().starts_with("held on ")) {
        return false;
    }
    rest.starts_with("meeting") || rest.starts_with("proceedings")
}

/// Reads a minute heading (`23. Local Transport Plan 4`), after an optional `UNRESTRICTED ITEMS`,
/// `EXEMPT ITEMS` or `RESTRICTED ITEMS` label it is glued to and an optional `- ` bullet.
pub fn parse_minute_heading(line: &str) -> Option<MinuteHeading<'_>> {
    let mut s = line;
    for label in ["UNRESTRICTED ITEMS", "EXEMPT ITEMS", "RESTRICTED ITEMS"] {
        if let Some(rest) = s.strip_prefix(label) {
            s = rest.trim_start();
            break;
        }
    }
    let s = s.strip_prefix("- ").unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = s[digits..].strip_prefix('.')?;
    let title = rest.trim_start();
    if title.len() == rest.len() || title.is_empty() {
        return None;
    }
    Some(MinuteHeading { number: s[..digits].parse().ok()?, title })
}

/// Reads a line that is only an agenda-item reference, `(Item 4)`, as its item number.
pub fn parse_item_reference(line: &str) -> Option<u32> {
    let inner = line.trim().strip_prefix("(Item ")?.strip_suffix(')')?.trim();
    if inner.is_empty() || inner.len() > 3 || !inner.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    inner.parse().ok()
}

/// True when the paragraph records a resolution: "RESOLVED" in capitals anywhere ("(3) RESOLVED
/// …", "o 2) RESOLVED …", "It was RESOLVED …"), or opening with "Resolved" or "AGREED" after
/// its number. "The Council resolved to note" is prose.
pub fn is_resolution(line: &str) -> bool {
    if line.contains("RESOLVED") {
        return true;
    }
    let t = crate::amount::unbullet(line);
    let t = t.strip_prefix("It was ").unwrap_or(t);
    let t = strip_para_number(t);
    let t = t.trim_start_matches(['*', ' ']);
    t.starts_with("Resolved") || t.starts_with("AGREED")
}

/// Removes a leading paragraph number: `(3) `, `(iv) `, `2. `, `4) `, `4 `, `b) `.
pub fn strip_para_number(t: &str) -> &str {
    let t = t.trim_start();
    let b = t.as_bytes();
    if b.len() > 2 && b[0].is_ascii_lowercase() && b[1] == b')' && b[2] == b' ' {
        return t[2..].trim_start();
    }
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && close <= 4
    {
        return rest[close + 1..].trim_start();
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 3 {
        let rest = &t[digits..];
        let rest = rest.strip_prefix(['.', ')']).unwrap_or(rest);
        if rest.starts_with(' ') {
            return rest.trim_start();
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_references() {
        // The Corporate Parenting Panel's minutes of 29 October 2024 head each minute with
        // its title over "(Item N)".
        assert_eq!(parse_item_reference("(Item 4)"), Some(4));
        assert_eq!(parse_item_reference("  (Item 12) "), Some(12));
        assert_eq!(parse_item_reference("Participation Team update (Item 4)"), None);
        assert_eq!(parse_item_reference("(Items 4 and 5)"), None);
        assert_eq!(parse_item_reference("(Item )"), None);
    }

    #[test]
    fn openings() {
        assert!(is_minutes_opening("MINUTES of a meeting of the Kent County Council held"));
        assert!(is_minutes_opening("Minutes of the proceedings of the Cabinet"));
        assert!(is_minutes_opening("MINUTES OF A MEETING"));
        assert!(!is_minutes_opening("The minutes of a meeting"));
        // Corporate Parenting Panel minutes: the opening, then the title of item 3.
        assert!(is_minutes_opening("MINUTES of the meeting held in the Darent Room, Sessions"));
        assert!(!is_minutes_opening("Minutes of the meeting held on 30 July 2024"));
        assert!(!is_minutes_opening("MINUTES"));
    }

    #[test]
    fn headings() {
        let h = parse_minute_heading("290.   Section 25 Report").expect("heading");
        assert_eq!((h.number, h.title), (290, "Section 25 Report"));
        let h = parse_minute_heading("UNRESTRICTED ITEMS 233. Apologies").expect("glued");
        assert_eq!((h.number, h.title), (233, "Apologies"));
        assert_eq!(parse_minute_heading("- 4. Work Programme").map(|h| h.number), Some(4));
        for s in ["1234. Too long", "12.Title", "12. ", "Item 12. Title", "(3) RESOLVED", ""] {
            assert_eq!(parse_minute_heading(s), None, "{s}");
        }
    }

    #[test]
    fn resolutions() {
        assert!(is_resolution("- (3) RESOLVED that the Cultural Strategy be adopted."));
        assert!(is_resolution("It was RESOLVED that the proposed decision"));
        assert!(is_resolution("(4) Resolved that:"));
        assert!(is_resolution("**RESOLVED** that"));
        assert!(is_resolution("o 2) RESOLVED to note the report."));
        assert!(!is_resolution("The Council resolved to note"));
        assert_eq!(strip_para_number("(3) RESOLVED"), "RESOLVED");
        assert_eq!(strip_para_number("2. That the"), "That the");
        assert_eq!(strip_para_number("4) RESOLVED"), "RESOLVED");
        assert_eq!(strip_para_number("b) the Director"), "the Director");
        assert_eq!(strip_para_number("17/00013 Proposal"), "17/00013 Proposal");
    }
}
