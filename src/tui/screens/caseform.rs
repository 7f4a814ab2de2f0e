//! Small forms for case work: unlocking, a new case, a note, a proposal, a
//! verdict with its passphrase. Passphrase fields show dots, never the text.
//! Each purpose has its constructor and its typed reading ([`Submitted`]),
//! side by side, so the order of the fields is written down once.

use super::workerform::{WorkerPurpose, WorkerSubmitted};
use crate::cases::model::Intervention;
use crate::lang::Lang;
use crate::text::{C, T};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::textfield::TextField;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use zeroize::Zeroizing;

/// What a form is for, and what to do with it when submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Unlock as a worker, then go on with the action.
    Unlock(Action),
    NewCase,
    Note,
    Propose,
    EditIntervention(String),
    Verdict {
        intervention: String,
        approve: bool,
    },
    Review(String),
    CarriedOut(String),
    Evaluate(String),
    Erase(String),
    /// The worker list and the policies, by two (`workerform`).
    Workers(WorkerPurpose),
}

/// What a submitted form says, by name, for its purpose.
#[derive(Debug)]
pub enum Submitted {
    Unlock {
        then: Action,
        worker: String,
        passphrase: Zeroizing<String>,
    },
    NewCase {
        label: String,
        area: String,
    },
    Note {
        text: String,
        /// `#domain` words, besides those in the text.
        domains: String,
    },
    Propose {
        title: String,
        description: String,
        cost: String,
        domains: String,
        bond: String,
    },
    EditIntervention {
        id: String,
        title: String,
        description: String,
        cost: String,
    },
    Verdict {
        intervention: String,
        approve: bool,
        reason: String,
        passphrase: Zeroizing<String>,
    },
    Review {
        intervention: String,
        reason: String,
        passphrase: Zeroizing<String>,
    },
    CarriedOut {
        intervention: String,
        date: String,
        cost: String,
    },
    Evaluate {
        intervention: String,
        text: String,
        domains: String,
    },
    Erase {
        case: String,
        passphrase: Zeroizing<String>,
    },
    Workers(WorkerSubmitted),
}

#[derive(Debug)]
pub struct Field {
    pub label: &'static str,
    pub text: TextField,
    pub secret: bool,
}

#[derive(Debug)]
pub struct CaseForm {
    pub purpose: Purpose,
    pub title: String,
    pub fields: Vec<Field>,
    pub focus: usize,
    pub error: Option<String>,
    /// What the fields held when the form opened, to tell typed work from none.
    initial: Vec<String>,
}

/// An amount as the cost field takes it back: `1250`, `1250.5`, `1250.05`.
fn cost_text(cents: u64) -> String {
    let (whole, part) = (cents / 100, cents % 100);
    match part {
        0 => whole.to_string(),
        p if p % 10 == 0 => format!("{whole}.{}", p / 10),
        p => format!("{whole}.{p:02}"),
    }
}

pub(super) const PLAIN: bool = false;
pub(super) const SECRET: bool = true;

