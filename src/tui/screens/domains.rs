//! The life-domain overview: the fifteen domains with their number of entries.

use super::ListCursor;
use crate::map::domain::LifeDomain;
use crate::text::T;
use crate::tui::app::App;
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

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let mut title = format!(" {} — {}", T::Domains.get(lang), T::DomainsHint.get(lang));
    if let Some(area) = &app.filters.area {
        title.push_str(&format!(" @{area}"));
    }
    title.push(' ');
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(title, theme.title()));
    let rows: Vec<Row> = LifeDomain::ALL
        .iter()
        .zip(app.domains.counts)
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
    let mut state = TableState::default().with_selected(Some(app.domains.cursor.selected));
    frame.render_stateful_widget(table, area, &mut state);
}
