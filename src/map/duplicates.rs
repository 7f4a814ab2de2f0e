//! Possible duplicates: entries that look like the same place (same kind, a
//! very similar name, a shared area). They are shown to the worker to merge
//! by hand; nothing merges them silently (two colleagues who each add
//! "Taalcafé" get two entries, which may well be two taalcafés).

use super::entry::Entry;
use super::words::fold;
use std::collections::HashMap;

/// The name as compared: folded, letters and digits only.
fn key(name: &str) -> String {
    fold(name).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// True when two compared names differ by at most one edit in eight characters.
fn similar(a: &[char], b: &[char]) -> bool {
    if a == b {
        return true;
    }
    let allowed = a.len().max(b.len()) / 8;
    if allowed == 0 || a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    // Levenshtein distance, one row at a time; given up as soon as a whole
    // row is past the allowed distance (it never comes down again).
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut least = row[0];
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
            least = least.min(row[j + 1]);
            prev = here;
        }
        if least > allowed {
            return false;
        }
    }
    row[b.len()] <= allowed
}

/// An entry as compared: its name's characters and its folded areas (sorted).
struct Compared<'a> {
    entry: &'a Entry,
    name: Vec<char>,
    /// How often each letter occurs in the name (by its low five bits).
    letters: [u8; 32],
    areas: Vec<String>,
}

impl<'a> Compared<'a> {
    fn new(entry: &'a Entry) -> Self {
        let mut areas: Vec<String> = entry.areas.iter().map(|a| fold(a)).collect();
        areas.sort_unstable();
        areas.dedup();
        let name: Vec<char> = key(&entry.name).chars().collect();
        let mut letters = [0u8; 32];
        for c in &name {
            let slot = &mut letters[(u32::from(*c) & 31) as usize];
            *slot = slot.saturating_add(1);
        }
        Compared {
            entry,
            name,
            letters,
            areas,
        }
    }

    /// A lower bound of the edit distance between the names: the letters
    /// one has more of than the other (a cheap test before the distance).
    fn letters_apart(&self, other: &Compared) -> usize {
        let (mut more, mut fewer) = (0usize, 0usize);
        for (a, b) in self.letters.iter().zip(&other.letters) {
            more += usize::from(a.saturating_sub(*b));
            fewer += usize::from(b.saturating_sub(*a));
        }
        more.max(fewer)
    }

    fn shares_an_area(&self, other: &Compared) -> bool {
        if self.areas.is_empty() || other.areas.is_empty() {
            return self.areas.is_empty() && other.areas.is_empty();
        }
        self.areas
            .iter()
            .any(|x| other.areas.binary_search(x).is_ok())
    }
}

/// Pairs of live entries that may be the same place, each pair once (ids in
/// order), sorted.
pub fn possible_duplicates<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Vec<(&'a Entry, &'a Entry)> {
    // Only names with the same kind and the same first three characters are compared.
    let mut groups: HashMap<(u8, String), Vec<Compared>> = HashMap::new();
    for e in entries.into_iter().filter(|e| !e.deleted) {
        let compared = Compared::new(e);
        let start: String = compared.name.iter().take(3).collect();
        groups
            .entry((e.kind as u8, start))
            .or_default()
            .push(compared);
    }
    let mut pairs = Vec::new();
    for group in groups.values_mut() {
        // By length: a name is compared only with those close enough in length.
        group.sort_by_key(|c| c.name.len());
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                if b.name.len() - a.name.len() > b.name.len() / 8 {
                    break;
                }
                if a.letters_apart(b) <= b.name.len() / 8
                    && a.shares_an_area(b)
                    && similar(&a.name, &b.name)
                {
                    let (a, b) = (a.entry, b.entry);
                    pairs.push(if a.id < b.id { (a, b) } else { (b, a) });
                }
            }
        }
    }
    pairs.sort_by(|x, y| (&x.0.id, &x.1.id).cmp(&(&y.0.id, &y.1.id)));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::domain::Kind;

    fn entry(id: &str, kind: Kind, name: &str, areas: &[&str]) -> Entry {
        Entry {
            id: id.into(),
            kind,
            name: name.into(),
            areas: areas.iter().map(|a| a.to_string()).collect(),
            ..Entry::default()
        }
    }

    #[test]
    fn same_kind_similar_name_shared_area() {
        let all = [
            entry("taalcafe-a", Kind::Initiative, "Taalcafé", &["Laak"]),
            entry(
                "taalcafe-b",
                Kind::Initiative,
                "Taalcafe",
                &["laak", "Moerwijk"],
            ),
            entry("taalcafe-c", Kind::Initiative, "Taalcafé", &["Transvaal"]),
            entry("taalcafe-d", Kind::Service, "Taalcafé", &["Laak"]),
            entry(
                "buurthuis-1",
                Kind::Initiative,
                "Buurthuis De Boog",
                &["Laak"],
            ),
            entry(
                "buurthuis-2",
                Kind::Initiative,
                "Buurthuis de Boogh",
                &["Laak"],
            ),
            entry(
                "buurthuis-3",
                Kind::Initiative,
                "Buurthuis De Vonk",
                &["Laak"],
            ),
        ];
        let pairs: Vec<(&str, &str)> = possible_duplicates(&all)
            .iter()
            .map(|(a, b)| (a.id.as_str(), b.id.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [("buurthuis-1", "buurthuis-2"), ("taalcafe-a", "taalcafe-b")]
        );
    }

    /// The plain distance, for comparison.
    fn distance(a: &[char], b: &[char]) -> usize {
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, ca) in a.iter().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, cb) in b.iter().enumerate() {
                let here = row[j + 1];
                row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(here + 1);
                prev = here;
            }
        }
        row[b.len()]
    }

    proptest::proptest! {
        /// The shortcuts (length order, giving up early) find exactly the
        /// pairs that comparing every two entries in full finds.
        #[test]
        fn the_shortcuts_find_what_comparing_every_pair_finds(
            names in proptest::collection::vec("[ab]{1,3}[abc]{0,14}", 1..40),
            areas in proptest::collection::vec(0u8..3, 40),
        ) {
            let all: Vec<Entry> = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let area = ["Laak", "laak", "Moerwijk"][usize::from(areas[i])];
                    entry(&format!("e{i:02}"), Kind::Initiative, n, &[area])
                })
                .collect();
            let found: Vec<(&str, &str)> = possible_duplicates(&all)
                .iter()
                .map(|(a, b)| (a.id.as_str(), b.id.as_str()))
                .collect();
            let mut expected = Vec::new();
            for (i, a) in all.iter().enumerate() {
                for b in &all[i + 1..] {
                    let (ka, kb): (Vec<char>, Vec<char>) =
                        (key(&a.name).chars().collect(), key(&b.name).chars().collect());
                    let allowed = ka.len().max(kb.len()) / 8;
                    let close = ka == kb || (allowed > 0 && distance(&ka, &kb) <= allowed);
                    let start = |k: &[char]| k.iter().take(3).collect::<String>();
                    if close && start(&ka) == start(&kb) && fold(&a.areas[0]) == fold(&b.areas[0]) {
                        expected.push((a.id.as_str(), b.id.as_str()));
                    }
                }
            }
            expected.sort();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
