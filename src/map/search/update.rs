//! Changing an index in place when a few entries change (a save, a delete,
//! a resolved conflict, a small merge): the old version of each stops
//! showing, the new one is added after the others with its words in a small
//! vocabulary of their own. A save at 100,000 entries then costs about a
//! millisecond instead of building the whole index again.
//!
//! Ranking stays as it was: an added entry's words are scored against the
//! same number of entries, and ties go by name as before.

use super::lists::word_lists;
use super::{Doc, Index, traits};
use crate::map::words::fold;
use rustc_hash::{FxHashMap, FxHashSet};

/// Entries added since the index was built beyond which it is built anew:
/// the words of every added entry are worked out again on each update.
const REBUILD_AFTER: usize = 2048;

impl Index {
    /// Applies changed entries: per id, its new version, or `None` when it
    /// was deleted (or shows no more). Afterwards the index answers as one
    /// built from the records as they now are.
    pub fn update(&mut self, changes: Vec<(String, Option<Doc>)>) {
        if changes.is_empty() {
            return;
        }
        // The last change of an id is its version now.
        let mut latest: FxHashMap<String, Option<Doc>> = FxHashMap::default();
        let mut order = Vec::new();
        for (id, doc) in changes {
            if latest.insert(id.clone(), doc).is_none() {
                order.push(id);
            }
        }
        let ids: FxHashSet<&str> = order.iter().map(String::as_str).collect();
        let old = self.positions_of(&ids);
        let new: Vec<Doc> = order
            .iter()
            .filter_map(|id| latest.get(id).cloned().flatten())
            .collect();
        if self.added.len() + new.len() > REBUILD_AFTER {
            let mut docs = self.live_docs_but(&old);
            docs.extend(new);
            *self = Index::from_docs(docs);
            return;
        }
        self.dead.resize(self.n, false);
        for &d in &old {
            if !self.dead[d as usize] {
                self.dead[d as usize] = true;
                self.live -= 1;
            }
        }
        let dead = &self.dead;
        self.by_name.retain(|&d| !dead[d as usize]);
        let _ = self.names();
        for doc in new {
            self.add(doc);
        }
        self.name_rank.resize(self.n, 0);
        for (rank, &d) in self.by_name.iter().enumerate() {
            self.name_rank[d as usize] = rank as u32;
        }
        let base = self.base_len();
        self.vocab.set_fresh(word_lists(&self.added, base));
    }

    /// The position of the entry with this id (a hit's `doc`), without
    /// decoding entries: one just saved is found among the added at once.
    pub fn position(&self, id: &str) -> Option<u32> {
        let base = self.base_len() as u32;
        let added = self.added.iter().rposition(|d| d.entry.id == id);
        if let Some(d) = added.map(|i| base + i as u32).filter(|&d| !self.is_dead(d)) {
            return Some(d);
        }
        let ids = FxHashSet::from_iter([id]);
        self.positions_of(&ids).into_iter().max()
    }

    /// True when entries changed since the index was built or read.
    pub(super) fn is_updated(&self) -> bool {
        !self.added.is_empty() || self.live != self.n
    }

    /// The index built anew from the entries as they now are.
    pub(super) fn rebuilt(&self) -> Index {
        Index::from_docs(self.live_docs_but(&[]))
    }

    /// Every entry that shows, but those at `except`.
    fn live_docs_but(&self, except: &[u32]) -> Vec<Doc> {
        let except: FxHashSet<u32> = except.iter().copied().collect();
        (0..self.n as u32)
            .filter(|&d| !self.is_dead(d) && !except.contains(&d))
            .map(|d| self.doc_at(d).clone())
            .collect()
    }

    /// The positions of the entries (that still show) with these ids.
    fn positions_of(&self, ids: &FxHashSet<&str>) -> Vec<u32> {
        let by_id = self.ids.get_or_init(|| self.docs.ids());
        let mut found: Vec<u32> = ids
            .iter()
            .filter_map(|&id| by_id.get(id).copied())
            .filter(|&d| !self.is_dead(d))
            .collect();
        let base = self.base_len() as u32;
        for (i, doc) in self.added.iter().enumerate() {
            let d = base + i as u32;
            if !self.is_dead(d) && ids.contains(doc.entry.id.as_str()) {
                found.push(d);
            }
        }
        found
    }

    /// Adds one entry at the next position: its traits, areas, folded name
    /// and place in name order (its words come with the fresh vocabulary).
    fn add(&mut self, doc: Doc) {
        let d = self.n as u32;
        let folded = fold(&doc.entry.name);
        let at = self.by_name.partition_point(|&other| {
            let name = self.names().get(other as usize);
            match name.cmp(folded.as_str()) {
                std::cmp::Ordering::Equal => self.doc_at(other).entry.id < doc.entry.id,
                less_or_more => less_or_more.is_lt(),
            }
        });
        self.by_name.insert(at, d);
        self.traits.push(traits(&doc.entry));
        for area in &doc.entry.areas {
            let known = self.areas.names.iter().position(|a| a == area.as_str());
            let id = match known {
                Some(id) => id,
                None => {
                    self.areas.names.push(area);
                    self.areas.folded.push(fold(area));
                    self.areas.names.len() - 1
                }
            };
            self.areas.ids.push(id as u32);
        }
        self.areas.doc_ends.push(self.areas.ids.len() as u32);
        if let Some(names) = self.names.get_mut() {
            names.push(&folded);
        }
        self.added.push(doc);
        self.dead.push(false);
        self.n += 1;
        self.live += 1;
    }
}
