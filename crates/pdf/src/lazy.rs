//! A lazy loader: reads the cross-reference data, then parses only the objects the page tree
//! reaches (pages, content streams, resources, fonts, XObjects, annotations...) into lopdf's
//! object model, instead of every object of the file as `Document::load_mem` does (a tagged PDF's
//! structure tree is often most of its objects).
//!
//! It reads only what it can read exactly as lopdf would: the objects it makes are the objects
//! lopdf makes. Anything unusual (encryption, cross-reference data that does not lead to the
//! objects it names, a reference to an object that is not there, a syntax error anywhere in the
//! objects the trailer reaches, a stream whose `/Length` is wrong) returns `None`, and the caller
//! loads the whole file with lopdf as before, so damaged files behave exactly as they did.
//!
//! The objects the pages do not reach are still checked, without being built: each one the
//! trailer reaches is skimmed for syntax and for its references, so a dangling reference or a
//! damaged object there sends the file to the full load too (whose warnings report it).

use std::collections::{BTreeMap, HashMap, HashSet};

use lopdf::xref::{Xref, XrefEntry, XrefType};
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// Deepest nesting of arrays and dictionaries (lopdf's `MAX_NESTING_DEPTH`).
const MAX_DEPTH: usize = 100;
/// Deepest nesting of parentheses in a literal string (lopdf's `MAX_BRACKET`).
const MAX_BRACKET: usize = 100;
/// Most cross-reference sections followed through `/Prev`.
const MAX_SECTIONS: usize = 64;

fn is_white(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0c')
}

