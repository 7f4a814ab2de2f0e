//! A text to read and scroll, such as the client's referral slip.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A text to read and scroll (the referral slip).
#[derive(Debug, Default)]
pub struct Reader {
    pub title: String,
    pub text: String,
    pub scroll: u16,
}

impl Reader {
    pub fn update(&mut self, action: Action) -> Effect {
        self.scroll = match action {
            Action::Back => return Effect::Close,
            Action::SaveSlip => return Effect::App(action),
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll.saturating_add(10),
            _ => self.scroll,
        };
        Effect::None
    }
}

pub fn draw(app: &App, reader: &Reader, frame: &mut Frame, area: Rect) {
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", reader.title),
        app.shared.theme.title(),
    ));
    frame.render_widget(
        Paragraph::new(reader.text.as_str())
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((reader.scroll, 0)),
        area,
    );
}
