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
    /// The second worker: a restore of case data is done by two.
    #[arg(long, value_name = "WORKER")]
    pub with: Option<String>,
    #[command(flatten)]
    pub auth: super::cases::Auth,
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

/// With case data in the data dir, by two workers (the log kept, the
/// restore on record); without, the whole backup is put back.
pub fn restore(args: RestoreArgs, ctx: &Context) -> Result<(), Failure> {
    let dir = ctx.data_dir()?;
    let from = args.from.as_deref();
    use super::cases::ByTwo;
    match super::cases::restore_by_two(&dir, &args.auth, args.with.as_deref(), from, ctx)? {
        ByTwo::Restored(report, cases) => print(&format!(
            "{}\n{}\n",
            text::restored(&report, ctx.lang),
            text::restored_cases(&cases, ctx.lang)
        )),
        ByTwo::Confirmed(line) => print(&format!("{line}\n")),
        ByTwo::NoWorkers => {
            let report =
                crate::store::restore::restore(&dir, from).map_err(|e| ctx.store_failure(&e))?;
            print(&format!("{}\n", text::restored(&report, ctx.lang)));
        }
    }
    Ok(())
}
