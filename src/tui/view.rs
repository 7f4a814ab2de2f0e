//! Draws the whole window from the app state; no I/O, no changes.

use super::app::App;
use super::screens::{search, status};
use crate::text::T;
use crate::text::terminal::safe_cell;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use std::borrow::Cow;

/// Below this size the layout cannot show a usable screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(Line::styled(T::TooSmall.get(lang), theme.warning()), area);
        return;
    }
    // A long message (a sync report, an error with its place) gets the lines it needs.
    let status_height = app.message.as_ref().map_or(1, |m| {
        let width = usize::from(area.width.max(1));
        m.text.chars().count().div_ceil(width).clamp(1, 4) as u16
    });
    let [main, status_line] = area.layout(&Layout::vertical([
        Constraint::Min(0),
        Constraint::Length(status_height),
    ]));
    match app.views().last() {
        Some(view) => view.draw(app, frame, main),
        None => search::draw(app, frame, main),
    }
    if let Some(popup) = app.popup() {
        popup.draw(app, frame, main);
    }
    status::draw(app, frame, status_line);
    neutralise(frame);
}

/// Whatever a screen drew from an entry, a file name or a message, no cell
/// reaches the terminal with an escape code or a bidi override in it: the
/// one pass every screen, present and future, goes through.
fn neutralise(frame: &mut Frame) {
    for cell in frame.buffer_mut().content.iter_mut() {
        if let Cow::Owned(safe) = safe_cell(cell.symbol()) {
            cell.set_symbol(&safe);
        }
    }
}
