//! The real binary killed at every write, and starved of disk, by strace's
//! fault injection: the data dir always opens afterwards, what was reported
//! saved is there, an import or sync is all or nothing, and the search index
//! agrees with the records.
//!
//! Operations: first start, import, edit, sync, and (H3's code underneath)
//! case note, verdict and case erase, where the log's hash chain must stay
//! whole as well.
//!
//! For each operation and each write-like system call (write, pwrite64,
//! fsync, fdatasync, rename, openat) the N-th call is made to kill the process
//! (strace counts per call and per thread), for N = 1, 2, … until the
//! operation runs to its end untouched. Skipped, with a line saying so, where
//! strace is not installed; `.ci/run` installs it.

#[path = "support/datadir.rs"]
mod datadir;
use datadir::{copy_dir, fill, mount_tmpfs, strace_works, with_stdin, wk};

use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use wijkkaart::map::query::Query;
use wijkkaart::store::doctor::{self, Status};
use wijkkaart::store::{Store, StoreError};

const BIN: &str = env!("CARGO_BIN_EXE_wijkkaart");
const SYSCALLS: &[&str] = &[
    "write",
    "pwrite64",
    "fsync",
    "fdatasync",
    "rename",
    "openat",
];
/// The word only the entries of an import or sync carry.
const WORD: &str = "kraaienest";
const BATCH: usize = 30;

