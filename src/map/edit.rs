//! Local edits: who makes them, and how a new version is stamped so that it
//! wins over every version this laptop knows (and travels like any edit).

use super::clock::Dot;
use super::entry::{Entry, FieldValue, Write, is_valid_id};
use super::fields::Field;
use super::merge::{self, Record, clock_of, existence, normalised, presence, writes};
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

/// Who makes an edit: the worker (who, in `updated_by`) on which replica
/// (which copy, in the clock and the dots).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Author<'a> {
    pub worker: &'a str,
    pub replica: &'a str,
}

/// A new replica id for `worker`: `<worker>.<6 random chars of [a-z0-9]>`.
pub fn new_replica_id(worker: &str) -> String {
    format!("{worker}.{}", random_suffix())
}

fn random_suffix() -> String {
    const CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let mut rng = fastrand::Rng::new();
    (0..6)
        .map(|_| char::from(CHARS[rng.usize(..CHARS.len())]))
        .collect()
}

/// Turns new content into the next version of an entry: one edit by
/// `by.replica`, whose dot goes to every field whose value changed (a field
/// in conflict that the edit changes is resolved by it; one it leaves alone
/// stays in conflict). A new entry, or one that was deleted, gets the dot as
/// `created`. Only a new entry may be private.
pub fn stamp(
    content: Entry,
    current: Option<&Record>,
    by: Author<'_>,
    now: DateTime<Utc>,
) -> Entry {
    let mut clock = clock_of(current).join(&content.clock);
    clock.bump(by.replica);
    let dot = Dot::new(by.replica, clock.get(by.replica));
    let base = current.and_then(|r| r.shown());
    let mut next = match base {
        _ if content.deleted => {
            // A deletion writes the entry's existence `true` with its dot.
            let mut gone = Entry {
                clock,
                updated: Some(now),
                updated_by: by.worker.to_string(),
                ..content
            }
            .into_tombstone();
            gone.conflicts.clear();
            gone.written.clear();
            gone.written.insert(DELETED.to_string(), dot);
            return gone;
        }
        None => Entry {
            created: Some(dot.clone()),
            written: Default::default(),
            conflicts: Default::default(),
            deletion: None,
            deleted: false,
            ..content
        },
        Some(base) => {
            let mut next = base.clone();
            for field in Field::MERGED {
                let value = field.owned(&content);
                if value != field.owned(base) {
                    field.put(&mut next, &value);
                    next.written.insert(field.key().to_string(), dot.clone());
                    next.conflicts.remove(field.key());
                }
            }
            next.verified = content.verified;
            next.verified_by = content.verified_by;
            next.private = base.private && content.private;
            settle_agreeing(&mut next, &dot);
            next
        }
    };
    next.clock = clock;
    next.updated = Some(now);
    next.updated_by = by.worker.to_string();
    normalised(next)
}

/// A tombstone for an entry: removed here and, after the next sync, everywhere.
pub fn tombstone(current: &Record, by: Author<'_>, now: DateTime<Utc>) -> Entry {
    let gone = Entry {
        id: current.id().to_string(),
        private: current.entry().private,
        deleted: true,
        ..Entry::default()
    };
    stamp(gone, Some(current), by, now)
}

/// "I checked these details today": bookkeeping, carried by an edit of its own.
pub fn verified(
    content: &Entry,
    current: &Record,
    by: Author<'_>,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Entry {
    let checked = Entry {
        verified: Some(today),
        verified_by: by.worker.to_string(),
        ..content.clone()
    };
    stamp(checked, Some(current), by, now)
}

/// The key under which a delete-or-keep conflict is listed and resolved.
pub use super::merge::DELETED;

