//! The data dir under damage and misuse, through the real binary: leftovers,
//! a damaged database, a damaged record, doctor, backup and restore, a
//! search that only reads, private files, and no terminal.

#[path = "support/datadir.rs"]
mod datadir;
use datadir::{fill, mount_tmpfs, with_stdin, wk};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

const FIXTURE: &str = include_str!("fixtures/small.toml");

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let o = wk(dir, args);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    out(&o)
}

/// A data dir with the test map imported and a worker set.
fn data() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("d");
    let file = tmp.path().join("map.toml");
    std::fs::write(&file, FIXTURE).expect("write");
    ok(
        &dir,
        &["--no-default-map", "init", "--id", "anna", "--name", "Anna"],
    );
    ok(&dir, &["import", file.to_str().expect("utf8")]);
    (tmp, dir)
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        out.push(p.clone());
        if p.is_dir() {
            for item in std::fs::read_dir(&p).expect("read dir") {
                stack.push(item.expect("item").path());
            }
        }
    }
    out
}

fn doctor(dir: &Path) -> (bool, Vec<Value>) {
    let o = wk(dir, &["doctor", "--json"]);
    let findings: Value = serde_json::from_slice(&o.stdout).expect("doctor json");
    (
        o.status.success(),
        findings.as_array().expect("array").clone(),
    )
}

#[test]
fn doctor_on_a_healthy_data_dir_finds_everything_in_order() {
    let (_tmp, dir) = data();
    let (fine, findings) = doctor(&dir);
    assert!(fine, "{findings:?}");
    for part in ["store", "records", "index", "vault", "log", "backups"] {
        assert!(
            findings.iter().any(|f| f["check"] == part),
            "no finding for {part}: {findings:?}"
        );
    }
    assert!(
        findings.iter().all(|f| f["status"] == "ok"),
        "a healthy dir needs no repair: {findings:?}"
    );
    let text = ok(&dir, &["doctor"]);
    assert_eq!(text.lines().count(), findings.len(), "one line per finding");
}

#[test]
fn a_search_never_writes_to_the_data_dir() {
    let (_tmp, dir) = data();
    ok(
        &dir,
        &["edit", "budgetcafe-testwijk", "--set", "hours=ma 9-12"],
    );
    // Every file's path and bytes, the database's own files included.
    let snapshot = || -> Vec<(PathBuf, Vec<u8>)> {
        let mut all: Vec<_> = files_under(&dir)
            .into_iter()
            .map(|p| {
                let bytes = if p.is_dir() {
                    Vec::new()
                } else {
                    std::fs::read(&p).expect("read")
                };
                (p, bytes)
            })
            .collect();
        all.sort();
        all
    };
    let before = snapshot();
    for query in [
        "schulden",
        "budget",
        "#finances @Laak",
        "shculden",
        "geldzorgen laak",
        "",
    ] {
        ok(&dir, &["search", query]);
        ok(&dir, &["search", query, "--json", "--limit", "3"]);
    }
    assert!(before == snapshot(), "a search changed the data dir");
}

#[test]
fn a_search_answers_what_was_just_written() {
    let (_tmp, dir) = data();
    let ids = |q: &str| -> Vec<String> {
        let hits: Value = serde_json::from_str(&ok(&dir, &["search", q, "--json"])).expect("json");
        hits.as_array()
            .expect("list")
            .iter()
            .map(|h| h["id"].as_str().expect("id").to_string())
            .collect()
    };
    assert!(ids("zebrapad").is_empty());
    ok(
        &dir,
        &[
            "edit",
            "budgetcafe-testwijk",
            "--set",
            "name=Zebrapad Budgetcafe",
        ],
    );
    assert_eq!(ids("zebrapad"), ["budgetcafe-testwijk"]);
    // A kept index that is gone (a change cut off before it was kept again)
    // is built from the records in memory, and still not written.
    std::fs::remove_file(dir.join("index.bin")).expect("drop the kept index");
    assert_eq!(ids("zebrapad"), ["budgetcafe-testwijk"]);
    assert!(!dir.join("index.bin").exists(), "a search keeps nothing");
}

