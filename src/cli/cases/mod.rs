//! `worker`, `case`, `intervention`, `log` and `budget`: case work from the
//! command line, one file per subcommand. Every command acts as one worker
//! (`--as`, default the laptop's) and needs that worker's passphrase, from the
//! terminal or, with `--passphrase-stdin`, one line per passphrase on standard
//! input; this module holds those two flags and the unlocking they drive.

pub mod budget;
pub mod case;
pub mod intervention;
pub mod log;
pub mod worker;

use super::{Context, Failure};
use crate::cases::book::{CaseBook, CaseError, Session};
use crate::cases::model::parse_cents;
use crate::map::domain::LifeDomain;
use crate::store::Store;
use crate::text::{self, Lang, Say, say};
use clap::Args;
use std::io::BufRead;
use zeroize::Zeroize;

// Who acts, and where the passphrase comes from. (Not a doc comment: clap
// would show it as the description of any subcommand that lacks its own.)
#[derive(Debug, Args)]
pub struct Auth {
    /// The worker who acts (default: this laptop's worker).
    #[arg(long = "as", value_name = "WORKER")]
    pub as_worker: Option<String>,
    /// Read passphrases from standard input, one per line.
    #[arg(long)]
    pub passphrase_stdin: bool,
}

// One case or intervention to look at, as text or JSON. (Not a doc comment,
// for the same reason as Auth.)
#[derive(Debug, Args)]
pub struct Shown {
    pub id: String,
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub auth: Auth,
}

/// Passphrases from the terminal (no echo) or from standard input.
struct Passphrases {
    stdin: Option<std::io::StdinLock<'static>>,
    lang: Lang,
}

impl Passphrases {
    fn new(auth: &Auth, lang: Lang) -> Passphrases {
        Passphrases {
            stdin: auth.passphrase_stdin.then(|| std::io::stdin().lock()),
            lang,
        }
    }

    fn read(&mut self, worker: &str) -> Result<String, Failure> {
        let mut line = String::new();
        match &mut self.stdin {
            Some(stdin) => {
                stdin
                    .read_line(&mut line)
                    .map_err(|e| Failure::error(e.to_string()))?;
                let pass = line.trim_end_matches(['\n', '\r']).to_string();
                line.zeroize();
                Ok(pass)
            }
            // Without a terminal there is nobody to ask: say how to give it.
            None => rpassword::prompt_password(text::passphrase_prompt(worker, self.lang))
                .map_err(|_| Failure::error(text::no_terminal_for_passphrase(self.lang))),
        }
    }
}

fn fail(e: &CaseError, lang: Lang) -> Failure {
    Failure::error(text::case_error(e, lang))
}

/// The case book of the data dir, with its errors in the interface language.
fn open_book<'s>(store: &'s Store, lang: Lang) -> Result<CaseBook<'s>, Failure> {
    CaseBook::open(store).map_err(|e| fail(&e, lang))
}

/// The acting worker's id: `--as`, or the laptop's worker.
fn acting(store: &Store, auth: &Auth, ctx: &Context) -> Result<String, Failure> {
    match &auth.as_worker {
        Some(w) => Ok(w.clone()),
        None => store
            .worker()
            .map_err(|e| ctx.store_failure(&e))?
            .map(|w| w.id)
            .ok_or_else(|| Failure::error(say(&Say::NoIdentity, ctx.lang))),
    }
}

/// Unlocks the book as the acting worker, reading their passphrase from
/// `passes` (so that a command needing two passphrases reads both from one
/// standard input).
fn unlock_with(
    book: &CaseBook,
    store: &Store,
    auth: &Auth,
    passes: &mut Passphrases,
    ctx: &Context,
) -> Result<Session, Failure> {
    let worker = acting(store, auth, ctx)?;
    if book.worker(&worker).is_none() {
        return Err(fail(&CaseError::NotEnrolled(worker), ctx.lang));
    }
    let mut pass = passes.read(&worker)?;
    let session = book.unlock(&worker, &pass).map_err(|e| fail(&e, ctx.lang));
    pass.zeroize();
    session
}

/// Unlocks the book as the acting worker: the one passphrase a command
/// needs. A log cut short or a worker record changed by hand is named here
/// and nothing goes on (`log verify` names everything).
fn unlock(book: &CaseBook, store: &Store, auth: &Auth, ctx: &Context) -> Result<Session, Failure> {
    let s = unlock_with(
        book,
        store,
        auth,
        &mut Passphrases::new(auth, ctx.lang),
        ctx,
    )?;
    checked(book, s, ctx.lang)
}

/// The session, unless the end of the log or the worker records are not
/// what was sealed.
fn checked(book: &CaseBook, s: Session, lang: Lang) -> Result<Session, Failure> {
    match book.check_on_unlock(&s).map_err(|e| fail(&e, lang))? {
        Some(problem) => Err(Failure::error(text::log_problem(&problem, lang))),
        None => Ok(s),
    }
}

