//! Keeping the map alive from the interface: identity, new, edit, delete,
//! verify, undo, conflicts, staleness and sharing, driven by keys on a
//! `TestBackend` over a real data dir.

mod support;
use support::{fixture, press, screen_of, today};

use tempfile::TempDir;
use wijkkaart::map::edit::{Worker, stamp};
use wijkkaart::map::entry::Entry;
use wijkkaart::map::file;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::{App, Overlay, Screen};
use wijkkaart::tui::theme::Theme;

/// A data dir with the fixture, optionally with a worker, and an app on it.
fn app(worker: Option<&Worker>) -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store");
    store.merge(fixture(), |_, _| {}).expect("merge");
    if let Some(w) = worker {
        store.set_worker(w).expect("worker");
    }
    let app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    (dir, app)
}

fn anna() -> Worker {
    Worker::new("anna", "Anna", "Stichting Voorbeeld").expect("valid worker")
}

fn screen(app: &App) -> String {
    screen_of(app, 80, 24)
}

/// What is stored now for an id, read back from disk after the app is gone.
fn stored(dir: &TempDir, app: App, id: &str) -> Option<wijkkaart::map::merge::Record> {
    drop(app);
    let store = Store::open(dir.path(), false).expect("reopen");
    store.record(id).expect("read")
}

/// A new entry, whose id is its name's slug and a random suffix.
fn stored_new(dir: &TempDir, app: App, slug: &str) -> Option<wijkkaart::map::merge::Record> {
    drop(app);
    let store = Store::open(dir.path(), false).expect("reopen");
    let prefix = format!("{slug}-");
    store
        .records()
        .expect("read")
        .into_iter()
        .find(|r| r.id().starts_with(&prefix) && r.id().len() == prefix.len() + 6)
}

/// The count of this laptop's worker in a clock: its replica id is `anna.<6 chars>`.
fn annas(clock: &wijkkaart::map::clock::Clock) -> u64 {
    clock
        .0
        .iter()
        .find(|(r, _)| r.starts_with("anna."))
        .map_or(0, |(_, n)| *n)
}

#[test]
fn the_first_edit_asks_who_you_are_then_goes_on() {
    let (dir, mut app) = app(None);
    press(&mut app, "<C-n>");
    assert_eq!(app.overlay(), Some(Overlay::Identity));
    assert!(screen(&app).contains("Wie ben je?"));
    // A bad id is explained, not accepted.
    press(&mut app, "Anna B<Tab>Anna<C-s>");
    assert!(screen(&app).contains("mag alleen a-z"), "{}", screen(&app));
    press(&mut app, "<Up><C-u>anna<Tab><Tab>Stichting Voorbeeld<C-s>");
    assert_eq!(app.overlay(), None);
    assert_eq!(
        app.shared.worker.as_ref().map(|w| w.id.as_str()),
        Some("anna")
    );
    // ... and the new-entry form it was asked for is open.
    assert_eq!(app.screen(), Screen::Form);
    drop(app);
    let store = Store::open(dir.path(), false).expect("reopen");
    assert_eq!(
        store.worker().expect("read").map(|w| w.name),
        Some("Anna".into())
    );
}

#[test]
fn a_new_entry_is_validated_saved_and_found() {
    let (dir, mut app) = app(Some(&anna()));
    press(&mut app, "<C-n>");
    assert!(screen(&app).contains("Nieuwe vermelding"));
    // Saving without a name or domain says what is missing, in words.
    press(&mut app, "<C-s>");
    let s = screen(&app);
    assert!(
        s.contains("de naam is leeg") && app.screen() == Screen::Form,
        "{s}"
    );
    press(&mut app, "Buurthuis De Boog<Tab>");
    // Kind: Space cycles (initiative → service).
    press(&mut app, " <Tab>");
    // Domains: Enter opens the picker; Space toggles; Enter closes.
    press(&mut app, "<Enter><Down><Down> <Enter>");
    let s = screen(&app);
    assert!(
        s.contains("Tijdsbesteding") && s.contains("Voorziening"),
        "{s}"
    );
    press(
        &mut app,
        "<Tab>Welzijn Voorbeeld<Tab><Tab>Inloop voor iedereen<Tab>Laak, Moerwijk<C-s>",
    );
    assert_eq!(app.screen(), Screen::Search);
    assert!(
        screen(&app).contains("opgeslagen: Buurthuis De Boog"),
        "the message names the entry"
    );
    press(&mut app, "boog");
    assert!(screen(&app).contains("Buurthuis De Boog"));
    let record = stored_new(&dir, app, "buurthuis-de-boog").expect("saved to disk");
    let e = record.entry();
    assert_eq!(e.areas, ["Laak", "Moerwijk"]);
    assert_eq!(annas(&e.clock), 1);
    assert_eq!(e.updated_by, "anna");
    assert_eq!(e.kind, wijkkaart::map::domain::Kind::Service);
}

