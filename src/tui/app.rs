//! The app: the data every screen shares, the screen stack, and the one
//! `update` that routes an action to the screen in front and applies what it
//! asks for. Changes to the map and to case data are applied here (see
//! `edits` and `casework`), never from a screen.

use super::action::Action;
use super::effect::Effect;
use super::jobs::Job;
use super::keymap::{self, Context};
use super::screens::confirm::Confirm;
use super::screens::help::HelpState;
use super::screens::search::{Focus, SearchScreen};
use super::screens::{Ctx, Popup, View};
use super::theme::Theme;
use crate::cases::book::Session;
use crate::cases::model::Case;
use crate::cases::rule::Rules;
use crate::map::edit::Worker;
use crate::map::entry::Entry;
use crate::map::search::{Doc, Index};
use crate::store::{Store, StoreError};
use crate::text::Lang;
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, MouseEventKind};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Which screen fills the window: a name for tests, the key map and drawing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Search,
    Detail,
    Domains,
    Form,
    Conflicts,
    Conflict,
    Cases,
    Case,
    Interventions,
    Intervention,
    Workers,
}

/// Which overlay floats over the screen, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Areas,
    Identity,
    Confirm,
    Prompt,
    CaseForm,
    Picker,
    Reader,
}

/// A line in the status bar after an action: what happened, or what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub warning: bool,
}

/// What every screen may read: the words, the colours, the day, who works
/// here and the search index over the map.
pub struct Shared {
    pub lang: Lang,
    pub theme: Theme,
    /// "Today", injected so that tests and snapshots do not change with the date.
    pub today: NaiveDate,
    pub worker: Option<Worker>,
    pub index: Index,
    /// Case screens lock after this long without input.
    pub lock_after: Duration,
}

/// The case data while a worker has unlocked it; dropped whole on lock.
pub struct Unlocked {
    pub session: Session,
    /// The decrypted cases.
    pub cases: Vec<Case>,
    /// The rule's context, read when unlocking: the budget and who works where.
    pub budget_cents: u64,
    pub organisations: BTreeMap<String, String>,
}

impl Unlocked {
    pub fn case(&self, id: &str) -> Option<&Case> {
        self.cases.iter().find(|c| c.id == id)
    }

    /// Runs `f` with the decision rule's context.
    pub fn with_rules<T>(&self, f: impl FnOnce(&Rules) -> T) -> T {
        let orgs = |w: &str| self.organisations.get(w).cloned();
        f(&Rules {
            budget_cents: self.budget_cents,
            organisation_of: &orgs,
            // Shown only; every decision is judged again by the book, with them.
            vouched_by: &crate::cases::rule::no_vouches,
        })
    }
}

/// One edit of this session that undo can take back: the content before it.
#[derive(Clone, Debug)]
pub(super) struct UndoStep {
    pub id: String,
    /// `None` when the edit created the entry.
    pub before: Option<Entry>,
}

pub struct App {
    pub shared: Shared,
    pub(super) store: Store,
    /// The home screen, always under the others.
    pub search: SearchScreen,
    /// Screens opened over the search screen; the last one is in front.
    pub(super) stack: Vec<View>,
    pub(super) popup: Option<Popup>,
    /// A form the overlay in front covers for a moment (help, a question
    /// before quitting): it comes back when that closes, nothing typed lost.
    pub(super) covered: Option<Popup>,
    /// The case data, while unlocked.
    pub(super) unlocked: Option<Unlocked>,
    pub message: Option<Message>,
    /// Work for the event loop to run with a progress bar.
    pub job: Option<Job>,
    pub(super) undo: Vec<UndoStep>,
    /// Half-typed case forms, kept in memory for their workers.
    pub(super) drafts: super::drafts::Drafts,
    /// What waits for the event loop: the clipboard, the browser, the mouse.
    pub(super) outgoing: Vec<super::outbox::Outgoing>,
    /// Whether the app captures the mouse; off, the terminal selects text.
    pub mouse: bool,
    /// The last key or click, for the idle lock.
    pub(super) last_activity: Instant,
    pub quit: bool,
}

impl App {
    /// Loads the map from the store and opens on the search screen.
    pub fn new(
        store: Store,
        lang: Lang,
        theme: Theme,
        today: NaiveDate,
    ) -> Result<App, StoreError> {
        App::with_index(store, None, lang, theme, today)
    }

