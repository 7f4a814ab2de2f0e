//! `init`, `add`, `edit`, `delete` and `verify`: the laptop's worker and their
//! edits, with the same validation and version-clock bump as the interface.

use super::{Context, Failure, print};
use crate::map::domain::Kind;
use crate::map::edit::{self, Author, BadWorker, Worker};
use crate::map::entry::Entry;
use crate::map::fields::{self, Field, Key};
use crate::map::file::ProblemKind;
use crate::map::merge::Record;
use crate::store::Store;
use crate::text::{self, Lang, Say, problem_message, say};
use chrono::Utc;

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Short worker id: a-z, 0-9 and -, e.g. "anna".
    #[arg(long)]
    pub id: String,
    #[arg(long)]
    pub name: String,
    #[arg(long = "org", default_value = "")]
    pub organisation: String,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// key-figure, initiative or service (or sleutelfiguur, initiatief, voorziening).
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub name: String,
    /// Life domains, by id or name (at least one), e.g. finances or financien.
    #[arg(long = "domain", required = true)]
    pub domains: Vec<String>,
    /// Any other field, e.g. --set areas=Laak,Moerwijk --set phone=...
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    pub id: String,
    #[arg(long = "set", value_name = "KEY=VALUE", required = true)]
    pub sets: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct IdArgs {
    pub id: String,
}

pub fn init(args: InitArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let worker = Worker::new(&args.id, &args.name, &args.organisation).map_err(|e| {
        Failure::usage(match e {
            BadWorker::Id => say(&Say::BadWorkerId(args.id.clone()), lang),
            BadWorker::Name => say(&Say::EmptyWorkerName, lang),
        })
    })?;
    let store = ctx.open_store()?;
    store
        .set_worker(&worker)
        .map_err(|e| ctx.store_failure(&e))?;
    print(&format!(
        "{}\n",
        say(
            &Say::IdentitySet {
                name: worker.name.clone(),
                id: worker.id.clone()
            },
            lang
        )
    ));
    // Case work needs a passphrase too; say how, once.
    let enrolled =
        crate::cases::book::CaseBook::open(&store).map(|b| b.worker(&worker.id).is_some());
    if !enrolled.unwrap_or(true) {
        print(&format!(
            "{}\n",
            say(&Say::EnrolHint(worker.id.clone()), lang)
        ));
    }
    Ok(())
}

pub fn add(args: AddArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let kind = super::names::kind(&args.kind, lang)?;
    let mut entry = Entry {
        kind,
        // A new key figure stays on this laptop until the worker decides to share it.
        private: kind == Kind::KeyFigure,
        ..Entry::default()
    };
    set(&mut entry, Field::Name, &args.name, lang)?;
    set(&mut entry, Field::Domains, &args.domains.join(","), lang)?;
    apply_sets(&mut entry, &args.sets, lang)?;
    let (store, me) = open_as_worker(ctx)?;
    let taken = |id: &str| store.record(id).ok().flatten().is_some();
    entry.id = edit::new_id(&entry.name, taken);
    let stamped = edit::stamp(entry, None, me.author(), Utc::now());
    let id = stamped.id.clone();
    store.save(stamped).map_err(|e| ctx.store_failure(&e))?;
    keep_index(&store);
    print(&format!("{id}\n"));
    Ok(())
}

pub fn edit(args: EditArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let (store, me) = open_as_worker(ctx)?;
    let record = live_record(&store, &args.id, ctx)?;
    // A field in conflict that the edit sets is resolved by it; the others stay as they are.
    let mut entry = record.shown().cloned().unwrap_or_default();
    apply_sets(&mut entry, &args.sets, lang)?;
    let done = Say::Saved(named(&entry));
    save(
        &store,
        edit::stamp(entry, Some(&record), me.author(), Utc::now()),
        done,
        ctx,
    )
}

pub fn delete(args: IdArgs, ctx: &Context) -> Result<(), Failure> {
    let (store, me) = open_as_worker(ctx)?;
    let record = live_record(&store, &args.id, ctx)?;
    let done = Say::Deleted(record.shown().map_or(args.id, named));
    save(
        &store,
        edit::tombstone(&record, me.author(), Utc::now()),
        done,
        ctx,
    )
}

