//! Direction of travel read from pictures through the document's own legend.
//!
//! Many scorecards print the DoT column as small pictures: images, or arrows drawn as paths
//! (the reader reports both with a content hash, see [`crate::model::Page::pictures`]). The
//! meaning of each picture is taken from the legend the document prints beside them ("⇧
//! Performance is improving (positive trend)"): a short line whose words the direction grammar
//! reads as one direction, with a picture just left of it on the same line. A picture elsewhere
//! with the same hash has that direction. Arrows printed as glyphs in a legend line map their
//! glyph the same way. A document with no legend leaves pictures unread: the shape alone is not
//! taken to mean anything.

use std::collections::HashMap;

use super::classify::is_arrow;
use super::text;
use crate::model::records::{Direction, KpiRow};
use crate::model::{BBox, Image, Layout, Line};

/// The longest legend line, in characters.
const MAX_LEGEND_LINE: usize = 90;
/// How far left of its text a legend picture may stand, in points.
const LEGEND_REACH: f32 = 150.0;
/// Vertical slack when a picture is matched to a line or a row, in points.
const SLACK: f32 = 2.0;
/// The largest legend picture, in points on either side.
const MAX_PICTURE: f32 = 40.0;
/// Two drawn shapes are copies of one another when their outlines (points scaled by the longer
/// side of their bounds) are this close, point by point.
const OUTLINE_TOLERANCE: f32 = 0.06;

/// What a document's legend says each picture and glyph means.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Legend {
    /// Picture content hash to direction.
    pub pictures: HashMap<String, Direction>,
    /// The outlines of the legend's drawn shapes, with their directions.
    pub outlines: Vec<(Vec<[f32; 2]>, Direction)>,
    /// Arrow glyph to direction.
    pub glyphs: HashMap<String, Direction>,
}

impl Legend {
    pub fn is_empty(&self) -> bool {
        self.pictures.is_empty() && self.glyphs.is_empty()
    }

    /// The direction a picture stands for: by its content hash, or for a drawn shape, by the
    /// legend outline it copies (all such outlines naming one direction).
    pub fn picture(&self, img: &Image) -> Option<Direction> {
        if let Some(d) = self.pictures.get(&img.hash) {
            return Some(*d);
        }
        if img.outline.is_empty() {
            return None;
        }
        let mut found: Option<Direction> = None;
        for (o, d) in &self.outlines {
            if outline_distance(o, &img.outline).is_some_and(|x| x <= OUTLINE_TOLERANCE) {
                if found.is_some_and(|f| f != *d) {
                    return None;
                }
                found = Some(*d);
            }
        }
        found
    }
}

/// The largest distance between corresponding points of two outlines with as many points.
fn outline_distance(a: &[[f32; 2]], b: &[[f32; 2]]) -> Option<f32> {
    if a.len() != b.len() {
        return None;
    }
    Some(
        a.iter()
            .zip(b)
            .map(|(p, q)| (p[0] - q[0]).abs().max((p[1] - q[1]).abs()))
            .fold(0.0, f32::max),
    )
}

/// The one direction a legend line names ("Performance is worsening (negative trend)").
fn direction_named(line: &str) -> Option<Direction> {
    if line.chars().count() > MAX_LEGEND_LINE {
        return None;
    }
    let mut found: Option<Direction> = None;
    // A word of letters and digits alone reads as a direction exactly when its words do.
    for w in line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if let Some(d) = grammars::rag::direction_word(w) {
            if found.is_some_and(|f| f != d) {
                return None;
            }
            found = Some(d);
        }
    }
    found
}

fn centre(b: &BBox) -> (f32, f32) {
    ((b.x0 + b.x1) / 2.0, (b.top + b.bottom) / 2.0)
}

/// The text of a line after its leading arrow glyph, and the glyph.
fn split_glyph(t: &str) -> (Option<String>, &str) {
    let t = t.trim();
    match t.split_once(char::is_whitespace) {
        Some((g, rest)) if is_arrow(g) => (Some(g.to_string()), rest),
        _ => (None, t),
    }
}

/// Reads the legend of a document. Entries that would give one picture two meanings are dropped;
/// a legend must name at least two directions.
pub fn legend(layout: &Layout) -> Legend {
    let mut pictures: HashMap<String, Option<Direction>> = HashMap::new();
    let mut glyphs: HashMap<String, Option<Direction>> = HashMap::new();
    let mut outlines: Vec<(Vec<[f32; 2]>, Direction)> = Vec::new();
    for page in &layout.pages {
        for line in &page.lines {
            let t = text::clean(&line.text);
            let (glyph, words) = split_glyph(&t);
            let Some(dir) = direction_named(words) else { continue };
            if let Some(g) = glyph {
                let e = glyphs.entry(g).or_insert(Some(dir));
                if *e != Some(dir) {
                    *e = None;
                }
            }
            let Some(img) = picture_beside(page.pictures(), line) else { continue };
            if !img.outline.is_empty() {
                outlines.push((img.outline.clone(), dir));
            }
            let e = pictures.entry(img.hash.clone()).or_insert(Some(dir));
            if *e != Some(dir) {
                *e = None;
            }
        }
    }
    let keep = |m: HashMap<String, Option<Direction>>| -> HashMap<String, Direction> {
        let m: HashMap<String, Direction> =
            m.into_iter().filter_map(|(k, v)| Some((k, v?))).collect();
        let mut dirs: Vec<Direction> = m.values().copied().collect();
        dirs.sort_by_key(|d| *d as u8);
        dirs.dedup();
        if dirs.len() >= 2 { m } else { HashMap::new() }
    };
    let pictures = keep(pictures);
    if pictures.is_empty() {
        outlines.clear();
    }
    Legend { pictures, outlines, glyphs: keep(glyphs) }
}

