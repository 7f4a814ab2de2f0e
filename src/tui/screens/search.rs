//! The main screen: search line, filter chips, results, and the selection's details.

use super::areas::AreasState;
use super::detail::{self, DetailState};
use super::domains::DomainsState;
use super::{ListCursor, Popup, View};
use crate::map::domain::{Kind, LifeDomain};
use crate::map::query::Query;
use crate::map::search::{Doc, Highlighter, Hit, Index};
use crate::map::share::Selection;
use crate::text::{self, T};
use crate::tui::action::Action;
use crate::tui::app::{App, Shared};
use crate::tui::effect::{Effect, FilterChange};
use crate::tui::text::kind_marker;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// Where typed keys go: the search line, or the list (where single keys act).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    #[default]
    Line,
    List,
}

/// Filters chosen by key (shown as chips), on top of what the search line says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    pub area: Option<String>,
    pub domain: Option<LifeDomain>,
    /// Only entries due for a check, oldest first.
    pub stale: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// The search screen: what is typed, the chips, and the results.
#[derive(Debug, Default)]
pub struct SearchScreen {
    pub query: String,
    pub filters: Filters,
    pub focus: Focus,
    pub hits: Vec<Hit>,
    pub cursor: ListCursor,
    pub unknown_domains: Vec<String>,
    /// Searches cleared away (Esc, Ctrl-U), newest last: ↑ in an empty line
    /// brings the last one back, so no key silently loses a query.
    pub history: Vec<(String, Filters)>,
    /// Query words that no result matches, for the interface to point out.
    pub unmatched: Vec<String>,
    /// Which words of the results the query matched, to mark them.
    pub highlighter: Highlighter,
}

impl SearchScreen {
    /// The query the results come from: the search line plus the chips.
    pub fn query(&self) -> Query {
        Query::parse(&self.query)
            .with_domain(self.filters.domain)
            .with_areas(self.filters.area.as_slice())
            .with_kind(self.filters.kind)
    }

    /// Recomputes the results after the query, a filter or the map changed.
    pub fn refresh(&mut self, shared: &Shared) {
        let query = self.query();
        self.unknown_domains = query.unknown_domains.clone();
        let index = &shared.index;
        let (found, highlighter) = index.find_marked(&query);
        let mut hits = found.hits;
        self.unmatched = found.unmatched;
        self.highlighter = highlighter;
        if self.filters.stale {
            hits.retain(|&h| index.doc(h).entry.is_stale(shared.today));
            hits.sort_by_key(|&h| index.doc(h).entry.verified);
        }
        self.hits = hits;
        self.cursor.reset();
    }

