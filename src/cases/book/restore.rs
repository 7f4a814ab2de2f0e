//! Restoring case data by two workers: the cases of a backup are put back,
//! re-encrypted under this laptop's current keys, and the log is never
//! shortened: the current log stays, and a `Restored` record (with the
//! second worker's `Agreed`) names the backup's last record, so the case
//! checks of `log verify` hold the cases to the state after that record
//! (see `audit`). A case whose erasure is on record never comes back.

use super::*;
use crate::store::restore::{CASES_UNCONFIRMED, CaseValues};
use std::collections::BTreeSet;

/// The backup's cases, read and checked; nothing written yet.
pub struct PreparedRestore {
    cases: Vec<Case>,
    from: u32,
    /// Cases of the backup left out: erased since, or without a key.
    pub left_out: usize,
}

impl PreparedRestore {
    pub fn cases(&self) -> usize {
        self.cases.len()
    }
}

impl<'s> CaseBook<'s> {
    /// Reads and checks the case data of a backup for a restore by `a` and
    /// `b`: its log must be a beginning of this log (same record at its
    /// end) and its keys must open with the current data key (a backup from
    /// before a re-keying, or from another laptop, is refused).
    pub fn prepare_restore(
        &self,
        a: &Session,
        b: &Session,
        values: &CaseValues,
    ) -> Result<PreparedRestore, CaseError> {
        if a.worker.id == b.worker.id {
            return Err(CaseError::NeedsTwo);
        }
        let current = self.log(a)?;
        let from = match values.log.last() {
            None => 0,
            Some((k, v)) => {
                let seq = log_seq(k)?;
                let theirs =
                    stored::open_log(&a.key, seq, v).map_err(|_| CaseError::BackupForeign)?;
                let ours = current
                    .iter()
                    .find(|(s, _)| *s == seq)
                    .and_then(|(_, r)| r.as_ref())
                    .ok_or(CaseError::BackupForeign)?;
                if ours.hash != theirs.hash {
                    return Err(CaseError::BackupForeign);
                }
                seq
            }
        };
        let from = u32::try_from(from).map_err(|_| CaseError::Corrupt)?;
        let erased: BTreeSet<&str> = current
            .iter()
            .filter_map(|(_, r)| r.as_ref())
            .filter(|r| r.event == LogEvent::CaseErased)
            .map(|r| r.case.as_str())
            .collect();
        let mut prepared = PreparedRestore {
            cases: Vec::new(),
            from,
            left_out: 0,
        };
        if values.cases.is_empty() {
            return Ok(prepared);
        }
        let vault = values
            .vault
            .as_deref()
            .ok_or(CaseError::BackupForeign)
            .and_then(|bytes| Vault::from_bytes(bytes).map_err(|_| CaseError::BackupForeign))?;
        for (k, v) in &values.cases {
            let id = String::from_utf8_lossy(k).into_owned();
            if erased.contains(id.as_str()) {
                prepared.left_out += 1;
                continue;
            }
            let Some(key) = vault
                .case_key(&id, &a.key)
                .map_err(|_| CaseError::BackupForeign)?
            else {
                prepared.left_out += 1;
                continue;
            };
            let case =
                stored::open_case(&key, &id, v).map_err(|e| CaseError::case_value(&id, e))?;
            prepared.cases.push(case);
        }
        Ok(prepared)
    }

    /// Puts the prepared cases in place of the current ones, under the
    /// current keys, with the `Restored` and `Agreed` records, in one
    /// transaction; flushed. Returns how many cases were restored.
    pub fn commit_restore(
        &mut self,
        a: &Session,
        b: &Session,
        prepared: PreparedRestore,
        now: DateTime<Utc>,
    ) -> Result<usize, CaseError> {
        if a.worker.id == b.worker.id {
            return Err(CaseError::NeedsTwo);
        }
        let mut blobs = Vec::new();
        let mut digest = Sha256::new();
        // A case of the backup whose key is gone here gets a new one, in the
        // vault that is written with the records.
        let mut vault = self.vault.next();
        let mut new_keys = false;
        for case in &prepared.cases {
            let key = match self.vault.case_key(&case.id, &a.key)? {
                Some(key) => key,
                None => {
                    new_keys = true;
                    vault.new_case_key(&case.id, &a.key)?
                }
            };
            let blob = stored::seal_case(&key, case)?;
            digest.update((case.id.len() as u64).to_be_bytes());
            digest.update(case.id.as_bytes());
            digest.update(Sha256::digest(&blob));
            blobs.push((case.id.clone(), blob));
        }
        let records = self.next_log_records(
            a,
            &[
                (
                    &a.worker.id,
                    "",
                    LogEvent::Restored {
                        from: prepared.from,
                    },
                    digest.finalize().into(),
                ),
                (&b.worker.id, "", LogEvent::Agreed, [0; 32]),
            ],
            now,
        )?;
        let cases = blobs
            .iter()
            .map(|(id, blob)| (id.as_bytes().to_vec(), Some(blob.clone())))
            .collect();
        self.commit(Commit {
            vault: new_keys.then_some(&vault),
            cases,
            only_these_cases: true,
            records: &records,
            ..Commit::default()
        })?;
        Ok(blobs.len())
    }
}

