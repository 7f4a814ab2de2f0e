//! Why an entry came up: the words the search matched are marked in the
//! list and the details, without colour too (underlined).

mod support;
use support::{press, screen_of, terminal};

use chrono::NaiveDate;
use ratatui::style::Modifier;
use wijkkaart::map::builtin;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::App;
use wijkkaart::tui::theme::Theme;

fn builtin_app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store opens");
    let entries = builtin::files()
        .expect("built-in map parses")
        .into_iter()
        .flat_map(|(_, f)| f.entries)
        .collect();
    store.merge(entries, |_, _| {}).expect("entries merge");
    let today = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    let app = App::new(store, Lang::Nl, Theme::plain(), today).expect("app starts");
    (dir, app)
}

/// The underlined words of one screen row.
fn marked_in_row(app: &App, row: u16) -> String {
    let t = terminal(app, 100, 30);
    let buffer = t.backend().buffer();
    (0..100)
        .map(|x| &buffer[(x, row)])
        .map(|c| {
            if c.modifier.contains(Modifier::UNDERLINED) {
                c.symbol().to_string()
            } else {
                " ".to_string()
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_words_that_matched_are_underlined_in_the_list_and_the_details() {
    let (_dir, mut app) = builtin_app();
    press(&mut app, "geldzorgen laak");
    let s = screen_of(&app, 100, 30);
    assert!(
        s.lines()
            .nth(3)
            .is_some_and(|l| l.contains("Helpdesk Geldzaken Laak")),
        "{s}"
    );
    // The first result row: "Helpdesk Geldzaken Laak", reached through the
    // synonym geldzaken and the area word laak.
    assert_eq!(marked_in_row(&app, 3), "Geldzaken Laak Geldzaken Laak");
    assert!(app.search.unmatched.is_empty());
    press(&mut app, " xqzwv");
    assert_eq!(app.search.unmatched, ["xqzwv"]);
}
