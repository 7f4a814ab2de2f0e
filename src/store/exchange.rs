//! Exchanging the map with colleagues: importing files (all or nothing) and
//! syncing with a shared folder (each file on its own, then our own export).

use super::write_atomically;
use super::{Store, StoreError};
use crate::map::clock::Clock;
use crate::map::edit::Worker;
use crate::map::file::{self, FileProblem, MapFile, Problem, ProblemKind};
use crate::map::merge::Summary;
use crate::map::write::render;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Why an import did nothing.
#[derive(Debug)]
pub enum ImportError {
    /// Problems in the files; nothing was imported.
    Problems(Vec<FileProblem>),
    /// A folder without any `.toml` file.
    NoFiles(PathBuf),
    Store(StoreError),
}

impl From<StoreError> for ImportError {
    fn from(e: StoreError) -> Self {
        ImportError::Store(e)
    }
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct SyncReport {
    pub summary: Summary,
    /// Files that could not be read, with why; the rest went ahead.
    pub skipped: Vec<FileProblem>,
    /// Other files in the folder (not `.toml`), left alone.
    pub ignored: usize,
    /// Our own export, written atomically.
    pub written: PathBuf,
}

/// The `.toml` files directly in a folder, in name order, and how many other
/// files it holds. Only regular files count: a symbolic link (which could
/// lead to any file of the laptop), a folder or a FIFO named `x.toml` is
/// never read.
pub fn toml_files(dir: &Path) -> std::io::Result<(Vec<PathBuf>, usize)> {
    let mut files = Vec::new();
    let mut ignored = 0;
    for item in std::fs::read_dir(dir)? {
        let item = item?;
        let path = item.path();
        // The entry's own type: a link is not followed to ask what it points at.
        if !item.file_type()?.is_file() {
            ignored += usize::from(!item.file_type()?.is_dir());
            continue;
        }
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if path.extension().is_some_and(|x| x == "toml") && !hidden {
            files.push(path);
        } else {
            ignored += 1;
        }
    }
    files.sort();
    Ok((files, ignored))
}

fn unreadable(path: &Path, e: &std::io::Error) -> FileProblem {
    FileProblem {
        path: path.to_path_buf(),
        problem: Problem {
            line: 1,
            column: 1,
            kind: ProblemKind::Unreadable(e.to_string()),
        },
    }
}

/// Reads files and folders of files; any problem in any file means none is returned.
pub fn read_all(paths: &[PathBuf]) -> Result<Vec<MapFile>, ImportError> {
    read_all_named(paths).map(|files| files.into_iter().map(|(_, f)| f).collect())
}

/// A path as given: a folder stands for its `.toml` files (none is an error).
fn expanded(path: &Path) -> Result<Vec<PathBuf>, ImportError> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let (found, _) =
        toml_files(path).map_err(|e| ImportError::Problems(vec![unreadable(path, &e)]))?;
    if found.is_empty() {
        return Err(ImportError::NoFiles(path.to_path_buf()));
    }
    Ok(found)
}

/// As [`read_all`], each file with the path it was read from.
pub fn read_all_named(paths: &[PathBuf]) -> Result<Vec<(PathBuf, MapFile)>, ImportError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        for path in expanded(path)? {
            match file::read(&path) {
                Ok(f) => files.push((path, f)),
                Err(p) => problems.extend(p),
            }
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(ImportError::Problems(problems))
    }
}

/// Imports files and folders, all or nothing, and flushes before returning.
/// What came from outside the shared folder goes into this replica's file there.
pub fn import(
    store: &Store,
    paths: &[PathBuf],
    progress: impl FnMut(usize, usize),
) -> Result<Summary, ImportError> {
    let checked = check_files(paths)?;
    import_checked(store, &checked, progress)
}

/// Files that were read through without a problem, and how many entries they hold.
pub struct Checked {
    files: Vec<PathBuf>,
    entries: usize,
}

