//! The ten real PDFs against `pdftotext -layout`: every file ingests, every page's tokens match
//! at least 99% of pdftotext's token multiset, and no word is glued to its neighbour.

mod pdf_common;

use pdf_common::*;

#[test]
fn real_pdfs_match_pdftotext_tokens() {
    let Some(files) = real_pdfs() else { return };
    assert_eq!(files.len(), 10, "expected the ten real PDFs");
    if !have_pdftotext() {
        return;
    }
    let mut worst: Vec<(String, usize, f64)> = Vec::new();
    let mut glued_total = Vec::new();
    for f in &files {
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let layout = ingest(f);
        let theirs = pdftotext_pages(f);
        assert_eq!(layout.pages.len(), theirs.len(), "{name}: page count");
        let (mut ours_n, mut theirs_n, mut matched) = (0, 0, 0);
        let mut min_score: f64 = 1.0;
        for (i, their_text) in theirs.iter().enumerate() {
            let m = compare(&tokens(&page_text(&layout, i)), &tokens(their_text));
            ours_n += m.ours;
            theirs_n += m.theirs;
            matched += m.matched;
            min_score = min_score.min(m.score());
            if m.score() < 0.99 {
                eprintln!(
                    "  {name} p{}: {:.4} ({} ours, {} theirs) missing {:?} extra {:?}",
                    i + 1,
                    m.score(),
                    m.ours,
                    m.theirs,
                    m.missing.iter().take(12).collect::<Vec<_>>(),
                    m.extra.iter().take(12).collect::<Vec<_>>()
                );
                worst.push((name.clone(), i + 1, m.score()));
            }
            for g in &m.glued {
                glued_total.push(format!("{name} p{}: {g}", i + 1));
            }
        }
        println!(
            "{name}: {} pages, tokens ours {ours_n} pdftotext {theirs_n} matched {matched} ({:.2}%), worst page {:.2}%, unmapped glyphs {}/{}",
            layout.pages.len(),
            100.0 * matched as f64 / theirs_n.max(ours_n).max(1) as f64,
            100.0 * min_score,
            layout.unmapped_glyphs,
            layout.total_glyphs
        );
    }
    for g in &glued_total {
        println!("glued: {g}");
    }
    assert!(worst.is_empty(), "pages under 99%: {worst:?}");
    assert!(glued_total.is_empty(), "{} glued words", glued_total.len());
}

/// The LibreOffice and Chromium renderings of the four text packs against `pdftotext -layout`.
#[test]
fn rendered_pdfs_match_pdftotext_tokens() {
    let Some(root) = agendapack::testsupport::shared_corpus_file("rendered") else { return };
    if !have_pdftotext() {
        return;
    }
    let mut files: Vec<_> = ["libreoffice", "chromium"]
        .iter()
        .flat_map(|d| {
            std::fs::read_dir(root.join(d))
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
        })
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 8, "expected eight rendered PDFs");
    let mut worst: Vec<(String, usize, f64)> = Vec::new();
    let mut glued_total = 0;
    for f in &files {
        let name = format!(
            "{}/{}",
            f.parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        );
        let layout = ingest(f);
        let theirs = pdftotext_pages(f);
        assert_eq!(layout.pages.len(), theirs.len(), "{name}: page count");
        let (mut ours_n, mut theirs_n, mut matched, mut split) = (0, 0, 0, 0);
        let mut min_score: f64 = 1.0;
        for (i, their_text) in theirs.iter().enumerate() {
            let m = compare(&tokens(&page_text(&layout, i)), &tokens(their_text));
            ours_n += m.ours;
            theirs_n += m.theirs;
            matched += m.matched;
            split += m.split.len();
            min_score = min_score.min(m.score());
            if m.score() < 0.99 {
                eprintln!(
                    "  {name} p{}: {:.4} missing {:?} extra {:?}",
                    i + 1,
                    m.score(),
                    m.missing.iter().take(10).collect::<Vec<_>>(),
                    m.extra.iter().take(10).collect::<Vec<_>>()
                );
                worst.push((name.clone(), i + 1, m.score()));
            }
            for g in &m.glued {
                eprintln!("  glued: {name} p{}: {g}", i + 1);
            }
            glued_total += m.glued.len();
        }
        println!(
            "{name}: {} pages, tokens ours {ours_n} pdftotext {theirs_n} matched {matched} ({:.2}%), split at footnote digits or bullets {split}, worst page {:.2}%, unmapped glyphs {}/{}",
            layout.pages.len(),
            100.0 * matched as f64 / theirs_n.max(ours_n).max(1) as f64,
            100.0 * min_score,
            layout.unmapped_glyphs,
            layout.total_glyphs
        );
    }
    assert!(
        worst.is_empty(),
        "{} pages under 99%: {:?}",
        worst.len(),
        worst.iter().take(20).collect::<Vec<_>>()
    );
    assert_eq!(glued_total, 0, "glued words");
}
