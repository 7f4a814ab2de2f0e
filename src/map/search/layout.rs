//! The search index as it is kept on disk, laid out so that a query reads
//! only what it needs: one read of the small core (the vocabulary, its stem
//! and compound tables, and a few numbers per entry), then the posting lists
//! of the words the query reaches, then what the result lines show of the
//! hits. Whole entries (for the details) and the folded names (for a typo)
//! are read only when asked for.
//!
//! ```text
//! version (1 byte)
//! 5 × (offset, length) of the sections, from the start of the body (u64 LE)
//! sha256 of the core
//! core      the tables below, each a u32 count and its items (u32 LE or bytes)
//! postings  every word's list, back to back (u32 LE)
//! rows      per entry, its result line (see `row`)
//! names     every folded name, back to back
//! docs      per entry, the whole entry (bincode)
//! ```
//!
//! The core is checked whole by its checksum; everything read later is
//! checked against the core's bounds, so a damaged file gives wrong or
//! missing results, never a crash.

use super::{Areas, Doc, Index};
use crate::map::vocab::{Postings, StrTable, VocabParts, Vocabulary};
use crate::map::words::fold;
use sha2::{Digest, Sha256};
use std::sync::{Arc, Mutex, OnceLock};

/// The layout version of a kept index; a different one is rebuilt.
/// 3: sections read on demand.
/// 4: result lines as text.
pub(super) const VERSION: u8 = 4;
pub(super) const SECTIONS: usize = 5;
const CORE: usize = 0;
const POSTINGS: usize = 1;
const ROWS: usize = 2;
const NAMES: usize = 3;
const DOCS: usize = 4;
pub(super) const HEAD: usize = 1 + SECTIONS * 16 + 32;

/// Where a kept index is read from: a file (through seek and read), or
/// bytes in memory.
pub trait ReadAt: Send + Sync {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<()>;
}

#[cfg(unix)]
impl ReadAt for Mutex<std::fs::File> {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        let file = self
            .lock()
            .map_err(|_| std::io::Error::other("index file lock poisoned"))?;
        // One system call a read, the file's position untouched.
        std::os::unix::fs::FileExt::read_exact_at(&*file, buf, offset)
    }
}

#[cfg(not(unix))]
impl ReadAt for Mutex<std::fs::File> {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        let mut file = self
            .lock()
            .map_err(|_| std::io::Error::other("index file lock poisoned"))?;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(buf)
    }
}

impl ReadAt for Vec<u8> {
    fn read_at(&self, offset: u64, buf: &mut [u8]) -> std::io::Result<()> {
        let start = usize::try_from(offset).map_err(std::io::Error::other)?;
        let part = self
            .get(start..start + buf.len())
            .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::UnexpectedEof))?;
        buf.copy_from_slice(part);
        Ok(())
    }
}

/// The kept file and where its sections are.
struct Source {
    file: Arc<dyn ReadAt>,
    /// (absolute offset, length) of each section.
    sections: [(u64, u64); SECTIONS],
}

impl Source {
    /// `len` bytes at `offset` within a section; `None` outside it or on a read error.
    fn read(&self, section: usize, offset: u64, len: u64) -> Option<Vec<u8>> {
        let mut buf = vec![0u8; usize::try_from(len).ok()?];
        self.read_into(section, offset, &mut buf)?;
        Some(buf)
    }

    /// Fills `buf` from `offset` within a section; `None` outside it or on a read error.
    fn read_into(&self, section: usize, offset: u64, buf: &mut [u8]) -> Option<()> {
        let (start, size) = self.sections[section];
        if offset.checked_add(buf.len() as u64)? > size {
            return None;
        }
        self.file.read_at(start + offset, buf).ok()
    }
}

/// Posting lists read from a kept index, each on first use.
pub struct KeptPostings {
    /// `ends[v]`: where word `v`'s list ends, counted in postings.
    ends: Vec<u32>,
    cells: Vec<OnceLock<Box<[u32]>>>,
    source: Arc<Source>,
    docs: u32,
}

impl KeptPostings {
    /// Decodes one word's list from its bytes, leaving out postings of
    /// entries the index does not hold (a damaged file).
    fn decode(&self, bytes: &[u8]) -> Box<[u32]> {
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .filter(|&p| p >> super::FIELD_BITS < self.docs)
            .collect()
    }

