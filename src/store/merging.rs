//! One merge (import, sync, restore) as a run that takes its incoming
//! versions in parts: an import hands over one slice of a file at a time, so
//! that its entries are never all in memory, and the run stays all or
//! nothing (what it replaces is noted in `undo` first; [`Merging::abandon`]
//! or the next open puts it back).

use super::{ABSENT, CHUNK, GENERATION, MERGING, Store, StoreError, decode, encode, kept, meta};
use crate::map::entry::Entry;
use crate::map::merge::{self, Outcome, Record, Summary, merge_into};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::Ordering;

/// A merge under way.
pub(crate) struct Merging<'s> {
    store: &'s Store,
    /// Versions from files never change a private entry.
    from_files: bool,
    /// This data dir's replica id, to notice a clone.
    own: Option<String>,
    summary: Summary,
    done: usize,
    /// The first record has been written: the `merging` mark is set.
    started: bool,
    /// Ids whose state before the run is noted in `undo`.
    noted: HashSet<String>,
    /// With `collect_own`: the ids of the shared entries merged.
    own_ids: Option<Vec<String>>,
    /// The changes for the kept index, when there is one to go on from.
    kept_delta: Option<kept::Delta>,
}

/// One id a chunk touched: its record now, whether it changed, and its
/// stored bytes before the run (for the undo note).
struct Touched {
    record: Record,
    dirty: bool,
    before: Option<sled::IVec>,
}

impl Store {
    /// Starts a merge; nothing is written until a record changes.
    pub(crate) fn merging(&self, from_files: bool) -> Result<Merging<'_>, StoreError> {
        Ok(Merging {
            store: self,
            from_files,
            own: self.current_replica()?,
            summary: Summary::default(),
            done: 0,
            started: false,
            noted: HashSet::new(),
            own_ids: None,
            kept_delta: None,
        })
    }
}

