//! What one query word reaches (vocabulary words with a quality, synonym
//! phrases, the parts of a compound, life domains, kinds, names by letters in
//! order), and how that becomes a score per entry.

use super::{DOMAIN_WEIGHT, FIELD_BITS, FIELD_NAME, FIELD_WEIGHT, Index, KIND_WEIGHT, SIDE_DOMAIN};
use crate::lang::Lang;
use crate::map::domain::{Kind, LifeDomain};
use crate::map::stem::stem;
use crate::map::synonyms::{Group, Synonyms};
use crate::map::vocab::quality;
use crate::map::words::{is_stopword, words};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::OnceLock;

/// Everything one query word (or a pair of neighbouring words) reaches.
#[derive(Debug, Default)]
pub(super) struct Reach {
    /// Vocabulary words reached by the word's own forms (as typed, prefix,
    /// stem, compound part, typo), with the quality they are reached with.
    pub words: Vec<(u32, f32)>,
    /// Vocabulary words reached through the synonym list.
    pub synonyms: Vec<(u32, f32)>,
    /// Synonyms of more than one word: an entry needs all of them.
    pub phrases: Vec<(Vec<String>, f32)>,
    /// The parts of a compound query word: an entry scores their mean.
    pub parts: Vec<Reach>,
    /// Life domains (bits) the word names: every entry in them matches.
    pub domains: u16,
    pub domain_quality: f32,
    /// Life domains of the word's synonym groups: an entry that matches
    /// otherwise and is in one of them ranks higher, but a synonym does not
    /// pull in a whole domain ("taalcafe" is not every work-education entry).
    pub linked: u16,
    /// Kinds (bit per [`kind_bit`]) the word names.
    pub kinds: u8,
    pub kind_quality: f32,
    /// Entries whose name holds the word's letters in order ("jongwerk").
    pub names: Vec<u32>,
    /// Each further word reached in an entry adds a little to its best (as
    /// term counts do in BM25): an entry that speaks of debts in five words
    /// is more about debts than one that mentions them once. Off for one or
    /// two typed letters, whose prefixes reach half the vocabulary.
    pub accumulate: bool,
}

impl Reach {
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
            && self.synonyms.is_empty()
            && self.phrases.is_empty()
            && self.parts.is_empty()
            && self.domains == 0
            && self.kinds == 0
            && self.names.is_empty()
    }

    fn add_domains(&mut self, bits: u16, q: f32) {
        if bits != 0 {
            self.domains |= bits;
            self.domain_quality = self.domain_quality.max(q);
        }
    }

    /// Every vocabulary word reached, parts included: for showing matches.
    pub fn all_words(&self, out: &mut Vec<u32>) {
        out.extend(self.words.iter().chain(&self.synonyms).map(|&(v, _)| v));
        for part in &self.parts {
            part.all_words(out);
        }
    }
}

pub(super) fn kind_bit(kind: Kind) -> u8 {
    match kind {
        Kind::KeyFigure => 1,
        Kind::Initiative => 2,
        Kind::Service => 4,
    }
}

/// The words of every domain's labels (both languages), client wording and
/// id, with their stems: a query word among them reaches that domain.
fn domain_words() -> &'static [(String, String, u16)] {
    static WORDS: OnceLock<Vec<(String, String, u16)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut out = Vec::new();
        for d in LifeDomain::ALL {
            let texts = [
                d.label(Lang::Nl),
                d.label(Lang::En),
                d.client_label(),
                d.id(),
            ];
            for w in texts.iter().flat_map(|t| words(t)) {
                if w.len() >= 3 && !is_stopword(&w) {
                    out.push((stem(&w), w, d.bit()));
                }
            }
        }
        out
    })
}

/// The words of the kinds' labels and ids, with their stems.
fn kind_words() -> &'static [(String, String, u8)] {
    static WORDS: OnceLock<Vec<(String, String, u8)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut out = Vec::new();
        for k in Kind::ALL {
            let texts = [k.label(Lang::Nl), k.label(Lang::En), k.id()];
            for w in texts.iter().flat_map(|t| words(t)) {
                if w.len() >= 3 {
                    out.push((stem(&w), w, kind_bit(k)));
                }
            }
        }
        out
    })
}

