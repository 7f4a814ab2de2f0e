//! Deltas: the rolling backup after a small change holds only the records
//! written since its base (see the module above and `journal`).

use super::{
    BackupInfo, DELTA_FROM, DELTA_SHARE, GONE, MAP, Store, StoreError, io_at, other_files, put,
    read,
};
use crate::map::file::MapFile;
use crate::map::write::render;
use chrono::Utc;
use std::io::Write;
use std::path::Path;

/// What a delta would hold, when one will do: the base is there, whole and
/// full, and not too much changed since it.
pub(super) fn plan(
    store: &Store,
    folder: &Path,
) -> Result<Option<crate::store::journal::SinceBase>, StoreError> {
    let Some(since) = store.since_base()? else {
        return Ok(None);
    };
    let base = read(&folder.join(&since.base));
    let base_good = base.is_some_and(|b| b.base.is_none() && b.damaged_file().is_none());
    let records = store.records.len();
    let worth = records >= DELTA_FROM && since.ids.len() * DELTA_SHARE <= records;
    Ok((worth && base_good).then_some(since))
}

/// Writes a delta against `base` into `parent`: the records of `ids` as
/// they are now (an id without a record goes into `gone`), the trees and
/// the vault whole.
pub(super) fn write(
    store: &Store,
    parent: &Path,
    base: &str,
    ids: &[String],
) -> Result<BackupInfo, StoreError> {
    let io = io_at(parent);
    let taken = Utc::now();
    let mut entries = Vec::new();
    let mut gone = String::new();
    for id in ids {
        match store.records.get(id.as_bytes())? {
            // One that does not decode stays as the base has it, as a full backup leaves it out.
            Some(value) => entries.extend(
                crate::store::decode(id.as_bytes(), &value)
                    .ok()
                    .map(|r| r.into_entry()),
            ),
            None => {
                gone.push_str(id);
                gone.push('\n');
            }
        }
    }
    let map = MapFile {
        name: String::new(),
        exported_at: Some(taken),
        exported_by: String::new(),
        entries,
    };
    let mut packed = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    packed.write_all(render(&map).as_bytes()).map_err(&io)?;
    let mut files = vec![(MAP.to_string(), packed.finish().map_err(&io)?)];
    if !gone.is_empty() {
        files.push((GONE.to_string(), gone.into_bytes()));
    }
    let (others, cases) = other_files(store)?;
    files.extend(others);
    let mut name = taken.format("%Y-%m-%dT%H-%M-%S%.3fZ").to_string();
    while parent.join(&name).exists() {
        name.push('+');
    }
    let info = BackupInfo {
        name,
        taken,
        entries: store.records.len(),
        cases,
    };
    put(parent, &info, &files, Some(base))?;
    Ok(info)
}
