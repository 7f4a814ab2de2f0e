//! Golden bytes: the stored values of the map side as this release writes
//! them (a record, the worker, the kept index, a backup), kept as files under
//! `tests/fixtures/golden/`, which every later release must still read; and a
//! data dir written by the release before issue 8 (commit c2f8be1), which
//! must open with everything in it.
//!
//! When a format changes on purpose, bump its version byte, add a new
//! fixture beside the old one (`WIJKKAART_BLESS=1 cargo test --test golden`
//! writes the missing ones) and keep the old one's test: it is the promise.

#[path = "support/datadir.rs"]
mod datadir;
use datadir::{copy_dir, wk};

use std::path::{Path, PathBuf};
use wijkkaart::map::edit::Worker;
use wijkkaart::map::file::parse;
use wijkkaart::map::merge::Record;
use wijkkaart::map::query::Query;
use wijkkaart::store::Store;

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golden");

/// Every field set, and a second version by another worker at the same
/// time: the record holds a conflict.
const ENTRIES: &str = r#"
[map]
format = 1

[[entry]]
id = "taalcafe-golden"
kind = "initiative"
name = "Taalcafé Gouden Hoek"
organisation = "Stichting Voorbeeld"
role = "coördinator"
description = "Nederlands oefenen bij koffie.\nElke week."
domains = ["daytime", "social-network"]
areas = ["Laak", "Spoorwijk"]
city = "Den Haag"
address = "Voorbeeldstraat 1"
postcode = "2500 AA"
phone = "070 000 0000"
email = "taal@example.org"
website = "https://example.org/taal"
hours = "di 10-12"
languages = ["nl", "en", "ar"]
audience = "volwassenen"
cost = "gratis"
referral = "zelf binnenlopen"
tags = ["taal", "koffie"]
verified = "2026-11-01"
verified_by = "anna"
updated = "2026-11-28T20:00:00.5Z"
updated_by = "anna"
clock = { anna = 3, bram = 1 }
private = true
"#;

/// The concurrent version, from bram's file.
const BRAMS: &str = r#"
[map]
format = 1

[[entry]]
id = "taalcafe-golden"
kind = "initiative"
name = "Taalcafé De Gouden Hoek"
domains = ["daytime"]
updated = "2026-11-28T21:00:00Z"
updated_by = "bram"
clock = { anna = 2, bram = 2 }
"#;

const ID: &str = "taalcafe-golden";

fn golden(name: &str) -> PathBuf {
    Path::new(GOLDEN).join(name)
}

fn blessing() -> bool {
    std::env::var_os("WIJKKAART_BLESS").is_some()
}

/// The fixture's bytes; with WIJKKAART_BLESS set, a missing fixture is written first.
fn fixture(name: &str, today: &[u8]) -> Vec<u8> {
    let path = golden(name);
    if blessing() && !path.exists() {
        std::fs::create_dir_all(GOLDEN).expect("golden dir");
        std::fs::write(&path, today).expect("bless");
    }
    std::fs::read(&path).unwrap_or_else(|_| panic!("fixture {} is missing", path.display()))
}

fn entries() -> Vec<wijkkaart::map::entry::Entry> {
    let mut all = parse(ENTRIES).expect("anna's parse").entries;
    all.extend(parse(BRAMS).expect("bram's parse").entries);
    all
}

/// The two versions saved as this laptop's own (a file may not touch the
/// private one; these are local edits): the record holds a conflict.
fn record_today(dir: &Path) -> (Store, Record) {
    let store = Store::open(dir, false).expect("open");
    for e in entries() {
        store.save(e).expect("save");
    }
    let record = store.record(ID).expect("read").expect("stored");
    assert!(record.is_conflicted(), "the fixture holds a conflict");
    (store, record)
}

/// A record as value version 1 stored it (both versions whole) reads as a
/// format-2 record: the versions merged field by field, each field with the
/// dot format 1 gives it, the differing fields in conflict.
#[test]
fn a_record_of_format_1_still_reads() {
    let tmp = tempfile::tempdir().expect("tmp");
    let bytes = std::fs::read(golden("record-v1.bin")).expect("fixture record-v1.bin");
    assert_eq!(bytes[0], 1, "value version 1");
    let store = Store::open(&tmp.path().join("old"), false).expect("open");
    let records = store.tree("records").expect("tree");
    records
        .insert(ID, bytes.as_slice())
        .expect("put the old bytes");
    let record = store.record(ID).expect("decodes").expect("there");
    assert_eq!(
        Some(record.clone()),
        record_today(&tmp.path().join("today")).1.into()
    );
    let e = record.entry();
    assert!(e.private && e.phone == "070 000 0000");
    let fields: Vec<&str> = wijkkaart::map::edit::conflicted_fields(e)
        .iter()
        .map(|(k, _)| *k)
        .collect();
    assert!(
        fields.contains(&"name") && !fields.contains(&"kind"),
        "{fields:?}"
    );
    let index = store.index(false).expect("index");
    assert_eq!(index.search(&Query::parse("gouden hoek")).len(), 1);
}

