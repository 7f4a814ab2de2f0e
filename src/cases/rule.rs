//! The two-worker decision rule for impact-article interventions, as a pure
//! function over the history of events. No I/O: the same rule decides for the
//! command line, the interface and the property tests.
//!
//! Roles: the proposer P; the co-decider C, the first worker other than P to
//! give a verdict on the current revision; the independent third T, a worker
//! other than P and C and not of P's organisation (where both are known).
//! Review by T is required above the budget limit or after a declared bond,
//! and can be requested by P or C (also to appeal C's rejection). T's verdict
//! is final. Any edit makes earlier verdicts stale; a review request stands
//! until T has decided, and a declared bond holds for every later revision.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One step in the life of an intervention (texts and times live beside it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    Proposed {
        by: String,
        cost_cents: u64,
        bond: bool,
    },
    Edited {
        by: String,
        cost_cents: u64,
        bond: bool,
    },
    Verdict {
        by: String,
        revision: u32,
        approve: bool,
        bond: bool,
    },
    ReviewRequested {
        by: String,
        revision: u32,
    },
    CarriedOut {
        by: String,
    },
    Evaluated {
        by: String,
    },
    // New variants only at the end: stored events are bincode, which names a
    // variant by its number.
    /// A proposal judged by the budget limit in force when it was made
    /// (written since the limit became a two-person setting; a `Proposed`
    /// without it is judged by the limit of today, as before). Since issue
    /// 10 `limit_cents` is that limit less what the case's other
    /// interventions had approved in the 30 days before.
    ProposedUnder {
        by: String,
        cost_cents: u64,
        bond: bool,
        limit_cents: u64,
    },
    /// An edit, judged by the budget limit in force when it was made.
    EditedUnder {
        by: String,
        cost_cents: u64,
        bond: bool,
        limit_cents: u64,
    },
}

/// What a proposal or an edit sets for the revision it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revision<'a> {
    /// True for the proposal (revision 1).
    pub first: bool,
    pub by: &'a str,
    pub cost_cents: u64,
    pub bond: bool,
    /// The budget limit in force when it was made, where recorded.
    pub limit_cents: Option<u64>,
}

impl Event {
    pub fn by(&self) -> &str {
        match self {
            Event::Proposed { by, .. }
            | Event::Edited { by, .. }
            | Event::Verdict { by, .. }
            | Event::ReviewRequested { by, .. }
            | Event::CarriedOut { by }
            | Event::Evaluated { by }
            | Event::ProposedUnder { by, .. }
            | Event::EditedUnder { by, .. } => by,
        }
    }

    /// The revision a proposal or an edit starts; `None` for other events.
    pub fn revision(&self) -> Option<Revision<'_>> {
        let (first, by, cost_cents, bond, limit_cents) = match self {
            Event::Proposed {
                by,
                cost_cents,
                bond,
            } => (true, by, cost_cents, bond, None),
            Event::Edited {
                by,
                cost_cents,
                bond,
            } => (false, by, cost_cents, bond, None),
            Event::ProposedUnder {
                by,
                cost_cents,
                bond,
                limit_cents,
            } => (true, by, cost_cents, bond, Some(*limit_cents)),
            Event::EditedUnder {
                by,
                cost_cents,
                bond,
                limit_cents,
            } => (false, by, cost_cents, bond, Some(*limit_cents)),
            _ => return None,
        };
        Some(Revision {
            first,
            by,
            cost_cents: *cost_cents,
            bond: *bond,
            limit_cents,
        })
    }
}

/// Where an intervention stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    Proposed,
    InReview,
    Approved,
    Rejected,
    CarriedOut,
    Evaluated,
}

impl State {
    /// The name used on the command line and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            State::Proposed => "proposed",
            State::InReview => "in-review",
            State::Approved => "approved",
            State::Rejected => "rejected",
            State::CarriedOut => "carried-out",
            State::Evaluated => "evaluated",
        }
    }
}

/// Who must act next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    CoDecider,
    IndependentThird,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::CoDecider => "co-decider",
            Role::IndependentThird => "independent-third",
        }
    }
}

/// Why an action is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The proposer cannot give a verdict on their own proposal.
    SelfApproval,
    /// A verdict or request on a revision that is no longer current.
    StaleRevision { given: u32, current: u32 },
    /// The worker already acts in another role on this intervention.
    TwoRoles,
    /// The independent third is of the proposer's organisation.
    SameOrganisation,
    /// Only the proposer edits a proposal.
    NotProposer,
    /// Only the proposer or the co-decider can request review.
    NotAParty,
    /// Nothing is waiting for this kind of action now.
    NotNow(State),
    /// Already proposed; a changed plan is an edit or a new proposal.
    AlreadyProposed,
    /// Review was already requested and still stands.
    AlreadyRequested,
    /// The independent third declares a personal bond: another third must decide.
    ThirdWithBond,
    /// The actual cost is above the approved cost: a higher cost needs the rule again.
    AboveApproved { approved: u64, actual: u64 },
    /// The would-be third was enrolled or re-organised by the proposer and
    /// the co-decider together.
    VouchedByParties,
    /// The third's or the proposer's organisation is not known.
    OrganisationUnknown,
    /// Review of a rejection is requested more than 14 days after it.
    TooLateForReview,
}

