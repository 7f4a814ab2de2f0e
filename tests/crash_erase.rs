//! A pulled plug during `case erase`: the process is killed at every write,
//! sync, rename and unlink it makes (strace's fault injection), and the data
//! dir is opened again after each. It always opens, the log always verifies,
//! and the erasure either happened whole (its log record there, the case
//! gone, its key destroyed) or not at all (and a retry does it).
//!
//! Needs `strace`; without it (or without permission to trace) the test says
//! so and passes, so `.ci/run` should install it.

#[path = "support/binary.rs"]
mod binary;
#[path = "support/datadir.rs"]
mod datadir;

use binary::{run, run_under};
use datadir::{copy_dir, strace_works};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use wijkkaart::cases::book::CaseBook;
use wijkkaart::cases::log::LogEvent;
use wijkkaart::store::Store;

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = run(dir, args, stdin);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn as_piet<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut all = args.to_vec();
    all.extend(["--as", "piet", "--passphrase-stdin"]);
    all
}

/// A kill while sled writes its snapshot at start-up leaves a
/// `db/snap.*.generating` that sled 0.34.7 then takes for its newest
/// snapshot (DESIGN.md, "Storage"). Cleaning that up on open is the store's
/// part of issue 8; until it is merged, this test does what the store will,
/// so that it tests the case book's own promise.
fn remove_sled_leftovers(dir: &Path) {
    for entry in std::fs::read_dir(dir.join("db")).expect("db dir").flatten() {
        if entry.file_name().to_string_lossy().ends_with(".generating") {
            std::fs::remove_file(entry.path()).expect("remove leftover");
        }
    }
}

/// piet and carla (`binary::piet_and_carla`); c1 (a note, a proposal: log record 1) and c2.
fn template(root: &Path) -> PathBuf {
    let dir = root.join("template");
    binary::piet_and_carla(&dir);
    let p = "piet-geheim\n";
    assert_eq!(
        ok(&dir, &as_piet(&["case", "new", "--label", "Fam. K."]), p),
        "c1"
    );
    ok(
        &dir,
        &as_piet(&["case", "note", "c1", "--text", "Wil gewist worden"]),
        p,
    );
    let propose = binary::propose("c1", "Fiets", "80");
    assert_eq!(ok(&dir, &as_piet(&propose), p), "i1");
    assert_eq!(
        ok(&dir, &as_piet(&["case", "new", "--label", "Dhr. B."]), p),
        "c2"
    );
    dir
}

/// Killed after the erasure's transaction but before the key was destroyed:
/// the state that the next open must finish.
fn half_done(dir: &Path) -> bool {
    let marked = {
        let store = Store::open(dir, false).expect("the data dir opens");
        let erasing = store.tree("erasing").expect("tree");
        erasing.contains_key(b"c1").expect("read")
    };
    marked
        && wijkkaart::cases::vault::Vault::open(dir)
            .expect("vault")
            .has_case_key("c1")
}

/// After a crash: what the data dir holds about c1.
struct Found {
    listed: Vec<String>,
    erase_records: usize,
    key_left: bool,
}

fn inspect(dir: &Path) -> Found {
    let store = Store::open(dir, false).expect("the data dir opens");
    let book = CaseBook::open(&store).expect("the case data opens");
    let s = book.unlock("piet", "piet-geheim").expect("unlock");
    let list = book.case_list(&s).expect("list");
    assert!(list.damaged.is_empty(), "{:?}", list.damaged);
    let erase_records = book
        .log(&s)
        .expect("log")
        .into_iter()
        .filter_map(|(_, r)| r)
        .filter(|r| r.event == LogEvent::CaseErased && r.case == "c1")
        .count();
    Found {
        listed: list.cases.iter().map(|c| c.id.clone()).collect(),
        erase_records,
        key_left: wijkkaart::cases::vault::Vault::open(dir)
            .expect("vault")
            .has_case_key("c1"),
    }
}

#[test]
fn a_kill_at_any_write_of_erase_leaves_it_whole_or_undone() {
    if !strace_works() {
        println!("skipped: strace is missing or may not trace here (apt-get install -y strace)");
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let template = template(tmp.path());
    let erase = as_piet(&["case", "erase", "c1", "--yes"]);
    let (mut kills, mut half) = (0, 0);
    for syscall in [
        "write",
        "pwrite64",
        "fsync",
        "fdatasync",
        "sync_file_range",
        "rename",
        "renameat2",
        "unlink",
        "ftruncate",
    ] {
        for n in 1.. {
            let dir = tmp.path().join(format!("{syscall}-{n}"));
            copy_dir(&template, &dir);
            let inject = format!("inject={syscall}:signal=KILL:when={n}");
            let strace = ["strace", "-f", "-o", "/dev/null", "-e", &inject];
            let out = run_under(&strace, &dir, &erase, "piet-geheim\n");
            let killed = out.status.signal() == Some(9) || out.status.code() == Some(137);
            assert!(
                killed || out.status.success(),
                "{syscall} #{n}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(n < 500, "{syscall}: no end to the kill points");
            remove_sled_leftovers(&dir);
            if killed && half_done(&dir) {
                half += 1;
            }
            let verify = run(&dir, &as_piet(&["log", "verify"]), "piet-geheim\n");
            assert!(
                verify.status.success(),
                "{syscall} #{n}: {}",
                String::from_utf8_lossy(&verify.stderr)
            );
            let found = inspect(&dir);
            assert!(found.listed.contains(&"c2".to_string()), "{syscall} #{n}");
            if found.listed.contains(&"c1".to_string()) {
                assert!(killed, "{syscall} #{n}: reported erased but still there");
                assert_eq!(found.erase_records, 0, "{syscall} #{n}");
                ok(&dir, &erase, "piet-geheim\n");
                let retried = inspect(&dir);
                assert_eq!(retried.erase_records, 1, "{syscall} #{n}: the retry erases");
                assert!(!retried.key_left, "{syscall} #{n}");
            } else {
                assert_eq!(
                    found.erase_records, 1,
                    "{syscall} #{n}: erased, on record once"
                );
                assert!(
                    !found.key_left,
                    "{syscall} #{n}: the key is destroyed on reopen"
                );
            }
            std::fs::remove_dir_all(&dir).expect("clean up");
            if !killed {
                break;
            }
            kills += 1;
        }
    }
    assert!(kills > 5, "only {kills} kill points: is strace injecting?");
    assert!(
        half > 0,
        "no kill fell between the transaction and the key's end"
    );
}
