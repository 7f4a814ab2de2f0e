//! The command line: flags shared by every subcommand, and dispatch.
//!
//! Subcommands print to stdout and report errors as lines in the interface
//! language; they never draw the interface.

mod backup;
mod cases;
mod check;
mod conflicts;
mod doctor;
mod duplicates;
mod edit;
mod export;
mod import;
mod names;
mod search;
mod settings;
mod show;
mod sync;

use crate::map::domain::LifeDomain;
use crate::text::{self, Lang};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;

/// wijkkaart — de sociale kaart voor wijkwerkers / the social map for neighbourhood workers.
#[derive(Debug, Parser)]
#[command(name = "wijkkaart", version)]
pub struct Cli {
    /// Where the database and settings live.
    #[arg(long, env = "WIJKKAART_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// Do not load the built-in social map into a new, empty data dir.
    #[arg(
        long,
        env = "WIJKKAART_NO_DEFAULT_MAP",
        global = true,
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub no_default_map: bool,
    /// Interface language: nl or en.
    #[arg(long, env = "WIJKKAART_LANG", global = true, default_value = "nl")]
    pub lang: Lang,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ranked search, with the same engine as the interface.
    Search(search::Args),
    /// One entry in full.
    Show(show::Args),
    /// Merge social-map files or folders of them into the local map.
    Import(import::Args),
    /// Write the map (or part of it) as a social-map file.
    Export(export::Args),
    /// Validate files without changing anything.
    Check(check::Args),
    /// Two-way exchange with a shared folder.
    Sync(sync::Args),
    /// List conflicted entries, field by field, with every concurrent value.
    Conflicts(conflicts::ConflictsArgs),
    /// Keep one value of a conflicted field (or of every one), as a new edit.
    Resolve(conflicts::ResolveArgs),
    /// List entries that look like the same place, to merge by hand.
    Duplicates(duplicates::Args),
    /// Set this laptop's worker identity (needed before any edit).
    Init(edit::InitArgs),
    /// Add an entry; prints its id.
    Add(edit::AddArgs),
    /// Change fields of an entry.
    Edit(edit::EditArgs),
    /// Remove an entry (here and, after syncing, at colleagues).
    Delete(edit::IdArgs),
    /// Mark an entry's details as checked today.
    Verify(edit::IdArgs),
    /// Enrol workers for case work, or list them.
    #[command(subcommand)]
    Worker(cases::worker::WorkerCommand),
    /// Cases: notes, scores, the complete picture, the referral slip.
    #[command(subcommand)]
    Case(cases::case::CaseCommand),
    /// Impact-article interventions and the two-worker rule.
    #[command(subcommand)]
    Intervention(cases::intervention::InterventionCommand),
    /// The decision log.
    #[command(subcommand)]
    Log(cases::log::LogCommand),
    /// The emergency budget limit, and this year's approved and spent totals.
    Budget(cases::budget::BudgetArgs),
    /// Laptop settings: the idle lock of the case screens.
    Settings(settings::SettingsArgs),
    /// Check the data dir (store, index, vault, log, backups) and repair what is safe.
    Doctor(doctor::Args),
    /// Write a full backup (case data stays encrypted) into a folder.
    Backup(backup::BackupArgs),
    /// Put a backup back: the newest good one in the data dir, or FROM.
    Restore(backup::RestoreArgs),
}

pub use crate::launch::{Context, Failure};

/// The flags every subcommand and the interface share.
impl Context {
    pub fn from_cli(cli: &Cli) -> Context {
        Context {
            lang: cli.lang,
            data_dir: cli.data_dir.clone(),
            default_map: !cli.no_default_map,
        }
    }
}

/// Runs a subcommand. Output that could not be written (a full disk behind
/// `> file`) makes it fail, even when the command itself went well.
pub fn run(command: Command, ctx: &Context) -> Result<(), Failure> {
    let result = contain_panics(|| dispatch(command, ctx), ctx.lang);
    let failed = STDOUT_ERROR
        .lock()
        .map(|mut e| e.take())
        .unwrap_or_default();
    match (result, failed) {
        (Ok(()), Some(e)) => Err(Failure::error(text::stdout_failed(&e, ctx.lang))),
        (result, _) => result,
    }
}