#[test]
fn a_new_key_figure_is_private_by_default() {
    let (dir, mut app) = app(Some(&anna()));
    // Kind cycles initiative → service → key figure.
    press(&mut app, "<C-n>Buurtvader<Tab>  <Tab><Enter> <Enter><C-s>");
    let record = stored_new(&dir, app, "buurtvader").expect("saved");
    assert!(record.entry().private);
}

#[test]
fn editing_bumps_the_clock_and_escape_asks_before_throwing_away() {
    let (dir, mut app) = app(Some(&anna()));
    press(&mut app, "taalcafé<C-e>");
    assert_eq!(app.screen(), Screen::Form);
    press(&mut app, "<End> Moerwijk");
    press(&mut app, "<Esc>");
    assert_eq!(app.overlay(), Some(Overlay::Confirm));
    assert!(screen(&app).contains("Wijzigingen weggooien?"));
    press(&mut app, "n");
    assert_eq!(app.screen(), Screen::Form, "no keeps the form");
    press(&mut app, "<C-s>");
    assert!(screen(&app).contains("Taalcafé Testwijk Moerwijk"));
    let record = stored(&dir, app, "taalcafe-testwijk").expect("kept");
    assert_eq!(record.versions()[0].name, "Taalcafé Testwijk Moerwijk");
    assert_eq!(annas(&record.entry().clock), 1);
    assert_eq!(
        record.entry().written.keys().collect::<Vec<_>>(),
        ["name"],
        "the edit's dot goes to the field it changed"
    );
}

#[test]
fn escape_without_changes_just_closes() {
    let (_dir, mut app) = app(Some(&anna()));
    press(&mut app, "taal<C-e><Esc>");
    assert_eq!(app.screen(), Screen::Search);
    assert_eq!(app.overlay(), None);
}

#[test]
fn delete_asks_first_and_undo_brings_it_back() {
    let (dir, mut app) = app(Some(&anna()));
    press(&mut app, "wijkagent<C-d>");
    assert!(screen(&app).contains("'Wijkagent Testwijk' verwijderen?"));
    press(&mut app, "n");
    assert!(screen(&app).contains("Wijkagent Testwijk"));
    press(&mut app, "<C-d>j");
    let s = screen(&app);
    assert!(
        s.contains("verwijderd: Wijkagent Testwijk") && s.contains("0 van 5"),
        "{s}"
    );
    press(&mut app, "<C-z>");
    let s = screen(&app);
    assert!(
        s.contains("ongedaan gemaakt: Wijkagent Testwijk") && s.contains("1 van 6"),
        "{s}"
    );
    let record = stored(&dir, app, "wijkagent-testwijk").expect("stored");
    assert!(!record.is_deleted());
    assert_eq!(
        annas(&record.entry().clock),
        2,
        "undo is an edit of its own"
    );
}

#[test]
fn verify_marks_the_details_checked_today() {
    let (dir, mut app) = app(Some(&anna()));
    press(&mut app, "schuldhulp<Tab>");
    assert!(screen(&app).contains("? niet geverifieerd"));
    press(&mut app, "v");
    assert!(
        app.search.query.ends_with('v') && screen(&app).contains("? niet geverifieerd"),
        "a letter in the list is a search, never a stamp in the worker's name"
    );
    press(&mut app, "<BS><C-k>");
    let s = screen(&app);
    assert!(s.contains("vandaag geverifieerd (2026-11-29,"), "{s}");
    let record = stored(&dir, app, "schuldhulp-voorbeeldstad").expect("stored");
    assert_eq!(record.versions()[0].verified, Some(today()));
}

