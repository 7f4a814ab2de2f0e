//! Golden bytes: case data as earlier versions stored it must still open,
//! read and verify, and the log chain must continue across versions.

#[path = "support/binary.rs"]
mod binary;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn golden(version: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden/cases")
        .join(version)
}

/// The files of a fixture folder, by name.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("fixture"))
        })
        .collect();
    out.sort();
    out
}

/// A data dir holding exactly the stored values of a fixture folder.
fn data_dir_from(version: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("data");
    let src = golden(version);
    {
        let store = wijkkaart::store::Store::open(&dir, false).expect("open");
        let cases = store.tree("cases").expect("cases");
        for (name, bytes) in files(&src.join("cases")) {
            cases
                .insert(name.trim_end_matches(".bin").as_bytes(), bytes)
                .expect("insert");
        }
        let log = store.tree("log").expect("log");
        for (name, bytes) in files(&src.join("log")) {
            let seq: u64 = name.trim_end_matches(".bin").parse().expect("number");
            log.insert(seq.to_be_bytes(), bytes).expect("insert");
        }
        if src.join("seal").is_dir() {
            let seal = store.tree("seal").expect("seal");
            for (name, bytes) in files(&src.join("seal")) {
                seal.insert(name.trim_end_matches(".bin").as_bytes(), bytes)
                    .expect("insert");
            }
        }
        let meta = store.tree("meta").expect("meta");
        for (name, bytes) in files(&src.join("meta")) {
            let key = name.trim_end_matches(".bin").replacen('_', ":", 1);
            meta.insert(key.as_bytes(), bytes).expect("insert");
        }
        store.flush().expect("flush");
    }
    std::fs::copy(src.join("vault.bin"), dir.join("vault.bin")).expect("vault");
    (tmp, dir)
}

fn run(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut all = args.to_vec();
    all.push("--passphrase-stdin");
    binary::run(dir, &all, stdin)
}