impl Merging<'_> {
    /// Also keeps the ids of the shared entries merged (an import puts them
    /// into this replica's file in the shared folder).
    pub(crate) fn collect_own(&mut self) {
        self.own_ids = Some(Vec::new());
    }

    /// Merges a part of the incoming versions, a chunk (one sled batch) at
    /// a time; `progress(done, total)` after each chunk.
    pub(crate) fn add(
        &mut self,
        incoming: Vec<Entry>,
        total: usize,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), StoreError> {
        let mut entries = incoming.into_iter().peekable();
        while entries.peek().is_some() {
            let mut pending: HashMap<String, Touched> = HashMap::new();
            for entry in entries.by_ref().take(CHUNK) {
                self.one(entry, &mut pending)?;
                self.done += 1;
            }
            self.write(pending)?;

            progress(self.done, total);
        }
        Ok(())
    }

    /// Merges one version into what the chunk holds for its id.
    fn one(
        &mut self,
        entry: Entry,
        pending: &mut HashMap<String, Touched>,
    ) -> Result<(), StoreError> {
        self.note_foreign_dots(&entry, pending)?;
        let touched = match pending.remove(&entry.id) {
            Some(t) => t,
            None => {
                let before = self.store.records.get(entry.id.as_bytes())?;
                match &before {
                    Some(bytes) => Touched {
                        record: decode(entry.id.as_bytes(), bytes)?,
                        dirty: false,
                        before,
                    },
                    None => {
                        let (record, outcome) = merge_into(None, entry);
                        self.summary.count(outcome);
                        self.keep_own(&record);
                        pending.insert(
                            record.id().to_string(),
                            Touched {
                                record,
                                dirty: true,
                                before: None,
                            },
                        );
                        return Ok(());
                    }
                }
            }
        };
        let current = touched.record.entry();
        if self.from_files && current.private {
            if merge::merge(current, &entry) == *current {
                // The very version we have (a file read twice): nothing changes.
                self.summary.count(Outcome::Unchanged);
            } else {
                // Nothing from a file changes a private entry: a clash, skipped.
                self.summary.clashes += 1;
            }
            pending.insert(entry.id, touched);
            return Ok(());
        }
        let Touched {
            mut record,
            dirty,
            before,
        } = touched;
        // "Unchanged" also names two tombstones merged, whose clocks may still join.
        let tombstone = record.entry().deleted.then(|| record.entry().clone());
        let outcome = record.merge(entry);
        let changed =
            outcome != Outcome::Unchanged || tombstone.is_some_and(|t| t != *record.entry());
        self.summary.count(outcome);
        self.keep_own(&record);
        pending.insert(
            record.id().to_string(),
            Touched {
                record,
                dirty: dirty || changed,
                before,
            },
        );
        Ok(())
    }

    /// A dot of our own replica id that we never issued: a clone of this
    /// data dir is about (not for private entries, which files never change).
    fn note_foreign_dots(
        &mut self,
        entry: &Entry,
        pending: &HashMap<String, Touched>,
    ) -> Result<(), StoreError> {
        let Some(own) = &self.own else {
            return Ok(());
        };
        let theirs = entry.clock.get(own);
        if theirs == 0 || self.summary.foreign_own_dots {
            return Ok(());
        }
        let ours = match pending.get(&entry.id) {
            Some(t) if self.from_files && t.record.entry().private => return Ok(()),
            Some(t) => t.record.entry().clock.get(own),
            None => match self.store.records.get(entry.id.as_bytes())? {
                Some(bytes) => {
                    let record = decode(entry.id.as_bytes(), &bytes)?;
                    if self.from_files && record.entry().private {
                        return Ok(());
                    }
                    record.entry().clock.get(own)
                }
                None => 0,
            },
        };
        if theirs > ours {
            self.summary.foreign_own_dots = true;
        }
        Ok(())
    }

    fn keep_own(&mut self, record: &Record) {
        if let Some(ids) = &mut self.own_ids
            && !record.entry().private
        {
            ids.push(record.id().to_string());
        }
    }

    /// Writes the records of a chunk that changed, after noting what they were.
    fn write(&mut self, pending: HashMap<String, Touched>) -> Result<(), StoreError> {
        let store = self.store;
        let dirty: Vec<(String, Touched)> = pending.into_iter().filter(|(_, t)| t.dirty).collect();
        if dirty.is_empty() {
            return Ok(());
        }
        if !self.started {
            // The kept index's delta goes, and the generation moves, before any record does.
            self.kept_delta = store.index_changing()?;
            let mut start = sled::Batch::default();
            start.insert(MERGING, &[1u8][..]);
            start.insert(GENERATION, meta::encode_u64(store.generation()? + 1));
            store.meta.apply_batch(start)?;
            self.started = true;
        }
        let mut undo = sled::Batch::default();
        let mut batch = sled::Batch::default();
        for (id, touched) in &dirty {
            if !self.noted.contains(id) {
                match &touched.before {
                    Some(old) => {
                        let mut saved = vec![1u8];
                        saved.extend_from_slice(old);
                        undo.insert(id.as_bytes(), saved);
                    }
                    None => undo.insert(id.as_bytes(), ABSENT),
                }
                self.noted.insert(id.clone());
            }
            batch.insert(id.as_bytes(), encode(&touched.record)?);
        }
        store.undo.apply_batch(undo)?;
        store.note_changed(dirty.iter().map(|(id, _)| id.as_str()))?;
        store.records.apply_batch(batch)?;
        if let Some(delta) = &mut self.kept_delta {
            dirty
                .iter()
                .for_each(|(_, touched)| delta.note(&touched.record));
            if delta.is_full() {
                // Too many changes to carry: the index is built anew, and
                // the entries are not held till the end of a large merge.
                self.kept_delta = None;
                store.drop_kept_index()?;
            }
        }
        Ok(())
    }

    /// The ids kept by [`collect_own`](Merging::collect_own).
    pub(crate) fn take_own_ids(&mut self) -> Vec<String> {
        self.own_ids.take().unwrap_or_default()
    }

    /// Ends the merge: flushed, backed up, and a new replica id when a
    /// clone was noticed.
    pub(crate) fn finish(self) -> Result<Summary, StoreError> {
        let store = self.store;
        let mut summary = self.summary;
        if self.started {
            store.meta.remove(MERGING)?;
            store.db.flush()?;
            store.undo.clear()?;
            store.backup_now.store(true, Ordering::Relaxed);
            store.flush()?;
            store.index_changed(self.kept_delta);
        }
        if summary.foreign_own_dots {
            summary.new_replica = store.renew_replica()?;
        }
        Ok(summary)
    }

    /// Puts back everything the merge changed (a problem found late in an import).
    pub(crate) fn abandon(self) -> Result<(), StoreError> {
        if self.started {
            self.store.undo_merge()?;
        }
        Ok(())
    }
}
