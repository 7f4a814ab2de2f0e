//! A one-line text field with a cursor, for forms and prompts. Its text is
//! wiped from memory when the field is emptied or dropped (passphrases are
//! typed here).

use super::action::Action;
use zeroize::Zeroize;

/// Text being edited; the cursor is a character position.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    cursor: usize,
}

impl TextField {
    /// A field holding `text`, with the cursor at the end.
    pub fn new(text: &str) -> TextField {
        TextField {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    /// An empty field for a passphrase: room reserved up front, so typing
    /// does not leave copies behind in freed memory (up to 256 bytes).
    pub fn secret() -> TextField {
        TextField {
            text: String::with_capacity(256),
            cursor: 0,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_pos: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_pos)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing action (typing, deleting, moving the cursor);
    /// false when the action is not about editing text.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Type(c) => self.insert(c),
            Action::Toggle => self.insert(' '),
            Action::DeleteChar => self.delete_back(),
            Action::DeleteForward => self.delete_forward(),
            Action::Left => self.left(),
            Action::Right => self.right(),
            Action::Home => self.home(),
            Action::End => self.end(),
            Action::ClearField => self.clear(),
            _ => return false,
        }
        true
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    /// Backspace: removes the character before the cursor.
    pub fn delete_back(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Delete: removes the character under the cursor.
    pub fn delete_forward(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.chars().count();
    }

    pub fn clear(&mut self) {
        self.text.zeroize();
        self.cursor = 0;
    }

    /// The part to show in `width` columns so that the cursor stays visible,
    /// and the cursor's column within it.
    pub fn window(&self, width: usize) -> (String, usize) {
        let width = width.max(1);
        let start = (self.cursor + 1).saturating_sub(width);
        let shown: String = self.text.chars().skip(start).take(width).collect();
        (shown, self.cursor - start)
    }

    /// How many characters `window` shows and the cursor's column, without
    /// copying the text (for a masked field).
    pub fn window_len(&self, width: usize) -> (usize, usize) {
        let width = width.max(1);
        let start = (self.cursor + 1).saturating_sub(width);
        let len = self.text.chars().count().saturating_sub(start).min(width);
        (len, self.cursor - start)
    }
}

impl Drop for TextField {
    fn drop(&mut self) {
        self.text.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_with_accents() {
        let mut f = TextField::new("Cafe");
        f.delete_back();
        f.insert('é');
        assert_eq!(f.text(), "Café");
        f.home();
        f.delete_forward();
        f.insert('K');
        f.right();
        f.insert('-');
        assert_eq!(f.text(), "Ka-fé");
        f.end();
        f.left();
        f.delete_back();
        assert_eq!(f.text(), "Ka-é");
        assert_eq!(f.window(2), ("-é".to_string(), 1));
        assert_eq!(f.window_len(2), (2, 1));
    }

    #[test]
    fn a_secret_field_keeps_its_room_and_empties_to_nothing() {
        let mut f = TextField::secret();
        for c in "geheim-wachtwoord".chars() {
            f.insert(c);
        }
        assert_eq!(
            f.window_len(5),
            (4, 4),
            "room for the cursor after the text"
        );
        f.clear();
        assert_eq!((f.text(), f.cursor()), ("", 0));
        assert!(f.text.capacity() >= 256, "no reallocation, no copies left");
    }
}
