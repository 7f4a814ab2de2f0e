//! The help overlay: every key, per place, generated from the key map.

use crate::text::T;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::{self, Context};
use crate::tui::text::context_label;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::cell::Cell;

#[derive(Debug)]
pub struct HelpState {
    /// Where help was asked for: its keys come first.
    pub from: Context,
    pub scroll: u16,
    /// The furthest scroll that still fills the window; fed back by drawing.
    max_scroll: Cell<u16>,
}

impl HelpState {
    pub fn from(context: Context) -> HelpState {
        HelpState {
            from: context,
            scroll: 0,
            max_scroll: Cell::new(0),
        }
    }

    /// The contexts in the order help lists them: where the worker is, what
    /// works everywhere, what that place shares with others, then the rest.
    pub fn order(&self) -> Vec<Context> {
        let mut order = vec![self.from, Context::Everywhere];
        order.extend(self.from.group());
        for context in Context::ALL {
            if !order.contains(&context) {
                order.push(context);
            }
        }
        order
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let scroll = match action {
            Action::Back => return Effect::Close,
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::PageUp => self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll.saturating_add(10),
            Action::Home => 0,
            Action::End => u16::MAX,
            _ => self.scroll,
        };
        self.scroll = scroll.min(self.max_scroll.get());
        Effect::None
    }
}

/// The help text: a heading per place, then "keys  what they do".
pub fn lines(app: &App, state: &HelpState) -> Vec<Line<'static>> {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let mut out = Vec::new();
    for context in state.order() {
        out.push(Line::styled(context_label(context, lang), theme.heading()));
        for b in keymap::bindings(context) {
            out.push(Line::from(vec![
                Span::styled(format!("  {:<14}", keymap::keys_text(b, lang)), theme.key()),
                Span::raw(b.describe(lang)),
            ]));
        }
    }
    out.push(Line::raw(""));
    for legend in T::HelpLegend.get(lang).lines() {
        out.push(Line::styled(legend, theme.dim()));
    }
    out
}

pub fn draw(app: &App, state: &HelpState, frame: &mut Frame, area: Rect) {
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(64)]).flex(Flex::Center));
    let [popup] =
        column.layout(&Layout::vertical([Constraint::Percentage(100)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::Help.get(app.shared.lang)),
        app.shared.theme.title(),
    ));
    let lines = lines(app, state);
    let visible = block.inner(popup).height;
    let max = (lines.len() as u16).saturating_sub(visible);
    state.max_scroll.set(max);
    let scroll = state.scroll.min(max);
    frame.render_widget(
        Paragraph::new(lines).block(block).scroll((scroll, 0)),
        popup,
    );
}
