//! Support for tests that read the shared corpus beside the checkout (`../shared`).
//!
//! The shared corpus is never copied into the repository. When it is absent the tests that need it
//! print a note and skip, except under `CI=true`, where its absence is a failure.

use std::path::PathBuf;

/// `../shared` relative to the repository root, if its `corpus/` folder is present.
///
/// # Panics
/// When the folder is absent and the environment variable `CI` is `true`: CI must have it.
pub fn shared_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("..").join("shared");
    if shared.join("corpus").is_dir() {
        return Some(shared);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!("CI=true but the shared corpus is missing at {}", shared.display());
    }
    eprintln!("note: {} is absent; skipping tests on the shared corpus", shared.display());
    None
}

/// A file under `../shared/corpus/`, or `None` (with a printed note) when the corpus is absent.
pub fn shared_corpus_file(rel: &str) -> Option<PathBuf> {
    shared_dir().map(|s| s.join("corpus").join(rel))
}

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
