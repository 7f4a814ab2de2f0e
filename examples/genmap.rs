//! Prints an invented social map: `genmap [--lines|--stats] [N] [SEED]`.
//!
//! - default: a format-1 TOML file of N entries (default 10000, seed 1), for
//!   `wijkkaart import`;
//! - `--lines`: the same entries as one text line each, for `fzf --filter`;
//! - `--stats`: the shape of the entries and the size of the search vocabulary.

use std::io::Write;
use wijkkaart::map::merge::Record;
use wijkkaart::map::search::Index;

fn main() {
    let mut mode = "toml";
    let mut numbers = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--lines" => mode = "lines",
            "--stats" => mode = "stats",
            other => match other.replace('_', "").parse::<u64>() {
                Ok(n) => numbers.push(n),
                Err(_) => {
                    eprintln!("usage: genmap [--lines|--stats] [N] [SEED]");
                    std::process::exit(2);
                }
            },
        }
    }
    let n = numbers.first().copied().unwrap_or(10_000) as usize;
    let seed = numbers.get(1).copied().unwrap_or(1);
    let out = match mode {
        "lines" => synthmap::lines(&synthmap::entries(n, seed)),
        "stats" => {
            let entries = synthmap::entries(n, seed);
            let s = synthmap::shape(&entries);
            let records: Vec<Record> = entries.into_iter().map(Record::new).collect();
            let index = Index::build(&records);
            format!(
                "entries {n}  text {:.0}  short {:.0}  name {:.1}  vocabulary {}\n",
                s.text,
                s.short,
                s.name,
                index.vocabulary_size()
            )
        }
        _ => synthmap::toml(n, seed),
    };
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
