//! What the interface tests share: feeding keys and reading the screen.

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
