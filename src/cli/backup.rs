//! `wijkkaart backup --to DIR` and `wijkkaart restore [FROM]`.

use super::{Context, Failure, print};
use crate::store::backup;
use crate::text;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    /// The folder to write the backup into (a new folder inside it, named by the time).
    #[arg(long = "to")]
    pub to: PathBuf,
}

#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    /// A backup folder, or a folder of backups (default: the data dir's own backups).
    pub from: Option<PathBuf>,
}

pub fn backup(args: BackupArgs, ctx: &Context) -> Result<(), Failure> {
    let store = ctx.open_store()?;
    let info = backup::write(&store, &args.to).map_err(|e| match e.io() {
        Some(io) => Failure::error(text::file_write_failed(&args.to, io, ctx.lang)),
        None => ctx.store_failure(&e),
    })?;
    print(&format!(
        "{}\n",
        text::backup_written(&info, &args.to.join(&info.name), ctx.lang)
    ));
    Ok(())
}

pub fn restore(args: RestoreArgs, ctx: &Context) -> Result<(), Failure> {
    let report = crate::store::restore::restore(&ctx.data_dir()?, args.from.as_deref())
        .map_err(|e| ctx.store_failure(&e))?;
    print(&format!("{}\n", text::restored(&report, ctx.lang)));
    Ok(())
}
