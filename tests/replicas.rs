//! Three laptops exchanging the map through one shared folder with the real
//! sync code (three data dirs, one folder): random field edits, deletes, new
//! entries with equal names, a reinstalled laptop, syncs in any order. All
//! converge to the same map and the same conflicts (the real binary's
//! `export` and `conflicts --json` agree); no published write is lost unless
//! a causally later write covered it; edits of different fields never
//! conflict.

#[path = "support/binary.rs"]
mod binary;

use chrono::DateTime;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use wijkkaart::map::clock::{Clock, Dot};
use wijkkaart::map::domain::{Kind, LifeDomain};
use wijkkaart::map::edit::{
    Author, DELETED, Worker, conflicted_fields, new_id, resolve, stamp, tombstone,
};
use wijkkaart::map::entry::Entry;
use wijkkaart::map::fields::Field;
use wijkkaart::map::merge::{presence, writes};
use wijkkaart::store::Store;
use wijkkaart::store::exchange::sync;

const WORKERS: [&str; 3] = ["anna", "bram", "cem"];
const NAMES: [&str; 2] = ["Taalcafé", "Buurthuis De Boog"];
const FIELDS: [Field; 3] = [Field::Phone, Field::Hours, Field::Email];

#[derive(Clone, Debug)]
enum Op {
    Add {
        r: usize,
        name: usize,
    },
    Edit {
        r: usize,
        pick: usize,
        f: usize,
        v: u8,
    },
    Delete {
        r: usize,
        pick: usize,
    },
    Sync {
        r: usize,
    },
    Reinstall {
        r: usize,
    },
    /// Laptop `r` resolves a conflicted entry by keeping value `keep` (a
    /// delete-or-keep conflict: 1 keeps it, its name set again first; 2 deletes it).
    Resolve {
        r: usize,
        pick: usize,
        keep: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0..3usize, 0..2usize).prop_map(|(r, name)| Op::Add { r, name }),
        5 => (0..3usize, 0..8usize, 0..3usize, 0..3u8).prop_map(|(r, pick, f, v)| Op::Edit { r, pick, f, v }),
        1 => (0..3usize, 0..8usize).prop_map(|(r, pick)| Op::Delete { r, pick }),
        4 => (0..3usize).prop_map(|r| Op::Sync { r }),
        1 => (0..3usize).prop_map(|r| Op::Reinstall { r }),
        2 => (0..3usize, 0..8usize, 1..3usize).prop_map(|(r, pick, keep)| Op::Resolve { r, pick, keep }),
    ]
}

/// Each laptop edits a field of its own, never deletes: no conflict may come of it.
fn disjoint_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..3usize, 0..2usize).prop_map(|(r, name)| Op::Add { r, name }),
        5 => (0..3usize, 0..8usize, 0..3u8).prop_map(|(r, pick, v)| Op::Edit { r, pick, f: r, v }),
        4 => (0..3usize).prop_map(|r| Op::Sync { r }),
        1 => (0..3usize).prop_map(|r| Op::Reinstall { r }),
    ]
}

struct Laptop {
    dir: PathBuf,
    store: Option<Store>,
    worker: Worker,
}

impl Laptop {
    fn open(dir: &Path, worker: &str) -> Laptop {
        let store = Store::open(dir, false).expect("open");
        let worker = Worker::new(worker, worker, "").expect("worker");
        store.set_worker(&worker).expect("init");
        Laptop {
            dir: dir.to_path_buf(),
            store: Some(store),
            worker,
        }
    }

    fn store(&self) -> &Store {
        self.store.as_ref().expect("open")
    }
}

struct World {
    _root: tempfile::TempDir,
    folder: PathBuf,
    laptops: Vec<Laptop>,
    /// For every dot written to a field: the clock of the version that wrote it.
    written_at: BTreeMap<(String, Dot), Clock>,
    /// Dots (of an entry: counters count per entry) that reached the shared folder.
    published: Vec<(String, Dot)>,
    tick: i64,
    installs: usize,
}

impl World {
    fn new() -> World {
        let root = tempfile::tempdir().expect("tmp");
        let folder = root.path().join("shared");
        std::fs::create_dir(&folder).expect("folder");
        let laptops = WORKERS
            .iter()
            .map(|w| Laptop::open(&root.path().join(w), w))
            .collect();
        World {
            folder,
            laptops,
            _root: root,
            written_at: BTreeMap::new(),
            published: Vec::new(),
            tick: 1_800_000_000,
            installs: 0,
        }
    }

