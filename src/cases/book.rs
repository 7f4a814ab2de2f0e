//! The case book: encrypted cases in the data dir, the decision log, and the
//! sessions of workers who unlocked them with their passphrase.
//!
//! Every change checks first (passphrase, the rule, BSN) and writes nothing
//! when refused; a change and its log record are written in one transaction
//! and flushed before the caller reports success.

use super::bsn;
use super::log::{LogEvent, LogRecord, first_broken};
use super::model::{Case, Intervention, Note, Score, Step};
use super::rule::{self, Event, Refusal, Rules};
use super::vault::{Key, Sealed, Vault, VaultError, open, seal};
use crate::map::domain::LifeDomain;
use crate::store::{Store, StoreError};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sled::Transactional;

/// The emergency budget when none is set: € 500.
pub const DEFAULT_BUDGET_CENTS: u64 = 50_000;

/// Why a case action did not happen.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("worker {0} is not enrolled")]
    NotEnrolled(String),
    #[error("no worker is enrolled yet")]
    NoWorkers,
    #[error("worker {0} is already enrolled")]
    AlreadyEnrolled(String),
    #[error("unknown case {0}")]
    UnknownCase(String),
    #[error("unknown intervention {0}")]
    UnknownIntervention(String),
    #[error("the label holds a BSN")]
    BsnInLabel,
    #[error("empty text")]
    Empty,
    #[error("score must be 1 to 5")]
    BadScore,
    #[error("refused by the rule: {0:?}")]
    Refused(Refusal),
    #[error("case data cannot be read")]
    Corrupt,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("vault: {0}")]
    Vault(String),
}

impl From<VaultError> for CaseError {
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::WrongPassphrase => CaseError::WrongPassphrase,
            VaultError::UnknownWorker(w) => CaseError::NotEnrolled(w),
            VaultError::AlreadyEnrolled(w) => CaseError::AlreadyEnrolled(w),
            other => CaseError::Vault(other.to_string()),
        }
    }
}

impl From<sled::Error> for CaseError {
    fn from(e: sled::Error) -> Self {
        CaseError::Store(StoreError::Db(e))
    }
}

/// An enrolled worker as others see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolled {
    pub id: String,
    pub name: String,
    pub organisation: String,
}

/// A worker who unlocked the case data with their passphrase.
pub struct Session {
    pub worker: Enrolled,
    key: Key,
}

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

pub struct CaseBook<'s> {
    store: &'s Store,
    vault: Vault,
    cases: sled::Tree,
    log: sled::Tree,
}

fn transaction_error(e: sled::transaction::TransactionError<()>) -> CaseError {
    match e {
        sled::transaction::TransactionError::Storage(e) => CaseError::from(e),
        sled::transaction::TransactionError::Abort(()) => CaseError::Corrupt,
    }
}

fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    bincode::serde::decode_from_slice(bytes, bincode::config::standard())
        .ok()
        .map(|(v, _)| v)
}

fn encode<T: serde::Serialize>(value: &T) -> Vec<u8> {
    bincode::serde::encode_to_vec(value, bincode::config::standard()).unwrap_or_default()
}

