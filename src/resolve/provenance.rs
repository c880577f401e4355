//! A document's provenance, checked: its web address, retrieval date, original file (which
//! must match its recorded SHA-256) and archived copies (whose capture date is read from
//! their address).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::load::originals::{ORIGINALS_DIR, Read, Unread};
use crate::load::raw::RawSource;
use crate::model::{Archive, Source};

/// The source of the document at `path` as checked, every problem reported: an empty
/// address is no address, and a value in error is left out.
pub(super) fn source(
    raw: &RawSource,
    path: &Path,
    originals: &BTreeMap<String, Read>,
    out: &mut Vec<Diagnostic>,
) -> Source {
    let error = |out: &mut Vec<Diagnostic>, span: &Range<usize>, message: String, hint: &str| {
        out.push(Diagnostic::error(path, span.clone(), message, hint));
    };
    let retrieved = raw
        .retrieved
        .as_ref()
        .and_then(|r| match PartialDate::parse(&r.value) {
            Ok(date) => Some(date),
            Err(why) => {
                let hint = "write dates as `2017`, `2018-12` or `2018-12-07`";
                error(out, &r.span, format!("invalid date: {why}"), hint);
                None
            }
        });
    let url = raw
        .url
        .as_ref()
        .filter(|u| !u.as_str().trim().is_empty())
        .and_then(|u| {
            if is_web_url(u.as_str()) {
                return Some(u.value.trim().to_string());
            }
            let hint = "a source URL starts with `https://` or `http://`";
            error(
                out,
                &u.span,
                format!("`{}` is not a web address", u.value),
                hint,
            );
            None
        });
    let archives = raw
        .archive
        .iter()
        .chain(&raw.archives)
        .filter_map(|a| match archive(a.as_str()) {
            Ok(archive) => Some(archive),
            Err((message, hint)) => {
                error(out, &a.span, message, hint);
                None
            }
        })
        .collect();
    Source {
        publisher: raw.publisher.clone(),
        title: raw.title.clone(),
        url,
        retrieved,
        original: original(raw, path, originals, out),
        note: raw.note.clone().filter(|n| !n.trim().is_empty()),
        archives,
    }
}

/// The original `raw` names, if it was read and matches its recorded hash; otherwise the
/// problem is reported at the field to fix.
fn original(
    raw: &RawSource,
    path: &Path,
    originals: &BTreeMap<String, Read>,
    out: &mut Vec<Diagnostic>,
) -> Option<std::sync::Arc<crate::model::Original>> {
    let (file, sha256) = match (&raw.file, &raw.sha256) {
        (None, None) => return None,
        (None, Some(sha256)) => {
            out.push(Diagnostic::error(
                path,
                sha256.span.clone(),
                "`sha256` is the hash of an original file, but `source.file` names none",
                "add `file = \"originals/…\"` beside it, or remove `sha256`",
            ));
            return None;
        }
        (Some(file), sha256) => (file, sha256),
    };
    let at =
        |message: String, hint: String| Diagnostic::error(path, file.span.clone(), message, hint);
    let named = file.as_str();
    let read = match originals.get(named) {
        Some(Ok(read)) => read,
        Some(Err(unread)) => {
            out.push(match unread {
                Unread::Refused(why) => at(
                    format!("`{named}` is not a file of the project's `{ORIGINALS_DIR}/` folder"),
                    (*why).to_string(),
                ),
                Unread::Missing(Some(like)) => at(
                    format!("the original `{named}` does not exist"),
                    format!("did you mean `{like}`?"),
                ),
                Unread::Missing(None) => at(
                    format!("the original `{named}` does not exist"),
                    format!(
                        "put the file at `{named}` or correct the path; `dossier import FILE` copies an original into `{ORIGINALS_DIR}/` and records its hash"
                    ),
                ),
                Unread::Link => at(
                    format!("`{named}` goes through a symbolic link, which the build never follows"),
                    format!("copy the file itself into `{ORIGINALS_DIR}/`"),
                ),
                Unread::NotAFile => at(
                    format!("`{named}` is not a file"),
                    "name the original file itself".to_string(),
                ),
                Unread::Failed(why) => at(
                    format!("cannot read the original `{named}`: {why}"),
                    "check the file's permissions".to_string(),
                ),
            });
            return None;
        }
        // Not looked for: the load reads every original a document names.
        None => return None,
    };
    let Some(sha256) = sha256 else {
        out.push(at(
            format!("the original `{named}` has no recorded hash"),
            format!(
                "add `sha256 = \"{}\"` to `source`, so that the build can tell if the file is ever changed",
                read.sha256
            ),
        ));
        return None;
    };
    let expected = sha256.as_str().trim().to_ascii_lowercase();
    if expected.len() != 64 || !expected.bytes().all(|b| b.is_ascii_hexdigit()) {
        out.push(Diagnostic::error(
            path,
            sha256.span.clone(),
            format!("`{}` is not a SHA-256 hash", sha256.value),
            "a SHA-256 is 64 hexadecimal digits, as `sha256sum FILE` prints them",
        ));
        return None;
    }
    if expected != read.sha256 {
        out.push(Diagnostic::error(
            path,
            sha256.span.clone(),
            format!(
                "the original `{named}` has changed since it was imported: expected {expected}, found {}",
                read.sha256
            ),
            format!(
                "restore the original file; if the new file is the right one, record its hash: sha256 = \"{}\"",
                read.sha256
            ),
        ));
        return None;
    }
    Some(read.clone())
}

