//! `wijkkaart import PATH...`: merge files into the local map, all or nothing.

use super::{Context, Failure, print};
use crate::map::file::FileProblem;
use crate::store::exchange::{self, ImportError};
use crate::text::{self, Lang, Say, say};
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, or folders whose .toml files are all imported.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    // Validate before taking the data dir: a bad file never touches the store.
    // The files are read through once to check them, and again, a slice at
    // a time, to merge them: the entries of a large file are never all in memory.
    let checked = exchange::check_files(&args.paths).map_err(|e| import_failure(&e, ctx))?;
    let store = ctx.open_store()?;
    let summary = exchange::import_checked(&store, &checked, progress_on_stderr(lang))
        .map_err(|e| import_failure(&e, ctx))?;
    // Keep a fresh search index for the next search; the import itself is done and flushed.
    // Only when the records moved, or the delta grew past what a search should apply:
    // reading a fresh kept index back costs as much as the sync.
    if store.index_wants_keeping().unwrap_or(true) {
        super::edit::keep_index(&store);
    }
    if args.json {
        print(&format!("{}\n", json!(summary)));
    } else {
        print(&format!("{}\n", text::summary(&summary, lang)));
    }
    Ok(())
}

/// Shows "working: 3000 of 10000" on a terminal's stderr while a long merge runs.
pub fn progress_on_stderr(lang: Lang) -> impl FnMut(usize, usize) {
    let show = std::io::stderr().is_terminal();
    move |done, total| {
        if show && total > 2000 {
            let end = if done == total { "\n" } else { "" };
            eprint!("\r{}{end}", say(&Say::Progress { done, total }, lang));
        }
    }
}

pub fn import_failure(e: &ImportError, ctx: &Context) -> Failure {
    let lang = ctx.lang;
    match e {
        ImportError::Problems(problems) => {
            let mut lines: Vec<String> = problems.iter().map(|p| problem_line(p, lang)).collect();
            lines.push(text::nothing_imported(problems.len(), lang));
            Failure::errors(lines)
        }
        ImportError::NoFiles(path) => {
            Failure::error(text::no_toml_files(&path.display().to_string(), lang))
        }
        ImportError::Store(e) => ctx.store_failure(e),
    }
}

/// `path:line:column: message`
pub fn problem_line(p: &FileProblem, lang: Lang) -> String {
    text::file_problem_line(p, lang)
}
