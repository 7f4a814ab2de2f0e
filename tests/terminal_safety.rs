//! Nothing stored or read from a file reaches a terminal raw: escape codes
//! and bidi overrides in names, descriptions and file names come out
//! neutralised through the command line and the interface (issue 9).

#[path = "support/binary.rs"]
mod binary;
mod support;
use support::{press, terminal, today};

use std::path::Path;
use wijkkaart::map::domain::{Kind, LifeDomain};
use wijkkaart::map::entry::Entry;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::App;
use wijkkaart::tui::theme::Theme;

/// Clears the screen, sets the window title, rings the bell, then turns the
/// rest of the line around.
const HOSTILE: &str = "\x1b[2J\x1b]0;PWNED\x07Taal\u{202e}efac\u{9b}31m\r\u{2066}x";

/// Bytes a terminal would obey or reorder: C0 (but line breaks and tabs),
/// DEL, C1, bidi overrides and isolates.
fn unsafe_chars(s: &str) -> Vec<char> {
    s.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

fn hostile_entry() -> Entry {
    Entry {
        id: "taalcafe-x1b".into(),
        kind: Kind::Initiative,
        name: HOSTILE.into(),
        organisation: format!("Org {HOSTILE}"),
        description: format!("Eerste regel\n{HOSTILE}"),
        domains: vec![LifeDomain::from_id("work-education").expect("domain")],
        areas: vec![format!("Laak{HOSTILE}")],
        phone: format!("070{HOSTILE}"),
        ..Entry::default()
    }
}

/// A data dir that already holds the hostile entry, however it got there.
fn stored(dir: &Path) {
    let store = Store::open(dir, false).expect("store opens");
    store
        .merge(vec![hostile_entry()], |_, _| {})
        .expect("merge");
}

fn wk(dir: &Path, args: &[&str]) -> std::process::Output {
    binary::run(dir, args, "")
}

fn assert_safe(what: &str, out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let found = unsafe_chars(&text);
        assert!(
            found.is_empty(),
            "{what} {stream} carries {found:?}: {text:?}"
        );
    }
}

#[test]
fn show_and_search_neutralise_escape_codes_and_bidi() {
    let dir = tempfile::tempdir().expect("dir");
    stored(dir.path());
    for args in [
        &["show", "taalcafe-x1b"][..],
        &["show", "taalcafe-x1b", "--json"],
        &["search"],
        &["search", "taal"],
        &["search", "--json"],
        &["export"],
    ] {
        let out = wk(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert_safe(&format!("{args:?}"), &out);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("PWNED"),
            "{args:?}: the name is still shown: {text}"
        );
    }
}

#[test]
fn json_keeps_the_stored_text_exactly() {
    let dir = tempfile::tempdir().expect("dir");
    stored(dir.path());
    let out = wk(dir.path(), &["show", "taalcafe-x1b", "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(value["name"], HOSTILE, "escaped, not changed");
}

#[test]
fn a_shared_file_named_with_escape_codes_comes_out_neutralised() {
    let dir = tempfile::tempdir().expect("dir");
    let shared = tempfile::tempdir().expect("shared");
    let init = wk(
        dir.path(),
        &["--no-default-map", "init", "--id", "anna", "--name", "Anna"],
    );
    assert!(init.status.success(), "{init:?}");
    let name = "\x1b[2J\x1b]0;PWNED\x07\u{202e}lmot.toml";
    std::fs::write(shared.path().join(name), "this is [not toml").expect("write");
    for args in [
        vec!["sync".to_string(), shared.path().display().to_string()],
        vec![
            "check".to_string(),
            shared.path().join(name).display().to_string(),
        ],
        vec![
            "import".to_string(),
            shared.path().join(name).display().to_string(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = wk(dir.path(), &args);
        assert_safe(&format!("{:?}", args[0]), &out);
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("PWNED"),
            "{args:?} names the file: {out:?}"
        );
    }
}

#[test]
fn the_referral_slip_neutralises_the_entry_it_names() {
    let dir = tempfile::tempdir().expect("dir");
    binary::piet_and_carla(dir.path());
    stored(dir.path());
    let out = binary::run(
        dir.path(),
        &[
            "case",
            "new",
            "--label",
            "Fam. K.",
            "--area",
            "Laak",
            "--passphrase-stdin",
        ],
        "piet-geheim\n",
    );
    assert!(out.status.success(), "{out:?}");
    let case = binary::text(&out.stdout);
    let out = binary::run(
        dir.path(),
        &[
            "case",
            "note",
            &case,
            "--text",
            "Taalcafe besproken",
            "--refer",
            "taalcafe-x1b",
            "--passphrase-stdin",
        ],
        "piet-geheim\n",
    );
    assert!(out.status.success(), "{out:?}");
    let out = binary::run(
        dir.path(),
        &["case", "slip", &case, "--passphrase-stdin"],
        "piet-geheim\n",
    );
    assert!(out.status.success(), "{out:?}");
    assert_safe("case slip", &out);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("PWNED"),
        "{out:?}"
    );
}

#[test]
fn the_interface_never_puts_a_bidi_override_or_escape_on_screen() {
    let dir = tempfile::tempdir().expect("dir");
    stored(dir.path());
    let store = Store::open(dir.path(), false).expect("store");
    let mut app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    let check = |app: &App, what: &str| {
        for (w, h) in [(80, 24), (60, 15), (120, 40)] {
            let terminal = terminal(app, w, h);
            let buffer = terminal.backend().buffer();
            let all: String = buffer.content().iter().map(|c| c.symbol()).collect();
            let found = unsafe_chars(&all);
            assert!(found.is_empty(), "{what} at {w}x{h}: {found:?}");
            assert!(
                all.contains("PWNED"),
                "{what} at {w}x{h} shows the entry: {all}"
            );
        }
    };
    check(&app, "result list");
    press(&mut app, "taal<Enter>");
    check(&app, "detail");
}
