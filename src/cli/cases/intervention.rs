//! `wijkkaart intervention`: impact-article interventions through the
//! two-worker rule, from proposal to evaluation.

use super::{Auth, Shown, cents, domains, fail, open_book, unlock};
use crate::cases::book::Act;
use crate::cases::model::{Intervention, euros};
use crate::cases::rule::{self, Rules};
use crate::cli::{Context, Failure, print};
use crate::text;
use crate::text::report;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use serde_json::{Value, json};

// The revision a verdict is about. (Not a doc comment: clap would show it as
// the description of any subcommand that lacks its own.)
#[derive(Debug, Args)]
pub struct Judged {
    /// The revision you judged; refused when it is no longer the current one.
    #[arg(long)]
    pub revision: Option<u32>,
}

// What a proposal and each revision declare besides title, description and
// cost. (Not a doc comment, for the same reason as Judged.)
#[derive(Debug, Args)]
pub struct Terms {
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// Declare a personal bond or conflict of interest.
    #[arg(long)]
    pub bond: bool,
}

// A rejection or a request for review: about which intervention and
// revision, and why. (Not a doc comment, for the same reason as Judged.)
#[derive(Debug, Args)]
pub struct Reasoned {
    pub id: String,
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub judged: Judged,
    #[command(flatten)]
    pub auth: Auth,
}