impl CaseForm {
    pub(super) fn new(
        purpose: Purpose,
        title: String,
        fields: Vec<(&'static str, &str, bool)>,
    ) -> CaseForm {
        let initial = fields.iter().map(|(_, text, _)| text.to_string()).collect();
        CaseForm {
            initial,
            purpose,
            title,
            fields: fields
                .into_iter()
                .map(|(label, text, secret)| Field {
                    label,
                    text: if secret {
                        TextField::secret()
                    } else {
                        TextField::new(text)
                    },
                    secret,
                })
                .collect(),
            focus: 0,
            error: None,
        }
    }

    /// Worker and passphrase; the passphrase has the focus when the worker is known.
    pub fn unlock(lang: Lang, worker: &str, then: Action) -> CaseForm {
        let mut form = CaseForm::new(
            Purpose::Unlock(then),
            C::Unlock.get(lang).to_string(),
            vec![
                (C::Worker.get(lang), worker, PLAIN),
                (C::Passphrase.get(lang), "", SECRET),
            ],
        );
        if !worker.is_empty() {
            form.focus = 1;
        }
        form
    }

    pub fn new_case(lang: Lang) -> CaseForm {
        CaseForm::new(
            Purpose::NewCase,
            C::NewCase.get(lang).to_string(),
            vec![
                (C::Label.get(lang), "", PLAIN),
                (C::Area.get(lang), "", PLAIN),
            ],
        )
    }

    pub fn note(lang: Lang) -> CaseForm {
        CaseForm::new(
            Purpose::Note,
            C::NewNote.get(lang).to_string(),
            vec![
                (C::Text.get(lang), "", PLAIN),
                (C::DomainsHint.get(lang), "", PLAIN),
            ],
        )
    }

    pub fn proposal(lang: Lang) -> CaseForm {
        CaseForm::new(
            Purpose::Propose,
            C::Proposal.get(lang).to_string(),
            vec![
                (C::Title.get(lang), "", PLAIN),
                (C::Description.get(lang), "", PLAIN),
                (C::CostEuro.get(lang), "", PLAIN),
                (C::DomainsHint.get(lang), "", PLAIN),
                (C::Bond.get(lang), T::No.get(Lang::Nl), PLAIN),
            ],
        )
    }

    /// A new revision of `item`, starting from what it says now.
    pub fn edit_intervention(lang: Lang, heading: String, item: &Intervention) -> CaseForm {
        CaseForm::new(
            Purpose::EditIntervention(item.id.clone()),
            heading,
            vec![
                (C::Title.get(lang), &item.title, PLAIN),
                (C::Description.get(lang), &item.description, PLAIN),
                (C::CostEuro.get(lang), &cost_text(item.cost_cents), PLAIN),
            ],
        )
    }

    /// Approve or reject, or (`approve` = `None`) request review: a reason and the passphrase again.
    pub fn verdict(lang: Lang, heading: String, id: &str, approve: Option<bool>) -> CaseForm {
        let purpose = match approve {
            Some(approve) => Purpose::Verdict {
                intervention: id.to_string(),
                approve,
            },
            None => Purpose::Review(id.to_string()),
        };
        CaseForm::new(
            purpose,
            heading,
            vec![
                (C::Reason.get(lang), "", PLAIN),
                (C::Passphrase.get(lang), "", SECRET),
            ],
        )
    }

    pub fn carried_out(lang: Lang, heading: String, id: &str, today: NaiveDate) -> CaseForm {
        CaseForm::new(
            Purpose::CarriedOut(id.to_string()),
            heading,
            vec![
                (C::Date.get(lang), &today.to_string(), PLAIN),
                (C::ActualCost.get(lang), "", PLAIN),
            ],
        )
    }

    pub fn evaluation(lang: Lang, heading: String, id: &str) -> CaseForm {
        CaseForm::new(
            Purpose::Evaluate(id.to_string()),
            heading,
            vec![
                (C::Text.get(lang), "", PLAIN),
                (C::DomainsHint.get(lang), "", PLAIN),
            ],
        )
    }

    pub fn erase(lang: Lang, heading: String, case: &str) -> CaseForm {
        CaseForm::new(
            Purpose::Erase(case.to_string()),
            heading,
            vec![(C::Passphrase.get(lang), "", SECRET)],
        )
    }

    /// True when the worker typed something worth keeping: a field other
    /// than a passphrase differs from what the form opened with. The unlock
    /// form holds nothing worth keeping.
    pub fn is_typed(&self) -> bool {
        !matches!(self.purpose, Purpose::Unlock(_))
            && self
                .fields
                .iter()
                .zip(&self.initial)
                .any(|(f, initial)| !f.secret && f.text.text() != initial)
    }

    /// The form as a draft to keep: passphrases are never kept, and the
    /// error of the last try is gone.
    pub fn into_draft(mut self) -> CaseForm {
        for field in self.fields.iter_mut().filter(|f| f.secret) {
            field.text.clear();
        }
        self.error = None;
        self
    }

    pub fn value(&self, i: usize) -> &str {
        self.fields.get(i).map_or("", |f| f.text.text())
    }

    /// The form's values by name, in the order its constructor laid them out.
    pub fn submitted(&self) -> Submitted {
        let v = |i: usize| self.value(i).to_string();
        let secret = |i: usize| Zeroizing::new(self.value(i).to_string());
        match self.purpose.clone() {
            Purpose::Unlock(then) => Submitted::Unlock {
                then,
                worker: v(0),
                passphrase: secret(1),
            },
            Purpose::NewCase => Submitted::NewCase {
                label: v(0),
                area: v(1),
            },
            Purpose::Note => Submitted::Note {
                text: v(0),
                domains: v(1),
            },
            Purpose::Propose => Submitted::Propose {
                title: v(0),
                description: v(1),
                cost: v(2),
                domains: v(3),
                bond: v(4),
            },
            Purpose::EditIntervention(id) => Submitted::EditIntervention {
                id,
                title: v(0),
                description: v(1),
                cost: v(2),
            },
            Purpose::Verdict {
                intervention,
                approve,
            } => Submitted::Verdict {
                intervention,
                approve,
                reason: v(0),
                passphrase: secret(1),
            },
            Purpose::Review(intervention) => Submitted::Review {
                intervention,
                reason: v(0),
                passphrase: secret(1),
            },
            Purpose::CarriedOut(intervention) => Submitted::CarriedOut {
                intervention,
                date: v(0),
                cost: v(1),
            },
            Purpose::Evaluate(intervention) => Submitted::Evaluate {
                intervention,
                text: v(0),
                domains: v(1),
            },
            Purpose::Erase(case) => Submitted::Erase {
                case,
                passphrase: secret(0),
            },
            Purpose::Workers(purpose) => Submitted::Workers(WorkerSubmitted::read(purpose, self)),
        }
    }

    /// Applies an editing key; Enter on the last field or Ctrl-S submits.
    pub fn update(&mut self, action: Action) -> Effect {
        let last = self.fields.len().saturating_sub(1);
        match action {
            Action::Back => return Effect::Close,
            Action::Save => return Effect::App(Action::Submit),
            Action::Open if self.focus == last => return Effect::App(Action::Submit),
            Action::Open | Action::NextField => self.focus = (self.focus + 1).min(last),
            Action::PrevField => self.focus = self.focus.saturating_sub(1),
            other => {
                if let Some(field) = self.fields.get_mut(self.focus) {
                    field.text.apply(other);
                }
            }
        }
        self.error = None;
        Effect::None
    }
}

pub fn draw(app: &App, form: &CaseForm, frame: &mut Frame, area: Rect) {
    let (lang, theme) = (app.shared.lang, app.shared.theme);
    // Room for the error, wrapped: a refusal is read in full, never cut.
    let width = area.width.min(76).saturating_sub(2).max(1) as usize;
    let error_lines = form
        .error
        .as_ref()
        .map_or(1, |e| (e.chars().count() + 2).div_ceil(width).max(1)) as u16;
    let height = form.fields.len() as u16 + 3 + error_lines;
    let [column] = area.layout(&Layout::horizontal([Constraint::Max(76)]).flex(Flex::Center));
    let [popup] = column.layout(&Layout::vertical([Constraint::Length(height)]).flex(Flex::Center));
    frame.render_widget(Clear, popup);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(Span::styled(format!(" {} ", form.title), theme.title()));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    // Labels never run into their values: as wide as the longest, within reason.
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.chars().count() + 2)
        .max()
        .unwrap_or(10)
        .min(inner.width as usize / 2);
    let value_width = (inner.width as usize)
        .saturating_sub(label_width + 1)
        .max(1);
    let mut lines = Vec::new();
    let mut cursor = None;
    for (i, f) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        // A passphrase is never copied to be drawn: only its length is.
        let (shown, col) = if f.secret {
            let (len, col) = f.text.window_len(value_width);
            ("•".repeat(len), col)
        } else {
            f.text.window(value_width)
        };
        if focused {
            cursor = Some((
                inner.x + 1 + label_width as u16 + col as u16,
                inner.y + i as u16,
            ));
        }
        let style = if focused {
            theme.selected()
        } else {
            theme.label()
        };
        let marker = if focused { "›" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{marker}{:<label_width$}", format!("{}:", f.label)),
                style,
            ),
            Span::raw(shown),
        ]));
    }
    lines.push(Line::raw(""));
    match &form.error {
        Some(e) => lines.push(Line::styled(format!("! {e}"), theme.warning())),
        // Esc keeps typed text as a draft, except where only a passphrase is typed.
        None => {
            let keeps = !matches!(form.purpose, Purpose::Unlock(_) | Purpose::Erase(_));
            let keys = if keeps { C::FormKeysDraft } else { C::FormKeys };
            lines.push(Line::styled(keys.get(lang), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some((x, y)) = cursor {
        frame.set_cursor_position(Position::new(x, y));
    }
}
