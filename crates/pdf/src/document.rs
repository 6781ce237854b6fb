//! The document layer: loading (encryption, damaged cross-references), pages, their boxes,
//! rotation and inherited resources, and bounded stream decoding.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::Limits;
use crate::error::PdfError;
use crate::limits::LimitKind;
use crate::warnings::Warnings;

static NULL: Object = Object::Null;

/// Deepest chain of references followed when resolving one object.
const MAX_REF_CHAIN: usize = 16;

/// Deepest page tree accepted.
const MAX_TREE_DEPTH: usize = 64;

/// Loads a document, decrypting it when the user password is empty.
///
/// The objects the page tree reaches are read lazily ([`super::lazy`]) when the file allows it
/// (`Loaded::lazy`); anything unusual loads the whole file with lopdf, as before.
pub(crate) fn load(bytes: &[u8], limits: &Limits) -> Result<Loaded, PdfError> {
    if let Some(doc) = super::lazy::load(bytes, limits.max_stream_bytes) {
        return Ok(Loaded { doc, lazy: true });
    }
    load_full(bytes, limits).map(|doc| Loaded { doc, lazy: false })
}

/// A loaded document, and whether only what its pages reach was read (every object the trailer
/// reaches was then checked, and none is missing or damaged).
pub(crate) struct Loaded {
    pub doc: Document,
    pub lazy: bool,
}

fn load_full(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
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
            return Err(PdfError::Encrypted);
        }
        return Ok(doc);
    }
    Ok(doc)
}

fn classify(e: lopdf::Error) -> PdfError {
    let msg = e.to_string();
    match e {
        lopdf::Error::InvalidPassword | lopdf::Error::Decryption(_) => PdfError::Encrypted,
        lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            PdfError::limit(
                LimitKind::StreamBytes,
                format!("a stream decompresses to more than {limit} bytes"),
            )
        }
        _ if msg.to_ascii_lowercase().contains("password")
            || msg.to_ascii_lowercase().contains("encrypt") =>
        {
            PdfError::Encrypted
        }
        _ => PdfError::Damaged(msg),
    }
}

/// Warns about the objects the document refers to (from its trailer on, through every object it
/// reaches) that could not be read, and about cross-reference data that had to be rebuilt by
/// scanning the file. Objects listed in the cross-reference data but referred to by nothing
/// (some producers leave such holes) are no loss and not reported.
pub(crate) fn check_objects(doc: &Document, warnings: &mut Warnings) {
    let mut seen: std::collections::HashSet<ObjectId> = std::collections::HashSet::new();
    let mut missing: std::collections::BTreeSet<ObjectId> = std::collections::BTreeSet::new();
    let mut stack: Vec<&Object> = doc.trailer.iter().map(|(_, v)| v).collect();
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) if seen.insert(*id) => match doc.objects.get(id) {
                Some(t) => stack.push(t),
                None => {
                    missing.insert(*id);
                }
            },
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    if !missing.is_empty() {
        let shown: Vec<String> =
            missing.iter().take(8).map(|id| format!("{} {}", id.0, id.1)).collect();
        warnings.add(
            "",
            format!(
                "{} the document refers to could not be read ({}{}); what {} lost",
                if missing.len() == 1 {
                    "1 object".to_string()
                } else {
                    format!("{} objects", missing.len())
                },
                shown.join(", "),
                if missing.len() > shown.len() { ", ..." } else { "" },
                if missing.len() == 1 { "it holds is" } else { "they hold is" }
            ),
        );
    }
    if matches!(doc.xref_recovery, Some(lopdf::xref::XrefRecovery::Reconstructed)) {
        warnings.add(
            "",
            "the cross-reference data could not be used and was rebuilt by scanning the file; \
             objects may be missing or come from an older revision",
        );
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

/// Why a stream's bytes could not be had (in full).
#[derive(Debug)]
pub(crate) enum StreamError {
    /// The stream decodes to more than the per-stream limit.
    Limit(LimitKind, String),
    /// The stream's filters failed: `partial` holds what was decoded before the failure (often
    /// nothing), `why` the decoder's reason.
    Damaged { partial: Vec<u8>, why: String },
    /// The stream decodes to its end, but a check says the data is damaged (a zlib checksum
    /// that does not match): `data` is what it decodes to.
    Suspect { data: Vec<u8>, why: String },
}

impl std::fmt::Display for StreamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StreamError::Limit(_, m) => f.write_str(m),
            StreamError::Damaged { partial, why } if partial.is_empty() => {
                write!(f, "could not be decoded ({why})")
            }
            StreamError::Damaged { partial, why } => {
                write!(f, "was decoded only in part ({why} after {} bytes)", partial.len())
            }
            StreamError::Suspect { why, .. } => write!(f, "decodes, but {why}"),
        }
    }
}

