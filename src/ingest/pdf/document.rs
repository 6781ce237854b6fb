//! The document layer: loading (encryption, damaged cross-references), pages, their boxes,
//! rotation and inherited resources, and bounded stream decoding.

use lopdf::{Dictionary, Document, Object};

use super::Limits;
use crate::error::DocError;

static NULL: Object = Object::Null;

/// Deepest chain of references followed when resolving one object.
const MAX_REF_CHAIN: usize = 16;

/// Deepest page tree accepted.
const MAX_TREE_DEPTH: usize = 64;

/// Loads a document, decrypting it when the user password is empty.
pub(crate) fn load(bytes: &[u8], limits: &Limits) -> Result<Document, DocError> {
    let opts = lopdf::LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..Default::default()
    };
    let doc = match Document::load_mem_with_options(bytes, opts) {
        Ok(d) => d,
        Err(e) => return Err(classify(e)),
    };
    if doc.is_encrypted() {
        // lopdf decrypts while loading when the empty user password opens the file; a document
        // still marked encrypted here needs a password we do not have.
        let mut doc = doc;
        if doc.decrypt("").is_err() || doc.is_encrypted() {
            return Err(DocError::Encrypted);
        }
        return Ok(doc);
    }
    Ok(doc)
}

fn classify(e: lopdf::Error) -> DocError {
    let msg = e.to_string();
    match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => DocError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            DocError::Limit(format!("a stream decompresses to more than {limit} bytes"))
        }
        _ if msg.to_ascii_lowercase().contains("password")
            || msg.to_ascii_lowercase().contains("encrypt") =>
        {
            DocError::Encrypted
        }
        _ => DocError::DamagedPdf(msg),
    }
}

/// Follows references (bounded) to the object itself; a dangling reference reads as null.
pub(crate) fn deref<'a>(doc: &'a Document, mut obj: &'a Object) -> &'a Object {
    for _ in 0..MAX_REF_CHAIN {
        match obj {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(o) => obj = o,
                Err(_) => return &NULL,
            },
            _ => return obj,
        }
    }
    &NULL
}

/// A dictionary entry, dereferenced.
pub(crate) fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    match dict.get(key) {
        Ok(o) => match deref(doc, o) {
            Object::Null => None,
            o => Some(o),
        },
        Err(_) => None,
    }
}

pub(crate) fn get_dict<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match get(doc, dict, key)? {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

pub(crate) fn get_name<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a [u8]> {
    get(doc, dict, key)?.as_name().ok()
}

pub(crate) fn num(doc: &Document, obj: &Object) -> Option<f32> {
    deref(doc, obj).as_float().ok().filter(|v| v.is_finite())
}

pub(crate) fn get_num(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<f32> {
    num(doc, dict.get(key).ok()?)
}

/// A numeric array (e.g. a box or a matrix).
pub(crate) fn get_nums(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<Vec<f32>> {
    let arr = get(doc, dict, key)?.as_array().ok()?;
    arr.iter().map(|o| num(doc, o)).collect()
}

/// Why a stream's bytes could not be had.
#[derive(Debug)]
pub(crate) enum StreamError {
    /// The stream decodes to more than the per-stream limit.
    Limit(String),
    /// The stream's filters failed.
    Damaged(String),
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Limit(m) | StreamError::Damaged(m) => f.write_str(m),
        }
    }
}

impl From<StreamError> for DocError {
    fn from(e: StreamError) -> Self {
        match e {
            StreamError::Limit(m) => DocError::Limit(m),
            StreamError::Damaged(m) => DocError::DamagedPdf(m),
        }
    }
}

/// A stream's decoded bytes, bounded by the per-stream limit.
pub(crate) fn stream_bytes(
    stream: &lopdf::Stream,
    limits: &Limits,
) -> Result<Vec<u8>, StreamError> {
    if stream.dict.get(b"Filter").is_err() {
        if stream.content.len() > limits.max_stream_bytes {
            return Err(StreamError::Limit(format!(
                "a stream is larger than {} bytes",
                limits.max_stream_bytes
            )));
        }
        return Ok(stream.content.clone());
    }
    match stream.decompressed_content_with_limit(limits.max_stream_bytes) {
        Ok(v) => Ok(v),
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit })) => {
            Err(StreamError::Limit(format!("a stream decompresses to more than {limit} bytes")))
        }
        Err(e) => Err(StreamError::Damaged(format!("a stream could not be decoded ({e})"))),
    }
}

