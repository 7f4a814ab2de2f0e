//! The interface as a worker uses it: keys in, screen out, on a `TestBackend`.

mod support;
use support::{fixture, press, screen_of, terminal, today};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::style::Color;
use tempfile::TempDir;
use wijkkaart::map::builtin;
use wijkkaart::map::entry::Entry;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::{App, Screen};
use wijkkaart::tui::theme::Theme;

/// An app on a fresh data dir holding `entries` (the dir lives as long as the guard).
fn app_with(entries: Vec<Entry>, lang: Lang) -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store opens");
    store.merge(entries, |_, _| {}).expect("entries merge");
    let app = App::new(store, lang, Theme::plain(), today()).expect("app starts");
    (dir, app)
}

/// The invented test map.
fn fixture_app(lang: Lang) -> (TempDir, App) {
    app_with(fixture(), lang)
}

/// The map a worker gets on first start.
fn builtin_app() -> (TempDir, App) {
    let entries = builtin::files()
        .expect("built-in map parses")
        .into_iter()
        .flat_map(|(_, f)| f.entries)
        .collect();
    app_with(entries, Lang::Nl)
}

fn screen(app: &App, width: u16, height: u16) -> String {
    screen_of(app, width, height)
}

#[test]
fn three_letters_put_the_right_initiative_on_top() {
    let (_dir, mut app) = builtin_app();
    press(&mut app, "leergeld");
    let s = screen(&app, 80, 24);
    // The first result row is right under the list's top border.
    assert!(
        s.lines()
            .nth(3)
            .is_some_and(|l| l.contains("Stichting Leergeld Den Haag")),
        "{s}"
    );
    press(&mut app, "<C-u>taalhuis");
    let s = screen(&app, 80, 24);
    assert!(
        s.lines().nth(3).is_some_and(|l| l.contains("Taalhuis")),
        "{s}"
    );
}

#[test]
fn typos_are_forgiven() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "jongerenwrk");
    let s = screen(&app, 80, 24);
    assert!(s.contains("Jongerenwerk Testwijk"), "{s}");
    assert!(s.contains("1 van 6"), "{s}");
}

#[test]
fn domain_and_area_in_the_query_narrow_at_once() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "#finan");
    assert!(screen(&app, 80, 24).contains("2 van 6"));
    press(&mut app, " @moerw");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("1 van 6") && s.contains("Schuldhulp Voorbeeldstad"),
        "{s}"
    );
    press(&mut app, "<C-u>#nonsense");
    let s = screen(&app, 80, 24);
    assert!(s.contains("onbekend leefgebied: #nonsense"), "{s}");
    assert!(s.contains("Niets gevonden"), "{s}");
}

#[test]
fn details_show_what_is_needed_to_refer_and_how_fresh_it_is() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "budget");
    let s = screen(&app, 80, 24);
    // The side pane already shows the selection.
    assert!(s.contains("14 maanden geleden geverifieerd"), "{s}");
    press(&mut app, "<Enter>");
    assert_eq!(app.screen(), Screen::Detail);
    let s = screen(&app, 80, 24);
    for part in [
        "Budgetcafé Testwijk",
        "Talen: nl, ar, tr",
        "Kosten: gratis",
        "Toegang: zelf binnenlopen",
        "Financiën",
        "contactgegevens onbekend",
    ] {
        assert!(s.contains(part), "{part} missing:\n{s}");
    }
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Search);
    press(&mut app, "<C-u>schuldhulp<Enter>");
    assert!(screen(&app, 80, 24).contains("? niet geverifieerd"));
}

