//! The app's side of case work: unlocking and locking, opening the case
//! screens, referrals from the map, and every act on an intervention. Changes
//! go through the case book, which checks the rule and writes nothing when it
//! refuses.

mod forms;
mod workers;

use crate::cases::book::{CaseBook, CaseError, Session};
use crate::map::domain::LifeDomain;
use crate::text::{self, C, report};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::caseform::CaseForm;
use crate::tui::screens::cases::CasesState;
use crate::tui::screens::confirm::Confirm;
use crate::tui::screens::interventions::{InterventionsState, Source};
use crate::tui::screens::picker::CasePicker;
use crate::tui::screens::reader::Reader;
use crate::tui::screens::{Popup, View};
use chrono::Utc;
use std::time::Instant;

impl App {
    fn book(&self) -> Result<CaseBook<'_>, CaseError> {
        CaseBook::open(&self.store)
    }

    /// Locks the case screens when nothing was typed for `lock_after`.
    pub fn lock_if_idle(&mut self, now: Instant) {
        if self.unlocked.is_some()
            && now.duration_since(self.last_activity) >= self.shared.lock_after
        {
            self.lock();
        }
    }

    /// Forgets the session and everything decrypted with it.
    fn lock(&mut self) {
        let parked = self.park();
        self.unlocked = None;
        if self.popup.as_ref().is_some_and(Popup::holds_case_data) {
            self.popup = None;
        }
        if self.covered.as_ref().is_some_and(Popup::holds_case_data) {
            self.covered = None;
        }
        if let Some(first) = self.stack.iter().position(View::holds_case_data) {
            self.stack.truncate(first);
        }
        let said = if parked {
            C::LockedDraftKept
        } else {
            C::Locked
        };
        self.tell(said.get(self.shared.lang).to_string());
    }

    /// Opens a case form, with the worker's draft of it when one was kept.
    fn form(&mut self, form: CaseForm) {
        let form = self.with_draft(form);
        self.popup = Some(Popup::CaseForm(form));
    }

    /// The session when unlocked; otherwise asks for worker and passphrase,
    /// then goes on with `then`.
    fn require_session(&mut self, then: Action) -> Option<&Session> {
        if self.unlocked.is_none() {
            if self.book().is_ok_and(|b| b.workers().is_empty()) {
                self.first_run(then);
                return None;
            }
            let worker = self
                .shared
                .worker
                .as_ref()
                .map(|w| w.id.clone())
                .unwrap_or_default();
            self.form(CaseForm::unlock(self.shared.lang, &worker, then));
        }
        self.session()
    }

    /// The case open on the case screen (or under the screens over it).
    fn open_case(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|v| match v {
            View::Case(c) => Some(c.id.clone()),
            _ => None,
        })
    }

    /// Rereads the cases after a change, and the intervention screens with them.
    fn reload_cases(&mut self) {
        let Some(unlocked) = &self.unlocked else {
            return;
        };
        // One damaged case never hides the others: they show, and the damage is named.
        let result = self.book().and_then(|b| b.case_list(&unlocked.session));
        let lang = self.shared.lang;
        match result {
            Ok(list) => {
                if let Some(u) = &mut self.unlocked {
                    u.cases = list.cases;
                }
                let damage: Vec<String> = list
                    .damaged
                    .iter()
                    .map(|e| text::case_error(e, lang))
                    .collect();
                if !damage.is_empty() {
                    self.warn(damage.join(" · "));
                }
            }
            Err(e) => self.warn(text::case_error(&e, lang)),
        }
        self.reload_interventions();
    }

    /// Refills every intervention list on the stack, and the one intervention on screen.
    fn reload_interventions(&mut self) {
        let Some(unlocked) = &self.unlocked else {
            return;
        };
        let Ok(book) = CaseBook::open(&self.store) else {
            return;
        };
        let totals = book
            .totals(&unlocked.session, self.shared.today)
            .ok()
            .map(|t| (book.budget_cents(), t.approved_cents, t.spent_cents));
        let all: Vec<(String, _)> = unlocked
            .cases
            .iter()
            .flat_map(|c| c.interventions.iter().map(|i| (c.id.clone(), i.clone())))
            .collect();
        let mut open = None;
        for view in self.stack.iter_mut() {
            match view {
                View::Case(c) => open = Some(c.id.clone()),
                View::Interventions(list) => {
                    // The intervention on screen stays, even when it no longer waits for anyone.
                    let shown = list.selected().map(|(_, i)| i.id.clone());
                    list.items = all
                        .iter()
                        .filter(|(case, i)| match list.source {
                            Source::Case => open.as_ref() == Some(case),
                            Source::Waiting => {
                                book.waits_for(&unlocked.session, i)
                                    || shown.as_ref() == Some(&i.id)
                            }
                        })
                        .cloned()
                        .collect();
                    list.totals = totals;
                    let len = list.items.len();
                    list.cursor.step(0, len);
                    if let Some(pos) =
                        shown.and_then(|id| list.items.iter().position(|(_, i)| i.id == id))
                    {
                        list.cursor.selected = pos;
                    }
                }
                View::Intervention(one) => {
                    if let Some((_, item)) = all.iter().find(|(_, i)| i.id == one.item.id) {
                        one.item = item.clone();
                    }
                }
                _ => {}
            }
        }
    }

    pub(super) fn casework(&mut self, action: Action) {
        let lang = self.shared.lang;
        match action {
            Action::Lock => self.lock(),
            Action::SwitchWorker => {
                self.lock();
                self.form(CaseForm::unlock(lang, "", Action::OpenCases));
            }
            Action::OpenCases if self.require_session(action).is_some() => {
                self.reload_cases();
                self.stack.retain(|v| !v.holds_case_data());
                self.stack.push(View::Cases(CasesState::default()));
            }
            Action::OpenWaiting if self.require_session(action).is_some() => {
                self.stack.retain(|v| !v.holds_case_data());
                self.stack.push(View::Interventions(InterventionsState::new(
                    Source::Waiting,
                )));
                self.reload_cases();
            }
            Action::Refer => {
                let Some(entry) = self.selected().map(|d| d.entry.id.clone()) else {
                    return;
                };
                if self.require_session(action).is_some() {
                    self.reload_cases();
                    self.popup = Some(Popup::Picker(CasePicker::refer(entry)));
                }
            }
            Action::NewCase => self.form(CaseForm::new_case(lang)),
            Action::Score(score) => {
                let Some(View::Case(c)) = self.stack.last() else {
                    return;
                };
                let domain = c.domain();
                let case_label = self
                    .unlocked
                    .as_ref()
                    .and_then(|u| u.case(&c.id))
                    .map(|case| case.label.clone())
                    .unwrap_or_default();
                self.popup = Some(Popup::Confirm(Confirm::Score {
                    case_label,
                    domain,
                    score,
                }));
            }
            Action::AddNote => self.form(CaseForm::note(lang)),
            Action::Propose => self.form(CaseForm::proposal(lang)),
            Action::OpenInterventions => {
                self.stack
                    .push(View::Interventions(InterventionsState::new(Source::Case)));
                self.reload_interventions();
            }
            Action::ShowSlip => {
                let case = self.open_case();
                let slip = self
                    .unlocked
                    .as_ref()
                    .zip(case)
                    .and_then(|(u, id)| u.case(&id).map(|c| report::slip(c, &self.store)));
                if let Some(text) = slip {
                    self.popup = Some(Popup::Reader(Reader {
                        title: C::SlipTitle.get(lang).to_string(),
                        text,
                        scroll: 0,
                    }));
                }
            }
            Action::EraseCase => {
                if let Some(id) = self.open_case() {
                    let heading = format!("{} {id}?", action.describe(lang));
                    self.form(CaseForm::erase(lang, heading, &id));
                }
            }
            Action::Approve
            | Action::Reject
            | Action::RequestReview
            | Action::EditProposal
            | Action::MarkCarriedOut
            | Action::Evaluate => self.intervention_form(action),
            Action::OpenWorkers => self.open_workers(),
            Action::EnrolWorker
            | Action::EditWorker
            | Action::RemoveWorker
            | Action::SetBudget
            | Action::SetLockMinutes => self.worker_form(action),
            Action::Submit => match &self.popup {
                Some(Popup::Picker(_)) => self.refer_chosen(),
                Some(Popup::CaseForm(_)) => self.submit(),
                _ => {}
            },
            _ => {}
        }
    }

    /// Records a score on the open case, once the worker said yes.
    pub(super) fn set_score(&mut self, domain: LifeDomain, score: u8) {
        self.case_act(|book, s, case| book.set_score(s, case, domain, score, Utc::now()));
    }

    /// Runs a change on the open case with the case book, then rereads the cases.
    fn case_act(
        &mut self,
        f: impl FnOnce(&CaseBook, &Session, &str) -> Result<(), CaseError>,
    ) -> bool {
        let case = self.open_case().unwrap_or_default();
        self.case_act_on(&case, f)
    }

    fn case_act_on(
        &mut self,
        case: &str,
        f: impl FnOnce(&CaseBook, &Session, &str) -> Result<(), CaseError>,
    ) -> bool {
        let Some(unlocked) = &self.unlocked else {
            return false;
        };
        let result = self
            .book()
            .and_then(|book| f(&book, &unlocked.session, case));
        match result {
            Ok(()) => {
                self.reload_cases();
                true
            }
            Err(e) => {
                let line = text::case_error(&e, self.shared.lang);
                match &mut self.popup {
                    Some(Popup::CaseForm(form)) => form.error = Some(line),
                    _ => self.warn(line),
                }
                false
            }
        }
    }

    /// Checks the passphrase of the session's worker again (for verdicts and erasure).
    fn reauthenticate(&self, passphrase: &str) -> Result<(), CaseError> {
        let s = self.session().ok_or(CaseError::WrongPassphrase)?;
        self.book()?.unlock(&s.worker.id, passphrase).map(|_| ())
    }
}
