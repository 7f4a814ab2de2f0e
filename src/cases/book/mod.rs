//! The case book: encrypted cases in the data dir, the decision log, and the
//! sessions of workers who unlocked them with their passphrase.
//!
//! Every change checks first (passphrase, the rule, BSN) and writes nothing
//! when refused; a change and its log record are written in one transaction
//! and flushed before the caller reports success.

mod chain;
mod interventions;
mod rekey;
mod restore;
mod swap;
mod workers;

use swap::Commit;

pub use restore::PreparedRestore;

pub use interventions::{Act, Totals};

use super::audit::{self, Anchor, ClearWhole, LogProblem, SealRead};
use super::bsn;
pub use super::error::{CaseError, Missing};
use super::log::{LogEvent, LogRecord, Seal};
use super::model::{Case, Intervention, Note, Score, Step};
use super::rule::{self, Event, Rules};
use super::stored;
use super::vault::{Key, Vault, VaultError, Vouch, VouchKind};
use crate::map::domain::LifeDomain;
use crate::store::Store;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sha2::{Digest, Sha256};
use sled::Transactional;

/// The emergency budget when none is set: € 500.
pub const DEFAULT_BUDGET_CENTS: u64 = 50_000;

/// The cases that open, and the ids of those that do not: one damaged case
/// never hides the others, and is never left out in silence.
#[derive(Debug, Default)]
pub struct CaseList {
    /// Newest first.
    pub cases: Vec<Case>,
    /// Why each other case cannot be read (each error names its id), in id order.
    pub damaged: Vec<CaseError>,
}

impl CaseList {
    /// Every intervention of the readable cases, with its case id.
    pub fn interventions(&self) -> Vec<(String, Intervention)> {
        self.cases
            .iter()
            .flat_map(|c| c.interventions.iter().map(|i| (c.id.clone(), i.clone())))
            .collect()
    }

    /// All cases, or the first damage when there is any.
    pub fn all(self) -> Result<Vec<Case>, CaseError> {
        match self.damaged.into_iter().next() {
            Some(e) => Err(e),
            None => Ok(self.cases),
        }
    }
}

/// An enrolled worker as others see them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Enrolled {
    pub id: String,
    pub name: String,
    pub organisation: String,
}

/// An enrolled worker with who vouched for them and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Roll {
    pub worker: Enrolled,
    pub vouches: Vec<Vouch>,
}

/// A worker who unlocked the case data with their passphrase.
pub struct Session {
    pub worker: Enrolled,
    key: Key,
}

pub struct CaseBook<'s> {
    store: &'s Store,
    vault: Vault,
    cases: sled::Tree,
    log: sled::Tree,
    /// Erasures on record whose case key may still be in the vault: the ids
    /// (content-free) of cases whose erasure is finished on the next open.
    erasing: sled::Tree,
    /// The log's seal (`SEAL_KEY`), written with every log record.
    seal: sled::Tree,
    /// Set (`SEAL_KEY`) in the transaction of a change that takes a new
    /// vault.bin with it, cleared once vault.next is in place (`swap.rs`).
    swapping: sled::Tree,
    /// The store's settings, for the decided ones (`budget_cents`,
    /// `lock_minutes`), written in the transaction of their records.
    meta: sled::Tree,
}

/// Where the log's seal is kept in its tree.
const SEAL_KEY: &[u8] = b"log";
/// Where the log's clear anchor (`audit::Anchor`) is kept, in the seal's tree.
const ANCHOR_KEY: &[u8] = b"anchor";

/// A record of no case: actor, subject (a worker's id, or empty), event,
/// content hash.
type Plain<'a> = (&'a str, &'a str, LogEvent, [u8; 32]);

/// A log record ready to be written, with the seal that goes with it.
struct NextRecord {
    seq: u64,
    record: Vec<u8>,
    seal: Vec<u8>,
    /// The clear anchor after this record (`Anchor::to_bytes`).
    anchor: Vec<u8>,
}

fn transaction_error(e: sled::transaction::TransactionError<()>) -> CaseError {
    match e {
        sled::transaction::TransactionError::Storage(e) => CaseError::from(e),
        sled::transaction::TransactionError::Abort(()) => CaseError::Corrupt,
    }
}

/// Each worker's id and record digest, as the seal holds them.
fn roster_of(slots: &[super::vault::Slot]) -> Vec<(String, [u8; 32])> {
    slots
        .iter()
        .map(|s| (s.worker.clone(), s.digest()))
        .collect()
}

/// The number of a log record from its key.
fn log_seq(key: &[u8]) -> Result<u64, CaseError> {
    <[u8; 8]>::try_from(key)
        .map(u64::from_be_bytes)
        .map_err(|_| CaseError::Corrupt)
}

