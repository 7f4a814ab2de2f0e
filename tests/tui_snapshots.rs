//! Every screen and overlay at the two sizes a worker's laptop gives it (80x24
//! and the 60x15 minimum), and once in English: snapshots reviewed by eye, so a
//! change in layout is seen in review before a worker sees it.

mod support;
use support::{enrol_piet_and_carla, fixture, press, screen_of, today};

use chrono::Utc;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::Path;
use std::sync::OnceLock;
use tempfile::TempDir;
use wijkkaart::cases::book::CaseBook;
use wijkkaart::map::edit::stamp;
use wijkkaart::map::entry::Entry;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::action::Action;
use wijkkaart::tui::app::App;
use wijkkaart::tui::keymap;
use wijkkaart::tui::theme::Theme;

/// The test map with one conflict (two workers set other opening hours) and
/// the workers piet (this laptop's) and carla enrolled, with one case.
fn make_desk() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store");
    store.merge(fixture(), |_, _| {}).expect("merge");
    let base = fixture()
        .into_iter()
        .find(|e| e.id == "taalcafe-testwijk")
        .expect("entry");
    let at = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("time");
    let mine = Entry {
        hours: "di 19-21".into(),
        ..base.clone()
    };
    let theirs = Entry {
        hours: "wo 10-12".into(),
        ..base.clone()
    };
    let before = wijkkaart::map::merge::Record::new(base);
    let anna = wijkkaart::map::edit::Author {
        worker: "anna",
        replica: "anna.aaaaaa",
    };
    let bram = wijkkaart::map::edit::Author {
        worker: "bram",
        replica: "bram.bbbbbb",
    };
    store
        .merge(
            vec![
                stamp(mine, Some(&before), anna, at),
                stamp(theirs, Some(&before), bram, at),
            ],
            |_, _| {},
        )
        .expect("conflict");
    enrol_piet_and_carla(&store);
    dir
}

/// A fresh copy of the desk: enrolling costs two key derivations, so the
/// desk is made once and copied for every screen.
fn desk() -> TempDir {
    static TEMPLATE: OnceLock<TempDir> = OnceLock::new();
    let template = TEMPLATE.get_or_init(make_desk);
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(template.path(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("readable") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("dir");
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn app(dir: &TempDir, lang: Lang) -> App {
    let store = Store::open(dir.path(), false).expect("store");
    App::new(store, lang, Theme::plain(), today()).expect("app")
}

/// Times written now (notes, the log) shown as placeholders, so that the
/// snapshots do not change from day to day.
fn without_times(screen: &str) -> String {
    let now = Utc::now();
    let mut out = screen.to_string();
    for (format, placeholder) in [
        ("%Y-%m-%d %H:%M", "YYYY-MM-DD hh:mm"),
        ("%Y-%m-%d", "YYYY-MM-DD"),
        ("%d-%m ", "DD-MM "),
    ] {
        out = out.replace(&now.format(format).to_string(), placeholder);
    }
    out
}

/// Where each screen is reached from a fresh app on the desk, by keys.
const SCREENS: &[(&str, &str)] = &[
    ("search_line", ""),
    ("search_typed", "taal"),
    ("result_list", "<Tab>"),
    ("detail", "<Tab><Enter>"),
    ("domains", "<Tab><C-g>"),
    ("areas", "<Tab><C-w>"),
    ("help", "<F1>"),
    ("entry_form", "<C-n>"),
    ("domain_picker", "<C-n><Tab><Tab><Enter>"),
    ("confirm_delete", "<C-d>"),
    ("confirm_discard", "<C-e>X<Esc>"),
    ("prompt_sync", "<F5>"),
    ("conflicts", "<F8>"),
    ("conflict", "<F8><Enter>"),
    ("confirm_keep", "<F8><Enter>2"),
    ("confirm_quit", "<C-n>Buurthuis<C-c>"),
    ("unlock", "<F2>"),
    ("cases", "<F2>piet-geheim<Enter>"),
    ("case", "<F2>piet-geheim<Enter><Enter>"),
    ("note_form", "<F2>piet-geheim<Enter><Enter>a"),
    ("confirm_score", "<F2>piet-geheim<Enter><Enter>3"),
    ("proposal_form", "<F2>piet-geheim<Enter><Enter>p"),
    (
        "interventions",
        "<F2>piet-geheim<Enter><Enter>pRijbewijs<Tab>Rijlessen voorschieten<Tab>350<Tab>#werk<Enter><Enter>o",
    ),
    (
        "intervention",
        "<F2>piet-geheim<Enter><Enter>pRijbewijs<Tab>Rijlessen voorschieten<Tab>350<Tab>#werk<Enter><Enter>o<Enter>",
    ),
    (
        "verdict_form",
        "<F2>piet-geheim<Enter><Enter>pRijbewijs<Tab>Rijlessen voorschieten<Tab>350<Tab>#werk<Enter><Enter>o<Enter>x",
    ),
    ("waiting", "<F3>piet-geheim<Enter>"),
    ("slip", "<F2>piet-geheim<Enter><Enter>s"),
    ("refer_picker", "<C-r>piet-geheim<Enter>"),
    ("workers", "<F2>piet-geheim<Enter>w"),
    ("enrol_form", "<F2>piet-geheim<Enter>wn"),
    (
        "enrol_refused",
        "<F2>piet-geheim<Enter>wntom<Tab>Tom<Tab>Politie<Tab>tom-geheim<Tab>tom-gehiem<C-s>",
    ),
    ("edit_worker_form", "<F2>piet-geheim<Enter>w<Down>e"),
    ("remove_form", "<F2>piet-geheim<Enter>w<Down>x"),
    ("budget_form", "<F2>piet-geheim<Enter>wb"),
    ("lock_form", "<F2>piet-geheim<Enter>wl"),
];

fn snapshot(name: &str, keys: &str, lang: Lang, width: u16, height: u16) {
    let dir = desk();
    let mut app = app(&dir, lang);
    press(&mut app, keys);
    let screen = without_times(&screen_of(&app, width, height));
    let lang = match lang {
        Lang::Nl => "nl",
        Lang::En => "en",
    };
    insta::assert_snapshot!(format!("{name}_{lang}_{width}x{height}"), screen);
}

#[test]
fn every_screen_at_80x24() {
    for (name, keys) in SCREENS {
        snapshot(name, keys, Lang::Nl, 80, 24);
    }
}

#[test]
fn every_screen_at_60x15() {
    for (name, keys) in SCREENS {
        snapshot(name, keys, Lang::Nl, 60, 15);
    }
}

#[test]
fn every_screen_in_english() {
    for (name, keys) in SCREENS {
        snapshot(name, keys, Lang::En, 80, 24);
    }
}

#[test]
fn the_identity_form_before_the_first_edit() {
    for (lang, width, height) in [(Lang::Nl, 80, 24), (Lang::Nl, 60, 15), (Lang::En, 80, 24)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path(), false).expect("store");
        store.merge(fixture(), |_, _| {}).expect("merge");
        let mut app = App::new(store, lang, Theme::plain(), today()).expect("app");
        press(&mut app, "<C-n>");
        let screen = screen_of(&app, width, height);
        let lang = match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        };
        insta::assert_snapshot!(format!("identity_{lang}_{width}x{height}"), screen);
    }
}

/// F2 with nobody enrolled: the first-run enrolment, filled in with the
/// laptop's worker, the passphrase asked twice.
#[test]
fn the_first_run_enrolment_from_f2() {
    for (lang, width, height) in [(Lang::Nl, 80, 24), (Lang::Nl, 60, 15), (Lang::En, 80, 24)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path(), false).expect("store");
        store.merge(fixture(), |_, _| {}).expect("merge");
        store
            .set_worker(
                &wijkkaart::map::edit::Worker::new("piet", "Piet", "Welzijn Zuid").expect("worker"),
            )
            .expect("set");
        let mut app = App::new(store, lang, Theme::plain(), today()).expect("app");
        press(&mut app, "<F2>");
        let screen = screen_of(&app, width, height);
        let lang = match lang {
            Lang::Nl => "nl",
            Lang::En => "en",
        };
        insta::assert_snapshot!(format!("first_run_{lang}_{width}x{height}"), screen);
    }
}

