//! One file per screen or overlay; each owns its view state, its `update`
//! and its drawing. This file is the router: adding a screen is its module,
//! a variant below and its arms in the matches here.

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
pub mod picker;
pub mod progress;
pub mod prompt;
pub mod reader;
pub mod search;
pub mod status;
pub mod workerform;
pub mod workers;

use super::action::Action;
use super::app::{App, Overlay, Screen, Shared, Unlocked};
use super::effect::Effect;
use super::keymap::Context;
use crate::map::search::Doc;
use ratatui::Frame;
use ratatui::layout::Rect;
use search::SearchScreen;
use std::cell::Cell;

/// What a screen may read while it handles an action.
pub struct Ctx<'a> {
    pub shared: &'a Shared,
    pub search: &'a SearchScreen,
    pub unlocked: Option<&'a Unlocked>,
}

impl Ctx<'_> {
    /// The entry selected in the search results.
    pub fn selected(&self) -> Option<&Doc> {
        self.search.selected(&self.shared.index)
    }
}

/// A screen opened over the search screen, with its state.
pub enum View {
    Detail(detail::DetailState),
    Domains(domains::DomainsState),
    /// Boxed: a form with its draft is far larger than the other screens.
    Form(Box<form::FormState>),
    Conflicts(conflicts::ConflictsState),
    Conflict(conflicts::ConflictState),
    Cases(cases::CasesState),
    Case(cases::CaseState),
    Interventions(interventions::InterventionsState),
    Intervention(interventions::InterventionState),
    Workers(workers::WorkersState),
}

impl View {
    pub fn screen(&self) -> Screen {
        match self {
            View::Detail(_) => Screen::Detail,
            View::Domains(_) => Screen::Domains,
            View::Form(_) => Screen::Form,
            View::Conflicts(_) => Screen::Conflicts,
            View::Conflict(_) => Screen::Conflict,
            View::Cases(_) => Screen::Cases,
            View::Case(_) => Screen::Case,
            View::Interventions(_) => Screen::Interventions,
            View::Intervention(_) => Screen::Intervention,
            View::Workers(_) => Screen::Workers,
        }
    }

    pub fn context(&self) -> Context {
        match self {
            View::Detail(_) => Context::Detail,
            View::Domains(_) => Context::Domains,
            View::Form(form) if form.picker.is_some() => Context::DomainPicker,
            View::Form(_) => Context::Form,
            View::Conflicts(_) => Context::Conflicts,
            View::Conflict(_) => Context::Conflict,
            View::Cases(_) => Context::Cases,
            View::Case(_) => Context::Case,
            View::Interventions(_) => Context::Interventions,
            View::Intervention(_) => Context::Intervention,
            View::Workers(_) => Context::Workers,
        }
    }

    /// True for the case screens: those that show decrypted case data, and
    /// the workers screen opened from them (closed on lock, and when F2 or
    /// F3 opens the case screens afresh).
    pub fn holds_case_data(&self) -> bool {
        matches!(
            self,
            View::Cases(_)
                | View::Case(_)
                | View::Interventions(_)
                | View::Intervention(_)
                | View::Workers(_)
        )
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        match self {
            View::Detail(s) => s.update(action),
            View::Domains(s) => s.update(action),
            View::Form(s) => s.update(action),
            View::Conflicts(s) => s.update(action),
            View::Conflict(s) => s.update(action),
            View::Cases(s) => s.update(action, ctx),
            View::Case(s) => s.update(action),
            View::Interventions(s) => s.update(action),
            View::Intervention(s) => s.update(action),
            View::Workers(s) => s.update(action),
        }
    }

    pub fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        match self {
            View::Detail(s) => detail::draw(app, s, frame, area),
            View::Domains(s) => domains::draw(app, s, frame, area),
            View::Form(s) => form::draw(app, s, frame, area),
            View::Conflicts(s) => conflicts::draw_list(app, s, frame, area),
            View::Conflict(s) => conflicts::draw_one(app, s, frame, area),
            View::Cases(s) => cases::draw_list(app, s, frame, area),
            View::Case(s) => cases::draw_case(app, s, frame, area),
            View::Interventions(s) => interventions::draw_list(app, s, frame, area),
            View::Intervention(s) => interventions::draw_one(app, s, frame, area),
            View::Workers(s) => workers::draw(app, s, frame, area),
        }
    }
}

/// What can float over a screen, with its state.
pub enum Popup {
    Help(help::HelpState),
    Areas(areas::AreasState),
    Identity(form::IdentityForm),
    Confirm(confirm::Confirm),
    Prompt(prompt::Prompt),
    CaseForm(caseform::CaseForm),
    Picker(picker::CasePicker),
    Reader(reader::Reader),
}

impl Popup {
    pub fn overlay(&self) -> Overlay {
        match self {
            Popup::Help(_) => Overlay::Help,
            Popup::Areas(_) => Overlay::Areas,
            Popup::Identity(_) => Overlay::Identity,
            Popup::Confirm(_) => Overlay::Confirm,
            Popup::Prompt(_) => Overlay::Prompt,
            Popup::CaseForm(_) => Overlay::CaseForm,
            Popup::Picker(_) => Overlay::Picker,
            Popup::Reader(_) => Overlay::Reader,
        }
    }

    pub fn context(&self) -> Context {
        match self {
            Popup::Help(_) => Context::Help,
            Popup::Areas(_) => Context::Areas,
            Popup::Identity(_) | Popup::CaseForm(_) => Context::Form,
            Popup::Confirm(_) => Context::Confirm,
            Popup::Prompt(_) => Context::Prompt,
            Popup::Picker(_) => Context::Picker,
            Popup::Reader(_) => Context::Reader,
        }
    }

    /// True for the overlays that show or take case data (closed on lock).
    pub fn holds_case_data(&self) -> bool {
        matches!(
            self,
            Popup::CaseForm(_) | Popup::Picker(_) | Popup::Reader(_)
        )
    }

    pub fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        match self {
            Popup::Help(s) => s.update(action),
            Popup::Areas(s) => s.update(action),
            Popup::Identity(s) => s.update(action),
            Popup::Confirm(s) => s.update(action),
            Popup::Prompt(s) => s.update(action, ctx),
            Popup::CaseForm(s) => s.update(action),
            Popup::Picker(s) => s.update(action, ctx),
            Popup::Reader(s) => s.update(action),
        }
    }

    pub fn draw(&self, app: &App, frame: &mut Frame, area: Rect) {
        match self {
            Popup::Help(s) => help::draw(app, s, frame, area),
            Popup::Areas(s) => areas::draw(app, s, frame, area),
            Popup::Identity(s) => form::draw_identity(app, s, frame, area),
            Popup::Confirm(s) => confirm::draw(app, s, frame, area),
            Popup::Prompt(s) => prompt::draw(app, s, frame, area),
            Popup::CaseForm(s) => caseform::draw(app, s, frame, area),
            Popup::Picker(s) => picker::draw(app, s, frame, area),
            Popup::Reader(s) => reader::draw(app, s, frame, area),
        }
    }
}

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
