//! The merge rules of format 2 (social-map-format.md, "Merge rules"), as pure
//! functions: deletion first, then dominance, otherwise field by field, each
//! field keeping the writes that no side saw and wrote over.
//!
//! A [`Record`] is what the store keeps for one id: one version, which holds
//! every concurrent write of a field in conflict. [`merge`] is commutative,
//! associative and idempotent, so imports in any order give the same state.

use super::clock::{Clock, Dot};
use super::entry::{Entry, Tombstone, Write};
use super::fields::Field;
use serde::{Deserialize, Serialize};

/// What the store keeps for one entry id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    entry: Entry,
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
        Record { entry }
    }

    pub fn id(&self) -> &str {
        &self.entry.id
    }

    /// The one version: with its conflicts, or a tombstone.
    pub fn entry(&self) -> &Entry {
        &self.entry
    }

    pub fn into_entry(self) -> Entry {
        self.entry
    }

    /// The version as a one-element slice (backups and restores walk it).
    pub fn versions(&self) -> &[Entry] {
        std::slice::from_ref(&self.entry)
    }

    pub fn is_conflicted(&self) -> bool {
        self.entry.is_conflicted()
    }

    /// True when the entry is gone (a tombstone).
    pub fn is_deleted(&self) -> bool {
        self.entry.deleted
    }

    /// The version to show and search, unless the entry is gone. A field in
    /// conflict shows its first write.
    pub fn shown(&self) -> Option<&Entry> {
        (!self.entry.deleted).then_some(&self.entry)
    }

    /// The version to show, taken out of the record, and whether it is in conflict.
    pub fn into_shown(self) -> Option<(Entry, bool)> {
        let conflicted = self.is_conflicted();
        (!self.entry.deleted).then_some((self.entry, conflicted))
    }

    /// Merges one incoming version and says what changed.
    pub fn merge(&mut self, incoming: Entry) -> Outcome {
        let merged = merge(&self.entry, &incoming);
        let outcome = outcome(Some(&self.entry), &merged);
        self.entry = merged;
        outcome
    }
}

/// What turning `before` into `after` was, for the summary.
fn outcome(before: Option<&Entry>, after: &Entry) -> Outcome {
    match before {
        Some(b) if b == after => Outcome::Unchanged,
        _ if after.is_conflicted() => Outcome::Conflict,
        None if after.deleted => Outcome::Unchanged,
        None => Outcome::Added,
        Some(b) if b.deleted && after.deleted => Outcome::Unchanged,
        Some(b) if b.deleted => Outcome::Added,
        Some(_) if after.deleted => Outcome::Deleted,
        Some(_) => Outcome::Updated,
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
            let incoming = normalised(incoming);
            let outcome = outcome(None, &incoming);
            (Record::new(incoming), outcome)
        }
    }
}

/// The merge of two versions of one entry (same id).
///
/// Deletion is kept as two joins, which makes it order-independent: `T`,
/// every tombstone clock merged in, and `K`, what the live versions had seen
/// when they were kept (a live version without a delete-or-keep conflict
/// has kept all it saw). `T` covering everything is a deletion (rule 1);
/// `K` covering `T` is no conflict; otherwise delete or keep.
pub fn merge(a: &Entry, b: &Entry) -> Entry {
    if a == b {
        return a.clone();
    }
    let clock = a.clock.join(&b.clock);
    let seen_deleted = deletes(a).join(&deletes(b));
    // Privacy never travels (files hold no private entry): the newer version
    // says it, so that a private entry can be shared; concurrent, either.
    let private = if a.clock.covers_clock(&b.clock) && a.clock != b.clock {
        a.private
    } else if b.clock.covers_clock(&a.clock) && a.clock != b.clock {
        b.private
    } else {
        a.private || b.private
    };
    let later = later_update(a, b);
    if !seen_deleted.is_empty() && seen_deleted.covers_clock(&clock) {
        // Rule 1: the tombstones saw every edit: the entry is deleted.
        return Entry {
            id: a.id.clone(),
            clock,
            updated: later.updated,
            updated_by: later.updated_by.clone(),
            private,
            ..Entry::default()
        }
        .into_tombstone();
    }
    let mut out = match (a.deleted, b.deleted) {
        (false, false) => live(a, b),
        (true, _) => b.clone(),
        (false, true) => a.clone(),
    };
    // Live versions that a deletion saw were deleted, not kept.
    let mut kept: Vec<Clock> = keeps(a).into_iter().chain(keeps(b)).collect();
    kept.retain(|k| !seen_deleted.covers_clock(k));
    let all = kept.clone();
    kept.retain(|k| !all.iter().any(|o| o != k && o.covers_clock(k)));
    kept.sort();
    kept.dedup();
    let kept_all = kept.iter().fold(Clock::default(), |c, k| c.join(k));
    out.deletion = (!kept_all.covers_clock(&seen_deleted)).then(|| Tombstone {
        clock: seen_deleted,
        kept,
        updated: later.updated,
        updated_by: later.updated_by.clone(),
    });
    out.clock = clock;
    out.updated = later.updated;
    out.updated_by = later.updated_by.clone();
    out.private = private;
    forget_deleted(&mut out);
    normalised(out)
}

