//! The local database: one sled tree of records keyed by entry id, one of
//! settings. Every value starts with a format-version byte so a later release
//! can migrate instead of failing.
//!
//! What the data dir promises (DESIGN.md, "Trust model"): it always opens
//! (leftovers of interrupted writes are cleaned up, a damaged database is
//! restored from the newest good backup), a merge is all or nothing, and the
//! kept search index never disagrees with the records.

use crate::map::builtin;
use crate::map::entry::Entry;
use crate::map::merge::{Outcome, Record, Summary, merge_into};
use crate::map::search::{Index, IndexWriter};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

pub mod backup;
pub mod doctor;
pub mod exchange;
mod files;
mod journal;
mod kept;
mod legacy;
mod merging;
mod meta;
mod repair;
pub mod restore;

pub use backup::BackupInfo;
/// For other files of the data dir (the vault): written whole, mode 0600.
pub use files::{write_atomically, write_private};
pub use restore::RestoreReport;

/// The version byte in front of every stored record: 2 since format 2 (a
/// record is one version with its conflicts); records of version 1 are read
/// and rewritten on the first open (see `legacy`).
const VALUE_VERSION: u8 = 2;
/// The version byte of the other values (the worker), which did not change.
const OTHER_VERSION: u8 = 1;
/// The format version of the meta tree's small values (see `meta`).
const META_VERSION: u8 = 1;
/// Records merged per sled batch: big batches cost a lot of memory.
const CHUNK: usize = 1000;
/// sled's page cache; its default of 1 GiB is far too much for an old laptop.
const CACHE_BYTES: u64 = 16 * 1024 * 1024;
const INITIALISED: &[u8] = b"initialised";
const WORKER: &[u8] = b"worker";
/// This data dir's replica id (social-map-format.md, "Ids, replicas and limits").
const REPLICA: &[u8] = b"replica";
const SYNC_DIR: &[u8] = b"sync_dir";
/// The value version of every record once the data dir is migrated.
const RECORDS_VERSION: &[u8] = b"records_version";
/// A hash of the built-in map last merged: a release with another merges it again.
const BUILTIN: &[u8] = b"builtin_map";
/// Counts changes to the records, so a kept search index knows when it is stale.
const GENERATION: &[u8] = b"generation";
/// Where releases before issue 8 kept the index, inside sled; removed on open.
const OLD_INDEX: &[u8] = b"index";
/// Set while a merge is under way; the `undo` tree then holds what it replaced.
const MERGING: &[u8] = b"merging";
/// In `undo`: the record did not exist before the merge.
const ABSENT: &[u8] = &[0];

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
    /// The shared folder of a sync is not there.
    #[error("shared folder {0} is missing")]
    NoFolder(PathBuf),
    /// Reading or writing the shared folder failed.
    #[error("shared folder {path}: {source}")]
    Shared {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("database: {0}")]
    Db(#[from] sled::Error),
    #[error("record {0} cannot be read")]
    Corrupt(String),
    #[error("record {0} was written by a newer wijkkaart")]
    Newer(String),
    /// The database files cannot be read and no good backup was there to restore.
    #[error("the database in {0} is damaged and there is no good backup")]
    Damaged(PathBuf),
    /// A restore was asked for but there is no good backup to restore.
    #[error("no good backup in {0}")]
    NoBackup(PathBuf),
    /// The change was saved, but the backup after it could not be written.
    #[error("backup {path}: {source}")]
    Backup {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl StoreError {
    /// The operating-system error underneath, if any (to tell a full disk apart).
    pub fn io(&self) -> Option<&std::io::Error> {
        match self {
            StoreError::Io { source, .. }
            | StoreError::Backup { source, .. }
            | StoreError::Shared { source, .. } => Some(source),
            StoreError::Db(sled::Error::Io(source)) => Some(source),
            _ => None,
        }
    }

    /// True when the disk is full: the advice is to free space.
    pub fn is_disk_full(&self) -> bool {
        self.io().is_some_and(is_disk_full)
    }
}

/// True for "no space left on device" (and "quota exceeded").
pub fn is_disk_full(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::StorageFull
        || e.kind() == std::io::ErrorKind::QuotaExceeded
        || e.raw_os_error() == Some(28)
}

/// Something the store did on its own while opening, to tell the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A leftover of an interrupted write was removed.
    Cleaned(PathBuf),
    /// A merge (import or sync) was cut off; the records are as before it.
    MergeUndone,
    /// The database was damaged and a backup was put back.
    Restored {
        backup: BackupInfo,
        /// Where the damaged database was set aside.
        damaged: PathBuf,
    },
}

/// An open data dir. Only one process holds it at a time.
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    records: sled::Tree,
    meta: sled::Tree,
    undo: sled::Tree,
    /// Ids of the entries this replica's shared-folder file holds (see `exchange`).
    own: sled::Tree,
    /// What each shared-folder file held when last read (see `exchange`).
    seen: sled::Tree,
    /// The full backup that deltas are taken against, and the ids of the
    /// records written since (see `journal`).
    backup_base: sled::Tree,
    backup_journal: sled::Tree,
    notices: Vec<Notice>,
    /// Set by a merge that changed records: the next flush backs up, however
    /// young the newest backup is (an import or sync is a big change).
    backup_now: AtomicBool,
    /// No backups for a store that only exists to be restored into.
    backups: bool,
    _lock: Option<File>,
}

