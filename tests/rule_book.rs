//! The invariant of issue 10 over random sequences through the real case
//! book, with the worker list and the policy changing in between: propose,
//! edit, verdicts, review requests, budget changes, enrolments, changes of
//! organisation and removals. Whatever the order, no intervention reaches
//! approved without two distinct enrolled workers, and, where the third is
//! needed, an independent third of another organisation whom the proposer
//! and the co-decider did not vouch for together.

use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use std::collections::BTreeMap;
use wijkkaart::cases::book::{Act, CaseBook, CaseError, Enrolled, Session};
use wijkkaart::cases::rule::State;
use wijkkaart::store::Store;

const ORGS: [&str; 3] = ["Welzijn", "Wijkteam", "Politie"];

#[derive(Clone, Debug)]
enum Op {
    Propose {
        by: usize,
        cost: u64,
        bond: bool,
    },
    Edit {
        by: usize,
        item: usize,
        cost: u64,
        bond: bool,
    },
    Verdict {
        by: usize,
        item: usize,
        approve: bool,
        bond: bool,
    },
    Review {
        by: usize,
        item: usize,
    },
    Budget {
        a: usize,
        b: usize,
        cents: u64,
    },
    Enrol {
        a: usize,
        b: usize,
        org: usize,
    },
    Reorganise {
        a: usize,
        b: usize,
        who: usize,
        org: usize,
    },
    Remove {
        a: usize,
        b: usize,
        who: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let w = 0usize..8;
    prop_oneof![
        3 => (w.clone(), 0u64..120_000, prop::bool::weighted(0.2))
            .prop_map(|(by, cost, bond)| Op::Propose { by, cost, bond }),
        2 => (w.clone(), 0usize..4, 0u64..120_000, prop::bool::weighted(0.2))
            .prop_map(|(by, item, cost, bond)| Op::Edit { by, item, cost, bond }),
        8 => (w.clone(), 0usize..4, prop::bool::weighted(0.7), prop::bool::weighted(0.2))
            .prop_map(|(by, item, approve, bond)| Op::Verdict { by, item, approve, bond }),
        2 => (w.clone(), 0usize..4).prop_map(|(by, item)| Op::Review { by, item }),
        1 => (w.clone(), w.clone(), 0u64..150_000)
            .prop_map(|(a, b, cents)| Op::Budget { a, b, cents }),
        1 => (w.clone(), w.clone(), 0usize..3).prop_map(|(a, b, org)| Op::Enrol { a, b, org }),
        1 => (w.clone(), w.clone(), w.clone(), 0usize..3)
            .prop_map(|(a, b, who, org)| Op::Reorganise { a, b, who, org }),
        1 => (w.clone(), w.clone(), w).prop_map(|(a, b, who)| Op::Remove { a, b, who }),
    ]
}

fn at(step: usize) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).expect("time") + Duration::hours(step as i64)
}

struct World<'s> {
    book: CaseBook<'s>,
    /// Every worker ever enrolled, by number; `None` once removed.
    sessions: Vec<Option<Session>>,
    case: String,
    items: Vec<String>,
}

/// Worker number `n` (modulo those ever enrolled), unless removed.
fn sess(sessions: &[Option<Session>], n: usize) -> Option<&Session> {
    sessions.get(n % sessions.len().max(1))?.as_ref()
}

