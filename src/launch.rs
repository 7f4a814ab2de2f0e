//! What both faces, the command line and the interface, need to start: the
//! language, the data dir, and a failure with its exit code. Kept apart from
//! `cli` so that `tui` does not depend on the command line.

use crate::lang::Lang;
use crate::store::{Store, StoreError};
use crate::text;
use std::path::PathBuf;

/// Where a command runs: language and data dir.
pub struct Context {
    pub lang: Lang,
    pub data_dir: Option<PathBuf>,
    pub default_map: bool,
}

/// A command that did not succeed: the lines to print and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub lines: Vec<String>,
}

impl Failure {
    /// The command ran but found errors (exit 1).
    pub fn errors(lines: Vec<String>) -> Failure {
        Failure { code: 1, lines }
    }

    pub fn error(line: String) -> Failure {
        Failure::errors(vec![line])
    }

    /// The command was called wrongly (exit 2).
    pub fn usage(line: String) -> Failure {
        Failure {
            code: 2,
            lines: vec![line],
        }
    }
}

impl Context {
    /// The data dir: the flag, or the platform's data dir.
    pub fn data_dir(&self) -> Result<PathBuf, Failure> {
        match &self.data_dir {
            Some(dir) => Ok(dir.clone()),
            None => directories::ProjectDirs::from("nl", "", "wijkkaart")
                .map(|dirs| dirs.data_dir().to_path_buf())
                .ok_or_else(|| Failure::error(text::no_data_dir(self.lang))),
        }
    }

    /// Opens the data dir; what the store repaired on its own goes to stderr, one line each.
    pub fn open_store(&self) -> Result<Store, Failure> {
        let store = Store::open(&self.data_dir()?, self.default_map)
            .map_err(|e| Failure::error(text::store_error(&e, self.lang)))?;
        for notice in store.notices() {
            let line = text::store_notice(notice, self.lang);
            eprintln!("{}", text::terminal::safe_output(&line));
        }
        Ok(store)
    }

    pub fn store_failure(&self, e: &StoreError) -> Failure {
        Failure::error(text::store_error(e, self.lang))
    }
}
