//! Sharing with the real binary: three data dirs stand in for three
//! colleagues' laptops around one shared folder; a killed import or sync
//! loses nothing that was saved before.

#[path = "support/binary.rs"]
mod binary;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

const FIXTURE: &str = include_str!("fixtures/small.toml");

/// The binary on a data dir without the built-in map.
fn wk(dir: &Path, args: &[&str]) -> Output {
    binary::run(dir, &[&["--no-default-map"], args].concat(), "")
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(o: Output) -> Value {
    serde_json::from_str(&ok(o)).expect("JSON")
}

/// The names of a worker's own files in the shared folder: `<worker>.<6 chars>.toml`.
fn own_files(shared: &Path, worker: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(shared)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            n.strip_prefix(&format!("{worker}."))
                .and_then(|rest| rest.strip_suffix(".toml"))
                .is_some_and(|suffix| suffix.len() == 6)
        })
        .collect();
    names.sort();
    names
}

struct Team {
    _tmp: tempfile::TempDir,
    shared: PathBuf,
    laptops: Vec<PathBuf>,
}

impl Team {
    fn new() -> Team {
        let tmp = tempfile::tempdir().expect("tmp");
        let shared = tmp.path().join("gedeeld");
        std::fs::create_dir(&shared).expect("mkdir");
        let mut laptops = Vec::new();
        for who in ["anna", "bram", "cem"] {
            let dir = tmp.path().join(who);
            ok(wk(&dir, &["init", "--id", who, "--name", who]));
            laptops.push(dir);
        }
        Team {
            _tmp: tmp,
            shared,
            laptops,
        }
    }

    fn sync(&self, who: usize) -> Value {
        json(wk(
            &self.laptops[who],
            &["sync", self.shared.to_str().expect("utf8"), "--json"],
        ))
    }

    fn run(&self, who: usize, args: &[&str]) -> String {
        ok(wk(&self.laptops[who], args))
    }

    /// What a laptop shows: every entry and every conflict.
    fn view(&self, who: usize) -> (Value, Value) {
        (
            json(wk(&self.laptops[who], &["search", "--json"])),
            json(wk(&self.laptops[who], &["conflicts", "--json"])),
        )
    }
}

