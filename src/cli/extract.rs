//! `agendapack extract`: documents into per-document JSON.

use std::path::PathBuf;

use agendapack::ingest::pdf::Limits;
use agendapack::pipeline;

pub fn run(paths: Vec<PathBuf>, output: PathBuf) -> i32 {
    let paths = if paths.is_empty() { vec![PathBuf::from("corpus")] } else { paths };
    let files = match pipeline::discover(&paths) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read input paths: {e}");
            return 2;
        }
    };
    let limits = Limits::default();
    let mut failed = 0;
    for f in &files {
        match pipeline::process_file(f, &limits) {
            Ok(doc) => {
                let path = output.join(format!("{}.json", doc.document.id));
                let json = match serde_json::to_vec_pretty(&doc) {
                    Ok(j) => j,
                    Err(e) => {
                        eprintln!("error: {}: cannot serialise: {e}", f.display());
                        failed += 1;
                        continue;
                    }
                };
                if let Err(e) = agendapack::output::write_atomic(&path, &json) {
                    eprintln!("error: {}: cannot write {}: {e}", f.display(), path.display());
                    failed += 1;
                }
            }
            Err(e) => {
                eprintln!("error: {}: {} ({})", f.display(), e, e.stage());
                failed += 1;
            }
        }
    }
    eprintln!("{} documents, {} ok, {} failed", files.len(), files.len() - failed, failed);
    if failed > 0 { 1 } else { 0 }
}
