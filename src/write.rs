//! Stage 4, write: the site is built in a staging directory beside the output and swapped
//! in only when everything succeeded, so a failing build leaves the previous site untouched.
//!
//! Before anything is written, [`safe_output`] resolves the output path as the operating
//! system will (symbolic links followed, `..` applied after them) and refuses any spelling
//! that lands on the project or its sources; every later step uses that resolved path.

use std::fs;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::Error;
use crate::render::OutputFile;
use crate::render::shipped::is_older_copy;

/// A site being written: files go to a hidden staging directory next to the output.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
}

/// The directories of a project that a site may never replace, contain or be written into.
const PROTECTED: [&str; 6] = [
    "content",
    "templates",
    "static",
    "originals",
    ".git",
    "dossier.toml",
];

/// A file inside every staging directory: only directories carrying it are ever removed as
/// left behind by a killed build.
const STAGING_MARK: &str = ".dossier-staging";

/// Resolves `output` the way the operating system will and refuses outputs that would
/// overwrite the project: the root, `content/`, `templates/`, `static/`, `originals/`,
/// `.git/`, anything containing them or inside them, and existing directories that are
/// not a site. Returns the resolved path, which is the only one a build may write to.
pub fn safe_output(root: &Path, output: &Path) -> Result<PathBuf, Error> {
    let root = fs::canonicalize(root).map_err(Error::io(format!("reading {}", root.display())))?;
    let output = resolve(output)?;
    let refuse = |reason: &'static str| Error::UnsafeOutput {
        path: output.clone(),
        reason,
    };
    if output == root || root.starts_with(&output) || same_as_any(&output, root.ancestors()) {
        return Err(refuse("it is or contains the project root"));
    }
    for name in PROTECTED {
        let protected = root.join(name);
        let inside =
            output.starts_with(&protected) || output.ancestors().any(|a| same_file(a, &protected));
        let contains =
            protected.starts_with(&output) || protected.ancestors().any(|a| same_file(a, &output));
        if inside || contains {
            return Err(refuse("it is inside or contains the dossier's sources"));
        }
    }
    match fs::symlink_metadata(&output) {
        Ok(meta) if !meta.is_dir() => Err(refuse("it exists and is not a directory")),
        Ok(_) if !looks_like_a_site(&output) => Err(refuse(
            "it exists and is not a site built by dossier (no index.html); choose an empty or new directory",
        )),
        _ => Ok(output),
    }
}

fn looks_like_a_site(dir: &Path) -> bool {
    dir.join("index.html").is_file()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// `path` made absolute component by component, as the kernel walks it: each existing
/// prefix has its symbolic links resolved before the next `..` removes a component, and a
/// missing component followed by `..` cancels out (which is what `create_dir_all` makes
/// of it). `a/missing/../b` is `a/b`; `link/..` is the parent of the link's target.
fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(Error::io("reading the current directory"))?
            .join(path)
    };
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if fs::symlink_metadata(&out).is_ok_and(|m| m.file_type().is_symlink()) {
                    out = fs::canonicalize(&out).map_err(|_| Error::UnsafeOutput {
                        path: out.clone(),
                        reason: "it goes through a symbolic link that points nowhere",
                    })?;
                }
            }
        }
    }
    Ok(out)
}

/// Whether `a` and `b` are the same existing file or directory (another name for it: a
/// bind mount, a case-insensitive spelling).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(x), Ok(y)) => x == y,
            _ => false,
        }
    }
}

fn same_as_any<'p>(path: &Path, others: impl Iterator<Item = &'p Path>) -> bool {
    fs::metadata(path).is_ok() && others.into_iter().any(|o| same_file(path, o))
}

impl Staging {
    /// Creates an empty staging directory beside `output`, which [`safe_output`] resolved.
    pub fn new(output: &Path) -> Result<Staging, Error> {
        let output = output.to_path_buf();
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        fs::create_dir_all(&parent).map_err(Error::io(format!("creating {}", parent.display())))?;
        remove_abandoned(&parent, &name, &output);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(Error::io(format!("clearing {}", dir.display())))?;
        }
        crate::interrupt::staged(|| {
            fs::create_dir_all(&dir).map_err(Error::io(format!("creating {}", dir.display())))?;
            let staging = Staging { dir, output };
            fs::write(staging.dir.join(STAGING_MARK), "")
                .map_err(Error::io(format!("writing in {}", staging.dir.display())))?;
            Ok(staging)
        })
    }

    /// Writes one file into the staging directory.
    pub fn write(&self, file: &OutputFile) -> Result<(), Error> {
        if crate::interrupt::requested() {
            return Err(Error::Interrupted);
        }
        // The error messages are formatted only on error: this runs once per page.
        let path = self.dir.join(&file.path);
        if let Some(parent) = path.parent() {
            // Most pages have a directory of their own, new in the staging directory: try
            // to make it before asking whether it exists.
            let made = match fs::create_dir(parent) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => fs::create_dir_all(parent),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
                other => other,
            };
            made.map_err(|e| Error::io(format!("creating {}", parent.display()))(e))?;
        }
        fs::write(&path, &file.bytes)
            .map_err(|e| Error::io(format!("writing {}", path.display()))(e))
    }

    /// Copies the project's `static/` tree into the staging directory, over built-in assets.
    pub fn copy_static(&self, root: &Path) -> Result<usize, Error> {
        let files = static_files(root);
        for (from, rel) in &files {
            let to = self.dir.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)
                    .map_err(Error::io(format!("creating {}", parent.display())))?;
            }
            fs::copy(from, &to).map_err(Error::io(format!("copying {}", from.display())))?;
        }
        Ok(files.len())
    }

    /// Swaps the staged site in place of the output directory.
    pub fn commit(self) -> Result<(), Error> {
        fs::remove_file(self.dir.join(STAGING_MARK))
            .map_err(Error::io(format!("finishing {}", self.dir.display())))?;
        let old = self.dir.with_file_name(format!(
            ".{}.old-{}",
            self.output
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            std::process::id()
        ));
        let had_output = self.output.exists();
        if had_output {
            fs::rename(&self.output, &old).map_err(Error::io(format!(
                "moving the previous {} aside",
                self.output.display()
            )))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.output) {
            if had_output {
                let _ = fs::rename(&old, &self.output);
            }
            return Err(Error::io(format!(
                "moving the new site to {}",
                self.output.display()
            ))(e));
        }
        if had_output {
            remove_tree(&old).map_err(Error::io(format!("removing {}", old.display())))?;
        }
        Ok(())
    }

    /// Throws the staged files away, leaving the output untouched.
    pub fn abandon(self) {}
}

