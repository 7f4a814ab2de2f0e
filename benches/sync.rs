//! Sync of a 10,000-entry map between two data dirs through a shared folder:
//! A writes its export, B imports it and writes its own (target ≤ 3 s).

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

criterion_group!(benches, sync_two_laptops);
criterion_main!(benches);
