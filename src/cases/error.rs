//! Why a case action did not happen: one error type for the case book, with
//! a variant a caller can act on for each thing that can go wrong, damage
//! named by the id of what is damaged (never by anything from a case).

use super::audit::LogProblem;
use super::rule::Refusal;
use super::stored::ValueError;
use super::vault::VaultError;
use crate::store::StoreError;

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
    /// A change of the worker list by one worker (or one worker twice).
    #[error("this takes two enrolled workers")]
    NeedsTwo,
    /// The last enrolled worker cannot be removed: the case data would be lost.
    #[error("the last worker cannot be removed")]
    LastWorker,
    /// A change of a worker's record that changes nothing.
    #[error("nothing to change")]
    NothingChanged,
    /// A remaining worker's key slot is of an older kind: they unlock once first.
    #[error("the key slot of {0} is of an older kind")]
    OldSlot(String),
    /// A backup whose log is not a beginning of this log, or whose keys
    /// do not open with the current data key (from before a re-keying, or
    /// from another laptop): its cases are not put back.
    #[error("the backup is not of this log or key")]
    BackupForeign,
    /// The database was damaged and the case data put back from a backup
    /// without anyone's word: unused until two workers confirm it.
    #[error("the case data restored after damage awaits two workers")]
    RestoreUnconfirmed,
    #[error("unknown case {0}")]
    UnknownCase(String),
    #[error("unknown intervention {0}")]
    UnknownIntervention(String),
    #[error("the label holds a BSN")]
    BsnInLabel,
    /// A text that must be given is empty or blank: which one, so the
    /// refusal can say so.
    #[error("{0:?} is missing")]
    Missing(Missing),
    /// `case redact` names a note the case does not have.
    #[error("note {0} does not exist")]
    NoSuchNote(usize),
    /// A sum of amounts that does not fit: never wrapped round to a small one.
    #[error("a sum of amounts is too large")]
    AmountTooLarge,
    /// A policy change by one worker: it takes two.
    #[error("a policy change takes two workers")]
    PolicyAlone,
    /// The budget limit is changed by two workers of different organisations.
    #[error("the two workers are of one organisation")]
    PolicySameOrganisation,
    /// A budget limit above what the log's fixed record holds (u32 cents).
    #[error("the budget limit is too large")]
    LimitTooLarge,
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
    /// vault.bin is gone while case data is there: restore from a backup.
    #[error("vault.bin is missing")]
    VaultMissing,
    /// vault.bin fails its own checks: restore from a backup.
    #[error("vault.bin is damaged")]
    VaultDamaged,
    #[error("vault.bin was written by a newer wijkkaart")]
    VaultNewer,
    /// This case's record (or its key) is damaged; the other cases are not.
    #[error("case {0} is damaged")]
    CaseDamaged(String),
    #[error("case {0} was written by a newer wijkkaart")]
    CaseNewer(String),
    /// This log record cannot be read, so nothing can be added after it.
    #[error("log record {0} is damaged")]
    LogDamaged(u64),
    #[error("log record {0} was written by a newer wijkkaart")]
    LogNewer(u64),
    /// A case record whose key is gone: an erasure an older version left
    /// half-done (a retry finishes it), or a damaged vault.
    #[error("case {0} has no key")]
    KeyMissing(String),
    /// The log does not match its seal: nothing is added (that would hide it).
    #[error("the decision log is not whole: {0:?}")]
    Log(LogProblem),
}

/// Which text is missing: each has its own line in the interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    /// Shorter than eight characters.
    Passphrase,
    Label,
    Note,
    Title,
    Description,
    RejectionReason,
    ReviewReason,
    Evaluation,
    /// A worker's organisation.
    Organisation,
    /// A worker's name.
    Name,
}

impl From<VaultError> for CaseError {
    fn from(e: VaultError) -> Self {
        match e {
            VaultError::WrongPassphrase => CaseError::WrongPassphrase,
            VaultError::UnknownWorker(w) => CaseError::NotEnrolled(w),
            VaultError::AlreadyEnrolled(w) => CaseError::AlreadyEnrolled(w),
            VaultError::Damaged => CaseError::VaultDamaged,
            VaultError::Newer => CaseError::VaultNewer,
            VaultError::CaseKeyDamaged(id) => CaseError::CaseDamaged(id),
            VaultError::Io { path, source } => CaseError::Store(StoreError::Io { path, source }),
            VaultError::Encrypt => CaseError::Vault("encryption failed".into()),
            VaultError::OldSlot(w) => CaseError::OldSlot(w),
        }
    }
}

impl CaseError {
    pub(super) fn case_value(id: &str, e: ValueError) -> CaseError {
        match e {
            ValueError::Damaged => CaseError::CaseDamaged(id.to_string()),
            ValueError::Newer => CaseError::CaseNewer(id.to_string()),
        }
    }

    pub(super) fn log_value(seq: u64, e: ValueError) -> CaseError {
        match e {
            ValueError::Damaged => CaseError::LogDamaged(seq),
            ValueError::Newer => CaseError::LogNewer(seq),
        }
    }
}

impl From<sled::Error> for CaseError {
    fn from(e: sled::Error) -> Self {
        CaseError::Store(StoreError::Db(e))
    }
}
