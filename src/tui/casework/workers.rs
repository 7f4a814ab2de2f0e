//! The app's side of the worker list and the policies: the workers screen,
//! its forms, and carrying out a submitted one through the same case book
//! (and store handle) the app already holds, so the app is never refused
//! because it is itself open. Two workers decide on one form: each is
//! unlocked with their passphrase, checked like the command line's
//! `unlock_two` (log end and worker records, then older slots renewed).

use crate::cases::book::{CaseBook, CaseError, Enrolled, Session};
use crate::cases::model::parse_euros;
use crate::map::edit::Worker;
use crate::text::{self, C, Say, say};
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::screens::caseform::CaseForm;
use crate::tui::screens::workerform::{Voucher, WorkerPurpose, WorkerSubmitted};
use crate::tui::screens::workers::WorkersState;
use crate::tui::screens::{Popup, View};
use crate::tui::text::{W, worker_error};
use chrono::Utc;
use std::collections::BTreeMap;
use std::time::Duration;
use zeroize::Zeroizing;

/// What a worker form changed, for the app to show and follow up.
enum Done {
    Enrolled {
        id: String,
        passphrase: Zeroizing<String>,
        then: Option<Action>,
    },
    Changed(String),
    /// Removed; the case data has new keys, so the app's session is renewed
    /// with the passphrase of its worker if they took part, else locked.
    Removed {
        id: String,
        rejoin: Option<(String, Zeroizing<String>)>,
    },
    Budget(u64),
    LockMinutes(u64),
}

/// Unlocks the workers who decide, checked as on unlocking; a blank pair
/// is left out (the book then says that it takes two). Older slots get
/// their key pair only when every passphrase was right.
fn deciders(
    book: &mut CaseBook,
    by: &[Voucher],
    lang: crate::lang::Lang,
) -> Result<Vec<Session>, String> {
    let mut sessions: Vec<Session> = Vec::new();
    for v in by {
        if v.id.is_empty() && v.passphrase.is_empty() {
            continue;
        }
        if book.worker(&v.id).is_none() {
            return Err(worker_error(&CaseError::NotEnrolled(v.id.clone()), lang));
        }
        let s = book
            .unlock(&v.id, &v.passphrase)
            .map_err(|e| worker_error(&e, lang))?;
        if let Some(problem) = book
            .check_on_unlock(&s)
            .map_err(|e| worker_error(&e, lang))?
        {
            return Err(text::log_problem(&problem, lang));
        }
        sessions.push(s);
    }
    let distinct = !matches!(sessions.as_slice(), [a, b] if a.worker.id == b.worker.id);
    if sessions.len() == by.len() && distinct {
        for v in by {
            book.renew_slot(&v.id, &v.passphrase)
                .map_err(|e| worker_error(&e, lang))?;
        }
    }
    Ok(sessions)
}

/// Who works where, for the rule's context on screen.
fn organisations(book: &CaseBook) -> BTreeMap<String, String> {
    book.workers()
        .into_iter()
        .filter(|w| !w.organisation.trim().is_empty())
        .map(|w| (w.id, w.organisation))
        .collect()
}

/// An amount as the limit field takes it back: `500`, `1250,50`.
fn amount_text(cents: u64) -> String {
    match cents % 100 {
        0 => (cents / 100).to_string(),
        c => format!("{},{c:02}", cents / 100),
    }
}

impl App {
    /// The worker at the keyboard: the unlocked one, else the laptop's.
    fn at_keyboard(&self) -> String {
        self.session()
            .map(|s| s.worker.id.clone())
            .or_else(|| self.shared.worker.as_ref().map(|w| w.id.clone()))
            .unwrap_or_default()
    }

    /// The first-run form: nobody enrolled, so F2 offers to enrol the
    /// laptop's first worker (passphrase twice), then goes on with `then`.
    pub(super) fn first_run(&mut self, then: Action) {
        let lang = self.shared.lang;
        let (id, name, org) = self
            .shared
            .worker
            .as_ref()
            .map(|w| (w.id.clone(), w.name.clone(), w.organisation.clone()))
            .unwrap_or_default();
        self.popup = Some(Popup::CaseForm(CaseForm::enrol(
            lang,
            (&id, &name, &org),
            0,
            "",
            Some(then),
        )));
    }

