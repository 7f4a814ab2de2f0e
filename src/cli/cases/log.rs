//! `wijkkaart log verify`: checking the decision log. Without a passphrase
//! (neither `--as` nor `--passphrase-stdin`) the stored records' numbering
//! and bytes against the clear anchor; with one, also the hash chain, the
//! seal, the worker records and the cases.

use super::{Auth, Passphrases, fail, open_book, unlock_with};
use crate::cli::{Context, Failure, print};
use crate::text::{self, C};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Check the log; exit 0 when it is whole (with --as or --passphrase-stdin: chain, seal, workers and cases too).
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
    if auth.as_worker.is_none() && !auth.passphrase_stdin {
        return match book.verify_clear().map_err(|e| fail(&e, lang))? {
            Ok(whole) => {
                print(&format!("{}\n", text::log_whole_unlocked(&whole, lang)));
                Ok(())
            }
            Err(problem) => Err(Failure::error(text::log_problem(&problem, lang))),
        };
    }
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
