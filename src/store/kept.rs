//! The search index kept in the data dir between runs: `index.bin`, the
//! index as built at some generation of the records, and `index.delta`, the
//! entries that changed since (their new versions, or that they went).
//!
//! A search trusts the pair without opening the database, so the delta
//! exists only while the pair matches the records: it is removed (and the
//! removal synced) before any record changes, and written anew, naming the
//! new generation, once the change is on disk. A kill in between leaves no
//! delta, and the index is built again. Both files name the store
//! generation (`index.bin` the one it was built at, the delta the one it
//! brings it to, and the one it starts from), the program version and their
//! format; when any of them differs, or a checksum does not match, they are
//! not used. Each is replaced whole (temp file and rename), and a reader
//! that has `index.bin` open keeps reading the version it opened.
//!
//! An edit so costs a small write instead of building and writing the whole
//! index (over a second at 100,000 entries); a delta grown past
//! [`COMPACT`] changes is folded into a new `index.bin` by the next
//! command that keeps the index.

use super::files::{write_private, write_private_with};
use crate::map::merge::Record;
use crate::map::search::{Doc, Index};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const MAGIC: &[u8; 4] = b"WKIX";
/// The layout of the kept-index file (this header).
/// 2: the body is read in parts (no checksum over the whole body).
/// 3: fresh only together with a delta (`index.delta`).
pub const KEPT_FORMAT: u8 = 3;
const DELTA_MAGIC: &[u8; 4] = b"WKDX";
/// Changes a delta holds at most: beyond, the kept index is dropped and built anew.
const DELTA_LIMIT: usize = 1000;
/// Changes beyond which a command that keeps the index writes it whole again.
pub const COMPACT: usize = 200;
const PROGRAM: &str = env!("CARGO_PKG_VERSION");

pub fn path(dir: &Path) -> PathBuf {
    dir.join("index.bin")
}

pub fn delta_path(dir: &Path) -> PathBuf {
    dir.join("index.delta")
}

/// magic, format, program version (length + bytes), generation.
fn header(generation: u64) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    bytes.push(KEPT_FORMAT);
    bytes.push(PROGRAM.len() as u8);
    bytes.extend_from_slice(PROGRAM.as_bytes());
    bytes.extend_from_slice(&generation.to_be_bytes());
    bytes
}

/// Keeps `index`, made from the records at `generation`, whole: the old
/// delta goes first, the new `index.bin` next, and an empty delta last.
pub fn write(dir: &Path, generation: u64, index: &Index) -> std::io::Result<()> {
    remove_file(dir, &delta_path(dir))?;
    let mut bytes = header(generation);
    bytes.extend_from_slice(&index.to_bytes());
    write_private(&path(dir), &bytes)?;
    write_delta(dir, &Delta::empty(generation), generation)
}

/// [`write`] of an index that `fill` writes after the header (see
/// [`crate::map::search::IndexWriter`]): nothing need be in memory whole.
pub fn write_with(
    dir: &Path,
    generation: u64,
    fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    remove_file(dir, &delta_path(dir))?;
    write_private_with(&path(dir), |file| {
        file.write_all(&header(generation))?;
        fill(file)
    })?;
    write_delta(dir, &Delta::empty(generation), generation)
}

/// Writes the empty delta of an `index.bin` built at `generation`, which
/// the records are at now: from then on a search trusts the pair.
pub fn start_delta(dir: &Path, generation: u64) -> std::io::Result<()> {
    write_delta(dir, &Delta::empty(generation), generation)
}

