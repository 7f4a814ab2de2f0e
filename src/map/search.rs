//! The search index: an inverted word index over every field, typo tolerance
//! against the vocabulary, and "letters in order" over names.
//!
//! Ranking, per query word: an exact or prefix match beats a forgiven typo;
//! among those, a hit in the name beats one in the organisation, role, tags,
//! areas or city, which beats one in the longer texts; an exact word beats a
//! prefix. Word scores add up; ties go by name.
//!
//! Typos are forgiven only for a word that, as typed, is in no entry at all.

use super::entry::Entry;
use super::merge::Record;
use super::query::{Query, area_matches};
use super::words::{fold, for_each_word, prefix_typo_distance};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The layout version of a kept index; a different one is rebuilt.
const INDEX_VERSION: u8 = 1;
const FIELD_LONG: u8 = 0;
const FIELD_SHORT: u8 = 1;
const FIELD_NAME: u8 = 2;
const EXACT: u8 = 3;
const PREFIX: u8 = 2;
const TYPO: u8 = 1;

/// The score of one query word in one field: typos 1 to 3, then prefix and
/// exact matches per field from 4 (prefix in a long text) to 9 (exact in the name).
fn word_score(field: u8, quality: u8) -> u8 {
    match quality {
        TYPO => 1 + field,
        _ => 4 + field * 2 + u8::from(quality == EXACT),
    }
}

/// An entry as the index holds it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Doc {
    pub entry: Entry,
    pub conflicted: bool,
    name_folded: String,
    areas_folded: Vec<String>,
    domain_bits: u16,
}

impl Doc {
    fn new(entry: Entry, conflicted: bool) -> Doc {
        Doc {
            conflicted,
            name_folded: fold(&entry.name),
            areas_folded: entry.areas.iter().map(|a| fold(a)).collect(),
            domain_bits: entry.domain_bits(),
            entry,
        }
    }
}

/// One search result: the position of its entry in the index, and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: u32,
}

/// Everything needed to answer a query without touching the store.
#[derive(Serialize, Deserialize)]
pub struct Index {
    docs: Vec<Doc>,
    /// Position of each doc when sorted by name: the tie-breaker.
    name_rank: Vec<u32>,
    /// The docs in name order: `by_name[name_rank[d]] == d`.
    by_name: Vec<u32>,
    vocab: Vec<Box<str>>,
    /// Per vocabulary word: `doc << 2 | field`, each doc once with its best field.
    postings: Vec<Vec<u32>>,
    /// Every folded name, back to back, so that a scan over all names reads
    /// one block of memory instead of one scattered string per doc.
    names: String,
    /// `names[name_ends[d - 1]..name_ends[d]]` is the name of doc `d`.
    name_ends: Vec<u32>,
}

