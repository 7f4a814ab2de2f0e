//! `wijkkaart check PATH...`: validate files, change nothing; then say
//! how fresh the map in them is: entries without any way to reach them, and
//! entries whose details were never checked or not for over a year.

use super::import::import_failure;
use super::{Context, Failure, print};
use crate::lang::Lang;
use crate::map::file::MapFile;
use crate::store::exchange;
use crate::text;
use chrono::NaiveDate;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    match exchange::read_all_named(&args.paths) {
        Ok(files) => {
            let mut out = format!("{}\n", text::files_checked(files.len(), ctx.lang));
            out.push_str(&freshness(
                &files,
                chrono::Local::now().date_naive(),
                ctx.lang,
            ));
            print(&out);
            Ok(())
        }
        Err(exchange::ImportError::Problems(problems)) => Err(Failure::errors(
            problems
                .iter()
                .map(|p| super::import::problem_line(p, ctx.lang))
                .collect(),
        )),
        Err(e) => Err(import_failure(&e, ctx)),
    }
}

/// One line per entry that cannot be reached or is not freshly checked, and
/// a count of both; nothing when every entry is fine. Tombstones and private
/// entries count like any other live entry; tombstones are skipped.
fn freshness(files: &[(PathBuf, MapFile)], today: NaiveDate, lang: Lang) -> String {
    let mut out = String::new();
    let (mut unreachable, mut stale) = (0, 0);
    for (path, file) in files {
        for entry in file.entries.iter().filter(|e| !e.deleted) {
            let place = format!("{}: {} ({})", path.display(), entry.name, entry.id);
            if !entry.can_be_reached() {
                unreachable += 1;
                out.push_str(&format!("{place}: {}\n", text::no_way_in(lang)));
            }
            if entry.is_stale(today) {
                stale += 1;
                out.push_str(&format!(
                    "{place}: {}\n",
                    text::not_checked_for_a_year(entry.verified, lang)
                ));
            }
        }
    }
    if unreachable + stale > 0 {
        out.push_str(&text::freshness_summary(unreachable, stale, lang));
        out.push('\n');
    }
    out
}