/// One page as the interpreter needs it.
pub(crate) struct PageInfo<'a> {
    pub dict: &'a Dictionary,
    /// The visible box `[x0, y0, x1, y1]` (CropBox clipped to MediaBox).
    pub crop: [f32; 4],
    /// Clockwise rotation in degrees: 0, 90, 180 or 270.
    pub rotate: i32,
    /// The nearest `/Resources` up the page tree.
    pub resources: Option<&'a Dictionary>,
}

impl PageInfo<'_> {
    /// Width and height as displayed (after rotation).
    pub(crate) fn display_size(&self) -> (f32, f32) {
        let w = self.crop[2] - self.crop[0];
        let h = self.crop[3] - self.crop[1];
        if self.rotate % 180 == 0 { (w, h) } else { (h, w) }
    }

    /// The matrix from user space to the displayed page (top-left origin, y down).
    pub(crate) fn display_matrix(&self) -> [f32; 6] {
        let [x0, y0, x1, y1] = self.crop;
        match self.rotate {
            90 => [0.0, 1.0, 1.0, 0.0, -y0, -x0],
            180 => [-1.0, 0.0, 0.0, 1.0, x1, -y0],
            270 => [0.0, -1.0, -1.0, 0.0, y1, x1],
            _ => [1.0, 0.0, 0.0, -1.0, -x0, y1],
        }
    }
}

fn normalise_box(b: &[f32]) -> Option<[f32; 4]> {
    if b.len() != 4 {
        return None;
    }
    let r = [b[0].min(b[2]), b[1].min(b[3]), b[0].max(b[2]), b[1].max(b[3])];
    if r[2] - r[0] < 1.0 || r[3] - r[1] < 1.0 { None } else { Some(r) }
}

/// Looks a key up on the page and then on its ancestors (inheritable attributes).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..MAX_TREE_DEPTH {
        if let Some(v) = get(doc, node, key) {
            return Some(v);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    None
}

/// The document's pages in order.
pub(crate) fn pages(doc: &Document) -> Result<Vec<PageInfo<'_>>, DocError> {
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(DocError::DamagedPdf("the document has no pages".into()));
    }
    let mut out = Vec::with_capacity(ids.len());
    // A damaged page tree that contains itself lists the same page objects again and again: a
    // page object is one page, however often the tree reaches it.
    let mut seen = std::collections::HashSet::new();
    for (_, id) in ids {
        if !seen.insert(id) {
            continue;
        }
        let Ok(dict) = doc.get_dictionary(id) else { continue };
        let boxes = |key: &[u8]| {
            inherited(doc, dict, key)
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.iter().map(|o| num(doc, o)).collect::<Option<Vec<f32>>>())
                .and_then(|v| normalise_box(&v))
        };
        let media = boxes(b"MediaBox").unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop = match boxes(b"CropBox") {
            Some(c) => {
                let i = [
                    c[0].max(media[0]),
                    c[1].max(media[1]),
                    c[2].min(media[2]),
                    c[3].min(media[3]),
                ];
                if i[2] - i[0] >= 1.0 && i[3] - i[1] >= 1.0 { i } else { media }
            }
            None => media,
        };
        let rotate = inherited(doc, dict, b"Rotate")
            .and_then(|o| o.as_i64().ok())
            .map(|r| (r.rem_euclid(360) / 90 * 90) as i32)
            .unwrap_or(0);
        let resources = match inherited(doc, dict, b"Resources") {
            Some(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        out.push(PageInfo { dict, crop, rotate, resources });
    }
    Ok(out)
}

/// The page's content: its content streams decoded and joined, bounded by the per-stream limit.
pub(crate) fn page_content(
    doc: &Document,
    page: &PageInfo<'_>,
    limits: &Limits,
) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::new();
    let streams: Vec<&Object> = match get(doc, page.dict, b"Contents") {
        Some(Object::Array(a)) => a.iter().map(|o| deref(doc, o)).collect(),
        Some(o) => vec![o],
        None => Vec::new(),
    };
    for s in streams {
        if let Object::Stream(st) = s {
            let data = match stream_bytes(st, limits) {
                Ok(d) => d,
                // A damaged stream among several: keep what the others say.
                Err(StreamError::Damaged(_)) => Vec::new(),
                Err(e) => return Err(e),
            };
            if out.len() + data.len() > limits.max_stream_bytes.saturating_mul(4) {
                return Err(StreamError::Limit("page content is larger than the limit".into()));
            }
            out.extend_from_slice(&data);
            out.push(b'\n');
        }
    }
    Ok(out)
}