    fn workers_state(&self) -> Result<WorkersState, CaseError> {
        let book = self.book()?;
        Ok(WorkersState {
            roll: book.roll(),
            budget_cents: book.budget_cents(),
            lock_minutes: book.lock_minutes(),
            ..WorkersState::default()
        })
    }

    pub(super) fn open_workers(&mut self) {
        match self.workers_state() {
            Ok(state) => self.stack.push(View::Workers(state)),
            Err(e) => self.warn(worker_error(&e, self.shared.lang)),
        }
    }

    /// Rereads the roll and the policies into the workers screen and the
    /// rule's context after a change.
    fn refresh_workers(&mut self) {
        let Ok(fresh) = self.workers_state() else {
            return;
        };
        if let Ok(book) = self.book() {
            let orgs = organisations(&book);
            if let Some(u) = &mut self.unlocked {
                u.organisations = orgs;
                u.budget_cents = fresh.budget_cents;
            }
        }
        for view in self.stack.iter_mut() {
            if let View::Workers(state) = view {
                state.roll = fresh.roll.clone();
                state.budget_cents = fresh.budget_cents;
                state.lock_minutes = fresh.lock_minutes;
                let len = state.roll.len();
                state.cursor.step(0, len);
            }
        }
    }

    /// Opens the form of a change on the workers screen.
    pub(super) fn worker_form(&mut self, action: Action) {
        let lang = self.shared.lang;
        let Some(View::Workers(state)) = self.stack.last() else {
            return;
        };
        let me = self.at_keyboard();
        let selected = state.selected().map(|r| r.worker.clone());
        let form = match (action, selected) {
            (Action::EnrolWorker, _) => {
                let enrolled = state.roll.len();
                let first = match state.roll.as_slice() {
                    [one] => one.worker.id.clone(),
                    _ => me,
                };
                CaseForm::enrol(lang, ("", "", ""), enrolled, &first, None)
            }
            (Action::EditWorker, Some(w)) => {
                CaseForm::edit_worker(lang, &w.id, &w.name, &w.organisation, &me)
            }
            (Action::RemoveWorker, Some(w)) => CaseForm::remove_worker(lang, &w.id, &w.name, &me),
            (Action::SetBudget, _) => CaseForm::policy(
                lang,
                WorkerPurpose::Budget,
                &amount_text(state.budget_cents),
                &me,
            ),
            (Action::SetLockMinutes, _) => CaseForm::policy(
                lang,
                WorkerPurpose::LockMinutes,
                &state.lock_minutes.to_string(),
                &me,
            ),
            _ => return,
        };
        self.popup = Some(Popup::CaseForm(form));
    }

