//! Cases, notes, scores and interventions as the worker keeps them. Stored
//! only encrypted (see `book`).

use super::rule::{self, Event, Rules, Status};
use crate::map::domain::LifeDomain;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A case: a pseudonymous label, never a full name or a BSN.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    pub label: String,
    pub area: String,
    pub created: DateTime<Utc>,
    pub created_by: String,
    pub notes: Vec<Note>,
    pub scores: Vec<Score>,
    pub interventions: Vec<Intervention>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub at: DateTime<Utc>,
    pub author: String,
    pub text: String,
    pub domains: Vec<LifeDomain>,
    /// Social-map entry ids the client was referred to.
    pub refers: Vec<String>,
}

/// A self-sufficiency score (Zelfredzaamheid-Matrix, 1 acute … 5 fully self-sufficient).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub at: DateTime<Utc>,
    pub by: String,
    pub domain: LifeDomain,
    pub score: u8,
}

/// A tailored intervention and its full history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intervention {
    pub id: String,
    pub title: String,
    pub description: String,
    pub domains: Vec<LifeDomain>,
    pub cost_cents: u64,
    pub proposer: String,
    pub steps: Vec<Step>,
}

/// One event with its time and words: the reason, what changed, the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub at: DateTime<Utc>,
    pub event: Event,
    pub text: String,
    /// For "carried out": the date and the actual cost.
    pub date: Option<NaiveDate>,
    pub actual_cents: Option<u64>,
}

impl Intervention {
    pub fn events(&self) -> Vec<Event> {
        self.steps.iter().map(|s| s.event.clone()).collect()
    }

    pub fn status(&self, rules: &Rules) -> Status {
        rule::status(&self.events(), rules)
    }

    /// When the current verdict made it approved, if it is.
    pub fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.steps
            .iter()
            .rev()
            .find(|s| matches!(s.event, Event::Verdict { approve: true, .. }))
            .map(|s| s.at)
    }

    /// The actual cost once carried out.
    pub fn spent_cents(&self) -> Option<(NaiveDate, u64)> {
        self.steps
            .iter()
            .find(|s| matches!(s.event, Event::CarriedOut { .. }))
            .and_then(|s| Some((s.date?, s.actual_cents?)))
    }
}

impl Case {
    /// The latest score per domain, with the one before it (for the trend).
    pub fn picture(&self) -> [(Option<u8>, Option<u8>); 15] {
        let mut out = [(None, None); 15];
        for score in &self.scores {
            let slot = &mut out[score.domain.index()];
            *slot = (Some(score.score), slot.0);
        }
        out
    }

    /// Notes and referrals that touch a domain.
    pub fn touches(&self, domain: LifeDomain) -> usize {
        self.notes
            .iter()
            .filter(|n| n.domains.contains(&domain))
            .count()
    }
}

/// Euros as typed ("450", "450,50", "€ 1.200,00", "12.5") into cents.
pub fn parse_euros(text: &str) -> Option<u64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    let (whole, cents) = match (t.rfind(','), t.rfind('.')) {
        (Some(c), _) => (t[..c].replace('.', ""), &t[c + 1..]),
        (None, Some(d)) if t.len() - d - 1 <= 2 => (t[..d].to_string(), &t[d + 1..]),
        _ => (t.replace('.', ""), ""),
    };
    if whole.is_empty() && cents.is_empty() || cents.len() > 2 {
        return None;
    }
    let whole: u64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let cents: u64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<u64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    whole.checked_mul(100)?.checked_add(cents)
}

/// Cents as "€ 1.234,50".
pub fn euros(cents: u64) -> String {
    let whole = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("€ {grouped},{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euros_both_ways() {
        assert_eq!(parse_euros("450"), Some(45_000));
        assert_eq!(parse_euros("450,50"), Some(45_050));
        assert_eq!(parse_euros("€ 1.200,00"), Some(120_000));
        assert_eq!(parse_euros("12.5"), Some(1_250));
        assert_eq!(parse_euros("1.200"), Some(120_000));
        assert_eq!(parse_euros("abc"), None);
        assert_eq!(parse_euros(""), None);
        assert_eq!(euros(123_450), "€ 1.234,50");
        assert_eq!(euros(5), "€ 0,05");
    }
}
