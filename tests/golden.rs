//! Golden corpus: one test per document of the bundled corpus (`corpus/packs`) and of the shared
//! corpus (`../shared/corpus`), each extracted and compared field by field with its expected JSON
//! in `corpus/expected/`. A failing document names itself and prints JSON path, expected and
//! actual values. After an intended change of output: `cargo run -- bless`, then review
//! `git diff corpus/expected`.

use std::path::PathBuf;

use agendapack::golden::{self, Outcome, Pairing};
use agendapack::ingest::pdf::Limits;
use agendapack::testsupport;
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let root = testsupport::repo_root();
    let mut trials = Vec::new();
    let bundled = Pairing::new(root.join("corpus/packs"), root.join("corpus/expected"));
    add(&mut trials, "bundled", &bundled);
    match testsupport::shared_dir() {
        Some(shared) => {
            let p = Pairing::new(shared.join("corpus"), root.join("corpus/expected/shared"));
            add(&mut trials, "shared", &p);
        }
        None => trials.push(Trial::test("shared::absent", || Ok(())).with_ignored_flag(true)),
    }
    libtest_mimic::run(&args, trials).exit();
}

fn add(trials: &mut Vec<Trial>, prefix: &str, pairing: &Pairing) {
    let inputs = match pairing.inputs() {
        Ok(i) => i,
        Err(e) => {
            let msg = e.to_string();
            trials.push(Trial::test(format!("{prefix}::discover"), move || Err(msg.into())));
            return;
        }
    };
    for input in inputs {
        let rel = input.strip_prefix(&pairing.corpus).unwrap_or(&input).display().to_string();
        let expected = pairing.expected_path(&input);
        trials.push(Trial::test(format!("{prefix}::{rel}"), move || check(input, expected)));
    }
}

fn check(input: PathBuf, expected: PathBuf) -> Result<(), Failed> {
    let outcome = golden::verify_file(&input, &expected, &Limits::default())
        .map_err(|e| Failed::from(e.to_string()))?;
    match outcome {
        Outcome::Same => Ok(()),
        other => Err(golden::report(&input, &expected, &other, 60).into()),
    }
}