/// Removes a file of the kept index, and makes the removal last (the folder
/// synced) before anything else happens.
fn remove_file(dir: &Path, file: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(file) {
        Ok(()) => {
            #[cfg(unix)]
            std::fs::File::open(dir)?.sync_all()?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Removes the kept index (the delta first, then `index.bin`) before the
/// records change in a way no delta follows.
pub fn remove(dir: &Path) -> std::io::Result<()> {
    remove_file(dir, &delta_path(dir))?;
    remove_file(dir, &path(dir))
}

/// The entries changed since `index.bin` was built: per id, its version now
/// (`None`: deleted), each id once.
pub struct Delta {
    /// The generation `index.bin` was built at.
    base: u64,
    changes: Vec<(String, Option<Doc>)>,
    at: HashMap<String, usize>,
}

impl Delta {
    fn empty(base: u64) -> Delta {
        Delta {
            base,
            changes: Vec::new(),
            at: HashMap::new(),
        }
    }

    /// Notes the record as it now is.
    pub fn note(&mut self, record: &Record) {
        let doc = record.shown().map(|entry| Doc {
            entry: entry.clone(),
            conflicted: record.is_conflicted(),
        });
        let id = record.id().to_string();
        match self.at.get(&id) {
            Some(&i) => self.changes[i].1 = doc,
            None => {
                self.at.insert(id.clone(), self.changes.len());
                self.changes.push((id, doc));
            }
        }
    }

    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// True when it has grown too big to keep: the index is built anew instead.
    pub fn is_full(&self) -> bool {
        self.changes.len() > DELTA_LIMIT
    }
}

/// magic, format, program version, base generation, generation.
fn delta_header(base: u64, generation: u64) -> Vec<u8> {
    let mut bytes = DELTA_MAGIC.to_vec();
    bytes.push(KEPT_FORMAT);
    bytes.push(PROGRAM.len() as u8);
    bytes.extend_from_slice(PROGRAM.as_bytes());
    bytes.extend_from_slice(&base.to_be_bytes());
    bytes.extend_from_slice(&generation.to_be_bytes());
    bytes
}

/// Writes the delta that brings `index.bin` to `generation`: call once the
/// records of that generation are on disk.
pub fn write_delta(dir: &Path, delta: &Delta, generation: u64) -> std::io::Result<()> {
    let mut bytes = delta_header(delta.base, generation);
    bincode::serde::encode_into_std_write(&delta.changes, &mut bytes, bincode::config::standard())
        .map_err(std::io::Error::other)?;
    let sum = Sha256::digest(&bytes);
    bytes.extend_from_slice(&sum);
    write_private(&delta_path(dir), &bytes)
}

/// The delta kept in `dir` and the generation it brings `index.bin` to;
/// `None` when there is none, or it is of another program or damaged.
fn read_delta(dir: &Path) -> Option<(Delta, u64)> {
    let bytes = std::fs::read(delta_path(dir)).ok()?;
    let body_end = bytes.len().checked_sub(32)?;
    if Sha256::digest(&bytes[..body_end]).as_slice() != &bytes[body_end..] {
        return None;
    }
    let expected = delta_header(0, 0);
    let stamp = expected.len() - 16;
    if bytes.get(..stamp)? != &expected[..stamp] {
        return None;
    }
    let number = |at: usize| -> Option<u64> {
        Some(u64::from_be_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
    };
    let (base, generation) = (number(stamp)?, number(stamp + 8)?);
    let (changes, _): (Vec<(String, Option<Doc>)>, _) = bincode::serde::decode_from_slice(
        bytes.get(expected.len()..body_end)?,
        bincode::config::standard(),
    )
    .ok()?;
    let at = changes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.clone(), i))
        .collect();
    Some((Delta { base, changes, at }, generation))
}

/// The generation `index.bin` names, from its header alone.
fn built_at(dir: &Path) -> Option<u64> {
    let mut file = std::fs::File::open(path(dir)).ok()?;
    let expected = header(0);
    let mut head = vec![0u8; expected.len()];
    file.read_exact(&mut head).ok()?;
    let stamp = expected.len() - 8;
    (head[..stamp] == expected[..stamp]).then(|| {
        let mut g = [0u8; 8];
        g.copy_from_slice(&head[stamp..]);
        u64::from_be_bytes(g)
    })
}

/// Before the records change from `generation`: the delta to go on from
/// (its file removed, the removal synced), or `None` when there is no kept
/// index to go on from (then none is left).
pub fn changing(dir: &Path, generation: u64) -> std::io::Result<Option<Delta>> {
    let base = built_at(dir);
    let delta = match (base, read_delta(dir)) {
        (Some(base), Some((delta, to))) if delta.base == base && to == generation => Some(delta),
        (Some(base), _) if base == generation => Some(Delta::empty(base)),
        _ => None,
    };
    match delta {
        Some(delta) => {
            remove_file(dir, &delta_path(dir))?;
            Ok(Some(delta))
        }
        None => {
            remove(dir)?;
            Ok(None)
        }
    }
}

/// Once the records of `generation` are on disk: the delta that brings the
/// kept index there, or (grown too big) no kept index at all.
pub fn changed(dir: &Path, delta: &Delta, generation: u64) -> std::io::Result<()> {
    if delta.is_full() {
        return remove(dir);
    }
    write_delta(dir, delta, generation)
}

/// The kept index, if this program made it (for `generation`, when given):
/// only its header and core are read now, the rest when a query needs it.
fn open(dir: &Path, generation: Option<u64>) -> Option<Index> {
    let mut file = std::fs::File::open(path(dir)).ok()?;
    let len = file.metadata().ok()?.len();
    let expected = header(generation.unwrap_or(0));
    let mut head = vec![0u8; expected.len()];
    file.read_exact(&mut head).ok()?;
    let stamp = expected.len() - 8;
    if head[..stamp] != expected[..stamp]
        || generation.is_some() && head[stamp..] != expected[stamp..]
    {
        return None;
    }
    let base = expected.len() as u64;
    Index::open(Arc::new(Mutex::new(file)), base, len.checked_sub(base)?)
}

/// The kept index for the records at `generation`, with the changes of its
/// delta applied, and how many there were (`None`: no delta, though
/// `index.bin` itself was built at `generation`).
pub fn read(dir: &Path, generation: u64) -> Option<(Index, Option<usize>)> {
    let mut index = open(dir, None)?;
    let base = built_at(dir)?;
    match read_delta(dir) {
        Some((delta, to)) if delta.base == base && to == generation => {
            let pending = delta.len();
            index.update(delta.changes);
            Some((index, Some(pending)))
        }
        _ if base == generation => Some((index, None)),
        _ => None,
    }
}

/// The kept index without asking the database which generation is current:
/// `index.bin` with its delta, which is there only while the pair is fresh
/// (see [`changing`]).
/// Also says which generation of the records it is of.
pub fn read_fresh(dir: &Path) -> Option<(Index, u64)> {
    let base = built_at(dir)?;
    let (delta, generation) = read_delta(dir)?;
    if delta.base != base {
        return None;
    }
    let mut index = open(dir, Some(base))?;
    index.update(delta.changes);
    Some((index, generation))
}

/// True when the kept index (with its delta) is that of the records at
/// `generation` and its core reads.
pub fn is_fresh(dir: &Path, generation: u64) -> bool {
    built_at(dir)
        .is_some_and(|base| stamps_match(dir, base, generation) && open(dir, Some(base)).is_some())
}

/// True when a command that keeps the index should: the kept index is not
/// fresh, or it is but its delta carries more than [`COMPACT`] changes, which
/// every search would apply again.
pub fn wants_keeping(dir: &Path, generation: u64) -> bool {
    !is_fresh(dir, generation) || read_delta(dir).is_some_and(|(delta, _)| delta.len() > COMPACT)
}

/// True when `index.bin`'s and the delta's headers say they are those of
/// the records at `generation` (the core is not read: for an index that was
/// just read from them).
pub fn is_current(dir: &Path, generation: u64) -> bool {
    built_at(dir).is_some_and(|base| stamps_match(dir, base, generation))
}

fn stamps_match(dir: &Path, base: u64, generation: u64) -> bool {
    match read_delta(dir) {
        Some((delta, to)) if delta.base == base && to == generation => true,
        _ => base == generation,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_index_is_only_used_for_its_generation_and_whole() {
        let dir = tempfile::tempdir().expect("tmp");
        let index = Index::build_owned(Vec::new());
        write(dir.path(), 7, &index).expect("write");
        assert!(read(dir.path(), 7).is_some());
        assert_eq!(read_fresh(dir.path()).map(|(_, g)| g), Some(7));
        assert!(read(dir.path(), 8).is_none(), "another generation");
        let mut bytes = std::fs::read(path(dir.path())).expect("read");
        // A byte of the core (just after the header and the section table).
        let core = header(7).len() + 1 + 5 * 16 + 32;
        bytes[core] ^= 1;
        std::fs::write(path(dir.path()), &bytes).expect("flip");
        assert!(read(dir.path(), 7).is_none(), "a flipped byte");
        assert!(!is_fresh(dir.path(), 7));
        remove(dir.path()).expect("remove");
        assert!(!path(dir.path()).exists());
        remove(dir.path()).expect("removing twice is fine");
    }
}
