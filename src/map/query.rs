//! What a worker types into the search line: plain words, `#domain` and `@area`.

use super::domain::{Kind, LifeDomain};
use super::words::{fold, is_stopword, words};
use crate::lang::Lang;

/// A parsed query plus the filters chosen outside the search line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// Folded words; an entry shows when it matches any, ranked by how many
    /// (little words such as "in" or "de" between them are left out).
    pub words: Vec<String>,
    /// Each set must share a domain with the entry (bits of [`LifeDomain::bit`]).
    pub domain_sets: Vec<u16>,
    /// Each list must have a prefix of one of the entry's areas (folded).
    pub area_sets: Vec<Vec<String>>,
    pub kind: Option<Kind>,
    /// `#words` that name no life domain, for the interface to point out.
    pub unknown_domains: Vec<String>,
}

impl Query {
    /// Parses the search line. `#fin #werk` means either domain; so does `@laak @zuid`.
    pub fn parse(text: &str) -> Query {
        let mut query = Query::default();
        let mut domains = 0u16;
        let mut saw_domain = false;
        let mut areas = Vec::new();
        for token in text.split_whitespace() {
            if let Some(name) = token.strip_prefix('#') {
                let name = fold(name);
                if name.is_empty() {
                    continue;
                }
                saw_domain = true;
                let bits = domains_matching(&name);
                if bits == 0 {
                    query.unknown_domains.push(name);
                }
                domains |= bits;
            } else if let Some(area) = token.strip_prefix('@') {
                let area = fold(area);
                if !area.is_empty() {
                    areas.push(area);
                }
            } else {
                query.words.extend(words(token));
            }
        }
        query.words = without_stopwords(query.words, text.ends_with(char::is_whitespace));
        if saw_domain {
            query.domain_sets.push(domains);
        }
        if !areas.is_empty() {
            query.area_sets.push(areas);
        }
        query
    }

    /// Also requires one of these domains.
    pub fn with_domain(mut self, domain: Option<LifeDomain>) -> Query {
        if let Some(d) = domain {
            self.domain_sets.push(d.bit());
        }
        self
    }

    /// Also requires one of these areas (names as shown; matched by prefix).
    pub fn with_areas<S: AsRef<str>>(mut self, areas: &[S]) -> Query {
        if !areas.is_empty() {
            self.area_sets
                .push(areas.iter().map(|a| fold(a.as_ref())).collect());
        }
        self
    }

    pub fn with_kind(mut self, kind: Option<Kind>) -> Query {
        if kind.is_some() {
            self.kind = kind;
        }
        self
    }
}

/// Leaves out little words ("klusjes in huis"), but keeps the word being
/// typed (`in` may become `inloop`) and a query of little words only.
fn without_stopwords(words: Vec<String>, finished: bool) -> Vec<String> {
    if words.iter().all(|w| is_stopword(w)) {
        return words;
    }
    let last = words.len() - 1;
    words
        .into_iter()
        .enumerate()
        .filter(|(i, w)| (*i == last && !finished) || !is_stopword(w))
        .map(|(_, w)| w)
        .collect()
}

/// Domains whose id, label (Dutch or English), client wording or everyday
/// word, or a word of one of them, starts with `prefix`.
pub fn domains_matching(prefix: &str) -> u16 {
    let prefix = fold(prefix);
    LifeDomain::ALL
        .into_iter()
        .filter(|d| {
            let mut names = vec![d.id().to_string()];
            let labels = [d.label(Lang::Nl), d.label(Lang::En), d.client_label()];
            for label in labels.into_iter().chain(d.common_words().iter().copied()) {
                let label = fold(label);
                names.extend(words(&label));
                names.push(label);
            }
            names.iter().any(|n| n.starts_with(&prefix))
        })
        .fold(0, |acc, d| acc | d.bit())
}

/// True when an area name (folded) or one of its words starts with a prefix.
pub fn area_matches(area_folded: &str, prefix: &str) -> bool {
    area_folded.starts_with(prefix)
        || area_folded
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn understands_domains_areas_and_words() {
        let q = Query::parse("#finan @Laak schuld-hulp");
        assert_eq!(q.words, ["schuld", "hulp"]);
        assert_eq!(q.domain_sets, [LifeDomain::Finances.bit()]);
        assert_eq!(q.area_sets, [vec!["laak".to_string()]]);
        assert!(q.unknown_domains.is_empty());
    }

    #[test]
    fn little_words_are_left_out_unless_being_typed() {
        assert_eq!(Query::parse("klusjes in huis").words, ["klusjes", "huis"]);
        assert_eq!(Query::parse("klusjes in").words, ["klusjes", "in"]);
        assert_eq!(Query::parse("klusjes in ").words, ["klusjes"]);
        assert_eq!(Query::parse("de").words, ["de"]);
    }

    #[test]
    fn domain_by_english_or_dutch_label_or_id() {
        assert_eq!(domains_matching("opvoed"), LifeDomain::Parenting.bit());
        assert_eq!(domains_matching("parent"), LifeDomain::Parenting.bit());
        assert_eq!(
            domains_matching("substance"),
            LifeDomain::SubstanceUse.bit()
        );
        assert_eq!(domains_matching("financien"), LifeDomain::Finances.bit());
        assert_eq!(domains_matching("FINANCIËN"), LifeDomain::Finances.bit());
        let health = LifeDomain::MentalHealth.bit() | LifeDomain::PhysicalHealth.bit();
        assert_eq!(domains_matching("gezondheid"), health);
    }

    #[test]
    fn unknown_domain_is_reported_and_matches_nothing() {
        let q = Query::parse("#xyz");
        assert_eq!(q.unknown_domains, ["xyz"]);
        assert_eq!(q.domain_sets, [0]);
    }

    #[test]
    fn area_prefix_matches_any_word() {
        assert!(area_matches("rotterdam zuid", "zuid"));
        assert!(area_matches("zuidwest", "zuid"));
        assert!(!area_matches("laak", "zuid"));
    }
}
