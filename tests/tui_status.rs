//! The status line tells what works in the current state (issue 12): on an
//! intervention it offers exactly the acts its state and the worker allow.

mod support;
use support::{enrol_piet_and_carla, fixture, press, screen_of, today};

use wijkkaart::store::Store;
use wijkkaart::text::Lang;
use wijkkaart::tui::app::{App, Screen};
use wijkkaart::tui::theme::Theme;

fn status_line(app: &App) -> String {
    screen_of(app, 100, 30)
        .lines()
        .last()
        .unwrap_or_default()
        .to_string()
}

#[test]
fn an_intervention_offers_what_its_state_allows() {
    let dir = tempfile::tempdir().expect("tmp");
    {
        let store = Store::open(dir.path(), false).expect("store");
        store.merge(fixture(), |_, _| {}).expect("merge");
        enrol_piet_and_carla(&store);
    }
    let store = Store::open(dir.path(), false).expect("store");
    let mut app = App::new(store, Lang::Nl, Theme::plain(), today()).expect("app");
    press(&mut app, "<F2>piet-geheim<Enter><Enter>p");
    press(
        &mut app,
        "Zwemles<Tab>Diploma A<Tab>120<Tab>#opvoeding<Enter><Enter>o<Enter>",
    );
    assert_eq!(app.screen(), Screen::Intervention);
    press(&mut app, "<Down>");
    // The proposer: no verdict on his own proposal, but he may change it.
    let s = status_line(&app);
    assert!(!s.contains("goedkeuren") && !s.contains("afwijzen"), "{s}");
    assert!(s.contains("e aanpassen"), "{s}");
    // The co-decider: the verdicts.
    press(
        &mut app,
        "<Esc><Esc><Esc><F4>carla<Tab>carla-geheim<Enter><F3><Enter><Down>",
    );
    let s = status_line(&app);
    assert!(
        s.contains("g goedkeuren") && s.contains("x afwijzen"),
        "{s}"
    );
    assert!(!s.contains("uitgevoerd"), "{s}");
    // Approved: carrying out is next, the verdicts are done.
    press(&mut app, "gprima<Tab>carla-geheim<Enter><Down>");
    let s = status_line(&app);
    assert!(s.contains("u uitgevoerd"), "{s}");
    assert!(!s.contains("goedkeuren") && !s.contains("toetsing"), "{s}");
    // Carried out: evaluating.
    press(&mut app, "u<C-u>2026-11-28<Tab>120<Enter><Down>");
    let s = status_line(&app);
    assert!(
        s.contains("v evalueren") && !s.contains("u uitgevoerd"),
        "{s}"
    );
}
