//! The app state (the model) and `update`, which applies one action to it.
//! Changes to the map go through the store here (see `edits`), never from a screen.

use super::action::Action;
use super::jobs::Job;
use super::keymap::{self, Context};
use super::screens::areas::AreasState;
use super::screens::caseform::CaseForm;
use super::screens::cases::{CasePicker, CasesState, Reader};
use super::screens::confirm::Confirm;
use super::screens::conflicts::ConflictsState;
use super::screens::detail::DetailState;
use super::screens::domains::DomainsState;
use super::screens::form::{FormState, IdentityForm};
use super::screens::help::HelpState;
use super::screens::interventions::InterventionsState;
use super::screens::prompt::Prompt;
use super::screens::search::{Focus, SearchState};
use super::theme::Theme;
use crate::cases::book::Session;
use crate::map::domain::{Kind, LifeDomain};
use crate::map::edit::Worker;
use crate::map::entry::Entry;
use crate::map::query::Query;
use crate::map::search::{Doc, Index};
use crate::store::{Store, StoreError};
use crate::text::Lang;
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, MouseEventKind};
use std::time::{Duration, Instant};

/// The screens that fill the window.
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
}

/// What can float over a screen.
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

/// Filters chosen by key (shown as chips), on top of what the search line says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    pub area: Option<String>,
    pub domain: Option<LifeDomain>,
    /// Only entries due for a check, oldest first.
    pub stale: bool,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

/// A line in the status bar after an action: what happened, or what went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub warning: bool,
}

/// One edit of this session that `u` can take back: the content before it.
#[derive(Clone, Debug)]
pub(super) struct UndoStep {
    pub id: String,
    /// `None` when the edit created the entry.
    pub before: Option<Entry>,
}

pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    /// "Today", injected so that tests and snapshots do not change with the date.
    pub today: NaiveDate,
    pub(super) store: Store,
    pub worker: Option<Worker>,
    pub index: Index,
    pub screen: Screen,
    /// Where Esc from a form or conflict goes back to.
    pub(super) back_to: Screen,
    pub overlay: Option<Overlay>,
    pub filters: Filters,
    pub search: SearchState,
    pub detail: DetailState,
    pub domains: DomainsState,
    pub areas: AreasState,
    pub help: HelpState,
    pub form: Option<FormState>,
    pub identity: Option<IdentityForm>,
    pub confirm: Option<Confirm>,
    pub prompt: Option<Prompt>,
    pub conflicts: ConflictsState,
    pub message: Option<Message>,
    pub(super) undo: Vec<UndoStep>,
    /// Work for the event loop to run with a progress bar.
    pub job: Option<Job>,
    /// The worker who unlocked the case data; `None` while locked.
    pub session: Option<Session>,
    pub cases: CasesState,
    pub interventions: InterventionsState,
    pub case_form: Option<CaseForm>,
    pub picker: Option<CasePicker>,
    pub reader: Option<Reader>,
    /// The last key or click, for the idle lock.
    pub(super) last_activity: Instant,
    /// Case screens lock after this long without input.
    pub lock_after: Duration,
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
        let lock_minutes = store.setting_u64("lock_minutes")?.unwrap_or(5).max(1);
        let worker = store.worker()?;
        // The index kept in the data dir when it is up to date: a fast first frame.
        let index = store.index(false)?;
        let mut app = App {
            lang,
            theme,
            today,
            store,
            worker,
            index,
            screen: Screen::Search,
            back_to: Screen::Search,
            overlay: None,
            filters: Filters::default(),
            search: SearchState::default(),
            detail: DetailState::default(),
            domains: DomainsState::default(),
            areas: AreasState::default(),
            help: HelpState::default(),
            form: None,
            identity: None,
            confirm: None,
            prompt: None,
            conflicts: ConflictsState::default(),
            message: None,
            undo: Vec::new(),
            job: None,
            session: None,
            cases: CasesState::default(),
            interventions: InterventionsState::default(),
            case_form: None,
            picker: None,
            reader: None,
            last_activity: Instant::now(),
            lock_after: Duration::from_secs(60 * lock_minutes),
            quit: false,
        };
        app.refresh();
        Ok(app)
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where keys are read now.
    pub fn context(&self) -> Context {
        match self.overlay {
            Some(Overlay::Help) => return Context::Help,
            Some(Overlay::Areas) => return Context::Areas,
            Some(Overlay::Identity) => return Context::Form,
            Some(Overlay::Confirm) => return Context::Confirm,
            Some(Overlay::Prompt) => return Context::Prompt,
            Some(Overlay::CaseForm) => return Context::Form,
            Some(Overlay::Picker) => return Context::Picker,
            Some(Overlay::Reader) => return Context::Reader,
            None => {}
        }
        match self.screen {
            Screen::Detail => Context::Detail,
            Screen::Domains => Context::Domains,
            Screen::Form if self.form.as_ref().is_some_and(|f| f.picker.is_some()) => {
                Context::DomainPicker
            }
            Screen::Form => Context::Form,
            Screen::Conflicts => Context::Conflicts,
            Screen::Conflict => Context::Conflict,
            Screen::Cases => Context::Cases,
            Screen::Case => Context::Case,
            Screen::Interventions => Context::Interventions,
            Screen::Intervention => Context::Intervention,
            Screen::Search => match self.search.focus {
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
            let done = job.run(&self.store, self.worker.as_ref(), |_, _| {});
            self.finish(done);
        }
    }

    /// The query the results come from: the search line plus the chips.
    pub fn query(&self) -> Query {
        Query::parse(&self.search.query)
            .with_domain(self.filters.domain)
            .with_areas(self.filters.area.as_slice())
            .with_kind(self.filters.kind)
    }

    /// Recomputes the results after the query or a filter changed.
    pub(super) fn refresh(&mut self) {
        let query = self.query();
        self.search.unknown_domains = query.unknown_domains.clone();
        let mut hits = self.index.search(&query);
        if self.filters.stale {
            let today = self.today;
            hits.retain(|&h| self.index.doc(h).entry.is_stale(today));
            hits.sort_by_key(|&h| self.index.doc(h).entry.verified);
        }
        self.search.hits = hits;
        self.search.cursor.reset();
    }

    /// Rereads the store after a change, keeping the selection on `id` if it is still found.
    pub(super) fn reload(&mut self, id: Option<&str>) {
        match self.store.index(false) {
            Ok(index) => self.index = index,
            Err(e) => self.warn(crate::text::store_error(&e, self.lang)),
        }
        self.refresh();
        if let Some(id) = id
            && let Some(pos) = self
                .search
                .hits
                .iter()
                .position(|&h| self.index.doc(h).entry.id == id)
        {
            self.search.cursor.selected = pos;
        }
    }

    /// Reads the conflicted records for the conflicts screen.
    pub(super) fn load_conflicts(&mut self) {
        match self.store.records() {
            Ok(records) => {
                self.conflicts.records = records.into_iter().filter(|r| r.is_conflicted()).collect()
            }
            Err(e) => self.warn(crate::text::store_error(&e, self.lang)),
        }
        self.conflicts.cursor.reset();
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

    /// The entry under the selection in the result list.
    pub fn selected(&self) -> Option<&Doc> {
        self.search
            .hits
            .get(self.search.cursor.selected)
            .map(|&hit| self.index.doc(hit))
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::ForceQuit => self.quit = true,
            Action::OpenCases | Action::OpenWaiting | Action::Lock | Action::SwitchWorker
                if self.overlay != Some(Overlay::CaseForm) =>
            {
                self.update_case(action)
            }
            Action::Help if self.context() != Context::Help => {
                self.help.scroll = 0;
                self.overlay = Some(Overlay::Help);
            }
            _ => match self.context() {
                Context::Help => self.help.update(action, &mut self.overlay),
                Context::Areas => self.update_areas(action),
                Context::Detail => match action {
                    Action::Back => self.screen = Screen::Search,
                    Action::Refer => self.update_case(action),
                    Action::EditEntry | Action::DeleteEntry | Action::VerifyEntry => {
                        self.update_edit(action)
                    }
                    _ => self.detail.update(action),
                },
                Context::Domains => self.update_domains(action),
                Context::SearchLine | Context::ResultList | Context::Everywhere => {
                    self.update_search(action)
                }
                Context::Form if self.overlay == Some(Overlay::CaseForm) => {
                    self.update_case(action)
                }
                Context::Form | Context::DomainPicker | Context::Confirm | Context::Prompt => {
                    self.update_edit(action)
                }
                Context::Cases
                | Context::Case
                | Context::Interventions
                | Context::Intervention
                | Context::Picker
                | Context::Reader => self.update_case(action),
                Context::Conflicts | Context::Conflict => self.update_conflicts(action),
            },
        }
    }

    fn update_search(&mut self, action: Action) {
        let len = self.search.hits.len();
        let page = self.search.cursor.page_size();
        match action {
            Action::Quit => self.quit = true,
            Action::Type(c) => {
                self.search.query.push(c);
                self.refresh();
            }
            Action::DeleteChar => {
                if self.search.query.pop().is_some() {
                    self.refresh();
                }
            }
            Action::ClearQuery => {
                self.search.query.clear();
                self.refresh();
            }
            Action::FocusSearch => self.search.focus = Focus::Line,
            Action::FocusList => self.search.focus = Focus::List,
            Action::Back => match self.search.focus {
                Focus::Line => self.search.focus = Focus::List,
                Focus::List if !self.search.query.is_empty() || !self.filters.is_empty() => {
                    self.search.query.clear();
                    self.filters = Filters::default();
                    self.refresh();
                }
                Focus::List => self.search.focus = Focus::Line,
            },
            Action::Up => self.search.cursor.step(-1, len),
            Action::Down => self.search.cursor.step(1, len),
            Action::PageUp => self.search.cursor.step(-page, len),
            Action::PageDown => self.search.cursor.step(page, len),
            Action::Home => self.search.cursor.step(isize::MIN / 2, len),
            Action::End => self.search.cursor.step(isize::MAX / 2, len),
            Action::Open => {
                if self.selected().is_some() {
                    self.detail.scroll = 0;
                    self.screen = Screen::Detail;
                }
            }
            Action::ShowDomains => {
                let query = Query::parse(&self.search.query)
                    .with_areas(self.filters.area.as_slice())
                    .with_kind(self.filters.kind);
                self.domains.counts = self.index.domain_counts(&query);
                self.domains.cursor.reset();
                if let Some(d) = self.filters.domain {
                    self.domains.cursor.selected = d.index();
                }
                self.screen = Screen::Domains;
            }
            Action::CycleKind => {
                self.filters.kind = match self.filters.kind {
                    None => Some(Kind::KeyFigure),
                    Some(Kind::KeyFigure) => Some(Kind::Initiative),
                    Some(Kind::Initiative) => Some(Kind::Service),
                    Some(Kind::Service) => None,
                };
                self.refresh();
            }
            Action::ToggleStale => {
                self.filters.stale = !self.filters.stale;
                self.refresh();
            }
            Action::PickArea => {
                self.areas
                    .open(self.index.areas(), self.filters.area.as_deref());
                self.overlay = Some(Overlay::Areas);
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.refresh();
            }
            Action::Refer => self.update_case(action),
            Action::ShowConflicts => {
                self.load_conflicts();
                self.screen = Screen::Conflicts;
            }
            _ => self.update_edit(action),
        }
    }

    fn update_domains(&mut self, action: Action) {
        let len = LifeDomain::ALL.len();
        match action {
            Action::Back => self.screen = Screen::Search,
            Action::Open => {
                self.filters.domain = Some(LifeDomain::ALL[self.domains.cursor.selected]);
                self.screen = Screen::Search;
                self.search.focus = Focus::List;
                self.refresh();
            }
            Action::Up => self.domains.cursor.step(-1, len),
            Action::Down => self.domains.cursor.step(1, len),
            Action::Home => self.domains.cursor.step(-(len as isize), len),
            Action::End => self.domains.cursor.step(len as isize, len),
            _ => {}
        }
    }

    fn update_areas(&mut self, action: Action) {
        let len = self.areas.len();
        let page = self.areas.cursor.page_size();
        match action {
            Action::Back => self.overlay = None,
            Action::Open => {
                self.filters.area = self.areas.chosen();
                self.overlay = None;
                self.search.focus = Focus::List;
                self.refresh();
            }
            Action::Up => self.areas.cursor.step(-1, len),
            Action::Down => self.areas.cursor.step(1, len),
            Action::PageUp => self.areas.cursor.step(-page, len),
            Action::PageDown => self.areas.cursor.step(page, len),
            Action::Home => self.areas.cursor.step(-(len as isize), len),
            Action::End => self.areas.cursor.step(len as isize, len),
            _ => {}
        }
    }
}
