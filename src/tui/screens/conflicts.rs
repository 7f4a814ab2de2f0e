//! Conflicted entries: a list, and one conflict with its versions side by side
//! and the differing fields marked.

use super::confirm::Confirm;
use super::{ListCursor, Popup, View};
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
                    return Effect::Push(View::Conflict(ConflictState { record }));
                }
            }
            _ => {}
        }
        Effect::None
    }
}

/// One conflicted entry, as it was when opened.
#[derive(Debug)]
pub struct ConflictState {
    pub record: Record,
}

impl ConflictState {
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Back => Effect::Pop,
            Action::Keep(n) => {
                let record = &self.record;
                let name = record
                    .shown()
                    .or(record.versions().first())
                    .map(|e| e.name.clone())
                    .unwrap_or_default();
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
            let who: Vec<&str> = r.versions().iter().map(|v| v.updated_by.as_str()).collect();
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

/// The versions in columns; rows whose values differ start with `≠`.
pub fn draw_one(app: &App, state: &ConflictState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let record = &state.record;
    let versions: Vec<_> = record.versions().iter().take(3).collect();
    let mut header = vec![Cell::from("")];
    for (i, v) in versions.iter().enumerate() {
        let when = v
            .updated
            .map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        header.push(Cell::from(format!(
            "{} {}: {} {when}",
            T::Version.get(lang),
            i + 1,
            v.updated_by
        )));
    }
    let mut rows = Vec::new();
    for field in Field::ALL {
        let values: Vec<String> = versions
            .iter()
            .map(|v| {
                if v.deleted {
                    "—".to_string()
                } else {
                    text::shown_value(field, v, lang)
                }
            })
            .collect();
        if values.iter().all(String::is_empty) {
            continue;
        }
        let differs = values.iter().any(|v| *v != values[0]);
        let mark = if differs { "≠ " } else { "  " };
        let mut cells = vec![Cell::from(format!("{mark}{}", field_label(field, lang)))];
        cells.extend(values.into_iter().map(Cell::from));
        let style = if differs {
            theme.warning()
        } else {
            ratatui::style::Style::new()
        };
        rows.push(Row::new(cells).style(style));
    }
    let mut widths = vec![Constraint::Length(18)];
    widths.extend(versions.iter().map(|_| Constraint::Fill(1)));
    let title = format!(
        " ! {} ",
        record.shown().map_or(record.id(), |e| e.name.as_str())
    );
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.heading()))
        .block(
            Block::new()
                .borders(Borders::ALL)
                .title(Span::styled(title, theme.title())),
        );
    frame.render_widget(table, area);
}
