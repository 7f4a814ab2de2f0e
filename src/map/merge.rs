//! The merge rules of the format: version vectors decide, concurrent edits
//! become conflicts, tombstones win over what they have seen.
//!
//! A [`Record`] holds every version of one entry that no other known version
//! dominates. Merging is a set union followed by dropping dominated versions,
//! which makes it idempotent and independent of the order of imports.

use super::entry::Entry;
use serde::{Deserialize, Serialize};

/// All current versions of one entry: one normally, several while in conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    versions: Vec<Entry>,
}

/// What merging one incoming version did, as the import summary counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
    Deleted,
    Conflict,
}

impl Record {
    pub fn new(entry: Entry) -> Record {
        Record {
            versions: vec![entry],
        }
    }

    pub fn id(&self) -> &str {
        self.versions.first().map_or("", |e| e.id.as_str())
    }

    /// The versions, in a fixed order (so that equal states compare equal).
    pub fn versions(&self) -> &[Entry] {
        &self.versions
    }

    pub fn is_conflicted(&self) -> bool {
        self.versions.len() > 1
    }

    /// True when every version is a tombstone: the entry is gone.
    pub fn is_deleted(&self) -> bool {
        self.versions.iter().all(|e| e.deleted)
    }

    /// The version to show and search: the first live one.
    pub fn shown(&self) -> Option<&Entry> {
        self.versions.iter().find(|e| !e.deleted)
    }

    /// The version to show, taken out of the record, and whether it was in conflict.
    pub fn into_shown(self) -> Option<(Entry, bool)> {
        let conflicted = self.is_conflicted();
        self.versions
            .into_iter()
            .find(|e| !e.deleted)
            .map(|e| (e, conflicted))
    }

    /// Merges one incoming version and says what changed.
    pub fn merge(&mut self, incoming: Entry) -> Outcome {
        let was_live = !self.is_deleted();
        let dominated_or_known = self
            .versions
            .iter()
            .any(|v| *v == incoming || v.clock.dominates(&incoming.clock));
        if dominated_or_known {
            return Outcome::Unchanged;
        }
        self.versions
            .retain(|v| !incoming.clock.dominates(&v.clock));
        self.versions.push(incoming);
        self.versions.sort();
        if self.is_conflicted() {
            Outcome::Conflict
        } else if self.is_deleted() {
            if was_live {
                Outcome::Deleted
            } else {
                Outcome::Unchanged
            }
        } else if was_live {
            Outcome::Updated
        } else {
            Outcome::Added
        }
    }
}

/// Merges `incoming` into what is stored for its id (if anything).
pub fn merge_into(current: Option<Record>, incoming: Entry) -> (Record, Outcome) {
    match current {
        Some(mut record) => {
            let outcome = record.merge(incoming);
            (record, outcome)
        }
        None => {
            let outcome = if incoming.deleted {
                Outcome::Unchanged
            } else {
                Outcome::Added
            };
            (Record::new(incoming), outcome)
        }
    }
}

/// Counts of what an import did, per outcome.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
    pub conflicts: usize,
}

impl Summary {
    pub fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Updated => self.updated += 1,
            Outcome::Unchanged => self.unchanged += 1,
            Outcome::Deleted => self.deleted += 1,
            Outcome::Conflict => self.conflicts += 1,
        }
    }

    pub fn add(&mut self, other: Summary) {
        self.added += other.added;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
        self.deleted += other.deleted;
        self.conflicts += other.conflicts;
    }
}
