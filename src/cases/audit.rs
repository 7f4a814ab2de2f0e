//! What `log verify` checks, as one pure function over what was read: the
//! hash chain, the seal of its length and head (so records cut off the end
//! are found), and the cases against the log (so an older copy of a case
//! put back, or a case record deleted, is found).

use super::log::{LogEvent, LogRecord, Seal, first_broken};
use super::model::Case;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

/// The first thing wrong with the log, for `log verify` to name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LogProblem {
    /// This record's hash or link is wrong, it cannot be read, or it came
    /// after the sealed end.
    Broken(u64),
    /// The log holds fewer records than it was sealed with.
    Cut { sealed: u64, found: u64 },
    /// Records of the current format are there, but their seal is missing
    /// or does not open.
    SealDamaged,
    /// A case holds less of an intervention's history than the log records
    /// (an older copy put back), or is gone without an erasure on record.
    CaseBehind { case: String, record: u64 },
    /// A worker's record in vault.bin (name, organisation, who vouched) is
    /// not the one on record: changed, added or removed by hand.
    WorkerRecord(String),
    /// The numbering of the stored records skips this one: taken out.
    Missing(u64),
    /// The stored records are not the ones the clear anchor was written
    /// with (one was changed or replaced).
    Rewritten,
    /// Records of the anchored format are there, but their anchor is not.
    AnchorMissing,
}

/// The log's clear anchor: its length and a running digest over its records
/// as stored (encrypted), kept beside the seal without encryption, so that
/// `log verify` without a passphrase finds a record cut off the end, taken
/// out of the middle, or changed. Neither the records' headers nor their
/// content are needed, so they stay encrypted. It holds nothing against
/// someone who writes a new anchor too: the seal, under the data key, does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub len: u64,
    pub digest: [u8; 32],
}

impl Anchor {
    /// The anchor of an empty log.
    pub const EMPTY: Anchor = Anchor {
        len: 0,
        digest: [0; 32],
    };
    const VERSION: u8 = 1;

    /// The anchor after record `seq`, stored as `stored`:
    /// SHA-256(digest before, seq big-endian, SHA-256(stored)).
    pub fn next(&self, seq: u64, stored: &[u8]) -> Anchor {
        let mut h = Sha256::new();
        h.update(self.digest);
        h.update(seq.to_be_bytes());
        h.update(Sha256::digest(stored));
        Anchor {
            len: seq,
            digest: h.finalize().into(),
        }
    }

    /// Version, length (big-endian), digest.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = vec![Self::VERSION];
        out.extend(self.len.to_be_bytes());
        out.extend(self.digest);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Option<Anchor> {
        let (&version, rest) = bytes.split_first()?;
        if version != Self::VERSION || rest.len() != 40 {
            return None;
        }
        let (len, digest) = rest.split_at(8);
        Some(Anchor {
            len: u64::from_be_bytes(len.try_into().ok()?),
            digest: digest.try_into().ok()?,
        })
    }
}

/// What the clear check found whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClearWhole {
    pub records: u64,
    /// False for a log written before anchors (numbering checked only).
    pub anchored: bool,
}

/// The check without a passphrase: the stored records (number and bytes,
/// in order) are numbered 1, 2, 3… without a gap and match the anchor.
/// `anchored_format` says whether any record is of a format always written
/// with an anchor (so a missing anchor was taken away).
pub fn check_clear(
    stored: &[(u64, Vec<u8>)],
    anchor: Option<Anchor>,
    anchored_format: bool,
) -> Result<ClearWhole, LogProblem> {
    let mut running = Anchor::EMPTY;
    for (i, (seq, value)) in stored.iter().enumerate() {
        let expected = i as u64 + 1;
        if *seq != expected {
            return Err(LogProblem::Missing(expected));
        }
        running = running.next(*seq, value);
    }
    let found = stored.len() as u64;
    match anchor {
        None if anchored_format => Err(LogProblem::AnchorMissing),
        None => Ok(ClearWhole {
            records: found,
            anchored: false,
        }),
        Some(a) if a.len > found => Err(LogProblem::Cut {
            sealed: a.len,
            found,
        }),
        Some(a) if a.len < found => Err(LogProblem::Broken(a.len + 1)),
        Some(a) if a.digest != running.digest => Err(LogProblem::Rewritten),
        Some(_) => Ok(ClearWhole {
            records: found,
            anchored: true,
        }),
    }
}

