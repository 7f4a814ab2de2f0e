//! Erasing a case from every backup, deltas included.

use super::{
    BackupInfo, MANIFEST, TREES, Trees, VAULT, decode_trees, encode_trees, folder, io_at, list,
    manifest,
};
use crate::store::StoreError;
use crate::store::files::write_private;
use std::path::Path;

/// Removes a case from every backup in the data dir: its value from the
/// backed-up `cases` tree, and its key from the backed-up vault (by putting
/// the data dir's own vault, from which the key is already gone, in its place;
/// the data key it holds is the same for every backup).
pub(in crate::store) fn erase_case(dir: &Path, case: &str) -> Result<(), StoreError> {
    let vault = std::fs::read(dir.join(VAULT)).ok();
    for b in list(&folder(dir)) {
        let io = io_at(&b.path);
        let Some(trees) = std::fs::read(b.path.join(TREES))
            .ok()
            .and_then(|bytes| decode_trees(&bytes))
        else {
            // A damaged backup cannot be trusted to be free of the case: remove it whole.
            std::fs::remove_dir_all(&b.path).map_err(&io)?;
            continue;
        };
        let trees: Trees = trees
            .into_iter()
            .map(|(name, pairs)| {
                let pairs = if name == b"cases" {
                    pairs
                        .into_iter()
                        .filter(|(k, _)| k != case.as_bytes())
                        .collect()
                } else {
                    pairs
                };
                (name, pairs)
            })
            .collect();
        let mut files: Vec<(String, Vec<u8>)> = Vec::new();
        // The map files (and a delta's `gone`) stay as they are.
        for (name, _) in b.files.iter().filter(|(n, _)| n != TREES && n != VAULT) {
            files.push((name.clone(), std::fs::read(b.path.join(name)).map_err(&io)?));
        }
        let maps = files.len();
        files.push((TREES.to_string(), encode_trees(&trees)));
        if let Some(v) = &vault {
            files.push((VAULT.to_string(), v.clone()));
        }
        let info = BackupInfo {
            cases: trees
                .iter()
                .find(|(n, _)| n == b"cases")
                .map_or(0, |(_, p)| p.len()),
            ..b.info.clone()
        };
        for (name, bytes) in &files[maps..] {
            write_private(&b.path.join(name), bytes).map_err(&io)?;
        }
        write_private(
            &b.path.join(MANIFEST),
            manifest(&info, &files, b.base.as_deref()).as_bytes(),
        )
        .map_err(&io)?;
    }
    Ok(())
}
