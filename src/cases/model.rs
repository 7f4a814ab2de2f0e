//! Cases, notes, scores and interventions as the worker keeps them. Stored
//! only encrypted (see `book`).

use super::rule::{self, Event, Rules, Status};
use crate::map::domain::LifeDomain;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

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

// Plaintext hygiene: the words of a case are wiped from memory when the
// value that holds them is dropped (on lock the unlocked cases are dropped
// whole). A String that grew may have left an older buffer behind; the
// values read from disk are decoded once, at their final size.
impl Drop for Case {
    fn drop(&mut self) {
        self.label.zeroize();
        self.area.zeroize();
    }
}

impl Drop for Note {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

impl Drop for Intervention {
    fn drop(&mut self) {
        self.title.zeroize();
        self.description.zeroize();
    }
}

impl Drop for Step {
    fn drop(&mut self) {
        self.text.zeroize();
    }
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
    /// The latest score per domain, with the score of an earlier day for the
    /// trend. A second score on the same day corrects the first (a mis-keyed
    /// digit), so it never shows as a rise or a fall.
    pub fn picture(&self) -> [(Option<u8>, Option<u8>); 15] {
        let mut out = [(None, None); 15];
        let mut day = [None; 15];
        for score in &self.scores {
            let i = score.domain.index();
            let today = score.at.date_naive();
            let (now, before) = out[i];
            out[i] = if day[i] == Some(today) {
                (Some(score.score), before)
            } else {
                (Some(score.score), now)
            };
            day[i] = Some(today);
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

/// Why a typed amount is refused: each has its own line in `text::bad_euros`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadAmount {
    Empty,
    /// A `+` or `-`: an amount is never negative, and never "plus".
    Sign,
    /// `1.250`, `0.500`, `1.250,00`: a thousands separator, which a reader
    /// could take for cents.
    ThousandsSeparator,
    /// Not one or two digits after the `,` or `.`.
    Decimals,
    /// `0012`: a leading zero hides how large the amount is.
    LeadingZero,
    /// More than nine digits of whole euros.
    TooLarge,
    /// Anything else: letters, spaces, a euro sign.
    NotDigits,
}

/// The largest amount that can be typed: € 999.999.999,99.
pub const MAX_CENTS: u64 = 99_999_999_999;

/// An amount as typed on the command line into cents: exactly
/// `(0|[1-9][0-9]{0,8})([.,][0-9]{1,2})?` (`1250`, `1250,5`, `1250.50`).
/// No floating point: the digits are counted and multiplied.
pub fn parse_cents(text: &str) -> Result<u64, BadAmount> {
    if text.is_empty() {
        return Err(BadAmount::Empty);
    }
    if text.starts_with(['+', '-']) {
        return Err(BadAmount::Sign);
    }
    let (whole, frac) = match text.find([',', '.']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) {
        return Err(BadAmount::NotDigits);
    }
    if let Some(frac) = frac {
        if frac.contains([',', '.']) || (frac.len() == 3 && digits(frac)) {
            return Err(BadAmount::ThousandsSeparator);
        }
        if !(1..=2).contains(&frac.len()) || !digits(frac) {
            return Err(BadAmount::Decimals);
        }
    }
    if whole.len() > 1 && whole.starts_with('0') {
        return Err(BadAmount::LeadingZero);
    }
    if whole.len() > 9 {
        return Err(BadAmount::TooLarge);
    }
    let number = |s: &str| s.bytes().fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    let cents = match frac {
        None => 0,
        Some(f) if f.len() == 1 => number(f) * 10,
        Some(f) => number(f),
    };
    Ok(number(whole) * 100 + cents)
}

/// An amount as typed in a form, as [`parse_cents`] but with surrounding
/// blanks ignored.
pub fn parse_euros(text: &str) -> Option<u64> {
    parse_cents(text.trim()).ok()
}

/// A sum of amounts, or `None` when it would not fit: never wraps.
pub fn sum_cents(amounts: impl IntoIterator<Item = u64>) -> Option<u64> {
    amounts
        .into_iter()
        .try_fold(0u64, |sum, a| sum.checked_add(a))
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

    use proptest::prelude::*;

    #[test]
    fn a_same_day_score_corrects_and_an_earlier_day_gives_the_trend() {
        let at = |d: &str| {
            DateTime::parse_from_rfc3339(d)
                .expect("date")
                .with_timezone(&Utc)
        };
        let score = |d: &str, n: u8| Score {
            at: at(d),
            by: "piet".into(),
            domain: LifeDomain::Finances,
            score: n,
        };
        let mut case = Case {
            id: "c".into(),
            label: "gezin A".into(),
            area: "Moerwijk".into(),
            created: at("2026-01-01T09:00:00Z"),
            created_by: "piet".into(),
            notes: vec![],
            scores: vec![score("2026-01-01T09:00:00Z", 2)],
            interventions: vec![],
        };
        let i = LifeDomain::Finances.index();
        assert_eq!(case.picture()[i], (Some(2), None));
        case.scores.push(score("2026-01-01T09:05:00Z", 3));
        assert_eq!(
            case.picture()[i],
            (Some(3), None),
            "a correction is no trend"
        );
        case.scores.push(score("2026-02-01T10:00:00Z", 4));
        assert_eq!(case.picture()[i], (Some(4), Some(3)));
        case.scores.push(score("2026-02-01T11:00:00Z", 1));
        assert_eq!(case.picture()[i], (Some(1), Some(3)));
    }

    #[test]
    fn amounts_as_the_spec_writes_them() {
        assert_eq!(parse_cents("1250"), Ok(125_000));
        assert_eq!(parse_cents("1250,5"), Ok(125_050));
        assert_eq!(parse_cents("1250.50"), Ok(125_050));
        assert_eq!(parse_cents("0"), Ok(0));
        assert_eq!(parse_cents("0,05"), Ok(5));
        assert_eq!(parse_cents("999999999,99"), Ok(MAX_CENTS));
        assert_eq!(parse_euros(" 450,50 "), Some(45_050));
    }

    #[test]
    fn everything_else_is_refused_with_its_reason() {
        use BadAmount::*;
        for (typed, why) in [
            ("", Empty),
            ("-5", Sign),
            ("+5", Sign),
            ("1.250", ThousandsSeparator),
            ("0.500", ThousandsSeparator),
            ("1.250,00", ThousandsSeparator),
            ("1,250.00", ThousandsSeparator),
            ("12,", Decimals),
            ("12,5a", Decimals),
            ("12.3456", Decimals),
            ("0012", LeadingZero),
            ("01,50", LeadingZero),
            ("1234567890", TooLarge),
            ("99999999999999999999999", TooLarge),
            (",50", NotDigits),
            ("€ 12", NotDigits),
            ("12 50", NotDigits),
            ("1e3", NotDigits),
            ("١٢", NotDigits),
            (" 12", NotDigits),
        ] {
            assert_eq!(parse_cents(typed), Err(why), "{typed:?}");
        }
    }

    #[test]
    fn sums_never_wrap() {
        assert_eq!(sum_cents([1, 2, 3]), Some(6));
        assert_eq!(sum_cents([u64::MAX, 1]), None);
    }

    proptest! {
        /// Whatever is typed, an amount is accepted exactly when it matches
        /// the spec's pattern, and then it means what it says.
        #[test]
        fn accepted_exactly_when_the_pattern_matches(typed in "[-+0-9.,a €]{0,14}") {
            let pattern = regex_lite_match(&typed);
            prop_assert_eq!(parse_cents(&typed).is_ok(), pattern, "{:?}", typed);
        }

        #[test]
        fn euros_and_cents_read_back(whole in 0u64..1_000_000_000, cents in 0u64..100) {
            let typed = format!("{whole},{cents:02}");
            prop_assert_eq!(parse_cents(&typed), Ok(whole * 100 + cents));
            prop_assert_eq!(parse_cents(&format!("{whole}")), Ok(whole * 100));
        }
    }

    /// The spec's pattern, written out by hand (no regex crate needed).
    fn regex_lite_match(s: &str) -> bool {
        let (whole, frac) = match s.find([',', '.']) {
            Some(i) => (&s[..i], Some(&s[i + 1..])),
            None => (s, None),
        };
        let digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
        let whole_ok = whole == "0"
            || (!whole.is_empty() && whole.len() <= 9 && !whole.starts_with('0') && digits(whole));
        let frac_ok = frac.is_none_or(|f| (1..=2).contains(&f.len()) && digits(f));
        whole_ok && frac_ok
    }

    #[test]
    fn euros_shown() {
        assert_eq!(euros(123_450), "€ 1.234,50");
        assert_eq!(euros(5), "€ 0,05");
    }
}
