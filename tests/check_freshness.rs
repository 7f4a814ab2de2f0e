//! `check` says how fresh a map is (issue 13): entries without any way to
//! reach them and entries not checked in the past year are named, one line
//! each, with a count; a fresh, reachable entry is not mentioned. It stays a
//! check: the exit code is 0 and nothing is written.

use std::process::{Command, Output};

fn check(lang: &str, path: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
        .args(["--lang", lang, "check"])
        .arg(path)
        .env_remove("WIJKKAART_DATA_DIR")
        .output()
        .expect("runs")
}

fn map_file(dir: &std::path::Path) -> std::path::PathBuf {
    let today = chrono::Local::now().date_naive();
    let recent = today - chrono::Duration::days(30);
    let old = today - chrono::Duration::days(400);
    let text = format!(
        r#"[map]
format = 2

[[entry]]
id = "fresh-place"
kind = "service"
name = "Fresh Place"
domains = ["finances"]
phone = "070 000 0000"
verified = "{recent}"

[[entry]]
id = "nowhere-place"
kind = "initiative"
name = "Nowhere Place"
domains = ["daytime"]
verified = "{recent}"

[[entry]]
id = "old-place"
kind = "service"
name = "Old Place"
domains = ["housing"]
website = "https://example.org/old-place"
verified = "{old}"

[[entry]]
id = "gone-place"
clock = {{ builtin = 1 }}
deleted = true
"#
    );
    let path = dir.join("district.toml");
    std::fs::write(&path, text).expect("written");
    path
}

#[test]
fn check_names_unreachable_and_stale_entries_and_counts_them() {
    let dir = tempfile::tempdir().expect("dir");
    let path = map_file(dir.path());
    let before = std::fs::read(&path).expect("read");
    let o = check("nl", &path);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{o:?}");
    assert!(out.contains("1 bestand(en) in orde"), "{out}");
    assert!(
        out.contains(
            "Nowhere Place (nowhere-place): geen telefoon, adres, e-mail, website of openingstijden"
        ),
        "{out}"
    );
    assert!(
        out.contains("Old Place (old-place): laatst gecontroleerd op"),
        "{out}"
    );
    assert!(
        !out.contains("fresh-place"),
        "a fresh entry is not named: {out}"
    );
    assert!(
        !out.contains("gone-place"),
        "a tombstone is not named: {out}"
    );
    assert!(
        out.contains(
            "1 zonder manier om ze te bereiken, 1 niet gecontroleerd in het afgelopen jaar"
        ),
        "{out}"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        before,
        "check writes nothing"
    );
}

#[test]
fn check_speaks_english_too() {
    let dir = tempfile::tempdir().expect("dir");
    let path = map_file(dir.path());
    let out = String::from_utf8_lossy(&check("en", &path).stdout).to_string();
    assert!(
        out.contains(
            "Nowhere Place (nowhere-place): no phone, address, e-mail, website or opening hours"
        ),
        "{out}"
    );
    assert!(
        out.contains("1 without a way to reach them, 1 not checked in the past year"),
        "{out}"
    );
}