#[derive(Debug, Subcommand)]
pub enum InterventionCommand {
    /// Propose an intervention; prints its id.
    Propose {
        case: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        description: String,
        #[arg(long)]
        cost: String,
        #[command(flatten)]
        terms: Terms,
        #[command(flatten)]
        auth: Auth,
    },
    /// A new revision; earlier verdicts become stale.
    Edit {
        id: String,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        description: Option<String>,
        #[arg(long)]
        cost: Option<String>,
        #[command(flatten)]
        terms: Terms,
        #[command(flatten)]
        auth: Auth,
    },
    /// Approve, as the second worker or as the independent third.
    Approve {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        bond: bool,
        #[command(flatten)]
        judged: Judged,
        #[command(flatten)]
        auth: Auth,
    },
    /// Reject, with the reason.
    Reject(Reasoned),
    /// Request review by an independent third.
    Review(Reasoned),
    /// Mark as carried out.
    Done {
        id: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        cost: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// Evaluate a carried-out intervention: what it did, for which life domains.
    Evaluate {
        id: String,
        #[arg(long)]
        text: String,
        #[arg(long = "domain")]
        domains: Vec<String>,
        #[command(flatten)]
        auth: Auth,
    },
    /// One intervention: its state, whom it waits for, and its history.
    Show(Shown),
    /// The interventions, one a line: id, case, state, cost and title.
    List {
        #[arg(long)]
        waiting_for_me: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        auth: Auth,
    },
}

pub fn run(cmd: InterventionCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let book = open_book(&store, lang)?;
    let now = Utc::now();
    let act = |auth: &Auth, id: &str, act: Act| -> Result<(), Failure> {
        let s = unlock(&book, &store, auth, ctx)?;
        book.act(&s, id, act, now).map_err(|e| fail(&e, lang))
    };
    match cmd {
        InterventionCommand::Propose {
            case,
            title,
            description,
            cost,
            terms: Terms { domains: ds, bond },
            auth,
        } => {
            let (cost, ds) = (cents(&cost, lang)?, domains(&ds, lang)?);
            let s = unlock(&book, &store, &auth, ctx)?;
            let id = book
                .propose(&s, &case, &title, &description, cost, &ds, bond, now)
                .map_err(|e| fail(&e, lang))?;
            print(&format!("{id}\n"));
        }
        InterventionCommand::Edit {
            id,
            title,
            description,
            cost,
            terms: Terms { domains: ds, bond },
            auth,
        } => {
            let cost = cost.map(|c| cents(&c, lang)).transpose()?;
            let ds = if ds.is_empty() {
                None
            } else {
                Some(domains(&ds, lang)?)
            };
            act(
                &auth,
                &id,
                Act::Edit {
                    title,
                    description,
                    cost_cents: cost,
                    domains: ds,
                    bond,
                },
            )?;
        }
        InterventionCommand::Approve {
            id,
            reason,
            bond,
            judged: Judged { revision },
            auth,
        } => act(
            &auth,
            &id,
            Act::Approve {
                reason,
                bond,
                revision,
            },
        )?,
        InterventionCommand::Reject(Reasoned {
            id,
            reason,
            judged: Judged { revision },
            auth,
        }) => act(&auth, &id, Act::Reject { reason, revision })?,
        InterventionCommand::Review(Reasoned {
            id,
            reason,
            judged: Judged { revision },
            auth,
        }) => act(&auth, &id, Act::RequestReview { reason, revision })?,
        InterventionCommand::Done {
            id,
            date,
            cost,
            auth,
        } => {
            let d = NaiveDate::parse_from_str(&date, "%Y-%m-%d")
                .map_err(|_| Failure::usage(text::bad_date_arg(&date, lang)))?;
            act(
                &auth,
                &id,
                Act::CarriedOut {
                    date: d,
                    cost_cents: cents(&cost, lang)?,
                },
            )?;
        }
        InterventionCommand::Evaluate {
            id,
            text: t,
            domains: ds,
            auth,
        } => {
            let ds = domains(&ds, lang)?;
            act(
                &auth,
                &id,
                Act::Evaluate {
                    text: t,
                    domains: ds,
                },
            )?;
        }
        InterventionCommand::Show(Shown { id, json, auth }) => {
            let s = unlock(&book, &store, &auth, ctx)?;
            let (case, i) = book
                .find_intervention(&s, &id)
                .map_err(|e| fail(&e, lang))?;
            let item = &case.interventions[i];
            let out = book.with_rules(|rules| {
                if json {
                    format!("{}\n", intervention_json(&case.id, item, rules))
                } else {
                    report::intervention_text(&case.id, item, rules, lang)
                }
            });
            print(&out);
        }
        InterventionCommand::List {
            waiting_for_me,
            json,
            auth,
        } => {
            let s = unlock(&book, &store, &auth, ctx)?;
            let list = book.case_list(&s).map_err(|e| fail(&e, lang))?;
            let mine: Vec<_> = list
                .interventions()
                .into_iter()
                .filter(|(_, i)| !waiting_for_me || book.waits_for(&s, i))
                .collect();
            let out = book.with_rules(|rules| {
                if json {
                    let list: Vec<Value> = mine
                        .iter()
                        .map(|(c, i)| intervention_json(c, i, rules))
                        .collect();
                    format!("{}\n", Value::Array(list))
                } else {
                    mine.iter()
                        .map(|(c, i)| {
                            let st = i.status(rules);
                            format!(
                                "{}\t{c}\t{}\t{}\t{}\n",
                                i.id,
                                st.state.id(),
                                euros(i.cost_cents),
                                i.title
                            )
                        })
                        .collect()
                }
            });
            print(&out);
            super::damaged(&list.damaged, lang)?;
        }
    }
    Ok(())
}

/// The fields the contract names, plus the rest of what a script may need.
pub fn intervention_json(case: &str, i: &Intervention, rules: &Rules) -> Value {
    let st = i.status(rules);
    let history: Vec<Value> = i
        .steps
        .iter()
        .map(|s| {
            let (kind, revision, approve) = match &s.event {
                rule::Event::Proposed { .. } | rule::Event::ProposedUnder { .. } => ("proposed", Some(1), None),
                rule::Event::Edited { .. } | rule::Event::EditedUnder { .. } => ("edited", None, None),
                rule::Event::Verdict { revision, approve, .. } => ("verdict", Some(*revision), Some(*approve)),
                rule::Event::ReviewRequested { revision, .. } => ("review-requested", Some(*revision), None),
                rule::Event::CarriedOut { .. } => ("carried-out", None, None),
                rule::Event::Evaluated { .. } => ("evaluated", None, None),
            };
            json!({"at": s.at.to_rfc3339(), "by": s.event.by(), "event": kind, "revision": revision, "approve": approve, "text": s.text})
        })
        .collect();
    json!({
        "id": i.id,
        "case": case,
        "title": i.title,
        "description": i.description,
        "domains": i.domains.iter().map(|d| d.id()).collect::<Vec<_>>(),
        "revision": st.revision,
        "cost": i.cost_cents,
        "state": st.state.id(),
        "waiting_for": st.waiting_for.iter().map(|r| r.id()).collect::<Vec<_>>(),
        "proposer": i.proposer,
        "co_decider": st.co_decider.as_ref().map(|(w, _)| w),
        "independent_third": st.third.as_ref().map(|(w, _)| w),
        "review_required": st.review_required,
        "review_requested": st.review_requested,
        "history": history,
    })
}