impl Index {
    /// Builds the index over the shown version of every live record.
    pub fn build<'a>(records: impl IntoIterator<Item = &'a Record>) -> Index {
        let docs = records
            .into_iter()
            .filter_map(|r| Some(Doc::new(r.shown()?.clone(), r.is_conflicted())))
            .collect();
        Index::from_docs(docs)
    }

    /// Like [`Index::build`], but takes the records, so that no entry is copied.
    pub fn build_owned(records: Vec<Record>) -> Index {
        let docs = records
            .into_iter()
            .filter_map(|r| {
                r.into_shown()
                    .map(|(entry, conflicted)| Doc::new(entry, conflicted))
            })
            .collect();
        Index::from_docs(docs)
    }

    fn from_docs(docs: Vec<Doc>) -> Index {
        let mut order: Vec<u32> = (0..docs.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&docs[a as usize], &docs[b as usize]);
            (&a.name_folded, &a.entry.id).cmp(&(&b.name_folded, &b.entry.id))
        });
        let mut name_rank = vec![0u32; docs.len()];
        for (rank, &doc) in order.iter().enumerate() {
            name_rank[doc as usize] = rank as u32;
        }

        // Two cores: each half of the docs on its own, then the lists joined
        // (the second half's docs all come after the first's, so they stay in order).
        let lists = if docs.len() >= 4096 {
            let mid = docs.len() / 2;
            std::thread::scope(|s| {
                let second = s.spawn(|| word_lists(&docs[mid..], mid));
                let mut lists = word_lists(&docs[..mid], 0);
                let second = match second.join() {
                    Ok(lists) => lists,
                    Err(panic) => std::panic::resume_unwind(panic),
                };
                for (word, mut list) in second {
                    lists.entry(word).or_default().append(&mut list);
                }
                lists
            })
        } else {
            word_lists(&docs, 0)
        };
        let mut pairs: Vec<(Box<str>, Vec<u32>)> = lists.into_iter().collect();
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let (vocab, postings) = pairs.into_iter().unzip();
        let mut names = String::with_capacity(docs.iter().map(|d| d.name_folded.len()).sum());
        let mut name_ends = Vec::with_capacity(docs.len());
        for doc in &docs {
            names.push_str(&doc.name_folded);
            name_ends.push(names.len() as u32);
        }
        Index {
            docs,
            names,
            name_ends,
            name_rank,
            by_name: order,
            vocab,
            postings,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// The index as bytes, to keep in the data dir between runs.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = vec![INDEX_VERSION];
        let _ =
            bincode::serde::encode_into_std_write(self, &mut bytes, bincode::config::standard());
        bytes
    }

    /// An index kept by [`Index::to_bytes`]; `None` when it is of another version or damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<Index> {
        match bytes.split_first() {
            Some((&INDEX_VERSION, body)) => {
                bincode::serde::decode_from_slice(body, bincode::config::standard())
                    .ok()
                    .map(|(index, _)| index)
            }
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn doc(&self, hit: Hit) -> &Doc {
        &self.docs[hit.doc as usize]
    }

    pub fn docs(&self) -> &[Doc] {
        &self.docs
    }

    /// Number of distinct words; for the benchmarks and the curious.
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len()
    }

    /// True when the entry passes the query's domain, area and kind filters.
    fn passes_filters(&self, doc: &Doc, query: &Query) -> bool {
        query.kind.is_none_or(|k| doc.entry.kind == k)
            && query
                .domain_sets
                .iter()
                .all(|&set| doc.domain_bits & set != 0)
            && query.area_sets.iter().all(|prefixes| {
                prefixes
                    .iter()
                    .any(|p| doc.areas_folded.iter().any(|a| area_matches(a, p)))
            })
    }

    /// Ranked results; an empty query lists every entry that passes the filters by name.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let n = self.docs.len();
        let mut alive: Vec<u32>;
        let mut total = vec![0u32; n];
        if query.words.is_empty() {
            alive = (0..n as u32)
                .filter(|&d| self.passes_filters(&self.docs[d as usize], query))
                .collect();
        } else {
            alive = Vec::new();
            let mut best = vec![0u8; n];
            for (i, word) in query.words.iter().enumerate() {
                best.iter_mut().for_each(|b| *b = 0);
                self.score_word(word, &mut best);
                if i == 0 {
                    alive = (0..n as u32)
                        .filter(|&d| best[d as usize] > 0)
                        .filter(|&d| self.passes_filters(&self.docs[d as usize], query))
                        .collect();
                } else {
                    alive.retain(|&d| best[d as usize] > 0);
                }
                for &d in &alive {
                    total[d as usize] += u32::from(best[d as usize]);
                }
                if alive.is_empty() {
                    break;
                }
            }
        }
        let mut keyed: Vec<u64> = alive
            .iter()
            .map(|&d| {
                (u64::from(u32::MAX - total[d as usize]) << 32)
                    | u64::from(self.name_rank[d as usize])
            })
            .collect();
        keyed.sort_unstable();
        keyed
            .into_iter()
            .map(|k| {
                let doc = self.by_name[(k & 0xffff_ffff) as usize];
                Hit {
                    doc,
                    score: u32::MAX - (k >> 32) as u32,
                }
            })
            .collect()
    }

    /// Fills `best[doc]` with the best score of `word` in each entry.
    fn score_word(&self, word: &str, best: &mut [u8]) {
        let mut raise = |vocab_index: usize, quality: u8| {
            for &posting in &self.postings[vocab_index] {
                let doc = (posting >> 2) as usize;
                let score = word_score((posting & 3) as u8, quality);
                if score > best[doc] {
                    best[doc] = score;
                }
            }
        };
        // Exact and prefix matches: a contiguous range of the sorted vocabulary.
        let start = self.vocab.partition_point(|w| &**w < word);
        let mut end = start;
        while end < self.vocab.len() && self.vocab[end].starts_with(word) {
            let quality = if &*self.vocab[end] == word {
                EXACT
            } else {
                PREFIX
            };
            raise(end, quality);
            end += 1;
        }
        let pattern: Vec<char> = word.chars().collect();
        // Typos: words with the same first letter, within a small edit distance.
        let max = match pattern.len() {
            0..=3 => 0,
            4..=8 => 1,
            _ => 2,
        };
        let known = end > start;
        if max > 0 && !known {
            let first = &word[..pattern[0].len_utf8()];
            let lo = self.vocab.partition_point(|w| &**w < first);
            let hi = lo + self.vocab[lo..].partition_point(|w| w.starts_with(first));
            let mut chars = Vec::with_capacity(32);
            for v in (lo..hi).filter(|v| !(start..end).contains(v)) {
                let candidate = &self.vocab[v];
                if candidate.len() + max < word.len() {
                    continue;
                }
                chars.clear();
                chars.extend(candidate.chars().take(pattern.len() + 1));
                if prefix_typo_distance(&pattern, &chars, max) <= max {
                    raise(v, TYPO);
                }
            }
        }
        // Letters in order over names: the start and the end of one name word
        // ("jongwerk" for "Jongerenwerk"), not letters scattered over it.
        if pattern.len() >= 3 && !known {
            let matcher = SkimMatcherV2::default();
            let name_typo = word_score(FIELD_NAME, TYPO);
            let mut start = 0;
            for (d, &end) in self.name_ends.iter().enumerate() {
                let name = &self.names[start..end as usize];
                start = end as usize;
                if best[d] >= name_typo || !has_in_order(name, word) {
                    continue;
                }
                if let Some((_, indices)) = matcher.fuzzy_indices(name, word)
                    && is_word_abbreviation(name, &indices)
                {
                    best[d] = name_typo;
                }
            }
        }
    }

    /// How many entries passing the filters fall in each life domain.
    pub fn domain_counts(&self, query: &Query) -> [usize; 15] {
        let mut counts = [0usize; 15];
        for hit in self.search(query) {
            let bits = self.docs[hit.doc as usize].domain_bits;
            for (i, count) in counts.iter_mut().enumerate() {
                if bits & (1 << i) != 0 {
                    *count += 1;
                }
            }
        }
        counts
    }

    /// Every area named by an entry, with how many entries name it.
    pub fn areas(&self) -> Vec<(String, usize)> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for doc in &self.docs {
            for area in &doc.entry.areas {
                *counts.entry(area.as_str()).or_default() += 1;
            }
        }
        let mut areas: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(a, n)| (a.to_string(), n))
            .collect();
        areas.sort_by_cached_key(|a| fold(&a.0));
        areas
    }
}

