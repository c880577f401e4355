//! Saved web pages: the article only, as plain-text paragraphs, and what the page says
//! about itself (Open Graph and `article:` meta tags, the canonical link, JSON-LD, `<time>`).
//!
//! The article is found by dom_smoothie, a port of Mozilla's Readability (Firefox's reader
//! view): navigation, headers, footers, cookie banners, related links, scripts and styles
//! are left out. Headings, paragraphs and list items each become a paragraph or line of
//! the text, in the order of the page.

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};

use super::{Extracted, iso_date, one_line};

/// Reads a saved web page.
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let html = decode(bytes);
    let document = Document::from(html.as_str());
    let meta = |selector: &str| -> Option<String> {
        document
            .select(selector)
            .iter()
            .find_map(|node| node.attr("content").and_then(|c| one_line(&c)))
    };
    let og_title = meta(r#"meta[property="og:title"], meta[name="og:title"]"#);
    let og_site = meta(r#"meta[property="og:site_name"], meta[name="og:site_name"]"#);
    let og_type = meta(r#"meta[property="og:type"]"#);
    let published =
        meta(r#"meta[property="article:published_time"], meta[name="article:published_time"]"#)
            .and_then(|d| iso_date(&d));
    let time = document
        .select("time[datetime]")
        .iter()
        .find_map(|node| node.attr("datetime").and_then(|d| iso_date(&d)));
    let head_title = document
        .select("head title")
        .iter()
        .find_map(|node| one_line(&node.text()));
    let url = document
        .select(r#"link[rel="canonical"]"#)
        .iter()
        .find_map(|node| node.attr("href").map(|h| h.to_string()))
        .or_else(|| meta(r#"meta[property="og:url"]"#))
        .filter(|u| is_web_address(u));

    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let article = Readability::with_document(document, None, Some(config))
        .and_then(|mut r| r.parse())
        .map_err(|e| format!("no article was found in this page ({e})"))?;
    let text = paragraphs(&article.text_content);
    Ok(Extracted {
        title: og_title.or_else(|| one_line(&article.title)).or(head_title),
        date: published
            .or_else(|| article.published_time.as_deref().and_then(iso_date))
            .or(time),
        publisher: og_site.or_else(|| article.site_name.as_deref().and_then(one_line)),
        url,
        kind: og_type
            .filter(|t| t == "article")
            .map(|_| "article".to_string()),
        pages: None,
        text,
    })
}

/// The page's text: UTF-8 when it is (or says it is), else the encoding its byte order mark
/// or `<meta charset>` names, else Windows-1252, as browsers read pages without a charset.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let encoding = declared_charset(bytes)
        .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes()))
        .unwrap_or(encoding_rs::WINDOWS_1252);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The `charset=` declared in the first kilobytes of a page.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// An absolute http(s) address without spaces: what a `source.url` may be.
fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(|c: char| c.is_whitespace() || c.is_control())
}

/// Readability's formatted text with the layout of a text document: lines without trailing
/// spaces, paragraphs separated by one blank line, no blank lines around the text.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_in_legacy_encodings_are_decoded() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode(latin1).contains("café"));
        let undeclared = b"<p>d\xe9j\xe0 \x93vu\x94</p>";
        assert!(decode(undeclared).contains("déjà “vu”"));
        assert_eq!(decode("naïve".as_bytes()), "naïve");
    }

    #[test]
    fn paragraphs_are_separated_by_one_blank_line() {
        assert_eq!(paragraphs("\n\n A  \n\n\n\nB\nC  \n\n"), " A\n\nB\nC\n");
    }

    #[test]
    fn garbage_is_an_error_or_text_never_a_panic() {
        for bytes in [
            &b""[..],
            b"\x00\x01\x02",
            b"<html><body></body></html>",
            b"<<<>>>",
        ] {
            let _ = extract(bytes);
        }
    }
}
