//! From positioned glyphs to lines of runs: baselines grouped with a tolerance, words broken by
//! the gap between glyphs measured against the font size, superscripts kept apart, duplicated
//! glyphs (fake bold) dropped, rotated text read in its own direction.
//!
//! A [`Run`] is one word, or the part of a word in one style; runs never contain white space.
//! [`Line::text`] joins the words of a line with a space, or with a TAB where the gap between
//! them is wide (table cells, tab stops). Every tolerance is a named constant below, as a
//! fraction of the font size unless said otherwise.

use super::interp::{Glyph, PageGlyphs};
use crate::limits::budget;
use crate::{BBox, Line, Run};

/// Two glyphs share a line when their baselines differ by at most this much.
pub const BASELINE_TOLERANCE: f32 = 0.25;
/// A gap wider than this starts a new word (the figure `pdftotext` uses).
pub const WORD_GAP: f32 = 0.1;
/// A gap wider than this (and wider than [`TAB_GAP_SPACES`] spaces) joins words with a TAB.
pub const TAB_GAP: f32 = 1.0;
/// See [`TAB_GAP`]: the same gap measured in widths of the font's space.
pub const TAB_GAP_SPACES: f32 = 3.0;
/// A glyph at most this fraction of its neighbours' size, raised or lowered off their baseline,
/// is a superscript or subscript.
pub const SCRIPT_SIZE_RATIO: f32 = 0.85;
/// Glyphs with the same text closer than this are one glyph drawn twice.
pub const DUPLICATE_DISTANCE: f32 = 0.15;

/// Glyphs drawn one after another along one baseline, with no word gap between them: the glyphs
/// `first..=last` of the page (a chunk takes consecutive glyphs only), its text the bytes
/// `text.0..text.1` of the page's chunk text ([`chunks`]).
struct Chunk {
    first: usize,
    last: usize,
    dir: u8,
    x0: f32,
    x1: f32,
    base: f32,
    top: f32,
    bottom: f32,
    size: f32,
    space: f32,
    text: (usize, usize),
    /// An explicit space was drawn just before (after) this chunk.
    space_before: bool,
    space_after: bool,
}

impl Chunk {
    fn new(i: usize, g: &Glyph) -> Chunk {
        Chunk {
            first: i,
            last: i,
            dir: g.dir,
            x0: g.x0,
            x1: g.x1,
            base: g.base,
            top: g.top,
            bottom: g.bottom,
            size: g.size,
            space: g.space,
            text: (0, 0),
            space_before: false,
            space_after: false,
        }
    }
    fn add(&mut self, i: usize, g: &Glyph) {
        self.last = i;
        self.x0 = self.x0.min(g.x0);
        self.x1 = self.x1.max(g.x1);
        self.top = self.top.min(g.top);
        self.bottom = self.bottom.max(g.bottom);
        self.size = self.size.max(g.size);
    }

    fn glyphs(&self) -> std::ops::RangeInclusive<usize> {
        self.first..=self.last
    }

    fn text<'a>(&self, texts: &'a str) -> &'a str {
        texts.get(self.text.0..self.text.1).unwrap_or("")
    }
}

/// An explicit space glyph between two chunks breaks the word only when it leaves at least this
/// gap: a space drawn with no visible width (as some producers do before tab leaders) does not.
pub const EXPLICIT_SPACE_MIN_GAP: f32 = 0.04;

/// Overlap (as a fraction of the font size) beyond which the next glyph starts a new chunk.
pub const CHUNK_OVERLAP: f32 = 0.3;

/// Groups glyphs into chunks in drawing order, as `pdftotext` builds its words: a glyph joins
/// the chunk being built when it sits on the same baseline and starts where the last one ended.
fn chunks(pg: &PageGlyphs) -> (Vec<Chunk>, String) {
    let mut out: Vec<Chunk> = Vec::new();
    let mut open = false;
    let mut pending_space = false;
    for (i, g) in pg.glyphs.iter().enumerate() {
        budget::tick();
        if g.is_space {
            if open {
                if let Some(c) = out.last_mut() {
                    c.space_after = true;
                }
            }
            open = false;
            pending_space = true;
            continue;
        }
        if open {
            if let Some(c) = out.last_mut() {
                let p = &pg.glyphs[c.last];
                let size = p.size.max(g.size).max(0.1);
                let gap = g.x0 - p.x1;
                if g.dir == c.dir
                    && (g.base - p.base).abs() <= 0.1 * size
                    && gap <= WORD_GAP * size
                    && gap >= -CHUNK_OVERLAP * size
                    && (g.size - p.size).abs() <= 0.05 * size
                {
                    c.add(i, g);
                    continue;
                }
            }
        }
        let mut c = Chunk::new(i, g);
        c.space_before = pending_space;
        pending_space = false;
        out.push(c);
        open = true;
    }
    let mut texts = String::with_capacity(pg.text.len());
    for c in &mut out {
        let start = texts.len();
        for i in c.glyphs() {
            let t = pg.text_of(&pg.glyphs[i]);
            texts.extend(t.chars().filter(|ch| !ch.is_control() && !ch.is_whitespace()));
        }
        c.text = (start, texts.len());
    }
    out.retain(|c| c.text.1 > c.text.0);
    (out, texts)
}

