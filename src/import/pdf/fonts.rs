//! PDF fonts as far as text needs them: how to decode their strings (lopdf's encodings,
//! `ToUnicode` maps first) and how far each glyph moves the pen (`/Widths`, `/W`).

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::layout::{MAX_CONTENT, State};

/// A glyph width when the font gives none (the standard 14 fonts): half an em.
const DEFAULT_WIDTH: f32 = 500.0;

/// What a font tells about its text: how to decode it and how wide its glyphs are.
pub(super) struct Font<'a> {
    /// How its strings decode to text.
    decoder: Decoder<'a>,
    /// Composite fonts (Type0) use two-byte codes, as their usual Identity-H encoding does.
    two_byte: bool,
    widths: Widths,
}

/// Glyph widths in thousandths of an em, by code.
enum Widths {
    /// None given: [`DEFAULT_WIDTH`] for every glyph.
    Unknown,
    /// A simple font: `/Widths` from `/FirstChar`.
    Simple {
        first: u32,
        widths: Vec<f32>,
        missing: f32,
    },
    /// A composite font: `/W` of its descendant, single codes and ranges, and `/DW`.
    Composite {
        single: HashMap<u32, f32>,
        ranges: Vec<(u32, u32, f32)>,
        default: f32,
    },
}

impl<'a> Font<'a> {
    /// Reads the font dictionary `dict`.
    pub(super) fn read(doc: &'a Document, dict: &'a Dictionary) -> Font<'a> {
        let encoding = dict.get_font_encoding_with_limit(doc, MAX_CONTENT).ok();
        let two_byte = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let (decoder, widths) = if two_byte {
            (Decoder::Lopdf(encoding), composite_widths(doc, dict))
        } else {
            (
                Decoder::Table(code_table(doc, dict, encoding.as_ref())),
                simple_widths(doc, dict),
            )
        };
        Font {
            decoder,
            two_byte,
            widths,
        }
    }

    /// The text a string of this font stands for.
    pub(super) fn text(&self, bytes: &[u8]) -> String {
        match &self.decoder {
            Decoder::Lopdf(encoding) => encoding
                .as_ref()
                .and_then(|e| e.bytes_to_string(bytes).ok())
                .unwrap_or_default(),
            Decoder::Table(table) => bytes
                .iter()
                .map(|&b| table[usize::from(b)].as_str())
                .collect(),
        }
    }

    /// How far a string moves the text position, in text-space units.
    pub(super) fn advance(&self, bytes: &[u8], s: &State) -> f32 {
        let codes: Vec<u32> = if self.two_byte {
            bytes
                .chunks_exact(2)
                .map(|p| u32::from(p[0]) << 8 | u32::from(p[1]))
                .collect()
        } else {
            bytes.iter().map(|b| u32::from(*b)).collect()
        };
        codes
            .iter()
            .map(|&code| {
                let glyph = self.width(code) / 1000.0 * s.size + s.char_spacing;
                let word = if !self.two_byte && code == 32 {
                    s.word_spacing
                } else {
                    0.0
                };
                (glyph + word) * s.scale
            })
            .sum()
    }

    fn width(&self, code: u32) -> f32 {
        match &self.widths {
            Widths::Unknown => DEFAULT_WIDTH,
            Widths::Simple {
                first,
                widths,
                missing,
            } => code
                .checked_sub(*first)
                .and_then(|i| widths.get(i as usize))
                .copied()
                .unwrap_or(*missing),
            Widths::Composite {
                single,
                ranges,
                default,
            } => single
                .get(&code)
                .or_else(|| {
                    ranges
                        .iter()
                        .find(|r| r.0 <= code && code <= r.1)
                        .map(|r| &r.2)
                })
                .copied()
                .unwrap_or(*default),
        }
    }
}

/// How a font's strings become text.
enum Decoder<'a> {
    /// A composite font: lopdf's decoding of its `ToUnicode` map or predefined CMap.
    Lopdf(Option<Encoding<'a>>),
    /// A simple font: the text of each of its 256 one-byte codes.
    Table(Vec<String>),
}

