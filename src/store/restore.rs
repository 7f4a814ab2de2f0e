//! Putting a backup back: building its database beside the damaged or
//! current one and swapping them, and telling what that lost.

use super::backup::{Backup, BackupInfo, Trees, folder, io_at, newest_good, prune, read, write};
use super::files::{sync_dir, write_private};
use super::repair::{REPLACED, RESTORING};
use super::{Store, StoreError};
use crate::map::entry::Entry;
use chrono::Utc;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const VAULT: &str = "vault.bin";

/// What a restore put back, and what it lost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreReport {
    pub backup: BackupInfo,
    /// Entries added or changed since the backup: their newer state is gone.
    pub lost_entries: usize,
    /// Cases that were there and are not in the backup.
    pub lost_cases: usize,
    /// Log records after the backup.
    pub lost_log: usize,
    /// The backup taken of the state just before the restore, to go back to.
    pub kept_as: Option<String>,
}

/// Builds the database of `backup` in the data dir and puts it in place of
/// `db`. A damaged `db` is set aside (returned), a healthy one removed.
/// A crash at any point leaves either database whole (see `repair`).
pub(super) fn restore_into(
    dir: &Path,
    backup: &Backup,
    damaged: bool,
) -> Result<PathBuf, StoreError> {
    let (entries, trees, vault) = backup
        .load()
        .ok_or_else(|| StoreError::NoBackup(backup.path.clone()))?;
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let target = dir.join(RESTORING);
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(io(&target))?;
    }
    {
        let db = super::open_db(&target)?;
        let store = Store::on(dir, db, None, false)?;
        for (name, pairs) in trees {
            let tree = store.db.open_tree(&name)?;
            for chunk in pairs.chunks(super::CHUNK) {
                let mut batch = sled::Batch::default();
                for (k, v) in chunk {
                    batch.insert(k.as_slice(), v.as_slice());
                }
                tree.apply_batch(batch)?;
            }
        }
        store.merge_from(entries, false, |_, _| {})?;
        store.meta.insert(super::INITIALISED, &[1u8][..])?;
        // A restored data dir is another copy: it takes a new replica id, so
        // that no counter the old one issued after the backup is issued twice.
        store.meta.remove(super::REPLICA)?;
        store.changed()?;
        store.db.flush()?;
    }
    // The kept index may have been made for records that are now gone.
    let kept = super::kept::path(dir);
    if kept.exists() {
        std::fs::remove_file(&kept).map_err(io(&kept))?;
    }
    if let Some(bytes) = vault {
        write_private(&dir.join(VAULT), &bytes).map_err(io(&dir.join(VAULT)))?;
    }
    let db = dir.join("db");
    let aside = if damaged {
        dir.join(format!(
            "damaged-{}",
            Utc::now().format("%Y-%m-%dT%H-%M-%SZ")
        ))
    } else {
        dir.join(REPLACED)
    };
    if db.exists() {
        std::fs::rename(&db, &aside).map_err(io(&db))?;
    }
    std::fs::rename(&target, &db).map_err(io(&db))?;
    sync_dir(dir).map_err(io(dir))?;
    if !damaged && aside.exists() {
        std::fs::remove_dir_all(&aside).map_err(io(&aside))?;
    }
    Ok(aside)
}

/// Restores the data dir from the newest good backup in it, or from `from`
/// (a backup folder, or a folder of them). The state before is backed up
/// first, so a restore can itself be undone.
pub fn restore(dir: &Path, from: Option<&Path>) -> Result<RestoreReport, StoreError> {
    let store = Store::open(dir, false)?;
    let source = match from {
        Some(path) => match read(path) {
            Some(b) if b.load().is_some() => Some(b),
            Some(_) => None,
            None => newest_good(path),
        },
        None => newest_good(&folder(dir)),
    };
    let source = source
        .ok_or_else(|| StoreError::NoBackup(from.map_or_else(|| folder(dir), Path::to_path_buf)))?;
    let (entries, trees, _) = source
        .load()
        .ok_or_else(|| StoreError::NoBackup(source.path.clone()))?;
    let report = losses(&store, &source.info, &entries, &trees)?;
    let kept_as = write(&store, &folder(dir))?.name;
    let Store { _lock, .. } = store;
    restore_into(dir, &source, false)?;
    drop(_lock);
    prune(&folder(dir)).map_err(io_at(&folder(dir)))?;
    Ok(RestoreReport {
        kept_as: Some(kept_as),
        ..report
    })
}

/// What putting `backup` in place of the store would lose.
fn losses(
    store: &Store,
    backup: &BackupInfo,
    entries: &[Entry],
    trees: &Trees,
) -> Result<RestoreReport, StoreError> {
    let mut then: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for e in entries {
        then.entry(e.id.as_str()).or_default().push(e);
    }
    let (records, _) = store.records_checked()?;
    let lost_entries = records
        .iter()
        .filter(|r| {
            let before = then.get(r.id()).map(Vec::as_slice).unwrap_or_default();
            r.versions().iter().any(|v| !before.contains(&v))
        })
        .count();
    let keys_of = |name: &[u8]| -> BTreeSet<Vec<u8>> {
        trees
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, pairs)| pairs.iter().map(|(k, _)| k.clone()))
            .collect()
    };
    let missing = |name: &str| -> Result<usize, StoreError> {
        let had = keys_of(name.as_bytes());
        let tree = store.tree(name)?;
        let mut n = 0;
        for key in tree.iter().keys() {
            if !had.contains(key?.as_ref()) {
                n += 1;
            }
        }
        Ok(n)
    };
    Ok(RestoreReport {
        backup: backup.clone(),
        lost_entries,
        lost_cases: missing("cases")?,
        lost_log: missing("log")?,
        kept_as: None,
    })
}
