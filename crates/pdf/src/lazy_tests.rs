//! Tests of the lazy loader: hand-made cross-references (hostile ones too), and every PDF of
//! the shared corpus read lazily into the objects lopdf reads.

use super::*;
use lopdf::dictionary;

fn parse(s: &[u8]) -> Option<Object> {
    Cursor::at(s, 0).object(MAX_DEPTH, &mut None)
}

#[test]
fn objects_read_as_lopdf_reads_them() {
    assert_eq!(parse(b"12 0 R"), Some(Object::Reference((12, 0))));
    assert_eq!(parse(b"12 0 obj"), Some(Object::Integer(12)));
    assert_eq!(parse(b"-3"), Some(Object::Integer(-3)));
    assert_eq!(parse(b"4."), Some(Object::Real(4.0)));
    assert_eq!(parse(b"-.5"), Some(Object::Real(-0.5)));
    assert_eq!(parse(b"0.00-41"), Some(Object::Real(0.0041)));
    assert_eq!(parse(b"/A#20B"), Some(Object::Name(b"A B".to_vec())));
    assert_eq!(
        parse(b"(a\\(b\\)\r\nc\\101\\\nd)"),
        Some(Object::String(b"a(b)\ncAd".to_vec(), StringFormat::Literal))
    );
    assert_eq!(
        parse(b"<48 65 6c6C 6>"),
        Some(Object::String(b"Hell`".to_vec(), StringFormat::Hexadecimal))
    );
    let d = parse(b"<< /Type /Page /Kids [1 0 R 2 0 R] /N null /B true /A 1 /A 2 >>").unwrap();
    let d = d.as_dict().unwrap();
    assert_eq!(d.get(b"Kids").unwrap().as_array().unwrap().len(), 2);
    assert_eq!(d.get(b"A").unwrap().as_i64().unwrap(), 2);
    assert_eq!(parse(b"(unterminated"), None);
    assert_eq!(parse(b"<< /A 1"), None);
    assert_eq!(parse(b"<4G>"), None);
}

#[test]
fn a_small_file_loads_lazily_like_lopdf() {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let content = doc
        .add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET".to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let unrelated = doc.add_object(dictionary! { "Note" => Object::string_literal("x") });
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "Extra" => unrelated,
    });
    doc.trailer.set("Root", catalog);
    for compress in [false, true] {
        let mut d = doc.clone();
        let mut bytes = Vec::new();
        if compress {
            d.save_modern(&mut bytes).expect("save");
        } else {
            d.save_to(&mut bytes).expect("save");
        }
        let full = Document::load_mem(&bytes).expect("lopdf");
        let lazy = load(&bytes, 1 << 20).expect("lazy");
        assert!(!lazy.objects.contains_key(&unrelated), "not reached by the pages");
        for id in [catalog, pages_id, page, font, content] {
            assert_eq!(lazy.objects.get(&id), full.objects.get(&id), "{id:?} {compress}");
        }
        assert_eq!(lazy.get_pages(), full.get_pages());
        // A reference to an object that is not there, outside the page tree: full load.
        let mut d = doc.clone();
        d.get_dictionary_mut(unrelated).unwrap().set("Gone", Object::Reference((999, 0)));
        let mut bytes = Vec::new();
        d.save_to(&mut bytes).expect("save");
        assert!(load(&bytes, 1 << 20).is_none());
    }
}

/// A file of `objects` (numbered from 1; 1 is the catalog) with a cross-reference stream
/// (uncompressed, so it can be written by hand); `packed` lists `(object, container)` pairs
/// for objects said to be inside an object stream.
fn hand_made(objects: &[&str], packed: &[(u32, u32)]) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let n = objects.len() + 2;
    let mut rows = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
    for i in 1..n {
        let row = match packed.iter().find(|(o, _)| *o as usize == i) {
            Some((_, c)) => [vec![2], c.to_be_bytes().to_vec(), vec![0, 0]].concat(),
            None => {
                let at = offsets.get(i - 1).copied().unwrap_or(out.len()) as u32;
                [vec![1], at.to_be_bytes().to_vec(), vec![0, 0]].concat()
            }
        };
        rows.extend(row);
    }
    let at = out.len();
    out.extend_from_slice(
        format!(
            "{} 0 obj\n<< /Type /XRef /Size {n} /W [1 4 2] /Root 1 0 R /Length {} >>\nstream\n",
            n - 1,
            rows.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&rows);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{at}\n%%EOF\n").as_bytes());
    out
}

#[test]
fn hostile_cross_references_end_in_the_full_load() {
    let catalog = "<< /Type /Catalog /Pages 2 0 R >>";
    let pages = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
    let page = "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>";
    // Well formed: read lazily.
    let fine = hand_made(&[catalog, pages, page, "<< /Length 0 >>\nstream\n\nendstream"], &[]);
    let doc = load(&fine, 1 << 20).expect("lazy");
    assert_eq!(doc.get_pages().len(), 1);
    // Two streams whose lengths are each other.
    let cycle = hand_made(
        &[
            catalog,
            pages,
            page,
            "<< /Length 5 0 R >>\nstream\nBT ET\nendstream",
            "<< /Length 4 0 R >>\nstream\nBT ET\nendstream",
        ],
        &[],
    );
    assert!(load(&cycle, 1 << 20).is_none());
    // The page said to be inside an object stream that is said to be inside itself.
    let nested = hand_made(&[catalog, pages, page, "<< /Type /ObjStm >>"], &[(3, 4), (4, 4)]);
    assert!(load(&nested, 1 << 20).is_none());
    // Whatever the bytes, no panic.
    for cut in (0..fine.len()).step_by(7) {
        let _ = load(&fine[..cut], 1 << 20);
        let mut noisy = fine.clone();
        noisy[cut] ^= 0x5a;
        let _ = load(&noisy, 1 << 20);
    }
}

/// Every PDF of the shared corpus loads lazily, and each object it reads is the object lopdf
/// reads. (Files that fall back are counted; the corpus has none.)
#[test]
fn the_shared_corpus_loads_lazily_into_lopdfs_objects() {
    // `../shared` beside the repository (this crate is `crates/pdf` in it).
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !corpus.is_dir() {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "CI=true but {corpus:?} is absent");
        eprintln!("note: {} is absent; skipping the corpus test", corpus.display());
        return;
    }
    let mut files = Vec::new();
    let mut dirs = vec![corpus];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read_dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf") {
                files.push(path);
            }
        }
    }
    files.sort();
    assert!(files.len() > 50, "{} PDFs", files.len());
    let mut fell_back = Vec::new();
    for path in &files {
        let bytes = std::fs::read(path).expect("read");
        let Some(lazy) = load(&bytes, 64 << 20) else {
            fell_back.push(path.display().to_string());
            continue;
        };
        let full = Document::load_mem(&bytes).expect("lopdf");
        assert_eq!(lazy.get_pages(), full.get_pages(), "{}", path.display());
        for (id, obj) in &lazy.objects {
            assert_eq!(Some(obj), full.objects.get(id), "{} {id:?}", path.display());
        }
    }
    assert!(fell_back.is_empty(), "full load for {fell_back:?}");
}
