//! Inputs that are slow for their size or lose content, made at test time (the shapes of
//! `../shared/adversarial/`, at several sizes): budget tables of thousands of identical or total
//! rows, pages of many strike-like rules over many glyphs, a `/Contents` array naming one stream
//! thousands of times, and seed PDFs whose pages, content streams or fonts cannot be read.
//!
//! Categories whose name starts with `lost_` damage what the reader needs: each of their inputs
//! must end as an error or carry a warning, never as a clean result (see `LOSSY`).

use std::io::Write;

use agendapack::pipeline::bench::scaling::{
    identical_rows_table, one_page_pdf, repeated_contents_pdf, strike_pdf, total_rows_table,
};
use lopdf::{Document, Object, ObjectId, Stream, dictionary};

use super::damage::{Case, Rng};

/// Categories whose every input loses content: a clean result (no warning) is a failure.
pub const LOSSY: &[&str] = &["lost_content", "lost_pages", "lost_fonts"];

fn case(
    category: &'static str,
    seed: &str,
    variant: String,
    ext: &'static str,
    bytes: Vec<u8>,
) -> Case {
    Case { name: format!("{category}/{seed}/{variant}"), category, ext, bytes }
}

fn zlib(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}

/// Markdown and TAB budget tables of identical rows, of total rows, and of lines with a subtotal
/// after every pair, at several sizes (the validation search was cubic in the rows).
pub fn budget_tables() -> Vec<Case> {
    let mut v = Vec::new();
    for n in [250usize, 500, 1000, 2000, 4000, 8000] {
        v.push(case("slow_tables", "-", format!("identical_{n}"), "md", identical_rows_table(n)));
    }
    for n in [500usize, 1000, 2000, 4000] {
        v.push(case("slow_tables", "-", format!("all_totals_{n}"), "md", total_rows_table(n)));
        let mut tab = String::from("Service\tBudget\tForecast\tVariance\n");
        for i in 0..n {
            if i % 3 == 2 {
                tab.push_str("Subtotal\t2,469.0\t2,600.0\t131.0\n");
            } else {
                tab.push_str("Adult Social Care\t1,234.5\t1,300.0\t65.5\n");
            }
        }
        v.push(case("slow_tables", "-", format!("subtotals_{n}"), "txt", tab.into_bytes()));
    }
    v
}

/// Pages of many short rules over many tiny glyphs (`slow_strike_*.pdf` and larger), and pages
/// of many words each struck through.
pub fn strike_cases() -> Vec<Case> {
    let mut v = Vec::new();
    for (rules, glyphs) in [(2000, 100_000), (8000, 400_000), (20_000, 200_000), (4000, 800_000)] {
        let name = format!("rules_{rules}_glyphs_{glyphs}");
        v.push(case("slow_strike", "-", name, "pdf", strike_pdf(rules, glyphs)));
    }
    for words in [1000usize, 10_000] {
        // Words "aaaa" of 12-point Helvetica (4 x 6.672 pt wide), each struck 3 pt above its
        // baseline.
        let mut c = String::from("0 g\n");
        for i in 0..words {
            let (x, y) = (20.0 + (i % 20) as f32 * 28.0, 40.0 + (i / 20 % 52) as f32 * 14.0);
            c.push_str(&format!("BT /F1 12 Tf 1 0 0 1 {x:.2} {y:.2} Tm (aaaa) Tj ET\n"));
            c.push_str(&format!("{x:.2} {:.2} 26.69 0.5 re f\n", y + 3.0));
        }
        let pdf = one_page_pdf(c.as_bytes(), 1);
        v.push(case("slow_strike", "-", format!("struck_words_{words}"), "pdf", pdf));
    }
    for k in [2000usize, 8000] {
        v.push(case("repeated_contents", "-", format!("x{k}"), "pdf", repeated_contents_pdf(k)));
    }
    v
}

/// The ids of the pages of a document, in order.
fn page_ids(doc: &Document) -> Vec<ObjectId> {
    doc.get_pages().into_values().collect()
}

fn save(doc: &mut Document) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    doc.save_to(&mut out).ok()?;
    Some(out)
}

/// The decoded content of a page (its streams joined).
fn page_content(doc: &Document, page: ObjectId) -> Vec<u8> {
    doc.get_page_content(page)
}

/// Gives `pages` of the seed a new content stream made by `make` from the page's own content.
fn replace_content(
    seed: &[u8],
    all_pages: bool,
    make: impl Fn(&[u8]) -> Stream,
) -> Option<Vec<u8>> {
    let mut doc = Document::load_mem(seed).ok()?;
    let pages = page_ids(&doc);
    let pages = if all_pages { pages } else { pages.into_iter().take(1).collect() };
    for p in pages {
        let content = page_content(&doc, p);
        let id = doc.add_object(Object::Stream(make(&content)));
        doc.get_dictionary_mut(p).ok()?.set("Contents", Object::Reference(id));
    }
    save(&mut doc)
}

