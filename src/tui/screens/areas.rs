//! The area picker: every neighbourhood named in the map, to filter on one.

use super::ListCursor;
use crate::text::T;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState};

#[derive(Debug, Default)]
pub struct AreasState {
    pub cursor: ListCursor,
    /// Area names with how many entries serve them; row 0 is "all areas".
    pub areas: Vec<(String, usize)>,
}

impl AreasState {
    pub fn open(&mut self, areas: Vec<(String, usize)>, current: Option<&str>) {
        self.areas = areas;
        self.cursor.reset();
        if let Some(current) = current
            && let Some(i) = self.areas.iter().position(|(a, _)| a == current)
        {
            self.cursor.selected = i + 1;
        }
    }

    /// Rows including "all areas".
    pub fn len(&self) -> usize {
        self.areas.len() + 1
    }

    pub fn is_empty(&self) -> bool {
        false
    }

    /// The chosen area, or `None` for "all areas".
    pub fn chosen(&self) -> Option<String> {
        self.cursor
            .selected
            .checked_sub(1)
            .and_then(|i| self.areas.get(i))
            .map(|(a, _)| a.clone())
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let [column] = area.layout(&Layout::horizontal([Constraint::Length(36)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Percentage(80)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::Areas.get(lang)),
        theme.title(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let state = &app.areas;
    let rows = inner.height as usize;
    let offset = state.cursor.window(rows, state.len());
    let all = std::iter::once(ListItem::new(Line::styled(
        T::AllAreas.get(lang),
        theme.heading(),
    )));
    let named = state
        .areas
        .iter()
        .map(|(a, n)| ListItem::new(Line::raw(format!("{a:<26}{n:>5}"))));
    let items: Vec<ListItem> = all.chain(named).skip(offset).take(rows).collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut list_state = ListState::default().with_selected(Some(state.cursor.selected - offset));
    frame.render_stateful_widget(list, inner, &mut list_state);
}
