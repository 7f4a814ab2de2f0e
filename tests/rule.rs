//! The two-worker rule over random histories: what may never happen, never does.

use proptest::prelude::*;
use wijkkaart::cases::rule::{Event, Refusal, Rules, State, check, check_spend, status};

const WORKERS: [&str; 6] = ["piet", "carla", "tom", "tess", "ruud", "vera"];

/// piet and tess work at the same organisation; ruud's is unknown.
fn org(w: &str) -> Option<String> {
    match w {
        "piet" | "tess" => Some("Welzijn Zuid".into()),
        "carla" => Some("Wijkteam".into()),
        "tom" => Some("Politie".into()),
        "vera" => Some("GGD".into()),
        _ => None,
    }
}

const BUDGET: u64 = 50_000;

/// vera was enrolled by piet and carla together; tom by carla and tess.
fn vouched(w: &str) -> Vec<Vec<String>> {
    let group = |a: &str, b: &str| vec![vec![a.to_string(), b.to_string()]];
    match w {
        "vera" => group("piet", "carla"),
        "tom" => group("carla", "tess"),
        _ => Vec::new(),
    }
}

fn rules() -> Rules<'static> {
    Rules {
        budget_cents: BUDGET,
        organisation_of: &org,
        vouched_by: &vouched,
    }
}

/// Candidate events, many of them not allowed at the moment they are tried.
fn candidate() -> impl Strategy<Value = Event> {
    let who = prop::sample::select(WORKERS.to_vec()).prop_map(String::from);
    prop_oneof![
        (who.clone(), 0u64..100_000, prop::bool::weighted(0.2)).prop_map(
            |(by, cost_cents, bond)| Event::Edited {
                by,
                cost_cents,
                bond
            }
        ),
        (
            who.clone(),
            0u64..100_000,
            prop::bool::weighted(0.2),
            0u64..100_000
        )
            .prop_map(|(by, cost_cents, bond, limit_cents)| Event::EditedUnder {
                by,
                cost_cents,
                bond,
                limit_cents,
            }),
        (
            who.clone(),
            0u32..4,
            any::<bool>(),
            prop::bool::weighted(0.2)
        )
            .prop_map(|(by, revision, approve, bond)| Event::Verdict {
                by,
                revision,
                approve,
                bond
            }),
        (who.clone(), 0u32..4).prop_map(|(by, revision)| Event::ReviewRequested { by, revision }),
        who.clone().prop_map(|by| Event::CarriedOut { by }),
        who.prop_map(|by| Event::Evaluated { by }),
    ]
}

fn history() -> impl Strategy<Value = (Event, Vec<Event>)> {
    (
        prop::sample::select(WORKERS.to_vec()),
        0u64..100_000,
        prop::bool::weighted(0.2),
        prop::collection::vec(candidate(), 0..30),
        prop::option::of(0u64..100_000),
    )
        .prop_map(|(p, cost_cents, bond, rest, limit)| {
            let by = p.into();
            let first = match limit {
                // As written before the limit was recorded.
                None => Event::Proposed {
                    by,
                    cost_cents,
                    bond,
                },
                Some(limit_cents) => Event::ProposedUnder {
                    by,
                    cost_cents,
                    bond,
                    limit_cents,
                },
            };
            (first, rest)
        })
}

/// Applies the events the rule accepts; returns the accepted history and every refusal.
fn play(first: Event, rest: Vec<Event>) -> (Vec<Event>, Vec<(Event, Refusal)>) {
    let rules = rules();
    let mut accepted = vec![first];
    let mut refused = Vec::new();
    for e in rest {
        match check(&accepted, &e, &rules) {
            Ok(()) => accepted.push(e),
            Err(r) => refused.push((e, r)),
        }
    }
    (accepted, refused)
}

/// Verdicts on the current revision (after the last edit), in order.
fn current_verdicts(events: &[Event]) -> Vec<(String, bool)> {
    let start = events
        .iter()
        .rposition(|e| e.revision().is_some())
        .unwrap_or(0);
    events[start..]
        .iter()
        .filter_map(|e| match e {
            Event::Verdict { by, approve, .. } => Some((by.clone(), *approve)),
            _ => None,
        })
        .collect()
}

/// The budget limit the current revision is judged by: recorded with it, or
/// (for a revision written before limits were recorded) today's.
fn limit_in_force(events: &[Event]) -> u64 {
    events
        .iter()
        .rev()
        .find_map(|e| e.revision())
        .and_then(|r| r.limit_cents)
        .unwrap_or(BUDGET)
}

