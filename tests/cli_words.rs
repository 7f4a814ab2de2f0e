//! The command line as a worker types it (issue 12): full ids to go on
//! with, life domains and kinds in Dutch or English, one line in the
//! interface language for a command line that is wrong, help that fits each
//! subcommand, and messages that name entries.

#[path = "support/binary.rs"]
mod binary;

use std::path::Path;
use std::process::{Command, Output};

/// `wijkkaart --data-dir DIR ARGS...` in Dutch, the default.
fn wk(dir: &Path, args: &[&str]) -> Output {
    binary::run(dir, args, "")
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).trim().to_string()
}

/// A data dir without the built-in map, with anna as the laptop's worker.
fn desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("dir");
    let o = wk(
        dir.path(),
        &["--no-default-map", "init", "--id", "anna", "--name", "Anna"],
    );
    assert!(o.status.success(), "{o:?}");
    dir
}

#[test]
fn search_prints_ids_whole_so_show_takes_them() {
    let dir = desk();
    let name = "Stichting Vrijwillige Thuisadministratie Laak en Moerwijk Noord";
    let o = wk(
        dir.path(),
        &[
            "add", "--kind", "service", "--name", name, "--domain", "finances",
        ],
    );
    assert!(o.status.success(), "{o:?}");
    let id = out(&o);
    assert!(id.chars().count() > 40, "the test needs a long id: {id}");
    let table = out(&wk(dir.path(), &["search", "thuisadministratie"]));
    let first = table
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("a row");
    assert_eq!(first, id, "{table}");
    assert!(wk(dir.path(), &["show", first]).status.success());
}

#[test]
fn domains_and_kinds_are_taken_in_dutch_and_english() {
    let dir = desk();
    let o = wk(
        dir.path(),
        &[
            "add",
            "--kind",
            "voorziening",
            "--name",
            "Formulierenhulp",
            "--domain",
            "financien",
        ],
    );
    assert!(o.status.success(), "{o:?}");
    let id = out(&o);
    for args in [
        &["search", "--domain", "financien"][..],
        &["search", "--domain", "Financiën"],
        &["search", "--domain", "finances"],
        &["search", "--kind", "voorziening"],
        &["search", "--kind", "Service"],
    ] {
        let o = wk(dir.path(), args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        assert!(out(&o).contains(&id), "{args:?}: {}", out(&o));
    }
    let o = wk(dir.path(), &["search", "--domain", "werk"]);
    assert!(!out(&o).contains(&id), "werk is another domain");
    let o = wk(
        dir.path(),
        &[
            "edit",
            &id,
            "--set",
            "domains=geld,Werk en opleiding",
            "--set",
            "kind=initiatief",
        ],
    );
    assert!(o.status.success(), "{}", err(&o));
    let shown: serde_json::Value =
        serde_json::from_slice(&wk(dir.path(), &["show", &id, "--json"]).stdout).expect("json");
    assert_eq!(
        shown["domains"],
        serde_json::json!(["finances", "work-education"])
    );
    assert_eq!(shown["kind"], "initiative");
    let o = wk(dir.path(), &["search", "--kind", "dinges"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("dinges"), "{}", err(&o));
}

#[test]
fn a_wrong_command_line_is_one_line_in_the_interface_language() {
    let dir = tempfile::tempdir().expect("dir");
    for (lang, args, says) in [
        (
            "nl",
            &["search", "--bogus"][..],
            "wijkkaart search: onbekend: '--bogus'; zie wijkkaart search --help",
        ),
        (
            "en",
            &["search", "--bogus"],
            "wijkkaart search: not known: '--bogus'; see wijkkaart search --help",
        ),
        (
            "nl",
            &["search", "--limit", "x"],
            "wijkkaart search: 'x' past niet bij --limit <LIMIT>; zie wijkkaart search --help",
        ),
        (
            "nl",
            &["serch"],
            "wijkkaart: onbekende opdracht 'serch' (bedoel je 'search'?); zie wijkkaart --help",
        ),
        (
            "en",
            &["intervention", "approve"],
            "wijkkaart intervention approve: needed: <ID>; see wijkkaart intervention approve --help",
        ),
        (
            "nl",
            &["worker"],
            "wijkkaart worker: welke opdracht?; zie wijkkaart worker --help",
        ),
    ] {
        let mut all = vec!["--lang", lang];
        all.extend(args);
        let o = wk(dir.path(), &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(err(&o), says, "{args:?}");
        assert!(out(&o).is_empty());
    }
    // The language may come from the environment too, and --help still helps.
    let o = Command::new(env!("CARGO_BIN_EXE_wijkkaart"))
        .args(["search", "--bogus"])
        .env("WIJKKAART_LANG", "en")
        .output()
        .expect("runs");
    assert!(err(&o).contains("not known"), "{}", err(&o));
    let o = wk(dir.path(), &["search", "--help"]);
    assert!(o.status.success() && out(&o).contains("Usage: wijkkaart search"));
}

#[test]
fn every_subcommand_has_its_own_help() {
    let dir = tempfile::tempdir().expect("dir");
    let top = out(&wk(dir.path(), &["--help"]));
    let commands = subcommands(&top);
    assert!(commands.contains(&"intervention".to_string()), "{top}");
    let mut seen = std::collections::BTreeMap::new();
    for command in commands {
        let help = out(&wk(dir.path(), &[&command, "--help"]));
        let subs = subcommands(&help);
        let pages: Vec<(String, String)> = if subs.is_empty() {
            vec![(command.clone(), help)]
        } else {
            subs.iter()
                .map(|s| {
                    (
                        format!("{command} {s}"),
                        out(&wk(dir.path(), &[&command, s, "--help"])),
                    )
                })
                .collect()
        };
        for (name, page) in pages {
            let about = page.lines().next().unwrap_or_default().to_string();
            assert!(
                page.contains(&format!("Usage: wijkkaart {name}")),
                "{name}: {page}"
            );
            assert!(!about.starts_with("Who acts"), "{name}: {about}");
            if let Some(other) = seen.insert(about.clone(), name.clone()) {
                panic!("{name} and {other} say the same: {about}");
            }
        }
    }
}

fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn messages_name_the_entry_and_keep_its_id() {
    let dir = desk();
    let id = out(&wk(
        dir.path(),
        &[
            "add",
            "--kind",
            "initiative",
            "--name",
            "Taalcafé De Boog",
            "--domain",
            "werk",
        ],
    ));
    for (args, says) in [
        (
            vec!["edit", &id, "--set", "phone=070-1234567"],
            "opgeslagen: Taalcafé De Boog",
        ),
        (
            vec!["verify", &id],
            "vandaag gecontroleerd: Taalcafé De Boog",
        ),
        (vec!["delete", &id], "verwijderd: Taalcafé De Boog"),
    ] {
        let o = wk(dir.path(), &args);
        assert!(o.status.success(), "{args:?}: {}", err(&o));
        assert_eq!(out(&o), format!("{says} ({id})"), "{args:?}");
    }
}
