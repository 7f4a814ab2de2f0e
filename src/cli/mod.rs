//! The command line: flags shared by every subcommand, and dispatch.
//!
//! Subcommands print to stdout and report errors as lines in the interface
//! language; they never draw the interface.

mod cases;
mod check;
mod conflicts;
mod edit;
mod export;
mod import;
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
    /// List entries with concurrent edits, both versions.
    Conflicts(conflicts::ConflictsArgs),
    /// Keep one version of a conflicted entry, as a new edit.
    Resolve(conflicts::ResolveArgs),
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

/// Runs a subcommand.
pub fn run(command: Command, ctx: &Context) -> Result<(), Failure> {
    match command {
        Command::Search(args) => search::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Check(args) => check::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
        Command::Conflicts(args) => conflicts::conflicts(args, ctx),
        Command::Resolve(args) => conflicts::resolve(args, ctx),
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
    }
}

/// Parses `--domain` values (ids), refusing unknown ones as bad usage.
fn parse_domains(ids: &[String], lang: Lang) -> Result<Vec<LifeDomain>, Failure> {
    ids.iter()
        .map(|id| {
            LifeDomain::from_id(id)
                .ok_or_else(|| Failure::usage(text::unknown_domain_arg(id, lang)))
        })
        .collect()
}

/// Prints to stdout; a closed pipe (`| head`) is not an error.
fn print(out: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
}
