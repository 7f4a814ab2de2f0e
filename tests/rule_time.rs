//! The parts of the rule that depend on the calendar, through the case book
//! with a chosen "now": review of a rejection up to 14 days after it, and
//! the budget limit counting the case's approvals of the 30 days before.

use chrono::{DateTime, Duration, Utc};
use wijkkaart::cases::book::{Act, CaseBook, CaseError, Enrolled, Session};
use wijkkaart::cases::rule::{Refusal, State};
use wijkkaart::store::Store;

fn day(n: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).expect("time") + Duration::days(n)
}

/// piet (Welzijn), carla (Wijkteam), tom (Politie, enrolled by piet and
/// carla) and vera (GGD, by tom and carla), each unlocked.
fn desk(store: &Store) -> (CaseBook<'_>, Vec<Session>) {
    let mut book = CaseBook::open(store).expect("book");
    let worker = |id: &str, org: &str| Enrolled {
        id: id.into(),
        name: id.into(),
        organisation: org.into(),
    };
    book.enrol(&worker("piet", "Welzijn"), "piet-geheim", &[], day(0))
        .expect("piet");
    let piet = book.unlock("piet", "piet-geheim").expect("piet");
    book.enrol(
        &worker("carla", "Wijkteam"),
        "carla-geheim",
        &[&piet],
        day(0),
    )
    .expect("carla");
    let carla = book.unlock("carla", "carla-geheim").expect("carla");
    book.enrol(
        &worker("tom", "Politie"),
        "tom-geheim",
        &[&carla, &piet],
        day(0),
    )
    .expect("tom");
    let tom = book.unlock("tom", "tom-geheim").expect("tom");
    book.enrol(
        &worker("vera", "GGD"),
        "vera-geheim",
        &[&tom, &carla],
        day(0),
    )
    .expect("vera");
    let vera = book.unlock("vera", "vera-geheim").expect("vera");
    (book, vec![piet, carla, tom, vera])
}

fn state(book: &CaseBook, s: &Session, id: &str) -> State {
    let (case, i) = book.find_intervention(s, id).expect("found");
    book.with_rules(|r| case.interventions[i].status(r).state)
}

fn reject(reason: &str) -> Act {
    Act::Reject {
        reason: reason.into(),
        revision: None,
    }
}

fn review(reason: &str) -> Act {
    Act::RequestReview {
        reason: reason.into(),
        revision: None,
    }
}

fn approve() -> Act {
    Act::Approve {
        reason: String::new(),
        bond: false,
        revision: None,
    }
}

#[test]
fn review_of_a_rejection_is_possible_for_14_days_and_then_it_is_final() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path(), false).expect("store");
    let (mut book, w) = desk(&store);
    let case = book.new_case(&w[0], "Fam. K.", "", day(0)).expect("case");
    let propose = |book: &CaseBook, title: &str| {
        book.propose(&w[0], &case, title, "Wijkt af", 20_000, &[], false, day(1))
            .expect("proposed")
    };
    let late = propose(&book, "Laat");
    let early = propose(&book, "Vroeg");
    for id in [&late, &early] {
        book.act(&w[1], id, reject("eerst schuldhulp"), day(2))
            .expect("rejected");
    }
    // An empty reason has its own refusal, before the calendar is looked at.
    assert!(matches!(
        book.act(&w[0], &late, review("  "), day(30)),
        Err(CaseError::Missing(_))
    ));
    assert!(matches!(
        book.act(&w[0], &late, review("duurt te lang"), day(17)),
        Err(CaseError::Refused(Refusal::TooLateForReview))
    ));
    assert_eq!(state(&book, &w[0], &late), State::Rejected);
    book.act(&w[0], &early, review("duurt te lang"), day(15))
        .expect("within 14 days");
    assert_eq!(state(&book, &w[0], &early), State::InReview);
    // The request stands until the third decides, however late that is;
    // tom, whom piet and carla enrolled together, is no third for them.
    assert!(matches!(
        book.act(&w[2], &early, approve(), day(60)),
        Err(CaseError::Refused(Refusal::VouchedByParties))
    ));
    book.act(&w[3], &early, approve(), day(60)).expect("third");
    assert_eq!(state(&book, &w[0], &early), State::Approved);
}

#[test]
fn one_spend_split_in_two_still_needs_the_third() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path(), false).expect("store");
    let (mut book, w) = desk(&store);
    let case = book.new_case(&w[0], "Fam. K.", "", day(0)).expect("case");
    let other = book.new_case(&w[0], "Dhr. B.", "", day(0)).expect("case");
    let book = book;
    let propose = |case: &str, cents: u64, at: DateTime<Utc>| {
        book.propose(&w[0], case, "Deel", "Wijkt af", cents, &[], false, at)
            .expect("proposed")
    };
    // € 400 approved by piet and carla alone (under the € 500 limit).
    let first = propose(&case, 40_000, day(1));
    book.act(&w[1], &first, approve(), day(1))
        .expect("approved");
    assert_eq!(state(&book, &w[0], &first), State::Approved);
    // The second half, € 400, in the same case within 30 days: € 800 in all.
    let second = propose(&case, 40_000, day(10));
    book.act(&w[1], &second, approve(), day(10))
        .expect("C approves");
    assert_eq!(state(&book, &w[0], &second), State::InReview);
    // In another case, or 30 days later, it counts alone.
    let elsewhere = propose(&other, 40_000, day(10));
    book.act(&w[1], &elsewhere, approve(), day(10))
        .expect("approved");
    assert_eq!(state(&book, &w[0], &elsewhere), State::Approved);
    let later = propose(&case, 40_000, day(32));
    book.act(&w[1], &later, approve(), day(32))
        .expect("approved");
    assert_eq!(state(&book, &w[0], &later), State::Approved);
}

#[test]
fn a_limit_change_never_moves_a_proposal_with_verdicts() {
    let tmp = tempfile::tempdir().expect("tmp");
    let store = Store::open(tmp.path(), false).expect("store");
    let (mut book, w) = desk(&store);
    let case = book.new_case(&w[0], "Fam. K.", "", day(0)).expect("case");
    let id = book
        .propose(
            &w[0],
            &case,
            "Rijbewijs",
            "Wijkt af",
            90_000,
            &[],
            false,
            day(1),
        )
        .expect("proposed");
    book.act(&w[1], &id, approve(), day(1)).expect("C approves");
    assert_eq!(state(&book, &w[0], &id), State::InReview);
    // Raised by two workers of different organisations: still with the third.
    book.set_budget_cents(&w[0], &w[1], 1_000_000, day(2))
        .expect("raised");
    assert_eq!(state(&book, &w[0], &id), State::InReview);
    // Lowered: an approved one stays approved.
    let small = book
        .propose(&w[0], &case, "Bus", "Wijkt af", 5_000, &[], false, day(3))
        .expect("proposed");
    book.act(&w[1], &small, approve(), day(3))
        .expect("approved");
    book.set_budget_cents(&w[2], &w[1], 100, day(4))
        .expect("lowered");
    assert_eq!(state(&book, &w[0], &small), State::Approved);
    assert_eq!(book.verify_log(&w[0]).expect("verify"), None);
}