#[test]
fn the_upkeep_filter_shows_stale_entries_oldest_first() {
    let (_dir, mut app) = app(Some(&anna()));
    press(&mut app, "<Tab><C-o>");
    let s = screen(&app);
    assert!(
        s.contains("[te controleren]") && s.contains("6 van 6"),
        "{s}"
    );
    // Never-verified entries come before the one checked 14 months ago.
    let last = app
        .search
        .hits
        .last()
        .map(|&h| app.shared.index.doc(h).entry.id.clone());
    assert_eq!(last.as_deref(), Some("budgetcafe-testwijk"));
    press(&mut app, "budget<C-k><Esc><Esc><C-o>");
    assert!(
        screen(&app).contains("5 van 6"),
        "a fresh check drops out:\n{}",
        screen(&app)
    );
}

#[test]
fn own_organisation_is_marked_but_not_favoured() {
    let (_dir, mut app) = app(Some(&anna()));
    press(&mut app, "budget");
    assert!(screen(&app).contains("● eigen organisatie"));
    let (_dir2, mut other) = self::app(None);
    for a in [&mut app, &mut other] {
        press(a, "<C-u>nederlands");
    }
    let ids = |a: &App| {
        a.search
            .hits
            .iter()
            .map(|&h| a.shared.index.doc(h).entry.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&app), ids(&other));
    press(&mut app, "<C-u>schuld");
    press(&mut other, "<C-u>schuld");
    assert_eq!(ids(&app), ids(&other), "ranking ignores who is looking");
}

/// The fixture with one conflict: anna and bram set other opening hours of
/// the Taalcafé at the same time.
fn conflicted_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(dir.path(), false).expect("store");
    store.merge(fixture(), |_, _| {}).expect("merge");
    let base = fixture()
        .into_iter()
        .find(|e| e.id == "taalcafe-testwijk")
        .expect("entry");
    let now = chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("time");
    let before = wijkkaart::map::merge::Record::new(base.clone());
    let by = |worker: &'static str, replica: &'static str| wijkkaart::map::edit::Author {
        worker,
        replica,
    };
    let mine = stamp(
        Entry {
            hours: "di 19-21".into(),
            ..base.clone()
        },
        Some(&before),
        by("anna", "anna.aaaaaa"),
        now,
    );
    let theirs = stamp(
        Entry {
            hours: "wo 10-12".into(),
            ..base
        },
        Some(&before),
        by("bram", "bram.bbbbbb"),
        now,
    );
    store
        .merge(vec![mine, theirs], |_, _| {})
        .expect("conflict");
    (dir, store)
}

#[test]
fn a_conflict_is_shown_field_by_field_and_resolved_by_keeping_one_value() {
    let (dir, store) = conflicted_store();
    store.set_worker(&anna()).expect("worker");
    let mut app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    press(&mut app, "taal");
    assert!(screen(&app).contains("I! Taalcafé"), "{}", screen(&app));
    press(&mut app, "<Tab><F8>");
    assert!(
        screen(&app).contains("Taalcafé Testwijk") && screen(&app).contains("(Open)"),
        "{}",
        screen(&app)
    );
    press(&mut app, "<Enter>");
    let s = screen(&app);
    assert!(
        s.contains("› Open")
            && s.contains("1: di 19-21 (anna)")
            && s.contains("2: wo 10-12 (bram)"),
        "{s}"
    );
    assert!(
        !s.contains("Naam"),
        "fields not in conflict are not listed:\n{s}"
    );
    press(&mut app, "2");
    assert!(
        screen(&app).contains("Waarde 2 houden van 'Taalcafé Testwijk'"),
        "{}",
        screen(&app)
    );
    press(&mut app, "j");
    assert!(screen(&app).contains("Geen conflicten"), "{}", screen(&app));
    press(&mut app, "<Esc>");
    assert!(!screen(&app).contains("I! Taalcafé"));
    let record = stored(&dir, app, "taalcafe-testwijk").expect("stored");
    assert!(!record.is_conflicted());
    let kept = record.entry();
    assert_eq!(kept.hours, "wo 10-12");
    assert_eq!(
        (kept.clock.get("anna.aaaaaa"), kept.clock.get("bram.bbbbbb")),
        (1, 1),
        "covers both sides"
    );
    let resolution = kept.written.get("hours").expect("a new dot");
    assert_eq!(resolution.worker(), "anna");
}

