//! The life-domain overview: the fifteen domains with their number of entries.

use super::ListCursor;
use crate::map::domain::LifeDomain;
use crate::text::T;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::{Effect, FilterChange};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Cell, Row, Table, TableState};

#[derive(Debug, Default)]
pub struct DomainsState {
    pub cursor: ListCursor,
    /// Entries per domain (in [`LifeDomain::ALL`] order) within the current filters.
    pub counts: [usize; 15],
}

impl DomainsState {
    /// The overview with its counts, the current domain filter selected.
    pub fn open(counts: [usize; 15], current: Option<LifeDomain>) -> DomainsState {
        let mut state = DomainsState {
            counts,
            ..DomainsState::default()
        };
        if let Some(d) = current {
            state.cursor.selected = d.index();
        }
        state
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let len = LifeDomain::ALL.len();
        match action {
            Action::Back => return Effect::Pop,
            Action::Open => {
                let domain = LifeDomain::ALL[self.cursor.selected];
                return Effect::Filter(FilterChange::Domain(domain));
            }
            Action::Up => self.cursor.step(-1, len),
            Action::Down => self.cursor.step(1, len),
            Action::Home => self.cursor.step(-(len as isize), len),
            Action::End => self.cursor.step(len as isize, len),
            _ => {}
        }
        Effect::None
    }
}

pub fn draw(app: &App, state: &DomainsState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let mut title = format!(" {} — {}", T::Domains.get(lang), T::DomainsHint.get(lang));
    if let Some(area) = &app.search.filters.area {
        title.push_str(&format!(" @{area}"));
    }
    title.push(' ');
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()));
    let rows: Vec<Row> = LifeDomain::ALL
        .iter()
        .zip(state.counts)
        .map(|(d, n)| {
            let style = if n == 0 {
                theme.dim()
            } else {
                ratatui::style::Style::new()
            };
            Row::new([Cell::from(d.label(lang)), Cell::from(format!("{n:>5}"))]).style(style)
        })
        .collect();
    let table = Table::new(rows, [Constraint::Min(20), Constraint::Length(6)])
        .block(block)
        .row_highlight_style(theme.selected())
        .highlight_symbol("› ");
    let mut state = TableState::default().with_selected(Some(state.cursor.selected));
    frame.render_stateful_widget(table, area, &mut state);
}
