//! Spotting a BSN (Dutch citizen service number): nine digits that pass the
//! eleven-test. Case labels refuse them; notes flag them for removal.

/// The byte ranges of nine-digit runs (not part of a longer number) that pass the eleven-test.
pub fn find(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
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
        if i - start == 9 && passes_eleven_test(&bytes[start..i]) {
            found.push(start..i);
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

/// 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11 (and not all zeros).
fn passes_eleven_test(digits: &[u8]) -> bool {
    let d: Vec<i64> = digits.iter().map(|b| i64::from(b - b'0')).collect();
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i64 = (0..8).map(|i| d[i] * (9 - i as i64)).sum::<i64>() - d[8];
    sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
