//! The layers point one way (see ARCHITECTURE.md): a test that fails when a
//! lower layer names a higher one, so that a cycle cannot creep back in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Each layer and the top-level modules it may not name.
const RULES: &[(&str, &[&str])] = &[
    (
        "lang.rs",
        &["map", "cases", "store", "text", "launch", "cli", "tui"],
    ),
    ("map", &["cases", "store", "text", "launch", "cli", "tui"]),
    ("cases", &["text", "launch", "cli", "tui"]),
    ("store", &["text", "launch", "cli", "tui"]),
    ("text", &["launch", "cli", "tui"]),
    ("launch.rs", &["cli", "tui"]),
    ("cli", &["tui"]),
    ("tui", &["cli"]),
];

fn rust_files(path: &Path) -> Vec<PathBuf> {
    if path.is_file() {
        return vec![path.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).expect("source folder is readable") {
        files.extend(rust_files(&entry.expect("folder entry").path()));
    }
    files.retain(|p| p.extension().is_some_and(|x| x == "rs"));
    files
}

/// The top-level modules a source text names as `crate::x` or `crate::{x, y}`.
fn named_modules(source: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in source.match_indices("crate::") {
        let rest = &source[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.insert(first_segment(&item));
                        item.clear();
                    }
                    _ if depth == 0 => item.push(c),
                    _ => {}
                }
            }
            names.insert(first_segment(&item));
        } else {
            names.insert(first_segment(rest));
        }
    }
    names.remove("");
    names
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

#[test]
fn lower_layers_never_name_higher_ones() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut breaches = Vec::new();
    for (layer, forbidden) in RULES {
        for file in rust_files(&src.join(layer)) {
            let source = std::fs::read_to_string(&file).expect("source is readable");
            for name in named_modules(&source) {
                if forbidden.contains(&name.as_str()) {
                    breaches.push(format!("{} names crate::{name}", file.display()));
                }
            }
        }
    }
    assert!(
        breaches.is_empty(),
        "layers run back up:\n{}",
        breaches.join("\n")
    );
}

#[test]
fn the_scanner_sees_grouped_and_nested_paths() {
    let names =
        named_modules("use crate::{text::{self, T}, map::entry};\nlet x = crate::tui::app::App;");
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["map", "text", "tui"]
    );
}