impl<'s> CaseBook<'s> {
    pub fn open(store: &'s Store) -> Result<CaseBook<'s>, CaseError> {
        Ok(CaseBook {
            vault: Vault::open(store.dir())?,
            cases: store.tree("cases")?,
            log: store.tree("log")?,
            store,
        })
    }

    pub fn workers(&self) -> Vec<Enrolled> {
        self.vault
            .slots()
            .iter()
            .map(|s| Enrolled {
                id: s.worker.clone(),
                name: s.name.clone(),
                organisation: s.organisation.clone(),
            })
            .collect()
    }

    pub fn worker(&self, id: &str) -> Option<Enrolled> {
        self.workers().into_iter().find(|w| w.id == id)
    }

    /// Enrols a worker with a passphrase. The first enrolment creates the data
    /// key; later ones need a session of a worker already enrolled.
    pub fn enrol(
        &mut self,
        worker: &Enrolled,
        passphrase: &str,
        by: Option<&Session>,
    ) -> Result<(), CaseError> {
        if !self.vault.slots().is_empty() && by.is_none() {
            return Err(CaseError::NoWorkers);
        }
        if passphrase.chars().count() < 8 {
            return Err(CaseError::Empty);
        }
        self.vault.enrol(
            &worker.id,
            &worker.name,
            &worker.organisation,
            passphrase,
            by.map(|s| &s.key),
        )?;
        Ok(())
    }

    /// Checks a worker's passphrase and opens a session.
    pub fn unlock(&self, worker: &str, passphrase: &str) -> Result<Session, CaseError> {
        if self.vault.slots().is_empty() {
            return Err(CaseError::NoWorkers);
        }
        let enrolled = self
            .worker(worker)
            .ok_or_else(|| CaseError::NotEnrolled(worker.to_string()))?;
        let key = self.vault.unlock(worker, passphrase)?;
        Ok(Session {
            worker: enrolled,
            key,
        })
    }

    pub fn budget_cents(&self) -> u64 {
        self.store
            .setting_u64("budget_cents")
            .ok()
            .flatten()
            .unwrap_or(DEFAULT_BUDGET_CENTS)
    }

    pub fn set_budget_cents(&self, cents: u64) -> Result<(), CaseError> {
        self.store.set_setting_u64("budget_cents", cents)?;
        Ok(())
    }

    fn next_id(&self, prefix: &str) -> Result<String, CaseError> {
        Ok(format!("{prefix}{}", self.store.next_number(prefix)?))
    }

    /// Opens a new case; the label must not hold a BSN.
    pub fn new_case(
        &mut self,
        s: &Session,
        label: &str,
        area: &str,
        now: DateTime<Utc>,
    ) -> Result<String, CaseError> {
        let label = label.trim();
        if label.is_empty() {
            return Err(CaseError::Empty);
        }
        if bsn::contains(label) {
            return Err(CaseError::BsnInLabel);
        }
        let id = self.next_id("c")?;
        self.vault.new_case_key(&id, &s.key)?;
        let case = Case {
            id: id.clone(),
            label: label.to_string(),
            area: area.trim().to_string(),
            created: now,
            created_by: s.worker.id.clone(),
            notes: Vec::new(),
            scores: Vec::new(),
            interventions: Vec::new(),
        };
        self.write(s, &case, None)?;
        Ok(id)
    }

    fn case_key(&self, s: &Session, id: &str) -> Result<Key, CaseError> {
        self.vault
            .case_key(id, &s.key)
            .ok_or_else(|| CaseError::UnknownCase(id.to_string()))
    }

    /// Writes a whole case as given, without a log record: for restoring a
    /// worker's own backup and for load tests. The case must have a key.
    #[doc(hidden)]
    pub fn put_case(&self, s: &Session, case: &Case) -> Result<(), CaseError> {
        self.write(s, case, None)
    }

    /// Every case this laptop holds (erased ones are gone), newest first.
    pub fn cases(&self, s: &Session) -> Result<Vec<Case>, CaseError> {
        let mut out = Vec::new();
        for item in self.cases.iter() {
            let (key, value) = item?;
            let id = String::from_utf8_lossy(&key).into_owned();
            // A case whose key is destroyed was erased; its leftovers cannot be read.
            let Some(case_key) = self.vault.case_key(&id, &s.key) else {
                continue;
            };
            out.push(Self::open_case(&case_key, &id, &value)?);
        }
        out.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
        Ok(out)
    }

    fn open_case(key: &Key, id: &str, bytes: &[u8]) -> Result<Case, CaseError> {
        let sealed: Sealed = decode(bytes).ok_or(CaseError::Corrupt)?;
        let plain = open(key, &sealed, &format!("case:{id}")).ok_or(CaseError::Corrupt)?;
        decode(&plain).ok_or(CaseError::Corrupt)
    }

    pub fn case(&self, s: &Session, id: &str) -> Result<Case, CaseError> {
        let key = self.case_key(s, id)?;
        let bytes = self
            .cases
            .get(id)?
            .ok_or_else(|| CaseError::UnknownCase(id.to_string()))?;
        Self::open_case(&key, id, &bytes)
    }

    /// Writes a case, and a log record if given, in one transaction; flushed.
    fn write(
        &self,
        s: &Session,
        case: &Case,
        log: Option<(&str, LogEvent, DateTime<Utc>)>,
    ) -> Result<(), CaseError> {
        let key = self.case_key(s, &case.id)?;
        let blob = encode(&seal(&key, &encode(case), &format!("case:{}", case.id)));
        let record = match log {
            Some((intervention, event, at)) => {
                Some(self.next_log_record(s, &case.id, intervention, event, at)?)
            }
            None => None,
        };
        (&self.cases, &self.log)
            .transaction(|(cases, log)| {
                cases.insert(case.id.as_bytes(), blob.clone())?;
                if let Some((seq, bytes)) = &record {
                    log.insert(&seq.to_be_bytes(), bytes.clone())?;
                }
                Ok(())
            })
            .map_err(transaction_error)?;
        self.store.flush()?;
        Ok(())
    }

    fn next_log_record(
        &self,
        s: &Session,
        case: &str,
        intervention: &str,
        event: LogEvent,
        at: DateTime<Utc>,
    ) -> Result<(u64, Vec<u8>), CaseError> {
        let (seq, prev) = match self.log.last()? {
            Some((k, v)) => {
                let seq =
                    u64::from_be_bytes(k.as_ref().try_into().map_err(|_| CaseError::Corrupt)?);
                let record = self.open_log(s, seq, &v).ok_or(CaseError::Corrupt)?;
                (seq + 1, record.hash)
            }
            None => (1, [0; 32]),
        };
        let record = LogRecord::new(seq, prev, at, &s.worker.id, case, intervention, event);
        let sealed = seal(&s.key, &encode(&record), &format!("log:{seq}"));
        Ok((seq, encode(&sealed)))
    }

    fn open_log(&self, s: &Session, seq: u64, bytes: &[u8]) -> Option<LogRecord> {
        let sealed: Sealed = decode(bytes)?;
        decode(&open(&s.key, &sealed, &format!("log:{seq}"))?)
    }

    /// The whole log, in order; `None` for a record that cannot be read.
    pub fn log(&self, s: &Session) -> Result<Vec<(u64, Option<LogRecord>)>, CaseError> {
        let mut out = Vec::new();
        for item in self.log.iter() {
            let (k, v) = item?;
            let seq = u64::from_be_bytes(k.as_ref().try_into().map_err(|_| CaseError::Corrupt)?);
            out.push((seq, self.open_log(s, seq, &v)));
        }
        Ok(out)
    }

    /// `None` when the chain is whole, else the first broken record.
    pub fn verify_log(&self, s: &Session) -> Result<Option<u64>, CaseError> {
        Ok(first_broken(&self.log(s)?))
    }

    pub fn add_note(
        &self,
        s: &Session,
        case: &str,
        text: &str,
        domains: &[LifeDomain],
        refers: &[String],
        now: DateTime<Utc>,
    ) -> Result<usize, CaseError> {
        if text.trim().is_empty() && refers.is_empty() {
            return Err(CaseError::Empty);
        }
        let mut c = self.case(s, case)?;
        c.notes.push(Note {
            at: now,
            author: s.worker.id.clone(),
            text: text.trim().to_string(),
            domains: domains.to_vec(),
            refers: refers.to_vec(),
        });
        self.write(s, &c, None)?;
        Ok(c.notes.len())
    }

    /// Replaces BSN-like numbers in a note by asterisks.
    pub fn redact_note(&self, s: &Session, case: &str, note: usize) -> Result<(), CaseError> {
        let mut c = self.case(s, case)?;
        let n = note
            .checked_sub(1)
            .and_then(|i| c.notes.get_mut(i))
            .ok_or(CaseError::Empty)?;
        n.text = bsn::redact(&n.text);
        self.write(s, &c, None)
    }

    pub fn set_score(
        &self,
        s: &Session,
        case: &str,
        domain: LifeDomain,
        score: u8,
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        if !(1..=5).contains(&score) {
            return Err(CaseError::BadScore);
        }
        let mut c = self.case(s, case)?;
        c.scores.push(Score {
            at: now,
            by: s.worker.id.clone(),
            domain,
            score,
        });
        self.write(s, &c, None)
    }

    /// Right to erasure: the case's key is destroyed first, then its data; the
    /// log keeps a content-free record of the erasure.
    pub fn erase(&mut self, s: &Session, case: &str, now: DateTime<Utc>) -> Result<(), CaseError> {
        self.case_key(s, case)?;
        let record = self.next_log_record(s, case, "", LogEvent::CaseErased, now)?;
        self.vault.destroy_case_key(case)?;
        (&self.cases, &self.log)
            .transaction(|(cases, log)| {
                cases.remove(case.as_bytes())?;
                log.insert(&record.0.to_be_bytes(), record.1.clone())?;
                Ok(())
            })
            .map_err(transaction_error)?;
        self.store.flush()?;
        // Issue 8 (store side): the case also leaves every backup in the data dir.
        self.store.erase_case_from_backups(case)?;
        Ok(())
    }

    fn rules<'a>(&'a self, orgs: &'a dyn Fn(&str) -> Option<String>) -> Rules<'a> {
        Rules {
            budget_cents: self.budget_cents(),
            organisation_of: orgs,
        }
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
        if title.trim().is_empty() || description.trim().is_empty() {
            return Err(CaseError::Empty);
        }
        let mut c = self.case(s, case)?;
        let id = self.next_id("i")?;
        let event = Event::Proposed {
            by: s.worker.id.clone(),
            cost_cents,
            bond,
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
    pub fn find_intervention(&self, s: &Session, id: &str) -> Result<(Case, usize), CaseError> {
        for case in self.cases(s)? {
            if let Some(i) = case.interventions.iter().position(|x| x.id == id) {
                return Ok((case, i));
            }
        }
        Err(CaseError::UnknownIntervention(id.to_string()))
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
        let rules = self.rules(&orgs);
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
                    Event::Edited {
                        by,
                        cost_cents: cost,
                        bond: *bond,
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
                    return Err(CaseError::Empty);
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
                    return Err(CaseError::Empty);
                }
                (Event::Evaluated { by }, text.clone(), LogEvent::Evaluated)
            }
        };
        rule::check(&item.events(), &event, &rules).map_err(CaseError::Refused)?;
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
            .flat_map(|c| {
                let id = c.id.clone();
                c.interventions.into_iter().map(move |i| (id.clone(), i))
            })
            .collect())
    }

    /// Runs `f` with the rule's context (budget and organisations).
    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        let orgs = self.organisation_of();
        let rules = self.rules(&orgs);
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
                totals.approved_cents += item.cost_cents;
            }
            if let Some((date, cents)) = item.spent_cents()
                && date.year() == today.year()
            {
                totals.spent_cents += cents;
            }
        }
        Ok(totals)
    }
}
