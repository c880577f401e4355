//! The text of one PDF page, in the order its content stream draws it.
//!
//! A PDF holds no lines or spaces, only strings drawn at positions. The text is rebuilt
//! from where each string lands on the page: a line break where the text moves to another
//! line, a blank line where it moves further than a line and a half (a paragraph or a
//! heading), a space where it jumps ahead on the same line (a word placed on its own, or
//! kerned apart in a `TJ` array). Nothing else is changed: hyphens at line ends, running
//! heads and page numbers stay, as the page shows them. Text in form XObjects is read where
//! they are drawn.

use std::collections::{HashMap, HashSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::Font;

/// The most decompressed content read for one page or form (lopdf's default bound): a
/// small stream that would inflate to gigabytes is refused, not read.
pub(super) const MAX_CONTENT: usize = lopdf::DEFAULT_MAX_DECOMPRESSED_SIZE;

/// How deeply forms may draw forms.
const MAX_FORM_DEPTH: usize = 8;

/// An affine matrix `[a b c d e f]`, as PDF writes them.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n`: PDF's row-vector convention, a point is transformed by `m × n`.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// The text of the page `page_id`.
pub fn page_text(doc: &Document, page_id: ObjectId) -> Result<String, lopdf::Error> {
    let (inline, ids) = doc.get_page_resources(page_id)?;
    let mut resources: Vec<&Dictionary> = inline.into_iter().collect();
    resources.extend(ids.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    let content = doc.get_page_content_with_limit(page_id, MAX_CONTENT)?;
    let mut page = Page {
        doc,
        out: String::new(),
        last: None,
        fonts: HashMap::new(),
        forms: HashSet::new(),
    };
    page.run(&content, &resources, IDENTITY, 0)?;
    Ok(page.out)
}

/// Where the previous string ended, in page space, and its size there.
#[derive(Debug, Clone, Copy)]
struct Mark {
    x: f32,
    y: f32,
    size: f32,
}

struct Page<'a> {
    doc: &'a Document,
    out: String,
    last: Option<Mark>,
    /// Fonts read so far, by the id of their dictionary.
    fonts: HashMap<*const Dictionary, Font<'a>>,
    /// Forms being drawn, against cycles.
    forms: HashSet<ObjectId>,
}

/// The text state and graphics state that decide where a string lands.
#[derive(Debug, Clone)]
pub(super) struct State<'r> {
    ctm: Matrix,
    stack: Vec<Matrix>,
    tm: Matrix,
    tlm: Matrix,
    leading: f32,
    /// The font size (`Tf`).
    pub(super) size: f32,
    /// Extra space after each glyph (`Tc`).
    pub(super) char_spacing: f32,
    /// Extra space after each single-byte space (`Tw`).
    pub(super) word_spacing: f32,
    /// Horizontal scaling (`Tz`), as a factor.
    pub(super) scale: f32,
    font: Option<&'r Dictionary>,
}