/// The files of `paths` (a folder gives its `.toml` files), each read
/// through a slice at a time and thrown away: any problem in any file means
/// none is imported. Memory stays bounded by one slice of entries.
pub fn check_files(paths: &[PathBuf]) -> Result<Checked, ImportError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut entries = 0;
    for path in paths {
        for path in expanded(path)? {
            match file::read_each(&path, &mut |slice| entries += slice.len()) {
                Ok(_) => files.push(path),
                Err(p) => problems.extend(p),
            }
        }
    }
    if problems.is_empty() {
        Ok(Checked { files, entries })
    } else {
        Err(ImportError::Problems(problems))
    }
}

/// Merges checked files a slice at a time, as one merge: all or nothing
/// (should a file have changed since it was checked and now show a
/// problem, everything merged before it is put back).
pub fn import_checked(
    store: &Store,
    checked: &Checked,
    mut progress: impl FnMut(usize, usize),
) -> Result<Summary, ImportError> {
    let mut run = store.merging(true)?;
    run.collect_own();
    for path in &checked.files {
        let mut failed = None;
        let read = file::read_each(path, &mut |slice| {
            if failed.is_none()
                && let Err(e) = run.add(slice, checked.entries, &mut progress)
            {
                failed = Some(e);
            }
        });
        let problem = match (read, failed) {
            (_, Some(e)) => Some(ImportError::Store(e)),
            (Err(problems), None) => Some(ImportError::Problems(problems)),
            (Ok(_), None) => None,
        };
        if let Some(problem) = problem {
            run.abandon()?;
            return Err(problem);
        }
    }
    let own = run.take_own_ids();
    let summary = run.finish()?;
    store.keep_in_own_file(own)?;
    Ok(summary)
}

/// What the store remembers of one file in the shared folder: the hash of
/// its content when last read, and the version of each entry it held.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Seen {
    hash: [u8; 32],
    entries: Vec<(String, Clock)>,
}

const SEEN_VERSION: u8 = 1;

impl Seen {
    fn of(hash: [u8; 32], file: &MapFile) -> Seen {
        Seen {
            hash,
            entries: file
                .entries
                .iter()
                .map(|e| (e.id.clone(), e.clock.clone()))
                .collect(),
        }
    }

    fn encode(&self) -> Vec<u8> {
        let mut bytes = vec![SEEN_VERSION];
        let _ =
            bincode::serde::encode_into_std_write(self, &mut bytes, bincode::config::standard());
        bytes
    }

    fn decode(bytes: &[u8]) -> Option<Seen> {
        match bytes.split_first() {
            Some((&SEEN_VERSION, body)) => {
                bincode::serde::decode_from_slice(body, bincode::config::standard())
                    .ok()
                    .map(|(s, _)| s)
            }
            _ => None,
        }
    }
}

impl Store {
    /// Merges entries from files outside the shared folder (an import): they
    /// go into this replica's file there, so that colleagues get them too.
    pub fn import_entries(
        &self,
        entries: Vec<crate::map::entry::Entry>,
        progress: impl FnMut(usize, usize),
    ) -> Result<Summary, StoreError> {
        let total = entries.len();
        let mut run = self.merging(true)?;
        run.collect_own();
        let mut progress = progress;
        run.add(entries, total, &mut progress)?;
        let own = run.take_own_ids();
        let summary = run.finish()?;
        self.keep_in_own_file(own)?;
        Ok(summary)
    }

    /// Puts ids into this replica's file in the shared folder, and flushes.
    fn keep_in_own_file(&self, ids: Vec<String>) -> Result<(), StoreError> {
        // One key at a time: sled keeps what a batch replaces until the
        // batch ends, and batches of 1,000 of 100,000 keys took 350 MB here
        // (one at a time: none, and faster). The ids are a set, written
        // after the merge: a cut-off run leaves some in, which only puts
        // entries in the own file that the merge already brought in.
        for id in &ids {
            self.own.insert(id.as_bytes(), &[][..])?;
        }
        self.db.flush()?;
        Ok(())
    }

    /// The ids of the entries this replica's file holds.
    fn own_ids(&self) -> Result<Vec<String>, StoreError> {
        self.own
            .iter()
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&k?).into_owned()))
            .collect()
    }
}