/// The text of each code of a simple font: what its `ToUnicode` map says, else what its
/// encoding's glyph stands for.
///
/// The map comes first (PDF 32000-1, 9.10.2), and it is read even when the font names an
/// encoding, which lopdf would use instead: WinAnsiEncoding draws code 0xA0 with the space
/// glyph, so only the map tells that the text there is a no-break space, and a producer's
/// map says which letters a ligature or a private glyph stands for. A map may cover only
/// some codes; the others keep their glyph's meaning.
fn code_table(doc: &Document, dict: &Dictionary, encoding: Option<&Encoding>) -> Vec<String> {
    let map = to_unicode(doc, dict);
    (0..=u8::MAX)
        .map(|code| {
            let decode = |e: &Encoding| e.bytes_to_string(&[code]).ok();
            map.as_ref()
                .and_then(decode)
                .filter(|t| !t.is_empty() && t != "\u{fffd}")
                .or_else(|| encoding.and_then(decode))
                .unwrap_or_default()
        })
        .collect()
}

/// The font's `ToUnicode` map, when it has one that lopdf can read.
fn to_unicode(doc: &Document, dict: &Dictionary) -> Option<Encoding<'static>> {
    // lopdf parses a map only as a font's encoding, and prefers `/Encoding` when there is
    // one: ask it about a font that has the map alone.
    let map = dict.get(b"ToUnicode").ok()?;
    let mut alone = Dictionary::new();
    alone.set("Type", Object::Name(b"Font".to_vec()));
    alone.set("ToUnicode", map.clone());
    match alone.get_font_encoding_with_limit(doc, MAX_CONTENT) {
        // the map owns its data: it outlives the dictionary it was read through
        Ok(Encoding::UnicodeMapEncoding(map)) => Some(Encoding::UnicodeMapEncoding(map)),
        _ => None,
    }
}

fn number(doc: &Document, o: &Object) -> Option<f32> {
    doc.dereference(o).ok()?.1.as_float().ok()
}

fn simple_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let Ok(widths) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) else {
        return Widths::Unknown;
    };
    let first = dict
        .get_deref(b"FirstChar", doc)
        .and_then(Object::as_i64)
        .ok()
        .and_then(|f| u32::try_from(f).ok())
        .unwrap_or(0);
    let missing = dict
        .get_deref(b"FontDescriptor", doc)
        .and_then(Object::as_dict)
        .and_then(|d| d.get_deref(b"MissingWidth", doc))
        .ok()
        .and_then(|o| o.as_float().ok())
        .unwrap_or(DEFAULT_WIDTH);
    Widths::Simple {
        first,
        widths: widths
            .iter()
            .map(|w| number(doc, w).unwrap_or(missing))
            .collect(),
        missing,
    }
}

fn composite_widths(doc: &Document, dict: &Dictionary) -> Widths {
    let Some(descendant) = dict
        .get_deref(b"DescendantFonts", doc)
        .and_then(Object::as_array)
        .ok()
        .and_then(|a| a.first())
        .and_then(|d| doc.dereference(d).ok())
        .and_then(|(_, d)| d.as_dict().ok())
    else {
        return Widths::Unknown;
    };
    let default = descendant
        .get_deref(b"DW", doc)
        .ok()
        .and_then(|o| o.as_float().ok())
        .unwrap_or(1000.0);
    let mut single = HashMap::new();
    let mut ranges = Vec::new();
    let w = descendant
        .get_deref(b"W", doc)
        .and_then(Object::as_array)
        .map_or(&[][..], |a| a.as_slice());
    let code = |o: &Object| number(doc, o).map(|n| n.max(0.0) as u32);
    let mut i = 0;
    // `c [w1 w2 ...]` gives widths from code c on; `c_first c_last w` one width for a range
    while i + 1 < w.len() {
        let Some(start) = code(&w[i]) else { break };
        match doc.dereference(&w[i + 1]).map(|(_, o)| o) {
            Ok(Object::Array(list)) => {
                for (k, width) in list.iter().enumerate() {
                    if let Some(width) = number(doc, width) {
                        single.insert(start.saturating_add(k as u32), width);
                    }
                }
                i += 2;
            }
            Ok(_) if i + 2 < w.len() => {
                if let (Some(end), Some(width)) = (code(&w[i + 1]), number(doc, &w[i + 2])) {
                    ranges.push((start, end, width));
                }
                i += 3;
            }
            _ => break,
        }
    }
    Widths::Composite {
        single,
        ranges,
        default,
    }
}
