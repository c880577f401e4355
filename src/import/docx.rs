//! Word files (DOCX): the paragraphs of the body as plain-text paragraphs, and the title and
//! creation date of the core properties (`docProps/core.xml`).
//!
//! A DOCX file is a zip archive of XML parts, read here with `zip` and `quick-xml` rather
//! than `docx-rs`: docx-rs reads the body but not the core properties (its `CoreProps` are
//! written, never read), and it would bring an image codec and a second zip and XML parser.
//! Headers, footers, comments and deleted text (tracked changes) are left out: the text is
//! the body as it reads.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use zip::ZipArchive;

use super::{Extracted, iso_date, one_line};

/// The most XML read from one part: a zip bomb is refused, not inflated.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// The longest paragraph taken for a title when the properties have none.
const MAX_TITLE_CHARS: usize = 150;

/// Reads a DOCX file.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    if bytes.starts_with(&[0xd0, 0xcf, 0x11, 0xe0]) {
        return Err("this is a password-protected Word file or an old .doc one: save it in Word as .docx without a password, then import that".into());
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        format!("this Word file is damaged: it is not a readable zip archive ({e})")
    })?;
    let body = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| "this is not a Word document: it has no word/document.xml".to_string())?;
    let paragraphs = body_paragraphs(&body)?;
    let (title, created) = match part(&mut zip, "docProps/core.xml")? {
        Some(core) => core_properties(&core)?,
        None => (None, None),
    };
    let text = paragraphs
        .iter()
        .map(|p| p.text.trim_end())
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let heading = paragraphs
        .iter()
        .find(|p| p.is_heading() && !p.text.trim().is_empty())
        .or_else(|| paragraphs.iter().find(|p| !p.text.trim().is_empty()))
        .and_then(|p| one_line(&p.text))
        .filter(|t| t.chars().count() <= MAX_TITLE_CHARS);
    Ok(Extracted {
        text: if text.is_empty() { text } else { text + "\n" },
        title: title.or(heading),
        date: created.as_deref().and_then(iso_date),
        ..Extracted::default()
    })
}

/// A part of the archive as text, `None` when absent.
fn part(zip: &mut ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(format!(
                "this Word file is damaged: cannot open {name} ({e})"
            ));
        }
    };
    let mut xml = Vec::new();
    file.take(MAX_PART + 1)
        .read_to_end(&mut xml)
        .map_err(|e| format!("this Word file is damaged: cannot read {name} ({e})"))?;
    if xml.len() as u64 > MAX_PART {
        return Err(format!(
            "{name} in this Word file inflates to more than {} MB: it is not a document dossier imports",
            MAX_PART / 1024 / 1024
        ));
    }
    String::from_utf8(xml)
        .map(Some)
        .map_err(|_| format!("this Word file is damaged: {name} is not UTF-8 XML"))
}

/// A paragraph of the body and its style.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    style: Option<String>,
}

impl Paragraph {
    fn is_heading(&self) -> bool {
        self.style
            .as_deref()
            .is_some_and(|s| s == "Title" || s.starts_with("Heading"))
    }
}

/// The paragraphs of `word/document.xml`, in order; table cells are paragraphs too.
fn body_paragraphs(xml: &str) -> Result<Vec<Paragraph>, String> {
    let mut reader = Reader::from_str(xml);
    let mut paragraphs = Vec::new();
    let mut current: Option<Paragraph> = None;
    // inside <w:t>: text to keep; inside <w:delText> or <w:instrText>: text to leave out
    let mut in_text = false;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("word/document.xml", &e))?;
        match event {
            Event::Start(e) | Event::Empty(e) if local(&e) == "p" && is_w(&e) => {
                if let Some(p) = current.take() {
                    paragraphs.push(p);
                }
                current = Some(Paragraph::default());
            }
            Event::End(e) if e.local_name().as_ref() == "p" => {
                paragraphs.extend(current.take());
            }
            Event::Start(e) if local(&e) == "t" && is_w(&e) => in_text = true,
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::Start(e) | Event::Empty(e) => {
                if let Some(p) = current.as_mut() {
                    match local(&e) {
                        "tab" | "ptab" => p.text.push('\t'),
                        "br" | "cr" => p.text.push('\n'),
                        "noBreakHyphen" => p.text.push('\u{2011}'),
                        "pStyle" => p.style = attribute(&e, "w:val"),
                        _ => {}
                    }
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = current.as_mut() {
                    p.text.extend(entity(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    paragraphs.extend(current);
    Ok(paragraphs)
}

/// `dc:title` and `dcterms:created` of `docProps/core.xml`.
fn core_properties(xml: &str) -> Result<(Option<String>, Option<String>), String> {
    let mut reader = Reader::from_str(xml);
    // [title, created], and which of them the current element is
    let mut values = [String::new(), String::new()];
    let mut field: Option<usize> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| xml_error("docProps/core.xml", &e))?;
        match event {
            Event::Start(e) => {
                field = match e.name().as_ref() {
                    "dc:title" => Some(0),
                    "dcterms:created" => Some(1),
                    _ => None,
                };
            }
            Event::End(_) => field = None,
            Event::Text(t) => {
                if let Some(i) = field {
                    values[i].push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(i) = field {
                    values[i].extend(entity(&r));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let [title, created] = values;
    Ok((one_line(&title), one_line(&created)))
}

/// The local name of an element (`p` for `w:p`).
fn local<'a>(e: &'a BytesStart) -> &'a str {
    e.local_name().into_inner()
}

/// Whether an element is in WordprocessingML's usual `w:` prefix (a `<p>` of embedded
/// drawing markup is not a paragraph of the text).
fn is_w(e: &BytesStart) -> bool {
    e.name().prefix().is_some_and(|p| p.as_ref() == "w")
}

fn attribute(e: &BytesStart, name: &str) -> Option<String> {
    let attr = e.try_get_attribute(name).ok()??;
    attr.normalized_value(quick_xml::XmlVersion::default())
        .ok()
        .map(|v| v.into_owned())
}

/// The text of `&amp;`, `&#233;` and the other references XML allows.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c);
    }
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

fn xml_error(part: &str, e: &quick_xml::Error) -> String {
    format!("this Word file is damaged: {part} is not well-formed XML ({e})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_tabs_breaks_and_entities_but_not_deleted_text() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>A &amp; B</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">one </w:t><w:tab/><w:t>two</w:t><w:br/><w:t>&#233;</w:t></w:r>
            <w:r><w:delText>gone</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>
            </w:body></w:document>"#;
        let ps = body_paragraphs(xml).unwrap();
        assert_eq!(ps.len(), 2);
        assert_eq!(ps[0].text, "A & B");
        assert!(ps[0].is_heading());
        assert_eq!(ps[1].text, "one \ttwo\né");
    }

    #[test]
    fn garbage_and_truncated_archives_are_errors() {
        for bytes in [&b""[..], b"PK\x03\x04garbage", b"\xd0\xcf\x11\xe0rest"] {
            assert!(extract(bytes).is_err(), "{bytes:?}");
        }
    }
}
