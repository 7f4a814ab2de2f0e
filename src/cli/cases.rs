//! `worker`, `case`, `intervention`, `log` and `budget`: case work from the
//! command line. Every command acts as one worker (`--as`, default the
//! laptop's) and needs that worker's passphrase, from the terminal or, with
//! `--passphrase-stdin`, one line per passphrase on standard input.

use super::{Context, Failure, print};
use crate::cases::book::{Act, CaseBook, CaseError, Enrolled, Session};
use crate::cases::model::{Case, Intervention, euros, parse_euros};
use crate::cases::rule::Rules;
use crate::cases::{bsn, report, rule};
use crate::map::domain::LifeDomain;
use crate::map::edit::Worker;
use crate::store::Store;
use crate::text::{self, C, Lang, Say, say};
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand};
use serde_json::{Value, json};
use std::fmt::Write;
use std::io::BufRead;
use zeroize::Zeroize;

/// Who acts, and where the passphrase comes from.
#[derive(Debug, Args)]
pub struct Auth {
    /// The worker who acts (default: this laptop's worker).
    #[arg(long = "as", value_name = "WORKER")]
    pub as_worker: Option<String>,
    /// Read passphrases from standard input, one per line.
    #[arg(long)]
    pub passphrase_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum WorkerCommand {
    /// Enrol a worker with a passphrase (asks an enrolled worker's passphrase first).
    Add {
        #[arg(long)]
        id: String,
        #[arg(long)]
        name: String,
        #[arg(long = "org", default_value = "")]
        organisation: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// The enrolled workers.
    List,
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a case; prints its id.
    New {
        #[arg(long)]
        label: String,
        #[arg(long, default_value = "")]
        area: String,
        #[command(flatten)]
        auth: Auth,
    },
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        auth: Auth,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        auth: Auth,
    },
    /// Add a note, touching life domains and referring to social-map entries.
    Note {
        id: String,
        #[arg(long)]
        text: String,
        #[arg(long = "domain")]
        domains: Vec<String>,
        #[arg(long = "refer")]
        refers: Vec<String>,
        #[command(flatten)]
        auth: Auth,
    },
    /// Replace a BSN-like number in a note by asterisks.
    Redact {
        id: String,
        #[arg(long)]
        note: usize,
        #[command(flatten)]
        auth: Auth,
    },
    /// Score a life domain, 1 (acute problems) to 5 (fully self-sufficient).
    Score {
        id: String,
        #[arg(long)]
        domain: String,
        #[arg(long)]
        score: u8,
        #[command(flatten)]
        auth: Auth,
    },
    /// The client's referral slip (plain text).
    Slip {
        id: String,
        #[command(flatten)]
        auth: Auth,
    },
    /// Erase a case (right to erasure).
    Erase {
        id: String,
        #[arg(long, required = true)]
        yes: bool,
        #[command(flatten)]
        auth: Auth,
    },
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
        #[arg(long = "domain")]
        domains: Vec<String>,
        /// Declare a personal bond or conflict of interest.
        #[arg(long)]
        bond: bool,
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
        #[arg(long = "domain")]
        domains: Vec<String>,
        #[arg(long)]
        bond: bool,
        #[command(flatten)]
        auth: Auth,
    },
    Approve {
        id: String,
        #[arg(long, default_value = "")]
        reason: String,
        #[arg(long)]
        bond: bool,
        /// The revision you judged; refused when it is no longer the current one.
        #[arg(long)]
        revision: Option<u32>,
        #[command(flatten)]
        auth: Auth,
    },
    Reject {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        revision: Option<u32>,
        #[command(flatten)]
        auth: Auth,
    },
    /// Request review by an independent third.
    Review {
        id: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        revision: Option<u32>,
        #[command(flatten)]
        auth: Auth,
    },
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
    Evaluate {
        id: String,
        #[arg(long)]
        text: String,
        #[arg(long = "domain")]
        domains: Vec<String>,
        #[command(flatten)]
        auth: Auth,
    },
    Show {
        id: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        auth: Auth,
    },
    List {
        #[arg(long)]
        waiting_for_me: bool,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        auth: Auth,
    },
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Check the hash chain; exit 0 when it is whole.
    Verify {
        #[command(flatten)]
        auth: Auth,
    },
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// Lock the case screens after this many idle minutes (default 5).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=240))]
    pub lock_minutes: Option<u64>,
}

