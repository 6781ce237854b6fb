//! The data model shared by every stage.
//!
//! * [`layout`]: what ingest produces (pages, lines, runs, ruling lines, grids).
//! * [`pack`]: what segmentation produces (meeting, agenda items, sections, minutes, reports).
//! * [`records`]: what extraction produces (budget tables, KPIs, votes, decisions, attendance).
//! * [`finding`]: what validation produces.
//! * [`provenance`]: where a value came from.

pub mod finding;
pub mod layout;
pub mod pack;
pub mod provenance;
pub mod records;

pub use finding::{Evidence, Finding, Severity};
pub use layout::{
    BBox, Cell, Fill, Grid, Image, ImageHashOf, Layout, Line, Page, Ruling, Run, SourceKind,
    TextCell, TextRow, TextTable,
};
pub use pack::Pack;
pub use provenance::Location;
pub use records::Records;
