//! Plain-text reports of case work, in the interface language: the case
//! overview, an intervention's history, and the client's referral slip.

use crate::cases::bsn;
use crate::cases::model::{Case, Intervention, euros};
use crate::cases::rule::{self, Rules};
use crate::map::domain::LifeDomain;
use crate::store::Store;
use crate::text::{self, C, Lang};
use std::fmt::Write;

/// The case with its complete picture, notes and interventions.
pub fn case_text(c: &Case, rules: &Rules, lang: Lang) -> String {
    let mut out = format!(
        "{}  ({})  {}\n\n{}\n",
        c.label,
        c.id,
        c.area,
        C::Picture.get(lang)
    );
    for (d, (now, before)) in LifeDomain::ALL.iter().zip(c.picture()) {
        let score = now.map_or(C::NoScore.get(lang).to_string(), |n| n.to_string());
        let trend = text::trend_arrow(now, before);
        let touched = c.touches(*d);
        let marks = if touched > 0 {
            format!("  •{touched}")
        } else {
            String::new()
        };
        let _ = writeln!(out, "  {:<30} {score:>2} {trend}{marks}", d.label(lang));
    }
    let _ = writeln!(out, "\n{}", C::Notes.get(lang));
    for (i, n) in c.notes.iter().enumerate() {
        let flag = if bsn::contains(&n.text) {
            format!("  {}", C::PossibleBsn.get(lang))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {}. {} {}: {}{flag}",
            i + 1,
            n.at.format("%Y-%m-%d"),
            n.author,
            n.text
        );
        if !n.refers.is_empty() {
            let _ = writeln!(
                out,
                "     {} {}",
                C::Referred.get(lang),
                n.refers.join(", ")
            );
        }
    }
    if !c.interventions.is_empty() {
        let _ = writeln!(out, "\n{}", C::Interventions.get(lang));
        for i in &c.interventions {
            let st = i.status(rules);
            let _ = writeln!(
                out,
                "  {}  {}  {}  {}",
                i.id,
                text::state_label(st.state, lang),
                euros(i.cost_cents),
                i.title
            );
        }
    }
    out
}

/// Who, what, when, why: the history of one intervention in words.
pub fn intervention_text(case: &str, i: &Intervention, rules: &Rules, lang: Lang) -> String {
    let st = i.status(rules);
    let mut out = format!(
        "{}  {}  ({case})\n{}  ·  {}  ·  v{}\n{}\n",
        i.id,
        i.title,
        text::state_label(st.state, lang),
        euros(i.cost_cents),
        st.revision,
        i.description
    );
    for role in &st.waiting_for {
        let _ = writeln!(out, "→ {}", text::role_label(*role, lang));
    }
    out.push('\n');
    for s in &i.steps {
        let what = match &s.event {
            rule::Event::Proposed { bond, .. } | rule::Event::ProposedUnder { bond, .. } => {
                format!(
                    "{}{}",
                    lang.pick("stelt voor", "proposes"),
                    bond_note(*bond, lang)
                )
            }
            rule::Event::Edited { .. } | rule::Event::EditedUnder { .. } => {
                format!("{} ({})", lang.pick("past aan", "edits"), s.text)
            }
            rule::Event::Verdict {
                approve: true,
                revision,
                bond,
                ..
            } => {
                format!(
                    "{} v{revision}{}",
                    lang.pick("keurt goed", "approves"),
                    bond_note(*bond, lang)
                )
            }
            rule::Event::Verdict {
                approve: false,
                revision,
                ..
            } => format!("{} v{revision}", lang.pick("wijst af", "rejects")),
            rule::Event::ReviewRequested { revision, .. } => format!(
                "{} v{revision}",
                lang.pick("vraagt toetsing", "requests review")
            ),
            rule::Event::CarriedOut { .. } => format!(
                "{} {} {}",
                lang.pick("voerde uit", "carried out"),
                s.date.map(|d| d.to_string()).unwrap_or_default(),
                s.actual_cents.map(euros).unwrap_or_default()
            ),
            rule::Event::Evaluated { .. } => lang.pick("evalueert", "evaluates").to_string(),
        };
        let why = if s.text.is_empty()
            || matches!(
                s.event,
                rule::Event::Edited { .. } | rule::Event::EditedUnder { .. }
            ) {
            String::new()
        } else {
            format!(": {}", s.text)
        };
        let _ = writeln!(
            out,
            "  {} {} {what}{why}",
            s.at.format("%Y-%m-%d %H:%M"),
            s.event.by()
        );
    }
    out
}

fn bond_note(bond: bool, lang: Lang) -> String {
    if bond {
        format!(" ({})", C::Bond.get(lang))
    } else {
        String::new()
    }
}

/// The client's referral slip: what they were referred to and how to get there, in client words.
pub fn slip(c: &Case, store: &Store) -> String {
    let mut out = format!(
        "{}\n{}\n\n",
        C::SlipTitle.get(Lang::Nl),
        "=".repeat(C::SlipTitle.get(Lang::Nl).chars().count())
    );
    let mut seen = Vec::new();
    for n in &c.notes {
        for id in &n.refers {
            if seen.contains(id) {
                continue;
            }
            seen.push(id.clone());
            let Some(e) = store
                .record(id)
                .ok()
                .flatten()
                .and_then(|r| r.shown().cloned())
            else {
                continue;
            };
            let _ = writeln!(out, "{}", e.name);
            if !e.organisation.is_empty() {
                let _ = writeln!(out, "  {}", e.organisation);
            }
            let about: Vec<&str> = e.domains.iter().map(|d| d.client_label()).collect();
            let _ = writeln!(out, "  Waarvoor: {}", about.join(", "));
            for (label, value) in [
                (
                    "Adres",
                    [e.address.as_str(), e.postcode.as_str(), e.city.as_str()]
                        .iter()
                        .filter(|s| !s.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("Telefoon", e.phone.clone()),
                ("E-mail", e.email.clone()),
                ("Website", e.website.clone()),
                ("Open", e.hours.clone()),
                ("Talen", e.languages.join(", ")),
                ("Kosten", e.cost.clone()),
                ("Hoe", e.referral.clone()),
            ] {
                if !value.is_empty() {
                    let _ = writeln!(out, "  {label}: {value}");
                }
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}", C::SlipFooter.get(Lang::Nl));
    out
}