/// Each enrolled worker's id and record digest, as vault.bin holds them now.
pub type Roster = [(String, [u8; 32])];

/// The seal as found in the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SealRead {
    Absent,
    Unreadable,
    Read(Seal),
}

/// Checks the log (in order, `None` where a record cannot be read) against
/// its seal and the cases. `unreadable` are ids of cases that exist but
/// cannot be read (they are reported on their own). Records of the first
/// format, written before the seal existed, need none.
pub fn check(
    records: &[(u64, Option<LogRecord>)],
    seal: SealRead,
    workers: &Roster,
    cases: &[Case],
    unreadable: &[String],
) -> Option<LogProblem> {
    if let Some(seq) = first_broken(records) {
        return Some(LogProblem::Broken(seq));
    }
    let sealed_format = records
        .iter()
        .any(|(_, r)| r.as_ref().is_some_and(|r| r.version >= 2));
    // The chain is whole, so every record is there and read.
    let last = records.last().and_then(|(_, r)| r.as_ref());
    check_end(last, seal, workers, sealed_format).or_else(|| behind(records, cases, unreadable))
}

/// Checks the end of a log against its seal: `last` is its last record
/// (`None` when empty), `sealed_format` whether any record is of a format
/// that is always written with a seal. Cheap enough before every append.
pub fn check_end(
    last: Option<&LogRecord>,
    seal: SealRead,
    workers: &Roster,
    sealed_format: bool,
) -> Option<LogProblem> {
    let (found, head) = last.map_or((0, [0; 32]), |r| (r.seq, r.hash));
    if let SealRead::Read(Seal {
        workers: Some(sealed),
        len,
        head: sealed_head,
    }) = &seal
        && *len == found
        && *sealed_head == head
    {
        return roster_problem(sealed, workers);
    }
    match seal {
        SealRead::Read(seal) if seal.len > found => Some(LogProblem::Cut {
            sealed: seal.len,
            found,
        }),
        SealRead::Read(seal) if seal.len < found => Some(LogProblem::Broken(seal.len + 1)),
        SealRead::Read(seal) if seal.head != head => Some(LogProblem::Broken(found.max(1))),
        SealRead::Read(_) => None,
        SealRead::Unreadable => Some(LogProblem::SealDamaged),
        SealRead::Absent if sealed_format => Some(LogProblem::SealDamaged),
        SealRead::Absent => None,
    }
}

/// The first worker whose record differs from the sealed one (by id, in
/// vault order, then those sealed but gone).
fn roster_problem(sealed: &Roster, workers: &Roster) -> Option<LogProblem> {
    for (id, digest) in workers {
        match sealed.iter().find(|(s, _)| s == id) {
            Some((_, d)) if d == digest => {}
            _ => return Some(LogProblem::WorkerRecord(id.clone())),
        }
    }
    sealed
        .iter()
        .find(|(id, _)| !workers.iter().any(|(w, _)| w == id))
        .map(|(id, _)| LogProblem::WorkerRecord(id.clone()))
}

