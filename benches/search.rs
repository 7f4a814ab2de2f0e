//! Search, start-up and import on invented maps (the `synthmap` crate).
//!
//! Targets on the project's 2-core machine (medians):
//!
//! - `keystroke/N/QUERY`: a query typed one character at a time, parsed and
//!   searched after every keystroke, as the interface does. The time shown is
//!   for the whole word; divide by the number of keystrokes (the throughput
//!   line, in keystrokes per second, does it for you). Target per keystroke:
//!   ≤ 2 ms at 10,000 entries, ≤ 16 ms at 100,000.
//! - `keystroke_draw/N/QUERY`: the same, through the interface: every key
//!   goes through the app (key map, search, highlighting) on a data dir
//!   whose kept index is read lazily, as after a start, and the 80x24
//!   screen is drawn after each. Target per keystroke: ≤ 2 ms at 10,000
//!   entries, ≤ 16 ms at 100,000.
//! - `edit/N`: an entry edited in the interface and saved (Ctrl-S): the
//!   store saves it (with the kept index's delta), the interface's index
//!   takes the new version in place, and the 80x24 screen is drawn with the
//!   entry under the selection. Target ≤ 50 ms at 100,000 entries.
//! - `index_build/N`: the search index over N records.
//! - `index_load/N`: open a kept index (its core only) and answer a first
//!   query, which reads that query's posting lists and result lines.
//! - `index_load/every_row/N`: the same for a broad word (`taal`), reading
//!   and splitting the result line of every hit, as `wijkkaart search`
//!   does before it prints them.
//! - `startup/10000`: open the data dir, start the app (which reads the
//!   records and builds the index) and draw the first 80x24 frame.
//!   Target ≤ 150 ms.
//! - `import/10000`: parse a 10,000-entry file and merge it into a new data
//!   dir. Target ≤ 2 s.
//!
//! Each keystroke bench also prints, once, the median time of every prefix,
//! so that one slow keystroke does not hide in an average.
//!
//! Run with `cargo bench --bench search` (a few minutes); one group with e.g.
//! `cargo bench --bench search -- keystroke/10000`.

use criterion::{
    BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::cell::OnceCell;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};
use wijkkaart::map::file;
use wijkkaart::map::merge::Record;
use wijkkaart::map::query::Query;
use wijkkaart::map::search::Index;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::App;
use wijkkaart::tui::theme::Theme;
use wijkkaart::tui::view;

const SEED: u64 = 1;

/// What a worker types: one word, two words (the second narrowing the
/// first), a word with two letters swapped near its start, which takes
/// the typo paths (vocabulary distance and letters-in-order over names), and
/// a compound that is in no entry, which takes the compound split.
const QUERIES: &[(&str, &str)] = &[
    ("word", "schuldhulp"),
    ("two-words", "taalcafe moerwijk"),
    ("typo", "shculdhulp"),
    ("compound", "jongerenbuurthuis"),
];

fn records(n: usize) -> Vec<Record> {
    synthmap::entries(n, SEED)
        .into_iter()
        .map(Record::new)
        .collect()
}

/// Every prefix of `query`: what the search line holds after each keystroke.
fn prefixes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(i, c)| &query[..i + c.len_utf8()])
        .collect()
}

fn type_query(index: &Index, prefixes: &[&str]) -> usize {
    let mut shown = 0;
    for prefix in prefixes {
        let hits = index.search(&Query::parse(prefix));
        shown += black_box(hits.len());
    }
    shown
}

/// The median time of each keystroke, printed as one line.
fn print_keystrokes(n: usize, name: &str, index: &Index, prefixes: &[&str]) {
    const RUNS: usize = 15;
    let mut parts = Vec::new();
    let mut worst = Duration::ZERO;
    for prefix in prefixes {
        let query = Query::parse(prefix);
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                black_box(index.search(&query));
                start.elapsed()
            })
            .collect();
        times.sort();
        let median = times[RUNS / 2];
        worst = worst.max(median);
        let hits = index.search(&query).len();
        parts.push(format!(
            "{:?} {:.2}ms/{hits}",
            prefix,
            median.as_secs_f64() * 1e3
        ));
    }
    eprintln!(
        "keystroke/{n}/{name}: slowest {:.2} ms; per prefix (median of {RUNS}, ms/hits): {}",
        worst.as_secs_f64() * 1e3,
        parts.join("  ")
    );
}