/// The small picture just left of a line's text, on the same line.
fn picture_beside<'a>(pics: impl Iterator<Item = &'a Image>, line: &Line) -> Option<&'a Image> {
    let b = line.bbox?;
    pics.filter(|i| i.bbox.width() <= MAX_PICTURE && i.bbox.height() <= MAX_PICTURE)
        .filter(|i| {
            let (x, y) = centre(&i.bbox);
            y >= b.top - SLACK && y <= b.bottom + SLACK && x < b.x0 && b.x0 - x <= LEGEND_REACH
        })
        .max_by(|a, c| a.bbox.x1.total_cmp(&c.bbox.x1))
}

/// Gives a direction to each KPI row printed on a PDF page that has none: from the legend
/// pictures inside the row's box (all naming one direction), or from its arrow glyph when the
/// legend maps glyphs. Rows read from text keep what the direction grammar gave them.
pub fn directions_from_legend(layout: &Layout, legend: &Legend, kpis: &mut [KpiRow]) {
    if legend.is_empty() {
        return;
    }
    for k in kpis.iter_mut() {
        if let Some(raw) = k.direction_raw.as_deref().map(str::trim)
            && let Some(d) = legend.glyphs.get(raw)
        {
            k.direction = Some(*d);
            continue;
        }
        if k.direction.is_some() {
            continue;
        }
        let (Some(p), Some(b)) = (k.location.page, k.location.bbox) else { continue };
        let Some(page) = layout.pages.iter().find(|x| x.number == p) else { continue };
        let mut found: Vec<(Direction, &Image)> = page
            .pictures()
            .filter(|i| {
                let (x, y) = centre(&i.bbox);
                y >= b.top && y <= b.bottom && x >= b.x0 - SLACK && x <= b.x1 + SLACK
            })
            .filter_map(|i| Some((legend.picture(i)?, i)))
            .collect();
        found.dedup_by_key(|(d, _)| *d);
        if let [(d, img)] = found.as_slice() {
            k.direction = Some(*d);
            k.direction_raw = Some(format!("{} {}", img.name, &img.hash[..12.min(img.hash.len())]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_lines_name_one_direction() {
        assert_eq!(
            direction_named("Performance is improving (positive trend)"),
            Some(Direction::Improving)
        );
        assert_eq!(
            direction_named("Performance is worsening (negative trend)"),
            Some(Direction::Worsening)
        );
        assert_eq!(
            direction_named("Performance has remained stable or shows no clear trend"),
            Some(Direction::Unchanged)
        );
        assert_eq!(direction_named("Improving or worsening"), None);
        assert_eq!(direction_named("Target has been achieved or exceeded"), None);
        assert_eq!(split_glyph("⇧ Improving").0.as_deref(), Some("⇧"));
    }

    fn pic(hash: &str, x0: f32, top: f32) -> Image {
        Image {
            name: "path".into(),
            bbox: BBox::new(x0, top, x0 + 10.0, top + 12.0),
            width: 0,
            height: 0,
            hash: hash.into(),
            hash_of: crate::model::ImageHashOf::Path,
            outline: Vec::new(),
        }
    }

    fn line(text: &str, x0: f32, top: f32) -> Line {
        Line {
            text: text.into(),
            bbox: Some(BBox::new(x0, top, x0 + 200.0, top + 12.0)),
            ..Default::default()
        }
    }

    #[test]
    fn pictures_take_their_meaning_from_the_legend() {
        use crate::model::{Page, SourceKind};
        let mut legend_page = Page { number: 1, ..Default::default() };
        legend_page.lines = vec![
            line("Performance is improving (positive trend)", 160.0, 100.0),
            line("Performance is worsening (negative trend)", 160.0, 130.0),
        ];
        legend_page.marks = vec![pic("up", 110.0, 100.0), pic("down", 110.0, 130.0)];
        let mut table_page = Page { number: 2, ..Default::default() };
        table_page.marks = vec![pic("down", 510.0, 205.0), pic("other", 510.0, 235.0)];
        let mut layout = Layout::new(SourceKind::Pdf);
        layout.pages = vec![legend_page, table_page.clone()];

        let l = legend(&layout);
        assert_eq!(l.pictures.get("up"), Some(&Direction::Improving));
        assert_eq!(l.pictures.get("down"), Some(&Direction::Worsening));

        let row = |top: f32| {
            let location = crate::model::Location {
                page: Some(2),
                bbox: Some(BBox::new(60.0, top, 540.0, top + 25.0)),
                ..crate::model::Location::default()
            };
            KpiRow::new("scorecard", "", location)
        };
        let mut kpis = vec![row(200.0), row(230.0)];
        directions_from_legend(&layout, &l, &mut kpis);
        assert_eq!(kpis[0].direction, Some(Direction::Worsening));
        assert_eq!(kpis[1].direction, None, "a picture the legend does not show");

        // Without a legend the same pictures mean nothing.
        let mut bare = Layout::new(SourceKind::Pdf);
        bare.pages = vec![table_page];
        let l = legend(&bare);
        assert!(l.is_empty());
        let mut kpis = vec![row(200.0)];
        directions_from_legend(&bare, &l, &mut kpis);
        assert_eq!(kpis[0].direction, None);
    }
}
