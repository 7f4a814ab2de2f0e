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
use serde::{Deserialize, Serialize};

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

/// The sorted word list of the index with, per word, its entries.
#[derive(Default, Serialize, Deserialize)]
pub struct Vocabulary {
    words: Vec<Box<str>>,
    /// Per word: `doc << FIELD_BITS | fields`, each doc once, docs in order.
    postings: Vec<Vec<u32>>,
    /// (stem, word) for every word, sorted by stem.
    stems: Vec<(Box<str>, u32)>,
    /// (part, word) for every part but the first of a compound word (the
    /// first is found as a prefix), sorted by part.
    parts: Vec<(Box<str>, u32)>,
}

impl Vocabulary {
    /// Builds the vocabulary from per-word posting lists.
    pub fn new(lists: impl IntoIterator<Item = (Box<str>, Vec<u32>)>) -> Vocabulary {
        let mut pairs: Vec<(Box<str>, Vec<u32>)> = lists.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (words, postings): (Vec<Box<str>>, Vec<Vec<u32>>) = pairs.into_iter().unzip();
        let stemmed = stem_all(&words);
        let mut stems: Vec<(Box<str>, u32)> = stemmed
            .iter()
            .enumerate()
            .filter(|(i, s)| **s != *words[*i])
            .map(|(i, s)| (s.as_str().into(), i as u32))
            .collect();
        stems.sort_unstable();
        let known: FxHashSet<&str> = words
            .iter()
            .map(|w| &**w)
            .chain(stemmed.iter().map(String::as_str))
            .filter(|w| w.len() >= MIN_PART && !is_stopword(w))
            .collect();
        let mut parts: Vec<(Box<str>, u32)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            if word.len() < 2 * MIN_PART + 1 {
                continue;
            }
            if let Some(split) = split_compound(word, |p| known.contains(p)) {
                for part in split.into_iter().skip(1) {
                    parts.push((part.into(), i as u32));
                    let s = stem(part);
                    if s != part {
                        parts.push((s.into(), i as u32));
                    }
                }
            }
        }
        parts.sort_unstable();
        parts.dedup();
        Vocabulary {
            words,
            postings,
            stems,
            parts,
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn word(&self, v: u32) -> &str {
        &self.words[v as usize]
    }

    pub fn postings(&self, v: u32) -> &[u32] {
        &self.postings[v as usize]
    }

    /// True when the word is in the vocabulary as it stands.
    pub fn contains(&self, word: &str) -> bool {
        self.words.binary_search_by(|w| (**w).cmp(word)).is_ok()
    }

    /// True when the word is a vocabulary word or the stem of one.
    pub fn knows(&self, word: &str) -> bool {
        self.contains(word) || {
            let i = self.stems.partition_point(|(s, _)| &**s < word);
            self.stems.get(i).is_some_and(|(s, _)| &**s == word)
        }
    }

    /// Vocabulary words that start with `word` (the word itself first, when
    /// present): one contiguous range of the sorted list.
    pub fn prefixed(&self, word: &str) -> std::ops::Range<u32> {
        let start = self.words.partition_point(|w| &**w < word);
        let end = start + self.words[start..].partition_point(|w| w.starts_with(word));
        start as u32..end as u32
    }

    /// Adds the words `word` reaches as typed, as a prefix, by stem and as a
    /// compound part, with their quality. Returns true when it reached any.
    pub fn expand(&self, word: &str, prefix: bool, out: &mut Vec<(u32, f32)>) -> bool {
        let before = out.len();
        let range = self.prefixed(word);
        for v in range {
            let exact = *self.words[v as usize] == *word;
            if exact {
                out.push((v, quality::EXACT));
            } else if prefix {
                out.push((v, quality::PREFIX));
            }
        }
        if word.len() >= MIN_PART {
            let stemmed = stem(word);
            for v in self.with_stem(&stemmed) {
                out.push((v, quality::STEM));
            }
            if let Some(v) = self.index_of(&stemmed) {
                out.push((v, quality::STEM));
            }
            for key in [word, stemmed.as_str()] {
                let i = self.parts.partition_point(|(p, _)| &**p < key);
                for (_, v) in self.parts[i..].iter().take_while(|(p, _)| &**p == key) {
                    out.push((*v, quality::PART));
                }
            }
        }
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
        let lo = self.words.partition_point(|w| &**w < first);
        let hi = lo + self.words[lo..].partition_point(|w| w.starts_with(first));
        let mut chars = Vec::with_capacity(32);
        for v in lo..hi {
            let candidate = &self.words[v];
            if candidate.len() + max < word.len() {
                continue;
            }
            chars.clear();
            chars.extend(candidate.chars().take(pattern.len() + 1));
            if prefix_typo_distance(&pattern, &chars, max) <= max {
                out.push((v as u32, quality::TYPO));
            }
        }
    }

    /// Splits a word into parts the vocabulary knows (as words or stems):
    /// `gokverslaving` → `gok` + `verslaving`; `None` when it cannot.
    pub fn split<'w>(&self, word: &'w str) -> Option<Vec<&'w str>> {
        split_compound(word, |p| !is_stopword(p) && self.knows(p))
    }

    fn index_of(&self, word: &str) -> Option<u32> {
        self.words
            .binary_search_by(|w| (**w).cmp(word))
            .ok()
            .map(|i| i as u32)
    }

    fn with_stem<'a>(&'a self, stemmed: &'a str) -> impl Iterator<Item = u32> + 'a {
        let i = self.stems.partition_point(|(s, _)| &**s < stemmed);
        self.stems[i..]
            .iter()
            .take_while(move |(s, _)| &**s == stemmed)
            .map(|(_, v)| *v)
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
