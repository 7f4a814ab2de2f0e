//! `wijkkaart worker`: enrolling workers for case work, and listing them.

use super::{Auth, Passphrases, fail, open_book, unlock_with};
use crate::cases::book::Enrolled;
use crate::cli::{Context, Failure, print};
use crate::map::edit::Worker;
use crate::text::{C, Say, say};
use clap::Subcommand;
use std::fmt::Write;
use zeroize::Zeroize;

#[derive(Debug, Subcommand)]
pub enum WorkerCommand {
    /// Enrol a worker with a passphrase (asks an enrolled worker's passphrase first).
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long = "org", default_value = "")]
        organisation: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// The enrolled workers.
    List,
}

pub fn run(cmd: WorkerCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let mut book = open_book(&store, lang)?;
    match cmd {
        WorkerCommand::List => {
            let mut out = String::new();
            for w in book.workers() {
                let _ = writeln!(out, "{}\t{}\t{}", w.id, w.name, w.organisation);
            }
            print(&out);
            Ok(())
        }
        WorkerCommand::Add {
            id,
            name,
            organisation,
            auth,
        } => {
            let new = Worker::new(&id, &name, &organisation)
                .map_err(|_| Failure::usage(say(&Say::BadWorkerId(id.clone()), lang)))?;
            // Both passphrases come from one source: the enrolled worker's, then the new one's.
            let mut passes = Passphrases::new(&auth, lang);
            // The first worker enrols alone; every later one needs an enrolled worker.
            let session = if book.workers().is_empty() {
                None
            } else {
                Some(unlock_with(&book, &store, &auth, &mut passes, ctx)?)
            };
            let mut pass = passes.read(&new.id)?;
            let enrolled = Enrolled {
                id: new.id.clone(),
                name: new.name.clone(),
                organisation: new.organisation.clone(),
            };
            let result = book.enrol(&enrolled, &pass, session.as_ref());
            pass.zeroize();
            result.map_err(|e| fail(&e, lang))?;
            print(&format!("{} {}\n", new.id, C::Enrolled.get(lang)));
            Ok(())
        }
    }
}
