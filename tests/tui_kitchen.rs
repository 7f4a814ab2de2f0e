//! At the kitchen table (issue 12): copying a phone number with OSC 52,
//! opening a website, the mouse left to the terminal, a warning before
//! sending a client to details nobody checked for a year, the referral
//! slip as a file, and a referral's error left standing.

mod support;
use support::{enrol_piet_and_carla, press, screen_of, today};

use chrono::NaiveDate;
use tempfile::TempDir;
use wijkkaart::map::domain::{Kind, LifeDomain};
use wijkkaart::map::entry::Entry;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::{App, Overlay};
use wijkkaart::tui::outbox::{Outgoing, deliver};
use wijkkaart::tui::theme::Theme;

fn entry(id: &str, name: &str, verified: Option<NaiveDate>) -> Entry {
    Entry {
        id: id.into(),
        kind: Kind::Service,
        name: name.into(),
        domains: vec![LifeDomain::Finances],
        phone: "070-1234567".into(),
        website: "www.voorbeeld.nl/hulp".into(),
        address: "Straatweg 1".into(),
        city: "Den Haag".into(),
        verified,
        ..Entry::default()
    }
}

fn desk() -> (TempDir, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::open(dir.path(), false).expect("store");
    let fresh = NaiveDate::from_ymd_opt(2026, 10, 1);
    let old = NaiveDate::from_ymd_opt(2025, 6, 1);
    store
        .merge(
            vec![
                entry("formulierenhulp", "Formulierenhulp Laak", fresh),
                entry("oude-schuldhulp", "Oude Schuldhulp", old),
            ],
            |_, _| {},
        )
        .expect("merge");
    let case = enrol_piet_and_carla(&store);
    (dir, case)
}

fn app(dir: &TempDir) -> App {
    let store = Store::open(dir.path(), false).expect("store");
    App::new(store, Lang::Nl, Theme::plain(), today()).expect("app")
}

fn screen(app: &App) -> String {
    screen_of(app, 80, 24)
}

#[test]
fn t_in_the_details_copies_the_phone_number_through_the_terminal() {
    let (dir, _) = desk();
    let mut app = app(&dir);
    press(&mut app, "formulierenhulp<Enter>t");
    assert!(
        screen(&app).contains("telefoonnummer gekopieerd: 070-1234567"),
        "{}",
        screen(&app)
    );
    let mut written = Vec::new();
    let browse = deliver(app.take_outgoing(), &mut written).expect("written");
    assert!(browse.is_empty());
    // OSC 52, "c" for the clipboard, the number in base64, ended by BEL.
    assert_eq!(written, b"\x1b]52;c;MDcwLTEyMzQ1Njc=\x07");
    press(&mut app, "a");
    assert_eq!(
        app.take_outgoing(),
        [Outgoing::Clipboard("Straatweg 1, Den Haag".into())]
    );
    // Nothing changed in the map, and letters in the list still search.
    press(&mut app, "<Esc>");
    assert!(app.take_outgoing().is_empty());
}

#[test]
fn o_opens_the_website_and_nothing_else() {
    let (dir, _) = desk();
    let mut app = app(&dir);
    press(&mut app, "formulierenhulp<Enter>o");
    let mut written = Vec::new();
    let browse = deliver(app.take_outgoing(), &mut written).expect("written");
    assert_eq!(browse, ["https://www.voorbeeld.nl/hulp"]);
    assert!(written.is_empty());
}

#[test]
fn the_mouse_is_the_terminals_until_f9() {
    let (dir, _) = desk();
    let mut app = app(&dir);
    assert!(!app.mouse, "selecting a phone number works from the start");
    press(&mut app, "<F9>");
    assert!(app.mouse);
    let mut written = Vec::new();
    deliver(app.take_outgoing(), &mut written).expect("written");
    assert!(
        String::from_utf8_lossy(&written).contains("\x1b[?1000h"),
        "{written:?}"
    );
    assert!(screen(&app).contains("muis aan"), "{}", screen(&app));
    press(&mut app, "<F9>");
    assert_eq!(app.take_outgoing(), [Outgoing::Mouse(false)]);
}

#[test]
fn a_referral_to_details_unchecked_for_a_year_warns() {
    let (dir, _) = desk();
    let mut app = app(&dir);
    press(
        &mut app,
        "oude schuldhulp<C-r>piet-geheim<Enter>fam k<Enter>",
    );
    let s = screen(&app);
    assert!(
        s.contains("opgeslagen: Oude Schuldhulp — let op: sinds 2025-06-01 niet gecontroleerd"),
        "{s}"
    );
    press(&mut app, "<C-u>formulierenhulp<C-r>fam k<Enter>");
    let s = screen(&app);
    assert!(
        s.contains("opgeslagen: Formulierenhulp Laak") && !s.contains("let op"),
        "{s}"
    );
}

#[test]
fn a_referral_that_fails_keeps_its_error_on_screen() {
    let (dir, case) = desk();
    let mut app = app(&dir);
    press(&mut app, "formulierenhulp<C-r>piet-geheim<Enter>");
    assert_eq!(app.overlay(), Some(Overlay::Picker));
    // Meanwhile the case is erased (by a colleague, in another window).
    {
        let mut book = wijkkaart::cases::book::CaseBook::open(app.store()).expect("book");
        let s = book.unlock("carla", "carla-geheim").expect("carla");
        book.erase(&s, &case, chrono::Utc::now()).expect("erased");
    }
    press(&mut app, "fam k<Enter>");
    let s = screen(&app);
    assert!(!s.contains("opgeslagen"), "{s}");
    let last = s.lines().last().unwrap_or_default();
    assert!(!last.trim().is_empty(), "the error is said: {s}");
}

#[test]
fn the_referral_slip_is_saved_as_a_file_in_client_wording() {
    let (dir, _) = desk();
    let out = tempfile::tempdir().expect("out");
    let path = out.path().join("briefje.txt");
    let mut app = app(&dir);
    press(
        &mut app,
        "formulierenhulp<C-r>piet-geheim<Enter>fam k<Enter>",
    );
    press(&mut app, "<F2><Enter>s<C-s>");
    assert_eq!(app.overlay(), Some(Overlay::Prompt));
    assert!(
        screen(&app).contains("verwijsbriefje-2026-11-29.txt"),
        "{}",
        screen(&app)
    );
    press(&mut app, &format!("<C-u>{}<Enter>", path.display()));
    let slip = std::fs::read_to_string(&path).expect("saved");
    assert!(
        slip.contains("Formulierenhulp Laak")
            && slip.contains("070-1234567")
            && slip.contains("Dit briefje is voor u"),
        "{slip}"
    );
    assert!(screen(&app).contains("geschreven"), "{}", screen(&app));
    // A second save to the same name never overwrites the first.
    std::fs::write(&path, "eerder").expect("write");
    press(&mut app, "s<C-s>");
    press(&mut app, &format!("<C-u>{}<Enter>", path.display()));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "eerder");
}
