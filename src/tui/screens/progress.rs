//! The progress bar of a long sync or import.

use crate::text::{Lang, Say, T, say};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout};
use ratatui::widgets::{Block, Borders, Clear, Gauge};

pub fn draw(frame: &mut Frame, lang: Lang, done: usize, total: usize) {
    let area = frame.area();
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(60)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(3)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    let gauge = Gauge::default()
        .block(
            Block::new()
                .borders(Borders::ALL)
                .title(format!(" {} ", T::Working.get(lang))),
        )
        .ratio(ratio)
        .label(say(&Say::Progress { done, total }, lang));
    frame.render_widget(gauge, popup);
}
