//! The one list of an entry's fields: their file-format keys, their order in
//! a file, what kind of value each holds, and how each is read and set, with
//! the same validation as reading a file.
//!
//! Reading and writing files, `show --json`, `edit --set`, the form and the
//! conflict views all go through [`Field`] and [`Key`], so a new field is
//! added here and the compiler names every place that must handle it.

use super::domain::{Kind, LifeDomain};
use super::entry::{Entry, FieldValue};
use super::file::ProblemKind;
use chrono::NaiveDate;

/// An editable field of an entry. `id`, `clock`, `updated`, `updated_by` and
/// `deleted` are not here: they belong to the version, not to the content
/// (they are [`Key`]s of a file all the same).
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
    Source,
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

/// A field's value, typed as the file format holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value<'a> {
    /// A text; the kind as its id.
    Text(&'a str),
    /// A list of texts; the life domains as their ids.
    List(Vec<&'a str>),
    Flag(bool),
    Date(Option<NaiveDate>),
}

impl Field {
    /// Every field, in the order the conflict views list them: as in a file
    /// ([`Key::IN_FILE`]), except that the name comes before the kind and the
    /// private flag before the verification.
    pub const ALL: [Field; 23] = [
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
        Field::Source,
        Field::Private,
        Field::Verified,
        Field::VerifiedBy,
    ];

    /// The fields that merge write by write (social-map-format.md, "Merge
    /// rules"): every field but the bookkeeping (`verified`, `verified_by`)
    /// and the private flag, which never travels.
    /// They are the first of [`Field::ALL`]; the test below checks that the
    /// rest are exactly the fields that do not travel.
    pub const MERGED: [Field; 20] = match Field::ALL.split_first_chunk::<20>() {
        Some((merged, _)) => *merged,
        None => panic!("ALL holds the merged fields first"),
    };

    /// The key in a social-map file and in `edit --set KEY=VALUE`.
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
            Field::Source => "source",
            Field::Private => "private",
            Field::Verified => "verified",
            Field::VerifiedBy => "verified_by",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// How the value is edited: typed text, a pick from a list, a toggle.
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

    /// True for the one field that holds paragraphs (the description): the
    /// details show it apart, below the other fields.
    pub fn is_multiline(self) -> bool {
        self == Field::Description
    }

    /// The field's text, for the fields whose [`shape`](Field::shape) is
    /// [`Shape::Text`]; `None` for the others.
    pub fn text(self, e: &Entry) -> Option<&str> {
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
            Field::Source => &e.source,
            Field::VerifiedBy => &e.verified_by,
            _ => return None,
        })
    }

    /// The field's text to change, as [`text`](Field::text) reads it.
    pub fn text_mut(self, e: &mut Entry) -> Option<&mut String> {
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
            Field::Source => &mut e.source,
            Field::VerifiedBy => &mut e.verified_by,
            _ => return None,
        })
    }

    /// The field's list of free texts, for the fields whose
    /// [`shape`](Field::shape) is [`Shape::List`]; `None` for the others.
    pub fn list(self, e: &Entry) -> Option<&[String]> {
        match self {
            Field::Areas => Some(&e.areas),
            Field::Languages => Some(&e.languages),
            Field::Tags => Some(&e.tags),
            _ => None,
        }
    }

    /// The field's list to change, as [`list`](Field::list) reads it.
    pub fn list_mut(self, e: &mut Entry) -> Option<&mut Vec<String>> {
        match self {
            Field::Areas => Some(&mut e.areas),
            Field::Languages => Some(&mut e.languages),
            Field::Tags => Some(&mut e.tags),
            _ => None,
        }
    }

    /// The value, typed as a file holds it: what the writer and `show --json` print.
    pub fn value(self, e: &Entry) -> Value<'_> {
        if let Some(text) = self.text(e) {
            return Value::Text(text);
        }
        if let Some(list) = self.list(e) {
            return Value::List(list.iter().map(String::as_str).collect());
        }
        match self {
            Field::Kind => Value::Text(e.kind.id()),
            Field::Domains => Value::List(e.domains.iter().map(|d| d.id()).collect()),
            Field::Private => Value::Flag(e.private),
            Field::Verified => Value::Date(e.verified),
            // Every text and list field was answered above.
            _ => Value::Text(""),
        }
    }

    /// The value as a merge handles it (see [`FieldValue`]).
    pub fn owned(self, e: &Entry) -> FieldValue {
        match self.value(e) {
            Value::List(items) => FieldValue::List(items.into_iter().map(str::to_string).collect()),
            Value::Text(text) => FieldValue::Text(text.to_string()),
            Value::Flag(on) => FieldValue::Text(on.to_string()),
            Value::Date(d) => FieldValue::Text(d.map(|d| d.to_string()).unwrap_or_default()),
        }
    }

    /// Puts back a value taken by [`owned`](Field::owned) (from a checked
    /// version: an unknown kind or domain id is left out).
    pub fn put(self, e: &mut Entry, value: &FieldValue) {
        match (value, self) {
            (FieldValue::Text(t), Field::Kind) => {
                if let Some(kind) = Kind::from_id(t) {
                    e.kind = kind;
                }
            }
            (FieldValue::List(items), Field::Domains) => {
                e.domains = items
                    .iter()
                    .filter_map(|d| LifeDomain::from_id(d))
                    .collect();
            }
            (FieldValue::Text(t), _) => {
                if let Some(text) = self.text_mut(e) {
                    *text = t.clone();
                } else {
                    let _ = self.set(e, t);
                }
            }
            (FieldValue::List(items), _) => {
                if let Some(list) = self.list_mut(e) {
                    *list = items.clone();
                }
            }
        }
    }

    /// The value as a worker types it: lists comma-separated, ids for kind and domains.
    pub fn get(self, e: &Entry) -> String {
        match self.value(e) {
            Value::Text(text) => text.to_string(),
            Value::List(items) => items.join(", "),
            Value::Flag(on) => on.to_string(),
            Value::Date(date) => date.map(|d| d.to_string()).unwrap_or_default(),
        }
    }

    /// Sets the field from typed text, with the file format's validation.
    pub fn set(self, e: &mut Entry, value: &str) -> Result<(), ProblemKind> {
        let value = value.trim();
        // The limits and character rules of the format, as for a file.
        if self.shape() == Shape::List {
            if let Some((_, problem)) = super::limits::check_list(&split_list(value)) {
                return Err(problem);
            }
        } else if let Some((_, problem)) = super::limits::check_text(Some(self), value) {
            return Err(problem);
        }
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

/// A key of an `[[entry]]` in a file: a [`Field`] a worker can change, or a
/// part of the version that only editing, merging and deleting write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Id,
    Field(Field),
    Updated,
    UpdatedBy,
    Clock,
    Created,
    Written,
    Conflicts,
    Deleted,
}