impl<'s> CaseBook<'s> {
    /// The backup an automatic restore put back after the database was
    /// damaged, while two workers have not yet confirmed it: until then no
    /// worker unlocks the case data (`unlock`).
    pub fn restore_unconfirmed(&self) -> Result<Option<String>, CaseError> {
        Ok(self
            .meta
            .get(CASES_UNCONFIRMED)?
            .map(|name| String::from_utf8_lossy(&name).into_owned()))
    }

    /// A session for confirming a restore (the passphrase checked, the
    /// case data not yet usable): only `confirm_restore` takes it.
    pub fn unlock_to_confirm(&self, worker: &str, passphrase: &str) -> Result<Session, CaseError> {
        self.unlock_any(worker, passphrase)
    }

    /// Two workers confirm the case data an automatic restore put back:
    /// its log must be whole and open with the current key (a backup from
    /// before a re-keying, or of another laptop, is refused), and its end
    /// must be the one its seal names. Then `Restored { from }` by `a`,
    /// `from` the last record put back, and `Agreed` by `b` are appended,
    /// sealed with the worker list as it is now, and the case data opens
    /// again. Returns the number of the last record put back.
    pub fn confirm_restore(
        &mut self,
        a: &Session,
        b: &Session,
        now: DateTime<Utc>,
    ) -> Result<u64, CaseError> {
        if a.worker.id == b.worker.id {
            return Err(CaseError::NeedsTwo);
        }
        if self.restore_unconfirmed()?.is_none() {
            return Err(CaseError::NothingChanged);
        }
        let records = self.log(a)?;
        if records.iter().any(|(_, r)| r.is_none()) {
            return Err(CaseError::BackupForeign);
        }
        if let Some(seq) = crate::cases::log::first_broken(&records) {
            return Err(CaseError::Log(LogProblem::Broken(seq)));
        }
        let last = records.last().and_then(|(_, r)| r.clone());
        let sealed_format = records
            .iter()
            .any(|(_, r)| r.as_ref().is_some_and(|r| r.version >= 2));
        // The worker list is this laptop's own (vault.bin was kept): it may
        // differ from the one sealed then, and is sealed anew by the two.
        let seal = self.read_seal(a)?;
        if seal == SealRead::Unreadable {
            return Err(CaseError::BackupForeign);
        }
        match audit::check_end(last.as_ref(), seal, &self.roster(), sealed_format) {
            None | Some(LogProblem::WorkerRecord(_)) => {}
            Some(problem) => return Err(CaseError::Log(problem)),
        }
        // A case whose key is gone here was erased since: it stays out.
        let mut erased = Vec::new();
        for e in self.case_list(a)?.damaged {
            match e {
                CaseError::KeyMissing(id) => erased.push((id.into_bytes(), None)),
                _ => return Err(CaseError::BackupForeign),
            }
        }
        let from = last.as_ref().map_or(0, |r| r.seq);
        let mut digest = Sha256::new();
        for item in self.cases.iter() {
            let (id, blob) = item?;
            if erased.iter().any(|(e, _)| e.as_slice() == id.as_ref()) {
                continue;
            }
            digest.update((id.len() as u64).to_be_bytes());
            digest.update(&id);
            digest.update(Sha256::digest(&blob));
        }
        let items: Vec<Plain> = vec![
            (
                &a.worker.id,
                "",
                LogEvent::Restored {
                    from: u32::try_from(from).map_err(|_| CaseError::Corrupt)?,
                },
                digest.finalize().into(),
            ),
            (&b.worker.id, "", LogEvent::Agreed, [0; 32]),
        ];
        let next = self.records_after(&a.key, last.as_ref(), &items, now, &self.roster())?;
        self.commit_trees(Commit {
            cases: erased,
            records: &next,
            confirms_restore: true,
            ..Commit::default()
        })?;
        Ok(from)
    }
}
