//! The case book's interventions: proposing, every act the rule judges, and
//! the budget totals. The rule itself is a pure function (`cases::rule`);
//! this is where its verdicts meet the encrypted cases and the log.

use super::*;
use crate::cases::model::sum_cents;

/// What changes an intervention, with the words that go with it.
#[derive(Clone, Debug)]
pub enum Act {
    Edit {
        title: Option<String>,
        description: Option<String>,
        cost_cents: Option<u64>,
        domains: Option<Vec<LifeDomain>>,
        bond: bool,
    },
    /// `revision`: the revision the worker judged (default: the current one).
    Approve {
        reason: String,
        bond: bool,
        revision: Option<u32>,
    },
    Reject {
        reason: String,
        revision: Option<u32>,
    },
    RequestReview {
        reason: String,
        revision: Option<u32>,
    },
    CarriedOut {
        date: NaiveDate,
        cost_cents: u64,
    },
    Evaluate {
        text: String,
        domains: Vec<LifeDomain>,
    },
}

/// Approved and spent this year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    pub approved_cents: u64,
    pub spent_cents: u64,
}

impl<'s> CaseBook<'s> {
    fn rules<'a>(
        &'a self,
        orgs: &'a dyn Fn(&str) -> Option<String>,
        vouched: &'a dyn Fn(&str) -> Vec<Vec<String>>,
        budget_cents: u64,
    ) -> Rules<'a> {
        Rules {
            budget_cents,
            organisation_of: orgs,
            vouched_by: vouched,
        }
    }

    fn vouches(&self) -> impl Fn(&str) -> Vec<Vec<String>> + '_ {
        move |w: &str| self.vouch_groups(w)
    }

    /// What a revision made now may cost without review: the limit in
    /// force, less what the case's other interventions had approved in the
    /// 30 days before (so one spend cannot be split to stay under it).
    fn headroom(&self, case: &Case, except: &str, now: DateTime<Utc>) -> Result<u64, CaseError> {
        let limit = self.stored_budget_cents()?;
        let since = now - chrono::Duration::days(30);
        let approved = self.with_rules(|rules| {
            sum_cents(
                case.interventions
                    .iter()
                    .filter(|i| i.id != except)
                    .filter(|i| {
                        matches!(
                            i.status(rules).state,
                            rule::State::Approved
                                | rule::State::CarriedOut
                                | rule::State::Evaluated
                        ) && i.approved_at().is_some_and(|at| at > since && at <= now)
                    })
                    .map(|i| i.cost_cents),
            )
        });
        Ok(limit.saturating_sub(approved.ok_or(CaseError::AmountTooLarge)?))
    }

    fn organisation_of(&self) -> impl Fn(&str) -> Option<String> + '_ {
        move |w: &str| {
            self.worker(w)
                .map(|e| e.organisation)
                .filter(|o| !o.trim().is_empty())
        }
    }

    /// Proposes an intervention (revision 1); prints nothing, returns its id.
    #[allow(clippy::too_many_arguments)]
    pub fn propose(
        &self,
        s: &Session,
        case: &str,
        title: &str,
        description: &str,
        cost_cents: u64,
        domains: &[LifeDomain],
        bond: bool,
        now: DateTime<Utc>,
    ) -> Result<String, CaseError> {
        if title.trim().is_empty() {
            return Err(CaseError::Missing(Missing::Title));
        }
        if description.trim().is_empty() {
            return Err(CaseError::Missing(Missing::Description));
        }
        let mut c = self.case(s, case)?;
        let id = self.next_id("i")?;
        let event = Event::ProposedUnder {
            by: s.worker.id.clone(),
            cost_cents,
            bond,
            limit_cents: self.headroom(&c, &id, now)?,
        };
        c.interventions.push(Intervention {
            id: id.clone(),
            title: title.trim().to_string(),
            description: description.trim().to_string(),
            domains: domains.to_vec(),
            cost_cents,
            proposer: s.worker.id.clone(),
            steps: vec![Step {
                at: now,
                event,
                text: String::new(),
                date: None,
                actual_cents: None,
            }],
        });
        self.write(s, &c, Some((&id, LogEvent::Proposed { revision: 1 }, now)))?;
        Ok(id)
    }

    /// Finds the case holding an intervention.
    /// Finds the case holding an intervention. When it is in no readable
    /// case but some case is damaged, the damage is the answer: the
    /// intervention may be in that case.
    pub fn find_intervention(&self, s: &Session, id: &str) -> Result<(Case, usize), CaseError> {
        let list = self.case_list(s)?;
        for case in list.cases {
            if let Some(i) = case.interventions.iter().position(|x| x.id == id) {
                return Ok((case, i));
            }
        }
        match list.damaged.into_iter().next() {
            Some(damage) => Err(damage),
            None => Err(CaseError::UnknownIntervention(id.to_string())),
        }
    }

    /// Applies an act by the session's worker, if the rule allows it.
    pub fn act(
        &self,
        s: &Session,
        intervention: &str,
        act: Act,
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        let (mut case, index) = self.find_intervention(s, intervention)?;
        let orgs = self.organisation_of();
        let vouched = self.vouches();
        let limit_cents = self.headroom(&case, intervention, now)?;
        let rules = self.rules(&orgs, &vouched, self.stored_budget_cents()?);
        let item = &mut case.interventions[index];
        let status = item.status(&rules);
        let by = s.worker.id.clone();
        let revision = status.revision;
        let (event, text, log) = match &act {
            Act::Edit {
                cost_cents, bond, ..
            } => {
                let cost = cost_cents.unwrap_or(item.cost_cents);
                (
                    Event::EditedUnder {
                        by,
                        cost_cents: cost,
                        bond: *bond,
                        limit_cents,
                    },
                    String::new(),
                    LogEvent::Edited {
                        revision: revision + 1,
                    },
                )
            }
            Act::Approve {
                reason,
                bond,
                revision: judged,
            } => {
                let revision = judged.unwrap_or(revision);
                (
                    Event::Verdict {
                        by,
                        revision,
                        approve: true,
                        bond: *bond,
                    },
                    reason.clone(),
                    LogEvent::Verdict {
                        revision,
                        approve: true,
                    },
                )
            }
            Act::Reject {
                reason,
                revision: judged,
            } => {
                if reason.trim().is_empty() {
                    return Err(CaseError::Missing(Missing::RejectionReason));
                }
                let revision = judged.unwrap_or(revision);
                (
                    Event::Verdict {
                        by,
                        revision,
                        approve: false,
                        bond: false,
                    },
                    reason.clone(),
                    LogEvent::Verdict {
                        revision,
                        approve: false,
                    },
                )
            }
            Act::RequestReview {
                reason,
                revision: judged,
            } => {
                if reason.trim().is_empty() {
                    return Err(CaseError::Missing(Missing::ReviewReason));
                }
                // A rejection can go to review within 14 days of it.
                if status.appealable()
                    && item
                        .steps
                        .iter()
                        .rev()
                        .find(|s| matches!(s.event, Event::Verdict { approve: false, .. }))
                        .is_some_and(|s| now - s.at > chrono::Duration::days(14))
                {
                    return Err(CaseError::Refused(rule::Refusal::TooLateForReview));
                }
                let revision = judged.unwrap_or(revision);
                (
                    Event::ReviewRequested { by, revision },
                    reason.clone(),
                    LogEvent::ReviewRequested { revision },
                )
            }
            Act::CarriedOut { .. } => (
                Event::CarriedOut { by },
                String::new(),
                LogEvent::CarriedOut,
            ),
            Act::Evaluate { text, .. } => {
                if text.trim().is_empty() {
                    return Err(CaseError::Missing(Missing::Evaluation));
                }
                (Event::Evaluated { by }, text.clone(), LogEvent::Evaluated)
            }
        };
        match &act {
            Act::CarriedOut { cost_cents, .. } => {
                rule::check_spend(&item.events(), &s.worker.id, *cost_cents, &rules)
            }
            _ => rule::check(&item.events(), &event, &rules),
        }
        .map_err(CaseError::Refused)?;
        let mut step = Step {
            at: now,
            event,
            text: text.trim().to_string(),
            date: None,
            actual_cents: None,
        };
        match act {
            Act::Edit {
                title,
                description,
                cost_cents,
                domains,
                ..
            } => {
                let mut changed = Vec::new();
                if let Some(t) = title.filter(|t| !t.trim().is_empty()) {
                    item.title = t.trim().to_string();
                    changed.push("title");
                }
                if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
                    item.description = d.trim().to_string();
                    changed.push("description");
                }
                if let Some(c) = cost_cents {
                    item.cost_cents = c;
                    changed.push("cost");
                }
                if let Some(d) = domains {
                    item.domains = d;
                    changed.push("domains");
                }
                step.text = changed.join(", ");
            }
            Act::CarriedOut { date, cost_cents } => {
                step.date = Some(date);
                step.actual_cents = Some(cost_cents);
            }
            Act::Evaluate { domains, .. } => {
                let ids: Vec<&str> = domains.iter().map(|d| d.id()).collect();
                if !ids.is_empty() {
                    step.text = format!("{} [{}]", step.text, ids.join(", "));
                }
            }
            _ => {}
        }
        item.steps.push(step);
        self.write(s, &case, Some((intervention, log, now)))
    }

    /// Interventions with their case id, and the rule's context, for listing.
    pub fn interventions(&self, s: &Session) -> Result<Vec<(String, Intervention)>, CaseError> {
        Ok(self
            .cases(s)?
            .into_iter()
            .flat_map(|mut c| {
                let id = c.id.clone();
                std::mem::take(&mut c.interventions)
                    .into_iter()
                    .map(move |i| (id.clone(), i))
            })
            .collect())
    }

    /// Runs `f` with the rule's context (budget and organisations).
    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        let orgs = self.organisation_of();
        let vouched = self.vouches();
        let rules = self.rules(&orgs, &vouched, self.budget_cents());
        f(&rules)
    }

    /// True when the session's worker may give the verdict this intervention waits for.
    pub fn waits_for(&self, s: &Session, item: &Intervention) -> bool {
        self.with_rules(|rules| rule::may_decide(&item.events(), &s.worker.id, rules))
    }

    /// This year's approved and spent totals, over all cases.
    pub fn totals(&self, s: &Session, today: NaiveDate) -> Result<Totals, CaseError> {
        let mut totals = Totals::default();
        for (_, item) in self.interventions(s)? {
            let state = self.with_rules(|r| item.status(r).state);
            if matches!(
                state,
                rule::State::Approved | rule::State::CarriedOut | rule::State::Evaluated
            ) && item
                .approved_at()
                .is_some_and(|at| at.year() == today.year())
            {
                totals.approved_cents = totals
                    .approved_cents
                    .checked_add(item.cost_cents)
                    .ok_or(CaseError::AmountTooLarge)?;
            }
            if let Some((date, cents)) = item.spent_cents()
                && date.year() == today.year()
            {
                totals.spent_cents = totals
                    .spent_cents
                    .checked_add(cents)
                    .ok_or(CaseError::AmountTooLarge)?;
            }
        }
        Ok(totals)
    }
}
