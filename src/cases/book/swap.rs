//! The one way the case book writes: case data, log records, their seal
//! and clear anchor, decided settings and, when it changes with them,
//! vault.bin, so that a crash at any point leaves all of it before or all
//! of it after.
//!
//! vault.bin is a file beside the database, so it cannot be in the
//! database's transaction. When it changes, the vault to come is written
//! beside it (`vault.next`, synced) first; one transaction then writes the
//! trees and sets the swap mark; then `vault.next` takes vault.bin's place
//! and the mark goes. On open (`finish_swap`), a mark means the records are
//! in and `vault.next` (if not yet renamed) is put in place; no mark means
//! they never were, and a `vault.next` left over is thrown away. The mark
//! lives in the tree first made for removals (`rekeying`), so a mark left
//! by an older release is found too.

use super::*;
use crate::cases::vault::Next;
use crate::store::restore::CASES_UNCONFIRMED;

/// One change of the case book, written whole or not at all.
#[derive(Default)]
pub(super) struct Commit<'a> {
    /// What vault.bin holds after it, when it changes.
    pub vault: Option<&'a Next>,
    /// Cases written (`Some`) or removed (`None`), by id.
    pub cases: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    /// Every case not named in `cases` is removed (a restore).
    pub only_these_cases: bool,
    /// Stored log records written anew (a re-keying), by key.
    pub rewritten: Vec<(Vec<u8>, Vec<u8>)>,
    /// The new log records, each with the seal and anchor after it.
    pub records: &'a [NextRecord],
    /// Decided settings (`budget_cents`, `lock_minutes`).
    pub settings: Vec<(&'static str, u64)>,
    /// A case whose erasure this is: marked until it has left the backups.
    pub erasing: Option<&'a str>,
    /// Two workers confirm the case data an automatic restore put back.
    pub confirms_restore: bool,
}

impl<'s> CaseBook<'s> {
    /// Finishes a change whose records are in but whose vault.bin is not
    /// yet in place, or forgets a vault.next whose records never were.
    pub(super) fn finish_swap(&mut self) -> Result<(), CaseError> {
        if self.swapping.contains_key(SEAL_KEY)? {
            self.vault.install_next()?;
            self.swapping.remove(SEAL_KEY)?;
            self.swapping.flush()?;
        } else {
            self.vault.discard_next()?;
        }
        Ok(())
    }

    /// Writes a change that may take vault.bin with it; flushed, then
    /// backed up when one is due (after vault.bin is in place, so that a
    /// backup never holds the records without the vault they go with).
    pub(super) fn commit(&mut self, change: Commit) -> Result<(), CaseError> {
        if let Some(next) = change.vault {
            self.vault.write_next(next)?;
        }
        if let Err(e) = self.write_trees(&change) {
            if change.vault.is_some() {
                let _ = self.vault.discard_next();
            }
            return Err(e);
        }
        if change.vault.is_some() {
            self.finish_swap()?;
        }
        self.store.flush()?;
        Ok(())
    }

    /// A change that leaves vault.bin as it is; flushed and backed up.
    pub(super) fn commit_trees(&self, change: Commit) -> Result<(), CaseError> {
        debug_assert!(change.vault.is_none());
        self.write_trees(&change)?;
        self.store.flush()?;
        Ok(())
    }

    /// The transaction itself, synced to disk.
    fn write_trees(&self, c: &Commit) -> Result<(), CaseError> {
        let settings: Vec<(&str, Vec<u8>)> = c
            .settings
            .iter()
            .map(|(name, value)| (*name, Store::setting_value_u64(*value)))
            .collect();
        let gone: Vec<sled::IVec> = if c.only_these_cases {
            self.cases
                .iter()
                .keys()
                .filter(|k| {
                    k.as_ref()
                        .map_or(true, |k| !c.cases.iter().any(|(id, _)| id == k.as_ref()))
                })
                .collect::<Result<_, _>>()?
        } else {
            Vec::new()
        };
        (
            &self.cases,
            &self.log,
            &self.seal,
            &self.erasing,
            &self.swapping,
            &self.meta,
        )
            .transaction(|(cases, log, seal, erasing, mark, meta)| {
                for k in &gone {
                    cases.remove(k.clone())?;
                }
                for (id, value) in &c.cases {
                    match value {
                        Some(v) => cases.insert(id.as_slice(), v.clone())?,
                        None => cases.remove(id.as_slice())?,
                    };
                }
                for (k, v) in &c.rewritten {
                    log.insert(k.as_slice(), v.clone())?;
                }
                for next in c.records {
                    log.insert(&next.seq.to_be_bytes(), next.record.clone())?;
                    seal.insert(SEAL_KEY, next.seal.clone())?;
                    seal.insert(ANCHOR_KEY, next.anchor.clone())?;
                }
                for (name, value) in &settings {
                    meta.insert(name.as_bytes(), value.clone())?;
                }
                if let Some(case) = c.erasing {
                    erasing.insert(case.as_bytes(), &[][..])?;
                }
                if c.vault.is_some() {
                    mark.insert(SEAL_KEY, &[][..])?;
                }
                if c.confirms_restore {
                    meta.remove(CASES_UNCONFIRMED)?;
                }
                Ok(())
            })
            .map_err(transaction_error)?;
        self.log.flush()?;
        Ok(())
    }
}
