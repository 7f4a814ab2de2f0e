//! The data dir over time: its growth after 1,000 edits on a 10k map (target
//! ≤ 3 × its size after the import), `doctor` on a healthy data dir of
//! 10,000 entries and 1,000 cases (target ≤ 2 s on the 2-core machine), and
//! keeping the index of 10,000 entries.
//!
//! The growth is one measurement, printed as a line (`growth: ...`); the
//! edit itself and doctor are timed by criterion.

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use std::path::Path;
use std::time::Duration;
use wijkkaart::cases::book::{CaseBook, Enrolled};
use wijkkaart::map::edit::{Author, Worker, stamp};

use wijkkaart::store::{Store, backup, doctor};

const ENTRIES: usize = 10_000;
const EDITS: usize = 1_000;
const CASES: usize = 1_000;

fn size_of(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| size_of(&e.path())).sum())
        .unwrap_or(0)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_048_576.0
}

/// A data dir holding the 10k synthetic map, its kept index and a worker.
fn imported() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store");
    store
        .set_worker(&Worker {
            id: "anna".into(),
            name: "Anna".into(),
            organisation: "Welzijn".into(),
        })
        .expect("worker");
    store
        .merge(synthmap::entries(ENTRIES, 1), |_, _| {})
        .expect("import");
    store.index(true).expect("keep the index");
    (dir, store)
}

/// One edit as `wijkkaart edit` makes it: read, change, stamp, save.
fn edit(store: &Store, id: &str, i: usize) {
    let record = store.record(id).expect("read").expect("there");
    let mut entry = record.shown().cloned().expect("live");
    entry.hours = format!("ma-vr 9-{}", 12 + i % 6);
    store
        .save(stamp(
            entry,
            Some(&record),
            Author {
                worker: "anna",
                replica: "anna.aaaaaa",
            },
            Utc::now(),
        ))
        .expect("save");
}

fn growth(c: &mut Criterion) {
    let (dir, store) = imported();
    let after_import = size_of(dir.path());
    let ids: Vec<String> = store
        .records()
        .expect("records")
        .iter()
        .map(|r| r.id().to_string())
        .collect();
    let started = std::time::Instant::now();
    for i in 0..EDITS {
        edit(&store, &ids[(i * 7919) % ids.len()], i);
        // As the command line does after each edit, now and then: replace the kept index.
        if i % 100 == 99 {
            store.index(true).expect("keep");
        }
    }
    let after_edits = size_of(dir.path());
    println!(
        "growth: {ENTRIES} entries, {EDITS} edits in {:.1} s: data dir {:.1} MB after import, {:.1} MB after the edits, ratio {:.2} (target <= 3)",
        started.elapsed().as_secs_f64(),
        mb(after_import),
        mb(after_edits),
        after_edits as f64 / after_import as f64
    );
    // The edits above come faster than one backup a minute; over a day of
    // work the backup folder fills up to its limit: measure that too.
    let folder = backup::folder(dir.path());
    for _ in 0..backup::KEEP_LATEST {
        backup::write(&store, &folder).expect("backup");
    }
    backup::prune(&folder).expect("prune");
    let full = size_of(dir.path());
    println!(
        "growth: with {} backups kept: {:.1} MB, ratio {:.2} (target <= 3)",
        backup::list(&folder).len(),
        mb(full),
        full as f64 / after_import as f64
    );
    let mut group = c.benchmark_group("store");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    let mut i = 0;
    group.bench_function("edit/10k_map", |b| {
        b.iter(|| {
            i += 1;
            edit(&store, &ids[(i * 104_729) % ids.len()], i);
        })
    });
    group.finish();
}

fn doctor_healthy(c: &mut Criterion) {
    let (dir, store) = imported();
    {
        let mut book = CaseBook::open(&store).expect("book");
        let worker = Enrolled {
            id: "anna".into(),
            name: "Anna".into(),
            organisation: "Welzijn".into(),
        };
        book.enrol(&worker, "anna-geheim", &[], chrono::Utc::now())
            .expect("enrol");
        let s = book.unlock("anna", "anna-geheim").expect("unlock");
        let at = DateTime::<Utc>::from_timestamp(1_790_000_000, 0).expect("time");
        for c in 0..CASES {
            book.new_case(&s, &format!("Fam. {c}, Testwijk"), "Moerwijk", at)
                .expect("case");
        }
    }
    let findings = doctor::run(&store).expect("doctor");
    assert!(
        findings.iter().all(|f| f.status != doctor::Status::Damaged),
        "healthy: {findings:?}"
    );
    println!("doctor: data dir of {:.1} MB", mb(size_of(dir.path())));
    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("doctor/10k_entries_1000_cases", |b| {
        b.iter(|| doctor::run(&store).expect("doctor"))
    });
    group.finish();
}

/// Keeping the index of 10,000 entries from scratch: written a record at a
/// time from the database (`keep_fresh_index`, what import, sync and edit
/// do), against building it in memory and writing it whole (`index(true)`).
fn keep_index(c: &mut Criterion) {
    let (dir, store) = imported();
    let kept = dir.path().join("index.bin");
    let mut group = c.benchmark_group("store");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("keep_index/a_record_at_a_time/10k", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&kept);
            store.keep_fresh_index().expect("keep")
        })
    });
    group.bench_function("keep_index/built_in_memory/10k", |b| {
        b.iter(|| {
            let _ = std::fs::remove_file(&kept);
            store.index(true).expect("keep").len()
        })
    });
    group.finish();
}

criterion_group!(benches, growth, doctor_healthy, keep_index);
criterion_main!(benches);
