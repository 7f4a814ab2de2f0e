//! Small forms for case work: unlocking, a new case, a note, a proposal, a
//! verdict with its passphrase. Passphrase fields show dots, never the text.

use crate::text::T;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::textfield::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// What a form is for, and what to do with it when submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Unlock as a worker, then go on with the action.
    Unlock(Action),
    NewCase,
    Note,
    Propose,
    EditIntervention(String),
    Verdict {
        intervention: String,
        approve: bool,
    },
    Review(String),
    CarriedOut(String),
    Evaluate(String),
    Erase(String),
}

#[derive(Debug)]
pub struct Field {
    pub label: &'static str,
    pub text: TextField,
    pub secret: bool,
}

#[derive(Debug)]
pub struct CaseForm {
    pub purpose: Purpose,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
}

impl CaseForm {
    pub fn new(
        purpose: Purpose,
        title: String,
        fields: Vec<(&'static str, &str, bool)>,
    ) -> CaseForm {
        CaseForm {
            purpose,
            title,
            fields: fields
                .into_iter()
                .map(|(label, text, secret)| Field {
                    label,
                    text: TextField::new(text),
                    secret,
                })
                .collect(),
            focus: 0,
            error: None,
        }
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.text.text())
    }

    /// Applies an editing key; true when the form should be submitted.
    pub fn update(&mut self, action: Action) -> bool {
        let last = self.fields.len().saturating_sub(1);
        let field = &mut self.fields[self.focus].text;
        match action {
            Action::Save => return true,
            Action::Open if self.focus == last => return true,
            Action::Open | Action::NextField => self.focus = (self.focus + 1).min(last),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            other => {
                field.apply(other);
            }
        }
        self.error = None;
        false
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(form) = &app.case_form else { return };
    let (lang, theme) = (app.lang, app.theme);
    let height = form.fields.len() as u16 + 4;
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(76)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", form.title), theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let label_width = 22usize;
    let value_width = (inner.width as usize)
        .saturating_sub(label_width + 1)
        .max(1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let (shown, col) = f.text.window(value_width);
        let shown = if f.secret {
            "•".repeat(shown.chars().count())
        } else {
            shown
        };
        if focused {
            cursor = Some((
                inner.x + 1 + label_width as u16 + col as u16,
                inner.y + i as u16,
            ));
        }
        let style = if focused {
            theme.selected()
        } else {
            theme.label()
        };
        let marker = if focused { "›" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker}{:<label_width$}", format!("{}:", f.label)),
                style,
            ),
            Span::raw(shown),
        ]));
    }
    lines.push(Line::raw(""));
    match &form.error {
        Some(e) => lines.push(Line::styled(format!("! {e}"), theme.warning())),
        None => lines.push(Line::styled(
            format!("Enter/Ctrl-S · Esc {}", T::No.get(lang)),
            theme.dim(),
        )),
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(x, y));
    }
}