/// How well `word` names a label word: as typed or by stem, or as the start
/// of one once it has four letters ("geld" for "geldzaken").
fn label_quality(word: &str, word_stem: &str, label: &str, label_stem: &str) -> f32 {
    if word == label || word_stem == label_stem {
        quality::EXACT
    } else if word.len() >= 4 && label.starts_with(word) {
        quality::PREFIX
    } else {
        0.0
    }
}

impl Index {
    /// What a query word reaches. `split`: also try it as a compound.
    pub(super) fn reach(&self, word: &str, split: bool) -> Reach {
        let mut r = Reach::default();
        self.vocab.expand(word, true, &mut r.words);
        let synonyms = Synonyms::builtin();
        for group in synonyms.groups_of(&[word]) {
            self.add_group(&mut r, group, &[word]);
        }
        let word_stem = stem(word);
        for (label_stem, label, bits) in domain_words() {
            let q = label_quality(word, &word_stem, label, label_stem);
            r.add_domains(if q > 0.0 { *bits } else { 0 }, q);
        }
        for (label_stem, label, bit) in kind_words() {
            let q = label_quality(word, &word_stem, label, label_stem);
            if q > 0.0 {
                r.kinds |= bit;
                r.kind_quality = r.kind_quality.max(q);
            }
        }
        // A word that starts vocabulary words is being typed, or is one:
        // only a word that is in no entry at all is taken apart.
        if split
            && word.len() >= 6
            && !self.vocab.starts_any(word)
            && let Some(parts) = self.vocab.split(word)
        {
            r.parts = parts.into_iter().map(|p| self.reach(p, false)).collect();
        }
        if r.is_empty() {
            self.vocab.typos(word, &mut r.words);
            r.names = self.abbreviations(word);
        }
        r.accumulate = word.len() >= 3;
        dedup_best(&mut r.words);
        dedup_best(&mut r.synonyms);
        r
    }

    /// What two neighbouring query words reach together: written as one
    /// word ("taal les" → "taalles"), or as a phrase of the synonym list
    /// ("sociaal netwerk", "huiselijk geweld").
    pub(super) fn reach_pair(&self, a: &str, b: &str) -> Reach {
        let mut r = Reach::default();
        let joined = format!("{a}{b}");
        self.vocab.expand(&joined, true, &mut r.words);
        let synonyms = Synonyms::builtin();
        for group in synonyms.groups_of(&[a, b]) {
            self.add_group(&mut r, group, &[a, b]);
        }
        for group in synonyms.groups_of(&[&joined]) {
            self.add_group(&mut r, group, &[&joined]);
        }
        r.accumulate = true;
        dedup_best(&mut r.words);
        dedup_best(&mut r.synonyms);
        r
    }

    /// A synonym group: its other terms, and its domains.
    fn add_group(&self, r: &mut Reach, group: &Group, own: &[&str]) {
        for term in &group.terms {
            if term.iter().map(String::as_str).eq(own.iter().copied()) {
                continue;
            }
            match term.as_slice() {
                [word] => {
                    let start = r.synonyms.len();
                    self.vocab.expand(word, word.len() >= 5, &mut r.synonyms);
                    for reached in &mut r.synonyms[start..] {
                        reached.1 *= quality::SYNONYM;
                    }
                }
                _ => r.phrases.push((term.clone(), quality::SYNONYM)),
            }
        }
        r.linked |= group.domains;
    }