impl From<StreamError> for PdfError {
    fn from(e: StreamError) -> Self {
        match e {
            StreamError::Limit(limit, m) => PdfError::limit(limit, m),
            e => PdfError::Damaged(format!("a stream {e}")),
        }
    }
}

impl StreamError {
    /// What could be decoded of a damaged or suspect stream (nothing for a limit).
    pub(crate) fn into_data(self) -> Vec<u8> {
        match self {
            StreamError::Damaged { partial: d, .. } | StreamError::Suspect { data: d, .. } => d,
            StreamError::Limit(..) => Vec::new(),
        }
    }

    /// The limit a [`StreamError::Limit`] names ([`LimitKind::StreamBytes`] otherwise).
    pub(crate) fn limit_kind(&self) -> LimitKind {
        match self {
            StreamError::Limit(k, _) => *k,
            _ => LimitKind::StreamBytes,
        }
    }
}

fn over_limit(limits: &Limits) -> StreamError {
    StreamError::Limit(
        LimitKind::StreamBytes,
        format!("a stream decompresses to more than {} bytes", limits.max_stream_bytes),
    )
}

/// A stream's decoded bytes, bounded by the per-stream limit.
///
/// A stream filtered by `FlateDecode` alone (nearly every stream) is inflated here, so that a
/// damaged one is told apart from an empty one: lopdf keeps whatever inflated before an error
/// and says nothing. As lopdf does, data that fails as zlib is tried again as raw deflate (some
/// producers write a wrong header or checksum); only when that fails too is the stream damaged.
/// Other filters and predictors are lopdf's.
pub(crate) fn stream_bytes(
    stream: &lopdf::Stream,
    limits: &Limits,
) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::new();
    stream_bytes_into(stream, limits, &mut out).map(|()| out)
}

/// [`stream_bytes`] appended to `out` (a buffer reused from page to page keeps its capacity);
/// on an error `out` is left as it was and the error carries what could be read.
pub(crate) fn stream_bytes_into(
    stream: &lopdf::Stream,
    limits: &Limits,
    out: &mut Vec<u8>,
) -> Result<(), StreamError> {
    if stream.dict.get(b"Filter").is_err() {
        if stream.content.len() > limits.max_stream_bytes {
            return Err(StreamError::Limit(
                LimitKind::StreamBytes,
                format!("a stream is larger than {} bytes", limits.max_stream_bytes),
            ));
        }
        out.extend_from_slice(&stream.content);
        return Ok(());
    }
    let plain_flate = matches!(stream.filters().as_deref(), Ok([f]) if *f == b"FlateDecode")
        && stream.dict.get(b"DecodeParms").is_err();
    if plain_flate {
        return inflate_into(&stream.content, limits, out);
    }
    match stream.decompressed_content_with_limit(limits.max_stream_bytes) {
        Ok(v) => {
            out.extend_from_slice(&v);
            Ok(())
        }
        Err(lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded { .. })) => {
            Err(over_limit(limits))
        }
        Err(e) => Err(StreamError::Damaged { partial: Vec::new(), why: e.to_string() }),
    }
}

/// Inflates zlib data up to the stream limit. Data whose zlib header is wrong (nothing inflates)
/// is tried again as raw deflate after the two header bytes, as lopdf does; data that inflates
/// to its end but fails the zlib checksum is kept and marked suspect.
#[cfg(test)]
fn inflate(data: &[u8], limits: &Limits) -> Result<Vec<u8>, StreamError> {
    let mut out = Vec::new();
    inflate_into(data, limits, &mut out).map(|()| out)
}

