//! Life domains and kinds by any of their names: a worker types
//! `--domain financien` or `--kind voorziening` as readily as the English
//! ids the files use. Accents and case do not matter.

use super::Failure;
use crate::map::domain::{Kind, LifeDomain};
use crate::map::query::domains_matching;
use crate::map::words::fold;
use crate::text::{self, Lang};

/// The domain a name means: its id, its Dutch or English label, the client's
/// wording or an everyday word for it (`geld`, `wonen`), or the start of one
/// of those when only one domain starts so.
pub fn domain_named(name: &str) -> Option<LifeDomain> {
    let folded = fold(name.trim());
    if folded.is_empty() {
        return None;
    }
    let exact = LifeDomain::ALL.into_iter().find(|d| {
        [
            d.id(),
            d.label(Lang::Nl),
            d.label(Lang::En),
            d.client_label(),
        ]
        .into_iter()
        .chain(d.common_words().iter().copied())
        .any(|n| fold(n) == folded)
    });
    exact.or_else(|| {
        let bits = domains_matching(&folded);
        LifeDomain::ALL.into_iter().find(|d| bits == d.bit())
    })
}

/// The kind a name means: its id or its Dutch or English label.
pub fn kind_named(name: &str) -> Option<Kind> {
    let folded = fold(name.trim());
    Kind::ALL.into_iter().find(|k| {
        [k.id(), k.label(Lang::Nl), k.label(Lang::En)]
            .into_iter()
            .any(|n| fold(n) == folded || fold(&n.replace('-', " ")) == folded)
    })
}

/// `--domain` values, refusing an unknown one as bad usage.
pub fn domains(names: &[String], lang: Lang) -> Result<Vec<LifeDomain>, Failure> {
    names.iter().map(|n| domain(n, lang)).collect()
}

pub fn domain(name: &str, lang: Lang) -> Result<LifeDomain, Failure> {
    domain_named(name).ok_or_else(|| Failure::usage(text::unknown_domain_arg(name, lang)))
}

pub fn kind(name: &str, lang: Lang) -> Result<Kind, Failure> {
    kind_named(name).ok_or_else(|| Failure::usage(text::unknown_kind_arg(name, lang)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_english_names_and_ids_all_work() {
        for name in ["finances", "financien", "Financiën", "Finances", "geld"] {
            assert_eq!(domain_named(name), Some(LifeDomain::Finances), "{name}");
        }
        assert_eq!(domain_named("wonen"), Some(LifeDomain::Housing));
        assert_eq!(domain_named("huisvesting"), Some(LifeDomain::Housing));
        assert_eq!(domain_named("opvoeding"), Some(LifeDomain::Parenting));
        assert_eq!(domain_named("nonsens"), None);
        assert_eq!(domain_named(""), None);
        for name in ["service", "voorziening", "Voorziening", "Service"] {
            assert_eq!(kind_named(name), Some(Kind::Service), "{name}");
        }
        assert_eq!(kind_named("sleutelfiguur"), Some(Kind::KeyFigure));
        assert_eq!(kind_named("key-figure"), Some(Kind::KeyFigure));
        assert_eq!(kind_named("initiatief"), Some(Kind::Initiative));
        assert_eq!(kind_named("iets"), None);
    }
}