    /// Carries out a submitted worker form; a refusal stays on the form in
    /// one line and nothing is written.
    pub(super) fn submit_workers(&mut self, sub: WorkerSubmitted) {
        let lang = self.shared.lang;
        let session_worker = self.session().map(|s| s.worker.id.clone());
        let done = (|| -> Result<Done, String> {
            let mut book = CaseBook::open(&self.store).map_err(|e| worker_error(&e, lang))?;
            let now = Utc::now();
            let err = |e: CaseError| worker_error(&e, lang);
            match sub {
                WorkerSubmitted::Enrol {
                    id,
                    name,
                    organisation,
                    passphrase,
                    again,
                    by,
                    then,
                } => {
                    if passphrase != again {
                        return Err(W::Mismatch.get(lang).to_string());
                    }
                    let new = Worker::new(&id, &name, &organisation)
                        .map_err(|_| say(&Say::BadWorkerId(id.clone()), lang))?;
                    let sessions = deciders(&mut book, &by, lang)?;
                    let refs: Vec<&Session> = sessions.iter().collect();
                    let worker = Enrolled {
                        id: new.id.clone(),
                        name: new.name,
                        organisation: new.organisation,
                    };
                    book.enrol(&worker, &passphrase, &refs, now).map_err(err)?;
                    Ok(Done::Enrolled {
                        id: new.id,
                        passphrase,
                        then,
                    })
                }
                WorkerSubmitted::Edit {
                    id,
                    name,
                    organisation,
                    by,
                } => {
                    let sessions = deciders(&mut book, &by, lang)?;
                    let [a, b] = sessions.as_slice() else {
                        return Err(err(CaseError::NeedsTwo));
                    };
                    book.change_worker(a, b, &id, Some(&name), Some(&organisation), now)
                        .map_err(err)?;
                    Ok(Done::Changed(id))
                }
                WorkerSubmitted::Remove { id, by } => {
                    let sessions = deciders(&mut book, &by, lang)?;
                    let [a, b] = sessions.as_slice() else {
                        return Err(err(CaseError::NeedsTwo));
                    };
                    book.remove_worker(a, b, &id, now).map_err(err)?;
                    let rejoin = by
                        .into_iter()
                        .find(|v| Some(&v.id) == session_worker.as_ref() && v.id != id)
                        .map(|v| (v.id, v.passphrase));
                    Ok(Done::Removed { id, rejoin })
                }
                WorkerSubmitted::Budget { amount, by } => {
                    let cents =
                        parse_euros(&amount).ok_or_else(|| text::bad_euros(&amount, lang))?;
                    let sessions = deciders(&mut book, &by, lang)?;
                    let [a, b] = sessions.as_slice() else {
                        return Err(err(CaseError::PolicyAlone));
                    };
                    book.set_budget_cents(a, b, cents, now).map_err(err)?;
                    Ok(Done::Budget(cents))
                }
                WorkerSubmitted::LockMinutes { minutes, by } => {
                    let minutes = minutes
                        .parse::<u64>()
                        .ok()
                        .filter(|m| (1..=240).contains(m))
                        .ok_or_else(|| W::BadMinutes.get(lang).to_string())?;
                    let sessions = deciders(&mut book, &by, lang)?;
                    let [a, b] = sessions.as_slice() else {
                        return Err(err(CaseError::PolicyAlone));
                    };
                    book.set_lock_minutes(a, b, minutes, now).map_err(err)?;
                    Ok(Done::LockMinutes(minutes))
                }
            }
        })();
        let done = match done {
            Ok(done) => done,
            Err(line) => return self.form_error(line),
        };
        self.popup = None;
        match done {
            Done::Enrolled {
                id,
                passphrase,
                then,
            } => {
                self.tell(format!("{id} {}", C::Enrolled.get(lang)));
                if let Some(then) = then {
                    // The first worker goes on unlocked, with the passphrase just chosen.
                    self.popup = Some(Popup::CaseForm(CaseForm::unlock(lang, &id, then)));
                    self.unlock(then, &id, &passphrase);
                    return;
                }
            }
            Done::Changed(id) => self.tell(format!("{id} {}", C::Changed.get(lang))),
            Done::Removed { id, rejoin } => {
                let renewed = rejoin.and_then(|(worker, pass)| {
                    self.book().ok().and_then(|b| b.unlock(&worker, &pass).ok())
                });
                match (renewed, &mut self.unlocked) {
                    (Some(session), Some(u)) => {
                        u.session = session;
                        self.reload_cases();
                        self.tell(format!("{id} {}", C::Removed.get(lang)));
                    }
                    _ => {
                        self.lock();
                        self.tell(format!(
                            "{id} {} · {}",
                            C::Removed.get(lang),
                            W::SignedOut.get(lang)
                        ));
                        return;
                    }
                }
            }
            Done::Budget(cents) => self.tell(format!(
                "{}: {} {}",
                C::Budget.get(lang),
                crate::cases::model::euros(cents),
                W::Saved.get(lang)
            )),
            Done::LockMinutes(m) => {
                self.shared.lock_after = Duration::from_secs(60 * m);
                self.tell(format!(
                    "{} {m} min {}",
                    C::LockSet.get(lang),
                    W::Saved.get(lang)
                ));
            }
        }
        self.refresh_workers();
        self.reload_interventions();
    }
}
