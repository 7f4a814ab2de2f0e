//! The table `wijkkaart search` prints, pinned: for a map big enough that
//! it is printed in pieces, with long, non-ASCII, empty and unsafe fields,
//! it is exactly the table made by hand from the same hits (`--json`), read
//! from the kept index, from the records (no kept index), and from a kept
//! index with changes since (its delta). A small map's table is a snapshot.

#[path = "support/binary.rs"]
mod binary;

use serde_json::Value;
use std::path::Path;
use std::process::Output;
use wijkkaart::map::domain::Kind;
use wijkkaart::map::entry::Entry;
use wijkkaart::text::terminal::safe_output;

fn wk(dir: &Path, args: &[&str]) -> Output {
    let out = binary::run(dir, args, "");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The table as the command's help promises it, made from `--json` hits:
/// id, kind, name, organisation and areas; every cell but the id cut at 40
/// characters; columns as wide as their widest cell (or header), two
/// spaces apart; no spaces at the end of a line; unsafe characters as
/// everything printed shows them.
fn table_by_hand(hits: &Value, en: bool) -> String {
    let header = if en {
        ["id", "kind", "name", "organisation", "areas"]
    } else {
        ["id", "soort", "naam", "organisatie", "wijken"]
    };
    let lang = if en {
        wijkkaart::lang::Lang::En
    } else {
        wijkkaart::lang::Lang::Nl
    };
    let text = |v: &Value| v.as_str().expect("a string").to_string();
    let mut rows: Vec<[String; 5]> = vec![header.map(String::from)];
    for hit in hits.as_array().expect("array") {
        let kind = Kind::from_id(&text(&hit["kind"])).expect("a kind");
        let areas: Vec<String> = hit["areas"]
            .as_array()
            .expect("areas")
            .iter()
            .map(text)
            .collect();
        rows.push([
            text(&hit["id"]),
            kind.label(lang).to_string(),
            text(&hit["name"]),
            text(&hit["organisation"]),
            areas.join(", "),
        ]);
    }
    let cut = |s: &str, w: usize| s.chars().take(w).collect::<String>();
    let widths: Vec<usize> = (0..5)
        .map(|c| {
            let widest = rows[1..].iter().map(|r| {
                let n = r[c].chars().count();
                if c == 0 { n } else { n.min(40) }
            });
            widest.fold(header[c].chars().count(), usize::max)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = (0..5)
            .map(|c| {
                let shown = if c == 0 {
                    row[c].clone()
                } else {
                    cut(&row[c], widths[c])
                };
                let pad = widths[c] - shown.chars().count();
                shown + &" ".repeat(pad)
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    safe_output(&out).into_owned()
}

fn entry(id: &str, name: &str, organisation: &str, areas: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        kind: Kind::Service,
        name: name.into(),
        organisation: organisation.into(),
        areas: areas.iter().map(|a| a.to_string()).collect(),
        domains: vec![wijkkaart::map::domain::LifeDomain::Finances],
        tags: vec!["tafeltest".into()],
        ..Entry::default()
    }
}

/// Odd cells, each found by `tafeltest`.
fn odd_entries() -> Vec<Entry> {
    vec![
        entry(
            "een-id-van-vierenzestig-tekens-wordt-nooit-afgekapt-want-show-ne",
            "Stichting Voor Een Heel Lange Naam Die Langer Is Dan Veertig Tekens",
            "",
            &[],
        ),
        entry(
            "accenten",
            "Café Ölçü — één naam met accenten en lange streepjes die doorgaat",
            "Organisatie met é",
            &["Laak", "Moerwijk", "Schilderswijk", "Transvaal", "Centrum"],
        ),
        entry("leeg", "Zonder organisatie", "", &[]),
        entry(
            "richting",
            "Taal\u{200f}cafe",
            "Gemeente\u{200e}x",
            &["Laak"],
        ),
        entry("spatie-eind", "Naam eindigt op spatie ", "Org ", &["Laak "]),
        entry(
            "precies-veertig",
            &"x".repeat(40),
            &"é".repeat(41),
            &["Laak"],
        ),
    ]
}

fn data_dir(tmp: &Path) -> std::path::PathBuf {
    let mut file = synthmap::map_file(1500, 11);
    file.entries.extend(odd_entries());
    let toml = wijkkaart::map::write::render(&file);
    let path = tmp.join("map.toml");
    std::fs::write(&path, toml).expect("write map");
    let data = tmp.join("d");
    wk(
        &data,
        &["--no-default-map", "import", path.to_str().expect("utf8")],
    );
    data
}

fn check(data: &Path, what: &str) {
    for query in [&[][..], &["tafeltest"], &["schuldhulp"], &["taal", "laak"]] {
        for en in [false, true] {
            let lang = if en { "en" } else { "nl" };
            let mut args = vec!["--lang", lang, "search"];
            args.extend(query);
            let table = String::from_utf8(wk(data, &args).stdout).expect("utf8");
            args.push("--json");
            let hits: Value = serde_json::from_slice(&wk(data, &args).stdout).expect("json");
            let expected = table_by_hand(&hits, en);
            assert!(
                table == expected,
                "{what}, {args:?}: first difference at line {:?}",
                table
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b)
            );
        }
    }
    let all = String::from_utf8(wk(data, &["search"]).stdout).expect("utf8");
    assert!(all.len() > 64 * 1024, "printed in more than one piece");
}

#[test]
fn the_table_is_the_hits_cut_padded_and_made_safe_from_every_kind_of_index() {
    let tmp = tempfile::tempdir().expect("tmp");
    let data = data_dir(tmp.path());
    assert!(data.join("index.bin").exists(), "a kept index to read");
    check(&data, "kept index");

    // Changes since the kept index was written: rows from both.
    wk(&data, &["init", "--id", "anna", "--name", "Anna"]);
    wk(
        &data,
        &[
            "edit",
            "leeg",
            "--set",
            "name=Zonder organisatie, nu met een naam van meer dan veertig tekens",
        ],
    );
    wk(
        &data,
        &[
            "edit",
            "accenten",
            "--set",
            "organisation=Nieuwe Organisatie",
        ],
    );
    check(&data, "kept index and its delta");

    // No kept index: the index is built from the records.
    std::fs::remove_file(data.join("index.bin")).expect("remove the kept index");
    check(&data, "index built in memory");
}

#[test]
fn a_small_map_prints_this_table() {
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("map.toml");
    let mut file = synthmap::map_file(0, 1);
    file.entries.extend(odd_entries());
    std::fs::write(&path, wijkkaart::map::write::render(&file)).expect("write");
    let data = tmp.path().join("d");
    wk(
        &data,
        &["--no-default-map", "import", path.to_str().expect("utf8")],
    );
    let nl = String::from_utf8(wk(&data, &["search", "tafeltest"]).stdout).expect("utf8");
    let en = String::from_utf8(wk(&data, &["--lang", "en", "search", "--limit", "3"]).stdout)
        .expect("utf8");
    insta::assert_snapshot!(format!("{nl}\n{en}"));
}
