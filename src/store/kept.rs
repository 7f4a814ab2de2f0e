//! The search index kept in the data dir between runs, as one file.
//!
//! The file exists only while it was made from the records as they are: it
//! is removed (and the removal synced) before any record changes, so that a
//! search can trust it without opening the database at all. It also names
//! the store generation it was made for, the program version and its own
//! format; when any of them differs, or its core does not match its
//! checksum, it is not used and the index is built from the records. It is
//! replaced whole (temp file and rename), so there is only ever one, and a
//! reader that has it open keeps reading the version it opened.

use super::files::write_private;
use crate::map::search::Index;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

const MAGIC: &[u8; 4] = b"WKIX";
/// The layout of the kept-index file (this header).
/// 2: the body is read in parts (no checksum over the whole body).
pub const KEPT_FORMAT: u8 = 2;
const PROGRAM: &str = env!("CARGO_PKG_VERSION");

pub fn path(dir: &Path) -> PathBuf {
    dir.join("index.bin")
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

pub fn write(dir: &Path, generation: u64, index: &Index) -> std::io::Result<()> {
    let mut bytes = header(generation);
    bytes.extend_from_slice(&index.to_bytes());
    write_private(&path(dir), &bytes)
}

/// Removes the kept index before the records change, and makes the removal
/// last (the folder synced) before they do.
pub fn remove(dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path(dir)) {
        Ok(()) => {
            #[cfg(unix)]
            std::fs::File::open(dir)?.sync_all()?;
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
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

pub fn read(dir: &Path, generation: u64) -> Option<Index> {
    open(dir, Some(generation))
}

/// The kept index without asking the database which generation is current:
/// it is there only while it is fresh (see [`remove`]).
pub fn read_fresh(dir: &Path) -> Option<Index> {
    open(dir, None)
}

pub fn is_fresh(dir: &Path, generation: u64) -> bool {
    read(dir, generation).is_some()
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
        assert!(read_fresh(dir.path()).is_some());
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
