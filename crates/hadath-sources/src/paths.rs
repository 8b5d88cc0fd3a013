//! Expands command-line paths into the files to read: directories are walked recursively.

use crate::error::SourceError;
use crate::InputFormat;
use hadath_core::Diagnostic;
use std::path::{Path, PathBuf};

/// Files to read for the given paths, and a diagnostic for each path that cannot be used.
///
/// A file named explicitly is kept whatever its extension (reading it reports an unknown format),
/// and `-` (standard input) is kept as is. A directory is walked recursively in sorted order,
/// keeping files whose extension is known (`.txt .jsonl .ndjson .json .html .htm .zip`, each also
/// with `.gz`) and skipping files without an extension, hidden files and directories (name
/// starting with `.`), and symbolic links to directories (so a walk cannot loop). A directory
/// that holds no readable file gets a warning.
pub fn expand_paths<P: AsRef<Path>>(
    paths: impl IntoIterator<Item = P>,
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for path in paths {
        let path = path.as_ref();
        if path.as_os_str() == "-" {
            files.push(path.to_path_buf());
            continue;
        }
        match std::fs::metadata(path) {
            Err(e) => diagnostics.push(SourceError::Io(e).at(path.display().to_string())),
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                walk(path, &mut files, &mut diagnostics);
                if files.len() == before {
                    diagnostics.push(Diagnostic::warning(
                        path.display().to_string(),
                        "no readable files in this directory",
                    ));
                }
            }
            Ok(_) => files.push(path.to_path_buf()),
        }
    }
    (files, diagnostics)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, diagnostics: &mut Vec<Diagnostic>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            diagnostics.push(SourceError::Io(e).at(dir.display().to_string()));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            walk(&path, files, diagnostics);
        } else if path.is_file() && known_extension(name) {
            files.push(path);
        }
    }
}

fn known_extension(name: &str) -> bool {
    let inner = crate::strip_gz(name).0;
    inner
        .rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.is_empty() && InputFormat::from_extension(ext).is_some())
}
