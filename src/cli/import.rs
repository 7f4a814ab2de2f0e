//! `wijkkaart import PATH...`: merge files into the local map, all or nothing.

use super::{Context, Failure, print};
use crate::map::file::{self, FileProblem, MapFile};
use crate::text::{self, Lang, problem_message};
use serde_json::json;
use std::path::{Path, PathBuf};

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
    let files = read_all(&args.paths, lang)?;
    let entries = files.into_iter().flat_map(|f| f.entries).collect();
    let store = ctx.open_store()?;
    let summary = store
        .merge(entries, |_, _| {})
        .map_err(|e| ctx.store_failure(&e))?;
    if args.json {
        print(&format!("{}\n", json!(summary)));
    } else {
        print(&format!("{}\n", text::summary(&summary, lang)));
    }
    Ok(())
}

/// Reads and validates every file; any problem anywhere means nothing is returned.
pub fn read_all(paths: &[PathBuf], lang: Lang) -> Result<Vec<MapFile>, Failure> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in expand(paths, lang)? {
        match file::read(&path) {
            Ok(f) => files.push(f),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        let mut lines: Vec<String> = problems.iter().map(|p| problem_line(p, lang)).collect();
        lines.push(text::nothing_imported(problems.len(), lang));
        Err(Failure::errors(lines))
    }
}

/// Folders stand for the `.toml` files directly inside them, in name order.
pub fn expand(paths: &[PathBuf], lang: Lang) -> Result<Vec<PathBuf>, Failure> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map_err(|e| Failure::error(format!("{}: {e}", path.display())))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "toml"))
                .collect();
            if found.is_empty() {
                return Err(Failure::error(text::no_toml_files(
                    &path.display().to_string(),
                    lang,
                )));
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    Ok(out)
}

/// `path:line:column: message`
pub fn problem_line(p: &FileProblem, lang: Lang) -> String {
    format!(
        "{}:{}:{}: {}",
        display(&p.path),
        p.problem.line,
        p.problem.column,
        problem_message(&p.problem.kind, lang)
    )
}

fn display(path: &Path) -> String {
    path.display().to_string()
}
