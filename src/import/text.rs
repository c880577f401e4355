//! Plain text and Markdown: the file is the text, kept as it is; its title is its first
//! heading (Markdown) or its first line (text), when short enough to be one.

use super::{Extracted, one_line};

/// The longest first line taken for a title: past that it is a paragraph.
const MAX_TITLE_CHARS: usize = 150;

/// Reads a `.txt` (`markdown` false) or `.md` file.
pub fn extract(bytes: &[u8], markdown: bool) -> Result<Extracted, String> {
    let text = decode(bytes)?;
    let title = if markdown {
        markdown_title(&text)
    } else {
        first_line(&text)
    };
    Ok(Extracted {
        text,
        title,
        ..Extracted::default()
    })
}

/// The text of a UTF-8 file (its byte order mark left out: an encoding mark, not text), or
/// of a UTF-16 one with a byte order mark, as Windows' Notepad saves "Unicode".
fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(utf16) = bytes
        .strip_prefix(b"\xff\xfe")
        .map(|b| (b, u16::from_le_bytes as fn([u8; 2]) -> u16))
        .or_else(|| {
            bytes
                .strip_prefix(b"\xfe\xff")
                .map(|b| (b, u16::from_be_bytes as fn([u8; 2]) -> u16))
        })
    {
        let (body, unit) = utf16;
        let units = body.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
        return char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| "this UTF-16 file is damaged: save it again as UTF-8".to_string());
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "this file is not UTF-8 (byte {} is not): save it as UTF-8 (most editors offer this under \"Save with encoding\") and import it again",
            e.utf8_error().valid_up_to()
        )
    })
}

/// The first non-blank line, if it is short enough to be a title.
fn first_line(text: &str) -> Option<String> {
    let line = text.lines().find(|l| !l.trim().is_empty())?;
    short(line)
}

/// The first heading of a Markdown text: `# Title` (ATX) or a line underlined with `=` or
/// `-` (setext). Lines in fenced code are not headings.
fn markdown_title(text: &str) -> Option<String> {
    let mut fenced = false;
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fenced = !fenced;
            previous = None;
            continue;
        }
        if fenced {
            continue;
        }
        let indent = line.len() - trimmed.len();
        if indent < 4
            && let Some(rest) = trimmed.strip_prefix('#')
        {
            let rest = rest.trim_start_matches('#');
            if rest.is_empty() || rest.starts_with([' ', '\t']) {
                return short(rest.trim().trim_end_matches('#'));
            }
        }
        let underline = trimmed.trim_end();
        if let Some(above) = previous
            && !underline.is_empty()
            && (underline.chars().all(|c| c == '=') || underline.chars().all(|c| c == '-'))
        {
            return short(above);
        }
        previous = (!line.trim().is_empty()).then_some(line);
    }
    None
}

fn short(line: &str) -> Option<String> {
    one_line(line).filter(|l| l.chars().count() <= MAX_TITLE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_title_is_its_first_heading_outside_code() {
        let text = "```\n# not this\n```\nIntro\n\n## The *title* ##\n";
        assert_eq!(markdown_title(text).as_deref(), Some("The *title*"));
        assert_eq!(markdown_title("Title\n=====\n").as_deref(), Some("Title"));
        assert_eq!(markdown_title("#hashtag\n"), None);
    }

    #[test]
    fn utf8_byte_order_marks_are_dropped_and_utf16_is_read() {
        assert_eq!(decode(b"\xef\xbb\xbfcaf\xc3\xa9").unwrap(), "café");
        assert_eq!(decode(b"\xff\xfeh\0i\0").unwrap(), "hi");
        assert_eq!(decode(b"\xfe\xff\0h\0i").unwrap(), "hi");
        let e = decode(b"caf\xe9").unwrap_err();
        assert!(e.contains("not UTF-8 (byte 3"), "{e}");
    }

    #[test]
    fn a_long_first_line_is_no_title() {
        assert_eq!(first_line("\n\n  Notes  \nbody").as_deref(), Some("Notes"));
        assert_eq!(first_line(&"word ".repeat(40)), None);
    }
}
