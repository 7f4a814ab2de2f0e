//! Writing social-map files that read back to the very same entries.

use super::entry::Entry;
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

fn render_entry(out: &mut String, e: &Entry) {
    out.push_str("[[entry]]\n");
    text_field(out, "id", &e.id);
    if !e.deleted {
        text_field(out, "kind", e.kind.id());
        text_field(out, "name", &e.name);
        text_field(out, "organisation", &e.organisation);
        text_field(out, "role", &e.role);
        text_field(out, "description", &e.description);
        let domains: Vec<&str> = e.domains.iter().map(|d| d.id()).collect();
        list_field(out, "domains", &domains);
        list_field(out, "areas", &e.areas);
        text_field(out, "city", &e.city);
        text_field(out, "address", &e.address);
        text_field(out, "postcode", &e.postcode);
        text_field(out, "phone", &e.phone);
        text_field(out, "email", &e.email);
        text_field(out, "website", &e.website);
        text_field(out, "hours", &e.hours);
        list_field(out, "languages", &e.languages);
        text_field(out, "audience", &e.audience);
        text_field(out, "cost", &e.cost);
        text_field(out, "referral", &e.referral);
        list_field(out, "tags", &e.tags);
        if let Some(date) = e.verified {
            text_field(out, "verified", &date.format("%Y-%m-%d").to_string());
        }
        text_field(out, "verified_by", &e.verified_by);
    }
    if let Some(at) = e.updated {
        text_field(out, "updated", &time(at));
    }
    text_field(out, "updated_by", &e.updated_by);
    if !e.clock.is_empty() {
        out.push_str("clock = { ");
        let counters: Vec<String> = e
            .clock
            .0
            .iter()
            .map(|(w, n)| format!("{} = {n}", key(w)))
            .collect();
        out.push_str(&counters.join(", "));
        out.push_str(" }\n");
    }
    if e.private {
        out.push_str("private = true\n");
    }
    if e.deleted {
        out.push_str("deleted = true\n");
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

fn key(k: &str) -> String {
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

/// Writes a file so that a reader at any moment sees the old or the new
/// contents, never half: a temp file in the same folder, synced, then renamed.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
