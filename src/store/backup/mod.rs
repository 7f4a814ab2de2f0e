//! Rolling backups in the data dir, and putting one back.
//!
//! A backup is a folder under `backups/`: the map as a format-2 social-map
//! file (gzip-compressed: a 10k map is 9 MB of TOML and 2 MB packed, which
//! keeps ten of them within the growth budget), the other sled trees (case
//! data, still encrypted, the log, the settings) as bytes, `vault.bin` as
//! bytes, and a manifest with the SHA-256 of each. It is written in a hidden
//! temp folder, synced, and renamed into place: a backup is whole or absent.
//!
//! A rolling backup after a change is a *delta* when a full backup (its
//! base) is there and few records changed since (see `journal`): its map
//! file holds only the records written since the base, its `gone` file the
//! ids of those removed, and its manifest names the base; the trees and the
//! vault are whole in it, as in a full one. Loading a delta loads its base
//! (a sibling folder) and puts the delta's records in place of the base's.
//! A delta is good only while its base is; pruning keeps every base a kept
//! delta needs.

mod delta;
mod erase;

pub(super) use erase::erase_case;

use super::files::{create_private_dir, sync_dir};
use super::{Store, StoreError};
use crate::map::entry::Entry;
use crate::map::file::MapFile;
use crate::map::write::{render, render_entry_into};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// No new backup after a change while the newest is younger than this, so a
/// burst of edits does not write a copy of the map per keystroke.
pub const GAP: Duration = Duration::from_secs(60);
/// How many of the newest backups are always kept.
pub const KEEP_LATEST: usize = 10;
/// For how many days back the newest backup of each day is kept as well.
pub const KEEP_DAYS: i64 = 7;
const MANIFEST: &str = "manifest";
const MANIFEST_HEAD: &str = "wijkkaart-backup 1";
/// The head of a delta's manifest (a release that reads only full backups skips it).
const DELTA_HEAD: &str = "wijkkaart-backup 2";
const MAP: &str = "map.toml.gz";
/// In a delta: the ids of the records removed since the base, one a line.
const GONE: &str = "gone";
const TREES: &str = "trees.bin";
const VAULT: &str = "vault.bin";
/// The version byte in front of `trees.bin`.
const TREES_VERSION: u8 = 1;
/// sled trees that are not backed up as bytes: the records travel as the map
/// file, the undo notes of a merge are never wanted back.
/// Nor are the notes of what changed since the base (a restored data dir
/// starts a new base).
const NOT_AS_BYTES: &[&[u8]] = &[
    b"records",
    b"undo",
    b"__sled__default",
    super::journal::BASE_TREE,
    super::journal::JOURNAL_TREE,
];
/// A delta while the records written since the base are at most this
/// share of all (1/DELTA_SHARE); past it, a full backup and a new base.
const DELTA_SHARE: usize = 4;
/// Below this many records a full backup is cheap: every backup is full,
/// and none depends on another.
const DELTA_FROM: usize = 2000;
/// Rendered text handed to the compressor at a time.
const PACK_BYTES: usize = 1 << 20;

/// A backup's files: name and bytes.
type Files = Vec<(String, Vec<u8>)>;

/// The trees of a backup: name, then every key and value.
pub(super) type Trees = Vec<(Vec<u8>, Vec<(Vec<u8>, Vec<u8>)>)>;

/// What a backup holds, as the worker is told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupInfo {
    /// The folder name: the moment it was taken, sortable.
    pub name: String,
    pub taken: DateTime<Utc>,
    pub entries: usize,
    pub cases: usize,
}

/// A backup folder with a readable manifest.
#[derive(Clone, Debug)]
pub struct Backup {
    pub path: PathBuf,
    pub info: BackupInfo,
    files: Vec<(String, String)>,
    /// For a delta: the folder name of its base (a sibling folder).
    base: Option<String>,
}

/// The folder of the rolling backups in a data dir.
pub fn folder(dir: &Path) -> PathBuf {
    dir.join("backups")
}

