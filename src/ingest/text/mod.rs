//! Text renderings of packs: tab-separated tables, markdown and inline HTML.
//!
//! The reader keeps one [`Line`] per source line (so line numbers are provenance) on a single
//! page, removes inline markup into styled runs, turns tables into [`Grid`]s on the page and
//! records page furniture as [`Stamp`]s:
//!
//! * TAB rows (consecutive tabs are empty cells; trailing tabs ignored; one blank line inside a
//!   table is bridged when the rows either side agree) and markdown pipe tables (separator rows
//!   dropped) become grids `t<first source line>`, method `"tabs"` or `"pipes"`;
//! * `#` headings set [`Line::heading`];
//! * `**bold**`, `*italic*` (also glued to a word, or spanning two lines), `<b> <i> <u> <p> <ul>
//!   <br>` (also unclosed) and entities (`&amp;`) become run styles;
//! * `Page N` alone, glued to the end of prose or in a table's first cell, "This page is
//!   intentionally left blank" and "Agenda Item N" become stamps and leave the text;
//! * lines holding a single space (image placeholders) become blank lines.

mod inline;

use inline::{Carry, Piece};

use crate::limits::budget;
use crate::model::layout::Stamp;
use crate::model::{Layout, Line, Location, Page, Run, SourceKind, TextCell, TextRow, TextTable};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    Tab,
    Pipe,
    Other,
}

fn classify(raw: &str) -> Kind {
    if raw.trim().is_empty() {
        return Kind::Blank;
    }
    if raw.contains('\t') {
        return Kind::Tab;
    }
    let t = raw.trim();
    let t = t.strip_prefix("- ").unwrap_or(t).trim();
    if t.len() >= 3 && t.starts_with('|') && t.ends_with('|') {
        return Kind::Pipe;
    }
    Kind::Other
}

/// Cells of a TAB row with trailing empty cells dropped (count only).
fn tab_width(raw: &str) -> usize {
    raw.split('\t')
        .collect::<Vec<_>>()
        .iter()
        .rposition(|c| !c.trim().is_empty())
        .map_or(0, |i| i + 1)
}

fn pipe_cells(raw: &str) -> Vec<&str> {
    let t = raw.trim();
    let t = t.strip_prefix("- ").unwrap_or(t).trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').collect()
}

/// Groups of line indices forming one table each, with their kind.
fn group(raw: &[&str], kinds: &[Kind]) -> Vec<(Kind, Vec<usize>)> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let k = kinds[i];
        if k != Kind::Tab && k != Kind::Pipe {
            i += 1;
            continue;
        }
        let mut members = vec![i];
        let mut last = i;
        let mut j = i + 1;
        while j < raw.len() {
            if kinds[j] == k {
                members.push(j);
                last = j;
                j += 1;
                continue;
            }
            // One blank line inside a TAB table: bridged when the next row continues it (as wide as
            // the row above with as many TAB fields, or opening with an empty cell, or with as many
            // TABs as the dashed header separator above), not when it opens a table of its own
            // (see `opens_table`).
            if k == Kind::Tab
                && kinds[j] == Kind::Blank
                && j == last + 1
                && kinds.get(j + 1) == Some(&Kind::Tab)
                && ((tab_width(raw[j + 1]) == tab_width(raw[last])
                    && tabs(raw[j + 1]) == tabs(raw[last]))
                    || raw[j + 1].starts_with('\t')
                    || (tab_separator(raw[last]) && tabs(raw[j + 1]) == tabs(raw[last])))
                && !opens_table(raw[j + 1], raw[members[0]])
            {
                members.push(j);
                j += 1;
                continue;
            }
            break;
        }
        blocks.push((k, members));
        i = j;
    }
    blocks
}

fn tabs(raw: &str) -> usize {
    raw.bytes().filter(|&b| b == b'\t').count()
}

/// A TAB row of dashes under a header ("------\t-----\t---"): the body follows, even after a
/// blank line.
fn tab_separator(row: &str) -> bool {
    is_separator(&row.split('\t').collect::<Vec<_>>())
}

