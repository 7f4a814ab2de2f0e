//! Words for the social map: problems in a file, field labels, the import
//! summary.

use super::T;
use crate::lang::Lang;
use crate::map::domain::LifeDomain;
use crate::map::fields::Field;
use crate::map::file::{Expected, ProblemKind};

/// The message of a problem in a file (without the place).
pub fn problem_message(kind: &ProblemKind, lang: Lang) -> String {
    use ProblemKind::*;
    match kind {
        Syntax(detail) => lang.pick(
            format!("geen geldige TOML: {detail}"),
            format!("not valid TOML: {detail}"),
        ),
        Unreadable(detail) => lang.pick(
            format!("kan het bestand niet lezen: {detail}"),
            format!("cannot read the file: {detail}"),
        ),
        NotUtf8 => lang
            .pick(
                "het bestand is geen UTF-8-tekst",
                "the file is not UTF-8 text",
            )
            .into(),
        MissingMap => lang
            .pick(
                "[map] met format = 2 ontbreekt",
                "[map] with format = 2 is missing",
            )
            .into(),
        MissingFormat => lang
            .pick(
                "format = 2 ontbreekt in [map]",
                "format = 2 is missing in [map]",
            )
            .into(),
        FormatTooNew(n) => lang.pick(
            format!(
                "formaat {n} is nieuwer dan deze wijkkaart kan lezen (tot 2); werk wijkkaart bij"
            ),
            format!("format {n} is newer than this wijkkaart reads (up to 2); update wijkkaart"),
        ),
        BadFormat => lang.pick("format moet 1 of 2 zijn", "format must be 1 or 2").into(),
        UnknownKey(key) => lang.pick(
            format!("onbekende sleutel '{key}' (tikfout?)"),
            format!("unknown key '{key}' (a typo?)"),
        ),
        MissingKey(key) => lang.pick(format!("'{key}' ontbreekt"), format!("'{key}' is missing")),
        WrongType { key, expected } => {
            let what = match expected {
                Expected::Text => lang.pick("tekst tussen aanhalingstekens", "text in quotes"),
                Expected::TextList => lang.pick(
                    "een lijst van teksten, zoals [\"a\", \"b\"]",
                    "a list of texts, like [\"a\", \"b\"]",
                ),
                Expected::Boolean => lang.pick("true of false", "true or false"),
                Expected::Integer => lang.pick("een geheel getal", "a whole number"),
                Expected::Table => lang.pick("een tabel", "a table"),
                Expected::TableList => lang.pick("[[entry]]-blokken", "[[entry]] blocks"),
            };
            lang.pick(
                format!("'{key}' moet {what} zijn"),
                format!("'{key}' must be {what}"),
            )
        }
        EmptyName => lang.pick("de naam is leeg", "the name is empty").into(),
        BadId(id) => lang.pick(
            format!("id '{id}' mag alleen a-z, 0-9 en - bevatten (1 tot 64 tekens)"),
            format!("id '{id}' may only hold a-z, 0-9 and - (1 to 64 characters)"),
        ),
        DuplicateId { id, first_line } => lang.pick(
            format!("id '{id}' staat al op regel {first_line}"),
            format!("id '{id}' is already used on line {first_line}"),
        ),
        UnknownKind(kind) => lang.pick(
            format!("onbekende soort '{kind}': key-figure, initiative of service"),
            format!("unknown kind '{kind}': key-figure, initiative or service"),
        ),
        UnknownDomain(d) => {
            let ids: Vec<&str> = LifeDomain::ALL.iter().map(|d| d.id()).collect();
            lang.pick(
                format!("onbekend leefgebied '{d}'; bekend zijn: {}", ids.join(", ")),
                format!("unknown life domain '{d}'; known are: {}", ids.join(", ")),
            )
        }
        NoDomains => lang
            .pick(
                "minstens één leefgebied nodig",
                "at least one life domain is needed",
            )
            .into(),
        BadDate(raw) => lang.pick(
            format!("'{raw}' is geen datum als 2026-10-01"),
            format!("'{raw}' is not a date like 2026-10-01"),
        ),
        BadTime(raw) => lang.pick(
            format!("'{raw}' is geen tijd als 2026-11-28T20:00:00Z"),
            format!("'{raw}' is not a time like 2026-11-28T20:00:00Z"),
        ),
        BadWorkerId(id) => lang.pick(
            format!("medewerker-id '{id}' mag alleen a-z, 0-9 en - bevatten"),
            format!("worker id '{id}' may only hold a-z, 0-9 and -"),
        ),
        BadCounter => lang
            .pick(
                "een teller in clock moet een geheel getal van 0 tot en met 2^53 zijn",
                "a clock counter must be a whole number from 0 to 2^53",
            )
            .into(),
        BadDot => lang
            .pick(
                "een dot moet 'replica:teller' zijn, met een teller van 1 tot en met 2^53",
                "a dot must be 'replica:counter', with a counter from 1 to 2^53",
            )
            .into(),
        NotAField(key) => lang.pick(
            format!("'{key}' is geen veld dat samengevoegd wordt"),
            format!("'{key}' is not a field that merges"),
        ),
        TooLong { max, count } => lang.pick(
            format!("te lang: {count} tekens, hoogstens {max}"),
            format!("too long: {count} characters, at most {max}"),
        ),
        TooMany { max, count } => lang.pick(
            format!("te veel items: {count}, hoogstens {max}"),
            format!("too many items: {count}, at most {max}"),
        ),
        ControlChar(code) => lang.pick(
            format!("stuurteken U+{code:04X} is hier niet toegestaan"),
            format!("control character U+{code:04X} is not allowed here"),
        ),
        BidiChar => lang
            .pick(
                "tekens die de schrijfrichting omkeren (U+202A–U+202E, U+2066–U+2069) zijn niet toegestaan",
                "characters that override the writing direction (U+202A–U+202E, U+2066–U+2069) are not allowed",
            )
            .into(),
        TooBig { max_mb } => lang.pick(
            format!("het bestand is groter dan {max_mb} MB; splits het in kleinere bestanden"),
            format!("the file is larger than {max_mb} MB; split it into smaller files"),
        ),
    }
}

