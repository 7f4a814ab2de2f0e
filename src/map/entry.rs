//! One entry of the social map: a key figure, initiative or service.

use super::clock::{Clock, Dot};
use super::domain::{Kind, LifeDomain};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An entry as the file format defines it. Absent strings are empty strings.
///
/// The same type is stored in the database (bincode), so it carries no
/// `skip_serializing_if`: bincode is not self-describing.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub organisation: String,
    pub role: String,
    pub description: String,
    pub domains: Vec<LifeDomain>,
    pub areas: Vec<String>,
    pub city: String,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub hours: String,
    pub languages: Vec<String>,
    pub audience: String,
    pub cost: String,
    pub referral: String,
    pub tags: Vec<String>,
    /// Where the details were checked (a public page), if anywhere.
    pub source: String,
    pub verified: Option<NaiveDate>,
    pub verified_by: String,
    pub updated: Option<DateTime<Utc>>,
    pub updated_by: String,
    pub clock: Clock,
    /// The edit that made the entry: the dot of every field not in `written`.
    pub created: Option<Dot>,
    /// The edit that last wrote each field (by its file key), where that is not `created`.
    pub written: BTreeMap<String, Dot>,
    /// The other concurrent writes of each field in conflict (by its file key);
    /// the field itself holds the first.
    pub conflicts: BTreeMap<String, Vec<Write>>,
    /// Only in versions stored before existence was merged like a field
    /// (`written.deleted`, `conflicts.deleted`): read once and converted.
    pub deletion: Option<Tombstone>,
    pub private: bool,
    pub deleted: bool,
}

/// A field's value as a merge handles it: a text (the kind as its id) or a
/// list (the life domains as their ids). A list is one value.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum FieldValue {
    Text(String),
    List(Vec<String>),
}

/// One write of a field: the value and the edit that wrote it (none for a
/// format-1 version that does not say who made it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Write {
    pub value: FieldValue,
    pub dot: Option<Dot>,
}

/// The earlier form of a delete-or-keep conflict, still read from stores
/// and files that hold it: every deletion merged in (`clock`), and the
/// clocks of the live versions that no deletion saw (`kept`).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Tombstone {
    pub clock: Clock,
    pub kept: Vec<Clock>,
    pub updated: Option<DateTime<Utc>>,
    pub updated_by: String,
}

impl Entry {
    /// Strips a tombstone to what the format says it needs, so that a
    /// tombstone written out and read back is the same value.
    pub fn into_tombstone(mut self) -> Entry {
        let key = super::merge::DELETED;
        let mut written = std::collections::BTreeMap::new();
        if let Some(d) = self.written.remove(key) {
            written.insert(key.to_string(), d);
        }
        let mut conflicts = std::collections::BTreeMap::new();
        if let Some(ws) = self.conflicts.remove(key) {
            conflicts.insert(key.to_string(), ws);
        }
        Entry {
            id: self.id,
            written,
            conflicts,
            updated: self.updated,
            updated_by: self.updated_by,
            clock: self.clock,
            private: self.private,
            deleted: true,
            ..Entry::default()
        }
    }

    /// True while any field, or the entry itself (delete or keep), is in conflict.
    pub fn is_conflicted(&self) -> bool {
        self.is_conflicted_by_deletion()
            || super::fields::Field::MERGED
                .iter()
                .any(|f| self.field_in_conflict(*f))
    }

    /// True for a live version with a deletion it has not seen: a
    /// delete-or-keep conflict.
    pub fn is_conflicted_by_deletion(&self) -> bool {
        !self.deleted
            && (self.deletion.is_some()
                || self
                    .conflicts
                    .get(super::merge::DELETED)
                    .is_some_and(|ws| ws.iter().any(|w| w.value == super::merge::existence(true))))
    }

    /// True when a field holds concurrent writes of different values (writes
    /// of one value with different dots are kept, so that merges agree, but
    /// are no conflict to resolve).
    pub fn field_in_conflict(&self, field: super::fields::Field) -> bool {
        self.conflicts.get(field.key()).is_some_and(|others| {
            let first = field.owned(self);
            others.iter().any(|w| w.value != first)
        })
    }

    /// True when the entry gives some way to reach it: a phone number, an
    /// address, an e-mail address, a website or opening hours. Without one,
    /// a referral slip can only say the city.
    pub fn can_be_reached(&self) -> bool {
        [
            &self.phone,
            &self.address,
            &self.email,
            &self.website,
            &self.hours,
        ]
        .iter()
        .any(|f| !f.trim().is_empty())
    }

    /// True when the details were never checked, or last checked more than a year before `today`.
    pub fn is_stale(&self, today: chrono::NaiveDate) -> bool {
        self.verified.is_none_or(|v| (today - v).num_days() > 365)
    }

    /// Bit set of [`LifeDomain::bit`]s.
    pub fn domain_bits(&self) -> u16 {
        self.domains.iter().fold(0, |acc, d| acc | d.bit())
    }
}

/// True for ids of 1 to 64 characters of `a-z`, `0-9` and `-`.
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
