//! Image placements: Image XObjects drawn with `Do`, and inline images (`BI … ID … EI`), each
//! with its box on the page and a content hash that lets copies of one picture be recognised
//! (direction-of-travel arrows, RAG dots and logos are drawn as small images).
//!
//! The hash is taken over the decoded samples where the filters can be undone, so that a picture
//! stored once with Flate and once uncompressed hashes the same; a filter the reader does not
//! undo (DCT, JPX, CCITT, JBIG2) leaves the hash of the encoded bytes. Either way the hash starts
//! with the image's width, height and bits per component, so that two images with the same bytes
//! but another shape differ.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use sha2::{Digest, Sha256};

use super::Limits;
use super::colour;
use super::document::{get, get_num};
use super::lexer::Operand;
use super::matrix::{self, Matrix};
use crate::{BBox, Image, ImageHashOf};

/// Most image placements kept per page.
pub const MAX_IMAGES_PER_PAGE: usize = 10_000;
/// Images whose samples would take more than this many bytes (a 150 x 150 RGB picture) are
/// hashed encoded: arrows, dots and icons are smaller, while charts, logos, photographs and
/// scans are told apart well enough by their encoded bytes, and decoding them costs ingest time
/// (a quarterly performance report holds 86 charts of 226 KB of samples each: decoding and
/// hashing them added a third to the instructions its ingest takes).
pub const MAX_DECODED_BYTES: usize = 64 << 10;

/// An image's shape and hash, the same wherever it is placed.
#[derive(Debug, Clone)]
pub(crate) struct Hashed {
    width: u32,
    height: u32,
    hash: String,
    of: ImageHashOf,
}

impl Hashed {
    /// One placement of this image, drawn through `ctm`, named `name`.
    pub(crate) fn placed(&self, name: &[u8], ctm: &Matrix) -> Image {
        Image {
            name: String::from_utf8_lossy(name).into_owned(),
            bbox: unit_square(ctm),
            width: self.width,
            height: self.height,
            hash: self.hash.clone(),
            hash_of: self.of,
            outline: Vec::new(),
        }
    }
}

/// Per-document cache: an XObject drawn on many pages is hashed once.
#[derive(Default)]
pub(crate) struct Cache(HashMap<ObjectId, Hashed>);

impl Cache {
    pub(crate) fn xobject(
        &mut self,
        doc: &Document,
        id: ObjectId,
        stream: &Stream,
        limits: &Limits,
    ) -> &Hashed {
        self.0.entry(id).or_insert_with(|| {
            let dim = |k: &[u8]| get_num(doc, &stream.dict, k).map_or(0, |v| v.max(0.0) as u32);
            let mask = get(doc, &stream.dict, b"ImageMask").and_then(|o| o.as_bool().ok());
            let bpc = if mask == Some(true) { 1 } else { dim(b"BitsPerComponent") };
            let comps = match get(doc, &stream.dict, b"ColorSpace") {
                Some(cs) if mask != Some(true) => colour::components(doc, cs),
                _ => 1,
            };
            let shape = Shape { width: dim(b"Width"), height: dim(b"Height"), bpc, comps };
            hash(stream, shape, limits, true)
        })
    }
}