    /// Like [`App::new`], with the kept index read beforehand (while the
    /// store was opening, see [`crate::store::fresh_index_at`]): used when it
    /// is of the records the store holds now, else the store's is read.
    pub fn with_index(
        store: Store,
        kept: Option<(Index, u64)>,
        lang: Lang,
        theme: Theme,
        today: NaiveDate,
    ) -> Result<App, StoreError> {
        let lock_minutes = store.setting_u64("lock_minutes")?.unwrap_or(5).max(1);
        let worker = store.worker()?;
        // The index kept in the data dir when it is up to date: a fast first frame.
        let index = store.index_or(kept)?;
        let mut app = App {
            shared: Shared {
                lang,
                theme,
                today,
                worker,
                index,
                lock_after: Duration::from_secs(60 * lock_minutes),
            },
            store,
            search: SearchScreen::default(),
            stack: Vec::new(),
            popup: None,
            covered: None,
            unlocked: None,
            message: None,
            job: None,
            undo: Vec::new(),
            drafts: Default::default(),
            outgoing: Vec::new(),
            mouse: false,
            last_activity: Instant::now(),
            quit: false,
        };
        app.search.refresh(&app.shared);
        // The interface keeps the index it built, so the next start is quick;
        // a failure (a full disk) is said, and the map still works.
        if let Err(e) = app.store.keep_index(&app.shared.index) {
            app.warn(crate::text::store_error(&e, lang));
        }
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The screen in front.
    pub fn screen(&self) -> Screen {
        self.stack.last().map_or(Screen::Search, View::screen)
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.popup.as_ref().map(Popup::overlay)
    }

    pub fn session(&self) -> Option<&Session> {
        self.unlocked.as_ref().map(|u| &u.session)
    }

    pub fn unlocked(&self) -> Option<&Unlocked> {
        self.unlocked.as_ref()
    }

    pub(super) fn popup(&self) -> Option<&Popup> {
        self.popup.as_ref()
    }

    pub(super) fn views(&self) -> &[View] {
        &self.stack
    }

    /// Where keys are read now.
    pub fn context(&self) -> Context {
        if let Some(popup) = &self.popup {
            return popup.context();
        }
        match self.stack.last() {
            Some(view) => view.context(),
            None => match self.search.focus {
                Focus::Line => Context::SearchLine,
                Focus::List => Context::ResultList,
            },
        }
    }

    /// Handles one terminal event through the key map, as the event loop does.
    pub fn handle_event(&mut self, event: &Event) {
        if matches!(event, Event::Key(_) | Event::Mouse(_)) {
            self.last_activity = Instant::now();
        }
        if let Some(key) = event.as_key_press_event() {
            self.handle_key(&key);
        } else if let Event::Mouse(mouse) = event {
            match mouse.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                _ => {}
            }
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) {
        if let Some(action) = keymap::resolve(self.context(), key) {
            self.message = None;
            self.update(action);
        }
    }

    /// Runs any job the last action asked for, without a progress bar (the
    /// event loop draws one; tests and scripts use this).
    pub fn run_jobs(&mut self) {
        while let Some(job) = self.job.take() {
            let done = job.run(&self.store, self.shared.worker.as_ref(), |_, _| {});
            self.finish(done);
        }
    }

    /// The entry under the selection in the result list.
    pub fn selected(&self) -> Option<&Doc> {
        self.search.selected(&self.shared.index)
    }

    /// Applies one action: the few that work everywhere here, the rest by
    /// the overlay or screen in front.
    pub fn update(&mut self, action: Action) {
        let in_case_form = self.overlay() == Some(Overlay::CaseForm);
        let effect = match action {
            Action::ForceQuit if self.overlay() == Some(Overlay::Confirm) => Effect::Quit,
            Action::ForceQuit | Action::Quit if self.has_unsaved_work() => {
                Effect::Show(Popup::Confirm(Confirm::Quit))
            }
            Action::ForceQuit => Effect::Quit,
            // A half-typed case form is kept as a draft when the screens lock.
            Action::Lock | Action::SwitchWorker | Action::ToggleMouse => Effect::App(action),
            Action::OpenCases | Action::OpenWaiting if !in_case_form => Effect::App(action),
            Action::Help if self.context() != Context::Help => {
                Effect::Show(Popup::Help(HelpState::from(self.context())))
            }
            _ => {
                let ctx = Ctx {
                    shared: &self.shared,
                    search: &self.search,
                    unlocked: self.unlocked.as_ref(),
                };
                if let Some(popup) = &mut self.popup {
                    popup.update(action, &ctx)
                } else if let Some(view) = self.stack.last_mut() {
                    view.update(action, &ctx)
                } else {
                    self.search.update(action, &self.shared)
                }
            }
        };
        self.apply(effect);
    }

    /// Carries out what a screen asked for.
    pub(super) fn apply(&mut self, effect: Effect) {
        match effect {
            Effect::None => {}
            Effect::Quit => self.quit = true,
            Effect::Push(view) => self.stack.push(view),
            Effect::Pop => {
                self.stack.pop();
            }
            Effect::Show(popup) => {
                let over = matches!(popup, Popup::Help(_) | Popup::Confirm(Confirm::Quit));
                let before = self.popup.replace(popup);
                if over && before.is_some() {
                    self.covered = before;
                }
            }
            Effect::Close => {
                let closing = std::mem::replace(&mut self.popup, self.covered.take());
                if let Some(Popup::CaseForm(form)) = closing
                    && self.keep_draft(form)
                {
                    self.tell(crate::text::C::DraftKept.get(self.shared.lang).to_string());
                }
            }
            Effect::Filter(change) => {
                self.popup = None;
                self.covered = None;
                self.stack.clear();
                self.search.filter(change, &self.shared);
            }
            Effect::Run(job) => {
                self.popup = None;
                self.job = Some(job);
            }
            Effect::App(action) => self.act(action),
        }
    }

    /// True when quitting now would lose something typed: an entry form
    /// with changes, or a case form with text in it (not the unlock form).
    fn has_unsaved_work(&self) -> bool {
        let typed = |p: &Popup| match p {
            Popup::CaseForm(form) => form.is_typed(),
            _ => false,
        };
        self.stack
            .iter()
            .any(|v| matches!(v, View::Form(form) if form.is_dirty()))
            || self.popup.as_ref().is_some_and(typed)
            || self.covered.as_ref().is_some_and(typed)
            || !self.drafts.is_empty()
    }

    /// An action that changes data, or needs the worker or the case data:
    /// the map's side in `edits`, the case side in `casework`.
    fn act(&mut self, action: Action) {
        use Action::*;
        match action {
            OpenCases | OpenWaiting | Lock | SwitchWorker | Refer | NewCase | AddNote | Propose
            | OpenInterventions | ShowSlip | EraseCase | Score(_) | Approve | Reject
            | RequestReview | EditProposal | MarkCarriedOut | Evaluate | Submit | OpenWorkers
            | EnrolWorker | EditWorker | RemoveWorker | SetBudget | SetLockMinutes => {
                self.casework(action)
            }
            Copy(_) | OpenWebsite | ToggleMouse | SaveSlip => self.hand_over(action),
            _ => self.edit(action),
        }
    }

    /// Rereads the store after a change, keeping the selection on `id` if it is still found.
    pub(super) fn reload(&mut self, id: Option<&str>) {
        match self.store.index(false) {
            Ok(index) => self.shared.index = index,
            Err(e) => self.warn(crate::text::store_error(&e, self.shared.lang)),
        }
        self.search.refresh(&self.shared);
        if let Some(id) = id {
            self.search.select(&self.shared.index, id);
        }
    }

    /// After a save of `id`: the index takes its new version in place (a
    /// few milliseconds at 100,000 entries, where building it again takes
    /// more than a second), and the selection stays on it if it is found.
    pub(super) fn reindex(&mut self, id: &str) {
        match self.store.record(id) {
            Ok(record) => {
                let doc = record
                    .and_then(|r| r.into_shown())
                    .map(|(entry, conflicted)| Doc { entry, conflicted });
                self.shared.index.update(vec![(id.to_string(), doc)]);
            }
            Err(e) => return self.warn(crate::text::store_error(&e, self.shared.lang)),
        }
        self.search.refresh(&self.shared);
        self.search.select(&self.shared.index, id);
    }

    pub(super) fn tell(&mut self, text: String) {
        self.message = Some(Message {
            text,
            warning: false,
        });
    }

    pub(super) fn warn(&mut self, text: String) {
        self.message = Some(Message {
            text,
            warning: true,
        });
    }
}
