//! Prints the lines (and optionally runs) that PDF ingest reads from one page.
//! Usage: `cargo run --example pdf_dump -- FILE.pdf [PAGE] [runs]`

use agendapack::ingest::pdf::{Limits, read};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path =
        args.get(1).ok_or_else(|| anyhow::anyhow!("usage: pdf_dump FILE.pdf [PAGE] [runs]"))?;
    let page: Option<usize> = args.get(2).and_then(|p| p.parse().ok());
    let runs = args.iter().any(|a| a == "runs");
    let layout = read(&std::fs::read(path)?, &Limits::default())?;
    for p in &layout.pages {
        if page.is_some_and(|n| n != p.number as usize) {
            continue;
        }
        println!(
            "=== page {} ({} x {}), {} rulings, stamps {:?}",
            p.number,
            p.width,
            p.height,
            p.rulings.len(),
            p.stamps.iter().map(|s| s.text.as_str()).collect::<Vec<_>>()
        );
        for l in &p.lines {
            println!("{}", l.text);
            if runs {
                for r in &l.runs {
                    println!(
                        "    [{:7.2} {:7.2} {:7.2} {:7.2}] {:5.2} {}{} {:?} {:?}",
                        r.x0,
                        r.x1,
                        r.top,
                        r.bottom,
                        r.size,
                        if r.bold { "B" } else { "-" },
                        if r.italic { "I" } else { "-" },
                        r.font.as_deref().unwrap_or(""),
                        r.text
                    );
                }
            }
        }
    }
    eprintln!(
        "unmapped {}/{}; warnings {:?}",
        layout.unmapped_glyphs, layout.total_glyphs, layout.warnings
    );
    Ok(())
}
