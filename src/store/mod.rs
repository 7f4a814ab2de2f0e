//! The local database: one sled tree of records keyed by entry id, one of
//! settings. Every value starts with a format-version byte so a later release
//! can migrate instead of failing.

use crate::map::builtin;
use crate::map::edit::Worker;
use crate::map::entry::Entry;
use crate::map::merge::{Outcome, Record, Summary, merge_into};
use crate::map::search::Index;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};

pub mod exchange;

/// The version byte in front of every stored record.
const VALUE_VERSION: u8 = 1;
/// Records merged per sled batch: big batches cost a lot of memory.
const CHUNK: usize = 1000;
/// sled's page cache; its default of 1 GiB is far too much for an old laptop.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;
const INITIALISED: &[u8] = b"initialised";
const WORKER: &[u8] = b"worker";
const SYNC_DIR: &[u8] = b"sync_dir";
/// Counts changes to the records, so a kept search index knows when it is stale.
const GENERATION: &[u8] = b"generation";
const INDEX: &[u8] = b"index";

/// What can go wrong with the data dir.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("data dir {0} is in use by another wijkkaart")]
    Locked(PathBuf),
    #[error("data dir {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Db(#[from] sled::Error),
    #[error("record {0} cannot be read")]
    Corrupt(String),
    #[error("record {0} was written by a newer wijkkaart")]
    Newer(String),
}

/// An open data dir. Only one process holds it at a time.
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    records: sled::Tree,
    meta: sled::Tree,
    _lock: File,
}

impl Store {
    /// Opens (or creates) the data dir. A new one gets the built-in map unless
    /// `default_map` is false.
    pub fn open(dir: &Path, default_map: bool) -> Result<Store, StoreError> {
        let io = |source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join("wijkkaart.lock"))
            .map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked(dir.to_path_buf()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let db = sled::Config::new()
            .path(dir.join("db"))
            .cache_capacity(CACHE_BYTES)
            .open()?;
        let store = Store {
            dir: dir.to_path_buf(),
            records: db.open_tree("records")?,
            meta: db.open_tree("meta")?,
            db,
            _lock: lock,
        };
        if !store.meta.contains_key(INITIALISED)? {
            if default_map {
                store.load_builtin_map()?;
            }
            store.meta.insert(INITIALISED, &[1u8][..])?;
            store.flush()?;
        }
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn load_builtin_map(&self) -> Result<(), StoreError> {
        // The built-in files are checked by the test suite; a broken one is skipped, not fatal.
        let entries: Vec<Entry> = builtin::files()
            .map(|files| files.into_iter().flat_map(|(_, f)| f.entries).collect())
            .unwrap_or_default();
        self.merge(entries, |_, _| {})?;
        Ok(())
    }

    /// Every stored record, in id order.
    pub fn records(&self) -> Result<Vec<Record>, StoreError> {
        let raw: Vec<(sled::IVec, sled::IVec)> = self.records.iter().collect::<Result<_, _>>()?;
        let decode_all = |part: &[(sled::IVec, sled::IVec)]| -> Result<Vec<Record>, StoreError> {
            part.iter().map(|(key, value)| decode(key, value)).collect()
        };
        // Two cores: decode each half on its own.
        if raw.len() < 2048 {
            return decode_all(&raw);
        }
        let (first, second) = raw.split_at(raw.len() / 2);
        std::thread::scope(|s| {
            let second = s.spawn(|| decode_all(second));
            let mut records = decode_all(first)?;
            match second.join() {
                Ok(rest) => records.extend(rest?),
                Err(panic) => std::panic::resume_unwind(panic),
            }
            Ok(records)
        })
    }

    pub fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        self.records
            .get(id.as_bytes())?
            .map(|value| decode(id.as_bytes(), &value))
            .transpose()
    }

