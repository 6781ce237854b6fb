//! Prints the table grids found in a PDF or text rendering: `cargo run --example grids -- FILE [PAGE..]`.
//! `GRIDS_UNSTITCHED=1` prints each page's grids before stitching; `GRIDS_WIDTH=N` prints N
//! characters of each cell (30 by default); bold cells are starred.

use agendapack::ingest::{self, InputKind, pdf::Limits};
use agendapack::tables;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path =
        std::path::Path::new(args.first().ok_or("usage: grids FILE [FIRST_PAGE [LAST_PAGE]]")?);
    let first: u32 = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(0);
    let last: u32 = args.get(2).map(|s| s.parse()).transpose()?.unwrap_or(if first > 0 {
        first
    } else {
        u32::MAX
    });
    let bytes = std::fs::read(path)?;
    let layout = ingest::read(InputKind::from_path(path)?, &bytes, &Limits::default())?;
    let grids = if std::env::var("GRIDS_UNSTITCHED").is_ok() {
        let s = tables::TableSettings::default();
        layout.pages.iter().flat_map(|p| tables::page_grids(p, &s)).collect()
    } else {
        tables::grids(&layout)
    };
    for g in grids {
        let p = g.location.page.unwrap_or(0);
        if p < first || p > last {
            continue;
        }
        println!(
            "== {} {} {}x{} header {} {:?} bbox {:?} caption {:?} continued {:?}",
            g.id,
            g.method,
            g.rows.len(),
            g.columns,
            g.header_rows,
            g.location.page_end,
            g.location.bbox,
            g.caption,
            g.continued_from
        );
        for row in &g.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    if c.covered {
                        "<".to_string()
                    } else {
                        // Bold cells are starred.
                        let t: String = c
                            .text
                            .chars()
                            .take(
                                std::env::var("GRIDS_WIDTH")
                                    .ok()
                                    .and_then(|w| w.parse().ok())
                                    .unwrap_or(30),
                            )
                            .collect();
                        if c.bold && !t.is_empty() { format!("*{t}") } else { t }
                    }
                })
                .collect();
            println!("   | {}", cells.join(" | "));
        }
    }
    Ok(())
}
