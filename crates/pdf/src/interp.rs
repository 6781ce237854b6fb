//! The content-stream interpreter: graphics state and CTM, text state and positioning, text
//! showing with advances from the font's widths, paths for ruling lines, and Form XObjects.
//!
//! Output is in displayed page space (points, top-left origin, after `/Rotate`). Glyphs carry
//! their coordinates in a *frame* turned so their writing direction runs along +x (see
//! [`Glyph::dir`]), so that line building works the same for rotated text.
//!
//! Deliberate choices: invisible text (render mode 3) is kept, as it is the searchable layer of
//! scanned pages; clipping paths are not applied, but glyphs lying wholly outside the visible page
//! box are dropped (as `pdftotext` does).

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::Limits;
use super::colour::{self, Space};
use super::document::{StreamError, deref, get, get_dict, get_name, get_nums, stream_bytes};
use super::fonts::{Code, Font};
use super::images::{self, MAX_IMAGES_PER_PAGE};
use super::lexer::{Lexer, Operand, Token};
use super::matrix::{self, IDENTITY, Matrix};
use super::rulings::PathBuilder;
use crate::error::PdfError;
use crate::limits::{LimitKind, budget};
use crate::warnings::Warnings;
use crate::{Fill, Image, Ruling};

/// One positioned glyph.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    /// Byte range of its text in [`PageGlyphs::text`].
    pub start: u32,
    pub len: u32,
    /// Writing direction: 0 left-to-right, 1 top-to-bottom, 2 upside down, 3 bottom-to-top.
    pub dir: u8,
    /// Start and end along the writing direction (frame x).
    pub x0: f32,
    pub x1: f32,
    /// Baseline, top and bottom across the writing direction (frame y, growing downwards).
    pub base: f32,
    pub top: f32,
    pub bottom: f32,
    /// Font size in page units.
    pub size: f32,
    /// Width of a space in this font at this size, in page units.
    pub space: f32,
    /// Index into [`PageGlyphs::fonts`].
    pub font: u16,
    /// The glyph is white space.
    pub is_space: bool,
}

/// What one page's content produced.
#[derive(Debug, Default)]
pub(crate) struct PageGlyphs {
    pub glyphs: Vec<Glyph>,
    pub text: String,
    pub fonts: Vec<Rc<Font>>,
    pub rulings: Vec<Ruling>,
    /// Filled rectangles thicker than rulings (shading), and image placements.
    pub fills: Vec<Fill>,
    pub images: Vec<Image>,
    /// Small shapes drawn as paths (arrows, ticks).
    pub marks: Vec<Image>,
    pub unmapped: u64,
    pub total: u64,
    pub width: f32,
    pub height: f32,
}

/// The buffers a page's glyphs and their text are written into, handed from page to page so
/// that a document's pages reuse one allocation of each (grown to the largest page's).
#[derive(Default)]
pub(crate) struct GlyphBuffers {
    pub glyphs: Vec<Glyph>,
    pub text: String,
}

impl PageGlyphs {
    pub(crate) fn text_of(&self, g: &Glyph) -> &str {
        self.text.get(g.start as usize..(g.start + g.len) as usize).unwrap_or("")
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Ref(ObjectId),
    Direct(usize),
}

/// Per-document caches shared by every page.
pub(crate) struct DocCtx<'a> {
    pub doc: &'a Document,
    pub limits: &'a Limits,
    fonts: HashMap<FontKey, Rc<Font>>,
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
    images: images::Cache,
    pub warnings: Warnings,
    /// The page being read (1-based), for the places of warnings.
    pub page: u32,
}

impl<'a> DocCtx<'a> {
    pub(crate) fn new(doc: &'a Document, limits: &'a Limits, warnings: Warnings) -> Self {
        DocCtx {
            doc,
            limits,
            fonts: HashMap::new(),
            forms: HashMap::new(),
            images: images::Cache::default(),
            warnings,
            page: 0,
        }
    }

