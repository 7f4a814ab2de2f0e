//! `doctor`: checks every part of the data dir, repairs what it safely can,
//! and says what it found, one finding per line.

use super::backup::{self, Backup};
use super::{Notice, Store, StoreError, kept};
use crate::cases::vault::Vault;
use crate::map::merge::{Record, merge_into};
use std::path::PathBuf;

/// The part of the data dir a finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Store,
    Records,
    Index,
    Vault,
    Log,
    Backups,
}

impl Part {
    pub fn id(self) -> &'static str {
        match self {
            Part::Store => "store",
            Part::Records => "records",
            Part::Index => "index",
            Part::Vault => "vault",
            Part::Log => "log",
            Part::Backups => "backups",
        }
    }
}

/// How a finding ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    Repaired,
    /// Left as it was: the worker has to act.
    Damaged,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Repaired => "repaired",
            Status::Damaged => "damaged",
        }
    }
}

/// What was found; the interface words come from `text::doctor_finding`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// The store opened; it did this on its own first.
    Opened(Notice),
    OpenedClean,
    RecordsRead(usize),
    /// A record that did not decode, put back from the backup of that name.
    RecordRestored {
        id: String,
        backup: String,
    },
    /// A record that did not decode and is in no backup.
    RecordUnreadable(String),
    IndexFresh(usize),
    IndexRebuilt(usize),
    NoVault,
    VaultRead(usize),
    VaultUnreadable(String),
    /// The log's records, numbered without gaps; the hash chain needs a passphrase.
    LogRecords(usize),
    LogGap(u64),
    Backups {
        count: usize,
        newest: String,
    },
    BackupTaken(String),
    BackupRemoved(String),
    BackupDamaged(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub part: Part,
    pub status: Status,
    pub found: Found,
}

fn finding(part: Part, status: Status, found: Found) -> Finding {
    Finding {
        part,
        status,
        found,
    }
}

/// Checks and repairs an open store (opening it already cleaned up and
/// restored what it had to: those notices come first).
pub fn run(store: &Store) -> Result<Vec<Finding>, StoreError> {
    let mut out: Vec<Finding> = store
        .notices()
        .iter()
        .map(|n| finding(Part::Store, Status::Repaired, Found::Opened(n.clone())))
        .collect();
    if out.is_empty() {
        out.push(finding(Part::Store, Status::Ok, Found::OpenedClean));
    }
    let folder = backup::folder(store.dir());
    let backups = backup::list(&folder);
    check_records(store, &backups, &mut out)?;
    check_index(store, &mut out)?;
    check_vault(store, &mut out);
    check_log(store, &mut out)?;
    check_backups(store, backups, &mut out)?;
    Ok(out)
}

fn check_records(
    store: &Store,
    backups: &[Backup],
    out: &mut Vec<Finding>,
) -> Result<(), StoreError> {
    let (good, bad) = store.records_checked()?;
    out.push(finding(
        Part::Records,
        Status::Ok,
        Found::RecordsRead(good.len()),
    ));
    if bad.is_empty() {
        return Ok(());
    }
    // Newest backup first: the first that holds the record gives it back.
    let loaded: Vec<(String, Vec<crate::map::entry::Entry>)> = backups
        .iter()
        .filter_map(|b| {
            b.load()
                .map(|(entries, _, _)| (b.info.name.clone(), entries))
        })
        .collect();
    for id in bad {
        let found = loaded.iter().find_map(|(name, entries)| {
            let mut record: Option<Record> = None;
            for e in entries.iter().filter(|e| e.id == id) {
                record = Some(merge_into(record, e.clone()).0);
            }
            record.map(|r| (name.clone(), r))
        });
        match found {
            Some((name, record)) => {
                store.put_record(&id, Some(&record))?;
                out.push(finding(
                    Part::Records,
                    Status::Repaired,
                    Found::RecordRestored { id, backup: name },
                ));
            }
            None => out.push(finding(
                Part::Records,
                Status::Damaged,
                Found::RecordUnreadable(id),
            )),
        }
    }
    Ok(())
}

fn check_index(store: &Store, out: &mut Vec<Finding>) -> Result<(), StoreError> {
    let fresh = store.index_is_fresh()?;
    if fresh {
        let index = store.index(false)?;
        let live = store
            .records()?
            .iter()
            .filter(|r| r.shown().is_some())
            .count();
        if index.len() == live {
            out.push(finding(
                Part::Index,
                Status::Ok,
                Found::IndexFresh(index.len()),
            ));
            std::mem::forget(index);
            return Ok(());
        }
        std::mem::forget(index);
    }
    // Stale, damaged, from another program version, or disagreeing: build it anew.
    let _ = std::fs::remove_file(kept::path(store.dir()));
    let len = store.keep_fresh_index()?;
    out.push(finding(
        Part::Index,
        Status::Repaired,
        Found::IndexRebuilt(len),
    ));
    Ok(())
}

fn check_vault(store: &Store, out: &mut Vec<Finding>) {
    if !store.dir().join("vault.bin").exists() {
        out.push(finding(Part::Vault, Status::Ok, Found::NoVault));
        return;
    }
    match Vault::open(store.dir()) {
        Ok(vault) => out.push(finding(
            Part::Vault,
            Status::Ok,
            Found::VaultRead(vault.slots().len()),
        )),
        Err(e) => out.push(finding(
            Part::Vault,
            Status::Damaged,
            Found::VaultUnreadable(e.to_string()),
        )),
    }
}

fn check_log(store: &Store, out: &mut Vec<Finding>) -> Result<(), StoreError> {
    let log = store.tree("log")?;
    let mut expected = 1u64;
    for key in log.iter().keys() {
        let key = key?;
        let seq = <[u8; 8]>::try_from(key.as_ref()).map_or(0, u64::from_be_bytes);
        if seq != expected {
            out.push(finding(Part::Log, Status::Damaged, Found::LogGap(expected)));
            return Ok(());
        }
        expected += 1;
    }
    out.push(finding(
        Part::Log,
        Status::Ok,
        Found::LogRecords((expected - 1) as usize),
    ));
    Ok(())
}

fn check_backups(
    store: &Store,
    backups: Vec<Backup>,
    out: &mut Vec<Finding>,
) -> Result<(), StoreError> {
    let folder = backup::folder(store.dir());
    let mut good = Vec::new();
    let mut bad: Vec<PathBuf> = backup::unreadable(&folder);
    for b in backups {
        if b.damaged_file().is_some() {
            bad.push(b.path);
        } else {
            good.push(b);
        }
    }
    for path in bad {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // A damaged backup only misleads; it goes when a good one is there to take its place.
        if !good.is_empty() && std::fs::remove_dir_all(&path).is_ok() {
            out.push(finding(
                Part::Backups,
                Status::Repaired,
                Found::BackupRemoved(name),
            ));
        } else {
            out.push(finding(
                Part::Backups,
                Status::Damaged,
                Found::BackupDamaged(name),
            ));
        }
    }
    match good.first() {
        Some(newest) => out.push(finding(
            Part::Backups,
            Status::Ok,
            Found::Backups {
                count: good.len(),
                newest: newest.info.name.clone(),
            },
        )),
        None => {
            let info = backup::write(store, &folder)?;
            out.push(finding(
                Part::Backups,
                Status::Repaired,
                Found::BackupTaken(info.name),
            ));
        }
    }
    Ok(())
}