fn is_regular(c: u8) -> bool {
    !is_white(c)
        && !matches!(c, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn hex(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

/// A cursor over object syntax, following lopdf's grammar (`parser/mod.rs`) rule by rule.
/// With `build` false it only checks the syntax and collects references (no allocation).
struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn at(buf: &'a [u8], pos: usize) -> Self {
        Cursor { buf, pos }
    }

    fn rest(&self) -> &'a [u8] {
        self.buf.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    fn tag(&mut self, t: &[u8]) -> bool {
        if self.rest().starts_with(t) {
            self.pos += t.len();
            true
        } else {
            false
        }
    }

    fn eol(&mut self) -> bool {
        self.tag(b"\r\n") || self.tag(b"\n") || self.tag(b"\r")
    }

    /// White space and comments (a comment must end in an end of line, as in lopdf).
    fn space(&mut self) {
        loop {
            while self.peek().is_some_and(is_white) {
                self.pos += 1;
            }
            if self.peek() != Some(b'%') {
                return;
            }
            let save = self.pos;
            while self.peek().is_some_and(|c| c != b'\r' && c != b'\n') {
                self.pos += 1;
            }
            if !self.eol() {
                self.pos = save;
                return;
            }
        }
    }

    fn digits(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut v: u64 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            v = v.checked_mul(10)?.checked_add(u64::from(c - b'0'))?;
            self.pos += 1;
        }
        (self.pos > start).then_some(v)
    }

    /// `N G R`, or `None` with the position unchanged.
    fn reference(&mut self) -> Option<ObjectId> {
        let save = self.pos;
        let r = (|| {
            let n = u32::try_from(self.digits()?).ok()?;
            self.space();
            let g = u16::try_from(self.digits()?).ok()?;
            self.space();
            self.tag(b"R").then_some((n, g))
        })();
        if r.is_none() {
            self.pos = save;
        }
        r
    }

    /// A real or an integer, as lopdf reads them.
    fn number(&mut self) -> Option<Object> {
        let start = self.pos;
        let neg = match self.peek() {
            Some(b'+') => {
                self.pos += 1;
                false
            }
            Some(b'-') => {
                self.pos += 1;
                true
            }
            _ => false,
        };
        let int_start = self.pos;
        let int = self.digits_run();
        let is_real =
            if int > 0 { self.tag(b".") } else { self.tag(b".") && self.digits_run() > 0 };
        if is_real {
            let frac_start = self.pos;
            while self.peek().is_some_and(|c| c == b'-' || c.is_ascii_digit()) {
                self.pos += 1;
            }
            let text = &self.buf[start..self.pos];
            let value = if self.buf[frac_start..self.pos].contains(&b'-') {
                let mut t = vec![text[0]];
                t.extend(text[1..].iter().filter(|&&c| c != b'-'));
                std::str::from_utf8(&t).ok()?.parse::<f32>().ok()?
            } else {
                std::str::from_utf8(text).ok()?.parse::<f32>().ok()?
            };
            return Some(Object::Real(value));
        }
        self.pos = int_start;
        let mag = self.digits()?;
        let v = if neg { 0i64.checked_sub_unsigned(mag)? } else { i64::try_from(mag).ok()? };
        Some(Object::Integer(v))
    }

    fn digits_run(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A name after its `/`: `#` and two hex digits stand for a byte, any other `#` ends it.
    fn name(&mut self, out: &mut Option<Vec<u8>>) {
        loop {
            let run = self.rest().iter().position(|&c| c == b'#' || !is_regular(c));
            let run = run.unwrap_or(self.rest().len());
            if let Some(o) = out {
                o.extend_from_slice(&self.rest()[..run]);
            }
            self.pos += run;
            if self.peek() != Some(b'#') {
                return;
            }
            match (self.buf.get(self.pos + 1).and_then(|&c| hex(c)), self.buf.get(self.pos + 2)) {
                (Some(h), Some(&l)) if hex(l).is_some() => {
                    if let Some(o) = out {
                        o.push((h << 4) | hex(l).unwrap_or(0));
                    }
                    self.pos += 3;
                }
                _ => return,
            }
        }
    }

    /// A literal string after its `(`, through its `)`.
    fn literal(&mut self, depth: usize, out: &mut Option<Vec<u8>>) -> Option<()> {
        let push = |out: &mut Option<Vec<u8>>, b: u8| {
            if let Some(o) = out {
                o.push(b);
            }
        };
        loop {
            match self.peek()? {
                b')' => {
                    self.pos += 1;
                    return Some(());
                }
                b'(' => {
                    if depth == 0 {
                        return None;
                    }
                    self.pos += 1;
                    push(out, b'(');
                    self.literal(depth - 1, out)?;
                    push(out, b')');
                }
                b'\\' => {
                    self.pos += 1;
                    let e = self.peek()?;
                    if (b'0'..=b'7').contains(&e) {
                        let mut v: u16 = 0;
                        for _ in 0..3 {
                            match self.peek() {
                                Some(d @ b'0'..=b'7') => {
                                    v = v * 8 + u16::from(d - b'0');
                                    self.pos += 1;
                                }
                                _ => break,
                            }
                        }
                        push(out, v as u8);
                    } else if !self.eol() {
                        self.pos += 1;
                        let b = match e {
                            b'n' => b'\n',
                            b'r' => b'\r',
                            b't' => b'\t',
                            b'b' => 8,
                            b'f' => 12,
                            other => other,
                        };
                        push(out, b);
                    }
                }
                b'\r' | b'\n' => {
                    self.eol();
                    push(out, b'\n');
                }
                c => {
                    self.pos += 1;
                    push(out, c);
                }
            }
        }
    }

    /// A hexadecimal string after its `<`, through its `>`.
    fn hex_string(&mut self, out: &mut Option<Vec<u8>>) -> Option<()> {
        let mut high = true;
        loop {
            self.pos += self.rest().iter().take_while(|&&c| is_white(c)).count();
            let c = self.peek()?;
            self.pos += 1;
            if c == b'>' {
                return Some(());
            }
            let v = hex(c)?;
            if let Some(o) = out {
                if high {
                    o.push(v << 4);
                } else if let Some(last) = o.last_mut() {
                    *last |= v;
                }
            }
            high = !high;
        }
    }

    /// A direct object (not followed by its trailing space). With `refs`, it is only checked,
    /// and its references are pushed there; otherwise it is built.
    fn object(&mut self, depth: usize, refs: &mut Option<&mut Vec<ObjectId>>) -> Option<Object> {
        if depth == 0 {
            return None;
        }
        let build = refs.is_none();
        let c = self.peek()?;
        let obj = match c {
            b'n' if self.tag(b"null") => Object::Null,
            b't' if self.tag(b"true") => Object::Boolean(true),
            b'f' if self.tag(b"false") => Object::Boolean(false),
            b'0'..=b'9' | b'+' | b'-' | b'.' => {
                if c.is_ascii_digit()
                    && let Some(id) = self.reference()
                {
                    if let Some(r) = refs {
                        r.push(id);
                    }
                    Object::Reference(id)
                } else {
                    self.number()?
                }
            }
            b'/' => {
                self.pos += 1;
                let mut out = build.then(Vec::new);
                self.name(&mut out);
                Object::Name(out.unwrap_or_default())
            }
            b'(' => {
                self.pos += 1;
                let mut out = build.then(Vec::new);
                self.literal(MAX_BRACKET, &mut out)?;
                Object::String(out.unwrap_or_default(), StringFormat::Literal)
            }
            b'<' if self.rest().starts_with(b"<<") => {
                Object::Dictionary(self.dictionary(depth - 1, refs)?)
            }
            b'<' => {
                self.pos += 1;
                let mut out = build.then(Vec::new);
                self.hex_string(&mut out)?;
                Object::String(out.unwrap_or_default(), StringFormat::Hexadecimal)
            }
            b'[' => {
                self.pos += 1;
                self.space();
                let mut items = Vec::new();
                while self.peek() != Some(b']') {
                    let o = self.object(depth - 1, refs)?;
                    self.space();
                    if build {
                        items.push(o);
                    }
                }
                self.pos += 1;
                Object::Array(items)
            }
            _ => return None,
        };
        Some(obj)
    }

    fn dictionary(
        &mut self,
        depth: usize,
        refs: &mut Option<&mut Vec<ObjectId>>,
    ) -> Option<Dictionary> {
        let build = refs.is_none();
        if !self.tag(b"<<") {
            return None;
        }
        self.space();
        let mut dict = Dictionary::new();
        while !self.tag(b">>") {
            if !self.tag(b"/") {
                return None;
            }
            let mut key = build.then(Vec::new);
            self.name(&mut key);
            self.space();
            let value = self.object(depth, refs)?;
            self.space();
            if let Some(k) = key {
                dict.set(k, value);
            }
        }
        Some(dict)
    }
}

/// Where an object stream's objects are: its decoded data and, per object number, the offset.
struct ObjStm {
    data: Vec<u8>,
    offsets: HashMap<u32, usize>,
}

/// The file's cross-reference data and trailer, and the objects read from it.
pub(crate) struct Lazy<'a> {
    buf: &'a [u8],
    entries: BTreeMap<u32, XrefEntry>,
    trailer: Dictionary,
    streams: HashMap<u32, Option<ObjStm>>,
    max_stream: usize,
    /// Stream lengths being resolved through references, one inside another.
    resolving: usize,
}

/// Loads the objects the page tree reaches, or `None` when anything is unusual (see the module).
pub(crate) fn load(bytes: &[u8], max_stream: usize) -> Option<Document> {
    // lopdf reads from the `%PDF-` header on; offsets count from the file's first byte only
    // when the header is there.
    if !bytes.starts_with(b"%PDF-") {
        return None;
    }
    let version = {
        let mut c = Cursor::at(bytes, 5);
        let start = c.pos;
        while c.peek().is_some_and(|b| b.is_ascii_digit() || b == b'.') {
            c.pos += 1;
        }
        std::str::from_utf8(&bytes[start..c.pos]).ok()?.to_string()
    };
    let mut lazy = Lazy::new(bytes, max_stream)?;
    if lazy.trailer.has(b"Encrypt") {
        return None;
    }
    let root = lazy.trailer.get(b"Root").ok()?.as_reference().ok()?;
    let mut objects: BTreeMap<ObjectId, Object> = BTreeMap::new();
    let catalog = lazy.object(root)?;
    let pages = catalog.as_dict().ok()?.get(b"Pages").ok()?.as_reference().ok()?;
    objects.insert(root, catalog);
    // Build everything the page tree reaches.
    let mut stack = vec![pages];
    while let Some(id) = stack.pop() {
        if objects.contains_key(&id) {
            continue;
        }
        let obj = lazy.object(id)?;
        push_refs(&obj, &mut stack);
        objects.insert(id, obj);
    }
    // Check, without building, everything else the trailer reaches.
    let mut seen: HashSet<ObjectId> = objects.keys().copied().collect();
    let mut stack = Vec::new();
    for (_, v) in lazy.trailer.iter() {
        push_refs(v, &mut stack);
    }
    if let Some(Object::Dictionary(d)) = objects.get(&root) {
        for (_, v) in d.iter() {
            push_refs(v, &mut stack);
        }
    }
    while let Some(id) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        lazy.skim(id, &mut stack)?;
    }
    let mut doc = Document::new();
    doc.version = version;
    doc.max_id = lazy.entries.keys().next_back().copied().unwrap_or(0);
    if let Some(&(n, _)) = objects.keys().next_back() {
        doc.max_id = doc.max_id.max(n);
    }
    let size = lazy.entries.keys().next_back().map_or(0, |n| n + 1);
    let mut xref = Xref::new(size, XrefType::CrossReferenceStream);
    xref.entries = std::mem::take(&mut lazy.entries);
    doc.reference_table = xref;
    doc.trailer = std::mem::take(&mut lazy.trailer);
    doc.objects = objects;
    Some(doc)
}

