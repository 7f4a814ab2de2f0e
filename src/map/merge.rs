//! The merge rules of format 2 (social-map-format.md, "Merge rules"), as pure
//! functions: deletion first, then dominance, otherwise field by field, each
//! field keeping the writes that no side saw and wrote over.
//!
//! A [`Record`] is what the store keeps for one id: one version, which holds
//! every concurrent write of a field in conflict. [`merge`] is commutative,
//! associative and idempotent, so imports in any order give the same state.

use super::clock::{Clock, Dot};
use super::entry::{Entry, FieldValue, Write};
use super::fields::Field;
use serde::{Deserialize, Serialize};

pub use super::summary::Summary;

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

/// The key under which the entry's own existence is merged, like a field
/// (`written.deleted`, `conflicts.deleted`).
pub const DELETED: &str = "deleted";

/// The value a deletion writes (`true`) or the edit that made or kept the entry (`false`).
pub fn existence(gone: bool) -> FieldValue {
    FieldValue::Text(if gone { "true" } else { "false" }.into())
}

fn is_gone(w: &Write) -> bool {
    w.value == existence(true)
}

/// The merge of two versions of one entry (same id).
///
/// Every field, and the entry's existence, is a set of writes merged by
/// rule 3: a write stays unless a side that lacks it has seen its dot.
/// Existence is written `false` by the edit that made the entry and by
/// every keep, `true` by every deletion. With no `true` left the entry is
/// live; with `true` writes only, and no field write they have not seen, it
/// is deleted (rule 1: the tombstones saw everything); with both, it is a
/// delete-or-keep conflict. Each part is a join of its own, so the merge is
/// commutative, associative and idempotent.
pub fn merge(a: &Entry, b: &Entry) -> Entry {
    if a == b {
        return a.clone();
    }
    let (a, b) = (&legacy(a), &legacy(b));
    let later = later_update(a, b);
    let verified = if (a.verified, &a.verified_by) >= (b.verified, &b.verified_by) {
        a
    } else {
        b
    };
    // Privacy never travels (files hold no private entry): the newer version
    // says it, so that a private entry can be shared; concurrent, either.
    let private = if a.clock.covers_clock(&b.clock) && a.clock != b.clock {
        a.private
    } else if b.clock.covers_clock(&a.clock) && a.clock != b.clock {
        b.private
    } else {
        a.private || b.private
    };
    let exists = union(&presence(a), &presence(b), a, b);
    let fields: Vec<(Field, Vec<Write>)> = Field::MERGED
        .iter()
        .map(|&f| (f, union(&field_writes(a, f), &field_writes(b, f), a, b)))
        .collect();
    let mut out = Entry {
        id: a.id.clone(),
        clock: a.clock.join(&b.clock),
        updated: later.updated,
        updated_by: later.updated_by.clone(),
        private,
        ..Entry::default()
    };
    let kept_alive =
        exists.iter().any(|w| !is_gone(w)) || fields.iter().any(|(_, ws)| !ws.is_empty());
    // Nothing alive on either side (two tombstones, even ones without a clock): a tombstone.
    if !kept_alive {
        out.deleted = true;
        set_existence(&mut out, exists);
        return out;
    }
    out.verified = verified.verified;
    out.verified_by = verified.verified_by.clone();
    encode(&mut out, fields, exists);
    out
}

/// Rule 3 for one set of writes: the union of both sides' writes, without
/// each write that one side lacks while that side's clock covers its dot.
/// (A side that holds another value under the same dot lacks nothing: a
/// hand edit conflicts.) A write without a dot comes from a version
/// without a clock (format 1 without `updated_by`): every clock that is not
/// empty covers that one, as rule 2 says.
fn union(wa: &[Write], wb: &[Write], a: &Entry, b: &Entry) -> Vec<Write> {
    let mut kept: Vec<Write> = Vec::with_capacity(wa.len() + wb.len());
    for w in wa.iter().chain(wb) {
        let seen_over = |side: &Entry, has: &[Write]| match &w.dot {
            Some(d) => side.clock.covers(d) && !has.iter().any(|x| x.dot.as_ref() == Some(d)),
            None => !side.clock.is_empty() && !has.iter().any(|x| x.dot.is_none()),
        };
        if !seen_over(a, wa) && !seen_over(b, wb) && !kept.contains(w) {
            kept.push(w.clone());
        }
    }
    kept
}

