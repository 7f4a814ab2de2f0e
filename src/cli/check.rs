//! `wijkkaart check PATH...`: validate files, change nothing.

use super::import::import_failure;
use super::{Context, Failure, print};
use crate::store::exchange;
use crate::text;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    match exchange::read_all(&args.paths) {
        Ok(files) => {
            print(&format!("{}\n", text::files_checked(files.len(), ctx.lang)));
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
