//! `wijkkaart check PATH...`: validate files, change nothing.

use super::import::{expand, problem_line};
use super::{Context, Failure, print};
use crate::map::file;
use crate::text;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let paths = expand(&args.paths, lang)?;
    let mut lines = Vec::new();
    for path in &paths {
        if let Err(problems) = file::read(path) {
            lines.extend(problems.iter().map(|p| problem_line(p, lang)));
        }
    }
    if lines.is_empty() {
        print(&format!("{}\n", text::files_checked(paths.len(), lang)));
        Ok(())
    } else {
        Err(Failure::errors(lines))
    }
}