    /// Keeps the search about to be cleared, for ↑ to bring back.
    fn remember(&mut self) {
        if self.query.is_empty() && self.filters.is_empty() {
            return;
        }
        let search = (self.query.clone(), self.filters.clone());
        self.history.retain(|kept| *kept != search);
        self.history.push(search);
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    /// The entry under the selection.
    pub fn selected<'a>(&self, index: &'a Index) -> Option<&'a Doc> {
        self.hits
            .get(self.cursor.selected)
            .map(|&hit| index.doc(hit))
    }

    /// Moves the selection to the entry `id`, when it is among the results.
    pub fn select(&mut self, index: &Index, id: &str) {
        let Some(doc) = index.position(id) else {
            return;
        };
        if let Some(pos) = self.hits.iter().position(|h| h.doc == doc) {
            self.cursor.selected = pos;
        }
    }

    /// What an export from the interface takes: exactly the entries the
    /// screen shows, whatever narrowed them (words, `#`, `@`, chips).
    pub fn selection(&self, index: &Index) -> Selection {
        let ids = self
            .hits
            .iter()
            .map(|&h| index.doc(h).entry.id.clone())
            .collect();
        Selection {
            ids: Some(ids),
            ..Selection::default()
        }
    }

    /// A filter chosen on the domain overview or the area picker.
    pub fn filter(&mut self, change: FilterChange, shared: &Shared) {
        match change {
            FilterChange::Domain(d) => self.filters.domain = Some(d),
            FilterChange::Area(a) => self.filters.area = a,
        }
        self.focus = Focus::List;
        self.refresh(shared);
    }

    pub fn update(&mut self, action: Action, shared: &Shared) -> Effect {
        let len = self.hits.len();
        let page = self.cursor.page_size();
        match action {
            Action::Quit => return Effect::Quit,
            Action::Type(c) => {
                // In the list too: a letter is the start of a search, never a command.
                self.focus = Focus::Line;
                self.query.push(c);
                self.refresh(shared);
            }
            Action::DeleteChar if self.query.pop().is_some() => self.refresh(shared),
            Action::ClearQuery => {
                self.remember();
                self.query.clear();
                self.refresh(shared);
            }
            Action::FocusSearch => self.focus = Focus::Line,
            Action::FocusList => self.focus = Focus::List,
            Action::Back => match self.focus {
                Focus::Line => self.focus = Focus::List,
                Focus::List if !self.query.is_empty() || !self.filters.is_empty() => {
                    self.remember();
                    self.query.clear();
                    self.filters = Filters::default();
                    self.refresh(shared);
                }
                Focus::List => self.focus = Focus::Line,
            },
            Action::Up
                if self.focus == Focus::Line
                    && self.query.is_empty()
                    && !self.history.is_empty() =>
            {
                if let Some((query, filters)) = self.history.pop() {
                    self.query = query;
                    self.filters = filters;
                    self.refresh(shared);
                }
            }
            Action::Up => self.cursor.step(-1, len),
            Action::Down => self.cursor.step(1, len),
            Action::PageUp => self.cursor.step(-page, len),
            Action::PageDown => self.cursor.step(page, len),
            Action::Home => self.cursor.step(isize::MIN / 2, len),
            Action::End => self.cursor.step(isize::MAX / 2, len),
            Action::Open if self.selected(&shared.index).is_some() => {
                return Effect::Push(View::Detail(DetailState::default()));
            }
            Action::ShowDomains => {
                let query = Query::parse(&self.query)
                    .with_areas(self.filters.area.as_slice())
                    .with_kind(self.filters.kind);
                let state =
                    DomainsState::open(shared.index.domain_counts(&query), self.filters.domain);
                return Effect::Push(View::Domains(state));
            }
            Action::CycleKind => {
                self.filters.kind = match self.filters.kind {
                    None => Some(Kind::KeyFigure),
                    Some(Kind::KeyFigure) => Some(Kind::Initiative),
                    Some(Kind::Initiative) => Some(Kind::Service),
                    Some(Kind::Service) => None,
                };
                self.refresh(shared);
            }
            Action::ToggleStale => {
                self.filters.stale = !self.filters.stale;
                self.refresh(shared);
            }
            Action::PickArea => {
                let state = AreasState::open(shared.index.areas(), self.filters.area.as_deref());
                return Effect::Show(Popup::Areas(state));
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.refresh(shared);
            }
            Action::ShowConflicts
            | Action::Refer
            | Action::NewEntry
            | Action::EditEntry
            | Action::DeleteEntry
            | Action::VerifyEntry
            | Action::Undo
            | Action::Sync
            | Action::Import
            | Action::Export => return Effect::App(action),
            _ => {}
        }
        Effect::None
    }
}