    /// Fills `scores` (all zero on entry) with the best per entry. Each
    /// word counts by its weight in the field, the quality of the match and
    /// its rarity on the map (BM25's idf): "vaders" says more than "kinderen".
    pub(super) fn apply(&self, reach: &Reach, scores: &mut [f32]) {
        let n = scores.len();
        // The word's own forms, weighed together by how rare the word is:
        // a prefix that completes to a word on one entry is no rarer than
        // the prefix itself. `scores` starts at zero, so they go in as they are
        // and are scaled once their count is known.
        self.vocab
            .prefetch(reach.words.iter().chain(&reach.synonyms).map(|&(v, _)| v));
        for &(v, q) in &reach.words {
            for &posting in self.vocab.postings(v) {
                let s = posting_weight(posting) * q;
                let d = (posting >> FIELD_BITS) as usize;
                let before = scores[d];
                if reach.accumulate && before > 0.0 && q >= quality::STEM {
                    scores[d] = before.max(s) + FURTHER_WORD * before.min(s);
                } else if s > before {
                    scores[d] = s;
                }
            }
        }
        let reached = if reach.words.is_empty() {
            0
        } else {
            scores.iter().filter(|&&s| s > 0.0).count()
        };
        let own_idf = if reached > 0 {
            idf(reached, n)
        } else {
            f32::MAX
        };
        if reached > 0 {
            scores.iter_mut().for_each(|s| *s *= own_idf);
        }
        // Synonyms: each by its own rarity, but never above the word's own,
        // so that a rare synonym does not outrank the word as typed.
        for &(v, q) in &reach.synonyms {
            let postings = self.vocab.postings(v);
            let q = q * idf(postings.len(), n).min(own_idf);
            for &posting in postings {
                let s = posting_weight(posting) * q;
                let d = (posting >> FIELD_BITS) as usize;
                if s > scores[d] {
                    scores[d] = s;
                }
            }
        }
        for (term, q) in &reach.phrases {
            let docs = self.phrase(term);
            let q = q * idf(docs.len(), n).min(own_idf);
            for (d, w) in docs {
                let s = w * q;
                if s > scores[d as usize] {
                    scores[d as usize] = s;
                }
            }
        }
        if !reach.parts.is_empty() {
            let mut sum = vec![0f32; n];
            let mut part = vec![0f32; n];
            for p in &reach.parts {
                part.iter_mut().for_each(|s| *s = 0.0);
                self.apply(p, &mut part);
                sum.iter_mut().zip(&part).for_each(|(s, p)| *s += p);
            }
            let factor = quality::SPLIT / reach.parts.len() as f32;
            for (s, total) in scores.iter_mut().zip(&sum) {
                *s = s.max(total * factor);
            }
        }
        let name_typo = FIELD_WEIGHT[FIELD_NAME as usize]
            * quality::TYPO
            * idf(reach.names.len(), n).min(own_idf);
        for &d in &reach.names {
            scores[d as usize] = scores[d as usize].max(name_typo);
        }
        if reach.domains != 0 || reach.kinds != 0 || reach.linked != 0 {
            let (domains, linked) = (u32::from(reach.domains), u32::from(reach.linked));
            let in_domain = |t: u32| t & domains != 0;
            let in_linked = |t: u32| t & linked != 0;
            let of_kind = |t: u32| reach.kinds >> (t >> 24) & 1 == 1;
            let (mut with_domain, mut with_linked, mut with_kind) = (0, 0, 0);
            for &t in &self.traits {
                with_domain += usize::from(in_domain(t));
                with_linked += usize::from(in_linked(t));
                with_kind += usize::from(of_kind(t));
            }
            let domain = DOMAIN_WEIGHT * reach.domain_quality * idf(with_domain, n).min(own_idf);
            let link = DOMAIN_WEIGHT * quality::SYNONYM * idf(with_linked, n).min(own_idf);
            let kind = KIND_WEIGHT * reach.kind_quality * idf(with_kind, n).min(own_idf);
            // 1 when the entry's main domain is among `bits`, else less.
            let main = |bits: u32, t: u32| {
                if bits >> ((t >> 16) & 0xff) & 1 == 1 {
                    1.0
                } else {
                    SIDE_DOMAIN
                }
            };
            for (s, &t) in scores.iter_mut().zip(&self.traits) {
                let mut extra = 0f32;
                if in_domain(t) {
                    extra = domain * main(domains, t);
                }
                if of_kind(t) {
                    extra = extra.max(kind);
                }
                if *s > 0.0 && in_linked(t) {
                    extra = extra.max(link * main(linked, t));
                }
                if extra > 0.0 {
                    *s = s.max(extra) + 0.5 * s.min(extra);
                }
            }
        }
    }

