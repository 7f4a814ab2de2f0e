//! The interface language: the one thing every layer may know about words.
//!
//! It lives below `map`, `cases` and `store` so that a domain type can carry
//! its own label (`LifeDomain::label`) without reaching up into `text`.

use std::str::FromStr;

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// The Dutch or the English of a pair, whichever this language is.
    pub fn pick<T>(self, nl: T, en: T) -> T {
        match self {
            Lang::Nl => nl,
            Lang::En => en,
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.to_ascii_lowercase().as_str() {
            "nl" => Ok(Lang::Nl),
            "en" => Ok(Lang::En),
            other => Err(format!("'{other}': nl | en")),
        }
    }
}
