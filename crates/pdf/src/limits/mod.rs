//! Bounds on the work one document may cause, and their enforcement.
//!
//! [`Limits`] holds every bound: the size of one decoded stream, the operators of one page, Form
//! XObject nesting, and the per-document budget of time and memory. The budget is enforced
//! cooperatively ([`budget`]): the application opens a budget for each document, and the long
//! loops of every stage (this reader's and the application's) call [`budget::tick`] (cheap,
//! counted) or [`budget::check`]. A document over its budget stops at the next check and becomes
//! a typed limit error naming the stage and the [`LimitKind`]; the batch goes on.
//!
//! Memory is measured by [`alloc::CountingAlloc`], which counts the bytes each thread holds;
//! a program (or test binary) that does not install it as its global allocator gets the time
//! budget only.

pub mod alloc;
pub mod budget;

use serde::{Deserialize, Serialize};

/// Seconds one document may take by default: no real pack comes near it (the slowest of the
/// shared corpora takes under a second in a release build).
pub const DEFAULT_MAX_SECONDS_PER_DOC: f64 = 60.0;
/// Memory every document may hold whatever its size, on top of [`DEFAULT_MEMORY_FACTOR`] times
/// its size.
pub const DEFAULT_MEMORY_FLOOR_BYTES: u64 = 256 << 20;
/// Memory a document may hold per byte of its file, on top of [`DEFAULT_MEMORY_FLOOR_BYTES`].
/// The largest rendering of the shared corpus (2.2 MB) peaks at 44 MiB for the whole process,
/// about 20 bytes per byte; a text rendering under 6.
pub const DEFAULT_MEMORY_FACTOR: u64 = 64;

/// Bounds on the work one document may cause.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest decompressed size of one stream, in bytes.
    pub max_stream_bytes: usize,
    /// Most content-stream operators interpreted per page (Form XObjects included).
    pub max_ops_per_page: usize,
    /// Deepest Form XObject nesting.
    pub max_form_depth: usize,
    /// Wall-clock seconds one document may take through every stage; `None` for no bound.
    pub max_seconds_per_doc: Option<f64>,
    /// Memory one document may hold, whatever its size (see [`Limits::memory_budget`]).
    pub memory_floor_bytes: u64,
    /// Memory one document may hold per byte of its file; 0 for no memory bound.
    pub memory_factor: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 64 << 20,
            max_ops_per_page: 2_000_000,
            max_form_depth: 12,
            max_seconds_per_doc: Some(DEFAULT_MAX_SECONDS_PER_DOC),
            memory_floor_bytes: DEFAULT_MEMORY_FLOOR_BYTES,
            memory_factor: DEFAULT_MEMORY_FACTOR,
        }
    }
}

impl Limits {
    /// Bytes a document of `file_bytes` may hold at once: the floor plus the factor times its
    /// size, or `None` when the factor is 0.
    pub fn memory_budget(&self, file_bytes: u64) -> Option<u64> {
        (self.memory_factor > 0).then(|| {
            self.memory_floor_bytes.saturating_add(self.memory_factor.saturating_mul(file_bytes))
        })
    }
}

/// Which bound a document exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// The per-document time budget (`--max-seconds-per-doc`).
    Seconds,
    /// The per-document memory budget (relative to the file's size).
    Memory,
    /// The file is larger than `--max-file-mib`.
    FileBytes,
    /// One stream decodes to more than [`Limits::max_stream_bytes`].
    StreamBytes,
    /// One page's content streams together exceed four times [`Limits::max_stream_bytes`].
    PageContentBytes,
    /// One page has more than [`Limits::max_ops_per_page`] operators.
    OpsPerPage,
}

impl std::fmt::Display for LimitKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned));
        f.write_str(s.as_deref().unwrap_or("?"))
    }
}
