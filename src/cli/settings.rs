//! `wijkkaart settings`: this laptop's settings, for now the idle lock of the
//! case screens, which two workers change together (logged).

use super::cases::{Auth, lock_minutes_by_two};
use super::{Context, Failure, print};

#[derive(Debug, clap::Args)]
pub struct SettingsArgs {
    /// Lock the case screens after this many idle minutes (default 5); with a second worker: --with.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=240))]
    pub lock_minutes: Option<u64>,
    /// The second worker of a change; their passphrase follows the first.
    #[arg(long = "with", value_name = "WORKER")]
    pub with: Option<String>,
    #[command(flatten)]
    pub auth: Auth,
}

pub fn run(args: SettingsArgs, ctx: &Context) -> Result<(), Failure> {
    let store = ctx.open_store()?;
    if let Some(minutes) = args.lock_minutes {
        lock_minutes_by_two(&store, &args.auth, args.with.as_deref(), minutes, ctx)?;
    }
    let minutes = store
        .setting_u64("lock_minutes")
        .map_err(|e| ctx.store_failure(&e))?
        .unwrap_or(5);
    print(&format!("lock-minutes = {minutes}\n"));
    Ok(())
}
