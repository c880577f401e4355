//! Scaffolding: `dossier init DIR` and `dossier new document|actor|event ID`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::Error;
use crate::render::theme::{DEFAULT_ASSETS, DEFAULT_TEMPLATES};

/// What `dossier new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A source document.
    Document,
    /// An actor.
    Actor,
    /// A standalone event.
    Event,
}

/// Writes a new dossier project into `dir` (which must not exist or be empty).
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if dir.exists()
        && fs::read_dir(dir)
            .map_err(Error::io(format!("reading {}", dir.display())))?
            .next()
            .is_some()
    {
        return Err(Error::Scaffold(format!(
            "{} exists and is not empty: choose a new directory",
            dir.display()
        )));
    }
    let title = dir
        .file_name()
        .map(|n| n.to_string_lossy().replace(['-', '_'], " "))
        .unwrap_or_else(|| "My dossier".into());
    let mut files: Vec<(String, String)> = vec![
        ("dossier.toml".into(), format!("title = \"{}\"\nlanguage = \"en\"\nbase_url = \"https://example.org/\"\ndescription = \"\"\nauthor = \"\"\n", title.replace('"', ""))),
        (".gitignore".into(), "/site/\n".into()),
        ("content/_index.md".into(), "+++\ntitle = \"Overview\"\n+++\nThe briefing summary. Link to [[first-document]], [[example-actor]] or [[example-event]].\n".into()),
        ("content/documents/first-document.md".into(), document_template("first-document")),
        ("content/actors/example-actor.md".into(), actor_template("example-actor")),
        ("content/events/example-event.md".into(), "+++\ntitle = \"Something happened\"\ndate = \"2024-05\"\nactors = [\"example-actor\"]\nsources = [{ document = \"first-document\", quote = \"something happened\" }]\n+++\n".into()),
    ];
    files.extend(
        DEFAULT_TEMPLATES
            .iter()
            .map(|(name, text)| (format!("templates/{name}"), text.to_string())),
    );
    files.extend(
        DEFAULT_ASSETS
            .iter()
            .map(|(name, text)| (format!("static/{name}"), text.to_string())),
    );
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(Error::io(format!("creating {}", parent.display())))?;
        }
        fs::write(&path, text).map_err(Error::io(format!("writing {}", path.display())))?;
        written.push(path);
    }
    Ok(written)
}

fn document_template(id: &str) -> String {
    format!(
        "+++\ntitle = \"{id}\"\ndate = \"2024-05\"\nkind = \"article\"\nlang = \"en\"\nauthors = []\nactors = [\"example-actor\"]\nsource = {{ publisher = \"\", url = \"\" }}\nsummary = \"\"\ntags = []\n+++\nPaste the source text here, verbatim: Example Actor said something happened.\n"
    )
}

fn actor_template(id: &str) -> String {
    let name = id.split('-').map(|w| {
        let mut c = w.chars();
        c.next()
            .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
            .unwrap_or_default()
    });
    let name = name.collect::<Vec<_>>().join(" ");
    format!(
        "+++\nname = \"{name}\"\nkind = \"organisation\"\naliases = []\ndescription = \"\"\nrelations = []\n+++\nProfile in Markdown.\n"
    )
}

/// Creates `content/<kind>s/ID.md` in the project at `root`.
pub fn new(root: &Path, kind: Kind, id: &str) -> Result<PathBuf, Error> {
    if !root.join(crate::config::SETTINGS_FILE).is_file() {
        return Err(Error::NotADossier(root.to_path_buf()));
    }
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Err(Error::Scaffold(format!(
            "`{id}` cannot be an id: use lowercase letters, digits, `-` and `_` (for example `{}`)",
            crate::slug::slugify(id)
        )));
    }
    let content = root.join("content");
    for dir in ["documents", "actors", "events"] {
        for ext in ["md", "txt"] {
            let existing = content.join(dir).join(format!("{id}.{ext}"));
            if existing.exists() {
                return Err(Error::Scaffold(format!(
                    "the id `{id}` is already used by {}",
                    existing.display()
                )));
            }
        }
    }
    let (dir, text) = match kind {
        Kind::Document => ("documents", document_template(id)),
        Kind::Actor => ("actors", actor_template(id)),
        Kind::Event => ("events", "+++\ntitle = \"\"\ndate = \"2024\"\nactors = []\nsources = [{ document = \"\", quote = \"\" }]\n+++\n".to_string()),
    };
    let path = content.join(dir).join(format!("{id}.md"));
    fs::create_dir_all(content.join(dir)).map_err(Error::io(format!(
        "creating {}",
        content.join(dir).display()
    )))?;
    fs::write(&path, text).map_err(Error::io(format!("writing {}", path.display())))?;
    Ok(path)
}
