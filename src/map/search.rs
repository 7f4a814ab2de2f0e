//! The search index: an inverted word index over every field, Dutch word
//! forms, compounds and the field's synonyms, ranked by how much of the
//! query an entry covers.
//!
//! Ranking (BM25-style, without term counts): each query word scores an
//! entry by the best field it reaches (name, tags, organisation and role,
//! life domains, areas, longer texts, in that order of weight) times how it
//! got there (as typed, prefix, stem, compound part, synonym, typo), weighed
//! by how rare the word is on the map. The sum is scaled by the share of the
//! query words the entry covers, so an entry that matches two of three words
//! still shows, below those that match all three. Ties go to services and
//! initiatives before key figures, then by name. `#domain`, `@area` and the
//! kind stay hard filters.
//!
//! Every query word is looked up in the vocabulary, never matched against
//! the entries' texts: typos, stems and compound parts are all worked out per
//! vocabulary word, so a keystroke costs the same whatever the texts' length.

mod explain;
mod layout;
mod lists;
mod reach;
pub mod row;
mod update;
mod writer;

pub use explain::{Field, Highlighter, Mark};
pub use layout::{KeptPostings, ReadAt};
pub use writer::IndexWriter;

use super::domain::Kind;
use super::entry::Entry;
use super::merge::Record;
use super::query::{Query, area_matches};
use super::vocab::{StrTable, Vocabulary};
use super::words::fold;
use layout::Docs;
use lists::word_lists;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Bits of a posting that hold the set of fields a word is in.
pub(crate) const FIELD_BITS: u32 = 5;
const FIELD_LONG: u32 = 0;
const FIELD_AREA: u32 = 1;
const FIELD_ORG: u32 = 2;
const FIELD_TAGS: u32 = 3;
const FIELD_NAME: u32 = 4;
/// Weight of a word in each field, by `FIELD_*`: a word in the name says most
/// about what an entry is, one in a long description least.
const FIELD_WEIGHT: [f32; 5] = [2.5, 4.0, 5.0, 7.0, 10.0];
/// Weight of a query word that names (or is a synonym of) one of the entry's
/// life domains, or its kind: what the entry is for, not what it mentions.
const DOMAIN_WEIGHT: f32 = 4.0;
const KIND_WEIGHT: f32 = 3.0;
/// A key figure is a bridge to a group, not the help itself: for the same
/// words, the service or initiative that gives the help comes first.
const KEY_FIGURE: f32 = 0.85;
/// A domain that is not the entry's first (main) one counts for less.
const SIDE_DOMAIN: f32 = 0.7;

/// Posting lists read whole when the interface waits for its first key:
/// more would cost memory a big map needs, whose first key reads its own.
const WARM_POSTINGS: u64 = 8 << 20;

/// An entry as the index holds it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Doc {
    pub entry: Entry,
    pub conflicted: bool,
}

/// Domain bits, the main domain's index (`<< 16`) and the kind (`<< 24`),
/// packed so that a pass over every entry reads one small array.
fn traits(entry: &Entry) -> u32 {
    let primary = entry.domains.first().map_or(0, |d| d.index() as u32);
    u32::from(entry.domain_bits()) | primary << 16 | kind_code(entry.kind) << 24
}

fn kind_code(kind: Kind) -> u32 {
    match kind {
        Kind::KeyFigure => 0,
        Kind::Initiative => 1,
        Kind::Service => 2,
    }
}

/// One search result: the position of its entry in the index, and its score.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: u32,
}

/// The results of a query, and the query words that matched none of them,
/// so that the interface can say "nothing for `xyz`" while showing the rest.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Query words (folded, as in [`Query::words`]) that no result matches.
    pub unmatched: Vec<String>,
}

