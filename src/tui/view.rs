//! Draws the whole window from the app state; no I/O, no changes.

use super::app::{App, Overlay, Screen};
use super::screens::{
    areas, caseform, cases, confirm, conflicts, detail, domains, form, help, interventions, prompt,
    search, status,
};
use crate::text::T;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;

/// Below this size the layout cannot show a usable screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        frame.render_widget(
            Line::styled(T::TooSmall.get(app.lang), app.theme.warning()),
            area,
        );
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
    match app.screen {
        Screen::Search => search::draw(app, frame, main),
        Screen::Detail => detail::draw(app, frame, main),
        Screen::Domains => domains::draw(app, frame, main),
        Screen::Form => form::draw(app, frame, main),
        Screen::Conflicts => conflicts::draw_list(app, frame, main),
        Screen::Conflict => conflicts::draw_one(app, frame, main),
        Screen::Cases => cases::draw_list(app, frame, main),
        Screen::Case => cases::draw_case(app, frame, main),
        Screen::Interventions => interventions::draw_list(app, frame, main),
        Screen::Intervention => interventions::draw_one(app, frame, main),
    }
    match app.overlay {
        Some(Overlay::Help) => help::draw(app, frame, main),
        Some(Overlay::Areas) => areas::draw(app, frame, main),
        Some(Overlay::Identity) => form::draw_identity(app, frame, main),
        Some(Overlay::Confirm) => confirm::draw(app, frame, main),
        Some(Overlay::Prompt) => prompt::draw(app, frame, main),
        Some(Overlay::CaseForm) => caseform::draw(app, frame, main),
        Some(Overlay::Picker) => cases::draw_picker(app, frame, main),
        Some(Overlay::Reader) => cases::draw_reader(app, frame, main),
        None => {}
    }
    status::draw(app, frame, status_line);
}