fn ok(dir: &Path, worker: &str, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--as", worker]);
    let out = run(dir, &all, &format!("{worker}-geheim\n"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// What every fixture folder holds (see the README), read through the real binary.
fn reads_the_golden_cases(dir: &Path) {
    assert_eq!(
        ok(dir, "piet", &["case", "list"]),
        "c2\tDhr. B., Laak\tLaak\t0\nc1\tFam. K., Moerwijk\tMoerwijk\t1"
    );
    let c1: Value =
        serde_json::from_str(&ok(dir, "carla", &["case", "show", "c1", "--json"])).expect("JSON");
    assert_eq!(c1["label"], "Fam. K., Moerwijk");
    assert_eq!(c1["notes"][0]["text"], "Zorgen over de huur");
    assert_eq!(c1["scores"][0]["score"], 2);
    assert_eq!(c1["interventions"][0]["state"], "evaluated");
    let i2: Value =
        serde_json::from_str(&ok(dir, "piet", &["intervention", "show", "i2", "--json"]))
            .expect("JSON");
    assert_eq!(i2["state"], "rejected");
    assert_eq!(i2["case"], "c2");
    let erased = run(
        dir,
        &["case", "show", "c3", "--as", "piet"],
        "piet-geheim\n",
    );
    assert_eq!(erased.status.code(), Some(1), "c3 stays erased");
    let workers = binary::run(dir, &["worker", "list"], "");
    assert!(String::from_utf8_lossy(&workers.stdout).contains("carla\tCarla\tWijkteam"));
}

#[test]
fn a_data_dir_written_before_versioned_values_opens_reads_and_verifies() {
    let (_tmp, dir) = data_dir_from("v1");
    continues(&dir);
}

#[test]
fn a_data_dir_of_versioned_values_opens_reads_and_verifies() {
    let (_tmp, dir) = data_dir_from("v2");
    continues(&dir);
}

/// `log verify` without a passphrase: its one line on stdout, or on stderr.
fn verify_unlocked(dir: &Path) -> (Option<i32>, String) {
    let out = binary::run(dir, &["log", "verify"], "");
    let said = if out.status.success() {
        &out.stdout
    } else {
        &out.stderr
    };
    (
        out.status.code(),
        String::from_utf8_lossy(said).trim().to_string(),
    )
}

/// Reads a fixture data dir, then works on in it: the chain continues.
/// Written before the clear anchor, its log is checked without a passphrase
/// by numbering alone, and has an anchor over all of it after the next change.
fn continues(dir: &Path) {
    let (code, said) = verify_unlocked(dir);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("records, de nummering klopt (het log heeft nog geen anker"),
        "{said}"
    );
    reads_the_golden_cases(dir);
    assert_eq!(ok(dir, "piet", &["log", "verify"]), "besluitlog is heel");
    let vault = std::fs::read(dir.join("vault.bin")).expect("vault");
    assert!(
        vault.starts_with(b"WKVT"),
        "the vault is rewritten with its checksum on first use"
    );
    // New work continues the old chain; old and new records verify together.
    let c4 = ok(
        dir,
        "piet",
        &["case", "new", "--label", "Fam. V., Zuidwest"],
    );
    assert_eq!(c4, "c4");
    let i3 = ok(dir, "piet", &binary::propose(&c4, "Fiets", "80"));
    assert_eq!(i3, "i3");
    ok(dir, "carla", &["intervention", "approve", &i3]);
    ok(
        dir,
        "piet",
        &["case", "note", "c1", "--text", "Nog een notitie"],
    );
    assert_eq!(ok(dir, "carla", &["log", "verify"]), "besluitlog is heel");
    let (code, said) = verify_unlocked(dir);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("records, nummering en anker kloppen"),
        "{said}"
    );
    reads_the_golden_cases_after_changes(dir);
}

/// c1 gained a note; the rest is as before.
fn reads_the_golden_cases_after_changes(dir: &Path) {
    let c1: Value =
        serde_json::from_str(&ok(dir, "piet", &["case", "show", "c1", "--json"])).expect("JSON");
    assert_eq!(c1["notes"][1]["text"], "Nog een notitie");
    assert_eq!(c1["interventions"][0]["state"], "evaluated");
    let c2: Value =
        serde_json::from_str(&ok(dir, "piet", &["case", "show", "c2", "--json"])).expect("JSON");
    assert_eq!(c2["label"], "Dhr. B., Laak");
}

/// The stored values themselves, without a database: the vault unlocks, every
/// case opens under its key, and the log chain verifies.
fn values_read(version: &str, first_log_version: u8) {
    values_read_as(version, first_log_version, 7, 7);
}

/// As `values_read`: `total` log records, the erasure of c3 at `erased`
/// (1-based), the first record of the cases at `total - 6 - (total - erased)`.
fn values_read_as(version: &str, first_log_version: u8, total: usize, erased: usize) {
    use wijkkaart::cases::{log, stored, vault::Vault};
    let src = golden(version);
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::copy(src.join("vault.bin"), tmp.path().join("vault.bin")).expect("copy");
    let vault = Vault::open(tmp.path()).expect("the vault reads");
    let data_key = vault.unlock("carla", "carla-geheim").expect("unlocks");
    let mut labels = Vec::new();
    for (name, bytes) in files(&src.join("cases")) {
        let id = name.trim_end_matches(".bin");
        let key = vault
            .case_key(id, &data_key)
            .expect("whole")
            .expect("has a key");
        labels.push(
            stored::open_case(&key, id, &bytes)
                .expect("opens")
                .label
                .clone(),
        );
    }
    assert_eq!(labels, ["Fam. K., Moerwijk", "Dhr. B., Laak"]);
    let records: Vec<_> = files(&src.join("log"))
        .into_iter()
        .map(|(name, bytes)| {
            let seq: u64 = name.trim_end_matches(".bin").parse().expect("number");
            (
                seq,
                Some(stored::open_log(&data_key, seq, &bytes).expect("opens")),
            )
        })
        .collect();
    assert_eq!(records.len(), total);
    assert_eq!(log::first_broken(&records), None);
    let first = records[0].1.as_ref().expect("record");
    assert_eq!(first.version, first_log_version);
    let proposed = records[erased - 7].1.as_ref().expect("record");
    assert_eq!(proposed.event, log::LogEvent::Proposed { revision: 1 });
    let gone = records[erased - 1].1.as_ref().expect("record");
    assert_eq!(
        (gone.case.as_str(), &gone.event),
        ("c3", &log::LogEvent::CaseErased)
    );
    let last = records[total - 1].1.as_ref().expect("record");
    if let Ok(bytes) = std::fs::read(src.join("seal/log.bin")) {
        let seal = stored::open_seal(&data_key, &bytes).expect("the seal opens");
        assert_eq!((seal.len, seal.head), (total as u64, last.hash));
        if let Some(workers) = seal.workers {
            let digests: Vec<_> = vault
                .slots()
                .iter()
                .map(|s| (s.worker.clone(), s.digest()))
                .collect();
            assert_eq!(
                workers, digests,
                "the sealed worker records are the vault's"
            );
        }
    }
}

#[test]
fn first_format_values_read_without_a_database() {
    values_read("v1", 1);
}

#[test]
fn second_format_values_read_without_a_database() {
    values_read("v2", 2);
}

/// Format 3 (issue 10): worker slots with key pairs and vouches, enrolments
/// and worker changes in the log, the seal holding the worker records.
#[test]
fn third_format_values_read_without_a_database() {
    values_read_as("v3", 2, 14, 10);
    let tmp = tempfile::tempdir().expect("tmp");
    std::fs::copy(golden("v3").join("vault.bin"), tmp.path().join("vault.bin")).expect("copy");
    let vault = wijkkaart::cases::vault::Vault::open(tmp.path()).expect("reads");
    let tom = vault.slot("tom").expect("tom");
    assert_eq!(tom.organisation, "Buurtteam");
    assert_eq!(tom.vouches.len(), 2);
    assert_eq!(tom.vouches[1].by, ["piet", "carla"]);
    assert!(!tom.is_old_kind());
}

#[test]
fn a_data_dir_of_format_3_opens_reads_and_verifies() {
    let (_tmp, dir) = data_dir_from("v3");
    continues(&dir);
    // The removal re-keys what format 3 wrote.
    let out = run(
        &dir,
        &["worker", "remove", "tom", "--as", "piet", "--with", "carla"],
        "piet-geheim\ncarla-geheim\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    reads_the_golden_cases_after_changes(&dir);
    assert_eq!(ok(&dir, "carla", &["log", "verify"]), "besluitlog is heel");
}

/// Log frame 3 (the clear anchor): log values `WKLG` 3, and `seal/anchor.bin`
/// the anchor over them. Read without a database: every value is of frame
/// 3, and the anchor is the running digest over exactly these bytes.
#[test]
fn log_frame_3_values_and_their_anchor_read_without_a_database() {
    use wijkkaart::cases::audit::{self, Anchor};
    use wijkkaart::cases::stored;
    values_read_as("v4", 2, 14, 10);
    let src = golden("v4");
    let log: Vec<(u64, Vec<u8>)> = files(&src.join("log"))
        .into_iter()
        .map(|(name, bytes)| (name.trim_end_matches(".bin").parse().expect("n"), bytes))
        .collect();
    for (seq, bytes) in &log {
        assert!(bytes.starts_with(b"WKLG"), "record {seq}");
        assert_eq!(stored::log_value_version(bytes), Some(3), "record {seq}");
    }
    let anchor = Anchor::from_bytes(&std::fs::read(src.join("seal/anchor.bin")).expect("anchor"))
        .expect("an anchor of this version");
    let mut again = Anchor::EMPTY;
    for (seq, bytes) in &log {
        again = again.next(*seq, bytes);
    }
    assert_eq!((anchor.len, anchor.digest), (again.len, again.digest));
    let whole = audit::check_clear(&log, Some(anchor), true).expect("whole");
    assert_eq!((whole.records, whole.anchored), (14, true));
    // One changed byte in any record is found without a passphrase.
    for i in 0..log.len() {
        let mut changed = log.clone();
        let last = changed[i].1.len() - 1;
        changed[i].1[last] ^= 1;
        assert!(
            audit::check_clear(&changed, Some(anchor), true).is_err(),
            "record {} changed unseen",
            i + 1
        );
    }
}

#[test]
fn a_data_dir_of_log_frame_3_opens_reads_and_verifies() {
    let (_tmp, dir) = data_dir_from("v4");
    let (code, said) = verify_unlocked(&dir);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("14 records, nummering en anker kloppen"),
        "{said}"
    );
    reads_the_golden_cases(&dir);
    assert_eq!(ok(&dir, "piet", &["log", "verify"]), "besluitlog is heel");
    let c4 = ok(
        &dir,
        "piet",
        &["case", "new", "--label", "Fam. V., Zuidwest"],
    );
    let i3 = ok(&dir, "piet", &binary::propose(&c4, "Fiets", "80"));
    ok(&dir, "carla", &["intervention", "approve", &i3]);
    assert_eq!(ok(&dir, "carla", &["log", "verify"]), "besluitlog is heel");
    let (code, said) = verify_unlocked(&dir);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("16 records, nummering en anker kloppen"),
        "{said}"
    );
    reads_the_golden_cases_after_changes_but_c1(&dir);
}