/// Runs the binary under strace with one injection; `None` when it was killed.
fn injected(dir: &Path, args: &[&str], inject: &str, stdin: &str) -> Option<Output> {
    use std::io::Write;
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg(format!("trace={}", SYSCALLS.join(",")))
        .arg("-e")
        .arg(format!("inject={inject}"))
        .arg("--")
        .arg(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("WIJKKAART_LANG", "en")
        .env_remove("WIJKKAART_DATA_DIR")
        .env_remove("WIJKKAART_NO_DEFAULT_MAP")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("strace runs");
    if let Some(mut input) = child.stdin.take() {
        // A process killed early does not read it: that is not an error here.
        let _ = input.write_all(stdin.as_bytes());
    }
    let out = child.wait_with_output().expect("strace ends");
    let killed = out.status.signal() == Some(9) || out.status.code() == Some(128 + 9);
    (!killed).then_some(out)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A map file of `n` entries that carry [`WORD`], edited by `by`.
fn batch_file(path: &Path, n: usize, by: &str) {
    let mut out = String::from("[map]\nformat = 1\n");
    for i in 0..n {
        out.push_str(&format!(
            "\n[[entry]]\nid = \"{WORD}-{by}-{i}\"\nkind = \"initiative\"\nname = \"Kraaienest {by} {i}\"\ndomains = [\"daytime\"]\nareas = [\"Laak\"]\nupdated = \"2026-11-28T20:00:00Z\"\nupdated_by = \"{by}\"\nclock = {{ {by} = 1 }}\n"
        ));
    }
    std::fs::write(path, out).expect("write batch");
}

/// How many entries the search finds for a word, and how many records hold
/// it, through the library on the reopened data dir (in-process: a process
/// per check would make the test too slow); then `doctor` must find nothing
/// it cannot repair.
fn found_and_held(dir: &Path, word: &str, default_map: bool, context: &str) -> (usize, usize) {
    // What a search would see now, before anything opens the store: the
    // kept index and its delta, when they claim to be fresh.
    let has = |name: &str| name.to_lowercase().contains(word);
    let fresh = wijkkaart::store::fresh_index(dir).map(|index| {
        index
            .search(&Query::parse(word))
            .into_iter()
            .filter(|&hit| has(&index.doc(hit).entry.name))
            .count()
    });
    // strace reports the kill as soon as the thread that was hit is gone; the
    // process may hold its lock a moment longer.
    let mut tries = 0;
    let store = loop {
        match Store::open(dir, default_map) {
            Err(StoreError::Locked(_)) if tries < 250 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => {
                break other
                    .unwrap_or_else(|e| panic!("{context}: the data dir does not open: {e}"));
            }
        }
    };
    let index = store
        .index(false)
        .unwrap_or_else(|e| panic!("{context}: no index: {e}"));
    let found = index
        .search(&Query::parse(word))
        .into_iter()
        .filter(|&hit| has(&index.doc(hit).entry.name))
        .count();
    let records = store
        .records()
        .unwrap_or_else(|e| panic!("{context}: records: {e}"));
    let held = records
        .iter()
        .filter_map(|r| r.shown())
        .filter(|e| has(&e.name))
        .count();
    if let Some(fresh) = fresh {
        assert_eq!(
            fresh, held,
            "{context}: the kept index and its delta disagree with the records"
        );
    }
    let findings = doctor::run(&store).unwrap_or_else(|e| panic!("{context}: doctor: {e}"));
    let left: Vec<_> = findings
        .iter()
        .filter(|f| f.status == Status::Damaged)
        .collect();
    assert!(left.is_empty(), "{context}: doctor left {left:?}");
    (found, held)
}

/// What must hold after any interruption.
fn assert_whole(dir: &Path, word: &str, allowed: &[usize], context: &str) {
    let (found, held) = found_and_held(dir, word, false, context);
    assert_eq!(
        found, held,
        "{context}: the index disagrees with the records"
    );
    assert!(
        allowed.contains(&held),
        "{context}: {held} entries with '{word}', expected one of {allowed:?} (all or nothing)"
    );
}

/// One line per problem, in words: never a panic, a backtrace or debug text.
fn assert_plain_error(out: &Output, context: &str) {
    let err = text(&out.stderr);
    for bad in ["panicked", "backtrace", "RUST_BACKTRACE", "Error {", "Os {"] {
        assert!(!err.contains(bad), "{context}: raw error text: {err}");
    }
}

/// An operation to interrupt: a prepared data dir, the arguments, and the check after.
struct Scenario<'a> {
    name: &'a str,
    template: &'a Path,
    args: Vec<String>,
    /// Passphrases for case commands, one a line.
    stdin: &'a str,
    /// Every how many write and pwrite64 calls to kill (1: each).
    stride: usize,
    check: &'a dyn Fn(&Path, Option<&Output>, &str),
}

/// Kills the operation at the N-th call of each write-like system call, for
/// every N until it runs through, and checks the data dir after each.
fn kill_at_every_write(s: &Scenario, work: &Path) -> usize {
    let args: Vec<&str> = s.args.iter().map(String::as_str).collect();
    let mut points = 0;
    for syscall in SYSCALLS {
        // Most openat calls read (libraries, /proc): a sample of them is
        // enough; so is one of `stride` writes where an operation makes many.
        let stride = match *syscall {
            "openat" => 4,
            "write" | "pwrite64" => s.stride,
            _ => 1,
        };
        for n in (1..).step_by(stride) {
            let dir = work.join(format!("{}-{syscall}-{n}", s.name));
            copy_dir(s.template, &dir);
            let run = injected(
                &dir,
                &args,
                &format!("{syscall}:signal=KILL:when={n}"),
                s.stdin,
            );
            let context = format!("{} killed at {syscall} #{n}", s.name);
            (s.check)(&dir, run.as_ref(), &context);
            std::fs::remove_dir_all(&dir).expect("clean up");
            if run.is_some() {
                break;
            }
            points += 1;
        }
    }
    assert!(points > 0, "{}: no write was interrupted", s.name);
    println!("{}: killed at {points} write points", s.name);
    points
}

fn assert_disk_full_said(out: &Output, context: &str) {
    assert_plain_error(out, context);
    if !out.status.success() {
        let err = text(&out.stderr);
        assert!(
            err.lines().any(|l| l.contains("disk is full")),
            "{context}: the error does not say the disk is full: {err}"
        );
        assert_eq!(out.status.code(), Some(1), "{context}: exit code");
    }
}

/// Runs the operation with sled's writes and syncs from the N-th on failing
/// with ENOSPC (not `write`: the error line itself goes out with `write`).
fn inject_a_full_disk(s: &Scenario, work: &Path) -> usize {
    let args: Vec<&str> = s.args.iter().map(String::as_str).collect();
    let mut failures = 0;
    for n in (1..).step_by(s.stride) {
        let dir = work.join(format!("{}-enospc-{n}", s.name));
        copy_dir(s.template, &dir);
        let out = injected(
            &dir,
            &args,
            &format!("pwrite64,fsync,fdatasync:error=ENOSPC:when={n}+"),
            s.stdin,
        )
        .expect("a full disk does not kill");
        let context = format!("{} with ENOSPC from call #{n}", s.name);
        assert_disk_full_said(&out, &context);
        let done = out.status.success();
        failures += usize::from(!done);
        (s.check)(&dir, Some(&out), &context);
        std::fs::remove_dir_all(&dir).expect("clean up");
        if done {
            break;
        }
    }
    println!("{}: {failures} runs ended on an injected full disk", s.name);
    failures
}

/// A real full disk: the data dir on a small tmpfs, filled up to `free`
/// bytes, for growing `free` until the operation fits. Skipped (with a line)
/// where mounting is not allowed.
fn fill_a_real_disk(s: &Scenario, work: &Path) -> usize {
    let mnt = work.join(format!("{}-tmpfs", s.name));
    let Some(_mounted) = mount_tmpfs(&mnt, "16m") else {
        println!(
            "{}: real full disk skipped: cannot mount a tmpfs here",
            s.name
        );
        return 0;
    };
    let args: Vec<&str> = s.args.iter().map(String::as_str).collect();
    let mut failures = 0;
    let mut free = 0u64;
    loop {
        let dir = mnt.join("d");
        copy_dir(s.template, &dir);
        let filler = mnt.join("filler");
        fill(&filler, free);
        let out = wk(&dir, &args);
        let context = format!("{} on a disk with {free} bytes free", s.name);
        assert_disk_full_said(&out, &context);
        let done = out.status.success();
        failures += usize::from(!done);
        // Still full: the data dir must open (and say what is wrong, if anything).
        let still_full = wk(&dir, &["search", "x"]);
        assert_plain_error(&still_full, &context);
        std::fs::remove_file(&filler).expect("free the disk");
        (s.check)(&dir, Some(&out), &context);
        std::fs::remove_dir_all(&dir).expect("clean up");
        if done {
            break;
        }
        free = if free == 0 { 4096 } else { free * 2 };
        assert!(free < 16 << 20, "{context}: never fits");
    }
    println!("{}: {failures} runs ended on a real full disk", s.name);
    failures
}

/// Every kill point, then an injected full disk, then (if `real_disk`) a real one.
fn sweep(s: &Scenario, work: &Path, real_disk: bool) {
    kill_at_every_write(s, work);
    inject_a_full_disk(s, work);
    if real_disk {
        fill_a_real_disk(s, work);
    }
}

/// A data dir with a worker and no map, and a place to work in.
fn prepared(tmp: &Path) -> PathBuf {
    let template = tmp.join("template");
    let out = wk(
        &template,
        &["--no-default-map", "init", "--id", "anna", "--name", "Anna"],
    );
    assert!(out.status.success(), "init: {}", text(&out.stderr));
    template
}

#[test]
fn first_start_survives_a_kill_at_every_write() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let empty = tmp.path().join("empty");
    std::fs::create_dir_all(&empty).expect("mkdir");
    // The built-in map: how many entries it holds, from an undisturbed start.
    let reference = found_and_held(&tmp.path().join("reference"), "buurt", true, "reference");
    let (_, builtin) = found_and_held(&tmp.path().join("reference"), "", true, "reference");
    let check = |dir: &Path, _: Option<&Output>, context: &str| {
        let found = found_and_held(dir, "buurt", true, context);
        assert_eq!(
            found, reference,
            "{context}: the index disagrees with the records"
        );
        let (_, all) = found_and_held(dir, "", true, context);
        assert_eq!(all, builtin, "{context}: the built-in map is not whole");
    };
    let scenario = Scenario {
        name: "first-start",
        template: &empty,
        args: vec!["search".into(), "buurt".into()],
        stdin: "",
        stride: 1,
        check: &check,
    };
    sweep(&scenario, tmp.path(), false);
}

