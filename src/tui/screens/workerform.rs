//! The forms of the worker list and the policies: each asks what changes,
//! then the two workers who decide, each with their passphrase, on the same
//! form. Enrolment asks the new passphrase twice. Passphrases are held in
//! zeroizing buffers from the field to the case book.

use super::caseform::{CaseForm, PLAIN, Purpose, SECRET};
use crate::lang::Lang;
use crate::tui::action::Action;
use crate::tui::text::{W, remove_question};
use zeroize::Zeroizing;

/// What a worker form is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WorkerPurpose {
    /// Enrol a worker, with `vouchers` enrolled workers vouching (0 for the
    /// laptop's first, 1 while one is enrolled, else 2); `then` goes on
    /// after the first-run enrolment (unlocked as the new worker).
    Enrol {
        vouchers: usize,
        then: Option<Action>,
    },
    Edit(String),
    Remove(String),
    Budget,
    LockMinutes,
}

impl WorkerPurpose {
    /// How many fields come before the vouching workers'.
    fn own_fields(&self) -> usize {
        match self {
            WorkerPurpose::Enrol { .. } => 5,
            WorkerPurpose::Edit(_) => 2,
            WorkerPurpose::Remove(_) => 0,
            WorkerPurpose::Budget | WorkerPurpose::LockMinutes => 1,
        }
    }
}

/// One worker who takes part in a decision, with their passphrase.
pub struct Voucher {
    pub id: String,
    pub passphrase: Zeroizing<String>,
}

/// A submitted worker form, by name.
pub enum WorkerSubmitted {
    Enrol {
        id: String,
        name: String,
        organisation: String,
        passphrase: Zeroizing<String>,
        again: Zeroizing<String>,
        by: Vec<Voucher>,
        then: Option<Action>,
    },
    Edit {
        id: String,
        name: String,
        organisation: String,
        by: Vec<Voucher>,
    },
    Remove {
        id: String,
        by: Vec<Voucher>,
    },
    Budget {
        amount: String,
        by: Vec<Voucher>,
    },
    LockMinutes {
        minutes: String,
        by: Vec<Voucher>,
    },
}

/// Debug output never holds a passphrase: the worker's id only.
impl std::fmt::Debug for Voucher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Voucher")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// Debug output never holds a passphrase: what the form is for, and who decides.
impl std::fmt::Debug for WorkerSubmitted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (what, id, by) = match self {
            WorkerSubmitted::Enrol { id, by, .. } => ("Enrol", id.as_str(), by),
            WorkerSubmitted::Edit { id, by, .. } => ("Edit", id.as_str(), by),
            WorkerSubmitted::Remove { id, by } => ("Remove", id.as_str(), by),
            WorkerSubmitted::Budget { by, .. } => ("Budget", "", by),
            WorkerSubmitted::LockMinutes { by, .. } => ("LockMinutes", "", by),
        };
        f.debug_struct(what)
            .field("id", &id)
            .field("by", by)
            .finish_non_exhaustive()
    }
}

type Spec<'a> = Vec<(&'static str, &'a str, bool)>;

/// The fields of the deciding workers: one (`second` = None) or two, the
/// first filled in with the worker at the keyboard.
fn deciders<'a>(lang: Lang, first: &'a str, two: bool) -> Spec<'a> {
    let mut fields = vec![
        (W::First.get(lang), first, PLAIN),
        (W::FirstPassphrase.get(lang), "", SECRET),
    ];
    if two {
        fields.push((W::Second.get(lang), "", PLAIN));
        fields.push((W::SecondPassphrase.get(lang), "", SECRET));
    }
    fields
}

/// The field a form opens on: the first one empty.
fn focus_first_empty(mut form: CaseForm) -> CaseForm {
    form.focus = form
        .fields
        .iter()
        .position(|f| f.text.text().is_empty())
        .unwrap_or(0);
    form
}

impl CaseForm {
    /// Enrolment: id, name, organisation, the new passphrase twice, then the
    /// vouching workers (`enrolled` of them on the laptop now; `first` is the
    /// worker at the keyboard, or the one enrolled). With nobody enrolled
    /// it is the first-run form, filled with the laptop's worker.
    pub fn enrol(
        lang: Lang,
        newcomer: (&str, &str, &str),
        enrolled: usize,
        first: &str,
        then: Option<Action>,
    ) -> CaseForm {
        let vouchers = enrolled.min(2);
        let (id, name, org) = newcomer;
        let mut fields = vec![
            (W::Id.get(lang), id, PLAIN),
            (W::Name.get(lang), name, PLAIN),
            (W::Organisation.get(lang), org, PLAIN),
            (W::NewPassphrase.get(lang), "", SECRET),
            (W::Again.get(lang), "", SECRET),
        ];
        if vouchers > 0 {
            fields.extend(deciders(lang, first, vouchers == 2));
        }
        let title = if vouchers == 0 {
            W::EnrolFirst.get(lang)
        } else {
            W::Enrol.get(lang)
        };
        focus_first_empty(CaseForm::new(
            Purpose::Workers(WorkerPurpose::Enrol { vouchers, then }),
            title.to_string(),
            fields,
        ))
    }