fn keystroke(c: &mut Criterion) {
    let mut group = c.benchmark_group("keystroke");
    group
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for n in [1_000, 10_000, 100_000] {
        // At 100,000 entries one typed word takes up to a quarter second:
        // fewer samples, each of the same length.
        if n >= 100_000 {
            group.sample_size(10).sampling_mode(SamplingMode::Flat);
        } else {
            group.sample_size(50).sampling_mode(SamplingMode::Auto);
        }
        // Built when the first bench of this size runs, not when it is filtered out.
        let index: OnceCell<Index> = OnceCell::new();
        let get_index = || {
            index.get_or_init(|| {
                let entries = synthmap::entries(n, SEED);
                let s = synthmap::shape(&entries);
                let records: Vec<Record> = entries.into_iter().map(Record::new).collect();
                let index = Index::build(&records);
                eprintln!(
                    "{n} entries: {:.0} chars of text, {:.0} in the short fields, {:.1} in the name; {} distinct words",
                    s.text,
                    s.short,
                    s.name,
                    index.vocabulary_size()
                );
                index
            })
        };
        for &(name, query) in QUERIES {
            let keys = prefixes(query);
            group.throughput(Throughput::Elements(keys.len() as u64));
            let mut printed = false;
            group.bench_function(BenchmarkId::new(n.to_string(), name), |b| {
                let index = get_index();
                if !printed {
                    print_keystrokes(n, name, index, &keys);
                    printed = true;
                }
                b.iter(|| type_query(index, &keys));
            });
        }
    }
    group.finish();
}

fn index_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("index_build");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    for n in [10_000, 100_000] {
        // Ten builds of 100,000 entries take over a second each.
        group.measurement_time(Duration::from_secs(if n >= 100_000 { 20 } else { 5 }));
        let mut records_n: Option<Vec<Record>> = None;
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let records = records_n.get_or_insert_with(|| records(n));
            b.iter_with_large_drop(|| Index::build(records.iter()));
        });
    }
    group.finish();
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("valid date")
}

/// What `wijkkaart` does before the first frame: open the data dir, then
/// `App::new` reads the records and builds the index; draw.
fn first_frame(dir: &Path) -> (App, Terminal<TestBackend>) {
    let store = Store::open(dir, false).expect("opens");
    let app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app starts");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal.draw(|f| view::draw(&app, f)).expect("draws");
    // As the event loop does while no key is waiting yet.
    app.shared.index.warm();
    (app, terminal)
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    let n = 10_000;
    let mut data: Option<tempfile::TempDir> = None;
    group.bench_function(BenchmarkId::from_parameter(n), |b| {
        let dir = data.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            let store = Store::open(dir.path(), false).expect("opens");
            store
                .merge(synthmap::entries(n, SEED), |_, _| {})
                .expect("merges");
            dir
        });
        // The app holds the store, which holds the data dir's lock: close it
        // after every run, outside the measured time.
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                let opened = first_frame(dir.path());
                total += start.elapsed();
                drop(black_box(opened));
            }
            total
        });
    });
    group.finish();
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    let n = 10_000;
    let mut text: Option<String> = None;
    group.bench_function(BenchmarkId::from_parameter(n), |b| {
        let text = text.get_or_insert_with(|| synthmap::toml(n, SEED));
        b.iter_batched(
            || tempfile::tempdir().expect("temp dir"),
            |dir| {
                let parsed = file::parse(text).expect("generated file parses");
                let store = Store::open(dir.path(), false).expect("opens");
                let summary = store.merge(parsed.entries, |_, _| {}).expect("merges");
                assert_eq!(summary.added, n);
                (store, dir)
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// A data dir of `n` invented entries with its kept index; made once per
/// size and kept under `target/`, since a large import takes minutes.
fn data_dir(n: usize) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-search")
        .join(format!("criterion-{n}"));
    if !dir.join("index.delta").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(&dir, false).expect("opens");
        store
            .merge(synthmap::entries(n, SEED), |_, _| {})
            .expect("merges");
        store
            .keep_index(&store.index(false).expect("index"))
            .expect("keeps");
    }
    dir
}

/// One key as the event loop takes it: handled, then the frame drawn.
fn type_key(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    key: &ratatui::crossterm::event::KeyEvent,
) {
    app.handle_event(&ratatui::crossterm::event::Event::Key(*key));
    terminal.draw(|f| view::draw(app, f)).expect("draws");
}

/// Each keystroke's own time through the interface (the key handled and
/// the frame drawn), the median over fresh starts, printed as one line: the
/// slowest key is what a worker waits for.
fn print_drawn_keys(
    n: usize,
    name: &str,
    dir: &Path,
    typed: &[ratatui::crossterm::event::KeyEvent],
) {
    const RUNS: usize = 9;
    let mut times = vec![Vec::with_capacity(RUNS); typed.len()];
    for _ in 0..RUNS {
        let (mut app, mut terminal) = first_frame(dir);
        for (key, times) in typed.iter().zip(&mut times) {
            let start = Instant::now();
            type_key(&mut app, &mut terminal, key);
            times.push(start.elapsed());
        }
        drop(black_box((app, terminal)));
    }
    let medians: Vec<f64> = times
        .iter_mut()
        .map(|t| {
            t.sort();
            t[RUNS / 2].as_secs_f64() * 1e3
        })
        .collect();
    let slowest = medians.iter().copied().fold(0.0, f64::max);
    let each: Vec<String> = medians.iter().map(|m| format!("{m:.2}")).collect();
    eprintln!(
        "keystroke_draw/{n}/{name}: slowest key {slowest:.2} ms (median of {RUNS} fresh starts); per key, ms: {}",
        each.join(" ")
    );
}

fn keystroke_draw(c: &mut Criterion) {
    use ratatui::crossterm::event::Event;
    use wijkkaart::tui::keys;
    let mut group = c.benchmark_group("keystroke_draw");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in [10_000, 100_000] {
        for &(name, query) in QUERIES {
            let typed = keys::parse(query);
            // Typed, then taken back: the app ends as it began.
            let erase = keys::parse(&"<BS>".repeat(query.chars().count()));
            group.throughput(Throughput::Elements(typed.len() as u64));
            let mut printed = false;
            group.bench_function(BenchmarkId::new(n.to_string(), name), |b| {
                let dir = data_dir(n);
                if !printed {
                    print_drawn_keys(n, name, &dir, &typed);
                    printed = true;
                }
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // A fresh start each time (not measured): the first
                        // keystrokes read their posting lists from the kept index.
                        let (mut app, mut terminal) = first_frame(&dir);
                        let start = Instant::now();
                        for key in &typed {
                            type_key(&mut app, &mut terminal, key);
                        }
                        total += start.elapsed();
                        for key in &erase {
                            app.handle_event(&Event::Key(*key));
                        }
                        drop(black_box((app, terminal)));
                    }
                    total
                });
            });
        }
    }
    group.finish();
}

