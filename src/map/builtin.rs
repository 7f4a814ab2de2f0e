//! The built-in social map, compiled in from `social-map/`.

use super::clock::Dot;
use super::entry::Entry;
use super::file::{self, MapFile, Problem};
use sha2::{Digest, Sha256};

/// The reserved replica id of the built-in map.
pub const REPLICA: &str = "builtin";

include!(concat!(env!("OUT_DIR"), "/builtin_map.rs"));

/// A built-in file that does not parse: its name and its problems.
pub type Broken = (&'static str, Vec<Problem>);

/// Parses every built-in file. A broken built-in file is a bug that the tests catch.
pub fn files() -> Result<Vec<(&'static str, MapFile)>, Broken> {
    FILES
        .iter()
        .map(|(name, text)| {
            file::parse(text)
                .map(|f| (*name, f))
                .map_err(|p| (*name, p))
        })
        .collect()
}

/// Every built-in entry, ready to merge: a version without a clock (a
/// file still in format 1) counts as the built-in map's first edit.
pub fn entries() -> Vec<Entry> {
    let files = files().unwrap_or_default();
    let mut out = Vec::new();
    for (_, f) in files {
        for mut e in f.entries {
            if e.clock.is_empty() {
                e.clock.bump(REPLICA);
                e.created = Some(Dot::new(REPLICA, 1));
                e.written.clear();
            }
            out.push(e);
        }
    }
    out
}

/// A hash of the built-in files, to know when a release brought another map.
pub fn hash() -> [u8; 32] {
    let mut h = Sha256::new();
    for (name, text) in FILES {
        h.update(name.as_bytes());
        h.update([0]);
        h.update(text.as_bytes());
        h.update([0]);
    }
    h.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in files being rewritten in format 2 carry `builtin`
    /// clocks, a source and the map makers' verification: they read, and a
    /// release that raises a counter wins over the entry an older one left.
    #[test]
    fn built_in_files_of_format_2_read_and_a_new_release_wins() {
        let v = |n: u64, phone: &str| {
            format!(
                "[map]\nformat = 2\nname = \"Den Haag\"\n\n[[entry]]\nid = \"leergeld-den-haag\"\nkind = \"initiative\"\nname = \"Stichting Leergeld Den Haag\"\ndomains = [\"finances\"]\nphone = \"{phone}\"\nsource = \"https://www.leergeld.nl/denhaag/\"\nverified = \"2026-11-29\"\nverified_by = \"wijkkaart\"\nclock = {{ builtin = {n} }}\ncreated = \"builtin:{n}\"\n"
            )
        };
        let old = file::parse(&v(1, "070 1")).expect("format 2 built-in file");
        let e = &old.entries[0];
        assert_eq!(e.source, "https://www.leergeld.nl/denhaag/");
        assert_eq!(e.verified_by, "wijkkaart");
        assert_eq!(e.clock.get(REPLICA), 1);
        let new = file::parse(&v(2, "070 2")).expect("next release");
        let merged = crate::map::merge::merge(e, &new.entries[0]);
        assert_eq!(merged.phone, "070 2");
        assert!(!merged.is_conflicted());
    }
    use crate::map::domain::{Kind, LifeDomain};
    use std::collections::HashSet;

    #[test]
    fn built_in_map_is_valid_complete_and_unique() {
        let files = match files() {
            Ok(files) => files,
            Err((name, problems)) => panic!("{name}: {problems:?}"),
        };
        let entries: Vec<_> = files.iter().flat_map(|(_, f)| &f.entries).collect();
        assert!(entries.len() >= 80, "only {} entries", entries.len());
        let ids: HashSet<_> = entries.iter().map(|e| &e.id).collect();
        assert_eq!(ids.len(), entries.len(), "duplicate ids across files");
        for domain in LifeDomain::ALL {
            assert!(
                entries.iter().any(|e| e.domains.contains(&domain)),
                "{domain:?} missing"
            );
        }
        for kind in Kind::ALL {
            assert!(entries.iter().any(|e| e.kind == kind), "{kind:?} missing");
        }
        for area in [
            "Laak",
            "Schilderswijk",
            "Transvaal",
            "Moerwijk",
            "Vreewijk",
            "Feijenoord",
        ] {
            assert!(
                entries.iter().any(|e| e.areas.iter().any(|a| a == area)),
                "{area} missing"
            );
        }
        // Nothing in the built-in map was checked by a worker: only the map's
        // own makers ("wijkkaart") may say it was checked.
        assert!(
            entries
                .iter()
                .all(|e| e.verified.is_none() || e.verified_by == "wijkkaart")
        );
    }
}