fn flate_stream(data: Vec<u8>) -> Stream {
    Stream::new(dictionary! { "Filter" => "FlateDecode" }, data)
}

/// Seed PDFs with content the reader cannot read: content streams that claim FlateDecode but are
/// plain text, cut short or noise; a content reference to a missing object; unreadable page
/// objects; a page tree declaring far more pages than it has; fonts missing from the resources.
/// Each damage is made on the first page only (the document stays readable, with a warning) and
/// on every page (nothing readable is left: the document must fail).
pub fn lost_cases(seed_name: &str, seed: &[u8], rng: &mut Rng) -> Vec<Case> {
    let mut v = Vec::new();
    let noise: Vec<u8> = {
        let mut b = vec![0x78, 0x9c];
        b.extend((0..800).map(|_| (rng.next() & 0xff) as u8));
        b
    };
    for (scope, all) in [("first_page", false), ("every_page", true)] {
        let variants: Vec<(&str, Option<Vec<u8>>)> = vec![
            (
                "not_flate",
                replace_content(seed, all, |_| flate_stream(b"hello world, not deflate".to_vec())),
            ),
            (
                "truncated_flate",
                replace_content(seed, all, |c| {
                    let z = zlib(c);
                    flate_stream(z[..z.len() / 2].to_vec())
                }),
            ),
            ("garbage_flate", replace_content(seed, all, |_| flate_stream(noise.clone()))),
            ("missing_object", {
                Document::load_mem(seed).ok().and_then(|mut doc| {
                    let missing = (doc.max_id + 50, 0);
                    let pages = page_ids(&doc);
                    let n = if all { pages.len() } else { 1 };
                    for p in pages.into_iter().take(n) {
                        doc.get_dictionary_mut(p).ok()?.set("Contents", Object::Reference(missing));
                    }
                    save(&mut doc)
                })
            }),
        ];
        for (label, bytes) in variants {
            if let Some(b) = bytes {
                v.push(case("lost_content", seed_name, format!("{label}_{scope}"), "pdf", b));
            }
        }
        // Page objects that are not dictionaries.
        if let Some(b) = Document::load_mem(seed).ok().and_then(|mut doc| {
            let pages = page_ids(&doc);
            let n = if all { pages.len() } else { 1 };
            for p in pages.into_iter().take(n) {
                doc.objects.insert(p, Object::Integer(7));
            }
            save(&mut doc)
        }) {
            v.push(case("lost_pages", seed_name, format!("not_a_dict_{scope}"), "pdf", b));
        }
        // Fonts gone from the resources: the text drawn in them is lost.
        if let Some(b) = Document::load_mem(seed).ok().and_then(|mut doc| {
            let pages = page_ids(&doc);
            let n = if all { pages.len() } else { 1 };
            for p in pages.into_iter().take(n) {
                let (direct, ids) = doc.get_page_resources(p).ok()?;
                let mut r = match direct {
                    Some(d) => d.clone(),
                    None => ids
                        .first()
                        .and_then(|id| doc.get_dictionary(*id).ok())
                        .cloned()
                        .unwrap_or_default(),
                };
                r.remove(b"Font");
                doc.get_dictionary_mut(p).ok()?.set("Resources", r);
            }
            save(&mut doc)
        }) {
            v.push(case("lost_fonts", seed_name, format!("fonts_removed_{scope}"), "pdf", b));
        }
    }
    // A page tree that declares a billion pages and lists one unreadable page.
    if let Some(b) = Document::load_mem(seed).ok().and_then(|mut doc| {
        let pages_id = doc.catalog().ok()?.get(b"Pages").ok()?.as_reference().ok()?;
        let missing = (doc.max_id + 70, 0);
        let tree = doc.get_dictionary_mut(pages_id).ok()?;
        tree.set("Count", 999_999_999);
        tree.set("Kids", vec![Object::Reference(missing)]);
        save(&mut doc)
    }) {
        v.push(case("lost_pages", seed_name, "count_999999999_kid_missing".into(), "pdf", b));
    }
    v
}

/// The seed's first page drawing its content stream `k` times through its `/Contents` array.
pub fn repeated_contents(seed_name: &str, seed: &[u8]) -> Vec<Case> {
    let mut v = Vec::new();
    for k in [2000usize] {
        let Some(b) = Document::load_mem(seed).ok().and_then(|mut doc| {
            let p = *page_ids(&doc).first()?;
            let content = page_content(&doc, p);
            let id = doc.add_object(Object::Stream(flate_stream(zlib(&content))));
            let array = vec![Object::Reference(id); k];
            doc.get_dictionary_mut(p).ok()?.set("Contents", Object::Array(array));
            save(&mut doc)
        }) else {
            continue;
        };
        v.push(case("repeated_contents", seed_name, format!("x{k}"), "pdf", b));
    }
    v
}
