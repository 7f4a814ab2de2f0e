//! `wijkkaart export`: the local map as a social-map file that any colleague can import.

use super::{Context, Failure, parse_domains, print};
use crate::map::entry::Entry;
use crate::map::file::MapFile;
use crate::map::merge::Record;
use crate::map::query::area_matches;
use crate::map::words::fold;
use crate::map::write::{render, write_atomically};
use crate::text;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only entries in one of these life domains.
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// Only entries serving one of these areas (prefix).
    #[arg(long = "area")]
    pub areas: Vec<String>,
    /// Write to this file instead of stdout (atomically).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let domains = parse_domains(&args.domains, lang)?;
    let store = ctx.open_store()?;
    let records = store.records().map_err(|e| ctx.store_failure(&e))?;
    let domain_bits = domains.iter().fold(0u16, |acc, d| acc | d.bit());
    let areas: Vec<String> = args.areas.iter().map(|a| fold(a)).collect();
    let file = MapFile {
        name: String::new(),
        exported_at: Some(chrono::Utc::now()),
        exported_by: String::new(),
        entries: exportable(&records, domain_bits, &areas),
    };
    let text = render(&file);
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes()).map_err(|e| {
            Failure::error(text::write_failed(
                &path.display().to_string(),
                &e.to_string(),
                lang,
            ))
        })?,
        None => print(&text),
    }
    Ok(())
}

/// The version of each record that travels: never private ones; tombstones
/// only in a whole-map export (a filtered one cannot tell where they belonged).
pub fn exportable(records: &[Record], domain_bits: u16, areas: &[String]) -> Vec<Entry> {
    let filtered = domain_bits != 0 || !areas.is_empty();
    records
        .iter()
        .filter_map(|r| r.shown().or_else(|| r.versions().first()))
        .filter(|e| !e.private)
        .filter(|e| !(filtered && e.deleted))
        .filter(|e| domain_bits == 0 || e.domain_bits() & domain_bits != 0)
        .filter(|e| {
            areas.is_empty()
                || e.areas.iter().any(|a| {
                    let a = fold(a);
                    areas.iter().any(|p| area_matches(&a, p))
                })
        })
        .cloned()
        .collect()
}
