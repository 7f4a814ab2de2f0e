//! Why an entry came up: which of its words the query matched, so that the
//! interface can mark them in the list and the details.

use super::reach::{Reach, kind_bit};
use super::{Doc, Hit, Index};
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

/// What a query matched, worked out once per query so that marking the
/// words of each shown entry (every row of the list, every frame) costs only
/// a look at that entry's own words.
#[derive(Debug, Default)]
pub struct Highlighter {
    /// Folded vocabulary words the query reached.
    words: FxHashSet<Box<str>>,
    domains: u16,
    kinds: u8,
}

impl Index {
    /// The highlighter for a query: which words, domains and kinds it reached
    /// (as typed, by prefix, stem, compound part, synonym or typo).
    pub fn highlighter(&self, query: &Query) -> Highlighter {
        self.highlighter_with(&self.reaches(&query.words))
    }

    pub(super) fn highlighter_with(&self, reaches: &super::Reaches) -> Highlighter {
        let mut reached = Vec::new();
        let mut h = Highlighter::default();
        let mut phrase_words: Vec<String> = Vec::new();
        let mut note = |r: &Reach, reached: &mut Vec<u32>| {
            r.all_words(reached);
            h.domains |= r.domains | r.linked;
            h.kinds |= r.kinds;
            for (term, _) in &r.phrases {
                phrase_words.extend(term.iter().cloned());
            }
        };
        for r in reaches.words.iter().chain(&reaches.pairs) {
            note(r, &mut reached);
        }
        for word in &phrase_words {
            let mut out = Vec::new();
            self.vocab.expand(word, false, &mut out);
            reached.extend(out.into_iter().map(|(v, _)| v));
        }
        h.words = reached.iter().map(|&v| self.vocab.word(v).into()).collect();
        h
    }

    /// The words of the hit's entry that the query matched; for one entry.
    /// To mark many entries for one query, make a [`Index::highlighter`] once.
    pub fn matched_words(&self, query: &Query, hit: Hit) -> Vec<Mark> {
        self.highlighter(query).marks(self.doc(hit))
    }
}

impl Highlighter {
    /// True when the query reached nothing to mark (an empty query).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.domains == 0 && self.kinds == 0
    }

    /// The matched words of one entry, field by field in the order of the
    /// entry, then the domains and the kind the query named.
    pub fn marks(&self, doc: &Doc) -> Vec<Mark> {
        let e = &doc.entry;
        let mut marks = Vec::new();
        if self.is_empty() {
            return marks;
        }
        let mut mark = |field: Field, text: &str| {
            for (range, folded) in word_spans(text) {
                if self.words.contains(folded.as_str()) {
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
            if d.bit() & self.domains != 0 {
                marks.push(Mark {
                    field: Field::Domain(i),
                    range: 0..0,
                });
            }
        }
        if self.kinds & kind_bit(e.kind) != 0 {
            marks.push(Mark {
                field: Field::Kind,
                range: 0..0,
            });
        }
        marks
    }

    /// The ranges of one field's matched words, for drawing that field.
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        word_spans(text)
            .into_iter()
            .filter(|(_, folded)| self.words.contains(folded.as_str()))
            .map(|(range, _)| range)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::domain::{Kind, LifeDomain};
    use crate::map::entry::Entry;
    use crate::map::merge::Record;

    fn index() -> Index {
        let entry = Entry {
            id: "present".into(),
            kind: Kind::Initiative,
            name: "Stichting Présent".into(),
            description: "Vrijwilligers doen klussen in en om het huis.".into(),
            tags: vec!["klus".into(), "opruimen".into()],
            domains: vec![LifeDomain::Housing, LifeDomain::InstrumentalAdl],
            areas: vec!["Laak".into()],
            ..Entry::default()
        };
        let other = Entry {
            id: "taalhuis".into(),
            name: "Taalhuis".into(),
            domains: vec![LifeDomain::WorkEducation],
            ..Entry::default()
        };
        Index::build(&[Record::new(entry), Record::new(other)])
    }

    #[test]
    fn marks_the_words_a_query_reached_in_the_text_as_stored() {
        let index = index();
        let query = Query::parse("klusjes in huis");
        let hit = index.search(&query)[0];
        let doc = index.doc(hit);
        assert_eq!(doc.entry.id, "present");
        let marks = index.matched_words(&query, hit);
        let words: Vec<(Field, &str)> = marks
            .iter()
            .filter(|m| !m.range.is_empty())
            .map(|m| {
                let text = match m.field {
                    Field::Description => &doc.entry.description,
                    Field::Tag(i) => &doc.entry.tags[i],
                    _ => &doc.entry.name,
                };
                (m.field, &text[m.range.clone()])
            })
            .collect();
        // "klusjes" reached "klussen" and "klus" (synonyms), "huis" itself.
        assert!(
            words.contains(&(Field::Description, "klussen")),
            "{words:?}"
        );
        assert!(words.contains(&(Field::Description, "huis")), "{words:?}");
        assert!(words.contains(&(Field::Tag(0), "klus")), "{words:?}");
        // The group of "klusjes" belongs to housing: the domain is marked.
        assert!(marks.iter().any(|m| m.field == Field::Domain(0)));
    }

    #[test]
    fn ranges_point_at_accented_words_as_written() {
        let index = index();
        let h = index.highlighter(&Query::parse("present"));
        let name = "Stichting Présent";
        let ranges = h.ranges(name);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&name[ranges[0].clone()], "Présent");
        assert!(index.highlighter(&Query::parse("")).is_empty());
    }
}