impl<'a> Page<'a> {
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), lopdf::Error> {
        let content = Content::decode(content)?;
        let mut s = State {
            ctm,
            stack: Vec::new(),
            tm: IDENTITY,
            tlm: IDENTITY,
            leading: 0.0,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            font: None,
        };
        for op in &content.operations {
            let num = |i: usize| {
                op.operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .unwrap_or(0.0)
            };
            match op.operator.as_str() {
                "q" => s.stack.push(s.ctm),
                "Q" => s.ctm = s.stack.pop().unwrap_or(s.ctm),
                "cm" => s.ctm = mul(&[num(0), num(1), num(2), num(3), num(4), num(5)], &s.ctm),
                "BT" => (s.tm, s.tlm) = (IDENTITY, IDENTITY),
                "Tf" => {
                    s.size = num(1);
                    s.font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| lookup(self.doc, resources, b"Font", name))
                        .and_then(|o| o.as_dict().ok());
                }
                "TL" => s.leading = num(0),
                "Tc" => s.char_spacing = num(0),
                "Tw" => s.word_spacing = num(0),
                "Tz" => s.scale = num(0) / 100.0,
                "Td" => next_line(&mut s, num(0), num(1)),
                "TD" => {
                    s.leading = -num(1);
                    next_line(&mut s, num(0), num(1));
                }
                "Tm" => {
                    s.tm = [num(0), num(1), num(2), num(3), num(4), num(5)];
                    s.tlm = s.tm;
                }
                "T*" => {
                    let leading = s.leading;
                    next_line(&mut s, 0.0, -leading);
                }
                "Tj" => self.show_operand(&mut s, op.operands.first()),
                "'" => {
                    let leading = s.leading;
                    next_line(&mut s, 0.0, -leading);
                    self.show_operand(&mut s, op.operands.first());
                }
                "\"" => {
                    s.word_spacing = num(0);
                    s.char_spacing = num(1);
                    let leading = s.leading;
                    next_line(&mut s, 0.0, -leading);
                    self.show_operand(&mut s, op.operands.get(2));
                }
                "TJ" => {
                    for item in op
                        .operands
                        .first()
                        .and_then(|o| o.as_array().ok())
                        .into_iter()
                        .flatten()
                    {
                        match item {
                            Object::String(..) => self.show_operand(&mut s, Some(item)),
                            // a number moves the next glyph back by thousandths of an em
                            other => {
                                let kern = other.as_float().unwrap_or(0.0);
                                let dx = -kern / 1000.0 * s.size * s.scale;
                                advance(&mut s, dx);
                            }
                        }
                    }
                }
                "Do" if depth < MAX_FORM_DEPTH => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.form(name, resources, s.ctm, depth)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Draws the form XObject `name`, if it is one: its own resources first, then the
    /// page's, which a form may rely on.
    fn form(
        &mut self,
        name: &[u8],
        resources: &[&'a Dictionary],
        ctm: Matrix,
        depth: usize,
    ) -> Result<(), lopdf::Error> {
        let doc = self.doc;
        let Some(Object::Reference(id)) = lookup_raw(doc, resources, b"XObject", name) else {
            return Ok(());
        };
        let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else {
            return Ok(());
        };
        let is_form = stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
        if !is_form || !self.forms.insert(*id) {
            return Ok(());
        }
        let matrix = match stream.dict.get(b"Matrix").and_then(Object::as_array) {
            Ok(m) if m.len() == 6 => {
                let n = |i: usize| m[i].as_float().unwrap_or(0.0);
                [n(0), n(1), n(2), n(3), n(4), n(5)]
            }
            _ => IDENTITY,
        };
        let mut inner: Vec<&Dictionary> = stream
            .dict
            .get_deref(b"Resources", doc)
            .and_then(Object::as_dict)
            .into_iter()
            .collect();
        inner.extend_from_slice(resources);
        let content = stream
            .decompressed_content_with_limit(MAX_CONTENT)
            .or_else(|_| {
                // an uncompressed stream has nothing to decompress
                if stream.dict.has(b"Filter") {
                    Err(lopdf::Error::DictKey("Filter".into()))
                } else {
                    Ok(stream.content.clone())
                }
            })?;
        let result = self.run(&content, &inner, mul(&matrix, &ctm), depth + 1);
        self.forms.remove(id);
        result
    }

    fn show_operand(&mut self, s: &mut State<'a>, operand: Option<&Object>) {
        if let Some(Object::String(bytes, _)) = operand {
            self.show(s, bytes);
        }
    }

    /// Writes a string where it lands, after the break or space its position calls for.
    fn show(&mut self, s: &mut State<'a>, bytes: &[u8]) {
        let Some(dict) = s.font else {
            // text drawn without a font cannot be decoded
            return;
        };
        let doc = self.doc;
        let font = self
            .fonts
            .entry(std::ptr::from_ref(dict))
            .or_insert_with(|| Font::read(doc, dict));
        let text = font.text(bytes);
        let width = font.advance(bytes, s);
        let trm = mul(&s.tm, &s.ctm);
        let size = (s.size * (trm[0] * trm[3] - trm[1] * trm[2]).abs().sqrt()).max(0.01);
        let here = Mark {
            x: trm[4],
            y: trm[5],
            size,
        };
        if !text.is_empty() {
            separate(&mut self.out, self.last, here, &text);
            push_clean(&mut self.out, &text);
        }
        advance(s, width);
        let end = mul(&s.tm, &s.ctm);
        self.last = Some(Mark {
            x: end[4],
            y: end[5],
            size,
        });
    }
}

/// Moves to the start of the next line, offset by `(tx, ty)` from the start of this one.
fn next_line(s: &mut State, tx: f32, ty: f32) {
    s.tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &s.tlm);
    s.tm = s.tlm;
}

/// Moves along the line by `dx` text-space units.
fn advance(s: &mut State, dx: f32) {
    s.tm[4] += dx * s.tm[0];
    s.tm[5] += dx * s.tm[1];
}

/// The break or space that goes between the previous string and one drawn at `here`.
fn separate(out: &mut String, last: Option<Mark>, here: Mark, text: &str) {
    let Some(last) = last else { return };
    let unit = here.size.max(last.size);
    let dy = (here.y - last.y).abs();
    if dy > 1.5 * unit {
        let newlines = out.len() - out.trim_end_matches('\n').len();
        for _ in newlines..2 {
            out.push('\n');
        }
    } else if dy > 0.5 * unit {
        if !out.ends_with('\n') {
            out.push('\n');
        }
    } else if here.x > last.x + 0.15 * unit
        && !out.ends_with(char::is_whitespace)
        && !text.starts_with(char::is_whitespace)
    {
        out.push(' ');
    }
}

/// Appends decoded text, leaving out control characters (a damaged encoding's output, or a
/// form feed that would pass for a page boundary) and spelling out typographic ligatures
/// (`ﬁ` is a glyph the font chose, the text says `fi`).
fn push_clean(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\u{fb00}' => out.push_str("ff"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{fb03}' => out.push_str("ffi"),
            '\u{fb04}' => out.push_str("ffl"),
            '\u{fb05}' | '\u{fb06}' => out.push_str("st"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// An entry of a resource category (`/Font`, `/XObject`) by name, dereferenced.
fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    let found = lookup_raw(doc, resources, category, name)?;
    doc.dereference(found).ok().map(|(_, o)| o)
}

/// An entry of a resource category by name, as written (a reference, usually).
fn lookup_raw<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        r.get_deref(category, doc)
            .and_then(Object::as_dict)
            .ok()?
            .get(name)
            .ok()
    })
}
