//! The app's side of changing the map: forms, confirmations, undo, conflicts
//! and the shared-folder jobs. Every change is flushed to disk by the store
//! before the status line says it is done.

use super::action::Action;
use super::app::{App, Overlay, Screen, UndoStep};
use super::jobs::{Job, JobDone};
use super::screens::confirm::Confirm;
use super::screens::form::{FormState, IdentityForm, identity_problem};
use super::screens::prompt::{Ask, Prompt};
use super::textfield::TextField;
use crate::map::edit::{self, Worker};
use crate::map::entry::Entry;
use crate::map::file::FileProblem;
use crate::map::share::{Selection, exportable};
use crate::store::exchange::ImportError;
use crate::text::{self, Say, T, problem_message, say};
use chrono::Utc;
use std::path::PathBuf;

impl App {
    /// The worker, or `None` after opening the identity form (which goes on
    /// with `then` once saved).
    fn require_worker(&mut self, then: Action) -> Option<Worker> {
        if self.worker.is_none() {
            self.identity = Some(IdentityForm::new(then));
            self.overlay = Some(Overlay::Identity);
        }
        self.worker.clone()
    }

    pub(super) fn update_edit(&mut self, action: Action) {
        match self.overlay {
            Some(Overlay::Identity) => return self.update_identity(action),
            Some(Overlay::Confirm) => return self.update_confirm(action),
            Some(Overlay::Prompt) => return self.update_prompt(action),
            _ => {}
        }
        if self.screen == Screen::Form {
            return self.update_form(action);
        }
        match action {
            Action::NewEntry if self.require_worker(action).is_some() => {
                self.open_form(FormState::new_entry());
            }
            Action::EditEntry => self.edit_selected(),
            Action::DeleteEntry => {
                if self.require_worker(action).is_some()
                    && let Some(doc) = self.selected()
                {
                    let (id, name) = (doc.entry.id.clone(), doc.entry.name.clone());
                    self.confirm = Some(Confirm::Delete { id, name });
                    self.overlay = Some(Overlay::Confirm);
                }
            }
            Action::VerifyEntry => self.verify_selected(),
            Action::Undo => self.undo_last(),
            Action::Sync if self.require_worker(action).is_some() => {
                let last = self.store.sync_dir().ok().flatten().unwrap_or_default();
                self.ask(Ask::SyncFolder, &last.to_string_lossy(), String::new());
            }
            Action::Import => self.ask(Ask::ImportPath, "", String::new()),
            Action::Export => {
                let default = directories::UserDirs::new()
                    .map(|d| d.home_dir().join("wijkkaart-export.toml"))
                    .unwrap_or_else(|| PathBuf::from("wijkkaart-export.toml"));
                let count = self
                    .store
                    .records()
                    .map(|records| exportable(&records, &self.selection(), None).len())
                    .unwrap_or(0);
                let note = text::export_note(count, self.lang);
                self.ask(Ask::ExportPath, &default.to_string_lossy(), note);
            }
            _ => {}
        }
    }

    fn ask(&mut self, ask: Ask, default: &str, note: String) {
        self.prompt = Some(Prompt {
            ask,
            field: TextField::new(default),
            note,
        });
        self.overlay = Some(Overlay::Prompt);
    }

    /// What an export from the interface takes: the area and domain chips.
    fn selection(&self) -> Selection {
        Selection {
            domain_bits: self.filters.domain.map_or(0, |d| d.bit()),
            ..Selection::default()
        }
        .areas(self.filters.area.as_slice())
    }

    fn open_form(&mut self, form: FormState) {
        self.back_to = match self.screen {
            Screen::Form => self.back_to,
            other => other,
        };
        self.form = Some(form);
        self.screen = Screen::Form;
    }

    fn close_form(&mut self) {
        self.form = None;
        self.screen = self.back_to;
        if self.screen == Screen::Conflict {
            self.screen = Screen::Conflicts;
        }
    }

    fn edit_selected(&mut self) {
        if self.require_worker(Action::EditEntry).is_none() {
            return;
        }
        let Some(doc) = self.selected() else { return };
        let conflicted = doc.conflicted;
        let form = FormState::edit(&doc.entry);
        self.open_form(form);
        if conflicted {
            self.warn(T::EditResolves.get(self.lang).to_string());
        }
    }

    fn verify_selected(&mut self) {
        let Some(worker) = self.require_worker(Action::VerifyEntry) else {
            return;
        };
        let Some(id) = self.selected().map(|d| d.entry.id.clone()) else {
            return;
        };
        let Some(record) = self.record(&id) else {
            return;
        };
        let Some(content) = record.shown().cloned() else {
            return;
        };
        let checked = edit::verified(&content, &record, &worker.id, self.today, Utc::now());
        self.save(checked, Some(content), Say::Verified(id));
    }