#[test]
fn the_domain_overview_counts_and_filters() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "<Tab><C-g>");
    assert_eq!(app.screen(), Screen::Domains);
    let s = screen(&app, 80, 24);
    let line = s
        .lines()
        .find(|l| l.contains("Financiën"))
        .expect("finances row");
    assert!(
        line.trim_end().ends_with("2 │") || line.contains("    2"),
        "{line}"
    );
    let network = s
        .lines()
        .find(|l| l.contains("Sociaal netwerk"))
        .expect("network row");
    assert!(network.contains("    3"), "{network}");
    // Choose Opvoeding (the sixth domain).
    press(&mut app, "jjjjj<Enter>");
    assert_eq!(app.screen(), Screen::Search);
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("[#Opvoeding]") && s.contains("1 van 6") && s.contains("Buurtmoeder"),
        "{s}"
    );
    // Counts follow the area filter.
    press(&mut app, "<C-x>");
    app.search.filters.area = Some("Laak".into());
    press(&mut app, "<C-g>");
    let s = screen(&app, 80, 24);
    assert!(s.contains("@Laak"), "{s}");
    let line = s
        .lines()
        .find(|l| l.contains("Justitie"))
        .expect("justice row");
    assert!(line.contains("    1"), "{line}");
}

#[test]
fn kind_and_area_filters_toggle_by_key_and_show_as_chips() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "<Tab><C-t>");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("[Sleutelfiguur]") && s.contains("2 van 6"),
        "{s}"
    );
    press(&mut app, "<C-t><C-t><C-t>");
    assert!(!screen(&app, 80, 24).contains("[Sleutelfiguur]"));
    press(&mut app, "<C-w>");
    let s = screen(&app, 80, 24);
    assert!(s.contains("alle wijken") && s.contains("Moerwijk"), "{s}");
    // Rows: all areas, Laak, Moerwijk, Schilderswijk, Transvaal.
    press(&mut app, "jj<Enter>");
    let s = screen(&app, 80, 24);
    assert!(s.contains("[@Moerwijk]") && s.contains("2 van 6"), "{s}");
    press(&mut app, "<Esc>");
    assert!(screen(&app, 80, 24).contains("6 van 6"));
}

#[test]
fn the_status_line_and_help_tell_the_keys() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    let s = screen(&app, 80, 24);
    let status = s.lines().last().expect("status line");
    assert!(
        status.contains("Enter openen") && status.contains("Esc terug"),
        "{status}"
    );
    press(&mut app, "<Tab>");
    let status = screen(&app, 80, 24)
        .lines()
        .last()
        .expect("status")
        .to_string();
    assert!(
        status.contains("Tab zoeken") && status.contains("F1 hulp"),
        "{status}"
    );
    press(&mut app, "<F1>");
    let s = screen(&app, 80, 24);
    let first = s.find("Resultatenlijst").expect("the list's keys");
    assert!(
        s.contains("Toetsen")
            && s.contains("Ctrl-C")
            && first < s.find("Overal").expect("global keys"),
        "help opens at the keys of the place it was asked from:\n{s}"
    );
    press(&mut app, "<End>");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("niet geverifieerd"),
        "legend at the end of help:\n{s}"
    );
    press(&mut app, "k");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("V voorziening") && !s.contains("niet geverifieerd"),
        "one up from the end:\n{s}"
    );
    press(&mut app, "<Esc>");
    assert!(!screen(&app, 80, 24).contains("Toetsen"));
}

#[test]
fn escape_backs_out_one_level_and_ctrl_q_quits_from_the_top() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "taal<Enter>");
    assert_eq!(app.screen(), Screen::Detail);
    press(&mut app, "q");
    assert!(!app.quit, "q does not quit from a detail screen");
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Search);
    press(&mut app, "q");
    assert_eq!(
        app.search.query, "taalq",
        "in the search line q is a letter"
    );
    press(&mut app, "<Esc>");
    press(&mut app, "<Esc>");
    assert_eq!(app.search.query, "", "Esc in the list clears the search");
    press(&mut app, "<C-q>");
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "<Tab><C-g><C-c>");
    assert!(app.quit);
}