/// The shared folder itself, whatever path reached it: `gedeeld`,
/// `gedeeld/` and a link to it are one folder (else a file that went while
/// synced through another path would not be seen to have gone, and what
/// only it held not republished). Worked out once per sync.
fn canonical(dir: &Path) -> PathBuf {
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// The key under which a file of the shared folder `folder` (see
/// [`canonical`]; earlier versions used the path as typed) is remembered.
fn seen_key(folder: &Path, name: &str) -> Vec<u8> {
    let mut key = Sha256::digest(folder.to_string_lossy().as_bytes())[..8].to_vec();
    key.extend_from_slice(name.as_bytes());
    key
}

/// What was seen of `folder` (reached as `dir`) before, by file name. What
/// an earlier version remembered under the path as typed moves to the folder's key.
fn remembered(
    store: &Store,
    dir: &Path,
    folder: &Path,
) -> Result<BTreeMap<String, Seen>, StoreError> {
    let read = |prefix: &[u8]| -> Result<BTreeMap<String, Seen>, StoreError> {
        let mut seen = BTreeMap::new();
        for item in store.seen.scan_prefix(prefix) {
            let (key, value) = item?;
            let name = String::from_utf8_lossy(&key[prefix.len()..]).into_owned();
            if let Some(s) = Seen::decode(&value) {
                seen.insert(name, s);
            }
        }
        Ok(seen)
    };
    let prefix = seen_key(folder, "");
    let typed = seen_key(dir, "");
    let before = read(&prefix)?;
    if !before.is_empty() || typed == prefix {
        return Ok(before);
    }
    let before = read(&typed)?;
    for (name, seen) in &before {
        store.seen.insert(seen_key(folder, name), seen.encode())?;
        store.seen.remove(seen_key(dir, name))?;
    }
    Ok(before)
}

/// Removes what an interrupted sync of ours left: our own temp files (a
/// planted link of that name is removed as a link, never followed).
fn clean_own_temps(dir: &Path, own_name: &str) {
    let prefix = format!(".{own_name}.");
    let Ok(items) = std::fs::read_dir(dir) else {
        return;
    };
    for item in items.flatten() {
        let name = item.file_name().to_string_lossy().into_owned();
        if name.starts_with(&prefix) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(item.path());
        }
    }
}

/// Two-way exchange with a shared folder (social-map-format.md, "The shared
/// folder"): reads every colleague's file that changed since the last sync
/// (a broken one is skipped and reported), republishes what only a vanished
/// file held, then writes this replica's own file, `<replica-id>.toml`, when
/// its content changed. Never touches another replica's file.
pub fn sync(
    store: &Store,
    dir: &Path,
    worker: &Worker,
    _now: DateTime<Utc>,
    mut progress: impl FnMut(usize, usize),
) -> Result<SyncReport, StoreError> {
    let shared = |source| StoreError::Shared {
        path: dir.to_path_buf(),
        source,
    };
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(StoreError::NoFolder(dir.to_path_buf())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NoFolder(dir.to_path_buf()));
        }
        Err(e) => return Err(shared(e)),
    }
    let mut replica = store.replica()?.unwrap_or_else(|| worker.id.clone());
    clean_own_temps(dir, &format!("{replica}.toml"));
    let (files, ignored) = toml_files(dir).map_err(shared)?;
    let mut report = SyncReport {
        ignored,
        ..SyncReport::default()
    };
    let folder = canonical(dir);
    let mut before = remembered(store, dir, &folder)?;
    let total = files.len();
    let mut present: BTreeSet<String> = BTreeSet::new();
    let mut changed: Vec<Unparsed> = Vec::new();
    for (i, path) in files.iter().enumerate() {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        present.insert(name.clone());
        let bytes = match read_regular(path) {
            Ok(bytes) => bytes,
            Err(problems) => {
                changed.push(Unparsed::Unreadable(problems));
                continue;
            }
        };
        let hash: [u8; 32] = Sha256::digest(&bytes).into();
        if before.get(&name).is_some_and(|s| s.hash == hash) {
            progress(i + 1, total);
            continue;
        }
        changed.push(Unparsed::Changed {
            name,
            path,
            bytes,
            hash,
        });
    }
    let mut incoming = Vec::new();
    let mut fresh_seen: Vec<(String, Seen)> = Vec::new();
    let done = total - changed.len();
    for (i, parsed) in parse_all(changed).into_iter().enumerate() {
        match parsed {
            Parsed::Read { name, hash, file } => {
                fresh_seen.push((name, Seen::of(hash, &file)));
                incoming.extend(file.entries);
            }
            Parsed::Problems(problems) => report.skipped.extend(problems),
        }
        progress(done + i + 1, total);
    }
    // One merge for every changed file (merging is order-independent): one
    // flush, one backup.
    let summary = store.merge(incoming, |_, _| {})?;
    if let Some(fresh) = &summary.new_replica {
        replica = fresh.clone();
    }
    report.summary.add(summary);
    for (name, seen) in fresh_seen {
        store.seen.insert(seen_key(&folder, &name), seen.encode())?;
        before.insert(name, seen);
    }
    republish_vanished(store, &folder, &before, &present)?;
    report.written = write_own_file(store, dir, &folder, &replica, worker)?;
    store.set_sync_dir(dir)?;
    Ok(report)
}

