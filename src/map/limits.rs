//! The limits and character rules of format 2 (social-map-format.md, "Ids,
//! replicas and limits"), checked on every import, sync and edit: a value
//! past them is an error, never a truncation.

use super::fields::Field;
use super::file::ProblemKind;

/// Characters in a name.
pub const NAME: usize = 200;
/// Characters in any other single-line field.
pub const LINE: usize = 500;
/// Characters in the description.
pub const DESCRIPTION: usize = 4_000;
/// Items in a list.
pub const LIST_ITEMS: usize = 50;
/// Characters in one item of a list.
pub const LIST_ITEM: usize = 100;

/// The most characters a text field may hold.
pub fn max_chars(field: Option<Field>) -> usize {
    match field {
        Some(Field::Name) => NAME,
        Some(Field::Description) => DESCRIPTION,
        _ => LINE,
    }
}

/// True for the bidirectional overrides and isolates, which can make a
/// line read as something else than it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What is wrong with a text of `field` (`None`: a single-line value that is
/// no field, such as a worker id or the map's name), with the character
/// offset of the first bad character.
pub fn check_text(field: Option<Field>, text: &str) -> Option<(usize, ProblemKind)> {
    let newline_ok = field.is_some_and(Field::is_multiline);
    for (i, c) in text.chars().enumerate() {
        if is_bidi_control(c) {
            return Some((i, ProblemKind::BidiChar));
        }
        if c.is_control() && !(newline_ok && c == '\n') {
            return Some((i, ProblemKind::ControlChar(c as u32)));
        }
    }
    let max = max_chars(field);
    let count = text.chars().count();
    (count > max).then_some((0, ProblemKind::TooLong { max, count }))
}

/// What is wrong with a list: too many items, or an item past the rules
/// (with the item's index).
pub fn check_list(items: &[String]) -> Option<(usize, ProblemKind)> {
    if items.len() > LIST_ITEMS {
        return Some((
            LIST_ITEMS,
            ProblemKind::TooMany {
                max: LIST_ITEMS,
                count: items.len(),
            },
        ));
    }
    for (i, item) in items.iter().enumerate() {
        if let Some((_, kind)) = check_text(None, item) {
            return Some((i, kind));
        }
        let count = item.chars().count();
        if count > LIST_ITEM {
            return Some((
                i,
                ProblemKind::TooLong {
                    max: LIST_ITEM,
                    count,
                },
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_characters() {
        assert!(check_text(Some(Field::Name), &"x".repeat(200)).is_none());
        assert_eq!(
            check_text(Some(Field::Name), &"é".repeat(201)),
            Some((
                0,
                ProblemKind::TooLong {
                    max: 200,
                    count: 201
                }
            ))
        );
        assert!(check_text(Some(Field::Phone), &"x".repeat(501)).is_some());
        assert!(check_text(Some(Field::Description), &"x".repeat(4000)).is_none());
        assert!(check_text(Some(Field::Description), "a\nb").is_none());
        assert_eq!(
            check_text(Some(Field::Name), "a\nb"),
            Some((1, ProblemKind::ControlChar(10)))
        );
        assert_eq!(
            check_text(Some(Field::Description), "x\u{1b}[2J"),
            Some((1, ProblemKind::ControlChar(27)))
        );
        assert_eq!(
            check_text(Some(Field::Hours), "ab\u{202E}"),
            Some((2, ProblemKind::BidiChar))
        );
        assert!(check_text(Some(Field::Hours), "ab\u{2069}").is_some());
        let many: Vec<String> = (0..51).map(|i| i.to_string()).collect();
        assert!(check_list(&many).is_some());
        assert!(check_list(&many[..50]).is_none());
        assert_eq!(check_list(&["x".repeat(101)]).map(|(i, _)| i), Some(0));
    }
}
