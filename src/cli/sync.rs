//! `wijkkaart sync DIR`: two-way exchange through a shared folder.

use super::edit::open_as_worker;
use super::import::{problem_line, progress_on_stderr};
use super::{Context, Failure, print};
use crate::map::duplicates::possible_duplicates;
use crate::store::exchange;
use crate::text::{self, Say, say};
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shared folder (network drive, USB stick, Syncthing folder...).
    pub dir: PathBuf,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let (store, me) = open_as_worker(ctx)?;
    let report = exchange::sync(
        &store,
        &args.dir,
        &me.worker,
        chrono::Utc::now(),
        progress_on_stderr(lang),
    )
    .map_err(|e| ctx.store_failure(&e))?;
    // New entries may be places the map already had: the worker merges them
    // by hand. Counted on the second core while the index is kept.
    let count = !args.json && report.summary.added > 0;
    let duplicates = std::thread::scope(|s| {
        let counting = count.then(|| {
            s.spawn(|| {
                store
                    .records()
                    .map(|records| {
                        possible_duplicates(records.iter().filter_map(|r| r.shown())).len()
                    })
                    .unwrap_or(0)
            })
        });
        // Keep a fresh search index for the next search; the sync itself is done and flushed.
        // Only when the records moved, or the delta grew past what a search should apply:
        // reading a fresh kept index back costs as much as the sync.
        if store.index_wants_keeping().unwrap_or(true) {
            super::edit::keep_index(&store);
        }
        counting.map_or(0, |c| c.join().unwrap_or(0))
    });
    if args.json {
        print(&format!("{}\n", json!(report.summary)));
    } else {
        let mut out = format!("{}\n", text::summary(&report.summary, lang));
        if report.ignored > 0 {
            out.push_str(&format!("{}\n", say(&Say::Ignored(report.ignored), lang)));
        }
        if duplicates > 0 {
            out.push_str(&format!(
                "{}\n",
                say(&Say::PossibleDuplicates(duplicates), lang)
            ));
        }
        out.push_str(&format!(
            "{}\n",
            say(&Say::Written(report.written.display().to_string()), lang)
        ));
        print(&out);
    }
    if report.skipped.is_empty() {
        Ok(())
    } else {
        let mut lines: Vec<String> = report
            .skipped
            .iter()
            .map(|p| problem_line(p, lang))
            .collect();
        let files: std::collections::BTreeSet<_> = report.skipped.iter().map(|p| &p.path).collect();
        lines.push(say(&Say::Skipped(files.len()), lang));
        Err(Failure::errors(lines))
    }
}