/// [`inflate`] appended to `out`, which is left as it was on an error.
fn inflate_into(data: &[u8], limits: &Limits, out: &mut Vec<u8>) -> Result<(), StreamError> {
    let cap = limits.max_stream_bytes;
    if inflate_sound(data, cap, out) {
        return Ok(());
    }
    let base = out.len();
    let over = |d: &[u8]| d.len() > cap;
    let Some(why) = inflate_to_end(data, true, cap, out) else {
        if over(&out[base..]) {
            out.truncate(base);
            return Err(over_limit(limits));
        }
        return Ok(());
    };
    let first = out.split_off(base);
    let tail = data.get(2..).unwrap_or_default();
    let mut raw = Vec::new();
    let raw_err = inflate_to_end(tail, false, cap, &mut raw);
    let result = match raw_err {
        None if first.is_empty() && !tail.is_empty() => {
            if over(&raw) {
                return Err(over_limit(limits));
            }
            out.extend_from_slice(&raw);
            return Ok(());
        }
        None if raw.len() >= first.len() => StreamError::Suspect {
            data: raw,
            why: format!("its zlib checksum does not match its data ({why})"),
        },
        _ => {
            StreamError::Damaged { partial: if raw.len() > first.len() { raw } else { first }, why }
        }
    };
    match result {
        StreamError::Damaged { partial: d, .. } | StreamError::Suspect { data: d, .. }
            if over(&d) =>
        {
            Err(over_limit(limits))
        }
        r => Err(r),
    }
}

/// Inflates a sound zlib stream of at most `cap` bytes whole into `out` with zlib-rs: true when it
/// did. Anything else (a damaged stream, a wrong checksum, more than `cap` bytes) leaves `out` as
/// it was and returns false, for the reading that tells those cases apart.
fn inflate_sound(data: &[u8], cap: usize, out: &mut Vec<u8>) -> bool {
    let base = out.len();
    let limit = cap.saturating_add(1);
    let mut room = (out.capacity() - base).max(data.len().saturating_mul(4)).clamp(64, limit);
    loop {
        out.resize(base + room, 0);
        let (inflated, code) =
            zlib_rs::decompress_slice(&mut out[base..], data, zlib_rs::InflateConfig::default());
        let n = inflated.len();
        match code {
            zlib_rs::ReturnCode::Ok if n <= cap => {
                out.truncate(base + n);
                return true;
            }
            // Out of room: try again with twice as much, up to one byte past the limit.
            zlib_rs::ReturnCode::BufError if room < limit => {
                room = room.saturating_mul(2).min(limit);
            }
            _ => {
                out.truncate(base);
                return false;
            }
        }
    }
}

