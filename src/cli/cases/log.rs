//! `wijkkaart log verify`: checking the decision log's hash chain.

use super::{Auth, Passphrases, fail, open_book, unlock_with};
use crate::cli::{Context, Failure, print};
use crate::text::{self, C};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Check the hash chain; exit 0 when it is whole.
    Verify {
        #[command(flatten)]
        auth: Auth,
    },
}

pub fn run(cmd: LogCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let LogCommand::Verify { auth } = cmd;
    let store = ctx.open_store()?;
    let book = open_book(&store, lang)?;
    // The records are encrypted under the data key: any enrolled worker's
    // passphrase opens them (without a terminal: --passphrase-stdin).
    let s = unlock_with(
        &book,
        &store,
        &auth,
        &mut Passphrases::new(&auth, lang),
        ctx,
    )?;
    match book.verify_log(&s).map_err(|e| fail(&e, lang))? {
        None => {
            print(&format!("{}\n", C::ChainWhole.get(lang)));
            Ok(())
        }
        Some(problem) => Err(Failure::error(text::log_problem(&problem, lang))),
    }
}
