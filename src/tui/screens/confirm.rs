//! A yes/no question before something that cannot be taken back lightly.

use crate::map::domain::LifeDomain;
use crate::text::{self, T};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// What a "yes" does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Delete the entry with this id (and name, for the question).
    Delete { id: String, name: String },
    /// Close the entry form without saving.
    Discard,
    /// Keep version `n` of a conflicted entry, as a new edit for everyone.
    Keep { n: u8, name: String },
    /// Quit although something typed is not saved.
    Quit,
    /// Set a self-sufficiency score of a case.
    Score {
        case_label: String,
        domain: LifeDomain,
        score: u8,
    },
}

impl Confirm {
    /// "Yes" is the app's to carry out; anything else that answers closes.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Yes => Effect::App(Action::Yes),
            Action::No | Action::Back => Effect::Close,
            _ => Effect::None,
        }
    }
}

pub fn draw(app: &App, confirm: &Confirm, frame: &mut Frame, area: Rect) {
    let lang = app.shared.lang;
    let question = match confirm {
        Confirm::Delete { name, .. } => format!("'{name}' {}", T::ConfirmDelete.get(lang)),
        Confirm::Discard => T::ConfirmDiscard.get(lang).to_string(),
        Confirm::Keep { n, name } => text::confirm_keep(*n, name, lang),
        Confirm::Quit => T::ConfirmQuit.get(lang).to_string(),
        Confirm::Score {
            case_label,
            domain,
            score,
        } => text::confirm_score(case_label, domain.label(lang), *score, lang),
    };
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(60)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(5)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(" ? ", app.shared.theme.warning()));
    frame.render_widget(
        Paragraph::new(question)
            .wrap(Wrap { trim: true })
            .block(block),
        popup,
    );
}
