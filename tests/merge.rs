//! The merge rules of format 2 as properties, over histories that three
//! replicas could really make (field edits, deletes, resolutions, exchanges
//! in any order): merging is idempotent and order-independent, no write is
//! lost unless a causally later write covered it, and edits of different
//! fields never conflict.

use chrono::DateTime;
use proptest::prelude::*;
use std::collections::BTreeMap;
use wijkkaart::map::clock::{Clock, Dot};
use wijkkaart::map::domain::LifeDomain;
use wijkkaart::map::edit::{Author, resolve, stamp, tombstone};
use wijkkaart::map::entry::Entry;
use wijkkaart::map::fields::Field;
use wijkkaart::map::file::MapFile;
use wijkkaart::map::merge::{Outcome, Record, merge, merge_into, presence, writes};
use wijkkaart::map::write::render;
use wijkkaart::store::Store;

const REPLICAS: [&str; 3] = ["anna.aaaaaa", "bram.bbbbbb", "cem.cccccc"];
const FIELDS: [Field; 3] = [Field::Phone, Field::Hours, Field::Email];

fn by(r: usize) -> Author<'static> {
    Author {
        worker: REPLICAS[r].split('.').next().unwrap_or_default(),
        replica: REPLICAS[r],
    }
}

#[derive(Clone, Debug)]
enum Op {
    /// Replica `r` sets field `f` to value `v`.
    Edit {
        r: usize,
        f: usize,
        v: u8,
    },
    Delete {
        r: usize,
    },
    /// Replica `r` resolves every conflict by keeping value `keep`.
    Resolve {
        r: usize,
        keep: usize,
    },
    /// Replica `to` takes replica `from`'s version.
    Send {
        from: usize,
        to: usize,
    },
}

