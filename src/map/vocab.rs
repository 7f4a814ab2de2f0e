//! The vocabulary of the index: every distinct word with its entries, and what
//! is worked out once per word at build time (its Dutch stem, the parts of a
//! compound), so that a keystroke only looks words up.
//!
//! A query word reaches vocabulary words in several ways, each with a
//! [`Quality`]: as typed, as the start of a longer word, by stem, as a part
//! of a compound, or within a small edit distance. Synonyms and the split of a
//! compound query word are built on these in `search.rs`.

use super::stem::stem;
use super::words::{is_stopword, prefix_typo_distance};
use rustc_hash::FxHashSet;

/// How well a vocabulary word matches a query word, as a factor on the weight
/// of the field it is in. Exact and prefix matches rank above stem matches,
/// those above compound parts and synonyms, and a forgiven typo lowest.
pub mod quality {
    pub const EXACT: f32 = 1.0;
    pub const PREFIX: f32 = 0.9;
    pub const STEM: f32 = 0.8;
    pub const PART: f32 = 0.7;
    pub const SPLIT: f32 = 0.75;
    pub const SYNONYM: f32 = 0.6;
    pub const TYPO: f32 = 0.5;
}

/// Shortest compound part: "gok" in "gokverslaving"; shorter parts ("les",
/// "uit") are too often accidents of spelling.
const MIN_PART: usize = 3;

/// Sorted strings back to back in one block, with where each ends: one
/// allocation instead of one per word, and kept on disk as it is in memory,
/// so that reading it back is one read and no decoding.
#[derive(Default)]
pub struct StrTable {
    text: String,
    ends: Vec<u32>,
}

