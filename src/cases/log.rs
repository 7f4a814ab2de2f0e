//! The decision log: every event on record, each record holding the hash of
//! the one before, so a changed or removed record is found. Records carry ids,
//! verdicts and times only, never case content.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What happened, without any words from the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogEvent {
    Proposed { revision: u32 },
    Edited { revision: u32 },
    Verdict { revision: u32, approve: bool },
    ReviewRequested { revision: u32 },
    CarriedOut,
    Evaluated,
    CaseErased,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogRecord {
    pub seq: u64,
    pub prev: [u8; 32],
    pub at: DateTime<Utc>,
    pub actor: String,
    pub case: String,
    pub intervention: String,
    pub event: LogEvent,
    /// The hash of all the fields above.
    pub hash: [u8; 32],
}

impl LogRecord {
    /// A new record after `prev` (the hash of the record before, zeros for the first).
    pub fn new(
        seq: u64,
        prev: [u8; 32],
        at: DateTime<Utc>,
        actor: &str,
        case: &str,
        intervention: &str,
        event: LogEvent,
    ) -> LogRecord {
        let mut record = LogRecord {
            seq,
            prev,
            at,
            actor: actor.to_string(),
            case: case.to_string(),
            intervention: intervention.to_string(),
            event,
            hash: [0; 32],
        };
        record.hash = record.computed_hash();
        record
    }

    pub fn computed_hash(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(self.seq.to_be_bytes());
        h.update(self.prev);
        h.update(self.at.to_rfc3339().as_bytes());
        for part in [&self.actor, &self.case, &self.intervention] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        h.update(format!("{:?}", self.event).as_bytes());
        h.finalize().into()
    }
}

/// The first record (by position) whose hash or link is wrong; `None` when the chain is whole.
/// `records` holds each stored record in order, `None` where one could not be read at all.
pub fn first_broken(records: &[(u64, Option<LogRecord>)]) -> Option<u64> {
    let mut prev = [0u8; 32];
    for (expected_seq, (seq, record)) in records.iter().enumerate() {
        let Some(r) = record else { return Some(*seq) };
        if r.seq != *seq
            || r.seq != expected_seq as u64 + 1
            || r.prev != prev
            || r.hash != r.computed_hash()
        {
            return Some(*seq);
        }
        prev = r.hash;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: u64) -> Vec<(u64, Option<LogRecord>)> {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let mut prev = [0; 32];
        (1..=n)
            .map(|seq| {
                let r = LogRecord::new(seq, prev, at, "anna", "c1", "i1", LogEvent::CarriedOut);
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
        let mut removed = chain(5);
        removed.remove(1);
        assert_eq!(first_broken(&removed), Some(3));
        let mut unreadable = chain(5);
        unreadable[3].1 = None;
        assert_eq!(first_broken(&unreadable), Some(4));
    }
}
