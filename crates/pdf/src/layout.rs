//! The layout model: the one shape every input kind is read into.
//!
//! A [`Layout`] is a list of pages; a page holds lines of positioned text runs, the ruling lines
//! drawn on it (PDF only) and the table blocks the reader could see directly (text renderings mark
//! their tables with tabs or pipes: the reader keeps their rows of cells as [`TextTable`]s). Every
//! grid, of a text rendering or of a PDF, is built by the `tables` stage.
//!
//! Coordinates are PDF points in a top-left origin system (y grows downwards), so that sorting by
//! `y` gives reading order. Text renderings have no geometry: their runs carry character columns as
//! `x0`/`x1` and their lines carry the 1-based source line number in `y`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::provenance::Location;

/// What kind of file a layout was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// A PDF read by the content-stream interpreter.
    Pdf,
    /// A text rendering (tab-separated tables, inline HTML/markdown).
    Text,
}

/// An axis-aligned box: `x0 <= x1`, `top <= bottom` (top-left origin, points).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BBox {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
}

impl BBox {
    pub fn new(x0: f32, top: f32, x1: f32, bottom: f32) -> Self {
        BBox { x0: x0.min(x1), top: top.min(bottom), x1: x0.max(x1), bottom: top.max(bottom) }
    }
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
    pub fn union(&self, o: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(o.x0),
            top: self.top.min(o.top),
            x1: self.x1.max(o.x1),
            bottom: self.bottom.max(o.bottom),
        }
    }
}

/// A whole document's layout.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Layout {
    pub source: SourceKind,
    pub pages: Vec<Page>,
    /// Glyphs that could not be mapped to Unicode (emitted as U+FFFD), over the whole document.
    pub unmapped_glyphs: u64,
    /// Glyphs read in all.
    pub total_glyphs: u64,
    /// Non-fatal problems met while reading (damaged streams, unknown fonts, limits hit).
    pub warnings: Vec<String>,
}

impl Layout {
    pub fn new(source: SourceKind) -> Self {
        Layout {
            source,
            pages: Vec::new(),
            unmapped_glyphs: 0,
            total_glyphs: 0,
            warnings: Vec::new(),
        }
    }
    /// Every line of the document in reading order.
    pub fn lines(&self) -> impl Iterator<Item = (&Page, &Line)> {
        self.pages.iter().flat_map(|p| p.lines.iter().map(move |l| (p, l)))
    }
}

/// One physical page (a text rendering is read as pages split at page breaks it can see, or as a
/// single page).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Page {
    /// 1-based physical page number.
    pub number: u32,
    pub width: f32,
    pub height: f32,
    /// Lines in reading order.
    pub lines: Vec<Line>,
    /// Ruling lines (strokes and thin filled rectangles); empty for text renderings.
    pub rulings: Vec<Ruling>,
    /// Table blocks seen directly by the reader (text renderings), in source order; the `tables`
    /// stage makes each a grid.
    pub text_tables: Vec<TextTable>,
    /// Stamps printed on the page by the pack's publisher ("Page 12", "Agenda Item 6").
    pub stamps: Vec<Stamp>,
    /// Filled rectangles too thick to be rulings, in a colour other than white: header bands and
    /// shaded cells (PDF only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fills: Vec<Fill>,
    /// Images placed on the page (PDF only), in drawing order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    /// Small shapes drawn as paths (PDF only): arrows, ticks and dots that are not rectangles,
    /// each hashed over its outline ([`ImageHashOf::Path`]), in drawing order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Image>,
}

impl Page {
    /// The page's images and marks: every picture a legend can name.
    pub fn pictures(&self) -> impl Iterator<Item = &Image> {
        self.images.iter().chain(self.marks.iter())
    }
}

/// A filled axis-aligned rectangle thicker than a ruling on both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Fill {
    pub bbox: BBox,
    /// The fill colour as RGB hex (`#d9e1f2`), when the colour space is one the reader knows
    /// (DeviceGray, DeviceRGB, DeviceCMYK, or an ICC-based space of 1, 3 or 4 components).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
}

/// One placement of an image: an Image XObject drawn with `Do`, or an inline image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Image {
    /// The XObject's resource name (`Im3`), or `inline` for an inline image.
    pub name: String,
    /// The unit square through the current transformation matrix, in page space.
    pub bbox: BBox,
    /// Width and height in samples, from the image's dictionary (0 when absent).
    pub width: u32,
    pub height: u32,
    /// SHA-256 (lower-case hex) of `<width>x<height>x<bits per component>\n` followed by the
    /// image's samples when its filters can be undone (Flate, LZW, ASCII85, ASCIIHex,
    /// RunLength, or none), else by its encoded bytes: copies of one picture share a hash however
    /// they were compressed, as long as the samples can be had.
    pub hash: String,
    /// What `hash` was taken over.
    pub hash_of: ImageHashOf,
    /// For a shape drawn as a path: its points in page orientation, moved to the origin and
    /// divided by the longer side of its bounds (so copies drawn apart can be compared).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outline: Vec<[f32; 2]>,
}

/// What an image's hash was taken over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImageHashOf {
    /// The decoded samples.
    Samples,
    /// The encoded stream bytes (a filter such as DCT that the reader does not undo).
    Encoded,
    /// The outline of a shape drawn as a path, moved to the origin and scaled to a fixed grid.
    Path,
}

