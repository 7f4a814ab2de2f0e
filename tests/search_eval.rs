//! Search quality on the built-in map: the evaluation set in
//! `fixtures/search-eval.toml`, as recall@1, recall@5 and MRR, with a floor.
//!
//! `cargo test --test search_eval -- --nocapture` prints the figures and
//! every query that misses.
//!
//! - recall@5: per query, the share of its `all` entries in the top 5 (for
//!   `any`: 1 when one of them is), averaged over the queries;
//! - recall@1: the share of queries whose first result is a wanted entry;
//! - MRR: the mean of 1 / the rank of the first wanted entry (0 when absent).

use serde::Deserialize;
use wijkkaart::map::builtin;
use wijkkaart::map::domain::Kind;
use wijkkaart::map::merge::Record;
use wijkkaart::map::query::Query;
use wijkkaart::map::search::Index;

#[derive(Deserialize)]
struct Set {
    query: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    q: String,
    #[serde(default)]
    all: Vec<String>,
    #[serde(default)]
    any: Vec<String>,
    #[serde(default)]
    issue: bool,
}

impl Case {
    fn wanted(&self) -> impl Iterator<Item = &String> {
        self.all.iter().chain(&self.any)
    }
}

fn builtin_index() -> Index {
    let records: Vec<Record> = builtin::files()
        .expect("built-in map parses")
        .into_iter()
        .flat_map(|(_, f)| f.entries)
        .map(Record::new)
        .collect();
    Index::build(&records)
}

/// Ids of the results, in order.
fn ranked(index: &Index, q: &str) -> Vec<String> {
    index
        .search(&Query::parse(q))
        .into_iter()
        .map(|h| index.doc(h).entry.id.clone())
        .collect()
}

#[test]
fn search_quality_on_the_built_in_map() {
    let set: Set =
        toml::from_str(include_str!("fixtures/search-eval.toml")).expect("evaluation set parses");
    assert!(set.query.len() >= 60, "only {} queries", set.query.len());
    let index = builtin_index();
    let ids: std::collections::HashSet<&str> =
        index.docs().iter().map(|d| d.entry.id.as_str()).collect();
    let (mut r1, mut r5, mut rr) = (0.0, 0.0, 0.0);
    let mut issue_misses = Vec::new();
    for case in &set.query {
        for id in case.wanted() {
            assert!(ids.contains(id.as_str()), "{}: no entry {id}", case.q);
        }
        let results = ranked(&index, &case.q);
        let top5 = &results[..results.len().min(5)];
        let rank = results
            .iter()
            .position(|id| case.wanted().any(|w| w == id))
            .map(|i| i + 1);
        let recall5 = if case.any.is_empty() {
            let found = case.all.iter().filter(|w| top5.contains(w)).count();
            found as f64 / case.all.len().min(5) as f64
        } else {
            f64::from(u8::from(case.any.iter().any(|w| top5.contains(w))))
        };
        r5 += recall5;
        r1 += f64::from(u8::from(rank == Some(1)));
        rr += rank.map_or(0.0, |r| 1.0 / r as f64);
        let line = format!(
            "{:<45} rank {:<4} recall@5 {recall5:.2}  top: {}",
            case.q,
            rank.map_or("-".to_string(), |r| r.to_string()),
            top5.join(", ")
        );
        if case.issue {
            println!("issue example: {line}");
            if recall5 < 1.0 {
                issue_misses.push(line);
            }
        } else if rank != Some(1) || recall5 < 1.0 {
            println!("miss:          {line}");
        }
    }
    let n = set.query.len() as f64;
    let (r1, r5, mrr) = (r1 / n, r5 / n, rr / n);
    println!(
        "search evaluation: {} queries, recall@1 {r1:.3}, recall@5 {r5:.3}, MRR {mrr:.3}",
        set.query.len()
    );
    assert!(
        issue_misses.is_empty(),
        "issue examples not in the top 5:\n{}",
        issue_misses.join("\n")
    );
    assert!(r5 >= 0.95, "recall@5 {r5:.3} below 0.95");
    assert!(r1 >= 0.8, "recall@1 {r1:.3} below 0.8");
}

/// The advice-and-report point comes first for `huiselijk geweld`, or right
/// after places that are themselves named for domestic violence.
///
/// The rewritten map holds two such places (the Arosa shelter and the
/// Filomena centre) whose names carry the words, as Veilig Thuis's name does
/// ("advies- en meldpunt huiselijk geweld en kindermishandeling"); between
/// equal scores the ranking orders by name. The issue's bar is the top 5;
/// this test holds the stricter line that nothing else (a key figure, a
/// general service) comes before Veilig Thuis.
#[test]
fn domestic_violence_puts_veilig_thuis_first() {
    let index = builtin_index();
    let ranked_ids = ranked(&index, "huiselijk geweld");
    let at = ranked_ids
        .iter()
        .position(|id| id.starts_with("veilig-thuis"))
        .expect("Veilig Thuis is found");
    assert!(
        ranked_ids[..at]
            .iter()
            .all(|id| id.contains("huiselijk-geweld")),
        "only places named for domestic violence may come before Veilig Thuis: {ranked_ids:?}"
    );
    assert!(at < 3, "Veilig Thuis is not in the top 3: {ranked_ids:?}");
}

#[test]
fn a_debt_service_comes_before_key_figures_that_mention_debts() {
    let index = builtin_index();
    let hits = index.search(&Query::parse("schuld"));
    let kinds: Vec<Kind> = hits
        .iter()
        .take(5)
        .map(|&h| index.doc(h).entry.kind)
        .collect();
    assert_ne!(kinds[0], Kind::KeyFigure);
    let key_figures = kinds.iter().filter(|&&k| k == Kind::KeyFigure).count();
    assert!(key_figures <= 1, "{kinds:?}");
}

#[test]
fn a_word_that_matches_nothing_is_named_and_the_rest_still_found() {
    let index = builtin_index();
    let found = index.find(&Query::parse("eenzame xqzwv moerwijk"));
    assert!(!found.hits.is_empty());
    assert_eq!(found.unmatched, ["xqzwv"]);
}
