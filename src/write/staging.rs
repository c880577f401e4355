//! The site written whole in a hidden staging directory beside the output, swapped in when
//! everything succeeded, and removed otherwise (even when interrupted or killed).

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::Error;
use crate::render::OutputFile;
use crate::write::Copied;

/// A site being written: files go to a hidden staging directory next to the output.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
}

/// A file inside every staging directory: only directories carrying it are ever removed as
/// left behind by a killed build.
const STAGING_MARK: &str = ".dossier-staging";

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

    /// Copies `file` into the staging directory, over a built-in asset of that path;
    /// returns the fingerprint of its bytes. A file whose fingerprint is known (an
    /// original, possibly large) is copied by the file system, never held in memory.
    pub fn copy(&self, file: &Copied) -> Result<u64, Error> {
        let from = &file.from;
        if crate::interrupt::requested() {
            return Err(Error::Interrupted);
        }
        if let Some(print) = file.print {
            let to = self.dir.join(&file.path);
            if let Some(parent) = to.parent() {
                fs::create_dir_all(parent)
                    .map_err(Error::io(format!("creating {}", parent.display())))?;
            }
            fs::copy(from, &to).map_err(Error::io(format!("copying {}", from.display())))?;
            return Ok(print);
        }
        let bytes = fs::read(from).map_err(Error::io(format!("reading {}", from.display())))?;
        let print = crate::hash::of_bytes(&bytes);
        self.write(&OutputFile {
            path: file.path.clone(),
            bytes,
        })?;
        Ok(print)
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