#[test]
fn import_is_all_or_nothing_when_killed() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let template = prepared(tmp.path());
    let file = tmp.path().join("batch.toml");
    batch_file(&file, BATCH, "bram");
    let check = |dir: &Path, run: Option<&Output>, context: &str| {
        let allowed: &[usize] = match run {
            Some(out) if out.status.success() => &[BATCH],
            _ => &[0, BATCH],
        };
        assert_whole(dir, WORD, allowed, context);
    };
    let scenario = Scenario {
        name: "import",
        template: &template,
        args: vec!["import".into(), file.display().to_string()],
        stdin: "",
        stride: 1,
        check: &check,
    };
    sweep(&scenario, tmp.path(), true);
}

#[test]
fn an_edit_reported_saved_is_there_after_a_kill() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let template = prepared(tmp.path());
    let file = tmp.path().join("batch.toml");
    batch_file(&file, 3, "bram");
    let out = wk(&template, &["import", &file.display().to_string()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = format!("{WORD}-bram-1");
    let check = |dir: &Path, run: Option<&Output>, context: &str| {
        let saved = run.is_some_and(|o| o.status.success());
        let (found, held) = found_and_held(dir, "zonnebloemveld", false, context);
        assert_eq!(
            found, held,
            "{context}: the index disagrees with the records"
        );
        if saved {
            assert_eq!(held, 1, "{context}: reported saved, but gone");
        }
        assert!(held <= 1, "{context}");
        let (_, batch) = found_and_held(dir, WORD, false, context);
        assert_eq!(batch + held, 3, "{context}: other entries changed");
    };
    let scenario = Scenario {
        name: "edit",
        template: &template,
        args: vec![
            "edit".into(),
            id.clone(),
            "--set".into(),
            "name=Zonnebloemveld".into(),
        ],
        stdin: "",
        stride: 1,
        check: &check,
    };
    sweep(&scenario, tmp.path(), true);
}

#[test]
fn sync_is_all_or_nothing_per_file_when_killed() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let template = prepared(tmp.path());
    let shared = tmp.path().join("shared");
    std::fs::create_dir_all(&shared).expect("mkdir");
    batch_file(&shared.join("bram.toml"), BATCH, "bram");
    let check = |dir: &Path, run: Option<&Output>, context: &str| {
        let allowed: &[usize] = match run {
            Some(out) if out.status.success() => &[BATCH],
            _ => &[0, BATCH],
        };
        assert_whole(dir, WORD, allowed, context);
        // Our own file in the shared folder is whole or absent.
        let own = shared.join("anna.toml");
        if own.exists() {
            let out = wk(dir, &["check", &own.display().to_string()]);
            assert!(
                out.status.success(),
                "{context}: half a file: {}",
                text(&out.stderr)
            );
            std::fs::remove_file(&own).expect("reset the shared folder");
        }
    };
    let scenario = Scenario {
        name: "sync",
        template: &template,
        args: vec!["sync".into(), shared.display().to_string()],
        stdin: "",
        stride: 1,
        check: &check,
    };
    sweep(&scenario, tmp.path(), true);
}

