//! The version vector that decides which edit of an entry wins.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Edits per worker id. Absent workers count as zero.
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
}