/// The tombstone clocks a version carries: its own, when it is one.
fn deletes(e: &Entry) -> Clock {
    if e.deleted {
        return e.clock.clone();
    }
    e.deletion
        .as_ref()
        .map(|t| t.clock.clone())
        .unwrap_or_default()
}

/// What a version kept alive: all it saw, unless it is in a delete-or-keep conflict.
fn keeps(e: &Entry) -> Vec<Clock> {
    if e.deleted {
        return Vec::new();
    }
    match &e.deletion {
        Some(t) => t.kept.clone(),
        None => vec![e.clock.clone()],
    }
}

/// In a delete-or-keep conflict the live side holds only what the
/// tombstones have not seen: a write they cover was deleted (rule 3, with
/// the tombstone as the side that lacks it). A field left without a write is
/// empty. This makes the result the same in every order of merging.
fn forget_deleted(e: &mut Entry) {
    let Some(seen) = e.deletion.as_ref().map(|t| t.clock.clone()) else {
        return;
    };
    let mut dots = Vec::with_capacity(Field::MERGED.len());
    for field in Field::MERGED {
        let mut ws = real_writes(e, field);
        ws.retain(|w| !w.dot.as_ref().is_some_and(|d| seen.covers(d)));
        if ws.is_empty() {
            ws.push(Write {
                value: empty(field),
                dot: None,
            });
        }
        dots.push((field, set_writes(e, field, ws)));
    }
    fix_dots(e, &dots);
}

/// A field's empty value.
fn empty(field: Field) -> super::entry::FieldValue {
    use super::entry::FieldValue;
    match field.shape() {
        super::fields::Shape::List | super::fields::Shape::Domains => FieldValue::List(Vec::new()),
        _ => FieldValue::Text(String::new()),
    }
}

/// The version whose `updated`/`updated_by` pair is later (ties: the larger worker id).
fn later_update<'a>(a: &'a Entry, b: &'a Entry) -> &'a Entry {
    if (a.updated, &a.updated_by) >= (b.updated, &b.updated_by) {
        a
    } else {
        b
    }
}