struct Cluster {
    idx: Vec<usize>,
    base: f32,
    size: f32,
    top: f32,
    bottom: f32,
}

/// Builds the lines of a page in reading order: horizontal text top to bottom, then rotated text.
pub(crate) fn lines(pg: &PageGlyphs) -> Vec<Line> {
    let (all, texts) = chunks(pg);
    let mut out = Vec::new();
    for dir in 0..4u8 {
        let mut idx: Vec<usize> = (0..all.len()).filter(|&i| all[i].dir == dir).collect();
        if idx.is_empty() {
            continue;
        }
        idx.sort_by(|&a, &b| all[a].base.total_cmp(&all[b].base));
        let clusters = merge_scripts(&all, cluster(&all, &idx));
        let mut dir_lines: Vec<Line> =
            clusters.iter().filter_map(|c| build_line(pg, &all, &texts, c, dir)).collect();
        dir_lines.sort_by(|a, b| {
            let (ba, bb) = (a.bbox.unwrap_or_default(), b.bbox.unwrap_or_default());
            ba.top.total_cmp(&bb.top).then(ba.x0.total_cmp(&bb.x0))
        });
        out.extend(dir_lines);
    }
    out
}

fn cluster(all: &[Chunk], sorted: &[usize]) -> Vec<Cluster> {
    let mut clusters: Vec<Cluster> = Vec::new();
    for &i in sorted {
        let g = &all[i];
        match clusters.last_mut() {
            Some(c)
                if (g.base - c.base).abs() <= BASELINE_TOLERANCE * c.size.max(g.size).max(0.1) =>
            {
                c.idx.push(i);
                if g.size > c.size {
                    c.size = g.size;
                    c.base = g.base;
                }
                c.top = c.top.min(g.top);
                c.bottom = c.bottom.max(g.bottom);
            }
            _ => clusters.push(Cluster {
                idx: vec![i],
                base: g.base,
                size: g.size,
                top: g.top,
                bottom: g.bottom,
            }),
        }
    }
    clusters
}

/// Folds a cluster of small glyphs into the neighbouring line they sit on (superscripts,
/// subscripts). A script touches the text it is raised or lowered from: every chunk of the small
/// cluster stands within one em of the larger line's glyphs. Lines of smaller text beside a
/// large figure set in a tall cell (a form's two-line label next to its big "1") are lines of
/// their own, however the figure's height spans them.
fn merge_scripts(all: &[Chunk], mut clusters: Vec<Cluster>) -> Vec<Cluster> {
    let touches = |small: &Cluster, big: &Cluster| {
        small.idx.iter().all(|&s| {
            let k = &all[s];
            big.idx.iter().any(|&b| {
                let o = &all[b];
                k.x0 <= o.x1 + big.size && o.x0 <= k.x1 + big.size
            })
        })
    };
    let mut i = 0;
    while i < clusters.len() {
        let small = &clusters[i];
        let target = [i.checked_sub(1), Some(i + 1)].into_iter().flatten().find(|&j| {
            clusters.get(j).is_some_and(|big| {
                small.size <= SCRIPT_SIZE_RATIO * big.size
                    && small.base > big.top
                    && small.base < big.bottom + 0.3 * big.size
                    && touches(small, big)
            })
        });
        match target {
            Some(j) => {
                let c = clusters.remove(i);
                let j = if j > i { j - 1 } else { j };
                // The next cluster has moved into position `i`; look at it next.
                clusters[j].idx.extend(c.idx);
            }
            None => i += 1,
        }
    }
    clusters
}

struct Word {
    runs: Vec<Run>,
    x0: f32,
    x1: f32,
    size: f32,
    space: f32,
}

