//! Cleaning up after interrupted writes, before the database is opened.
//!
//! sled 0.34.7 leaves `db/snap.*.generating` when killed (or out of disk)
//! while it writes a snapshot, and then reads that half file as its newest
//! snapshot and refuses to open (DESIGN.md, "Storage"). Our own writes leave
//! at most a temp file or folder, or a restore that stopped between renames.

use super::Notice;
use super::files::sync_dir;
use std::path::Path;

/// The folder a restore builds the new database in, before it takes `db`'s place.
pub const RESTORING: &str = "db.restoring";
/// Where a restore moves the database it replaces, until the new one is in place.
pub const REPLACED: &str = "db.replaced";

/// Removes what interrupted writes left behind and finishes a restore that
/// was cut off after the new database was complete.
pub fn before_open(dir: &Path) -> std::io::Result<Vec<Notice>> {
    let mut notices = Vec::new();
    let db = dir.join("db");
    let restoring = dir.join(RESTORING);
    if restoring.exists() {
        if db.exists() {
            // The restore stopped before the swap: the old database is still whole.
            std::fs::remove_dir_all(&restoring)?;
        } else {
            // It stopped between the two renames: the new database is complete.
            std::fs::rename(&restoring, &db)?;
            sync_dir(dir)?;
        }
        notices.push(Notice::Cleaned(restoring));
    }
    let replaced = dir.join(REPLACED);
    if replaced.exists() && db.exists() {
        std::fs::remove_dir_all(&replaced)?;
        notices.push(Notice::Cleaned(replaced));
    }
    if db.is_dir() {
        for item in std::fs::read_dir(&db)? {
            let path = item?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with("snap.") && name.ends_with(".generating") {
                std::fs::remove_file(&path)?;
                notices.push(Notice::Cleaned(path));
            }
        }
    }
    for folder in [dir.to_path_buf(), super::backup::folder(dir)] {
        if !folder.is_dir() {
            continue;
        }
        for item in std::fs::read_dir(&folder)? {
            let path = item?.path();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // In the data dir only our own temp files: it may hold the worker's files too.
            let ours =
                folder != dir || name.starts_with(".index.bin.") || name.starts_with(".vault.bin.");
            let temp_file =
                ours && name.starts_with('.') && name.ends_with(".tmp") && path.is_file();
            let temp_dir = name.starts_with(".tmp-") && path.is_dir();
            if temp_file {
                std::fs::remove_file(&path)?;
            } else if temp_dir {
                std::fs::remove_dir_all(&path)?;
            } else {
                continue;
            }
            notices.push(Notice::Cleaned(path));
        }
    }
    Ok(notices)
}

/// True when a sled folder holds no data yet: a creation cut off before its
/// first write, which can be started over without losing anything.
pub fn never_held_data(db: &Path) -> bool {
    let data = std::fs::metadata(db.join("db")).map_or(0, |m| m.len());
    let snapshots = std::fs::read_dir(db).is_ok_and(|rd| {
        rd.filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with("snap."))
    });
    data == 0 && !snapshots
}
