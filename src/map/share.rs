//! What travels to colleagues: which version of each entry goes into a file.

use super::entry::Entry;
use super::file::MapFile;
use super::merge::Record;
use super::query::area_matches;
use super::words::fold;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// Which part of the map to export: all of it, or some domains or areas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Bits of life domains; 0 means every domain.
    pub domain_bits: u16,
    /// Area prefixes, folded; empty means every area.
    pub areas: Vec<String>,
    /// Only these entries: what the interface shows for a search.
    pub ids: Option<BTreeSet<String>>,
}

impl Selection {
    pub fn areas<S: AsRef<str>>(mut self, areas: &[S]) -> Selection {
        self.areas = areas.iter().map(|a| fold(a.as_ref())).collect();
        self
    }

    fn is_whole_map(&self) -> bool {
        self.domain_bits == 0 && self.areas.is_empty() && self.ids.is_none()
    }

    fn takes(&self, e: &Entry) -> bool {
        if e.deleted {
            // A filtered export cannot tell where a tombstone belonged.
            return self.is_whole_map();
        }
        self.ids.as_ref().is_none_or(|ids| ids.contains(&e.id))
            && (self.domain_bits == 0 || e.domain_bits() & self.domain_bits != 0)
            && (self.areas.is_empty()
                || e.areas.iter().any(|a| {
                    let a = fold(a);
                    self.areas.iter().any(|p| area_matches(&a, p))
                }))
    }
}

/// Every shareable entry: private ones never leave the laptop. A version
/// travels whole, with the other writes of a field in conflict.
pub fn exportable(records: &[Record], selection: &Selection, _worker: Option<&str>) -> Vec<Entry> {
    records
        .iter()
        .map(Record::entry)
        .filter(|e| !e.private && selection.takes(e))
        .cloned()
        .collect()
}

/// A whole social-map file, stamped with who exported it and when.
pub fn export_file(
    records: &[Record],
    selection: &Selection,
    worker: Option<&str>,
    now: DateTime<Utc>,
) -> MapFile {
    MapFile {
        name: String::new(),
        exported_at: Some(now),
        exported_by: worker.unwrap_or_default().to_string(),
        entries: exportable(records, selection, worker),
    }
}
