//! The app's side of case work: unlocking and locking, the case screens,
//! referrals from the map, and every act on an intervention. Changes go
//! through the case book, which checks the rule and writes nothing when it
//! refuses.

use super::action::Action;
use super::app::{App, Overlay, Screen};
use super::screens::caseform::{CaseForm, Purpose};
use super::screens::cases::{CasePicker, Reader};
use super::screens::interventions::Source;
use crate::cases::book::{Act, CaseBook, CaseError, Session};
use crate::cases::bsn;
use crate::cases::model::parse_euros;
use crate::cases::rule::Rules;
use crate::map::domain::LifeDomain;
use crate::map::query::domains_matching;
use crate::text::report;
use crate::text::{self, C, Say, say};
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

    /// Runs `f` with the decision rule's context, as read when unlocking.
    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        let orgs = |w: &str| self.cases.organisations.get(w).cloned();
        f(&Rules {
            budget_cents: self.cases.budget_cents,
            organisation_of: &orgs,
        })
    }

    pub fn budget_cents(&self) -> u64 {
        self.cases.budget_cents
    }

    /// Locks the case screens when nothing was typed for `lock_after`.
    pub fn lock_if_idle(&mut self, now: Instant) {
        if self.session.is_some() && now.duration_since(self.last_activity) >= self.lock_after {
            self.lock();
        }
    }

    /// Forgets the session and everything decrypted with it.
    fn lock(&mut self) {
        self.session = None;
        self.cases.list.clear();
        self.cases.open = None;
        self.interventions.items.clear();
        self.case_form = None;
        self.picker = None;
        self.reader = None;
        if matches!(
            self.overlay,
            Some(Overlay::CaseForm | Overlay::Picker | Overlay::Reader)
        ) {
            self.overlay = None;
        }
        if matches!(
            self.screen,
            Screen::Cases | Screen::Case | Screen::Interventions | Screen::Intervention
        ) {
            self.screen = Screen::Search;
        }
        self.tell(C::Locked.get(self.lang).to_string());
    }

    fn form(&mut self, purpose: Purpose, title: String, fields: Vec<(&'static str, &str, bool)>) {
        self.case_form = Some(CaseForm::new(purpose, title, fields));
        self.overlay = Some(Overlay::CaseForm);
    }

    /// True when unlocked; otherwise asks for worker and passphrase, then goes on with `then`.
    fn require_session(&mut self, then: Action) -> bool {
        if self.session.is_some() {
            return true;
        }
        let lang = self.lang;
        let worker = self
            .worker
            .as_ref()
            .map(|w| w.id.clone())
            .unwrap_or_default();
        self.form(
            Purpose::Unlock(then),
            C::Unlock.get(lang).to_string(),
            vec![
                (C::Worker.get(lang), &worker, false),
                (C::Passphrase.get(lang), "", true),
            ],
        );
        if !worker.is_empty()
            && let Some(form) = &mut self.case_form
        {
            form.focus = 1;
        }
        false
    }

    fn reload_cases(&mut self) {
        let Some(session) = &self.session else { return };
        let result = self.book().and_then(|b| b.cases(session));
        match result {
            Ok(list) => self.cases.list = list,
            Err(e) => self.warn(text::case_error(&e, self.lang)),
        }
        self.reload_interventions();
    }

    fn reload_interventions(&mut self) {
        let Some(session) = &self.session else { return };
        // The intervention on screen stays, even when it no longer waits for anyone.
        let open = (self.screen == Screen::Intervention)
            .then(|| self.interventions.selected().map(|(_, i)| i.id.clone()))
            .flatten();
        let items = match self.interventions.source {
            Source::Case => self
                .cases
                .current()
                .map(|c| {
                    c.interventions
                        .iter()
                        .map(|i| (c.id.clone(), i.clone()))
                        .collect()
                })
                .unwrap_or_default(),
            Source::Waiting => {
                let book = self.book();
                let all: Vec<_> = self
                    .cases
                    .list
                    .iter()
                    .flat_map(|c| c.interventions.iter().map(|i| (c.id.clone(), i.clone())))
                    .collect();
                match &book {
                    Ok(b) => all
                        .into_iter()
                        .filter(|(_, i)| b.waits_for(session, i) || open.as_deref() == Some(&i.id))
                        .collect(),
                    Err(_) => Vec::new(),
                }
            }
        };
        self.interventions.items = items;
        if let Ok(b) = self.book()
            && let Ok(t) = b.totals(session, self.today)
        {
            self.interventions.totals = Some((b.budget_cents(), t.approved_cents, t.spent_cents));
        }
        let len = self.interventions.items.len();
        self.interventions.cursor.step(0, len);
        if let Some(pos) = open.and_then(|id| {
            self.interventions
                .items
                .iter()
                .position(|(_, i)| i.id == id)
        }) {
            self.interventions.cursor.selected = pos;
        }
    }

    pub(super) fn update_case(&mut self, action: Action) {
        if self.overlay == Some(Overlay::CaseForm) {
            return self.update_case_form(action);
        }
        match action {
            Action::Lock => return self.lock(),
            Action::SwitchWorker => {
                self.lock();
                let lang = self.lang;
                self.form(
                    Purpose::Unlock(Action::OpenCases),
                    C::Unlock.get(lang).to_string(),
                    vec![
                        (C::Worker.get(lang), "", false),
                        (C::Passphrase.get(lang), "", true),
                    ],
                );
                return;
            }
            Action::OpenCases => {
                if self.require_session(action) {
                    self.reload_cases();
                    self.cases.cursor.reset();
                    self.screen = Screen::Cases;
                }
                return;
            }
            Action::OpenWaiting => {
                if self.require_session(action) {
                    self.interventions.source = Source::Waiting;
                    self.screen = Screen::Interventions;
                    self.reload_cases();
                    self.interventions.cursor.reset();
                }
                return;
            }
            Action::Refer => {
                let Some(entry) = self.selected().map(|d| d.entry.id.clone()) else {
                    return;
                };
                if self.require_session(action) {
                    self.reload_cases();
                    self.picker = Some(CasePicker {
                        entry,
                        ..CasePicker::default()
                    });
                    self.overlay = Some(Overlay::Picker);
                }
                return;
            }
            _ => {}
        }
        match self.overlay {
            Some(Overlay::Picker) => return self.update_picker(action),
            Some(Overlay::Reader) => {
                if let Some(reader) = &mut self.reader {
                    match action {
                        Action::Back => {
                            self.reader = None;
                            self.overlay = None;
                        }
                        Action::Up => reader.scroll = reader.scroll.saturating_sub(1),
                        Action::Down => reader.scroll = reader.scroll.saturating_add(1),
                        Action::PageUp => reader.scroll = reader.scroll.saturating_sub(10),
                        Action::PageDown => reader.scroll = reader.scroll.saturating_add(10),
                        _ => {}
                    }
                }
                return;
            }
            _ => {}
        }
        let lang = self.lang;
        match (self.screen, action) {
            (Screen::Cases, Action::Back) => self.screen = Screen::Search,
            (Screen::Cases, Action::Up) => self.cases.cursor.step(-1, self.cases.list.len()),
            (Screen::Cases, Action::Down) => self.cases.cursor.step(1, self.cases.list.len()),
            (Screen::Cases, Action::Open) => {
                if let Some(c) = self.cases.list.get(self.cases.cursor.selected) {
                    self.cases.open = Some(c.id.clone());
                    self.cases.domain.reset();
                    self.screen = Screen::Case;
                }
            }
            (Screen::Cases, Action::NewEntry) => self.form(
                Purpose::NewCase,
                C::NewCase.get(lang).to_string(),
                vec![
                    (C::Label.get(lang), "", false),
                    (C::Area.get(lang), "", false),
                ],
            ),
            (Screen::Case, Action::Back) => self.screen = Screen::Cases,
            (Screen::Case, Action::Up) => self.cases.domain.step(-1, 15),
            (Screen::Case, Action::Down) => self.cases.domain.step(1, 15),
            (Screen::Case, Action::Score(n)) => {
                let domain = LifeDomain::ALL[self.cases.domain.selected];
                self.case_act(|book, s, case| book.set_score(s, case, domain, n, Utc::now()));
            }
            (Screen::Case, Action::AddNote) => self.form(
                Purpose::Note,
                C::NewNote.get(lang).to_string(),
                vec![
                    (C::Text.get(lang), "", false),
                    (C::DomainsHint.get(lang), "", false),
                ],
            ),
            (Screen::Case, Action::Propose) => self.form(
                Purpose::Propose,
                C::Proposal.get(lang).to_string(),
                vec![
                    (C::Title.get(lang), "", false),
                    (C::Description.get(lang), "", false),
                    (C::CostEuro.get(lang), "", false),
                    (C::DomainsHint.get(lang), "", false),
                    (C::Bond.get(lang), "nee", false),
                ],
            ),
            (Screen::Case, Action::OpenInterventions) => {
                self.interventions.source = Source::Case;
                self.screen = Screen::Interventions;
                self.reload_interventions();
                self.interventions.cursor.reset();
            }
            (Screen::Case, Action::ShowSlip) => {
                if let Some(case) = self.cases.current() {
                    let text = report::slip(case, &self.store);
                    self.reader = Some(Reader {
                        title: C::SlipTitle.get(lang).to_string(),
                        text,
                        scroll: 0,
                    });
                    self.overlay = Some(Overlay::Reader);
                }
            }
            (Screen::Case, Action::EraseCase) => {
                if let Some(id) = self.cases.open.clone() {
                    let title = format!("{} {id}?", action.describe(lang));
                    self.form(
                        Purpose::Erase(id),
                        title,
                        vec![(C::Passphrase.get(lang), "", true)],
                    );
                }
            }
            (Screen::Interventions, Action::Back) => {
                self.screen = match self.interventions.source {
                    Source::Case => Screen::Case,
                    Source::Waiting => Screen::Search,
                }
            }
            (Screen::Interventions, Action::Up) => self
                .interventions
                .cursor
                .step(-1, self.interventions.items.len()),
            (Screen::Interventions, Action::Down) => self
                .interventions
                .cursor
                .step(1, self.interventions.items.len()),
            (Screen::Interventions, Action::Open) if self.interventions.selected().is_some() => {
                self.interventions.scroll = 0;
                self.screen = Screen::Intervention;
            }
            (Screen::Intervention, Action::Back) => self.screen = Screen::Interventions,
            (Screen::Intervention, Action::Up) => {
                self.interventions.scroll = self.interventions.scroll.saturating_sub(1)
            }
            (Screen::Intervention, Action::Down) => {
                self.interventions.scroll = self.interventions.scroll.saturating_add(1)
            }
            (Screen::Intervention, act) => self.intervention_form(act),
            _ => {}
        }
    }

    fn intervention_form(&mut self, action: Action) {
        let lang = self.lang;
        let Some((_, item)) = self.interventions.selected() else {
            return;
        };
        let (id, title) = (item.id.clone(), item.title.clone());
        let pass = (C::Passphrase.get(lang), "", true);
        let reason = (C::Reason.get(lang), "", false);
        let heading = format!("{} · {title}", action.describe(lang));
        match action {
            Action::Approve => self.form(
                Purpose::Verdict {
                    intervention: id,
                    approve: true,
                },
                heading,
                vec![reason, pass],
            ),
            Action::Reject => self.form(
                Purpose::Verdict {
                    intervention: id,
                    approve: false,
                },
                heading,
                vec![reason, pass],
            ),
            Action::RequestReview => self.form(Purpose::Review(id), heading, vec![reason, pass]),
            Action::EditEntry => {
                let (t, d, c) = (
                    item.title.clone(),
                    item.description.clone(),
                    format!("{}", item.cost_cents as f64 / 100.0),
                );
                self.case_form = Some(CaseForm::new(
                    Purpose::EditIntervention(id),
                    heading,
                    vec![
                        (C::Title.get(lang), &t, false),
                        (C::Description.get(lang), &d, false),
                        (C::CostEuro.get(lang), &c, false),
                    ],
                ));
                self.overlay = Some(Overlay::CaseForm);
            }
            Action::MarkCarriedOut => {
                let today = self.today.to_string();
                self.form(
                    Purpose::CarriedOut(id),
                    heading,
                    vec![
                        (C::Date.get(lang), &today, false),
                        (C::ActualCost.get(lang), "", false),
                    ],
                );
            }
            Action::Evaluate => self.form(
                Purpose::Evaluate(id),
                heading,
                vec![
                    (C::Text.get(lang), "", false),
                    (C::DomainsHint.get(lang), "", false),
                ],
            ),
            _ => {}
        }
    }

    fn update_picker(&mut self, action: Action) {
        let Some(picker) = &mut self.picker else {
            return;
        };
        let count = picker.matches(&self.cases.list).len();
        match action {
            Action::Back => {
                self.picker = None;
                self.overlay = None;
            }
            Action::Type(c) => {
                picker.field.insert(c);
                picker.cursor.reset();
            }
            Action::DeleteChar => {
                picker.field.delete_back();
                picker.cursor.reset();
            }
            Action::Up => picker.cursor.step(-1, count),
            Action::Down => picker.cursor.step(1, count),
            Action::Open => {
                let Some(case) = picker
                    .matches(&self.cases.list)
                    .get(picker.cursor.selected)
                    .map(|c| c.id.clone())
                else {
                    return;
                };
                let entry = picker.entry.clone();
                self.picker = None;
                self.overlay = None;
                let doc = self
                    .index
                    .docs()
                    .iter()
                    .find(|d| d.entry.id == entry)
                    .map(|d| (d.entry.name.clone(), d.entry.domains.clone()));
                let (name, domains) = doc.unwrap_or_default();
                let note = format!("{} {name}", C::Referred.get(self.lang));
                let refers = vec![entry];
                self.case_act(move |book, s, _| {
                    book.add_note(s, &case, &note, &domains, &refers, Utc::now())
                        .map(|_| ())
                });
                self.tell(say(&Say::Saved(name), self.lang));
            }
            _ => {}
        }
    }

    /// Runs a change with the case book, then rereads the cases.
    fn case_act(
        &mut self,
        f: impl FnOnce(&CaseBook, &Session, &str) -> Result<(), CaseError>,
    ) -> bool {
        let Some(session) = &self.session else {
            return false;
        };
        let case = self.cases.open.clone().unwrap_or_default();
        let result = self.book().and_then(|book| f(&book, session, &case));
        match result {
            Ok(()) => {
                self.reload_cases();
                true
            }
            Err(e) => {
                let line = text::case_error(&e, self.lang);
                match &mut self.case_form {
                    Some(form) => form.error = Some(line),
                    None => self.warn(line),
                }
                false
            }
        }
    }

    fn update_case_form(&mut self, action: Action) {
        let Some(form) = &mut self.case_form else {
            return;
        };
        if action == Action::Back {
            self.case_form = None;
            self.overlay = None;
            return;
        }
        if form.update(action) {
            self.submit();
        }
    }

    /// Checks the passphrase of the session's worker again (for verdicts and erasure).
    fn reauthenticate(&self, passphrase: &str) -> Result<(), CaseError> {
        let s = self.session.as_ref().ok_or(CaseError::WrongPassphrase)?;
        self.book()?.unlock(&s.worker.id, passphrase).map(|_| ())
    }

    fn submit(&mut self) {
        let Some(form) = &self.case_form else { return };
        let purpose = form.purpose.clone();
        let values: Vec<String> = form
            .fields
            .iter()
            .map(|f| f.text.text().to_string())
            .collect();
        let v = |i: usize| values.get(i).cloned().unwrap_or_default();
        let lang = self.lang;
        let now = Utc::now();
        let ok = match purpose {
            Purpose::Unlock(then) => {
                let unlocked = self.book().and_then(|b| {
                    let s = b.unlock(v(0).trim(), &v(1))?;
                    let orgs = b
                        .workers()
                        .into_iter()
                        .filter(|w| !w.organisation.trim().is_empty())
                        .map(|w| (w.id, w.organisation))
                        .collect();
                    Ok((s, b.budget_cents(), orgs))
                });
                match unlocked {
                    Ok((session, budget, orgs)) => {
                        self.cases.budget_cents = budget;
                        self.cases.organisations = orgs;
                        self.session = Some(session);
                        self.case_form = None;
                        self.overlay = None;
                        self.update(then);
                        return;
                    }
                    Err(e) => {
                        if let Some(form) = &mut self.case_form {
                            form.error = Some(text::case_error(&e, lang));
                        }
                        false
                    }
                }
            }
            Purpose::NewCase => {
                let (label, area) = (v(0), v(1));
                let Some(session) = &self.session else { return };
                let created = self
                    .book()
                    .and_then(|mut b| b.new_case(session, &label, &area, now));
                match created {
                    Ok(id) => {
                        self.reload_cases();
                        self.cases.open = Some(id);
                        self.screen = Screen::Case;
                        true
                    }
                    Err(e) => {
                        if let Some(form) = &mut self.case_form {
                            form.error = Some(text::case_error(&e, lang));
                        }
                        false
                    }
                }
            }
            Purpose::Note => {
                let (note, mut domains) = text_and_domains(&v(0));
                domains.extend(text_and_domains(&v(1)).1);
                let warn_bsn = bsn::contains(&note);
                let ok = self.case_act(|b, s, case| {
                    b.add_note(s, case, &note, &domains, &[], now).map(|_| ())
                });
                if ok && warn_bsn {
                    let n = self.cases.current().map_or(0, |c| c.notes.len());
                    let case = self.cases.open.clone().unwrap_or_default();
                    self.case_form = None;
                    self.overlay = None;
                    self.warn(text::bsn_in_note(&case, n, lang));
                    return;
                }
                ok
            }
            Purpose::Propose => {
                let Some(cost) = parse_euros(&v(2)) else {
                    return self.form_error(text::bad_euros(&v(2), lang));
                };
                let domains = text_and_domains(&v(3)).1;
                let bond = is_yes(&v(4));
                self.case_act(|b, s, case| {
                    b.propose(s, case, &v(0), &v(1), cost, &domains, bond, now)
                        .map(|_| ())
                })
            }
            Purpose::EditIntervention(id) => {
                let Some(cost) = parse_euros(&v(2)) else {
                    return self.form_error(text::bad_euros(&v(2), lang));
                };
                let act = Act::Edit {
                    title: Some(v(0)),
                    description: Some(v(1)),
                    cost_cents: Some(cost),
                    domains: None,
                    bond: false,
                };
                self.case_act(|b, s, _| b.act(s, &id, act, now))
            }
            Purpose::Verdict {
                intervention,
                approve,
            } => {
                if let Err(e) = self.reauthenticate(&v(1)) {
                    return self.form_error(text::case_error(&e, lang));
                }
                let act = if approve {
                    Act::Approve {
                        reason: v(0),
                        bond: false,
                        revision: None,
                    }
                } else {
                    Act::Reject {
                        reason: v(0),
                        revision: None,
                    }
                };
                self.case_act(|b, s, _| b.act(s, &intervention, act, now))
            }
            Purpose::Review(id) => {
                if let Err(e) = self.reauthenticate(&v(1)) {
                    return self.form_error(text::case_error(&e, lang));
                }
                self.case_act(|b, s, _| {
                    b.act(
                        s,
                        &id,
                        Act::RequestReview {
                            reason: v(0),
                            revision: None,
                        },
                        now,
                    )
                })
            }
            Purpose::CarriedOut(id) => {
                let Ok(date) = NaiveDate::parse_from_str(v(0).trim(), "%Y-%m-%d") else {
                    return self.form_error(text::bad_date_arg(&v(0), lang));
                };
                let Some(cost) = parse_euros(&v(1)) else {
                    return self.form_error(text::bad_euros(&v(1), lang));
                };
                self.case_act(|b, s, _| {
                    b.act(
                        s,
                        &id,
                        Act::CarriedOut {
                            date,
                            cost_cents: cost,
                        },
                        now,
                    )
                })
            }
            Purpose::Evaluate(id) => {
                let domains = text_and_domains(&v(1)).1;
                self.case_act(|b, s, _| {
                    b.act(
                        s,
                        &id,
                        Act::Evaluate {
                            text: v(0),
                            domains,
                        },
                        now,
                    )
                })
            }
            Purpose::Erase(case) => {
                if let Err(e) = self.reauthenticate(&v(0)) {
                    return self.form_error(text::case_error(&e, lang));
                }
                let Some(session) = &self.session else { return };
                let erased = self.book().and_then(|mut b| b.erase(session, &case, now));
                match erased {
                    Ok(()) => {
                        self.cases.open = None;
                        self.screen = Screen::Cases;
                        self.reload_cases();
                        self.tell(format!("{}: {case}", C::Erased.get(lang)));
                        true
                    }
                    Err(e) => return self.form_error(text::case_error(&e, lang)),
                }
            }
        };
        if ok {
            self.case_form = None;
            self.overlay = None;
            self.reload_interventions();
        }
    }

    fn form_error(&mut self, line: String) {
        if let Some(form) = &mut self.case_form {
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