/// The regular files of the project's `static/` directory that go into the site: where
/// each is, and its path in the site (with `/` separators). Symbolic links are not
/// followed, and an unedited copy of an older built-in asset is left out: the built-in
/// asset, rendered already, stands for it. Build, rebuild and link check share this rule.
pub fn static_files(root: &Path) -> Vec<(PathBuf, String)> {
    let dir = root.join("static");
    WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(&dir).unwrap_or(e.path());
            let site_path = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            (e.path().to_path_buf(), site_path)
        })
        .filter(|(_, site_path)| !is_older_copy(root, &format!("static/{site_path}")))
        .collect()
}

/// Removes the staging directories, and the previous sites set aside, that builds of
/// `output` left beside it when they were killed outright (`kill -9`, out of memory): their
/// process is gone, and nothing else would ever remove them. A previous site set aside is
/// removed only once `output` exists, so a build killed between its two renames loses
/// nothing. Only on Linux, where `/proc` tells whether a process is alive.
fn remove_abandoned(parent: &Path, name: &str, output: &Path) {
    if !cfg!(target_os = "linux") || !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let staging = format!(".{name}.staging-");
    let set_aside = format!(".{name}.old-");
    for entry in entries.flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let pid = match file.strip_prefix(&staging) {
            Some(pid) => pid,
            None if output.is_dir() => match file.strip_prefix(&set_aside) {
                Some(pid) => pid,
                None => continue,
            },
            None => continue,
        };
        let is_pid = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
        let path = entry.path();
        // Only what a build left: a staging directory carries its mark, a site set aside
        // its index page. Anything else of that name is the user's, and kept.
        let ours = path.join(STAGING_MARK).is_file() || path.join("index.html").is_file();
        if is_pid
            && ours
            && !Path::new("/proc").join(pid).exists()
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = remove_tree(&path);
        }
    }
}

/// Replaces one file of a built site: written beside, then renamed over, so a reader never
/// sees half a file.
pub fn write_in_place(output: &Path, file: &OutputFile) -> Result<(), Error> {
    let path = output.join(&file.path);
    let parent = path.parent().unwrap_or(output);
    fs::create_dir_all(parent).map_err(Error::io(format!("creating {}", parent.display())))?;
    let temp = parent.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ));
    fs::write(&temp, &file.bytes).map_err(Error::io(format!("writing {}", temp.display())))?;
    fs::rename(&temp, &path).map_err(Error::io(format!("replacing {}", path.display())))
}

/// Removes one file of a built site, and the directories it leaves empty.
pub fn remove_in_place(output: &Path, rel: &str) -> Result<(), Error> {
    let path = output.join(rel);
    match fs::remove_file(&path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(Error::io(format!("removing {}", path.display()))(e)),
    }
    let mut dir = path.parent();
    while let Some(d) = dir {
        if d == output || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Removes `dir` and everything under it, directories in parallel: a site has thousands of
/// page directories, and unlinking in different directories does not contend. Symbolic
/// links are removed, never followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.dir.exists() {
            let _ = fs::remove_dir_all(&self.dir);
        }
        // After the swap too: an interrupt during it waits for the previous site's removal.
        crate::interrupt::unstaged();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(unix)]
    fn removing_a_site_removes_links_but_not_what_they_point_to() {
        let tmp = tempfile::tempdir().unwrap();
        let outside = tmp.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "keep").unwrap();
        let site = tmp.path().join("site");
        for dir in ["documents/a", "documents/b", "actors/c"] {
            fs::create_dir_all(site.join(dir)).unwrap();
            fs::write(site.join(dir).join("index.html"), "page").unwrap();
        }
        std::os::unix::fs::symlink(&outside, site.join("documents/link")).unwrap();
        remove_tree(&site).unwrap();
        assert!(!site.exists());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "keep"
        );
    }
}
