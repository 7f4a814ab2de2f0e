//! The decision log's chain: the next records with their seal and clear
//! anchor, appending them, and checking the log (with a passphrase, and
//! without one against the anchor).

use super::*;

impl<'s> CaseBook<'s> {
    /// The next log record and the log's seal with it, both encrypted:
    /// after the last record, which must be readable.
    pub(super) fn next_log_record(
        &self,
        s: &Session,
        case: &str,
        intervention: &str,
        event: LogEvent,
        at: DateTime<Utc>,
        content: [u8; 32],
    ) -> Result<NextRecord, CaseError> {
        let last = self.checked_last_record(s)?;
        let (seq, prev) = last.map_or((1, [0; 32]), |r| (r.seq + 1, r.hash));
        self.chained(
            s,
            seq,
            prev,
            &s.worker.id,
            case,
            intervention,
            event,
            at,
            content,
        )
    }

    /// Records of no case, chained after the last record; the seal of the
    /// last one covers them all.
    pub(super) fn next_log_records(
        &self,
        s: &Session,
        items: &[Plain],
        at: DateTime<Utc>,
    ) -> Result<Vec<NextRecord>, CaseError> {
        let last = self.checked_last_record(s)?;
        self.records_after(&s.key, last.as_ref(), items, at, &self.roster())
    }

    /// Records of no case after `last`, encrypted under `key`, each with a
    /// seal that holds `roster`.
    pub(super) fn records_after(
        &self,
        key: &Key,
        last: Option<&LogRecord>,
        items: &[Plain],
        at: DateTime<Utc>,
        roster: &[(String, [u8; 32])],
    ) -> Result<Vec<NextRecord>, CaseError> {
        let (mut seq, mut prev) = last.map_or((1, [0; 32]), |r| (r.seq + 1, r.hash));
        let mut anchor = self.current_anchor()?;
        let mut out = Vec::new();
        for (actor, subject, event, content) in items {
            let record = LogRecord::new(seq, prev, at, actor, "", subject, event.clone(), *content);
            prev = record.hash;
            let stored = stored::seal_log(key, &record)?;
            anchor = anchor.next(seq, &stored);
            out.push(NextRecord {
                seq,
                anchor: anchor.to_bytes(),
                record: stored,
                seal: stored::encrypt_seal(
                    key,
                    &Seal {
                        len: seq,
                        head: prev,
                        workers: Some(roster.to_vec()),
                    },
                )?,
            });
            seq += 1;
        }
        Ok(out)
    }

    /// The last log record, when the log is whole at its end.
    pub(super) fn checked_last_record(&self, s: &Session) -> Result<Option<LogRecord>, CaseError> {
        let last = match self.log.last()? {
            Some((k, v)) => {
                let seq = log_seq(&k)?;
                let record =
                    stored::open_log(&s.key, seq, &v).map_err(|e| CaseError::log_value(seq, e))?;
                Some(record)
            }
            None => None,
        };
        // A new seal over a cut log would hide the cut for good.
        let sealed_format = last.as_ref().is_some_and(|r| r.version >= 2);
        if let Some(problem) = audit::check_end(
            last.as_ref(),
            self.read_seal(s)?,
            &self.roster(),
            sealed_format,
        ) {
            return Err(CaseError::Log(problem));
        }
        Ok(last)
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn chained(
        &self,
        s: &Session,
        seq: u64,
        prev: [u8; 32],
        actor: &str,
        case: &str,
        intervention: &str,
        event: LogEvent,
        at: DateTime<Utc>,
        content: [u8; 32],
    ) -> Result<NextRecord, CaseError> {
        let record = LogRecord::new(seq, prev, at, actor, case, intervention, event, content);
        let seal = Seal {
            len: seq,
            head: record.hash,
            workers: Some(self.roster()),
        };
        let stored = stored::seal_log(&s.key, &record)?;
        Ok(NextRecord {
            seq,
            anchor: self.current_anchor()?.next(seq, &stored).to_bytes(),
            record: stored,
            seal: stored::encrypt_seal(&s.key, &seal)?,
        })
    }

    /// The clear anchor of the log as it is: the stored one when it is of
    /// the log's length, else made anew from the stored records (a log
    /// written before anchors). A truncated log never gets this far: the
    /// seal is checked before every append.
    pub(super) fn current_anchor(&self) -> Result<Anchor, CaseError> {
        let last = match self.log.last()? {
            Some((k, _)) => log_seq(&k)?,
            None => 0,
        };
        if let Some(anchor) = self
            .seal
            .get(ANCHOR_KEY)?
            .and_then(|bytes| Anchor::from_bytes(&bytes))
            && anchor.len == last
        {
            return Ok(anchor);
        }
        let mut anchor = Anchor::EMPTY;
        for item in self.log.iter() {
            let (k, v) = item?;
            anchor = anchor.next(log_seq(&k)?, &v);
        }
        Ok(anchor)
    }

    /// What `log verify` checks without a passphrase: the stored records'
    /// numbering and bytes against the clear anchor. Their headers and
    /// contents stay encrypted; the seal, the worker records and the cases
    /// need a passphrase (`verify_log`).
    pub fn verify_clear(&self) -> Result<Result<ClearWhole, LogProblem>, CaseError> {
        let mut stored = Vec::new();
        let mut anchored_format = false;
        for item in self.log.iter() {
            let (k, v) = item?;
            anchored_format |= stored::log_value_version(&v)
                .is_some_and(|version| version >= stored::LOG_VALUE_VERSION);
            stored.push((log_seq(&k)?, v.to_vec()));
        }
        let anchor = match self.seal.get(ANCHOR_KEY)? {
            None => None,
            Some(bytes) => match Anchor::from_bytes(&bytes) {
                Some(anchor) => Some(anchor),
                // A damaged anchor matches nothing.
                None => return Ok(Err(LogProblem::Rewritten)),
            },
        };
        Ok(audit::check_clear(&stored, anchor, anchored_format))
    }

    pub(super) fn read_seal(&self, s: &Session) -> Result<SealRead, CaseError> {
        Ok(match self.seal.get(SEAL_KEY)? {
            None => SealRead::Absent,
            Some(bytes) => {
                stored::open_seal(&s.key, &bytes).map_or(SealRead::Unreadable, SealRead::Read)
            }
        })
    }

    /// The whole log, in order; `None` for a record that cannot be read.
    pub fn log(&self, s: &Session) -> Result<Vec<(u64, Option<LogRecord>)>, CaseError> {
        let mut out = Vec::new();
        for item in self.log.iter() {
            let (k, v) = item?;
            let seq = log_seq(&k)?;
            out.push((seq, stored::open_log(&s.key, seq, &v).ok()));
        }
        Ok(out)
    }

    /// `None` when the log is whole (chain, seal, and the cases agree with
    /// it), else the first problem. Damaged cases are reported by the case
    /// commands and not counted here.
    pub fn verify_log(&self, s: &Session) -> Result<Option<LogProblem>, CaseError> {
        let records = self.log(s)?;
        let seal = self.read_seal(s)?;
        let list = self.case_list(s)?;
        let unreadable: Vec<String> = list
            .damaged
            .iter()
            .filter_map(|e| match e {
                CaseError::CaseDamaged(id)
                | CaseError::CaseNewer(id)
                | CaseError::KeyMissing(id) => Some(id.clone()),
                _ => None,
            })
            .collect();
        if let Some(problem) =
            audit::check(&records, seal, &self.roster(), &list.cases, &unreadable)
        {
            return Ok(Some(problem));
        }
        // The anchor too: the next append would write it anew over a change.
        Ok(self.verify_clear()?.err())
    }
}
