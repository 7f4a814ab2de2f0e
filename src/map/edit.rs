//! Local edits: who makes them, and how a new version is stamped so that it
//! wins over every version this laptop knows (and travels like any edit).

use super::entry::{Entry, is_valid_id};
use super::merge::Record;
use super::words::fold;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The worker using this laptop: the author of its edits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worker {
    pub id: String,
    pub name: String,
    pub organisation: String,
}

impl Worker {
    /// True when an entry belongs to the worker's own organisation (case and
    /// accents aside). Shown in the details; never used for ranking.
    pub fn is_own(&self, e: &Entry) -> bool {
        !self.organisation.trim().is_empty()
            && fold(e.organisation.trim()) == fold(self.organisation.trim())
    }
}

/// Why a worker identity is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadWorker {
    Id,
    Name,
}

impl Worker {
    pub fn new(id: &str, name: &str, organisation: &str) -> Result<Worker, BadWorker> {
        let (id, name) = (id.trim(), name.trim());
        if !is_valid_id(id) {
            return Err(BadWorker::Id);
        }
        if name.is_empty() {
            return Err(BadWorker::Name);
        }
        Ok(Worker {
            id: id.into(),
            name: name.into(),
            organisation: organisation.trim().into(),
        })
    }
}

/// Turns new content into a version that dominates every version of
/// `current`: the clocks joined, plus one edit by `worker`. A conflict is
/// resolved this way too.
pub fn stamp(content: Entry, current: Option<&Record>, worker: &str, now: DateTime<Utc>) -> Entry {
    let mut clock = current
        .map(|r| {
            r.versions()
                .iter()
                .fold(content.clock.clone(), |c, v| c.join(&v.clock))
        })
        .unwrap_or_else(|| content.clock.clone());
    clock.bump(worker);
    let stamped = Entry {
        clock,
        updated: Some(now),
        updated_by: worker.to_string(),
        ..content
    };
    if stamped.deleted {
        stamped.into_tombstone()
    } else {
        stamped
    }
}

/// A tombstone for an entry: removed here and, after the next sync, everywhere.
pub fn tombstone(current: &Record, worker: &str, now: DateTime<Utc>) -> Entry {
    let gone = Entry {
        id: current.id().to_string(),
        deleted: true,
        ..Entry::default()
    };
    stamp(gone, Some(current), worker, now)
}

/// "I checked these details today."
pub fn verified(
    content: &Entry,
    current: &Record,
    worker: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Entry {
    let checked = Entry {
        verified: Some(today),
        verified_by: worker.to_string(),
        ..content.clone()
    };
    stamp(checked, Some(current), worker, now)
}

/// An id for a new entry from its name: "Buurthuis De Boog" → "buurthuis-de-boog",
/// with "-2", "-3"… when taken.
pub fn new_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    let mut base: String = base.trim_end_matches('-').chars().take(56).collect();
    base = base.trim_end_matches('-').to_string();
    if base.is_empty() {
        base = "vermelding".into();
    }
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::merge::{Outcome, merge_into};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("valid time")
    }

    #[test]
    fn an_edit_dominates_every_known_version_and_ends_a_conflict() {
        let mut a = Entry {
            id: "x".into(),
            name: "A".into(),
            ..Entry::default()
        };
        a.clock.bump("anna");
        let mut b = Entry {
            name: "B".into(),
            ..a.clone()
        };
        b.clock = crate::map::clock::Clock::default();
        b.clock.bump("bram");
        let (record, _) = merge_into(Some(Record::new(a.clone())), b);
        assert!(record.is_conflicted());
        let edit = stamp(
            Entry {
                name: "A en B".into(),
                ..a
            },
            Some(&record),
            "cem",
            now(),
        );
        assert_eq!(edit.updated_by, "cem");
        let (record, outcome) = merge_into(Some(record), edit.clone());
        assert_eq!(outcome, Outcome::Updated);
        assert_eq!(record.versions(), [edit]);
    }

    #[test]
    fn ids_come_from_names_and_stay_unique() {
        assert_eq!(new_id("Buurthuis De Boog", |_| false), "buurthuis-de-boog");
        assert_eq!(new_id("Café 't Hoekje!", |_| false), "cafe-t-hoekje");
        assert_eq!(new_id("Taalcafé", |id| id == "taalcafe"), "taalcafe-2");
        assert_eq!(new_id("???", |_| false), "vermelding");
        assert!(is_valid_id(&new_id(&"x".repeat(200), |_| false)));
    }

    #[test]
    fn own_organisation_ignores_case_and_accents() {
        let me = Worker::new("anna", "Anna", "Welzijn Zuid").expect("valid");
        let e = Entry {
            organisation: "welzijn zuid".into(),
            ..Entry::default()
        };
        assert!(me.is_own(&e));
        assert!(
            !Worker::new("bram", "Bram", "")
                .expect("valid")
                .is_own(&Entry::default())
        );
        assert_eq!(Worker::new("A B", "x", ""), Err(BadWorker::Id));
        assert_eq!(Worker::new("ab", " ", ""), Err(BadWorker::Name));
    }
}