/// `wijkkaart settings`: the idle lock of the case screens.
pub fn settings(args: SettingsArgs, ctx: &Context) -> Result<(), Failure> {
    let store = ctx.open_store()?;
    if let Some(minutes) = args.lock_minutes {
        store
            .set_setting_u64("lock_minutes", minutes)
            .map_err(|e| ctx.store_failure(&e))?;
    }
    let minutes = store
        .setting_u64("lock_minutes")
        .map_err(|e| ctx.store_failure(&e))?
        .unwrap_or(5);
    print(&format!("lock-minutes = {minutes}\n"));
    Ok(())
}

#[derive(Debug, Args)]
pub struct BudgetArgs {
    /// A new limit in euros.
    #[arg(long)]
    pub set: Option<String>,
    #[command(flatten)]
    pub auth: Auth,
}

/// Passphrases from the terminal (no echo) or from standard input.
struct Passphrases {
    stdin: Option<std::io::StdinLock<'static>>,
    lang: Lang,
}

impl Passphrases {
    fn new(auth: &Auth, lang: Lang) -> Passphrases {
        Passphrases {
            stdin: auth.passphrase_stdin.then(|| std::io::stdin().lock()),
            lang,
        }
    }

    fn read(&mut self, worker: &str) -> Result<String, Failure> {
        let mut line = String::new();
        match &mut self.stdin {
            Some(stdin) => {
                stdin
                    .read_line(&mut line)
                    .map_err(|e| Failure::error(e.to_string()))?;
                let pass = line.trim_end_matches(['\n', '\r']).to_string();
                line.zeroize();
                Ok(pass)
            }
            None => rpassword::prompt_password(text::passphrase_prompt(worker, self.lang))
                .map_err(|e| Failure::error(text::terminal_error(&e.to_string(), self.lang))),
        }
    }
}

fn fail(e: &CaseError, lang: Lang) -> Failure {
    Failure::error(text::case_error(e, lang))
}

/// The acting worker's id: `--as`, or the laptop's worker.
fn acting(store: &Store, auth: &Auth, ctx: &Context) -> Result<String, Failure> {
    match &auth.as_worker {
        Some(w) => Ok(w.clone()),
        None => store
            .worker()
            .map_err(|e| ctx.store_failure(&e))?
            .map(|w| w.id)
            .ok_or_else(|| Failure::error(say(&Say::NoIdentity, ctx.lang))),
    }
}

fn unlock(book: &CaseBook, store: &Store, auth: &Auth, ctx: &Context) -> Result<Session, Failure> {
    let worker = acting(store, auth, ctx)?;
    if book.worker(&worker).is_none() {
        return Err(fail(&CaseError::NotEnrolled(worker), ctx.lang));
    }
    let mut pass = Passphrases::new(auth, ctx.lang).read(&worker)?;
    let session = book.unlock(&worker, &pass).map_err(|e| fail(&e, ctx.lang));
    pass.zeroize();
    session
}

fn domains(ids: &[String], lang: Lang) -> Result<Vec<LifeDomain>, Failure> {
    super::parse_domains(ids, lang)
}

fn cents(text: &str, lang: Lang) -> Result<u64, Failure> {
    parse_euros(text).ok_or_else(|| Failure::usage(text::bad_euros(text, lang)))
}

pub fn worker(cmd: WorkerCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let mut book = CaseBook::open(&store).map_err(|e| fail(&e, lang))?;
    match cmd {
        WorkerCommand::List => {
            let mut out = String::new();
            for w in book.workers() {
                let _ = writeln!(out, "{}\t{}\t{}", w.id, w.name, w.organisation);
            }
            print(&out);
            Ok(())
        }
        WorkerCommand::Add {
            id,
            name,
            organisation,
            auth,
        } => {
            let new = Worker::new(&id, &name, &organisation)
                .map_err(|_| Failure::usage(say(&Say::BadWorkerId(id.clone()), lang)))?;
            let mut passes = Passphrases::new(&auth, lang);
            let session = if book.workers().is_empty() {
                None
            } else {
                let by = acting(&store, &auth, ctx)?;
                if book.worker(&by).is_none() {
                    return Err(fail(&CaseError::NotEnrolled(by), lang));
                }
                let mut pass = passes.read(&by)?;
                let s = book.unlock(&by, &pass).map_err(|e| fail(&e, lang));
                pass.zeroize();
                Some(s?)
            };
            let mut pass = passes.read(&new.id)?;
            let enrolled = Enrolled {
                id: new.id.clone(),
                name: new.name.clone(),
                organisation: new.organisation.clone(),
            };
            let result = book.enrol(&enrolled, &pass, session.as_ref());
            pass.zeroize();
            result.map_err(|e| fail(&e, lang))?;
            print(&format!("{} {}\n", new.id, C::Enrolled.get(lang)));
            Ok(())
        }
    }
}