/// Rules 2 to 4 for two live versions: dominance, else field by field.
fn live(a: &Entry, b: &Entry) -> Entry {
    if a.clock.covers_clock(&b.clock) && a.clock != b.clock {
        return a.clone();
    }
    if b.clock.covers_clock(&a.clock) && a.clock != b.clock {
        return b.clone();
    }
    let mut out = later_update(a, b).clone();
    out.conflicts.clear();
    let verified = if (a.verified, &a.verified_by) >= (b.verified, &b.verified_by) {
        a
    } else {
        b
    };
    out.verified = verified.verified;
    out.verified_by = verified.verified_by.clone();
    out.created = match (&a.created, &b.created) {
        (Some(x), Some(y)) => Some(x.min(y).clone()),
        (x, y) => x.clone().or_else(|| y.clone()),
    };
    let mut dots = Vec::with_capacity(Field::MERGED.len());
    for field in Field::MERGED {
        let (wa, wb) = (real_writes(a, field), real_writes(b, field));
        let mut kept: Vec<Write> = Vec::with_capacity(wa.len() + wb.len());
        for w in wa.iter().chain(&wb) {
            let seen_over = |side: &Entry, has: &[Write]| {
                !has.contains(w) && w.dot.as_ref().is_some_and(|d| side.clock.covers(d))
            };
            if !seen_over(a, &wa) && !seen_over(b, &wb) && !kept.contains(w) {
                kept.push(w.clone());
            }
        }
        if kept.is_empty() {
            // Both sides saw every write and dropped it: only a deletion in conflict does that.
            kept.push(Write {
                value: empty(field),
                dot: None,
            });
        }
        dots.push((field, set_writes(&mut out, field, kept)));
    }
    fix_dots(&mut out, &dots);
    out
}

/// The writes of a field: the value it holds with its dot, then the others
/// of a conflict.
pub fn writes(e: &Entry, field: Field) -> Vec<Write> {
    let mut out = vec![Write {
        value: field.owned(e),
        dot: dot_of(e, field),
    }];
    if let Some(more) = e.conflicts.get(field.key()) {
        out.extend(more.iter().cloned());
    }
    out
}

/// The writes a merge weighs: without the empty stand-in of a field whose
/// writes a tombstone in conflict saw (see [`forget_deleted`]).
fn real_writes(e: &Entry, field: Field) -> Vec<Write> {
    let mut ws = writes(e, field);
    if e.deletion.is_some() {
        let blank = empty(field);
        ws.retain(|w| w.dot.is_some() || w.value != blank);
    }
    ws
}

/// The edit that last wrote a field of a version.
pub fn dot_of(e: &Entry, field: Field) -> Option<Dot> {
    e.written.get(field.key()).or(e.created.as_ref()).cloned()
}

/// Sets a field to its writes in the order every laptop uses (by replica id,
/// then counter; writes without a dot last): the first is the value, the
/// others its conflict. Returns the first write's dot.
fn set_writes(e: &mut Entry, field: Field, mut writes: Vec<Write>) -> Option<Dot> {
    writes.sort_by(|x, y| match (&x.dot, &y.dot) {
        (Some(p), Some(q)) => p.cmp(q).then_with(|| x.value.cmp(&y.value)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.value.cmp(&y.value),
    });
    let mut rest = writes.into_iter();
    let first = rest.next()?;
    field.put(e, &first.value);
    let others: Vec<Write> = rest.collect();
    if others.is_empty() {
        e.conflicts.remove(field.key());
    } else {
        e.conflicts.insert(field.key().to_string(), others);
    }
    first.dot
}

/// Writes each field's dot into `written`, leaving out those equal to
/// `created`; when a field has no dot, `created` cannot stand for it and
/// every dot is listed.
fn fix_dots(e: &mut Entry, dots: &[(Field, Option<Dot>)]) {
    if dots.iter().any(|(_, d)| d.is_none()) {
        e.created = None;
    }
    e.written.clear();
    for (field, dot) in dots {
        if let Some(dot) = dot
            && Some(dot) != e.created.as_ref()
        {
            e.written.insert(field.key().to_string(), dot.clone());
        }
    }
}

/// A version in the one form the store keeps: `written` without the dots
/// that `created` already says, a conflict's writes in order.
pub fn normalised(mut e: Entry) -> Entry {
    if e.deleted {
        return e.into_tombstone();
    }
    let mut dots = Vec::with_capacity(Field::MERGED.len());
    for field in Field::MERGED {
        let w = writes(&e, field);
        dots.push((field, set_writes(&mut e, field, w)));
    }
    fix_dots(&mut e, &dots);
    e
}

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

/// The clock of a record: what a new edit must cover.
pub fn clock_of(record: Option<&Record>) -> Clock {
    record.map(|r| r.entry.clock.clone()).unwrap_or_default()
}
