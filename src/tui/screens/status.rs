//! The status line: the keys that work here, from the key map.

use crate::tui::app::App;
use crate::tui::keymap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    if let Some(message) = &app.message {
        let style = if message.warning {
            theme.warning()
        } else {
            theme.heading()
        };
        let text = Paragraph::new(message.text.as_str())
            .style(style)
            .wrap(Wrap { trim: false });
        frame.render_widget(text, area);
        return;
    }
    let mut spans = Vec::new();
    for b in keymap::bindings(app.context()).filter(|b| b.status) {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        let first = b
            .keys
            .first()
            .map(|k| keymap::key_name(k, lang))
            .unwrap_or_default();
        spans.push(Span::styled(first, theme.key()));
        spans.push(Span::raw(format!(" {}", b.describe_short(lang))));
    }
    frame.render_widget(Line::from(spans), area);
}
