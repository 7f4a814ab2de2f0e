//! A pulled plug while the worker list or the policy changes: `worker add
//! --with`, `worker edit`, `worker remove`, `budget --set` and `settings
//! --lock-minutes` are killed at every write, sync, rename and unlink they
//! make (strace's fault injection), and run on a disk that fills up. After
//! each: the data dir opens, both workers unlock without a complaint,
//! `log verify` says whole, and the change is wholly there (in the worker
//! list or setting, and on record) or wholly absent (and a retry makes it).
//!
//! Needs `strace`; without it (or without permission to trace) the test says
//! so and passes; `.ci/run` installs it.

#[path = "support/binary.rs"]
mod binary;
#[allow(dead_code)] // the copying part only
#[path = "support/datadir.rs"]
mod datadir;

use binary::{run, run_under, text};
use datadir::{copy_dir, strace_works};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use wijkkaart::cases::book::{CaseBook, Session};
use wijkkaart::cases::log::LogEvent;
use wijkkaart::store::{Store, StoreError};

/// The calls that write: each is made to kill the process at its N-th use.
const SYSCALLS: &[&str] = &[
    "write",
    "pwrite64",
    "fsync",
    "fdatasync",
    "rename",
    "unlink",
    "ftruncate",
];

fn ok(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = run(dir, args, stdin);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// piet (Welzijn) and carla (Wijkteam), dirk (Buurt) enrolled by them, and
/// a case with a proposal, so a re-keying has something to re-encrypt.
fn template(root: &Path) -> PathBuf {
    let dir = root.join("template");
    binary::piet_and_carla(&dir);
    let pc = "piet-geheim\ncarla-geheim\n";
    ok(
        &dir,
        &[
            "worker",
            "add",
            "--id",
            "dirk",
            "--name",
            "Dirk",
            "--org",
            "Buurt",
            "--as",
            "piet",
            "--with",
            "carla",
            "--passphrase-stdin",
        ],
        &format!("{pc}dirk-geheim\n"),
    );
    let p = "piet-geheim\n";
    let case = ok(
        &dir,
        &[
            "case",
            "new",
            "--label",
            "Fam. K.",
            "--as",
            "piet",
            "--passphrase-stdin",
        ],
        p,
    );
    let mut propose = binary::propose(&case, "Fiets", "80");
    propose.extend(["--as", "piet", "--passphrase-stdin"]);
    ok(&dir, &propose, p);
    dir
}

/// An operation to interrupt, and how to tell whether it happened: in the
/// state (worker list, setting) and on record (its log event).
struct Scenario {
    name: &'static str,
    args: Vec<&'static str>,
    stdin: &'static str,
    /// Whether the state shows the change.
    applied: fn(&CaseBook) -> bool,
    /// Whether a log record is the change's.
    is_record: fn(&wijkkaart::cases::log::LogRecord) -> bool,
    /// Who can unlock after the change (dirk is gone after a removal).
    workers: &'static [&'static str],
}

fn scenarios() -> Vec<Scenario> {
    let two = "piet-geheim\ncarla-geheim\n";
    vec![
        Scenario {
            name: "enrol",
            args: vec![
                "worker",
                "add",
                "--id",
                "eva",
                "--name",
                "Eva",
                "--org",
                "Buurt",
                "--as",
                "piet",
                "--with",
                "carla",
                "--passphrase-stdin",
            ],
            stdin: "piet-geheim\ncarla-geheim\neva-geheim\n",
            applied: |b| b.worker("eva").is_some(),
            is_record: |r| r.event == LogEvent::WorkerEnrolled && r.intervention == "eva",
            workers: &["piet", "carla", "dirk"],
        },
        Scenario {
            name: "change",
            args: vec![
                "worker",
                "edit",
                "dirk",
                "--org",
                "Buurtteam",
                "--as",
                "piet",
                "--with",
                "carla",
                "--passphrase-stdin",
            ],
            stdin: two,
            applied: |b| {
                b.worker("dirk")
                    .is_some_and(|w| w.organisation == "Buurtteam")
            },
            is_record: |r| r.event == LogEvent::WorkerChanged && r.intervention == "dirk",
            workers: &["piet", "carla", "dirk"],
        },
        Scenario {
            name: "remove",
            args: vec![
                "worker",
                "remove",
                "dirk",
                "--as",
                "piet",
                "--with",
                "carla",
                "--passphrase-stdin",
            ],
            stdin: two,
            applied: |b| b.worker("dirk").is_none(),
            is_record: |r| r.event == LogEvent::WorkerRemoved && r.intervention == "dirk",
            workers: &["piet", "carla"],
        },
        Scenario {
            name: "budget",
            args: vec![
                "budget",
                "--set",
                "900",
                "--as",
                "piet",
                "--with",
                "carla",
                "--passphrase-stdin",
            ],
            stdin: two,
            applied: |b| b.budget_cents() == 90_000,
            is_record: |r| r.event == LogEvent::BudgetSet { cents: 90_000 },
            workers: &["piet", "carla", "dirk"],
        },
        Scenario {
            name: "lock",
            args: vec![
                "settings",
                "--lock-minutes",
                "9",
                "--as",
                "piet",
                "--with",
                "carla",
                "--passphrase-stdin",
            ],
            stdin: two,
            applied: |b| b.lock_minutes() == 9,
            is_record: |r| r.event == LogEvent::LockSet { minutes: 9 },
            workers: &["piet", "carla", "dirk"],
        },
    ]
}

