//! Conflicted entries: a list, and one conflict field by field: each field in
//! conflict with its concurrent values, numbered as `conflicts` lists them,
//! the cursor on the field that 1, 2, 3 resolve.

use super::confirm::Confirm;
use super::{ListCursor, Popup, View};
use crate::map::edit::{DELETED, conflicted_fields};
use crate::map::entry::{FieldValue, Write};
use crate::map::fields::Field;
use crate::map::merge::Record;
use crate::text::{self, T, field_label};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, List, ListItem, ListState, Paragraph, Row, Table};

#[derive(Debug, Default)]
pub struct ConflictsState {
    pub cursor: ListCursor,
    /// The conflicted records, as of opening the screen (or the last save).
    pub records: Vec<Record>,
}

impl ConflictsState {
    /// The list over the conflicted ones of these records.
    pub fn of(records: Vec<Record>) -> ConflictsState {
        ConflictsState {
            cursor: ListCursor::default(),
            records: records.into_iter().filter(|r| r.is_conflicted()).collect(),
        }
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let len = self.records.len();
        match action {
            Action::Back => return Effect::Pop,
            Action::Up => self.cursor.step(-1, len),
            Action::Down => self.cursor.step(1, len),
            Action::Open => {
                if let Some(record) = self.records.get(self.cursor.selected) {
                    let record = record.clone();
                    return Effect::Push(View::Conflict(ConflictState::of(record)));
                }
            }
            _ => {}
        }
        Effect::None
    }
}

/// One conflicted entry, as it was when opened, with a cursor on its
/// conflicted fields.
#[derive(Debug)]
pub struct ConflictState {
    /// Boxed: an entry with its conflicts is far larger than the other screens.
    pub record: Box<Record>,
    pub cursor: ListCursor,
}

impl ConflictState {
    pub fn of(record: Record) -> ConflictState {
        ConflictState {
            record: Box::new(record),
            cursor: ListCursor::default(),
        }
    }

    /// After a field was resolved: the same entry as it is now.
    pub fn refresh(&mut self, record: Record) {
        *self.record = record;
        let len = conflicted_fields(self.record.entry()).len();
        self.cursor.selected = self.cursor.selected.min(len.saturating_sub(1));
    }

    /// The key of the field under the cursor.
    pub fn selected_field(&self) -> Option<&'static str> {
        conflicted_fields(self.record.entry())
            .get(self.cursor.selected)
            .map(|(k, _)| *k)
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let len = conflicted_fields(self.record.entry()).len();
        match action {
            Action::Back => Effect::Pop,
            Action::Up => {
                self.cursor.step(-1, len);
                Effect::None
            }
            Action::Down => {
                self.cursor.step(1, len);
                Effect::None
            }
            Action::Keep(n) => {
                let name = self.record.entry().name.clone();
                Effect::Show(Popup::Confirm(Confirm::Keep { n, name }))
            }
            Action::EditEntry => Effect::App(action),
            _ => Effect::None,
        }
    }
}

pub fn draw_list(app: &App, state: &ConflictsState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::Conflicts.get(lang)),
        theme.title(),
    ));
    if state.records.is_empty() {
        frame.render_widget(Paragraph::new(T::NoConflicts.get(lang)).block(block), area);
        return;
    }
    let inner_rows = area.height.saturating_sub(2) as usize;
    let offset = state.cursor.window(inner_rows, state.records.len());
    let items: Vec<ListItem> = state
        .records
        .iter()
        .skip(offset)
        .take(inner_rows)
        .map(|r| {
            let name = r.shown().map_or(r.id(), |e| e.name.as_str());
            let who: Vec<&str> = conflicted_fields(r.entry())
                .iter()
                .map(|(k, _)| match Field::from_key(k) {
                    Some(f) => field_label(f, lang),
                    None => T::EntryItself.get(lang),
                })
                .collect();
            ListItem::new(Line::from(vec![
                Span::styled(format!("! {name}"), theme.heading()),
                Span::styled(format!("  ({})", who.join(" / ")), theme.dim()),
            ]))
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut list_state = ListState::default().with_selected(Some(state.cursor.selected - offset));
    frame.render_stateful_widget(list, area, &mut list_state);
}

/// A value of a conflict as the interface shows it (the conflicts screen
/// and the merge form alike).
pub(super) fn shown(key: &str, w: &Write, lang: crate::text::Lang) -> String {
    if key == DELETED {
        return if w.value == FieldValue::Text("true".into()) {
            T::ChoiceDelete.get(lang).to_string()
        } else {
            T::ChoiceKeep.get(lang).to_string()
        };
    }
    let Some(field) = Field::from_key(key) else {
        return String::new();
    };
    let mut e = crate::map::entry::Entry::default();
    field.put(&mut e, &w.value);
    text::shown_value(field, &e, lang)
}

/// Each conflicted field on a row of its own, its values numbered; the
/// field under the cursor is the one that 1, 2, 3 resolve.
pub fn draw_one(app: &App, state: &ConflictState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let record = &state.record;
    let fields = conflicted_fields(record.entry());
    let mut rows = Vec::new();
    for (i, (key, writes)) in fields.iter().enumerate() {
        let label = match Field::from_key(key) {
            Some(f) => field_label(f, lang).to_string(),
            None => T::EntryItself.get(lang).to_string(),
        };
        let mark = if i == state.cursor.selected {
            "› "
        } else {
            "  "
        };
        let values: Vec<String> = writes
            .iter()
            .enumerate()
            .map(|(n, w)| {
                let who = w.dot.as_ref().map_or("?", |d| d.worker());
                format!("{}: {} ({who})", n + 1, shown(key, w, lang))
            })
            .collect();
        let style = if i == state.cursor.selected {
            theme.selected()
        } else {
            theme.warning()
        };
        rows.push(
            Row::new(vec![
                Cell::from(format!("{mark}{label}")),
                Cell::from(values.join("  │  ")),
            ])
            .style(style),
        );
    }
    let widths = [Constraint::Length(20), Constraint::Fill(1)];
    let title = format!(" ! {} ", record.entry().name);
    let table = Table::new(rows, widths)
        .header(
            Row::new(vec![
                Cell::from(T::ConflictField.get(lang)),
                Cell::from(T::ConflictValues.get(lang)),
            ])
            .style(theme.heading()),
        )
        .block(
            Block::new()
                .borders(Borders::ALL)
                .title(Span::styled(title, theme.title())),
        );
    frame.render_widget(table, area);
}
