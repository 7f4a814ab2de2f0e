//! Writing a kept index (the layout is in `layout`) without holding the
//! whole index in memory: [`IndexWriter`] takes the entries one at a time,
//! streams each one's result line and encoded entry into two scratch files,
//! and keeps only what the core needs whole (the word lists, a few numbers
//! per entry, the folded names and ids for the name order). `finish` then
//! writes the same bytes as [`Index::to_bytes`] of an index built from
//! the same entries, so readers cannot tell the two apart.
//!
//! At 100,000 entries the index built in memory held every entry three
//! times over (the entries, the body's sections, the body behind its
//! header): near 1 GB. This way the entries and their lines are on disk
//! as soon as they are read.

use super::layout::{HEAD, SECTIONS, VERSION, encode_doc};
use super::lists::ListBuilder;
use super::{Doc, Index, traits};
use crate::map::entry::Entry;
use crate::map::vocab::{StrTable, Vocabulary};
use crate::map::words::fold;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

/// Bytes handed to the file at once: few writes, little memory.
const BUFFER: usize = 256 * 1024;

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

fn put_u32s(out: &mut Vec<u8>, xs: &[u32]) {
    put_u32(out, xs.len() as u32);
    out.reserve(xs.len() * 4);
    for &x in xs {
        put_u32(out, x);
    }
}

fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_u32(out, bytes.len() as u32);
    out.extend_from_slice(bytes);
}

fn put_table(out: &mut Vec<u8>, table: &StrTable) {
    put_bytes(out, table.text().as_bytes());
    put_u32s(out, table.ends());
}

/// What the core of a kept index holds, in its order.
pub(super) struct Core<'a> {
    pub n: usize,
    pub vocab: &'a Vocabulary,
    pub posting_ends: &'a [u32],
    pub traits: &'a [u32],
    pub name_rank: &'a [u32],
    pub by_name: &'a [u32],
    pub area_names: &'a StrTable,
    pub area_doc_ends: &'a [u32],
    pub area_ids: &'a [u32],
    pub row_ends: &'a [u32],
    pub name_ends: &'a [u32],
    pub doc_ends: &'a [u32],
}

impl Core<'_> {
    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let (words, stems, stem_words, parts, part_words) = self.vocab.kept_parts();
        let mut core = Vec::new();
        put_u32(&mut core, self.n as u32);
        put_table(&mut core, words);
        put_u32s(&mut core, self.posting_ends);
        put_table(&mut core, stems);
        put_u32s(&mut core, stem_words);
        put_table(&mut core, parts);
        put_u32s(&mut core, part_words);
        put_u32s(&mut core, self.traits);
        put_u32s(&mut core, self.name_rank);
        put_u32s(&mut core, self.by_name);
        put_table(&mut core, self.area_names);
        put_u32s(&mut core, self.area_doc_ends);
        put_u32s(&mut core, self.area_ids);
        put_u32s(&mut core, self.row_ends);
        put_u32s(&mut core, self.name_ends);
        put_u32s(&mut core, self.doc_ends);
        core
    }
}

/// The head of a kept index: its version, where each section is (they
/// follow one another in order, the core first), and the core's checksum.
pub(super) fn head(core: &[u8], lens: [u64; SECTIONS]) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEAD);
    out.push(VERSION);
    let mut offset = HEAD as u64;
    for len in lens {
        out.extend_from_slice(&offset.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        offset += len;
    }
    out.extend_from_slice(&Sha256::digest(core));
    out
}

/// Where each posting list of `vocab` ends, counted in postings.
pub(super) fn posting_ends(vocab: &Vocabulary) -> Vec<u32> {
    let (words, ..) = vocab.kept_parts();
    let mut end = 0u32;
    (0..words.len() as u32)
        .map(|v| {
            end += vocab.postings(v).len() as u32;
            end
        })
        .collect()
}

/// A section written while the entries come in, into a scratch file.
struct Spool {
    out: BufWriter<File>,
    ends: Vec<u32>,
    len: u64,
}

impl Spool {
    fn new(file: File) -> Spool {
        Spool {
            out: BufWriter::with_capacity(BUFFER, file),
            ends: Vec::new(),
            len: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes)?;
        self.len += bytes.len() as u64;
        // The layout counts in u32, as `to_bytes` does.
        self.ends.push(self.len as u32);
        Ok(())
    }

    /// Copies what was written to `to` (in the kernel, where it can).
    fn copy_to(self, to: &mut impl Write) -> std::io::Result<()> {
        let mut file = self.out.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        let copied = std::io::copy(&mut file, to)?;
        if copied != self.len {
            return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof));
        }
        Ok(())
    }
}

/// Builds a kept index from entries given one at a time, in the order a
/// built index would hold them.
pub struct IndexWriter {
    rows: Spool,
    docs: Spool,
    row: Vec<u8>,
    doc: Vec<u8>,
    lists: ListBuilder,
    names: StrTable,
    ids: StrTable,
    traits: Vec<u32>,
    area_at: HashMap<String, u32>,
    area_names: StrTable,
    area_doc_ends: Vec<u32>,
    area_ids: Vec<u32>,
}