/// A stamp such as "Page 12" or "Agenda Item 6", often drawn by a Form XObject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Stamp {
    pub kind: StampKind,
    /// The stamp's text as printed.
    pub text: String,
    /// The printed page number or agenda item number.
    pub value: String,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StampKind {
    /// "Page N": the pack's own page number.
    PageNumber,
    /// "Agenda Item N": the start of an agenda item's papers.
    AgendaItem,
    /// "This page is intentionally left blank".
    BlankPage,
}

/// One line of text.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Line {
    /// The line's plain text (markup removed, runs joined with the spacing the geometry implies;
    /// table cells joined with a TAB).
    pub text: String,
    pub runs: Vec<Run>,
    pub bbox: Option<BBox>,
    /// 1-based source line in a text rendering.
    pub source_line: Option<u32>,
    /// Markdown heading level (`#` = 1) where the rendering marks one.
    pub heading: Option<u8>,
    /// Index into the page's `text_tables` when this line is a row of a table.
    pub grid: Option<usize>,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
    /// True when every non-blank run is bold.
    pub fn is_bold(&self) -> bool {
        let mut any = false;
        for r in &self.runs {
            if r.text.trim().is_empty() {
                continue;
            }
            if !r.bold {
                return false;
            }
            any = true;
        }
        any
    }
}

/// A run of text in one style.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Run {
    pub text: String,
    /// Left edge (points; character column for text renderings).
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top of the run (points from the top of the page).
    pub top: f32,
    /// Bottom of the run.
    pub bottom: f32,
    /// Font size in points after the text matrix and CTM (0 for text renderings).
    pub size: f32,
    /// The font's name, shared by every run in that font.
    pub font: Option<std::sync::Arc<str>>,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Writing direction when not left to right: 1 top to bottom, 2 upside down, 3 bottom to top
    /// (rotated text such as band titles and margin stamps; the box is in page space).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dir: u8,
}

/// A ruling line: horizontal or vertical, from a stroke or a thin filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ruling {
    pub x0: f32,
    pub top: f32,
    pub x1: f32,
    pub bottom: f32,
    /// Stroke width or rectangle thickness.
    pub width: f32,
}

impl Ruling {
    pub fn is_horizontal(&self) -> bool {
        (self.bottom - self.top).abs() <= (self.x1 - self.x0).abs()
    }
}

/// A table grid: rows of cells, with the header rows counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Grid {
    /// Stable id within the document: `t<page>-<n>` or `t<first source line>`.
    pub id: String,
    /// Rows top to bottom; each row has `columns` cells (spanned positions hold empty cells with
    /// `covered = true`).
    pub rows: Vec<Vec<Cell>>,
    pub columns: usize,
    /// How many leading rows are header rows.
    pub header_rows: usize,
    /// How the grid was found: "tabs", "pipes", "lattice", "stream".
    pub method: String,
    pub location: Location,
    /// Per-row locations (line or bbox), same length as `rows`.
    pub row_locations: Vec<Location>,
    /// Caption or title seen just above the table ("Table 1", "Appendix E"), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Ids of grids on following pages stitched into this one (repeated header dropped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continued_from: Vec<String>,
}

impl Grid {
    /// The text of a cell, or "" when out of range.
    pub fn text(&self, row: usize, col: usize) -> &str {
        self.rows.get(row).and_then(|r| r.get(col)).map(|c| c.text.as_str()).unwrap_or("")
    }
    /// Body rows (after the header rows).
    pub fn body(&self) -> &[Vec<Cell>] {
        &self.rows[self.header_rows.min(self.rows.len())..]
    }
}

/// One table cell.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Cell {
    /// Text with markup removed; lines inside a cell joined with a space.
    pub text: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub row_span: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub col_span: u32,
    /// True for positions covered by a spanning cell to the left or above.
    #[serde(default, skip_serializing_if = "is_false")]
    pub covered: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "is_false")]
    pub italic: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Self {
        Cell { text: text.into(), row_span: 1, col_span: 1, ..Default::default() }
    }
}

fn one() -> u32 {
    1
}
fn is_one(v: &u32) -> bool {
    *v == 1
}
fn is_false(v: &bool) -> bool {
    !*v
}
fn is_zero(v: &u8) -> bool {
    *v == 0
}

/// A table block of a text rendering as the reader saw it (TAB rows or a markdown pipe table):
/// its rows of cells with markup removed, separator rows dropped.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TextTable {
    /// How the rendering marked it: `"tabs"` or `"pipes"`.
    pub method: String,
    pub rows: Vec<TextRow>,
    /// A title seen just above the block ("Table 2 ...", a short bold line).
    pub caption: Option<String>,
    /// The block's source lines, first to last.
    pub location: Location,
    /// The rows above a markdown separator row: the header the rendering marks, if it marks one.
    pub marked_header_rows: Option<usize>,
}

/// One row of a [`TextTable`]: its source line and its cells.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TextRow {
    pub line: u32,
    pub cells: Vec<TextCell>,
}

/// One cell of a [`TextRow`]: plain text, bold or italic when all of it is.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct TextCell {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl TextCell {
    /// Whether the cell holds only whitespace.
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}