/// The conflicted fields of a version, each with its writes in the order
/// every laptop shows them: the entry itself first (`deleted`: 1 keep,
/// 2 delete), then the fields in [`Field::MERGED`] order.
pub fn conflicted_fields(e: &Entry) -> Vec<(&'static str, Vec<Write>)> {
    let mut out = Vec::new();
    if e.is_conflicted_by_deletion() {
        // One line per choice: the first write that keeps it (the edits a
        // deletion did not see keep it too) and the first deletion.
        let ws = presence(e);
        let kept = ws.iter().find(|w| w.value == existence(false)).cloned();
        let keep = kept.unwrap_or_else(|| Write {
            value: existence(false),
            dot: e.clock.dot_of(e.updated_by.as_str()),
        });
        if let Some(gone) = ws.into_iter().find(|w| w.value == existence(true)) {
            out.push((DELETED, vec![keep, gone]));
        }
    }
    for field in Field::MERGED {
        if e.field_in_conflict(field) {
            // One line per value: writes of the same value are one choice.
            let mut distinct: Vec<Write> = Vec::new();
            for w in writes(e, field) {
                if !distinct.iter().any(|d| d.value == w.value) {
                    distinct.push(w);
                }
            }
            out.push((field.key(), distinct));
        }
    }
    out
}

/// An edit also covers the writes of fields that hold one value under
/// several dots: they become one write, with the edit's dot.
fn settle_agreeing(e: &mut Entry, dot: &Dot) {
    for field in Field::MERGED {
        if e.conflicts.contains_key(field.key()) && !e.field_in_conflict(field) {
            e.conflicts.remove(field.key());
            e.written.insert(field.key().to_string(), dot.clone());
        }
    }
}

/// Why a resolution is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadResolve {
    /// The field is not in conflict.
    NotInConflict(String),
    /// There is no value N: the field has `count`.
    NoSuchValue { field: String, count: usize },
    /// Keeping a deleted entry whose name or life domains went with the deletion.
    NothingToKeep,
}

/// Resolves `field` (or every conflicted field) by keeping value `keep`
/// (1-based, as [`conflicted_fields`] lists them), as one new edit whose dot
/// covers every write it replaces.
pub fn resolve(
    record: &Record,
    field: Option<&str>,
    keep: usize,
    by: Author<'_>,
    now: DateTime<Utc>,
) -> Result<Entry, BadResolve> {
    let e = record.entry();
    let conflicted = conflicted_fields(e);
    let chosen: Vec<_> = match field {
        Some(f) => conflicted.into_iter().filter(|(k, _)| *k == f).collect(),
        None => conflicted,
    };
    if chosen.is_empty() {
        return Err(BadResolve::NotInConflict(
            field.unwrap_or(e.id.as_str()).to_string(),
        ));
    }
    let mut clock = e.clock.clone();
    clock.bump(by.replica);
    let dot = Dot::new(by.replica, clock.get(by.replica));
    let mut next = e.clone();
    for (key, writes) in chosen {
        let Some(kept) = keep.checked_sub(1).and_then(|i| writes.get(i)) else {
            return Err(BadResolve::NoSuchValue {
                field: key.to_string(),
                count: writes.len(),
            });
        };
        if key == DELETED {
            if kept.value == FieldValue::Text("true".into()) {
                return Ok(tombstone(record, by, now));
            }
            if next.name.trim().is_empty() || next.domains.is_empty() {
                // What the deletion saw is gone: there is no entry left to keep.
                return Err(BadResolve::NothingToKeep);
            }
            // Keeping writes the entry's existence with the new dot, which
            // covers every deletion it answers.
            next = merge::keep(&next, &dot);
            continue;
        }
        if let Some(f) = Field::from_key(key) {
            f.put(&mut next, &kept.value);
            next.written.insert(key.to_string(), dot.clone());
            next.conflicts.remove(key);
        }
    }
    settle_agreeing(&mut next, &dot);
    next.clock = clock;
    next.updated = Some(now);
    next.updated_by = by.worker.to_string();
    Ok(normalised(next))
}