    fn record(&mut self, id: &str) -> Option<crate::map::merge::Record> {
        match self.store.record(id) {
            Ok(record) => record,
            Err(e) => {
                self.warn(text::store_error(&e, self.lang));
                None
            }
        }
    }

    /// Saves a stamped version, remembers how to undo it, and reloads.
    fn save(&mut self, entry: Entry, before: Option<Entry>, done: Say) {
        let id = entry.id.clone();
        match self.store.save(entry) {
            Ok(_) => {
                self.undo.push(UndoStep {
                    id: id.clone(),
                    before,
                });
                self.reload(Some(&id));
                self.tell(say(&done, self.lang));
            }
            Err(e) => self.warn(text::store_error(&e, self.lang)),
        }
    }

    fn update_form(&mut self, action: Action) {
        let Some(form) = &mut self.form else { return };
        match action {
            Action::Save if form.picker.is_none() => self.save_form(),
            Action::Back if form.picker.is_none() => {
                if form.is_dirty() {
                    self.confirm = Some(Confirm::Discard);
                    self.overlay = Some(Overlay::Confirm);
                } else {
                    self.close_form();
                }
            }
            _ => form.update(action),
        }
    }

    fn save_form(&mut self) {
        let Some(worker) = self.worker.clone() else {
            return;
        };
        let Some(form) = &mut self.form else { return };
        let (mut entry, problems) = form.entry();
        if let Some((field, problem)) = problems.first() {
            let first = format!(
                "{}: {}",
                text::field_label(*field, self.lang),
                problem_message(problem, self.lang)
            );
            form.problems = problems;
            return self.warn(first);
        }
        let before = form.original.clone();
        let current = match &before {
            Some(original) => self.record(&original.id),
            None => {
                let store = &self.store;
                entry.id =
                    edit::new_id(&entry.name, |id| store.record(id).ok().flatten().is_some());
                None
            }
        };
        let stamped = edit::stamp(entry, current.as_ref(), &worker.id, Utc::now());
        let id = stamped.id.clone();
        self.close_form();
        self.save(stamped, before, Say::Saved(id));
    }

    fn undo_last(&mut self) {
        let Some(worker) = self.require_worker(Action::Undo) else {
            return;
        };
        let Some(step) = self.undo.pop() else {
            return self.tell(say(&Say::NothingToUndo, self.lang));
        };
        let Some(current) = self.record(&step.id) else {
            return;
        };
        // Undo is a new edit that puts the old content back, so it travels too.
        let version = match step.before {
            Some(before) => edit::stamp(before, Some(&current), &worker.id, Utc::now()),
            None => edit::tombstone(&current, &worker.id, Utc::now()),
        };
        match self.store.save(version) {
            Ok(_) => {
                self.reload(Some(&step.id));
                self.tell(say(&Say::Undone(step.id), self.lang));
            }
            Err(e) => self.warn(text::store_error(&e, self.lang)),
        }
    }

    fn update_identity(&mut self, action: Action) {
        let Some(form) = &mut self.identity else {
            return;
        };
        match action {
            Action::Back => {
                self.identity = None;
                self.overlay = None;
            }
            Action::Save => match form.worker() {
                Ok(worker) => match self.store.set_worker(&worker) {
                    Ok(()) => {
                        let then = form.then;
                        self.identity = None;
                        self.overlay = None;
                        self.tell(say(
                            &Say::IdentitySet {
                                name: worker.name.clone(),
                                id: worker.id.clone(),
                            },
                            self.lang,
                        ));
                        self.worker = Some(worker);
                        if let Some(then) = then {
                            self.update(then);
                        }
                    }
                    Err(e) => form.error = Some(text::store_error(&e, self.lang)),
                },
                Err(bad) => {
                    form.error = Some(identity_problem(bad, form.fields[0].text(), self.lang))
                }
            },
            _ => form.update(action),
        }
    }

    fn update_confirm(&mut self, action: Action) {
        let Some(confirm) = self.confirm.clone() else {
            return;
        };
        match action {
            Action::Yes => {
                self.confirm = None;
                self.overlay = None;
                match confirm {
                    Confirm::Discard => self.close_form(),
                    Confirm::Delete { id, .. } => self.delete(&id),
                }
            }
            Action::No | Action::Back => {
                self.confirm = None;
                self.overlay = None;
            }
            _ => {}
        }
    }

    fn delete(&mut self, id: &str) {
        let Some(worker) = self.worker.clone() else {
            return;
        };
        let Some(record) = self.record(id) else {
            return;
        };
        let before = record.shown().cloned();
        let gone = edit::tombstone(&record, &worker.id, Utc::now());
        if self.screen == Screen::Detail {
            self.screen = Screen::Search;
        }
        self.save(gone, before, Say::Deleted(id.to_string()));
    }

