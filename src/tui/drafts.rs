//! Nothing typed is lost: a case form closed half-typed, or open when the
//! case screens lock, is kept as a draft of its worker and given back when
//! that worker opens the same form again or unlocks again. Drafts live in
//! memory only, never on disk (case text is written encrypted or not at
//! all), and never hold a passphrase. Only the worker who typed a draft
//! gets it back.

use super::app::App;
use super::screens::caseform::CaseForm;
use super::screens::{Popup, View};

/// A case form with typed text, kept for its worker.
struct Draft {
    worker: String,
    case: Option<String>,
    form: CaseForm,
}

/// Where a worker was when the case screens locked over a half-typed form.
struct Parked {
    worker: String,
    views: Vec<View>,
    form: CaseForm,
}

/// The drafts of this session, in memory.
#[derive(Default)]
pub struct Drafts {
    kept: Vec<Draft>,
    parked: Vec<Parked>,
}

impl Drafts {
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.parked.is_empty()
    }
}

impl App {
    fn session_worker(&self) -> Option<String> {
        self.session().map(|s| s.worker.id.clone())
    }

    fn case_on_screen(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|v| match v {
            View::Case(c) => Some(c.id.clone()),
            _ => None,
        })
    }

    /// Keeps a case form that is being closed, when something was typed in it.
    /// True when it was kept.
    pub(super) fn keep_draft(&mut self, form: CaseForm) -> bool {
        let Some(worker) = self.session_worker() else {
            return false;
        };
        if !form.is_typed() {
            return false;
        }
        let case = self.case_on_screen();
        self.drafts
            .kept
            .retain(|d| !(d.worker == worker && d.case == case && d.form.purpose == form.purpose));
        self.drafts.kept.push(Draft {
            worker,
            case,
            form: form.into_draft(),
        });
        true
    }

    /// The draft of this worker for the same form on the same case, if one
    /// was kept; otherwise `fresh`.
    pub(super) fn with_draft(&mut self, fresh: CaseForm) -> CaseForm {
        let (Some(worker), case) = (self.session_worker(), self.case_on_screen()) else {
            return fresh;
        };
        let found =
            self.drafts.kept.iter().position(|d| {
                d.worker == worker && d.case == case && d.form.purpose == fresh.purpose
            });
        match found {
            Some(i) => self.drafts.kept.remove(i).form,
            None => fresh,
        }
    }

    /// Before the case screens lock: a half-typed case form in front (or
    /// under help) is parked with the case screens it was opened on. True
    /// when something was parked.
    pub(super) fn park(&mut self) -> bool {
        let Some(worker) = self.session_worker() else {
            return false;
        };
        let typed = |p: &Option<Popup>| matches!(p, Some(Popup::CaseForm(f)) if f.is_typed());
        let form = if typed(&self.popup) {
            self.popup.take()
        } else if typed(&self.covered) {
            self.covered.take()
        } else {
            None
        };
        let Some(Popup::CaseForm(form)) = form else {
            return false;
        };
        let views = match self.stack.iter().position(View::holds_case_data) {
            Some(first) => self.stack.split_off(first),
            None => Vec::new(),
        };
        self.drafts.parked.retain(|p| p.worker != worker);
        self.drafts.parked.push(Parked {
            worker,
            views,
            form: form.into_draft(),
        });
        true
    }

    /// After unlocking: the worker who parked a form gets the case screens
    /// and the form back, as they were. True when there was one.
    pub(super) fn unpark(&mut self) -> bool {
        let Some(worker) = self.session_worker() else {
            return false;
        };
        let Some(i) = self.drafts.parked.iter().position(|p| p.worker == worker) else {
            return false;
        };
        let parked = self.drafts.parked.remove(i);
        self.stack.retain(|v| !v.holds_case_data());
        self.stack.extend(parked.views);
        self.popup = Some(Popup::CaseForm(parked.form));
        true
    }
}