/// A bond declared by the proposer in any revision, or by a co-decider.
fn any_bond(events: &[Event]) -> bool {
    events.iter().any(|e| {
        e.revision().is_some_and(|r| r.bond) || matches!(e, Event::Verdict { bond: true, .. })
    })
}

/// Plays a history where each "carried out" names an actual cost (taken in
/// turn from `actuals`) and goes through [`check_spend`]; returns the accepted
/// events and, for each accepted "carried out", the actual and approved cost.
fn play_spending(first: Event, rest: Vec<Event>, actuals: &[u64]) -> (Vec<Event>, Vec<(u64, u64)>) {
    let rules = rules();
    let mut accepted = vec![first];
    let mut spent = Vec::new();
    let mut actual = actuals.iter().copied().cycle();
    for e in rest {
        let ok = match &e {
            Event::CarriedOut { by } => {
                let cents = actual.next().unwrap_or(0);
                let ok = check_spend(&accepted, by, cents, &rules).is_ok();
                if ok {
                    spent.push((cents, status(&accepted, &rules).cost_cents));
                }
                ok
            }
            _ => check(&accepted, &e, &rules).is_ok(),
        };
        if ok {
            accepted.push(e);
        }
    }
    (accepted, spent)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The invariant of issue 10: approved only by two distinct workers, and,
    /// where review is required or was ever requested, by an independent third
    /// of another organisation after the co-decider, without a bond.
    #[test]
    fn approved_only_with_two_workers_and_the_third_where_needed((first, rest) in history(), actuals in prop::collection::vec(0u64..120_000, 1..4)) {
        let (events, spent) = play_spending(first, rest, &actuals);
        let s = status(&events, &rules());
        for (actual, approved) in spent {
            prop_assert!(actual <= approved, "spent {actual} of {approved}: {events:?}");
        }
        if !matches!(s.state, State::Approved | State::CarriedOut | State::Evaluated) {
            return Ok(());
        }
        let verdicts = current_verdicts(&events);
        prop_assert!(verdicts.iter().any(|(by, approve)| *approve && *by != s.proposer), "{events:?}");
        let requested = events.iter().any(|e| matches!(e, Event::ReviewRequested { .. }));
        if requested || any_bond(&events) || s.cost_cents > limit_in_force(&events) {
            prop_assert!(verdicts.len() >= 2, "no third: {events:?}");
            let (c, _) = &verdicts[0];
            let (t, approve) = &verdicts[1];
            prop_assert!(*approve, "{events:?}");
            prop_assert!(t != c && *t != s.proposer, "{events:?}");
            // A third of a known organisation other than the proposer's...
            prop_assert!(org(t).is_some() && org(&s.proposer).is_some(), "{events:?}");
            prop_assert!(org(t) != org(&s.proposer), "{events:?}");
            // ...whom the proposer and the co-decider did not enrol together.
            prop_assert!(
                !vouched(t).iter().any(|g| g.contains(&s.proposer) && g.contains(c)),
                "a third vouched for by P and C: {events:?}"
            );
        }
    }

    /// A third never decides with a bond: the second verdict on a revision
    /// never declares one.
    #[test]
    fn a_third_never_decides_with_a_bond((first, rest) in history()) {
        let (events, _) = play(first, rest);
        let mut verdicts_on_revision = 0;
        for e in &events {
            match e {
                e if e.revision().is_some() => verdicts_on_revision = 0,
                Event::Verdict { bond, .. } => {
                    verdicts_on_revision += 1;
                    prop_assert!(verdicts_on_revision == 1 || !bond, "{events:?}");
                }
                _ => {}
            }
        }
    }

    #[test]
    fn never_approved_without_two_distinct_workers_on_the_current_revision((first, rest) in history()) {
        let (events, _) = play(first, rest);
        let s = status(&events, &rules());
        if matches!(s.state, State::Approved | State::CarriedOut | State::Evaluated) {
            let verdicts = current_verdicts(&events);
            prop_assert!(verdicts.iter().any(|(by, approve)| *approve && *by != s.proposer), "{events:?}");
        }
    }

    #[test]
    fn above_budget_or_with_a_bond_an_independent_third_must_approve((first, rest) in history()) {
        let (events, _) = play(first, rest);
        let s = status(&events, &rules());
        if matches!(s.state, State::Approved | State::CarriedOut | State::Evaluated) && (s.cost_cents > limit_in_force(&events) || any_bond(&events)) {
            let verdicts = current_verdicts(&events);
            prop_assert!(verdicts.len() >= 2, "{events:?}");
            let (c, _) = &verdicts[0];
            let (t, approve) = &verdicts[1];
            prop_assert!(*approve);
            prop_assert!(t != c && *t != s.proposer);
            if let (Some(a), Some(b)) = (org(t), org(&s.proposer)) {
                prop_assert_ne!(a, b, "third from the proposer's organisation");
            }
        }
    }

    #[test]
    fn self_approval_and_stale_verdicts_are_always_refused((first, rest) in history()) {
        let rules = rules();
        let mut accepted = vec![first];
        for e in rest {
            let s = status(&accepted, &rules);
            let result = check(&accepted, &e, &rules);
            if let Event::Verdict { by, revision, .. } = &e {
                if *by == s.proposer {
                    prop_assert_eq!(result.clone(), Err(Refusal::SelfApproval));
                } else if *revision != s.revision {
                    prop_assert!(result.is_err(), "stale verdict accepted: {e:?} at revision {}", s.revision);
                }
            }
            if result.is_ok() {
                accepted.push(e);
            }
        }
    }

    #[test]
    fn nobody_acts_in_two_roles((first, rest) in history()) {
        let (events, _) = play(first, rest);
        let s = status(&events, &rules());
        if let (Some((c, _)), Some((t, _))) = (&s.co_decider, &s.third) {
            prop_assert_ne!(c, t);
            prop_assert!(*c != s.proposer && *t != s.proposer);
        }
    }

    #[test]
    fn final_states_never_change((first, rest) in history()) {
        let rules = rules();
        let mut accepted = vec![first];
        let mut final_state: Option<State> = None;
        for e in rest {
            if check(&accepted, &e, &rules).is_ok() {
                accepted.push(e);
            }
            let s = status(&accepted, &rules);
            if let Some(was) = final_state {
                let allowed = match was {
                    State::Approved => matches!(s.state, State::Approved | State::CarriedOut | State::Evaluated),
                    State::CarriedOut => matches!(s.state, State::CarriedOut | State::Evaluated),
                    other => s.state == other,
                };
                prop_assert!(allowed, "{was:?} became {:?}", s.state);
                prop_assert!(s.waiting_for.is_empty());
            }
            if s.is_final() {
                final_state = Some(s.state);
            }
        }
    }
}

