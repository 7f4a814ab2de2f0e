//! The case forms of the app: opening one for an intervention, and carrying
//! out what a submitted form or the case picker says.

use crate::cases::book::Act;
use crate::cases::bsn;
use crate::cases::model::parse_euros;
use crate::map::domain::LifeDomain;
use crate::map::query::domains_matching;
use crate::text::{self, C, Say, say};
use crate::tui::action::Action;
use crate::tui::app::{App, Unlocked};
use crate::tui::screens::caseform::{CaseForm, Submitted};
use crate::tui::screens::cases::CaseState;
use crate::tui::screens::{Popup, View};
use chrono::{NaiveDate, Utc};

/// The life domains a text names with `#` tags (`#wonen`, `#fin.`, `#werk;`).
/// The text itself is kept exactly as typed: tags only mark domains.
fn tagged_domains(input: &str) -> Vec<LifeDomain> {
    let mut domains = Vec::new();
    for token in input.split_whitespace() {
        let Some(name) = token.strip_prefix('#') else {
            continue;
        };
        let name = name.trim_end_matches(|c: char| !c.is_alphanumeric());
        if name.is_empty() {
            continue;
        }
        let bits = domains_matching(name);
        for d in LifeDomain::ALL {
            if bits & d.bit() != 0 && !domains.contains(&d) {
                domains.push(d);
            }
        }
    }
    domains
}

fn is_yes(s: &str) -> bool {
    matches!(s.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes")
}

impl App {
    pub(super) fn intervention_form(&mut self, action: Action) {
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
    pub(super) fn refer_chosen(&mut self) {
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
            .map(|d| {
                (
                    d.entry.name.clone(),
                    d.entry.domains.clone(),
                    d.entry.clone(),
                )
            });
        let Some((name, domains, shown)) = doc else {
            return;
        };
        let lang = self.shared.lang;
        let note = format!("{} {name}", C::Referred.get(lang));
        let refers = vec![entry];
        let saved = self.case_act_on(&case, move |book, s, case| {
            book.add_note(s, case, &note, &domains, &refers, Utc::now())
                .map(|_| ())
        });
        // A refusal stays on the status line: "saved" never covers it.
        if !saved {
            return;
        }
        if shown.is_stale(self.shared.today) {
            // Details unchecked for a year may send a client to a closed door.
            self.warn(crate::tui::text::referred_unchecked(
                &name,
                shown.verified,
                lang,
            ));
        } else {
            self.tell(say(&Say::Saved(name), lang));
        }
    }

    pub(super) fn unlock(&mut self, then: Action, worker: &str, passphrase: &str) {
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
                // Back where the worker was when the screens locked over a half-typed form.
                if matches!(then, Action::OpenCases | Action::OpenWaiting) && self.unpark() {
                    self.reload_cases();
                } else {
                    self.update(then);
                }
            }
            Err(e) => self.form_error(text::case_error(&e, self.shared.lang)),
        }
    }

    pub(super) fn submit(&mut self) {
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
            Submitted::Workers(sub) => return self.submit_workers(sub),
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
                        self.stack.push(View::Case(CaseState::new(&id)));
                        true
                    }
                    Err(e) => return self.form_error(text::case_error(&e, lang)),
                }
            }
            Submitted::Note { text, domains } => {
                let note = text.trim().to_string();
                let mut found = tagged_domains(&note);
                for d in tagged_domains(&domains) {
                    if !found.contains(&d) {
                        found.push(d);
                    }
                }
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
                let domains = tagged_domains(&domains);
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
                let domains = tagged_domains(&domains);
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

    pub(super) fn form_error(&mut self, line: String) {
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
        let domains = tagged_domains("Huur betaald #fin #huisv");
        assert_eq!(domains, [LifeDomain::Finances, LifeDomain::Housing]);
    }

    #[test]
    fn tags_with_punctuation_and_everyday_words_are_understood() {
        use LifeDomain::*;
        let note = "Gesprek over #opvoeding. en #wonen en #werk; einde #geld, #school";
        let domains = tagged_domains(note);
        assert_eq!(domains, [Parenting, Housing, WorkEducation, Finances]);
        assert!(tagged_domains("#gezondheid").contains(&PhysicalHealth));
        assert!(tagged_domains("# #? #onzinwoord").is_empty());
    }
}
