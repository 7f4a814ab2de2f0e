//! Opening the case list after unlocking: 1,000 cases with 20,000 notes,
//! decrypted and drawn (target ≤ 300 ms on the 2-core machine); removing a
//! worker at that size, with everything re-encrypted under new keys
//! (target ≤ 3 s).

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use wijkkaart::cases::book::{CaseBook, Enrolled};
use wijkkaart::cases::model::Note;
use wijkkaart::map::domain::LifeDomain;
use wijkkaart::store::Store;

const CASES: usize = 1_000;
const NOTES_PER_CASE: usize = 20;

fn filled_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store");
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
    // bram (vouched for by anna) and cem (by anna and bram), for removing.
    let bram = Enrolled {
        id: "bram".into(),
        name: "Bram".into(),
        organisation: "Wijkteam".into(),
    };
    book.enrol(&bram, "bram-geheim", &[&s], at).expect("bram");
    let b = book.unlock("bram", "bram-geheim").expect("unlock");
    let cem = Enrolled {
        id: "cem".into(),
        name: "Cem".into(),
        organisation: "Politie".into(),
    };
    book.enrol(&cem, "cem-geheim", &[&s, &b], at).expect("cem");
    for c in 0..CASES {
        let id = book
            .new_case(&s, &format!("Fam. {c}, Testwijk"), "Moerwijk", at)
            .expect("case");
        let mut case = book.case(&s, &id).expect("read");
        case.notes = (0..NOTES_PER_CASE)
            .map(|n| Note {
                at,
                author: "anna".into(),
                text: format!("Huisbezoek {n}: gesproken over post, huur en de kinderen; afspraak gemaakt voor volgende week."),
                domains: vec![LifeDomain::ALL[n % 15]],
                refers: Vec::new(),
            })
            .collect();
        book.put_case(&s, &case).expect("write");
    }
    dir
}

fn open_case_list(c: &mut Criterion) {
    let dir = filled_dir();
    let store = Store::open(dir.path(), false).expect("store");
    let book = CaseBook::open(&store).expect("book");
    let session = book.unlock("anna", "anna-geheim").expect("unlock");
    let mut group = c.benchmark_group("cases");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("open_list/1000_cases_20000_notes", |b| {
        b.iter(|| {
            let cases = book.cases(&session).expect("cases");
            assert_eq!(cases.len(), CASES);
            let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("terminal");
            terminal
                .draw(|f| {
                    let names: Vec<ratatui::widgets::ListItem> = cases
                        .iter()
                        .take(22)
                        .map(|c| c.label.as_str().into())
                        .collect();
                    f.render_widget(ratatui::widgets::List::new(names), f.area());
                })
                .expect("draw");
            cases.len()
        })
    });
    group.bench_function("unlock/argon2id", |b| {
        b.iter(|| book.unlock("anna", "anna-geheim").expect("unlock"))
    });
    group.finish();
}

/// Copies a data dir (the database and the vault).
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("dir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn remove_with_rekeying(c: &mut Criterion) {
    let dir = filled_dir();
    let mut group = c.benchmark_group("cases");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(30));
    group.bench_function("remove_worker/1000_cases_20000_notes", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let copy = tempfile::tempdir().expect("temp dir");
                copy_dir(dir.path(), copy.path());
                let store = Store::open(copy.path(), false).expect("store");
                let mut book = CaseBook::open(&store).expect("book");
                let anna = book.unlock("anna", "anna-geheim").expect("anna");
                let bram = book.unlock("bram", "bram-geheim").expect("bram");
                let start = Instant::now();
                book.remove_worker(&anna, &bram, "cem", Utc::now())
                    .expect("removed");
                total += start.elapsed();
            }
            total
        })
    });
    group.finish();
}

criterion_group!(benches, open_case_list, remove_with_rekeying);
criterion_main!(benches);