impl IndexWriter {
    /// A writer whose result lines and entries wait in `rows` and `docs`,
    /// two empty scratch files (read back by `finish`).
    pub fn new(rows: File, docs: File) -> IndexWriter {
        IndexWriter {
            rows: Spool::new(rows),
            docs: Spool::new(docs),
            row: Vec::new(),
            doc: Vec::new(),
            lists: ListBuilder::default(),
            names: StrTable::default(),
            ids: StrTable::default(),
            traits: Vec::new(),
            area_at: HashMap::new(),
            area_names: StrTable::default(),
            area_doc_ends: Vec::new(),
            area_ids: Vec::new(),
        }
    }

    /// Number of entries added.
    pub fn len(&self) -> usize {
        self.traits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.traits.is_empty()
    }

    /// Adds the next entry (the shown version of a live record).
    pub fn add(&mut self, entry: Entry, conflicted: bool) -> std::io::Result<()> {
        let d = self.traits.len() as u32;
        let doc = Doc { entry, conflicted };
        self.row.clear();
        super::row::write(&doc.entry, doc.conflicted, &mut self.row);
        self.rows.push(&self.row)?;
        self.doc.clear();
        encode_doc(&doc, &mut self.doc);
        self.docs.push(&self.doc)?;
        let e = &doc.entry;
        self.lists.add(e, d);
        self.names.push(&fold(&e.name));
        self.ids.push(&e.id);
        self.traits.push(traits(e));
        for area in &e.areas {
            let id = match self.area_at.get(area.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.area_names.len() as u32;
                    self.area_names.push(area);
                    self.area_at.insert(area.clone(), id);
                    id
                }
            };
            self.area_ids.push(id);
        }
        self.area_doc_ends.push(self.area_ids.len() as u32);
        Ok(())
    }

    /// Writes the whole index (as [`Index::to_bytes`] would) to `out`.
    pub fn finish(self, out: &mut impl Write) -> std::io::Result<()> {
        let IndexWriter {
            rows,
            docs,
            lists,
            names,
            ids,
            traits,
            area_names,
            area_doc_ends,
            area_ids,
            ..
        } = self;
        let n = traits.len();
        let mut by_name: Vec<u32> = (0..n as u32).collect();
        by_name.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (names.get(a), ids.get(a)).cmp(&(names.get(b), ids.get(b)))
        });
        drop(ids);
        let mut name_rank = vec![0u32; n];
        for (rank, &doc) in by_name.iter().enumerate() {
            name_rank[doc as usize] = rank as u32;
        }
        let vocab = Vocabulary::new(lists.lists);
        let posting_ends = posting_ends(&vocab);
        let core = Core {
            n,
            vocab: &vocab,
            posting_ends: &posting_ends,
            traits: &traits,
            name_rank: &name_rank,
            by_name: &by_name,
            area_names: &area_names,
            area_doc_ends: &area_doc_ends,
            area_ids: &area_ids,
            row_ends: &rows.ends,
            name_ends: names.ends(),
            doc_ends: &docs.ends,
        }
        .to_bytes();
        let postings = u64::from(posting_ends.last().copied().unwrap_or(0)) * 4;
        let lens = [
            core.len() as u64,
            postings,
            rows.len,
            names.text().len() as u64,
            docs.len,
        ];
        out.write_all(&head(&core, lens))?;
        out.write_all(&core)?;
        drop(core);
        let mut buf = Vec::with_capacity(BUFFER);
        for v in 0..posting_ends.len() as u32 {
            for &p in vocab.postings(v) {
                put_u32(&mut buf, p);
            }
            if buf.len() >= BUFFER - 4096 {
                out.write_all(&buf)?;
                buf.clear();
            }
        }
        out.write_all(&buf)?;
        drop(buf);
        drop(vocab);
        rows.copy_to(out)?;
        out.write_all(names.text().as_bytes())?;
        drop(names);
        docs.copy_to(out)
    }
}

impl Index {
    /// The index as bytes, to keep in the data dir between runs. A kept
    /// index being written again reads every entry first.
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.is_updated() {
            return self.rebuilt().to_bytes();
        }
        let n = self.n;
        let posting_ends = posting_ends(&self.vocab);
        let mut postings = Vec::new();
        for v in 0..posting_ends.len() as u32 {
            for &p in self.vocab.postings(v) {
                put_u32(&mut postings, p);
            }
        }
        let (mut rows, mut row_ends) = (Vec::new(), Vec::with_capacity(n));
        let (mut docs, mut doc_ends) = (Vec::new(), Vec::with_capacity(n));
        for d in 0..n as u32 {
            let doc = self.docs.get(d);
            super::row::write(&doc.entry, doc.conflicted, &mut rows);
            row_ends.push(rows.len() as u32);
            encode_doc(doc, &mut docs);
            doc_ends.push(docs.len() as u32);
        }
        let names = self.names();
        let core = Core {
            n,
            vocab: &self.vocab,
            posting_ends: &posting_ends,
            traits: &self.traits,
            name_rank: &self.name_rank,
            by_name: &self.by_name,
            area_names: &self.areas.names,
            area_doc_ends: &self.areas.doc_ends,
            area_ids: &self.areas.ids,
            row_ends: &row_ends,
            name_ends: names.ends(),
            doc_ends: &doc_ends,
        }
        .to_bytes();
        let sections: [&[u8]; SECTIONS] = [&core, &postings, &rows, names.text().as_bytes(), &docs];
        let mut out = head(&core, sections.map(|s| s.len() as u64));
        out.reserve(sections.iter().map(|s| s.len()).sum::<usize>());
        for s in sections {
            out.extend_from_slice(s);
        }
        out
    }
}