fn op(deletes: bool) -> impl Strategy<Value = Op> {
    let d = if deletes { 1 } else { 0 };
    prop_oneof![
        5 => (0..3usize, 0..3usize, 0..3u8).prop_map(|(r, f, v)| Op::Edit { r, f, v }),
        d => (0..3usize).prop_map(|r| Op::Delete { r }),
        1 => (0..3usize, 1..3usize).prop_map(|(r, keep)| Op::Resolve { r, keep }),
        4 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

/// Three replicas of one entry, and everything they ever made.
struct World {
    replicas: [Option<Record>; 3],
    /// Every version ever made, in order.
    made: Vec<Entry>,
    /// Every state a replica held (what a file can carry: merged versions too).
    states: Vec<Entry>,
    /// For each dot written to a field: the clock of the version that wrote it.
    written_at: BTreeMap<Dot, Clock>,
    tick: i64,
}

impl World {
    fn new() -> World {
        let first = stamp(
            Entry {
                id: "e".into(),
                name: "Buurthuis".into(),
                domains: vec![LifeDomain::Daytime],
                ..Entry::default()
            },
            None,
            by(0),
            DateTime::from_timestamp(1_800_000_000, 0).expect("time"),
        );
        let mut w = World {
            replicas: [None, None, None],
            made: Vec::new(),
            states: Vec::new(),
            written_at: BTreeMap::new(),
            tick: 1_800_000_000,
        };
        w.keep(0, first.clone());
        w.replicas = [
            Some(Record::new(first.clone())),
            Some(Record::new(first.clone())),
            Some(Record::new(first)),
        ];
        w
    }

    fn keep(&mut self, r: usize, version: Entry) {
        for ws in Field::MERGED
            .iter()
            .map(|f| writes(&version, *f))
            .chain([presence(&version)])
        {
            for wr in ws {
                if let Some(dot) = wr.dot {
                    self.written_at
                        .entry(dot)
                        .or_insert_with(|| version.clock.clone());
                }
            }
        }
        self.made.push(version.clone());
        self.states.push(version.clone());
        let (record, _) = merge_into(self.replicas[r].take(), version);
        self.states.push(record.entry().clone());
        self.replicas[r] = Some(record);
    }

    fn apply(&mut self, op: &Op) {
        self.tick += 60;
        let now = DateTime::from_timestamp(self.tick, 0).expect("time");
        match *op {
            Op::Edit { r, f, v } => {
                let Some(current) = self.replicas[r].clone().filter(|c| !c.is_deleted()) else {
                    return;
                };
                let mut content = current.entry().clone();
                let _ = FIELDS[f].set(&mut content, &format!("{} {v} {r}", FIELDS[f].key()));
                let version = stamp(content, Some(&current), by(r), now);
                self.keep(r, version);
            }
            Op::Delete { r } => {
                if let Some(current) = self.replicas[r].clone().filter(|c| !c.is_deleted()) {
                    let version = tombstone(&current, by(r), now);
                    self.keep(r, version);
                }
            }
            Op::Resolve { r, keep } => {
                let Some(mut current) = self.replicas[r].clone().filter(|c| c.is_conflicted())
                else {
                    return;
                };
                let e = current.entry();
                if keep == 1
                    && e.is_conflicted_by_deletion()
                    && (e.name.is_empty() || e.domains.is_empty())
                {
                    // Keeping needs what the deletion took: the worker sets it again first.
                    let content = Entry {
                        name: "Buurthuis".into(),
                        domains: vec![LifeDomain::Daytime],
                        ..e.clone()
                    };
                    let version = stamp(content, Some(&current), by(r), now);
                    self.keep(r, version);
                    current = self.replicas[r].clone().expect("there");
                }
                if let Ok(version) = resolve(&current, None, keep, by(r), now) {
                    self.keep(r, version);
                }
            }
            Op::Send { from, to } => {
                if let Some(sent) = self.replicas[from].clone() {
                    let (record, _) = merge_into(self.replicas[to].take(), sent.into_entry());
                    self.states.push(record.entry().clone());
                    self.replicas[to] = Some(record);
                }
            }
        }
    }

    fn everyone_syncs(&mut self) {
        for _ in 0..2 {
            for from in 0..3 {
                for to in 0..3 {
                    self.apply(&Op::Send { from, to });
                }
            }
        }
    }
}

fn merge_in_order(versions: &[Entry], order: &[usize]) -> Entry {
    let mut acc = versions[order[0]].clone();
    for &i in &order[1..] {
        acc = merge(&acc, &versions[i]);
    }
    acc
}

fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed | 1;
    for i in (1..n).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        order.swap(i, (state % (i as u64 + 1)) as usize);
    }
    order
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn replicas_converge_and_lose_no_write(ops in prop::collection::vec(op(true), 0..40)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        world.everyone_syncs();
        let [a, b, c] = &world.replicas;
        prop_assert_eq!(a, b);
        prop_assert_eq!(b, c);
        let end = a.clone().expect("there").into_entry();
        // Every write is still there, or a causally later write (or tombstone) covered it.
        for (dot, _) in world.written_at.iter() {
            if end.deleted {
                prop_assert!(end.clock.covers(dot));
                continue;
            }
            // Still there, or covered by a later write (a deletion in conflict included).
            let all: Vec<_> = Field::MERGED.iter().flat_map(|f| writes(&end, *f)).chain(presence(&end)).collect();
            let present = all.iter().any(|w| w.dot.as_ref() == Some(dot));
            let covered = all.iter().any(|w| {
                w.dot.as_ref().and_then(|d| world.written_at.get(d)).is_some_and(|c| c.covers(dot) && w.dot.as_ref() != Some(dot))
            });
            prop_assert!(present || covered, "write {dot} lost: {end:?}");
        }
    }

    /// Order independence over every order of the versions themselves; with
    /// deletions, see `deletions_merge_idempotently_and_replicas_converge`.
    #[test]
    fn merging_is_idempotent_and_order_independent(
        ops in prop::collection::vec(op(false), 1..30),
        seed in any::<u64>(),
    ) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        let made = &world.made;
        let forward: Vec<usize> = (0..made.len()).collect();
        let one = merge_in_order(made, &forward);
        let other = merge_in_order(made, &shuffled(made.len(), seed));
        prop_assert_eq!(&one, &other);
        // Merging anything already seen again changes nothing.
        for v in made {
            prop_assert_eq!(&merge(&one, v), &one);
            prop_assert_eq!(&merge(v, &one), &one);
        }
        let mut record = Record::new(one.clone());
        for v in made {
            prop_assert_eq!(record.merge(v.clone()), Outcome::Unchanged);
        }
    }

    /// The merge is a join over every state a replica can hold, deletes,
    /// delete-or-keep conflicts and their resolutions included: commutative,
    /// associative and idempotent.
    #[test]
    fn merge_is_a_join(
        ops in prop::collection::vec(op(true), 1..30),
        picks in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>()), 1..12),
    ) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        let states = &world.states;
        for (i, j, k) in &picks {
            let (a, b, c) = (&states[i.index(states.len())], &states[j.index(states.len())], &states[k.index(states.len())]);
            prop_assert_eq!(&merge(a, a), a, "idempotent");
            prop_assert_eq!(merge(a, b), merge(b, a), "commutative");
            prop_assert_eq!(merge(a, &merge(b, c)), merge(&merge(a, b), c), "associative");
        }
        // What a file carries reads back as the very same state.
        for state in states {
            let file = MapFile { name: String::new(), exported_at: None, exported_by: String::new(), entries: vec![state.clone()] };
            let text = render(&file);
            let back = wijkkaart::map::file::parse(&text).map_err(|p| TestCaseError::fail(format!("{p:?}\n{text}")))?;
            prop_assert_eq!(back.entries, file.entries, "{}", text);
        }
    }

    #[test]
    fn deletions_merge_idempotently(ops in prop::collection::vec(op(true), 1..30)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        let forward: Vec<usize> = (0..world.made.len()).collect();
        let one = merge_in_order(&world.made, &forward);
        for v in &world.made {
            prop_assert_eq!(&merge(&one, v), &one);
            prop_assert_eq!(&merge(v, &one), &one);
        }
    }

    #[test]
    fn edits_of_different_fields_never_conflict(
        ops in prop::collection::vec(op(false), 0..40),
    ) {
        let mut world = World::new();
        for op in &ops {
            // Each replica keeps to a field of its own.
            let op = match *op {
                Op::Edit { r, v, .. } => Op::Edit { r, f: r, v },
                ref other => other.clone(),
            };
            world.apply(&op);
        }
        world.everyone_syncs();
        for r in &world.replicas {
            prop_assert!(!r.as_ref().expect("there").is_conflicted(), "{r:?}");
        }
    }
}

