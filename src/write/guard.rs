//! Where a site may go: the output path resolved as the operating system will, and refused
//! when it lands on the project or its sources.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::Error;

/// The directories of a project that a site may never replace, contain or be written into.
const PROTECTED: [&str; 6] = [
    "content",
    "templates",
    "static",
    "originals",
    ".git",
    "dossier.toml",
];

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