#[test]
fn records_are_written_as_format_2_today() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (store, _) = record_today(tmp.path());
    let raw = store.tree("records").expect("tree").get(ID).expect("read");
    let raw = raw.expect("raw").to_vec();
    assert_eq!(raw[0], 2, "the version byte");
    assert_eq!(
        raw,
        fixture("record-v2.bin", &raw),
        "the record format changed: bump the version byte and add a fixture"
    );
}

/// Value version 2 keeps reading as written.
#[test]
fn a_record_of_format_2_still_reads() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (_, expected) = record_today(&tmp.path().join("today"));
    let bytes = std::fs::read(golden("record-v2.bin")).expect("fixture record-v2.bin");
    let store = Store::open(&tmp.path().join("old"), false).expect("open");
    store
        .tree("records")
        .expect("tree")
        .insert(ID, bytes.as_slice())
        .expect("put");
    assert_eq!(store.record(ID).expect("decodes"), Some(expected));
}

#[test]
fn the_worker_of_format_1_still_reads() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path(), false).expect("open");
    let worker = Worker {
        id: "anna".into(),
        name: "Anna de Vries".into(),
        organisation: "Welzijn Zuid".into(),
    };
    store.set_worker(&worker).expect("set");
    let raw = store
        .tree("meta")
        .expect("meta")
        .get("worker")
        .expect("read");
    let raw = raw.expect("raw").to_vec();
    let bytes = fixture("worker-v1.bin", &raw);
    assert_eq!(raw, bytes, "the worker format changed");
    store
        .tree("meta")
        .expect("meta")
        .insert("worker", bytes)
        .expect("put");
    assert_eq!(store.worker().expect("decodes"), Some(worker));
}

/// The kept index is tied to the program version: an index file of another
/// release is never read as if it were this one's; the search still works.
#[test]
fn a_kept_index_of_an_earlier_release_is_rebuilt_not_misread() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("d");
    let (store, _) = record_today(&dir);
    store.index(true).expect("keep");
    let today = std::fs::read(dir.join("index.bin")).expect("kept");
    let old = fixture("index-v1.bin", &today);
    assert_eq!(&old[..5], b"WKIX\x01", "magic and format 1");
    // Put the fixture in place and tell the store that the records moved on since.
    std::fs::write(dir.join("index.bin"), &old).expect("put");
    store.save(entries()[1].clone()).expect("a change");
    assert!(!store.index_is_fresh().expect("fresh?"));
    let index = store.index(false).expect("index");
    assert_eq!(index.search(&Query::parse("gouden")).len(), 1);
}

#[test]
fn a_backup_of_format_1_still_restores() {
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = golden("backup-v1");
    if blessing() && !folder.exists() {
        let (store, _) = record_today(&tmp.path().join("source"));
        let info = wijkkaart::store::backup::write(&store, &tmp.path().join("b")).expect("backup");
        copy_dir(&tmp.path().join("b").join(&info.name), &folder);
    }
    let dir = tmp.path().join("d");
    let o = wk(
        &dir,
        &[
            "--no-default-map",
            "restore",
            folder.to_str().expect("utf8"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let store = Store::open(&dir, false).expect("open");
    let record = store.record(ID).expect("read").expect("restored");
    assert!(record.is_conflicted(), "both versions came back");
    assert!(record.entry().private && record.entry().phone == "070 000 0000");
}

/// Copies a data dir kept as a fixture: its files are named `*.golden` in the
/// repo, so that nobody takes them for a live database; the copy drops that.
fn copy_golden_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for item in std::fs::read_dir(from).expect("read dir") {
        let item = item.expect("item");
        let name = item.file_name().to_string_lossy().into_owned();
        if item.path().is_dir() {
            copy_golden_dir(&item.path(), &to.join(&name));
        } else if let Some(live) = name.strip_suffix(".golden") {
            std::fs::copy(item.path(), to.join(live)).expect("copy");
        }
    }
}

/// A data dir as the release before issue 8 (c2f8be1) left it: the index
/// inside sled, no backups, no index file. It opens, keeps every entry, drops
/// the old index, and doctor finds nothing it cannot repair.
#[test]
fn a_data_dir_of_the_release_before_opens_with_everything() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("d");
    copy_golden_dir(&golden("main-c2f8be1"), &dir);
    let o = wk(&dir, &["search", "--json", "schulden"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert!(!hits.as_array().expect("array").is_empty());
    let o = wk(&dir, &["show", "budgetcafe-testwijk"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("zo 14-16"),
        "the edit made by the old release is there"
    );
    let o = wk(&dir, &["doctor"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let store = Store::open(&dir, false).expect("open");
    assert!(
        store
            .tree("meta")
            .expect("meta")
            .get("index")
            .expect("read")
            .is_none(),
        "the index kept inside sled is gone"
    );
    assert_eq!(store.records().expect("records").len(), 6);
    // Migrated on the first start: every record is stored as value version 2 now.
    let raw = store.tree("records").expect("records");
    for item in raw.iter() {
        let (key, value) = item.expect("item");
        assert_eq!(value[0], 2, "{} migrated", String::from_utf8_lossy(&key));
    }
    assert_eq!(
        store.worker().expect("worker").map(|w| w.id),
        Some("anna".to_string())
    );
}
