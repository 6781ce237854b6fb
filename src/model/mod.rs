//! The data model shared by every stage.
//!
//! * [`layout`]: what ingest produces (pages, lines, runs, ruling lines, grids); it lives in the
//!   `agendapack-pdf` crate, whose reader makes it from a PDF.
//! * [`pack`]: what segmentation produces (meeting, agenda items, sections, minutes, reports).
//! * [`records`]: what extraction produces (budget tables, KPIs, votes, decisions, attendance).
//! * [`finding`]: what validation produces.
//! * [`provenance`]: where a value came from (also of `agendapack-pdf`).

pub mod finding;
pub mod pack;
pub mod records;

pub use agendapack_pdf::{layout, provenance};

pub use finding::{Evidence, Finding, Severity};
pub use layout::{
    BBox, Cell, Fill, Grid, Image, ImageHashOf, Layout, Line, Page, Ruling, Run, SourceKind,
    TextCell, TextRow, TextTable,
};
pub use pack::Pack;
pub use provenance::Location;
pub use records::Records;
