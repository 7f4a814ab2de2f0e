//! `wijkkaart show ID`: one entry in full.

use super::{Context, Failure, print};
use crate::map::entry::Entry;
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
    let live: Vec<&Entry> = record.versions().iter().filter(|e| !e.deleted).collect();
    let mut out = String::new();
    if args.json {
        let mut value = entry_json(live[0]);
        value["conflicted"] = json!(record.is_conflicted());
        if record.is_conflicted() {
            value["versions"] = record.versions().iter().map(entry_json).collect();
        }
        out = value.to_string();
        out.push('\n');
    } else {
        for (i, e) in live.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(&entry_text(e, lang));
        }
        if record.is_conflicted() {
            let _ = writeln!(out, "\n! {}", T::Conflicted.get(lang));
        }
    }
    print(&out);
    Ok(())
}

/// Every field of an entry, as JSON; dates as in the file format.
pub fn entry_json(e: &Entry) -> Value {
    json!({
        "id": e.id,
        "kind": e.kind.id(),
        "name": e.name,
        "organisation": e.organisation,
        "role": e.role,
        "description": e.description,
        "domains": e.domains.iter().map(|d| d.id()).collect::<Vec<_>>(),
        "areas": e.areas,
        "city": e.city,
        "address": e.address,
        "postcode": e.postcode,
        "phone": e.phone,
        "email": e.email,
        "website": e.website,
        "hours": e.hours,
        "languages": e.languages,
        "audience": e.audience,
        "cost": e.cost,
        "referral": e.referral,
        "tags": e.tags,
        "verified": e.verified.map(|d| d.to_string()),
        "verified_by": e.verified_by,
        "updated": e.updated.map(time),
        "updated_by": e.updated_by,
        "clock": e.clock.0,
        "private": e.private,
        "deleted": e.deleted,
    })
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
        (T::Id, e.id.clone()),
        (T::Kind, e.kind.label(lang).to_string()),
        (T::Organisation, e.organisation.clone()),
        (T::Role, e.role.clone()),
    ];
    lines.extend(text::entry_fields(e, lang));
    lines.push((T::Verified, verified));
    for (label, value) in lines.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(out, "{:<14} {value}", format!("{}:", label.get(lang)));
    }
    if e.private {
        let _ = writeln!(out, "{}", T::Private.get(lang));
    }
    if !e.description.is_empty() {
        let _ = writeln!(out, "\n{}", e.description);
    }
    out
}
