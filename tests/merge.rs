//! The merge rules as properties: idempotent, order-independent, nothing lost,
//! tombstones never brought back by an older version.

use proptest::prelude::*;
use std::collections::BTreeMap;
use wijkkaart::map::clock::Clock;
use wijkkaart::map::entry::Entry;
use wijkkaart::map::merge::{Outcome, Record, Summary, merge_into};
use wijkkaart::store::Store;

const WORKERS: [&str; 3] = ["anna", "bram", "cem"];

/// A version of entry "e" with a small clock and one of a few contents, so
/// that equal clocks with different content happen too.
fn version() -> impl Strategy<Value = Entry> {
    (
        prop::collection::vec(0u64..3, 3),
        0usize..3,
        prop::bool::weighted(0.2),
    )
        .prop_map(|(counts, content, deleted)| {
            let clock = Clock(
                WORKERS
                    .iter()
                    .zip(counts)
                    .filter(|(_, n)| *n > 0)
                    .map(|(w, n)| (w.to_string(), n))
                    .collect::<BTreeMap<_, _>>(),
            );
            let entry = Entry {
                id: "e".into(),
                name: ["Buurthuis", "Buurthuis De Boog", "Taalcafé"][content].into(),
                clock,
                ..Entry::default()
            };
            if deleted {
                entry.into_tombstone()
            } else {
                entry
            }
        })
}

fn merge_all(versions: &[Entry]) -> (Option<Record>, Summary) {
    let mut summary = Summary::default();
    let mut record = None;
    for v in versions {
        let (merged, outcome) = merge_into(record.take(), v.clone());
        summary.count(outcome);
        record = Some(merged);
    }
    (record, summary)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn merging_is_idempotent(versions in prop::collection::vec(version(), 1..8)) {
        let (once, _) = merge_all(&versions);
        let twice: Vec<Entry> = versions.iter().chain(&versions).cloned().collect();
        let (again, summary) = merge_all(&twice);
        prop_assert_eq!(&once, &again);
        // The second pass over the same versions changes nothing.
        let mut record = once.clone();
        for v in &versions {
            let (merged, outcome) = merge_into(record.take(), v.clone());
            prop_assert_eq!(outcome, Outcome::Unchanged);
            record = Some(merged);
        }
        prop_assert_eq!(summary.added + summary.updated + summary.unchanged + summary.deleted + summary.conflicts, twice.len());
    }

    #[test]
    fn merging_is_order_independent(
        versions in prop::collection::vec(version(), 1..8),
        seed in any::<u64>(),
    ) {
        let mut shuffled = versions.clone();
        // A Fisher-Yates shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let (a, _) = merge_all(&versions);
        let (b, _) = merge_all(&shuffled);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn no_version_is_silently_lost(versions in prop::collection::vec(version(), 1..8)) {
        let (record, _) = merge_all(&versions);
        let record = record.expect("something merged");
        for v in &versions {
            let kept = record.versions().contains(v);
            let superseded = record.versions().iter().any(|r| r.clock.dominates(&v.clock));
            prop_assert!(kept || superseded, "{v:?} vanished from {record:?}");
        }
        // Kept versions never dominate each other: a conflict is truly concurrent (or equal).
        for a in record.versions() {
            for b in record.versions() {
                prop_assert!(!a.clock.dominates(&b.clock));
            }
        }
    }

    #[test]
    fn a_tombstone_is_never_resurrected_by_what_it_has_seen(
        versions in prop::collection::vec(version(), 0..6),
        extra in 1u64..3,
    ) {
        // A tombstone whose clock dominates every other version.
        let clock = versions.iter().fold(Clock::default(), |c, v| c.join(&v.clock));
        let mut tomb_clock = clock.clone();
        for _ in 0..extra { tomb_clock.bump("dora"); }
        let tomb = Entry { id: "e".into(), clock: tomb_clock, ..Entry::default() }.into_tombstone();
        for at in 0..=versions.len() {
            let mut order = versions.clone();
            order.insert(at, tomb.clone());
            let (record, _) = merge_all(&order);
            let record = record.expect("merged");
            prop_assert!(record.is_deleted());
            prop_assert!(record.shown().is_none());
        }
    }
}

#[test]
fn concurrent_edits_become_a_conflict_that_keeps_both() {
    let base = Entry {
        id: "e".into(),
        name: "A".into(),
        ..Entry::default()
    };
    let mut anna = base.clone();
    anna.name = "A (anna)".into();
    anna.clock.bump("anna");
    let mut bram = base.clone();
    bram.name = "A (bram)".into();
    bram.clock.bump("bram");
    let (record, outcome) = merge_into(Some(Record::new(anna.clone())), bram.clone());
    assert_eq!(outcome, Outcome::Conflict);
    assert!(record.is_conflicted());
    assert_eq!(record.versions().len(), 2);
    // A resolution whose clock dominates both ends the conflict, wherever it arrives.
    let mut resolved = anna.clone();
    resolved.clock = anna.clock.join(&bram.clock);
    resolved.clock.bump("anna");
    let (record, outcome) = merge_into(Some(record), resolved.clone());
    assert_eq!(outcome, Outcome::Updated);
    assert_eq!(record.versions(), [resolved]);
}

#[test]
fn equal_clocks_with_different_content_conflict() {
    let a = Entry {
        id: "e".into(),
        name: "A".into(),
        ..Entry::default()
    };
    let b = Entry {
        name: "A, hand edited".into(),
        ..a.clone()
    };
    let (record, outcome) = merge_into(Some(Record::new(a)), b);
    assert_eq!(outcome, Outcome::Conflict);
    assert!(record.is_conflicted());
}

#[test]
fn the_store_reaches_the_same_state_in_either_import_order() {
    let mut one = Entry {
        id: "x".into(),
        name: "One".into(),
        ..Entry::default()
    };
    one.clock.bump("anna");
    let mut two = Entry {
        id: "x".into(),
        name: "Two".into(),
        ..Entry::default()
    };
    two.clock.bump("bram");
    let mut three = Entry {
        id: "y".into(),
        name: "Three".into(),
        ..Entry::default()
    };
    three.clock.bump("anna");
    let gone = {
        let mut g = three.clone().into_tombstone();
        g.clock.bump("bram");
        g
    };
    let file_a = vec![one.clone(), gone.clone()];
    let file_b = vec![two.clone(), three.clone()];
    let state = |first: &Vec<Entry>, second: &Vec<Entry>| {
        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open(dir.path(), false).expect("open");
        let s1 = store.merge(first.clone(), |_, _| {}).expect("merge");
        let s2 = store.merge(second.clone(), |_, _| {}).expect("merge");
        (
            store.records().expect("records"),
            s1.conflicts + s2.conflicts,
        )
    };
    let (ab, conflicts_ab) = state(&file_a, &file_b);
    let (ba, conflicts_ba) = state(&file_b, &file_a);
    assert_eq!(ab, ba);
    assert_eq!(conflicts_ab, 1);
    assert_eq!(conflicts_ba, 1);
    assert!(
        ab.iter()
            .find(|r| r.id() == "y")
            .is_some_and(Record::is_deleted)
    );
}