fn push_refs(obj: &Object, out: &mut Vec<ObjectId>) {
    match obj {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|o| push_refs(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| push_refs(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| push_refs(o, out)),
        _ => {}
    }
}

fn int(obj: Option<&Object>) -> Option<i64> {
    obj?.as_i64().ok()
}

impl<'a> Lazy<'a> {
    fn new(buf: &'a [u8], max_stream: usize) -> Option<Self> {
        let tail_start = buf.len().saturating_sub(1024);
        let tail = &buf[tail_start..];
        let at = tail.windows(9).rposition(|w| w == b"startxref")?;
        let mut c = Cursor::at(buf, tail_start + at + 9);
        c.space();
        let mut offset = usize::try_from(c.digits()?).ok()?;
        let mut lazy = Lazy {
            buf,
            entries: BTreeMap::new(),
            trailer: Dictionary::new(),
            streams: HashMap::new(),
            max_stream,
            resolving: 0,
        };
        let mut visited = HashSet::new();
        for section in 0.. {
            if section >= MAX_SECTIONS || !visited.insert(offset) {
                return None;
            }
            let (entries, trailer) = lazy.section(offset)?;
            for (n, e) in entries {
                lazy.entries.entry(n).or_insert(e);
            }
            let prev = trailer.get(b"Prev").ok().map(|p| p.as_i64().ok());
            if section == 0 {
                lazy.trailer = trailer;
            }
            match prev {
                None => break,
                Some(p) => offset = usize::try_from(p?).ok()?,
            }
        }
        Some(lazy)
    }

    /// One cross-reference section (a table, with its `/XRefStm`, or a stream) and its trailer.
    fn section(&mut self, offset: usize) -> Option<(BTreeMap<u32, XrefEntry>, Dictionary)> {
        let mut c = Cursor::at(self.buf, offset);
        if !c.tag(b"xref") {
            return self.xref_stream(offset);
        }
        let mut entries: BTreeMap<u32, XrefEntry> = BTreeMap::new();
        loop {
            c.space();
            if c.tag(b"trailer") {
                break;
            }
            let start = u32::try_from(c.digits()?).ok()?;
            c.space();
            let count = u32::try_from(c.digits()?).ok()?;
            for i in 0..count {
                c.space();
                let off = u32::try_from(c.digits()?).ok()?;
                c.space();
                let generation = u16::try_from(c.digits()?).ok()?;
                c.space();
                let e = match c.peek()? {
                    b'n' => XrefEntry::Normal { offset: off, generation },
                    b'f' => XrefEntry::Free,
                    _ => return None,
                };
                c.pos += 1;
                entries.insert(start.checked_add(i)?, e);
            }
        }
        c.space();
        let trailer = c.dictionary(MAX_DEPTH, &mut None)?;
        if let Ok(stm) = trailer.get(b"XRefStm") {
            // A hybrid file: the objects the table lists as free (or not at all) may be in the
            // cross-reference stream.
            let stm = usize::try_from(stm.as_i64().ok()?).ok()?;
            let (more, _) = self.xref_stream(stm)?;
            for (n, e) in more {
                match entries.get(&n) {
                    None | Some(XrefEntry::Free) => {
                        entries.insert(n, e);
                    }
                    _ => {}
                }
            }
        }
        Some((entries, trailer))
    }

    fn xref_stream(&mut self, offset: usize) -> Option<(BTreeMap<u32, XrefEntry>, Dictionary)> {
        let (_, obj) = self.indirect(offset, None)?;
        let Object::Stream(s) = obj else { return None };
        if s.dict.get(b"Type").and_then(Object::as_name).ok()? != b"XRef" {
            return None;
        }
        let data = s.decompressed_content_with_limit(self.max_stream).ok()?;
        let w: Vec<usize> = s
            .dict
            .get(b"W")
            .and_then(Object::as_array)
            .ok()?
            .iter()
            .map(|o| o.as_i64().ok().and_then(|v| usize::try_from(v).ok()).filter(|&v| v <= 8))
            .collect::<Option<_>>()?;
        let [w0, w1, w2] = w[..] else { return None };
        let row = w0 + w1 + w2;
        let size = int(s.dict.get(b"Size").ok())?;
        let index: Vec<i64> = match s.dict.get(b"Index") {
            Ok(i) => i.as_array().ok()?.iter().map(|o| o.as_i64().ok()).collect::<Option<_>>()?,
            Err(_) => vec![0, size],
        };
        if row == 0 || index.len() % 2 != 0 {
            return None;
        }
        let field = |b: &[u8]| b.iter().fold(0u64, |v, &x| (v << 8) | u64::from(x));
        let mut entries = BTreeMap::new();
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks(2) {
            let start = u32::try_from(pair[0]).ok()?;
            for i in 0..u32::try_from(pair[1]).ok()? {
                let r = rows.next()?;
                let kind = if w0 == 0 { 1 } else { field(&r[..w0]) };
                let a = field(&r[w0..w0 + w1]);
                let b = field(&r[w0 + w1..]);
                let e = match kind {
                    0 => XrefEntry::Free,
                    1 => XrefEntry::Normal {
                        offset: u32::try_from(a).ok()?,
                        generation: u16::try_from(b).ok()?,
                    },
                    2 => XrefEntry::Compressed {
                        container: u32::try_from(a).ok()?,
                        index: u16::try_from(b).ok()?,
                    },
                    _ => return None,
                };
                entries.insert(start.checked_add(i)?, e);
            }
        }
        Some((entries, s.dict))
    }

    /// The indirect object at `offset`: `N G obj`, the object (a stream when a dictionary is
    /// followed by `stream`), and an optional `endobj`. `expect` is the id it must have.
    fn indirect(&mut self, offset: usize, expect: Option<ObjectId>) -> Option<(ObjectId, Object)> {
        let mut c = Cursor::at(self.buf, offset);
        c.space();
        let n = u32::try_from(c.digits()?).ok()?;
        c.space();
        let g = u16::try_from(c.digits()?).ok()?;
        c.space();
        if !c.tag(b"obj") || expect.is_some_and(|e| e != (n, g)) {
            return None;
        }
        c.space();
        let obj = if c.rest().starts_with(b"<<") {
            let dict = c.dictionary(MAX_DEPTH, &mut None)?;
            match self.stream_data(&mut c, &dict, Some((n, g)))? {
                Some(data) => Object::Stream(Stream::new(dict, data.to_vec())),
                None => Object::Dictionary(dict),
            }
        } else {
            c.object(MAX_DEPTH, &mut None)?
        };
        Some(((n, g), obj))
    }

    /// After a dictionary: the stream's data when `stream` follows (its `/Length` must be right:
    /// lopdf's recovery of a wrong length is left to lopdf), `Some(None)` when it does not.
    fn stream_data(
        &mut self,
        c: &mut Cursor<'a>,
        dict: &Dictionary,
        of: Option<ObjectId>,
    ) -> Option<Option<&'a [u8]>> {
        let save = c.pos;
        c.space();
        if !c.tag(b"stream") {
            c.pos = save;
            return Some(None);
        }
        while matches!(c.peek(), Some(b' ' | b'\t')) {
            c.pos += 1;
        }
        if !c.eol() {
            return None;
        }
        let len = match dict.get(b"Length").ok()? {
            Object::Reference(id) if Some(*id) != of && self.resolving < MAX_SECTIONS => {
                // A length stored in an object (lopdf resolves it the same way); a chain of
                // lengths that are streams with lengths stops here.
                self.resolving += 1;
                let len = self.object(*id);
                self.resolving -= 1;
                len?.as_i64().ok()?
            }
            o => o.as_i64().ok()?,
        };
        let len = usize::try_from(len).ok()?;
        let start = c.pos;
        let data = self.buf.get(start..start.checked_add(len)?)?;
        c.pos = start + len;
        c.eol();
        if !c.tag(b"endstream") {
            return None;
        }
        Some(Some(data))
    }

    /// An object, built.
    fn object(&mut self, id: ObjectId) -> Option<Object> {
        match *self.entries.get(&id.0)? {
            XrefEntry::Normal { offset, generation } if generation == id.1 => {
                Some(self.indirect(offset as usize, Some(id))?.1)
            }
            XrefEntry::Compressed { container, .. } if id.1 == 0 => {
                let (data, at) = self.in_stream(container, id.0)?;
                let mut c = Cursor::at(data, at);
                c.space();
                c.object(MAX_DEPTH, &mut None)
            }
            _ => None,
        }
    }

    /// An object checked for syntax (as [`Lazy::object`] would read it), its references pushed.
    fn skim(&mut self, id: ObjectId, refs: &mut Vec<ObjectId>) -> Option<()> {
        match *self.entries.get(&id.0)? {
            XrefEntry::Normal { offset, generation } if generation == id.1 => {
                let mut c = Cursor::at(self.buf, offset as usize);
                c.space();
                let ok = c.digits()? == u64::from(id.0) && {
                    c.space();
                    c.digits()? == u64::from(id.1)
                };
                c.space();
                if !ok || !c.tag(b"obj") {
                    return None;
                }
                c.space();
                if c.rest().starts_with(b"<<") {
                    let dict_at = c.pos;
                    c.dictionary(MAX_DEPTH, &mut Some(refs))?;
                    let mut after = Cursor::at(self.buf, c.pos);
                    after.space();
                    if after.rest().starts_with(b"stream") {
                        // A stream: its dictionary is built to read its length.
                        let mut d = Cursor::at(self.buf, dict_at);
                        let dict = d.dictionary(MAX_DEPTH, &mut None)?;
                        self.stream_data(&mut d, &dict, Some(id))?;
                    }
                    Some(())
                } else {
                    c.object(MAX_DEPTH, &mut Some(refs)).map(|_| ())
                }
            }
            XrefEntry::Compressed { container, .. } if id.1 == 0 => {
                let (data, at) = self.in_stream(container, id.0)?;
                let mut c = Cursor::at(data, at);
                c.space();
                c.object(MAX_DEPTH, &mut Some(refs)).map(|_| ())
            }
            _ => None,
        }
    }

    /// The decoded data of object stream `container` and the offset of object `n` in it.
    fn in_stream(&mut self, container: u32, n: u32) -> Option<(&[u8], usize)> {
        if !self.streams.contains_key(&container) {
            // Marked unreadable while it is read: an object stream said to be inside itself
            // (or a chain of them) ends here.
            self.streams.insert(container, None);
            let s = self.read_objstm(container);
            self.streams.insert(container, s);
        }
        let s = self.streams.get(&container)?.as_ref()?;
        let at = *s.offsets.get(&n)?;
        Some((&s.data, at))
    }

    fn read_objstm(&mut self, container: u32) -> Option<ObjStm> {
        let Object::Stream(s) = self.object((container, 0))? else { return None };
        let data = s.decompressed_content_with_limit(self.max_stream).ok()?;
        let first = usize::try_from(int(s.dict.get(b"First").ok())?).ok()?;
        let head = std::str::from_utf8(data.get(..first)?).ok()?;
        let numbers: Vec<u32> = head
            .split(['\r', '\n'])
            .flat_map(|line| line.split('%').next().unwrap_or_default().split_whitespace())
            .map(|n| n.parse::<u32>().ok())
            .collect::<Option<_>>()?;
        if numbers.len() % 2 != 0 {
            return None;
        }
        let mut offsets = HashMap::new();
        for pair in numbers.chunks(2) {
            let at = first.checked_add(pair[1] as usize)?;
            if at >= data.len() || offsets.insert(pair[0], at).is_some() {
                return None;
            }
        }
        Some(ObjStm { data, offsets })
    }
}

#[cfg(test)]
#[path = "lazy_tests.rs"]
mod tests;
