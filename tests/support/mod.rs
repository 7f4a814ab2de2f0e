//! What the interface tests share: the day, the invented map, a desk with
//! two enrolled workers, feeding keys and reading the screen. (Not every
//! test file uses every helper.)

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;
use wijkkaart::tui::app::App;
use wijkkaart::tui::{keys, view};

/// Feeds keys through the same key map the real loop uses, running any job they start.
pub fn press(app: &mut App, keys: &str) {
    for key in keys::parse(keys) {
        app.handle_event(&Event::Key(key));
        app.run_jobs();
    }
}

/// Draws the app on a test terminal.
pub fn terminal(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| view::draw(app, f)).expect("draws");
    terminal
}

/// The screen as text, one line per row, trailing blanks trimmed.
#[allow(dead_code)]
pub fn screen_of(app: &App, width: u16, height: u16) -> String {
    let terminal = terminal(app, width, height);
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// "Today" in every interface test, so that screens do not change with the date.
#[allow(dead_code)]
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 29).expect("date")
}

/// The invented test map.
#[allow(dead_code)]
pub fn fixture() -> Vec<wijkkaart::map::entry::Entry> {
    wijkkaart::map::file::parse(include_str!("../fixtures/small.toml"))
        .expect("fixture parses")
        .entries
}

/// Makes piet (Welzijn Zuid) this laptop's worker, enrols him and carla
/// (Wijkteam) for case work, and opens one case; returns its id.
#[allow(dead_code)]
pub fn enrol_piet_and_carla(store: &wijkkaart::store::Store) -> String {
    use wijkkaart::cases::book::{CaseBook, Enrolled};
    store
        .set_worker(
            &wijkkaart::map::edit::Worker::new("piet", "Piet", "Welzijn Zuid").expect("worker"),
        )
        .expect("set");
    let mut book = CaseBook::open(store).expect("book");
    let piet = Enrolled {
        id: "piet".into(),
        name: "Piet".into(),
        organisation: "Welzijn Zuid".into(),
    };
    book.enrol(&piet, "piet-geheim", &[], chrono::Utc::now())
        .expect("piet");
    let s = book.unlock("piet", "piet-geheim").expect("unlock");
    let carla = Enrolled {
        id: "carla".into(),
        name: "Carla".into(),
        organisation: "Wijkteam".into(),
    };
    book.enrol(&carla, "carla-geheim", &[&s], chrono::Utc::now())
        .expect("carla");
    book.new_case(&s, "Fam. K., Moerwijk", "Moerwijk", chrono::Utc::now())
        .expect("case")
}

/// A data dir with the invented map, piet (this laptop's worker) and carla
/// enrolled, and one case.
#[allow(dead_code)]
pub fn case_desk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tmp");
    let store = wijkkaart::store::Store::open(dir.path(), false).expect("store");
    store.merge(fixture(), |_, _| {}).expect("merge");
    enrol_piet_and_carla(&store);
    dir
}

/// The app, in Dutch and without colour, on a data dir made earlier.
#[allow(dead_code)]
pub fn app_on(dir: &tempfile::TempDir) -> App {
    let store = wijkkaart::store::Store::open(dir.path(), false).expect("store");
    App::new(
        store,
        wijkkaart::text::Lang::Nl,
        wijkkaart::tui::theme::Theme::plain(),
        today(),
    )
    .expect("app")
}