/// The areas the entries serve: each distinct name once, and per entry
/// which of them it names.
#[derive(Default)]
struct Areas {
    names: StrTable,
    folded: Vec<String>,
    /// `ids[doc_ends[d - 1]..doc_ends[d]]` are the areas of doc `d`.
    doc_ends: Vec<u32>,
    ids: Vec<u32>,
}

impl Areas {
    fn of(&self, d: usize) -> &[u32] {
        let start = if d == 0 { 0 } else { self.doc_ends[d - 1] };
        &self.ids[start as usize..self.doc_ends[d] as usize]
    }
}

/// Everything needed to answer a query without touching the store.
pub struct Index {
    /// Doc positions: those built (or read) and those added since.
    n: usize,
    /// Entries with a doc position: `n` less those whose entry changed since.
    live: usize,
    /// The entries as built, or read from a kept index.
    docs: Docs,
    /// Entries added by [`Index::update`], at the positions after `docs`'.
    added: Vec<Doc>,
    /// Per position (empty until an update): whether its entry changed or
    /// went since, so that it no longer shows.
    dead: Vec<bool>,
    /// Position of each doc when sorted by name: the tie-breaker.
    name_rank: Vec<u32>,
    /// The docs in name order: `by_name[name_rank[d]] == d`.
    by_name: Vec<u32>,
    vocab: Vocabulary,
    /// Per doc: [`traits`].
    traits: Vec<u32>,
    areas: Areas,
    /// Every folded name, back to back, so that a scan over all names reads
    /// one block of memory instead of one scattered string per doc. A kept
    /// index reads them only when a query needs them (a typo).
    names: OnceLock<StrTable>,
    /// Position of each entry as built, by id: made on the first update.
    ids: OnceLock<rustc_hash::FxHashMap<Box<str>, u32>>,
    /// Set once [`Index::warm`] has read ahead: it reads once.
    warmed: OnceLock<()>,
}

/// What the words of a query reach: per word, and per pair of neighbours.
struct Reaches {
    words: Vec<reach::Reach>,
    pairs: Vec<reach::Reach>,
}

/// The filters of a query, worked out once: which areas pass.
struct Filter<'q> {
    query: &'q Query,
    areas: Vec<Vec<bool>>,
}

