//! Single files of a built site replaced or removed where they are, for rebuilds: each
//! write is atomic, so the preview never serves half a file.

use std::fs;
use std::path::Path;

use crate::Error;
use crate::render::OutputFile;

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
