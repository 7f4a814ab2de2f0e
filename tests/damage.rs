//! Damage is named, never hidden: single flipped bits in `vault.bin`, in a
//! case record and in a log record, each read by the real binary. Every flip
//! gives a named error or the right answer; never an empty list, never
//! "wrong passphrase" for the right passphrase, never a hidden good case.
//!
//! The integration tests flip a dense sample of bytes (every byte at the
//! ends, every `WIJKKAART_FLIP_STRIDE`th in between, default 7); the unit
//! tests of `cases::vault` and `cases::stored` flip every byte.

#[path = "support/binary.rs"]
mod binary;

use binary::{run, text};
use std::path::PathBuf;
use std::process::Output;

struct Desk {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Desk {
    /// piet and carla enrolled; c1 (piet's, with a note) and c2 (carla's).
    fn new() -> Desk {
        let tmp = tempfile::tempdir().expect("tmp");
        let desk = Desk {
            dir: tmp.path().join("data"),
            _tmp: tmp,
        };
        binary::piet_and_carla(&desk.dir);
        let c1 = desk.as_piet(&["case", "new", "--label", "Fam. K., Moerwijk"]);
        assert_eq!(text(&c1.stdout), "c1");
        desk.as_piet(&["case", "note", "c1", "--text", "Zorgen over de huur"]);
        let c2 = desk.as_piet(&["case", "new", "--label", "Dhr. B., Laak"]);
        assert_eq!(text(&c2.stdout), "c2");
        desk
    }

    fn ok(&self, args: &[&str], stdin: &str) {
        let mut all = args.to_vec();
        all.push("--passphrase-stdin");
        let out = run(&self.dir, &all, stdin);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }

    fn as_piet(&self, args: &[&str]) -> Output {
        let mut all = args.to_vec();
        all.extend(["--as", "piet", "--passphrase-stdin"]);
        run(&self.dir, &all, "piet-geheim\n")
    }

    /// Erases a case; then the list works (its text is returned) and the log verifies.
    fn erase_and_list(&self, case: &str) -> String {
        let erase = self.as_piet(&["case", "erase", case, "--yes"]);
        assert!(erase.status.success(), "{}", text(&erase.stderr));
        let list = self.as_piet(&["case", "list"]);
        assert!(list.status.success(), "{}", text(&list.stderr));
        let verify = self.as_piet(&["log", "verify"]);
        assert_eq!(text(&verify.stdout), "besluitlog is heel");
        text(&list.stdout)
    }

    fn tree(&self, name: &str) -> (wijkkaart::store::Store, sled::Tree) {
        let store = wijkkaart::store::Store::open(&self.dir, false).expect("open");
        let tree = store.tree(name).expect("tree");
        (store, tree)
    }

    fn get(&self, tree: &str, key: &[u8]) -> Vec<u8> {
        let (_store, t) = self.tree(tree);
        t.get(key).expect("read").expect("stored").to_vec()
    }

    fn put(&self, tree: &str, key: &[u8], value: &[u8]) {
        let (store, t) = self.tree(tree);
        t.insert(key, value).expect("write");
        store.flush().expect("flush");
    }
}

/// Offsets to flip: all of the first and last 8 bytes, a stride between.
fn offsets(len: usize) -> Vec<usize> {
    let stride: usize = std::env::var("WIJKKAART_FLIP_STRIDE")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&s| s > 0)
        .unwrap_or(7);
    (0..len)
        .filter(|&i| i < 8 || i + 8 >= len || i % stride == 0)
        .collect()
}

/// A different bit at each offset, so every bit position is tried.
fn flip(bytes: &[u8], i: usize) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[i] ^= 1 << (i % 8);
    out
}

const GOOD_LIST: &str = "c2\tDhr. B., Laak\t\t0\nc1\tFam. K., Moerwijk\t\t1";

#[test]
fn every_flip_in_the_vault_is_named_as_damage() {
    let desk = Desk::new();
    assert_eq!(text(&desk.as_piet(&["case", "list"]).stdout), GOOD_LIST);
    let path = desk.dir.join("vault.bin");
    let good = std::fs::read(&path).expect("vault");
    let mut named = 0;
    for i in offsets(good.len()) {
        std::fs::write(&path, flip(&good, i)).expect("flip");
        let out = desk.as_piet(&["case", "list"]);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        if out.status.success() {
            assert_eq!(
                stdout, GOOD_LIST,
                "byte {i}: exit 0 must be the right answer"
            );
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "byte {i}: {stderr}");
        assert_eq!(
            stderr, "vault.bin is beschadigd: zet een reservekopie terug met `wijkkaart restore`",
            "byte {i}"
        );
        assert!(stdout.is_empty(), "byte {i}: {stdout}");
        named += 1;
    }
    assert!(named > 0);
    // In English too, and the vault as it was opens again.
    std::fs::write(&path, flip(&good, 10)).expect("flip");
    let out = run(&desk.dir, &["--lang", "en", "worker", "list"], "");
    assert_eq!(
        text(&out.stderr),
        "vault.bin is damaged: restore from a backup with `wijkkaart restore`"
    );
    std::fs::write(&path, &good).expect("restore");
    assert_eq!(text(&desk.as_piet(&["case", "list"]).stdout), GOOD_LIST);
}

