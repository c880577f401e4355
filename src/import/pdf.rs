//! PDF: the text of every page, pages separated by form feeds (U+000C), and the title and
//! creation date of the document information dictionary.
//!
//! Read with lopdf, which decrypts files that need no password (an owner password only
//! restricts printing or copying), rebuilds damaged cross-reference tables and bounds
//! decompression. The text is verbatim: hyphenated line ends, running heads and page numbers
//! are kept; `reflow` is for display ([`layout`] says how lines and spaces are rebuilt).

mod fonts;
mod layout;

use lopdf::{Document, Object};

use super::{Extracted, one_line};

/// The most pages read: past that a file is not a source document but a library.
const MAX_PAGES: usize = 20_000;

/// The longest first line taken for a title when the metadata has none.
const MAX_TITLE_CHARS: usize = 150;

/// Reads a PDF file.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        return Err("this is not a PDF file (it does not start with `%PDF`)".into());
    }
    if !has_end(bytes) {
        return Err(
            "this PDF is truncated: it has no `%%EOF` end marker; get a complete copy of the file"
                .into(),
        );
    }
    let doc = Document::load_mem(bytes).map_err(|e| {
        format!("this PDF cannot be read ({e}): it may be damaged or truncated; open it in a PDF reader and save or print it again as a new PDF")
    })?;
    // lopdf tries the empty password itself; a document still encrypted needs a real one
    if doc.is_encrypted() && !doc.was_encrypted() {
        return Err("this PDF is encrypted with a password: open it with the password and save an unprotected copy (or print it to a new PDF), then import that".into());
    }
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err(
            "this PDF has no pages that can be read: it may be damaged or truncated".into(),
        );
    }
    if pages.len() > MAX_PAGES {
        return Err(format!(
            "this PDF has {} pages; at most {MAX_PAGES} are imported: split it into documents",
            pages.len()
        ));
    }
    let mut texts = Vec::with_capacity(pages.len());
    for (number, id) in &pages {
        let text = layout::page_text(&doc, *id)
            .map_err(|e| format!("page {number} of this PDF cannot be read ({e}): it may be damaged; open it in a PDF reader and print it again as a new PDF"))?;
        texts.push(text);
    }
    let text = join_pages(&texts);
    if doc.xref_recovery.is_some() && text.split_whitespace().next().is_none() {
        return Err("this PDF is damaged or truncated: it had to be repaired to be opened, and no text could be read from it; get a complete copy of the file".into());
    }
    let info = doc
        .trailer
        .get_deref(b"Info", &doc)
        .and_then(Object::as_dict)
        .ok();
    let info_text = |key: &[u8]| {
        info.and_then(|d| d.get_deref(key, &doc).ok())
            .and_then(|o| lopdf::decode_text_string(o).ok())
    };
    let title = info_text(b"Title")
        .and_then(|t| meaningful_title(&t))
        .or_else(|| first_line(&text));
    Ok(Extracted {
        title,
        date: info_text(b"CreationDate").and_then(|d| pdf_date(&d)),
        pages: Some(pages.len()),
        text,
        ..Extracted::default()
    })
}

/// Whether the file ends as every complete PDF does, with `%%EOF` (some producers add a
/// little after it). A truncated file can still be opened by rebuilding its cross-reference
/// table, and would then give part of its text as if it were all of it.
fn has_end(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(4096)..];
    tail.windows(5).any(|w| w == b"%%EOF")
}

/// The pages' texts, each ending with a line break, separated by form feeds: page `n`
/// starts after the `n - 1`th form feed. Blank lines around a page's text are where the
/// page was empty, not text.
fn join_pages(pages: &[String]) -> String {
    let mut text = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push('\u{c}');
        }
        let page = page.trim_matches('\n');
        text.push_str(page);
        if !page.is_empty() {
            text.push('\n');
        }
    }
    text
}

/// The Info title, unless it is what a producer writes by default: a file name
/// ("Microsoft Word - letter.docx", "scan0001.pdf") or a placeholder.
fn meaningful_title(title: &str) -> Option<String> {
    let title = one_line(title)?;
    let bare = title.strip_prefix("Microsoft Word - ").unwrap_or(&title);
    let lower = bare.to_lowercase();
    const FILE_ENDINGS: [&str; 9] = [
        ".doc", ".docx", ".rtf", ".odt", ".pdf", ".indd", ".qxd", ".tmp", ".txt",
    ];
    let placeholder =
        ["untitled", "untitled document", "document", "title"].contains(&lower.as_str());
    if placeholder || FILE_ENDINGS.iter().any(|e| lower.ends_with(e)) {
        return None;
    }
    Some(bare.to_string())
}

/// The first line of the text, when short enough to be a title.
fn first_line(text: &str) -> Option<String> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    one_line(line).filter(|l| l.chars().count() <= MAX_TITLE_CHARS)
}

