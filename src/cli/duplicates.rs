//! `wijkkaart duplicates`: entries that look like the same place, to merge by hand.

use super::{Context, Failure, print};
use crate::map::duplicates::possible_duplicates;
use crate::text::{Say, say};
use serde_json::json;
use std::fmt::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let store = ctx.open_store()?;
    let records = store.records().map_err(|e| ctx.store_failure(&e))?;
    let pairs = possible_duplicates(records.iter().filter_map(|r| r.shown()));
    let mut out = String::new();
    if args.json {
        let list: Vec<_> = pairs
            .iter()
            .map(|(a, b)| {
                json!([
                    {"id": a.id, "name": a.name},
                    {"id": b.id, "name": b.name},
                ])
            })
            .collect();
        out = format!("{}\n", serde_json::Value::Array(list));
    } else if pairs.is_empty() {
        out = format!("{}\n", say(&Say::NoDuplicates, ctx.lang));
    } else {
        for (a, b) in &pairs {
            let _ = writeln!(out, "{}  ~  {}    ({} / {})", a.id, b.id, a.name, b.name);
        }
        let _ = writeln!(out, "{}", say(&Say::DuplicatesHint, ctx.lang));
    }
    print(&out);
    Ok(())
}
