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
    // Put back without anyone's word: the case data waits for two.
    restore_carrying(dir, backup, damaged, None, damaged)
}

/// The trees of the case book: a restore by two keeps them as they are
/// (the case book puts the backup's cases back itself, re-encrypted and on
/// record), and never shortens the log.
pub const CASE_TREES: &[&str] = &["cases", "log", "seal", "erasing", "rekeying"];
/// Settings that are decisions of two, on record in the log: never put back.
const DECIDED_SETTINGS: &[&[u8]] = &[b"budget_cents", b"lock_minutes"];
const COUNTER: &[u8] = b"counter:";
/// In the `meta` tree, set by the automatic restore of a damaged database
/// (to the backup's name) when the data dir has case data: the case data
/// it put back is not used until two workers confirm the restore, which
/// puts it on record (`CaseBook::confirm_restore`).
pub const CASES_UNCONFIRMED: &[u8] = b"cases_unconfirmed";

/// What a restore by two keeps of the data dir as it is: the case trees,
/// vault.bin (the worker list is a decision of two), the id counters (they
/// never go back, so no id is issued twice) and the decided settings.
pub struct Carry {
    trees: Trees,
    meta: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Carry {
    fn of(store: &Store) -> Result<Carry, StoreError> {
        let mut trees: Trees = Vec::new();
        for name in CASE_TREES {
            let pairs: Vec<(Vec<u8>, Vec<u8>)> = store
                .tree(name)?
                .iter()
                .map(|item| item.map(|(k, v)| (k.to_vec(), v.to_vec())))
                .collect::<Result<_, _>>()?;
            trees.push((name.as_bytes().to_vec(), pairs));
        }
        let mut meta = Vec::new();
        for item in store.meta.iter() {
            let (k, v) = item?;
            if k.starts_with(COUNTER) || DECIDED_SETTINGS.contains(&k.as_ref()) {
                meta.push((k.to_vec(), v.to_vec()));
            }
        }
        Ok(Carry { trees, meta })
    }

    /// Puts the kept trees and settings into the store built from a backup;
    /// a counter keeps the higher of the two.
    fn apply(&self, store: &Store) -> Result<(), StoreError> {
        for (name, pairs) in &self.trees {
            let tree = store.db.open_tree(name)?;
            tree.clear()?;
            for (k, v) in pairs {
                tree.insert(k.as_slice(), v.as_slice())?;
            }
        }
        for setting in DECIDED_SETTINGS {
            store.meta.remove(*setting)?;
        }
        // A restore by two is on record itself.
        store.meta.remove(CASES_UNCONFIRMED)?;
        for (k, v) in &self.meta {
            let then = store.meta.get(k)?.and_then(|b| super::meta::decode_u64(&b));
            let now = super::meta::decode_u64(v);
            match (then, now) {
                (Some(then), Some(now)) if k.starts_with(COUNTER) && then > now => {}
                _ => {
                    store.meta.insert(k.as_slice(), v.as_slice())?;
                }
            }
        }
        Ok(())
    }
}

/// As `restore_into`; with `carry`, the case trees, the counters and the
/// decided settings stay as they are, and vault.bin is not put back.
/// With `hold`, vault.bin stays as it is (when there is one) and the case
/// data put back waits for two workers (`CASES_UNCONFIRMED`).
fn restore_carrying(
    dir: &Path,
    backup: &Backup,
    damaged: bool,
    carry: Option<&Carry>,
    hold: bool,
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
        if let Some(carry) = carry {
            carry.apply(&store)?;
        } else if hold && (dir.join(VAULT).exists() || vault.is_some()) {
            store
                .meta
                .insert(CASES_UNCONFIRMED, backup.info.name.as_bytes())?;
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
    // The worker list is a decision of two: a damaged database never
    // brings back the vault.bin of the backup while the data dir has its
    // own (the case data then opens only with the current keys).
    let keep_vault = carry.is_some() || (hold && dir.join(VAULT).exists());
    if let Some(bytes) = vault.filter(|_| !keep_vault) {
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

/// The backup to restore: the newest good one in the data dir, or `from`
/// (a backup folder, or a folder of them).
pub fn pick(dir: &Path, from: Option<&Path>) -> Result<Backup, StoreError> {
    let source = match from {
        Some(path) => match read(path) {
            Some(b) if b.load().is_some() => Some(b),
            Some(_) => None,
            None => newest_good(path),
        },
        None => newest_good(&folder(dir)),
    };
    source.ok_or_else(|| StoreError::NoBackup(from.map_or_else(|| folder(dir), Path::to_path_buf)))
}

/// A backup's case data as stored: its `cases` and `log` trees and vault.bin.
pub struct CaseValues {
    pub cases: Vec<(Vec<u8>, Vec<u8>)>,
    pub log: Vec<(Vec<u8>, Vec<u8>)>,
    pub vault: Option<Vec<u8>>,
}

/// The case data `backup` holds.
pub fn case_values(backup: &Backup) -> Result<CaseValues, StoreError> {
    let (_, trees, vault) = backup
        .load()
        .ok_or_else(|| StoreError::NoBackup(backup.path.clone()))?;
    let tree = |name: &[u8]| {
        trees
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, pairs)| pairs.clone())
            .unwrap_or_default()
    };
    Ok(CaseValues {
        cases: tree(b"cases"),
        log: tree(b"log"),
        vault,
    })
}

/// Puts back only vault.bin from `source`, when the data dir's own is
/// damaged or gone while its case data is there: the damaged file is kept
/// beside it (`vault.bin.damaged`). Nothing else changes, so no one person
/// shortens the log or rolls cases back this way, and an older worker list
/// is found by the seal on the next unlock. False when the backup has none.
pub fn restore_vault_only(dir: &Path, source: &Backup) -> Result<bool, StoreError> {
    let (_, _, vault) = source
        .load()
        .ok_or_else(|| StoreError::NoBackup(source.path.clone()))?;
    let Some(bytes) = vault else {
        return Ok(false);
    };
    let path = dir.join(VAULT);
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    if path.exists() {
        std::fs::rename(&path, dir.join("vault.bin.damaged")).map_err(io)?;
    }
    write_private(&path, &bytes).map_err(io)?;
    sync_dir(dir).map_err(io)?;
    Ok(true)
}

/// Restores the data dir from the newest good backup in it, or from `from`
/// (a backup folder, or a folder of them). The state before is backed up
/// first, so a restore can itself be undone. For a data dir without case
/// data; with case data, `restore_keeping_cases` and the case book.
pub fn restore(dir: &Path, from: Option<&Path>) -> Result<RestoreReport, StoreError> {
    let source = pick(dir, from)?;
    restore_from(dir, &source, Mode::Whole)
}

/// Restores the map and the other trees from `source`, keeping the case
/// trees, vault.bin, the id counters and the decided settings as they are:
/// the case book restores the cases itself, by two workers, on record.
pub fn restore_keeping_cases(dir: &Path, source: &Backup) -> Result<RestoreReport, StoreError> {
    restore_from(dir, source, Mode::KeepCases)
}

/// Restores the whole of `source` but vault.bin, and leaves its case data
/// waiting for two workers, as the automatic restore of a damaged database
/// does: for two workers who replace case data of such a restore that does
/// not belong to the current key by another backup.
pub fn restore_held(dir: &Path, source: &Backup) -> Result<RestoreReport, StoreError> {
    restore_from(dir, source, Mode::Held)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Whole,
    KeepCases,
    Held,
}

fn restore_from(dir: &Path, source: &Backup, mode: Mode) -> Result<RestoreReport, StoreError> {
    let store = Store::open(dir, false)?;
    let (entries, trees, _) = source
        .load()
        .ok_or_else(|| StoreError::NoBackup(source.path.clone()))?;
    let mut report = losses(&store, &source.info, &entries, &trees)?;
    let carry = if mode == Mode::KeepCases {
        report.lost_log = 0;
        Some(Carry::of(&store)?)
    } else {
        None
    };
    let kept_as = write(&store, &folder(dir))?.name;
    let Store { _lock, .. } = store;
    restore_carrying(dir, source, false, carry.as_ref(), mode == Mode::Held)?;
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
