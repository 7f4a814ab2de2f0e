//! The fields a worker can change, by their file-format key, with the same
//! validation as reading a file.

use super::domain::{Kind, LifeDomain};
use super::entry::Entry;
use super::file::ProblemKind;
use chrono::NaiveDate;

/// An editable field of an entry. `id`, `clock`, `updated`, `updated_by` and
/// `deleted` are not here: they belong to the version, not to the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Kind,
    Organisation,
    Role,
    Description,
    Domains,
    Areas,
    City,
    Address,
    Postcode,
    Phone,
    Email,
    Website,
    Hours,
    Languages,
    Audience,
    Cost,
    Referral,
    Tags,
    Private,
    Verified,
    VerifiedBy,
}

/// What kind of value a field holds, which decides how it is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Text,
    List,
    Kind,
    Domains,
    Flag,
    Date,
}

impl Field {
    /// Every field, in the order of the format (and of the entry form).
    pub const ALL: [Field; 22] = [
        Field::Name,
        Field::Kind,
        Field::Organisation,
        Field::Role,
        Field::Description,
        Field::Domains,
        Field::Areas,
        Field::City,
        Field::Address,
        Field::Postcode,
        Field::Phone,
        Field::Email,
        Field::Website,
        Field::Hours,
        Field::Languages,
        Field::Audience,
        Field::Cost,
        Field::Referral,
        Field::Tags,
        Field::Private,
        Field::Verified,
        Field::VerifiedBy,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Kind => "kind",
            Field::Organisation => "organisation",
            Field::Role => "role",
            Field::Description => "description",
            Field::Domains => "domains",
            Field::Areas => "areas",
            Field::City => "city",
            Field::Address => "address",
            Field::Postcode => "postcode",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Website => "website",
            Field::Hours => "hours",
            Field::Languages => "languages",
            Field::Audience => "audience",
            Field::Cost => "cost",
            Field::Referral => "referral",
            Field::Tags => "tags",
            Field::Private => "private",
            Field::Verified => "verified",
            Field::VerifiedBy => "verified_by",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn shape(self) -> Shape {
        match self {
            Field::Kind => Shape::Kind,
            Field::Domains => Shape::Domains,
            Field::Areas | Field::Languages | Field::Tags => Shape::List,
            Field::Private => Shape::Flag,
            Field::Verified => Shape::Date,
            _ => Shape::Text,
        }
    }

    fn text(self, e: &Entry) -> Option<&String> {
        Some(match self {
            Field::Name => &e.name,
            Field::Organisation => &e.organisation,
            Field::Role => &e.role,
            Field::Description => &e.description,
            Field::City => &e.city,
            Field::Address => &e.address,
            Field::Postcode => &e.postcode,
            Field::Phone => &e.phone,
            Field::Email => &e.email,
            Field::Website => &e.website,
            Field::Hours => &e.hours,
            Field::Audience => &e.audience,
            Field::Cost => &e.cost,
            Field::Referral => &e.referral,
            Field::VerifiedBy => &e.verified_by,
            _ => return None,
        })
    }

    fn text_mut(self, e: &mut Entry) -> Option<&mut String> {
        Some(match self {
            Field::Name => &mut e.name,
            Field::Organisation => &mut e.organisation,
            Field::Role => &mut e.role,
            Field::Description => &mut e.description,
            Field::City => &mut e.city,
            Field::Address => &mut e.address,
            Field::Postcode => &mut e.postcode,
            Field::Phone => &mut e.phone,
            Field::Email => &mut e.email,
            Field::Website => &mut e.website,
            Field::Hours => &mut e.hours,
            Field::Audience => &mut e.audience,
            Field::Cost => &mut e.cost,
            Field::Referral => &mut e.referral,
            Field::VerifiedBy => &mut e.verified_by,
            _ => return None,
        })
    }

    fn list_mut(self, e: &mut Entry) -> Option<&mut Vec<String>> {
        match self {
            Field::Areas => Some(&mut e.areas),
            Field::Languages => Some(&mut e.languages),
            Field::Tags => Some(&mut e.tags),
            _ => None,
        }
    }

    /// The value as a worker types it: lists comma-separated, ids for kind and domains.
    pub fn get(self, e: &Entry) -> String {
        if let Some(text) = self.text(e) {
            return text.clone();
        }
        match self {
            Field::Kind => e.kind.id().to_string(),
            Field::Domains => e
                .domains
                .iter()
                .map(|d| d.id())
                .collect::<Vec<_>>()
                .join(", "),
            Field::Areas => e.areas.join(", "),
            Field::Languages => e.languages.join(", "),
            Field::Tags => e.tags.join(", "),
            Field::Private => e.private.to_string(),
            Field::Verified => e.verified.map(|d| d.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Sets the field from typed text, with the file format's validation.
    pub fn set(self, e: &mut Entry, value: &str) -> Result<(), ProblemKind> {
        let value = value.trim();
        if let Some(text) = self.text_mut(e) {
            *text = value.to_string();
            return match self {
                Field::Name if value.is_empty() => Err(ProblemKind::EmptyName),
                _ => Ok(()),
            };
        }
        if let Some(list) = self.list_mut(e) {
            *list = split_list(value);
            return Ok(());
        }
        match self {
            Field::Kind => {
                e.kind =
                    Kind::from_id(value).ok_or_else(|| ProblemKind::UnknownKind(value.into()))?;
            }
            Field::Domains => {
                let mut domains = Vec::new();
                for id in split_list(value) {
                    let d = LifeDomain::from_id(&id).ok_or(ProblemKind::UnknownDomain(id))?;
                    if !domains.contains(&d) {
                        domains.push(d);
                    }
                }
                if domains.is_empty() {
                    return Err(ProblemKind::NoDomains);
                }
                e.domains = domains;
            }
            Field::Private => {
                e.private = match value {
                    "true" | "ja" | "yes" | "1" => true,
                    "false" | "nee" | "no" | "0" => false,
                    other => {
                        return Err(ProblemKind::WrongType {
                            key: format!("private={other}"),
                            expected: super::file::Expected::Boolean,
                        });
                    }
                }
            }
            Field::Verified => {
                e.verified = if value.is_empty() {
                    None
                } else {
                    Some(
                        NaiveDate::parse_from_str(value, "%Y-%m-%d")
                            .map_err(|_| ProblemKind::BadDate(value.into()))?,
                    )
                };
            }
            _ => {}
        }
        Ok(())
    }
}

/// "Laak, Moerwijk" → ["Laak", "Moerwijk"]; empty items are dropped.
pub fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// What is wrong with an entry as a whole, per field, before it may be saved.
pub fn problems(e: &Entry) -> Vec<(Field, ProblemKind)> {
    let mut out = Vec::new();
    if e.name.trim().is_empty() {
        out.push((Field::Name, ProblemKind::EmptyName));
    }
    if e.domains.is_empty() {
        out.push((Field::Domains, ProblemKind::NoDomains));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_round_trips_through_text() {
        let mut e = Entry::default();
        for (field, value) in [
            (Field::Name, "Buurthuis"),
            (Field::Kind, "service"),
            (Field::Domains, "finances, housing"),
            (Field::Areas, "Laak, Moerwijk"),
            (Field::Private, "true"),
            (Field::Verified, "2026-10-01"),
            (Field::Hours, "ma-vr 9-17"),
        ] {
            field.set(&mut e, value).expect("valid");
            assert_eq!(field.get(&e), value);
        }
        assert_eq!(e.domains, [LifeDomain::Finances, LifeDomain::Housing]);
        assert!(e.private);
    }

    #[test]
    fn invalid_values_are_refused_with_the_file_formats_words() {
        let mut e = Entry::default();
        assert_eq!(
            Field::Domains.set(&mut e, "money"),
            Err(ProblemKind::UnknownDomain("money".into()))
        );
        assert_eq!(
            Field::Domains.set(&mut e, " , "),
            Err(ProblemKind::NoDomains)
        );
        assert_eq!(
            Field::Kind.set(&mut e, "shop"),
            Err(ProblemKind::UnknownKind("shop".into()))
        );
        assert_eq!(
            Field::Verified.set(&mut e, "gisteren"),
            Err(ProblemKind::BadDate("gisteren".into()))
        );
        assert_eq!(Field::Name.set(&mut e, "  "), Err(ProblemKind::EmptyName));
        assert_eq!(Field::from_key("domian"), None);
        assert_eq!(problems(&Entry::default()).len(), 2);
    }
}
