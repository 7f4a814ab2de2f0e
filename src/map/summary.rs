//! What an import or a sync did, counted per outcome of each merge.

use super::merge::Outcome;
use serde::Serialize;

/// Counts of what an import did, per outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
    pub conflicts: usize,
    /// Entries of a file with the id of a private entry: skipped.
    #[serde(skip)]
    pub clashes: usize,
    /// A file held a dot of this replica's id that it never issued.
    #[serde(skip)]
    pub foreign_own_dots: bool,
    /// The replica id taken after that.
    #[serde(skip)]
    pub new_replica: Option<String>,
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
        self.clashes += other.clashes;
        self.foreign_own_dots |= other.foreign_own_dots;
        if other.new_replica.is_some() {
            self.new_replica = other.new_replica;
        }
    }
}