#[test]
fn a_stale_or_foreign_index_is_never_used() {
    let (_tmp, dir) = data();
    let index = dir.join("index.bin");
    assert!(index.exists(), "import keeps the index");
    let hits = ok(&dir, &["search", "budgetcafe", "--json"]);
    // An index file from elsewhere (another data dir, another program) is ignored.
    std::fs::write(&index, b"WKIX\x01\x050.0.0garbage").expect("spoil");
    assert_eq!(ok(&dir, &["search", "budgetcafe", "--json"]), hits);
    let (fine, findings) = doctor(&dir);
    assert!(fine);
    assert!(
        findings
            .iter()
            .any(|f| f["check"] == "index" && f["status"] == "repaired")
    );
    // Only ever one index file and its delta, however many edits.
    for i in 0..5 {
        ok(
            &dir,
            &[
                "edit",
                "budgetcafe-testwijk",
                "--set",
                &format!("hours={i}"),
            ],
        );
    }
    let mut indexes: Vec<String> = files_under(&dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("index"))
        .filter_map(|p| Some(p.file_name()?.to_string_lossy().into_owned()))
        .collect();
    indexes.sort();
    assert_eq!(indexes, ["index.bin", "index.delta"]);
}

#[test]
fn a_sled_leftover_is_cleaned_up_on_open() {
    let (_tmp, dir) = data();
    let leftover = dir.join("db").join("snap.0000000000001234.generating");
    std::fs::write(&leftover, b"half a snapshot").expect("write");
    // (A search reads the kept index and leaves the database alone: export opens it.)
    let o = wk(&dir, &["export"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(!leftover.exists());
    assert!(err(&o).contains("cleaned up"), "{}", err(&o));
}

/// Makes the database unreadable the way sled 0.34.7 hurts itself: a
/// snapshot file it takes for its newest, holding garbage.
fn spoil(dir: &Path) {
    std::fs::write(dir.join("db").join("snap.00000000000FFFFF"), b"garbage").expect("spoil");
}

/// As [`spoil`], for a database past the first megabyte of log.
fn spoil_big(dir: &Path) {
    std::fs::write(dir.join("db").join("snap.000000000FFFFFFF"), b"garbage").expect("spoil");
}

#[test]
fn a_damaged_database_is_restored_from_the_newest_backup() {
    let (_tmp, dir) = data();
    // The map as exported, without the moment of export.
    let map = |text: String| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("exported_at"))
            .map(String::from)
            .collect()
    };
    let before = map(ok(&dir, &["export"]));
    spoil(&dir);
    let o = wk(&dir, &["export"]);
    assert!(o.status.success(), "{}", err(&o));
    assert_eq!(map(out(&o)), before, "everything back");
    let said = err(&o);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("was damaged") && said.contains("put back"),
        "{said}"
    );
    assert!(
        std::fs::read_dir(&dir).expect("dir").any(|e| e
            .expect("e")
            .file_name()
            .to_string_lossy()
            .starts_with("damaged-")),
        "the damaged copy is kept"
    );
}

#[test]
fn a_damaged_database_without_backup_is_named_in_one_line() {
    let (_tmp, dir) = data();
    std::fs::remove_dir_all(dir.join("backups")).expect("no backups");
    spoil(&dir);
    let o = wk(&dir, &["export"]);
    assert_eq!(o.status.code(), Some(1));
    let said = err(&o);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("damaged"), "{said}");
    for raw in ["offset", "backtrace", "Corruption", "panicked"] {
        assert!(!said.contains(raw), "debug text: {said}");
    }
    let (fine, _) = doctor(&dir);
    assert!(!fine, "doctor exits 1 when it cannot repair");
}

#[test]
fn a_damaged_record_is_named_and_doctor_puts_it_back() {
    let (_tmp, dir) = data();
    {
        let store = wijkkaart::store::Store::open(&dir, false).expect("open");
        let records = store.tree("records").expect("records");
        let mut value = records
            .get(b"budgetcafe-testwijk")
            .expect("read")
            .expect("there")
            .to_vec();
        value.truncate(value.len() / 2);
        records
            .insert(b"budgetcafe-testwijk", value)
            .expect("spoil");
        store.flush().expect("flush");
    }
    let o = wk(&dir, &["show", "budgetcafe-testwijk"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("'budgetcafe-testwijk'") && err(&o).contains("doctor"),
        "{}",
        err(&o)
    );
    let (fine, findings) = doctor(&dir);
    assert!(fine, "{findings:?}");
    assert!(
        findings
            .iter()
            .any(|f| f["check"] == "records" && f["status"] == "repaired"),
        "{findings:?}"
    );
    assert!(ok(&dir, &["show", "budgetcafe-testwijk"]).contains("Budgetcafé"));
}

#[test]
fn backup_to_a_folder_and_restore_from_it_say_what_they_did() {
    let (tmp, dir) = data();
    let elsewhere = tmp.path().join("usb");
    let said = ok(&dir, &["backup", "--to", elsewhere.to_str().expect("utf8")]);
    assert!(said.contains("backup written to"), "{said}");
    ok(
        &dir,
        &["edit", "budgetcafe-testwijk", "--set", "name=Geldcafé"],
    );
    let said = ok(&dir, &["restore", elsewhere.to_str().expect("utf8")]);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.contains("lost: 1 newer or changed entries"), "{said}");
    assert!(ok(&dir, &["show", "budgetcafe-testwijk"]).contains("Budgetcafé"));
    // The state before the restore was kept: restoring the data dir's newest backup brings it back.
    let said = ok(&dir, &["restore"]);
    assert!(said.contains("restored"), "{said}");
    assert!(ok(&dir, &["show", "budgetcafe-testwijk"]).contains("Geldcafé"));
}

