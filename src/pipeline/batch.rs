//! The batch runner: discovery, then documents in parallel on a rayon pool, each isolated; the
//! results are taken back in document-id order so every output is the same at any `--jobs`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use thiserror::Error;

use super::claim::Claims;
use super::discovery::{self, Filter, Input, Skipped};
use super::manifest::{self, Balance, DocumentCounts, RunManifest, ShardInfo, TableCount};
use super::plan::{self, ShardList};
use super::progress::{Progress, Totals};
use super::shard::{Assignment, Shard};
use super::{cache, document_id, isolation, process_owned};
use crate::error::{DocError, Stage};
use crate::ingest::pdf::Limits;
use crate::limits::LimitKind;
use crate::output::document::EXTRACTOR_VERSION;
use crate::output::tables::rows::ErrorRow;
use crate::output::tables::{self, DocRows, Formats, TableError, TableSet, document_rows};
use crate::output::{Document, SCHEMA_VERSION, write_atomic, write_atomic_stream};
use crate::tables::TableSettings;

/// Largest file read by default: 1 GiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

/// Stack of each worker thread: deep enough for recursive parsers on hostile input.
const WORKER_STACK_BYTES: usize = 16 << 20;

/// Most worker threads per CPU: more only adds memory and switching, never speed.
pub const MAX_JOBS_PER_CPU: usize = 4;

/// The worker threads a run uses: those asked for, but never more than [`MAX_JOBS_PER_CPU`]
/// per CPU, nor more than there are files to process (at least one).
pub fn effective_jobs(requested: usize, files: usize) -> usize {
    let cpus = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    requested.min(MAX_JOBS_PER_CPU * cpus).min(files).max(1)
}

/// Why a processed document is not an agenda pack, if it is not one: nothing of a meeting, an
/// agenda, minutes, a report cover sheet, a table, a vote or a decision was found in it (a
/// letter, a README in the input folder). A document whose reading lost content (it carries
/// warnings) is never one: what was lost may be the pack, so it is kept with its warnings rather
/// than skipped out of sight.
pub fn not_an_agenda_pack(doc: &Document) -> Option<String> {
    let (p, r) = (&doc.pack, &doc.records);
    let nothing = doc.document.warnings.is_empty()
        && p.meeting.is_none()
        && p.agenda_items.is_empty()
        && p.minutes.is_empty()
        && p.reports.is_empty()
        && doc.tables.is_empty()
        && r.votes.is_empty()
        && r.decisions.is_empty()
        && r.attendance.is_empty();
    nothing.then(|| "not an agenda pack: no meeting, agenda, minutes, report or table found".into())
}

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Files or folders (walked recursively).
    pub inputs: Vec<PathBuf>,
    /// Which files under the inputs to take (`--include` / `--exclude`).
    pub filter: Filter,
    /// Keep as documents the files in which nothing of an agenda pack is found (see
    /// [`not_an_agenda_pack`]) instead of skipping them.
    pub keep_non_packs: bool,
    /// Output folder: `<id>.json` per document, `tables/`, the manifest and success marker.
    pub out: PathBuf,
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Process documents again even when their output is current.
    pub force: bool,
    /// Stop at the first failed document (no tables, no success marker).
    pub fail_fast: bool,
    pub shard: Shard,
    /// A plan from `agendapack plan` giving each document its shard (its count is `shard.count`);
    /// `None` splits by document id.
    pub shard_list: Option<Arc<ShardList>>,
    /// Draw a progress bar (only ever on a terminal).
    pub progress: bool,
    pub formats: Formats,
    pub limits: Limits,
    /// The table finder's tolerances (`--table-settings`); part of the incremental-run cache key.
    pub table_settings: TableSettings,
    /// Files larger than this are not read (an error row with stage `read`).
    pub max_file_bytes: u64,
    /// Sleep this long before each document (to make runs slow enough to interrupt in tests).
    pub delay_per_document: Option<Duration>,
}