impl Store {
    /// Opens (or creates) the data dir. A new one gets the built-in map unless
    /// `default_map` is false. Leftovers of interrupted writes are cleaned up,
    /// a cut-off merge is undone, and a database that cannot be read is set
    /// aside and restored from the newest good backup: [`Store::notices`] says
    /// what was done.
    pub fn open(dir: &Path, default_map: bool) -> Result<Store, StoreError> {
        let io = |source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        };
        files::create_private_dir(dir).map_err(io)?;
        let lock = files::open_private(&dir.join("wijkkaart.lock")).map_err(io)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked(dir.to_path_buf()));
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(io(e)),
        }
        let mut notices = repair::before_open(dir).map_err(io)?;
        let db = match open_db(&dir.join("db")) {
            Ok(db) => db,
            Err(e) if is_damage(&e) && repair::never_held_data(&dir.join("db")) => {
                // Killed while sled created its files: there is nothing to lose.
                std::fs::remove_dir_all(dir.join("db")).map_err(io)?;
                notices.push(Notice::Cleaned(dir.join("db")));
                open_db(&dir.join("db"))?
            }
            Err(e) if is_damage(&e) => {
                let Some(good) = backup::newest_good(&backup::folder(dir)) else {
                    return Err(StoreError::Damaged(dir.join("db")));
                };
                let damaged = restore::restore_into(dir, &good, true)?;
                notices.push(Notice::Restored {
                    backup: good.info.clone(),
                    damaged,
                });
                open_db(&dir.join("db"))?
            }
            Err(sled::Error::Io(e)) if is_sled_lock(&e) => {
                // sled's own lock: a process that held the dir is still on its way out.
                return Err(StoreError::Locked(dir.to_path_buf()));
            }
            Err(e) => return Err(e.into()),
        };
        let mut store = Store::on(dir, db, Some(lock), true)?;
        store.notices = notices;
        store.settle(default_map)?;
        // Other users of the laptop must not read the data dir; fixed on every open.
        files::make_private(dir).map_err(io)?;
        Ok(store)
    }

    /// A store on an already opened database.
    fn on(
        dir: &Path,
        db: sled::Db,
        lock: Option<File>,
        backups: bool,
    ) -> Result<Store, StoreError> {
        Ok(Store {
            dir: dir.to_path_buf(),
            records: db.open_tree("records")?,
            meta: db.open_tree("meta")?,
            undo: db.open_tree("undo")?,
            own: db.open_tree("own")?,
            seen: db.open_tree("seen")?,
            backup_base: db.open_tree(journal::BASE_TREE)?,
            backup_journal: db.open_tree(journal::JOURNAL_TREE)?,
            db,
            notices: Vec::new(),
            backup_now: AtomicBool::new(false),
            backups,
            _lock: lock,
        })
    }

    /// Undoes a cut-off merge, drops what older releases kept, and gives a new
    /// data dir its map.
    fn settle(&mut self, default_map: bool) -> Result<(), StoreError> {
        let mut wrote = false;
        if self.meta.contains_key(MERGING)? {
            self.undo_merge()?;
            self.notices.push(Notice::MergeUndone);
            wrote = true;
        } else if !self.undo.is_empty() {
            self.undo.clear()?;
            wrote = true;
        }
        if self.meta.remove(OLD_INDEX)?.is_some() {
            wrote = true;
        }
        let mut new = false;
        if !self.meta.contains_key(INITIALISED)? {
            self.meta
                .insert(RECORDS_VERSION, meta::encode_u64(u64::from(VALUE_VERSION)))?;
            if default_map {
                self.load_builtin_map()?;
            }
            self.meta.insert(INITIALISED, &[1u8][..])?;
            wrote = true;
            new = true;
        } else {
            if self.meta_u64_or_none(RECORDS_VERSION) < Some(u64::from(VALUE_VERSION)) {
                self.migrate_records()?;
                wrote = true;
            }
            // A data dir that had the built-in map gets this release's, like an import.
            if let Some(seen) = self.meta.get(BUILTIN)?
                && seen.as_ref() != builtin::hash().as_slice()
            {
                self.load_builtin_map()?;
                wrote = true;
            }
        }
        if wrote {
            self.flush()?;
        }
        if new {
            // A new data dir keeps its index at once, so that the first
            // searches need not open the database. Not keeping it only costs time.
            let _ = self.keep_fresh_index();
        }
        Ok(())
    }

    /// Puts back what a cut-off merge replaced; the generation moves on, so
    /// an index kept in between is rebuilt.
    fn undo_merge(&self) -> Result<(), StoreError> {
        let ids: Vec<String> = self
            .undo
            .iter()
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&k?).into_owned()))
            .collect::<Result<_, StoreError>>()?;
        self.note_changed(ids.iter().map(String::as_str))?;
        for item in self.undo.iter() {
            let (id, old) = item?;
            match old.split_first() {
                Some((1, value)) => {
                    self.records.insert(&id, value)?;
                }
                _ => {
                    self.records.remove(&id)?;
                }
            }
        }
        self.changed()?;
        self.meta.remove(MERGING)?;
        self.db.flush()?;
        self.undo.clear()?;
        self.db.flush()?;
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the store did on its own while opening (cleaned up, undid, restored).
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// Merges the built-in map like an import, and notes which one it was.
    fn load_builtin_map(&self) -> Result<(), StoreError> {
        // The built-in files are checked by the test suite; a broken one is skipped, not fatal.
        self.merge(builtin::entries(), |_, _| {})?;
        self.meta.insert(BUILTIN, builtin::hash().as_slice())?;
        Ok(())
    }

    fn meta_u64_or_none(&self, key: &[u8]) -> Option<u64> {
        self.meta
            .get(key)
            .ok()
            .flatten()
            .and_then(|v| meta::decode_u64(&v))
    }

    /// Rewrites every record of an earlier value version in this one's
    /// (format 2); a data dir of an earlier release that had the built-in
    /// map is marked for this release's built-in map.
    fn migrate_records(&self) -> Result<(), StoreError> {
        let mut batch = sled::Batch::default();
        let mut had_builtin = false;
        let builtin_ids: std::collections::HashSet<String> =
            builtin::entries().into_iter().map(|e| e.id).collect();
        for item in self.records.iter() {
            let (key, value) = item?;
            had_builtin |= builtin_ids.contains(String::from_utf8_lossy(&key).as_ref());
            if value.first() == Some(&VALUE_VERSION) {
                continue;
            }
            if let Ok(record) = decode(&key, &value) {
                batch.insert(key, encode(&record)?);
            }
        }
        self.changed()?;
        self.forget_base()?;
        self.records.apply_batch(batch)?;
        // What this laptop's worker edited goes into its file in the shared folder.
        if let Some(worker) = self.worker()? {
            for record in self.records()? {
                if record.entry().clock.get(&worker.id) > 0 && !record.entry().private {
                    self.own.insert(record.id().as_bytes(), &[][..])?;
                }
            }
        }
        if had_builtin && !self.meta.contains_key(BUILTIN)? {
            self.meta.insert(BUILTIN, &b"before format 2"[..])?;
        }
        self.meta
            .insert(RECORDS_VERSION, meta::encode_u64(u64::from(VALUE_VERSION)))?;
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

    /// Every record that decodes, and the ids of those that do not (for `doctor`).
    pub fn records_checked(&self) -> Result<(Vec<Record>, Vec<String>), StoreError> {
        let mut good = Vec::new();
        let mut bad = Vec::new();
        for item in self.records.iter() {
            let (key, value) = item?;
            match decode(&key, &value) {
                Ok(record) => good.push(record),
                Err(_) => bad.push(String::from_utf8_lossy(&key).into_owned()),
            }
        }
        Ok((good, bad))
    }

    pub fn record(&self, id: &str) -> Result<Option<Record>, StoreError> {
        self.records
            .get(id.as_bytes())?
            .map(|value| decode(id.as_bytes(), &value))
            .transpose()
    }

    /// Replaces one record whole (or removes it), as `doctor` does with a
    /// damaged one it found in a backup.
    pub(crate) fn put_record(&self, id: &str, record: Option<&Record>) -> Result<(), StoreError> {
        self.changed()?;
        self.note_changed([id])?;
        match record {
            Some(r) => self.records.insert(id.as_bytes(), encode(r)?)?,
            None => self.records.remove(id.as_bytes())?,
        };
        self.flush()
    }

    /// Merges incoming versions by the format's rules, in chunks, and flushes
    /// before returning. All or nothing: what each chunk replaces is noted
    /// first, and a merge cut off half-way is undone on the next open.
    /// `progress(done, total)` is called after each chunk.
    pub fn merge(
        &self,
        incoming: Vec<Entry>,
        progress: impl FnMut(usize, usize),
    ) -> Result<Summary, StoreError> {
        self.merge_from(incoming, true, progress)
    }

    /// [`merge`](Store::merge), where `from_files` says whether the versions
    /// come from files (which never change a private entry) or from this
    /// laptop itself (a backup being restored).
    pub(crate) fn merge_from(
        &self,
        incoming: Vec<Entry>,
        from_files: bool,
        mut progress: impl FnMut(usize, usize),
    ) -> Result<Summary, StoreError> {
        let total = incoming.len();
        let mut run = self.merging(from_files)?;
        run.add(incoming, total, &mut progress)?;
        run.finish()
    }

    /// The search index: the one kept in the data dir when it was made from
    /// these very records by this very program, else built from the records.
    /// Only with `keep` is a newly built index written to the data dir; a
    /// search passes false, so that it never writes.
    /// A kept index with a delta of more than [`kept::COMPACT`] changes is
    /// written whole again when `keep`.
    pub fn index(&self, keep: bool) -> Result<Index, StoreError> {
        let generation = self.generation()?;
        if let Some((index, pending)) = kept::read(&self.dir, generation) {
            let kept = match pending {
                // index.bin alone is fresh only here: with a delta, for a search too.
                None if keep => kept::start_delta(&self.dir, generation),
                Some(n) if keep && n > kept::COMPACT => kept::write(&self.dir, generation, &index),
                _ => Ok(()),
            };
            kept.map_err(|source| StoreError::Io {
                path: kept::path(&self.dir),
                source,
            })?;
            return Ok(index);
        }
        let index = Index::build_owned(self.records()?);
        if keep {
            kept::write(&self.dir, generation, &index).map_err(|source| StoreError::Io {
                path: kept::path(&self.dir),
                source,
            })?;
        }
        Ok(index)
    }

    /// Makes the kept index fresh, as [`Store::index`]`(true)` does, for a
    /// command that keeps it only for the next search: an index to build is
    /// written a record at a time ([`IndexWriter`]), never held whole. Says
    /// how many entries it holds.
    pub fn keep_fresh_index(&self) -> Result<usize, StoreError> {
        let generation = self.generation()?;
        let io = |source| StoreError::Io {
            path: kept::path(&self.dir),
            source,
        };
        if let Some((index, pending)) = kept::read(&self.dir, generation) {
            match pending {
                None => kept::start_delta(&self.dir, generation).map_err(io)?,
                Some(n) if n > kept::COMPACT => return self.write_index(generation),
                Some(_) => {}
            }
            let len = index.len();
            // The process ends soon: freeing the index entry by entry only costs time.
            std::mem::forget(index);
            return Ok(len);
        }
        self.write_index(generation)
    }

    /// Writes the index of the records (at `generation`) to the data dir,
    /// one record at a time: their entries and result lines wait in two
    /// unnamed scratch files until the core is known.
    fn write_index(&self, generation: u64) -> Result<usize, StoreError> {
        let io = |source| StoreError::Io {
            path: kept::path(&self.dir),
            source,
        };
        let scratch = || tempfile::tempfile_in(&self.dir).map_err(io);
        let mut writer = IndexWriter::new(scratch()?, scratch()?);
        for item in self.records.iter() {
            let (key, value) = item?;
            if let Some((entry, conflicted)) = decode(&key, &value)?.into_shown() {
                writer.add(entry, conflicted).map_err(io)?;
            }
        }
        let len = writer.len();
        kept::write_with(&self.dir, generation, |file| writer.finish(file)).map_err(io)?;
        Ok(len)
    }

    /// `kept` (read by [`fresh_index_at`]) when it is of the records as they
    /// are now, else [`Store::index`]`(false)`.
    pub fn index_or(&self, kept: Option<(Index, u64)>) -> Result<Index, StoreError> {
        match kept {
            Some((index, generation)) if generation == self.generation()? => Ok(index),
            _ => self.index(false),
        }
    }

    /// Before records change: takes the kept index's delta off the disk and
    /// hands it over to be extended, or drops the kept index when there is
    /// none to go on from. Afterwards call [`Store::index_changed`].
    fn index_changing(&self) -> Result<Option<kept::Delta>, StoreError> {
        kept::changing(&self.dir, self.generation()?).map_err(|source| StoreError::Io {
            path: kept::delta_path(&self.dir),
            source,
        })
    }

    /// Once the changed records (noted in `delta`) are flushed: writes the
    /// delta for the new generation, so that the kept index stays usable
    /// without being built again. A failure (a full disk) only costs time:
    /// without a delta the index is built anew.
    fn index_changed(&self, delta: Option<kept::Delta>) {
        if let (Some(delta), Ok(generation)) = (delta, self.generation()) {
            let _ = kept::changed(&self.dir, &delta, generation);
        }
    }

    /// Removes the kept index: the records are about to change.
    pub(super) fn drop_kept_index(&self) -> Result<(), StoreError> {
        kept::remove(&self.dir).map_err(|source| StoreError::Io {
            path: kept::path(&self.dir),
            source,
        })
    }

    /// Whether the kept index was made from the records as they are now.
    pub fn index_is_fresh(&self) -> Result<bool, StoreError> {
        Ok(kept::is_fresh(&self.dir, self.generation()?))
    }

    /// Whether a command that keeps the index for the next search should
    /// ([`Store::keep_fresh_index`]): the kept index is stale, or its delta
    /// has grown past [`kept::COMPACT`] changes. Cheap when it is fresh and small.
    pub fn index_wants_keeping(&self) -> Result<bool, StoreError> {
        Ok(kept::wants_keeping(&self.dir, self.generation()?))
    }

    /// Keeps an index built from the records as they are now, so that the
    /// next start reads it instead of building it again.
    pub fn keep_index(&self, index: &Index) -> Result<(), StoreError> {
        let generation = self.generation()?;
        // An index read from the kept files had its core checked then.
        let fresh = if index.is_kept() {
            kept::is_current(&self.dir, generation)
        } else {
            kept::is_fresh(&self.dir, generation)
        };
        if fresh {
            return Ok(());
        }
        kept::write(&self.dir, generation, index).map_err(|source| StoreError::Io {
            path: kept::path(&self.dir),
            source,
        })
    }

    /// Saves one local edit (already stamped) and flushes it to disk. A
    /// shared entry goes into this replica's file in the shared folder.
    pub fn save(&self, entry: Entry) -> Result<Outcome, StoreError> {
        if !entry.private {
            self.own.insert(entry.id.as_bytes(), &[][..])?;
        }
        let (record, outcome) = merge_into(self.record(&entry.id)?, entry);
        // The kept index's delta goes and the generation moves first: a kept
        // index is never taken for fresh by mistake.
        let mut delta = self.index_changing()?;
        let next = self.generation()? + 1;
        self.meta.insert(GENERATION, meta::encode_u64(next))?;
        self.note_changed([record.id()])?;
        self.records
            .insert(record.id().as_bytes(), encode(&record)?)?;
        self.flush()?;
        if let Some(delta) = &mut delta {
            delta.note(&record);
        }
        self.index_changed(delta);
        Ok(outcome)
    }

    /// Writes everything to disk; call before telling the user something is
    /// saved. Then takes a backup when the newest one is old enough
    /// ([`backup::GAP`]) or a merge changed records: a failing backup is an
    /// error, though the change is saved.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        if self.backups {
            let now = self.backup_now.swap(false, Ordering::Relaxed);
            backup::take_if_due(self, now)?;
        }
        Ok(())
    }

    /// Erases a case from every backup in the data dir (its stored value, and
    /// its key in the backed-up vault), so that erasure holds there too. Call
    /// after the case is erased from the data dir itself.
    pub fn erase_case_from_backups(&self, case: &str) -> Result<(), StoreError> {
        backup::erase_case(&self.dir, case)
    }
}