impl Index {
    /// Builds the index over the shown version of every live record.
    pub fn build<'a>(records: impl IntoIterator<Item = &'a Record>) -> Index {
        let docs = records
            .into_iter()
            .filter_map(|r| {
                Some(Doc {
                    entry: r.shown()?.clone(),
                    conflicted: r.is_conflicted(),
                })
            })
            .collect();
        Index::from_docs(docs)
    }

    /// Like [`Index::build`], but takes the records, so that no entry is copied.
    pub fn build_owned(records: Vec<Record>) -> Index {
        let docs = records
            .into_iter()
            .filter_map(|r| {
                r.into_shown()
                    .map(|(entry, conflicted)| Doc { entry, conflicted })
            })
            .collect();
        Index::from_docs(docs)
    }

    fn from_docs(docs: Vec<Doc>) -> Index {
        let folded: Vec<String> = docs.iter().map(|d| fold(&d.entry.name)).collect();
        let mut order: Vec<u32> = (0..docs.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            (&folded[a], &docs[a].entry.id).cmp(&(&folded[b], &docs[b].entry.id))
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
        let vocab = Vocabulary::new(lists);
        let mut areas = Areas::default();
        let mut area_ids: HashMap<&str, u32> = HashMap::new();
        let mut area_names: Vec<&str> = Vec::new();
        for doc in &docs {
            for area in &doc.entry.areas {
                let id = *area_ids.entry(area.as_str()).or_insert_with(|| {
                    area_names.push(area);
                    area_names.len() as u32 - 1
                });
                areas.ids.push(id);
            }
            areas.doc_ends.push(areas.ids.len() as u32);
        }
        areas.names = StrTable::from_strs(area_names.iter().copied());
        areas.folded = area_names.iter().map(|a| fold(a)).collect();
        let names = OnceLock::new();
        let _ = names.set(StrTable::from_strs(folded.iter().map(String::as_str)));
        Index {
            n: docs.len(),
            live: docs.len(),
            added: Vec::new(),
            dead: Vec::new(),
            traits: docs.iter().map(|d| traits(&d.entry)).collect(),
            docs: Docs::Owned(docs),
            names,
            ids: OnceLock::new(),
            warmed: OnceLock::new(),
            name_rank,
            by_name: order,
            vocab,
            areas,
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Positions of the entries as built (or read): those added come after.
    fn base_len(&self) -> usize {
        self.n - self.added.len()
    }

    fn is_dead(&self, d: u32) -> bool {
        self.dead.get(d as usize).copied().unwrap_or(false)
    }

    fn doc_at(&self, d: u32) -> &Doc {
        match (d as usize).checked_sub(self.base_len()) {
            Some(i) => &self.added[i],
            None => self.docs.get(d),
        }
    }

    /// True for an index read from the data dir (see `store::kept`), false for one just built.
    pub fn is_kept(&self) -> bool {
        matches!(self.docs, Docs::Kept(_))
    }

    pub fn doc(&self, hit: Hit) -> &Doc {
        self.doc_at(hit.doc)
    }

    /// Every entry; from a kept index, each is read when first asked for.
    pub fn docs(&self) -> DocList<'_> {
        DocList(self)
    }

    /// What a result line shows of each hit (id, kind, name, organisation,
    /// domains, areas, verified), without reading whole entries.
    pub fn rows(&self, hits: &[Hit]) -> row::Rows {
        let base = self.base_len() as u32;
        let docs: Vec<u32> = hits.iter().map(|h| h.doc).filter(|&d| d < base).collect();
        let kept = self.docs.rows(&docs);
        if docs.len() == hits.len() {
            return kept;
        }
        let mut rows = row::Rows::default();
        let mut next = 0;
        for hit in hits {
            if hit.doc < base {
                rows.text_mut().extend_from_slice(kept.bytes(next));
                next += 1;
            } else {
                let doc = self.doc_at(hit.doc);
                row::write(&doc.entry, doc.conflicted, rows.text_mut());
            }
            rows.end_row();
        }
        rows
    }

    /// Number of distinct words; for the benchmarks and the curious.
    pub fn vocabulary_size(&self) -> usize {
        self.vocab.len()
    }

    /// Reads now what a kept index reads on first use and a keystroke
    /// should not wait for: the folded names, which the first typo (or
    /// abbreviation) scans, and on a small map (posting lists of at most
    /// [`WARM_POSTINGS`] bytes, about 20,000 entries) every posting list.
    /// For the interface, while it waits for the first key.
    /// Reads only the first time: the interface asks whenever no key waits.
    pub fn warm(&self) {
        self.warmed.get_or_init(|| {
            self.names();
            self.vocab.warm(WARM_POSTINGS);
        });
    }

    fn names(&self) -> &StrTable {
        self.names.get_or_init(|| {
            let mut names = self.docs.names(self.base_len());
            for doc in &self.added {
                names.push(&fold(&doc.entry.name));
            }
            names
        })
    }

    fn filter<'q>(&self, query: &'q Query) -> Filter<'q> {
        let areas = query
            .area_sets
            .iter()
            .map(|prefixes| {
                self.areas
                    .folded
                    .iter()
                    .map(|a| prefixes.iter().any(|p| area_matches(a, p)))
                    .collect()
            })
            .collect();
        Filter { query, areas }
    }

    /// True when the entry passes the query's domain, area and kind filters.
    fn passes(&self, filter: &Filter, d: u32) -> bool {
        let t = self.traits[d as usize];
        let query = filter.query;
        !self.is_dead(d)
            && query.kind.is_none_or(|k| t >> 24 == kind_code(k))
            && query.domain_sets.iter().all(|&set| t as u16 & set != 0)
            && filter.areas.iter().all(|ok| {
                self.areas
                    .of(d as usize)
                    .iter()
                    .any(|&a| ok.get(a as usize).copied().unwrap_or(false))
            })
    }

    /// Ranked results; an empty query lists every entry that passes the filters by name.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.find(query).hits
    }

    /// Ranked results, and the query words that matched none of them.
    pub fn find(&self, query: &Query) -> Found {
        self.find_with(query, &self.reaches(&query.words))
    }

    /// [`Index::find`] and [`Index::highlighter`] at once: what the query
    /// words reach is worked out once for both (a keystroke in the interface).
    pub fn find_marked(&self, query: &Query) -> (Found, Highlighter) {
        let reaches = self.reaches(&query.words);
        (
            self.find_with(query, &reaches),
            self.highlighter_with(&reaches),
        )
    }

    /// What each query word reaches, and each pair of neighbouring words.
    fn reaches(&self, words: &[String]) -> Reaches {
        Reaches {
            words: words.iter().map(|w| self.reach(w, true)).collect(),
            pairs: words
                .windows(2)
                .map(|pair| self.reach_pair(&pair[0], &pair[1]))
                .collect(),
        }
    }

    fn find_with(&self, query: &Query, reaches: &Reaches) -> Found {
        let n = self.n;
        let filter = self.filter(query);
        if query.words.is_empty() {
            let hits = self
                .by_name
                .iter()
                .filter(|&&d| self.passes(&filter, d))
                .map(|&doc| Hit { doc, score: 0 })
                .collect();
            return Found {
                hits,
                unmatched: Vec::new(),
            };
        }
        let per_word = self.word_scores(reaches);
        // One or two letters next to longer words are a word being typed
        // (or an initial): they rank what the other words found, but pull in
        // no entries of their own, so "taalcafe m" does not list every entry
        // with a word starting with m.
        let anchors: Vec<bool> = query.words.iter().map(|w| w.len() >= 3).collect();
        let any_anchor = anchors.contains(&true);
        let mut total = vec![0f32; n];
        let mut covered = vec![0u8; n];
        let mut anchored = vec![!any_anchor; n];
        for (scores, &anchor) in per_word.iter().zip(&anchors) {
            for (d, &s) in scores.iter().enumerate() {
                if s > 0.0 {
                    total[d] += s;
                    covered[d] += 1;
                    anchored[d] |= anchor;
                }
            }
        }
        let words = per_word.len() as f32;
        let alive: Vec<u32> = (0..n as u32)
            .filter(|&d| covered[d as usize] > 0 && anchored[d as usize])
            .filter(|&d| self.passes(&filter, d))
            .collect();
        let unmatched = query
            .words
            .iter()
            .zip(&per_word)
            .filter(|(_, scores)| alive.iter().all(|&d| scores[d as usize] <= 0.0))
            .map(|(w, _)| w.clone())
            .collect();
        let mut keyed: Vec<u64> = alive
            .iter()
            .map(|&d| {
                let share = f32::from(covered[d as usize]) / words;
                let key_figure = self.traits[d as usize] >> 24 == 0;
                let prior = if key_figure { KEY_FIGURE } else { 1.0 };
                let score = (total[d as usize] * share * prior * 100.0) as u32;
                let key_figure = u64::from(key_figure);
                (u64::from(u32::MAX - score) << 32)
                    | key_figure << 31
                    | u64::from(self.name_rank[d as usize])
            })
            .collect();
        keyed.sort_unstable();
        let hits = keyed
            .into_iter()
            .map(|k| Hit {
                doc: self.by_name[(k & 0x7fff_ffff) as usize],
                score: u32::MAX - (k >> 32) as u32,
            })
            .collect();
        Found { hits, unmatched }
    }

    /// Per query word: its score in every entry. Two neighbouring words
    /// also count as one ("taal les" as "taalles", "sociaal netwerk" as a
    /// phrase): an entry matching the pair covers both.
    fn word_scores(&self, reaches: &Reaches) -> Vec<Vec<f32>> {
        let n = self.n;
        let mut per_word: Vec<Vec<f32>> = reaches
            .words
            .iter()
            .map(|reach| {
                let mut scores = vec![0f32; n];
                self.apply(reach, &mut scores);
                scores
            })
            .collect();
        for (i, pair) in reaches.pairs.iter().enumerate() {
            if pair.is_empty() {
                continue;
            }
            let mut scores = vec![0f32; n];
            self.apply(pair, &mut scores);
            for j in [i, i + 1] {
                for (mine, &joined) in per_word[j].iter_mut().zip(&scores) {
                    *mine = mine.max(joined);
                }
            }
        }
        per_word
    }

    /// How many entries passing the filters fall in each life domain.
    pub fn domain_counts(&self, query: &Query) -> [usize; 15] {
        let mut counts = [0usize; 15];
        for hit in self.search(query) {
            let bits = self.traits[hit.doc as usize] as u16;
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
        let mut counts = vec![0usize; self.areas.names.len()];
        for d in (0..self.n).filter(|&d| !self.is_dead(d as u32)) {
            for &a in self.areas.of(d) {
                if let Some(count) = counts.get_mut(a as usize) {
                    *count += 1;
                }
            }
        }
        let mut areas: Vec<(String, usize)> = self
            .areas
            .names
            .iter()
            .zip(counts)
            .map(|(a, n)| (a.to_string(), n))
            .collect();
        areas.sort_by_cached_key(|a| fold(&a.0));
        areas
    }
}