/// Opens the store, waiting out a killed process that still holds its lock.
fn open_store(dir: &Path, context: &str) -> Store {
    for _ in 0..250 {
        match Store::open(dir, false) {
            Err(StoreError::Locked(_)) => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => {
                return other
                    .unwrap_or_else(|e| panic!("{context}: the data dir does not open: {e}"));
            }
        }
    }
    panic!("{context}: the data dir stays locked");
}

fn unlock(book: &CaseBook, worker: &str, context: &str) -> Session {
    let s = book
        .unlock(worker, &format!("{worker}-geheim"))
        .unwrap_or_else(|e| panic!("{context}: {worker} cannot unlock: {e}"));
    let problem = book
        .check_on_unlock(&s)
        .unwrap_or_else(|e| panic!("{context}: {worker}: {e}"));
    assert!(problem.is_none(), "{context}: {worker} is told {problem:?}");
    s
}

/// After an interruption: everyone unlocks, the log is whole, and the
/// change is wholly there or wholly absent. True when it is there.
fn whole(dir: &Path, s: &Scenario, context: &str) -> bool {
    let (applied, records) = {
        let store = open_store(dir, context);
        let book =
            CaseBook::open(&store).unwrap_or_else(|e| panic!("{context}: the case data: {e}"));
        let applied = (s.applied)(&book);
        let mut sessions = Vec::new();
        for w in ["piet", "carla", "dirk", "eva"] {
            if s.workers.contains(&w) || (w == "eva" && s.name == "enrol" && applied) {
                sessions.push(unlock(&book, w, context));
            }
        }
        let records = book
            .log(&sessions[0])
            .unwrap_or_else(|e| panic!("{context}: log: {e}"))
            .into_iter()
            .map(|(seq, r)| r.unwrap_or_else(|| panic!("{context}: record {seq} unreadable")))
            .filter(|r| (s.is_record)(r))
            .count();
        let problem = book
            .verify_log(&sessions[0])
            .unwrap_or_else(|e| panic!("{context}: verify: {e}"));
        assert!(problem.is_none(), "{context}: the log: {problem:?}");
        (applied, records)
    };
    assert_eq!(
        records,
        usize::from(applied),
        "{context}: the change is {} but has {records} records",
        if applied { "made" } else { "not made" }
    );
    let out = run(
        dir,
        &["log", "verify", "--as", "carla", "--passphrase-stdin"],
        "carla-geheim\n",
    );
    assert!(
        out.status.success(),
        "{context}: log verify: {}",
        text(&out.stderr)
    );
    applied
}

/// Runs the operation under strace with one injection.
fn injected(dir: &Path, s: &Scenario, inject: &str) -> Output {
    let inject = format!("inject={inject}");
    let trace = format!("trace={}", SYSCALLS.join(","));
    let strace = [
        "strace",
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-e",
        &trace,
        "-e",
        &inject,
    ];
    run_under(&strace, dir, &s.args, s.stdin)
}

fn killed(out: &Output) -> bool {
    out.status.signal() == Some(9) || out.status.code() == Some(128 + 9)
}