    /// Reads the lists of `words` not read yet, each run of neighbouring
    /// words in one read: a typed prefix reaches thousands of neighbouring
    /// words (those that start with it), and one read each made the first
    /// keystroke after a start the slowest of all.
    pub fn prefetch(&self, words: &mut Vec<u32>) {
        words.retain(|&v| {
            self.cells
                .get(v as usize)
                .is_some_and(|c| c.get().is_none())
        });
        if words.len() < 2 {
            return;
        }
        words.sort_unstable();
        words.dedup();
        for run in words.chunk_by(|a, b| a + 1 == *b) {
            let (Some(&first), Some(&last)) = (run.first(), run.last()) else {
                continue;
            };
            let (first, last) = (first as usize, last as usize);
            let start = if first == 0 { 0 } else { self.ends[first - 1] };
            let len = u64::from(self.ends[last].saturating_sub(start)) * 4;
            let Some(bytes) = self.source.read(POSTINGS, u64::from(start) * 4, len) else {
                continue;
            };
            for v in first..=last {
                let from = (if v == 0 { 0 } else { self.ends[v - 1] } - start) as usize * 4;
                let to = (self.ends[v] - start) as usize * 4;
                if let Some(list) = bytes.get(from..to) {
                    let _ = self.cells[v].set(self.decode(list));
                }
            }
        }
    }

    /// Reads every list in one go when all of them together are at most
    /// `limit` bytes: a small map's first keystroke then reads nothing.
    pub fn warm(&self, limit: u64) {
        let total = u64::from(self.ends.last().copied().unwrap_or(0)) * 4;
        if total <= limit {
            self.prefetch(&mut (0..self.ends.len() as u32).collect());
        }
    }

    pub fn get(&self, v: u32) -> &[u32] {
        let v = v as usize;
        self.cells[v].get_or_init(|| {
            let start = if v == 0 { 0 } else { self.ends[v - 1] };
            let len = u64::from(self.ends[v] - start) * 4;
            let bytes = self
                .source
                .read(POSTINGS, u64::from(start) * 4, len)
                .unwrap_or_default();
            self.decode(&bytes)
        })
    }
}

/// The entries of an index: all in memory (built), or read when first asked for (kept).
pub(super) enum Docs {
    Owned(Vec<Doc>),
    Kept(KeptDocs),
}

pub(super) struct KeptDocs {
    cells: Vec<OnceLock<Box<Doc>>>,
    row_ends: Vec<u32>,
    name_ends: Vec<u32>,
    doc_ends: Vec<u32>,
    source: Arc<Source>,
}

impl KeptDocs {
    fn read(&self, section: usize, ends: &[u32], d: usize) -> Option<Vec<u8>> {
        let start = if d == 0 { 0 } else { ends[d - 1] };
        let len = ends[d].checked_sub(start)?;
        self.source.read(section, u64::from(start), u64::from(len))
    }
}

/// Rows closer together than this in the kept file are read in one go
/// (the bytes between them too): one read beats a read per row.
const ROW_GAP: u64 = 16 * 1024;
/// The most read at once: a big result is read through one reused buffer.
const ROW_READ: u64 = 1 << 20;

impl KeptDocs {
    /// Where row `d` is in the rows section; `None` past the end.
    fn row_span(&self, d: usize) -> Option<(u64, u64)> {
        let start = if d == 0 {
            0
        } else {
            *self.row_ends.get(d - 1)?
        };
        let end = *self.row_ends.get(d)?;
        Some((u64::from(start), u64::from(end.max(start))))
    }

    /// The result lines of `docs`: each copied once into its place in one
    /// block sized beforehand, the file read in the order of its rows, in
    /// runs of neighbouring rows through one buffer. Only the rows of the
    /// hits are read, and a big result does not hold the whole section.
    fn rows(&self, docs: &[u32]) -> super::row::Rows {
        let mut spans = Vec::with_capacity(docs.len());
        let mut total = 0usize;
        for &d in docs {
            let (start, end) = self.row_span(d as usize).unwrap_or((0, 0));
            let len = (end - start) as usize;
            spans.push((total, total + len));
            total += len;
        }
        let mut text = vec![0u8; total];
        // Hits in file order: each its doc above its place in `docs`, so
        // that plain numbers are sorted.
        let mut order: Vec<u64> = (docs.iter().enumerate())
            .map(|(i, &d)| u64::from(d) << 32 | i as u64)
            .collect();
        order.sort_unstable();
        let span_of = |key: u64| self.row_span((key >> 32) as usize);
        let mut buf = Vec::new();
        let mut i = 0;
        while i < order.len() {
            // A run: rows in file order, while the next starts near enough.
            let (from, mut to) = span_of(order[i]).unwrap_or((0, 0));
            let mut j = i + 1;
            while let Some(&next) = order.get(j) {
                let Some((start, end)) = span_of(next) else {
                    break;
                };
                if start < from || start > to + ROW_GAP || end - from > ROW_READ {
                    break;
                }
                to = to.max(end);
                j += 1;
            }
            buf.resize((to - from) as usize, 0);
            let read = self.source.read_into(ROWS, from, &mut buf).is_some();
            for &key in &order[i..j] {
                let slot = &mut spans[key as u32 as usize];
                let (start, end) = span_of(key).unwrap_or((from, from));
                let part = buf.get((start - from) as usize..(end - from) as usize);
                match (read, part, text.get_mut(slot.0..slot.1)) {
                    (true, Some(part), Some(place)) => place.copy_from_slice(part),
                    // Not readable (a damaged or cut file): the row shows empty.
                    _ => slot.1 = slot.0,
                }
            }
            i = j;
        }
        super::row::Rows::from_parts(text, spans)
    }
}