/// A markdown separator row: every non-empty cell is dashes (with colons), at least one of three.
pub fn is_separator(cells: &[&str]) -> bool {
    let mut any = false;
    for c in cells {
        let t = c.trim();
        if t.is_empty() {
            continue;
        }
        if !t.chars().all(|ch| matches!(ch, '-' | ':' | '|' | ' ' | '=')) {
            return false;
        }
        if t.chars().filter(|&ch| ch == '-').count() >= 2 {
            any = true;
        }
    }
    any
}

/// Whether a TAB row after a blank line opens a new table rather than continuing the one above:
/// every filled cell of it is bold (a header row of its own, as in a series of small tables
/// "GENDER", "AGE", "ETHNICITY" with the same columns), or it repeats the first row of the table
/// above (a header printed again; renderers and the PDF table finder keep such a part as a table
/// of its own when it follows on the same page), or it repeats that first row's column headings
/// under a label of its own (a series of sub-tables, "GET - Environment ... | 2017-18 | 2017-18 |
/// Future Years | Total" then "GET - Highways ... | 2017-18 | 2018-19 | Future Years | Total"): at
/// least two of the cells after the first, and at least half of the filled ones, equal the first
/// row's.
fn opens_table(row: &str, first: &str) -> bool {
    let cells = render_row(&row.split('\t').collect::<Vec<_>>(), 0).cells.unwrap_or_default();
    let filled: Vec<&TextCell> = cells.iter().filter(|c| !c.text.is_empty()).collect();
    if filled.len() >= 2 && filled.iter().all(|c| c.bold) {
        return true;
    }
    let this = row_texts(row);
    let first = row_texts(first);
    if this.iter().filter(|c| !c.is_empty()).count() >= 2 && this == first {
        return true;
    }
    let filled = this.iter().skip(1).filter(|c| !c.is_empty()).count();
    let same = this.iter().zip(&first).skip(1).filter(|(a, b)| !a.is_empty() && a == b).count();
    this.len() == first.len() && same >= 2 && 2 * same >= filled
}

/// The plain texts of a TAB row's cells, trailing empty cells dropped.
fn row_texts(row: &str) -> Vec<String> {
    let cells = render_row(&row.split('\t').collect::<Vec<_>>(), 0).cells.unwrap_or_default();
    let mut texts: Vec<String> = cells.into_iter().map(|c| c.text).collect();
    while texts.last().is_some_and(|c| c.is_empty()) {
        texts.pop();
    }
    texts
}

/// Runs for some pieces starting at character column `x`.
fn runs_from(pieces: &[Piece], mut x: usize, line: u32, out: &mut Vec<Run>) -> usize {
    for p in pieces {
        let len = p.text.chars().count();
        out.push(Run {
            text: p.text.clone(),
            x0: x as f32,
            x1: (x + len) as f32,
            top: line as f32,
            bottom: line as f32,
            bold: p.bold,
            italic: p.italic,
            underline: p.underline,
            ..Run::default()
        });
        x += len;
    }
    x
}

fn all_styled(pieces: &[Piece], f: impl Fn(&Piece) -> bool) -> bool {
    let mut any = false;
    for p in pieces {
        if p.text.trim().is_empty() {
            continue;
        }
        if !f(p) {
            return false;
        }
        any = true;
    }
    any
}

struct Rendered {
    line: Line,
    stamp: Option<grammars::stamps::Stamp>,
    cells: Option<Vec<TextCell>>,
}

