//! agendapack: UK council committee agenda packs (PDFs and text renderings) into validated,
//! structured data.
//!
//! The pipeline runs in one direction, one module per stage:
//!
//! ```text
//! file -> ingest -> Layout -> segment -> Pack
//!                          -> tables  -> Grids -> extract -> Records -> validate -> Findings
//!                                                                     -> output (JSON, warehouse tables)
//! ```
//!
//! [`pipeline::process_bytes`] runs every stage for one document; [`pipeline`] also runs batches.

pub mod alloc;
pub mod error;
pub mod extract;
pub mod golden;
pub mod ingest;
pub mod inspect;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod segment;
pub mod tables;
#[doc(hidden)]
pub mod testsupport;
pub mod validate;

pub use agendapack_pdf::limits;
pub use error::{DocError, Stage};