/// True for an address a browser can open from a page.
pub(super) fn is_web_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url
            .trim()
            .chars()
            .any(|c| c.is_whitespace() || c.is_control())
}

/// The hosts of archive.today, which answers under several names.
const ARCHIVE_TODAY: &[&str] = &[
    "archive.today",
    "archive.ph",
    "archive.is",
    "archive.li",
    "archive.vn",
    "archive.fo",
    "archive.md",
];

/// An archived copy from its address, or the error message and hint. The forms are the
/// Wayback Machine's `https://web.archive.org/web/20190115093000/https://…` and
/// archive.today's `https://archive.ph/2019.01.15-093000/https://…` (or with a 14-digit
/// timestamp): both say when the copy was made.
fn archive(address: &str) -> Result<Archive, (String, &'static str)> {
    const FORMS: &str = "use the Wayback Machine's `https://web.archive.org/web/20190115093000/https://…` or archive.today's `https://archive.ph/2019.01.15-093000/https://…`";
    let address = address.trim();
    let not_an_archive = || {
        (
            format!("`{address}` is not the address of an archived copy"),
            FORMS,
        )
    };
    let rest = address
        .strip_prefix("https://")
        .or_else(|| address.strip_prefix("http://"))
        .filter(|_| is_web_url(address))
        .ok_or_else(not_an_archive)?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let (service, stamp, original) = if matches!(
        host.as_str(),
        "web.archive.org" | "wayback.archive.org" | "archive.org"
    ) {
        let path = path.strip_prefix("web/").ok_or_else(not_an_archive)?;
        let (stamp, original) = path.split_once('/').ok_or_else(not_an_archive)?;
        // `20190115093000id_` and its kin ask for the copy without the archive's banner.
        let digits = stamp.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '_');
        ("Wayback Machine", digits.to_string(), original)
    } else if ARCHIVE_TODAY.contains(&host.strip_prefix("www.").unwrap_or(&host)) {
        let (stamp, original) = path.split_once('/').unwrap_or((path, ""));
        let digits: String = stamp.chars().filter(|c| *c != '.' && *c != '-').collect();
        if original.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err((
                format!(
                    "`{address}` is a short archive.today link, which does not say when the copy was made"
                ),
                "use the long form that archive.today shows on the copy's page, `https://archive.ph/2019.01.15-093000/https://…`",
            ));
        }
        ("archive.today", digits, original)
    } else {
        return Err(not_an_archive());
    };
    let captured = capture_date(&stamp).ok_or_else(|| {
        (
            format!("`{address}` does not give a valid capture date"),
            "the timestamp after the archive's host is `YYYYMMDDhhmmss`, as in `20190115093000`",
        )
    })?;
    if !is_web_url(original) {
        return Err((
            format!("`{address}` does not end with the address that was archived"),
            FORMS,
        ));
    }
    Ok(Archive {
        url: address.to_string(),
        service,
        captured,
        captured_at: capture_time(&stamp),
    })
}