/// Runs a case command with anna's passphrase on stdin.
fn as_anna(dir: &Path, args: &[&str]) -> String {
    ok_with_stdin(dir, args, PASSPHRASE)
}

/// Runs a case command with passphrases on stdin; it must succeed.
fn ok_with_stdin(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = with_stdin(dir, args, stdin);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout).trim().to_string()
}

const PASSPHRASE: &str = "anna-geheim\n";

/// A data dir with anna enrolled and one case with a note.
fn with_a_case(tmp: &Path) -> (PathBuf, String) {
    let template = prepared(tmp);
    as_anna(
        &template,
        &[
            "worker",
            "add",
            "--id",
            "anna",
            "--name",
            "Anna",
            "--org",
            "Wijkteam",
            "--passphrase-stdin",
        ],
    );
    let case = as_anna(
        &template,
        &[
            "case",
            "new",
            "--label",
            "Fam. K., Moerwijk",
            "--as",
            "anna",
            "--passphrase-stdin",
        ],
    );
    (template, case)
}

/// Unlocks the reopened data dir: the case as it stands (`None`: gone) and
/// whether the log's hash chain is whole.
fn case_after(dir: &Path, case: &str, context: &str) -> (Option<Vec<String>>, bool) {
    use wijkkaart::cases::book::{CaseBook, CaseError};
    let store = Store::open(dir, false)
        .unwrap_or_else(|e| panic!("{context}: the data dir does not open: {e}"));
    let book = CaseBook::open(&store).unwrap_or_else(|e| panic!("{context}: case book: {e}"));
    let s = book
        .unlock("anna", "anna-geheim")
        .unwrap_or_else(|e| panic!("{context}: unlock: {e}"));
    let notes = match book.case(&s, case) {
        Ok(c) => Some(c.notes.iter().map(|n| n.text.clone()).collect()),
        Err(CaseError::UnknownCase(_)) => None,
        Err(e) => panic!("{context}: the case cannot be read: {e}"),
    };
    let whole = book
        .verify_log(&s)
        .unwrap_or_else(|e| panic!("{context}: log: {e}"))
        .is_none();
    (notes, whole)
}

