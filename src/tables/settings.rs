//! Every tolerance the table finder uses, as a named, documented setting.
//!
//! Distances are PDF points unless a setting says it is a multiple of the font size. The defaults
//! were chosen on the LibreOffice and Chromium renderings of the text packs and on the Kent County
//! Council PDFs (Excel, Acrobat PDFMaker, Aspose.Words); change them through [`TableSettings`] and
//! [`super::grids_with`], or from the command line with `--table-settings FILE`: a TOML file naming
//! only the settings to change ([`TableSettings::from_toml`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Tolerances for finding tables on PDF pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableSettings {
    // ---- ruling lines (lattice) ----
    /// Ruling lines whose positions (y of a horizontal, x of a vertical) differ by at most this are
    /// snapped to their mean position. Absorbs double borders and sub-point drift.
    pub snap_tolerance: f32,
    /// Collinear ruling segments whose ends are at most this far apart are joined into one edge.
    pub join_tolerance: f32,
    /// Edges shorter than this (after joining) are dropped: underlines of glyphs, tick marks.
    pub edge_min_length: f32,
    /// A horizontal and a vertical edge intersect when each reaches within this distance of the other.
    pub intersection_tolerance: f32,
    /// A lattice table needs at least this many cells; a lone rectangle is a frame, not a table.
    pub lattice_min_cells: usize,
    /// A word belongs to the cell holding its centre; a word that no cell holds (straddling a
    /// rule) belongs to the first cell that holds it when grown by this margin.
    pub cell_margin: f32,

    // ---- words and text lines ----
    /// Two words whose vertical centres differ by at most this fraction of the smaller font size are
    /// on the same text line.
    pub line_overlap_ratio: f32,
    /// Adjacent runs with no whitespace between them and a horizontal gap under this fraction of the
    /// font size are one word (a style change inside a word).
    pub word_join_gap_ratio: f32,

    // ---- whitespace-aligned columns (stream) ----
    /// Within a text line, a gap wider than this fraction of the font size separates two text
    /// segments (candidate cells). Inter-word spaces are about a quarter of the font size.
    pub segment_gap_ratio: f32,
    /// Inside a stream table, words closer than this fraction of the font size belong to one phrase
    /// (ordinary word spacing is about a quarter of the font size); phrases are what column
    /// coverage is measured on.
    pub phrase_gap_ratio: f32,
    /// A text line is tabular when it has at least this many segments.
    pub stream_min_segments: usize,
    /// A stream table needs at least this many tabular lines.
    pub stream_min_rows: usize,
    /// A stream table needs at least this many columns.
    pub stream_min_columns: usize,
    /// Consecutive lines further apart than this multiple of the line height end a stream table.
    pub stream_max_row_gap_ratio: f32,
    /// Up to this many non-tabular lines (section labels such as "SPENDING") may sit between tabular
    /// lines inside one stream table.
    pub stream_max_inner_plain_lines: usize,
    /// Column gaps are x-ranges covered by words of at most this fraction of the table's lines
    /// (titles and notes that run across columns are tolerated up to that share).
    pub stream_gap_coverage_ratio: f32,
    /// A column gap must be at least this wide.
    pub stream_min_gap_width: f32,

    // ---- headers, captions, stitching ----
    /// At most this many leading rows are counted as header rows.
    pub max_header_rows: usize,
    /// A caption is a text line ending at most this many line heights above a table.
    pub caption_max_distance_ratio: f32,
    /// Caption lines longer than this many characters are prose, not a caption.
    pub caption_max_chars: usize,
    /// A heading on a filled rectangle stands over every column the fill covers when its text's
    /// centre is within this multiple of its font size of the fill's centre (see
    /// [`super::heading`]).
    pub heading_centre_ratio: f32,
    /// Two ruled grids on consecutive pages are one table only when their column boundaries agree
    /// within this many points (three in four of the inner ones; see [`super::stitch`]).
    pub stitch_column_tolerance: f32,
    /// A ruled table left open at a page foot is closed when at least this many column rules run
    /// on together past its last row rule to a common end (see `edges::close_open_ends`).
    pub open_end_min_rules: usize,
    /// A column rule is open at an end when it runs at least this many points past its last
    /// crossing with a row rule.
    pub open_end_min_length: f32,
    /// A box of several columns whose title row stands over an empty row at least this multiple
    /// of the font size high frames a picture (a chart) and is whole on its page (see
    /// [`super::stitch`]).
    pub frame_min_height_ratio: f32,
    /// A cell above a page break holds running text that the break may cut when it has at least
    /// this many words (see `stitch::split_row`).
    pub split_min_words: usize,
    /// A row cut by a page break in every column it fills is taken as cut only when both parts
    /// are at least this multiple of the page's median font size tall (see `stitch::split_row`).
    pub split_min_depth_ratio: f32,
    /// A row whose part above a page break ends within this multiple of the font size of the
    /// page body's foot (the lowest any table reaches) filled the page: see `stitch::split_row`.
    pub split_foot_ratio: f32,
    /// A row whose part above a page break ends within this multiple of the font size of the
    /// page body's foot filled the page to its foot: the renderer cut it (a row that ends on its
    /// own leaves some room). Such a row is joined to a part below that opens no row label and
    /// leaves two of its cells empty, both parts deep (see `stitch::cut_at_body_foot`).
    pub split_fill_ratio: f32,
    /// Two tables one after the other on a page, with the same number of columns and no text
    /// between them, are one table when the gap between them is at most this multiple of the
    /// page's median font size (the blank line a text rendering leaves inside a table).
    pub merge_max_gap_ratio: f32,
    /// Short lines (page numbers, "Agenda Item 6") within this fraction of the page height from
    /// its top or bottom edge are page furniture, not text between two parts of a table.
    pub furniture_margin_ratio: f32,
    /// A rule rules a stream table's rows when it crosses at least this fraction of its width
    /// (see [`super::ruled_rows`]).
    pub row_rule_cover_ratio: f32,
    /// A stream table is ruled row by row when at least this many rules cross it (a table ruled
    /// only above and under its header and at its foot has three).
    pub row_rules_min: usize,
    /// Rules shorter than this do not rule a table's rows (underlines, short separators).
    pub row_rule_min_length: f32,
}

