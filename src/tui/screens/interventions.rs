//! Interventions: of one case, or all that wait for the acting worker's
//! decision (with why and for whom), and one intervention's history.

use super::{ListCursor, View};
use crate::cases::model::{Intervention, euros};
use crate::cases::rule::Role;
use crate::text::report;
use crate::text::{C, role_label, state_label};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

/// Where the list comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Source {
    #[default]
    Case,
    Waiting,
}

#[derive(Debug, Default)]
pub struct InterventionsState {
    pub source: Source,
    pub cursor: ListCursor,
    /// (case id, intervention), filled by the app from the unlocked cases.
    pub items: Vec<(String, Intervention)>,
    /// Budget line for the waiting screen: limit, approved, spent this year.
    pub totals: Option<(u64, u64, u64)>,
}

impl InterventionsState {
    pub fn new(source: Source) -> InterventionsState {
        InterventionsState {
            source,
            ..InterventionsState::default()
        }
    }

    pub fn selected(&self) -> Option<&(String, Intervention)> {
        self.items.get(self.cursor.selected)
    }

    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::Back => return Effect::Pop,
            Action::Up => self.cursor.step(-1, self.items.len()),
            Action::Down => self.cursor.step(1, self.items.len()),
            Action::Open => {
                if let Some((case, item)) = self.selected() {
                    return Effect::Push(View::Intervention(InterventionState {
                        case: case.clone(),
                        item: item.clone(),
                        scroll: 0,
                    }));
                }
            }
            _ => {}
        }
        Effect::None
    }
}

/// Whether acting on `item` with `action` can go through now, by its state
/// and who is working: the status line offers only these. `None` for an
/// action that is not about an intervention.
pub fn offers(app: &App, item: &Intervention, action: Action) -> Option<bool> {
    use crate::cases::rule::{State, may_decide, status};
    let unlocked = app.unlocked()?;
    let worker = unlocked.session.worker.id.as_str();
    let events = item.events();
    let (s, decides) =
        unlocked.with_rules(|rules| (status(&events, rules), may_decide(&events, worker, rules)));
    Some(match action {
        Action::Approve | Action::Reject => decides,
        Action::RequestReview => {
            (s.state == State::Proposed && decides) || (s.appealable() && s.proposer == worker)
        }
        Action::EditProposal => {
            matches!(s.state, State::Proposed | State::Rejected) && s.proposer == worker
        }
        Action::MarkCarriedOut => s.state == State::Approved,
        Action::Evaluate => s.state == State::CarriedOut,
        _ => return None,
    })
}

/// One intervention with its history; acting on it is the app's to do.
#[derive(Debug)]
pub struct InterventionState {
    pub case: String,
    /// As of the last change the app applied.
    pub item: Intervention,
    pub scroll: u16,
}

impl InterventionState {
    pub fn update(&mut self, action: Action) -> Effect {
        self.scroll = match action {
            Action::Back => return Effect::Pop,
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => self.scroll.saturating_add(1),
            Action::Approve
            | Action::Reject
            | Action::RequestReview
            | Action::EditProposal
            | Action::MarkCarriedOut
            | Action::Evaluate => return Effect::App(action),
            _ => self.scroll,
        };
        Effect::None
    }
}

pub fn draw_list(app: &App, state: &InterventionsState, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    let Some(unlocked) = app.unlocked() else {
        return;
    };
    let title = match state.source {
        Source::Waiting => C::Waiting.get(lang),
        Source::Case => C::Interventions.get(lang),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {title} "), theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [top, body] = inner.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(0),
    ]));
    if let Some((limit, approved, spent)) = state.totals {
        let line = format!(
            "{}: {} · {}: {} · {}: {}",
            C::Budget.get(lang),
            euros(limit),
            C::ApprovedThisYear.get(lang),
            euros(approved),
            C::SpentThisYear.get(lang),
            euros(spent)
        );
        frame.render_widget(
            Paragraph::new(line)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            top,
        );
    }
    if state.items.is_empty() {
        frame.render_widget(Paragraph::new(C::NothingWaiting.get(lang)), body);
        return;
    }
    let rows = (body.height / 2) as usize;
    let offset = state.cursor.window(rows, state.items.len());
    let items: Vec<ListItem> = unlocked.with_rules(|rules| {
        state
            .items
            .iter()
            .skip(offset)
            .take(rows)
            .map(|(case, i)| {
                let st = i.status(rules);
                let why: Vec<&str> = st
                    .waiting_for
                    .iter()
                    .map(|r| role_label(*r, lang))
                    .collect();
                let reason = match st.waiting_for.first() {
                    Some(Role::IndependentThird) if st.review_requested => {
                        format!("{} · {}", why.join(", "), C::ReviewRequested.get(lang))
                    }
                    Some(Role::IndependentThird) if st.cost_cents > unlocked.budget_cents => {
                        format!("{} · > {}", why.join(", "), euros(unlocked.budget_cents))
                    }
                    Some(Role::IndependentThird) => {
                        format!("{} · {}", why.join(", "), C::Bond.get(lang))
                    }
                    _ => why.join(", "),
                };
                ListItem::new(vec![
                    Line::from(vec![
                        Span::styled(format!("{} ", i.title), theme.heading()),
                        Span::styled(
                            format!(
                                "{} · {} · {} v{} · {case}",
                                euros(i.cost_cents),
                                i.proposer,
                                state_label(st.state, lang),
                                st.revision
                            ),
                            theme.dim(),
                        ),
                    ]),
                    Line::styled(format!("   → {reason}"), theme.label()),
                ])
            })
            .collect()
    });
    let list = List::new(items)
        .highlight_style(theme.selected())
        .highlight_symbol("›");
    let mut list_state = ListState::default().with_selected(Some(state.cursor.selected - offset));
    frame.render_stateful_widget(list, body, &mut list_state);
}

pub fn draw_one(app: &App, state: &InterventionState, frame: &mut Frame, area: Rect) {
    let (case, item) = (&state.case, &state.item);
    let Some(unlocked) = app.unlocked() else {
        return;
    };
    let text =
        unlocked.with_rules(|rules| report::intervention_text(case, item, rules, app.shared.lang));
    let block = Block::new().borders(Borders::ALL).title(Span::styled(
        format!(" {} ", item.title),
        app.shared.theme.title(),
    ));
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((state.scroll, 0)),
        area,
    );
}
