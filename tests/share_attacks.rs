//! Attacks through the shared folder and through files, on the real binary
//! (issue 9, "Done when"): each is refused or neutralised with a clear line,
//! nothing outside the shared folder is touched, nothing local is lost.

#[path = "support/binary.rs"]
mod binary;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const FIXTURE: &str = include_str!("fixtures/small.toml");

/// The binary on a data dir without the built-in map.
fn wk(dir: &Path, args: &[&str]) -> Output {
    binary::run(dir, &[&["--no-default-map"], args].concat(), "")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A laptop with anna's identity and the small test map, and an empty shared folder.
fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let laptop = tmp.path().join("anna");
    let shared = tmp.path().join("gedeeld");
    std::fs::create_dir(&shared).expect("mkdir");
    assert!(
        wk(&laptop, &["init", "--id", "anna", "--name", "Anna"])
            .status
            .success()
    );
    let fixture = tmp.path().join("map.toml");
    std::fs::write(&fixture, FIXTURE).expect("write");
    assert!(
        wk(&laptop, &["import", &fixture.to_string_lossy()])
            .status
            .success()
    );
    (tmp, laptop, shared)
}

fn sync(laptop: &Path, shared: &Path) -> Output {
    wk(laptop, &["sync", &shared.to_string_lossy()])
}

fn colleague(shared: &Path, name: &str, entries: &str) {
    std::fs::write(shared.join(name), format!("[map]\nformat = 2\n{entries}")).expect("write");
}

#[test]
fn a_clock_past_2_to_the_53_is_refused_at_its_place_and_poisons_nothing() {
    let (_tmp, laptop, shared) = setup();
    colleague(
        &shared,
        "bram.b2b2b2.toml",
        "\n[[entry]]\nid = \"budgetcafe-testwijk\"\nkind = \"service\"\nname = \"Budgetcafé\"\ndomains = [\"finances\"]\nclock = { \"bram.b2b2b2\" = 9007199254740993 }\n",
    );
    let o = sync(&laptop, &shared);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("bram.b2b2b2.toml:9:27: een teller in clock"),
        "{}",
        err(&o)
    );
    // The rest went ahead, and our own file is valid for everyone.
    let own: Vec<PathBuf> = std::fs::read_dir(&shared)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("anna."))
        })
        .collect();
    assert_eq!(own.len(), 1);
    let check = wk(&laptop, &["check", &own[0].to_string_lossy()]);
    assert!(check.status.success(), "{}", err(&check));
    let shown = wk(&laptop, &["show", "budgetcafe-testwijk"]);
    assert!(
        out(&shown).contains("Budgetcafé Testwijk"),
        "nothing local changed"
    );
}

#[test]
fn a_forged_tombstone_never_deletes_a_private_entry() {
    let (_tmp, laptop, shared) = setup();
    // The private key figure of the fixture; its id is guessable.
    colleague(
        &shared,
        "mallory.m0m0m0.toml",
        "\n[[entry]]\nid = \"buurtmoeder-testwijk\"\ndeleted = true\nclock = { \"mallory.m0m0m0\" = 99 }\n",
    );
    let o = sync(&laptop, &shared);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("1 overgeslagen: hetzelfde id als een privévermelding"),
        "{}",
        out(&o)
    );
    assert!(
        wk(&laptop, &["show", "buurtmoeder-testwijk"])
            .status
            .success()
    );
    // An import says the same, and keeps it too.
    let forged = shared.join("mallory.m0m0m0.toml");
    let o = wk(&laptop, &["import", &forged.to_string_lossy()]);
    assert!(out(&o).contains("privévermelding"), "{}", out(&o));
    assert!(
        wk(&laptop, &["show", "buurtmoeder-testwijk"])
            .status
            .success()
    );
}

