//! The integrity report's page, `/integrity/`: the dossier's weak points by kind, each
//! linked to the page that shows it and naming the file to edit.

use serde::Serialize;

use super::context::PageMeta;
use super::urls::file_for;
use super::{OutputFile, Site};
use crate::diagnostic::Diagnostic;
use crate::integrity::{Place, Weakness};

/// Entries the page lists of one kind: a dossier of 10,000 documents may have thousands of
/// one weakness, and the page stays readable (and under 1 MB); `check --report` lists all.
const SHOWN: usize = 300;

/// The integrity report (template `integrity.html`).
#[derive(Debug, Serialize)]
pub struct IntegrityPage<'a> {
    /// Page metadata.
    pub page: PageMeta<'a>,
    /// The kinds of weak point found, in the report's order.
    pub groups: Vec<IntegrityGroup>,
    /// How many weak points in all.
    pub total: usize,
}

/// The weak points of one kind.
#[derive(Debug, Serialize)]
pub struct IntegrityGroup {
    /// Its key (`unsourced`), the anchor of its section; `t.integrity_<key>` names it.
    pub key: &'static str,
    /// How many there are.
    pub count: usize,
    /// The first [`SHOWN`] of them.
    pub entries: Vec<IntegrityEntry>,
}

/// One weak point as the page lists it.
#[derive(Debug, Serialize)]
pub struct IntegrityEntry {
    /// The page that shows what is weak.
    pub url: String,
    /// Its title or name.
    pub title: String,
    /// What is weak, in a few words.
    pub detail: String,
    /// The file to edit, with `/` separators.
    pub file: String,
}

impl Site<'_, '_> {
    /// The `/integrity/` page.
    pub(super) fn integrity(&self) -> Result<OutputFile, Diagnostic> {
        let findings = self.findings();
        let groups = Weakness::ALL
            .iter()
            .map(|weakness| IntegrityGroup {
                key: weakness.key(),
                count: (findings.iter())
                    .filter(|f| f.weakness == *weakness)
                    .count(),
                entries: (findings.iter())
                    .filter(|f| f.weakness == *weakness)
                    .take(SHOWN)
                    .map(|f| IntegrityEntry {
                        url: match &f.place {
                            Place::Event(id) => self.urls.event(id),
                            Place::Document(id) => self.urls.document(id),
                            Place::Actor(id) => self.urls.actor(id),
                        },
                        title: f.title.clone(),
                        detail: f.detail.clone(),
                        file: f.file.to_string_lossy().replace('\\', "/"),
                    })
                    .collect(),
            })
            .filter(|g: &IntegrityGroup| !g.entries.is_empty())
            .collect();
        let url = self.urls.path("integrity/");
        let mut page = self.meta("integrity_title", "integrity", url.clone(), false);
        page.json_ld = self.json_ld(self.ld_page("WebPage", &page, None))?;
        let context = IntegrityPage {
            page,
            groups,
            total: findings.len(),
        };
        self.html("integrity.html", file_for(self.urls, &url), &context)
    }
}
