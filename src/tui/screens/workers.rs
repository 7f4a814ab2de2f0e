//! The workers screen: who is enrolled on this laptop, with organisation and
//! who vouched for them, and the two policies two workers change together
//! (the emergency budget's limit and the idle lock). Every change opens a
//! form that takes two passphrases; this screen only chooses.

use super::ListCursor;
use crate::cases::book::Roll;
use crate::cases::model::euros;
use crate::text::{C, vouch_line};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::text::W;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

/// The roll as read from the case book, and the selection in it.
#[derive(Debug, Default)]
pub struct WorkersState {
    pub roll: Vec<Roll>,
    pub cursor: ListCursor,
    pub budget_cents: u64,
    pub lock_minutes: u64,
}

impl WorkersState {
    /// The selected worker, for a change or a removal.
    pub fn selected(&self) -> Option<&Roll> {
        self.roll.get(self.cursor.selected)
    }

    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Back => return Effect::Pop,
            Action::Up => self.cursor.step(-1, self.roll.len()),
            Action::Down => self.cursor.step(1, self.roll.len()),
            Action::EnrolWorker
            | Action::EditWorker
            | Action::RemoveWorker
            | Action::SetBudget
            | Action::SetLockMinutes => return Effect::App(action),
            _ => {}
        }
        Effect::None
    }
}

pub fn draw(app: &App, state: &WorkersState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", W::Workers.get(lang)),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [policy, list_area] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
    ]));
    // The two policies, each with the key that changes it.
    let policy_lines = vec![
        Line::from(vec![
            Span::styled("b ", theme.dim()),
            Span::styled(format!("{}: ", C::Budget.get(lang)), theme.label()),
            Span::raw(euros(state.budget_cents)),
        ]),
        Line::from(vec![
            Span::styled("l ", theme.dim()),
            Span::styled(format!("{} ", W::IdleLock.get(lang)), theme.label()),
            Span::raw(format!("{} min", state.lock_minutes)),
        ]),
    ];
    frame.render_widget(Paragraph::new(policy_lines), policy);
    if state.roll.is_empty() {
        frame.render_widget(Paragraph::new(W::NoWorkers.get(lang)), list_area);
        return;
    }
    // Two rows a worker: who, then who vouched.
    let rows = (list_area.height as usize / 2).max(1);
    let offset = state.cursor.window(rows, state.roll.len());
    let items: Vec<ListItem> = state
        .roll
        .iter()
        .skip(offset)
        .take(rows)
        .map(|r| {
            let w = &r.worker;
            let vouches: Vec<String> = r.vouches.iter().map(|v| vouch_line(v, lang)).collect();
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(w.name.clone(), theme.heading()),
                    Span::raw(format!(" ({}) · {}", w.id, w.organisation)),
                ]),
                Line::styled(format!("  {}", vouches.join("; ")), theme.dim()),
            ])
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut list_state =
        ListState::default().with_selected(Some(state.cursor.selected.saturating_sub(offset)));
    frame.render_stateful_widget(list, list_area, &mut list_state);
}