/// Unlocks two different workers for a decision of two: the acting one and
/// `--with` (whose passphrase follows on the same input), giving each a
/// slot of the current kind on the way.
fn unlock_two(
    book: &mut CaseBook,
    store: &Store,
    auth: &Auth,
    with: Option<&str>,
    passes: &mut Passphrases,
    ctx: &Context,
) -> Result<(Session, Session), Failure> {
    let first = acting(store, auth, ctx)?;
    let Some(with) = with.filter(|w| *w != first) else {
        return Err(fail(&CaseError::NeedsTwo, ctx.lang));
    };
    let mut sessions = Vec::new();
    let mut renewals = Vec::new();
    for worker in [first.as_str(), with] {
        if book.worker(worker).is_none() {
            return Err(fail(&CaseError::NotEnrolled(worker.to_string()), ctx.lang));
        }
        // Wiped when dropped, whichever way this returns.
        let pass = zeroize::Zeroizing::new(passes.read(worker)?);
        let session = book.unlock(worker, &pass).map_err(|e| fail(&e, ctx.lang))?;
        sessions.push(checked(book, session, ctx.lang)?);
        renewals.push((worker.to_string(), pass));
    }
    // Only when both passphrases were right: a slot of the older kind gets
    // its key pair.
    for (worker, pass) in &renewals {
        book.renew_slot(worker, pass)
            .map_err(|e| fail(&e, ctx.lang))?;
    }
    let b = sessions.pop();
    match (sessions.pop(), b) {
        (Some(a), Some(b)) => Ok((a, b)),
        _ => Err(fail(&CaseError::NeedsTwo, ctx.lang)),
    }
}

/// Sets the idle lock: two workers (`--as` and `--with`), logged.
pub(crate) fn lock_minutes_by_two(
    store: &Store,
    auth: &Auth,
    with: Option<&str>,
    minutes: u64,
    ctx: &Context,
) -> Result<(), Failure> {
    let mut book = open_book(store, ctx.lang)?;
    if with.is_none() {
        return Err(fail(&CaseError::PolicyAlone, ctx.lang));
    }
    let mut passes = Passphrases::new(auth, ctx.lang);
    let (a, b) = unlock_two(&mut book, store, auth, with, &mut passes, ctx)?;
    book.set_lock_minutes(&a, &b, minutes, chrono::Utc::now())
        .map_err(|e| fail(&e, ctx.lang))
}

/// What `restore` did where case data is.
pub(crate) enum ByTwo {
    /// No worker is enrolled here: the caller puts the whole backup back.
    NoWorkers,
    /// A restore by two: the map put back, the cases on record.
    Restored(crate::store::RestoreReport, crate::text::CasesRestored),
    /// Two workers confirmed the case data an automatic restore put back
    /// after damage (the line to print).
    Confirmed(String),
}

/// The two workers who confirm case data put back after damage: their
/// passphrases checked, the case data not yet open to them.
fn unlock_to_confirm(
    book: &CaseBook,
    store: &Store,
    auth: &Auth,
    with: Option<&str>,
    ctx: &Context,
) -> Result<(Session, Session), Failure> {
    let lang = ctx.lang;
    let first = acting(store, auth, ctx)?;
    let Some(with) = with.filter(|w| *w != first) else {
        return Err(fail(&CaseError::NeedsTwo, lang));
    };
    let mut passes = Passphrases::new(auth, lang);
    let mut sessions = Vec::new();
    for worker in [first.as_str(), with] {
        if book.worker(worker).is_none() {
            return Err(fail(&CaseError::NotEnrolled(worker.to_string()), lang));
        }
        let pass = zeroize::Zeroizing::new(passes.read(worker)?);
        sessions.push(
            book.unlock_to_confirm(worker, &pass)
                .map_err(|e| fail(&e, lang))?,
        );
    }
    match (sessions.pop(), sessions.pop()) {
        (Some(b), Some(a)) => Ok((a, b)),
        _ => Err(fail(&CaseError::NeedsTwo, lang)),
    }
}

/// Two workers confirm the case data that was put back after the
/// database was damaged: it is put on record and opens again.
fn confirm_by_two(
    book: &mut CaseBook,
    a: &Session,
    b: &Session,
    ctx: &Context,
) -> Result<ByTwo, Failure> {
    let from = book
        .confirm_restore(a, b, chrono::Utc::now())
        .map_err(|e| fail(&e, ctx.lang))?;
    Ok(ByTwo::Confirmed(text::restore_confirmed(
        from,
        [&a.worker.id, &b.worker.id],
        ctx.lang,
    )))
}

