//! `wijkkaart conflicts` and `wijkkaart resolve`: concurrent edits, side by side.

use super::edit::{live_record, open_as_worker};
use super::show::entry_json;
use super::{Context, Failure, print};
use crate::map::edit;
use crate::map::fields::Field;
use crate::text::{Say, field_label, say};
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
    /// The version to keep, 1-based as `conflicts` lists them.
    #[arg(long)]
    pub keep: usize,
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
            .map(|r| json!({"id": r.id(), "versions": r.versions().iter().map(entry_json).collect::<Vec<_>>()}))
            .collect();
        out = format!("{}\n", serde_json::Value::Array(list));
    } else if conflicted.is_empty() {
        out = format!("{}\n", say(&Say::NoConflicts, lang));
    } else {
        for r in conflicted {
            let _ = writeln!(out, "{}", r.id());
            let versions = r.versions();
            for (i, v) in versions.iter().enumerate() {
                let when = v
                    .updated
                    .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                let name = if v.deleted {
                    "—".to_string()
                } else {
                    v.name.clone()
                };
                let _ = writeln!(out, "  {}: {name}  ({} {when})", i + 1, v.updated_by);
            }
            for field in Field::ALL {
                let values: Vec<String> = versions.iter().map(|v| field.get(v)).collect();
                if values.iter().any(|v| *v != values[0]) {
                    let _ = writeln!(
                        out,
                        "  ≠ {}: {}",
                        field_label(field, lang),
                        values.join("  |  ")
                    );
                }
            }
        }
    }
    print(&out);
    Ok(())
}

pub fn resolve(args: ResolveArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let (store, worker) = open_as_worker(ctx)?;
    let record = match store.record(&args.id).map_err(|e| ctx.store_failure(&e))? {
        Some(r) => r,
        None => return Err(Failure::error(crate::text::unknown_id(&args.id, lang))),
    };
    if !record.is_conflicted() {
        // Make sure an unknown or deleted id gets the clearer message.
        live_record(&store, &args.id, ctx)?;
        return Err(Failure::error(say(&Say::NotInConflict(args.id), lang)));
    }
    let count = record.versions().len();
    let Some(kept) = args
        .keep
        .checked_sub(1)
        .and_then(|i| record.versions().get(i))
    else {
        return Err(Failure::usage(say(
            &Say::NoSuchVersion { id: args.id, count },
            lang,
        )));
    };
    let resolution = edit::stamp(kept.clone(), Some(&record), &worker.id, Utc::now());
    store.save(resolution).map_err(|e| ctx.store_failure(&e))?;
    super::edit::keep_index(&store);
    print(&format!("{}\n", say(&Say::Saved(args.id), lang)));
    Ok(())
}