pub fn unknown_domain_arg(d: &str, lang: Lang) -> String {
    problem_message(&ProblemKind::UnknownDomain(d.to_string()), lang)
}

pub fn unknown_kind_arg(k: &str, lang: Lang) -> String {
    problem_message(&ProblemKind::UnknownKind(k.to_string()), lang)
}

pub fn no_toml_files(path: &str, lang: Lang) -> String {
    lang.pick(
        format!("{path}: geen .toml-bestanden gevonden"),
        format!("{path}: no .toml files found"),
    )
}

pub fn nothing_imported(errors: usize, lang: Lang) -> String {
    lang.pick(
        format!("{errors} fout(en): er is niets geïmporteerd"),
        format!("{errors} error(s): nothing was imported"),
    )
}

/// The import summary line.
pub fn summary(s: &crate::map::merge::Summary, lang: Lang) -> String {
    let mut line = counts(s, lang);
    if s.clashes > 0 {
        line.push_str(&lang.pick(
            format!(
                "; {} overgeslagen: hetzelfde id als een privévermelding, die blijft zoals ze is",
                s.clashes
            ),
            format!(
                "; {} skipped: the id of a private entry, which stays as it is",
                s.clashes
            ),
        ));
    }
    if let Some(replica) = &s.new_replica {
        line.push_str(&lang.pick(
            format!("; een bestand droeg wijzigingen onder de kopie-id van deze laptop die hij nooit maakte (een gekloonde schijf?): deze laptop werkt nu als kopie {replica}"),
            format!("; a file held edits under this laptop's copy id that it never made (a cloned disk?): this laptop now works as copy {replica}"),
        ));
    }
    line
}

fn counts(s: &crate::map::merge::Summary, lang: Lang) -> String {
    lang.pick(
        format!(
            "{} nieuw, {} bijgewerkt, {} ongewijzigd, {} verwijderd, {} conflicten",
            s.added, s.updated, s.unchanged, s.deleted, s.conflicts
        ),
        format!(
            "{} added, {} updated, {} unchanged, {} deleted, {} conflicts",
            s.added, s.updated, s.unchanged, s.deleted, s.conflicts
        ),
    )
}

/// `check`: an entry a referral slip could only give the city for.
pub fn no_way_in(lang: Lang) -> &'static str {
    lang.pick(
        "geen telefoon, adres, e-mail, website of openingstijden",
        "no phone, address, e-mail, website or opening hours",
    )
}

/// `check`: an entry never checked, or checked more than a year ago.
pub fn not_checked_for_a_year(verified: Option<chrono::NaiveDate>, lang: Lang) -> String {
    match verified {
        None => lang
            .pick("nooit gecontroleerd", "never checked")
            .to_string(),
        Some(day) => lang.pick(
            format!("laatst gecontroleerd op {day}, meer dan een jaar geleden"),
            format!("last checked on {day}, more than a year ago"),
        ),
    }
}