fn build_line(pg: &PageGlyphs, all: &[Chunk], texts: &str, c: &Cluster, dir: u8) -> Option<Line> {
    let mut idx = c.idx.clone();
    idx.sort_by(|&a, &b| all[a].x0.total_cmp(&all[b].x0));
    let line_size = c.size.max(0.1);
    let is_script = |k: &Chunk| {
        k.size <= SCRIPT_SIZE_RATIO * line_size
            && (k.base - c.base).abs() > BASELINE_TOLERANCE * line_size
    };
    let mut words: Vec<Word> = Vec::with_capacity(idx.len());
    let mut kept: Vec<usize> = Vec::with_capacity(idx.len());
    for &i in &idx {
        let k = &all[i];
        // The same text drawn twice at (nearly) the same place (fake bold): keep one.
        if kept.iter().rev().take(4).any(|&j| {
            let o = &all[j];
            o.text(texts) == k.text(texts)
                && (o.x0 - k.x0).abs() <= DUPLICATE_DISTANCE * k.size
                && (o.base - k.base).abs() <= DUPLICATE_DISTANCE * k.size
        }) {
            continue;
        }
        let script = is_script(k);
        // Superscript letters ("12th") continue their word; superscript digits and marks
        // (footnote references) stand apart.
        let joins_as_script = script && k.text(texts).chars().all(char::is_alphabetic);
        let prev = kept.last().map(|&j| &all[j]);
        let continues = prev.is_some_and(|p| {
            let gap = k.x0 - p.x1;
            let size = p.size.max(k.size);
            let p_script = is_script(p);
            gap <= WORD_GAP * size
                && gap >= -CHUNK_OVERLAP * size
                && (gap < EXPLICIT_SPACE_MIN_GAP * size || !p.space_after && !k.space_before)
                && (script == p_script
                    || joins_as_script
                    || p_script && p.text(texts).chars().all(char::is_alphabetic))
        });
        if !continues || words.is_empty() {
            words.push(Word { runs: Vec::new(), x0: k.x0, x1: k.x1, size: k.size, space: k.space });
        }
        if let Some(w) = words.last_mut() {
            w.x0 = w.x0.min(k.x0);
            w.x1 = w.x1.max(k.x1);
            w.size = w.size.max(k.size);
            w.space = w.space.max(k.space);
            // A run begun in this chunk mostly runs on to its end: room for the chunk's text.
            let room = k.text(texts).len();
            for gi in k.glyphs() {
                push_glyph(pg, w, &pg.glyphs[gi], script, room);
            }
        }
        kept.push(i);
    }
    words.retain(|w| !w.runs.is_empty());
    if words.is_empty() {
        return None;
    }
    let words = join_letter_spaced(words);
    let mut text = String::with_capacity(
        words.iter().flat_map(|w| &w.runs).map(|r| r.text.len() + 1).sum::<usize>(),
    );
    let mut runs = Vec::with_capacity(words.iter().map(|w| w.runs.len()).sum());
    let mut prev_end: Option<(f32, f32, f32)> = None;
    for w in words {
        if let Some((x1, size, space)) = prev_end {
            let gap = w.x0 - x1;
            let wide =
                gap > TAB_GAP * size.max(w.size) && gap > TAB_GAP_SPACES * space.max(w.space);
            text.push(if wide { '\t' } else { ' ' });
        }
        prev_end = Some((w.x1, w.size, w.space));
        for r in w.runs {
            text.push_str(&r.text);
            runs.push(r);
        }
    }
    for r in &mut runs {
        to_page(r, dir);
    }
    let bbox =
        runs.iter().map(|r| BBox::new(r.x0, r.top, r.x1, r.bottom)).reduce(|a, b| a.union(&b));
    Some(Line { text, runs, bbox, ..Default::default() })
}

/// Fewest letters in a row that can make a letter-spaced word ("A G E N D A").
pub const LETTER_SPACED_MIN: usize = 4;
/// Widest gap between the letters of a letter-spaced word.
pub const LETTER_SPACED_MAX_GAP: f32 = 0.6;
/// Most the gaps of a letter-spaced word may differ from each other.
pub const LETTER_SPACED_UNIFORMITY: f32 = 0.15;

fn single_letter(w: &Word) -> bool {
    let mut chars = w.runs.iter().flat_map(|r| r.text.chars());
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphabetic())
}

