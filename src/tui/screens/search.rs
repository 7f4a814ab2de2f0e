//! The main screen: search line, filter chips, results, and the selection's details.

use super::ListCursor;
use super::detail;
use crate::map::search::Hit;
use crate::text::{self, T};
use crate::tui::app::App;
use crate::tui::text::kind_marker;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// Where typed keys go: the search line, or the list (where single keys act).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Line,
    List,
}

#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    pub focus: Focus,
    pub hits: Vec<Hit>,
    pub cursor: ListCursor,
    pub unknown_domains: Vec<String>,
}

/// Width from which the details stand beside the list instead of only on Enter.
const SIDE_BY_SIDE: u16 = 80;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let [top, line, body] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ]));
    draw_top(app, frame, top);
    draw_line(app, frame, line);
    if area.width >= SIDE_BY_SIDE {
        let [list, pane] = body.layout(&Layout::horizontal([
            Constraint::Percentage(52),
            Constraint::Percentage(48),
        ]));
        draw_results(app, frame, list);
        draw_pane(app, frame, pane);
    } else {
        draw_results(app, frame, body);
    }
}

/// Title, result count and the chips of the active filters.
fn draw_top(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let mut spans = vec![
        Span::styled(T::AppTitle.get(lang), theme.title()),
        Span::raw("  "),
    ];
    let mut chips = Vec::new();
    if let Some(area) = &app.filters.area {
        chips.push(format!("@{area}"));
    }
    if let Some(kind) = app.filters.kind {
        chips.push(kind.label(lang).to_string());
    }
    if let Some(domain) = app.filters.domain {
        chips.push(format!("#{}", domain.label(lang)));
    }
    if app.filters.stale {
        chips.push(T::DueForCheck.get(lang).to_string());
    }
    for chip in chips {
        spans.push(Span::styled(format!("[{chip}]"), theme.chip()));
        spans.push(Span::raw(" "));
    }
    let count = text::result_count(app.search.hits.len(), app.index.len(), lang);
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + count.chars().count());
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(count, theme.dim()));
    frame.render_widget(Line::from(spans), area);
}

fn draw_line(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let label = format!("{}: ", T::SearchLabel.get(lang));
    let mut spans = vec![Span::styled(label.clone(), theme.heading())];
    if app.search.query.is_empty() {
        spans.push(Span::styled(T::SearchHint.get(lang), theme.dim()));
    } else {
        spans.push(Span::raw(app.search.query.as_str()));
    }
    if !app.search.unknown_domains.is_empty() {
        spans.push(Span::styled(
            format!(
                "  ({}: #{})",
                T::UnknownDomainHint.get(lang),
                app.search.unknown_domains.join(" #")
            ),
            theme.warning(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
    if app.search.focus == Focus::Line && app.overlay.is_none() {
        let typed = app.search.query.chars().count() as u16;
        let x = area.x + (label.chars().count() as u16 + typed).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The results, two rows each: marker and name; organisation, areas and domains.
fn draw_results(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let block = Block::new()
        .borders(Borders::TOP | Borders::RIGHT)
        .title(T::Results.get(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let hits = &app.search.hits;
    if hits.is_empty() {
        let text = Paragraph::new(T::NoResults.get(lang))
            .style(theme.dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(text, inner);
        return;
    }
    let rows = (inner.height / 2) as usize;
    let offset = app.search.cursor.window(rows, hits.len());
    let items: Vec<ListItem> = hits
        .iter()
        .skip(offset)
        .take(rows)
        .map(|&hit| {
            let doc = app.index.doc(hit);
            let e = &doc.entry;
            let flag = if doc.conflicted {
                "!"
            } else if e.is_stale(app.today) {
                "?"
            } else {
                " "
            };
            let first = Line::from(vec![
                Span::styled(
                    format!("{}{flag} ", kind_marker(e.kind, lang)),
                    theme.label(),
                ),
                Span::styled(e.name.clone(), theme.heading()),
            ]);
            let domains: Vec<&str> = e.domains.iter().map(|d| d.label(lang)).collect();
            let mut details: Vec<String> = Vec::new();
            for part in [
                e.organisation.clone(),
                short_list(&e.areas),
                domains.join(", "),
            ] {
                if !part.is_empty() {
                    details.push(part);
                }
            }
            let second = Line::styled(format!("   {}", details.join(" · ")), theme.dim());
            ListItem::new(Text::from(vec![first, second]))
        })
        .collect();
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut state = ListState::default().with_selected(Some(app.search.cursor.selected - offset));
    frame.render_stateful_widget(list, inner, &mut state);
}

fn draw_pane(app: &App, frame: &mut Frame, area: Rect) {
    let lang = app.lang;
    let block = Block::new()
        .borders(Borders::TOP)
        .title(T::Details.get(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match app.selected() {
        Some(doc) => detail::lines(app, doc),
        None => vec![Line::styled(T::NothingSelected.get(lang), app.theme.dim())],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The first two items of a list and how many more: "Laak, Moerwijk +3".
fn short_list(items: &[String]) -> String {
    match items.len() {
        0..=2 => items.join(", "),
        n => format!("{} +{}", items[..2].join(", "), n - 2),
    }
}