/// FxHash (rustc's hash): fast for short keys that no attacker chooses.
type WordLists = rustc_hash::FxHashMap<Box<str>, Vec<u32>>;

/// Appends the folded words of `s` to `text`, each as a range in `words`, as
/// [`for_each_word`] splits them, without an allocation per word.
fn fold_words_into(s: &str, field: u8, text: &mut String, words: &mut Vec<(u32, u32, u8)>) {
    if s.is_ascii() {
        let mut start = None;
        for b in s.bytes() {
            if b.is_ascii_alphanumeric() {
                if start.is_none() {
                    start = Some(text.len());
                }
                text.push(char::from(b.to_ascii_lowercase()));
            } else if let Some(st) = start.take() {
                words.push((st as u32, text.len() as u32, field));
            }
        }
        if let Some(st) = start {
            words.push((st as u32, text.len() as u32, field));
        }
        text.push(' ');
    } else {
        for_each_word(s, |w| {
            let st = text.len();
            text.push_str(w);
            words.push((st as u32, text.len() as u32, field));
            text.push(' ');
        });
    }
}

/// Per word: `doc << 2 | field`, each doc once with its best field, docs in order.
fn word_lists(docs: &[Doc], first: usize) -> WordLists {
    let mut lists = WordLists::default();
    let mut text = String::new();
    let mut words: Vec<(u32, u32, u8)> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        text.clear();
        words.clear();
        let e = &doc.entry;
        let mut add = |s: &str, field: u8| fold_words_into(s, field, &mut text, &mut words);
        add(&e.name, FIELD_NAME);
        for short in [&e.organisation, &e.role, &e.city] {
            add(short, FIELD_SHORT);
        }
        for list in [&e.tags, &e.areas] {
            for item in list {
                add(item, FIELD_SHORT);
            }
        }
        for long in [&e.description, &e.audience, &e.referral, &e.cost, &e.hours] {
            add(long, FIELD_LONG);
        }
        // One posting per word and doc, with the best field: a word seen
        // before in this doc is the last posting of its list.
        let i = i + first;
        let doc = (i as u32) << 2;
        for &(start, end, field) in &words {
            let word = &text[start as usize..end as usize];
            let posting = doc | u32::from(field);
            match lists.get_mut(word) {
                Some(list) => match list.last_mut() {
                    Some(last) if *last >> 2 == i as u32 => *last = (*last).max(posting),
                    _ => list.push(posting),
                },
                None => {
                    lists.insert(word.into(), vec![posting]);
                }
            }
        }
    }
    lists
}

