//! One entry of the social map: a key figure, initiative or service.

use super::clock::Clock;
use super::domain::{Kind, LifeDomain};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

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
    pub verified: Option<NaiveDate>,
    pub verified_by: String,
    pub updated: Option<DateTime<Utc>>,
    pub updated_by: String,
    pub clock: Clock,
    pub private: bool,
    pub deleted: bool,
}

impl Entry {
    /// Strips a tombstone to what the format says it needs, so that a
    /// tombstone written out and read back is the same value.
    pub fn into_tombstone(self) -> Entry {
        Entry {
            id: self.id,
            updated: self.updated,
            updated_by: self.updated_by,
            clock: self.clock,
            private: self.private,
            deleted: true,
            ..Entry::default()
        }
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
