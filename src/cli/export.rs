//! `wijkkaart export`: the local map as a social-map file that any colleague can import.

use super::{Context, Failure, parse_domains, print};
use crate::map::share::{Selection, export_file};
use crate::map::write::render;
use crate::store::write_atomically;
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
    let worker = store.worker().map_err(|e| ctx.store_failure(&e))?;
    let selection = Selection {
        domain_bits: domains.iter().fold(0u16, |acc, d| acc | d.bit()),
        ..Selection::default()
    }
    .areas(&args.areas);
    let file = export_file(
        &records,
        &selection,
        worker.as_ref().map(|w| w.id.as_str()),
        chrono::Utc::now(),
    );
    let text = render(&file);
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes())
            .map_err(|e| Failure::error(text::file_write_failed(path, &e, lang)))?,
        None => print(&text),
    }
    Ok(())
}