/// The date of a `YYYY[MM[DD[hhmmss]]]` timestamp, at the precision it has.
fn capture_date(stamp: &str) -> Option<PartialDate> {
    if !stamp.bytes().all(|b| b.is_ascii_digit())
        || !matches!(stamp.len(), 4 | 6 | 8 | 10 | 12 | 14)
    {
        return None;
    }
    let date = match stamp.len() {
        4 => stamp.to_string(),
        6 => format!("{}-{}", &stamp[..4], &stamp[4..6]),
        _ => format!("{}-{}-{}", &stamp[..4], &stamp[4..6], &stamp[6..8]),
    };
    let time_ok = stamp.len() < 14 || {
        let (h, m, s) = (&stamp[8..10], &stamp[10..12], &stamp[12..14]);
        h < "24" && m < "60" && s < "61"
    };
    PartialDate::parse(&date).ok().filter(|_| time_ok)
}

/// The capture time in ISO 8601, to the second when the timestamp has it (Wayback times
/// are UTC), else the date alone.
fn capture_time(stamp: &str) -> String {
    if stamp.len() == 14 {
        format!(
            "{}-{}-{}T{}:{}:{}Z",
            &stamp[..4],
            &stamp[4..6],
            &stamp[6..8],
            &stamp[8..10],
            &stamp[10..12],
            &stamp[12..14]
        )
    } else {
        capture_date(stamp)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::frontmatter::Located;

    fn located(value: &str) -> Located {
        Located {
            value: value.into(),
            span: 0..value.len(),
        }
    }

    #[test]
    fn a_wayback_address_gives_its_capture_date() {
        let a = archive("https://web.archive.org/web/20190115093000/https://example.org/a?b=1")
            .unwrap();
        assert_eq!(a.service, "Wayback Machine");
        assert_eq!(a.captured, PartialDate::parse("2019-01-15").unwrap());
        assert_eq!(a.captured_at, "2019-01-15T09:30:00Z");
        let raw =
            archive("https://web.archive.org/web/20190115093000id_/http://example.org/").unwrap();
        assert_eq!(raw.captured_at, "2019-01-15T09:30:00Z");
        let month = archive("https://web.archive.org/web/201901/https://example.org/").unwrap();
        assert_eq!(month.captured, PartialDate::parse("2019-01").unwrap());
    }

    #[test]
    fn an_archive_today_address_gives_its_capture_date_in_either_form() {
        for address in [
            "https://archive.ph/2019.01.15-093000/https://example.org/a",
            "https://archive.today/20190115093000/https://example.org/a",
            "http://archive.is/2019.01.15-093000/https://example.org/a",
        ] {
            let a = archive(address).unwrap();
            assert_eq!(a.service, "archive.today", "{address}");
            assert_eq!(a.captured_at, "2019-01-15T09:30:00Z", "{address}");
        }
    }

    #[test]
    fn other_addresses_are_refused_with_the_reason() {
        let refused = |a: &str| archive(a).unwrap_err().0;
        assert!(refused("https://archive.ph/AbCd1").contains("short archive.today link"));
        assert!(
            refused("https://example.org/web/20190115093000/https://x.org/")
                .contains("not the address")
        );
        assert!(
            refused("https://web.archive.org/web/20191315093000/https://x.org/")
                .contains("valid capture date")
        );
        assert!(
            refused("https://web.archive.org/web/20190115093000/").contains("does not end with")
        );
        assert!(
            refused("web.archive.org/web/20190115093000/https://x.org/")
                .contains("not the address")
        );
        assert!(refused("https://web.archive.org/web/2019011509/x").contains("does not end with"));
    }

    #[test]
    fn a_hash_without_a_file_and_a_file_without_a_hash_are_errors() {
        let mut raw = RawSource {
            sha256: Some(located("00")),
            ..RawSource::default()
        };
        let mut out = Vec::new();
        let source = source(&raw, Path::new("d.md"), &BTreeMap::new(), &mut out);
        assert!(source.original.is_none());
        assert!(out[0].message.contains("names none"), "{out:?}");

        raw = RawSource {
            file: Some(located("originals/a.pdf")),
            ..RawSource::default()
        };
        let read = crate::model::Original {
            path: "originals/a.pdf".into(),
            site_path: "originals/a.pdf".into(),
            size: 3,
            sha256: "ab".repeat(32),
            format: "PDF".into(),
            pages: Some(1),
        };
        let originals =
            BTreeMap::from([("originals/a.pdf".to_string(), Ok(std::sync::Arc::new(read)))]);
        let mut out = Vec::new();
        assert!(
            super::source(&raw, Path::new("d.md"), &originals, &mut out)
                .original
                .is_none()
        );
        assert!(out[0].hint.contains(&"ab".repeat(32)), "{out:?}");
    }
}