#[test]
fn the_plain_path_and_the_review_path() {
    let rules = rules();
    let p = |e: Event, h: &mut Vec<Event>| {
        check(h, &e, &rules).expect("allowed");
        h.push(e);
    };
    // Within budget, no bond: P and C decide.
    let mut h = Vec::new();
    p(
        Event::Proposed {
            by: "piet".into(),
            cost_cents: 20_000,
            bond: false,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).waiting_for.len(), 1);
    p(
        Event::Verdict {
            by: "carla".into(),
            revision: 1,
            approve: true,
            bond: false,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).state, State::Approved);
    // Above budget: a third from another organisation is needed.
    let mut h = Vec::new();
    p(
        Event::Proposed {
            by: "piet".into(),
            cost_cents: 80_000,
            bond: false,
        },
        &mut h,
    );
    p(
        Event::Verdict {
            by: "carla".into(),
            revision: 1,
            approve: true,
            bond: false,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).state, State::InReview);
    let tess = Event::Verdict {
        by: "tess".into(),
        revision: 1,
        approve: true,
        bond: false,
    };
    assert_eq!(check(&h, &tess, &rules), Err(Refusal::SameOrganisation));
    let vera = Event::Verdict {
        by: "vera".into(),
        revision: 1,
        approve: true,
        bond: false,
    };
    assert_eq!(check(&h, &vera, &rules), Err(Refusal::VouchedByParties));
    let ruud = Event::Verdict {
        by: "ruud".into(),
        revision: 1,
        approve: true,
        bond: false,
    };
    assert_eq!(check(&h, &ruud, &rules), Err(Refusal::OrganisationUnknown));
    let carla = Event::Verdict {
        by: "carla".into(),
        revision: 1,
        approve: true,
        bond: false,
    };
    assert_eq!(check(&h, &carla, &rules), Err(Refusal::TwoRoles));
    // An edit makes the verdict stale; the proposal waits again.
    p(
        Event::Edited {
            by: "piet".into(),
            cost_cents: 45_000,
            bond: false,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).state, State::Proposed);
    assert_eq!(
        check(&h, &carla, &rules),
        Err(Refusal::StaleRevision {
            given: 1,
            current: 2
        })
    );
    // C rejects; P appeals; T's verdict is final.
    p(
        Event::Verdict {
            by: "carla".into(),
            revision: 2,
            approve: false,
            bond: false,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).state, State::Rejected);
    p(
        Event::ReviewRequested {
            by: "piet".into(),
            revision: 2,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).state, State::InReview);
    p(
        Event::Verdict {
            by: "tom".into(),
            revision: 2,
            approve: true,
            bond: false,
        },
        &mut h,
    );
    assert_eq!(status(&h, &rules).state, State::Approved);
}