#[test]
fn restore_without_any_backup_says_so() {
    let (tmp, dir) = data();
    let o = wk(
        &dir,
        &[
            "restore",
            tmp.path().join("nowhere").to_str().expect("utf8"),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("no good backup"), "{}", err(&o));
}

#[test]
fn backups_roll_and_a_damaged_one_is_removed_by_doctor() {
    let (_tmp, dir) = data();
    let backups = dir.join("backups");
    let first: Vec<PathBuf> = std::fs::read_dir(&backups)
        .expect("backups")
        .map(|e| e.expect("e").path())
        .collect();
    assert!(!first.is_empty(), "a backup after import");
    let folder = &first[0];
    std::fs::write(folder.join("map.toml.gz"), b"not gzip").expect("spoil");
    let usb = dir.parent().expect("parent").join("usb");
    ok(&dir, &["backup", "--to", usb.to_str().expect("utf8")]);
    // doctor keeps a damaged backup only while there is no good one.
    let (fine, findings) = doctor(&dir);
    assert!(fine, "{findings:?}");
    assert!(!folder.exists() || findings.iter().any(|f| f["status"] == "damaged"));
}

#[test]
fn the_data_dir_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir) = data();
    // A data dir made by hand with loose modes is fixed on the next open.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    ok(&dir, &["export"]);
    for path in files_under(&dir) {
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        let wanted = if path.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode, wanted, "{}", path.display());
    }
}

#[test]
fn files_that_are_not_ours_are_left_alone() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir) = data();
    let mine = dir.join("notities.txt");
    let hidden = dir.join(".concept.tmp");
    for file in [&mine, &hidden] {
        std::fs::write(file, b"van de werker").expect("write");
        std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    ok(&dir, &["search", "x"]);
    for file in [&mine, &hidden] {
        let mode = std::fs::metadata(file)
            .expect("still there")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644, "{}", file.display());
    }
}

#[test]
fn without_a_terminal_the_interface_says_what_works() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = wk(tmp.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let said = err(&o);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(
        said.contains("needs a terminal") && said.contains("search"),
        "{said}"
    );
}

#[test]
fn export_to_a_full_disk_fails_and_leaves_nothing() {
    let (tmp, dir) = data();
    let mnt = tmp.path().join("full");
    let Some(mounted) = mount_tmpfs(&mnt, "64k") else {
        println!("skipped: cannot mount a small tmpfs here");
        return;
    };
    // Fill it: the export can create its temp file, but not write it.
    fill(&mnt.join("filler"), 0);
    let target = mnt.join("map.toml");
    let o = wk(&dir, &["export", "-o", target.to_str().expect("utf8")]);
    let listing: Vec<_> = std::fs::read_dir(&mnt)
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .filter(|n| n != "filler")
        .collect();
    drop(mounted);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("disk is full"), "{}", err(&o));
    assert!(listing.is_empty(), "half a file left: {listing:?}");
}

/// Runs a case command with a passphrase on stdin; it must succeed.
fn with_passphrase(dir: &Path, args: &[&str], passphrase: &str) -> String {
    let mut all = args.to_vec();
    all.push("--passphrase-stdin");
    let o = with_stdin(dir, &all, passphrase);
    assert!(o.status.success(), "{args:?}: {}", err(&o));
    out(&o).trim().to_string()
}

