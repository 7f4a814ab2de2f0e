//! The worker list as a two-person decision: enrolling (after a laptop's
//! first worker), changing a name or organisation, removing (with
//! re-keying: `rekey.rs`), and the idle lock. Each is checked first, then
//! written with its log records, the second worker's agreement among them.

use super::*;

/// Who vouches for a change of the worker list: the sessions of enrolled
/// workers who gave their passphrase.
fn distinct(a: &Session, b: &Session) -> Result<(), CaseError> {
    if a.worker.id == b.worker.id {
        return Err(CaseError::NeedsTwo);
    }
    Ok(())
}

impl<'s> CaseBook<'s> {
    /// Every enrolled worker with who vouched for them, in enrolment order.
    pub fn roll(&self) -> Vec<Roll> {
        self.vault
            .slots()
            .iter()
            .map(|s| Roll {
                worker: Enrolled {
                    id: s.worker.clone(),
                    name: s.name.clone(),
                    organisation: s.organisation.clone(),
                },
                vouches: s.vouches.clone(),
            })
            .collect()
    }

    /// For the rule: each group that enrolled or re-organised `worker`.
    pub(super) fn vouch_groups(&self, worker: &str) -> Vec<Vec<String>> {
        self.vault.slot(worker).map_or_else(Vec::new, |s| {
            s.vouches
                .iter()
                .filter(|v| matches!(v.kind, VouchKind::Enrolled | VouchKind::Reorganised))
                .map(|v| v.by.clone())
                .collect()
        })
    }

    /// Enrols a worker with a passphrase. A laptop's first worker enrols
    /// alone (`by` empty); with one worker enrolled, that one vouches with
    /// the newcomer; after that two enrolled workers vouch (`by` holds both
    /// sessions). Logged as `WorkerEnrolled` (and `Agreed` by the second).
    pub fn enrol(
        &mut self,
        worker: &Enrolled,
        passphrase: &str,
        by: &[&Session],
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        if worker.organisation.trim().is_empty() {
            return Err(CaseError::Missing(Missing::Organisation));
        }
        if worker.name.trim().is_empty() {
            return Err(CaseError::Missing(Missing::Name));
        }
        if self.vault.slot(&worker.id).is_some() {
            return Err(CaseError::AlreadyEnrolled(worker.id.clone()));
        }
        let vouchers: Vec<String> = match (self.vault.slots().len(), by) {
            (0, []) => vec![worker.id.clone()],
            (1, [a]) => vec![a.worker.id.clone(), worker.id.clone()],
            (n, [a, b]) if n >= 2 => {
                distinct(a, b)?;
                vec![a.worker.id.clone(), b.worker.id.clone()]
            }
            (0, _) => return Err(CaseError::NoWorkers),
            _ => return Err(CaseError::NeedsTwo),
        };
        if passphrase.chars().count() < 8 {
            return Err(CaseError::Missing(Missing::Passphrase));
        }
        let last = match by.first() {
            Some(s) => self.checked_last_record(s)?,
            None => None,
        };
        let vouch = Vouch {
            kind: VouchKind::Enrolled,
            by: vouchers.clone(),
            at: now.timestamp(),
        };
        let mut vault = self.vault.next();
        let key = vault.enrol(
            &worker.id,
            worker.name.trim(),
            worker.organisation.trim(),
            passphrase,
            by.first().map(|s| &s.key),
            vouch,
        )?;
        let digest = vault.slot(&worker.id).map_or([0; 32], |slot| slot.digest());
        let mut items: Vec<Plain> = vec![(
            vouchers[0].as_str(),
            worker.id.as_str(),
            LogEvent::WorkerEnrolled,
            digest,
        )];
        if let Some(second) = vouchers.get(1) {
            items.push((
                second.as_str(),
                worker.id.as_str(),
                LogEvent::Agreed,
                digest,
            ));
        }
        let roster = roster_of(vault.slots());
        let records = self.records_after(&key, last.as_ref(), &items, now, &roster)?;
        self.commit(Commit {
            vault: Some(&vault),
            records: &records,
            ..Commit::default()
        })
    }

    /// Changes a worker's name and/or organisation: by two enrolled workers,
    /// logged as `WorkerChanged` and `Agreed`.
    pub fn change_worker(
        &mut self,
        a: &Session,
        b: &Session,
        id: &str,
        name: Option<&str>,
        organisation: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        distinct(a, b)?;
        let current = self
            .worker(id)
            .ok_or_else(|| CaseError::NotEnrolled(id.to_string()))?;
        let name = name.map(str::trim).unwrap_or(&current.name).to_string();
        let org = organisation
            .map(str::trim)
            .unwrap_or(&current.organisation)
            .to_string();
        if name.is_empty() {
            return Err(CaseError::Missing(Missing::Name));
        }
        if org.is_empty() {
            return Err(CaseError::Missing(Missing::Organisation));
        }
        if name == current.name && org == current.organisation {
            return Err(CaseError::NothingChanged);
        }
        let last = self.checked_last_record(a)?;
        let kind = if org == current.organisation {
            VouchKind::Renamed
        } else {
            VouchKind::Reorganised
        };
        let vouch = Vouch {
            kind,
            by: vec![a.worker.id.clone(), b.worker.id.clone()],
            at: now.timestamp(),
        };
        let mut vault = self.vault.next();
        vault.change(id, &name, &org, vouch)?;
        let digest = vault.slot(id).map_or([0; 32], |slot| slot.digest());
        let items: Vec<Plain> = vec![
            (a.worker.id.as_str(), id, LogEvent::WorkerChanged, digest),
            (b.worker.id.as_str(), id, LogEvent::Agreed, digest),
        ];
        let roster = roster_of(vault.slots());
        let records = self.records_after(&a.key, last.as_ref(), &items, now, &roster)?;
        self.commit(Commit {
            vault: Some(&vault),
            records: &records,
            ..Commit::default()
        })
    }

    /// Gives a worker's slot of an older kind its key pair (needs their
    /// passphrase), so a later removal can re-key without them.
    pub fn renew_slot(&mut self, worker: &str, passphrase: &str) -> Result<(), CaseError> {
        self.vault.renew(worker, passphrase)?;
        Ok(())
    }

    /// The idle lock of the case screens, in minutes (default 5).
    pub fn lock_minutes(&self) -> u64 {
        self.store
            .setting_u64("lock_minutes")
            .ok()
            .flatten()
            .unwrap_or(5)
    }

    /// Sets the idle lock: by two workers, logged as `LockSet` and `Agreed`.
    pub fn set_lock_minutes(
        &self,
        a: &Session,
        b: &Session,
        minutes: u64,
        now: DateTime<Utc>,
    ) -> Result<(), CaseError> {
        distinct(a, b).map_err(|_| CaseError::PolicyAlone)?;
        let m = u32::try_from(minutes).map_err(|_| CaseError::LimitTooLarge)?;
        let records = self.next_log_records(
            a,
            &[
                (&a.worker.id, "", LogEvent::LockSet { minutes: m }, [0; 32]),
                (&b.worker.id, "", LogEvent::Agreed, [0; 32]),
            ],
            now,
        )?;
        self.commit_trees(Commit {
            records: &records,
            settings: vec![("lock_minutes", minutes)],
            ..Commit::default()
        })
    }
}
