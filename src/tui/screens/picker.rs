//! Choosing a case for a referral, by typing part of its label.

use super::{Ctx, ListCursor};
use crate::cases::model::Case;
use crate::text::C;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::textfield::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

/// Choosing a case by typing part of its label.
#[derive(Debug, Default)]
pub struct CasePicker {
    pub field: TextField,
    pub cursor: ListCursor,
    /// The social-map entry to refer to.
    pub entry: String,
}

impl CasePicker {
    /// The cases whose label or area holds every typed word, in order.
    pub fn matches<'a>(&self, cases: &'a [Case]) -> Vec<&'a Case> {
        let words = crate::map::words::words(self.field.text());
        cases
            .iter()
            .filter(|c| {
                let hay = crate::map::words::fold(&format!("{} {} {}", c.label, c.area, c.id));
                words.iter().all(|w| hay.contains(w.as_str()))
            })
            .collect()
    }
}

impl CasePicker {
    /// A picker for referring to the entry `entry`.
    pub fn refer(entry: String) -> CasePicker {
        CasePicker {
            entry,
            ..CasePicker::default()
        }
    }

    /// Enter refers to the chosen case; the app writes the note.
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let cases = ctx.unlocked.map_or(&[][..], |u| &u.cases);
        let count = self.matches(cases).len();
        match action {
            Action::Back => return Effect::Close,
            Action::Type(c) => {
                self.field.insert(c);
                self.cursor.reset();
            }
            Action::DeleteChar => {
                self.field.delete_back();
                self.cursor.reset();
            }
            Action::Up => self.cursor.step(-1, count),
            Action::Down => self.cursor.step(1, count),
            Action::Open if count > 0 => return Effect::App(Action::Submit),
            _ => {}
        }
        Effect::None
    }

    /// The id of the case under the selection.
    pub fn chosen(&self, cases: &[Case]) -> Option<String> {
        self.matches(cases)
            .get(self.cursor.selected)
            .map(|c| c.id.clone())
    }
}

pub fn draw(app: &App, picker: &CasePicker, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(60)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Percentage(70)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} → {} ", C::Referred.get(lang), picker.entry),
        theme.title(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [line, list_area] = inner.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    let (shown, col) = picker.field.window(line.width.saturating_sub(3) as usize);
    frame.render_widget(
        Line::from(vec![Span::styled("> ", theme.key()), Span::raw(shown)]),
        line,
    );
    frame.set_cursor_position(Position::new(line.x + 2 + col as u16, line.y));
    let matches = picker.matches(app.unlocked().map_or(&[][..], |u| &u.cases));
    let items: Vec<ListItem> = matches
        .iter()
        .map(|c| ListItem::new(format!("{}  ({})", c.label, c.area)))
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut state =
        ListState::default().with_selected((!matches.is_empty()).then_some(picker.cursor.selected));
    frame.render_stateful_widget(list, list_area, &mut state);
}