/// How many cleared searches ↑ can bring back.
const HISTORY: usize = 20;

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
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let mut spans = vec![
        Span::styled(T::AppTitle.get(lang), theme.title()),
        Span::raw("  "),
    ];
    let mut chips = Vec::new();
    if let Some(area) = &app.search.filters.area {
        chips.push(format!("@{area}"));
    }
    if let Some(kind) = app.search.filters.kind {
        chips.push(kind.label(lang).to_string());
    }
    if let Some(domain) = app.search.filters.domain {
        chips.push(format!("#{}", domain.label(lang)));
    }
    if app.search.filters.stale {
        chips.push(T::DueForCheck.get(lang).to_string());
    }
    let count = text::result_count(app.search.hits.len(), app.shared.index.len(), lang);
    // Chips shorten before the count is lost: "2 van 120" must stay whole.
    let title: usize = spans.iter().map(|s| s.width()).sum();
    let room = (area.width as usize).saturating_sub(title + count.chars().count() + 1);
    for chip in fit_chips(chips, room) {
        spans.push(Span::styled(chip, theme.chip()));
        spans.push(Span::raw(" "));
    }
    let used: usize = spans.iter().map(|s| s.width()).sum();
    let pad = (area.width as usize).saturating_sub(used + count.chars().count());
    spans.push(Span::raw(" ".repeat(pad)));
    spans.push(Span::styled(count, theme.dim()));
    frame.render_widget(Line::from(spans), area);
}

fn draw_line(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
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
    if !app.search.unmatched.is_empty() && !app.search.hits.is_empty() {
        spans.push(Span::styled(
            format!("  ({})", text::nothing_for(&app.search.unmatched, lang)),
            theme.dim(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
    if app.search.focus == Focus::Line && app.overlay().is_none() {
        let typed = app.search.query.chars().count() as u16;
        let x = area.x + (label.chars().count() as u16 + typed).min(area.width.saturating_sub(1));
        frame.set_cursor_position(Position::new(x, area.y));
    }
}

/// The results, two rows each: marker and name; organisation, areas and domains.
fn draw_results(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
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
            let doc = app.shared.index.doc(hit);
            let e = &doc.entry;
            let flag = if doc.conflicted {
                "!"
            } else if e.is_stale(app.shared.today) {
                "?"
            } else {
                " "
            };
            let first = Line::from(vec![Span::styled(
                format!("{}{flag} ", kind_marker(e.kind, lang)),
                theme.label(),
            )]);
            let mut first = first;
            let name_style = theme.heading();
            first.spans.extend(marked(
                &e.name,
                &app.search.highlighter,
                name_style,
                name_style.patch(theme.matched()),
            ));
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
    let lang = app.shared.lang;
    let block = Block::new()
        .borders(Borders::TOP)
        .title(T::Details.get(lang));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match app.selected() {
        Some(doc) => detail::lines(app, doc),
        None => vec![Line::styled(
            T::NothingSelected.get(lang),
            app.shared.theme.dim(),
        )],
    };
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The chips as `[…]`, each shortened (longest first) until all fit in `room`
/// columns with a space after each.
fn fit_chips(chips: Vec<String>, room: usize) -> Vec<String> {
    let mut chips: Vec<Vec<char>> = chips.into_iter().map(|c| c.chars().collect()).collect();
    let width = |chips: &[Vec<char>]| chips.iter().map(|c| c.len() + 3).sum::<usize>();
    while width(&chips) > room {
        let Some(longest) = chips
            .iter_mut()
            .filter(|c| c.len() > 2)
            .max_by_key(|c| c.len())
        else {
            break;
        };
        longest.pop();
        if longest.last() != Some(&'…') {
            longest.pop();
            longest.push('…');
        }
    }
    chips
        .into_iter()
        .map(|c| format!("[{}]", c.into_iter().collect::<String>()))
        .collect()
}

/// Spans of `text`, the words the search matched in `matched` style.
pub fn marked<'a>(
    text: &'a str,
    highlighter: &Highlighter,
    plain: Style,
    matched: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for range in highlighter.ranges(text) {
        if range.start > at {
            spans.push(Span::styled(&text[at..range.start], plain));
        }
        spans.push(Span::styled(&text[range.clone()], matched));
        at = range.end;
    }
    if at < text.len() || spans.is_empty() {
        spans.push(Span::styled(&text[at..], plain));
    }
    spans
}

/// The first two items of a list and how many more: "Laak, Moerwijk +3".
fn short_list(items: &[String]) -> String {
    match items.len() {
        0..=2 => items.join(", "),
        n => format!("{} +{}", items[..2].join(", "), n - 2),
    }
}
