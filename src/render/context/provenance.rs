//! Contexts of a document's provenance: its original file and its archived copies.

use serde::Serialize;

use super::DateView;

/// An original file as a page shows it: "Original: PDF, 3 pages, 182 KB, SHA-256 4f1c…".
#[derive(Debug, Serialize)]
pub struct OriginalView<'a> {
    /// Its address in the site.
    pub url: String,
    /// Its file name in the project (the site may add `.txt`, see `load::originals`).
    pub name: &'a str,
    /// Its format as a reader calls it (`PDF`, `HTML`, `DOCX`).
    pub format: &'a str,
    /// The media type, for the link's `type` attribute (empty when unknown).
    pub media_type: &'static str,
    /// Pages of a PDF.
    pub pages: Option<u32>,
    /// The size, in the units and with the decimal mark of the dossier's language.
    pub size: String,
    /// SHA-256 in lowercase hexadecimal.
    pub sha256: &'a str,
    /// What a reader should know about it (how it was obtained or made).
    pub note: Option<&'a str>,
}

/// An archived copy of a source's address.
#[derive(Debug, Serialize)]
pub struct ArchiveView<'a> {
    /// The copy's address.
    pub url: &'a str,
    /// The archive holding it.
    pub service: &'a str,
    /// When the copy was made.
    pub date: DateView,
    /// The capture time, ISO 8601, for Robust Links' `data-versiondate`.
    pub datetime: &'a str,
}