fn base() -> (Entry, Record) {
    let made = stamp(
        Entry {
            id: "e".into(),
            name: "Taalcafé".into(),
            domains: vec![LifeDomain::Daytime],
            ..Entry::default()
        },
        None,
        by(0),
        DateTime::from_timestamp(1_800_000_000, 0).expect("time"),
    );
    (made.clone(), Record::new(made))
}

fn now() -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_800_000_600, 0).expect("time")
}

#[test]
fn anna_edits_the_phone_and_bram_the_hours_and_both_stay() {
    let (made, record) = base();
    let anna = stamp(
        Entry {
            phone: "070 111".into(),
            ..made.clone()
        },
        Some(&record),
        by(0),
        now(),
    );
    let bram = stamp(
        Entry {
            hours: "ma-vr 9-17".into(),
            ..made
        },
        Some(&record),
        by(1),
        now(),
    );
    let (merged, outcome) = merge_into(Some(Record::new(anna)), bram);
    assert_eq!(outcome, Outcome::Updated);
    assert!(!merged.is_conflicted());
    assert_eq!(merged.entry().phone, "070 111");
    assert_eq!(merged.entry().hours, "ma-vr 9-17");
}

#[test]
fn three_concurrent_writers_conflict_once_and_a_resolution_ends_it_everywhere() {
    let (made, record) = base();
    let versions: Vec<Entry> = (0..3)
        .map(|r| {
            stamp(
                Entry {
                    phone: format!("070 {r}"),
                    ..made.clone()
                },
                Some(&record),
                by(r),
                now(),
            )
        })
        .collect();
    let all = merge(&merge(&versions[0], &versions[1]), &versions[2]);
    let phones = writes(&all, Field::Phone);
    assert_eq!(phones.len(), 3, "every concurrent write is kept");
    assert_eq!(all.phone, "070 0", "the first write, ordered by replica id");
    let later = DateTime::from_timestamp(1_800_000_900, 0).expect("time");
    let fixed =
        resolve(&Record::new(all.clone()), Some("phone"), 3, by(1), later).expect("resolves");
    assert_eq!(fixed.phone, "070 2");
    for v in &versions {
        assert_eq!(merge(&fixed, v), fixed, "the resolution covers {}", v.phone);
    }
}

