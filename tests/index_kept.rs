//! The search index kept in the data dir reads back and answers as the one
//! built from the records, and an index of an older layout is rebuilt.

use wijkkaart::map::merge::Record;
use wijkkaart::map::query::Query;
use wijkkaart::map::search::Index;

#[test]
fn a_kept_index_reads_back_and_answers_the_same() {
    let records: Vec<Record> = synthmap::entries(300, 7)
        .into_iter()
        .map(Record::new)
        .collect();
    let index = Index::build(&records);
    let kept = Index::from_bytes(&index.to_bytes()).expect("reads back");
    // Warmed as the interface does before its first key: every list read at once.
    let warmed = Index::from_bytes(&index.to_bytes()).expect("reads back");
    warmed.warm();
    // One and two letters reach thousands of neighbouring words, read in runs.
    for q in [
        "s",
        "ta",
        "e b",
        "schuld",
        "taal les",
        "eenzame moerwijk",
        "shculd",
        "#fin @laak",
    ] {
        let query = Query::parse(q);
        assert_eq!(index.find(&query), kept.find(&query), "{q}");
        assert_eq!(index.find(&query), warmed.find(&query), "{q} warmed");
    }
    let mut old = index.to_bytes();
    old[0] = 1;
    assert!(Index::from_bytes(&old).is_none(), "layout 1 is rebuilt");
}

/// The ids of what a query finds, best first.
fn ids(index: &Index, q: &str) -> Vec<String> {
    index
        .search(&Query::parse(q))
        .iter()
        .map(|&h| index.doc(h).entry.id.clone())
        .collect()
}

#[test]
fn an_updated_index_answers_as_one_built_anew() {
    let mut entries = synthmap::entries(400, 11);
    let records: Vec<Record> = entries.iter().cloned().map(Record::new).collect();
    let built = Index::build(&records);
    let kept = Index::from_bytes(&built.to_bytes()).expect("reads back");
    // Edit three (one with a word no entry had), delete two, add two.
    let mut changes = Vec::new();
    for i in [3, 150, 399] {
        entries[i].name = format!("Zwembadbegeleiding {}", entries[i].name);
        entries[i].tags.push("kwispelhond".into());
        changes.push((entries[i].id.clone(), Some(doc(&entries[i]))));
    }
    for i in [7, 200] {
        changes.push((entries[i].id.clone(), None));
    }
    let gone: Vec<String> = [7, 200].iter().map(|&i| entries[i].id.clone()).collect();
    entries.retain(|e| !gone.contains(&e.id));
    for (k, name) in ["Aardappelclub Laak", "Zwembad Moerwijk"]
        .iter()
        .enumerate()
    {
        let mut e = entries[k].clone();
        e.id = format!("nieuw-{k}");
        e.name = (*name).into();
        changes.push((e.id.clone(), Some(doc(&e))));
        entries.push(e);
    }
    let fresh_records: Vec<Record> = entries.iter().cloned().map(Record::new).collect();
    let anew = Index::build(&fresh_records);
    for mut index in [Index::build(&records), kept] {
        index.update(changes.clone());
        assert_eq!(index.len(), anew.len());
        for q in [
            "",
            "kwispelhond",
            "kwispel",
            "zwembad",
            "zwembadbegeleiding",
            "aardappel",
            "schuld",
            "taal les",
            "eenzame moerwijk",
            "#fin @laak",
        ] {
            let (mut got, mut want) = (ids(&index, q), ids(&anew, q));
            assert_eq!(got.first(), want.first(), "best of {q:?}");
            got.sort();
            want.sort();
            assert_eq!(got, want, "{q:?}");
        }
        for id in &gone {
            assert!(
                index.docs().iter().all(|d| &d.entry.id != id),
                "{id} deleted"
            );
        }
        // Kept again, it reads back whole.
        let again = Index::from_bytes(&index.to_bytes()).expect("reads back");
        assert_eq!(ids(&again, "kwispelhond").len(), 3);
        assert_eq!(again.len(), anew.len());
    }
}

fn doc(e: &wijkkaart::map::entry::Entry) -> wijkkaart::map::search::Doc {
    wijkkaart::map::search::Doc {
        entry: e.clone(),
        conflicted: false,
    }
}