/// Copies a data dir (the edit bench changes its copy, not the shared one).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for item in std::fs::read_dir(from).expect("read dir") {
        let item = item.expect("dir entry");
        let target = to.join(item.file_name());
        if item.file_type().expect("type").is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).expect("copy");
        }
    }
}

fn edit(c: &mut Criterion) {
    use ratatui::crossterm::event::Event;
    use wijkkaart::map::edit::Worker;
    use wijkkaart::tui::keys;
    let mut group = c.benchmark_group("edit");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in [10_000, 100_000] {
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let copy = tempfile::tempdir().expect("temp dir");
            copy_dir(&data_dir(n), copy.path());
            {
                let store = Store::open(copy.path(), false).expect("opens");
                let anna = Worker::new("anna", "Anna", "Buurtwerk").expect("worker");
                store.set_worker(&anna).expect("worker set");
            }
            let (mut app, mut terminal) = first_frame(copy.path());
            let save = keys::parse("<C-s>");
            let mut round = 0;
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    round += 1;
                    // The form opened on the first entry, a word added to its name.
                    let word = format!("kwispel{}", (b'a' + (round % 26) as u8) as char);
                    // The word of the round before is taken off again: a name has at most 200 characters.
                    let back = if round > 1 {
                        "<BS>".repeat(word.len() + 1)
                    } else {
                        String::new()
                    };
                    for key in keys::parse(&format!("<C-u><C-e><End>{back} {word}")) {
                        app.handle_event(&Event::Key(key));
                    }
                    let start = Instant::now();
                    for key in &save {
                        app.handle_event(&Event::Key(*key));
                    }
                    terminal.draw(|f| view::draw(&app, f)).expect("draws");
                    total += start.elapsed();
                    let shown = app.selected().map(|d| d.entry.name.clone());
                    assert!(
                        shown.as_ref().is_some_and(|name| name.ends_with(&word)),
                        "saved and shown: {shown:?} {:?}",
                        app.message
                    );
                }
                total
            });
            // Found by its new word, as a search of the data dir finds it.
            drop((app, terminal));
            let index = wijkkaart::store::fresh_index(copy.path()).expect("kept with its delta");
            assert!(!index.search(&Query::parse("kwispela")).is_empty());
        });
    }
    group.finish();
}

fn index_load(c: &mut Criterion) {
    let mut group = c.benchmark_group("index_load");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1));
    for n in [10_000, 100_000] {
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            let dir = data_dir(n);
            b.iter(|| {
                let index = wijkkaart::store::fresh_index(&dir).expect("kept");
                let hits = index.search(&Query::parse("schuldhulp"));
                black_box(index.rows(&hits[..hits.len().min(20)]).len())
            });
        });
        // What `wijkkaart search taal` does before it prints: every hit's
        // result line read and split (half the map at 100,000).
        group.bench_function(BenchmarkId::new("every_row", n), |b| {
            let dir = data_dir(n);
            b.iter(|| {
                let index = wijkkaart::store::fresh_index(&dir).expect("kept");
                let hits = index.search(&Query::parse("taal"));
                let rows = index.rows(&hits);
                let view = rows.view();
                let names: usize = view.into_iter().map(|row| row.name.len()).sum();
                black_box((hits.len(), names))
            });
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    keystroke,
    keystroke_draw,
    edit,
    index_build,
    index_load,
    startup,
    import
);
criterion_main!(benches);