#[test]
fn a_case_note_reported_saved_is_there_after_a_kill() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let (template, case) = with_a_case(tmp.path());
    let check = |dir: &Path, run: Option<&Output>, context: &str| {
        let saved = run.is_some_and(|o| o.status.success());
        let (notes, whole) = case_after(dir, &case, context);
        let notes = notes.unwrap_or_else(|| panic!("{context}: the case is gone"));
        assert!(whole, "{context}: the log is broken");
        if saved {
            assert!(
                notes.iter().any(|n| n.contains("zonnebloem")),
                "{context}: reported saved, but gone"
            );
        }
    };
    let scenario = Scenario {
        name: "case-note",
        template: &template,
        args: [
            "case",
            "note",
            &case,
            "--text",
            "Huisbezoek, zonnebloem",
            "--as",
            "anna",
            "--passphrase-stdin",
        ]
        .map(String::from)
        .to_vec(),
        stdin: PASSPHRASE,
        stride: 3,
        check: &check,
    };
    sweep(&scenario, tmp.path(), false);
}

#[test]
fn a_case_erase_is_whole_or_can_be_done_again_after_a_kill() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let (template, case) = with_a_case(tmp.path());
    let erase = [
        "case",
        "erase",
        &case,
        "--yes",
        "--as",
        "anna",
        "--passphrase-stdin",
    ];
    let check = |dir: &Path, run: Option<&Output>, context: &str| {
        let done = run.is_some_and(|o| o.status.success());
        let (left, whole) = case_after(dir, &case, context);
        assert!(whole, "{context}: the log is broken");
        if done {
            assert!(left.is_none(), "{context}: reported erased, but there");
        } else if left.is_some() {
            // Not done: doing it again must work.
            as_anna(dir, &erase);
            let (left, whole) = case_after(dir, &case, context);
            assert!(
                left.is_none() && whole,
                "{context}: the retry did not erase"
            );
        }
    };
    let scenario = Scenario {
        name: "case-erase",
        template: &template,
        args: erase.map(String::from).to_vec(),
        stdin: PASSPHRASE,
        stride: 3,
        check: &check,
    };
    sweep(&scenario, tmp.path(), false);
}

#[test]
fn a_verdict_reported_saved_is_there_after_a_kill() {
    if !strace_works() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let (template, case) = with_a_case(tmp.path());
    ok_with_stdin(
        &template,
        &[
            "worker",
            "add",
            "--id",
            "carla",
            "--name",
            "Carla",
            "--org",
            "Politie",
            "--passphrase-stdin",
        ],
        "anna-geheim\ncarla-geheim\n",
    );
    let id = as_anna(
        &template,
        &[
            "intervention",
            "propose",
            &case,
            "--title",
            "Rijles",
            "--description",
            "Een rijbewijs",
            "--cost",
            "50",
            "--as",
            "anna",
            "--passphrase-stdin",
        ],
    );
    let steps = |dir: &Path, context: &str| -> (Vec<String>, bool) {
        use wijkkaart::cases::book::CaseBook;
        let store = Store::open(dir, false)
            .unwrap_or_else(|e| panic!("{context}: the data dir does not open: {e}"));
        let book = CaseBook::open(&store).unwrap_or_else(|e| panic!("{context}: book: {e}"));
        let s = book
            .unlock("anna", "anna-geheim")
            .unwrap_or_else(|e| panic!("{context}: unlock: {e}"));
        let (c, i) = book
            .find_intervention(&s, &id)
            .unwrap_or_else(|e| panic!("{context}: the intervention cannot be read: {e}"));
        let texts = c.interventions[i]
            .steps
            .iter()
            .map(|st| st.text.clone())
            .collect();
        let whole = book
            .verify_log(&s)
            .unwrap_or_else(|e| panic!("{context}: log: {e}"))
            .is_none();
        (texts, whole)
    };
    let (before, _) = steps(&template, "before");
    let check = |dir: &Path, run: Option<&Output>, context: &str| {
        let saved = run.is_some_and(|o| o.status.success());
        let (after, whole) = steps(dir, context);
        assert!(whole, "{context}: the log is broken");
        let approved = after.iter().any(|t| t.contains("zonnebloem"));
        if saved {
            assert!(approved, "{context}: reported saved, but gone");
        }
        assert_eq!(
            after.len(),
            before.len() + usize::from(approved),
            "{context}: half a verdict"
        );
    };
    let scenario = Scenario {
        name: "verdict",
        template: &template,
        args: [
            "intervention",
            "approve",
            &id,
            "--reason",
            "Past, zonnebloem",
            "--as",
            "carla",
            "--passphrase-stdin",
        ]
        .map(String::from)
        .to_vec(),
        stdin: "carla-geheim\n",
        stride: 3,
        check: &check,
    };
    sweep(&scenario, tmp.path(), false);
}