impl BatchOptions {
    pub fn new(inputs: Vec<PathBuf>, out: PathBuf) -> BatchOptions {
        BatchOptions {
            inputs,
            filter: Filter::default(),
            keep_non_packs: false,
            out,
            jobs: 1,
            force: false,
            fail_fast: false,
            shard: Shard::ALL,
            shard_list: None,
            progress: false,
            formats: Formats { jsonl: true, parquet: cfg!(feature = "parquet") },
            limits: Limits::default(),
            table_settings: TableSettings::default(),
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            delay_per_document: None,
        }
    }
}

/// A failure of the run as a whole (a document's failure is an [`ErrorRow`] instead).
///
/// Exit codes of `agendapack extract`: 0 when every document was processed, 1 when some
/// documents failed (each is a row of the `errors` table), 2 for a usage error ([`Usage`]), 3
/// when the run itself could not go on: the output folder or its tables could not be written
/// (not writable, disk full) or worker threads could not start. After a 3 the output folder
/// holds no success marker and no partial file.
///
/// [`Usage`]: BatchError::Usage
#[derive(Debug, Error)]
pub enum BatchError {
    /// Bad arguments or input paths that do not exist.
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Tables(#[from] TableError),
    #[error("cannot write {path}: {source}")]
    Io { path: String, source: std::io::Error },
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

impl BatchError {
    /// The process exit code for this error: 2 for usage, 3 for a run that could not write its
    /// output (see [`BatchError`]).
    pub fn exit_code(&self) -> i32 {
        match self {
            BatchError::Usage(_) => 2,
            BatchError::Tables(_) | BatchError::Io { .. } | BatchError::Threads(_) => 3,
        }
    }
}

/// What a finished (or aborted) run did.
#[derive(Debug, Clone)]
pub struct BatchReport {
    pub manifest: RunManifest,
    /// Every file that could not be processed, in the order of the errors table.
    pub errors: Vec<ErrorRow>,
    /// Everything not processed as a document, with the reason (also in the manifest).
    pub skipped: Vec<Skipped>,
    /// True when `--fail-fast` stopped the run.
    pub aborted: bool,
}

impl BatchReport {
    /// 0 when every document was processed, 1 otherwise.
    pub fn exit_code(&self) -> i32 {
        if self.aborted || !self.errors.is_empty() { 1 } else { 0 }
    }
}

enum Outcome {
    Done {
        rows: Box<DocRows>,
        pages: u64,
        findings: u64,
        warnings: u64,
        cached: bool,
    },
    Failed(ErrorRow),
    /// Read and processed, but not an agenda pack.
    Skipped(Skipped),
}

/// Runs a batch.
pub fn run(opts: &BatchOptions) -> Result<BatchReport, BatchError> {
    let started = Instant::now();
    let started_unix =
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let listing = discovery::find(&opts.inputs, &opts.filter);
    let jobs = effective_jobs(opts.jobs, listing.found.len());
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("agendapack-{i}"))
        .stack_size(WORKER_STACK_BYTES)
        .build()
        .map_err(|e| BatchError::Threads(e.to_string()))?;

    let discovered = pool.install(|| discovery::group(listing));
    let shard = opts.shard;
    if let Some(list) = &opts.shard_list {
        if list.shards != shard.count {
            return Err(BatchError::Usage(format!(
                "the shard list plans {} shards, not {}",
                list.shards, shard.count
            )));
        }
    }
    let assignment = match &opts.shard_list {
        Some(list) => Assignment::listed(list.assignments()),
        None => Assignment::default(),
    };
    let balance = balance(&discovered.inputs, &shard, &assignment, opts.shard_list.as_deref());
    let inputs: Vec<Input> =
        discovered.inputs.into_iter().filter(|i| assignment.owns(&shard, &i.id)).collect();
    // One worker per document at most.
    let jobs = jobs.min(inputs.len()).max(1);
    let mut skipped: Vec<Skipped> = discovered
        .skipped
        .into_iter()
        .filter(|s| assignment.owns(&shard, &document_id(s.path.as_bytes())))
        .collect();
    let discovery_errors: Vec<ErrorRow> = discovered
        .errors
        .into_iter()
        .filter(|e| match &e.document_id {
            Some(id) => assignment.owns(&shard, id),
            None => assignment.owns(&shard, &document_id(e.path.as_bytes())),
        })
        .collect();

    let out = &opts.out;
    let io = |path: &Path| {
        let p = path.display().to_string();
        move |source| BatchError::Io { path: p, source }
    };
    std::fs::create_dir_all(out).map_err(io(out))?;
    let success = manifest::success_path(out, &shard);
    match std::fs::remove_file(&success) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&success)(e)),
        _ => {}
    }
    let tables_dir = out.join("tables");
    remove_stale_temps(out, &shard, &assignment, &tables_dir);

    let mut tables = TableSet::create(&tables_dir, &shard.suffix(), opts.formats)?;
    let progress = Progress::new(inputs.len() as u64, opts.progress);
    let mut totals = Totals::default();
    let mut errors: Vec<ErrorRow> = Vec::new();
    let (mut processed, mut unchanged, mut not_packs) = (0usize, 0usize, 0usize);
    let mut aborted = false;
    let (mut warning_lines, mut with_warnings) = (0u64, 0usize);
    let mut table_error: Option<TableError> = None;

    // Workers never run more than `window` documents ahead of the oldest one not yet taken
    // back, so memory stays flat however large the corpus; inside it they take the largest
    // first (`claim`). The window is wide enough that one slow document does not leave the
    // other workers idle.
    let window = 8 * jobs + 16;
    let claims = Claims::new(inputs.iter().map(|i| i.bytes).collect(), window);
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();

    std::thread::scope(|s| {
        let (inputs, claims) = (&inputs, &claims);
        let pool = &pool;
        s.spawn(move || {
            let tx = tx;
            pool.scope(|ps| {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    ps.spawn(move |_| {
                        while let Some(i) = claims.next() {
                            if tx.send((i, process_input(&inputs[i], opts))).is_err() {
                                break;
                            }
                        }
                    });
                }
            });
        });

        let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut expected = 0usize;
        'receive: for (i, outcome) in rx.iter() {
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&expected) {
                expected += 1;
                match outcome {
                    Outcome::Done { rows, pages, findings, warnings, cached } => {
                        warning_lines += warnings;
                        if warnings > 0 {
                            with_warnings += 1;
                        }
                        if cached {
                            unchanged += 1;
                        } else {
                            processed += 1;
                        }
                        totals.pages += pages;
                        totals.findings += findings;
                        totals.cached = unchanged as u64;
                        if let Err(e) = tables.append(&rows) {
                            table_error = Some(e);
                        }
                    }
                    Outcome::Skipped(s) => {
                        progress.println(&format!("skipped: {}: {}", s.path, s.reason));
                        skipped.push(s);
                        not_packs += 1;
                    }
                    Outcome::Failed(row) => {
                        progress.println(&format!(
                            "error: {}: {} (stage {})",
                            row.path, row.message, row.stage
                        ));
                        totals.errors += 1;
                        let append = DocRows { errors: vec![row.clone()], ..Default::default() };
                        if let Err(e) = tables.append(&append) {
                            table_error = Some(e);
                        }
                        errors.push(row);
                        if opts.fail_fast {
                            aborted = true;
                        }
                    }
                }
                progress.update(expected as u64, &totals);
                claims.taken_back(expected);
                if aborted || table_error.is_some() {
                    claims.stop();
                    break 'receive;
                }
            }
        }
        drop(rx);
    });
    progress.finish();

    // (Documents found not to be packs were reported as they came.)
    for s in skipped.iter().filter(|s| !s.reason.starts_with("not an agenda pack: no ")) {
        progress.println(&format!("skipped: {}: {}", s.path, s.reason));
    }
    for e in &discovery_errors {
        progress.println(&format!("error: {}: {} (stage {})", e.path, e.message, e.stage));
    }
    skipped.sort();
    if let Some(e) = table_error {
        tables.abandon();
        return Err(e.into());
    }
    let mut counts = Vec::new();
    if aborted {
        tables.abandon();
    } else {
        tables.append(&DocRows { errors: discovery_errors.clone(), ..Default::default() })?;
        // On a worker thread, so the conversion to Parquet reuses the memory (allocator arena)
        // the documents were processed in rather than adding to it.
        counts = pool.install(|| tables.finish())?;
    }
    let mut all_errors = errors;
    all_errors.extend(discovery_errors);

    let elapsed = started.elapsed().as_secs_f64();
    let per_second = |n: f64| if elapsed > 0.0 { n / elapsed } else { 0.0 };
    // Files read but found not to be agenda packs are reported as skipped, not as documents.
    let documents = inputs.len() - not_packs;
    let manifest = RunManifest {
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        extractor_version: EXTRACTOR_VERSION.to_string(),
        schema_version: SCHEMA_VERSION.to_string(),
        status: if aborted { "aborted".into() } else { "complete".into() },
        shard: ShardInfo { index: shard.index, count: shard.count },
        inputs: opts.inputs.iter().map(|p| p.display().to_string()).collect(),
        jobs,
        force: opts.force,
        started_unix,
        elapsed_seconds: elapsed,
        counts: DocumentCounts {
            files: discovered.files,
            documents,
            duplicate_paths: inputs.iter().map(|i| i.paths.len().saturating_sub(1)).sum(),
            processed,
            unchanged,
            failed: all_errors.len(),
        },
        skipped: skipped.clone(),
        over_budget: all_errors
            .iter()
            .filter(|e| matches!(e.limit.as_deref(), Some("seconds") | Some("memory")))
            .count(),
        documents_with_warnings: with_warnings,
        warnings: warning_lines,
        pages: totals.pages,
        findings: totals.findings,
        documents_per_second: per_second((processed + unchanged) as f64),
        pages_per_second: per_second(totals.pages as f64),
        peak_rss_kib: manifest::peak_rss_kib(),
        tables: counts.iter().map(|(t, n)| TableCount { table: t.to_string(), rows: *n }).collect(),
        balance,
    };
    let path = manifest::manifest_path(out, &shard);
    let json = serde_json::to_vec_pretty(&manifest)
        .map_err(|e| BatchError::Io { path: path.display().to_string(), source: e.into() })?;
    write_atomic(&path, &json).map_err(io(&path))?;
    if !aborted {
        write_atomic(&success, b"complete\n").map_err(io(&success))?;
    }
    Ok(BatchReport { manifest, errors: all_errors, skipped, aborted })
}