impl Default for TableSettings {
    fn default() -> Self {
        TableSettings {
            snap_tolerance: 3.0,
            join_tolerance: 3.0,
            edge_min_length: 3.0,
            intersection_tolerance: 3.0,
            lattice_min_cells: 2,
            cell_margin: 1.0,
            line_overlap_ratio: 0.5,
            word_join_gap_ratio: 0.1,
            segment_gap_ratio: 1.0,
            phrase_gap_ratio: 0.4,
            stream_min_segments: 3,
            stream_min_rows: 3,
            stream_min_columns: 3,
            stream_max_row_gap_ratio: 2.5,
            stream_max_inner_plain_lines: 6,
            stream_gap_coverage_ratio: 0.1,
            stream_min_gap_width: 1.0,
            max_header_rows: 5,
            caption_max_distance_ratio: 2.5,
            caption_max_chars: 160,
            heading_centre_ratio: 1.0,
            stitch_column_tolerance: 3.0,
            open_end_min_rules: 3,
            open_end_min_length: 6.0,
            frame_min_height_ratio: 3.0,
            split_min_words: 4,
            split_min_depth_ratio: 2.0,
            split_foot_ratio: 1.5,
            split_fill_ratio: 0.5,
            merge_max_gap_ratio: 2.5,
            furniture_margin_ratio: 0.06,
            row_rule_cover_ratio: 0.9,
            row_rules_min: 4,
            row_rule_min_length: 100.0,
        }
    }
}

/// Why a table settings file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read the table settings file {}: {source}", .path.display())]
    Read { path: PathBuf, source: std::io::Error },
    #[error("table settings file {}: {message}", .path.display())]
    Invalid { path: PathBuf, message: String },
}

impl TableSettings {
    /// The defaults with the settings a TOML document names changed (`snap_tolerance = 2.0`).
    /// A key that names no setting, or a value of the wrong type, is an error naming it.
    pub fn from_toml(text: &str) -> Result<TableSettings, String> {
        toml::from_str(text).map_err(|e| e.message().to_string())
    }

    /// [`TableSettings::from_toml`] on a file.
    pub fn from_file(path: &Path) -> Result<TableSettings, SettingsError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| SettingsError::Read { path: path.to_path_buf(), source })?;
        Self::from_toml(&text)
            .map_err(|message| SettingsError::Invalid { path: path.to_path_buf(), message })
    }

    /// `None` for the defaults, else a SHA-256 (lower-case hex) of every setting: what a
    /// document records of the settings it was made with, so that an incremental run with other
    /// settings does not reuse it.
    pub fn fingerprint(&self) -> Option<String> {
        if *self == TableSettings::default() {
            return None;
        }
        let json = serde_json::to_vec(self).expect("settings serialise");
        let digest = Sha256::digest(&json);
        Some(digest.iter().map(|b| format!("{b:02x}")).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_changes_only_the_settings_it_names() {
        let s = TableSettings::from_toml("snap_tolerance = 0.5\nstream_min_rows = 4\n").unwrap();
        assert_eq!(s.snap_tolerance, 0.5);
        assert_eq!(s.stream_min_rows, 4);
        let rest = TableSettings { snap_tolerance: 3.0, stream_min_rows: 3, ..s.clone() };
        assert_eq!(rest, TableSettings::default());
        assert_eq!(TableSettings::from_toml("").unwrap(), TableSettings::default());
    }

    #[test]
    fn an_unknown_key_or_a_wrong_type_is_named() {
        let e = TableSettings::from_toml("snap_tolerence = 2.0").unwrap_err();
        assert!(e.contains("unknown field `snap_tolerence`"), "{e}");
        assert!(e.contains("snap_tolerance"), "the message lists the settings: {e}");
        let e = TableSettings::from_toml("stream_min_rows = \"many\"").unwrap_err();
        assert!(e.contains("invalid type"), "{e}");
    }

    #[test]
    fn only_other_settings_have_a_fingerprint() {
        assert_eq!(TableSettings::default().fingerprint(), None);
        let a = TableSettings { snap_tolerance: 2.0, ..TableSettings::default() };
        let b = TableSettings { snap_tolerance: 2.5, ..TableSettings::default() };
        let (fa, fb) = (a.fingerprint().unwrap(), b.fingerprint().unwrap());
        assert_eq!(fa.len(), 64);
        assert_ne!(fa, fb);
        assert_eq!(a.fingerprint(), Some(fa));
    }
}