#[test]
fn sync_and_import_from_the_interface_report_what_they_did() {
    let (_dir, mut app) = app(Some(&anna()));
    let shared = tempfile::tempdir().expect("shared");
    let colleague = "[map]\nformat = 1\n\n[[entry]]\nid = \"kledingbank-test\"\nkind = \"initiative\"\nname = \"Kledingbank Test\"\ndomains = [\"finances\"]\nclock = { bram = 1 }\n";
    std::fs::write(shared.path().join("bram.toml"), colleague).expect("write");
    std::fs::write(shared.path().join("kapot.toml"), "[map]\nformat = 9\n").expect("write");
    std::fs::write(shared.path().join("foto.jpg"), "not a map").expect("write");
    let path = shared.path().to_string_lossy().to_string();
    press(&mut app, &format!("<F5><C-u>{path}<Enter>"));
    let s = screen(&app);
    assert!(
        s.contains("1 nieuw")
            && s.contains("overgeslagen vanwege fouten")
            && s.contains("formaat 9"),
        "{s}"
    );
    let own: Vec<_> = std::fs::read_dir(shared.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("anna.") && n.ends_with(".toml"))
        .collect();
    assert_eq!(own.len(), 1, "this replica's own file: {own:?}");
    press(&mut app, "kleding");
    assert!(screen(&app).contains("Kledingbank Test"));
    // The folder is remembered for the next sync.
    press(&mut app, "<F5>");
    assert!(screen(&app).contains(&path[..20.min(path.len())]));
    press(&mut app, "<Esc>");
    // An import of a bad file changes nothing and says why, with the place.
    let bad = shared
        .path()
        .join("kapot.toml")
        .to_string_lossy()
        .to_string();
    press(&mut app, &format!("<F6>{bad}<Enter>"));
    let s = screen(&app);
    assert!(
        s.contains(":2:10:") && s.contains("niets geïmporteerd"),
        "{s}"
    );
}

/// A sync that brings in a look-alike of an entry on the map says so in its
/// message, with where to look.
#[test]
fn a_sync_that_brings_in_a_look_alike_says_so() {
    let (_dir, mut app) = app(Some(&anna()));
    let shared = tempfile::tempdir().expect("shared");
    let colleague = "[map]\nformat = 1\n\n[[entry]]\nid = \"taalcafe-testwijk-2\"\nkind = \"initiative\"\nname = \"Taalcafe Testwijk\"\ndomains = [\"daytime\"]\nareas = [\"Moerwijk\"]\nclock = { bram = 1 }\n";
    std::fs::write(shared.path().join("bram.toml"), colleague).expect("write");
    let path = shared.path().to_string_lossy().to_string();
    press(&mut app, &format!("<F5><C-u>{path}<Enter>"));
    let s = screen(&app);
    assert!(
        s.contains("1 nieuw") && s.contains("1 mogelijke") && s.contains("wijkkaart duplicates"),
        "{s}"
    );
}

#[test]
fn export_from_the_interface_follows_the_chips() {
    let (_dir, mut app) = app(Some(&anna()));
    let out = tempfile::tempdir().expect("out");
    let path = out.path().join("laak.toml");
    // Areas: all, Laak, Moerwijk, ...
    press(&mut app, "<C-w><Down><Enter>");
    assert!(screen(&app).contains("[@Laak]"));
    press(&mut app, &format!("<F7><C-u>{}<Enter>", path.display()));
    assert!(
        screen(&app).contains("3 vermeldingen geëxporteerd"),
        "{}",
        screen(&app)
    );
    let text = std::fs::read_to_string(&path).expect("written");
    let f = file::parse(&text).expect("valid file");
    assert_eq!(f.entries.len(), 3);
    assert_eq!(f.exported_by, "anna");
}

#[test]
fn export_writes_what_the_screen_shows_typed_words_included() {
    let (_dir, mut app) = app(Some(&anna()));
    let out = tempfile::tempdir().expect("out");
    let path = out.path().join("taal.toml");
    press(&mut app, "taal @moerwijk");
    let shown = app.search.hits.len();
    assert!(shown > 0 && shown < 6, "{}", screen(&app));
    press(&mut app, &format!("<F7><C-u>{}<Enter>", path.display()));
    let text = std::fs::read_to_string(&path).expect("written");
    let f = file::parse(&text).expect("valid file");
    assert_eq!(
        f.entries.len(),
        shown,
        "the export holds what was on screen"
    );
}

#[test]
fn the_conflict_view_speaks_the_interface_language() {
    let (_dir, store) = conflicted_store();
    let mut app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    press(&mut app, "<F8><Enter>");
    let s = screen(&app);
    assert!(
        s.contains("Open") && s.contains("Waarden · ↑↓ kiest"),
        "{s}"
    );
    assert!(!s.contains("hours") && !s.contains("Field"), "{s}");
}

