//! The decision log: every event on record, each record holding the hash of
//! the one before, so a changed or removed record is found. Records carry ids,
//! verdicts and times only, never case content.
//!
//! Since format 2 a record's hash is taken over a fixed byte header (see
//! `LogRecord::header`), which no change of a Rust type or compiler can move,
//! and includes the hash of the case data as stored (encrypted under the case
//! key) in the same transaction, so erasing a case keeps the chain
//! verifiable. Records of format 1 keep their own hash (`legacy_hash`); a
//! chain may start with them and continue in format 2.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The record format written now.
pub const LOG_VERSION: u8 = 2;
/// The first format: bincode of the record, hashed over debug text.
pub const LEGACY_LOG_VERSION: u8 = 1;

/// What happened, without any words from the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogEvent {
    Proposed {
        revision: u32,
    },
    Edited {
        revision: u32,
    },
    Verdict {
        revision: u32,
        approve: bool,
    },
    ReviewRequested {
        revision: u32,
    },
    CarriedOut,
    Evaluated,
    CaseErased,
    /// The budget limit set by the record's actor (kind 8), in cents; a
    /// `BudgetAgreed` by a worker of another organisation follows it in the
    /// same transaction.
    BudgetSet {
        cents: u32,
    },
    /// The second worker's agreement to the `BudgetSet` before it (kind 9).
    BudgetAgreed {
        cents: u32,
    },
    /// A worker enrolled (kind 10): the worker's id is the record's
    /// `intervention` field, its content the digest of their record; the
    /// actor is the first who vouched (the worker themselves for a laptop's
    /// first). An `Agreed` by the second follows in the same transaction.
    WorkerEnrolled,
    /// A worker removed, and the case data re-keyed (kind 11).
    WorkerRemoved,
    /// A worker's name or organisation changed (kind 12).
    WorkerChanged,
    /// The second worker's agreement to the record before it (kind 13).
    Agreed,
    /// The idle lock set to this many minutes (kind 14); an `Agreed` follows.
    LockSet {
        minutes: u32,
    },
    /// The case data put back from a backup (kind 15) whose log ended at
    /// record `from`: the cases are as they were after that record. The
    /// log's length and head before it are the record's own number less
    /// one and its `prev`; its content is the digest of the cases as
    /// restored. An `Agreed` by the second worker follows.
    Restored {
        from: u32,
    },
}

impl LogEvent {
    /// The fixed encoding: kind, revision (0 when none) and verdict (0 none,
    /// 1 approve, 2 reject). Kind numbers are never reused.
    fn fixed(&self) -> (u8, u32, u8) {
        let verdict = |approve: bool| if approve { 1 } else { 2 };
        match *self {
            LogEvent::Proposed { revision } => (1, revision, 0),
            LogEvent::Edited { revision } => (2, revision, 0),
            LogEvent::Verdict { revision, approve } => (3, revision, verdict(approve)),
            LogEvent::ReviewRequested { revision } => (4, revision, 0),
            LogEvent::CarriedOut => (5, 0, 0),
            LogEvent::Evaluated => (6, 0, 0),
            LogEvent::CaseErased => (7, 0, 0),
            LogEvent::BudgetSet { cents } => (8, cents, 0),
            LogEvent::BudgetAgreed { cents } => (9, cents, 0),
            LogEvent::WorkerEnrolled => (10, 0, 0),
            LogEvent::WorkerRemoved => (11, 0, 0),
            LogEvent::WorkerChanged => (12, 0, 0),
            LogEvent::Agreed => (13, 0, 0),
            LogEvent::LockSet { minutes } => (14, minutes, 0),
            LogEvent::Restored { from } => (15, from, 0),
        }
    }