#[test]
fn lists_move_with_arrows_pages_and_the_mouse_wheel() {
    let (_dir, mut app) = builtin_app();
    press(&mut app, "<Tab>");
    press(&mut app, "<Down><Down>");
    assert_eq!(app.search.cursor.selected, 2);
    press(&mut app, "<Up>");
    assert_eq!(app.search.cursor.selected, 1);
    let _ = screen(&app, 80, 24); // drawing tells the list its page size
    press(&mut app, "<PageDown>");
    assert_eq!(app.search.cursor.selected, 11);
    press(&mut app, "<End>");
    assert_eq!(app.search.cursor.selected, app.search.hits.len() - 1);
    let s = screen(&app, 80, 24);
    let last = app.selected().expect("selection").entry.name.clone();
    assert!(
        s.contains(&last[..last.len().min(20)]),
        "the selection scrolled into view:\n{s}"
    );
    press(&mut app, "<Home>");
    assert_eq!(app.search.cursor.selected, 0);
    let wheel = |kind| {
        Event::Mouse(MouseEvent {
            kind,
            column: 5,
            row: 5,
            modifiers: KeyModifiers::NONE,
        })
    };
    app.handle_event(&wheel(MouseEventKind::ScrollDown));
    app.handle_event(&wheel(MouseEventKind::ScrollDown));
    assert_eq!(app.search.cursor.selected, 2);
    app.handle_event(&wheel(MouseEventKind::ScrollUp));
    assert_eq!(app.search.cursor.selected, 1);
}

#[test]
fn key_release_events_do_not_act_twice() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    let mut release = KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE);
    release.kind = ratatui::crossterm::event::KeyEventKind::Release;
    app.handle_event(&Event::Key(release));
    assert_eq!(app.search.query, "");
}

#[test]
fn a_small_window_says_so_instead_of_breaking() {
    let (_dir, app) = fixture_app(Lang::Nl);
    let s = screen(&app, 50, 10);
    assert_eq!(s.trim(), "Venster te klein (minimaal 60x15)");
    let s = screen(&app, 60, 15);
    assert!(s.contains("Zoek:"), "{s}");
    let (_dir2, en) = fixture_app(Lang::En);
    assert!(screen(&en, 40, 5).contains("Window too small"));
}

#[test]
fn english_on_request() {
    let (_dir, mut app) = fixture_app(Lang::En);
    press(&mut app, "budget");
    let s = screen(&app, 80, 24);
    assert!(
        s.contains("Search:") && s.contains("verified 14 months ago") && s.contains("Finances"),
        "{s}"
    );
}

#[test]
fn nothing_depends_on_colour() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "#fin");
    let plain = terminal(&app, 80, 24);
    let colours = |t: &Terminal<TestBackend>| {
        t.backend()
            .buffer()
            .content()
            .iter()
            .filter(|c| c.fg != Color::Reset || c.bg != Color::Reset)
            .count()
    };
    assert_eq!(colours(&plain), 0, "NO_COLOR means no colour");
    app.shared.theme = Theme { color: true };
    assert!(colours(&terminal(&app, 80, 24)) > 0);
    // The selection is marked by a symbol as well as by reversed video.
    assert!(screen(&app, 80, 24).contains("›"));
}

#[test]
fn snapshot_of_the_search_screen() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "schuld");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn snapshot_of_the_domain_overview() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "<Tab><C-g>");
    insta::assert_snapshot!(screen(&app, 80, 24));
}

#[test]
fn a_word_that_matches_nothing_is_named_while_the_others_still_find() {
    let (_dir, mut app) = builtin_app();
    press(&mut app, "taalles xqzvw");
    let s = screen(&app, 80, 24);
    assert!(
        !app.search.hits.is_empty() && s.contains("niets voor: xqzvw"),
        "{s}"
    );
}

#[test]
fn a_cleared_search_comes_back_with_up_in_an_empty_line() {
    let (_dir, mut app) = fixture_app(Lang::Nl);
    press(&mut app, "taal<C-t><C-t>");
    let kind = app.search.filters.kind;
    assert!(kind.is_some());
    press(&mut app, "<Esc><Esc>");
    assert_eq!(app.search.query, "", "Esc in the list clears the search");
    assert!(app.search.filters.is_empty());
    press(&mut app, "<Tab><Up>");
    assert_eq!(
        app.search.query, "taal",
        "↑ in an empty line brings it back"
    );
    assert_eq!(app.search.filters.kind, kind, "with its chips");
    assert!(screen(&app, 80, 24).contains("Taalcafé"));
    // Ctrl-U keeps what it clears too; ↑ in a line with text moves the list.
    press(&mut app, "<C-u>schuld<Down><Up>");
    assert_eq!(app.search.query, "schuld");
    press(&mut app, "<C-u><Up>");
    assert_eq!(app.search.query, "schuld");
}
