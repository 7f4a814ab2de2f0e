//! The field's own words: groups of words that mean the same need, read from
//! `synonyms.txt` (plain text a team can extend), each optionally tied to
//! life domains.

use super::domain::LifeDomain;
use super::stem::stem;
use super::words::words;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The synonym list shipped with the program.
const SYNONYMS: &str = include_str!("synonyms.txt");

/// One group: its terms (each one or more folded words) and its domains.
#[derive(Debug, Default)]
pub struct Group {
    pub terms: Vec<Vec<String>>,
    /// Bits of [`LifeDomain::bit`].
    pub domains: u16,
}

/// Every group, and per term (its words stemmed, joined by a space) the
/// groups it is in, so that `eenzame` finds the group of `eenzaam`.
#[derive(Debug, Default)]
pub struct Synonyms {
    pub groups: Vec<Group>,
    by_term: FxHashMap<String, Vec<u32>>,
}

/// A problem in a synonym file: the line and what is wrong.
#[derive(Debug, PartialEq, Eq)]
pub struct BadLine {
    pub line: usize,
    pub message: String,
}

impl Synonyms {
    /// Reads groups; a line with an unknown domain id is an error, so that a
    /// typo in a domain does not silently unlink a group.
    pub fn parse(text: &str) -> Result<Synonyms, BadLine> {
        let mut synonyms = Synonyms::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (domains, terms) = match line.split_once(':') {
                Some((domains, terms)) => (domains, terms),
                None => ("", line),
            };
            let mut group = Group::default();
            for id in domains.split_whitespace() {
                let domain = LifeDomain::from_id(id).ok_or_else(|| BadLine {
                    line: i + 1,
                    message: format!("unknown life domain '{id}'"),
                })?;
                group.domains |= domain.bit();
            }
            group.terms = terms
                .split(',')
                .map(words)
                .filter(|w| !w.is_empty())
                .collect();
            let index = synonyms.groups.len() as u32;
            for term in &group.terms {
                let list = synonyms.by_term.entry(term_key(term)).or_default();
                if !list.contains(&index) {
                    list.push(index);
                }
            }
            synonyms.groups.push(group);
        }
        Ok(synonyms)
    }

    /// The built-in list (parsed once; its test keeps it valid).
    pub fn builtin() -> &'static Synonyms {
        static BUILTIN: OnceLock<Synonyms> = OnceLock::new();
        BUILTIN.get_or_init(|| Synonyms::parse(SYNONYMS).unwrap_or_default())
    }

    /// The groups holding a term given as folded words (by stem).
    pub fn groups_of(&self, term: &[&str]) -> impl Iterator<Item = &Group> {
        let key = term.iter().map(|w| stem(w)).collect::<Vec<_>>().join(" ");
        self.by_term
            .get(&key)
            .into_iter()
            .flatten()
            .map(|&g| &self.groups[g as usize])
    }
}

fn term_key(term: &[String]) -> String {
    term.iter().map(|w| stem(w)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_list_parses_and_covers_every_domain() {
        let s = match Synonyms::parse(SYNONYMS) {
            Ok(s) => s,
            Err(e) => panic!("synonyms.txt:{}: {}", e.line, e.message),
        };
        for d in LifeDomain::ALL {
            assert!(
                s.groups.iter().any(|g| g.domains & d.bit() != 0),
                "no group for {}",
                d.id()
            );
        }
    }

    #[test]
    fn a_word_finds_its_group_through_its_inflections() {
        let s = Synonyms::parse("social-network: eenzaam, alleen\nklus, klusjes").expect("parses");
        let group = s.groups_of(&["eenzame"]).next().expect("found by stem");
        assert_eq!(group.domains, LifeDomain::SocialNetwork.bit());
        assert_eq!(s.groups_of(&["klusjes"]).count(), 1);
        assert_eq!(s.groups_of(&["huis"]).count(), 0);
    }

    #[test]
    fn an_unknown_domain_is_an_error_with_its_line() {
        let e = Synonyms::parse("# c\nfinance: geld").expect_err("unknown id");
        assert_eq!(e.line, 2);
    }
}
