//! The case list, one case with its complete picture and notes, the case
//! picker for a referral, and a reader for the referral slip.

use super::ListCursor;
use crate::cases::bsn;
use crate::cases::model::{Case, euros};
use crate::map::domain::LifeDomain;
use crate::text::{C, state_label};
use crate::tui::app::App;
use crate::tui::textfield::TextField;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, List, ListItem, ListState, Paragraph, Wrap};

#[derive(Debug, Default)]
pub struct CasesState {
    pub cursor: ListCursor,
    /// The decrypted cases, while unlocked; emptied when locking.
    pub list: Vec<Case>,
    /// The case open on the case screen.
    pub open: Option<String>,
    /// The selected life domain on the case screen.
    pub domain: ListCursor,
    /// The rule's context, read when unlocking: the budget and who works where.
    pub budget_cents: u64,
    pub organisations: std::collections::BTreeMap<String, String>,
}

impl CasesState {
    pub fn current(&self) -> Option<&Case> {
        let id = self.open.as_ref()?;
        self.list.iter().find(|c| &c.id == id)
    }
}

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

/// A text to read and scroll (the referral slip).
#[derive(Debug, Default)]
pub struct Reader {
    pub title: String,
    pub text: String,
    pub scroll: u16,
}

pub fn draw_list(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let who = app
        .session
        .as_ref()
        .map(|s| format!(" · {} {}", C::ActingAs.get(lang), s.worker.name))
        .unwrap_or_default();
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {}{who} ", C::Cases.get(lang)),
        theme.title(),
    ));
    let cases = &app.cases.list;
    if cases.is_empty() {
        frame.render_widget(Paragraph::new(C::NoCases.get(lang)).block(block), area);
        return;
    }
    let rows = area.height.saturating_sub(2) as usize;
    let offset = app.cases.cursor.window(rows, cases.len());
    let items: Vec<ListItem> = cases
        .iter()
        .skip(offset)
        .take(rows)
        .map(|c| {
            let open = c.interventions.len();
            ListItem::new(Line::from(vec![
                Span::styled(c.label.clone(), theme.heading()),
                Span::styled(
                    format!(
                        "  {}  · {} {} · {} {}",
                        c.area,
                        c.notes.len(),
                        C::Notes.get(lang).to_lowercase(),
                        open,
                        C::Interventions.get(lang).to_lowercase()
                    ),
                    theme.dim(),
                ),
            ]))
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut state = ListState::default().with_selected(Some(app.cases.cursor.selected - offset));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The complete picture (fifteen domains: score, trend, notes touching) beside the notes.
pub fn draw_case(app: &App, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.lang, app.theme);
    let Some(case) = app.cases.current() else {
        return;
    };
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} · {} ", case.label, case.area),
        theme.title(),
    ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [left, right] = inner.layout(&Layout::horizontal([
        Constraint::Length(40),
        Constraint::Min(10),
    ]));
    let picture = case.picture();
    let mut lines = vec![Line::styled(C::Picture.get(lang), theme.heading())];
    for (i, d) in LifeDomain::ALL.iter().enumerate() {
        let (now, before) = picture[i];
        let score = now.map_or("—".to_string(), |n| n.to_string());
        let bar = now.map_or(String::new(), |n| "■".repeat(n as usize));
        let trend = match (now, before) {
            (Some(a), Some(b)) if a > b => "↑",
            (Some(a), Some(b)) if a < b => "↓",
            (Some(_), Some(_)) => "=",
            _ => " ",
        };
        let touched = case.touches(*d);
        let mark = if touched > 0 {
            format!("•{touched}")
        } else {
            String::new()
        };
        let label: String = d.label(lang).chars().take(22).collect();
        let selected = i == app.cases.domain.selected;
        let style = if selected {
            theme.selected()
        } else {
            ratatui::style::Style::new()
        };
        lines.push(Line::styled(
            format!(
                "{}{label:<22} {score} {trend} {bar:<5} {mark}",
                if selected { "›" } else { " " }
            ),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(lines), left);

    let mut notes = vec![Line::styled(C::Notes.get(lang), theme.heading())];
    for n in case.notes.iter().rev() {
        let domains: Vec<&str> = n.domains.iter().map(|d| d.label(lang)).collect();
        let flag = if bsn::contains(&n.text) {
            format!(" {}", C::PossibleBsn.get(lang))
        } else {
            String::new()
        };
        notes.push(Line::from(vec![
            Span::styled(
                format!("{} {} ", n.at.format("%d-%m"), n.author),
                theme.dim(),
            ),
            Span::raw(n.text.clone()),
            Span::styled(flag, theme.warning()),
        ]));
        if !n.refers.is_empty() {
            notes.push(Line::styled(
                format!("   → {} {}", C::Referred.get(lang), n.refers.join(", ")),
                theme.label(),
            ));
        }
        if !domains.is_empty() {
            notes.push(Line::styled(
                format!("   #{}", domains.join(" #")),
                theme.dim(),
            ));
        }
    }
    if !case.interventions.is_empty() {
        notes.push(Line::raw(""));
        notes.push(Line::styled(C::Interventions.get(lang), theme.heading()));
        app.with_rules(|rules| {
            for i in &case.interventions {
                let st = i.status(rules);
                notes.push(Line::raw(format!(
                    "{} {} · {} · {}",
                    i.id,
                    i.title,
                    euros(i.cost_cents),
                    state_label(st.state, lang)
                )));
            }
        });
    }
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), right);
}

pub fn draw_picker(app: &App, frame: &mut Frame, area: Rect) {
    let Some(picker) = &app.picker else { return };
    let (lang, theme) = (app.lang, app.theme);
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
    let matches = picker.matches(&app.cases.list);
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

pub fn draw_reader(app: &App, frame: &mut Frame, area: Rect) {
    let Some(reader) = &app.reader else { return };
    frame.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", reader.title),
        app.theme.title(),
    ));
    frame.render_widget(
        Paragraph::new(reader.text.as_str())
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((reader.scroll, 0)),
        area,
    );
}
