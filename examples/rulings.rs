//! Prints the horizontal ruling lines of PDF pages and the text lines beside them, to see how a
//! producer closes a table at a page break: `cargo run --example rulings -- FILE.pdf FIRST [LAST]`.

use agendapack::ingest::pdf::{Limits, read};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let path =
        args.get(1).ok_or_else(|| anyhow::anyhow!("usage: rulings FILE.pdf FIRST [LAST]"))?;
    let first: u32 = args.get(2).and_then(|p| p.parse().ok()).unwrap_or(1);
    let last: u32 = args.get(3).and_then(|p| p.parse().ok()).unwrap_or(first);
    let layout = read(&std::fs::read(path)?, &Limits::default())?;
    for p in layout.pages.iter().filter(|p| p.number >= first && p.number <= last) {
        println!("=== page {} ({} x {})", p.number, p.width, p.height);
        let mut ys: Vec<(f32, f32, f32)> = p
            .rulings
            .iter()
            .filter(|r| r.is_horizontal())
            .map(|r| ((r.top + r.bottom) / 2.0, r.x0, r.x1))
            .collect();
        ys.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut lines = p.lines.iter().filter_map(|l| l.bbox.map(|b| (b, &l.text))).peekable();
        for (y, x0, x1) in ys {
            while let Some((b, t)) = lines.next_if(|(b, _)| b.top < y) {
                println!(
                    "      {:7.2}-{:7.2} {}",
                    b.top,
                    b.bottom,
                    t.chars().take(90).collect::<String>()
                );
            }
            println!("  --- {y:7.2} [{x0:.1}..{x1:.1}]");
        }
        let mut vs: Vec<_> = p.rulings.iter().filter(|r| !r.is_horizontal()).collect();
        vs.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.x0.total_cmp(&b.x0)));
        for r in vs {
            println!("  |   x {:.1} from {:.1} to {:.1}", (r.x0 + r.x1) / 2.0, r.top, r.bottom);
        }
        for (b, t) in lines {
            println!(
                "      {:7.2}-{:7.2} {}",
                b.top,
                b.bottom,
                t.chars().take(90).collect::<String>()
            );
        }
    }
    Ok(())
}