impl StrTable {
    pub fn from_strs<'a>(strs: impl IntoIterator<Item = &'a str>) -> StrTable {
        let mut table = StrTable::default();
        for s in strs {
            table.text.push_str(s);
            table.ends.push(table.text.len() as u32);
        }
        table
    }

    /// A table read back: `None` unless every end is in order and on a character boundary.
    pub fn from_parts(text: String, ends: Vec<u32>) -> Option<StrTable> {
        let mut last = 0u32;
        for &end in &ends {
            if end < last || !text.is_char_boundary(end as usize) {
                return None;
            }
            last = end;
        }
        (last as usize == text.len()).then_some(StrTable { text, ends })
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Adds a string at the end (which keeps a sorted table sorted only
    /// when it sorts last).
    pub fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
    }

    pub fn ends(&self) -> &[u32] {
        &self.ends
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    pub fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The first position at which `pred` is false (the table is sorted).
    pub fn partition_point(&self, from: usize, pred: impl Fn(&str) -> bool) -> usize {
        let (mut lo, mut hi) = (from, self.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if pred(self.get(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The range of positions holding exactly `key`.
    pub fn equal_range(&self, key: &str) -> std::ops::Range<usize> {
        let lo = self.partition_point(0, |s| s < key);
        let hi = self.partition_point(lo, |s| s == key);
        lo..hi
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// The posting lists of the vocabulary: built in memory, or read from a kept
/// index one list at a time, when a query first reaches its word.
pub enum Postings {
    Owned(Vec<Vec<u32>>),
    Kept(super::search::KeptPostings),
}

impl Postings {
    fn get(&self, v: u32) -> &[u32] {
        match self {
            Postings::Owned(lists) => &lists[v as usize],
            Postings::Kept(kept) => kept.get(v),
        }
    }
}

/// The sorted word list of the index with, per word, its entries.
pub struct Vocabulary {
    words: StrTable,
    /// Per word: `doc << FIELD_BITS | fields`, each doc once, docs in order.
    postings: Postings,
    /// The stems that differ from their word, sorted, with the word of each.
    stems: StrTable,
    stem_words: Vec<u32>,
    /// Every part but the first of a compound word (the first is found as a
    /// prefix), sorted, with the word of each.
    parts: StrTable,
    part_words: Vec<u32>,
    /// The words of entries added since the index was built or read (see
    /// `Index::update`): a small vocabulary of its own, whose word ids come
    /// after this one's. A word in both has two ids, each with its own
    /// entries, so no entry is counted twice.
    fresh: Option<Box<Vocabulary>>,
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary::new(Vec::new())
    }
}

/// A vocabulary as it is kept: the words, the stem and part tables, and the
/// posting lists, which are read when needed.
pub struct VocabParts {
    pub words: StrTable,
    pub stems: StrTable,
    pub stem_words: Vec<u32>,
    pub parts: StrTable,
    pub part_words: Vec<u32>,
}

impl Vocabulary {
    /// Builds the vocabulary from per-word posting lists.
    pub fn new(lists: impl IntoIterator<Item = (Box<str>, Vec<u32>)>) -> Vocabulary {
        Vocabulary::beside(lists, |_| false)
    }

    /// Builds a vocabulary whose compound parts may also be words that
    /// `known_elsewhere` knows (the main vocabulary, for the fresh one).
    fn beside(
        lists: impl IntoIterator<Item = (Box<str>, Vec<u32>)>,
        known_elsewhere: impl Fn(&str) -> bool,
    ) -> Vocabulary {
        let mut pairs: Vec<(Box<str>, Vec<u32>)> = lists.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (words, postings): (Vec<Box<str>>, Vec<Vec<u32>>) = pairs.into_iter().unzip();
        let stemmed = stem_all(&words);
        let mut stems: Vec<(&str, u32)> = stemmed
            .iter()
            .enumerate()
            .filter(|(i, s)| **s != *words[*i])
            .map(|(i, s)| (s.as_str(), i as u32))
            .collect();
        stems.sort_unstable();
        let known: FxHashSet<&str> = words
            .iter()
            .map(|w| &**w)
            .chain(stemmed.iter().map(String::as_str))
            .filter(|w| w.len() >= MIN_PART && !is_stopword(w))
            .collect();
        let mut parts: Vec<(String, u32)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            if word.len() < 2 * MIN_PART + 1 {
                continue;
            }
            let is_part = |p: &str| {
                known.contains(p) || (p.len() >= MIN_PART && !is_stopword(p) && known_elsewhere(p))
            };
            if let Some(split) = split_compound(word, is_part) {
                for part in split.into_iter().skip(1) {
                    parts.push((part.into(), i as u32));
                    let s = stem(part);
                    if s != part {
                        parts.push((s, i as u32));
                    }
                }
            }
        }
        parts.sort_unstable();
        parts.dedup();
        Vocabulary {
            words: StrTable::from_strs(words.iter().map(|w| &**w)),
            postings: Postings::Owned(postings),
            stems: StrTable::from_strs(stems.iter().map(|s| s.0)),
            stem_words: stems.iter().map(|s| s.1).collect(),
            parts: StrTable::from_strs(parts.iter().map(|p| p.0.as_str())),
            part_words: parts.iter().map(|p| p.1).collect(),
            fresh: None,
        }
    }

    /// Replaces the words of the entries added since the index was built
    /// (`lists`: their posting lists, doc numbers after every kept entry's).
    pub fn set_fresh(&mut self, lists: impl IntoIterator<Item = (Box<str>, Vec<u32>)>) {
        self.fresh = None;
        let fresh = Vocabulary::beside(lists, |p| self.knows(p));
        self.fresh = (!fresh.is_empty()).then(|| Box::new(fresh));
    }

    /// True when entries were added since the index was built.
    pub fn has_fresh(&self) -> bool {
        self.fresh.is_some()
    }

    /// Word ids of the fresh vocabulary start here.
    fn own_len(&self) -> u32 {
        self.words.len() as u32
    }

    /// Runs `f` on the fresh vocabulary and shifts the ids it added to `out`.
    fn with_fresh(
        &self,
        out: &mut Vec<(u32, f32)>,
        f: impl FnOnce(&Vocabulary, &mut Vec<(u32, f32)>),
    ) {
        if let Some(fresh) = &self.fresh {
            let start = out.len();
            f(fresh, out);
            let shift = self.own_len();
            for reached in &mut out[start..] {
                reached.0 += shift;
            }
        }
    }

    /// A vocabulary read back; `None` when its tables do not fit together.
    pub fn from_kept(parts: VocabParts, postings: Postings) -> Option<Vocabulary> {
        let n = parts.words.len() as u32;
        let fits = parts.stems.len() == parts.stem_words.len()
            && parts.parts.len() == parts.part_words.len()
            && parts
                .stem_words
                .iter()
                .chain(&parts.part_words)
                .all(|&v| v < n);
        fits.then_some(Vocabulary {
            words: parts.words,
            postings,
            stems: parts.stems,
            stem_words: parts.stem_words,
            parts: parts.parts,
            part_words: parts.part_words,
            fresh: None,
        })
    }

    /// The tables to keep, beside the posting lists (of the words of the
    /// index as built: an updated index is built again before it is kept).
    pub fn kept_parts(&self) -> (&StrTable, &StrTable, &[u32], &StrTable, &[u32]) {
        (
            &self.words,
            &self.stems,
            &self.stem_words,
            &self.parts,
            &self.part_words,
        )
    }

    pub fn len(&self) -> usize {
        self.words.len() + self.fresh.as_ref().map_or(0, |f| f.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn word(&self, v: u32) -> &str {
        match &self.fresh {
            Some(fresh) if v >= self.own_len() => fresh.word(v - self.own_len()),
            _ => self.words.get(v as usize),
        }
    }

    pub fn postings(&self, v: u32) -> &[u32] {
        match &self.fresh {
            Some(fresh) if v >= self.own_len() => fresh.postings(v - self.own_len()),
            _ => self.postings.get(v),
        }
    }

    /// Reads the posting lists of `words` from a kept index ahead of use,
    /// neighbours together (see [`super::search::KeptPostings::prefetch`]).
    pub fn prefetch(&self, words: impl Iterator<Item = u32>) {
        if let Postings::Kept(kept) = &self.postings {
            let own = self.own_len();
            let mut words: Vec<u32> = words.filter(|&v| v < own).collect();
            kept.prefetch(&mut words);
        }
    }

    /// Reads every posting list of a kept index ahead of use when they are
    /// at most `limit` bytes together.
    pub fn warm(&self, limit: u64) {
        if let Postings::Kept(kept) = &self.postings {
            kept.warm(limit);
        }
    }

    /// The posting lists of the words as built: read from a kept index, or in memory.
    pub fn is_kept(&self) -> bool {
        matches!(self.postings, Postings::Kept(_))
    }

    /// True when the word is in the vocabulary as it stands.
    pub fn contains(&self, word: &str) -> bool {
        self.index_of(word).is_some() || self.fresh.as_ref().is_some_and(|f| f.contains(word))
    }

    /// True when the word is a vocabulary word or the stem of one.
    pub fn knows(&self, word: &str) -> bool {
        self.index_of(word).is_some()
            || !self.stems.equal_range(word).is_empty()
            || self.fresh.as_ref().is_some_and(|f| f.knows(word))
    }

    /// True when some vocabulary word starts with `word`.
    pub fn starts_any(&self, word: &str) -> bool {
        !self.prefixed(word).is_empty() || self.fresh.as_ref().is_some_and(|f| f.starts_any(word))
    }

    /// Words of the vocabulary as built that start with `word` (the word
    /// itself first, when present): one contiguous range of the sorted list.
    fn prefixed(&self, word: &str) -> std::ops::Range<u32> {
        let start = self.words.partition_point(0, |w| w < word);
        let end = self.words.partition_point(start, |w| w.starts_with(word));
        start as u32..end as u32
    }

    /// Adds the words `word` reaches as typed, as a prefix, by stem and as a
    /// compound part, with their quality. Returns true when it reached any.
    pub fn expand(&self, word: &str, prefix: bool, out: &mut Vec<(u32, f32)>) -> bool {
        let before = out.len();
        let range = self.prefixed(word);
        for v in range {
            let exact = self.word(v) == word;
            if exact {
                out.push((v, quality::EXACT));
            } else if prefix {
                out.push((v, quality::PREFIX));
            }
        }
        if word.len() >= MIN_PART {
            let stemmed = stem(word);
            for i in self.stems.equal_range(&stemmed) {
                out.push((self.stem_words[i], quality::STEM));
            }
            if let Some(v) = self.index_of(&stemmed) {
                out.push((v, quality::STEM));
            }
            for key in [word, stemmed.as_str()] {
                for i in self.parts.equal_range(key) {
                    out.push((self.part_words[i], quality::PART));
                }
            }
        }
        self.with_fresh(out, |fresh, out| {
            fresh.expand(word, prefix, out);
        });
        out.len() > before
    }

    /// Words within a small edit distance of `word`, with the same first
    /// letter; a prefix of a word counts, so a slip is forgiven while typing.
    pub fn typos(&self, word: &str, out: &mut Vec<(u32, f32)>) {
        let pattern: Vec<char> = word.chars().collect();
        let max = match pattern.len() {
            0..=3 => return,
            4..=8 => 1,
            _ => 2,
        };
        let first = &word[..pattern[0].len_utf8()];
        let lo = self.words.partition_point(0, |w| w < first);
        let hi = self.words.partition_point(lo, |w| w.starts_with(first));
        let mut chars = Vec::with_capacity(32);
        for v in lo..hi {
            let candidate = self.words.get(v);
            if candidate.len() + max < word.len() {
                continue;
            }
            chars.clear();
            chars.extend(candidate.chars().take(pattern.len() + 1));
            if prefix_typo_distance(&pattern, &chars, max) <= max {
                out.push((v as u32, quality::TYPO));
            }
        }
        self.with_fresh(out, |fresh, out| fresh.typos(word, out));
    }

    /// Splits a word into parts the vocabulary knows (as words or stems):
    /// `gokverslaving` → `gok` + `verslaving`; `None` when it cannot.
    pub fn split<'w>(&self, word: &'w str) -> Option<Vec<&'w str>> {
        split_compound(word, |p| !is_stopword(p) && self.knows(p))
    }

    /// The id of `word` among the words as built.
    fn index_of(&self, word: &str) -> Option<u32> {
        let range = self.words.equal_range(word);
        (!range.is_empty()).then_some(range.start as u32)
    }
}

/// The stem of every word; on two cores for a large vocabulary.
fn stem_all(words: &[Box<str>]) -> Vec<String> {
    if words.len() < 8192 {
        return words.iter().map(|w| stem(w)).collect();
    }
    let mid = words.len() / 2;
    std::thread::scope(|s| {
        let second = s.spawn(|| words[mid..].iter().map(|w| stem(w)).collect::<Vec<_>>());
        let mut first: Vec<String> = words[..mid].iter().map(|w| stem(w)).collect();
        match second.join() {
            Ok(mut rest) => first.append(&mut rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        first
    })
}

/// The fewest known parts (two or three) of at least [`MIN_PART`] bytes that
/// make up `word`, allowing a linking `s` between two parts
/// (`verslaving-s-zorg`), longest first part first; `None` for a word that is
/// not a compound of known parts. Only a known first part is ever followed,
/// so a word costs about one look-up per letter.
pub fn split_compound(word: &str, known: impl Fn(&str) -> bool) -> Option<Vec<&str>> {
    if word.len() > 40 || word.len() < 2 * MIN_PART {
        return None;
    }
    let heads: Vec<usize> = (MIN_PART..=word.len() - MIN_PART)
        .rev()
        .filter(|&end| word.is_char_boundary(end) && known(&word[..end]))
        .collect();
    (2..=3).find_map(|parts| {
        heads.iter().find_map(|&end| {
            let rest = &word[end..];
            [Some(rest), rest.strip_prefix('s')]
                .into_iter()
                .flatten()
                .find_map(|rest| split_into(rest, &known, parts - 1))
                .map(|mut tail| {
                    tail.insert(0, &word[..end]);
                    tail
                })
        })
    })
}

fn split_into<'w>(
    word: &'w str,
    known: &impl Fn(&str) -> bool,
    parts: usize,
) -> Option<Vec<&'w str>> {
    if parts == 1 {
        return (word.len() >= MIN_PART && known(word)).then(|| vec![word]);
    }
    let longest = word.len().checked_sub(MIN_PART * (parts - 1))?;
    for end in (MIN_PART..=longest).rev() {
        if !word.is_char_boundary(end) || !known(&word[..end]) {
            continue;
        }
        let rest = &word[end..];
        for rest in [Some(rest), rest.strip_prefix('s')].into_iter().flatten() {
            if let Some(mut tail) = split_into(rest, known, parts - 1) {
                tail.insert(0, &word[..end]);
                return Some(tail);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(words: &[&str]) -> Vocabulary {
        Vocabulary::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| ((*w).into(), vec![(i as u32) << 5])),
        )
    }

    #[test]
    fn compounds_split_into_known_parts() {
        let known = |p: &str| ["gok", "verslaving", "zorg", "geld", "zorgen"].contains(&p);
        assert_eq!(
            split_compound("gokverslaving", known),
            Some(vec!["gok", "verslaving"])
        );
        assert_eq!(
            split_compound("verslavingszorg", known),
            Some(vec!["verslaving", "zorg"])
        );
        assert_eq!(
            split_compound("geldzorgen", known),
            Some(vec!["geld", "zorgen"])
        );
        assert_eq!(split_compound("verslaving", known), None);
        assert_eq!(split_compound("gokxyz", known), None);
    }

    #[test]
    fn a_word_reaches_inflections_prefixes_and_compound_parts() {
        let v = vocab(&[
            "eenzaamheid",
            "gokken",
            "huiswerk",
            "huiswerkbegeleiding",
            "begeleiding",
        ]);
        let reached = |w: &str| {
            let mut out = Vec::new();
            v.expand(w, true, &mut out);
            out.iter()
                .map(|&(i, q)| (v.word(i).to_string(), q))
                .collect::<Vec<_>>()
        };
        assert!(reached("eenzame").contains(&("eenzaamheid".into(), quality::STEM)));
        assert!(reached("huisw").contains(&("huiswerkbegeleiding".into(), quality::PREFIX)));
        assert!(reached("begeleiding").contains(&("huiswerkbegeleiding".into(), quality::PART)));
        assert!(reached("begeleiding").contains(&("begeleiding".into(), quality::EXACT)));
        assert_eq!(v.split("gokverslaving"), None, "verslaving is unknown here");
        assert!(v.knows("gok"), "the stem of gokken");
    }
}