/// True when the bytes of `pattern` occur in `text` in order: necessary for
/// any fuzzy match, and far cheaper to test than running the matcher.
fn has_in_order(text: &str, pattern: &str) -> bool {
    let mut rest = text.as_bytes();
    for &b in pattern.as_bytes() {
        match rest.iter().position(|&c| c == b) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

/// True when matched character positions form at most two runs inside one
/// word, the first at the word's start and the last at its end or at least
/// three letters long.
fn is_word_abbreviation(name: &str, indices: &[usize]) -> bool {
    let chars: Vec<char> = name.chars().collect();
    let (Some(&first), Some(&last)) = (indices.first(), indices.last()) else {
        return false;
    };
    let runs = 1 + indices.windows(2).filter(|w| w[1] != w[0] + 1).count();
    let is_word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let last_run = 1 + indices
        .windows(2)
        .rev()
        .take_while(|w| w[1] == w[0] + 1)
        .count();
    runs <= 2
        && (first == 0 || !is_word(first - 1))
        && (!is_word(last + 1) || last_run >= 3)
        && (first..=last).all(is_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviation_is_start_and_end_of_one_word() {
        // "jongwerk" in "jongerenwerk": "jong" + "werk"
        assert!(is_word_abbreviation(
            "jongerenwerk",
            &[0, 1, 2, 3, 8, 9, 10, 11]
        ));
        // "schuld" scattered over "schilderswijk"
        assert!(!is_word_abbreviation("schilderswijk", &[0, 1, 2, 4, 5]));
        // across two words
        assert!(!is_word_abbreviation("de mussen", &[0, 3, 4]));
    }
}
