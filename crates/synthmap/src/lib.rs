//! Invented social maps of any size, for wijkkaart's benchmarks and load tests.
//!
//! Everything here is made up, but shaped like the real thing (see DESIGN.md,
//! Search): on average about 480 characters of searchable text per entry, of
//! which about 150 in the short fields (name, organisation, role, city, tags,
//! areas) and about 22 in the name. Names are built from Dutch parts
//! ("Buurthuis", "Taalcafé", "Schuldhulp") and real neighbourhoods of Den Haag
//! and Rotterdam Zuid; descriptions from a few hundred common words plus
//! compounds of Dutch word parts drawn with a Zipf-like skew, so that the
//! vocabulary grows sublinearly: about 12,000 distinct words at 10,000
//! entries, as on the real maps.
//!
//! The output depends only on `(n, seed)`, and entry `i` only on `(i, seed)`:
//! the first 1,000 entries of a 10,000-entry map are the 1,000-entry map.
//!
//! This crate is a dev-dependency of wijkkaart only: the generator and its
//! word lists (`data/*.txt`) are not part of the program a worker runs.
//!
//! - [`invent`]: one entry from its position and the seed;
//! - [`words`]: the word lists and the sentences and compounds made of them;
//! - [`rng`]: the small deterministic random source both draw from.
#![forbid(unsafe_code)]

mod invent;
mod rng;
mod words;

use chrono::DateTime;
use wijkkaart::map::entry::Entry;
use wijkkaart::map::file::MapFile;

/// `n` invented entries with ids `gen-000000` upwards, the same for the same seed.
pub fn entries(n: usize, seed: u64) -> Vec<Entry> {
    (0..n).map(|i| invent::entry(i, seed)).collect()
}

/// A whole social-map file of `n` invented entries.
pub fn map_file(n: usize, seed: u64) -> MapFile {
    MapFile {
        name: format!("Synthetische kaart ({n} items, seed {seed})"),
        exported_at: DateTime::from_timestamp(invent::BASE_TIME, 0),
        exported_by: "generator".into(),
        entries: entries(n, seed),
    }
}

/// The text of [`map_file`], as `wijkkaart import` reads it.
pub fn toml(n: usize, seed: u64) -> String {
    wijkkaart::map::write::render(&map_file(n, seed))
}

/// One line per entry with every searchable field, for line-based tools
/// such as `fzf --filter` or `grep` to compare with.
pub fn lines(entries: &[Entry]) -> String {
    let mut out = String::with_capacity(entries.len() * 560);
    for e in entries {
        let fields = [
            e.id.as_str(),
            e.kind.id(),
            &e.name,
            &e.organisation,
            &e.role,
            &e.city,
            &e.areas.join(", "),
            &e.tags.join(", "),
            &e.description,
            &e.audience,
            &e.referral,
            &e.cost,
            &e.hours,
        ];
        let mut first = true;
        for f in fields.iter().filter(|f| !f.is_empty()) {
            if !first {
                out.push_str(" | ");
            }
            first = false;
            out.push_str(f);
        }
        out.push('\n');
    }
    out
}

/// Average characters per entry, to check the generator against DESIGN.md.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Shape {
    /// Every searchable field: the short ones, description, audience, referral, cost, hours.
    pub text: f64,
    /// Name, organisation, role, city, tags and areas (list items joined by ", ").
    pub short: f64,
    pub name: f64,
}

/// Measures the average [`Shape`] of some entries (in characters, not bytes).
pub fn shape(entries: &[Entry]) -> Shape {
    if entries.is_empty() {
        return Shape::default();
    }
    let chars = |s: &str| s.chars().count();
    let list = |l: &[String]| chars(&l.join(", "));
    let (mut text, mut short, mut name) = (0usize, 0usize, 0usize);
    for e in entries {
        let s = chars(&e.name)
            + chars(&e.organisation)
            + chars(&e.role)
            + chars(&e.city)
            + list(&e.tags)
            + list(&e.areas);
        let long = chars(&e.description)
            + chars(&e.audience)
            + chars(&e.referral)
            + chars(&e.cost)
            + chars(&e.hours);
        name += chars(&e.name);
        short += s;
        text += s + long;
    }
    let n = entries.len() as f64;
    Shape {
        text: text as f64 / n,
        short: short as f64 / n,
        name: name as f64 / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::{Digest, Sha256};
    use std::collections::HashSet;
    use wijkkaart::map::domain::Kind;
    use wijkkaart::map::file;

    #[test]
    fn generated_files_parse_back_to_the_same_entries() {
        for (n, seed) in [(0, 1), (1, 2), (250, 3), (250, 0xDEAD_BEEF)] {
            let text = toml(n, seed);
            let parsed = match file::parse(&text) {
                Ok(f) => f,
                Err(problems) => panic!(
                    "n={n} seed={seed}: {:?}",
                    &problems[..problems.len().min(5)]
                ),
            };
            assert_eq!(parsed, map_file(n, seed));
        }
    }

    #[test]
    fn deterministic_unique_and_prefix_stable() {
        let a = entries(300, 7);
        assert_eq!(a, entries(300, 7));
        assert_ne!(a, entries(300, 8));
        assert_eq!(&a[..100], &entries(100, 7)[..]);
        let ids: HashSet<_> = a.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), a.len());
        assert_eq!(a[123].id, "gen-000123");
        for e in &a {
            assert!(wijkkaart::map::entry::is_valid_id(&e.id));
            assert!(!e.name.trim().is_empty());
            assert!((1..=3).contains(&e.domains.len()));
            assert!((1..=3).contains(&e.areas.len()));
        }
        for kind in Kind::ALL {
            assert!(a.iter().any(|e| e.kind == kind), "{kind:?} missing");
        }
    }

    #[test]
    fn shaped_like_a_real_map() {
        let s = shape(&entries(2000, 1));
        assert!((420.0..540.0).contains(&s.text), "{s:?}");
        assert!((125.0..175.0).contains(&s.short), "{s:?}");
        assert!((18.0..26.0).contains(&s.name), "{s:?}");
    }

    /// The benchmarks' figures compare across versions only while the same
    /// seed invents the same map. These digests are of the output of the
    /// generator as it was when it still lived in `wijkkaart::map::synthetic`;
    /// a change to the code or the word lists that moves them makes old and
    /// new benchmark figures incomparable, so say so when you update them.
    /// (The two file digests moved with format 2, which writes `format = 2`
    /// and `created`: the entries themselves are the same.)
    #[test]
    fn the_same_seed_invents_the_same_map_as_before() {
        let digest = |text: String| format!("{:x}", Sha256::digest(text.as_bytes()));
        assert_eq!(
            digest(toml(3000, 1)),
            "92fb28deb987329e08241bb41ff95fdc9f9ef945ac829f3581ed2d710cb8e092"
        );
        assert_eq!(
            digest(toml(500, 0xDEAD_BEEF)),
            "7b1104fd1aa094f1faba48901041279f78e8037c366e8bdb998deba7e239d3a3"
        );
        assert_eq!(
            digest(lines(&entries(2000, 3))),
            "69888ab26b882ed3a364c8ca0e72b6319363daa5855a3e91233bf423048bd414"
        );
    }
}
