//! Dutch word forms: the Snowball stemmer, so that `eenzame`, `eenzaam` and
//! `eenzaamheid` meet in one stem at index and at query time.

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// Words the stemmer would merge though they name different people in this
/// field: "ouders" (parents) and "ouderen" (the elderly) both stem to "ouder".
const KEPT_APART: &[(&str, &str)] = &[("oudere", "oudere"), ("ouderen", "oudere")];

/// The stem of a folded word. Words shorter than three letters, and words
/// with digits, are their own stem: stemming them only makes false friends.
pub fn stem(word: &str) -> String {
    if word.len() < 3 || word.bytes().any(|b| b.is_ascii_digit()) {
        return word.to_string();
    }
    if let Some((_, fixed)) = KEPT_APART.iter().find(|(w, _)| *w == word) {
        return (*fixed).to_string();
    }
    static DUTCH: OnceLock<Stemmer> = OnceLock::new();
    DUTCH
        .get_or_init(|| Stemmer::create(Algorithm::Dutch))
        .stem(word)
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(stem("eenzame"), stem("eenzaam"));
        assert_eq!(stem("eenzaamheid"), stem("eenzaam"));
        assert_eq!(stem("schulden"), stem("schuld"));
        assert_eq!(stem("ouderen"), stem("oudere"));
        assert_ne!(
            stem("ouderen"),
            stem("ouders"),
            "the elderly are not parents"
        );
        assert_eq!(stem("gokken"), "gok");
        assert_eq!(stem("a1"), "a1");
    }
}