/// Enrols anna and makes a case for her; returns the case's id.
fn anna_with_a_case(dir: &Path) -> String {
    with_passphrase(
        dir,
        &[
            "worker", "add", "--id", "anna", "--name", "Anna", "--org", "Wijkteam",
        ],
        "anna-geheim\n",
    );
    with_passphrase(
        dir,
        &[
            "case",
            "new",
            "--label",
            "Fam. K., Moerwijk",
            "--as",
            "anna",
        ],
        "anna-geheim\n",
    )
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_erased_case_leaves_every_backup_too() {
    use wijkkaart::cases::vault::Vault;
    let (_tmp, dir) = data();
    let case = anna_with_a_case(&dir);
    let (blob, wrapped) = {
        let store = wijkkaart::store::Store::open(&dir, false).expect("open");
        // A backup that holds the case, as the rolling backups would a minute later.
        wijkkaart::store::backup::write(&store, &dir.join("backups")).expect("backup");
        let blob = store
            .tree("cases")
            .expect("cases")
            .get(case.as_bytes())
            .expect("read")
            .expect("stored")
            .to_vec();
        let wrapped = Vault::open(&dir)
            .expect("vault")
            .wrapped_case_key(&case)
            .expect("case key");
        (blob, wrapped)
    };
    let backed_up = |needle: &[u8]| {
        files_under(&dir.join("backups"))
            .into_iter()
            .filter(|p| p.is_file())
            .any(|p| contains(&std::fs::read(&p).expect("read"), needle))
    };
    assert!(
        backed_up(&blob) && backed_up(&wrapped),
        "the backup holds the case"
    );
    with_passphrase(
        &dir,
        &["case", "erase", &case, "--yes", "--as", "anna"],
        "anna-geheim\n",
    );
    assert!(!backed_up(&blob), "the case's data is in a backup");
    assert!(!backed_up(&wrapped), "the case's key is in a backup");
    let (fine, findings) = doctor(&dir);
    assert!(fine, "backups stay whole: {findings:?}");
    assert!(
        findings
            .iter()
            .all(|f| f["check"] != "backups" || f["status"] == "ok"),
        "{findings:?}"
    );
}

/// One new entry in a file of its own, to import: a small change.
fn import_one(dir: &Path, id: &str, name: &str) {
    let file = dir.parent().expect("parent").join(format!("{id}.toml"));
    std::fs::write(
        &file,
        format!(
            "[map]\nformat = 1\n\n[[entry]]\nid = \"{id}\"\nkind = \"initiative\"\nname = \"{name}\"\n\
             domains = [\"finances\"]\nupdated = \"2026-11-28T20:00:00Z\"\nupdated_by = \"bram\"\n\
             clock = {{ bram = 1 }}\n"
        ),
    )
    .expect("write");
    ok(dir, &["import", file.to_str().expect("utf8")]);
}

/// The backups in the data dir that are deltas (a manifest naming a base).
fn deltas(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir.join("backups"))
        .expect("backups")
        .map(|e| e.expect("e").path())
        .filter(|p| {
            std::fs::read_to_string(p.join("manifest"))
                .is_ok_and(|m| m.starts_with("wijkkaart-backup 2\n") && m.contains("\nbase "))
        })
        .collect();
    found.sort();
    found
}

/// The test map and 2,000 invented entries: big enough for deltas.
fn big_data() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = data();
    let file = tmp.path().join("big.toml");
    std::fs::write(&file, synthmap::toml(2000, 3)).expect("write");
    ok(&dir, &["import", file.to_str().expect("utf8")]);
    (tmp, dir)
}

#[test]
fn a_small_map_is_always_backed_up_whole() {
    let (_tmp, dir) = data();
    import_one(&dir, "taalcafe-nieuw", "Taalcafé Nieuw");
    assert!(
        deltas(&dir).is_empty(),
        "no backup of a small map needs another"
    );
}

#[test]
fn a_small_change_is_backed_up_as_a_delta_that_restores_everything() {
    let (_tmp, dir) = big_data();
    assert!(
        deltas(&dir).is_empty(),
        "an import of the whole map is a full backup"
    );
    // An edit (no backup of its own within a minute of the last), then a small import.
    ok(
        &dir,
        &["edit", "budgetcafe-testwijk", "--set", "hours=ma-vr 9-17"],
    );
    import_one(&dir, "taalcafe-nieuw", "Taalcafé Nieuw");
    let delta = deltas(&dir).pop().expect("the import's backup is a delta");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(
            std::fs::File::open(delta.join("map.toml.gz")).expect("map"),
        ),
        &mut text,
    )
    .expect("gzip");
    assert_eq!(
        text.matches("[[entry]]").count(),
        2,
        "only the edited and the new entry: {text}"
    );
    let map = |text: String| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("exported_at"))
            .map(String::from)
            .collect()
    };
    let before = map(ok(&dir, &["export"]));
    assert!(before.iter().any(|l| l.contains("ma-vr 9-17")));
    spoil_big(&dir);
    let o = wk(&dir, &["export"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("put back"), "{}", err(&o));
    assert_eq!(
        map(out(&o)),
        before,
        "the base and the delta give everything back"
    );
    let (fine, findings) = doctor(&dir);
    assert!(fine, "{findings:?}");
}