    fn font(&mut self, obj: &Object) -> Option<Rc<Font>> {
        let (key, dict): (FontKey, &Dictionary) = match obj {
            Object::Reference(id) => (FontKey::Ref(*id), deref(self.doc, obj).as_dict().ok()?),
            Object::Dictionary(d) => (FontKey::Direct(d as *const Dictionary as usize), d),
            _ => return None,
        };
        if let Some(f) = self.fonts.get(&key) {
            return Some(f.clone());
        }
        let f = Rc::new(Font::load(self.doc, dict, self.limits, &mut self.warnings));
        self.fonts.insert(key, f.clone());
        Some(f)
    }
}

#[derive(Clone)]
struct GState {
    /// CTM already multiplied by the display matrix.
    ctm: Matrix,
    font: Option<(u16, Rc<Font>)>,
    /// The name set by the last `Tf` when it named no readable font.
    missing_font: Option<Rc<[u8]>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    line_width: f32,
    stroke_white: bool,
    fill_white: bool,
    /// The fill colour space and colour (RGB, when the space is one that says it).
    fill_space: Space,
    fill_rgb: Option<[u8; 3]>,
}

struct Interp<'c, 'a> {
    ctx: &'c mut DocCtx<'a>,
    out: PageGlyphs,
    gs: GState,
    stack: Vec<GState>,
    tm: Matrix,
    tlm: Matrix,
    path: PathBuilder,
    ops: usize,
    codes: Vec<Code>,
    /// Form XObjects being drawn (cycle guard).
    form_stack: HashSet<ObjectId>,
    depth: usize,
    font_index: HashMap<*const Font, u16>,
    /// Text strings shown in a font that is missing or unreadable, by the font's name.
    lost_text: std::collections::BTreeMap<Rc<[u8]>, u64>,
}

/// Interprets a page's content.
pub(crate) fn run_page(
    ctx: &mut DocCtx<'_>,
    content: &[u8],
    resources: Option<&Dictionary>,
    display: Matrix,
    width: f32,
    height: f32,
    reuse: GlyphBuffers,
) -> Result<PageGlyphs, PdfError> {
    let GlyphBuffers { mut glyphs, mut text } = reuse;
    glyphs.clear();
    text.clear();
    let gs = GState {
        ctm: display,
        font: None,
        missing_font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        hscale: 1.0,
        leading: 0.0,
        rise: 0.0,
        line_width: 1.0,
        stroke_white: false,
        fill_white: false,
        fill_space: Space::Gray,
        fill_rgb: Some([0, 0, 0]),
    };
    let mut it = Interp {
        ctx,
        out: PageGlyphs { width, height, glyphs, text, ..Default::default() },
        gs,
        stack: Vec::new(),
        tm: IDENTITY,
        tlm: IDENTITY,
        path: PathBuilder::default(),
        ops: 0,
        codes: Vec::new(),
        form_stack: HashSet::new(),
        depth: 0,
        font_index: HashMap::new(),
        lost_text: Default::default(),
    };
    it.run(content, resources)?;
    let page = it.ctx.page;
    for (name, n) in std::mem::take(&mut it.lost_text) {
        let name = String::from_utf8_lossy(&name).into_owned();
        it.ctx.warnings.add_n(
            format!("page {page} (font /{name})"),
            "text shown in a font that is missing from the resources or cannot be read is lost",
            n,
            "text strings",
        );
    }
    Ok(it.out)
}

fn white(ops: &[Operand]) -> bool {
    let nums: Vec<f32> = ops.iter().filter_map(Operand::num).collect();
    if nums.len() != ops.len() {
        return false;
    }
    match nums.len() {
        1 => nums[0] >= 0.99,
        3 => nums.iter().all(|v| *v >= 0.99),
        4 => nums.iter().all(|v| *v <= 0.01),
        _ => false,
    }
}

/// Spells out the Latin ligatures (U+FB00..U+FB06) in `text[from..]`, so "ﬁnance" reads
/// "finance".
fn expand_ligatures(text: &mut String, from: usize) {
    let Some(tail) = text.get(from..) else { return };
    if !tail.chars().any(|c| ('\u{fb00}'..='\u{fb06}').contains(&c)) {
        return;
    }
    let expanded: String = tail
        .chars()
        .map(|c| match c {
            '\u{fb00}' => "ff".to_string(),
            '\u{fb01}' => "fi".to_string(),
            '\u{fb02}' => "fl".to_string(),
            '\u{fb03}' => "ffi".to_string(),
            '\u{fb04}' => "ffl".to_string(),
            '\u{fb05}' | '\u{fb06}' => "st".to_string(),
            c => c.to_string(),
        })
        .collect();
    text.truncate(from);
    text.push_str(&expanded);
}