#[test]
fn the_kind_moves_with_the_arrows_it_shows() {
    let (_dir, mut app) = app(Some(&anna()));
    press(&mut app, "<C-n><Tab>");
    assert!(screen(&app).contains("‹ Initiatief ›"));
    press(&mut app, "<Right>");
    assert!(screen(&app).contains("‹ Voorziening ›"), "{}", screen(&app));
    press(&mut app, "<Left>");
    assert!(
        screen(&app).contains("‹ Sleutelfiguur ›"),
        "{}",
        screen(&app)
    );
}

#[test]
fn chips_shorten_before_the_count_is_cut() {
    let (_dir, mut app) = app(Some(&anna()));
    // Areas: all, Laak, Moerwijk, Schilderswijk, ...
    press(
        &mut app,
        "<C-w><Down><Down><Down><Enter><C-t><C-o>#opvoeding",
    );
    let s = screen_of(&app, 60, 15);
    let top = s.lines().next().expect("top line");
    assert!(top.trim_end().ends_with("van 6"), "{top}");
}

#[test]
fn ctrl_c_asks_before_throwing_away_a_changed_form() {
    let (_dir, mut app) = app(Some(&anna()));
    press(&mut app, "taalcafé<C-e><End> Moerwijk<C-c>");
    assert!(!app.quit, "a changed form is not thrown away at once");
    assert!(screen(&app).contains("Afsluiten?"), "{}", screen(&app));
    press(&mut app, "n");
    assert_eq!(app.screen(), Screen::Form);
    assert!(screen(&app).contains("Taalcafé Testwijk Moerwijk"));
    press(&mut app, "<C-c>j");
    assert!(app.quit);
    let (_dir2, mut clean) = self::app(Some(&anna()));
    press(&mut clean, "taal<C-c>");
    assert!(clean.quit, "nothing typed to lose: Ctrl-C quits at once");
}

/// Merging by hand (`e` on a conflict) shows both versions: the form holds
/// the first value to edit, and the field's other values stand beside it.
#[test]
fn the_merge_form_shows_both_versions_of_a_conflicted_field() {
    let (_dir, store) = conflicted_store();
    store.set_worker(&anna()).expect("worker");
    let mut app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    press(&mut app, "taal<Tab><F8><Enter>e");
    let s = screen(&app);
    let line = s
        .lines()
        .find(|l| l.contains("di 19-21"))
        .unwrap_or_else(|| panic!("the first value is in the form:\n{s}"));
    assert!(
        line.contains("≠ wo 10-12"),
        "the other value beside it:\n{s}"
    );
    let name = s
        .lines()
        .find(|l| l.contains("Taalcafé Testwijk") && l.contains("Naam"));
    assert!(
        name.is_some_and(|l| !l.contains('≠')),
        "a field not in conflict shows no other value:\n{s}"
    );
    insta::assert_snapshot!("merge_form_nl_80x24", screen_of(&app, 80, 24));
    // At 60x15 the form scrolls to the conflicted field as the cursor reaches it.
    press(&mut app, &"<Tab>".repeat(13));
    insta::assert_snapshot!("merge_form_nl_60x15", screen_of(&app, 60, 15));
}

#[test]
fn a_saved_edit_is_found_by_its_new_word_at_once() {
    let (dir, mut app) = app(Some(&anna()));
    press(&mut app, "taalcafé<C-e><End> Kwispelhond<C-s>");
    assert_eq!(app.screen(), Screen::Search);
    press(&mut app, "<C-u>kwispelhond");
    let s = screen(&app);
    assert!(s.contains("Kwispelhond") && s.contains("1 van"), "{s}");
    // Deleted, it is gone from the results at once.
    press(&mut app, "<C-d>");
    assert_eq!(app.overlay(), Some(Overlay::Confirm));
    press(&mut app, "j<C-u>kwispelhond");
    let s = screen(&app);
    assert!(
        s.contains("Niets gevonden") && !s.contains("Kwispelhond"),
        "{s}"
    );
    // What the interface shows is what the store holds.
    drop(app);
    let store = Store::open(dir.path(), false).expect("reopen");
    let index = store.index(false).expect("index");
    assert!(
        index
            .search(&wijkkaart::map::query::Query::parse("kwispelhond"))
            .is_empty()
    );
}
