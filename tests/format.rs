//! The social-map file format: every problem with its place, and files that
//! read back exactly as they were written.

use chrono::{DateTime, NaiveDate, Utc};
use proptest::prelude::*;
use wijkkaart::map::clock::Clock;
use wijkkaart::map::domain::{Kind, LifeDomain};
use wijkkaart::map::entry::Entry;
use wijkkaart::map::file::{self, MapFile, ProblemKind};
use wijkkaart::map::write::render;

fn problems(text: &str) -> Vec<(usize, usize, ProblemKind)> {
    match file::parse(text) {
        Ok(_) => panic!("expected problems in:\n{text}"),
        Err(p) => p.into_iter().map(|p| (p.line, p.column, p.kind)).collect(),
    }
}

const HEADER: &str = "[map]\nformat = 1\n\n";

#[test]
fn the_fixture_reads() {
    let text = include_str!("fixtures/small.toml");
    let file = file::parse(text).expect("fixture is valid");
    assert_eq!(file.name, "Testwijk");
    assert_eq!(file.entries.len(), 6);
    let first = &file.entries[0];
    assert_eq!(first.clock.get("anna"), 2);
    assert_eq!(
        first.domains,
        [LifeDomain::Finances, LifeDomain::InstrumentalAdl]
    );
    assert_eq!(first.verified, NaiveDate::from_ymd_opt(2025, 9, 29));
}

#[test]
fn every_problem_is_reported_with_line_and_column() {
    let text = format!(
        "{HEADER}[[entry]]\nid = \"a\"\nkind = \"initiative\"\nname = \"A\"\ndomian = [\"finances\"]\n\n\
         [[entry]]\nid = \"b\"\nkind = \"initiative\"\nname = \"\"\ndomains = [\"money\"]\nverified = \"1 okt\"\n"
    );
    let found = problems(&text);
    assert_eq!(
        found,
        vec![
            (4, 1, ProblemKind::MissingKey("domains")),
            (8, 1, ProblemKind::UnknownKey("domian".into())),
            (13, 8, ProblemKind::EmptyName),
            (14, 12, ProblemKind::UnknownDomain("money".into())),
            (15, 12, ProblemKind::BadDate("1 okt".into())),
        ]
    );
}

#[test]
fn duplicate_ids_point_at_the_first_use() {
    let entry =
        "[[entry]]\nid = \"a\"\nkind = \"service\"\nname = \"A\"\ndomains = [\"housing\"]\n";
    let found = problems(&format!("{HEADER}{entry}{entry}"));
    assert_eq!(
        found,
        vec![(
            10,
            6,
            ProblemKind::DuplicateId {
                id: "a".into(),
                first_line: 5
            }
        )]
    );
}

#[test]
fn a_newer_format_is_refused_on_its_own() {
    let found = problems("[map]\nformat = 3\n\n[[entry]]\nnonsense = 1\n");
    assert_eq!(found, vec![(2, 10, ProblemKind::FormatTooNew(3))]);
}

#[test]
fn syntax_errors_have_a_place_too() {
    let found = problems("[map]\nformat = 1\n[[entry]]\nid = \"a\n");
    assert!(
        matches!(found[0], (4, _, ProblemKind::Syntax(_))),
        "{found:?}"
    );
}

#[test]
fn missing_map_and_bad_values() {
    let found = problems(
        "[[entry]]\nid = \"A B\"\nkind = \"shop\"\nname = \"x\"\ndomains = []\nclock = { anna = -1 }\nprivate = \"yes\"\n",
    );
    let kinds: Vec<_> = found.into_iter().map(|(_, _, k)| k).collect();
    assert!(kinds.contains(&ProblemKind::MissingMap));
    assert!(kinds.contains(&ProblemKind::BadId("A B".into())));
    assert!(kinds.contains(&ProblemKind::UnknownKind("shop".into())));
    assert!(kinds.contains(&ProblemKind::BadCounter));
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, ProblemKind::WrongType { key, .. } if key == "private"))
    );
}

#[test]
fn a_tombstone_needs_only_id_and_clock() {
    let text =
        format!("{HEADER}[[entry]]\nid = \"gone\"\ndeleted = true\nclock = {{ anna = 4 }}\n");
    let file = file::parse(&text).expect("tombstone is valid");
    assert!(file.entries[0].deleted);
    assert_eq!(file::parse(&render(&file)).expect("reads back"), file);
}

/// A single-line text: no control characters (format 2 refuses them).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 éë'\"\\\\#=\\[\\]{}-]{1,30}"
    ]
}

/// A description: line breaks allowed.
fn paragraphs() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z0-9 éë'\"\\\\\n#=\\[\\]{}-]{1,30}"
    ]
}

fn entry() -> impl Strategy<Value = Entry> {
    (
        "[a-z0-9-]{1,20}",
        prop::sample::select(Kind::ALL.to_vec()),
        "[A-Za-zé]{1,10}( [A-Za-z]{1,8})?",
        (text(), text(), paragraphs(), text(), text()),
        prop::collection::vec(prop::sample::select(LifeDomain::ALL.to_vec()), 1..4),
        prop::collection::vec("[A-Za-z ]{1,10}", 0..3),
        prop::option::of((2000i32..2030, 1u32..13, 1u32..29)),
        prop::option::of(0i64..2_000_000_000),
        prop::collection::btree_map("[a-z]{1,5}", 1u64..50, 0..3),
        any::<bool>(),
    )
        .prop_map(
            |(
                id,
                kind,
                name,
                (organisation, role, description, hours, cost),
                mut domains,
                areas,
                verified,
                updated,
                clock,
                private,
            )| {
                domains.dedup();
                let mut seen = Vec::new();
                domains.retain(|d| {
                    if seen.contains(d) {
                        false
                    } else {
                        seen.push(*d);
                        true
                    }
                });
                Entry {
                    id,
                    kind,
                    name,
                    organisation,
                    role,
                    description,
                    hours,
                    cost,
                    domains,
                    areas: areas.clone(),
                    tags: areas,
                    verified: verified.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
                    updated: updated.and_then(|s| DateTime::<Utc>::from_timestamp(s, 0)),
                    updated_by: "anna".into(),
                    created: Clock(clock.clone()).dot_of("anna"),
                    clock: Clock(clock),
                    private,
                    ..Entry::default()
                }
            },
        )
}

proptest! {
    #[test]
    fn written_files_read_back_identical(entries in prop::collection::vec(entry(), 0..6)) {
        let mut entries = entries;
        let mut ids = std::collections::HashSet::new();
        entries.retain(|e| ids.insert(e.id.clone()));
        let file = MapFile { name: "t".into(), exported_at: DateTime::from_timestamp(1_800_000_000, 0), exported_by: "anna".into(), entries };
        let text = render(&file);
        let back = file::parse(&text).map_err(|p| TestCaseError::fail(format!("{p:?}\n{text}")))?;
        prop_assert_eq!(back, file);
    }
}
