//! An anchored log (issue 10, point 4): `restore` of case data by two
//! workers, which never shortens the log and puts the restore on record;
//! a rollback by hand still found after one; `log verify` without a
//! passphrase finding a cut and a record taken out of the middle.

#[path = "support/binary.rs"]
mod binary;

use binary::{as_, run, text, verify};
use std::path::{Path, PathBuf};
use wijkkaart::store::Store;

/// `log verify` with no passphrase at all (and no terminal to ask one).
fn verify_unlocked(dir: &Path) -> (Option<i32>, String) {
    let out = run(dir, &["log", "verify"], "");
    let code = out.status.code();
    (
        code,
        text(if code == Some(0) {
            &out.stdout
        } else {
            &out.stderr
        }),
    )
}

/// The store of the data dir, once the process before has let go of it
/// (sled's flusher can hold the lock a moment after a drop).
fn open(dir: &Path) -> Store {
    for _ in 0..50 {
        if let Ok(store) = Store::open(dir, false) {
            return store;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Store::open(dir, false).expect("open")
}

/// Every key and value of a tree.
fn tree(dir: &Path, name: &str) -> Vec<(Vec<u8>, Vec<u8>)> {
    let store = open(dir);
    let tree = store.tree(name).expect("tree");
    tree.iter()
        .map(|item| item.map(|(k, v)| (k.to_vec(), v.to_vec())).expect("read"))
        .collect()
}

fn edit(dir: &Path, name: &str, f: impl FnOnce(&sled::Tree)) {
    let store = open(dir);
    f(&store.tree(name).expect("tree"));
    store.flush().expect("flush");
}

fn state(dir: &Path) -> String {
    let (code, out, err) = as_(dir, "piet", &["intervention", "show", "i1", "--json"]);
    assert_eq!(code, Some(0), "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    json["state"].as_str().expect("state").to_string()
}

/// piet's and carla's enrolment (records 1 to 3), c1 with i1 proposed by
/// piet (record 4); a backup to `saved`; then i1 approved by carla (5) and
/// carried out (6).
fn desk() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let saved = tmp.path().join("saved");
    binary::piet_and_carla(&dir);
    assert_eq!(
        as_(&dir, "piet", &["case", "new", "--label", "Fam. K."]).1,
        "c1"
    );
    assert_eq!(
        as_(&dir, "piet", &binary::propose("c1", "Fiets", "80")).1,
        "i1"
    );
    let out = run(&dir, &["backup", "--to", saved.to_str().expect("utf8")], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
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
    (tmp, dir, saved)
}

fn restore_by_two(dir: &Path, saved: &Path) -> (Option<i32>, String, String) {
    let out = run(
        dir,
        &[
            "restore",
            saved.to_str().expect("utf8"),
            "--as",
            "piet",
            "--with",
            "carla",
            "--passphrase-stdin",
        ],
        "piet-geheim\ncarla-geheim\n",
    );
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn a_restore_by_one_is_refused_and_writes_nothing() {
    let (_tmp, dir, saved) = desk();
    let before = [tree(&dir, "log"), tree(&dir, "cases"), tree(&dir, "seal")];
    let backups = std::fs::read_dir(dir.join("backups")).map_or(0, |d| d.count());
    let from = saved.to_str().expect("utf8");
    let alone = [
        vec!["restore", from, "--as", "piet", "--passphrase-stdin"],
        vec!["restore", from],
        vec![
            "restore",
            from,
            "--as",
            "piet",
            "--with",
            "piet",
            "--passphrase-stdin",
        ],
    ];
    for args in alone {
        let out = run(&dir, &args, "piet-geheim\npiet-geheim\n");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            text(&out.stderr),
            "geweigerd: dit doen twee verschillende ingeschreven medewerkers samen; geef de tweede met --with MEDEWERKER",
            "{args:?}"
        );
        assert!(out.stdout.is_empty());
    }
    // A wrong passphrase of the second: refused too.
    let out = run(
        &dir,
        &[
            "restore",
            from,
            "--as",
            "piet",
            "--with",
            "carla",
            "--passphrase-stdin",
        ],
        "piet-geheim\nfout-geheim\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        [tree(&dir, "log"), tree(&dir, "cases"), tree(&dir, "seal")],
        before,
        "nothing written"
    );
    assert_eq!(
        std::fs::read_dir(dir.join("backups")).map_or(0, |d| d.count()),
        backups,
        "not even the backup of the state before"
    );
    assert_eq!(state(&dir), "carried-out");
}

#[test]
fn a_restore_by_two_keeps_the_log_and_puts_itself_on_record() {
    let (_tmp, dir, saved) = desk();
    let log_before = tree(&dir, "log");
    let (code, out, err) = restore_by_two(&dir, &saved);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("1 casussen teruggezet door piet en carla"),
        "{out}"
    );
    // The case is as it was at the backup; the log is as long as before, and two longer.
    assert_eq!(state(&dir), "proposed");
    let log_after = tree(&dir, "log");
    assert_eq!(log_after.len(), log_before.len() + 2);
    assert_eq!(log_after[..6], log_before[..], "no record changed or lost");
    assert_eq!(verify(&dir), (Some(0), "besluitlog is heel".into()));
    let (code, said) = verify_unlocked(&dir);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("8 records, nummering en anker kloppen"),
        "{said}"
    );
    // Work goes on after it, and the log stays whole.
    assert_eq!(
        as_(&dir, "carla", &["intervention", "approve", "i1"]).0,
        Some(0)
    );
    assert_eq!(state(&dir), "approved");
    assert_eq!(verify(&dir), (Some(0), "besluitlog is heel".into()));
}

#[test]
fn a_rollback_by_hand_after_a_restore_is_still_found() {
    let (_tmp, dir, saved) = desk();
    assert_eq!(restore_by_two(&dir, &saved).0, Some(0));
    let restored = tree(&dir, "cases");
    assert_eq!(
        as_(&dir, "carla", &["intervention", "approve", "i1"]).0,
        Some(0)
    );
    edit(&dir, "cases", |cases| {
        for (k, v) in &restored {
            cases.insert(k.as_slice(), v.as_slice()).expect("put back");
        }
    });
    assert_eq!(
        verify(&dir),
        (
            Some(1),
            "casus c1 is ouder dan het besluitlog (record 9 ontbreekt erin): een oude kopie is teruggezet"
                .into()
        )
    );
}

#[test]
fn a_backup_of_another_laptop_is_refused() {
    let (tmp, dir, _) = desk();
    let other = tmp.path().join("other");
    binary::piet_and_carla(&other);
    assert_eq!(
        as_(&other, "piet", &["case", "new", "--label", "Fam. Z."]).1,
        "c1"
    );
    let elsewhere = tmp.path().join("elsewhere");
    let out = run(
        &other,
        &["backup", "--to", elsewhere.to_str().expect("utf8")],
        "",
    );
    assert!(out.status.success());
    let before = tree(&dir, "log");
    let (code, _, err) = restore_by_two(&dir, &elsewhere);
    assert_eq!(code, Some(1));
    assert_eq!(
        err,
        "geweigerd: deze back-up hoort niet bij dit besluitlog of deze sleutel (van een andere laptop, of van vóór het verwijderen van een medewerker); er is niets teruggezet"
    );
    assert_eq!(tree(&dir, "log"), before);
    assert_eq!(state(&dir), "carried-out");
}

#[test]
fn log_verify_without_a_passphrase_finds_a_cut_and_a_record_taken_out() {
    let (_tmp, dir, _) = desk();
    let (code, said) = verify_unlocked(&dir);
    assert_eq!(code, Some(0));
    assert_eq!(
        said,
        "besluitlog is heel voor zover zonder wachtwoordzin te zien: 6 records, nummering en anker kloppen; de hashketen, het zegel, de medewerkers en de casussen zijn niet gecontroleerd: dat doet `wijkkaart log verify --as MEDEWERKER` (zonder terminal met --passphrase-stdin)"
    );
    let log = tree(&dir, "log");
    edit(&dir, "log", |t| {
        t.remove(6u64.to_be_bytes()).expect("cut");
    });
    assert_eq!(
        verify_unlocked(&dir),
        (
            Some(1),
            "besluitlog is ingekort: verzegeld met 6 records, er zijn er nu 5".into()
        )
    );
    edit(&dir, "log", |t| {
        let (k, v) = &log[5];
        t.insert(k.as_slice(), v.as_slice()).expect("back");
        t.remove(4u64.to_be_bytes()).expect("take out");
    });
    assert_eq!(
        verify_unlocked(&dir),
        (
            Some(1),
            "besluitlog-record 4 ontbreekt: het is eruit gehaald".into()
        )
    );
    // A record of another place put in its stead changes the anchored bytes.
    edit(&dir, "log", |t| {
        let (_, v) = &log[2];
        t.insert(4u64.to_be_bytes(), v.as_slice()).expect("replace");
    });
    assert_eq!(
        verify_unlocked(&dir).1,
        "de besluitlog-records zijn niet meer de records die verankerd zijn: er is een gewijzigd of vervangen (welk, ziet `wijkkaart log verify --as MEDEWERKER`)"
    );
    // And the anchor taken away with it.
    edit(&dir, "seal", |t| {
        t.remove(b"anchor").expect("remove");
    });
    assert_eq!(
        verify_unlocked(&dir).1,
        "het anker van het besluitlog ontbreekt terwijl de records het hebben gehad: het is weggehaald"
    );
}

#[test]
fn a_restore_in_english_says_what_it_put_back() {
    let (_tmp, dir, saved) = desk();
    let out = run(
        &dir,
        &[
            "--lang",
            "en",
            "restore",
            saved.to_str().expect("utf8"),
            "--as",
            "carla",
            "--with",
            "piet",
            "--passphrase-stdin",
        ],
        "carla-geheim\npiet-geheim\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).ends_with(
        "1 cases restored by carla and piet, on record in the decision log (which was not shortened); left out: 0 (erased, or without a key)"
    ));
}