/// The writes of the entry's existence (see [`merge`]): the first in
/// `written.deleted`, the others in `conflicts.deleted`. Live, it holds the
/// keeps and the deletions in conflict (the edit that made the entry writes
/// every field; its field writes stand for it). A tombstone that does not
/// say which deletions it holds (written before) stands for the last edit
/// of every replica in its clock.
pub fn presence(e: &Entry) -> Vec<Write> {
    if e.deletion.is_some() {
        return presence(&legacy(e));
    }
    let more = e.conflicts.get(DELETED);
    let mut out: Vec<Write> = e
        .written
        .get(DELETED)
        .map(|d| Write {
            value: existence(e.deleted),
            dot: Some(d.clone()),
        })
        .into_iter()
        .collect();
    if e.deleted && out.is_empty() && more.is_none() {
        for (r, &n) in e.clock.0.iter().filter(|(_, n)| **n > 0) {
            out.push(Write {
                value: existence(true),
                dot: Some(Dot::new(r, n)),
            });
        }
    }
    if let Some(m) = more {
        out.extend(m.iter().cloned());
    }
    out
}

/// The writes of a field that a merge weighs: none for a tombstone, and
/// without the empty stand-in of a field whose every write a deletion in
/// conflict saw.
fn field_writes(e: &Entry, field: Field) -> Vec<Write> {
    if e.deleted {
        return Vec::new();
    }
    let mut ws = writes(e, field);
    if e.is_conflicted_by_deletion() {
        let blank = empty(field);
        ws.retain(|w| w.dot.is_some() || w.value != blank);
    }
    ws
}

/// Puts merged writes into a live version: each field's writes (an empty
/// stand-in where none is left), its existence, and `created`/`written` in
/// the one form every laptop writes.
fn encode(out: &mut Entry, fields: Vec<(Field, Vec<Write>)>, exists: Vec<Write>) {
    let mut dots = Vec::with_capacity(fields.len());
    for (field, mut ws) in fields {
        if ws.is_empty() {
            ws.push(Write {
                value: empty(field),
                dot: None,
            });
        }
        dots.push((field, set_writes(out, field, ws)));
    }
    set_existence(out, exists);
    fix_dots(out, &dots);
}

/// Sets the existence writes of a version: the first dotted one (a
/// tombstone: a deletion; live: a keep) in `written.deleted`, the others in
/// `conflicts.deleted`.
fn set_existence(e: &mut Entry, mut ws: Vec<Write>) {
    sort_writes(&mut ws);
    e.written.remove(DELETED);
    e.conflicts.remove(DELETED);
    let first = ws
        .iter()
        .position(|w| w.dot.is_some() && (e.deleted || !is_gone(w)))
        .map(|i| ws.remove(i));
    if let Some(d) = first.and_then(|w| w.dot) {
        e.written.insert(DELETED.to_string(), d);
    }
    if !ws.is_empty() {
        e.conflicts.insert(DELETED.to_string(), ws);
    }
}

/// The live version that keeping an entry in a delete-or-keep conflict
/// makes: its existence written `false` with the keep's dot `dot`, which
/// also goes to every field that the deletion left without a write.
pub fn keep(e: &Entry, dot: &Dot) -> Entry {
    let e = legacy(e);
    let fields: Vec<(Field, Vec<Write>)> = Field::MERGED
        .iter()
        .map(|&f| {
            let mut ws = field_writes(&e, f);
            if ws.is_empty() {
                ws.push(Write {
                    value: empty(f),
                    dot: Some(dot.clone()),
                });
            }
            (f, ws)
        })
        .collect();
    let mut out = e.into_owned();
    let exists = vec![Write {
        value: existence(false),
        dot: Some(dot.clone()),
    }];
    encode(&mut out, fields, exists);
    out
}

