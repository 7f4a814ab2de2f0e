//! `wijkkaart worker`: the worker list, changed only by two enrolled workers
//! (after a laptop's first): enrolling, changing a name or organisation,
//! removing (which re-keys the case data), and listing who vouched for whom.

use super::{Auth, Passphrases, acting, fail, open_book, unlock_two, unlock_with};
use crate::cases::book::{CaseError, Enrolled, Missing};
use crate::cli::{Context, Failure, print};
use crate::map::edit::Worker;
use crate::text::{self, C, Say, say};
use clap::Subcommand;
use std::fmt::Write;
use zeroize::Zeroize;

#[derive(Debug, Subcommand)]
pub enum WorkerCommand {
    /// Enrol a worker: two enrolled workers vouch (--as and --with), then the newcomer's passphrase.
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long = "org", default_value = "")]
        organisation: String,
        /// The second enrolled worker who vouches; their passphrase follows the first.
        #[arg(long = "with", value_name = "WORKER")]
        with: Option<String>,
        #[command(flatten)]
        auth: Auth,
    },
    /// The enrolled workers, with who vouched for them and when.
    List,
    /// Remove a worker (by two workers): the case data gets new keys.
    Remove {
        id: String,
        /// The second worker; their passphrase follows the first.
        #[arg(long = "with", value_name = "WORKER")]
        with: Option<String>,
        #[command(flatten)]
        auth: Auth,
    },
    /// Change a worker's name or organisation (by two workers).
    Edit {
        id: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long = "org")]
        organisation: Option<String>,
        /// The second worker; their passphrase follows the first.
        #[arg(long = "with", value_name = "WORKER")]
        with: Option<String>,
        #[command(flatten)]
        auth: Auth,
    },
}

pub fn run(cmd: WorkerCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let mut book = open_book(&store, lang)?;
    let now = chrono::Utc::now();
    match cmd {
        WorkerCommand::List => {
            let mut out = String::new();
            for roll in book.roll() {
                let w = &roll.worker;
                let vouches: Vec<String> = roll
                    .vouches
                    .iter()
                    .map(|v| text::vouch_line(v, lang))
                    .collect();
                let _ = writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    w.id,
                    w.name,
                    w.organisation,
                    vouches.join("; ")
                );
            }
            print(&out);
            Ok(())
        }
        WorkerCommand::Add {
            id,
            name,
            organisation,
            with,
            auth,
        } => {
            let new = Worker::new(&id, &name, &organisation)
                .map_err(|_| Failure::usage(say(&Say::BadWorkerId(id.clone()), lang)))?;
            if new.organisation.trim().is_empty() {
                return Err(fail(&CaseError::Missing(Missing::Organisation), lang));
            }
            if book.worker(&new.id).is_some() {
                return Err(fail(&CaseError::AlreadyEnrolled(new.id.clone()), lang));
            }
            // The vouchers' passphrases first, then the newcomer's, from one source.
            let mut passes = Passphrases::new(&auth, lang);
            let enrolled = book.workers().len();
            if enrolled >= 2 && with.is_none() {
                return Err(fail(&CaseError::NeedsTwo, lang));
            }
            let sessions = match enrolled {
                0 => Vec::new(),
                1 => vec![unlock_with(&book, &store, &auth, &mut passes, ctx)?],
                _ => {
                    let (a, b) =
                        unlock_two(&mut book, &store, &auth, with.as_deref(), &mut passes, ctx)?;
                    vec![a, b]
                }
            };
            let mut pass = passes.read(&new.id)?;
            let worker = Enrolled {
                id: new.id.clone(),
                name: new.name.clone(),
                organisation: new.organisation.clone(),
            };
            let by: Vec<_> = sessions.iter().collect();
            let result = book.enrol(&worker, &pass, &by, now);
            pass.zeroize();
            result.map_err(|e| fail(&e, lang))?;
            print(&format!("{} {}\n", new.id, C::Enrolled.get(lang)));
            Ok(())
        }
        WorkerCommand::Remove { id, with, auth } => {
            if book.worker(&id).is_none() {
                return Err(fail(&CaseError::NotEnrolled(id), lang));
            }
            let mut passes = Passphrases::new(&auth, lang);
            let (a, b) = unlock_two(&mut book, &store, &auth, with.as_deref(), &mut passes, ctx)?;
            book.remove_worker(&a, &b, &id, now)
                .map_err(|e| fail(&e, lang))?;
            print(&format!("{id} {}\n", C::Removed.get(lang)));
            Ok(())
        }
        WorkerCommand::Edit {
            id,
            name,
            organisation,
            with,
            auth,
        } => {
            if book.worker(&id).is_none() {
                return Err(fail(&CaseError::NotEnrolled(id), lang));
            }
            if name.is_none() && organisation.is_none() {
                return Err(fail(&CaseError::NothingChanged, lang));
            }
            let _ = acting(&store, &auth, ctx)?;
            let mut passes = Passphrases::new(&auth, lang);
            let (a, b) = unlock_two(&mut book, &store, &auth, with.as_deref(), &mut passes, ctx)?;
            book.change_worker(&a, &b, &id, name.as_deref(), organisation.as_deref(), now)
                .map_err(|e| fail(&e, lang))?;
            print(&format!("{id} {}\n", C::Changed.get(lang)));
            Ok(())
        }
    }
}
