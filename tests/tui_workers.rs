//! The worker list and the policies in the interface: the first-run
//! enrolment from F2, enrolment by two with the passphrase typed twice, a
//! change and a removal (re-keying) by two, the budget limit and the idle
//! lock by two, and refusals: a passphrase typed differently, one worker
//! alone. Each is driven by keys on a test terminal, in the app that holds
//! the data dir open.

mod support;
use support::{app_on, case_desk, fixture, press, screen_of, today};

use std::time::Duration;
use tempfile::TempDir;
use wijkkaart::cases::book::CaseBook;
use wijkkaart::map::edit::Worker;
use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::{App, Overlay, Screen};
use wijkkaart::tui::theme::Theme;

fn screen(app: &App) -> String {
    screen_of(app, 100, 30)
}

/// Unlocked as piet, on the workers screen.
fn on_workers(dir: &TempDir) -> App {
    let mut app = app_on(dir);
    press(&mut app, "<F2>piet-geheim<Enter>w");
    assert_eq!(app.screen(), Screen::Workers, "{}", screen(&app));
    app
}

/// What a refused form could have changed: the worker list, the policies
/// and the decision log (checked whole, counted), read through the app's
/// own store handle.
fn state(app: &App) -> (String, u64, u64, usize) {
    let book = CaseBook::open(app.store()).expect("book");
    let s = book.unlock("piet", "piet-geheim").expect("piet unlocks");
    assert_eq!(
        book.verify_log(&s).expect("verify"),
        None,
        "the log verifies"
    );
    (
        format!("{:?}", book.roll()),
        book.budget_cents(),
        book.lock_minutes(),
        book.log(&s).expect("log").len(),
    )
}

fn error_line(app: &App) -> String {
    screen(app)
        .lines()
        .find(|l| l.contains("! "))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn f2_with_nobody_enrolled_enrols_the_first_worker_with_the_passphrase_typed_twice() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = Store::open(dir.path(), false).expect("store");
    store.merge(fixture(), |_, _| {}).expect("merge");
    store
        .set_worker(&Worker::new("piet", "Piet", "Welzijn Zuid").expect("worker"))
        .expect("set");
    let mut app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    press(&mut app, "<F2>");
    assert_eq!(app.overlay(), Some(Overlay::CaseForm));
    let s = screen(&app);
    assert!(s.contains("Eerste medewerker inschrijven"), "{s}");
    assert!(s.contains("Welzijn Zuid") && s.contains("Nogmaals"), "{s}");
    // A typo in the second passphrase: refused, nobody enrolled.
    press(&mut app, "eerste-geheim<Tab>eerste-gehiem<Enter>");
    assert!(
        error_line(&app).contains("wachtwoordzinnen verschillen"),
        "{}",
        screen(&app)
    );
    assert!(!screen(&app).contains("geheim"), "passphrases never show");
    assert!(
        CaseBook::open(app.store())
            .expect("book")
            .workers()
            .is_empty()
    );
    press(&mut app, "<C-u>eerste-geheim<Enter>");
    assert_eq!(app.screen(), Screen::Cases, "{}", screen(&app));
    assert_eq!(app.session().map(|s| s.worker.id.as_str()), Some("piet"));
    let book = CaseBook::open(app.store()).expect("book");
    assert!(book.unlock("piet", "eerste-geheim").is_ok());
    drop(book);
    // With one enrolled, that one vouches with the newcomer: no second field.
    press(&mut app, "wn");
    let s = screen(&app);
    assert!(
        s.contains("Wachtwoordzin 1") && !s.contains("Medewerker 2"),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.contains("Medewerker 1 (id):") && l.contains("piet"))
    );
    press(
        &mut app,
        "carla<Tab>Carla<Tab>Wijkteam<Tab>carla-geheim<Tab>carla-geheim<Tab><Tab>eerste-geheim<Enter>",
    );
    assert_eq!(app.overlay(), None, "{}", screen(&app));
    let book = CaseBook::open(app.store()).expect("book");
    let carla = book
        .roll()
        .into_iter()
        .find(|r| r.worker.id == "carla")
        .expect("carla");
    assert_eq!(carla.vouches[0].by, ["piet", "carla"]);
}

