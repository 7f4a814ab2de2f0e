//! Writing social-map files that read back to the very same entries.

use super::entry::Entry;
use super::fields::{Key, Value};
use super::file::{FORMAT, MapFile};
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

/// One `[[entry]]`, its keys in [`Key::IN_FILE`] order; a tombstone keeps
/// only what [`Key::in_tombstone`] names.
fn render_entry(out: &mut String, e: &Entry) {
    out.push_str("[[entry]]\n");
    for key in Key::IN_FILE {
        if e.deleted && !key.in_tombstone() {
            continue;
        }
        let name = key.name();
        match key {
            Key::Id => text_field(out, name, &e.id),
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
                    let counters: Vec<String> = e
                        .clock
                        .0
                        .iter()
                        .map(|(w, n)| format!("{} = {n}", key_name(w)))
                        .collect();
                    let _ = writeln!(out, "{name} = {{ {} }}", counters.join(", "));
                }
            }
            Key::Deleted => flag_field(out, name, e.deleted),
        }
    }
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
        let items: Vec<String> = values.iter().map(|v| quote(v.as_ref())).collect();
        let _ = writeln!(out, "{name} = [{}]", items.join(", "));
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
