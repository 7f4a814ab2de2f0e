//! `wijkkaart case`: opening cases, notes, scores, the complete picture, the
//! referral slip and erasure.

use super::intervention::intervention_json;
use super::{Auth, Shown, domains, fail, open_book, unlock};
use crate::cases::book::{CaseBook, CaseError};
use crate::cases::bsn;
use crate::cases::model::Case;
use crate::cli::{Context, Failure, print};
use crate::map::domain::LifeDomain;
use crate::text::report;
use crate::text::{self, C};
use chrono::Utc;
use clap::Subcommand;
use serde_json::{Value, json};

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
    /// The cases, one a line: id, label, area and number of notes.
    List {
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        auth: Auth,
    },
    /// One case in full: the picture over all life domains, the notes and the interventions.
    Show(Shown),
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

pub fn run(cmd: CaseCommand, ctx: &Context) -> Result<(), Failure> {
    let lang = ctx.lang;
    let store = ctx.open_store()?;
    let mut book = open_book(&store, lang)?;
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
            super::damaged(&list.damaged, lang)?;
        }
        CaseCommand::Show(Shown { id, json, auth }) => {
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
                let line = text::bsn_in_note(&id, n, lang);
                eprintln!("{}", text::terminal::safe_output(&line));
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
