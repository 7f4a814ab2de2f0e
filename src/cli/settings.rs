//! `wijkkaart settings`: this laptop's settings, for now the idle lock of the
//! case screens.

use super::{Context, Failure, print};

#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// Lock the case screens after this many idle minutes (default 5).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=240))]
    pub lock_minutes: Option<u64>,
}

pub fn run(args: SettingsArgs, ctx: &Context) -> Result<(), Failure> {
    let store = ctx.open_store()?;
    if let Some(minutes) = args.lock_minutes {
        store
            .set_setting_u64("lock_minutes", minutes)
            .map_err(|e| ctx.store_failure(&e))?;
    }
    let minutes = store
        .setting_u64("lock_minutes")
        .map_err(|e| ctx.store_failure(&e))?
        .unwrap_or(5);
    print(&format!("lock-minutes = {minutes}\n"));
    Ok(())
}