    fn save(&mut self, r: usize, version: Entry) {
        for ws in Field::MERGED
            .iter()
            .map(|f| writes(&version, *f))
            .chain([presence(&version)])
        {
            for w in ws {
                if let Some(dot) = w.dot {
                    self.written_at
                        .entry((version.id.clone(), dot))
                        .or_insert_with(|| version.clock.clone());
                }
            }
        }
        self.laptops[r].store().save(version).expect("save");
    }

    fn live(&self, r: usize) -> Vec<Entry> {
        let records = self.laptops[r].store().records().expect("records");
        records
            .into_iter()
            .filter_map(|rec| rec.shown().cloned())
            .collect()
    }

    fn apply(&mut self, op: &Op) {
        self.tick += 60;
        let now = DateTime::from_timestamp(self.tick, 0).expect("time");
        let replica = |l: &Laptop| l.store().replica().expect("replica").expect("made");
        match *op {
            Op::Add { r, name } => {
                let store = self.laptops[r].store();
                let id = new_id(NAMES[name], |id| store.record(id).ok().flatten().is_some());
                let entry = Entry {
                    id,
                    kind: Kind::Initiative,
                    name: NAMES[name].into(),
                    domains: vec![LifeDomain::Daytime],
                    ..Entry::default()
                };
                let rep = replica(&self.laptops[r]);
                let by = Author {
                    worker: WORKERS[r],
                    replica: &rep,
                };
                let version = stamp(entry, None, by, now);
                self.save(r, version);
            }
            Op::Edit { r, pick, f, v } => {
                let live = self.live(r);
                if live.is_empty() {
                    return;
                }
                let mut content = live[pick % live.len()].clone();
                let current = self.laptops[r].store().record(&content.id).expect("read");
                FIELDS[f]
                    .set(&mut content, &format!("{} {v} {r}", FIELDS[f].key()))
                    .expect("valid");
                let rep = replica(&self.laptops[r]);
                let by = Author {
                    worker: WORKERS[r],
                    replica: &rep,
                };
                let version = stamp(content, current.as_ref(), by, now);
                self.save(r, version);
            }
            Op::Delete { r, pick } => {
                let live = self.live(r);
                if live.is_empty() {
                    return;
                }
                let id = live[pick % live.len()].id.clone();
                let current = self.laptops[r]
                    .store()
                    .record(&id)
                    .expect("read")
                    .expect("there");
                let rep = replica(&self.laptops[r]);
                let by = Author {
                    worker: WORKERS[r],
                    replica: &rep,
                };
                let version = tombstone(&current, by, now);
                self.save(r, version);
            }
            Op::Sync { r } => {
                let l = &self.laptops[r];
                let report =
                    sync(l.store(), &self.folder, &l.worker, now, |_, _| {}).expect("sync");
                assert!(report.skipped.is_empty(), "{:?}", report.skipped);
                // Everything this laptop knows is in the folder now.
                for rec in l.store().records().expect("records") {
                    for field in Field::MERGED {
                        for w in writes(rec.entry(), field) {
                            if let Some(dot) = w.dot {
                                self.published.push((rec.id().to_string(), dot));
                            }
                        }
                    }
                }
            }
            Op::Resolve { r, pick, keep } => {
                let conflicted: Vec<_> = self.laptops[r]
                    .store()
                    .records()
                    .expect("records")
                    .into_iter()
                    .filter(|rec| rec.is_conflicted())
                    .collect();
                if conflicted.is_empty() {
                    return;
                }
                let mut record = conflicted[pick % conflicted.len()].clone();
                let rep = replica(&self.laptops[r]);
                let by = Author {
                    worker: WORKERS[r],
                    replica: &rep,
                };
                let e = record.entry().clone();
                if keep == 1
                    && e.is_conflicted_by_deletion()
                    && (e.name.is_empty() || e.domains.is_empty())
                {
                    // Keeping needs what the deletion took along: set it again first.
                    let content = Entry {
                        name: NAMES[0].into(),
                        domains: vec![LifeDomain::Daytime],
                        ..e
                    };
                    let version = stamp(content, Some(&record), by, now);
                    self.save(r, version);
                    let id = record.id().to_string();
                    record = self.laptops[r]
                        .store()
                        .record(&id)
                        .expect("read")
                        .expect("there");
                }
                let field = conflicted_fields(record.entry())
                    .first()
                    .map(|(k, _)| *k)
                    .unwrap_or(DELETED);
                if let Ok(version) = resolve(&record, Some(field), keep, by, now) {
                    self.save(r, version);
                }
            }
            Op::Reinstall { r } => {
                // The disk is wiped: a new data dir for the same worker, a new replica id.
                self.installs += 1;
                let old = &mut self.laptops[r];
                drop(old.store.take());
                let dir = old
                    .dir
                    .with_file_name(format!("{}-{}", WORKERS[r], self.installs));
                self.laptops[r] = Laptop::open(&dir, WORKERS[r]);
            }
        }
    }
}

