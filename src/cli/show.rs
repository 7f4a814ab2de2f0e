//! `wijkkaart show ID`: one entry in full.

use super::{Context, Failure, print};
use crate::map::entry::Entry;
use crate::map::fields::{self, Field, Key};
use crate::map::write::time;
use crate::text::{self, Lang, T};
use serde_json::{Value, json};
use std::fmt::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let record = store.record(&args.id).map_err(|e| ctx.store_failure(&e))?;
    let Some(record) = record.filter(|r| !r.is_deleted()) else {
        return Err(Failure::error(text::unknown_id(&args.id, lang)));
    };
    let e = record.entry();
    let mut out = String::new();
    if args.json {
        let mut value = entry_json(e);
        value["conflicted"] = json!(record.is_conflicted());
        out = value.to_string();
        out.push('\n');
    } else {
        out.push_str(&entry_text(e, lang));
        if record.is_conflicted() {
            let _ = writeln!(out, "\n! {}", T::Conflicted.get(lang));
            for (key, writes) in crate::map::edit::conflicted_fields(e) {
                let label = Field::from_key(key).map_or(key, |f| text::field_label(f, lang));
                let values: Vec<String> = writes
                    .iter()
                    .map(|w| super::conflicts::value_text(key, w, lang))
                    .collect();
                let _ = writeln!(out, "  ≠ {label}: {}", values.join("  |  "));
            }
        }
    }
    print(&out);
    Ok(())
}

/// Every key of an entry, as JSON, with the file format's names; dates as in
/// the file format. Unlike a file, empty values are there too.
pub fn entry_json(e: &Entry) -> Value {
    let mut object = serde_json::Map::new();
    for key in Key::IN_FILE {
        let value = match key {
            Key::Id => json!(e.id),
            Key::Field(field) => field_json(field, e),
            Key::Updated => json!(e.updated.map(time)),
            Key::UpdatedBy => json!(e.updated_by),
            Key::Clock => json!(e.clock.0),
            Key::Created => json!(e.created.as_ref().map(|d| d.to_string())),
            Key::Written => {
                let pairs: serde_json::Map<String, Value> = e
                    .written
                    .iter()
                    .map(|(k, d)| (k.clone(), json!(d.to_string())))
                    .collect();
                Value::Object(pairs)
            }
            Key::Conflicts => {
                let fields = crate::map::edit::conflicted_fields(e);
                let pairs: serde_json::Map<String, Value> = fields
                    .iter()
                    .map(|(k, writes)| (k.to_string(), writes_json(writes)))
                    .collect();
                Value::Object(pairs)
            }
            Key::Deleted => json!(e.deleted),
        };
        object.insert(key.name().to_string(), value);
    }
    Value::Object(object)
}

/// The values of a conflicted field, as `conflicts --json` and `show --json` give them.
pub fn writes_json(writes: &[crate::map::entry::Write]) -> Value {
    use crate::map::entry::FieldValue;
    writes
        .iter()
        .map(|w| {
            let value = match &w.value {
                FieldValue::Text(t) => json!(t),
                FieldValue::List(items) => json!(items),
            };
            json!({
                "value": value,
                "dot": w.dot.as_ref().map(|d| d.to_string()),
                "worker": w.dot.as_ref().map(|d| d.worker().to_string()),
            })
        })
        .collect()
}

/// One field as JSON, the same in `show --json` and `search --json`: texts
/// and lists as they are (kind and domains as ids), a missing date as null.
pub fn field_json(field: Field, e: &Entry) -> Value {
    match field.value(e) {
        fields::Value::Text(text) => json!(text),
        fields::Value::List(items) => json!(items),
        fields::Value::Flag(on) => json!(on),
        fields::Value::Date(date) => json!(date.map(|d| d.to_string())),
    }
}

/// A readable block of labelled lines; empty fields are left out.
fn entry_text(e: &Entry, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", e.name);
    let verified = match e.verified {
        Some(d) => format!("{d} {}", e.verified_by).trim_end().to_string(),
        None => T::NotVerified.get(lang).to_string(),
    };
    let mut lines = vec![
        (T::Id.get(lang), e.id.clone()),
        (T::Kind.get(lang), e.kind.label(lang).to_string()),
        (T::Organisation.get(lang), e.organisation.clone()),
        (T::Role.get(lang), e.role.clone()),
    ];
    lines.extend(text::entry_fields(e, lang));
    lines.push((T::Verified.get(lang), verified));
    for (label, value) in lines.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(out, "{:<14} {value}", format!("{label}:"));
    }
    if e.private {
        let _ = writeln!(out, "{}", T::Private.get(lang));
    }
    if !e.description.is_empty() {
        let _ = writeln!(out, "\n{}", e.description);
    }
    out
}
