//! Folding and splitting text into search words, and the typo distance.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without accents: "Financiën" and "financien" fold to the same.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Calls `f` with each folded word of a text: runs of letters and digits.
pub fn for_each_word(s: &str, mut f: impl FnMut(&str)) {
    let folded = fold(s);
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .for_each(&mut f);
}

/// The folded words of a text, as owned strings.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(s, |w| out.push(w.to_string()));
    out
}

/// Little words that say nothing about a need ("klusjes in huis", "hulp bij
/// de post"): between other words of a query they are left out, so that
/// they neither match half the map nor count against an entry's coverage.
pub fn is_stopword(word: &str) -> bool {
    const STOPWORDS: &[&str] = &[
        "aan", "and", "bij", "dat", "de", "den", "der", "die", "een", "en", "er", "for", "geen",
        "het", "hij", "ik", "in", "is", "je", "kan", "me", "met", "mijn", "moet", "niet", "nog",
        "of", "om", "on", "ook", "op", "te", "the", "to", "van", "veel", "voor", "wat", "we",
        "wil", "with", "ze", "zij", "zijn",
    ];
    STOPWORDS.contains(&word)
}

/// Each word of a text as it stands (its byte range in `s`) with its folded
/// form, split as [`for_each_word`] splits: for showing which words matched.
pub fn word_spans(s: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(st) = start.take() {
            spans.push((st..i, fold(&s[st..i])));
        }
    }
    if let Some(st) = start {
        spans.push((st..s.len(), fold(&s[st..])));
    }
    spans
}

/// The smallest edit distance (with adjacent swaps) between `pattern` and any
/// prefix of `word` whose length is within one of the pattern's, capped at
/// `max + 1`. A prefix counts so that a typo is forgiven while still typing.
pub fn prefix_typo_distance(pattern: &[char], word: &[char], max: usize) -> usize {
    let (m, n) = (pattern.len(), word.len().min(pattern.len() + 1));
    if m == 0 || n + max < m {
        return max + 1;
    }
    // rows[i][j]: distance between pattern[..i] and word[..j].
    let width = n + 1;
    let mut rows = vec![0usize; (m + 1) * width];
    for (j, cell) in rows.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=m {
        rows[i * width] = i;
        let mut row_min = i;
        for j in 1..=n {
            let cost = usize::from(pattern[i - 1] != word[j - 1]);
            let mut d = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && pattern[i - 1] == word[j - 2] && pattern[i - 2] == word[j - 1] {
                d = d.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return max + 1;
        }
    }
    let lo = m.saturating_sub(1).max(1);
    (lo..=n)
        .map(|j| rows[m * width + j])
        .min()
        .unwrap_or(max + 1)
        .min(max + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(p: &str, w: &str) -> usize {
        let p: Vec<char> = p.chars().collect();
        let w: Vec<char> = w.chars().collect();
        prefix_typo_distance(&p, &w, 2)
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Financiën"), "financien");
        assert_eq!(fold("ÉÉN Café"), "een cafe");
        let w = words("Werk & opleiding, e-mail");
        assert_eq!(w, ["werk", "opleiding", "e", "mail"]);
    }

    #[test]
    fn word_spans_point_into_the_original_text() {
        let s = "Taalcafé, Nederlands-les";
        let spans = word_spans(s);
        let words: Vec<&str> = spans.iter().map(|(r, _)| &s[r.clone()]).collect();
        assert_eq!(words, ["Taalcafé", "Nederlands", "les"]);
        assert_eq!(spans[0].1, "taalcafe");
        assert!(is_stopword("in") && !is_stopword("huis"));
    }

    #[test]
    fn typo_distance_forgives_one_slip_and_prefixes() {
        assert_eq!(dist("jongerenwrk", "jongerenwerk"), 1);
        assert_eq!(dist("jongerenwr", "jongerenwerker"), 1);
        assert_eq!(dist("shculd", "schuld"), 1);
        assert_eq!(dist("schuld", "schuldhulp"), 0);
        assert_eq!(dist("taalhuis", "taalhuis"), 0);
        assert_eq!(dist("voedsel", "vrijwilliger"), 3);
        assert_eq!(dist("abc", "xyz"), 3);
    }
}
