//! The kept index written a record at a time (`IndexWriter`, used by every
//! command that keeps the index) is byte for byte the one `to_bytes` makes of
//! the index built in memory, so readers need not know which wrote it.

#[path = "support/binary.rs"]
mod binary;

use chrono::DateTime;
use wijkkaart::map::edit::{Author, stamp, tombstone};
use wijkkaart::map::entry::Entry;
use wijkkaart::map::merge::{Record, merge};
use wijkkaart::map::search::{Index, IndexWriter};
use wijkkaart::store::Store;

fn by(r: usize) -> Author<'static> {
    const REPLICAS: [&str; 2] = ["anna.aaaaaa", "bram.bbbbbb"];
    Author {
        worker: REPLICAS[r].split('.').next().unwrap_or_default(),
        replica: REPLICAS[r],
    }
}

fn at(s: i64) -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_800_000_000 + s, 0).expect("time")
}

/// `n` invented entries, each made by anna; of them some conflicted (anna
/// and bram set the phone at once), some deleted, some private, and some
/// sharing one name (the name order then falls back on the id).
fn records(n: usize) -> Vec<Record> {
    synthmap::entries(n, 11)
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let e = Entry {
                name: if i % 17 == 0 {
                    "Taalcafé".into()
                } else {
                    e.name
                },
                private: i % 13 == 0,
                ..e
            };
            let made = stamp(e, None, by(0), at(0));
            let record = Record::new(made.clone());
            if i % 7 == 0 {
                let phone = |p: &str| Entry {
                    phone: p.into(),
                    ..made.clone()
                };
                let a = stamp(phone("070 1"), Some(&record), by(0), at(60));
                let b = stamp(phone("070 2"), Some(&record), by(1), at(60));
                Record::new(merge(&a, &b))
            } else if i % 11 == 0 {
                Record::new(merge(&made, &tombstone(&record, by(1), at(60))))
            } else {
                record
            }
        })
        .collect()
}

fn streamed(records: Vec<Record>) -> Vec<u8> {
    let scratch = || tempfile::tempfile().expect("scratch");
    let mut writer = IndexWriter::new(scratch(), scratch());
    for record in records {
        if let Some((entry, conflicted)) = record.into_shown() {
            writer.add(entry, conflicted).expect("add");
        }
    }
    let mut out = Vec::new();
    writer.finish(&mut out).expect("finish");
    out
}

#[test]
fn the_streamed_index_is_byte_for_byte_the_built_one() {
    // Past 4096 entries the built index makes its word lists on two threads.
    for n in [0, 1, 40, 5000] {
        // Against id order, so that equal names are ordered by their ids.
        let mut records = records(n);
        records.reverse();
        let shown: Vec<&Record> = records.iter().filter(|r| r.shown().is_some()).collect();
        if n == 5000 {
            assert!(records.iter().any(|r| r.is_conflicted()), "conflicts");
            assert!(records.iter().any(|r| r.is_deleted()), "deletions");
            assert!(shown.iter().any(|r| r.entry().private), "private entries");
            assert!(shown.len() < n, "the deleted are left out");
        }
        let built = Index::build_owned(records.clone()).to_bytes();
        let kept = streamed(records.clone());
        assert!(built == kept, "{n} entries: the two ways differ");
        let read = Index::from_bytes(&kept).expect("reads back");
        assert_eq!(read.len(), shown.len());
    }
}

#[test]
fn a_store_keeps_the_index_it_would_build() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::open(dir.path(), false).expect("open");
    let records = records(300);
    let incoming: Vec<Entry> = records.iter().map(|r| r.entry().clone()).collect();
    store.merge(incoming, |_, _| {}).expect("merge");
    assert_eq!(
        store.keep_fresh_index().expect("keep"),
        store.index(false).expect("index").len()
    );
    assert!(store.index_is_fresh().expect("fresh"));
    let want = Index::build_owned(store.records().expect("records")).to_bytes();
    let file = std::fs::read(dir.path().join("index.bin")).expect("index.bin");
    assert!(
        file.starts_with(b"WKIX") && file.ends_with(&want),
        "the body is to_bytes'"
    );
    // The scratch files went with the process's handles: nothing is left.
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp") || n.starts_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// An import of more entries than a delta should carry ([`COMPACT`], 200)
/// into a data dir with a kept index leaves that index whole, not the old
/// index with every new entry in its delta: else every later search would
/// apply them all again (at 1,000 entries, ten times its own cost).
#[test]
fn an_import_leaves_the_kept_index_whole_not_a_big_delta() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let map = tmp.path().join("map.toml");
    std::fs::write(&map, synthmap::toml(300, 5)).expect("write");
    let wk = |args: &[&str]| {
        let out = binary::run(&dir, args, "");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    wk(&["--no-default-map", "init", "--id", "anna", "--name", "Anna"]);
    let empty_delta = std::fs::metadata(dir.join("index.delta"))
        .expect("a new data dir keeps its index")
        .len();
    wk(&["--no-default-map", "import", map.to_str().expect("utf8")]);
    let delta = std::fs::metadata(dir.join("index.delta"))
        .expect("delta")
        .len();
    assert_eq!(delta, empty_delta, "the imported entries are in index.bin");
    let kept = wijkkaart::store::fresh_index(&dir).expect("fresh");
    assert!(kept.len() >= 250, "{}", kept.len());
}
