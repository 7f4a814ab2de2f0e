//! A one-line question: the shared folder, a file to import or to export to.

use super::Ctx;
use crate::text::T;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::jobs::Job;
use crate::tui::textfield::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use std::path::PathBuf;

/// What the answer is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    SyncFolder,
    ImportPath,
    ExportPath,
    /// Where to save the referral slip the prompt carries.
    SlipFile,
}

#[derive(Debug)]
pub struct Prompt {
    pub ask: Ask,
    pub field: TextField,
    /// A line under the field, such as how many entries an export will hold.
    pub note: String,
    /// The text to save, for [`Ask::SlipFile`].
    text: String,
}

impl Prompt {
    pub fn new(ask: Ask, default: &str, note: String) -> Prompt {
        Prompt {
            ask,
            field: TextField::new(default),
            note,
            text: String::new(),
        }
    }

    /// The prompt with a text to save where the answer says.
    pub fn carrying(mut self, text: String) -> Prompt {
        self.text = text;
        self
    }

    /// Enter starts the job the answer is for; an empty answer starts nothing.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        match action {
            Action::Back => Effect::Close,
            Action::Open => {
                let path = PathBuf::from(self.field.text().trim());
                if path.as_os_str().is_empty() {
                    return Effect::Close;
                }
                Effect::Run(match self.ask {
                    Ask::SyncFolder => Job::Sync(path),
                    Ask::ImportPath => Job::Import(path),
                    Ask::ExportPath => Job::Export {
                        path,
                        selection: ctx.search.selection(&ctx.shared.index),
                    },
                    Ask::SlipFile => Job::SaveText {
                        path,
                        text: self.text.clone(),
                    },
                })
            }
            other => {
                self.field.apply(other);
                Effect::None
            }
        }
    }
}

pub fn draw(app: &App, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let title = match prompt.ask {
        Ask::SyncFolder => T::SyncFolder,
        Ask::ImportPath => T::ImportPath,
        Ask::ExportPath => T::ExportPath,
        Ask::SlipFile => T::SlipPath,
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
