//! The app state (the model) and `update`, which applies one action to it.

use super::action::Action;
use super::keymap::{self, Context};
use super::screens::areas::AreasState;
use super::screens::detail::DetailState;
use super::screens::domains::DomainsState;
use super::screens::help::HelpState;
use super::screens::search::{Focus, SearchState};
use super::theme::Theme;
use crate::map::domain::{Kind, LifeDomain};
use crate::map::query::Query;
use crate::map::search::{Doc, Index};
use crate::text::Lang;
use chrono::NaiveDate;
use ratatui::crossterm::event::{Event, KeyEvent, MouseEventKind};

/// The screens that fill the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Search,
    Detail,
    Domains,
}

/// What can float over a screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Areas,
}

/// Filters chosen by key (shown as chips), on top of what the search line says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    pub area: Option<String>,
    pub domain: Option<LifeDomain>,
}

impl Filters {
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }
}

pub struct App {
    pub lang: Lang,
    pub theme: Theme,
    /// "Today", injected so that tests and snapshots do not change with the date.
    pub today: NaiveDate,
    pub index: Index,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub filters: Filters,
    pub search: SearchState,
    pub detail: DetailState,
    pub domains: DomainsState,
    pub areas: AreasState,
    pub help: HelpState,
    pub quit: bool,
}

impl App {
    pub fn new(index: Index, lang: Lang, theme: Theme, today: NaiveDate) -> App {
        let mut app = App {
            lang,
            theme,
            today,
            index,
            screen: Screen::Search,
            overlay: None,
            filters: Filters::default(),
            search: SearchState::default(),
            detail: DetailState::default(),
            domains: DomainsState::default(),
            areas: AreasState::default(),
            help: HelpState::default(),
            quit: false,
        };
        app.refresh();
        app
    }

    /// Where keys are read now.
    pub fn context(&self) -> Context {
        match (self.overlay, self.screen) {
            (Some(Overlay::Help), _) => Context::Help,
            (Some(Overlay::Areas), _) => Context::Areas,
            (None, Screen::Detail) => Context::Detail,
            (None, Screen::Domains) => Context::Domains,
            (None, Screen::Search) => match self.search.focus {
                Focus::Line => Context::SearchLine,
                Focus::List => Context::ResultList,
            },
        }
    }

    /// Handles one terminal event through the key map, as the event loop does.
    pub fn handle_event(&mut self, event: &Event) {
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
            self.update(action);
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
    fn refresh(&mut self) {
        let query = self.query();
        self.search.unknown_domains = query.unknown_domains.clone();
        self.search.hits = self.index.search(&query);
        self.search.cursor.reset();
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
            Action::Help => {
                self.help.scroll = 0;
                self.overlay = Some(Overlay::Help);
            }
            _ => match self.context() {
                Context::Help => self.help.update(action, &mut self.overlay),
                Context::Areas => self.update_areas(action),
                Context::Detail => {
                    if action == Action::Back {
                        self.screen = Screen::Search;
                    } else {
                        self.detail.update(action);
                    }
                }
                Context::Domains => self.update_domains(action),
                Context::SearchLine | Context::ResultList | Context::Everywhere => {
                    self.update_search(action)
                }
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
            Action::PickArea => {
                self.areas
                    .open(self.index.areas(), self.filters.area.as_deref());
                self.overlay = Some(Overlay::Areas);
            }
            Action::ClearFilters => {
                self.filters = Filters::default();
                self.refresh();
            }
            Action::Help | Action::ForceQuit => {}
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
