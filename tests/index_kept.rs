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
    for q in [
        "schuld",
        "taal les",
        "eenzame moerwijk",
        "shculd",
        "#fin @laak",
    ] {
        let query = Query::parse(q);
        assert_eq!(index.find(&query), kept.find(&query), "{q}");
    }
    let mut old = index.to_bytes();
    old[0] = 1;
    assert!(Index::from_bytes(&old).is_none(), "layout 1 is rebuilt");
}