/// Reads a version written before existence was merged like a field: the
/// deletions of its delete-or-keep conflict are the last edits in the
/// tombstone clock that no kept version saw.
fn legacy(e: &Entry) -> std::borrow::Cow<'_, Entry> {
    let Some(t) = &e.deletion else {
        return std::borrow::Cow::Borrowed(e);
    };
    let kept = t.kept.iter().fold(Clock::default(), |c, k| c.join(k));
    let mut e = e.clone();
    e.deletion = None;
    let exists: Vec<Write> = t
        .clock
        .0
        .iter()
        .filter(|(r, n)| **n > kept.get(r))
        .map(|(r, n)| Write {
            value: existence(true),
            dot: Some(Dot::new(r, *n)),
        })
        .collect();
    if exists.is_empty() {
        return std::borrow::Cow::Owned(e);
    }
    let fields: Vec<(Field, Vec<Write>)> = Field::MERGED
        .iter()
        .map(|&f| {
            let mut ws = writes(&e, f);
            ws.retain(|w| w.dot.is_some() || w.value != empty(f));
            (f, ws)
        })
        .collect();
    encode(&mut e, fields, exists);
    std::borrow::Cow::Owned(e)
}

/// A field's empty value: what it holds in an entry with nothing set (the
/// stand-in of a field without writes).
fn empty(field: Field) -> FieldValue {
    field.owned(&Entry::default())
}

/// The version whose `updated`/`updated_by` pair is later (ties: the larger worker id).
fn later_update<'a>(a: &'a Entry, b: &'a Entry) -> &'a Entry {
    if (a.updated, &a.updated_by) >= (b.updated, &b.updated_by) {
        a
    } else {
        b
    }
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

/// The edit that last wrote a field of a version.
pub fn dot_of(e: &Entry, field: Field) -> Option<Dot> {
    e.written.get(field.key()).or(e.created.as_ref()).cloned()
}

/// The order every laptop uses: by replica id, then counter; writes without a dot last.
fn sort_writes(writes: &mut [Write]) {
    writes.sort_by(|x, y| match (&x.dot, &y.dot) {
        (Some(p), Some(q)) => p.cmp(q).then_with(|| x.value.cmp(&y.value)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => x.value.cmp(&y.value),
    });
}

/// Sets a field to its writes in the order every laptop uses: the first is
/// the value, the others its conflict. Returns the first write's dot.
fn set_writes(e: &mut Entry, field: Field, mut writes: Vec<Write>) -> Option<Dot> {
    sort_writes(&mut writes);
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
/// `created`: the dot most fields hold (ties: the first), so that a version
/// reads the same whichever laptop wrote it. When a field has no dot,
/// `created` cannot stand for it and every dot is listed.
fn fix_dots(e: &mut Entry, dots: &[(Field, Option<Dot>)]) {
    let mut counts: std::collections::BTreeMap<&Dot, usize> = std::collections::BTreeMap::new();
    for d in dots.iter().filter_map(|(_, d)| d.as_ref()) {
        *counts.entry(d).or_default() += 1;
    }
    let most = counts.values().copied().max().unwrap_or(0);
    e.created = if dots.iter().any(|(_, d)| d.is_none()) {
        None
    } else {
        counts
            .iter()
            .find(|(_, n)| **n == most)
            .map(|(d, _)| (*d).clone())
    };
    let existence = e.written.remove(DELETED);
    e.written.clear();
    if let Some(d) = existence {
        e.written.insert(DELETED.to_string(), d);
    }
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
pub fn normalised(e: Entry) -> Entry {
    let mut e = legacy(&e).into_owned();
    if e.deleted {
        let exists = presence(&e);
        let mut t = e.into_tombstone();
        set_existence(&mut t, exists);
        return t;
    }
    let exists = presence(&e);
    let fields: Vec<(Field, Vec<Write>)> = Field::MERGED
        .iter()
        .map(|&f| (f, field_writes(&e, f)))
        .collect();
    encode(&mut e, fields, exists);
    e
}

/// The clock of a record: what a new edit must cover.
pub fn clock_of(record: Option<&Record>) -> Clock {
    record.map(|r| r.entry.clock.clone()).unwrap_or_default()
}