    /// Entries holding every word of a phrase (as typed or by stem), with
    /// the weight of the phrase's weakest word in them.
    fn phrase(&self, term: &[String]) -> Vec<(u32, f32)> {
        let mut found: Option<Vec<(u32, f32)>> = None;
        for word in term {
            let mut reached = Vec::new();
            self.vocab.expand(word, false, &mut reached);
            let mut docs: Vec<(u32, f32)> = reached
                .iter()
                .flat_map(|&(v, _)| self.vocab.postings(v))
                .map(|&p| (p >> FIELD_BITS, posting_weight(p)))
                .collect();
            docs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
            docs.dedup_by_key(|d| d.0);
            found = Some(match found {
                None => docs,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(d, w)| {
                        let i = docs.binary_search_by_key(&d, |x| x.0).ok()?;
                        Some((d, w.min(docs[i].1)))
                    })
                    .collect(),
            });
        }
        found.unwrap_or_default()
    }

    /// Entries whose name holds `word`'s letters in order as the start and
    /// end of one name word ("jongwerk" for "Jongerenwerk"), not scattered.
    fn abbreviations(&self, word: &str) -> Vec<u32> {
        let mut out = Vec::new();
        if word.chars().count() < 3 {
            return out;
        }
        let matcher = SkimMatcherV2::default();
        let names = self.names();
        let (text, ends) = (names.text(), names.ends());
        let mut start = 0;
        for (d, &end) in ends.iter().enumerate() {
            let name = &text[start..end as usize];
            start = end as usize;
            if !super::has_in_order(name, word) {
                continue;
            }
            if let Some((_, indices)) = matcher.fuzzy_indices(name, word)
                && super::is_word_abbreviation(name, &indices)
            {
                out.push(d as u32);
            }
        }
        out
    }
}

/// BM25's inverse document frequency of something found in `df` of `n`
/// entries, floored so that a word on nearly every entry (an area, say)
/// still counts towards covering the query.
fn idf(df: usize, n: usize) -> f32 {
    let (df, n) = (df as f32, n as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln().max(0.2)
}

/// What each further word reached in an entry adds, as a share of its score.
const FURTHER_WORD: f32 = 0.15;

/// Keeps each vocabulary word once, with its best quality.
fn dedup_best(words: &mut Vec<(u32, f32)>) {
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    words.dedup_by_key(|w| w.0);
}

/// The weight of a posting: its best field, and a little for each other
/// field that holds the word too (a word in the tags and the description
/// says more than one in the tags alone).
fn posting_weight(posting: u32) -> f32 {
    WEIGHT_OF_FIELDS[(posting & ((1 << FIELD_BITS) - 1)) as usize]
}

/// [`posting_weight`] for every set of fields, worked out once: the loop over
/// postings is the hottest of a keystroke.
const WEIGHT_OF_FIELDS: [f32; 1 << FIELD_BITS] = {
    let mut table = [0f32; 1 << FIELD_BITS];
    let mut fields = 1;
    while fields < table.len() {
        let best = 31 - (fields as u32).leading_zeros();
        table[fields] = FIELD_WEIGHT[best as usize] + 0.5 * (fields.count_ones() - 1) as f32;
        fields += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::search::{FIELD_LONG, FIELD_TAGS};

    #[test]
    fn a_word_weighs_by_its_best_field_and_a_little_for_the_others() {
        assert_eq!(posting_weight(7 << FIELD_BITS | 1 << FIELD_NAME), 10.0);
        assert_eq!(posting_weight(1 << FIELD_TAGS | 1 << FIELD_LONG), 7.5);
        assert!(idf(1, 100) > idf(50, 100));
        assert_eq!(idf(100, 100), 0.2, "floored");
    }
}
