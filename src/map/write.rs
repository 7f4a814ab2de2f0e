//! Writing social-map files that read back to the very same entries.

use super::clock::Clock;
use super::entry::{Entry, FieldValue};
use super::fields::{Field, Key, Value};
use super::file::{FORMAT, MapFile};
use super::merge::{DELETED, existence};
use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write;

/// Renders a whole file. Empty optional fields are left out.
pub fn render(file: &MapFile) -> String {
    let mut out = String::with_capacity(256 + file.entries.len() * 600);
    out.push_str("[map]\n");
    let _ = writeln!(out, "format = {FORMAT}");
    text_field(&mut out, "name", &file.name);
    if let Some(at) = file.exported_at {
        text_field(&mut out, "exported_at", &time(at));
    }
    text_field(&mut out, "exported_by", &file.exported_by);
    for entry in &file.entries {
        out.push('\n');
        render_entry(&mut out, entry);
    }
    out
}

/// Appends one entry as [`render`] does after the header: a file written as
/// `render` of the header alone, then this for each entry, reads the same.
pub fn render_entry_into(out: &mut String, entry: &Entry) {
    out.push('\n');
    render_entry(out, entry);
}

/// One `[[entry]]`, its keys in [`Key::IN_FILE`] order; a tombstone keeps
/// only what [`Key::in_tombstone`] names.
fn render_entry(out: &mut String, e: &Entry) {
    out.push_str("[[entry]]\n");
    for key in Key::IN_FILE {
        // A tombstone also says which deletions it holds (`written.deleted`, `conflicts.deleted`).
        let existence = matches!(key, Key::Written | Key::Conflicts);
        if e.deleted && !key.in_tombstone() && !existence {
            continue;
        }
        let name = key.name();
        match key {
            Key::Id => text_field(out, name, &e.id),
            Key::Field(field) if e.written.contains_key(name) => match field.value(e) {
                // Written by an edit, so written out even when empty.
                Value::Text(text) => {
                    let _ = writeln!(out, "{name} = {}", quote(text));
                }
                Value::List(items) => {
                    let _ = writeln!(out, "{name} = {}", list(&items));
                }
                _ => {}
            },
            Key::Field(field) => match field.value(e) {
                Value::Text(text) => text_field(out, name, text),
                Value::List(items) => list_field(out, name, &items),
                Value::Date(date) => {
                    if let Some(date) = date {
                        text_field(out, name, &date.format("%Y-%m-%d").to_string());
                    }
                }
                Value::Flag(on) => flag_field(out, name, on),
            },
            Key::Updated => {
                if let Some(at) = e.updated {
                    text_field(out, name, &time(at));
                }
            }
            Key::UpdatedBy => text_field(out, name, &e.updated_by),
            Key::Clock => {
                if !e.clock.is_empty() {
                    let _ = writeln!(out, "{name} = {}", clock(&e.clock));
                }
            }
            Key::Created => {
                if let Some(dot) = &e.created {
                    text_field(out, name, &dot.to_string());
                }
            }
            Key::Written => {
                if !e.written.is_empty() {
                    let pairs: Vec<String> = Field::MERGED
                        .iter()
                        .map(|f| f.key())
                        .chain([DELETED])
                        .filter_map(|k| {
                            let dot = e.written.get(k)?;
                            Some(format!("{k} = {}", quote(&dot.to_string())))
                        })
                        .collect();
                    let _ = writeln!(out, "{name} = {{ {} }}", pairs.join(", "));
                }
            }
            Key::Conflicts => conflicts(out, e),
            Key::Deleted => flag_field(out, name, e.deleted),
        }
    }
}

fn clock(c: &Clock) -> String {
    let counters: Vec<String> =
        c.0.iter()
            .filter(|(_, n)| **n > 0)
            .map(|(w, n)| format!("{} = {n}", key_name(w)))
            .collect();
    format!("{{ {} }}", counters.join(", "))
}

/// `conflicts = { phone = [{ value = "…", dot = "…" }], deleted = { clock = {…} } }`,
/// the fields in [`Field::MERGED`] order.
fn conflicts(out: &mut String, e: &Entry) {
    let mut parts = Vec::new();
    if let Some(writes) = e.conflicts.get(DELETED) {
        let items: Vec<String> = writes
            .iter()
            .map(|w| {
                let gone = w.value == existence(true);
                match &w.dot {
                    Some(d) => format!("{{ value = {gone}, dot = {} }}", quote(&d.to_string())),
                    None => format!("{{ value = {gone} }}"),
                }
            })
            .collect();
        parts.push(format!("deleted = [{}]", items.join(", ")));
    } else if let Some(t) = &e.deletion {
        let mut inner = vec![
            format!("clock = {}", clock(&t.clock)),
            format!(
                "kept = [{}]",
                t.kept.iter().map(clock).collect::<Vec<_>>().join(", ")
            ),
        ];
        if let Some(at) = t.updated {
            inner.push(format!("updated = {}", quote(&time(at))));
        }
        if !t.updated_by.is_empty() {
            inner.push(format!("updated_by = {}", quote(&t.updated_by)));
        }
        parts.push(format!("deleted = {{ {} }}", inner.join(", ")));
    }
    for field in Field::MERGED {
        let Some(writes) = e.conflicts.get(field.key()) else {
            continue;
        };
        let items: Vec<String> = writes
            .iter()
            .map(|w| {
                let value = match &w.value {
                    FieldValue::Text(t) => quote(t),
                    FieldValue::List(items) => list(items),
                };
                match &w.dot {
                    Some(dot) => {
                        format!("{{ value = {value}, dot = {} }}", quote(&dot.to_string()))
                    }
                    None => format!("{{ value = {value} }}"),
                }
            })
            .collect();
        parts.push(format!("{} = [{}]", field.key(), items.join(", ")));
    }
    if !parts.is_empty() {
        let _ = writeln!(out, "conflicts = {{ {} }}", parts.join(", "));
    }
}

fn list<S: AsRef<str>>(values: &[S]) -> String {
    let items: Vec<String> = values.iter().map(|v| quote(v.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// RFC 3339 in UTC, keeping sub-seconds only when there are any.
pub fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn text_field(out: &mut String, name: &str, value: &str) {
    if !value.is_empty() {
        let _ = writeln!(out, "{name} = {}", quote(value));
    }
}

fn list_field<S: AsRef<str>>(out: &mut String, name: &str, values: &[S]) {
    if !values.is_empty() {
        let _ = writeln!(out, "{name} = {}", list(values));
    }
}

/// A flag is written only when set: absent means false.
fn flag_field(out: &mut String, name: &str, on: bool) {
    if on {
        let _ = writeln!(out, "{name} = true");
    }
}

/// A TOML key: bare when it may be, quoted otherwise.
fn key_name(k: &str) -> String {
    let bare = !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if bare { k.to_string() } else { quote(k) }
}

/// A TOML basic string. Written by hand so that every character, including
/// `\r` in a description, reads back exactly as it was.
fn quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => q.push_str("\\r"),
            '\t' => q.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(q, "\\u{:04X}", c as u32);
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}
