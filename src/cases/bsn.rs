//! Spotting a BSN (Dutch citizen service number) in every way people write
//! one: `123456782`, `1234.56.782`, `123 456 782`, `123-456-782`, and with
//! the leading zero left off (8 digits). Case labels refuse them; notes flag
//! them for removal. Phone numbers (`06-12345678`), postcodes with house
//! numbers, IBANs, dates and amounts are not BSNs and are not flagged.

use std::ops::Range;

/// A run of digits, and what joins it to the run before (if anything does).
struct Group {
    span: Range<usize>,
    /// The bytes between this run and the one before, when only separators
    /// (`" -./()"`, at most three) lie between them.
    joined_by: Option<Vec<u8>>,
}

/// Bytes that may stand between the parts of one written number.
const SEPARATORS: &[u8] = b" -./()";

/// The byte ranges of BSN-like numbers, in order, never overlapping.
pub fn find(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let groups = groups(bytes);
    let mut found: Vec<Range<usize>> = Vec::new();
    // Numbers joined by separators (`06-12345678`, `12-03-2024`) are read
    // as one written number; a BSN is one of its parts only in the forms
    // above.
    let mut start = 0;
    while start < groups.len() {
        let mut end = start + 1;
        while end < groups.len() && groups[end].joined_by.is_some() {
            end += 1;
        }
        found.extend(in_chain(bytes, &groups[start..end]));
        start = end;
    }
    found.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in found {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

fn groups(bytes: &[u8]) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let joined_by = out.last().and_then(|prev| {
            let between = &bytes[prev.span.end..start];
            (between.len() <= 3 && between.iter().all(|b| SEPARATORS.contains(b)))
                .then(|| between.to_vec())
        });
        out.push(Group {
            span: start..i,
            joined_by,
        });
    }
    out
}

/// The BSNs written within one chain of joined digit runs.
fn in_chain(bytes: &[u8], chain: &[Group]) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let digits = |g: &Group| &bytes[g.span.clone()];
    for g in chain {
        let d = digits(g);
        // Nine digits stand out wherever they are; eight only alone, so that
        // the eight digits of `06-12345678` stay a phone number.
        if (d.len() == 9 || (d.len() == 8 && chain.len() == 1)) && passes_eleven_test(d) {
            found.push(g.span.clone());
        }
    }
    for w in chain.windows(3) {
        let sep = match (&w[1].joined_by, &w[2].joined_by) {
            (Some(a), Some(b)) if a == b && a.len() == 1 => a[0],
            _ => continue,
        };
        let sizes = (w[0].span.len(), w[1].span.len(), w[2].span.len());
        let form = match sep {
            b'.' => matches!(sizes, (4 | 3, 2, 3)),
            b' ' | b'-' => matches!(sizes, (3 | 2, 3, 3)),
            _ => false,
        };
        let all: Vec<u8> = w.iter().flat_map(|g| digits(g).iter().copied()).collect();
        if form && passes_eleven_test(&all) {
            found.push(w[0].span.start..w[2].span.end);
        }
    }
    found
}

pub fn contains(text: &str) -> bool {
    !find(text).is_empty()
}

/// Replaces every BSN-like number by asterisks.
pub fn redact(text: &str) -> String {
    let mut out = text.to_string();
    for range in find(text).into_iter().rev() {
        out.replace_range(range, "*********");
    }
    out
}

/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros);
/// eight digits are read with the leading zero put back.
fn passes_eleven_test(digits: &[u8]) -> bool {
    let d: Vec<i64> = match digits.len() {
        9 => digits.iter().map(|b| i64::from(b - b'0')).collect(),
        8 => std::iter::once(0)
            .chain(digits.iter().map(|b| i64::from(b - b'0')))
            .collect(),
        _ => return false,
    };
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i64 = (0..8).map(|i| d[i] * (9 - i as i64)).sum::<i64>() - d[8];
    sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_numbers_that_pass_the_eleven_test_only() {
        // 111222333: 9+8+7+12+10+8+9+6-3 = 66, a multiple of 11.
        assert!(contains("BSN 111222333 genoemd"));
        assert!(!contains("111222334"));
        assert!(!contains("1112223330"), "part of a longer number");
        assert!(!contains("000000000"));
        assert!(!contains("tel 0612345678"));
        assert_eq!(redact("a 111222333 b"), "a ********* b");
    }

    #[test]
    fn every_written_form_is_found() {
        for text in [
            "bsn 123456782.",
            "bsn 1234.56.782 genoemd",
            "bsn 123 456 782",
            "bsn 123-456-782",
            // 012345672 with the leading zero left off, alone and grouped.
            "bsn 12345672",
            "bsn 123.45.672x",
            "(123456782)",
        ] {
            assert!(contains(text), "{text}");
            assert!(!contains(&redact(text)), "{text}: {}", redact(text));
        }
        assert!(passes_eleven_test(b"012345672"));
        assert_eq!(redact("x 123-456-782 y"), "x ********* y");
    }

    #[test]
    fn phone_numbers_postcodes_ibans_dates_and_amounts_are_not_flagged() {
        // 12345672 passes the test as 012345672: as a phone it must not count.
        for text in [
            "bel 06-12345672",
            "bel 06 12345672",
            "bel 06 - 12345672",
            "bel (06) 12345672",
            "bel 0612345672",
            "bel +31 6 12345672",
            "bel 070-1234567",
            "Hoefkade 2525 AB 12",
            "2525AB 12-3",
            "NL91ABNA0417164300",
            "NL91 ABNA 0417 1643 00",
            "NL02ABNA0123456789",
            "12-03-2024",
            "2024-03-12",
            "12.03.2024",
            "op 12-03-2024 om 12.30",
            "€ 1.234,56",
            "1.234.567,89",
            "12.345.672,00",
            "450,50 en 1250",
        ] {
            assert!(!contains(text), "{text} was flagged: {:?}", find(text));
        }
    }

    /// A valid BSN from eight digits: the ninth makes the eleven-test hold
    /// (skipped when no digit does).
    fn valid(first8: [u8; 8]) -> Option<String> {
        let sum: i64 = (0..8).map(|i| i64::from(first8[i]) * (9 - i as i64)).sum();
        let last = sum % 11;
        (last < 10 && sum > 0).then(|| {
            first8
                .iter()
                .chain(std::iter::once(&(last as u8)))
                .map(|d| char::from(b'0' + d))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn a_valid_bsn_is_found_in_every_form(
            first8 in proptest::array::uniform8(0u8..10),
            before in "[a-zA-Z :]{0,8}",
            after in "[a-zA-Z :,]{0,8}",
        ) {
            let Some(n) = valid(first8) else { return Ok(()) };
            let mut forms = vec![
                n.clone(),
                format!("{}.{}.{}", &n[..4], &n[4..6], &n[6..]),
                format!("{} {} {}", &n[..3], &n[3..6], &n[6..]),
                format!("{}-{}-{}", &n[..3], &n[3..6], &n[6..]),
            ];
            if let Some(short) = n.strip_prefix('0') {
                forms.push(short.to_string());
            }
            for form in forms {
                let text = format!("{before} {form} {after}");
                prop_assert!(contains(&text), "{:?}", text);
                prop_assert!(!contains(&redact(&text)), "{:?}", text);
            }
        }

        #[test]
        fn a_mobile_number_is_never_flagged(rest in proptest::array::uniform8(0u8..10), sep in "(-| |)") {
            let digits: String = rest.iter().map(|d| char::from(b'0' + d)).collect();
            let text = format!("bel 06{sep}{digits} vandaag");
            prop_assert!(!contains(&text), "{:?}", text);
        }
    }
}