/// The index kept in `dir`, read without opening the database (and so
/// without taking the data dir's lock or writing anything): it is there
/// only while it matches the records. `None` when there is none, or it was
/// made by another program or is damaged: then open the store.
pub fn fresh_index(dir: &Path) -> Option<Index> {
    kept::read_fresh(dir).map(|(index, _)| index)
}

/// [`fresh_index`] and the store generation it is of: read while the store
/// opens (which may change records: a cut-off merge undone), then given to
/// [`Store::index_or`], which uses it only when no record changed since.
pub fn fresh_index_at(dir: &Path) -> Option<(Index, u64)> {
    kept::read_fresh(dir)
}

/// Opens sled. We hold the data dir's own lock, so when sled's lock is
/// still taken, the one who held it (a process on its way out, or a store of
/// this process whose flusher thread has not yet stopped) is letting go:
/// wait a moment for it instead of failing.
fn open_db(path: &Path) -> Result<sled::Db, sled::Error> {
    let open = || {
        sled::Config::new()
            .path(path)
            .cache_capacity(CACHE_BYTES)
            .open()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match open() {
            Err(sled::Error::Io(e)) if is_sled_lock(&e) && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// sled's "could not acquire lock" comes as `Other` with the OS error inside.
fn is_sled_lock(e: &std::io::Error) -> bool {
    e.kind() == std::io::ErrorKind::WouldBlock || e.to_string().contains("could not acquire lock")
}

/// sled errors that mean the files are damaged, not that the disk failed.
fn is_damage(e: &sled::Error) -> bool {
    matches!(
        e,
        sled::Error::Corruption { .. }
            | sled::Error::Unsupported(_)
            | sled::Error::ReportableBug(_)
    )
}

fn encode(record: &Record) -> Result<Vec<u8>, StoreError> {
    let mut bytes = vec![VALUE_VERSION];
    bincode::serde::encode_into_std_write(record, &mut bytes, bincode::config::standard())
        .map_err(|_| StoreError::Corrupt(record.id().to_string()))?;
    Ok(bytes)
}

fn decode(key: &[u8], value: &[u8]) -> Result<Record, StoreError> {
    let id = || String::from_utf8_lossy(key).into_owned();
    match value.split_first() {
        Some((&VALUE_VERSION, body)) => {
            bincode::serde::decode_from_slice(body, bincode::config::standard())
                .map(|(value, _)| value)
                .map_err(|_| StoreError::Corrupt(id()))
        }
        Some((1, body)) => legacy::decode_v1(body).ok_or_else(|| StoreError::Corrupt(id())),
        Some((&v, _)) if v > VALUE_VERSION => Err(StoreError::Newer(id())),
        _ => Err(StoreError::Corrupt(id())),
    }
}

/// bincode behind a format-version byte.
fn encode_value<T: serde::Serialize>(value: &T, key: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut bytes = vec![OTHER_VERSION];
    bincode::serde::encode_into_std_write(value, &mut bytes, bincode::config::standard())
        .map_err(|_| StoreError::Corrupt(String::from_utf8_lossy(key).into_owned()))?;
    Ok(bytes)
}

fn decode_value<T: serde::de::DeserializeOwned>(key: &[u8], value: &[u8]) -> Result<T, StoreError> {
    let id = || String::from_utf8_lossy(key).into_owned();
    match value.split_first() {
        Some((&OTHER_VERSION, body)) => {
            bincode::serde::decode_from_slice(body, bincode::config::standard())
                .map(|(value, _)| value)
                .map_err(|_| StoreError::Corrupt(id()))
        }
        Some((&v, _)) if v > OTHER_VERSION => Err(StoreError::Newer(id())),
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
        assert!(kept::path(dir.path()).exists(), "kept");
        assert_eq!(fresh_index(dir.path()).map(|i| i.len()), Some(1));
        store.merge(vec![entry("b")], |_, _| {}).expect("merge");
        assert_eq!(
            fresh_index(dir.path()).map(|i| i.len()),
            Some(2),
            "a merge brings the kept index along by its delta"
        );
        assert_eq!(store.index(false).expect("index").len(), 2);
        let generation = store.generation().expect("generation");
        store
            .merge(vec![entry("a"), entry("b")], |_, _| {})
            .expect("same again");
        assert_eq!(
            store.generation().expect("generation"),
            generation,
            "nothing new, index still fresh"
        );
        store
            .keep_index(&store.index(false).expect("index"))
            .expect("keep");
        assert_eq!(fresh_index(dir.path()).map(|i| i.len()), Some(2));
        store.save(entry("c")).expect("save");
        assert_eq!(
            fresh_index(dir.path()).map(|i| i.len()),
            Some(3),
            "an edit too"
        );
        // Without its delta (a kill between dropping it and writing the
        // next), index.bin is not trusted by a search.
        std::fs::remove_file(kept::delta_path(dir.path())).expect("rm delta");
        assert!(
            fresh_index(dir.path()).is_none(),
            "index.bin alone is stale"
        );
        assert_eq!(store.index(true).expect("index").len(), 3);
        assert_eq!(fresh_index(dir.path()).map(|i| i.len()), Some(3));
        let current = store.record("a").expect("read").expect("there");
        let by = crate::map::edit::Author {
            worker: "anna",
            replica: "anna.abc123",
        };
        let gone = crate::map::edit::tombstone(&current, by, chrono::Utc::now());
        store.save(gone).expect("delete");
        assert_eq!(fresh_index(dir.path()).map(|i| i.len()), Some(2));
        drop(store);
        let reopened = Store::open(dir.path(), false).expect("reopen");
        assert_eq!(reopened.index(false).expect("index").len(), 2);
    }

    #[test]
    fn a_delta_grown_big_is_folded_into_index_bin() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path(), false).expect("open");
        let entry = |i: usize| Entry {
            id: format!("e{i}"),
            name: format!("Buurthuis {i}"),
            domains: vec![crate::map::domain::LifeDomain::Daytime],
            ..Entry::default()
        };
        store.index(true).expect("keep");
        let before = std::fs::read(kept::path(dir.path())).expect("index.bin");
        let many: Vec<Entry> = (0..kept::COMPACT + 1).map(entry).collect();
        store.merge(many, |_, _| {}).expect("merge");
        assert_eq!(
            std::fs::read(kept::path(dir.path())).expect("index.bin"),
            before,
            "a merge writes only the delta"
        );
        assert_eq!(store.index(true).expect("index").len(), kept::COMPACT + 1);
        assert_ne!(
            std::fs::read(kept::path(dir.path())).expect("index.bin"),
            before,
            "folded in"
        );
        assert_eq!(
            fresh_index(dir.path()).map(|i| i.len()),
            Some(kept::COMPACT + 1)
        );
    }

    #[test]
    fn a_merge_cut_off_half_way_is_undone_on_open() {
        let dir = tempfile::tempdir().expect("temp dir");
        let entry = |id: &str, name: &str| Entry {
            id: id.into(),
            name: name.into(),
            ..Entry::default()
        };
        let before = {
            let store = Store::open(dir.path(), false).expect("open");
            store
                .merge(vec![entry("a", "Oud")], |_, _| {})
                .expect("merge");
            let before = store.records().expect("records");
            // What a merge killed after its first chunk leaves: a changed, b added, both noted.
            let old = store.records.get("a").expect("read").expect("a");
            let mut saved = vec![1u8];
            saved.extend_from_slice(&old);
            store.meta.insert(MERGING, &[1u8][..]).expect("mark");
            store.undo.insert("a", saved).expect("note a");
            store.undo.insert("b", ABSENT).expect("note b");
            let changed = Record::new(entry("a", "Nieuw"));
            store
                .records
                .insert("a", encode(&changed).expect("enc"))
                .expect("a");
            let added = Record::new(entry("b", "Erbij"));
            store
                .records
                .insert("b", encode(&added).expect("enc"))
                .expect("b");
            store.db.flush().expect("flush");
            before
        };
        let store = Store::open(dir.path(), false).expect("reopen");
        assert!(store.notices().contains(&Notice::MergeUndone));
        assert_eq!(store.records().expect("records"), before);
        assert!(store.undo.is_empty());
        assert!(!store.meta.contains_key(MERGING).expect("read"));
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