/// The budget and who works where: the context the rule decides in.
pub struct Rules<'a> {
    /// The desk's emergency budget: above it review is required.
    pub budget_cents: u64,
    pub organisation_of: &'a dyn Fn(&str) -> Option<String>,
    /// For a worker, each group of workers who together enrolled them or
    /// changed their organisation (empty when unknown).
    pub vouched_by: &'a dyn Fn(&str) -> Vec<Vec<String>>,
}

/// No vouches known: for contexts that predate them.
pub fn no_vouches(_: &str) -> Vec<Vec<String>> {
    Vec::new()
}

/// Everything the history says about an intervention now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    pub state: State,
    pub revision: u32,
    pub cost_cents: u64,
    pub proposer: String,
    /// The co-decider of the current revision, with their verdict.
    pub co_decider: Option<(String, bool)>,
    /// The independent third of the current revision, with their verdict.
    pub third: Option<(String, bool)>,
    pub review_required: bool,
    pub review_requested: bool,
    /// Empty when nothing waits for a decision.
    pub waiting_for: Vec<Role>,
    /// Workers who acted as co-decider or third on any revision.
    acted_as_c: BTreeSet<String>,
    acted_as_t: BTreeSet<String>,
}

impl Status {
    /// True when the verdict can no longer change (carrying out and evaluating may follow).
    pub fn is_final(&self) -> bool {
        match self.state {
            State::Approved | State::CarriedOut | State::Evaluated => true,
            State::Rejected => !self.appealable(),
            State::Proposed | State::InReview => false,
        }
    }

    /// A rejection by the co-decider alone can still go to review.
    pub fn appealable(&self) -> bool {
        self.state == State::Rejected && self.third.is_none() && !self.review_requested
    }
}

/// Folds the history into the current status. Assumes every event was accepted by [`check`].
pub fn status(events: &[Event], rules: &Rules) -> Status {
    let mut s = Status {
        state: State::Proposed,
        revision: 0,
        cost_cents: 0,
        proposer: String::new(),
        co_decider: None,
        third: None,
        review_required: false,
        review_requested: false,
        waiting_for: Vec::new(),
        acted_as_c: BTreeSet::new(),
        acted_as_t: BTreeSet::new(),
    };
    let mut bond = false;
    let mut limit = None;
    for event in events {
        if let Some(r) = event.revision() {
            if r.first {
                s.proposer = r.by.to_string();
                s.revision = 1;
            } else {
                s.revision += 1;
                s.co_decider = None;
                s.third = None;
            }
            s.cost_cents = r.cost_cents;
            bond |= r.bond;
            limit = r.limit_cents;
        }
        match event {
            Event::Proposed { .. }
            | Event::Edited { .. }
            | Event::ProposedUnder { .. }
            | Event::EditedUnder { .. } => {}
            Event::Verdict {
                by,
                approve,
                bond: b,
                ..
            } => {
                if s.co_decider.is_none() {
                    s.co_decider = Some((by.clone(), *approve));
                    s.acted_as_c.insert(by.clone());
                    bond |= b;
                } else {
                    s.third = Some((by.clone(), *approve));
                    s.acted_as_t.insert(by.clone());
                }
            }
            Event::ReviewRequested { .. } => s.review_requested = true,
            Event::CarriedOut { .. } => s.state = State::CarriedOut,
            Event::Evaluated { .. } => s.state = State::Evaluated,
        }
        s.review_required = s.cost_cents > limit.unwrap_or(rules.budget_cents) || bond;
        if !matches!(s.state, State::CarriedOut | State::Evaluated) {
            s.state = decided(&s);
        }
    }
    s.waiting_for = match s.state {
        State::Proposed => vec![Role::CoDecider],
        State::InReview => vec![Role::IndependentThird],
        _ => Vec::new(),
    };
    s
}

fn decided(s: &Status) -> State {
    let review = s.review_required || s.review_requested;
    match (&s.co_decider, &s.third) {
        (_, Some((_, approve))) => {
            if *approve {
                State::Approved
            } else {
                State::Rejected
            }
        }
        (None, None) => State::Proposed,
        (Some((_, true)), None) if review => State::InReview,
        (Some((_, true)), None) => State::Approved,
        (Some((_, false)), None) if s.review_requested => State::InReview,
        (Some((_, false)), None) => State::Rejected,
    }
}