impl Interp<'_, '_> {
    fn run(&mut self, content: &[u8], resources: Option<&Dictionary>) -> Result<(), PdfError> {
        let mut lx = Lexer::new(content);
        let mut operands: Vec<Operand> = Vec::with_capacity(8);
        while let Some(tok) = lx.next_token() {
            match tok {
                Token::Operand(o) => {
                    if operands.len() < 64 {
                        operands.push(o);
                    }
                }
                Token::Operator(op) => {
                    self.ops += 1;
                    budget::tick();
                    if self.ops > self.ctx.limits.max_ops_per_page {
                        return Err(PdfError::limit(
                            LimitKind::OpsPerPage,
                            format!(
                                "a page has more than {} content operators",
                                self.ctx.limits.max_ops_per_page
                            ),
                        ));
                    }
                    if op == b"ID" {
                        let data = lx.skip_inline_image();
                        self.inline_image(&operands, content.get(data).unwrap_or_default());
                    } else {
                        self.op(op, &operands, resources)?;
                    }
                    // Emptied from the end: most operands are numbers, which need no drop.
                    while let Some(o) = operands.pop() {
                        drop(o);
                    }
                }
            }
        }
        Ok(())
    }

    fn nums<const N: usize>(ops: &[Operand]) -> Option<[f32; N]> {
        if ops.len() < N {
            return None;
        }
        let mut out = [0.0; N];
        for (o, v) in out.iter_mut().zip(&ops[ops.len() - N..]) {
            *o = v.num()?;
        }
        Some(out)
    }