pub fn verify(args: IdArgs, ctx: &Context) -> Result<(), Failure> {
    let (store, me) = open_as_worker(ctx)?;
    let record = live_record(&store, &args.id, ctx)?;
    let content = record.shown().cloned().unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    let checked = edit::verified(&content, &record, me.author(), today, Utc::now());
    save(&store, checked, Say::Verified(named(&content)), ctx)
}

/// An entry as a message names it: its name, and the id a script goes on with.
pub fn named(entry: &Entry) -> String {
    format!("{} ({})", entry.name, entry.id)
}

fn save(store: &Store, entry: Entry, done: Say, ctx: &Context) -> Result<(), Failure> {
    store.save(entry).map_err(|e| ctx.store_failure(&e))?;
    keep_index(store);
    print(&format!("{}\n", say(&done, ctx.lang)));
    Ok(())
}

/// Keeps a fresh search index after a change, so the next search need not
/// build one. The change is saved already: failing here only costs time later.
pub fn keep_index(store: &Store) {
    let _ = store.keep_fresh_index();
}

/// The laptop's worker and this data dir's replica id: who makes an edit, on which copy.
pub struct Me {
    pub worker: Worker,
    pub replica: String,
}

impl Me {
    pub fn author(&self) -> Author<'_> {
        Author {
            worker: &self.worker.id,
            replica: &self.replica,
        }
    }
}

/// Opens the data dir and refuses to go on without a worker identity.
pub fn open_as_worker(ctx: &Context) -> Result<(Store, Me), Failure> {
    let store = ctx.open_store()?;
    let worker = match store.worker().map_err(|e| ctx.store_failure(&e))? {
        Some(worker) => worker,
        None => return Err(Failure::error(say(&Say::NoIdentity, ctx.lang))),
    };
    let replica = store
        .replica()
        .map_err(|e| ctx.store_failure(&e))?
        .unwrap_or_else(|| worker.id.clone());
    Ok((store, Me { worker, replica }))
}

/// The record of an entry that exists and is not deleted.
pub fn live_record(store: &Store, id: &str, ctx: &Context) -> Result<Record, Failure> {
    store
        .record(id)
        .map_err(|e| ctx.store_failure(&e))?
        .filter(|r| !r.is_deleted())
        .ok_or_else(|| Failure::error(text::unknown_id(id, ctx.lang)))
}

fn apply_sets(entry: &mut Entry, sets: &[String], lang: Lang) -> Result<(), Failure> {
    for arg in sets {
        let Some((key, value)) = arg.split_once('=') else {
            return Err(Failure::usage(say(&Say::SetNeedsEquals(arg.clone()), lang)));
        };
        let key = key.trim();
        let field = match Key::from_name(key) {
            Some(Key::Field(field)) => field,
            // The version is the program's to write, never the worker's.
            Some(_) => return Err(Failure::usage(say(&Say::CannotSet(key.into()), lang))),
            None => {
                let unknown = ProblemKind::UnknownKey(key.into());
                return Err(Failure::usage(problem_message(&unknown, lang)));
            }
        };
        set(entry, field, value, lang)?;
    }
    if let Some((_, problem)) = fields::problems(entry).first() {
        return Err(Failure::error(problem_message(problem, lang)));
    }
    Ok(())
}

/// Sets a field; life domains and the kind may be named in Dutch or English.
fn set(entry: &mut Entry, field: Field, value: &str, lang: Lang) -> Result<(), Failure> {
    // A value that is no domain or kind is a value error (exit 1), as in a file.
    let as_error = |f: Failure| Failure::errors(f.lines);
    let value = match field {
        Field::Kind => super::names::kind(value, lang)
            .map_err(as_error)?
            .id()
            .to_string(),
        Field::Domains => value
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| super::names::domain(n, lang).map(|d| d.id()))
            .collect::<Result<Vec<_>, _>>()
            .map_err(as_error)?
            .join(","),
        _ => value.to_string(),
    };
    let value = value.as_str();
    field
        .set(entry, value)
        .map_err(|p| Failure::error(format!("{}: {}", field.key(), problem_message(&p, lang))))
}
