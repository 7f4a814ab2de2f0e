//! `wijkkaart search`: the interface's search, for scripts and pipelines.

use super::{Context, Failure, parse_domains, print};
use crate::map::fields::Field;
use crate::map::query::Query;
use crate::map::search::row;
use crate::text::T;
use serde_json::json;

/// The widest a column of the table grows; longer cells are cut.
const MAX_WIDTH: usize = 40;

/// The fields of a hit in `--json`, beside its id, score and conflict flag:
/// enough to choose, `show --json` has the rest.
const SUMMARY: [Field; 6] = [
    Field::Kind,
    Field::Name,
    Field::Organisation,
    Field::Domains,
    Field::Areas,
    Field::Verified,
];

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Words, #domain and @area, as in the interface.
    pub query: Vec<String>,
    /// Only entries in one of these life domains (id, e.g. finances).
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// Only entries serving one of these areas (prefix, e.g. Laak).
    #[arg(long = "area")]
    pub areas: Vec<String>,
    /// Only this kind: key-figure, initiative or service.
    #[arg(long)]
    pub kind: Option<String>,
    /// At most this many results.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let domains = parse_domains(&args.domains, lang)?;
    let kind = args
        .kind
        .as_deref()
        .map(|k| super::names::kind(k, lang))
        .transpose()?;
    // A search never writes. The kept index is there only while it matches
    // the records: then the database is not opened at all, and only what the
    // query reaches is read. Without one, the index is built in memory.
    let index = match crate::store::fresh_index(&ctx.data_dir()?) {
        Some(index) => index,
        None => {
            let store = ctx.open_store()?;
            let index = store.index(false).map_err(|e| ctx.store_failure(&e))?;
            drop(store);
            index
        }
    };

    let mut query = Query::parse(&args.query.join(" "))
        .with_areas(&args.areas)
        .with_kind(kind);
    if !domains.is_empty() {
        query
            .domain_sets
            .push(domains.iter().fold(0, |acc, d| acc | d.bit()));
    }
    let hits = index.search(&query);
    let hits = &hits[..args.limit.unwrap_or(usize::MAX).min(hits.len())];

    let rows = index.rows(hits);
    let view = rows.view();
    // Printed in pieces through the one way out (`print`), so that ten
    // thousands of hits never stand in memory as one text.
    let mut out = Chunks::default();
    if args.json {
        // `[a,b,…]` as serde_json writes an array, one hit at a time.
        out.push("[");
        for (i, (&hit, row)) in hits.iter().zip(view).enumerate() {
            let e = row.entry();
            let mut value = json!({
                "id": e.id,
                "score": hit.score,
                "conflicted": row.conflicted,
            });
            for field in SUMMARY {
                value[field.key()] = super::show::field_json(field, &e);
            }
            if i > 0 {
                out.push(",");
            }
            out.push(&value.to_string());
        }
        out.push("]\n");
    } else {
        let header = [
            T::Id.get(lang),
            T::Kind.get(lang),
            T::Name.get(lang),
            T::Organisation.get(lang),
            T::Areas.get(lang),
        ]
        .map(|h| h.to_lowercase());
        fn cells<'a>(row: &row::Row<'a>, lang: crate::text::Lang) -> [&'a str; 5] {
            [
                row.id,
                row.kind.label(lang),
                row.name,
                row.organisation,
                row.areas,
            ]
        }
        let mut widths = header.clone().map(|h| h.chars().count());
        // Long names are cut; an id never is, so `show` takes it as printed.
        for row in view {
            for (i, (w, cell)) in widths.iter_mut().zip(cells(&row, lang)).enumerate() {
                if i == 0 {
                    *w = (*w).max(cell.chars().count());
                } else if *w < MAX_WIDTH {
                    *w = (*w).max(cut(cell, MAX_WIDTH).1);
                }
            }
        }
        line(
            &mut out.text,
            &header.each_ref().map(String::as_str),
            &widths,
        );
        for row in view {
            line(&mut out.text, &cells(&row, lang), &widths);
            out.flush_if_full();
        }
    }
    out.flush();
    // The process ends here: freeing ten thousand entries one by one only costs time.
    std::mem::forget(rows);
    std::mem::forget(index);
    Ok(())
}

/// What is printed, a piece at a time: each piece ends at the end of a line
/// (or a hit, in JSON), so what reaches the terminal is the same as one text.
#[derive(Default)]
struct Chunks {
    text: String,
}

impl Chunks {
    /// How much is gathered before it is printed.
    const SIZE: usize = 64 * 1024;

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.flush_if_full();
    }

    fn flush_if_full(&mut self) {
        if self.text.len() >= Self::SIZE {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if !self.text.is_empty() {
            print(&self.text);
            self.text.clear();
        }
    }
}

/// `cell` cut to `w` characters, and how many characters that is.
fn cut(cell: &str, w: usize) -> (&str, usize) {
    if cell.is_ascii() {
        let len = cell.len().min(w);
        (&cell[..len], len)
    } else {
        match cell.char_indices().nth(w) {
            Some((at, _)) => (&cell[..at], w),
            None => (cell, cell.chars().count()),
        }
    }
}

/// One line of the table: each cell cut to its column's width and padded,
/// two spaces between columns, nothing at the end.
fn line(out: &mut String, cells: &[&str; 5], widths: &[usize; 5]) {
    const SPACES: &str = "                                                                ";
    let start = out.len();
    // Spaces are written only before a cell that shows something: those
    // after the last one would be cut off anyway.
    let mut pending = 0;
    for (i, (cell, &w)) in cells.iter().zip(widths).enumerate() {
        if i > 0 {
            pending += 2;
        }
        let (shown, used) = cut(cell, w);
        if !shown.is_empty() {
            while pending > 0 {
                let n = pending.min(SPACES.len());
                out.push_str(&SPACES[..n]);
                pending -= n;
            }
            out.push_str(shown);
        }
        pending += w - used;
    }
    let end = out[start..].trim_end().len() + start;
    out.truncate(end);
    out.push('\n');
}
