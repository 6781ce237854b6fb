//! Words from a page's positioned runs.
//!
//! A run may hold several words (the interpreter joins glyphs of one style on one line); words are
//! split at whitespace and given x-extents in proportion to their character offsets inside the run.
//! Adjacent runs with no whitespace and no real gap between them (a style change inside a word) are
//! joined back into one word. Runs not written left to right (rotated text) give no words.

use crate::model::{BBox, Page};

use super::settings::TableSettings;

/// A word with its box and style.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    pub top: f32,
    pub bottom: f32,
    /// Font size in points (never below 1).
    pub size: f32,
    pub bold: bool,
    pub italic: bool,
}

impl Word {
    pub fn cx(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f32 {
        (self.top + self.bottom) / 2.0
    }
    pub fn bbox(&self) -> BBox {
        BBox::new(self.x0, self.top, self.x1, self.bottom)
    }
}

/// The words of a page, in the page's line order and left to right within a line.
pub fn page_words(page: &Page, s: &TableSettings) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for line in &page.lines {
        // Whether the previous token ended at whitespace (so that the next token starts a word).
        let mut boundary = true;
        let mut first_in_line = true;
        for run in &line.runs {
            // Text set in another direction (a band title turned up the side of a risk register,
            // a publisher's "Page N" stamp turned along the margin) is no cell's text.
            if run.dir != 0 {
                continue;
            }
            let text = run.text.as_str();
            let n = text.chars().count();
            if n == 0 {
                continue;
            }
            let n = n as f32;
            let (x0, x1) = (run.x0.min(run.x1), run.x0.max(run.x1));
            let per = if n > 0.0 { (x1 - x0) / n } else { 0.0 };
            let size = if run.size.is_finite() && run.size >= 1.0 {
                run.size
            } else {
                (run.bottom - run.top).abs().max(1.0)
            };
            let (top, bottom) = (run.top.min(run.bottom), run.top.max(run.bottom));
            // Character and byte offsets of the next character.
            let mut chars = text.char_indices().peekable();
            let mut i = 0;
            while let Some(&(byte, c)) = chars.peek() {
                if c.is_whitespace() {
                    boundary = true;
                    chars.next();
                    i += 1;
                    continue;
                }
                let (start, from) = (i, byte);
                let mut to = text.len();
                while let Some(&(byte, c)) = chars.peek() {
                    if c.is_whitespace() {
                        to = byte;
                        break;
                    }
                    chars.next();
                    i += 1;
                }
                let word = &text[from..to];
                let (wx0, wx1) = (x0 + per * start as f32, x0 + per * i as f32);
                let glue = !boundary && !first_in_line && start == 0;
                match out.last_mut() {
                    Some(prev) if glue && wx0 - prev.x1 < s.word_join_gap_ratio * size => {
                        prev.text.push_str(word);
                        prev.x1 = prev.x1.max(wx1);
                        prev.top = prev.top.min(top);
                        prev.bottom = prev.bottom.max(bottom);
                        prev.bold &= run.bold;
                        prev.italic &= run.italic;
                    }
                    _ => out.push(Word {
                        text: word.to_string(),
                        x0: wx0,
                        x1: wx1,
                        top,
                        bottom,
                        size,
                        bold: run.bold,
                        italic: run.italic,
                    }),
                }
                boundary = false;
                first_in_line = false;
            }
        }
    }
    out.retain(|w| {
        w.x0.is_finite() && w.x1.is_finite() && w.top.is_finite() && w.bottom.is_finite()
    });
    out
}

/// Words grouped into text lines (top to bottom), each sorted left to right.
pub fn text_lines<'a>(words: &[&'a Word], s: &TableSettings) -> Vec<Vec<&'a Word>> {
    if words.len() < 2 {
        return words.iter().map(|w| vec![*w]).collect();
    }
    let mut sorted: Vec<&Word> = words.to_vec();
    sorted.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    let mut line_cy = f32::NEG_INFINITY;
    let mut line_size = 1.0f32;
    for w in sorted {
        let tol = s.line_overlap_ratio * w.size.min(line_size);
        match lines.last_mut() {
            Some(line) if (w.cy() - line_cy).abs() <= tol => {
                line.push(w);
                let k = line.len() as f32;
                line_cy = line_cy + (w.cy() - line_cy) / k;
            }
            _ => {
                lines.push(vec![w]);
                line_cy = w.cy();
                line_size = w.size;
            }
        }
    }
    for l in &mut lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// Joins the lines of a cell: words with a space, lines with a space, except that a line ending in
