//! The app's side of case work: unlocking and locking, opening the case
//! screens, referrals from the map, and every act on an intervention. Changes
//! go through the case book, which checks the rule and writes nothing when it
//! refuses.

use super::action::Action;
use super::app::{App, Unlocked};
use super::screens::caseform::{CaseForm, Submitted};
use super::screens::cases::CasesState;
use super::screens::interventions::{InterventionsState, Source};
use super::screens::picker::CasePicker;
use super::screens::reader::Reader;
use super::screens::{Popup, View};
use crate::cases::book::{Act, CaseBook, CaseError, Session};
use crate::cases::bsn;
use crate::cases::model::parse_euros;
use crate::map::domain::LifeDomain;
use crate::map::query::domains_matching;
use crate::text::{self, C, Say, report, say};
use chrono::{NaiveDate, Utc};
use std::time::Instant;

/// Splits "Huur betaald #fin #wonen" into the text and the domains it names.
fn text_and_domains(input: &str) -> (String, Vec<LifeDomain>) {
    let mut words = Vec::new();
    let mut domains = Vec::new();
    for token in input.split_whitespace() {
        match token.strip_prefix('#') {
            Some(name) if !name.is_empty() => {
                let bits = domains_matching(name);
                for d in LifeDomain::ALL {
                    if bits & d.bit() != 0 && !domains.contains(&d) {
                        domains.push(d);
                    }
                }
            }
            _ => words.push(token),
        }
    }
    (words.join(" "), domains)
}

