//! Every tolerance the table finder uses, as a named, documented setting.
//!
//! Distances are PDF points unless a setting says it is a multiple of the font size. The defaults
//! were chosen on the LibreOffice and Chromium renderings of the text packs and on the Kent County
//! Council PDFs (Excel, Acrobat PDFMaker, Aspose.Words); change them through [`TableSettings`] and
//! [`super::grids_with`].

/// Tolerances for finding tables on PDF pages.
#[derive(Debug, Clone, PartialEq)]
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
    /// Two ruled grids on consecutive pages are one table only when their column boundaries agree
    /// within this many points (three in four of the inner ones; see [`super::stitch`]).
    pub stitch_column_tolerance: f32,
    /// A ruled table left open at a page foot is closed when at least this many column rules run
    /// on together past its last row rule to a common end (see `edges::close_open_ends`).
    pub open_end_min_rules: usize,
    /// A column rule is open at an end when it runs at least this many points past its last
    /// crossing with a row rule.
    pub open_end_min_length: f32,
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
            stitch_column_tolerance: 3.0,
            open_end_min_rules: 3,
            open_end_min_length: 6.0,
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