/// Every step of an intervention is written with one log record; a case
/// with fewer steps than records is older than the log. A restore on record
/// (`Restored { from }`) re-anchors every case: the steps it must hold are
/// the records up to `from` and those after the restore, so a rollback by
/// restore is on record and attributed, and one by hand is still found. Names the first
/// record (by number) that a case lacks.
fn behind(
    records: &[(u64, Option<LogRecord>)],
    cases: &[Case],
    unreadable: &[String],
) -> Option<LogProblem> {
    let mut erased = BTreeSet::new();
    let mut logged: BTreeMap<(&str, &str), Vec<u64>> = BTreeMap::new();
    for r in records.iter().filter_map(|(_, r)| r.as_ref()) {
        let about_intervention = matches!(
            r.event,
            LogEvent::Proposed { .. }
                | LogEvent::Edited { .. }
                | LogEvent::Verdict { .. }
                | LogEvent::ReviewRequested { .. }
                | LogEvent::CarriedOut
                | LogEvent::Evaluated
        );
        if let LogEvent::Restored { from } = r.event {
            // The cases are as they were after record `from`: what came
            // after it and before the restore is undone, on record.
            for seqs in logged.values_mut() {
                seqs.retain(|&seq| seq <= u64::from(from));
            }
        } else if r.event == LogEvent::CaseErased {
            erased.insert(r.case.as_str());
        } else if about_intervention && !r.intervention.is_empty() {
            logged
                .entry((r.case.as_str(), r.intervention.as_str()))
                .or_default()
                .push(r.seq);
        }
    }
    let by_id: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.id.as_str(), c)).collect();
    logged
        .iter()
        .filter(|((case, _), _)| !erased.contains(case) && !unreadable.iter().any(|u| u == case))
        .filter_map(|(&(case, intervention), seqs)| {
            let steps = by_id.get(case).map_or(0, |c| {
                c.interventions
                    .iter()
                    .find(|i| i.id == intervention)
                    .map_or(0, |i| i.steps.len())
            });
            seqs.get(steps).map(|&record| (record, case))
        })
        .min()
        .map(|(record, case)| LogProblem::CaseBehind {
            case: case.to_string(),
            record,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::model::{Intervention, Step};
    use crate::cases::rule::Event;
    use chrono::DateTime;

    fn record(
        seq: u64,
        prev: [u8; 32],
        case: &str,
        intervention: &str,
        event: LogEvent,
    ) -> LogRecord {
        let at = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        LogRecord::new(seq, prev, at, "anna", case, intervention, event, [0; 32])
    }

    /// c1/i1 proposed and approved, c2 erased.
    fn log() -> Vec<(u64, Option<LogRecord>)> {
        let events = [
            ("c1", "i1", LogEvent::Proposed { revision: 1 }),
            (
                "c1",
                "i1",
                LogEvent::Verdict {
                    revision: 1,
                    approve: true,
                },
            ),
            ("c2", "", LogEvent::CaseErased),
        ];
        let mut prev = [0; 32];
        events
            .into_iter()
            .enumerate()
            .map(|(i, (case, item, event))| {
                let r = record(i as u64 + 1, prev, case, item, event);
                prev = r.hash;
                (r.seq, Some(r))
            })
            .collect()
    }

    fn seal_of(records: &[(u64, Option<LogRecord>)]) -> SealRead {
        let head = records
            .last()
            .and_then(|(_, r)| r.as_ref())
            .map_or([0; 32], |r| r.hash);
        SealRead::Read(Seal {
            len: records.len() as u64,
            head,
            workers: Some(vec![("anna".into(), [1; 32])]),
        })
    }

    fn case(steps: usize) -> Case {
        let step = Step {
            at: DateTime::from_timestamp(1_800_000_000, 0).expect("time"),
            event: Event::CarriedOut { by: "anna".into() },
            text: String::new(),
            date: None,
            actual_cents: None,
        };
        Case {
            id: "c1".into(),
            label: String::new(),
            area: String::new(),
            created: step.at,
            created_by: "anna".into(),
            notes: Vec::new(),
            scores: Vec::new(),
            interventions: vec![Intervention {
                id: "i1".into(),
                title: String::new(),
                description: String::new(),
                domains: Vec::new(),
                cost_cents: 0,
                proposer: "anna".into(),
                steps: vec![step; steps],
            }],
        }
    }

    fn anna() -> Vec<(String, [u8; 32])> {
        vec![("anna".into(), [1; 32])]
    }

    #[test]
    fn a_worker_record_changed_added_or_removed_by_hand_is_named() {
        let log = log();
        let seal = seal_of(&log);
        let changed = vec![("anna".to_string(), [2; 32])];
        assert_eq!(
            check(&log, seal.clone(), &changed, &[case(2)], &[]),
            Some(LogProblem::WorkerRecord("anna".into()))
        );
        let added = vec![("anna".to_string(), [1; 32]), ("eve".to_string(), [3; 32])];
        assert_eq!(
            check(&log, seal.clone(), &added, &[case(2)], &[]),
            Some(LogProblem::WorkerRecord("eve".into()))
        );
        assert_eq!(
            check(&log, seal, &[], &[case(2)], &[]),
            Some(LogProblem::WorkerRecord("anna".into()))
        );
    }

    #[test]
    fn a_restore_on_record_re_anchors_the_cases_but_a_hand_rollback_is_found() {
        let mut log = log();
        let mut prev = log
            .last()
            .and_then(|(_, r)| r.as_ref())
            .map_or([0; 32], |r| r.hash);
        // Restored to the state after record 1 (i1 proposed), then approved again.
        for (case, item, event) in [
            ("", "", LogEvent::Restored { from: 1 }),
            ("", "", LogEvent::Agreed),
            (
                "c1",
                "i1",
                LogEvent::Verdict {
                    revision: 1,
                    approve: false,
                },
            ),
        ] {
            let r = record(log.len() as u64 + 1, prev, case, item, event);
            prev = r.hash;
            log.push((r.seq, Some(r)));
        }
        let seal = seal_of(&log);
        assert_eq!(check(&log, seal.clone(), &anna(), &[case(2)], &[]), None);
        assert_eq!(
            check(&log, seal.clone(), &anna(), &[case(1)], &[]),
            Some(LogProblem::CaseBehind {
                case: "c1".into(),
                record: 6
            }),
            "the rejection after the restore, undone by hand"
        );
        assert_eq!(
            check(&log[..5], seal_of(&log[..5]), &anna(), &[case(1)], &[]),
            None,
            "just after the restore the case holds the proposal alone"
        );
    }

    #[test]
    fn the_clear_anchor_finds_a_cut_a_gap_and_a_change() {
        let stored: Vec<(u64, Vec<u8>)> = (1..=4).map(|n| (n, vec![n as u8; 9])).collect();
        let anchor = stored
            .iter()
            .fold(Anchor::EMPTY, |a, (seq, v)| a.next(*seq, v));
        assert_eq!(Anchor::from_bytes(&anchor.to_bytes()), Some(anchor));
        assert_eq!(
            check_clear(&stored, Some(anchor), true),
            Ok(ClearWhole {
                records: 4,
                anchored: true
            })
        );
        assert_eq!(
            check_clear(&stored[..3], Some(anchor), true),
            Err(LogProblem::Cut {
                sealed: 4,
                found: 3
            })
        );
        let mut gap = stored.clone();
        gap.remove(1);
        assert_eq!(
            check_clear(&gap, Some(anchor), true),
            Err(LogProblem::Missing(2))
        );
        let mut changed = stored.clone();
        changed[2].1[0] ^= 1;
        assert_eq!(
            check_clear(&changed, Some(anchor), true),
            Err(LogProblem::Rewritten)
        );
        assert_eq!(
            check_clear(&stored, None, true),
            Err(LogProblem::AnchorMissing)
        );
        assert!(check_clear(&stored, None, false).is_ok());
    }

    #[test]
    fn a_whole_sealed_log_with_its_cases_passes() {
        let log = log();
        assert_eq!(check(&log, seal_of(&log), &anna(), &[case(2)], &[]), None);
    }

    #[test]
    fn records_cut_off_the_end_are_found() {
        let log = log();
        let seal = seal_of(&log);
        assert_eq!(
            check(&log[..2], seal.clone(), &anna(), &[case(2)], &[]),
            Some(LogProblem::Cut {
                sealed: 3,
                found: 2
            })
        );
        assert_eq!(
            check(&log, seal_of(&log[..2]), &anna(), &[case(2)], &[]),
            Some(LogProblem::Broken(3)),
            "a record after the sealed end"
        );
    }

    #[test]
    fn a_missing_seal_is_found_once_records_are_of_the_sealed_format() {
        let log = log();
        assert_eq!(
            check(&log, SealRead::Absent, &anna(), &[case(2)], &[]),
            Some(LogProblem::SealDamaged)
        );
        assert_eq!(
            check(&log, SealRead::Unreadable, &anna(), &[case(2)], &[]),
            Some(LogProblem::SealDamaged)
        );
        let mut legacy = log.clone();
        for (_, r) in &mut legacy {
            let r = r.as_mut().expect("record");
            r.version = crate::cases::log::LEGACY_LOG_VERSION;
        }
        let mut prev = [0; 32];
        for (_, r) in &mut legacy {
            let r = r.as_mut().expect("record");
            r.prev = prev;
            r.hash = r.computed_hash();
            prev = r.hash;
        }
        assert_eq!(
            check(&legacy, SealRead::Absent, &anna(), &[case(2)], &[]),
            None
        );
    }

    #[test]
    fn an_older_copy_of_a_case_is_found_but_not_an_erased_or_damaged_one() {
        let log = log();
        let seal = seal_of(&log);
        assert_eq!(
            check(&log, seal.clone(), &anna(), &[case(1)], &[]),
            Some(LogProblem::CaseBehind {
                case: "c1".into(),
                record: 2
            })
        );
        assert_eq!(
            check(&log, seal.clone(), &anna(), &[], &[]),
            Some(LogProblem::CaseBehind {
                case: "c1".into(),
                record: 1
            }),
            "a deleted case record"
        );
        assert_eq!(check(&log, seal, &anna(), &[], &["c1".to_string()]), None);
    }
}
