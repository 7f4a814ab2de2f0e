//! A one-line question: the shared folder, a file to import or to export to.

use crate::text::T;
use crate::tui::app::App;
use crate::tui::textfield::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

/// What the answer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    SyncFolder,
    ImportPath,
    ExportPath,
}

#[derive(Debug)]
pub struct Prompt {
    pub ask: Ask,
    pub field: TextField,
    /// A line under the field, such as how many entries an export will hold.
    pub note: String,
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(prompt) = &app.prompt else { return };
    let (lang, theme) = (app.lang, app.theme);
    let title = match prompt.ask {
        Ask::SyncFolder => T::SyncFolder,
        Ask::ImportPath => T::ImportPath,
        Ask::ExportPath => T::ExportPath,
    };
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(76)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(4)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", title.get(lang)),
        theme.title(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let (shown, col) = prompt.field.window(inner.width.saturating_sub(1) as usize);
    let lines = vec![
        Line::raw(shown),
        Line::styled(prompt.note.as_str(), theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines), inner);
    frame.set_cursor_position(Position::new(inner.x + col as u16, inner.y));
}