    fn update_prompt(&mut self, action: Action) {
        let Some(prompt) = &mut self.prompt else {
            return;
        };
        let field = &mut prompt.field;
        match action {
            Action::Back => {
                self.prompt = None;
                self.overlay = None;
            }
            Action::Open => {
                let path = PathBuf::from(field.text().trim());
                let ask = prompt.ask;
                self.prompt = None;
                self.overlay = None;
                if path.as_os_str().is_empty() {
                    return;
                }
                self.job = Some(match ask {
                    Ask::SyncFolder => Job::Sync(path),
                    Ask::ImportPath => Job::Import(path),
                    Ask::ExportPath => Job::Export {
                        path,
                        selection: self.selection(),
                    },
                });
            }
            other => {
                field.apply(other);
            }
        }
    }

    /// Takes the result of a job: reloads the map and says what happened.
    pub fn finish(&mut self, done: JobDone) {
        let lang = self.lang;
        match done {
            JobDone::Synced(Ok(report)) => {
                self.reload(None);
                let mut line = text::summary(&report.summary, lang);
                if !report.skipped.is_empty() {
                    line = format!(
                        "{line}; {}: {}",
                        say(&Say::Skipped(skipped_files(&report.skipped)), lang),
                        first_problem(&report.skipped, lang)
                    );
                    return self.warn(line);
                }
                self.tell(line);
            }
            JobDone::Imported(Ok(summary)) => {
                self.reload(None);
                self.tell(text::summary(&summary, lang));
            }
            JobDone::Exported(path, Ok(count)) => {
                self.tell(say(
                    &Say::Exported {
                        count,
                        path: path.display().to_string(),
                    },
                    lang,
                ));
            }
            JobDone::Synced(Err(e)) => self.warn(text::store_error(&e, lang)),
            JobDone::Imported(Err(ImportError::Problems(problems))) => {
                let line = format!(
                    "{} — {}",
                    first_problem(&problems, lang),
                    text::nothing_imported(problems.len(), lang)
                );
                self.warn(line);
            }
            JobDone::Imported(Err(ImportError::NoFiles(path))) => {
                self.warn(text::no_toml_files(&path.display().to_string(), lang));
            }
            JobDone::Imported(Err(ImportError::Store(e))) => self.warn(text::store_error(&e, lang)),
            JobDone::Exported(path, Err(e)) => {
                self.warn(text::write_failed(
                    &path.display().to_string(),
                    &e.to_string(),
                    lang,
                ));
            }
            JobDone::NoWorker => self.warn(say(&Say::NoIdentity, lang)),
        }
    }

    pub(super) fn update_conflicts(&mut self, action: Action) {
        let len = self.conflicts.records.len();
        match (self.screen, action) {
            (Screen::Conflicts, Action::Back) => self.screen = Screen::Search,
            (Screen::Conflicts, Action::Up) => self.conflicts.cursor.step(-1, len),
            (Screen::Conflicts, Action::Down) => self.conflicts.cursor.step(1, len),
            (Screen::Conflicts, Action::Open) if len > 0 => self.screen = Screen::Conflict,
            (Screen::Conflict, Action::Back) => self.screen = Screen::Conflicts,
            (Screen::Conflict, Action::Keep(n)) => self.keep_version(usize::from(n)),
            (Screen::Conflict, Action::EditEntry) => {
                if self.require_worker(action).is_none() {
                    return;
                }
                if let Some(first) = self
                    .conflicts
                    .selected()
                    .and_then(|r| r.shown().or(r.versions().first()))
                {
                    let form = FormState::edit(first);
                    self.open_form(form);
                }
            }
            _ => {}
        }
    }

    fn keep_version(&mut self, n: usize) {
        let Some(worker) = self.require_worker(Action::Keep(n as u8)) else {
            return;
        };
        let Some(record) = self.conflicts.selected().cloned() else {
            return;
        };
        let Some(kept) = n
            .checked_sub(1)
            .and_then(|i| record.versions().get(i))
            .cloned()
        else {
            return;
        };
        let before = record.shown().cloned();
        let resolution = edit::stamp(kept, Some(&record), &worker.id, Utc::now());
        self.save(resolution, before, Say::Saved(record.id().to_string()));
        self.load_conflicts();
        self.screen = Screen::Conflicts;
    }
}

fn skipped_files(problems: &[FileProblem]) -> usize {
    problems
        .iter()
        .map(|p| &p.path)
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

fn first_problem(problems: &[FileProblem], lang: crate::text::Lang) -> String {
    problems
        .first()
        .map_or_else(String::new, |p| text::file_problem_line(p, lang))
}