pub(super) fn io_at(path: &Path) -> impl Fn(std::io::Error) -> StoreError + '_ {
    move |source| StoreError::Backup {
        path: path.to_path_buf(),
        source,
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Takes a backup when `now`, or when the newest backup is older than [`GAP`].
pub(super) fn take_if_due(store: &Store, now: bool) -> Result<(), StoreError> {
    let folder = folder(&store.dir);
    let newest = list(&folder).into_iter().next();
    if let Some(b) = newest.filter(|_| !now) {
        let age = Utc::now().signed_duration_since(b.info.taken);
        if age.to_std().is_ok_and(|age| age < GAP) {
            return Ok(());
        }
    }
    match delta::plan(store, &folder)? {
        Some(since) => {
            delta::write(store, &folder, &since.base, &since.ids)?;
        }
        None => {
            let info = write(store, &folder)?;
            store.new_base(&info.name)?;
            store.db.flush()?;
        }
    }
    prune(&folder).map_err(io_at(&folder))
}

/// Writes a backup of the store into `parent` (created if needed).
pub fn write(store: &Store, parent: &Path) -> Result<BackupInfo, StoreError> {
    let io = io_at(parent);
    create_private_dir(parent).map_err(&io)?;
    let taken = Utc::now();
    // Every record, private ones and tombstones included: importing the
    // file into an empty store gives the same records back. Rendered and
    // packed a record at a time, so that the map is never whole in memory.
    let header = MapFile {
        name: String::new(),
        exported_at: Some(taken),
        exported_by: String::new(),
        entries: Vec::new(),
    };
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut text = render(&header);
    let mut entries = 0;
    for item in store.records.iter() {
        let (key, value) = item?;
        // One that does not decode is left out (doctor names it).
        if let Ok(record) = super::decode(&key, &value) {
            render_entry_into(&mut text, record.entry());
            entries += 1;
        }
        if text.len() > PACK_BYTES {
            packed.write_all(text.as_bytes()).map_err(&io)?;
            text.clear();
        }
    }
    packed.write_all(text.as_bytes()).map_err(&io)?;
    let mut files = vec![(MAP.to_string(), packed.finish().map_err(&io)?)];
    let (others, cases) = other_files(store)?;
    let mut name = taken.format("%Y-%m-%dT%H-%M-%S%.3fZ").to_string();
    while parent.join(&name).exists() {
        name.push('+');
    }
    let info = BackupInfo {
        name,
        taken,
        entries,
        cases,
    };
    files.extend(others);
    put(parent, &info, &files, None)?;
    Ok(info)
}

/// The trees but the records (as bytes) and the vault, and how many cases.
fn other_files(store: &Store) -> Result<(Files, usize), StoreError> {
    let mut trees: Trees = Vec::new();
    let mut cases = 0;
    for name in store.db.tree_names() {
        if NOT_AS_BYTES.contains(&name.as_ref()) {
            continue;
        }
        let tree = store.db.open_tree(&name)?;
        let pairs: Vec<(Vec<u8>, Vec<u8>)> = tree
            .iter()
            .map(|item| item.map(|(k, v)| (k.to_vec(), v.to_vec())))
            .collect::<Result<_, _>>()?;
        if name.as_ref() == b"cases" {
            cases = pairs.len();
        }
        trees.push((name.to_vec(), pairs));
    }
    let mut files = vec![(TREES.to_string(), encode_trees(&trees))];
    match std::fs::read(store.dir.join(VAULT)) {
        Ok(bytes) => files.push((VAULT.to_string(), bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(StoreError::Io {
                path: store.dir.join(VAULT),
                source: e,
            });
        }
    }
    Ok((files, cases))
}

/// Writes the files and the manifest in a hidden temp folder, syncs, and
/// renames it into place.
fn put(
    parent: &Path,
    info: &BackupInfo,
    files: &[(String, Vec<u8>)],
    base: Option<&str>,
) -> Result<(), StoreError> {
    let io = io_at(parent);
    let temp = parent.join(format!(".tmp-{}", std::process::id()));
    let result = (|| {
        if temp.exists() {
            std::fs::remove_dir_all(&temp)?;
        }
        create_private_dir(&temp)?;
        for (file, bytes) in files {
            write_synced(&temp.join(file), bytes)?;
        }
        write_synced(&temp.join(MANIFEST), manifest(info, files, base).as_bytes())?;
        sync_dir(&temp)?;
        std::fs::rename(&temp, parent.join(&info.name))?;
        sync_dir(parent)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result.map_err(io)
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = super::files::open_private(path)?;
    file.set_len(0)?;
    file.write_all(bytes)?;
    file.sync_all()
}

fn manifest(info: &BackupInfo, files: &[(String, Vec<u8>)], base: Option<&str>) -> String {
    let head = if base.is_some() {
        DELTA_HEAD
    } else {
        MANIFEST_HEAD
    };
    let mut text = format!(
        "{head}\ntaken {}\nentries {}\ncases {}\n",
        info.taken.to_rfc3339(),
        info.entries,
        info.cases
    );
    if let Some(base) = base {
        text.push_str(&format!("base {base}\n"));
    }
    for (name, bytes) in files {
        text.push_str(&format!("file {name} {}\n", hex(&Sha256::digest(bytes))));
    }
    text
}

fn encode_trees(trees: &Trees) -> Vec<u8> {
    let mut bytes = vec![TREES_VERSION];
    // Plain vectors of bytes always encode.
    let _ = bincode::serde::encode_into_std_write(trees, &mut bytes, bincode::config::standard());
    bytes
}

fn decode_trees(bytes: &[u8]) -> Option<Trees> {
    match bytes.split_first() {
        Some((&TREES_VERSION, body)) => {
            bincode::serde::decode_from_slice(body, bincode::config::standard())
                .ok()
                .map(|(t, _)| t)
        }
        _ => None,
    }
}

/// Reads a backup folder's manifest; `None` when it is not a backup or damaged.
pub fn read(path: &Path) -> Option<Backup> {
    let text = std::fs::read_to_string(path.join(MANIFEST)).ok()?;
    let mut lines = text.lines();
    let delta = match lines.next()? {
        MANIFEST_HEAD => false,
        DELTA_HEAD => true,
        _ => return None,
    };
    let mut base = None;
    let mut taken = None;
    let (mut entries, mut cases) = (0, 0);
    let mut files = Vec::new();
    for line in lines {
        let mut words = line.split(' ');
        match (words.next(), words.next(), words.next()) {
            (Some("taken"), Some(t), None) => {
                taken = DateTime::parse_from_rfc3339(t).ok().map(|t| t.to_utc());
            }
            (Some("entries"), Some(n), None) => entries = n.parse().ok()?,
            (Some("cases"), Some(n), None) => cases = n.parse().ok()?,
            // A sibling folder's name: never a path that leads elsewhere.
            (Some("base"), Some(b), None) if delta && is_folder_name(b) => {
                base = Some(b.to_string())
            }
            (Some("file"), Some(name), Some(sum)) => {
                files.push((name.to_string(), sum.to_string()))
            }
            _ => return None,
        }
    }
    if delta && base.is_none() {
        return None;
    }
    let name = path.file_name()?.to_string_lossy().into_owned();
    Some(Backup {
        path: path.to_path_buf(),
        info: BackupInfo {
            name,
            taken: taken?,
            entries,
            cases,
        },
        files,
        base,
    })
}

/// A plain folder name: not empty, not hidden, no separator.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\'])
}

/// The backups in a folder with a readable manifest, newest first.
pub fn list(folder: &Path) -> Vec<Backup> {
    let mut found: Vec<Backup> = folders(folder).iter().filter_map(|p| read(p)).collect();
    found.sort_by(|a, b| {
        b.info
            .taken
            .cmp(&a.info.taken)
            .then(b.info.name.cmp(&a.info.name))
    });
    found
}

/// The folders in the backup folder, but for hidden (temp) ones.
fn folders(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .map(|rd| {
            rd.filter_map(|item| item.ok())
                .map(|item| item.path())
                .filter(|p| {
                    p.is_dir()
                        && !p
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Folders in the backup folder that are not readable backups (for `doctor`).
pub fn unreadable(folder: &Path) -> Vec<PathBuf> {
    folders(folder)
        .into_iter()
        .filter(|p| read(p).is_none())
        .collect()
}

impl Backup {
    /// The first file whose bytes do not match the manifest, if any; for a
    /// delta, also its base's (named `base/<file>`) when that is damaged,
    /// missing or itself a delta.
    pub fn damaged_file(&self) -> Option<String> {
        for (name, sum) in &self.files {
            match std::fs::read(self.path.join(name)) {
                Ok(bytes) if hex(&Sha256::digest(&bytes)) == *sum => {}
                _ => return Some(name.clone()),
            }
        }
        if !self.files.iter().any(|(n, _)| n == MAP) {
            return Some(MAP.to_string());
        }
        if self.base.is_some() {
            return match self.base_backup() {
                Some(base) => base.damaged_file().map(|f| format!("base/{f}")),
                None => Some("base".to_string()),
            };
        }
        None
    }

    /// Whether this is a delta (it needs its base to be read).
    pub fn is_delta(&self) -> bool {
        self.base.is_some()
    }

    /// A delta's base: a full backup in the same folder.
    fn base_backup(&self) -> Option<Backup> {
        let base = read(&self.path.parent()?.join(self.base.as_ref()?))?;
        base.base.is_none().then_some(base)
    }

    /// The map's entries (every version), the trees and the vault bytes.
    /// A delta's entries are its base's with the delta's records in place.
    pub fn load(&self) -> Option<(Vec<Entry>, Trees, Option<Vec<u8>>)> {
        if self.damaged_file().is_some() {
            return None;
        }
        let mut entries = self.map_entries()?;
        if let Some(base) = self.base.as_ref().and_then(|_| self.base_backup()) {
            let gone = std::fs::read_to_string(self.path.join(GONE)).unwrap_or_default();
            let replaced: std::collections::HashSet<&str> = entries
                .iter()
                .map(|e| e.id.as_str())
                .chain(gone.lines())
                .collect();
            let mut whole: Vec<Entry> = base
                .map_entries()?
                .into_iter()
                .filter(|e| !replaced.contains(e.id.as_str()))
                .collect();
            whole.append(&mut entries);
            entries = whole;
        }
        let trees = match std::fs::read(self.path.join(TREES)) {
            Ok(bytes) => decode_trees(&bytes)?,
            Err(_) => Vec::new(),
        };
        let vault = std::fs::read(self.path.join(VAULT)).ok();
        Some((entries, trees, vault))
    }

    /// The entries of this folder's own map files.
    fn map_entries(&self) -> Option<Vec<Entry>> {
        let mut entries = Vec::new();
        for (name, _) in self.files.iter().filter(|(n, _)| is_map(n)) {
            let mut text = String::new();
            flate2::read::GzDecoder::new(std::fs::File::open(self.path.join(name)).ok()?)
                .read_to_string(&mut text)
                .ok()?;
            entries.extend(crate::map::file::parse(&text).ok()?.entries);
        }
        Some(entries)
    }
}

fn is_map(name: &str) -> bool {
    name.starts_with("map") && name.ends_with(".toml.gz")
}

/// The newest backup that is whole and reads back, with what it holds.
pub fn newest_good(folder: &Path) -> Option<Backup> {
    list(folder).into_iter().find(|b| b.load().is_some())
}

/// Keeps the newest [`KEEP_LATEST`] backups and the newest of each of the
/// last [`KEEP_DAYS`] days; removes the others.
pub fn prune(folder: &Path) -> std::io::Result<()> {
    let all = list(folder);
    let today = Utc::now().date_naive();
    let mut days_kept = BTreeSet::new();
    let mut kept = vec![false; all.len()];
    for (i, b) in all.iter().enumerate() {
        let day = b.info.taken.date_naive();
        let recent_day = (today - day).num_days() < KEEP_DAYS;
        let newest_of_day = recent_day && days_kept.insert(day);
        kept[i] = i < KEEP_LATEST || newest_of_day;
    }
    // A kept delta keeps its base.
    let bases: BTreeSet<&str> = all
        .iter()
        .zip(&kept)
        .filter(|(_, k)| **k)
        .filter_map(|(b, _)| b.base.as_deref())
        .collect();
    for (b, k) in all.iter().zip(&kept) {
        if !k && !bases.contains(b.info.name.as_str()) {
            std::fs::remove_dir_all(&b.path)?;
        }
    }
    sync_dir(folder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_keeps_the_newest_ten() {
        let dir = tempfile::tempdir().expect("tmp");
        let store = Store::open(dir.path(), true).expect("open");
        let parent = dir.path().join("b");
        for _ in 0..12 {
            write(&store, &parent).expect("backup");
        }
        assert_eq!(list(&parent).len(), 12);
        prune(&parent).expect("prune");
        assert_eq!(list(&parent).len(), KEEP_LATEST);
        let newest = newest_good(&parent).expect("a good one");
        assert!(newest.info.entries > 0, "the built-in map is in it");
    }
}