    /// A new name or organisation for `id`, starting from what they are.
    pub fn edit_worker(lang: Lang, id: &str, name: &str, org: &str, first: &str) -> CaseForm {
        let mut fields = vec![
            (W::Name.get(lang), name, PLAIN),
            (W::Organisation.get(lang), org, PLAIN),
        ];
        fields.extend(deciders(lang, first, true));
        let mut form = CaseForm::new(
            Purpose::Workers(WorkerPurpose::Edit(id.to_string())),
            format!("{} · {name} ({id})", W::Edit.get(lang)),
            fields,
        );
        form.focus = 0;
        form
    }

    /// The removal of `id`: the question names the worker; two decide.
    pub fn remove_worker(lang: Lang, id: &str, name: &str, first: &str) -> CaseForm {
        focus_first_empty(CaseForm::new(
            Purpose::Workers(WorkerPurpose::Remove(id.to_string())),
            remove_question(id, name, lang),
            deciders(lang, first, true),
        ))
    }

    /// A policy: the budget limit in euros, or the idle lock in minutes.
    pub fn policy(lang: Lang, purpose: WorkerPurpose, now: &str, first: &str) -> CaseForm {
        let (title, label) = match purpose {
            WorkerPurpose::Budget => (W::Budget, W::Limit),
            _ => (W::LockMinutes, W::Minutes),
        };
        let mut fields = vec![(label.get(lang), now, PLAIN)];
        fields.extend(deciders(lang, first, true));
        let mut form = CaseForm::new(
            Purpose::Workers(purpose),
            title.get(lang).to_string(),
            fields,
        );
        form.focus = 0;
        form
    }
}

impl WorkerSubmitted {
    /// The form's values by name, in the order the constructors above laid them out.
    pub fn read(purpose: WorkerPurpose, form: &CaseForm) -> WorkerSubmitted {
        let v = |i: usize| form.value(i).trim().to_string();
        let secret = |i: usize| Zeroizing::new(form.value(i).to_string());
        let own = purpose.own_fields();
        let by: Vec<Voucher> = (own..form.fields.len())
            .step_by(2)
            .map(|i| Voucher {
                id: v(i),
                passphrase: secret(i + 1),
            })
            .collect();
        match purpose {
            WorkerPurpose::Enrol { then, .. } => WorkerSubmitted::Enrol {
                id: v(0),
                name: v(1),
                organisation: v(2),
                passphrase: secret(3),
                again: secret(4),
                by,
                then,
            },
            WorkerPurpose::Edit(id) => WorkerSubmitted::Edit {
                id,
                name: v(0),
                organisation: v(1),
                by,
            },
            WorkerPurpose::Remove(id) => WorkerSubmitted::Remove { id, by },
            WorkerPurpose::Budget => WorkerSubmitted::Budget { amount: v(0), by },
            WorkerPurpose::LockMinutes => WorkerSubmitted::LockMinutes { minutes: v(0), by },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enrolment_asks_for_as_many_vouchers_as_the_rule_needs() {
        let first = CaseForm::enrol(Lang::Nl, ("piet", "Piet", "Zuid"), 0, "", None);
        assert_eq!(first.fields.len(), 5);
        assert_eq!(first.focus, 3, "the passphrase, the rest is filled in");
        let one = CaseForm::enrol(Lang::Nl, ("", "", ""), 1, "piet", None);
        assert_eq!(one.fields.len(), 7);
        let two = CaseForm::enrol(Lang::Nl, ("", "", ""), 4, "piet", None);
        assert_eq!(two.fields.len(), 9);
        let WorkerSubmitted::Enrol { by, .. } = WorkerSubmitted::read(
            WorkerPurpose::Enrol {
                vouchers: 2,
                then: None,
            },
            &two,
        ) else {
            panic!("an enrolment");
        };
        assert_eq!(by.len(), 2);
        assert_eq!(by[0].id, "piet");
    }

    #[test]
    fn debug_output_holds_no_passphrase() {
        let mut form = CaseForm::remove_worker(Lang::Nl, "tom", "Tom", "piet");
        for c in "piet-geheim".chars() {
            form.fields[1].text.insert(c);
        }
        let sub = WorkerSubmitted::read(WorkerPurpose::Remove("tom".into()), &form);
        let shown = format!("{sub:?}");
        assert!(
            shown.contains("piet") && !shown.contains("geheim"),
            "{shown}"
        );
    }

    #[test]
    fn passphrase_fields_are_secret() {
        let form = CaseForm::remove_worker(Lang::En, "tom", "Tom", "piet");
        let secret: Vec<bool> = form.fields.iter().map(|f| f.secret).collect();
        assert_eq!(secret, [false, true, false, true]);
        assert!(form.title.contains("Tom (tom)"));
    }
}