/// The image space's unit square through `ctm`, as a box in page space.
pub(crate) fn unit_square(ctm: &Matrix) -> BBox {
    let pts =
        [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| matrix::apply(ctm, x, y));
    let (mut x0, mut y0) = (f32::INFINITY, f32::INFINITY);
    let (mut x1, mut y1) = (f32::NEG_INFINITY, f32::NEG_INFINITY);
    for (x, y) in pts {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    BBox::new(x0, y0, x1, y1)
}

/// An image's size in samples, bits per component and components per sample.
#[derive(Debug, Clone, Copy)]
struct Shape {
    width: u32,
    height: u32,
    bpc: u32,
    comps: usize,
}

fn hash(stream: &Stream, shape: Shape, limits: &Limits, decode: bool) -> Hashed {
    let Shape { width, height, bpc, comps } = shape;
    // Samples are packed by row, each row padded to a whole byte.
    let row = (width as usize).saturating_mul(bpc as usize).saturating_mul(comps).div_ceil(8);
    let size = row.saturating_mul(height as usize);
    let cap = limits.max_stream_bytes.min(MAX_DECODED_BYTES);
    let samples =
        if decode && size <= cap { stream.decompressed_content_with_limit(cap).ok() } else { None };
    let mut h = Sha256::new();
    h.update(format!("{width}x{height}x{bpc}\n").as_bytes());
    let of = match &samples {
        Some(s) => {
            h.update(s);
            ImageHashOf::Samples
        }
        None => {
            h.update(&stream.content);
            ImageHashOf::Encoded
        }
    };
    let hash = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Hashed { width, height, hash, of }
}

/// An inline image: its dictionary (the operands between `BI` and `ID`, abbreviated keys) and
/// its data.
pub(crate) fn inline(ops: &[Operand], data: &[u8], limits: &Limits) -> Hashed {
    let mut dict = Dictionary::new();
    let (mut width, mut height, mut bpc, mut mask, mut comps) = (0, 0, 0, false, 3);
    let mut params = false;
    for pair in ops.chunks(2) {
        let [Operand::Name(k), v] = pair else { continue };
        let n = v.num().map_or(0, |n| n.max(0.0) as u32);
        match &k[..] {
            b"W" | b"Width" => width = n,
            b"H" | b"Height" => height = n,
            b"BPC" | b"BitsPerComponent" => bpc = n,
            b"IM" | b"ImageMask" => mask = matches!(v, Operand::Bool(true)),
            b"CS" | b"ColorSpace" => comps = inline_components(v),
            b"DP" | b"DecodeParms" => params = true,
            b"F" | b"Filter" => {
                let names: Vec<&[u8]> = match v {
                    Operand::Name(n) => vec![&n[..]],
                    Operand::Array(a) => a
                        .iter()
                        .filter_map(|o| match o {
                            Operand::Name(n) => Some(&n[..]),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let full: Vec<Object> =
                    names.into_iter().map(|n| Object::Name(filter_name(n).to_vec())).collect();
                dict.set("Filter", Object::Array(full));
            }
            _ => {}
        }
    }
    if mask {
        (bpc, comps) = (1, 1);
    }
    // Decode parameters of an inline image are a dictionary the content lexer drops: its samples
    // cannot be had reliably, so the encoded bytes stand for it.
    let stream = Stream::new(dict, data.to_vec());
    hash(&stream, Shape { width, height, bpc, comps }, limits, !params)
}

/// Components per sample of an inline image's colour space (3 when it names a resource).
fn inline_components(v: &Operand) -> usize {
    let name = match v {
        Operand::Name(n) => &n[..],
        Operand::Array(a) => match a.first() {
            Some(Operand::Name(n)) => &n[..],
            _ => b"",
        },
        _ => b"",
    };
    match name {
        b"G" | b"DeviceGray" | b"CalGray" | b"I" | b"Indexed" => 1,
        b"CMYK" | b"DeviceCMYK" => 4,
        _ => 3,
    }
}

/// The full name of an inline image's abbreviated filter name.
fn filter_name(n: &[u8]) -> &[u8] {
    match n {
        b"AHx" => b"ASCIIHexDecode",
        b"A85" => b"ASCII85Decode",
        b"LZW" => b"LZWDecode",
        b"Fl" => b"FlateDecode",
        b"RL" => b"RunLengthDecode",
        b"CCF" => b"CCITTFaxDecode",
        b"DCT" => b"DCTDecode",
        n => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_square_through_a_flipped_ctm() {
        // 20 x 10 image at (100, 700) in PDF space, on a 792 pt high page seen top-down.
        let ctm =
            matrix::mul(&[20.0, 0.0, 0.0, 10.0, 100.0, 700.0], &[1.0, 0.0, 0.0, -1.0, 0.0, 792.0]);
        assert_eq!(unit_square(&ctm), BBox::new(100.0, 82.0, 120.0, 92.0));
    }

    #[test]
    fn inline_images_hash_their_samples_like_xobjects() {
        let limits = Limits::default();
        let ops = |f: Option<&'static str>| {
            let mut v = vec![
                Operand::Name(b"W"[..].into()),
                Operand::Num(2.0),
                Operand::Name(b"H"[..].into()),
                Operand::Num(2.0),
                Operand::Name(b"BPC"[..].into()),
                Operand::Num(8.0),
            ];
            if let Some(f) = f {
                v.push(Operand::Name(b"F"[..].into()));
                v.push(Operand::Name(f.as_bytes().into()));
            }
            v
        };
        let plain = inline(&ops(None), &[1, 2, 3, 4], &limits);
        let hex = inline(&ops(Some("AHx")), b"01020304>", &limits);
        assert_eq!(plain.of, ImageHashOf::Samples);
        assert_eq!(hex.of, ImageHashOf::Samples);
        assert_eq!(plain.hash, hex.hash, "the same samples, however encoded");
        let jpeg = inline(&ops(Some("DCT")), &[0xff, 0xd8, 0xff], &limits);
        assert_eq!(jpeg.of, ImageHashOf::Encoded);
        assert_ne!(jpeg.hash, plain.hash);
        let mut expected = Sha256::new();
        expected.update(b"2x2x8\n\x01\x02\x03\x04");
        let expected: String = expected.finalize().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(plain.hash, expected);
        assert_eq!((plain.width, plain.height), (2, 2));
    }
}