fn decode_doc(bytes: &[u8]) -> Option<Doc> {
    bincode::serde::decode_from_slice(bytes, bincode::config::standard())
        .ok()
        .map(|(doc, _)| doc)
}

pub(super) fn encode_doc(doc: &Doc, out: &mut Vec<u8>) {
    let _ = bincode::serde::encode_into_std_write(doc, out, bincode::config::standard());
}

/// What a damaged entry shows as: nothing rather than a crash.
fn blank() -> Doc {
    Doc {
        entry: Default::default(),
        conflicted: false,
    }
}

impl Docs {
    pub(super) fn get(&self, d: u32) -> &Doc {
        match self {
            Docs::Owned(docs) => &docs[d as usize],
            Docs::Kept(kept) => kept.cells[d as usize].get_or_init(|| {
                Box::new(
                    kept.read(DOCS, &kept.doc_ends, d as usize)
                        .and_then(|b| decode_doc(&b))
                        .unwrap_or_else(blank),
                )
            }),
        }
    }

    /// The result lines of `docs` (see [`super::row`]), in their order.
    pub(super) fn rows(&self, docs: &[u32]) -> super::row::Rows {
        match self {
            Docs::Owned(all) => {
                let mut rows = super::row::Rows::default();
                for &d in docs {
                    let doc = &all[d as usize];
                    super::row::write(&doc.entry, doc.conflicted, rows.text_mut());
                    rows.end_row();
                }
                rows
            }
            Docs::Kept(kept) => kept.rows(docs),
        }
    }
    /// Every entry's position by its id, in one pass (over the result
    /// lines, for a kept index: no entry is decoded).
    pub(super) fn ids(&self) -> rustc_hash::FxHashMap<Box<str>, u32> {
        let mut ids = rustc_hash::FxHashMap::default();
        match self {
            Docs::Owned(docs) => {
                for (d, doc) in docs.iter().enumerate() {
                    ids.insert(doc.entry.id.as_str().into(), d as u32);
                }
            }
            Docs::Kept(kept) => {
                let len = kept.row_ends.last().copied().unwrap_or(0);
                let Some(all) = kept.source.read(ROWS, 0, u64::from(len)) else {
                    return ids;
                };
                ids.reserve(kept.row_ends.len());
                let mut start = 0;
                for (d, &end) in kept.row_ends.iter().enumerate() {
                    let row = all.get(start..end as usize).unwrap_or_default();
                    start = end as usize;
                    let id = std::str::from_utf8(super::row::id_of(row)).unwrap_or_default();
                    ids.insert(id.into(), d as u32);
                }
            }
        }
        ids
    }

    /// Every folded name, for the scan of names a typo takes.
    pub(super) fn names(&self, n: usize) -> StrTable {
        match self {
            Docs::Owned(docs) => {
                let folded: Vec<String> = docs.iter().map(|d| fold(&d.entry.name)).collect();
                StrTable::from_strs(folded.iter().map(String::as_str))
            }
            Docs::Kept(kept) => {
                let len = kept.name_ends.last().copied().unwrap_or(0);
                kept.source
                    .read(NAMES, 0, u64::from(len))
                    .and_then(|b| String::from_utf8(b).ok())
                    .and_then(|text| StrTable::from_parts(text, kept.name_ends.clone()))
                    .filter(|t| t.len() == n)
                    .unwrap_or_else(|| StrTable::from_strs(std::iter::repeat_n("", n)))
            }
        }
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.u32()? as usize;
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }

    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }

    fn table(&mut self) -> Option<StrTable> {
        let text = std::str::from_utf8(self.bytes()?).ok()?.to_string();
        StrTable::from_parts(text, self.u32s()?)
    }
}