#[test]
fn over_long_fields_and_terminal_codes_in_a_file_are_errors_with_their_place() {
    let tmp = tempfile::tempdir().expect("tmp");
    let long = "x".repeat(201);
    let file = tmp.path().join("lang.toml");
    std::fs::write(
        &file,
        format!(
            "[map]\nformat = 2\n\n[[entry]]\nid = \"a\"\nkind = \"service\"\nname = \"{long}\"\ndomains = [\"housing\"]\n\n[[entry]]\nid = \"b\"\nkind = \"service\"\nname = \"\\u001b[2J\\u001b]0;PWNED\\u0007\"\ndomains = [\"housing\"]\nhours = \"ma \\u202e 9-17\"\ntags = [{}]\n",
            (0..51).map(|i| format!("\"t{i}\"")).collect::<Vec<_>>().join(", ")
        ),
    )
    .expect("write");
    let o = wk(&tmp.path().join("d"), &["import", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("lang.toml:7:8: te lang: 201 tekens, hoogstens 200"),
        "{e}"
    );
    assert!(e.contains("lang.toml:13:8: stuurteken U+001B"), "{e}");
    assert!(
        e.contains("lang.toml:15:9: tekens die de schrijfrichting omkeren"),
        "{e}"
    );
    assert!(e.contains("te veel items: 51, hoogstens 50"), "{e}");
    assert!(!e.contains('\u{1b}'), "no escape code reaches the terminal");
    // A 10 MB name is refused as quickly.
    let huge = tmp.path().join("huge.toml");
    std::fs::write(
        &huge,
        format!("[map]\nformat = 2\n\n[[entry]]\nid = \"a\"\nkind = \"service\"\nname = \"{}\"\ndomains = [\"housing\"]\n", "x".repeat(10_000_000)),
    )
    .expect("write");
    let start = Instant::now();
    let o = wk(&tmp.path().join("d"), &["import", &huge.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("te lang: 10000000 tekens"), "{}", err(&o));
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn edits_keep_to_the_same_limits() {
    let (_tmp, laptop, _) = setup();
    let long = format!("hours={}", "x".repeat(501));
    for (set, expect) in [
        (long.as_str(), "te lang: 501 tekens"),
        ("name=Foo\u{1b}[2J", "stuurteken U+001B"),
        ("phone=070\u{202e}", "schrijfrichting"),
    ] {
        let o = wk(&laptop, &["edit", "budgetcafe-testwijk", "--set", set]);
        assert_eq!(o.status.code(), Some(1), "{set}");
        assert!(err(&o).contains(expect), "{set}: {}", err(&o));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_a_folder_named_toml_and_a_link_are_never_read() {
    let (tmp, laptop, shared) = setup();
    std::fs::create_dir(shared.join("x.toml")).expect("folder named x.toml");
    let fifo = shared.join("pijp.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success()
    );
    let secret = tmp.path().join("geheim.toml");
    std::fs::write(&secret, FIXTURE).expect("secret");
    std::os::unix::fs::symlink(&secret, shared.join("link.toml")).expect("link");
    let start = Instant::now();
    let o = sync(&laptop, &shared);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "the FIFO never blocks a sync"
    );
    assert!(out(&o).contains("0 nieuw"), "{}", out(&o));
    assert!(
        fifo.exists() && shared.join("x.toml").is_dir(),
        "other files are left alone"
    );
}

#[test]
fn a_missing_folder_is_named_as_such() {
    let (tmp, laptop, _) = setup();
    let o = sync(&laptop, &tmp.path().join("bestaat-niet"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("de gedeelde map") && err(&o).contains("bestaat niet"),
        "{}",
        err(&o)
    );
    assert!(!err(&o).contains("gegevensmap"), "{}", err(&o));
}

#[test]
fn a_byte_that_is_not_utf8_is_reported_where_it_is() {
    let tmp = tempfile::tempdir().expect("tmp");
    let file = tmp.path().join("latin1.toml");
    let mut bytes = b"[map]\nformat = 2\nname = \"caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(b"\"\n");
    std::fs::write(&file, bytes).expect("write");
    let o = wk(&tmp.path().join("d"), &["check", &file.to_string_lossy()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err(&o).contains("latin1.toml:3:12: het bestand is geen UTF-8-tekst"),
        "{}",
        err(&o)
    );
}

/// A cloned disk: a file holds dots of this laptop's replica id that it
/// never issued. It takes a new replica id and says so.
#[test]
fn a_dot_of_our_id_we_never_issued_makes_a_new_replica_id() {
    let (_tmp, laptop, shared) = setup();
    assert!(sync(&laptop, &shared).status.success());
    let own_name = |shared: &Path| -> String {
        std::fs::read_dir(shared)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("anna.") && n.ends_with(".toml"))
            .expect("own file")
    };
    let first = own_name(&shared);
    let replica = first.trim_end_matches(".toml").to_string();
    colleague(
        &shared,
        "kloon.toml",
        &format!(
            "\n[[entry]]\nid = \"budgetcafe-testwijk\"\nkind = \"service\"\nname = \"Budgetcafé (kloon)\"\ndomains = [\"finances\"]\nclock = {{ \"{replica}\" = 40 }}\ncreated = \"{replica}:40\"\n"
        ),
    );
    let o = sync(&laptop, &shared);
    assert!(o.status.success(), "{}", err(&o));
    assert!(
        out(&o).contains("deze laptop werkt nu als kopie anna."),
        "{}",
        out(&o)
    );
    assert!(
        !out(&o).contains(&format!("kopie {replica}")),
        "a new id: {}",
        out(&o)
    );
    // Its next edits travel under the new id.
    assert!(
        wk(
            &laptop,
            &["edit", "budgetcafe-testwijk", "--set", "phone=070 2"]
        )
        .status
        .success()
    );
    let shown: serde_json::Value =
        serde_json::from_slice(&wk(&laptop, &["show", "budgetcafe-testwijk", "--json"]).stdout)
            .expect("json");
    let dot = shown["written"]["phone"].as_str().unwrap_or("");
    assert!(
        dot.starts_with("anna.") && !dot.starts_with(&replica),
        "{dot}"
    );
}
