//! Stage 4, write: the site is built in a staging directory beside the output and swapped
//! in only when everything succeeded, so a failing build leaves the previous site untouched.

use std::fs;
use std::path::{Path, PathBuf};

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

/// Refuses outputs that would overwrite the project: the root, `content/`, `templates/`,
/// `static/`, anything containing them, or anything inside the sources.
pub fn check_output(root: &Path, output: &Path) -> Result<(), Error> {
    let root = absolute(root);
    let output = absolute(output);
    if output == root || root.starts_with(&output) {
        return Err(Error::UnsafeOutput {
            path: output,
            reason: "it is or contains the project root",
        });
    }
    for dir in ["content", "templates", "static"] {
        let protected = root.join(dir);
        if output.starts_with(&protected) || protected.starts_with(&output) {
            return Err(Error::UnsafeOutput {
                path: output,
                reason: "it is inside or contains the dossier's sources",
            });
        }
    }
    if output.exists() && !looks_like_a_site(&output) {
        return Err(Error::UnsafeOutput {
            path: output,
            reason: "it exists and is not a site built by dossier (no index.html); choose an empty or new directory",
        });
    }
    Ok(())
}

fn looks_like_a_site(dir: &Path) -> bool {
    dir.join("index.html").is_file()
        || fs::read_dir(dir)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false)
}

/// The absolute, normalised form of `path`, resolving symlinks of the part that exists.
fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.iter().rev() {
        out.push(part);
    }
    out
}

impl Staging {
    /// Creates an empty staging directory beside `output`.
    pub fn new(output: &Path) -> Result<Staging, Error> {
        let output = absolute(output);
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
            Ok(Staging { dir, output })
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
        let dir = root.join("static");
        let mut count = 0;
        for entry in WalkDir::new(&dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let path = format!("static/{}", rel.to_string_lossy().replace('\\', "/"));
            if is_older_copy(root, &path) {
                continue; // the built-in asset, rendered already, stands for it
            }
            let to = self.dir.join(rel);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)
                    .map_err(Error::io(format!("creating {}", parent.display())))?;
            }
            fs::copy(entry.path(), &to)
                .map_err(Error::io(format!("copying {}", entry.path().display())))?;
            count += 1;
        }
        Ok(count)
    }

    /// Swaps the staged site in place of the output directory.
    pub fn commit(self) -> Result<(), Error> {
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
        if is_pid
            && !Path::new("/proc").join(pid).exists()
            && entry.file_type().is_ok_and(|t| t.is_dir())
        {
            let _ = remove_tree(&entry.path());
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