impl World<'_> {
    fn session(&self, n: usize) -> Option<&Session> {
        sess(&self.sessions, n)
    }

    /// Intervention number `item` (modulo those proposed), so that most
    /// acts meet a real proposal.
    fn item(&self, item: usize) -> Option<&String> {
        self.items.get(item % self.items.len().max(1))
    }

    fn id(n: usize) -> String {
        format!("w{n}")
    }

    /// After a removal every key is new: unlock everyone still enrolled.
    fn unlock_all(&mut self) {
        for (n, slot) in self.sessions.iter_mut().enumerate() {
            if slot.is_some() {
                *slot = Some(
                    self.book
                        .unlock(&World::id(n), &format!("geheim-{n}"))
                        .expect("still enrolled"),
                );
            }
        }
    }

    fn organisation(&self, worker: &str) -> String {
        self.book
            .worker(worker)
            .map(|w| w.organisation.to_lowercase())
            .unwrap_or_default()
    }

    fn vouched_together(&self, worker: &str, p: &str, c: &str) -> bool {
        use wijkkaart::cases::vault::VouchKind;
        self.book.roll().iter().any(|r| {
            r.worker.id == worker
                && r.vouches.iter().any(|v| {
                    v.kind != VouchKind::Renamed
                        && v.by.iter().any(|b| b == p)
                        && v.by.iter().any(|b| b == c)
                })
        })
    }
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path(), false).expect("store");
    let mut book = CaseBook::open(&store).expect("book");
    let enrolled = |n: usize| Enrolled {
        id: World::id(n),
        name: World::id(n),
        organisation: ORGS[n % 3].into(),
    };
    book.enrol(&enrolled(0), "geheim-0", &[], at(0))
        .expect("w0");
    let s0 = book.unlock("w0", "geheim-0").expect("w0");
    book.enrol(&enrolled(1), "geheim-1", &[&s0], at(0))
        .expect("w1");
    let s1 = book.unlock("w1", "geheim-1").expect("w1");
    book.enrol(&enrolled(2), "geheim-2", &[&s0, &s1], at(0))
        .expect("w2");
    let s2 = book.unlock("w2", "geheim-2").expect("w2");
    let case = book.new_case(&s0, "Fam. K.", "", at(0)).expect("case");
    let mut world = World {
        book,
        sessions: vec![Some(s0), Some(s1), Some(s2)],
        case,
        items: Vec::new(),
    };
    for (step, op) in ops.into_iter().enumerate() {
        let now = at(step + 1);
        match op {
            Op::Propose { by, cost, bond } => {
                if let Some(s) = world.session(by) {
                    let id = world
                        .book
                        .propose(s, &world.case, "Plan", "Wijkt af", cost, &[], bond, now)
                        .expect("a proposal is always allowed");
                    world.items.push(id);
                }
            }
            Op::Edit {
                by,
                item,
                cost,
                bond,
            } => {
                let (Some(s), Some(id)) = (world.session(by), world.item(item)) else {
                    continue;
                };
                let act = Act::Edit {
                    title: None,
                    description: Some("Anders".into()),
                    cost_cents: Some(cost),
                    domains: None,
                    bond,
                };
                let _ = world.book.act(s, id, act, now);
            }
            Op::Verdict {
                by,
                item,
                approve,
                bond,
            } => {
                let (Some(s), Some(id)) = (world.session(by), world.item(item)) else {
                    continue;
                };
                let (case, i) = world.book.find_intervention(s, id).expect("found");
                let before = world.book.with_rules(|r| case.interventions[i].status(r));
                let act = if approve {
                    Act::Approve {
                        reason: String::new(),
                        bond,
                        revision: None,
                    }
                } else {
                    Act::Reject {
                        reason: "nee".into(),
                        revision: None,
                    }
                };
                if world.book.act(s, id, act, now).is_err() {
                    continue;
                }
                let (case, i) = world.book.find_intervention(s, id).expect("found");
                let after = world.book.with_rules(|r| case.interventions[i].status(r));
                let me = s.worker.id.clone();
                prop_assert_ne!(&me, &after.proposer, "a verdict on one's own proposal");
                if after.state == State::Approved {
                    match &before.co_decider {
                        // The co-decider approved, and that was enough.
                        None => {
                            prop_assert!(!after.review_required && !after.review_requested);
                        }
                        // The third approved: independent of P and C.
                        Some((c, _)) => {
                            prop_assert!(me != *c && me != after.proposer);
                            prop_assert!(!bond, "a third with a bond");
                            let (mine, theirs) =
                                (world.organisation(&me), world.organisation(&after.proposer));
                            prop_assert!(!mine.is_empty() && mine != theirs, "{mine} / {theirs}");
                            prop_assert!(
                                !world.vouched_together(&me, &after.proposer, c),
                                "a third whom P and C vouched for"
                            );
                        }
                    }
                }
            }
            Op::Review { by, item } => {
                let (Some(s), Some(id)) = (world.session(by), world.item(item)) else {
                    continue;
                };
                let act = Act::RequestReview {
                    reason: "graag".into(),
                    revision: None,
                };
                let _ = world.book.act(s, id, act, now);
            }
            Op::Budget { a, b, cents } => {
                let (Some(sa), Some(sb)) = (world.session(a), world.session(b)) else {
                    continue;
                };
                let states: BTreeMap<String, State> = world
                    .items
                    .iter()
                    .map(|id| {
                        let (case, i) = world.book.find_intervention(sa, id).expect("found");
                        (
                            id.clone(),
                            world
                                .book
                                .with_rules(|r| case.interventions[i].status(r).state),
                        )
                    })
                    .collect();
                let result = world.book.set_budget_cents(sa, sb, cents, now);
                if sa.worker.organisation == sb.worker.organisation {
                    prop_assert!(result.is_err(), "a limit set by one organisation");
                }
                // Never retroactive: no state moves.
                for (id, state) in states {
                    let (case, i) = world.book.find_intervention(sa, &id).expect("found");
                    let now_state = world
                        .book
                        .with_rules(|r| case.interventions[i].status(r).state);
                    prop_assert_eq!(state, now_state, "the limit moved {}", id);
                }
            }
            Op::Enrol { a, b, org } => {
                let n = world.sessions.len();
                let result = {
                    let (Some(sa), Some(sb)) = (sess(&world.sessions, a), sess(&world.sessions, b))
                    else {
                        continue;
                    };
                    let new = Enrolled {
                        id: World::id(n),
                        name: World::id(n),
                        organisation: ORGS[org].into(),
                    };
                    let distinct = sa.worker.id != sb.worker.id;
                    let result = world
                        .book
                        .enrol(&new, &format!("geheim-{n}"), &[sa, sb], now);
                    if !distinct {
                        prop_assert!(matches!(result, Err(CaseError::NeedsTwo)));
                    }
                    result
                };
                if result.is_ok() {
                    let s = world
                        .book
                        .unlock(&World::id(n), &format!("geheim-{n}"))
                        .expect("new");
                    world.sessions.push(Some(s));
                }
            }
            Op::Reorganise { a, b, who, org } => {
                let sessions = &world.sessions;
                let (Some(sa), Some(sb), Some(target)) =
                    (sess(sessions, a), sess(sessions, b), sess(sessions, who))
                else {
                    continue;
                };
                let target = target.worker.id.clone();
                let result = world
                    .book
                    .change_worker(sa, sb, &target, None, Some(ORGS[org]), now);
                if sa.worker.id == sb.worker.id {
                    prop_assert!(result.is_err());
                }
            }
            Op::Remove { a, b, who } => {
                let removed = {
                    let sessions = &world.sessions;
                    let (Some(sa), Some(sb), Some(target)) =
                        (sess(sessions, a), sess(sessions, b), sess(sessions, who))
                    else {
                        continue;
                    };
                    let target = target.worker.id.clone();
                    let result = world.book.remove_worker(sa, sb, &target, now);
                    if sa.worker.id == sb.worker.id {
                        prop_assert!(result.is_err());
                    }
                    result.is_ok()
                };
                if removed {
                    let n = who % world.sessions.len();
                    world.sessions[n] = None;
                    world.unlock_all();
                }
            }
        }
    }
    let any = world
        .sessions
        .iter()
        .flatten()
        .next()
        .expect("someone is left");
    prop_assert_eq!(world.book.verify_log(any).expect("verify"), None);
    Ok(())
}

proptest! {
    // Each case enrols and unlocks workers with real key derivation.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn no_approval_without_two_real_workers_and_an_independent_third(ops in prop::collection::vec(op(), 1..40)) {
        run(ops)?;
    }
}
