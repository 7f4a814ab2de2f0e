//! One file per screen or overlay; each owns its view state and draws itself.

pub mod areas;
pub mod caseform;
pub mod cases;
pub mod confirm;
pub mod conflicts;
pub mod detail;
pub mod domains;
pub mod form;
pub mod help;
pub mod interventions;
pub mod progress;
pub mod prompt;
pub mod search;
pub mod status;

use std::cell::Cell;

/// A selection in a list that is longer than the screen: the selected row and
/// the first row shown. The offset and page size are fed back by drawing.
#[derive(Debug, Default)]
pub struct ListCursor {
    pub selected: usize,
    offset: Cell<usize>,
    page: Cell<usize>,
}

impl ListCursor {
    pub fn reset(&mut self) {
        self.selected = 0;
        self.offset.set(0);
    }

    /// Moves by `delta` rows within `len`, clamped at both ends.
    pub fn step(&mut self, delta: isize, len: usize) {
        if len == 0 {
            self.selected = 0;
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
    }

    pub fn page_size(&self) -> isize {
        self.page.get().max(1) as isize
    }

    /// The first row to show so that the selection is visible in `rows` rows,
    /// moving the window as little as possible; remembers it for the next frame.
    pub fn window(&self, rows: usize, len: usize) -> usize {
        self.page.set(rows.max(1));
        let mut offset = self.offset.get().min(len.saturating_sub(1));
        if self.selected < offset {
            offset = self.selected;
        } else if rows > 0 && self.selected >= offset + rows {
            offset = self.selected + 1 - rows;
        }
        self.offset.set(offset);
        offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_follows_the_selection_lazily() {
        let mut c = ListCursor::default();
        assert_eq!(c.window(5, 100), 0);
        c.step(7, 100);
        assert_eq!(c.window(5, 100), 3);
        c.step(-2, 100);
        assert_eq!(c.window(5, 100), 3);
        c.step(-10, 100);
        assert_eq!((c.selected, c.window(5, 100)), (0, 0));
        c.step(1000, 100);
        assert_eq!(c.selected, 99);
    }
}