/// The attack of issue 10: C rejects, P requests review, P edits, a colleague
/// of P's own organisation approves. The request stands: no approval yet.
#[test]
fn an_edit_never_drops_a_review_request() {
    let rules = rules();
    let mut h = vec![Event::Proposed {
        by: "piet".into(),
        cost_cents: 30_000,
        bond: false,
    }];
    for e in [
        Event::Verdict {
            by: "carla".into(),
            revision: 1,
            approve: false,
            bond: false,
        },
        Event::ReviewRequested {
            by: "piet".into(),
            revision: 1,
        },
        Event::Edited {
            by: "piet".into(),
            cost_cents: 30_000,
            bond: false,
        },
        Event::Verdict {
            by: "tess".into(),
            revision: 2,
            approve: true,
            bond: false,
        },
    ] {
        check(&h, &e, &rules).expect("allowed");
        h.push(e);
    }
    let s = status(&h, &rules);
    assert_eq!(s.state, State::InReview);
    assert!(s.review_requested);
    let with_bond = Event::Verdict {
        by: "tom".into(),
        revision: 2,
        approve: true,
        bond: true,
    };
    assert_eq!(check(&h, &with_bond, &rules), Err(Refusal::ThirdWithBond));
    let tom = Event::Verdict {
        by: "tom".into(),
        revision: 2,
        approve: true,
        bond: false,
    };
    check(&h, &tom, &rules).expect("tom is independent");
    h.push(tom);
    assert_eq!(status(&h, &rules).state, State::Approved);
    assert_eq!(
        check_spend(&h, "piet", 30_001, &rules),
        Err(Refusal::AboveApproved {
            approved: 30_000,
            actual: 30_001
        })
    );
    assert_eq!(check_spend(&h, "piet", 30_000, &rules), Ok(()));
}

/// A revision is judged by the limit in force when it was made; one written
/// before limits were recorded, by today's limit (as it always was).
#[test]
fn a_revision_keeps_the_limit_it_was_made_under() {
    let rules = rules(); // today's limit: € 500
    let carla = Event::Verdict {
        by: "carla".into(),
        revision: 1,
        approve: true,
        bond: false,
    };
    let under = |limit_cents| Event::ProposedUnder {
        by: "piet".into(),
        cost_cents: 80_000,
        bond: false,
        limit_cents,
    };
    let old = Event::Proposed {
        by: "piet".into(),
        cost_cents: 80_000,
        bond: false,
    };
    assert_eq!(
        status(&[under(100_000), carla.clone()], &rules).state,
        State::Approved
    );
    assert_eq!(
        status(&[under(50_000), carla.clone()], &rules).state,
        State::InReview
    );
    assert_eq!(status(&[old, carla.clone()], &rules).state, State::InReview);
    // Today's limit raised: a revision made under € 500 still needs the third.
    let raised = Rules {
        budget_cents: 1_000_000,
        organisation_of: &org,
        vouched_by: &vouched,
    };
    assert_eq!(
        status(&[under(50_000), carla.clone()], &raised).state,
        State::InReview
    );
    // An edit is judged by the limit in force when it was made.
    let edit = Event::EditedUnder {
        by: "piet".into(),
        cost_cents: 80_000,
        bond: false,
        limit_cents: 100_000,
    };
    let carla2 = Event::Verdict {
        by: "carla".into(),
        revision: 2,
        approve: true,
        bond: false,
    };
    assert_eq!(
        status(&[under(50_000), edit, carla2], &rules).state,
        State::Approved
    );
}