/// `check`: the count after the entries that need a look.
pub fn freshness_summary(unreachable: usize, stale: usize, lang: Lang) -> String {
    lang.pick(
        format!("{unreachable} zonder manier om ze te bereiken, {stale} niet gecontroleerd in het afgelopen jaar"),
        format!("{unreachable} without a way to reach them, {stale} not checked in the past year"),
    )
}

pub fn files_checked(n: usize, lang: Lang) -> String {
    lang.pick(
        format!("{n} bestand(en) in orde"),
        format!("{n} file(s) ok"),
    )
}

/// The contact and referral fields in the order the details and `show` list
/// them; the postcode is shown with the address.
const DETAIL_ORDER: [Field; 13] = [
    Field::Domains,
    Field::Areas,
    Field::City,
    Field::Address,
    Field::Phone,
    Field::Email,
    Field::Website,
    Field::Hours,
    Field::Languages,
    Field::Cost,
    Field::Referral,
    Field::Audience,
    Field::Tags,
];

/// The labelled contact and referral fields of an entry that have a value,
/// in the order the details show them.
pub fn entry_fields(e: &crate::map::entry::Entry, lang: Lang) -> Vec<(&'static str, String)> {
    DETAIL_ORDER
        .into_iter()
        .map(|field| {
            let value = match field {
                Field::Domains => {
                    let labels: Vec<&str> = e.domains.iter().map(|d| d.label(lang)).collect();
                    labels.join(", ")
                }
                Field::Address => [e.address.as_str(), e.postcode.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.get(e),
            };
            (field_label(field, lang), value)
        })
        .filter(|(_, value)| !value.is_empty())
        .collect()
}

/// A field's value as the interface shows it: kinds and life domains by
/// their labels, yes or no for a flag, the rest as written.
pub fn shown_value(field: Field, e: &crate::map::entry::Entry, lang: Lang) -> String {
    match field {
        Field::Kind => e.kind.label(lang).to_string(),
        Field::Domains => {
            let labels: Vec<&str> = e.domains.iter().map(|d| d.label(lang)).collect();
            labels.join(", ")
        }
        Field::Private => if e.private { T::Yes } else { T::No }.get(lang).to_string(),
        other => other.get(e),
    }
}

/// The label of an editable field in the entry form.
pub fn field_label(f: Field, lang: Lang) -> &'static str {
    use Field::*;
    let text = match f {
        Name => return lang.pick("Naam", "Name"),
        Kind => T::Kind,
        Organisation => T::Organisation,
        Role => T::Role,
        Description => T::Description,
        Domains => T::Domains,
        Areas => T::Areas,
        City => T::City,
        Address => T::Address,
        Postcode => return "Postcode",
        Phone => T::Phone,
        Email => T::Email,
        Website => T::Website,
        Hours => T::Hours,
        Languages => T::Languages,
        Audience => T::Audience,
        Cost => T::Cost,
        Referral => T::Referral,
        Tags => T::Tags,
        Source => return lang.pick("Bron", "Source"),
        Private => return lang.pick("Privé", "Private"),
        Verified => T::Verified,
        VerifiedBy => return lang.pick("Gecontroleerd door", "Verified by"),
    };
    text.get(lang)
}

pub fn export_note(count: usize, lang: Lang) -> String {
    lang.pick(
        format!("{count} vermeldingen (privé blijft hier) · Enter exporteert, Esc annuleert"),
        format!("{count} entries (private ones stay here) · Enter exports, Esc cancels"),
    )
}

pub fn bad_date_arg(text: &str, lang: Lang) -> String {
    problem_message(&ProblemKind::BadDate(text.to_string()), lang)
}

/// `path:line:column: message`, as `check`, `import` and `sync` report a problem.
pub fn file_problem_line(p: &crate::map::file::FileProblem, lang: Lang) -> String {
    format!(
        "{}:{}:{}: {}",
        p.path.display(),
        p.problem.line,
        p.problem.column,
        problem_message(&p.problem.kind, lang)
    )
}

/// The question before keeping one value of a conflicted field.
pub fn confirm_keep(n: u8, name: &str, lang: Lang) -> String {
    lang.pick(
        format!("Waarde {n} houden van '{name}', voor iedereen? (j/n)"),
        format!("Keep value {n} of '{name}', for everyone? (y/n)"),
    )
}

/// Beside the search line: the words no result matches, while the others do.
pub fn nothing_for(words: &[String], lang: Lang) -> String {
    let words = words.join(", ");
    lang.pick(
        format!("niets voor: {words}"),
        format!("nothing for: {words}"),
    )
}
