//! Three colleagues' laptops exchanging the map through one shared folder, in
//! any order, converge; no edit made anywhere is lost.

use chrono::DateTime;
use proptest::prelude::*;
use std::collections::BTreeMap;
use wijkkaart::map::domain::LifeDomain;
use wijkkaart::map::edit::{stamp, tombstone};
use wijkkaart::map::entry::Entry;
use wijkkaart::map::merge::{Record, merge_into};
use wijkkaart::map::share::{Selection, exportable};

const WORKERS: [&str; 3] = ["anna", "bram", "cem"];
const IDS: [&str; 3] = ["buurthuis", "taalcafe", "voedselbank"];

#[derive(Clone, Debug)]
enum Op {
    Edit {
        replica: usize,
        id: usize,
        variant: u8,
    },
    Delete {
        replica: usize,
        id: usize,
    },
    Sync {
        replica: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..3usize, 0..4u8).prop_map(|(replica, id, variant)| Op::Edit { replica, id, variant }),
        1 => (0..3usize, 0..3usize).prop_map(|(replica, id)| Op::Delete { replica, id }),
        4 => (0..3usize).prop_map(|replica| Op::Sync { replica }),
    ]
}

/// One laptop: its records by id.
type Replica = BTreeMap<String, Record>;

struct World {
    replicas: [Replica; 3],
    /// The shared folder: one file (its entries) per worker.
    folder: BTreeMap<&'static str, Vec<Entry>>,
    /// Every version any worker ever saved.
    made: Vec<Entry>,
    tick: i64,
}

impl World {
    fn new() -> World {
        World {
            replicas: Default::default(),
            folder: BTreeMap::new(),
            made: Vec::new(),
            tick: 1_800_000_000,
        }
    }

    fn save(&mut self, replica: usize, version: Entry) {
        self.made.push(version.clone());
        let r = &mut self.replicas[replica];
        let (record, _) = merge_into(r.remove(&version.id), version);
        r.insert(record.id().to_string(), record);
    }

    fn apply(&mut self, op: &Op) {
        self.tick += 60;
        let now = DateTime::from_timestamp(self.tick, 0).expect("time");
        match *op {
            Op::Edit {
                replica,
                id,
                variant,
            } => {
                let current = self.replicas[replica].get(IDS[id]).cloned();
                let content = Entry {
                    id: IDS[id].into(),
                    name: format!("{} {variant}", IDS[id]),
                    domains: vec![LifeDomain::ALL[usize::from(variant)]],
                    ..Entry::default()
                };
                let version = stamp(content, current.as_ref(), WORKERS[replica], now);
                self.save(replica, version);
            }
            Op::Delete { replica, id } => {
                if let Some(current) = self.replicas[replica].get(IDS[id]).cloned()
                    && !current.is_deleted()
                {
                    let version = tombstone(&current, WORKERS[replica], now);
                    self.save(replica, version);
                }
            }
            Op::Sync { replica } => {
                let incoming: Vec<Entry> = self.folder.values().flatten().cloned().collect();
                let r = &mut self.replicas[replica];
                for version in incoming {
                    let (record, _) = merge_into(r.remove(&version.id), version);
                    r.insert(record.id().to_string(), record);
                }
                let records: Vec<Record> = r.values().cloned().collect();
                let export = exportable(&records, &Selection::default(), Some(WORKERS[replica]));
                self.folder.insert(WORKERS[replica], export);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn replicas_converge_and_keep_every_edit(ops in prop::collection::vec(op(), 0..40)) {
        let mut world = World::new();
        for op in &ops {
            world.apply(op);
        }
        // Everyone syncs twice, in turn: after that nothing is left in flight.
        for _ in 0..2 {
            for replica in 0..3 {
                world.apply(&Op::Sync { replica });
            }
        }
        let [a, b, c] = &world.replicas;
        prop_assert_eq!(a, b);
        prop_assert_eq!(b, c);
        // Every edit is the current version, one side of a conflict, or seen by a later edit.
        for version in &world.made {
            let record = a.get(&version.id);
            prop_assert!(record.is_some(), "{} vanished", version.id);
            let record = record.expect("checked");
            let kept = record.versions().contains(version);
            let superseded = record.versions().iter().any(|v| v.clock.dominates(&version.clock));
            prop_assert!(kept || superseded, "{version:?} lost; now {record:?}");
        }
    }
}
