//! Scaffolding: the files `dossier init`, `dossier new` and `dossier theme eject` write for
//! their author to edit. None of them asks anything, and none writes over a file that exists.

mod eject;
mod new;
mod workflow;

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Error;

pub use eject::theme_eject;
pub use new::{NewActor, NewDocument, NewEvent, new_actor, new_document, new_event};
use workflow::{ACTION_REPOSITORY, pages_workflow, repository_is_placeholder};

/// What `dossier init` writes besides content and settings.
#[derive(Debug, Clone, Copy)]
pub struct InitOptions {
    /// Writes `.github/workflows/pages.yml`, which publishes the site on GitHub Pages.
    pub workflow: bool,
}

/// The files `dossier init` wrote, and the ones it found and left alone.
#[derive(Debug, Default)]
pub struct Created {
    /// Written, in order.
    pub written: Vec<PathBuf>,
    /// Already there and left as they were (a `.gitignore` of a freshly cloned repository).
    pub kept: Vec<PathBuf>,
}

impl Created {
    /// What was written, and the way from there to a published site.
    pub fn summary(&self, dir: &Path) -> String {
        let shown = |path: &PathBuf| path.strip_prefix(dir).unwrap_or(path).display().to_string();
        let mut out = format!("created a dossier in {}:\n", dir.display());
        for path in &self.written {
            out.push_str(&format!("  {}\n", shown(path)));
        }
        for path in &self.kept {
            out.push_str(&format!(
                "  (kept your {}: make sure it ignores /site/)\n",
                shown(path)
            ));
        }
        out.push_str(&format!(
            "next:\n  \
             1. cd {}\n  \
             2. add a source: `dossier new document ID --title \"...\"`, and paste its text in\n  \
             3. `dossier serve` shows the site at http://127.0.0.1:1111/ as you edit\n  \
             4. `dossier check` reports every problem, each with a hint\n  \
             5. push to GitHub, then choose Settings → Pages → Source: GitHub Actions\n",
            dir.display()
        ));
        let workflow = self
            .written
            .iter()
            .any(|p| p.ends_with(".github/workflows/pages.yml"));
        if workflow && repository_is_placeholder() {
            out.push_str(&format!(
                "note: this dossier was built without knowing the GitHub repository it is \
                 released from: in .github/workflows/pages.yml, replace `{ACTION_REPOSITORY}` \
                 with it (README, \"Install\")\n"
            ));
        }
        out
    }
}

/// Files that may already exist in a directory `init` is run in; they are left alone.
const KEPT_IF_PRESENT: &[&str] = &[".gitignore"];

/// Writes a new dossier project into `dir`: settings, an example document (declaring an
/// event) and actor, and the Pages workflow unless left out. The theme is not copied: the
/// project uses the built-in one until `dossier theme eject` copies a file to edit.
///
/// `dir` may exist (a freshly cloned repository, say), but nothing in it is overwritten:
/// if any file to write is already there, nothing is written at all.
pub fn init(dir: &Path, options: InitOptions) -> Result<Created, Error> {
    if dir.join(crate::config::SETTINGS_FILE).exists() {
        return Err(Error::Scaffold(format!(
            "{} is already a dossier project (it has a dossier.toml); `dossier new` adds content to it",
            dir.display()
        )));
    }
    let title = dir
        .canonicalize()
        .unwrap_or_else(|_| dir.to_path_buf())
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| "My dossier".into());
    let mut files = vec![
        (
            PathBuf::from(crate::config::SETTINGS_FILE),
            settings(&title),
        ),
        (PathBuf::from(".gitignore"), "/site/\n".to_string()),
        (PathBuf::from("content/_index.md"), OVERVIEW.to_string()),
        (
            PathBuf::from("content/documents/first-document.md"),
            FIRST_DOCUMENT.to_string(),
        ),
        (
            PathBuf::from("content/actors/example-actor.md"),
            EXAMPLE_ACTOR.to_string(),
        ),
    ];
    if options.workflow {
        files.push((
            PathBuf::from(".github/workflows/pages.yml"),
            pages_workflow(ACTION_REPOSITORY, env!("CARGO_PKG_VERSION")),
        ));
    }
    let (kept, files): (Vec<_>, Vec<_>) = files.into_iter().partition(|(rel, _)| {
        KEPT_IF_PRESENT.iter().any(|k| rel == Path::new(k)) && dir.join(rel).exists()
    });
    let written = write_new(dir, &files)?;
    Ok(Created {
        written,
        kept: kept.into_iter().map(|(rel, _)| dir.join(rel)).collect(),
    })
}