/// Whether `next` may happen now; the refusal says why not.
pub fn check(events: &[Event], next: &Event, rules: &Rules) -> Result<(), Refusal> {
    if events.is_empty() {
        return match next {
            Event::Proposed { .. } | Event::ProposedUnder { .. } => Ok(()),
            _ => Err(Refusal::NotNow(State::Proposed)),
        };
    }
    let s = status(events, rules);
    let open = matches!(s.state, State::Proposed | State::InReview);
    match next {
        Event::Proposed { .. } | Event::ProposedUnder { .. } => Err(Refusal::AlreadyProposed),
        Event::Edited { by, .. } | Event::EditedUnder { by, .. } => {
            if !open {
                Err(Refusal::NotNow(s.state))
            } else if *by != s.proposer {
                Err(Refusal::NotProposer)
            } else {
                Ok(())
            }
        }
        Event::Verdict {
            by, revision, bond, ..
        } => {
            if *by == s.proposer {
                return Err(Refusal::SelfApproval);
            }
            if !open {
                return Err(Refusal::NotNow(s.state));
            }
            if *revision != s.revision {
                return Err(Refusal::StaleRevision {
                    given: *revision,
                    current: s.revision,
                });
            }
            match s.state {
                State::Proposed if s.acted_as_t.contains(by) => Err(Refusal::TwoRoles),
                State::InReview if s.acted_as_c.contains(by) => Err(Refusal::TwoRoles),
                State::InReview if *bond => Err(Refusal::ThirdWithBond),
                State::InReview => {
                    let known = |o: Option<String>| {
                        o.map(|o| o.trim().to_lowercase()).filter(|o| !o.is_empty())
                    };
                    let (theirs, proposers) = (
                        known((rules.organisation_of)(by)),
                        known((rules.organisation_of)(&s.proposer)),
                    );
                    let c = s.co_decider.as_ref().map(|(c, _)| c.as_str());
                    let vouched_together = (rules.vouched_by)(by).iter().any(|group| {
                        group.contains(&s.proposer)
                            && c.is_some_and(|c| group.iter().any(|v| v == c))
                    });
                    match (theirs, proposers) {
                        (Some(a), Some(b)) if a == b => Err(Refusal::SameOrganisation),
                        (Some(_), Some(_)) if vouched_together => Err(Refusal::VouchedByParties),
                        (Some(_), Some(_)) => Ok(()),
                        _ => Err(Refusal::OrganisationUnknown),
                    }
                }
                _ => Ok(()),
            }
        }
        Event::ReviewRequested { by, revision } => {
            let is_c = s.co_decider.as_ref().is_some_and(|(c, _)| c == by);
            if *by != s.proposer && !is_c {
                return Err(Refusal::NotAParty);
            }
            if *revision != s.revision {
                return Err(Refusal::StaleRevision {
                    given: *revision,
                    current: s.revision,
                });
            }
            if s.review_requested {
                return Err(Refusal::AlreadyRequested);
            }
            match s.state {
                State::Proposed | State::InReview => Ok(()),
                State::Rejected if s.appealable() => Ok(()),
                other => Err(Refusal::NotNow(other)),
            }
        }
        Event::CarriedOut { .. } => match s.state {
            State::Approved => Ok(()),
            other => Err(Refusal::NotNow(other)),
        },
        Event::Evaluated { .. } => match s.state {
            State::CarriedOut => Ok(()),
            other => Err(Refusal::NotNow(other)),
        },
    }
}

/// Whether the intervention may be marked carried out at `actual_cents`:
/// as [`check`] for [`Event::CarriedOut`], and never above the approved cost.
pub fn check_spend(
    events: &[Event],
    by: &str,
    actual_cents: u64,
    rules: &Rules,
) -> Result<(), Refusal> {
    let carried_out = Event::CarriedOut { by: by.to_string() };
    check(events, &carried_out, rules)?;
    let approved = status(events, rules).cost_cents;
    if actual_cents > approved {
        return Err(Refusal::AboveApproved {
            approved,
            actual: actual_cents,
        });
    }
    Ok(())
}

/// Who could act as the next decider: true when `worker` may give the verdict that is waited for.
pub fn may_decide(events: &[Event], worker: &str, rules: &Rules) -> bool {
    let s = status(events, rules);
    let verdict = Event::Verdict {
        by: worker.to_string(),
        revision: s.revision,
        approve: true,
        bond: false,
    };
    !s.waiting_for.is_empty() && check(events, &verdict, rules).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(e: &Event) -> Vec<u8> {
        bincode::serde::encode_to_vec(e, bincode::config::standard()).expect("encodes")
    }

    /// Stored events name their variant by number: the variants that old
    /// records hold keep their numbers and bytes, the new ones come after.
    #[test]
    fn old_events_keep_their_bytes_and_new_ones_decode() {
        let old = Event::Proposed {
            by: "piet".into(),
            cost_cents: 45_000,
            bond: true,
        };
        assert_eq!(
            bytes(&old),
            [0, 4, b'p', b'i', b'e', b't', 251, 200, 175, 1]
        );
        assert_eq!(bytes(&Event::Evaluated { by: "a".into() })[0], 5);
        let new = Event::EditedUnder {
            by: "piet".into(),
            cost_cents: 45_000,
            bond: false,
            limit_cents: 50_000,
        };
        assert_eq!(bytes(&new)[0], 7);
        let (back, _): (Event, usize) =
            bincode::serde::decode_from_slice(&bytes(&new), bincode::config::standard())
                .expect("decodes");
        assert_eq!(back, new);
    }
}
