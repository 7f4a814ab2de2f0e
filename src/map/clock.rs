//! The version vector that decides which edit of an entry wins, and the dot
//! that names one edit.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The largest counter a file may hold (2^53: exact in every JSON reader).
pub const MAX_COUNTER: u64 = 1 << 53;

/// One edit: the replica that made it and that replica's counter after it.
/// Ordered by replica id, then counter: the order conflicts are listed in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Dot {
    pub replica: String,
    pub counter: u64,
}

impl Dot {
    pub fn new(replica: &str, counter: u64) -> Dot {
        Dot {
            replica: replica.to_string(),
            counter,
        }
    }

    /// Reads `replica:counter`, as a file writes it.
    pub fn parse(text: &str) -> Option<Dot> {
        let (replica, counter) = text.rsplit_once(':')?;
        let counter: u64 = counter.parse().ok()?;
        (is_replica_id(replica) && (1..=MAX_COUNTER).contains(&counter))
            .then(|| Dot::new(replica, counter))
    }

    /// The worker part of the replica id (`anna` of `anna.k3m9x2`).
    pub fn worker(&self) -> &str {
        self.replica.split('.').next().unwrap_or_default()
    }
}

impl std::fmt::Display for Dot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.replica, self.counter)
    }
}

/// A replica id as a clock may hold it: a worker id (format 1, and the
/// reserved `builtin`), optionally followed by `.` and 6 chars of `[a-z0-9]`.
pub fn is_replica_id(id: &str) -> bool {
    let (worker, suffix) = match id.split_once('.') {
        Some((w, s)) => (w, Some(s)),
        None => (id, None),
    };
    let worker_ok = (1..=64).contains(&worker.len())
        && worker
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    worker_ok
        && suffix.is_none_or(|s| {
            s.len() == 6
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Edits per replica id. Absent replicas count as zero.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Clock(pub BTreeMap<String, u64>);

/// How two clocks relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    Equal,
    /// Every counter of the left is at least the right one's, and one is greater.
    Dominates,
    /// The right clock dominates the left.
    DominatedBy,
    /// Each has an edit the other lacks.
    Concurrent,
}

impl Clock {
    pub fn get(&self, worker: &str) -> u64 {
        self.0.get(worker).copied().unwrap_or(0)
    }

    pub fn compare(&self, other: &Clock) -> Order {
        let mut greater = false;
        let mut less = false;
        for worker in self.0.keys().chain(other.0.keys()) {
            let (a, b) = (self.get(worker), other.get(worker));
            greater |= a > b;
            less |= a < b;
        }
        match (greater, less) {
            (false, false) => Order::Equal,
            (true, false) => Order::Dominates,
            (false, true) => Order::DominatedBy,
            (true, true) => Order::Concurrent,
        }
    }

    /// True when `self` has seen every edit of `other` and at least one more.
    pub fn dominates(&self, other: &Clock) -> bool {
        self.compare(other) == Order::Dominates
    }

    /// The pointwise maximum: a clock that has seen everything both have seen.
    pub fn join(&self, other: &Clock) -> Clock {
        let mut joined = self.clone();
        for (worker, &n) in &other.0 {
            let slot = joined.0.entry(worker.clone()).or_insert(0);
            *slot = (*slot).max(n);
        }
        joined
    }

    /// Records one more edit by `worker`.
    pub fn bump(&mut self, worker: &str) {
        *self.0.entry(worker.to_string()).or_insert(0) += 1;
    }

    /// True when this clock has seen the edit `dot`.
    pub fn covers(&self, dot: &Dot) -> bool {
        self.get(&dot.replica) >= dot.counter
    }

    /// True when this clock has seen every edit `other` has seen.
    pub fn covers_clock(&self, other: &Clock) -> bool {
        other.0.iter().all(|(r, &n)| self.get(r) >= n)
    }

    /// The dot of this clock's edit by `replica`, if it made any.
    pub fn dot_of(&self, replica: &str) -> Option<Dot> {
        let n = self.get(replica);
        (n > 0).then(|| Dot::new(replica, n))
    }

    pub fn is_empty(&self) -> bool {
        self.0.values().all(|&n| n == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clock(pairs: &[(&str, u64)]) -> Clock {
        Clock(pairs.iter().map(|(w, n)| (w.to_string(), *n)).collect())
    }

    #[test]
    fn compare_covers_all_four_relations() {
        let a = clock(&[("anna", 2)]);
        let b = clock(&[("anna", 1)]);
        let c = clock(&[("anna", 1), ("bram", 1)]);
        assert_eq!(a.compare(&a), Order::Equal);
        assert_eq!(a.compare(&b), Order::Dominates);
        assert_eq!(b.compare(&a), Order::DominatedBy);
        assert_eq!(a.compare(&c), Order::Concurrent);
        assert_eq!(clock(&[("x", 0)]).compare(&Clock::default()), Order::Equal);
    }

    #[test]
    fn join_and_bump_dominate_both_sides() {
        let a = clock(&[("anna", 2)]);
        let c = clock(&[("anna", 1), ("bram", 1)]);
        let mut resolved = a.join(&c);
        resolved.bump("cem");
        assert!(resolved.dominates(&a));
        assert!(resolved.dominates(&c));
    }

    #[test]
    fn dots_read_back_and_refuse_what_a_file_may_not_hold() {
        let d = Dot::parse("anna.k3m9x2:3").expect("valid");
        assert_eq!(d, Dot::new("anna.k3m9x2", 3));
        assert_eq!(d.to_string(), "anna.k3m9x2:3");
        assert_eq!(d.worker(), "anna");
        assert!(Dot::parse("builtin:1").is_some());
        for bad in [
            "anna:0",
            "anna",
            "Anna:1",
            "anna.k3m:1",
            "anna:9007199254740993",
            ":1",
        ] {
            assert_eq!(Dot::parse(bad), None, "{bad}");
        }
        assert!(clock(&[("anna", 2)]).covers(&Dot::new("anna", 2)));
        assert!(!clock(&[("anna", 2)]).covers(&Dot::new("anna", 3)));
    }
}
