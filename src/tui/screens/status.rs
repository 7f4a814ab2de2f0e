//! The status line: the keys that work here, from the key map.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::screens::{View, interventions};
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
    // Keys that fit, in the key map's order; help and the way back are the
    // last to go, so a key that did not fit is still one keystroke away.
    // On one intervention: exactly what its state and the worker allow.
    let offered = |action: Action| match app.views().last() {
        Some(View::Intervention(one)) if app.overlay().is_none() => {
            interventions::offers(app, &one.item, action)
        }
        _ => None,
    };
    let items: Vec<(String, String, u8)> = keymap::bindings(app.context())
        .filter(|b| offered(b.action).unwrap_or(b.status))
        .map(|b| {
            let key = b
                .keys
                .first()
                .map(|k| keymap::key_name(k, lang))
                .unwrap_or_default();
            let keep = match b.action {
                Action::Help => 2,
                Action::Back => 1,
                _ => 0,
            };
            (key, b.describe_short(lang).to_string(), keep)
        })
        .collect();
    let width = |items: &[&(String, String, u8)]| -> usize {
        items
            .iter()
            .map(|(k, d, _)| k.chars().count() + 1 + d.chars().count())
            .sum::<usize>()
            + 3 * items.len().saturating_sub(1)
    };
    let mut shown: Vec<&(String, String, u8)> = items.iter().collect();
    for level in 0..2 {
        while width(&shown) > usize::from(area.width) {
            match shown.iter().rposition(|(_, _, keep)| *keep <= level) {
                Some(i) => {
                    shown.remove(i);
                }
                None => break,
            }
        }
    }
    let mut spans = Vec::new();
    for (key, words, _) in shown {
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", theme.dim()));
        }
        spans.push(Span::styled(key.clone(), theme.key()));
        spans.push(Span::raw(format!(" {words}")));
    }
    frame.render_widget(Line::from(spans), area);
}
