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
fn similar(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let allowed = a.len().max(b.len()) / 8;
    if allowed == 0 || a.len().abs_diff(b.len()) > allowed {
        return false;
    }
    // Levenshtein distance, one row at a time.
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
    row[b.len()] <= allowed
}

fn share_an_area(a: &Entry, b: &Entry) -> bool {
    if a.areas.is_empty() || b.areas.is_empty() {
        return a.areas.is_empty() && b.areas.is_empty();
    }
    a.areas
        .iter()
        .any(|x| b.areas.iter().any(|y| fold(x) == fold(y)))
}

/// Pairs of live entries that may be the same place, each pair once (ids in
/// order), sorted.
pub fn possible_duplicates<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
) -> Vec<(&'a Entry, &'a Entry)> {
    // Only names with the same kind and the same first three characters are compared.
    let mut groups: HashMap<(u8, String), Vec<(&Entry, String)>> = HashMap::new();
    for e in entries.into_iter().filter(|e| !e.deleted) {
        let k = key(&e.name);
        let start: String = k.chars().take(3).collect();
        groups
            .entry((e.kind as u8, start))
            .or_default()
            .push((e, k));
    }
    let mut pairs = Vec::new();
    for group in groups.values() {
        for (i, (a, ka)) in group.iter().enumerate() {
            for (b, kb) in &group[i + 1..] {
                if similar(ka, kb) && share_an_area(a, b) {
                    pairs.push(if a.id < b.id { (*a, *b) } else { (*b, *a) });
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
}
