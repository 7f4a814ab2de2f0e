//! The search index kept in the data dir between runs, as one file.
//!
//! The file is tied to the store generation, the program version and its own
//! format; when any of them differs, or its checksum does not match, it is
//! not used and the index is built from the records. It is replaced whole
//! (temp file and rename), so there is only ever one.

use super::files::write_private;
use crate::map::search::Index;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 4] = b"WKIX";
/// The layout of the kept-index file (this header).
pub const KEPT_FORMAT: u8 = 1;
const PROGRAM: &str = env!("CARGO_PKG_VERSION");

pub fn path(dir: &Path) -> PathBuf {
    dir.join("index.bin")
}

/// magic, format, program version (length + bytes), generation, sha256 of the body, body.
fn header(generation: u64) -> Vec<u8> {
    let mut bytes = MAGIC.to_vec();
    bytes.push(KEPT_FORMAT);
    bytes.push(PROGRAM.len() as u8);
    bytes.extend_from_slice(PROGRAM.as_bytes());
    bytes.extend_from_slice(&generation.to_be_bytes());
    bytes
}

pub fn write(dir: &Path, generation: u64, index: &Index) -> std::io::Result<()> {
    let body = index.to_bytes();
    let mut bytes = header(generation);
    bytes.extend_from_slice(&Sha256::digest(&body));
    bytes.extend_from_slice(&body);
    write_private(&path(dir), &bytes)
}

/// The body of the kept index, if it was made for `generation` by this program.
fn body(bytes: &[u8], generation: u64) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(header(generation).as_slice())?;
    if rest.len() < 32 {
        return None;
    }
    let (sum, body) = rest.split_at(32);
    (Sha256::digest(body).as_slice() == sum).then_some(body)
}

pub fn read(dir: &Path, generation: u64) -> Option<Index> {
    let bytes = std::fs::read(path(dir)).ok()?;
    Index::from_bytes(body(&bytes, generation)?)
}

pub fn is_fresh(dir: &Path, generation: u64) -> bool {
    std::fs::read(path(dir)).is_ok_and(|bytes| body(&bytes, generation).is_some())
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
        assert!(read(dir.path(), 8).is_none(), "another generation");
        let mut bytes = std::fs::read(path(dir.path())).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(path(dir.path()), &bytes).expect("flip");
        assert!(read(dir.path(), 7).is_none(), "a flipped byte");
        assert!(!is_fresh(dir.path(), 7));
    }
}