impl<'s> CaseBook<'s> {
    /// Opens the case data of a store, rewrites a vault of the first format
    /// in the current one, and finishes any erasure a crash interrupted (its
    /// record is in the log, its key still in the vault).
    pub fn open(store: &'s Store) -> Result<CaseBook<'s>, CaseError> {
        let mut book = CaseBook {
            vault: Vault::open(store.dir())?,
            cases: store.tree("cases")?,
            log: store.tree("log")?,
            erasing: store.tree("erasing")?,
            seal: store.tree("seal")?,
            // Named for the first change that used it, a removal.
            swapping: store.tree("rekeying")?,
            meta: store.tree("meta")?,
            store,
        };
        // First: a vault.bin whose records are in (a first enrolment's too).
        book.finish_swap()?;
        // Without its vault the case data cannot be read, and a new first
        // worker would make a new data key: say so instead.
        if book.vault.is_new() && !(book.cases.is_empty() && book.log.is_empty()) {
            return Err(CaseError::VaultMissing);
        }
        book.vault.upgrade()?;
        book.finish_erasures()?;
        Ok(book)
    }

    /// Destroys the key of every case whose erasure is on record, then
    /// forgets the marker. Safe to repeat at any point.
    fn finish_erasures(&mut self) -> Result<(), CaseError> {
        let pending: Vec<sled::IVec> = self.erasing.iter().keys().collect::<Result<_, _>>()?;
        if pending.is_empty() {
            return Ok(());
        }
        for id in &pending {
            self.vault.destroy_case_key(&String::from_utf8_lossy(id))?;
        }
        // The case also leaves every backup in the data dir, before the mark
        // goes: a crash in between is finished on the next open.
        for id in &pending {
            self.store
                .erase_case_from_backups(&String::from_utf8_lossy(id))?;
        }
        for id in pending {
            self.erasing.remove(id)?;
        }
        self.store.flush()?;
        Ok(())
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

    /// Checks a worker's passphrase and opens a session. Refused while case
    /// data put back after damage awaits two workers (`restore_unconfirmed`).
    pub fn unlock(&self, worker: &str, passphrase: &str) -> Result<Session, CaseError> {
        if self.restore_unconfirmed()?.is_some() {
            return Err(CaseError::RestoreUnconfirmed);
        }
        self.unlock_any(worker, passphrase)
    }

    fn unlock_any(&self, worker: &str, passphrase: &str) -> Result<Session, CaseError> {
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

    /// What is wrong at the end of the log or with the worker records, as
    /// found cheaply on unlocking (`verify_log` checks everything).
    pub fn check_on_unlock(&self, s: &Session) -> Result<Option<LogProblem>, CaseError> {
        match self.checked_last_record(s) {
            Ok(_) => Ok(None),
            Err(CaseError::Log(problem)) => Ok(Some(problem)),
            Err(e) => Err(e),
        }
    }

    /// Each enrolled worker's id and record digest, as vault.bin holds them.
    fn roster(&self) -> Vec<(String, [u8; 32])> {
        roster_of(self.vault.slots())
    }

    /// The emergency budget limit, for showing it. A decision reads it with
    /// `stored_budget_cents`, which fails instead of assuming the default.
    pub fn budget_cents(&self) -> u64 {
        self.stored_budget_cents().unwrap_or(DEFAULT_BUDGET_CENTS)
    }

    fn stored_budget_cents(&self) -> Result<u64, CaseError> {
        Ok(self
            .store
            .setting_u64("budget_cents")?
            .unwrap_or(DEFAULT_BUDGET_CENTS))
    }

    /// Sets the budget limit: a decision of two workers of different
    /// organisations (`s` and `with`, each unlocked with their passphrase),
    /// logged as two records in one transaction before the setting changes.
    /// Never retroactive: each revision keeps the limit it was made under.
    pub fn set_budget_cents(
        &self,
        s: &Session,
        with: &Session,
        cents: u64,
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        if with.worker.id == s.worker.id {
            return Err(CaseError::PolicyAlone);
        }
        let org = |w: &Enrolled| w.organisation.trim().to_lowercase();
        if org(&s.worker).is_empty() || org(&s.worker) == org(&with.worker) {
            return Err(CaseError::PolicySameOrganisation);
        }
        let cents32 = u32::try_from(cents).map_err(|_| CaseError::LimitTooLarge)?;
        let records = self.next_log_records(
            s,
            &[
                (
                    &s.worker.id,
                    "",
                    LogEvent::BudgetSet { cents: cents32 },
                    [0; 32],
                ),
                (
                    &with.worker.id,
                    "",
                    LogEvent::BudgetAgreed { cents: cents32 },
                    [0; 32],
                ),
            ],
            now,
        )?;
        self.commit_trees(Commit {
            records: &records,
            settings: vec![("budget_cents", cents)],
            ..Commit::default()
        })
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
            return Err(CaseError::Missing(Missing::Label));
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
            .case_key(id, &s.key)?
            .ok_or_else(|| CaseError::UnknownCase(id.to_string()))
    }

    /// Writes a whole case as given, without a log record: for restoring a
    /// worker's own backup and for load tests. The case must have a key.
    #[doc(hidden)]
    pub fn put_case(&self, s: &Session, case: &Case) -> Result<(), CaseError> {
        self.write(s, case, None)
    }

    /// Every case this laptop holds (erased ones are gone), newest first,
    /// or the first damaged one. `case_list` gives the readable cases and
    /// names the damaged ones instead.
    pub fn cases(&self, s: &Session) -> Result<Vec<Case>, CaseError> {
        self.case_list(s)?.all()
    }

    /// The readable cases, newest first, and each damaged case by id. Fails
    /// only when the store itself cannot be read.
    pub fn case_list(&self, s: &Session) -> Result<CaseList, CaseError> {
        let mut list = CaseList::default();
        for item in self.cases.iter() {
            let (key, value) = item?;
            let id = String::from_utf8_lossy(&key).into_owned();
            match self.vault.case_key(&id, &s.key) {
                // Erasing removes the record before the key; a record
                // without one is named, never left out in silence.
                Ok(None) => list.damaged.push(CaseError::KeyMissing(id)),
                Ok(Some(case_key)) => match stored::open_case(&case_key, &id, &value) {
                    Ok(case) => list.cases.push(case),
                    Err(e) => list.damaged.push(CaseError::case_value(&id, e)),
                },
                Err(VaultError::CaseKeyDamaged(_)) => {
                    list.damaged.push(CaseError::CaseDamaged(id));
                }
                Err(e) => return Err(e.into()),
            }
        }
        list.cases
            .sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
        Ok(list)
    }

    pub fn case(&self, s: &Session, id: &str) -> Result<Case, CaseError> {
        let bytes = self.cases.get(id)?;
        let key = self.vault.case_key(id, &s.key)?;
        match (bytes, key) {
            (Some(bytes), Some(key)) => {
                stored::open_case(&key, id, &bytes).map_err(|e| CaseError::case_value(id, e))
            }
            (Some(_), None) => Err(CaseError::KeyMissing(id.to_string())),
            (None, _) => Err(CaseError::UnknownCase(id.to_string())),
        }
    }

    /// Writes a case, and a log record if given, in one transaction; flushed.
    fn write(
        &self,
        s: &Session,
        case: &Case,
        log: Option<(&str, LogEvent, DateTime<Utc>)>,
    ) -> Result<(), CaseError> {
        let key = self.case_key(s, &case.id)?;
        let blob = stored::seal_case(&key, case)?;
        let records = match log {
            Some((intervention, event, at)) => {
                let content = Sha256::digest(&blob).into();
                vec![self.next_log_record(s, &case.id, intervention, event, at, content)?]
            }
            None => Vec::new(),
        };
        self.commit_trees(Commit {
            cases: vec![(case.id.as_bytes().to_vec(), Some(blob))],
            records: &records,
            ..Commit::default()
        })
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
            return Err(CaseError::Missing(Missing::Note));
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
            .ok_or(CaseError::NoSuchNote(note))?;
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

    /// Right to erasure: the case's data goes, the log gets a content-free
    /// record and the case is marked as being erased, all in one
    /// transaction; then its key is destroyed and the mark removed. A crash
    /// after the transaction is finished on the next open (or by a retry);
    /// a crash before it leaves the case as it was. A case whose key is
    /// damaged can be erased too, and so can the leftover of an erasure an
    /// older version left half-done (a record without a key).
    pub fn erase(&mut self, s: &Session, case: &str, now: DateTime<Utc>) -> Result<(), CaseError> {
        let has_record = self.cases.contains_key(case.as_bytes())?;
        if !has_record && !self.vault.has_case_key(case) {
            return Err(CaseError::UnknownCase(case.to_string()));
        }
        if !self.erasing.contains_key(case.as_bytes())? {
            let record = self.next_log_record(s, case, "", LogEvent::CaseErased, now, [0; 32])?;
            let mut vault = self.vault.next();
            vault.destroy_case_key(case);
            self.commit(Commit {
                vault: Some(&vault),
                cases: vec![(case.as_bytes().to_vec(), None)],
                records: &[record],
                erasing: Some(case),
                ..Commit::default()
            })?;
        }
        self.finish_erasures()
    }
}