/// a hyphen that follows a letter or digit ("2017-" / "18") is joined without one.
pub fn join_cell_text(lines: &[Vec<&Word>]) -> String {
    let words = lines.iter().flatten();
    let mut out = String::with_capacity(words.map(|w| w.text.len() + 1).sum());
    for line in lines {
        for (i, w) in line.iter().enumerate() {
            if !out.is_empty() {
                let glue_hyphen = i == 0 && ends_with_word_hyphen(&out);
                // A minus sign left alone at the end of a line, among numbers, belongs to the
                // number the next line opens with ("-4,481 -" / "5,808" is "-4,481 -5,808"; a
                // dash after a word stays a dash: "Wellbeing -" / "18").
                let glue_minus = i == 0
                    && (out == "-"
                        || out
                            .strip_suffix(" -")
                            .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit())))
                    && w.text.starts_with(|c: char| c.is_ascii_digit());
                let glue_url = i == 0 && open_url(&out);
                if !glue_hyphen && !glue_minus && !glue_url {
                    out.push(' ');
                }
            }
            out.push_str(&w.text);
        }
    }
    out
}

/// Whether the text ends inside a web address wrapped at a line break: its last word is a URL
/// ("https://...", "www....") ending on a path or query separator ("/", "_", "=", "?", "&"; not ".", which also ends a
/// sentence).
fn open_url(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("");
    (last.contains("://") || last.starts_with("www.")) && last.ends_with(['/', '_', '=', '?', '&'])
}

fn ends_with_word_hyphen(s: &str) -> bool {
    let mut it = s.chars().rev();
    matches!((it.next(), it.next()), (Some('-'), Some(c)) if c.is_alphanumeric())
}

/// A word for tests: 8 pt, plain, its box from `x0`..`x1` and `top` down 8 pt.
#[cfg(test)]
pub(crate) fn test_word(text: &str, x0: f32, x1: f32, top: f32) -> Word {
    Word {
        text: text.into(),
        x0,
        x1,
        top,
        bottom: top + 8.0,
        size: 8.0,
        bold: false,
        italic: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Line, Run};

    fn run(text: &str, x0: f32, x1: f32) -> Run {
        Run { text: text.into(), x0, x1, top: 10.0, bottom: 20.0, size: 10.0, ..Default::default() }
    }

    #[test]
    fn splits_runs_and_glues_style_changes() {
        let page = Page {
            lines: vec![Line {
                runs: vec![run("Sub To", 0.0, 60.0), run("tal 12", 60.0, 120.0)],
                ..Default::default()
            }],
            ..Default::default()
        };
        let words = page_words(&page, &TableSettings::default());
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Sub", "Total", "12"]);
        assert!((words[2].x0 - 100.0).abs() < 0.01);
    }

    #[test]
    fn rotated_runs_give_no_words() {
        let page = Page {
            lines: vec![Line {
                runs: vec![
                    run("Page 8", 0.0, 60.0),
                    Run { dir: 3, ..run("Market Risks", 0.0, 9.0) },
                ],
                ..Default::default()
            }],
            ..Default::default()
        };
        let words = page_words(&page, &TableSettings::default());
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Page", "8"]);
    }

    #[test]
    fn hyphen_joins() {
        let a = Word {
            text: "2017-".into(),
            x0: 0.0,
            x1: 1.0,
            top: 0.0,
            bottom: 1.0,
            size: 1.0,
            bold: false,
            italic: false,
        };
        let b = Word { text: "18".into(), ..a.clone() };
        let c = Word { text: "Wellbeing -".into(), ..a.clone() };
        assert_eq!(join_cell_text(&[vec![&a], vec![&b]]), "2017-18");
        assert_eq!(join_cell_text(&[vec![&c], vec![&b]]), "Wellbeing - 18");
        let d = Word { text: "-4,481 -".into(), ..a.clone() };
        let e = Word { text: "5,808".into(), ..a.clone() };
        assert_eq!(join_cell_text(&[vec![&d], vec![&e]]), "-4,481 -5,808");
        // A web address wrapped after a slash is one word again; a sentence's slash is not.
        let f = Word { text: "found: https://www.kent.gov.uk/about/".into(), ..a.clone() };
        let g = Word { text: "access-to-information".into(), ..a.clone() };
        assert_eq!(
            join_cell_text(&[vec![&f], vec![&g]]),
            "found: https://www.kent.gov.uk/about/access-to-information"
        );
        let h = Word { text: "adaptation/".into(), ..a.clone() };
        assert_eq!(join_cell_text(&[vec![&h], vec![&g]]), "adaptation/ access-to-information");
    }
}