/// `dossier.toml` of a new project: what must be set, and the rest commented out.
fn settings(title: &str) -> String {
    format!(
        "# The settings of this dossier (dossier's README, section `dossier.toml`).\n\
         title = {}\n\
         language = \"en\"                    # interface and date language: en or fr\n\
         # Where the site is published. The GitHub Pages workflow passes the real address with\n\
         # --base-url, so this matters only when you build for another host.\n\
         base_url = \"https://example.org/\"\n\
         # description = \"One line about the dossier.\"\n\
         # author = \"Your name\"\n\
         # license = \"CC-BY-4.0\"            # the licence of the open data under /data/\n",
        toml_string(title)
    )
}

const OVERVIEW: &str = r#"+++
title = "Overview"
+++
This is the briefing summary, the first page of the site. Write it in Markdown.

Link to a document, an actor or an event with its id (its file name without `.md`)
between double square brackets, as in `[[first-document]]`; every link is checked when
the site is built.
"#;

const FIRST_DOCUMENT: &str = r#"+++
title = "An example source document"
date = "2024-05-08"
kind = "article"
lang = "en"
source = { publisher = "Example Press", url = "https://example.org/article" }
summary = "What the document says, in one paragraph of your own."
tags = ["example"]

# An event this document is the source of: its quote must occur in the text below.
[[events]]
date = "2024-05-07"
title = "Example Actor announces a plan"
quote = "announced a plan on 7 May"
+++
Paste the source text here, verbatim: the build never changes it.

Example Actor announced a plan on 7 May. Names of actors are found in the text and linked
to their pages.
"#;

const EXAMPLE_ACTOR: &str = r#"+++
name = "Example Actor"
kind = "organisation"              # person | organisation | public-body | state | media | other
aliases = []                       # other names that count as a mention in documents
description = "One line for lists and previews."
+++
A longer profile, in Markdown.
"#;

/// Writes each `(path relative to dir, text)`, creating directories. If any of the files
/// exists, nothing is written; each file is created anew, never opened over another.
fn write_new(dir: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, Error> {
    let existing: Vec<String> = files
        .iter()
        .map(|(rel, _)| dir.join(rel))
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(Error::Scaffold(format!(
            "refusing to overwrite {}: nothing was written",
            existing.join(", ")
        )));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(Error::io(format!("creating {}", parent.display())))?;
        }
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .map_err(Error::io(format!("writing {}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}

/// `text` as a TOML basic string, quotes included.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Checks that `id` can name a file of the dossier and is not in use by any of them.
fn check_new_id(root: &Path, id: &str) -> Result<(), Error> {
    if !root.join(crate::config::SETTINGS_FILE).is_file() {
        return Err(Error::NotADossier(root.to_path_buf()));
    }
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        let slug = crate::slug::slugify(id);
        let example = if slug.is_empty() { "my-id" } else { &slug };
        return Err(Error::Scaffold(format!(
            "`{id}` cannot be an id: use lowercase letters, digits, `-` and `_` (for example `{example}`)",
        )));
    }
    if let Some(existing) = file_of(root, id) {
        return Err(Error::Scaffold(format!(
            "the id `{id}` is already used by {}",
            existing.display()
        )));
    }
    Ok(())
}

/// The content file whose id is `id`, if there is one.
fn file_of(root: &Path, id: &str) -> Option<PathBuf> {
    let content = root.join("content");
    ["documents", "actors", "events"]
        .iter()
        .flat_map(|dir| ["md", "txt"].map(|ext| content.join(dir).join(format!("{id}.{ext}"))))
        .find(|path| path.exists())
}

/// The name an id stands for, to start from: `ren-zhengfei` → `Ren Zhengfei`.
fn humanise(id: &str) -> String {
    id.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_strings_are_escaped() {
        let text = "a \"quoted\" \\ back\nslash\u{7}";
        let parsed: toml::Table = toml::from_str(&format!("x = {}", toml_string(text))).unwrap();
        assert_eq!(parsed["x"].as_str(), Some(text));
    }

    #[test]
    fn ids_become_names() {
        assert_eq!(humanise("ren-zhengfei"), "Ren Zhengfei");
        assert_eq!(humanise("4ig"), "4ig");
        assert_eq!(humanise("eu_council"), "Eu Council");
    }
}