/// c2 as before; c1 as the golden folder has it.
fn reads_the_golden_cases_after_changes_but_c1(dir: &Path) {
    let c2: Value =
        serde_json::from_str(&ok(dir, "piet", &["case", "show", "c2", "--json"])).expect("JSON");
    assert_eq!(c2["label"], "Dhr. B., Laak");
    let c1: Value =
        serde_json::from_str(&ok(dir, "piet", &["case", "show", "c1", "--json"])).expect("JSON");
    assert_eq!(c1["interventions"][0]["state"], "evaluated");
}

/// Writes a golden folder from a data dir (`GOLDEN_FROM`) into `GOLDEN_TO`:
/// run once, by hand, when a new format is added (see the README there).
#[test]
#[ignore]
fn write_a_golden_folder() {
    let (Ok(from), Ok(to)) = (std::env::var("GOLDEN_FROM"), std::env::var("GOLDEN_TO")) else {
        return;
    };
    let (from, to) = (PathBuf::from(from), PathBuf::from(to));
    assert!(!to.exists(), "never overwrite a golden folder");
    let store = wijkkaart::store::Store::open(&from, false).expect("open");
    let dump = |tree: &str, folder: &str, name: &dyn Fn(&[u8]) -> String| {
        let tree = store.tree(tree).expect("tree");
        std::fs::create_dir_all(to.join(folder)).expect("mkdir");
        for item in tree.iter() {
            let (k, v) = item.expect("read");
            if let Some(file) = Some(name(&k)).filter(|f| !f.is_empty()) {
                std::fs::write(to.join(folder).join(file), &v).expect("write");
            }
        }
    };
    dump("cases", "cases", &|k| {
        format!("{}.bin", String::from_utf8_lossy(k))
    });
    dump("log", "log", &|k| {
        let seq = u64::from_be_bytes(k.try_into().expect("8 bytes"));
        format!("{seq:04}.bin")
    });
    dump("seal", "seal", &|k| {
        format!("{}.bin", String::from_utf8_lossy(k))
    });
    dump("meta", "meta", &|k| {
        let k = String::from_utf8_lossy(k);
        k.strip_prefix("counter:")
            .map(|c| format!("counter_{c}.bin"))
            .unwrap_or_default()
    });
    std::fs::copy(from.join("vault.bin"), to.join("vault.bin")).expect("vault");
}