#[test]
fn a_flip_in_one_case_record_names_that_case_and_hides_no_other() {
    let desk = Desk::new();
    let good = desk.get("cases", b"c1");
    for i in offsets(good.len()) {
        desk.put("cases", b"c1", &flip(&good, i));
        let out = desk.as_piet(&["case", "list"]);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert_eq!(out.status.code(), Some(1), "byte {i}: {stdout} / {stderr}");
        assert_eq!(
            stdout, "c2\tDhr. B., Laak\t\t0",
            "byte {i}: the good case stays"
        );
        assert_eq!(
            stderr,
            "casus c1 is beschadigd en onleesbaar: zet een reservekopie terug met `wijkkaart restore`",
            "byte {i}"
        );
    }
    // The damaged case is named wherever it is asked for; the good one still works.
    let show = desk.as_piet(&["case", "show", "c1"]);
    assert_eq!(show.status.code(), Some(1));
    assert!(text(&show.stderr).starts_with("casus c1 is beschadigd"));
    assert!(desk.as_piet(&["case", "show", "c2"]).status.success());
    let note = desk.as_piet(&["case", "note", "c2", "--text", "Gaat beter"]);
    assert!(note.status.success(), "{}", text(&note.stderr));
    let items = desk.as_piet(&["intervention", "list"]);
    assert_eq!(items.status.code(), Some(1));
    assert!(text(&items.stderr).starts_with("casus c1 is beschadigd"));
    let json = desk.as_piet(&["case", "list", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    assert!(text(&json.stdout).contains("\"c2\""));
    // A case that can no longer be read can still be erased.
    assert_eq!(desk.erase_and_list("c1"), "c2\tDhr. B., Laak\t\t1");
}

#[test]
fn a_flip_in_a_log_record_names_that_record() {
    let desk = Desk::new();
    let propose = desk.as_piet(&binary::propose("c2", "Fiets", "80"));
    assert_eq!(text(&propose.stdout), "i1");
    desk.ok(
        &["intervention", "approve", "i1", "--as", "carla"],
        "carla-geheim\n",
    );
    desk.as_piet(&["case", "erase", "c1", "--yes"]);
    let key = 2u64.to_be_bytes();
    let good = desk.get("log", &key);
    for i in offsets(good.len()).into_iter().step_by(3) {
        desk.put("log", &key, &flip(&good, i));
        let out = desk.as_piet(&["log", "verify"]);
        assert_eq!(out.status.code(), Some(1), "byte {i}");
        assert_eq!(
            text(&out.stderr),
            "besluitlog is gebroken bij record 2",
            "byte {i}"
        );
    }
    // The newest record damaged: nothing can be added after it, and that is said.
    let last = 6u64.to_be_bytes();
    let newest = desk.get("log", &last);
    desk.put("log", &key, &good);
    desk.put("log", &last, &flip(&newest, 30));
    let out = desk.as_piet(&binary::propose("c2", "Bus", "20"));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        "besluitlog-record 6 is beschadigd: zet een reservekopie terug met `wijkkaart restore`"
    );
}

#[test]
fn a_case_left_without_its_key_is_named_and_a_retried_erase_finishes_it() {
    // What a crash in the middle of `case erase` left behind before issue 8:
    // the key destroyed, the record and the log not yet written.
    let desk = Desk::new();
    wijkkaart::cases::vault::Vault::open(&desk.dir)
        .expect("vault")
        .destroy_case_key("c1")
        .expect("key gone");
    let out = desk.as_piet(&["case", "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "c2\tDhr. B., Laak\t\t0");
    assert!(
        text(&out.stderr).starts_with("casus c1 heeft geen sleutel meer"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(desk.erase_and_list("c1"), "c2\tDhr. B., Laak\t\t0");
}

#[test]
fn a_missing_vault_is_named_and_no_new_data_key_is_made() {
    let desk = Desk::new();
    std::fs::remove_file(desk.dir.join("vault.bin")).expect("remove");
    let missing = "vault.bin ontbreekt terwijl er casusgegevens zijn: zet een reservekopie terug met `wijkkaart restore`";
    let out = desk.as_piet(&["case", "list"]);
    assert_eq!(
        (out.status.code(), text(&out.stderr)),
        (Some(1), missing.into())
    );
    let enrol_args: Vec<&str> = "worker add --id piet --name Piet --passphrase-stdin"
        .split(' ')
        .collect();
    let enrol = run(&desk.dir, &enrol_args, "piet-geheim\n");
    assert_eq!(
        (enrol.status.code(), text(&enrol.stderr)),
        (Some(1), missing.into())
    );
    assert!(!desk.dir.join("vault.bin").exists(), "nothing written");
}
