//! The case list, and one case with its complete picture and notes.

use super::{Ctx, ListCursor, View};
use crate::cases::bsn;
use crate::cases::model::euros;
use crate::map::domain::LifeDomain;
use crate::text::{C, state_label, trend_arrow};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// The case list of the unlocked worker.
#[derive(Debug, Default)]
pub struct CasesState {
    pub cursor: ListCursor,
}

impl CasesState {
    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        let cases = ctx.unlocked.map_or(&[][..], |u| &u.cases);
        match action {
            Action::Back => return Effect::Pop,
            Action::Up => self.cursor.step(-1, cases.len()),
            Action::Down => self.cursor.step(1, cases.len()),
            Action::Open => {
                if let Some(case) = cases.get(self.cursor.selected) {
                    return Effect::Push(View::Case(CaseState::new(&case.id)));
                }
            }
            Action::NewCase | Action::OpenWorkers => return Effect::App(action),
            _ => {}
        }
        Effect::None
    }
}

/// One case: its complete picture, with a life domain selected for scoring.
#[derive(Debug)]
pub struct CaseState {
    pub id: String,
    pub domain: ListCursor,
    /// How far the notes are scrolled (PgUp/PgDn), newest first.
    pub notes_scroll: u16,
}

impl CaseState {
    pub fn new(id: &str) -> CaseState {
        CaseState {
            id: id.to_string(),
            domain: ListCursor::default(),
            notes_scroll: 0,
        }
    }

    /// The life domain selected in the picture.
    pub fn domain(&self) -> LifeDomain {
        LifeDomain::ALL[self.domain.selected.min(LifeDomain::ALL.len() - 1)]
    }

    pub fn update(&mut self, action: Action) -> Effect {
        let len = LifeDomain::ALL.len();
        match action {
            Action::Back => Effect::Pop,
            Action::Up => {
                self.domain.step(-1, len);
                Effect::None
            }
            Action::Down => {
                self.domain.step(1, len);
                Effect::None
            }
            Action::PageDown => {
                self.notes_scroll = self.notes_scroll.saturating_add(5);
                Effect::None
            }
            Action::PageUp => {
                self.notes_scroll = self.notes_scroll.saturating_sub(5);
                Effect::None
            }
            Action::Score(_)
            | Action::AddNote
            | Action::Propose
            | Action::OpenInterventions
            | Action::ShowSlip
            | Action::EraseCase => Effect::App(action),
            _ => Effect::None,
        }
    }
}

pub fn draw_list(app: &App, state: &CasesState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let who = app
        .session()
        .map(|s| format!(" · {} {}", C::ActingAs.get(lang), s.worker.name))
        .unwrap_or_default();
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {}{who} ", C::Cases.get(lang)),
        theme.title(),
    ));
    let cases = app.unlocked().map_or(&[][..], |u| &u.cases);
    if cases.is_empty() {
        frame.render_widget(Paragraph::new(C::NoCases.get(lang)).block(block), area);
        return;
    }
    let rows = area.height.saturating_sub(2) as usize;
    let offset = state.cursor.window(rows, cases.len());
    let items: Vec<ListItem> = cases
        .iter()
        .skip(offset)
        .take(rows)
        .map(|c| {
            let open = c.interventions.len();
            ListItem::new(Line::from(vec![
                Span::styled(c.label.clone(), theme.heading()),
                // The counts before the area: on a narrow window the area goes first.
                Span::styled(
                    format!(
                        " · {} {} · {} {} · {}",
                        c.notes.len(),
                        C::Notes.get(lang).to_lowercase(),
                        open,
                        C::Interventions.get(lang).to_lowercase(),
                        c.area,
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
    let mut state = ListState::default().with_selected(Some(state.cursor.selected - offset));
    frame.render_stateful_widget(list, area, &mut state);
}

/// The complete picture (fifteen domains: score, trend, notes touching) beside the notes.
pub fn draw_case(app: &App, state: &CaseState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let Some(unlocked) = app.unlocked() else {
        return;
    };
    let Some(case) = unlocked.case(&state.id) else {
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
    // On a short window the picture scrolls with the selected domain.
    let rows = (left.height as usize).saturating_sub(1);
    let offset = state.domain.window(rows, LifeDomain::ALL.len());
    for (i, d) in LifeDomain::ALL.iter().enumerate().skip(offset).take(rows) {
        let (now, before) = picture[i];
        let score = now.map_or("—".to_string(), |n| n.to_string());
        let bar = now.map_or(String::new(), |n| "■".repeat(n as usize));
        let trend = trend_arrow(now, before);
        let touched = case.touches(*d);
        let mark = if touched > 0 {
            format!("•{touched}")
        } else {
            String::new()
        };
        let label: String = d.label(lang).chars().take(22).collect();
        let selected = i == state.domain.selected;
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
        unlocked.with_rules(|rules| {
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
    frame.render_widget(
        Paragraph::new(notes)
            .wrap(Wrap { trim: false })
            .scroll((state.notes_scroll, 0)),
        right,
    );
}