    fn op(&mut self, op: &[u8], ops: &[Operand], res: Option<&Dictionary>) -> Result<(), PdfError> {
        // Byte patterns, not byte-string literals: the match is one decision tree on length and
        // bytes instead of a comparison per arm.
        match op {
            [b'q'] if self.stack.len() < 256 => self.stack.push(self.gs.clone()),
            [b'Q'] => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            [b'c', b'm'] => {
                if let Some(m) = Self::nums::<6>(ops) {
                    let c = matrix::mul(&m, &self.gs.ctm);
                    if matrix::is_finite(&c) {
                        self.gs.ctm = c;
                    }
                }
            }
            [b'w'] => {
                if let Some([w]) = Self::nums::<1>(ops) {
                    self.gs.line_width = w.abs();
                }
            }
            [b'g'] | [b'r', b'g'] | [b'k'] | [b's', b'c'] | [b's', b'c', b'n'] => {
                self.gs.fill_white = white(ops);
                self.gs.fill_rgb = colour::set_fill(op, ops, &mut self.gs.fill_space);
            }
            [b'G'] | [b'R', b'G'] | [b'K'] | [b'S', b'C'] | [b'S', b'C', b'N'] => {
                self.gs.stroke_white = white(ops)
            }
            [b'c', b's'] => {
                self.gs.fill_white = false;
                if let Some(Operand::Name(name)) = ops.last() {
                    self.gs.fill_space = Space::named(self.ctx.doc, res, name);
                    self.gs.fill_rgb = self.gs.fill_space.initial();
                }
            }
            [b'C', b'S'] => self.gs.stroke_white = false,
            // Paths.
            [b'm'] => {
                if let Some([x, y]) = Self::nums::<2>(ops) {
                    let p = matrix::apply(&self.gs.ctm, x, y);
                    self.path.move_to(p);
                }
            }
            [b'l'] => {
                if let Some([x, y]) = Self::nums::<2>(ops) {
                    let p = matrix::apply(&self.gs.ctm, x, y);
                    self.path.line_to(p);
                }
            }
            [b'c'] | [b'v'] | [b'y'] => {
                if let Some([x, y]) = Self::nums::<2>(ops) {
                    let p = matrix::apply(&self.gs.ctm, x, y);
                    self.path.curve_to(p);
                }
            }
            [b'h'] => self.path.close(),
            [b'r', b'e'] => {
                if let Some([x, y, w, h]) = Self::nums::<4>(ops) {
                    let m = &self.gs.ctm;
                    let pts = [
                        matrix::apply(m, x, y),
                        matrix::apply(m, x + w, y),
                        matrix::apply(m, x + w, y + h),
                        matrix::apply(m, x, y + h),
                    ];
                    self.path.rect(pts);
                }
            }
            [b'S'] | [b's'] => {
                if op == b"s" {
                    self.path.close();
                }
                let w = self.gs.line_width * matrix::scale(&self.gs.ctm);
                if !self.gs.stroke_white {
                    self.path.stroke(w, &mut self.out.rulings);
                    self.path.keep_mark(&mut self.out.marks);
                }
                self.path.clear();
            }
            [b'f'] | [b'F'] | [b'f', b'*'] => {
                if !self.gs.fill_white {
                    self.path.fill(&mut self.out.rulings);
                    self.shade();
                    self.path.keep_mark(&mut self.out.marks);
                }
                self.path.clear();
            }
            [b'B'] | [b'B', b'*'] | [b'b'] | [b'b', b'*'] => {
                if op.starts_with(b"b") {
                    self.path.close();
                }
                if !self.gs.fill_white {
                    self.path.fill(&mut self.out.rulings);
                    self.shade();
                }
                if !self.gs.fill_white || !self.gs.stroke_white {
                    self.path.keep_mark(&mut self.out.marks);
                }
                if !self.gs.stroke_white {
                    let w = self.gs.line_width * matrix::scale(&self.gs.ctm);
                    self.path.stroke(w, &mut self.out.rulings);
                }
                self.path.clear();
            }
            [b'n'] => self.path.clear(),
            // Text objects and state.
            [b'B', b'T'] => {
                self.tm = IDENTITY;
                self.tlm = IDENTITY;
            }
            [b'T', b'c'] => {
                if let Some([v]) = Self::nums::<1>(ops) {
                    self.gs.char_spacing = v;
                }
            }
            [b'T', b'w'] => {
                if let Some([v]) = Self::nums::<1>(ops) {
                    self.gs.word_spacing = v;
                }
            }
            [b'T', b'z'] => {
                if let Some([v]) = Self::nums::<1>(ops) {
                    self.gs.hscale = v / 100.0;
                }
            }
            [b'T', b'L'] => {
                if let Some([v]) = Self::nums::<1>(ops) {
                    self.gs.leading = v;
                }
            }
            [b'T', b's'] => {
                if let Some([v]) = Self::nums::<1>(ops) {
                    self.gs.rise = v;
                }
            }
            [b'T', b'f'] => {
                if let (Some(Operand::Name(name)), Some([size])) =
                    (ops.first(), Self::nums::<1>(ops))
                {
                    self.gs.size = size;
                    self.gs.font = self.lookup_font(res, name);
                    self.gs.missing_font =
                        if self.gs.font.is_none() { Some(Rc::from(&name[..])) } else { None };
                }
            }
            [b'T', b'd'] => {
                if let Some([tx, ty]) = Self::nums::<2>(ops) {
                    self.tlm = matrix::mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
                    self.tm = self.tlm;
                }
            }
            [b'T', b'D'] => {
                if let Some([tx, ty]) = Self::nums::<2>(ops) {
                    self.gs.leading = -ty;
                    self.tlm = matrix::mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
                    self.tm = self.tlm;
                }
            }
            [b'T', b'm'] => {
                if let Some(m) = Self::nums::<6>(ops) {
                    self.tlm = m;
                    self.tm = m;
                }
            }
            [b'T', b'*'] => self.next_line(),
            [b'T', b'j'] => {
                if let Some(Operand::Str(s)) = ops.last() {
                    self.show(s);
                }
            }
            [b'\''] => {
                self.next_line();
                if let Some(Operand::Str(s)) = ops.last() {
                    self.show(s);
                }
            }
            [b'"'] => {
                if let (Some(aw), Some(ac)) =
                    (ops.first().and_then(Operand::num), ops.get(1).and_then(Operand::num))
                {
                    self.gs.word_spacing = aw;
                    self.gs.char_spacing = ac;
                }
                self.next_line();
                if let Some(Operand::Str(s)) = ops.last() {
                    self.show(s);
                }
            }
            [b'T', b'J'] => {
                if let Some(Operand::Array(items)) = ops.last() {
                    for item in items {
                        match item {
                            Operand::Str(s) => self.show(s),
                            Operand::Num(n) if n.is_finite() => {
                                let tx = -n / 1000.0 * self.gs.size * self.gs.hscale;
                                self.tm = matrix::mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
                            }
                            _ => {}
                        }
                    }
                }
            }
            [b'D', b'o'] => {
                if let Some(Operand::Name(name)) = ops.last() {
                    self.do_xobject(res, name)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Keeps the thick rectangles of the path being filled as shading.
    fn shade(&mut self) {
        self.path.shade(self.gs.fill_rgb, &mut self.out.fills);
    }

    /// Records an inline image drawn through the CTM.
    fn inline_image(&mut self, dict: &[Operand], data: &[u8]) {
        if self.out.images.len() < MAX_IMAGES_PER_PAGE {
            let h = images::inline(dict, data, self.ctx.limits);
            self.out.images.push(h.placed(b"inline", &self.gs.ctm));
        }
    }

    fn next_line(&mut self) {
        self.tlm = matrix::mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -self.gs.leading], &self.tlm);
        self.tm = self.tlm;
    }

    fn lookup_font(&mut self, res: Option<&Dictionary>, name: &[u8]) -> Option<(u16, Rc<Font>)> {
        let doc = self.ctx.doc;
        let fonts = get_dict(doc, res?, b"Font")?;
        let obj = fonts.get(name).ok()?;
        let font = self.ctx.font(obj)?;
        let key = Rc::as_ptr(&font);
        let idx = match self.font_index.get(&key) {
            Some(i) => *i,
            None => {
                let i = u16::try_from(self.out.fonts.len()).ok()?;
                self.out.fonts.push(font.clone());
                self.font_index.insert(key, i);
                i
            }
        };
        Some((idx, font))
    }

    fn show(&mut self, bytes: &[u8]) {
        let Some((font_idx, font)) = &self.gs.font else {
            if !bytes.is_empty() {
                let name =
                    self.gs.missing_font.clone().unwrap_or_else(|| Rc::from(&b"(none set)"[..]));
                *self.lost_text.entry(name).or_insert(0) += 1;
            }
            return;
        };
        let size = self.gs.size;
        let th = self.gs.hscale;
        let b = matrix::mul(&self.tm, &self.gs.ctm);
        if !matrix::is_finite(&b) {
            return;
        }
        // Writing direction from the text x axis in page space.
        let (dx, dy) = (b[0], b[1]);
        let dir: u8 = if dx.abs() >= dy.abs() {
            if dx >= 0.0 { 0 } else { 2 }
        } else if dy > 0.0 {
            1
        } else {
            3
        };
        let frame = |x: f32, y: f32| -> (f32, f32) {
            match dir {
                1 => (y, -x),
                2 => (-x, -y),
                3 => (-y, x),
                _ => (x, y),
            }
        };
        let up_len = (b[2] * b[2] + b[3] * b[3]).sqrt() * size.abs();
        let x_len = (b[0] * b[0] + b[1] * b[1]).sqrt();
        let (w, h) = (self.out.width, self.out.height);
        let mut codes = std::mem::take(&mut self.codes);
        font.codes(bytes, &mut codes);
        let mut tx = 0.0f32;
        for c in &codes {
            let adv = c.width * size * th;
            let mut step = adv + self.gs.char_spacing * th;
            if c.is_space_byte {
                step += self.gs.word_spacing * th;
            }
            // Like pdftotext, a glyph's box spans its whole advance, character spacing included,
            // so letter-spaced words stay whole.
            let (ox, oy) = matrix::apply(&b, tx, self.gs.rise);
            let (ex, ey) = matrix::apply(&b, tx + adv.max(step), self.gs.rise);
            let start = self.out.text.len() as u32;
            let mapped = font.text(c.code, &mut self.out.text);
            expand_ligatures(&mut self.out.text, start as usize);
            self.out.total += 1;
            if !mapped {
                self.out.text.push(char::REPLACEMENT_CHARACTER);
                self.out.unmapped += 1;
            }
            let len = self.out.text.len() as u32 - start;
            let visible = ox.max(ex) >= -1.0
                && ox.min(ex) <= w + 1.0
                && oy.max(ey) >= -1.0
                && oy.min(ey) <= h + 1.0;
            if visible && len > 0 {
                let (fx0, fy) = frame(ox, oy);
                let (fx1, _) = frame(ex, ey);
                let t = &self.out.text[start as usize..];
                let is_space = t.chars().all(|ch| ch.is_whitespace() || ch.is_control());
                self.out.glyphs.push(Glyph {
                    start,
                    len,
                    dir,
                    x0: fx0.min(fx1),
                    x1: fx0.max(fx1),
                    base: fy,
                    top: fy - font.ascent * up_len,
                    bottom: fy - font.descent * up_len,
                    size: up_len,
                    space: font.space_width * size.abs() * th * x_len,
                    font: *font_idx,
                    is_space,
                });
            } else {
                self.out.text.truncate(start as usize);
            }
            tx += step;
        }
        self.codes = codes;
        self.tm = matrix::mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &self.tm);
    }

    fn do_xobject(&mut self, res: Option<&Dictionary>, name: &[u8]) -> Result<(), PdfError> {
        let doc = self.ctx.doc;
        let Some(xobjects) = res.and_then(|r| get_dict(doc, r, b"XObject")) else { return Ok(()) };
        let Ok(Object::Reference(id)) = xobjects.get(name) else { return Ok(()) };
        let id = *id;
        let Ok(Object::Stream(stream)) = doc.get_object(id) else { return Ok(()) };
        if get_name(doc, &stream.dict, b"Subtype") == Some(b"Image") {
            if self.out.images.len() < MAX_IMAGES_PER_PAGE {
                let h = self.ctx.images.xobject(doc, id, stream, self.ctx.limits);
                self.out.images.push(h.placed(name, &self.gs.ctm));
            }
            return Ok(());
        }
        if get_name(doc, &stream.dict, b"Subtype") != Some(b"Form") {
            return Ok(());
        }
        let place = format!("page {} (form {} {})", self.ctx.page, id.0, id.1);
        if self.form_stack.contains(&id) {
            self.ctx
                .warnings
                .add(place, "a form XObject draws itself; the inner drawing is skipped");
            return Ok(());
        }
        if self.depth >= self.ctx.limits.max_form_depth {
            let m = format!(
                "form XObjects are nested more than {} deep; the deeper ones are skipped",
                self.ctx.limits.max_form_depth
            );
            self.ctx.warnings.add(place, m);
            return Ok(());
        }
        let content = match self.ctx.forms.get(&id) {
            Some(c) => c.clone(),
            None => {
                let data = match stream_bytes(stream, self.ctx.limits) {
                    Ok(d) => d,
                    Err(StreamError::Limit(kind, m)) => {
                        return Err(PdfError::limit(kind, m));
                    }
                    Err(e) => {
                        let m = match e {
                            StreamError::Suspect { .. } => {
                                format!("a form XObject's stream {e}; what it draws may be wrong")
                            }
                            _ => format!("a form XObject's stream {e}; what it draws is lost"),
                        };
                        self.ctx.warnings.add(place, m);
                        e.into_data()
                    }
                };
                let rc = Rc::new(data);
                self.ctx.forms.insert(id, rc.clone());
                rc
            }
        };
        let form_res = match get(doc, &stream.dict, b"Resources") {
            Some(Object::Dictionary(d)) => Some(d),
            _ => res,
        };
        let m: Matrix = get_nums(doc, &stream.dict, b"Matrix")
            .and_then(|v| <[f32; 6]>::try_from(v.as_slice()).ok())
            .filter(matrix::is_finite)
            .unwrap_or(IDENTITY);
        let saved_gs = self.gs.clone();
        let saved_stack = self.stack.len();
        let (saved_tm, saved_tlm) = (self.tm, self.tlm);
        self.gs.ctm = matrix::mul(&m, &self.gs.ctm);
        self.form_stack.insert(id);
        self.depth += 1;
        let r = self.run(&content, form_res);
        self.depth -= 1;
        self.form_stack.remove(&id);
        self.stack.truncate(saved_stack);
        self.gs = saved_gs;
        self.tm = saved_tm;
        self.tlm = saved_tlm;
        r
    }
}