    fn from_fixed(kind: u8, revision: u32, verdict: u8) -> Option<LogEvent> {
        Some(match (kind, verdict) {
            (1, 0) => LogEvent::Proposed { revision },
            (2, 0) => LogEvent::Edited { revision },
            (3, 1 | 2) => LogEvent::Verdict {
                revision,
                approve: verdict == 1,
            },
            (4, 0) => LogEvent::ReviewRequested { revision },
            (5, 0) => LogEvent::CarriedOut,
            (6, 0) => LogEvent::Evaluated,
            (7, 0) => LogEvent::CaseErased,
            (8, 0) => LogEvent::BudgetSet { cents: revision },
            (9, 0) => LogEvent::BudgetAgreed { cents: revision },
            (10, 0) if revision == 0 => LogEvent::WorkerEnrolled,
            (11, 0) if revision == 0 => LogEvent::WorkerRemoved,
            (12, 0) if revision == 0 => LogEvent::WorkerChanged,
            (13, 0) if revision == 0 => LogEvent::Agreed,
            (14, 0) => LogEvent::LockSet { minutes: revision },
            (15, 0) => LogEvent::Restored { from: revision },
            _ => return None,
        })
    }

    /// The text format-1 records hashed: what `{:?}` printed for the event
    /// type of that version, spelled out so it never changes.
    fn legacy_text(&self) -> String {
        match self {
            LogEvent::Proposed { revision } => format!("Proposed {{ revision: {revision} }}"),
            LogEvent::Edited { revision } => format!("Edited {{ revision: {revision} }}"),
            LogEvent::Verdict { revision, approve } => {
                format!("Verdict {{ revision: {revision}, approve: {approve} }}")
            }
            LogEvent::ReviewRequested { revision } => {
                format!("ReviewRequested {{ revision: {revision} }}")
            }
            LogEvent::CarriedOut => "CarriedOut".into(),
            LogEvent::Evaluated => "Evaluated".into(),
            LogEvent::CaseErased => "CaseErased".into(),
            // Never in a format-1 record: written only since format 2.
            LogEvent::BudgetSet { cents } => format!("BudgetSet {{ cents: {cents} }}"),
            LogEvent::BudgetAgreed { cents } => format!("BudgetAgreed {{ cents: {cents} }}"),
            other => format!("{:?}", other.fixed()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogRecord {
    /// `LOG_VERSION`, or `LEGACY_LOG_VERSION` for a record read as written then.
    pub version: u8,
    pub seq: u64,
    pub prev: [u8; 32],
    pub at: DateTime<Utc>,
    pub actor: String,
    pub case: String,
    pub intervention: String,
    pub event: LogEvent,
    /// SHA-256 of the case data as stored in the same transaction (sealed
    /// under the case key); zeros when the record stores none (an erasure).
    pub content: [u8; 32],
    /// The hash of all the fields above.
    pub hash: [u8; 32],
}

impl LogRecord {
    /// A new record after `prev` (the hash of the record before, zeros for the first).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        seq: u64,
        prev: [u8; 32],
        at: DateTime<Utc>,
        actor: &str,
        case: &str,
        intervention: &str,
        event: LogEvent,
        content: [u8; 32],
    ) -> LogRecord {
        let mut record = LogRecord {
            version: LOG_VERSION,
            seq,
            prev,
            at,
            actor: actor.to_string(),
            case: case.to_string(),
            intervention: intervention.to_string(),
            event,
            content,
            hash: [0; 32],
        };
        record.hash = record.computed_hash();
        record
    }

    /// The fixed byte header of format 2: version, sequence number, time
    /// (seconds and nanoseconds), kind, revision, verdict, actor, case and
    /// intervention ids (each with a u16 length), previous hash, content
    /// hash. Integers are big-endian.
    pub fn header(&self) -> Vec<u8> {
        let (kind, revision, verdict) = self.event.fixed();
        let mut out = Vec::with_capacity(128);
        out.push(LOG_VERSION);
        out.extend(self.seq.to_be_bytes());
        out.extend(self.at.timestamp().to_be_bytes());
        out.extend(self.at.timestamp_subsec_nanos().to_be_bytes());
        out.push(kind);
        out.extend(revision.to_be_bytes());
        out.push(verdict);
        for part in [&self.actor, &self.case, &self.intervention] {
            // Ids are short; a longer one is cut at the length the header can hold.
            let bytes = &part.as_bytes()[..part.len().min(usize::from(u16::MAX))];
            out.extend((bytes.len() as u16).to_be_bytes());
            out.extend(bytes);
        }
        out.extend(self.prev);
        out.extend(self.content);
        out
    }

    /// The record as stored (before encryption): header, then hash.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.header();
        out.extend(self.hash);
        out
    }

    /// Reads `to_bytes`; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<LogRecord> {
        let mut r = Reader(bytes);
        if r.take(1)?[0] != LOG_VERSION {
            return None;
        }
        let seq = u64::from_be_bytes(r.array()?);
        let secs = i64::from_be_bytes(r.array()?);
        let nanos = u32::from_be_bytes(r.array()?);
        let (kind, revision, verdict) =
            (r.take(1)?[0], u32::from_be_bytes(r.array()?), r.take(1)?[0]);
        let mut ids = Vec::with_capacity(3);
        for _ in 0..3 {
            let len = u16::from_be_bytes(r.array()?);
            ids.push(String::from_utf8(r.take(usize::from(len))?.to_vec()).ok()?);
        }
        let record = LogRecord {
            version: LOG_VERSION,
            seq,
            at: DateTime::from_timestamp(secs, nanos)?,
            event: LogEvent::from_fixed(kind, revision, verdict)?,
            intervention: ids.pop()?,
            case: ids.pop()?,
            actor: ids.pop()?,
            prev: r.array()?,
            content: r.array()?,
            hash: r.array()?,
        };
        r.0.is_empty().then_some(record)
    }

    /// The hash this record should hold, by the rules of its own format.
    pub fn computed_hash(&self) -> [u8; 32] {
        match self.version {
            LEGACY_LOG_VERSION => self.legacy_hash(),
            _ => Sha256::digest(self.header()).into(),
        }
    }

    /// Format 1: sequence number, previous hash, RFC 3339 time, the ids with
    /// their lengths, and the event's debug text.
    fn legacy_hash(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.seq.to_be_bytes());
        h.update(self.prev);
        h.update(self.at.to_rfc3339().as_bytes());
        for part in [&self.actor, &self.case, &self.intervention] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        h.update(self.event.legacy_text().as_bytes());
        h.finalize().into()
    }