/// Every entry of an index, in index order.
pub struct DocList<'a>(&'a Index);

impl<'a> DocList<'a> {
    pub fn iter(&self) -> impl Iterator<Item = &'a Doc> + 'a {
        let index = self.0;
        (0..index.n as u32)
            .filter(move |&d| !index.is_dead(d))
            .map(move |d| index.doc_at(d))
    }

    pub fn len(&self) -> usize {
        self.0.live
    }

    pub fn is_empty(&self) -> bool {
        self.0.live == 0
    }
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
    fn a_kept_index_reads_its_names_when_warmed_not_before() {
        let records: Vec<Record> = ["Taalcafé Moerwijk", "Jongerenwerk Laak"]
            .iter()
            .enumerate()
            .map(|(i, name)| {
                Record::new(Entry {
                    id: format!("e{i}"),
                    name: (*name).into(),
                    domains: vec![crate::map::domain::LifeDomain::Daytime],
                    ..Entry::default()
                })
            })
            .collect();
        let kept = Index::from_bytes(&Index::build(&records).to_bytes()).expect("reads");
        assert!(kept.names.get().is_none(), "read on first use");
        kept.warm();
        assert_eq!(kept.names.get().map(StrTable::len), Some(2));
    }

    #[test]
    fn a_letter_being_typed_ranks_but_pulls_in_nothing() {
        let entry = |id: &str, name: &str| {
            Record::new(Entry {
                id: id.into(),
                name: name.into(),
                domains: vec![crate::map::domain::LifeDomain::Daytime],
                ..Entry::default()
            })
        };
        let records = [
            entry("a", "Taalcafe Moerwijk"),
            entry("b", "Taalcafe Laak"),
            entry("c", "Muziekles Moerwijk"),
        ];
        let index = Index::build(&records);
        let ids = |q: &str| -> Vec<String> {
            let hits = index.search(&Query::parse(q));
            hits.iter()
                .map(|&h| index.doc(h).entry.id.clone())
                .collect()
        };
        assert_eq!(ids("taalcafe m"), ["a", "b"]);
        // A whole second word pulls in what matches it alone, ranked below.
        let both = ids("taalcafe moerwijk");
        assert_eq!((both[0].as_str(), both.len()), ("a", 3));
    }

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