/// A file of the shared folder to read: changed since the last sync, or unreadable.
enum Unparsed<'p> {
    Changed {
        name: String,
        path: &'p Path,
        bytes: Vec<u8>,
        hash: [u8; 32],
    },
    Unreadable(Vec<FileProblem>),
}

enum Parsed {
    Read {
        name: String,
        hash: [u8; 32],
        file: MapFile,
    },
    Problems(Vec<FileProblem>),
}

fn parse_one(unparsed: Unparsed<'_>) -> Parsed {
    match unparsed {
        Unparsed::Changed {
            name,
            path,
            bytes,
            hash,
        } => match file::parse_bytes(path, bytes) {
            Ok(file) => Parsed::Read { name, hash, file },
            Err(problems) => Parsed::Problems(problems),
        },
        Unparsed::Unreadable(problems) => Parsed::Problems(problems),
    }
}

/// Parses the files, in their order, on two cores: each file goes to the
/// thread with fewer bytes so far (a new laptop's first sync parses every
/// colleague's file, and parsing was most of its time).
fn parse_all(files: Vec<Unparsed<'_>>) -> Vec<Parsed> {
    let size = |u: &Unparsed<'_>| match u {
        Unparsed::Changed { bytes, .. } => bytes.len(),
        Unparsed::Unreadable(_) => 0,
    };
    if files.len() < 2 {
        return files.into_iter().map(parse_one).collect();
    }
    let n = files.len();
    let (mut first, mut second): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    let (mut a, mut b) = (0usize, 0usize);
    for (i, file) in files.into_iter().enumerate() {
        if a <= b {
            a += size(&file);
            first.push((i, file));
        } else {
            b += size(&file);
            second.push((i, file));
        }
    }
    let parse = |part: Vec<(usize, Unparsed<'_>)>| -> Vec<(usize, Parsed)> {
        part.into_iter().map(|(i, u)| (i, parse_one(u))).collect()
    };
    let mut all = std::thread::scope(|s| {
        let other = s.spawn(|| parse(second));
        let mut all = parse(first);
        match other.join() {
            Ok(more) => all.extend(more),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        all
    });
    all.sort_by_key(|(i, _)| *i);
    debug_assert_eq!(all.len(), n);
    all.into_iter().map(|(_, p)| p).collect()
}

/// A file that was read before and is gone: every entry whose newest
/// version this replica knew only from it goes into our own file, so that
/// nothing is lost (tombstones included, so nothing deleted comes back).
fn republish_vanished(
    store: &Store,
    folder: &Path,
    seen: &BTreeMap<String, Seen>,
    present: &BTreeSet<String>,
) -> Result<(), StoreError> {
    let gone: Vec<&String> = seen.keys().filter(|n| !present.contains(*n)).collect();
    if gone.is_empty() {
        return Ok(());
    }
    // The newest clock of each id in the files still there.
    let mut elsewhere: HashMap<&str, Clock> = HashMap::new();
    for (_, s) in seen.iter().filter(|(n, _)| present.contains(*n)) {
        for (id, clock) in &s.entries {
            let slot = elsewhere.entry(id.as_str()).or_default();
            *slot = slot.join(clock);
        }
    }
    for name in gone {
        for (id, clock) in &seen[name].entries {
            let covered = elsewhere
                .get(id.as_str())
                .is_some_and(|c| c.covers_clock(clock));
            if !covered && store.record(id)?.is_some_and(|r| !r.entry().private) {
                store.own.insert(id.as_bytes(), &[][..])?;
            }
        }
        store.seen.remove(seen_key(folder, name))?;
    }
    Ok(())
}

