//! `wijkkaart conflicts` and `wijkkaart resolve`: concurrent writes, field by field.

use super::edit::{live_record, open_as_worker};
use super::show::writes_json;
use super::{Context, Failure, print};
use crate::map::edit::{self, BadResolve, DELETED, conflicted_fields};
use crate::map::entry::{Entry, FieldValue, Write as FieldWrite};
use crate::map::fields::Field;
use crate::text::{Lang, Say, T, field_label, say, shown_value};
use chrono::Utc;
use serde_json::json;
use std::fmt::Write;

#[derive(Debug, clap::Args)]
pub struct ConflictsArgs {
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    pub id: String,
    /// The field to resolve (as `conflicts` names it); every conflicted field without it.
    #[arg(long)]
    pub field: Option<String>,
    /// The value to keep, 1-based as `conflicts` lists them.
    #[arg(long)]
    pub keep: usize,
}

/// A value of a conflict as a worker reads it.
pub fn value_text(key: &str, w: &FieldWrite, lang: Lang) -> String {
    if key == DELETED {
        let gone = w.value == FieldValue::Text("true".into());
        return if gone { T::ChoiceDelete } else { T::ChoiceKeep }
            .get(lang)
            .to_string();
    }
    let Some(field) = Field::from_key(key) else {
        return String::new();
    };
    let mut e = Entry::default();
    field.put(&mut e, &w.value);
    shown_value(field, &e, lang)
}

pub fn conflicts(args: ConflictsArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let records = store.records().map_err(|e| ctx.store_failure(&e))?;
    let conflicted: Vec<_> = records.iter().filter(|r| r.is_conflicted()).collect();
    let mut out = String::new();
    if args.json {
        let list: Vec<_> = conflicted
            .iter()
            .map(|r| {
                let e = r.entry();
                let fields: serde_json::Map<String, serde_json::Value> = conflicted_fields(e)
                    .iter()
                    .map(|(k, writes)| (k.to_string(), writes_json(writes)))
                    .collect();
                json!({"id": r.id(), "name": e.name, "fields": fields})
            })
            .collect();
        out = format!("{}\n", serde_json::Value::Array(list));
    } else if conflicted.is_empty() {
        out = format!("{}\n", say(&Say::NoConflicts, lang));
    } else {
        for r in conflicted {
            let e = r.entry();
            let _ = writeln!(out, "{}  {}", r.id(), e.name);
            for (key, writes) in conflicted_fields(e) {
                let label = match Field::from_key(key) {
                    Some(f) => field_label(f, lang),
                    None => T::EntryItself.get(lang),
                };
                let _ = writeln!(out, "  ≠ {label} ({key})");
                for (i, w) in writes.iter().enumerate() {
                    let who = w.dot.as_ref().map_or("?", |d| d.worker());
                    let _ = writeln!(out, "    {}: {}  ({who})", i + 1, value_text(key, w, lang));
                }
            }
        }
    }
    print(&out);
    Ok(())
}

pub fn resolve(args: ResolveArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let (store, me) = open_as_worker(ctx)?;
    let record = match store.record(&args.id).map_err(|e| ctx.store_failure(&e))? {
        Some(r) => r,
        None => return Err(Failure::error(crate::text::unknown_id(&args.id, lang))),
    };
    if !record.is_conflicted() {
        // Make sure an unknown or deleted id gets the clearer message.
        live_record(&store, &args.id, ctx)?;
        return Err(Failure::error(say(&Say::NotInConflict(args.id), lang)));
    }
    let resolution = edit::resolve(
        &record,
        args.field.as_deref(),
        args.keep,
        me.author(),
        Utc::now(),
    )
    .map_err(|e| match e {
        BadResolve::NotInConflict(what) => Failure::error(say(
            &Say::NotInConflict(format!("{} {what}", args.id)),
            lang,
        )),
        BadResolve::NoSuchValue { field, count } => Failure::usage(say(
            &Say::NoSuchVersion {
                id: format!("{} {field}", args.id),
                count,
            },
            lang,
        )),
        BadResolve::NothingToKeep => {
            Failure::error(say(&Say::NothingToKeep(args.id.clone()), lang))
        }
    })?;
    store.save(resolution).map_err(|e| ctx.store_failure(&e))?;
    super::edit::keep_index(&store);
    print(&format!("{}\n", say(&Say::Saved(args.id), lang)));
    Ok(())
}