#[test]
fn a_tombstone_and_an_unseen_edit_are_a_delete_or_keep_conflict() {
    let (made, record) = base();
    let gone = tombstone(&record, by(0), now());
    let edit = stamp(
        Entry {
            phone: "070".into(),
            ..made
        },
        Some(&record),
        by(1),
        now(),
    );
    let both = merge(&gone, &edit);
    assert!(!both.deleted && both.is_conflicted_by_deletion());
    assert_eq!(merge(&edit, &gone), both);
    // The deletion saw the name and the domains: keeping needs them again.
    assert_eq!(both.name, "");
    assert_eq!(both.phone, "070", "what the deletion did not see stays");
    assert_eq!(
        resolve(&Record::new(both.clone()), Some("deleted"), 1, by(2), now()),
        Err(wijkkaart::map::edit::BadResolve::NothingToKeep)
    );
    let named = stamp(
        Entry {
            name: "Taalcafé".into(),
            domains: vec![LifeDomain::Daytime],
            ..both.clone()
        },
        Some(&Record::new(both.clone())),
        by(2),
        now(),
    );
    assert!(
        named.is_conflicted_by_deletion(),
        "an edit leaves the conflict as it is"
    );
    // Keeping the entry ends it; so does deleting it.
    let kept = resolve(&Record::new(named), Some("deleted"), 1, by(2), now()).expect("keep");
    assert!(!kept.is_conflicted());
    assert_eq!(merge(&kept, &gone), kept);
    let deleted =
        resolve(&Record::new(both.clone()), Some("deleted"), 2, by(2), now()).expect("delete");
    assert!(deleted.deleted);
    assert!(merge(&deleted, &edit).deleted);
}

#[test]
fn the_store_reaches_the_same_state_in_either_import_order() {
    let (made, record) = base();
    let one = stamp(
        Entry {
            phone: "1".into(),
            ..made.clone()
        },
        Some(&record),
        by(0),
        now(),
    );
    let two = stamp(
        Entry {
            phone: "2".into(),
            ..made
        },
        Some(&record),
        by(1),
        now(),
    );
    let file_a = vec![one];
    let file_b = vec![two];
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
    assert_eq!((conflicts_ab, conflicts_ba), (1, 1));
}

/// The smallest history on which the merge was not a join (found by
/// `merge_is_a_join`): bram deletes while anna and cem edit the phone, anna
/// edits on after bram has her first edit. The kept side of the
/// delete-or-keep conflict was a list of clocks, and which clocks it held
/// depended on the order of merging.
#[test]
fn a_deletion_against_edits_it_did_not_see_merges_the_same_in_every_order() {
    let ops = [
        Op::Delete { r: 1 },
        Op::Edit { r: 0, f: 0, v: 0 },
        Op::Edit { r: 2, f: 0, v: 0 },
        Op::Send { from: 0, to: 1 },
        Op::Edit { r: 0, f: 0, v: 0 },
        Op::Edit { r: 0, f: 0, v: 0 },
        Op::Edit { r: 0, f: 0, v: 0 },
        Op::Edit { r: 0, f: 0, v: 0 },
    ];
    let mut world = World::new();
    for op in &ops {
        world.apply(op);
    }
    let states = &world.states;
    for a in states {
        for b in states {
            assert_eq!(merge(a, b), merge(b, a));
            for c in states {
                assert_eq!(merge(a, &merge(b, c)), merge(&merge(a, b), c));
            }
        }
    }
    let all = states
        .iter()
        .skip(1)
        .fold(states[0].clone(), |acc, s| merge(&acc, s));
    assert!(all.is_conflicted_by_deletion(), "{all:?}");
    assert_eq!(all.phone, "phone 0 0");
}