/// What a panic said, kept by the quiet hook for [`contain_panics`].
static PANIC: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Runs a command so that a panic (sled 0.34.7 unwraps a full disk in its
/// log writer) ends as one line in the interface language and exit 1, not
/// as Rust's panic text and exit 101. What sled flushed before is whole: the
/// next open cleans up (see `store::repair`).
pub fn contain_panics(f: impl FnOnce() -> Result<(), Failure>, lang: Lang) -> Result<(), Failure> {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        if let Ok(mut kept) = PANIC.lock() {
            kept.get_or_insert(message);
        }
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    let _ = std::panic::take_hook();
    result.unwrap_or_else(|_| {
        let message = PANIC
            .lock()
            .map(|mut m| m.take().unwrap_or_default())
            .unwrap_or_default();
        let disk_full = ["No space left", "StorageFull", "os error 28", "code: 28"]
            .iter()
            .any(|sign| message.contains(sign));
        Err(Failure::error(text::stopped(disk_full, lang)))
    })
}

fn dispatch(command: Command, ctx: &Context) -> Result<(), Failure> {
    match command {
        Command::Search(args) => search::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Conflicts(args) => conflicts::conflicts(args, ctx),
        Command::Resolve(args) => conflicts::resolve(args, ctx),
        Command::Duplicates(args) => duplicates::run(args, ctx),
        Command::Init(args) => edit::init(args, ctx),
        Command::Add(args) => edit::add(args, ctx),
        Command::Edit(args) => edit::edit(args, ctx),
        Command::Delete(args) => edit::delete(args, ctx),
        Command::Verify(args) => edit::verify(args, ctx),
        Command::Worker(cmd) => cases::worker::run(cmd, ctx),
        Command::Case(cmd) => cases::case::run(cmd, ctx),
        Command::Intervention(cmd) => cases::intervention::run(cmd, ctx),
        Command::Log(cmd) => cases::log::run(cmd, ctx),
        Command::Budget(args) => cases::budget::run(args, ctx),
        Command::Settings(args) => settings::run(args, ctx),
        Command::Doctor(args) => doctor::run(args, ctx),
        Command::Backup(args) => backup::backup(args, ctx),
        Command::Restore(args) => backup::restore(args, ctx),
    }
}

/// Parses `--domain` values (ids or Dutch or English names), refusing
/// unknown ones as bad usage.
fn parse_domains(names: &[String], lang: Lang) -> Result<Vec<LifeDomain>, Failure> {
    self::names::domains(names, lang)
}

/// The first error writing stdout, for [`run`] to report when the command ends.
static STDOUT_ERROR: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);

/// Prints to stdout, safe for a terminal whatever the entries hold
/// ([`text::terminal::safe_output`]); a closed pipe (`| head`) is not an error, any other
/// write error (a full disk) makes the command fail when it ends.
fn print(out: &str) {
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(text::terminal::safe_output(out).as_bytes())
        .and_then(|()| stdout.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
        && let Ok(mut first) = STDOUT_ERROR.lock()
    {
        first.get_or_insert(e);
    }
}

/// Reads the command line. `--help` and `--version` print and end as clap
/// does; anything wrong is one line in the interface language, exit 2.
pub fn parse_args() -> Result<Cli, Failure> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    Cli::try_parse_from(&args).map_err(|e| usage_failure(&e, &args))
}

fn usage_failure(e: &clap::Error, args: &[std::ffi::OsString]) -> Failure {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let lang = language_of(&args);
    let one = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        _ => String::new(),
    };
    let many = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let option = || one(ContextKind::InvalidArg);
    let usage = match e.kind() {
        ErrorKind::UnknownArgument | ErrorKind::TooManyValues => {
            text::Usage::UnknownOption(option())
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation | ErrorKind::NoEquals => {
            text::Usage::BadValue {
                option: option(),
                value: one(ContextKind::InvalidValue),
            }
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::TooFewValues => {
            text::Usage::Missing(many(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidSubcommand => text::Usage::UnknownCommand {
            name: one(ContextKind::InvalidSubcommand),
            suggestion: many(ContextKind::SuggestedSubcommand).into_iter().next(),
        },
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            text::Usage::NoCommand
        }
        ErrorKind::ArgumentConflict => text::Usage::Conflict(option(), one(ContextKind::PriorArg)),
        _ => text::Usage::Other,
    };
    Failure::usage(text::usage_line(&usage, &command_path(&args), lang))
}

/// The language asked for on the command line or in the environment, read
/// by hand: the parser that would read it has just failed.
fn language_of(args: &[String]) -> Lang {
    let mut asked = std::env::var("WIJKKAART_LANG").ok();
    for (i, arg) in args.iter().enumerate() {
        if arg == "--lang" {
            asked = args.get(i + 1).cloned();
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            asked = Some(value.to_string());
        }
    }
    asked.and_then(|l| l.parse().ok()).unwrap_or_default()
}

/// `wijkkaart intervention approve`: the subcommands named on the command line.
fn command_path(args: &[String]) -> String {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut path = vec!["wijkkaart".to_string()];
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--data-dir" || arg == "--lang" {
            rest.next();
            continue;
        }
        if arg.starts_with('-') {
            continue;
        }
        match command.find_subcommand(arg).cloned() {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                command = sub;
            }
            None => break,
        }
    }
    path.join(" ")
}
