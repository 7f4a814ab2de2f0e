//! Nothing typed is lost: a half-typed note, proposal or entry form survives
//! the idle lock, F2, F4, Ctrl-L and going to another screen, and comes back
//! when the worker returns to it (issue 12).

mod support;
use support::{app_on, case_desk, press, screen_of};

use std::time::{Duration, Instant};
use wijkkaart::tui::app::{App, Overlay, Screen};

fn screen(app: &App) -> String {
    screen_of(app, 80, 24)
}

fn idle(app: &mut App) {
    app.lock_if_idle(Instant::now() + app.shared.lock_after + Duration::from_secs(1));
}

const NOTE: &str = "Moeder vertelt over de huurachterstand";

#[test]
fn a_half_typed_note_survives_the_idle_lock_and_comes_back_after_unlocking() {
    let dir = case_desk();
    let mut app = app_on(&dir);
    press(&mut app, &format!("<F2>piet-geheim<Enter><Enter>a{NOTE}"));
    idle(&mut app);
    assert!(app.session().is_none());
    let s = screen(&app);
    assert!(!s.contains(NOTE), "the lock hides the draft: {s}");
    // The draft is case data: it is not in the data dir in plaintext.
    for file in walk(dir.path()) {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !bytes.windows(NOTE.len()).any(|w| w == NOTE.as_bytes()),
            "{} holds the draft in plaintext",
            file.display()
        );
    }
    press(&mut app, "<F2>piet-geheim<Enter>");
    assert_eq!(app.screen(), Screen::Case, "back where the worker was");
    assert_eq!(app.overlay(), Some(Overlay::CaseForm));
    assert!(screen(&app).contains(NOTE), "{}", screen(&app));
    press(&mut app, " en de post<Enter><Enter>");
    let notes: Vec<String> = app
        .unlocked()
        .expect("unlocked")
        .cases
        .iter()
        .flat_map(|c| c.notes.iter().map(|n| n.text.clone()))
        .collect();
    assert_eq!(notes, [format!("{NOTE} en de post")]);
}

#[test]
fn ctrl_l_and_f4_keep_a_proposal_for_the_same_worker_only() {
    let dir = case_desk();
    let mut app = app_on(&dir);
    press(
        &mut app,
        "<F2>piet-geheim<Enter><Enter>pLeergeld voor de zwemles",
    );
    press(&mut app, "<C-l>");
    assert!(app.session().is_none());
    press(&mut app, "<F2>piet-geheim<Enter>");
    assert!(
        screen(&app).contains("Leergeld voor de zwemles"),
        "{}",
        screen(&app)
    );
    // F4 hands the laptop to a colleague: she does not get piet's draft...
    press(&mut app, "<F4>");
    press(&mut app, "<C-u>carla<Tab>carla-geheim<Enter>");
    assert!(app.session().is_some());
    press(&mut app, "<Enter>");
    assert!(!screen(&app).contains("Leergeld voor de zwemles"));
    // ... and piet gets it back when he unlocks again.
    press(&mut app, "<F4><C-u>piet<Tab>piet-geheim<Enter>");
    assert!(
        screen(&app).contains("Leergeld voor de zwemles"),
        "{}",
        screen(&app)
    );
}

#[test]
fn the_entry_form_survives_f2_f4_ctrl_l_and_the_idle_lock() {
    let dir = case_desk();
    let mut app = app_on(&dir);
    press(&mut app, "<C-n>Buurthuis De Boog");
    for keys in ["<F2><Esc>", "<F3><Esc>", "<F4><Esc>", "<C-l>"] {
        press(&mut app, keys);
        assert_eq!(app.screen(), Screen::Form, "after {keys}");
        assert!(screen(&app).contains("Buurthuis De Boog"), "after {keys}");
    }
    // Unlocked, to the cases and back: the form is still under them.
    press(&mut app, "<F2>piet-geheim<Enter>");
    assert_eq!(app.screen(), Screen::Cases);
    idle(&mut app);
    assert_eq!(app.screen(), Screen::Form);
    assert!(
        screen(&app).contains("Buurthuis De Boog"),
        "{}",
        screen(&app)
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = item.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn esc_keeps_a_half_typed_note_for_its_case_and_quitting_asks() {
    let dir = case_desk();
    let mut app = app_on(&dir);
    press(
        &mut app,
        &format!("<F2>piet-geheim<Enter><Enter>a{NOTE}<Esc>"),
    );
    assert_eq!(app.overlay(), None);
    assert!(screen(&app).contains("concept bewaard"), "{}", screen(&app));
    // Away to the case list and the map, and back: the note is still there.
    press(&mut app, "<Esc><Esc><F2><Enter>a");
    assert!(screen(&app).contains(NOTE), "{}", screen(&app));
    press(&mut app, "<Esc>");
    press(&mut app, "<Esc><Esc><C-q>");
    assert!(!app.quit, "quitting would lose the draft");
    assert_eq!(app.overlay(), Some(Overlay::Confirm));
    // Sent, the draft is gone: the next note starts empty and quitting does not ask.
    press(&mut app, "<Esc><F2><Enter>a<Enter><Enter>a");
    assert!(!screen(&app).contains(NOTE), "{}", screen(&app));
    press(&mut app, "<Esc><Esc><Esc><C-q>");
    assert!(app.quit);
}

#[test]
fn an_untouched_proposal_form_is_no_unsaved_work() {
    let dir = case_desk();
    let mut app = app_on(&dir);
    // The form opens with "nee" for a personal bond: that is not typed work.
    press(&mut app, "<F2>piet-geheim<Enter><Enter>p<C-c>");
    assert!(app.quit, "{}", screen(&app));
}
