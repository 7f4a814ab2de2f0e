//! Compiles the built-in social map (`social-map/*.toml`) into the binary.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("social-map");
    println!("cargo:rerun-if-changed={}", dir.display());
    // No silent fallback: a binary without its built-in map would open empty.
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    assert!(
        !files.is_empty(),
        "no built-in map files in {}",
        dir.display()
    );
    files.sort();
    let mut code = String::from(
        "/// The built-in map files: (file name, contents).\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_map.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
}