#[test]
fn a_damaged_vault_is_put_back_alone_then_the_cases_by_two() {
    let (_tmp, dir, saved) = desk();
    let path = dir.join("vault.bin");
    let mut bytes = std::fs::read(&path).expect("vault");
    bytes[40] ^= 1;
    std::fs::write(&path, &bytes).expect("damage");
    let log = tree(&dir, "log");
    let (code, _, err) = restore_by_two(&dir, &saved);
    assert_eq!(code, Some(1));
    assert!(
        err.starts_with("vault.bin is teruggezet uit de back-up"),
        "{err}"
    );
    assert_eq!(tree(&dir, "log"), log, "the log untouched");
    assert_eq!(
        std::fs::read(dir.join("vault.bin.damaged")).expect("kept"),
        bytes
    );
    let (code, _, err) = restore_by_two(&dir, &saved);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(tree(&dir, "log").len(), 8);
    assert_eq!(verify(&dir), (Some(0), "besluitlog is heel".into()));
}

#[test]
fn after_a_removal_with_re_keying_the_anchor_still_holds() {
    let (_tmp, dir, _) = desk();
    let out = run(
        &dir,
        &[
            "worker",
            "remove",
            "carla",
            "--as",
            "piet",
            "--with",
            "carla",
            "--passphrase-stdin",
        ],
        "piet-geheim\ncarla-geheim\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (code, said) = verify_unlocked(&dir);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("8 records, nummering en anker kloppen"),
        "{said}"
    );
    assert_eq!(verify(&dir), (Some(0), "besluitlog is heel".into()));
}