/// What the store holds, as far as a stray key could change it: every map
/// record and, when unlocked, every case with its notes, scores and
/// interventions.
fn fingerprint(app: &App) -> String {
    let records = app.store().records().expect("records");
    let cases = app.session().map(|s| {
        CaseBook::open(app.store())
            .and_then(|b| b.cases(s))
            .expect("cases")
    });
    format!("{records:?}\n{cases:?}")
}

/// Every letter, digit and punctuation key, pressed on every screen, changes
/// nothing: a word typed into the wrong place is a search or text in a
/// field, never an act. Only a question that names the change (yes/no) takes
/// a plain key as its answer; the question screens are left out here.
///
/// Each key is pressed on a fresh copy of the screen. Keys the screen's key
/// map binds are all tried; of the rest, which either type or do nothing by
/// the same rule everywhere, a sample of letters, digits and punctuation.
#[test]
fn no_plain_key_changes_the_store_on_any_screen() {
    let printable: Vec<char> = ('a'..='z')
        .chain('A'..='Z')
        .chain('0'..='9')
        .chain(" !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".chars())
        .collect();
    let screens: Vec<_> = SCREENS
        .iter()
        .filter(|(name, _)| !name.starts_with("confirm_"))
        .collect();
    std::thread::scope(|scope| {
        for half in screens.chunks(screens.len().div_ceil(2)) {
            let printable = &printable;
            scope.spawn(move || {
                for (name, keys) in half {
                    let context = {
                        let dir = desk();
                        let mut app = app(&dir, Lang::Nl);
                        press(&mut app, keys);
                        app.context()
                    };
                    let tried = printable.iter().filter(|c| {
                        let event = KeyEvent::new(KeyCode::Char(**c), KeyModifiers::NONE);
                        let bound = !matches!(
                            keymap::resolve(context, &event),
                            None | Some(Action::Type(_))
                        );
                        bound || "aZ5?@ ".contains(**c)
                    });
                    for c in tried {
                        let dir = desk();
                        let mut app = app(&dir, Lang::Nl);
                        press(&mut app, keys);
                        let before = fingerprint(&app);
                        let key = if *c == '<' {
                            "<lt>".to_string()
                        } else {
                            c.to_string()
                        };
                        press(&mut app, &key);
                        assert_eq!(
                            fingerprint(&app),
                            before,
                            "on {name}, the key {c:?} changed the store"
                        );
                    }
                }
            });
        }
    });
}
