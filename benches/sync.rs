//! Sync of a 10,000-entry map between two data dirs through a shared folder:
//! A writes its file, B reads it and writes its own (target ≤ 3 s); and a
//! district: 50 colleagues' files holding a 20,000-entry map, a laptop that
//! syncs with nothing new (target ≤ 0.3 s) and a new laptop's first sync
//! (target ≤ 5 s). `scripts/bench-sharing.sh` measures the same as whole
//! processes, and one colleague's 100 edits.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::time::Duration;
use wijkkaart::map::edit::Worker;
use wijkkaart::store::Store;
use wijkkaart::store::exchange::sync;

fn sync_two_laptops(c: &mut Criterion) {
    let mut group = c.benchmark_group("sync");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    // Private entries stay on A's laptop; everything else travels.
    let shared_count = synthmap::entries(10_000, 7)
        .iter()
        .filter(|e| !e.private && !e.deleted)
        .count();
    group.bench_function("two_data_dirs/10000", |b| {
        b.iter_batched(
            || {
                // Laptop A holds the map; laptop B and the shared folder are empty.
                let root = tempfile::tempdir().expect("tmp");
                let shared = root.path().join("shared");
                std::fs::create_dir(&shared).expect("mkdir");
                let a = Store::open(&root.path().join("a"), false).expect("a");
                a.merge(synthmap::entries(10_000, 7), |_, _| {})
                    .expect("fill a");
                drop(a);
                (root, shared)
            },
            |(root, shared)| {
                let now = chrono::Utc::now();
                let a = Store::open(&root.path().join("a"), false).expect("a");
                let anna = Worker::new("anna", "Anna", "").expect("worker");
                sync(&a, &shared, &anna, now, |_, _| {}).expect("a syncs");
                let b = Store::open(&root.path().join("b"), false).expect("b");
                let bram = Worker::new("bram", "Bram", "").expect("worker");
                let report = sync(&b, &shared, &bram, now, |_, _| {}).expect("b syncs");
                assert_eq!(report.summary.added, shared_count);
                root
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

/// A shared folder with 50 colleagues' files, the 20,000 invented entries dealt out in turn.
fn district(shared: &std::path::Path) {
    let entries: Vec<_> = synthmap::entries(20_000, 1)
        .into_iter()
        .filter(|e| !e.private)
        .collect();
    for k in 0..50 {
        let file = wijkkaart::map::file::MapFile {
            entries: entries.iter().skip(k).step_by(50).cloned().collect(),
            ..Default::default()
        };
        std::fs::write(
            shared.join(format!("w{k:02}.abcdef.toml")),
            wijkkaart::map::write::render(&file),
        )
        .expect("colleague file");
    }
}

fn sync_a_district(c: &mut Criterion) {
    let mut group = c.benchmark_group("district");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let root = tempfile::tempdir().expect("tmp");
    let shared = root.path().join("shared");
    std::fs::create_dir(&shared).expect("mkdir");
    district(&shared);
    let laptop = Worker::new("laptop", "Laptop", "").expect("worker");
    group.bench_function("first_sync/50x400", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tmp"),
            |dir| {
                let store = Store::open(dir.path(), false).expect("open");
                store.set_worker(&laptop).expect("init");
                sync(&store, &shared, &laptop, chrono::Utc::now(), |_, _| {}).expect("sync");
                dir
            },
            BatchSize::PerIteration,
        )
    });
    let dir = root.path().join("laptop");
    let store = Store::open(&dir, false).expect("open");
    store.set_worker(&laptop).expect("init");
    sync(&store, &shared, &laptop, chrono::Utc::now(), |_, _| {}).expect("first");
    group.bench_function("nothing_new/50x400", |b| {
        b.iter(|| sync(&store, &shared, &laptop, chrono::Utc::now(), |_, _| {}).expect("sync"))
    });
    group.finish();
}

criterion_group!(benches, sync_two_laptops, sync_a_district);
criterion_main!(benches);