#[test]
fn a_delta_whose_base_is_damaged_is_never_restored() {
    let (_tmp, dir) = big_data();
    import_one(&dir, "taalcafe-nieuw", "Taalcafé Nieuw");
    let delta = deltas(&dir).pop().expect("a delta");
    let manifest = std::fs::read_to_string(delta.join("manifest")).expect("manifest");
    let base = manifest
        .lines()
        .find_map(|l| l.strip_prefix("base "))
        .expect("names its base");
    std::fs::write(dir.join("backups").join(base).join("map.toml.gz"), b"kapot").expect("spoil");
    spoil_big(&dir);
    let o = wk(&dir, &["export"]);
    // An older full backup is the newest good one.
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        !out(&o).contains("Taalcafé Nieuw"),
        "the delta was not used"
    );
    let (_, findings) = doctor(&dir);
    let name = delta
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(
        !delta.exists() || findings.iter().any(|f| f.to_string().contains(&name)),
        "doctor names or removes the delta: {findings:?}"
    );
}

#[test]
fn an_erased_case_leaves_a_delta_backup_too() {
    let (_tmp, dir) = big_data();
    let case = anna_with_a_case(&dir);
    // A small import: the backup after it is a delta, with the case in its trees.
    import_one(&dir, "taalcafe-nieuw", "Taalcafé Nieuw");
    let delta = deltas(&dir).pop().expect("a delta");
    let blob = {
        let store = wijkkaart::store::Store::open(&dir, false).expect("open");
        store
            .tree("cases")
            .expect("cases")
            .get(case.as_bytes())
            .expect("read")
            .expect("stored")
            .to_vec()
    };
    let in_delta = || {
        files_under(&delta)
            .into_iter()
            .filter(|p| p.is_file())
            .any(|p| contains(&std::fs::read(&p).expect("read"), &blob))
    };
    assert!(in_delta(), "the delta holds the case");
    with_passphrase(
        &dir,
        &["case", "erase", &case, "--yes", "--as", "anna"],
        "anna-geheim\n",
    );
    assert!(
        delta.exists() && !in_delta(),
        "the case's data is in the delta"
    );
    let (fine, findings) = doctor(&dir);
    assert!(fine, "the delta stays whole: {findings:?}");
}

/// A file past the size that is read a slice at a time, its last entry broken.
fn big_file_broken_at_the_end(path: &Path) {
    let mut text = synthmap::toml(5000, 11);
    assert!(text.len() > 4 * 1024 * 1024, "read in slices");
    text.push_str("\n[[entry]]\nid = \"kapot-aan-het-eind\"\nkind = \"initiative\"\nname = \"\"\n");
    std::fs::write(path, text).expect("write");
}

#[test]
fn a_large_import_with_a_bad_entry_at_the_end_changes_nothing() {
    let (tmp, dir) = data();
    let before = ok(&dir, &["export"]);
    let generation_files = files_under(&dir.join("backups")).len();
    let file = tmp.path().join("big.toml");
    big_file_broken_at_the_end(&file);
    let o = wk(&dir, &["import", file.to_str().expect("utf8")]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(err(&o).contains("big.toml:"), "{}", err(&o));
    let strip = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with("exported_at"))
            .map(String::from)
            .collect()
    };
    assert_eq!(
        strip(&ok(&dir, &["export"])),
        strip(&before),
        "nothing imported"
    );
    assert_eq!(
        files_under(&dir.join("backups")).len(),
        generation_files,
        "no backup taken"
    );
}

#[test]
fn a_file_spoilt_between_check_and_merge_is_put_back_whole() {
    use wijkkaart::store::exchange;
    let (tmp, dir) = data();
    let file = tmp.path().join("big.toml");
    std::fs::write(&file, synthmap::toml(5000, 11)).expect("write");
    let checked = exchange::check_files(std::slice::from_ref(&file)).expect("a good file");
    // Changed after it was checked: the merge finds the problem half-way.
    big_file_broken_at_the_end(&file);
    let store = wijkkaart::store::Store::open(&dir, false).expect("open");
    let before = store.records().expect("records");
    let result = exchange::import_checked(&store, &checked, |_, _| {});
    assert!(
        matches!(result, Err(exchange::ImportError::Problems(_))),
        "the problem is reported"
    );
    assert_eq!(
        store.records().expect("records"),
        before,
        "everything put back"
    );
}
