//! One test per facts file (`corpus/facts/**/*.toml`): hand-checked values about each corpus
//! document (taken from the document and the shared notes, never from our output), compared with
//! what agendapack extracts. A wrong bless of the golden expectations cannot hide a regression here.
//!
//! Facts marked `pending` (their stage is not written yet) are evaluated and reported, not failed.

mod facts;

use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let root = agendapack::testsupport::repo_root();
    let mut trials = Vec::new();
    for path in facts::facts_files() {
        let name = path
            .strip_prefix(root.join("corpus").join("facts"))
            .unwrap_or(&path)
            .with_extension("")
            .display()
            .to_string();
        trials.push(Trial::test(format!("facts::{name}"), move || match facts::run(&path) {
            Ok(report) => {
                eprint!("{report}");
                Ok(())
            }
            Err(report) => Err(Failed::from(report)),
        }));
    }
    trials.push(Trial::test("facts::every_bundled_pack_has_a_facts_file", || {
        let packs = root_files("corpus/packs", "txt");
        let mut missing = Vec::new();
        for p in packs {
            let stem = p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            let f = agendapack::testsupport::repo_root()
                .join("corpus/facts/packs")
                .join(format!("{stem}.toml"));
            if !f.is_file() {
                missing.push(f.display().to_string());
            }
        }
        if missing.is_empty() { Ok(()) } else { Err(format!("missing facts: {missing:?}").into()) }
    }));
    trials.push(Trial::test("facts::same_as_takes_over_the_text_pack_facts", || {
        let facts_dir = agendapack::testsupport::repo_root().join("corpus/facts/shared");
        let base = facts::load(&facts_dir.join("text/003_d08e34e2df91019d.toml"))?;
        let pdf = facts::load(&facts_dir.join("rendered/chromium/003_d08e34e2df91019d.toml"))?;
        let kind = |f: &facts::schema::Facts| f.document.as_ref().and_then(|d| d.kind.clone());
        let checks = [
            (pdf.file == "shared:rendered/chromium/003_d08e34e2df91019d.pdf", "own file"),
            (kind(&pdf).as_deref() == Some("pdf"), "own [document]"),
            (kind(&base).as_deref() == Some("text"), "base [document]"),
            (pdf.votes.len() == base.votes.len() && !base.votes.is_empty(), "votes taken over"),
            (pdf.meeting.is_some(), "meeting taken over"),
            (pdf.pending_facts.contains_key("minutes 2017-01-17"), "own pending marks"),
        ];
        match checks.iter().find(|(ok, _)| !ok) {
            None => Ok(()),
            Some((_, what)) => Err(format!("same_as: {what} wrong").into()),
        }
    }));
    trials.push(Trial::test("facts::every_shared_document_has_a_facts_file", || {
        let Some(shared) = agendapack::testsupport::shared_dir() else { return Ok(()) };
        let corpus = shared.join("corpus");
        let mut docs = Vec::new();
        for (dir, ext) in [
            ("text", "txt"),
            ("real", "pdf"),
            ("rendered/chromium", "pdf"),
            ("rendered/libreoffice", "pdf"),
        ] {
            for p in files_in(&corpus.join(dir), ext) {
                let stem =
                    p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
                docs.push(format!("{dir}/{stem}"));
            }
        }
        let root = agendapack::testsupport::repo_root().join("corpus/facts/shared");
        let missing: Vec<_> =
            docs.iter().filter(|d| !root.join(format!("{d}.toml")).is_file()).collect();
        if docs.is_empty() {
            return Err("no documents found in the shared corpus".into());
        }
        if missing.is_empty() { Ok(()) } else { Err(format!("missing facts: {missing:?}").into()) }
    }));
    trials.push(Trial::test("facts::cells_tell_a_wrong_cell_from_a_right_one", cells_self_check));
    let conclusion = libtest_mimic::run(&args, trials);
    eprintln!("{}", facts::TOTALS.summary());
    conclusion.exit();
}

/// The cells of a file that all hold (Appendix N) hold as typed, and each fails once its value,
/// its column path (order included), its page or its `nth` is wrong.
fn cells_self_check() -> Result<(), Failed> {
    let path = agendapack::testsupport::repo_root()
        .join("corpus/facts/shared/wide/cabinet_2025-01-30_Appendix_N_-_Capital_Strategy.toml");
    let f = facts::load(&path)?;
    let Some(rel) = f.file.strip_prefix("shared:") else { return Err("not a shared file".into()) };
    let Some(input) = agendapack::testsupport::shared_corpus_file(rel) else { return Ok(()) };
    let doc = agendapack::pipeline::process_file(
        &input,
        &agendapack::ingest::pdf::Limits::default(),
        &Default::default(),
    )
    .map_err(|e| format!("{}: {e}", input.display()))?;
    let held = |cells: &[facts::schema::CellFact]| -> Result<usize, Failed> {
        let r = facts::cells::check(cells, &doc)?;
        Ok(r.iter().filter(|c| c.problem.is_none()).count())
    };
    let n = f.cells.len();
    if n < 10 || held(&f.cells)? != n {
        return Err(
            format!("Appendix N: {} of {n} cells hold, expected all", held(&f.cells)?).into()
        );
    }
    let mutated = |m: &dyn Fn(&mut facts::schema::CellFact)| -> Vec<facts::schema::CellFact> {
        let mut v = facts::load(&path).map(|f| f.cells).unwrap_or_default();
        v.iter_mut().for_each(m);
        v
    };
    let wrong: [(&str, Vec<facts::schema::CellFact>); 4] = [
        ("value", mutated(&|c| c.value.push('1'))),
        ("column order", mutated(&|c| c.column.reverse())),
        ("page", mutated(&|c| c.page += 1)),
        ("nth", mutated(&|c| c.nth += 1)),
    ];
    for (what, cells) in wrong {
        // Reversing a one-text path changes nothing: only longer paths count there.
        let expected =
            cells.iter().filter(|c| what != "column order" || c.column.len() > 1).count();
        let failing = cells.len() - held(&cells)?;
        if failing < expected || expected == 0 {
            return Err(format!("{what} changed: only {failing} of {expected} cells fail").into());
        }
    }
    Ok(())
}

fn root_files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    files_in(&agendapack::testsupport::repo_root().join(dir), ext)
}

fn files_in(d: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(d)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}