    /// Merges incoming versions by the format's rules, in chunks, and flushes
    /// before returning. `progress(done, total)` is called after each chunk.
    pub fn merge(
        &self,
        incoming: Vec<Entry>,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Summary, StoreError> {
        let total = incoming.len();
        let mut summary = Summary::default();
        let mut done = 0;
        let mut entries = incoming.into_iter().peekable();
        let mut any_change = false;
        while entries.peek().is_some() {
            // The records this chunk touched, and whether each changed (only those are written).
            let mut pending: HashMap<String, (Record, bool)> = HashMap::new();
            for entry in entries.by_ref().take(CHUNK) {
                let (current, was_dirty) = match pending.remove(&entry.id) {
                    Some((record, dirty)) => (Some(record), dirty),
                    None => (self.record(&entry.id)?, false),
                };
                let before = current.clone();
                let (record, outcome) = merge_into(current, entry);
                summary.count(outcome);
                let dirty = was_dirty || before.as_ref() != Some(&record);
                pending.insert(record.id().to_string(), (record, dirty));
                done += 1;
            }
            let mut batch = sled::Batch::default();
            for (id, (record, _)) in pending.iter().filter(|(_, (_, dirty))| *dirty) {
                batch.insert(id.as_bytes(), encode(record)?);
                any_change = true;
            }
            self.records.apply_batch(batch)?;
            progress(done, total);
        }
        if any_change {
            // A kept search index stays valid when an import brought nothing new.
            self.changed()?;
        }
        self.flush()?;
        Ok(summary)
    }

    fn generation(&self) -> Result<u64, StoreError> {
        Ok(self
            .meta
            .get(GENERATION)?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(0, u64::from_be_bytes))
    }

    fn changed(&self) -> Result<(), StoreError> {
        let next = self.generation()? + 1;
        self.meta.insert(GENERATION, &next.to_be_bytes())?;
        Ok(())
    }

    /// The search index: the one kept in the data dir when no record changed
    /// since it was made, else built from the records (and kept, if `keep`).
    pub fn index(&self, keep: bool) -> Result<Index, StoreError> {
        let generation = self.generation()?;
        if let Some(kept) = self.meta.get(INDEX)?
            && kept.len() > 8
            && kept[..8] == generation.to_be_bytes()
            && let Some(index) = Index::from_bytes(&kept[8..])
        {
            return Ok(index);
        }
        let index = Index::build_owned(self.records()?);
        if keep {
            let mut bytes = generation.to_be_bytes().to_vec();
            bytes.extend(index.to_bytes());
            self.meta.insert(INDEX, bytes)?;
            self.flush()?;
        }
        Ok(index)
    }

    /// Saves one local edit (already stamped) and flushes it to disk.
    pub fn save(&self, entry: Entry) -> Result<Outcome, StoreError> {
        let (record, outcome) = merge_into(self.record(&entry.id)?, entry);
        self.records
            .insert(record.id().as_bytes(), encode(&record)?)?;
        self.changed()?;
        self.flush()?;
        Ok(outcome)
    }

    /// The laptop's worker, once `init` has set one.
    pub fn worker(&self) -> Result<Option<Worker>, StoreError> {
        self.meta
            .get(WORKER)?
            .map(|bytes| decode_value(WORKER, &bytes))
            .transpose()
    }

    pub fn set_worker(&self, worker: &Worker) -> Result<(), StoreError> {
        self.meta.insert(WORKER, encode_value(worker, WORKER)?)?;
        self.flush()
    }

    /// The shared folder of the last sync, to offer it again.
    pub fn sync_dir(&self) -> Result<Option<PathBuf>, StoreError> {
        Ok(self
            .meta
            .get(SYNC_DIR)?
            .map(|bytes| PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())))
    }

    pub fn set_sync_dir(&self, dir: &Path) -> Result<(), StoreError> {
        self.meta
            .insert(SYNC_DIR, dir.to_string_lossy().as_bytes())?;
        self.flush()
    }