pub fn case(cmd: CaseCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let mut book = CaseBook::open(&store).map_err(|e| fail(&e, lang))?;
    let now = Utc::now();
    match cmd {
        CaseCommand::New { label, area, auth } => {
            if bsn::contains(&label) {
                return Err(fail(&CaseError::BsnInLabel, lang));
            }
            let s = unlock(&book, &store, &auth, ctx)?;
            let id = book
                .new_case(&s, &label, &area, now)
                .map_err(|e| fail(&e, lang))?;
            print(&format!("{id}\n"));
        }
        CaseCommand::List { json, auth } => {
            let s = unlock(&book, &store, &auth, ctx)?;
            let list = book.case_list(&s).map_err(|e| fail(&e, lang))?;
            let cases = &list.cases;
            let out = if json {
                let list: Vec<Value> = cases
                    .iter()
                    .map(|c| json!({"id": c.id, "label": c.label, "area": c.area, "created": c.created.to_rfc3339(), "notes": c.notes.len(), "interventions": c.interventions.len()}))
                    .collect();
                format!("{}\n", Value::Array(list))
            } else {
                cases
                    .iter()
                    .map(|c| format!("{}\t{}\t{}\t{}\n", c.id, c.label, c.area, c.notes.len()))
                    .collect()
            };
            print(&out);
            damaged(&list.damaged, lang)?;
        }
        CaseCommand::Show { id, json, auth } => {
            let s = unlock(&book, &store, &auth, ctx)?;
            let c = book.case(&s, &id).map_err(|e| fail(&e, lang))?;
            let out = if json {
                format!("{}\n", case_json(&c, &book))
            } else {
                book.with_rules(|rules| report::case_text(&c, rules, lang))
            };
            print(&out);
        }
        CaseCommand::Note {
            id,
            text: note,
            domains: ds,
            refers,
            auth,
        } => {
            let ds = domains(&ds, lang)?;
            for r in &refers {
                if store
                    .record(r)
                    .map_err(|e| ctx.store_failure(&e))?
                    .is_none_or(|rec| rec.is_deleted())
                {
                    return Err(Failure::error(text::unknown_id(r, lang)));
                }
            }
            let s = unlock(&book, &store, &auth, ctx)?;
            let n = book
                .add_note(&s, &id, &note, &ds, &refers, now)
                .map_err(|e| fail(&e, lang))?;
            if bsn::contains(&note) {
                eprintln!("{}", text::bsn_in_note(&id, n, lang));
            }
        }
        CaseCommand::Redact { id, note, auth } => {
            let s = unlock(&book, &store, &auth, ctx)?;
            book.redact_note(&s, &id, note)
                .map_err(|e| fail(&e, lang))?;
        }
        CaseCommand::Score {
            id,
            domain,
            score,
            auth,
        } => {
            let d = domains(std::slice::from_ref(&domain), lang)?[0];
            if !(1..=5).contains(&score) {
                return Err(Failure::usage(text::case_error(&CaseError::BadScore, lang)));
            }
            let s = unlock(&book, &store, &auth, ctx)?;
            book.set_score(&s, &id, d, score, now)
                .map_err(|e| fail(&e, lang))?;
        }
        CaseCommand::Slip { id, auth } => {
            let s = unlock(&book, &store, &auth, ctx)?;
            let c = book.case(&s, &id).map_err(|e| fail(&e, lang))?;
            print(&report::slip(&c, &store));
        }
        CaseCommand::Erase { id, auth, .. } => {
            let s = unlock(&book, &store, &auth, ctx)?;
            book.erase(&s, &id, now).map_err(|e| fail(&e, lang))?;
            print(&format!("{}: {id}\n", C::Erased.get(lang)));
        }
    }
    Ok(())
}