/// An id for a new entry: a slug of its name (at most 57 chars) and `-` with
/// 6 random chars, so that two colleagues who each add "Taalcafé" make two
/// entries. "Buurthuis De Boog" → "buurthuis-de-boog-k3m9x2".
pub fn new_id(name: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.ends_with('-') && !base.is_empty() {
            base.push('-');
        }
    }
    let mut base: String = base.trim_end_matches('-').chars().take(57).collect();
    base = base.trim_end_matches('-').to_string();
    if base.is_empty() {
        base = "vermelding".into();
    }
    loop {
        let id = format!("{base}-{}", random_suffix());
        if !taken(&id) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::merge::{Outcome, merge_into};

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000, 0).expect("valid time")
    }

    const ANNA: Author<'static> = Author {
        worker: "anna",
        replica: "anna.aaaaaa",
    };
    const BRAM: Author<'static> = Author {
        worker: "bram",
        replica: "bram.bbbbbb",
    };

    fn new_entry() -> Entry {
        stamp(
            Entry {
                id: "x".into(),
                name: "A".into(),
                phone: "1".into(),
                ..Entry::default()
            },
            None,
            ANNA,
            now(),
        )
    }

    #[test]
    fn an_edit_writes_a_dot_to_the_fields_it_changes_only() {
        let made = new_entry();
        assert_eq!(made.created, Some(Dot::new("anna.aaaaaa", 1)));
        let record = Record::new(made.clone());
        let edit = stamp(
            Entry {
                phone: "2".into(),
                ..made
            },
            Some(&record),
            BRAM,
            now(),
        );
        assert_eq!(edit.updated_by, "bram");
        assert_eq!(edit.written.get("phone"), Some(&Dot::new("bram.bbbbbb", 1)));
        assert_eq!(edit.written.len(), 1);
        let (record, outcome) = merge_into(Some(record), edit.clone());
        assert_eq!(outcome, Outcome::Updated);
        assert_eq!(record.entry(), &edit);
    }

    #[test]
    fn resolving_one_field_writes_a_new_dot_that_covers_both() {
        let made = new_entry();
        let base = Record::new(made.clone());
        let a = stamp(
            Entry {
                phone: "a".into(),
                ..made.clone()
            },
            Some(&base),
            ANNA,
            now(),
        );
        let b = stamp(
            Entry {
                phone: "b".into(),
                ..made
            },
            Some(&base),
            BRAM,
            now(),
        );
        let (record, outcome) = merge_into(Some(Record::new(a)), b.clone());
        assert_eq!(outcome, Outcome::Conflict);
        let fields = conflicted_fields(record.entry());
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].0, "phone");
        let later = DateTime::from_timestamp(1_800_000_060, 0).expect("valid time");
        let fixed = resolve(&record, Some("phone"), 2, ANNA, later).expect("resolves");
        assert_eq!(fixed.phone, "b");
        assert!(!fixed.is_conflicted());
        let (again, _) = merge_into(Some(Record::new(fixed.clone())), b);
        assert_eq!(again.entry(), &fixed, "the resolution covers bram's write");
        assert_eq!(
            resolve(&again, Some("phone"), 1, ANNA, now()),
            Err(BadResolve::NotInConflict("phone".into()))
        );
    }

    #[test]
    fn ids_come_from_names_with_a_random_suffix() {
        let id = new_id("Buurthuis De Boog", |_| false);
        assert!(
            id.starts_with("buurthuis-de-boog-") && id.len() == 24,
            "{id}"
        );
        assert!(new_id("Café 't Hoekje!", |_| false).starts_with("cafe-t-hoekje-"));
        assert_ne!(new_id("Taalcafé", |_| false), new_id("Taalcafé", |_| false));
        assert!(new_id("???", |_| false).starts_with("vermelding-"));
        let long = new_id(&"x".repeat(200), |_| false);
        assert!(is_valid_id(&long) && long.len() == 64, "{long}");
        let r = new_replica_id("anna");
        assert!(
            crate::map::clock::is_replica_id(&r) && r.starts_with("anna."),
            "{r}"
        );
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
