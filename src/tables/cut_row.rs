//! A row cut in two by a page break: whether the first row below the break is the rest of the
//! last row above it (see [`super::stitch`], which joins the two).

use crate::model::Cell;

use super::settings::TableSettings;

/// Whether `next`, the first row after a page break, is the rest of `last`, the row above the
/// break, cut by the renderer. `next` has text only in columns where `last` holds running text
/// (at least [`TableSettings::split_min_words`] words; a figure or a one-line label is never
/// cut), and that text is words rather than a figure. Then one of:
///
/// - some column of `last` has nothing more to print (a cut row leaves its short cells empty)
///   and at least one cell reads on;
/// - no cell reads on (the break fell between two paragraphs), but one column alone carries on,
///   not the first (`next` opens no row label of its own), the part above ends at the foot of
///   the page body (`at_foot`, see [`TableSettings::split_foot_ratio`]) and both parts are
///   `deep`;
/// - every column carries on and each cell reads on (or, when the part above ends at the foot
///   of the page body, at least one does), and either two columns or more carry on or both
///   parts are `deep` (at least [`TableSettings::split_min_depth_ratio`] font sizes tall: a
///   table printed line by line, one row per line of the original, is not cut rows). A row the
///   renderer began a table with and printed alone at the page foot counts as deep: a table
///   printed line by line shows more than one of its rows above the break.
///
/// A cell stopping mid-sentence counts as running text however few its words; another short cell
/// (a label carried on, "The Education" / "People") is allowed only at the page foot beside two
/// cells that read on.
///
/// A cell reads on when the text above the break stops mid-sentence ([`open_end`]) or the text
/// below starts in lower case.
pub(super) fn split_row(
    last: &[Cell],
    next: &[Cell],
    deep: bool,
    at_foot: bool,
    s: &TableSettings,
) -> bool {
    if last.len() != next.len() || last.iter().chain(next).any(|c| c.covered) {
        return false;
    }
    let words = |t: &str| t.split_whitespace().count();
    let (mut filled, mut read_on, mut short, mut emptied) = (0, 0, 0, false);
    for (a, b) in last.iter().zip(next) {
        let (a, b) = (a.text.trim(), b.text.trim());
        match (a.is_empty(), b.is_empty()) {
            (_, true) => emptied |= !a.is_empty(),
            (true, false) => return false,
            (false, false) => {
                if !b.chars().any(char::is_alphabetic) {
                    return false;
                }
                short += usize::from(words(a) < s.split_min_words && !open_end(a));
                filled += 1;
                read_on += usize::from(open_end(a) || b.starts_with(|c: char| c.is_lowercase()));
            }
        }
    }
    // A short label carried on ("The Education" / "People") only beside two cells that read on,
    // at the page foot.
    if short > 0 && !(at_foot && read_on >= 2) {
        return false;
    }
    let opens_label = next.first().is_some_and(|c| !c.text.trim().is_empty());
    filled > 0
        && ((emptied && read_on > 0)
            || (!opens_label && filled == 1 && deep && at_foot)
            || ((deep || filled >= 2) && (read_on == filled || (at_foot && read_on > 0))))
}

/// Whether `next` is the rest of `last`, a row whose part above the break fills the page body to
/// its very foot (see [`TableSettings::split_fill_ratio`]; checked by the caller with both parts
/// `deep`), though no cell shows that it reads on ("... the council's Medium" / "Term Financial
/// Plan."): `next` opens no row label (first cell empty), has text only in columns that `last`
/// fills, and leaves at least two of them empty (the short cells of a cut row, a name and a
/// rating, have nothing more to print; a row of its own under a group label leaves only the
/// label's cell empty).
pub(super) fn cut_at_body_foot(last: &[Cell], next: &[Cell]) -> bool {
    if last.len() != next.len() || next.first().is_none_or(|c| !c.text.trim().is_empty()) {
        return false;
    }
    let mut emptied = 0;
    let mut filled = 0;
    for (a, b) in last.iter().zip(next) {
        match (a.text.trim().is_empty(), b.text.trim().is_empty()) {
            (true, false) => return false,
            (false, true) => emptied += 1,
            (false, false) => filled += 1,
            _ => {}
        }
    }
    filled > 0 && emptied >= 2
}

/// Whether a text stops mid-sentence: on a comma, a dash or hyphen, an opening bracket, or a
/// word that cannot end one ("and", "of", "the", ...).
pub(super) fn open_end(t: &str) -> bool {
    const JOINERS: [&str; 22] = [
        "and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "on", "by", "at", "from",
        "as", "is", "are", "be", "will", "that", "which", "their",
    ];
    t.ends_with([',', ';', '-', '\u{2013}', '(', '&'])
        || t.rsplit(char::is_whitespace).next().is_some_and(|w| {
            // "... awarded to The" / "Education People": capitalised too, but not a lone
            // capital ("Option A").
            JOINERS.contains(&w) || (w.len() > 1 && JOINERS.contains(&w.to_lowercase().as_str()))
        })
}
