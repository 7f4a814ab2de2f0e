//! The real binary on temporary data dirs, as a colleague's script would run it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = include_str!("fixtures/small.toml");

/// `wijkkaart --data-dir DIR ARGS...` with a clean environment.
fn wk(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("WIJKKAART_DATA_DIR")
        .env_remove("WIJKKAART_NO_DEFAULT_MAP")
        .env_remove("WIJKKAART_LANG")
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    assert!(o.status.success(), "failed: {}", stderr(o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write test file");
    path
}

/// A fresh data dir holding only the invented test map.
fn fixture_data() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("d");
    let file = write(tmp.path(), "map.toml", FIXTURE);
    let out = wk(
        &data,
        &["--no-default-map", "import", file.to_str().expect("utf8")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, data)
}

/// Ids of a search, in order.
fn ids(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "--json"];
    all.extend(args);
    json(&wk(dir, &all))
        .as_array()
        .expect("array")
        .iter()
        .map(|h| h["id"].as_str().expect("id").to_string())
        .collect()
}

#[test]
fn a_new_data_dir_gets_the_built_in_map_unless_told_not_to() {
    let tmp = tempfile::tempdir().expect("tmp");
    let with = tmp.path().join("with");
    let without = tmp.path().join("without");
    assert!(ids(&with, &[]).len() >= 80);
    assert!(ids(&without, &["--no-default-map"]).is_empty());
    // The built-in map is found by what workers type.
    assert_eq!(
        ids(&with, &["leergeld"]).first().map(String::as_str),
        Some("leergeld-den-haag")
    );
    // Once initialised, the flag no longer matters: the dir is not new.
    assert!(ids(&without, &[]).is_empty());
}

#[test]
fn the_environment_can_stand_in_for_flags() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
        .args(["search", "--json"])
        .env("WIJKKAART_DATA_DIR", tmp.path())
        .env("WIJKKAART_NO_DEFAULT_MAP", "1")
        .output()
        .expect("runs");
    assert_eq!(json(&out), Value::Array(vec![]));
}

#[test]
fn import_is_idempotent_and_reports_what_it_did() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let file = write(tmp.path(), "map.toml", FIXTURE);
    let first = json(&wk(
        &data,
        &[
            "--no-default-map",
            "import",
            file.to_str().expect("utf8"),
            "--json",
        ],
    ));
    assert_eq!(
        first,
        serde_json::json!({"added": 6, "updated": 0, "unchanged": 0, "deleted": 0, "conflicts": 0})
    );
    let again = json(&wk(
        &data,
        &["import", file.to_str().expect("utf8"), "--json"],
    ));
    assert_eq!(again["unchanged"], 6);
    assert_eq!(again["added"], 0);
    // Text summary in Dutch by default, English on request.
    let text = wk(&data, &["import", file.to_str().expect("utf8")]);
    assert!(stdout(&text).contains("6 ongewijzigd"), "{}", stdout(&text));
    let en = wk(
        &data,
        &["--lang", "en", "import", file.to_str().expect("utf8")],
    );
    assert!(stdout(&en).contains("6 unchanged"));
}

#[test]
fn export_then_import_round_trips_and_keeps_private_entries_home() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    let file = write(tmp.path(), "map.toml", FIXTURE);
    assert!(
        wk(
            &a,
            &["--no-default-map", "import", file.to_str().expect("utf8")]
        )
        .status
        .success()
    );
    let out = tmp.path().join("export.toml");
    let export = wk(&a, &["export", "-o", out.to_str().expect("utf8")]);
    assert!(export.status.success(), "{}", stderr(&export));
    let text = std::fs::read_to_string(&out).expect("export written");
    assert!(
        !text.contains("buurtmoeder-testwijk"),
        "private entry leaked"
    );
    // Importing the export where it came from changes nothing.
    let back = json(&wk(&a, &["import", out.to_str().expect("utf8"), "--json"]));
    assert_eq!(back["unchanged"], 5);
    assert_eq!(
        back["added"].as_u64().unwrap_or(9) + back["updated"].as_u64().unwrap_or(9),
        0
    );
    // A colleague gets the same entries, and exports them identically.
    assert_eq!(
        json(&wk(
            &b,
            &[
                "--no-default-map",
                "import",
                out.to_str().expect("utf8"),
                "--json"
            ]
        ))["added"],
        5
    );
    let again = stdout(&wk(&b, &["export"]));
    let strip = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("exported_at"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&again), strip(&text));
    // Stdout export with filters.
    let laak = stdout(&wk(
        &a,
        &["export", "--area", "laak", "--domain", "finances"],
    ));
    assert!(laak.contains("budgetcafe-testwijk") && laak.contains("schuldhulp-voorbeeldstad"));
    assert!(!laak.contains("taalcafe-testwijk"));
}

