//! Why an entry came up: which of its words the query matched, so that the
//! interface can mark them in the list and the details.

use super::{Hit, Index};
use crate::map::query::Query;
use crate::map::words::word_spans;
use rustc_hash::FxHashSet;
use std::ops::Range;

/// A field of an entry, as [`Mark`] points into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Organisation,
    Role,
    City,
    /// The tag at this position in `tags`.
    Tag(usize),
    /// The area at this position in `areas`.
    Area(usize),
    Description,
    Audience,
    Referral,
    Cost,
    Hours,
    /// The life domain at this position in `domains`: the query named it (or
    /// a synonym of it); the whole label is meant, so the range is empty.
    Domain(usize),
    /// The query named the entry's kind; the range is empty.
    Kind,
}

/// One matched word: its field and its byte range in that field's text as
/// stored in the entry (not folded), ready to be styled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub field: Field,
    pub range: Range<usize>,
}

impl Index {
    /// The words of the hit's entry that the query matched (as typed, by
    /// prefix, stem, compound part, synonym or typo), field by field in the
    /// order of the entry, plus the domains and kind it named.
    pub fn matched_words(&self, query: &Query, hit: Hit) -> Vec<Mark> {
        let Some(doc) = self.docs.get(hit.doc as usize) else {
            return Vec::new();
        };
        let mut reached = Vec::new();
        let mut domains = 0u16;
        let mut kinds = 0u8;
        let mut phrase_words: Vec<String> = Vec::new();
        let mut note = |r: &super::Reach, reached: &mut Vec<u32>| {
            r.all_words(reached);
            domains |= r.domains;
            kinds |= r.kinds;
            for (term, _) in &r.phrases {
                phrase_words.extend(term.iter().cloned());
            }
        };
        for (i, word) in query.words.iter().enumerate() {
            note(&self.reach(word, true), &mut reached);
            if let Some(next) = query.words.get(i + 1) {
                note(&self.reach_pair(word, next), &mut reached);
            }
        }
        for word in &phrase_words {
            let mut out = Vec::new();
            self.vocab.expand(word, false, &mut out);
            reached.extend(out.into_iter().map(|(v, _)| v));
        }
        let words: FxHashSet<&str> = reached.iter().map(|&v| self.vocab.word(v)).collect();
        let e = &doc.entry;
        let mut marks = Vec::new();
        let mut mark = |field: Field, text: &str| {
            for (range, folded) in word_spans(text) {
                if words.contains(folded.as_str()) {
                    marks.push(Mark { field, range });
                }
            }
        };
        mark(Field::Name, &e.name);
        mark(Field::Organisation, &e.organisation);
        mark(Field::Role, &e.role);
        mark(Field::City, &e.city);
        for (i, tag) in e.tags.iter().enumerate() {
            mark(Field::Tag(i), tag);
        }
        for (i, area) in e.areas.iter().enumerate() {
            mark(Field::Area(i), area);
        }
        mark(Field::Description, &e.description);
        mark(Field::Audience, &e.audience);
        mark(Field::Referral, &e.referral);
        mark(Field::Cost, &e.cost);
        mark(Field::Hours, &e.hours);
        for (i, d) in e.domains.iter().enumerate() {
            if d.bit() & domains != 0 {
                marks.push(Mark {
                    field: Field::Domain(i),
                    range: 0..0,
                });
            }
        }
        if kinds >> (self.traits[hit.doc as usize] >> 24) & 1 == 1 {
            marks.push(Mark {
                field: Field::Kind,
                range: 0..0,
            });
        }
        marks
    }
}