/// Renders a table row's cells; a `Page N` stamp in the first cell is taken out.
fn render_row(raw_cells: &[&str], n: u32) -> Rendered {
    let mut stamp = None;
    let mut cells_out = Vec::with_capacity(raw_cells.len());
    let mut cell_pieces = Vec::with_capacity(raw_cells.len());
    for (ci, raw) in raw_cells.iter().enumerate() {
        let mut pieces = inline::trim(&inline::parse(raw, Carry::default()));
        if ci == 0 {
            let plain = inline::plain(&pieces);
            if let Some(f) = grammars::stamps::in_cell(&plain) {
                pieces = inline::trim(&inline::clip(&pieces, f.keep.0, f.keep.1));
                stamp = Some(f);
            }
        }
        let text = collapse_spaces(&inline::plain(&pieces));
        cells_out.push(TextCell {
            bold: all_styled(&pieces, |p| p.bold),
            italic: all_styled(&pieces, |p| p.italic),
            text,
        });
        cell_pieces.push(pieces);
    }
    let last = cells_out.iter().rposition(|c| !c.text.is_empty()).map_or(0, |i| i + 1);
    let mut runs = Vec::with_capacity(cell_pieces.iter().take(last).map(Vec::len).sum());
    let mut text = String::new();
    let mut x = 0;
    for (ci, pieces) in cell_pieces.iter().enumerate().take(last) {
        if ci > 0 {
            text.push('\t');
            x += 1;
        }
        text.push_str(&inline::plain(pieces));
        x = runs_from(pieces, x, n, &mut runs);
    }
    let line = Line { text, runs, source_line: Some(n), ..Line::default() };
    Rendered { line, stamp, cells: Some(cells_out) }
}

fn collapse_spaces(s: &str) -> String {
    if !s.contains("  ") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut prev_space = false;
    for c in s.chars() {
        if c == ' ' {
            if !prev_space {
                out.push(c);
            }
            prev_space = true;
        } else {
            out.push(c);
            prev_space = false;
        }
    }
    out
}

/// Renders a line of prose (or a heading).
fn render_prose(raw: &str, n: u32, carry: Carry) -> Rendered {
    let (heading, body) = heading_of(raw);
    let mut pieces = inline::parse(body, carry);
    let plain = inline::plain(&pieces);
    let mut stamp = None;
    if let Some(f) = grammars::stamps::in_line(&plain) {
        pieces = inline::clip(&pieces, f.keep.0, f.keep.1);
        stamp = Some(f);
    }
    // Trailing whitespace (markdown hard breaks) goes; leading indentation stays.
    let plain = inline::plain(&pieces);
    let keep = plain.trim_end().chars().count();
    let pieces = inline::clip(&pieces, 0, keep);
    let mut runs = Vec::with_capacity(pieces.len());
    runs_from(&pieces, 0, n, &mut runs);
    let text = inline::plain(&pieces);
    let text = if text.trim().is_empty() { String::new() } else { text };
    if text.is_empty() {
        runs.clear();
    }
    let line = Line { text, runs, source_line: Some(n), heading, ..Line::default() };
    Rendered { line, stamp, cells: None }
}

fn heading_of(raw: &str) -> (Option<u8>, &str) {
    let hashes = raw.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && raw[hashes..].starts_with([' ', '\t']) {
        return (Some(hashes as u8), raw[hashes..].trim_start());
    }
    (None, raw)
}

/// A title just above a table: "Table 2 ...", "Appendix E ...", or a short bold line.
fn caption_above(lines: &[Line], first: usize) -> Option<String> {
    let mut i = first;
    let mut blanks = 0;
    while i > 0 {
        i -= 1;
        let l = &lines[i];
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                return None;
            }
            continue;
        }
        if l.grid.is_some() || l.text.contains('\t') {
            return None;
        }
        let t = l.text.trim();
        let t = t.strip_prefix("- ").unwrap_or(t);
        // A paragraph number before the title ("3.4 Table 1a: ...").
        let numbered = t
            .split_once(' ')
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'));
        let lower = numbered.map_or(t, |(_, rest)| rest).to_ascii_lowercase();
        let titled = ["table ", "figure ", "chart ", "appendix ", "annex "]
            .iter()
            .any(|p| lower.starts_with(p));
        if (titled && t.chars().count() <= 200) || (l.is_bold() && t.chars().count() <= 120) {
            return Some(t.to_string());
        }
        return None;
    }
    None
}