#[test]
fn three_laptops_converge_through_a_shared_folder() {
    let team = Team::new();
    let fixture = team._tmp.path().join("map.toml");
    std::fs::write(&fixture, FIXTURE).expect("write");
    team.run(0, &["import", fixture.to_str().expect("utf8")]);
    for who in [0, 1, 2] {
        team.sync(who);
    }
    // Everyone has the shared entries; the private one stayed on anna's laptop.
    assert_eq!(team.view(1).0.as_array().map(Vec::len), Some(5));
    // Concurrent work on three laptops.
    team.run(0, &["edit", "taalcafe-testwijk", "--set", "hours=di 19-21"]);
    team.run(1, &["edit", "taalcafe-testwijk", "--set", "hours=wo 10-12"]);
    team.run(2, &["delete", "wijkagent-testwijk"]);
    let new_id = team.run(
        1,
        &[
            "add",
            "--kind",
            "initiative",
            "--name",
            "Kledingbank Test",
            "--domain",
            "finances",
        ],
    );
    let new_id = new_id.trim().to_string();
    assert!(
        new_id.starts_with("kledingbank-test-") && new_id.len() == 23,
        "{new_id}"
    );
    team.run(2, &["verify", "budgetcafe-testwijk"]);
    // Syncs in an odd order, two rounds.
    for who in [2, 0, 1, 1, 2, 0] {
        team.sync(who);
    }
    let views: Vec<_> = (0..3).map(|who| team.view(who)).collect();
    // Anna's private entry is hers alone; the rest must agree.
    let shared_only = |v: &Value| -> Vec<Value> {
        v.as_array()
            .expect("array")
            .iter()
            .filter(|e| e["id"] != "buurtmoeder-testwijk")
            .cloned()
            .collect()
    };
    assert_eq!(shared_only(&views[0].0), shared_only(&views[1].0));
    assert_eq!(views[1], views[2]);
    assert_eq!(views[0].1, views[1].1);
    // The two hour edits are both visible, as one conflict.
    let conflicts = views[0].1.as_array().expect("array");
    assert_eq!(conflicts.len(), 1);
    // Field by field: only the hours are in conflict, with both values.
    let fields = conflicts[0]["fields"].as_object().expect("fields");
    assert_eq!(fields.keys().collect::<Vec<_>>(), ["hours"]);
    let hours: Vec<&str> = fields["hours"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v["value"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(hours, ["di 19-21", "wo 10-12"], "ordered by replica id");
    let workers: Vec<&str> = fields["hours"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v["worker"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(workers, ["anna", "bram"]);
    let ids: Vec<&str> = views[2]
        .0
        .as_array()
        .expect("array")
        .iter()
        .map(|e| e["id"].as_str().unwrap_or(""))
        .collect();
    assert!(ids.contains(&new_id.as_str()) && !ids.contains(&"wijkagent-testwijk"));
    // Cem resolves; the resolution travels like any edit.
    team.run(
        2,
        &[
            "resolve",
            "taalcafe-testwijk",
            "--field",
            "hours",
            "--keep",
            "2",
        ],
    );
    for who in [2, 0, 1] {
        team.sync(who);
    }
    for who in 0..3 {
        assert_eq!(
            team.view(who).1,
            Value::Array(vec![]),
            "laptop {who} still has a conflict"
        );
        let shown = json(wk(
            &team.laptops[who],
            &["show", "taalcafe-testwijk", "--json"],
        ));
        assert_eq!(shown["hours"], hours[1]);
    }
}

#[test]
fn a_shared_folder_with_junk_is_reported_and_the_rest_goes_ahead() {
    let team = Team::new();
    std::fs::write(
        team.shared.join("kapot.toml"),
        "[map]\nformat = 1\n[[entry]]\nid = 3\n",
    )
    .expect("write");
    std::fs::write(team.shared.join("nieuw.toml"), "[map]\nformat = 7\n").expect("write");
    std::fs::write(team.shared.join("notulen.docx"), "x").expect("write");
    std::fs::write(team.shared.join("goed.toml"), FIXTURE).expect("write");
    let out = wk(
        &team.laptops[0],
        &["sync", team.shared.to_str().expect("utf8")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("kapot.toml:4:6:") && err.contains("nieuw.toml:2:10: formaat 7"),
        "{err}"
    );
    assert!(err.contains("2 bestand(en) overgeslagen"), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("6 nieuw") && text.contains("1 ander(e) bestand(en)"),
        "{text}"
    );
    assert_eq!(own_files(&team.shared, "anna").len(), 1);
    // No temp file is left behind for colleagues to trip over.
    let names: Vec<String> = std::fs::read_dir(&team.shared)
        .expect("read")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn edits_need_an_identity() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = wk(
        tmp.path(),
        &[
            "add", "--kind", "service", "--name", "X", "--domain", "housing",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("wijkkaart init --id"));
    let out = wk(
        tmp.path(),
        &["init", "--id", "Anna Bakker", "--name", "Anna"],
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn command_line_edits_validate_like_the_file_format() {
    let team = Team::new();
    let id = team.run(
        0,
        &[
            "add",
            "--kind",
            "key-figure",
            "--name",
            "Buurtvader Test",
            "--domain",
            "social-network",
            "--set",
            "areas=Laak, Moerwijk",
        ],
    );
    let id = id.trim();
    let shown = json(wk(&team.laptops[0], &["show", id, "--json"]));
    assert_eq!(
        shown["private"], true,
        "a new key figure stays on the laptop"
    );
    assert_eq!(shown["areas"], serde_json::json!(["Laak", "Moerwijk"]));
    let clock = shown["clock"].as_object().expect("clock");
    let (replica, count) = clock.iter().next().expect("one replica");
    assert!(
        replica.starts_with("anna.") && replica.len() == 11,
        "{replica}"
    );
    assert_eq!(count, 1);
    let replica = replica.clone();
    for (set, expect) in [
        ("domains=money", "onbekend leefgebied 'money'"),
        ("verified=gisteren", "'gisteren' is geen datum"),
        ("name=", "de naam is leeg"),
    ] {
        let out = wk(&team.laptops[0], &["edit", id, "--set", set]);
        assert_eq!(out.status.code(), Some(1), "{set}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(expect),
            "{set}"
        );
    }
    for set in ["domian=x", "clock=5", "nonsense"] {
        assert_eq!(
            wk(&team.laptops[0], &["edit", id, "--set", set])
                .status
                .code(),
            Some(2),
            "{set}"
        );
    }
    // Nothing above changed the entry.
    assert_eq!(json(wk(&team.laptops[0], &["show", id, "--json"])), shown);
    team.run(
        0,
        &[
            "edit",
            id,
            "--set",
            "private=false",
            "--set",
            "phone=070 000 0000",
        ],
    );
    let shown = json(wk(&team.laptops[0], &["show", id, "--json"]));
    assert_eq!(
        (shown["private"].clone(), shown["clock"][&replica].clone()),
        (Value::Bool(false), Value::from(2)),
        "a private entry may be shared"
    );
    // A shared entry cannot be taken back: private=true on it changes nothing.
    team.run(0, &["edit", id, "--set", "private=true"]);
    let shown = json(wk(&team.laptops[0], &["show", id, "--json"]));
    assert_eq!(shown["private"], false);
    team.run(0, &["delete", id]);
    assert_eq!(wk(&team.laptops[0], &["show", id]).status.code(), Some(1));
}

/// A map file big enough that importing it takes a while.
fn big_map(n: usize) -> String {
    let mut text = String::from("[map]\nformat = 1\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n[[entry]]\nid = \"groot-{i}\"\nkind = \"service\"\nname = \"Voorziening {i}\"\ndomains = [\"housing\"]\ndescription = \"Een voorziening voor de buurt, nummer {i}, met een wat langere omschrijving.\"\n"
        ));
    }
    text
}

#[test]
fn killing_an_import_or_sync_loses_nothing_saved_before() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = tmp.path().join("data");
    let fixture = tmp.path().join("map.toml");
    std::fs::write(&fixture, FIXTURE).expect("write");
    ok(wk(&data, &["init", "--id", "anna", "--name", "Anna"]));
    ok(wk(&data, &["import", fixture.to_str().expect("utf8")]));
    let big = tmp.path().join("groot.toml");
    std::fs::write(&big, big_map(40_000)).expect("write");
    let shared = tmp.path().join("gedeeld");
    std::fs::create_dir(&shared).expect("mkdir");
    std::fs::copy(&big, shared.join("bram.toml")).expect("copy");
    for (args, delay) in [
        (vec!["import", big.to_str().expect("utf8")], 300),
        (vec!["import", big.to_str().expect("utf8")], 900),
        (vec!["sync", shared.to_str().expect("utf8")], 600),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
            .arg("--data-dir")
            .arg(&data)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(Duration::from_millis(delay));
        child.kill().expect("SIGKILL"); // SIGKILL on Unix: no cleanup runs
        child.wait().expect("reaped");
        // The data dir opens and still holds everything saved before.
        let found = json(wk(&data, &["search", "schuld", "--json"]));
        assert!(
            !found.as_array().expect("array").is_empty(),
            "saved entries lost after {args:?}"
        );
        assert!(wk(&data, &["show", "budgetcafe-testwijk"]).status.success());
    }
    // Finishing the import afterwards brings the rest in, once.
    let done = json(wk(
        &data,
        &["import", big.to_str().expect("utf8"), "--json"],
    ));
    let total: u64 = ["added", "unchanged"]
        .iter()
        .map(|k| done[k].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total, 40_000);
    assert_eq!(
        json(wk(&data, &["search", "--json", "--domain", "housing"]))
            .as_array()
            .map(Vec::len),
        Some(40_000)
    );
}

/// A colleague with write access to the shared folder plants links where
/// this laptop's sync writes: at its own file's name (seen in the folder
/// after its first sync) and at every temp name an older version used
/// (`.<file>.<pid>.tmp`). The file outside the folder they point at must
/// never be written; the link at the own file's name is replaced by the
/// real file.
#[cfg(unix)]
#[test]
fn planted_links_in_the_shared_folder_never_lead_a_write_outside_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let shared = tmp.path().join("shared");
    std::fs::create_dir(&shared).expect("shared");
    let victim = tmp.path().join("vault.bin");
    std::fs::write(&victim, "the victim's own file").expect("victim");
    let laptop = tmp.path().join("anna");
    ok(wk(&laptop, &["init", "--id", "anna", "--name", "Anna"]));
    let fixture = tmp.path().join("map.toml");
    std::fs::write(&fixture, FIXTURE).expect("fixture");
    ok(wk(&laptop, &["import", &fixture.to_string_lossy()]));
    ok(wk(&laptop, &["sync", &shared.to_string_lossy()]));
    let name = own_files(&shared, "anna").pop().expect("own file");
    let own = shared.join(&name);
    std::fs::remove_file(&own).expect("away");
    std::os::unix::fs::symlink(&victim, &own).expect("link at the own file");
    for pid in 1..4000 {
        let _ = std::os::unix::fs::symlink(&victim, shared.join(format!(".{name}.{pid}.tmp")));
    }
    ok(wk(
        &laptop,
        &["edit", "budgetcafe-testwijk", "--set", "phone=070 1"],
    ));
    ok(wk(&laptop, &["sync", &shared.to_string_lossy()]));
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "the victim's own file",
        "nothing outside the shared folder is written"
    );
    let meta = std::fs::symlink_metadata(&own).expect("own file");
    assert!(
        meta.file_type().is_file(),
        "the link was replaced, not followed"
    );
    assert!(
        std::fs::read_to_string(&own)
            .expect("own")
            .contains("[[entry]]")
    );
}

/// Two colleagues who each add "Taalcafé" in Laak keep two entries; the
/// sync that brings the other one in says there is a possible duplicate
/// and where to look. A sync that brings in nothing says nothing of it.
#[test]
fn a_sync_that_brings_in_a_look_alike_points_to_duplicates() {
    let team = Team::new();
    for who in [0, 1] {
        team.run(
            who,
            &[
                "add",
                "--kind",
                "initiative",
                "--name",
                "Taalcafé",
                "--domain",
                "daytime",
                "--set",
                "areas=Laak",
            ],
        );
    }
    let shared = team.shared.to_str().expect("utf8");
    let sync = |who: usize, lang: &str| team.run(who, &["--lang", lang, "sync", shared]);
    let first = sync(0, "en");
    assert!(!first.contains("duplicate"), "{first}");
    let second = sync(1, "en");
    assert!(
        second.contains("1 possible duplicate(s) in the map: see them with wijkkaart duplicates"),
        "{second}"
    );
    let back = sync(0, "nl");
    assert!(
        back.contains("1 mogelijke dubbele vermelding(en)"),
        "{back}"
    );
    assert!(back.contains("wijkkaart duplicates"), "{back}");
    // Nothing new: no word of duplicates, though the pair is still there.
    let again = sync(1, "en");
    assert!(!again.contains("duplicate"), "{again}");
    let pairs = json(wk(&team.laptops[1], &["duplicates", "--json"]));
    assert_eq!(pairs.as_array().map(Vec::len), Some(1));
}

/// The folder is remembered as the folder, not as the path typed: a laptop
/// that syncs once through `gedeeld` and once through `gedeeld/` (or a link
/// to it) still sees that a colleague's file went, and republishes what only
/// that file held.
#[test]
fn a_folder_reached_by_another_path_is_the_same_folder() {
    let team = Team::new();
    let new_id = team.run(
        1,
        &[
            "add",
            "--kind",
            "initiative",
            "--name",
            "Buurtkamer Test",
            "--domain",
            "social",
        ],
    );
    let new_id = new_id.trim().to_string();
    team.sync(1);
    team.sync(0);
    // Bram leaves the team and takes his file with him.
    for name in own_files(&team.shared, "bram") {
        std::fs::remove_file(team.shared.join(name)).expect("remove");
    }
    let link = team._tmp.path().join("link-to-gedeeld");
    std::os::unix::fs::symlink(&team.shared, &link).expect("link");
    for path in [
        format!("{}/", team.shared.display()),
        format!("{}/.", team.shared.display()),
        link.display().to_string(),
    ] {
        json(wk(&team.laptops[0], &["sync", &path, "--json"]));
    }
    team.sync(2);
    let cem = json(wk(&team.laptops[2], &["show", &new_id, "--json"]));
    assert_eq!(cem["name"], "Buurtkamer Test", "{cem}");
}
