//! The app's side of changing the map: forms, confirmations, undo, conflicts
//! and the shared-folder jobs. Every change is flushed to disk by the store
//! before the status line says it is done.

use super::action::Action;
use super::app::{App, Screen, UndoStep};
use super::effect::Effect;
use super::jobs::JobDone;
use super::screens::confirm::Confirm;
use super::screens::conflicts::ConflictsState;
use super::screens::form::{FormState, IdentityForm, identity_problem};
use super::screens::prompt::{Ask, Prompt};
use super::screens::{Popup, View};
use crate::map::duplicates::possible_duplicates;
use crate::map::edit::{self, Worker};
use crate::map::entry::Entry;
use crate::map::file::FileProblem;
use crate::map::merge::Record;
use crate::map::share::exportable;
use crate::store::exchange::ImportError;
use crate::text::{self, Say, T, problem_message, say};
use chrono::Utc;
use std::path::PathBuf;

impl App {
    /// The worker, or `None` after opening the identity form (which goes on
    /// with `then` once saved).
    fn require_worker(&mut self, then: Action) -> Option<Worker> {
        if self.shared.worker.is_none() {
            self.popup = Some(Popup::Identity(IdentityForm::new(then)));
        }
        self.shared.worker.clone()
    }

    pub(super) fn edit(&mut self, action: Action) {
        match action {
            Action::Save => match self.popup {
                Some(Popup::Identity(_)) => self.save_identity(),
                _ => self.save_form(),
            },
            Action::Yes => self.confirmed(),
            Action::NewEntry if self.require_worker(action).is_some() => {
                self.open_form(FormState::new_entry());
            }
            Action::EditEntry => self.edit_shown(),
            Action::DeleteEntry => {
                if self.require_worker(action).is_some()
                    && let Some(doc) = self.selected()
                {
                    let (id, name) = (doc.entry.id.clone(), doc.entry.name.clone());
                    self.popup = Some(Popup::Confirm(Confirm::Delete { id, name }));
                }
            }
            Action::VerifyEntry => self.verify_selected(),
            Action::Undo => self.undo_last(),
            Action::Keep(n) => self.keep_version(usize::from(n)),
            Action::ShowConflicts => {
                let records = self.records();
                self.stack
                    .push(View::Conflicts(ConflictsState::of(records)));
            }
            Action::Sync if self.require_worker(action).is_some() => {
                let last = self.store.sync_dir().ok().flatten().unwrap_or_default();
                let prompt = Prompt::new(Ask::SyncFolder, &last.to_string_lossy(), String::new());
                self.popup = Some(Popup::Prompt(prompt));
            }
            Action::Import => {
                self.popup = Some(Popup::Prompt(Prompt::new(
                    Ask::ImportPath,
                    "",
                    String::new(),
                )))
            }
            Action::Export => {
                let default = directories::UserDirs::new()
                    .map(|d| d.home_dir().join("wijkkaart-export.toml"))
                    .unwrap_or_else(|| PathBuf::from("wijkkaart-export.toml"));
                let selection = self.search.selection(&self.shared.index);
                let count = exportable(&self.records(), &selection, None).len();
                let note = text::export_note(count, self.shared.lang);
                let prompt = Prompt::new(Ask::ExportPath, &default.to_string_lossy(), note);
                self.popup = Some(Popup::Prompt(prompt));
            }
            _ => {}
        }
    }

    /// Every record, or none with a warning when the store cannot be read.
    fn records(&mut self) -> Vec<Record> {
        match self.store.records() {
            Ok(records) => records,
            Err(e) => {
                self.warn(text::store_error(&e, self.shared.lang));
                Vec::new()
            }
        }
    }

    fn open_form(&mut self, form: FormState) {
        self.stack.push(View::Form(Box::new(form)));
    }

    /// Closes the entry form, and the conflict it resolved, if any.
    fn close_form(&mut self) {
        if self.screen() == Screen::Form {
            self.stack.pop();
        }
        if self.screen() == Screen::Conflict {
            self.stack.pop();
        }
    }

