//! The word lists (`data/*.txt`, compiled in) and the sentences and
//! compounds the generator makes of them.

use crate::rng::Rng;
use std::sync::LazyLock;

/// Every word list, read once from the files compiled into this crate.
pub struct Words {
    pub den_haag: Vec<&'static str>,
    pub rotterdam: Vec<&'static str>,
    /// (role, name as shown, organisation).
    pub key_figures: Vec<(&'static str, &'static str, &'static str)>,
    pub initiatives: Vec<&'static str>,
    pub services: Vec<&'static str>,
    pub proper_names: Vec<&'static str>,
    pub organisations: Vec<&'static str>,
    pub contact_roles: Vec<&'static str>,
    pub streets: Vec<&'static str>,
    pub workers: Vec<&'static str>,
    pub languages: Vec<&'static str>,
    /// Drawn with [`Rng::pick_or_none`]: some entries name no cost.
    pub costs: Vec<&'static str>,
    /// Drawn with [`Rng::pick_or_none`]: some entries say nothing about referral.
    pub referrals: Vec<&'static str>,
    pub audiences: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    /// Words between the content words.
    pub function: Vec<&'static str>,
    /// Common content words, most frequent first.
    pub content: Vec<&'static str>,
    /// First parts of compounds.
    pub first: Vec<&'static str>,
    /// Second parts of compounds.
    pub second: Vec<&'static str>,
}

/// The lists, parsed on first use.
pub static WORDS: LazyLock<Words> = LazyLock::new(|| Words {
    den_haag: list(include_str!("../data/den-haag.txt")),
    rotterdam: list(include_str!("../data/rotterdam.txt")),
    key_figures: list(include_str!("../data/key-figures.txt"))
        .into_iter()
        .map(|line| {
            let mut parts = line.split(" | ");
            let mut next = || parts.next().unwrap_or_default();
            (next(), next(), next())
        })
        .collect(),
    initiatives: list(include_str!("../data/initiatives.txt")),
    services: list(include_str!("../data/services.txt")),
    proper_names: list(include_str!("../data/proper-names.txt")),
    organisations: list(include_str!("../data/organisations.txt")),
    contact_roles: list(include_str!("../data/contact-roles.txt")),
    streets: list(include_str!("../data/streets.txt")),
    workers: list(include_str!("../data/workers.txt")),
    languages: list(include_str!("../data/languages.txt")),
    costs: list(include_str!("../data/costs.txt")),
    referrals: list(include_str!("../data/referrals.txt")),
    audiences: list(include_str!("../data/audiences.txt")),
    tags: list(include_str!("../data/tags.txt")),
    function: list(include_str!("../data/function-words.txt")),
    content: list(include_str!("../data/content-words.txt")),
    first: list(include_str!("../data/compound-first.txt")),
    second: list(include_str!("../data/compound-second.txt")),
});

/// One item a line; `lines` also drops a `\r` left by a Windows checkout.
fn list(text: &'static str) -> Vec<&'static str> {
    text.lines().collect()
}

impl Words {
    /// How many distinct compounds there are: every first part with every
    /// second part, each bare, plural or diminutive.
    pub fn compounds(&self) -> usize {
        self.first.len() * self.second.len() * 3
    }
}

/// Head and tail of the word-rank distribution: about 12,000 distinct words at
/// 10,000 entries, growing roughly as the square root of the map's size.
const ZIPF_SCALE: f64 = 100.0;
const ZIPF_ALPHA: f64 = 0.72;

/// A prime that divides no compound count: spreads neighbouring ranks over all parts.
const STRIDE: u64 = 104_729;

/// One sentence of 6 to 14 words, alternating function and content words.
pub fn sentence(rng: &mut Rng, out: &mut String, areas: &[String]) {
    let start = out.len();
    let len = rng.range(6, 14);
    let mut function = rng.chance(0.5);
    for i in 0..len {
        if i > 0 {
            out.push(' ');
        }
        if i > 0 && rng.chance(0.03) {
            out.push_str(rng.pick(areas).as_str());
        } else if function {
            let word = *rng.pick(&WORDS.function);
            out.push_str(word);
        } else {
            content_word(rng, out);
        }
        if i + 1 < len && rng.chance(0.05) {
            out.push(',');
        }
        function = if function {
            rng.chance(0.2)
        } else {
            rng.chance(0.6)
        };
    }
    // Capitalise the first letter.
    if let Some(c) = out[start..].chars().next() {
        let upper: String = c.to_uppercase().collect();
        out.replace_range(start..start + c.len_utf8(), &upper);
    }
    out.push('.');
}

/// A content word: a common one, or (less and less likely) a rarer compound.
pub fn content_word(rng: &mut Rng, out: &mut String) {
    let content = &WORDS.content;
    let rank = rng.zipf(content.len() + WORDS.compounds(), ZIPF_SCALE, ZIPF_ALPHA);
    if rank < content.len() {
        out.push_str(content[rank]);
    } else {
        compound(rank - content.len(), out);
    }
}

/// A compound only, with the same skew as [`content_word`]: for names.
pub fn compound_word(rng: &mut Rng) -> String {
    let mut w = String::new();
    compound(rng.zipf(WORDS.compounds(), ZIPF_SCALE, ZIPF_ALPHA), &mut w);
    w
}

/// The compound of rank `k`: first part, second part, and an ending (none,
/// plural or diminutive), the same word for the same rank.
fn compound(k: usize, out: &mut String) {
    let (first, second, compounds) = (&WORDS.first, &WORDS.second, WORDS.compounds());
    let k = ((k % compounds) as u64 * STRIDE % compounds as u64) as usize;
    let start = out.len();
    out.push_str(first[k % first.len()]);
    out.push_str(second[(k / first.len()) % second.len()]);
    let last = out[start..].chars().last().unwrap_or('x');
    let vowel = "aeiouyé".contains(last);
    match k / (first.len() * second.len()) {
        // Plural: "-s" after a vowel or an unstressed "-er"/"-el"/"-je", else "-en"
        // (a word ending in "s" keeps its form rather than doubling the "s").
        1 if last != 's' => {
            let w = &out[start..];
            let s = vowel || w.ends_with("er") || w.ends_with("el") || w.ends_with("je");
            out.push_str(if s { "s" } else { "en" });
        }
        // Diminutive: "-tje" after a vowel or l, n, r, w; "-pje" after m; else "-je".
        2 => out.push_str(if vowel || "lnrw".contains(last) {
            "tje"
        } else if last == 'm' {
            "pje"
        } else {
            "je"
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn word_lists_have_no_duplicates() {
        let w = &*WORDS;
        for list in [&w.content, &w.first, &w.second, &w.function, &w.tags] {
            let set: HashSet<_> = list.iter().collect();
            assert_eq!(set.len(), list.len(), "{:?}", &list[..3]);
        }
        assert_ne!(w.compounds() as u64 % STRIDE, 0);
    }

    /// A blank or padded line would be drawn as a word: "" or " Laak".
    #[test]
    fn every_line_is_one_trimmed_item() {
        let w = &*WORDS;
        let lists = [
            &w.den_haag,
            &w.rotterdam,
            &w.initiatives,
            &w.services,
            &w.proper_names,
            &w.organisations,
            &w.contact_roles,
            &w.streets,
            &w.workers,
            &w.languages,
            &w.costs,
            &w.referrals,
            &w.audiences,
            &w.tags,
            &w.function,
            &w.content,
            &w.first,
            &w.second,
        ];
        for list in lists {
            assert!(!list.is_empty());
            for item in list {
                assert!(!item.is_empty() && item.trim() == *item, "{item:?}");
            }
        }
        for line in list(include_str!("../data/key-figures.txt")) {
            let parts: Vec<&str> = line.split(" | ").collect();
            assert!(
                parts.len() == 3 && parts.iter().all(|p| !p.is_empty()),
                "{line:?}"
            );
        }
    }
}
