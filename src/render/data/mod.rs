//! The dossier as open data under `/data/`: `dossier.json` (citations as W3C Web
//! Annotations), `events.csv` and `actors.csv` for spreadsheets, and `timeline.json` for
//! Knight Lab's TimelineJS.
//!
//! Each file is a page that shows the whole dossier (see `fingerprint::shows_everything`),
//! built with serde from typed structs that borrow from the dossier; the output depends on
//! nothing but the dossier and its settings, so the same input gives the same bytes.

mod annotation;
mod dossier_json;
mod page;
mod tables;
mod timelinejs;

use std::path::Path;

use serde::Serialize;

pub use page::DataFileView;

use super::urls::Urls;
use super::{OutputFile, Site};
use crate::diagnostic::Diagnostic;

/// One file of the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataFile {
    /// `data/dossier.json`: everything, with citations as Web Annotations.
    Dossier,
    /// `data/events.csv`: one row per event.
    Events,
    /// `data/actors.csv`: one row per actor.
    Actors,
    /// `data/timeline.json`: the timeline in TimelineJS's format.
    Timeline,
}

impl DataFile {
    /// Every data file, in the order the overview lists them.
    pub const ALL: [DataFile; 4] = [
        DataFile::Dossier,
        DataFile::Events,
        DataFile::Actors,
        DataFile::Timeline,
    ];

    /// Its path in the site.
    pub fn path(self) -> &'static str {
        match self {
            DataFile::Dossier => "data/dossier.json",
            DataFile::Events => "data/events.csv",
            DataFile::Actors => "data/actors.csv",
            DataFile::Timeline => "data/timeline.json",
        }
    }

    /// The key of its one-line description in the theme's strings.
    pub(super) fn label_key(self) -> &'static str {
        match self {
            DataFile::Dossier => "data_dossier_json",
            DataFile::Events => "data_events_csv",
            DataFile::Actors => "data_actors_csv",
            DataFile::Timeline => "data_timeline_json",
        }
    }
}

/// The "Open data" section of the overview: the files, linked, and the licence.
#[derive(Debug, Serialize)]
pub struct OpenData<'a> {
    /// The data files.
    pub files: Vec<DataLink<'a>>,
    /// The licence of the data, as `dossier.toml` gives it.
    pub license: Option<&'a str>,
}

/// A data file as the overview links it.
#[derive(Debug, Serialize)]
pub struct DataLink<'a> {
    /// File name (`dossier.json`).
    pub name: &'static str,
    /// Its URL.
    pub url: String,
    /// What it holds, in the site's language.
    pub label: &'a str,
}

/// Absolute URLs (a root-relative path when `base_url` has no host): the data is read away
/// from the site, where a relative link means nothing.
fn absolute(urls: &Urls, url: &str) -> String {
    urls.absolute(url)
}

impl Site<'_, '_> {
    /// The overview's list of data files.
    pub(super) fn open_data(&self) -> OpenData<'_> {
        let files = DataFile::ALL
            .iter()
            .map(|f| DataLink {
                name: f.path().trim_start_matches("data/"),
                url: self.urls.path(f.path()),
                label: self.text(f.label_key()),
            })
            .collect();
        let license = self.dossier.settings.license.as_deref().map(str::trim);
        OpenData {
            files,
            license: license.filter(|l| !l.is_empty()),
        }
    }

    /// Renders one data file.
    pub(super) fn data_file(&self, file: DataFile) -> Result<OutputFile, Diagnostic> {
        let (d, urls) = (self.dossier, self.urls);
        let bytes = match file {
            DataFile::Dossier => json(
                &dossier_json::DossierData::new(d, urls),
                dossier_json::size_hint(d),
            ),
            DataFile::Timeline => json(
                &timelinejs::Timeline::new(d, urls, &self.theme.strings.dates),
                0,
            ),
            DataFile::Events => tables::events(d, urls),
            DataFile::Actors => tables::actors(d, urls),
        };
        let bytes = bytes.map_err(|why| {
            Diagnostic::error(
                Path::new(file.path()),
                0..0,
                format!("could not write {}: {why}", file.path()),
                "this is a bug in dossier; please report it",
            )
        })?;
        // the data page shows it (a size recorded twice is the same size)
        let _ = self.data_sizes[file as usize].set(bytes.len());
        Ok(OutputFile {
            path: file.path().into(),
            bytes,
        })
    }
}

/// `value` as compact JSON ending with a newline (`dossier.json` holds every text: no
/// indentation on top).
///
/// `capacity` is what the file is expected to take at most. Memory reserved and never
/// written costs nothing, but a buffer grown by doubling is copied at each step into memory
/// the system must clear first: at 10,000 documents (a 63 MB `dossier.json`), the four
/// data files took 360 ms of a build's threads instead of 160 ms (medians of six builds
/// each, bench/README.md).
fn json(value: &impl Serialize, capacity: usize) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::with_capacity(capacity);
    serde_json::to_writer(&mut bytes, value).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}
