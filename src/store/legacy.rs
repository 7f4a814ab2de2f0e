//! Records as releases before format 2 stored them (value version 1): every
//! concurrent version whole. Read on open and turned into format-2 records,
//! each version getting the dot format 1 gives it (social-map-format.md,
//! "Reading format 1").

use crate::map::clock::Clock;
use crate::map::domain::{Kind, LifeDomain};
use crate::map::entry::Entry;
use crate::map::merge::{Record, merge, normalised};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

/// An entry of value version 1, field for field (bincode is not self-describing).
#[derive(Deserialize)]
struct EntryV1 {
    id: String,
    kind: Kind,
    name: String,
    organisation: String,
    role: String,
    description: String,
    domains: Vec<LifeDomain>,
    areas: Vec<String>,
    city: String,
    address: String,
    postcode: String,
    phone: String,
    email: String,
    website: String,
    hours: String,
    languages: Vec<String>,
    audience: String,
    cost: String,
    referral: String,
    tags: Vec<String>,
    verified: Option<NaiveDate>,
    verified_by: String,
    updated: Option<DateTime<Utc>>,
    updated_by: String,
    clock: Clock,
    private: bool,
    deleted: bool,
}

#[derive(Deserialize)]
struct RecordV1 {
    versions: Vec<EntryV1>,
}

impl From<EntryV1> for Entry {
    fn from(old: EntryV1) -> Entry {
        let created = old
            .clock
            .dot_of(&old.updated_by)
            .filter(|_| !old.updated_by.is_empty());
        normalised(Entry {
            id: old.id,
            kind: old.kind,
            name: old.name,
            organisation: old.organisation,
            role: old.role,
            description: old.description,
            domains: old.domains,
            areas: old.areas,
            city: old.city,
            address: old.address,
            postcode: old.postcode,
            phone: old.phone,
            email: old.email,
            website: old.website,
            hours: old.hours,
            languages: old.languages,
            audience: old.audience,
            cost: old.cost,
            referral: old.referral,
            tags: old.tags,
            verified: old.verified,
            verified_by: old.verified_by,
            updated: old.updated,
            updated_by: old.updated_by,
            clock: old.clock,
            created,
            private: old.private,
            deleted: old.deleted,
            ..Entry::default()
        })
    }
}

/// A version-1 record (the bytes after the version byte) as a format-2 record.
pub fn decode_v1(body: &[u8]) -> Option<Record> {
    let (old, _): (RecordV1, usize) =
        bincode::serde::decode_from_slice(body, bincode::config::standard()).ok()?;
    let mut versions = old.versions.into_iter().map(Entry::from);
    let first = versions.next()?;
    Some(Record::new(versions.fold(first, |acc, v| merge(&acc, &v))))
}