    /// Edits the entry shown: the first version of a conflict on the
    /// conflict screen, the selected entry elsewhere.
    fn edit_shown(&mut self) {
        if self.require_worker(Action::EditEntry).is_none() {
            return;
        }
        if let Some(View::Conflict(c)) = self.stack.last() {
            let record = &c.record;
            if let Some(first) = record.shown().or(record.versions().first()) {
                let form = FormState::edit(first);
                self.open_form(form);
            }
            return;
        }
        let Some(doc) = self.selected() else { return };
        let conflicted = doc.conflicted;
        let form = FormState::edit(&doc.entry);
        self.open_form(form);
        if conflicted {
            self.warn(T::EditResolves.get(self.shared.lang).to_string());
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
        let today = self.shared.today;
        let replica = self.replica(&worker);
        let by = author(&worker, &replica);
        let checked = edit::verified(&content, &record, by, today, Utc::now());
        self.save(checked, Some(content), Say::Verified);
    }

    /// This data dir's replica id, for the dots of the worker's edits.
    fn replica(&mut self, worker: &Worker) -> String {
        match self.store.replica() {
            Ok(Some(replica)) => replica,
            Ok(None) => worker.id.clone(),
            Err(e) => {
                self.warn(text::store_error(&e, self.shared.lang));
                worker.id.clone()
            }
        }
    }

    fn record(&mut self, id: &str) -> Option<Record> {
        match self.store.record(id) {
            Ok(record) => record,
            Err(e) => {
                self.warn(text::store_error(&e, self.shared.lang));
                None
            }
        }
    }

    /// Saves a stamped version, remembers how to undo it, and reloads.
    /// Saves a version; the message names the entry (`done` gets its name).
    fn save(&mut self, entry: Entry, before: Option<Entry>, done: fn(String) -> Say) {
        let id = entry.id.clone();
        let name = [Some(&entry), before.as_ref()]
            .into_iter()
            .flatten()
            .map(|e| e.name.clone())
            .find(|n| !n.is_empty())
            .unwrap_or_else(|| id.clone());
        let done = done(name);
        match self.store.save(entry) {
            Ok(_) => {
                self.undo.push(UndoStep {
                    id: id.clone(),
                    before,
                });
                self.reindex(&id);
                self.tell(say(&done, self.shared.lang));
            }
            Err(e) => self.warn(text::store_error(&e, self.shared.lang)),
        }
    }

    fn save_form(&mut self) {
        let Some(worker) = self.shared.worker.clone() else {
            return;
        };
        let lang = self.shared.lang;
        let Some(View::Form(form)) = self.stack.last_mut() else {
            return;
        };
        let (mut entry, problems) = form.entry();
        if let Some((field, problem)) = problems.first() {
            let first = format!(
                "{}: {}",
                text::field_label(*field, lang),
                problem_message(problem, lang)
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
        let resolves = self.screen_under_form() == Some(Screen::Conflict);
        let replica = self.replica(&worker);
        let stamped = edit::stamp(
            entry,
            current.as_ref(),
            author(&worker, &replica),
            Utc::now(),
        );
        self.close_form();
        self.save(stamped, before, Say::Saved);
        if resolves {
            self.reload_conflicts();
        }
    }

    /// The screen the entry form was opened from.
    fn screen_under_form(&self) -> Option<Screen> {
        let n = self.stack.len();
        (n >= 2).then(|| self.stack[n - 2].screen())
    }

    fn undo_last(&mut self) {
        let Some(worker) = self.require_worker(Action::Undo) else {
            return;
        };
        let lang = self.shared.lang;
        let Some(step) = self.undo.pop() else {
            return self.tell(say(&Say::NothingToUndo, lang));
        };
        let Some(current) = self.record(&step.id) else {
            return;
        };
        let name = step
            .before
            .as_ref()
            .or(current.shown())
            .map_or_else(|| step.id.clone(), |e| e.name.clone());
        // Undo is a new edit that puts the old content back, so it travels too.
        let replica = self.replica(&worker);
        let by = author(&worker, &replica);
        let version = match step.before {
            Some(before) => edit::stamp(before, Some(&current), by, Utc::now()),
            None => edit::tombstone(&current, by, Utc::now()),
        };
        match self.store.save(version) {
            Ok(_) => {
                self.reindex(&step.id);
                self.tell(say(&Say::Undone(name), lang));
            }
            Err(e) => self.warn(text::store_error(&e, lang)),
        }
    }

    fn save_identity(&mut self) {
        let lang = self.shared.lang;
        let Some(Popup::Identity(form)) = &mut self.popup else {
            return;
        };
        let worker = match form.worker() {
            Ok(worker) => worker,
            Err(bad) => {
                form.error = Some(identity_problem(bad, form.fields[0].text(), lang));
                return;
            }
        };
        if let Err(e) = self.store.set_worker(&worker) {
            form.error = Some(text::store_error(&e, lang));
            return;
        }
        let then = form.then;
        self.popup = None;
        self.tell(say(
            &Say::IdentitySet {
                name: worker.name.clone(),
                id: worker.id.clone(),
            },
            lang,
        ));
        self.shared.worker = Some(worker);
        if let Some(then) = then {
            self.update(then);
        }
    }

    /// "Yes" to the question on screen.
    fn confirmed(&mut self) {
        let Some(Popup::Confirm(confirm)) = self.popup.take() else {
            return;
        };
        match confirm {
            Confirm::Discard => self.close_form(),
            Confirm::Delete { id, .. } => self.delete(&id),
            Confirm::Keep { n, .. } => self.keep_version(usize::from(n)),
            Confirm::Quit => self.quit = true,
            Confirm::Score { domain, score, .. } => self.set_score(domain, score),
        }
    }

    fn delete(&mut self, id: &str) {
        let Some(worker) = self.shared.worker.clone() else {
            return;
        };
        let Some(record) = self.record(id) else {
            return;
        };
        let before = record.shown().cloned();
        let replica = self.replica(&worker);
        let gone = edit::tombstone(&record, author(&worker, &replica), Utc::now());
        if self.screen() == Screen::Detail {
            self.apply(Effect::Pop);
        }
        self.save(gone, before, Say::Deleted);
    }

    /// Takes the result of a job: reloads the map and says what happened.
    pub fn finish(&mut self, done: JobDone) {
        let lang = self.shared.lang;
        match done {
            JobDone::Synced(Ok(report)) => {
                self.reload(None);
                let mut line = text::summary(&report.summary, lang);
                if report.summary.added > 0 {
                    let duplicates = self
                        .store
                        .records()
                        .map(|rs| possible_duplicates(rs.iter().filter_map(|r| r.shown())).len())
                        .unwrap_or(0);
                    if duplicates > 0 {
                        line = format!(
                            "{line}; {}",
                            say(&Say::PossibleDuplicates(duplicates), lang)
                        );
                    }
                }
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
            JobDone::Saved(path, Ok(())) => {
                self.tell(say(&Say::Written(path.display().to_string()), lang));
            }
            JobDone::Saved(path, Err(e)) => {
                self.warn(text::write_failed(
                    &path.display().to_string(),
                    &e.to_string(),
                    lang,
                ));
            }
            JobDone::NoWorker => self.warn(say(&Say::NoIdentity, lang)),
        }
    }

    /// Keeps value `n` of the field selected on the conflict screen (of
    /// every conflicted field when none is selected), as a new edit.
    fn keep_version(&mut self, n: usize) {
        let Some(worker) = self.require_worker(Action::Keep(n as u8)) else {
            return;
        };
        let Some(View::Conflict(c)) = self.stack.last() else {
            return;
        };
        let record = c.record.clone();
        let field = c.selected_field();
        let replica = self.replica(&worker);
        let by = author(&worker, &replica);
        let Ok(resolution) = edit::resolve(&record, field, n, by, Utc::now()) else {
            return;
        };
        let before = record.shown().cloned();
        let done = !resolution.is_conflicted();
        if !done {
            // Other fields are still in conflict: stay on the screen, with the rest.
            let id = record.id().to_string();
            self.save(resolution, before, Say::Saved);
            if let Some(record) = self.record(&id)
                && let Some(View::Conflict(c)) = self.stack.last_mut()
            {
                c.refresh(record);
            }
            return;
        }
        self.stack.pop();
        self.save(resolution, before, Say::Saved);
        self.reload_conflicts();
    }

    /// Rereads the conflicts list after a resolution.
    fn reload_conflicts(&mut self) {
        if self.screen() == Screen::Conflicts {
            let records = self.records();
            if let Some(View::Conflicts(list)) = self.stack.last_mut() {
                *list = ConflictsState::of(records);
            }
        }
    }
}

fn author<'a>(worker: &'a Worker, replica: &'a str) -> edit::Author<'a> {
    edit::Author {
        worker: &worker.id,
        replica,
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