/// Inflates until the deflate stream's end (or a little past `cap` bytes of output), appending
/// to `out`: why the end was not reached, if it was not.
fn inflate_to_end(data: &[u8], zlib: bool, cap: usize, out: &mut Vec<u8>) -> Option<String> {
    use flate2::{Decompress, FlushDecompress, Status};
    let mut d = Decompress::new(zlib);
    let base = out.len();
    out.reserve(data.len().saturating_mul(4).clamp(64, cap.max(64)));
    loop {
        let len = out.len() - base;
        if len > cap {
            return None;
        }
        if out.capacity() - out.len() < 32 << 10 {
            out.reserve((len / 2).clamp(32 << 10, 8 << 20));
        }
        let (read, written) = (d.total_in(), d.total_out());
        let input = data.get(read as usize..).unwrap_or_default();
        match d.decompress_vec(input, out, FlushDecompress::None) {
            Ok(Status::StreamEnd) => return None,
            Ok(_) if d.total_in() == read && d.total_out() == written => {
                let why = if input.is_empty() {
                    "incomplete deflate stream"
                } else {
                    "deflate stream stalls"
                };
                return Some(why.into());
            }
            Ok(_) => {}
            Err(e) => {
                let why = e
                    .message()
                    .map_or_else(|| "corrupt deflate stream".to_string(), str::to_string);
                return Some(why);
            }
        }
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

/// A page of the page tree: readable, or why not.
pub(crate) type PageSlot<'a> = Result<PageInfo<'a>, BadPage>;

/// A page of the page tree that could not be read.
pub(crate) struct BadPage {
    /// The page's object.
    pub id: ObjectId,
    pub why: String,
}

/// The document's pages in page-tree order: each readable, or why not. Also the page count the
/// tree's root declares.
pub(crate) fn pages(doc: &Document) -> Result<(Vec<PageSlot<'_>>, Option<i64>), PdfError> {
    let declared = doc
        .catalog()
        .ok()
        .and_then(|c| get_dict(doc, c, b"Pages"))
        .and_then(|p| get(doc, p, b"Count"))
        .and_then(|c| c.as_i64().ok());
    let ids = doc.get_pages();
    if ids.is_empty() {
        return Err(PdfError::Damaged("the document has no pages".into()));
    }
    let mut out = Vec::with_capacity(ids.len());
    // A damaged page tree that contains itself lists the same page objects again and again: a
    // page object is one page, however often the tree reaches it.
    let mut seen = std::collections::HashSet::new();
    for (_, id) in ids {
        if !seen.insert(id) {
            continue;
        }
        let dict = match doc.get_object(id) {
            Ok(Object::Dictionary(d)) => d,
            Ok(o) => {
                let why =
                    format!("it is a {} where a page dictionary was expected", o.enum_variant());
                out.push(Err(BadPage { id, why }));
                continue;
            }
            Err(e) => {
                out.push(Err(BadPage { id, why: format!("the object cannot be read: {e}") }));
                continue;
            }
        };
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
        out.push(Ok(PageInfo { dict, crop, rotate, resources }));
    }
    Ok((out, declared))
}

/// A page's content: its content streams decoded and joined, with what could not be read.
#[derive(Default)]
pub(crate) struct PageContent {
    pub bytes: Vec<u8>,
    /// Content streams the page names (each repetition counted).
    pub streams: usize,
    /// Streams read in full (each once).
    pub read: usize,
    /// Each stream that could not be read (in full, or was suspect): its object (when it has
    /// one), and what happened to it and what follows.
    pub lost: Vec<(Option<ObjectId>, String)>,
    /// Streams the page names more than once, with how many times: each is drawn once.
    pub repeated: Vec<(ObjectId, usize)>,
}

/// The page's content, bounded by the per-stream limit (and four times it for the page).
///
/// A stream the page's `/Contents` names more than once is decoded and drawn once: drawing the
/// same content again over itself adds nothing to read (the reader drops glyphs drawn twice in
/// the same place anyway), and a made-up page naming one stream thousands of times would
/// otherwise cost thousands of pages' work. Each such stream is reported ([`PageContent`]).
///
/// `reuse` is a buffer from an earlier page: the bytes are written into it, so a document's
/// pages share one allocation.
pub(crate) fn page_content(
    doc: &Document,
    page: &PageInfo<'_>,
    limits: &Limits,
    mut reuse: Vec<u8>,
) -> Result<PageContent, StreamError> {
    reuse.clear();
    let mut out = PageContent { bytes: reuse, ..PageContent::default() };
    let items: Vec<&Object> = match page.dict.get(b"Contents").map(|o| (o, deref(doc, o))) {
        Ok((_, Object::Array(a))) => a.iter().collect(),
        Ok((o, _)) => vec![o],
        Err(_) => Vec::new(),
    };
    let mut times: std::collections::HashMap<ObjectId, usize> = std::collections::HashMap::new();
    let mut order: Vec<ObjectId> = Vec::new();
    for item in items {
        out.streams += 1;
        crate::limits::budget::tick();
        let id = item.as_reference().ok();
        if let Some(id) = id {
            let n = times.entry(id).or_insert(0);
            *n += 1;
            if *n > 1 {
                continue;
            }
            order.push(id);
        }
        let st = match deref(doc, item) {
            Object::Stream(st) => st,
            Object::Null => {
                let why = "is missing or cannot be read; what it draws is lost";
                out.lost.push((id, why.into()));
                continue;
            }
            o => {
                let why =
                    format!("is a {} where a stream was expected; it is skipped", o.enum_variant());
                out.lost.push((id, why));
                continue;
            }
        };
        match stream_bytes_into(st, limits, &mut out.bytes) {
            Ok(()) => out.read += 1,
            Err(e @ StreamError::Limit(..)) => return Err(e),
            Err(e) => {
                let whole = matches!(e, StreamError::Suspect { .. });
                if whole {
                    out.read += 1;
                }
                let consequence =
                    if whole { "what it draws may be wrong" } else { "what it draws is lost" };
                out.lost.push((id, format!("{e}; {consequence}")));
                // A damaged stream among several: keep what it and the others say.
                out.bytes.extend_from_slice(&e.into_data());
            }
        }
        if out.bytes.len() > limits.max_stream_bytes.saturating_mul(4) {
            return Err(StreamError::Limit(
                LimitKind::PageContentBytes,
                format!(
                    "a page's content streams come to more than {} bytes",
                    limits.max_stream_bytes.saturating_mul(4)
                ),
            ));
        }
        out.bytes.push(b'\n');
    }
    out.repeated = order
        .into_iter()
        .filter_map(|id| Some((id, *times.get(&id)?)))
        .filter(|(_, n)| *n > 1)
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).expect("write");
        e.finish().expect("finish")
    }

    #[test]
    fn a_damaged_flate_stream_is_told_from_an_empty_one() {
        let limits = Limits::default();
        let text: Vec<u8> =
            (0..4000).flat_map(|i| format!("BT ({i}) Tj ET\n").into_bytes()).collect();
        let z = zlib(&text);
        assert_eq!(inflate(&z, &limits).expect("whole"), text);
        // Cut short: what came before the cut is kept, and the stream is damaged.
        match inflate(&z[..z.len() / 2], &limits) {
            Err(StreamError::Damaged { partial, why }) => {
                assert!(!partial.is_empty() && text.starts_with(&partial), "{}", partial.len());
                assert_eq!(why, "incomplete deflate stream");
            }
            other => panic!("expected damage, got {other:?}"),
        }
        // Noise in the middle.
        let mut noisy = z.clone();
        for (i, b) in noisy.iter_mut().enumerate().skip(z.len() / 3).take(40) {
            *b = (i * 37 % 251) as u8;
        }
        assert!(matches!(
            inflate(&noisy, &limits),
            Err(StreamError::Damaged { .. } | StreamError::Suspect { .. })
        ));
        // Not deflate at all.
        match inflate(b"hello world, not deflate", &limits) {
            Err(StreamError::Damaged { partial, .. }) => assert!(partial.is_empty()),
            other => panic!("expected damage, got {other:?}"),
        }
        // A wrong checksum: the data is kept, marked suspect.
        let mut bad_sum = z.clone();
        let n = bad_sum.len();
        bad_sum[n - 1] ^= 0xff;
        match inflate(&bad_sum, &limits) {
            Err(StreamError::Suspect { data, why }) => {
                assert_eq!(data, text);
                assert!(why.starts_with("its zlib checksum does not match"), "{why}");
            }
            other => panic!("expected a suspect stream, got {other:?}"),
        }
        // A wrong zlib header (nothing inflates as zlib): read as raw deflate, whole.
        let mut bad_header = z.clone();
        bad_header[0] = 0x00;
        assert_eq!(inflate(&bad_header, &limits).expect("raw deflate"), text);
        // A bomb stops at the limit.
        let small = Limits { max_stream_bytes: 1000, ..Limits::default() };
        assert!(matches!(inflate(&z, &small), Err(StreamError::Limit(LimitKind::StreamBytes, _))));
    }

    #[test]
    fn sound_streams_are_inflated_whole_and_the_others_left_to_the_careful_reader() {
        // Highly compressible: the first guess of room is far too small and is doubled.
        let text: Vec<u8> =
            (0..200_000u32).map(|i| b"q 1 0 0 1 0 0 cm Q\n"[i as usize % 19]).collect();
        let z = zlib(&text);
        let mut out = b"kept".to_vec();
        assert!(inflate_sound(&z, 1 << 20, &mut out));
        assert_eq!(&out[..4], b"kept");
        assert_eq!(&out[4..], &text[..]);
        // Over the limit, cut short, a wrong checksum, not deflate: `out` is left as it was.
        let mut bad_sum = z.clone();
        let n = bad_sum.len();
        bad_sum[n - 1] ^= 0xff;
        for (data, cap) in [(&z[..], 1000), (&z[..z.len() / 2], 1 << 20), (&bad_sum[..], 1 << 20)] {
            let mut out = b"kept".to_vec();
            assert!(!inflate_sound(data, cap, &mut out));
            assert_eq!(out, b"kept");
        }
        assert!(!inflate_sound(b"hello world, not deflate", 1 << 20, &mut Vec::new()));
        // Exactly at the limit is still whole.
        assert!(inflate_sound(&z, text.len(), &mut Vec::new()));
    }
}