/// Restores a data dir that holds case data: by two workers (`--as` and
/// `--with`), asked before anything is read or written; the log is kept and
/// the restore appended to it. After an automatic restore of a damaged
/// database, the same command confirms the case data it put back.
pub(crate) fn restore_by_two(
    dir: &std::path::Path,
    auth: &Auth,
    with: Option<&str>,
    from: Option<&std::path::Path>,
    ctx: &Context,
) -> Result<ByTwo, Failure> {
    use crate::store::restore;
    let lang = ctx.lang;
    let (a, b, source, prepared) = {
        let store = ctx.open_store()?;
        let mut book = match CaseBook::open(&store) {
            Ok(book) => book,
            // Without a readable vault.bin nobody can unlock: it alone is
            // put back, and the cases then by two as usual.
            Err(e @ (CaseError::VaultDamaged | CaseError::VaultMissing)) => {
                drop(store);
                let source = restore::pick(dir, from).map_err(|e| ctx.store_failure(&e))?;
                if !restore::restore_vault_only(dir, &source).map_err(|e| ctx.store_failure(&e))? {
                    return Err(fail(&e, lang));
                }
                return Err(Failure::error(text::vault_restored(lang)));
            }
            Err(e) => return Err(fail(&e, lang)),
        };
        if book.workers().is_empty() {
            return Ok(ByTwo::NoWorkers);
        }
        if with.is_none() {
            return Err(fail(&CaseError::NeedsTwo, lang));
        }
        if book
            .restore_unconfirmed()
            .map_err(|e| fail(&e, lang))?
            .is_some()
        {
            let (a, b) = unlock_to_confirm(&book, &store, auth, with, ctx)?;
            let Some(from) = from else {
                return confirm_by_two(&mut book, &a, &b, ctx);
            };
            // Another backup in place of the one put back after damage
            // (which may be of an older key): held the same way, then
            // confirmed by the same two.
            let source = restore::pick(dir, Some(from)).map_err(|e| ctx.store_failure(&e))?;
            drop(book);
            drop(store);
            restore::restore_held(dir, &source).map_err(|e| ctx.store_failure(&e))?;
            let store = ctx.open_store()?;
            let mut book = open_book(&store, lang)?;
            return confirm_by_two(&mut book, &a, &b, ctx);
        }
        let mut passes = Passphrases::new(auth, lang);
        let (a, b) = unlock_two(&mut book, &store, auth, with, &mut passes, ctx)?;
        let source = restore::pick(dir, from).map_err(|e| ctx.store_failure(&e))?;
        let values = restore::case_values(&source).map_err(|e| ctx.store_failure(&e))?;
        let prepared = book
            .prepare_restore(&a, &b, &values)
            .map_err(|e| fail(&e, lang))?;
        (a, b, source, prepared)
    };
    let report = restore::restore_keeping_cases(dir, &source).map_err(|e| ctx.store_failure(&e))?;
    let store = ctx.open_store()?;
    let mut book = open_book(&store, lang)?;
    let left_out = prepared.left_out;
    let restored = book
        .commit_restore(&a, &b, prepared, chrono::Utc::now())
        .map_err(|e| fail(&e, lang))?;
    Ok(ByTwo::Restored(
        report,
        crate::text::CasesRestored {
            restored,
            left_out,
            by: [a.worker.id.clone(), b.worker.id.clone()],
        },
    ))
}

fn domains(ids: &[String], lang: Lang) -> Result<Vec<LifeDomain>, Failure> {
    super::parse_domains(ids, lang)
}

/// An amount exactly as the spec writes it (`1250`, `1250,5`, `1250.50`):
/// anything else is bad usage, with its reason, before anything is unlocked.
fn cents(text: &str, lang: Lang) -> Result<u64, Failure> {
    parse_cents(text).map_err(|_| Failure::usage(text::bad_euros(text, lang)))
}

/// After a list of what could be read: one line per damaged case, exit 1,
/// so neither a person nor a script takes the list for all there is.
fn damaged(errors: &[CaseError], lang: Lang) -> Result<(), Failure> {
    if errors.is_empty() {
        return Ok(());
    }
    Err(Failure::errors(
        errors.iter().map(|e| text::case_error(e, lang)).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use crate::cli::Cli;
    use clap::CommandFactory;

    /// clap gives a subcommand without a doc comment the description of a
    /// struct it flattens: `intervention approve --help` once introduced
    /// itself as "Who acts, and where the passphrase comes from".
    #[test]
    fn every_case_work_subcommand_says_what_it_does() {
        let cli = Cli::command();
        for group in ["worker", "case", "intervention", "log"] {
            let group = cli.find_subcommand(group).expect("a subcommand");
            let mut abouts = Vec::new();
            for command in group.get_subcommands() {
                let about = command.get_about().map(|a| a.to_string());
                let about = about.unwrap_or_else(|| panic!("{} has no about", command.get_name()));
                assert!(!abouts.contains(&about), "{}: {about}", command.get_name());
                abouts.push(about);
            }
        }
    }
}
