//! Removing a worker, and with it the data key: a new data key sealed to
//! every remaining worker, a new key for every case, every case and log
//! record encrypted anew, so a copy of the removed worker's old slot opens
//! nothing written after.
//!
//! Crash-safe as every change of vault.bin with the log (`swap.rs`): the
//! new vault is written beside the old one, one transaction re-encrypts the
//! cases, the log and its seal and sets the mark, then the new vault takes
//! the old one's place.

use super::*;

impl<'s> CaseBook<'s> {
    /// Removes worker `id`: by two enrolled workers (`a`, `b`; either may be
    /// the one removed), never the last one. Logged as `WorkerRemoved` and
    /// `Agreed`, under the new key.
    pub fn remove_worker(
        &mut self,
        a: &Session,
        b: &Session,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        if a.worker.id == b.worker.id {
            return Err(CaseError::NeedsTwo);
        }
        if self.vault.slot(id).is_none() {
            return Err(CaseError::NotEnrolled(id.to_string()));
        }
        if self.vault.slots().len() < 2 {
            return Err(CaseError::LastWorker);
        }
        let last = self.checked_last_record(a)?;
        let rekey = self.vault.prepare_rekey(id, &a.key)?;
        // Everything read and encrypted anew before anything is written.
        let mut cases = Vec::new();
        for item in self.cases.iter() {
            let (k, v) = item?;
            let case_id = String::from_utf8_lossy(&k).into_owned();
            let Some((_, old, new)) = rekey.case_keys.iter().find(|(c, _, _)| *c == case_id) else {
                return Err(CaseError::KeyMissing(case_id));
            };
            let case = stored::open_case(old, &case_id, &v)
                .map_err(|e| CaseError::case_value(&case_id, e))?;
            cases.push((k, stored::seal_case(new, &case)?));
        }
        let mut log = Vec::new();
        for item in self.log.iter() {
            let (k, v) = item?;
            let seq = log_seq(&k)?;
            let record =
                stored::open_log(&a.key, seq, &v).map_err(|e| CaseError::log_value(seq, e))?;
            log.push((k, stored::seal_log(&rekey.data_key, &record)?));
        }
        let roster: Vec<(String, [u8; 32])> = self
            .vault
            .slots()
            .iter()
            .filter(|s| s.worker != id)
            .map(|s| (s.worker.clone(), s.digest()))
            .collect();
        let items: Vec<Plain> = vec![
            (a.worker.id.as_str(), id, LogEvent::WorkerRemoved, [0; 32]),
            (b.worker.id.as_str(), id, LogEvent::Agreed, [0; 32]),
        ];
        let mut records =
            self.records_after(&rekey.data_key, last.as_ref(), &items, now, &roster)?;
        // Every stored record changes: the clear anchor is made anew over them.
        let mut anchor = Anchor::EMPTY;
        for (k, v) in &log {
            anchor = anchor.next(log_seq(k)?, v);
        }
        for next in &mut records {
            anchor = anchor.next(next.seq, &next.record);
            next.anchor = anchor.to_bytes();
        }
        let cases = cases
            .into_iter()
            .map(|(k, v)| (k.to_vec(), Some(v)))
            .collect();
        let rewritten = log.into_iter().map(|(k, v)| (k.to_vec(), v)).collect();
        self.commit(Commit {
            vault: Some(&rekey.next),
            cases,
            rewritten,
            records: &records,
            ..Commit::default()
        })
    }
}