/// Writes `DIR/<replica-id>.toml` with every entry this replica holds in
/// its file, each in the newest version it knows, when that differs from
/// what is there: an exclusive temp file with an unguessable name, renamed
/// over it.
fn write_own_file(
    store: &Store,
    dir: &Path,
    folder: &Path,
    replica: &str,
    worker: &Worker,
) -> Result<PathBuf, StoreError> {
    let name = format!("{replica}.toml");
    let path = dir.join(&name);
    let mut entries = Vec::new();
    for id in store.own_ids()? {
        if let Some(record) = store.record(&id)?
            && !record.entry().private
        {
            entries.push(record.into_entry());
        }
    }
    let file = MapFile {
        name: String::new(),
        exported_at: None,
        exported_by: worker.id.clone(),
        entries,
    };
    let text = render(&file);
    let hash: [u8; 32] = Sha256::digest(text.as_bytes()).into();
    let key = seen_key(folder, &name);
    let unchanged = match std::fs::symlink_metadata(&path) {
        Ok(m) if m.is_file() => std::fs::read(&path)
            .map(|old| Sha256::digest(&old).as_slice() == hash.as_slice())
            .unwrap_or(false),
        _ => false,
    };
    if !unchanged {
        write_atomically(&path, text.as_bytes()).map_err(|source| StoreError::Shared {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    store.seen.insert(key, Seen::of(hash, &file).encode())?;
    store.db.flush()?;
    Ok(path)
}

/// A file's bytes, read through a handle that refuses links and anything
/// but a regular file (what was listed may have been swapped since).
fn read_regular(path: &Path) -> Result<Vec<u8>, Vec<FileProblem>> {
    let fail = |e: std::io::Error| vec![unreadable(path, &e)];
    let mut options = std::fs::File::options();
    options.read(true);
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // O_NOFOLLOW | O_NONBLOCK: never through a link, never stuck on a FIFO
        // (the listing already left both out; this holds if one was swapped in since).
        options.custom_flags(0o400_000 | 0o4_000);
    }
    let mut f = options.open(path).map_err(fail)?;
    let meta = f.metadata().map_err(fail)?;
    if !meta.is_file() {
        return Err(fail(std::io::Error::other("not a regular file")));
    }
    if meta.len() > file::MAX_FILE_BYTES {
        return Err(vec![FileProblem {
            path: path.to_path_buf(),
            problem: Problem {
                line: 1,
                column: 1,
                kind: ProblemKind::TooBig {
                    max_mb: file::MAX_FILE_BYTES / (1024 * 1024),
                },
            },
        }]);
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::io::Read::read_to_end(&mut f, &mut bytes).map_err(fail)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_an_earlier_version_remembered_by_the_typed_path_moves_to_the_folder() {
        let tmp = tempfile::tempdir().expect("tmp");
        let store = Store::open(&tmp.path().join("data"), false).expect("open");
        let folder = tmp.path().join("gedeeld");
        std::fs::create_dir(&folder).expect("mkdir");
        let typed = PathBuf::from(format!("{}/", folder.display()));
        let seen = Seen {
            hash: [7; 32],
            entries: vec![("buurtkamer-x".into(), Clock::default())],
        };
        let old = seen_key(&typed, "bram.abc123.toml");
        store.seen.insert(&old, seen.encode()).expect("insert");

        let before = remembered(&store, &typed, &canonical(&typed)).expect("read");
        assert_eq!(before["bram.abc123.toml"].hash, [7; 32]);
        assert!(store.seen.get(&old).expect("get").is_none(), "moved");
        // Through the folder's plain path it is the same folder.
        let again = remembered(&store, &folder, &canonical(&folder)).expect("read");
        assert_eq!(again["bram.abc123.toml"].entries.len(), 1);
    }
}
