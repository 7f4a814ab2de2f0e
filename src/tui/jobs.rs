//! Work that takes a while (sync, import, export): the app asks for it, the
//! event loop runs it with a progress bar, and the app takes the result.

use crate::map::edit::Worker;
use crate::map::merge::Summary;
use crate::map::share::{Selection, export_file};
use crate::map::write::render;
use crate::store::exchange::{self, ImportError, SyncReport};
use crate::store::write_atomically;
use crate::store::{Store, StoreError};
use std::path::PathBuf;

#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    Sync(PathBuf),
    Import(PathBuf),
    Export {
        path: PathBuf,
        selection: Selection,
    },
    /// A text the worker keeps as a file (the referral slip); an existing
    /// file is never overwritten.
    SaveText {
        path: PathBuf,
        text: String,
    },
}

/// What a job came to.
#[derive(Debug)]
pub enum JobDone {
    Synced(Result<SyncReport, StoreError>),
    Imported(Result<Summary, ImportError>),
    Exported(PathBuf, Result<usize, std::io::Error>),
    Saved(PathBuf, Result<(), std::io::Error>),
    /// Sync needs a worker; the app asks for one before it starts a sync.
    NoWorker,
}

impl Job {
    /// Runs the job against the store, calling `progress(done, total)` as it goes.
    pub fn run(
        self,
        store: &Store,
        worker: Option<&Worker>,
        progress: impl FnMut(usize, usize),
    ) -> JobDone {
        match self {
            Job::Sync(dir) => match worker {
                Some(w) => {
                    JobDone::Synced(exchange::sync(store, &dir, w, chrono::Utc::now(), progress))
                }
                None => JobDone::NoWorker,
            },
            Job::Import(path) => JobDone::Imported(exchange::import(store, &[path], progress)),
            Job::Export { path, selection } => {
                let result = store
                    .records()
                    .map_err(|e| std::io::Error::other(e.to_string()))
                    .and_then(|records| {
                        let file = export_file(
                            &records,
                            &selection,
                            worker.map(|w| w.id.as_str()),
                            chrono::Utc::now(),
                        );
                        write_atomically(&path, render(&file).as_bytes())
                            .map(|()| file.entries.len())
                    });
                JobDone::Exported(path, result)
            }
            Job::SaveText { path, text } => {
                let result = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&path)
                    .and_then(|mut f| {
                        use std::io::Write;
                        f.write_all(text.as_bytes())?;
                        f.sync_all()
                    });
                JobDone::Saved(path, result)
            }
        }
    }
}