impl World {
    /// Every laptop's `export` (without the header that names the laptop)
    /// and `conflicts --json`, from the real binary.
    fn shown(&mut self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for l in &mut self.laptops {
            drop(l.store.take());
            let run = |args: &[&str]| {
                let o = binary::run(&l.dir, &[&["--no-default-map"], args].concat(), "");
                assert!(o.status.success(), "{}", binary::text(&o.stderr));
                binary::text(&o.stdout)
            };
            let export = run(&["export"]);
            let entries = export
                .find("[[entry]]")
                .map_or("", |at| &export[at..])
                .to_string();
            out.push((entries, run(&["conflicts", "--json"])));
        }
        out
    }
}

/// What a laptop shows of the map: every record, and its conflicts.
fn state(store: &Store) -> (Vec<Entry>, Vec<(String, Vec<String>)>) {
    let records = store.records().expect("records");
    let entries: Vec<Entry> = records.iter().map(|r| r.entry().clone()).collect();
    let conflicts = records
        .iter()
        .map(|r| {
            let fields = conflicted_fields(r.entry())
                .iter()
                .map(|(k, w)| format!("{k}:{w:?}"))
                .collect();
            (r.id().to_string(), fields)
        })
        .filter(|(_, f): &(String, Vec<String>)| !f.is_empty())
        .collect();
    (entries, conflicts)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn disjoint_field_edits_never_conflict(ops in prop::collection::vec(disjoint_op(), 0..24)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        for _ in 0..2 {
            for r in 0..3 {
                world.apply(&Op::Sync { r });
            }
        }
        for l in &world.laptops {
            let (entries, conflicts) = state(l.store());
            prop_assert!(conflicts.is_empty(), "{conflicts:?}");
            prop_assert_eq!(&entries, &state(world.laptops[0].store()).0);
        }
    }

    #[test]
    fn laptops_converge_through_the_shared_folder(
        ops in prop::collection::vec(op(), 0..24),
        (resolver, keep) in (0..3usize, 1..3usize),
        after in prop::collection::vec(op(), 0..8),
    ) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        // Everyone meets; one laptop resolves every conflict while the others work on.
        for r in [0, 1, 2, 0] {
            world.apply(&Op::Sync { r });
        }
        for pick in 0..8 {
            world.apply(&Op::Resolve { r: resolver, pick, keep });
        }
        for op in &after {
            world.apply(op);
        }
        for _ in 0..2 {
            for r in 0..3 {
                world.apply(&Op::Sync { r });
            }
        }
        let first = state(world.laptops[0].store());
        for l in &world.laptops[1..] {
            let other = state(l.store());
            prop_assert_eq!(&first.0, &other.0);
            prop_assert_eq!(&first.1, &other.1);
        }
        // The real binary shows the same on every laptop.
        let shown = world.shown();
        prop_assert_eq!(&shown[0], &shown[1]);
        prop_assert_eq!(&shown[1], &shown[2]);
        // Two colleagues who each add "Taalcafé" keep two entries.
        let adds = ops.iter().chain(&after).filter(|o| matches!(o, Op::Add { .. })).count();
        prop_assert!(first.0.len() <= adds);
        // No published write is lost, unless a causally later one covered it.
        let by_id: BTreeMap<&str, &Entry> = first.0.iter().map(|e| (e.id.as_str(), e)).collect();
        for (id, dot) in &world.published {
            let holder = by_id.get(id.as_str()).filter(|e| e.clock.covers(dot));
            prop_assert!(holder.is_some(), "{id} {dot} vanished");
            let e = holder.expect("checked");
            if e.deleted {
                continue;
            }
            let mut present = false;
            let mut covered = false;
            let all = Field::MERGED.iter().map(|f| writes(e, *f)).chain([presence(e)]);
            for ws in all {
                for w in ws {
                    if w.dot.as_ref() == Some(dot) {
                        present = true;
                    } else if w
                        .dot
                        .clone()
                        .and_then(|d| world.written_at.get(&(id.clone(), d)))
                        .is_some_and(|c| c.covers(dot))
                    {
                        covered = true;
                    }
                }
            }
            prop_assert!(present || covered, "write {dot} lost in {e:?}");
        }
    }
}