pub fn intervention(cmd: InterventionCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let book = CaseBook::open(&store).map_err(|e| fail(&e, lang))?;
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
            domains: ds,
            bond,
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
            domains: ds,
            bond,
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
            revision,
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
        InterventionCommand::Reject {
            id,
            reason,
            revision,
            auth,
        } => act(&auth, &id, Act::Reject { reason, revision })?,
        InterventionCommand::Review {
            id,
            reason,
            revision,
            auth,
        } => act(&auth, &id, Act::RequestReview { reason, revision })?,
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
        InterventionCommand::Show { id, json, auth } => {
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
            damaged(&list.damaged, lang)?;
        }
    }
    Ok(())
}

/// After a list of what could be read: one line per damaged case, exit 1,
/// so neither a person nor a script takes the list for all there is.
fn damaged(errors: &[CaseError], lang: Lang) -> Result<(), Failure> {
    if errors.is_empty() {
        return Ok(());
    }
    Err(Failure::errors(
        errors.iter().map(|e| text::case_error(e, lang)).collect(),
    ))
}

pub fn log(cmd: LogCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let LogCommand::Verify { auth } = cmd;
    let store = ctx.open_store()?;
    let book = CaseBook::open(&store).map_err(|e| fail(&e, lang))?;
    let s = unlock(&book, &store, &auth, ctx)?;
    match book.verify_log(&s).map_err(|e| fail(&e, lang))? {
        None => {
            print(&format!("{}\n", C::ChainWhole.get(lang)));
            Ok(())
        }
        Some(problem) => Err(Failure::error(text::log_problem(&problem, lang))),
    }
}

pub fn budget(args: BudgetArgs, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let book = CaseBook::open(&store).map_err(|e| fail(&e, lang))?;
    let limit = args.set.as_deref().map(|v| cents(v, lang)).transpose()?;
    let s = unlock(&book, &store, &args.auth, ctx)?;
    if let Some(limit) = limit {
        book.set_budget_cents(limit).map_err(|e| fail(&e, lang))?;
    }
    let totals = book
        .totals(&s, chrono::Local::now().date_naive())
        .map_err(|e| fail(&e, lang))?;
    print(&format!(
        "{}: {}\n{}: {}\n{}: {}\n",
        C::Budget.get(lang),
        euros(book.budget_cents()),
        C::ApprovedThisYear.get(lang),
        euros(totals.approved_cents),
        C::SpentThisYear.get(lang),
        euros(totals.spent_cents)
    ));
    Ok(())
}

fn case_json(c: &Case, book: &CaseBook) -> Value {
    let picture: Vec<Value> = LifeDomain::ALL
        .iter()
        .zip(c.picture())
        .map(|(d, (now, before))| json!({"domain": d.id(), "score": now, "previous": before, "touched": c.touches(*d)}))
        .collect();
    let interventions: Vec<Value> = book.with_rules(|rules| {
        c.interventions
            .iter()
            .map(|i| intervention_json(&c.id, i, rules))
            .collect()
    });
    json!({
        "id": c.id,
        "label": c.label,
        "area": c.area,
        "created": c.created.to_rfc3339(),
        "created_by": c.created_by,
        "picture": picture,
        "notes": c.notes.iter().map(|n| json!({
            "at": n.at.to_rfc3339(), "author": n.author, "text": n.text,
            "domains": n.domains.iter().map(|d| d.id()).collect::<Vec<_>>(),
            "refers": n.refers, "possible_bsn": bsn::contains(&n.text),
        })).collect::<Vec<_>>(),
        "scores": c.scores.iter().map(|s| json!({"at": s.at.to_rfc3339(), "by": s.by, "domain": s.domain.id(), "score": s.score})).collect::<Vec<_>>(),
        "interventions": interventions,
    })
}

/// The fields the contract names, plus the rest of what a script may need.
pub fn intervention_json(case: &str, i: &Intervention, rules: &Rules) -> Value {
    let st = i.status(rules);
    let history: Vec<Value> = i
        .steps
        .iter()
        .map(|s| {
            let (kind, revision, approve) = match &s.event {
                rule::Event::Proposed { .. } => ("proposed", Some(1), None),
                rule::Event::Edited { .. } => ("edited", None, None),
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
        "cost": i.cost_cents as f64 / 100.0,
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