/// Joins runs of single letters set with even, narrow gaps into one word, as a reader (and
/// `pdftotext`) reads a letter-spaced heading.
fn join_letter_spaced(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut i = 0;
    let n = words.len();
    let flags: Vec<bool> = words.iter().map(single_letter).collect();
    let mut words: Vec<Option<Word>> = words.into_iter().map(Some).collect();
    while i < n {
        let mut j = i;
        if flags[i] {
            let (mut lo, mut hi) = (f32::INFINITY, f32::NEG_INFINITY);
            while j + 1 < n && flags[j + 1] {
                let (a, b) = (words[j].as_ref(), words[j + 1].as_ref());
                let (Some(a), Some(b)) = (a, b) else { break };
                let gap = b.x0 - a.x1;
                let size = a.size.max(b.size);
                let (nlo, nhi) = (lo.min(gap), hi.max(gap));
                if gap < 0.0
                    || gap > LETTER_SPACED_MAX_GAP * size
                    || nhi - nlo > LETTER_SPACED_UNIFORMITY * size
                {
                    break;
                }
                lo = nlo;
                hi = nhi;
                j += 1;
            }
        }
        // Only a line made of nothing else: initials ("Mr N J D Chard") keep their spaces.
        if j + 1 - i >= LETTER_SPACED_MIN && i == 0 && j + 1 == n {
            let mut merged: Option<Word> = None;
            for w in words[i..=j].iter_mut().filter_map(Option::take) {
                match merged.as_mut() {
                    None => merged = Some(w),
                    Some(m) => {
                        m.x1 = m.x1.max(w.x1);
                        m.runs.extend(w.runs);
                    }
                }
            }
            if let Some(mut m) = merged {
                // One run per style, as for any other word.
                let mut runs: Vec<Run> = Vec::new();
                for r in m.runs.drain(..) {
                    match runs.last_mut() {
                        Some(p)
                            if p.font == r.font
                                && p.bold == r.bold
                                && (p.size - r.size).abs() < 0.01 =>
                        {
                            p.text.push_str(&r.text);
                            p.x1 = p.x1.max(r.x1);
                        }
                        _ => runs.push(r),
                    }
                }
                m.runs = runs;
                out.push(m);
            }
            i = j + 1;
        } else {
            if let Some(w) = words[i].take() {
                out.push(w);
            }
            i += 1;
        }
    }
    out
}

fn push_glyph(pg: &PageGlyphs, word: &mut Word, g: &Glyph, script: bool, room: usize) {
    let raw = pg.text_of(g);
    let text: std::borrow::Cow<'_, str> =
        if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
            raw.chars().filter(|c| !c.is_control() && !c.is_whitespace()).collect::<String>().into()
        } else {
            raw.into()
        };
    if text.is_empty() {
        return;
    }
    let font = pg.fonts.get(g.font as usize);
    let same_style = word.runs.last().is_some_and(|r| {
        r.font.as_deref() == font.map(|f| &*f.name)
            && (r.size - g.size).abs() < 0.05 * g.size.max(1.0)
            && !script
            && r.bottom - r.top > 0.0
    });
    if same_style {
        if let Some(r) = word.runs.last_mut() {
            r.text.push_str(&text);
            r.x0 = r.x0.min(g.x0);
            r.x1 = r.x1.max(g.x1);
            r.top = r.top.min(g.top);
            r.bottom = r.bottom.max(g.bottom);
            return;
        }
    }
    let mut run_text = String::with_capacity(room.max(text.len()));
    run_text.push_str(&text);
    word.runs.push(Run {
        text: run_text,
        x0: g.x0,
        x1: g.x1,
        top: g.top,
        bottom: g.bottom,
        size: g.size,
        font: font.map(|f| f.name.clone()),
        bold: font.is_some_and(|f| f.bold),
        italic: font.is_some_and(|f| f.italic),
        underline: false,
        dir: g.dir,
    });
}
/// Maps a run's box from its direction frame back to page coordinates.
fn to_page(r: &mut Run, dir: u8) {
    let inv = |fx: f32, fy: f32| -> (f32, f32) {
        match dir {
            1 => (-fy, fx),
            2 => (-fx, -fy),
            3 => (fy, -fx),
            _ => (fx, fy),
        }
    };
    if dir == 0 {
        return;
    }
    let (ax, ay) = inv(r.x0, r.top);
    let (bx, by) = inv(r.x1, r.bottom);
    let b = BBox::new(ax, ay, bx, by);
    r.x0 = b.x0;
    r.x1 = b.x1;
    r.top = b.top;
    r.bottom = b.bottom;
}
