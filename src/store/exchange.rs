//! Exchanging the map with colleagues: importing files (all or nothing) and
//! syncing with a shared folder (each file on its own, then our own export).

use super::write_atomically;
use super::{Store, StoreError};
use crate::map::edit::Worker;
use crate::map::file::{self, FileProblem, MapFile, Problem, ProblemKind};
use crate::map::merge::Summary;
use crate::map::share::{Selection, export_file};
use crate::map::write::render;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// Why an import did nothing.
#[derive(Debug)]
pub enum ImportError {
    /// Problems in the files; nothing was imported.
    Problems(Vec<FileProblem>),
    /// A folder without any `.toml` file.
    NoFiles(PathBuf),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct SyncReport {
    pub summary: Summary,
    /// Files that could not be read, with why; the rest went ahead.
    pub skipped: Vec<FileProblem>,
    /// Other files in the folder (not `.toml`), left alone.
    pub ignored: usize,
    /// Our own export, written atomically.
    pub written: PathBuf,
}

/// The `.toml` files directly in a folder, in name order, and how many other
/// files it holds. Only regular files count: a symbolic link (which could
/// lead to any file of the laptop), a folder or a FIFO named `x.toml` is
/// never read.
pub fn toml_files(dir: &Path) -> std::io::Result<(Vec<PathBuf>, usize)> {
    let mut files = Vec::new();
    let mut ignored = 0;
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let path = item.path();
        // The entry's own type: a link is not followed to ask what it points at.
        if !item.file_type()?.is_file() {
            ignored += usize::from(!item.file_type()?.is_dir());
            continue;
        }
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.extension().is_some_and(|x| x == "toml") && !hidden {
            files.push(path);
        } else {
            ignored += 1;
        }
    }
    files.sort();
    Ok((files, ignored))
}

fn unreadable(path: &Path, e: &std::io::Error) -> FileProblem {
    FileProblem {
        path: path.to_path_buf(),
        problem: Problem {
            line: 1,
            column: 1,
            kind: ProblemKind::Unreadable(e.to_string()),
        },
    }
}

/// Reads files and folders of files; any problem in any file means none is returned.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<MapFile>, ImportError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let expanded = if path.is_dir() {
            let (found, _) =
                toml_files(path).map_err(|e| ImportError::Problems(vec![unreadable(path, &e)]))?;
            if found.is_empty() {
                return Err(ImportError::NoFiles(path.clone()));
            }
            found
        } else {
            vec![path.clone()]
        };
        for path in expanded {
            match file::read(&path) {
                Ok(f) => files.push(f),
                Err(p) => problems.extend(p),
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(ImportError::Problems(problems))
    }
}

/// Imports files and folders, all or nothing, and flushes before returning.
pub fn import(
    store: &Store,
    paths: &[PathBuf],
    progress: impl FnMut(usize, usize),
) -> Result<Summary, ImportError> {
    let entries = read_all(paths)?
        .into_iter()
        .flat_map(|f| f.entries)
        .collect();
    Ok(store.merge(entries, progress)?)
}

/// Two-way exchange with a shared folder: imports every readable `.toml` file
/// in it (a bad file is skipped and reported), then writes this worker's
/// export there as `<worker-id>.toml`, atomically.
pub fn sync(
    store: &Store,
    dir: &Path,
    worker: &Worker,
    now: DateTime<Utc>,
    mut progress: impl FnMut(usize, usize),
) -> Result<SyncReport, StoreError> {
    let io = |source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let (files, ignored) = toml_files(dir).map_err(io)?;
    let mut report = SyncReport {
        ignored,
        written: dir.join(format!("{}.toml", worker.id)),
        ..SyncReport::default()
    };
    let total = files.len();
    for (i, path) in files.iter().enumerate() {
        match file::read(path) {
            Ok(f) => {
                let summary = store.merge(f.entries, |_, _| {})?;
                report.summary.add(summary);
            }
            Err(problems) => report.skipped.extend(problems),
        }
        progress(i + 1, total);
    }
    let records = store.records()?;
    let export = export_file(&records, &Selection::default(), Some(&worker.id), now);
    write_atomically(&report.written, render(&export).as_bytes()).map_err(io)?;
    store.set_sync_dir(dir)?;
    Ok(report)
}