/// Reads a text rendering into a single-page layout, one line per source line.
pub fn read(text: &str) -> Layout {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: Vec<&str> = text.lines().collect();
    let kinds: Vec<Kind> = raw.iter().map(|r| classify(r)).collect();
    let mut in_table = vec![false; raw.len()];
    let blocks = group(&raw, &kinds);
    for (_, members) in &blocks {
        for &m in members {
            in_table[m] = true;
        }
    }

    let mut page = Page { number: 1, ..Page::default() };
    page.lines.reserve(raw.len());
    let mut cells: Vec<Option<Vec<TextCell>>> = Vec::with_capacity(raw.len());
    let mut bold_open = false;
    let marks: Vec<usize> = raw.iter().map(|r| inline::bold_marks(r)).collect();
    for (i, r) in raw.iter().enumerate() {
        budget::tick();
        let n = (i + 1) as u32;
        let rendered = match kinds[i] {
            Kind::Tab if in_table[i] => render_row(&r.split('\t').collect::<Vec<_>>(), n),
            Kind::Pipe if in_table[i] => {
                let cs = pipe_cells(r);
                if is_separator(&cs) {
                    let mut out = render_row(&[], n);
                    out.cells = None;
                    out
                } else {
                    render_row(&cs, n)
                }
            }
            _ => {
                let carry_in = bold_open && marks[i] > 0;
                let effective = if carry_in { marks[i] - 1 } else { marks[i] };
                let next_odd = raw.get(i + 1).is_some_and(|_| marks[i + 1] % 2 == 1)
                    && kinds.get(i + 1) == Some(&Kind::Other);
                let open_at_end = effective % 2 == 1 && next_odd;
                bold_open = open_at_end;
                render_prose(r, n, Carry { bold_open: carry_in, open_at_end })
            }
        };
        if kinds[i] == Kind::Tab || kinds[i] == Kind::Pipe {
            bold_open = false;
        }
        if let Some(f) = rendered.stamp {
            page.stamps.push(Stamp {
                kind: crate::ingest::stamps::stamp_kind(f.kind),
                text: f.text,
                value: f.value,
                location: Location::lines(n, n),
            });
        }
        page.lines.push(rendered.line);
        cells.push(rendered.cells);
    }

    for (kind, members) in blocks {
        let method = if kind == Kind::Pipe { "pipes" } else { "tabs" };
        let mut rows = Vec::new();
        let mut row_lines = Vec::new();
        let pipe_sep = members.iter().position(|&m| kind == Kind::Pipe && cells[m].is_none());
        for &m in &members {
            let Some(cs) = cells[m].take() else { continue };
            if cs.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            let cs = if kind == Kind::Tab
                && is_separator(&cs.iter().map(|c| c.text.as_str()).collect::<Vec<_>>())
            {
                continue;
            } else {
                cs
            };
            rows.push(TextRow { line: (m + 1) as u32, cells: cs });
            row_lines.push(m);
        }
        let filled_max = rows
            .iter()
            .map(|r| r.cells.iter().filter(|c| !c.text.is_empty()).count())
            .max()
            .unwrap_or(0);
        if rows.is_empty() || (filled_max < 2 && rows.len() < 2) || filled_max == 0 {
            continue;
        }
        if filled_max < 2 {
            // A column of single labels with trailing tabs is not a table.
            continue;
        }
        let first = members[0];
        let last = members[members.len() - 1];
        let caption = caption_above(&page.lines, first);
        let index = page.text_tables.len();
        // Rows before a pipe separator are the header.
        let marked_header_rows = pipe_sep.map(|sep| {
            row_lines.iter().filter(|&&m| members.iter().position(|&x| x == m) < Some(sep)).count()
        });
        for &m in &row_lines {
            page.lines[m].grid = Some(index);
        }
        page.text_tables.push(TextTable {
            method: method.to_string(),
            rows,
            caption,
            location: Location::lines((first + 1) as u32, (last + 1) as u32),
            marked_header_rows,
        });
    }

    let mut layout = Layout::new(SourceKind::Text);
    layout.total_glyphs = text.chars().count() as u64;
    layout.pages.push(page);
    layout
}

#[cfg(test)]
mod tests;
