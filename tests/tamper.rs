//! Someone who edits the data dir by hand, without a passphrase: records cut
//! off the end of the log, a record deleted from the middle, an older copy
//! of a case put back. `log verify` finds and names each.

#[path = "support/binary.rs"]
mod binary;

use binary::{as_, verify};
use std::path::{Path, PathBuf};
use wijkkaart::store::Store;

/// Runs `f` on a tree of the data dir, flushed before the binary runs again.
fn edit(dir: &Path, tree: &str, f: impl FnOnce(&sled::Tree)) {
    let store = Store::open(dir, false).expect("open");
    f(&store.tree(tree).expect("tree"));
    store.flush().expect("flush");
}

fn get(dir: &Path, tree: &str, key: &[u8]) -> Vec<u8> {
    let store = Store::open(dir, false).expect("open");
    let tree = store.tree(tree).expect("tree");
    tree.get(key).expect("read").expect("stored").to_vec()
}

/// piet's and carla's enrolment (records 1 to 3), then c1 with i1 proposed
/// by piet (record 4) and approved by carla (record 5), carried out (record
/// 6); the case record as it was after record 4.
fn desk() -> (tempfile::TempDir, PathBuf, Vec<u8>) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    binary::piet_and_carla(&dir);
    assert_eq!(
        as_(&dir, "piet", &["case", "new", "--label", "Fam. K."]).1,
        "c1"
    );
    let propose = binary::propose("c1", "Fiets", "80");
    assert_eq!(as_(&dir, "piet", &propose).1, "i1");
    let before = get(&dir, "cases", b"c1");
    assert_eq!(
        as_(&dir, "carla", &["intervention", "approve", "i1"]).0,
        Some(0)
    );
    let done = [
        "intervention",
        "done",
        "i1",
        "--date",
        "2026-11-20",
        "--cost",
        "80",
    ];
    assert_eq!(as_(&dir, "piet", &done).0, Some(0));
    assert_eq!(verify(&dir), (Some(0), "besluitlog is heel".into()));
    (tmp, dir, before)
}

#[test]
fn records_cut_off_the_end_are_found() {
    let (_tmp, dir, _) = desk();
    edit(&dir, "log", |log| {
        log.remove(6u64.to_be_bytes()).expect("cut");
    });
    let cut = "besluitlog is ingekort: verzegeld met 6 records, er zijn er nu 5";
    assert_eq!(verify(&dir), (Some(1), cut.into()));
    // Nothing is added after the cut: a new record and seal would hide it.
    let propose = binary::propose("c1", "Bus", "20");
    assert_eq!(
        as_(&dir, "piet", &propose),
        (Some(1), String::new(), cut.into())
    );
    assert_eq!(verify(&dir), (Some(1), cut.into()));
}

#[test]
fn a_record_deleted_from_the_middle_is_found() {
    let (_tmp, dir, _) = desk();
    edit(&dir, "log", |log| {
        log.remove(5u64.to_be_bytes()).expect("delete");
    });
    assert_eq!(
        verify(&dir),
        (Some(1), "besluitlog is gebroken bij record 6".into())
    );
}

#[test]
fn an_older_copy_of_a_case_put_back_is_found() {
    let (_tmp, dir, before) = desk();
    edit(&dir, "cases", |cases| {
        cases.insert(b"c1", before).expect("put back");
    });
    assert_eq!(
        verify(&dir),
        (
            Some(1),
            "casus c1 is ouder dan het besluitlog (record 5 ontbreekt erin): een oude kopie is teruggezet"
                .into()
        )
    );
}

#[test]
fn a_removed_seal_is_found() {
    let (_tmp, dir, _) = desk();
    edit(&dir, "seal", |seal| {
        seal.clear().expect("remove");
    });
    let (code, err) = verify(&dir);
    assert_eq!(code, Some(1));
    assert!(
        err.starts_with("het zegel van het besluitlog ontbreekt"),
        "{err}"
    );
}
