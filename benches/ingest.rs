//! Ingest alone against `pdftotext -layout`, on the same files in the same run.
//!
//! `cargo bench --bench ingest` reads every PDF under `../shared/corpus/{real,rendered}` (or the
//! files given as arguments), best of three rounds each, and prints pages per second for our
//! interpreter (`ingest::pdf::read`, fonts and geometry included) and for `pdftotext -layout`
//! writing to a pipe.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use agendapack::ingest::pdf::{Limits, read};

const ROUNDS: usize = 3;

fn corpus_files() -> Vec<PathBuf> {
    let args: Vec<PathBuf> =
        std::env::args().skip(1).filter(|a| !a.starts_with('-')).map(PathBuf::from).collect();
    if !args.is_empty() {
        return args;
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut files = Vec::new();
    for dir in ["real", "rendered/libreoffice", "rendered/chromium"] {
        if let Ok(rd) = std::fs::read_dir(root.join(dir)) {
            let mut v: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
                .collect();
            v.sort();
            files.extend(v);
        }
    }
    files
}

fn best<F: FnMut() -> bool>(mut f: F) -> Option<Duration> {
    let mut best: Option<Duration> = None;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        if !f() {
            return None;
        }
        let d = t.elapsed();
        best = Some(best.map_or(d, |b| b.min(d)));
    }
    best
}

fn main() {
    let files = corpus_files();
    if files.is_empty() {
        eprintln!("note: no PDFs found (../shared/corpus absent); nothing to measure");
        return;
    }
    let have_pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    let limits = Limits::default();
    let (mut pages_total, mut ours_total, mut theirs_total) =
        (0usize, Duration::ZERO, Duration::ZERO);
    println!("{:<58} {:>6} {:>11} {:>13}", "file", "pages", "ours p/s", "pdftotext p/s");
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else { continue };
        let mut pages = 0;
        let ours = best(|| match read(&bytes, &limits) {
            Ok(l) => {
                pages = l.pages.len();
                true
            }
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                false
            }
        });
        let theirs = if have_pdftotext {
            best(|| {
                Command::new("pdftotext")
                    .args(["-layout", "-q"])
                    .arg(f)
                    .arg("-")
                    .stdout(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success())
            })
        } else {
            None
        };
        let Some(ours) = ours else { continue };
        let rate = |d: Duration| pages as f64 / d.as_secs_f64().max(1e-9);
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let parent = f
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "{:<58} {:>6} {:>11.0} {:>13}",
            format!("{parent}/{name}"),
            pages,
            rate(ours),
            theirs.map(|t| format!("{:.0}", rate(t))).unwrap_or_else(|| "-".into())
        );
        pages_total += pages;
        ours_total += ours;
        if let Some(t) = theirs {
            theirs_total += t;
        }
    }
    let total = |d: Duration| pages_total as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "total: {pages_total} pages; ingest {:.0} pages/s ({:.2} s); pdftotext -layout {} pages/s ({:.2} s)",
        total(ours_total),
        ours_total.as_secs_f64(),
        if have_pdftotext { format!("{:.0}", total(theirs_total)) } else { "-".into() },
        theirs_total.as_secs_f64()
    );
}