#[test]
fn the_workers_screen_closes_with_the_case_screens() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    press(&mut app, "<F3><Esc>");
    assert_eq!(
        app.screen(),
        Screen::Search,
        "F3 opened afresh, nothing left under it"
    );
    press(&mut app, "<F2>w<C-l>");
    assert_eq!(app.screen(), Screen::Search, "locking closes it");
    assert_eq!(app.session().map(|s| s.worker.id.clone()), None);
}

#[test]
fn the_workers_screen_lists_organisations_and_who_vouched() {
    let dir = case_desk();
    let app = on_workers(&dir);
    let s = screen(&app);
    assert!(s.contains("Piet (piet) · Welzijn Zuid"), "{s}");
    assert!(s.contains("Carla (carla) · Wijkteam"), "{s}");
    assert!(s.contains("ingeschreven door piet en carla"), "{s}");
    assert!(s.contains("€ 500,00") || s.contains("Noodbudget"), "{s}");
}

#[test]
fn two_workers_enrol_a_third_on_one_form() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    press(&mut app, "n");
    let s = screen(&app);
    assert!(s.contains("Medewerker 2") && s.contains("Nogmaals"), "{s}");
    press(
        &mut app,
        "tom<Tab>Tom<Tab>Politie<Tab>tom-geheim<Tab>tom-geheim<Tab><Tab>piet-geheim<Tab>carla<Tab>carla-geheim<Enter>",
    );
    assert_eq!(app.overlay(), None, "{}", screen(&app));
    let s = screen(&app);
    assert!(s.contains("Tom (tom) · Politie"), "{s}");
    let book = CaseBook::open(app.store()).expect("book");
    let tom = book
        .roll()
        .into_iter()
        .find(|r| r.worker.id == "tom")
        .expect("tom");
    assert_eq!(tom.vouches[0].by, ["piet", "carla"]);
    assert!(book.unlock("tom", "tom-geheim").is_ok());
    state(&app);
}

#[test]
fn a_passphrase_typed_differently_or_one_worker_alone_enrols_nobody() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    let before = state(&app);
    press(
        &mut app,
        "ntom<Tab>Tom<Tab>Politie<Tab>tom-geheim<Tab>tom-gehiem<Tab><Tab>piet-geheim<Tab>carla<Tab>carla-geheim<Enter>",
    );
    assert!(
        error_line(&app).contains("wachtwoordzinnen verschillen"),
        "{}",
        screen(&app)
    );
    assert_eq!(state(&app), before);
    // Piet alone (no second worker): refused with the command line's reason.
    press(&mut app, "<Esc>");
    press(
        &mut app,
        "ntom<Tab>Tom<Tab>Politie<Tab>tom-geheim<Tab>tom-geheim<Tab><Tab>piet-geheim<Enter><Enter><Enter>",
    );
    let line = error_line(&app);
    assert!(
        line.contains("geweigerd: dit doen twee verschillende"),
        "{}",
        screen(&app)
    );
    assert_eq!(state(&app), before);
    // Piet twice is one worker, not two.
    press(&mut app, "<Up><C-u>piet<Tab><C-u>piet-geheim<Enter>");
    assert!(error_line(&app).contains("geweigerd"), "{}", screen(&app));
    assert_eq!(state(&app), before);
    // A wrong passphrase of the second.
    press(&mut app, "<Up><C-u>carla<Tab><C-u>fout-geheim<Enter>");
    assert!(
        error_line(&app).contains("verkeerde wachtwoordzin"),
        "{}",
        screen(&app)
    );
    assert_eq!(state(&app), before);
}

#[test]
fn two_workers_change_a_name_and_organisation() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    press(
        &mut app,
        "<Down>e<C-u>Carla B.<Tab><C-u>Buurtteam<Tab><Tab>piet-geheim<Tab>carla<Tab>carla-geheim<Enter>",
    );
    assert_eq!(app.overlay(), None, "{}", screen(&app));
    assert!(screen(&app).contains("Carla B. (carla) · Buurtteam"));
    let book = CaseBook::open(app.store()).expect("book");
    assert_eq!(
        book.worker("carla").expect("carla").organisation,
        "Buurtteam"
    );
    // The rule's context on screen follows.
    let orgs = &app.unlocked().expect("unlocked").organisations;
    assert_eq!(orgs.get("carla").map(String::as_str), Some("Buurtteam"));
}