#[test]
fn a_bad_file_is_reported_with_places_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let good = write(tmp.path(), "good.toml", FIXTURE);
    let bad = write(
        tmp.path(),
        "bad.toml",
        "[map]\nformat = 1\n\n[[entry]]\nid = \"nieuw\"\nkind = \"service\"\nname = \"Nieuw\"\ndomian = [\"finances\"]\n\n\
         [[entry]]\nid = \"ander\"\nkind = \"service\"\nname = \"Ander\"\ndomains = [\"money\"]\nverified = \"gisteren\"\n",
    );
    assert!(
        wk(
            &data,
            &["--no-default-map", "import", good.to_str().expect("utf8")]
        )
        .status
        .success()
    );
    let before = ids(&data, &[]);
    let out = wk(
        &data,
        &[
            "import",
            good.to_str().expect("utf8"),
            bad.to_str().expect("utf8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let path = bad.display().to_string();
    assert!(
        err.contains(&format!("{path}:8:1: onbekende sleutel 'domian'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:14:12: onbekend leefgebied 'money'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{path}:15:12: 'gisteren' is geen datum")),
        "{err}"
    );
    assert!(err.contains("er is niets geïmporteerd"), "{err}");
    assert!(!err.contains("panicked"));
    assert_eq!(ids(&data, &[]), before);
    // check says the same and changes nothing either.
    let check = wk(
        &data,
        &["--lang", "en", "check", bad.to_str().expect("utf8")],
    );
    assert_eq!(check.status.code(), Some(1));
    assert!(stderr(&check).contains(&format!("{path}:8:1: unknown key 'domian'")));
    let ok = wk(&data, &["check", good.to_str().expect("utf8")]);
    assert!(ok.status.success() && stdout(&ok).contains("1 bestand(en) in orde"));
}

#[test]
fn a_newer_format_is_refused_clearly() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = write(tmp.path(), "new.toml", "[map]\nformat = 3\n");
    let out = wk(
        &tmp.path().join("d"),
        &["check", file.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(":2:10: formaat 3 is nieuwer dan deze wijkkaart kan lezen"));
}

#[test]
fn folders_import_their_toml_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let folder = tmp.path().join("shared");
    std::fs::create_dir(&folder).expect("mkdir");
    write(&folder, "a.toml", FIXTURE);
    write(&folder, "notes.txt", "not a map");
    let out = json(&wk(
        &tmp.path().join("d"),
        &[
            "--no-default-map",
            "import",
            folder.to_str().expect("utf8"),
            "--json",
        ],
    ));
    assert_eq!(out["added"], 6);
}

#[test]
fn a_second_instance_on_the_same_data_dir_is_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let _held = wijkkaart::store::Store::open(tmp.path(), false).expect("first instance");
    let out = wk(tmp.path(), &["export"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("wijkkaart is al open op"), "{err}");
    assert_eq!(err.lines().count(), 1);
    // A search only reads the kept index: it answers while the map is open.
    let out = wk(tmp.path(), &["search", "x"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn search_understands_domains_areas_kinds_and_typos() {
    let (_tmp, data) = fixture_data();
    // A name hit ranks above a tag hit; the private entry is searchable here.
    assert_eq!(
        ids(&data, &["schuld"]),
        ["schuldhulp-voorbeeldstad", "budgetcafe-testwijk"]
    );
    assert_eq!(ids(&data, &["jongerenwrk"]), ["jongerenwerk-testwijk"]);
    assert_eq!(ids(&data, &["#opvoed"]), ["buurtmoeder-testwijk"]);
    assert_eq!(
        ids(&data, &["@moerw", "#fin"]),
        ["schuldhulp-voorbeeldstad"]
    );
    assert_eq!(
        ids(&data, &["--kind", "key-figure", "--area", "Laak"]),
        ["wijkagent-testwijk"]
    );
    assert_eq!(
        ids(&data, &["--domain", "participation", "--domain", "justice"]).len(),
        2
    );
    assert_eq!(ids(&data, &["--limit", "1"]).len(), 1);
    let hit = &json(&wk(&data, &["search", "budget", "--json"]))[0];
    for key in [
        "id",
        "kind",
        "name",
        "organisation",
        "domains",
        "areas",
        "score",
    ] {
        assert!(hit.get(key).is_some(), "{key} missing");
    }
    let table = stdout(&wk(&data, &["search", "taal"]));
    assert!(
        table
            .lines()
            .nth(1)
            .is_some_and(|l| l.starts_with("taalcafe-testwijk")),
        "{table}"
    );
}

#[test]
fn bad_usage_exits_2_and_unknown_ids_exit_1() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("d");
    let out = wk(&data, &["--no-default-map", "search", "--domain", "money"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("onbekend leefgebied 'money'"));
    let out = wk(&data, &["show", "nope"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).trim(), "onbekende id 'nope'");
    assert_eq!(wk(&data, &["frobnicate"]).status.code(), Some(2));
}

#[test]
fn show_gives_everything_needed_to_refer() {
    let (_tmp, data) = fixture_data();
    let text = stdout(&wk(&data, &["show", "budgetcafe-testwijk"]));
    for part in [
        "Budgetcafé Testwijk",
        "Financiën",
        "Talen:",
        "nl, ar, tr",
        "gratis",
        "zelf binnenlopen",
        "2025-09-29",
    ] {
        assert!(text.contains(part), "{part} missing in\n{text}");
    }
    let en = stdout(&wk(
        &data,
        &["--lang", "en", "show", "schuldhulp-voorbeeldstad"],
    ));
    assert!(
        en.contains("Verified:") && en.contains("not verified"),
        "{en}"
    );
    let j = json(&wk(&data, &["show", "budgetcafe-testwijk", "--json"]));
    assert_eq!(j["clock"]["anna"], 2);
    assert_eq!(j["verified"], "2025-09-29");
}