    /// A tree of its own for another part of the app (the case book).
    pub fn tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(name)?)
    }

    /// The next number of a counter (1, 2, 3…), for short ids such as "c12"; flushed.
    pub fn next_number(&self, counter: &str) -> Result<u64, StoreError> {
        let key = format!("counter:{counter}");
        let next = self.meta.update_and_fetch(key.as_bytes(), |old| {
            let n = old
                .and_then(|v| <[u8; 8]>::try_from(v).ok())
                .map_or(0, u64::from_be_bytes);
            Some((n + 1).to_be_bytes().to_vec())
        })?;
        self.flush()?;
        Ok(next
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map_or(1, u64::from_be_bytes))
    }

    pub fn setting_u64(&self, name: &str) -> Result<Option<u64>, StoreError> {
        Ok(self
            .meta
            .get(name.as_bytes())?
            .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
            .map(u64::from_be_bytes))
    }

    pub fn set_setting_u64(&self, name: &str, value: u64) -> Result<(), StoreError> {
        self.meta.insert(name.as_bytes(), &value.to_be_bytes())?;
        self.flush()
    }

    /// Writes everything to disk; call before telling the user something is saved.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }
}

fn encode(record: &Record) -> Result<Vec<u8>, StoreError> {
    encode_value(record, record.id().as_bytes())
}

fn decode(key: &[u8], value: &[u8]) -> Result<Record, StoreError> {
    decode_value(key, value)
}

/// bincode behind a format-version byte.
fn encode_value<T: serde::Serialize>(value: &T, key: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut bytes = vec![VALUE_VERSION];
    bincode::serde::encode_into_std_write(value, &mut bytes, bincode::config::standard())
        .map_err(|_| StoreError::Corrupt(String::from_utf8_lossy(key).into_owned()))?;
    Ok(bytes)
}

fn decode_value<T: serde::de::DeserializeOwned>(key: &[u8], value: &[u8]) -> Result<T, StoreError> {
    let id = || String::from_utf8_lossy(key).into_owned();
    match value.split_first() {
        Some((&VALUE_VERSION, body)) => {
            bincode::serde::decode_from_slice(body, bincode::config::standard())
                .map(|(value, _)| value)
                .map_err(|_| StoreError::Corrupt(id()))
        }
        Some((&v, _)) if v > VALUE_VERSION => Err(StoreError::Newer(id())),
        _ => Err(StoreError::Corrupt(id())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_survive_encoding() {
        let entry = Entry {
            id: "x".into(),
            name: "Naam".into(),
            verified: chrono::NaiveDate::from_ymd_opt(2026, 10, 1),
            updated: chrono::DateTime::from_timestamp(1_700_000_000, 5),
            ..Entry::default()
        };
        let record = Record::new(entry);
        let bytes = encode(&record).expect("encodes");
        assert_eq!(bytes[0], VALUE_VERSION);
        assert_eq!(decode(b"x", &bytes).expect("decodes"), record);
        assert!(matches!(decode(b"x", &[9, 0]), Err(StoreError::Newer(_))));
        assert!(matches!(decode(b"x", &[]), Err(StoreError::Corrupt(_))));
    }

    #[test]
    fn a_kept_index_is_used_until_the_records_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path(), false).expect("open");
        let entry = |id: &str| Entry {
            id: id.into(),
            name: format!("Buurthuis {id}"),
            domains: vec![crate::map::domain::LifeDomain::Daytime],
            ..Entry::default()
        };
        store.merge(vec![entry("a")], |_, _| {}).expect("merge");
        assert_eq!(store.index(true).expect("index").len(), 1);
        assert!(store.meta.get(INDEX).expect("read").is_some(), "kept");
        store.merge(vec![entry("b")], |_, _| {}).expect("merge");
        assert_eq!(
            store.index(false).expect("index").len(),
            2,
            "a stale index is rebuilt"
        );
        let generation = store.generation().expect("generation");
        store
            .merge(vec![entry("a"), entry("b")], |_, _| {})
            .expect("same again");
        assert_eq!(
            store.generation().expect("generation"),
            generation,
            "nothing new, index still fresh"
        );
        store.save(entry("c")).expect("save");
        assert_eq!(store.index(true).expect("index").len(), 3);
        drop(store);
        let reopened = Store::open(dir.path(), false).expect("reopen");
        assert_eq!(reopened.index(false).expect("index").len(), 3);
    }

    #[test]
    fn second_open_is_refused_as_locked() {
        let dir = tempfile::tempdir().expect("temp dir");
        let _first = Store::open(dir.path(), false).expect("first open");
        assert!(matches!(
            Store::open(dir.path(), false),
            Err(StoreError::Locked(_))
        ));
    }
}
