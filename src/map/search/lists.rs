//! The posting lists of a new index: every folded word of every entry,
//! with the fields it is in.

use super::{Doc, FIELD_AREA, FIELD_BITS, FIELD_LONG, FIELD_NAME, FIELD_ORG, FIELD_TAGS};
use crate::map::entry::Entry;
use crate::map::words::for_each_word;

/// FxHash (rustc's hash): fast for short keys that no attacker chooses.
pub(super) type WordLists = rustc_hash::FxHashMap<Box<str>, Vec<u32>>;

/// Appends the folded words of `s` to `text`, each as a range in `words`, as
/// [`for_each_word`] splits them, without an allocation per word.
fn fold_words_into(s: &str, field: u32, text: &mut String, words: &mut Vec<(u32, u32, u32)>) {
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

/// Per word: `doc << FIELD_BITS | fields`, each doc once with every field the
/// word is in, docs in order.
pub(super) fn word_lists(docs: &[Doc], first: usize) -> WordLists {
    let mut lists = ListBuilder::default();
    for (i, doc) in docs.iter().enumerate() {
        lists.add(&doc.entry, (i + first) as u32);
    }
    lists.lists
}

/// Word lists built one entry at a time (the entries in doc order), with
/// the scratch space of the words reused from one entry to the next.
#[derive(Default)]
pub(super) struct ListBuilder {
    pub(super) lists: WordLists,
    text: String,
    words: Vec<(u32, u32, u32)>,
}

impl ListBuilder {
    /// Adds the words of `e`, doc number `i` (after every doc added before).
    pub(super) fn add(&mut self, e: &Entry, i: u32) {
        let (text, words) = (&mut self.text, &mut self.words);
        text.clear();
        words.clear();
        let mut add = |s: &str, field: u32| fold_words_into(s, field, text, words);
        add(&e.name, FIELD_NAME);
        add(&e.organisation, FIELD_ORG);
        add(&e.role, FIELD_ORG);
        add(&e.city, FIELD_AREA);
        for tag in &e.tags {
            add(tag, FIELD_TAGS);
        }
        for area in &e.areas {
            add(area, FIELD_AREA);
        }
        for long in [&e.description, &e.audience, &e.referral, &e.cost, &e.hours] {
            add(long, FIELD_LONG);
        }
        // One posting per word and doc: a word seen before in this doc is
        // the last posting of its list, and gains this field.
        for &(start, end, field) in words.iter() {
            let word = &text[start as usize..end as usize];
            let posting = i << FIELD_BITS | 1 << field;
            match self.lists.get_mut(word) {
                Some(list) => match list.last_mut() {
                    Some(last) if *last >> FIELD_BITS == i => *last |= posting,
                    _ => list.push(posting),
                },
                None => {
                    self.lists.insert(word.into(), vec![posting]);
                }
            }
        }
    }
}
