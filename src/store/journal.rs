//! Which records changed since the newest full backup, so that the rolling
//! backup after a sync or import holds only those (a delta, see `backup`)
//! instead of the whole map again.
//!
//! Two trees, neither of them backed up (a restored data dir starts without
//! a base, so its next backup is full):
//! - `backup_base`: one value, the tag (8 bytes) and the folder name of the
//!   full backup that deltas are taken against;
//! - `backup_journal`: the ids of records written since, each key the tag
//!   and the id. A new base takes the next tag in one insert, so the ids
//!   noted against an older base never count for the new one, however far
//!   their removal got.
//!
//! Every write of a record notes its id here first (sled keeps the order of
//! writes, so no record change outlives its note).

use super::{Store, StoreError};

pub(super) const BASE_TREE: &[u8] = b"backup_base";
pub(super) const JOURNAL_TREE: &[u8] = b"backup_journal";
const BASE: &[u8] = b"base";

/// What changed since the base: its folder name and the ids written since.
pub(super) struct SinceBase {
    pub base: String,
    pub ids: Vec<String>,
}

impl Store {
    /// The current tag, and the name of the base when there is one (a
    /// forgotten base keeps its tag, so that the next one takes a new tag).
    fn base(&self) -> Result<(u64, Option<String>), StoreError> {
        let Some(value) = self.backup_base.get(BASE)? else {
            return Ok((0, None));
        };
        let Some((tag, name)) = value.split_at_checked(8) else {
            return Ok((0, None));
        };
        let tag = <[u8; 8]>::try_from(tag).map_or(0, u64::from_be_bytes);
        let name = (!name.is_empty()).then(|| String::from_utf8_lossy(name).into_owned());
        Ok((tag, name))
    }

    /// Notes that these records are about to be written. Call before writing them.
    pub(super) fn note_changed<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), StoreError> {
        let (tag, base) = self.base()?;
        if base.is_none() {
            // No base (a new data dir's first sync or import): the next
            // backup is a full one, and a new base drops every note before
            // it. Noting 20,000 ids then only cost time.
            return Ok(());
        }
        let mut batch = sled::Batch::default();
        for id in ids {
            let mut key = tag.to_be_bytes().to_vec();
            key.extend_from_slice(id.as_bytes());
            batch.insert(key, &[][..]);
        }
        self.backup_journal.apply_batch(batch)?;
        Ok(())
    }

    /// The base and what changed since, when there is a base.
    pub(super) fn since_base(&self) -> Result<Option<SinceBase>, StoreError> {
        let (tag, Some(base)) = self.base()? else {
            return Ok(None);
        };
        let ids = self
            .backup_journal
            .scan_prefix(tag.to_be_bytes())
            .keys()
            .map(|k| Ok(String::from_utf8_lossy(&k?[8..]).into_owned()))
            .collect::<Result<_, StoreError>>()?;
        Ok(Some(SinceBase { base, ids }))
    }

    /// A full backup of the records as they are now was written: it becomes
    /// the base, with nothing changed since. The old notes are removed after.
    pub(super) fn new_base(&self, name: &str) -> Result<(), StoreError> {
        let tag = self.base()?.0 + 1;
        let mut value = tag.to_be_bytes().to_vec();
        value.extend_from_slice(name.as_bytes());
        self.backup_base.insert(BASE, value)?;
        // One key at a time: they need not go at once (the new tag already
        // left them behind), and one batch of 100,000 removals held 150 MB.
        for key in self.backup_journal.iter().keys() {
            let key = key?;
            if !key.starts_with(&tag.to_be_bytes()) {
                self.backup_journal.remove(key)?;
            }
        }
        Ok(())
    }

    /// The records may have changed unnoted: the next backup is a full one.
    pub(super) fn forget_base(&self) -> Result<(), StoreError> {
        let (tag, _) = self.base()?;
        self.backup_base.insert(BASE, &tag.to_be_bytes()[..])?;
        Ok(())
    }
}
