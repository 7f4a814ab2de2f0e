//! Text on its way to a terminal: whatever is stored or read from a file,
//! nothing in it may steer the terminal (escape codes, a bell, a carriage
//! return that writes over a line) or turn the reading order around (bidi
//! overrides and isolates). One place decides, for the command line and
//! the interface alike.

use std::borrow::Cow;

/// Bidi overrides, embeddings and isolates: they reorder what follows, so
/// "Taal\u{202e}efac" reads as another name than the one stored.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether a terminal could obey `c` instead of showing it.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// What is shown instead of `c`: a C0 control as its visible picture (`␛`
/// for ESC, `␇` for the bell), anything else as `�`; both one column wide.
fn shown_as(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// One line of stored text (a name, a phone number, a file name), safe for a
/// terminal: every control character, line breaks too, and every bidi
/// control is replaced by a visible sign.
pub fn safe_line(s: &str) -> Cow<'_, str> {
    replace(s, |_| false)
}

/// Text of several lines (a description, a whole report), safe for a
/// terminal: as [`safe_line`], but line breaks and tabs are kept.
pub fn safe_text(s: &str) -> Cow<'_, str> {
    replace(s, |c| c == '\n' || c == '\t')
}

/// The symbol of one screen cell, safe for a terminal: unsafe characters
/// are dropped, and a cell left empty shows `�`, so the cell keeps its one
/// column and nothing after it shifts.
pub fn safe_cell(symbol: &str) -> Cow<'_, str> {
    if !symbol.chars().any(is_unsafe) {
        return Cow::Borrowed(symbol);
    }
    let kept: String = symbol.chars().filter(|&c| !is_unsafe(c)).collect();
    if kept.is_empty() {
        Cow::Borrowed("\u{fffd}")
    } else {
        Cow::Owned(kept)
    }
}

fn replace(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe(c) && !keep(c) {
                    shown_as(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// True when `s` holds nothing [`safe_output`] would change: no control
/// but line breaks and tabs, no bidi control. Looked for byte by byte (a
/// search can print megabytes): C0 controls and DEL are single bytes, C1
/// controls are `C2 80`-`C2 9F`, and the bidi controls `E2 80 AA`-`E2 80 AE`
/// and `E2 81 A6`-`E2 81 A9`.
fn plain_output(s: &str) -> bool {
    let b = s.as_bytes();
    let ok_at = |i: usize| match b[i] {
        b'\n' | b'\t' => true,
        0..=0x1f | 0x7f => false,
        0xc2 => !matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => !matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => true,
    };
    // Most output holds no byte that can begin an unsafe character: a block
    // of bytes is first tested as a whole (without branches, so the compiler
    // can test many bytes at once), and only a block with such a byte byte
    // by byte.
    let suspect =
        |c: u8| (c < 0x20) & (c != b'\n') & (c != b'\t') | (c == 0x7f) | (c == 0xc2) | (c == 0xe2);
    const BLOCK: usize = 64;
    b.chunks(BLOCK).enumerate().all(|(k, block)| {
        !block.iter().fold(false, |any, &c| any | suspect(c))
            || (k * BLOCK..k * BLOCK + block.len()).all(ok_at)
    })
}

/// Everything the command line writes, safe for a terminal. DEL, C1 and bidi
/// controls are written as a `\uXXXX` escape: in JSON and in the TOML of
/// `export` (where they stand inside strings) that is the same string to a
/// reader, and in a table a worker sees what was hidden there. Other
/// controls (a serialiser has escaped them already) become visible signs as
/// in [`safe_text`]; line breaks and tabs are kept.
pub fn safe_output(s: &str) -> Cow<'_, str> {
    if plain_output(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c if is_unsafe(c) => out.push(shown_as(c)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_output_is_what_no_unsafe_character_means_for_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let s = format!("a{c}\u{e9}\n");
            let by_chars = !is_unsafe(c) || c == '\n' || c == '\t';
            assert_eq!(plain_output(&s), by_chars, "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn plain_output_sees_a_character_across_the_blocks_it_is_tested_in() {
        for at in 60..70 {
            for unsafe_char in ["\u{85}", "\u{202e}", "\u{2067}", "\u{1b}"] {
                let s = format!("{}{unsafe_char}{}", "a".repeat(at), "b".repeat(70));
                assert!(!plain_output(&s), "at {at}: {unsafe_char:?}");
                assert!(!plain_output(&s[..s.len() - 70]), "at the end, {at}");
            }
            let s = format!(
                "{}\u{e9}\u{2014}\u{202f}\n\t{}",
                "a".repeat(at),
                "b".repeat(70)
            );
            assert!(plain_output(&s), "{at}: plain");
        }
    }

    #[test]
    fn escape_codes_become_visible_signs() {
        assert_eq!(safe_line("\x1b[2J\x07a\r\nb"), "␛[2J␇a␍␊b");
        assert_eq!(safe_text("\x1b]0;x\x07\nb\tc"), "␛]0;x␇\nb\tc");
        assert_eq!(safe_line("a\u{9b}31m\u{7f}"), "a\u{fffd}31m␡");
    }

    #[test]
    fn bidi_controls_are_replaced_and_plain_text_is_borrowed() {
        assert_eq!(
            safe_line("Taal\u{202e}efac\u{2066}x\u{2069}"),
            "Taal\u{fffd}efac\u{fffd}x\u{fffd}"
        );
        assert!(matches!(safe_line("Taalcafé — Laak"), Cow::Borrowed(_)));
        // Marks that only hint a direction are not overrides.
        assert_eq!(safe_line("a\u{200f}b"), "a\u{200f}b");
    }

    #[test]
    fn escaped_output_decodes_to_the_same_string() {
        let stored = "x\u{202e}y\u{9b}z\u{7f}";
        let json = serde_json::to_string(stored).expect("json");
        let safe = safe_output(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: String = serde_json::from_str(&safe).expect("decodes");
        assert_eq!(back, stored);
    }
}
