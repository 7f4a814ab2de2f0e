//! The automatic restore of a damaged database (issue 10, rule point 6:
//! "restore needs two workers, never shortens the log"). A worker who wants
//! a third's or co-decider's verdict gone puts an older backup in the
//! backups folder and spoils the database, so that the next start puts the
//! older case log back. The map comes back at once; the case data stays
//! shut until two workers confirm the restore, which puts it on record.

#[path = "support/datadir.rs"]
mod datadir;
#[path = "support/desk.rs"]
mod desk;
mod support;

use datadir::copy_dir;
use desk::{Desk, binary};
use std::path::Path;
use support::{press, screen_of, today};
use wijkkaart::cases::book::CaseBook;
use wijkkaart::cases::log::LogEvent;
use wijkkaart::store::Store;

/// What sled takes for its newest snapshot, holding garbage.
fn spoil(dir: &Path) {
    std::fs::write(dir.join("db").join("snap.00000000000FFFFF"), b"garbage").expect("spoil");
}

fn open(dir: &Path) -> Store {
    for _ in 0..50 {
        if let Ok(store) = Store::open(dir, false) {
            return store;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    Store::open(dir, false).expect("open")
}

/// A backup of the data dir as it is now, kept aside (the attacker's copy).
fn keep_backup(dir: &Path, aside: &Path) {
    std::fs::remove_dir_all(dir.join("backups")).expect("backups");
    // A flush with no backup there takes one: a note does.
    let out = binary::run(
        dir,
        &[
            "case",
            "note",
            "c1",
            "--text",
            "Gesprek",
            "--as",
            "piet",
            "--passphrase-stdin",
        ],
        "piet-geheim\n",
    );
    assert!(out.status.success(), "{}", binary::text(&out.stderr));
    copy_dir(&dir.join("backups"), aside);
}

/// The attack: the older backups put back, the database spoiled.
fn roll_back(dir: &Path, aside: &Path) {
    std::fs::remove_dir_all(dir.join("backups")).expect("backups");
    copy_dir(aside, &dir.join("backups"));
    spoil(dir);
}

fn refused_naming_restore(desk: &Desk, args: &[&str]) {
    let out = desk.as_("piet", args);
    let err = binary::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?} went on: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.contains("restore --as") && err.contains("--with"),
        "{args:?}: {err}"
    );
}

#[test]
fn a_rollback_by_a_spoiled_database_needs_two_and_is_on_record() {
    let desk = Desk::new();
    let case = desk.new_case();
    assert_eq!(case, "c1");
    let i1 = desk.propose(&case, "80");
    let tmp = tempfile::tempdir().expect("tmp");
    let aside = tmp.path().join("old-backups");
    keep_backup(&desk.dir, &aside);
    desk.ok_as(
        "carla",
        &["intervention", "reject", &i1, "--reason", "Past niet"],
    );
    assert_eq!(desk.show(&i1)["state"], "rejected");
    let vault = std::fs::read(desk.dir.join("vault.bin")).expect("vault");

    roll_back(&desk.dir, &aside);
    // The map is back at once; every case command refuses, naming the way out.
    let map = binary::run(&desk.dir, &["export"], "");
    assert!(map.status.success(), "{}", binary::text(&map.stderr));
    refused_naming_restore(&desk, &["intervention", "show", &i1, "--json"]);
    refused_naming_restore(&desk, &["case", "list"]);
    refused_naming_restore(&desk, &["intervention", "approve", &i1]);
    assert_eq!(
        std::fs::read(desk.dir.join("vault.bin")).expect("vault"),
        vault,
        "the worker list is not put back"
    );
    // One worker alone cannot confirm it.
    let alone = desk.as_("piet", &["restore"]);
    assert_eq!(alone.status.code(), Some(1), "{:?}", alone);
    refused_naming_restore(&desk, &["case", "list"]);

    // Two can: the rollback is then on record, by both.
    desk.ok(
        &["restore", "--as", "piet", "--with", "carla"],
        "piet-geheim\ncarla-geheim\n",
    );
    assert_eq!(desk.show(&i1)["state"], "proposed", "the backup's state");
    desk.ok_as("piet", &["log", "verify"]);
    let store = open(&desk.dir);
    let book = CaseBook::open(&store).expect("book");
    let s = book.unlock("piet", "piet-geheim").expect("unlock");
    let log: Vec<_> = book
        .log(&s)
        .expect("log")
        .into_iter()
        .filter_map(|(_, r)| r)
        .collect();
    let n = log.len();
    assert!(n >= 2);
    assert!(
        matches!(log[n - 2].event, LogEvent::Restored { .. }) && log[n - 2].actor == "piet",
        "{:?}",
        log[n - 2]
    );
    assert!(log[n - 1].event == LogEvent::Agreed && log[n - 1].actor == "carla");
    assert!(book.verify_log(&s).expect("verify").is_none());
}

#[test]
fn a_spoiled_database_never_brings_a_removed_worker_back() {
    let desk = Desk::new();
    desk.new_case();
    let tmp = tempfile::tempdir().expect("tmp");
    let aside = tmp.path().join("old-backups");
    keep_backup(&desk.dir, &aside);
    desk.ok(
        &["worker", "remove", "tom", "--as", "piet", "--with", "carla"],
        "piet-geheim\ncarla-geheim\n",
    );
    let good = tmp.path().join("good");
    let out = binary::run(
        &desk.dir,
        &["backup", "--to", good.to_str().expect("utf8")],
        "",
    );
    assert!(out.status.success(), "{}", binary::text(&out.stderr));
    roll_back(&desk.dir, &aside);
    let list = binary::run(&desk.dir, &["worker", "list"], "");
    assert!(list.status.success(), "{}", binary::text(&list.stderr));
    assert!(!binary::text(&list.stdout).contains("tom"), "tom is back");
    let tom = desk.as_("tom", &["case", "list"]);
    assert_eq!(tom.status.code(), Some(1));
    // The backup's case data is of the key before the removal: refused, in one line.
    let out = desk.run(
        &["restore", "--as", "piet", "--with", "carla"],
        "piet-geheim\ncarla-geheim\n",
    );
    let err = binary::text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    refused_naming_restore(&desk, &["case", "list"]);
    // A backup of the current key, by the same two, held and confirmed alike.
    desk.ok(
        &[
            "restore",
            good.to_str().expect("utf8"),
            "--as",
            "piet",
            "--with",
            "carla",
        ],
        "piet-geheim\ncarla-geheim\n",
    );
    assert_eq!(desk.ok_as("piet", &["case", "list"]).lines().count(), 1);
    desk.ok_as("carla", &["log", "verify"]);
    let list = binary::run(&desk.dir, &["worker", "list"], "");
    assert!(!binary::text(&list.stdout).contains("tom"), "tom is back");
}

#[test]
fn the_interface_keeps_the_case_data_shut_until_two_confirm() {
    let desk = Desk::new();
    desk.new_case();
    let tmp = tempfile::tempdir().expect("tmp");
    let aside = tmp.path().join("old-backups");
    keep_backup(&desk.dir, &aside);
    roll_back(&desk.dir, &aside);
    let mut app = wijkkaart::tui::app::App::new(
        open(&desk.dir),
        wijkkaart::text::Lang::Nl,
        wijkkaart::tui::theme::Theme::plain(),
        today(),
    )
    .expect("app");
    press(&mut app, "<F2>piet-geheim<Enter>");
    let screen = screen_of(&app, 80, 24);
    assert!(
        screen.contains("restore --as"),
        "the unlock names the way out:\n{screen}"
    );
    assert!(!screen.contains("c1"), "no case is shown:\n{screen}");
}
