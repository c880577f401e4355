//! The data page, `/data/`: what each file of the open data holds (the CSV columns, the
//! annotation model, how to embed the timeline), with links, sizes and the licence.
//!
//! It shows the size of each file, so it renders after them (see `render::render`): a data
//! file rendered by the same build has recorded its size in `Site::data_sizes`; one left
//! unrendered by a rebuild (unchanged) is rendered again here to be measured.

use serde::Serialize;

use super::{DataFile, tables};
use crate::diagnostic::Diagnostic;
use crate::render::context::PageMeta;
use crate::render::urls::file_for;
use crate::render::{OutputFile, Site, views};

/// A data file as the data page (and its `Dataset`) describes it.
#[derive(Debug, Serialize)]
pub struct DataFileView<'a> {
    /// File name (`dossier.json`).
    pub name: &'static str,
    /// Its URL.
    pub url: String,
    /// What it holds, in the site's language.
    pub label: &'a str,
    /// `JSON` or `CSV`.
    pub format: &'static str,
    /// Its media type.
    pub media_type: &'static str,
    /// Its size in bytes.
    pub bytes: usize,
    /// Its size as shown (`2.7 MB`).
    pub size: String,
}

/// A column of a CSV file.
#[derive(Debug, Serialize)]
pub struct Column<'a> {
    /// Its name in the header row.
    pub name: &'static str,
    /// What it holds, in the site's language.
    pub meaning: &'a str,
}

/// The data page (template `data.html`).
#[derive(Debug, Serialize)]
pub struct DataPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The files, in the overview's order.
    pub files: Vec<DataFileView<'a>>,
    /// The licence of the data, as `dossier.toml` gives it.
    pub license: Option<&'a str>,
    /// The columns of `events.csv`.
    pub event_columns: Vec<Column<'a>>,
    /// The columns of `actors.csv`.
    pub actor_columns: Vec<Column<'a>>,
    /// The absolute address of `timeline.json`, for TimelineJS.
    pub timeline_url: String,
}

impl DataFile {
    /// Its format as the page names it, and its media type.
    fn format(self) -> (&'static str, &'static str) {
        match self {
            DataFile::Dossier | DataFile::Timeline => ("JSON", "application/json"),
            DataFile::Events | DataFile::Actors => ("CSV", "text/csv"),
        }
    }
}

/// What each column holds, in English (the interface strings `data_<file>_<column>` say it
/// in the dossier's language).
const EVENT_MEANINGS: [&str; 15] = [
    "the event's id (its anchor on the timeline)",
    "its date, at its precision: 2018, 2018-12 or 2018-12-07",
    "the end of a range, if any",
    "year, month or day",
    "true for a circa date",
    "its title",
    "where it took place",
    "confirmed, alleged, disputed or denied (empty when not given)",
    "the ids of the actors involved, joined with “; ”",
    "its tags, joined with “; ”",
    "the ids of the documents cited, joined with “; ”",
    "the quoted passages, one per line, in the order of the documents",
    "each source's stance (supports, contradicts, denies), one per line",
    "the id of the document that declares it, if any",
    "its address on the timeline",
];

/// What each column of `actors.csv` holds, in English.
const ACTOR_MEANINGS: [&str; 10] = [
    "the actor's id",
    "its name",
    "person, organisation, public-body, state, media or other",
    "its country code",
    "its other names, joined with “; ”",
    "its one-line description",
    "its tags, joined with “; ”",
    "how many documents it wrote, concerns or is mentioned in",
    "how many events it takes part in",
    "its page's address",
];

impl Site<'_, '_> {
    /// The size of the data file `file`, as rendered by this build or rendered again now.
    fn data_size(&self, file: DataFile) -> Result<usize, Diagnostic> {
        let slot = &self.data_sizes[file as usize];
        if let Some(size) = slot.get() {
            return Ok(*size);
        }
        self.data_file(file).map(|f| f.bytes.len())
    }

    /// The data files as the data page lists them.
    fn data_file_views(&self) -> Result<Vec<DataFileView<'_>>, Diagnostic> {
        DataFile::ALL
            .iter()
            .map(|&f| {
                let bytes = self.data_size(f)?;
                let (format, media_type) = f.format();
                Ok(DataFileView {
                    name: f.path().trim_start_matches("data/"),
                    url: self.urls.path(f.path()),
                    label: self.text(f.label_key()),
                    format,
                    media_type,
                    bytes,
                    size: views::file_size(bytes as u64, &self.theme.strings),
                })
            })
            .collect()
    }

    /// The columns `names` of the CSV file `file`, each with what it holds in the site's
    /// language (`meanings` in English when the strings lack it).
    fn columns<'s>(
        &'s self,
        file: &str,
        names: &[&'static str],
        meanings: &[&'s str],
    ) -> Vec<Column<'s>> {
        let strings = &self.theme.strings;
        (names.iter().zip(meanings))
            .map(|(name, meaning)| Column {
                name,
                meaning: strings.text(&format!("data_{file}_{name}"), meaning),
            })
            .collect()
    }

    /// The `/data/` page.
    pub(in crate::render) fn data_page(&self) -> Result<OutputFile, Diagnostic> {
        let url = self.urls.path("data/");
        let mut page = self.meta("open_data", "data", url.clone(), false);
        let files = self.data_file_views()?;
        page.json_ld = self.json_ld(self.ld_dataset(&page, &files))?;
        let context = DataPage {
            page,
            files,
            license: self.open_data().license,
            event_columns: self.columns("events", &tables::EVENT_COLUMNS, &EVENT_MEANINGS),
            actor_columns: self.columns("actors", &tables::ACTOR_COLUMNS, &ACTOR_MEANINGS),
            timeline_url: self
                .urls
                .absolute(&self.urls.path(DataFile::Timeline.path())),
        };
        self.html("data.html", file_for(self.urls, &url), &context)
    }
}