#[test]
fn two_workers_remove_one_and_the_case_data_gets_new_keys() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    let old_slot = std::fs::read(dir.path().join("vault.bin")).expect("vault");
    press(&mut app, "<Down>x");
    let s = screen(&app);
    assert!(
        s.contains("Carla (carla) uitschrijven?"),
        "the question names the worker: {s}"
    );
    press(&mut app, "piet-geheim<Tab>carla<Tab>carla-geheim<Enter>");
    assert_eq!(app.overlay(), None, "{}", screen(&app));
    assert!(!screen(&app).contains("Carla (carla)"));
    let book = CaseBook::open(app.store()).expect("book");
    assert!(book.worker("carla").is_none());
    assert!(book.unlock("carla", "carla-geheim").is_err());
    assert_ne!(
        std::fs::read(dir.path().join("vault.bin")).expect("vault"),
        old_slot
    );
    // Piet took part: the app goes on with his renewed session, cases readable.
    press(&mut app, "<Esc>");
    assert_eq!(app.screen(), Screen::Cases);
    assert!(
        screen(&app).contains("Fam. K., Moerwijk"),
        "{}",
        screen(&app)
    );
    state(&app);
}

#[test]
fn removing_the_worker_at_the_keyboard_locks_the_app() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    press(&mut app, "x");
    assert!(screen(&app).contains("Piet (piet) uitschrijven?"));
    // A voucher who is not enrolled: refused in the interface's words.
    press(&mut app, "piet-geheim<Tab>karla<Tab>carla-geheim<Enter>");
    assert!(
        error_line(&app).contains("karla is niet ingeschreven op deze laptop"),
        "{}",
        screen(&app)
    );
    press(&mut app, "<Up><C-u>carla<Tab><Enter>");
    assert_eq!(app.session().map(|s| s.worker.id.clone()), None, "locked");
    assert_eq!(app.screen(), Screen::Search);
    let s = screen(&app);
    assert!(
        s.contains("piet uitgeschreven") && s.contains("ontgrendel opnieuw"),
        "{s}"
    );
    let book = CaseBook::open(app.store()).expect("book");
    assert!(book.unlock("piet", "piet-geheim").is_err());
    let carla = book
        .unlock("carla", "carla-geheim")
        .expect("carla opens the new keys");
    assert_eq!(book.verify_log(&carla).expect("verify"), None);
    assert_eq!(book.cases(&carla).expect("cases").len(), 1);
}

#[test]
fn the_budget_limit_and_the_idle_lock_change_by_two_and_never_by_one() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    let before = state(&app);
    // One worker alone: refused, nothing written.
    press(
        &mut app,
        "b<C-u>1000<Tab><Tab>piet-geheim<Enter><Enter><Enter>",
    );
    assert!(
        error_line(&app).contains("geweigerd: het noodbudget en de vergrendeltijd"),
        "{}",
        screen(&app)
    );
    assert_eq!(state(&app), before);
    press(&mut app, "<Up><C-u>carla<Tab>carla-geheim<Enter>");
    assert_eq!(app.overlay(), None, "{}", screen(&app));
    assert_eq!(
        CaseBook::open(app.store()).expect("book").budget_cents(),
        100_000
    );
    assert!(screen(&app).contains("€ 1.000,00"), "{}", screen(&app));
    press(
        &mut app,
        "l<C-u>10<Tab><Tab>piet-geheim<Tab>carla<Tab>carla-geheim<Enter>",
    );
    assert_eq!(app.overlay(), None, "{}", screen(&app));
    assert_eq!(
        CaseBook::open(app.store()).expect("book").lock_minutes(),
        10
    );
    assert_eq!(app.shared.lock_after, Duration::from_secs(600));
    let after = state(&app);
    assert_eq!(after.3, before.3 + 4, "two records a decision");
}

#[test]
fn a_budget_by_two_of_one_organisation_is_refused() {
    let dir = case_desk();
    let mut app = on_workers(&dir);
    // Enrol tess of piet's organisation, then try the limit with her.
    press(
        &mut app,
        "ntess<Tab>Tess<Tab>Welzijn Zuid<Tab>tess-geheim<Tab>tess-geheim<Tab><Tab>piet-geheim<Tab>carla<Tab>carla-geheim<Enter>",
    );
    let before = state(&app);
    press(
        &mut app,
        "b<C-u>1000<Tab><Tab>piet-geheim<Tab>tess<Tab>tess-geheim<Enter>",
    );
    let s = screen(&app);
    assert!(
        s.contains("! geweigerd: het noodbudget verandert alleen"),
        "{s}"
    );
    assert_eq!(state(&app), before);
}