/// How evenly the documents found are spread over the shards, for the manifest of a sharded run:
/// with a shard list, by what it balanced (pages as planned, or bytes), counting the documents
/// it names; split by id, by bytes (every shard knows every file's size from discovery, not its
/// pages). `None` for an unsharded run.
fn balance(
    found: &[Input],
    shard: &Shard,
    assignment: &Assignment,
    list: Option<&ShardList>,
) -> Option<Balance> {
    if shard.count == 1 {
        return None;
    }
    let weights = list.map(ShardList::weights);
    let mut per_shard = vec![0u64; shard.count as usize];
    let mut unplanned = 0;
    for input in found {
        let weight = match &weights {
            Some(w) => match w.get(input.id.as_str()) {
                Some(w) => *w,
                None => {
                    unplanned += 1;
                    continue;
                }
            },
            None => input.bytes,
        };
        per_shard[assignment.shard_of(&input.id, shard.count) as usize] += weight;
    }
    Some(Balance {
        split: if list.is_some() { "shard-list" } else { "id" }.to_string(),
        by: list.map_or("bytes".to_string(), |l| l.by.to_string()),
        max_over_mean: plan::max_over_mean(&per_shard),
        per_shard,
        unplanned,
    })
}

/// Removes temporary files left by a killed run of this shard (never another shard's).
fn remove_stale_temps(out: &Path, shard: &Shard, assignment: &Assignment, tables_dir: &Path) {
    let suffix = shard.suffix();
    let mine_top = |target: &str| {
        if let Some(id) = target.strip_suffix(".json") {
            if id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit()) {
                return assignment.owns(shard, id);
            }
        }
        target == format!("manifest{suffix}.json") || target == format!("_SUCCESS{suffix}")
    };
    let mine_table = |target: &str| {
        tables::TABLE_NAMES.iter().any(|t| {
            target == format!("{t}{suffix}.jsonl") || target == format!("{t}{suffix}.parquet")
        })
    };
    for (dir, mine) in [(out, &mine_top as &dyn Fn(&str) -> bool), (tables_dir, &mine_table)] {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if tables::temp_target(&name).is_some_and(mine) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

fn process_input(input: &Input, opts: &BatchOptions) -> Outcome {
    let first = input.paths.first().cloned().unwrap_or_default();
    let failed = |e: &DocError| {
        Outcome::Failed(ErrorRow {
            document_id: Some(input.id.clone()),
            path: first.clone(),
            stage: e.stage().to_string(),
            limit: e.limit().map(|l| l.to_string()),
            message: e.to_string(),
        })
    };
    let fail = |stage: Stage, message: String| {
        Outcome::Failed(ErrorRow {
            document_id: Some(input.id.clone()),
            path: first.clone(),
            stage: stage.to_string(),
            limit: None,
            message,
        })
    };
    if let Some(d) = opts.delay_per_document {
        std::thread::sleep(d);
    }
    let file_name = input.file_name();
    let cached =
        if opts.force { None } else { cache::load(&opts.out, &input.id, &opts.table_settings) };
    if let Some(reason) =
        cached.as_ref().filter(|_| !opts.keep_non_packs).and_then(not_an_agenda_pack)
    {
        return Outcome::Skipped(Skipped { path: first.clone(), reason });
    }
    let (doc, was_cached) = match cached {
        Some(mut doc) => {
            if doc.document.paths != input.paths || doc.document.file_name != file_name {
                doc.document.paths = input.paths.clone();
                doc.document.file_name = file_name;
                if let Err(e) = write_document(&opts.out, &doc) {
                    return fail(Stage::Output, e);
                }
            }
            (doc, true)
        }
        None => {
            if input.bytes > opts.max_file_bytes {
                let e = DocError::Limit {
                    stage: Stage::Read,
                    limit: LimitKind::FileBytes,
                    message: format!(
                        "file is {} bytes, more than the {} allowed",
                        input.bytes, opts.max_file_bytes
                    ),
                };
                return failed(&e);
            }
            let bytes = match discovery::read_regular(&input.path) {
                Ok(b) => b,
                Err(e) => return fail(Stage::Read, DocError::from(e).to_string()),
            };
            if document_id(&bytes) != input.id {
                return fail(Stage::Read, "the file changed while the run was going on".into());
            }
            let mut doc = match process_owned(
                &file_name,
                input.kind,
                bytes,
                &opts.limits,
                &opts.table_settings,
            ) {
                Ok(d) => d,
                Err(e) => return failed(&e),
            };
            if let Some(reason) = not_an_agenda_pack(&doc).filter(|_| !opts.keep_non_packs) {
                return Outcome::Skipped(Skipped { path: first.clone(), reason });
            }
            doc.document.paths = input.paths.clone();
            if let Err(e) = write_document(&opts.out, &doc) {
                return fail(Stage::Output, e);
            }
            (doc, false)
        }
    };
    match isolation::guard(Stage::Output, || document_rows(&doc)) {
        Ok(rows) => Outcome::Done {
            rows: Box::new(rows),
            pages: u64::from(doc.document.counts.pages),
            findings: doc.findings.len() as u64,
            warnings: doc.document.warnings.len() as u64,
            cached: was_cached,
        },
        Err(e) => fail(Stage::Output, e.to_string()),
    }
}

fn write_document(out: &Path, doc: &Document) -> Result<(), String> {
    let path = cache::document_path(out, &doc.document.id);
    write_atomic_stream(&path, false, |w| {
        crate::output::json::to_writer_pretty(&mut *w, doc).map_err(std::io::Error::other)?;
        w.write_all(b"\n")
    })
    .map_err(|e| format!("cannot write {}.json: {e}", doc.document.id))
}