/// True when `ends` never goes down and stays within `limit`.
fn ascending(ends: &[u32], limit: u64) -> bool {
    ends.windows(2).all(|w| w[0] <= w[1]) && ends.last().is_none_or(|&e| u64::from(e) <= limit)
}

impl Index {
    /// An index kept by [`Index::to_bytes`]; `None` when it is of another version or damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        let len = bytes.len() as u64;
        Index::open(Arc::new(bytes.to_vec()), 0, len)
    }

    /// Opens a kept index that starts at `base` in `file` and is `len`
    /// bytes long: reads its core only. `None` when it is of another version
    /// or its core is damaged.
    pub fn open(file: Arc<dyn ReadAt>, base: u64, len: u64) -> Option<Index> {
        let mut head = [0u8; HEAD];
        if len < HEAD as u64 {
            return None;
        }
        file.read_at(base, &mut head).ok()?;
        if head[0] != VERSION {
            return None;
        }
        let mut sections = [(0u64, 0u64); SECTIONS];
        for (i, s) in sections.iter_mut().enumerate() {
            let at = 1 + i * 16;
            let offset = u64::from_le_bytes(head[at..at + 8].try_into().ok()?);
            let size = u64::from_le_bytes(head[at + 8..at + 16].try_into().ok()?);
            if offset.checked_add(size)? > len {
                return None;
            }
            *s = (base + offset, size);
        }
        let source = Arc::new(Source { file, sections });
        let core = source.read(CORE, 0, sections[CORE].1)?;
        if Sha256::digest(&core).as_slice() != &head[HEAD - 32..] {
            return None;
        }
        Index::from_core(&core, source)
    }

    fn from_core(core: &[u8], source: Arc<Source>) -> Option<Index> {
        let mut c = Cursor { bytes: core };
        let n = c.u32()? as usize;
        let words = c.table()?;
        let posting_ends = c.u32s()?;
        let stems = c.table()?;
        let stem_words = c.u32s()?;
        let parts = c.table()?;
        let part_words = c.u32s()?;
        let traits = c.u32s()?;
        let name_rank = c.u32s()?;
        let by_name = c.u32s()?;
        let area_names = c.table()?;
        let area_doc_ends = c.u32s()?;
        let area_ids = c.u32s()?;
        let row_ends = c.u32s()?;
        let name_ends = c.u32s()?;
        let doc_ends = c.u32s()?;

        let size = |s: usize| source.sections[s].1;
        let per_doc = [
            &traits,
            &name_rank,
            &by_name,
            &area_doc_ends,
            &row_ends,
            &name_ends,
            &doc_ends,
        ];
        let fits = per_doc.iter().all(|a| a.len() == n)
            && posting_ends.len() == words.len()
            && ascending(&posting_ends, size(POSTINGS) / 4)
            && name_rank.iter().chain(&by_name).all(|&d| (d as usize) < n)
            && ascending(&area_doc_ends, area_ids.len() as u64)
            && area_ids.iter().all(|&a| (a as usize) < area_names.len())
            && ascending(&row_ends, size(ROWS))
            && ascending(&doc_ends, size(DOCS))
            && ascending(&name_ends, size(NAMES));
        if !fits {
            return None;
        }
        let postings = KeptPostings {
            cells: (0..words.len()).map(|_| OnceLock::new()).collect(),
            ends: posting_ends,
            source: Arc::clone(&source),
            docs: n as u32,
        };
        let vocab = Vocabulary::from_kept(
            VocabParts {
                words,
                stems,
                stem_words,
                parts,
                part_words,
            },
            Postings::Kept(postings),
        )?;
        let areas = Areas {
            folded: area_names.iter().map(fold).collect(),
            names: area_names,
            doc_ends: area_doc_ends,
            ids: area_ids,
        };
        Some(Index {
            n,
            live: n,
            added: Vec::new(),
            dead: Vec::new(),
            docs: Docs::Kept(KeptDocs {
                cells: (0..n).map(|_| OnceLock::new()).collect(),
                row_ends,
                name_ends,
                doc_ends,
                source,
            }),
            name_rank,
            by_name,
            vocab,
            traits,
            areas,
            names: OnceLock::new(),
            ids: OnceLock::new(),
            warmed: OnceLock::new(),
        })
    }
}