    /// Reads a format-1 record (bincode of that version's type).
    pub fn from_legacy_bincode(bytes: &[u8]) -> Option<LogRecord> {
        let (old, used): (LegacyRecord, usize) =
            bincode::serde::decode_from_slice(bytes, bincode::config::standard()).ok()?;
        (used == bytes.len()).then(|| old.into())
    }
}

/// The log's length and the hash of its last record, as written with that
/// record, so cutting records off the end is found: the seal, sealed under
/// the data key, cannot be made anew without a passphrase. Since version 2
/// it also holds the digest of every worker's record (`Slot::digest`), so a
/// worker's name, organisation or vouches changed by hand in vault.bin is
/// found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Seal {
    pub len: u64,
    pub head: [u8; 32],
    /// Each enrolled worker's id and record digest, in vault order; `None`
    /// in a seal of version 1.
    pub workers: Option<Vec<(String, [u8; 32])>>,
}

impl Seal {
    const VERSION_1: u8 = 1;
    const VERSION: u8 = 2;

    /// Version, length (big-endian), head, then the number of workers (u16)
    /// and each one's id (u16 length) and digest.
    pub fn to_bytes(&self) -> Vec<u8> {
        let version = if self.workers.is_some() {
            Self::VERSION
        } else {
            Self::VERSION_1
        };
        let mut out = vec![version];
        out.extend(self.len.to_be_bytes());
        out.extend(self.head);
        if let Some(workers) = &self.workers {
            let count = workers.len().min(usize::from(u16::MAX));
            out.extend((count as u16).to_be_bytes());
            for (id, digest) in workers.iter().take(count) {
                let bytes = &id.as_bytes()[..id.len().min(usize::from(u16::MAX))];
                out.extend((bytes.len() as u16).to_be_bytes());
                out.extend(bytes);
                out.extend(digest);
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Seal> {
        let mut r = Reader(bytes);
        let version = r.take(1)?[0];
        if version != Self::VERSION && version != Self::VERSION_1 {
            return None;
        }
        let mut seal = Seal {
            len: u64::from_be_bytes(r.array()?),
            head: r.array()?,
            workers: None,
        };
        if version == Self::VERSION {
            let count = u16::from_be_bytes(r.array()?);
            let mut workers = Vec::with_capacity(usize::from(count));
            for _ in 0..count {
                let len = u16::from_be_bytes(r.array()?);
                let id = String::from_utf8(r.take(usize::from(len))?.to_vec()).ok()?;
                workers.push((id, r.array()?));
            }
            seal.workers = Some(workers);
        }
        r.0.is_empty().then_some(seal)
    }
}

/// A cursor over fixed bytes.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

/// The event type of format 1, as bincode stored it (variant order fixed).
/// It mirrors `LogEvent` on purpose: `LogEvent` grows with new kinds of
/// record, this one never changes.
#[derive(Deserialize, Serialize)]
enum LegacyEvent {
    Proposed { revision: u32 },
    Edited { revision: u32 },
    Verdict { revision: u32, approve: bool },
    ReviewRequested { revision: u32 },
    CarriedOut,
    Evaluated,
    CaseErased,
}

/// The record type of format 1 (field order fixed).
#[derive(Deserialize, Serialize)]
struct LegacyRecord {
    seq: u64,
    prev: [u8; 32],
    at: DateTime<Utc>,
    actor: String,
    case: String,
    intervention: String,
    event: LegacyEvent,
    hash: [u8; 32],
}

impl From<LegacyRecord> for LogRecord {
    fn from(old: LegacyRecord) -> LogRecord {
        let event = match old.event {
            LegacyEvent::Proposed { revision } => LogEvent::Proposed { revision },
            LegacyEvent::Edited { revision } => LogEvent::Edited { revision },
            LegacyEvent::Verdict { revision, approve } => LogEvent::Verdict { revision, approve },
            LegacyEvent::ReviewRequested { revision } => LogEvent::ReviewRequested { revision },
            LegacyEvent::CarriedOut => LogEvent::CarriedOut,
            LegacyEvent::Evaluated => LogEvent::Evaluated,
            LegacyEvent::CaseErased => LogEvent::CaseErased,
        };
        LogRecord {
            version: LEGACY_LOG_VERSION,
            seq: old.seq,
            prev: old.prev,
            at: old.at,
            actor: old.actor,
            case: old.case,
            intervention: old.intervention,
            event,
            content: [0; 32],
            hash: old.hash,
        }
    }
}

/// The first record (by position) whose hash or link is wrong; `None` when the chain is whole.
/// `records` holds each stored record in order, `None` where one could not be read at all.
/// Format-1 records may only come before the first format-2 record.
pub fn first_broken(records: &[(u64, Option<LogRecord>)]) -> Option<u64> {
    let mut prev = [0u8; 32];
    let mut version = LEGACY_LOG_VERSION;
    for (expected_seq, (seq, record)) in records.iter().enumerate() {
        let Some(r) = record else { return Some(*seq) };
        if r.seq != *seq
            || r.seq != expected_seq as u64 + 1
            || r.prev != prev
            || r.version < version
            || r.hash != r.computed_hash()
        {
            return Some(*seq);
        }
        prev = r.hash;
        version = r.version;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 123_456_789).expect("time")
    }

    fn chain(n: u64) -> Vec<(u64, Option<LogRecord>)> {
        let mut prev = [0; 32];
        (1..=n)
            .map(|seq| {
                let r = LogRecord::new(
                    seq,
                    prev,
                    at(),
                    "anna",
                    "c1",
                    "i1",
                    LogEvent::CarriedOut,
                    [7; 32],
                );
                prev = r.hash;
                (seq, Some(r))
            })
            .collect()
    }

    #[test]
    fn a_whole_chain_verifies_and_any_change_is_found() {
        assert_eq!(first_broken(&chain(5)), None);
        let mut changed = chain(5);
        if let Some(r) = &mut changed[2].1 {
            r.actor = "bram".into();
        }
        assert_eq!(first_broken(&changed), Some(3));
        let mut content = chain(5);
        if let Some(r) = &mut content[1].1 {
            r.content[0] ^= 1;
        }
        assert_eq!(first_broken(&content), Some(2));
        let mut removed = chain(5);
        removed.remove(1);
        assert_eq!(first_broken(&removed), Some(3));
        let mut unreadable = chain(5);
        unreadable[3].1 = None;
        assert_eq!(first_broken(&unreadable), Some(4));
    }

    #[test]
    fn every_event_survives_the_fixed_encoding() {
        let events = [
            LogEvent::Proposed { revision: 1 },
            LogEvent::Edited { revision: 2 },
            LogEvent::Verdict {
                revision: 3,
                approve: true,
            },
            LogEvent::Verdict {
                revision: 4,
                approve: false,
            },
            LogEvent::ReviewRequested { revision: 5 },
            LogEvent::CarriedOut,
            LogEvent::Evaluated,
            LogEvent::CaseErased,
            LogEvent::BudgetSet { cents: 50_000 },
            LogEvent::BudgetAgreed { cents: u32::MAX },
            LogEvent::WorkerEnrolled,
            LogEvent::WorkerRemoved,
            LogEvent::WorkerChanged,
            LogEvent::Agreed,
            LogEvent::LockSet { minutes: 15 },
            LogEvent::Restored { from: 12 },
        ];
        for event in events {
            let r = LogRecord::new(9, [1; 32], at(), "tom", "c12", "i3", event, [2; 32]);
            let bytes = r.to_bytes();
            assert_eq!(LogRecord::from_bytes(&bytes), Some(r));
            assert!(LogRecord::from_bytes(&bytes[..bytes.len() - 1]).is_none());
            let mut longer = bytes.clone();
            longer.push(0);
            assert!(LogRecord::from_bytes(&longer).is_none());
        }
    }

    #[test]
    fn a_seal_holds_the_workers_and_reads_version_1() {
        let seal = Seal {
            len: 7,
            head: [9; 32],
            workers: Some(vec![("anna".into(), [1; 32]), ("bram".into(), [2; 32])]),
        };
        let bytes = seal.to_bytes();
        assert_eq!(bytes[0], 2);
        assert_eq!(Seal::from_bytes(&bytes), Some(seal.clone()));
        assert!(Seal::from_bytes(&bytes[..bytes.len() - 1]).is_none());
        let old = Seal {
            workers: None,
            ..seal
        };
        let bytes = old.to_bytes();
        assert_eq!((bytes[0], bytes.len()), (1, 41));
        assert_eq!(Seal::from_bytes(&bytes), Some(old));
    }

    #[test]
    fn the_fixed_header_is_pinned() {
        let r = LogRecord::new(
            1,
            [0; 32],
            at(),
            "anna",
            "c1",
            "",
            LogEvent::Verdict {
                revision: 2,
                approve: false,
            },
            [0; 32],
        );
        let mut expected = vec![2, 0, 0, 0, 0, 0, 0, 0, 1];
        expected.extend(1_800_000_000i64.to_be_bytes());
        expected.extend(123_456_789u32.to_be_bytes());
        expected.extend([3, 0, 0, 0, 2, 2]);
        expected.extend([0, 4]);
        expected.extend(b"anna");
        expected.extend([0, 2]);
        expected.extend(b"c1");
        expected.extend([0, 0]);
        expected.extend([0; 64]);
        assert_eq!(r.header(), expected);
        let hash: [u8; 32] = Sha256::digest(&expected).into();
        assert_eq!(r.hash, hash);
    }

    #[test]
    fn a_chain_continues_from_format_1_to_format_2_but_not_back() {
        let legacy = LegacyRecord {
            seq: 1,
            prev: [0; 32],
            at: at(),
            actor: "anna".into(),
            case: "c1".into(),
            intervention: "i1".into(),
            event: LegacyEvent::Verdict {
                revision: 1,
                approve: true,
            },
            hash: [0; 32],
        };
        let mut first: LogRecord = legacy.into();
        first.hash = first.computed_hash();
        let second = LogRecord::new(
            2,
            first.hash,
            at(),
            "bram",
            "c1",
            "",
            LogEvent::CaseErased,
            [0; 32],
        );
        let mut records = vec![(1, Some(first.clone())), (2, Some(second.clone()))];
        assert_eq!(first_broken(&records), None);
        let mut third = first.clone();
        third.seq = 3;
        third.prev = second.hash;
        third.hash = third.computed_hash();
        records.push((3, Some(third)));
        assert_eq!(
            first_broken(&records),
            Some(3),
            "no format 1 after format 2"
        );
    }
}
