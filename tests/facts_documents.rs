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
    libtest_mimic::run(&args, trials).exit();
}

fn root_files(dir: &str, ext: &str) -> Vec<std::path::PathBuf> {
    let d = agendapack::testsupport::repo_root().join(dir);
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