impl Key {
    /// Every key, in the order a file holds them: the id, the content, the
    /// version, then the flags. The writer follows it, so a written file
    /// diffs cleanly against the one before.
    pub const IN_FILE: [Key; 31] = [
        Key::Id,
        Key::Field(Field::Kind),
        Key::Field(Field::Name),
        Key::Field(Field::Organisation),
        Key::Field(Field::Role),
        Key::Field(Field::Description),
        Key::Field(Field::Domains),
        Key::Field(Field::Areas),
        Key::Field(Field::City),
        Key::Field(Field::Address),
        Key::Field(Field::Postcode),
        Key::Field(Field::Phone),
        Key::Field(Field::Email),
        Key::Field(Field::Website),
        Key::Field(Field::Hours),
        Key::Field(Field::Languages),
        Key::Field(Field::Audience),
        Key::Field(Field::Cost),
        Key::Field(Field::Referral),
        Key::Field(Field::Tags),
        Key::Field(Field::Source),
        Key::Field(Field::Verified),
        Key::Field(Field::VerifiedBy),
        Key::Updated,
        Key::UpdatedBy,
        Key::Clock,
        Key::Created,
        Key::Written,
        Key::Conflicts,
        Key::Field(Field::Private),
        Key::Deleted,
    ];

    /// The key as a file spells it.
    pub fn name(self) -> &'static str {
        match self {
            Key::Id => "id",
            Key::Field(field) => field.key(),
            Key::Updated => "updated",
            Key::UpdatedBy => "updated_by",
            Key::Clock => "clock",
            Key::Created => "created",
            Key::Written => "written",
            Key::Conflicts => "conflicts",
            Key::Deleted => "deleted",
        }
    }

    pub fn from_name(name: &str) -> Option<Key> {
        Key::IN_FILE.into_iter().find(|k| k.name() == name)
    }

    /// True for what a tombstone keeps: the version, and the private flag
    /// (a private entry's deletion stays on the laptop, as the entry did).
    pub fn in_tombstone(self) -> bool {
        !matches!(self, Key::Field(f) if f != Field::Private)
            && !matches!(self, Key::Created | Key::Written | Key::Conflicts)
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
    #[test]
    fn the_fields_that_do_not_merge_are_the_bookkeeping_and_the_private_flag() {
        use super::Field;
        assert_eq!(
            &Field::ALL[Field::MERGED.len()..],
            &[Field::Private, Field::Verified, Field::VerifiedBy]
        );
    }

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

    #[test]
    fn every_field_is_in_the_file_order_once_and_every_name_is_its_own() {
        for field in Field::ALL {
            let at: Vec<_> = Key::IN_FILE
                .iter()
                .filter(|k| **k == Key::Field(field))
                .collect();
            assert_eq!(at.len(), 1, "{field:?}");
            assert_eq!(Field::from_key(field.key()), Some(field));
        }
        for key in Key::IN_FILE {
            assert_eq!(Key::from_name(key.name()), Some(key));
        }
        assert_eq!(Key::from_name("updated_by"), Some(Key::UpdatedBy));
        assert_eq!(Key::from_name("domian"), None);
    }

    /// The writer leaves out what `in_tombstone` excludes; `into_tombstone`
    /// must drop the same, or a tombstone would not read back as itself.
    #[test]
    fn a_tombstone_keeps_what_in_tombstone_names() {
        let mut full = Entry::default();
        for field in Field::ALL {
            let value = match field.shape() {
                Shape::Kind => "service",
                Shape::Domains => "finances",
                Shape::Flag => "true",
                Shape::Date => "2026-10-01",
                Shape::Text | Shape::List => "x",
            };
            field.set(&mut full, value).expect("valid");
        }
        let tomb = full.clone().into_tombstone();
        for field in Field::ALL {
            let kept = Key::Field(field).in_tombstone();
            assert_eq!(field.get(&tomb) == field.get(&full), kept, "{field:?}");
        }
    }

    /// `value` answers text and list fields through `text` and `list`: a new
    /// field of either shape must be in those too.
    #[test]
    fn accessors_agree_with_the_shape() {
        let mut e = Entry::default();
        for field in Field::ALL {
            let shape = field.shape();
            assert_eq!(field.text(&e).is_some(), shape == Shape::Text, "{field:?}");
            assert_eq!(field.text_mut(&mut e).is_some(), shape == Shape::Text);
            assert_eq!(field.list(&e).is_some(), shape == Shape::List, "{field:?}");
            assert_eq!(field.list_mut(&mut e).is_some(), shape == Shape::List);
        }
    }
}
