//! The area picker: every neighbourhood named in the map, to filter on one.

use super::ListCursor;
use crate::text::T;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::{Effect, FilterChange};
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
    /// The picker over these areas, the current area filter selected.
    pub fn open(areas: Vec<(String, usize)>, current: Option<&str>) -> AreasState {
        let mut state = AreasState {
            areas,
            ..AreasState::default()
        };
        if let Some(current) = current
            && let Some(i) = state.areas.iter().position(|(a, _)| a == current)
        {
            state.cursor.selected = i + 1;
        }
        state
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let len = self.len();
        let page = self.cursor.page_size();
        match action {
            Action::Back => return Effect::Close,
            Action::Open => return Effect::Filter(FilterChange::Area(self.chosen())),
            Action::Up => self.cursor.step(-1, len),
            Action::Down => self.cursor.step(1, len),
            Action::PageUp => self.cursor.step(-page, len),
            Action::PageDown => self.cursor.step(page, len),
            Action::Home => self.cursor.step(-(len as isize), len),
            Action::End => self.cursor.step(len as isize, len),
            _ => {}
        }
        Effect::None
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

pub fn draw(app: &App, state: &AreasState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let [column] = area.layout(&Layout::horizontal([Constraint::Length(36)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Percentage(80)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", T::Areas.get(lang)),
        theme.title(),
    ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
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