/// A PDF date (`D:YYYYMMDDHHmmSSOHH'mm'`, every part after the year optional) at the
/// precision it is written: `D:2018` → `2018`, `D:201812` → `2018-12`, `D:20181207…` →
/// `2018-12-07`. The day is the one written, in the producer's time zone.
fn pdf_date(text: &str) -> Option<String> {
    let digits = text.trim().strip_prefix("D:").unwrap_or(text.trim());
    let run = digits.bytes().take_while(u8::is_ascii_digit).count();
    let iso = match run {
        4 | 5 => digits.get(..4)?.to_string(),
        6 | 7 => format!("{}-{}", digits.get(..4)?, digits.get(4..6)?),
        n if n >= 8 => format!(
            "{}-{}-{}",
            digits.get(..4)?,
            digits.get(4..6)?,
            digits.get(6..8)?
        ),
        _ => return None,
    };
    crate::date::PartialDate::parse(&iso).ok().map(|_| iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_keep_the_precision_they_have() {
        assert_eq!(
            pdf_date("D:20181207093000+01'00'").as_deref(),
            Some("2018-12-07")
        );
        assert_eq!(pdf_date("D:201812").as_deref(), Some("2018-12"));
        assert_eq!(pdf_date("D:2018").as_deref(), Some("2018"));
        assert_eq!(pdf_date("20190101").as_deref(), Some("2019-01-01"));
        assert_eq!(pdf_date("D:20181307"), None);
        assert_eq!(pdf_date("yesterday"), None);
    }

    #[test]
    fn producer_default_titles_are_not_titles() {
        assert_eq!(meaningful_title("Microsoft Word - letter.docx"), None);
        assert_eq!(meaningful_title("Untitled"), None);
        assert_eq!(meaningful_title("scan0001.pdf"), None);
        assert_eq!(
            meaningful_title("Microsoft Word - Annual report").as_deref(),
            Some("Annual report")
        );
        assert_eq!(
            meaningful_title(" Review\n 2018 ").as_deref(),
            Some("Review 2018")
        );
    }

    #[test]
    fn pages_are_separated_by_form_feeds() {
        let pages = ["\nOne\n".to_string(), String::new(), "Three".to_string()];
        assert_eq!(join_pages(&pages), "One\n\u{c}\u{c}Three\n");
    }

    /// A one-page PDF that draws `drawn` in Helvetica with WinAnsiEncoding, with `to_unicode`
    /// as the font's `ToUnicode` map when given.
    fn helvetica_pdf(drawn: &[u8], to_unicode: Option<&str>) -> Vec<u8> {
        use lopdf::{Stream, dictionary};
        let mut doc = Document::with_version("1.4");
        let mut font = dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        };
        if let Some(map) = to_unicode {
            let map = doc.add_object(Stream::new(dictionary! {}, map.as_bytes().to_vec()));
            font.set("ToUnicode", map);
        }
        let font = doc.add_object(font);
        let hex: String = drawn.iter().map(|b| format!("{b:02X}")).collect();
        let content = format!("BT /F1 10 Tf 72 700 Td <{hex}> Tj ET").into_bytes();
        let content = doc.add_object(Stream::new(dictionary! {}, content));
        let pages = doc.new_object_id();
        let page = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
            "Contents" => content,
        });
        doc.objects.insert(
            pages,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => vec![page.into()],
                "Count" => 1,
            }),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
        doc.trailer.set("Root", catalog);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        bytes
    }

    /// A `ToUnicode` map of one code, 0xA0 to U+00A0.
    const NBSP_MAP: &str = "/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfchar
<A0> <00A0>
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

    #[test]
    fn a_to_unicode_map_comes_before_the_encoding() {
        // WinAnsiEncoding draws 0xA0 with the space glyph; the map says it is a no-break
        // space, and covers that code alone: the others keep WinAnsiEncoding's meaning
        let text = extract(&helvetica_pdf(
            b"Andrus\xa0Ansip \x93Caf\xe9\x94",
            Some(NBSP_MAP),
        ))
        .unwrap()
        .text;
        assert_eq!(text, "Andrus\u{a0}Ansip \u{201c}Caf\u{e9}\u{201d}\n");
    }

    #[test]
    fn without_a_map_a_winansi_no_break_space_is_a_space() {
        let text = extract(&helvetica_pdf(b"Andrus\xa0Ansip", None))
            .unwrap()
            .text;
        assert_eq!(text, "Andrus Ansip\n");
    }

    #[test]
    fn damaged_files_are_errors_not_panics() {
        for bytes in [
            &b""[..],
            b"%PDF-1.4\n",
            b"%PDF-1.4\n1 0 obj << /Type /Catalog",
            b"\x00\xff%PDF-garbage",
        ] {
            assert!(extract(bytes).is_err(), "{bytes:?}");
        }
    }
}
