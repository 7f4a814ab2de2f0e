//! The data dir's small values (the records' generation, counters, settings,
//! the worker, the last shared folder), each behind a format-version byte so
//! that a later release can read them; values written before they carried
//! one are still read.

use super::{
    GENERATION, META_VERSION, REPLICA, SYNC_DIR, Store, StoreError, WORKER, decode_value,
    encode_value,
};
use crate::map::edit::{Worker, new_replica_id};
use std::path::{Path, PathBuf};

/// A number as the meta tree keeps it: the version byte, then 8 bytes big-endian.
pub(super) fn encode_u64(n: u64) -> Vec<u8> {
    let mut bytes = vec![META_VERSION];
    bytes.extend_from_slice(&n.to_be_bytes());
    bytes
}

/// A number written by [`encode_u64`], or by a release before version bytes
/// (the 8 bytes alone); `None` for anything else.
pub(super) fn decode_u64(bytes: &[u8]) -> Option<u64> {
    let raw = match bytes {
        [META_VERSION, rest @ ..] if rest.len() == 8 => rest,
        legacy if legacy.len() == 8 => legacy,
        _ => return None,
    };
    <[u8; 8]>::try_from(raw).ok().map(u64::from_be_bytes)
}

impl Store {
    /// A number in the meta tree; a value that is there but unreadable is
    /// named as damage, never taken for "not set".
    fn meta_u64(&self, key: &[u8]) -> Result<Option<u64>, StoreError> {
        match self.meta.get(key)? {
            None => Ok(None),
            Some(bytes) => decode_u64(&bytes)
                .map(Some)
                .ok_or_else(|| StoreError::Corrupt(String::from_utf8_lossy(key).into_owned())),
        }
    }

    /// The count of changes to the records; the kept index is tied to it.
    pub fn generation(&self) -> Result<u64, StoreError> {
        Ok(self.meta_u64(GENERATION)?.unwrap_or(0))
    }

    pub(super) fn changed(&self) -> Result<(), StoreError> {
        // The kept index goes first: a search reads it without asking the generation.
        self.drop_kept_index()?;
        let next = self.generation()? + 1;
        self.meta.insert(GENERATION, encode_u64(next))?;
        Ok(())
    }

    /// The laptop's worker, once `init` has set one.
    pub fn worker(&self) -> Result<Option<Worker>, StoreError> {
        self.meta
            .get(WORKER)?
            .map(|bytes| decode_value(WORKER, &bytes))
            .transpose()
    }

    /// Sets the laptop's worker. A new worker identity gets a new replica id
    /// (`<worker>.<6 random chars>`); the same worker again keeps it.
    pub fn set_worker(&self, worker: &Worker) -> Result<(), StoreError> {
        self.meta.insert(WORKER, encode_value(worker, WORKER)?)?;
        let same = self
            .stored_replica()?
            .is_some_and(|r| r.split('.').next() == Some(worker.id.as_str()));
        if !same {
            self.put_replica(&new_replica_id(&worker.id))?;
        }
        self.flush()
    }

    fn stored_replica(&self) -> Result<Option<String>, StoreError> {
        Ok(self.meta.get(REPLICA)?.map(|bytes| {
            let text = match bytes.split_first() {
                Some((&META_VERSION, text)) => text,
                _ => &bytes[..],
            };
            String::from_utf8_lossy(text).into_owned()
        }))
    }

    fn put_replica(&self, replica: &str) -> Result<(), StoreError> {
        let mut value = vec![META_VERSION];
        value.extend_from_slice(replica.as_bytes());
        self.meta.insert(REPLICA, value)?;
        Ok(())
    }

    /// This data dir's replica id, made from the worker's id when there is a
    /// worker and none was made yet (a data dir of an earlier release).
    pub fn replica(&self) -> Result<Option<String>, StoreError> {
        let Some(worker) = self.worker()? else {
            return Ok(None);
        };
        if let Some(r) = self.stored_replica()?
            && r.split('.').next() == Some(worker.id.as_str())
        {
            return Ok(Some(r));
        }
        let fresh = new_replica_id(&worker.id);
        self.put_replica(&fresh)?;
        self.flush()?;
        Ok(Some(fresh))
    }

    /// Takes a new replica id: after a restore, or when a dot of our id that
    /// we never issued was found (a cloned disk). Returns it.
    pub fn renew_replica(&self) -> Result<Option<String>, StoreError> {
        self.meta.remove(REPLICA)?;
        self.replica()
    }

    /// The replica id as stored, without making one (a merge compares with it).
    pub(super) fn current_replica(&self) -> Result<Option<String>, StoreError> {
        self.stored_replica()
    }

    /// The shared folder of the last sync, to offer it again.
    pub fn sync_dir(&self) -> Result<Option<PathBuf>, StoreError> {
        let Some(bytes) = self.meta.get(SYNC_DIR)? else {
            return Ok(None);
        };
        // Written before values carried a version: the path's bytes alone.
        let text = match bytes.split_first() {
            Some((&META_VERSION, text)) => text,
            _ => &bytes[..],
        };
        Ok(Some(PathBuf::from(
            String::from_utf8_lossy(text).into_owned(),
        )))
    }

    pub fn set_sync_dir(&self, dir: &Path) -> Result<(), StoreError> {
        let mut value = vec![META_VERSION];
        value.extend_from_slice(dir.to_string_lossy().as_bytes());
        self.meta.insert(SYNC_DIR, value)?;
        self.flush()
    }

    /// A tree of its own for another part of the app (the case book).
    pub fn tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        // Whoever takes the records tree itself may change them unseen: the
        // kept index cannot vouch for them any more.
        if name == "records" {
            self.drop_kept_index()?;
            // Nor can the notes of what changed since the newest full backup.
            self.forget_base()?;
        }
        Ok(self.db.open_tree(name)?)
    }

    /// The next number of a counter (1, 2, 3…), for short ids such as "c12"; flushed.
    pub fn next_number(&self, counter: &str) -> Result<u64, StoreError> {
        let key = format!("counter:{counter}");
        let current = self.meta_u64(key.as_bytes())?;
        let next = self.meta.update_and_fetch(key.as_bytes(), |old| {
            let n = old.and_then(decode_u64).or(current).unwrap_or(0);
            Some(encode_u64(n + 1))
        })?;
        self.flush()?;
        Ok(next.as_deref().and_then(decode_u64).unwrap_or(1))
    }

    pub fn setting_u64(&self, name: &str) -> Result<Option<u64>, StoreError> {
        self.meta_u64(name.as_bytes())
    }

    /// A setting's value as stored in the `meta` tree (`tree("meta")`), for
    /// writing it in one transaction with other trees.
    pub fn setting_value_u64(value: u64) -> Vec<u8> {
        encode_u64(value)
    }

    pub fn set_setting_u64(&self, name: &str, value: u64) -> Result<(), StoreError> {
        self.meta.insert(name.as_bytes(), encode_u64(value))?;
        self.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_carry_a_version_and_old_ones_still_read() {
        assert_eq!(encode_u64(7)[0], META_VERSION);
        assert_eq!(decode_u64(&encode_u64(u64::MAX)), Some(u64::MAX));
        assert_eq!(
            decode_u64(&7u64.to_be_bytes()),
            Some(7),
            "written before version bytes"
        );
        assert_eq!(decode_u64(&[META_VERSION, 1, 2]), None);
        assert_eq!(
            decode_u64(&[9; 9]),
            None,
            "a version this release does not know"
        );
    }
}