fn is_yes(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes")
}

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
        self.unlocked = None;
        if self.popup.as_ref().is_some_and(Popup::holds_case_data) {
            self.popup = None;
        }
        if let Some(first) = self.stack.iter().position(View::holds_case_data) {
            self.stack.truncate(first);
        }
        self.tell(C::Locked.get(self.shared.lang).to_string());
    }

    fn form(&mut self, form: CaseForm) {
        self.popup = Some(Popup::CaseForm(form));
    }

    /// The session when unlocked; otherwise asks for worker and passphrase,
    /// then goes on with `then`.
    fn require_session(&mut self, then: Action) -> Option<&Session> {
        if self.unlocked.is_none() {
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
        let result = self.book().and_then(|b| b.cases(&unlocked.session));
        match result {
            Ok(list) => {
                if let Some(u) = &mut self.unlocked {
                    u.cases = list;
                }
            }
            Err(e) => self.warn(text::case_error(&e, self.shared.lang)),
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
            Action::Score(n) => {
                let Some(View::Case(c)) = self.stack.last() else {
                    return;
                };
                let domain = c.domain();
                self.case_act(|book, s, case| book.set_score(s, case, domain, n, Utc::now()));
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
            Action::Submit => match &self.popup {
                Some(Popup::Picker(_)) => self.refer_chosen(),
                Some(Popup::CaseForm(_)) => self.submit(),
                _ => {}
            },
            _ => {}
        }
    }

    fn intervention_form(&mut self, action: Action) {
        let lang = self.shared.lang;
        let Some(View::Intervention(one)) = self.stack.last() else {
            return;
        };
        let item = &one.item;
        let heading = format!("{} · {}", action.describe(lang), item.title);
        let form = match action {
            Action::Approve => CaseForm::verdict(lang, heading, &item.id, Some(true)),
            Action::Reject => CaseForm::verdict(lang, heading, &item.id, Some(false)),
            Action::RequestReview => CaseForm::verdict(lang, heading, &item.id, None),
            Action::EditProposal => CaseForm::edit_intervention(lang, heading, item),
            Action::MarkCarriedOut => {
                CaseForm::carried_out(lang, heading, &item.id, self.shared.today)
            }
            Action::Evaluate => CaseForm::evaluation(lang, heading, &item.id),
            _ => return,
        };
        self.form(form);
    }

    /// Writes the referral note to the case chosen in the picker.
    fn refer_chosen(&mut self) {
        let Some(Popup::Picker(picker)) = &self.popup else {
            return;
        };
        let Some(case) = self.unlocked.as_ref().and_then(|u| picker.chosen(&u.cases)) else {
            return;
        };
        let entry = picker.entry.clone();
        self.popup = None;
        let doc = self
            .shared
            .index
            .docs()
            .iter()
            .find(|d| d.entry.id == entry)
            .map(|d| (d.entry.name.clone(), d.entry.domains.clone()));
        let (name, domains) = doc.unwrap_or_default();
        let note = format!("{} {name}", C::Referred.get(self.shared.lang));
        let refers = vec![entry];
        self.case_act_on(&case, move |book, s, case| {
            book.add_note(s, case, &note, &domains, &refers, Utc::now())
                .map(|_| ())
        });
        self.tell(say(&Say::Saved(name), self.shared.lang));
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

    fn unlock(&mut self, then: Action, worker: &str, passphrase: &str) {
        let unlocked = self.book().and_then(|b| {
            let session = b.unlock(worker.trim(), passphrase)?;
            let organisations = b
                .workers()
                .into_iter()
                .filter(|w| !w.organisation.trim().is_empty())
                .map(|w| (w.id, w.organisation))
                .collect();
            Ok(Unlocked {
                session,
                cases: Vec::new(),
                budget_cents: b.budget_cents(),
                organisations,
            })
        });
        match unlocked {
            Ok(unlocked) => {
                self.unlocked = Some(unlocked);
                self.popup = None;
                self.update(then);
            }
            Err(e) => self.form_error(text::case_error(&e, self.shared.lang)),
        }
    }

    fn submit(&mut self) {
        let Some(Popup::CaseForm(form)) = &self.popup else {
            return;
        };
        let lang = self.shared.lang;
        let now = Utc::now();
        let ok = match form.submitted() {
            Submitted::Unlock {
                then,
                worker,
                passphrase,
            } => return self.unlock(then, &worker, &passphrase),
            Submitted::NewCase { label, area } => {
                let Some(session) = self.session() else {
                    return;
                };
                let created = self
                    .book()
                    .and_then(|mut b| b.new_case(session, &label, &area, now));
                match created {
                    Ok(id) => {
                        self.reload_cases();
                        self.stack
                            .push(View::Case(super::screens::cases::CaseState::new(&id)));
                        true
                    }
                    Err(e) => return self.form_error(text::case_error(&e, lang)),
                }
            }
            Submitted::Note { text, domains } => {
                let (note, mut found) = text_and_domains(&text);
                found.extend(text_and_domains(&domains).1);
                let warn_bsn = bsn::contains(&note);
                let ok = self.case_act(|b, s, case| {
                    b.add_note(s, case, &note, &found, &[], now).map(|_| ())
                });
                if ok && warn_bsn {
                    let case = self.open_case().unwrap_or_default();
                    let n = self
                        .unlocked
                        .as_ref()
                        .and_then(|u| u.case(&case))
                        .map_or(0, |c| c.notes.len());
                    self.popup = None;
                    self.warn(text::bsn_in_note(&case, n, lang));
                    return;
                }
                ok
            }
            Submitted::Propose {
                title,
                description,
                cost,
                domains,
                bond,
            } => {
                let Some(cents) = parse_euros(&cost) else {
                    return self.form_error(text::bad_euros(&cost, lang));
                };
                let domains = text_and_domains(&domains).1;
                let bond = is_yes(&bond);
                self.case_act(|b, s, case| {
                    b.propose(s, case, &title, &description, cents, &domains, bond, now)
                        .map(|_| ())
                })
            }
            Submitted::EditIntervention {
                id,
                title,
                description,
                cost,
            } => {
                let Some(cents) = parse_euros(&cost) else {
                    return self.form_error(text::bad_euros(&cost, lang));
                };
                let act = Act::Edit {
                    title: Some(title),
                    description: Some(description),
                    cost_cents: Some(cents),
                    domains: None,
                    bond: false,
                };
                self.case_act(|b, s, _| b.act(s, &id, act, now))
            }
            Submitted::Verdict {
                intervention,
                approve,
                reason,
                passphrase,
            } => {
                if let Err(e) = self.reauthenticate(&passphrase) {
                    return self.form_error(text::case_error(&e, lang));
                }
                let act = if approve {
                    Act::Approve {
                        reason,
                        bond: false,
                        revision: None,
                    }
                } else {
                    Act::Reject {
                        reason,
                        revision: None,
                    }
                };
                self.case_act(|b, s, _| b.act(s, &intervention, act, now))
            }
            Submitted::Review {
                intervention,
                reason,
                passphrase,
            } => {
                if let Err(e) = self.reauthenticate(&passphrase) {
                    return self.form_error(text::case_error(&e, lang));
                }
                let act = Act::RequestReview {
                    reason,
                    revision: None,
                };
                self.case_act(|b, s, _| b.act(s, &intervention, act, now))
            }
            Submitted::CarriedOut {
                intervention,
                date,
                cost,
            } => {
                let Ok(date) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") else {
                    return self.form_error(text::bad_date_arg(&date, lang));
                };
                let Some(cents) = parse_euros(&cost) else {
                    return self.form_error(text::bad_euros(&cost, lang));
                };
                let act = Act::CarriedOut {
                    date,
                    cost_cents: cents,
                };
                self.case_act(|b, s, _| b.act(s, &intervention, act, now))
            }
            Submitted::Evaluate {
                intervention,
                text,
                domains,
            } => {
                let domains = text_and_domains(&domains).1;
                let act = Act::Evaluate { text, domains };
                self.case_act(|b, s, _| b.act(s, &intervention, act, now))
            }
            Submitted::Erase { case, passphrase } => {
                if let Err(e) = self.reauthenticate(&passphrase) {
                    return self.form_error(text::case_error(&e, lang));
                }
                let Some(session) = self.session() else {
                    return;
                };
                let erased = self.book().and_then(|mut b| b.erase(session, &case, now));
                if let Err(e) = erased {
                    return self.form_error(text::case_error(&e, lang));
                }
                // Back to the case list: every screen of the erased case closes.
                if let Some(at) = self
                    .stack
                    .iter()
                    .position(|v| matches!(v, View::Case(c) if c.id == case))
                {
                    self.stack.truncate(at);
                }
                self.reload_cases();
                self.tell(format!("{}: {case}", C::Erased.get(lang)));
                true
            }
        };
        if ok {
            self.popup = None;
            self.reload_interventions();
        }
    }

    fn form_error(&mut self, line: String) {
        if let Some(Popup::CaseForm(form)) = &mut self.popup {
            form.error = Some(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_come_from_hash_words() {
        let (text, domains) = text_and_domains("Huur betaald #fin #huisv");
        assert_eq!(text, "Huur betaald");
        assert_eq!(domains, [LifeDomain::Finances, LifeDomain::Housing]);
    }
}