/// After a run that did not make the change: a retry must make it.
fn retry(dir: &Path, s: &Scenario, context: &str) {
    let out = run(dir, &s.args, s.stdin);
    assert!(
        out.status.success(),
        "{context}: the retry fails: {}",
        text(&out.stderr)
    );
    assert!(whole(dir, s, context), "{context}: the retry did nothing");
}

/// A copy of the template for one run, without its backups: the run then
/// takes one after its change, as it does when the newest is a minute old,
/// so a kill falls among the backup's writes too.
fn fresh_copy(template: &Path, dir: &Path) {
    copy_dir(template, dir);
    std::fs::remove_dir_all(dir.join("backups")).expect("no backups");
}

/// Every kill point of one scenario; returns how many there were, and how
/// many of them left the change made.
fn kill_at_every_write(s: &Scenario, template: &Path, work: &Path) -> (usize, usize) {
    let (mut points, mut made) = (0, 0);
    for syscall in SYSCALLS {
        for n in 1.. {
            assert!(n < 400, "{}: {syscall}: no end to the kill points", s.name);
            let dir = work.join(format!("{}-{syscall}-{n}", s.name));
            fresh_copy(template, &dir);
            let out = injected(&dir, s, &format!("{syscall}:signal=KILL:when={n}"));
            let context = format!("{} killed at {syscall} #{n}", s.name);
            let was_killed = killed(&out);
            assert!(
                was_killed || out.status.success(),
                "{context}: {}",
                text(&out.stderr)
            );
            let applied = whole(&dir, s, &context);
            if !was_killed {
                assert!(applied, "{context}: reported done, but not made");
            } else if applied {
                made += 1;
            } else {
                retry(&dir, s, &context);
            }
            std::fs::remove_dir_all(&dir).expect("clean up");
            if !was_killed {
                break;
            }
            points += 1;
        }
    }
    println!("{}: {points} kill points, {made} left it made", s.name);
    (points, made)
}

/// sled's writes and syncs failing with ENOSPC from the N-th on (not
/// `write`: the error line goes out with it), for every N until it fits.
fn fill_the_disk(s: &Scenario, template: &Path, work: &Path) -> usize {
    let mut failures = 0;
    for n in 1.. {
        assert!(n < 400, "{}: never fits", s.name);
        let dir = work.join(format!("{}-enospc-{n}", s.name));
        fresh_copy(template, &dir);
        let out = injected(
            &dir,
            s,
            &format!("pwrite64,fsync,fdatasync,rename:error=ENOSPC:when={n}+"),
        );
        let context = format!("{} with ENOSPC from call #{n}", s.name);
        assert!(!killed(&out), "{context}: killed");
        let err = text(&out.stderr);
        for bad in ["panicked", "backtrace", "Os {"] {
            assert!(!err.contains(bad), "{context}: raw error text: {err}");
        }
        let done = out.status.success();
        if !done {
            assert_eq!(out.status.code(), Some(1), "{context}: {err}");
            assert_eq!(err.lines().count(), 1, "{context}: one line: {err}");
        }
        let applied = whole(&dir, s, &context);
        if done {
            assert!(applied, "{context}: reported done, but not made");
        } else if !applied {
            retry(&dir, s, &context);
        }
        std::fs::remove_dir_all(&dir).expect("clean up");
        if done {
            break;
        }
        failures += 1;
    }
    println!("{}: {failures} runs ended on a full disk", s.name);
    failures
}

fn sweep(name: &str) {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let template = template(tmp.path());
    let s = scenarios()
        .into_iter()
        .find(|s| s.name == name)
        .expect("a scenario");
    assert!(!whole(&template, &s, "template"), "made before it ran");
    let (points, _) = kill_at_every_write(&s, &template, tmp.path());
    assert!(
        points > 3,
        "{name}: only {points} kill points: is strace injecting?"
    );
    fill_the_disk(&s, &template, tmp.path());
}

#[test]
fn enrolment_is_whole_or_absent_after_a_kill() {
    sweep("enrol");
}

#[test]
fn a_worker_change_is_whole_or_absent_after_a_kill() {
    sweep("change");
}

#[test]
fn a_removal_is_whole_or_absent_after_a_kill() {
    sweep("remove");
}

#[test]
fn a_budget_change_is_whole_or_absent_after_a_kill() {
    sweep("budget");
}

#[test]
fn a_lock_change_is_whole_or_absent_after_a_kill() {
    sweep("lock");
}
