//! What a result line shows of an entry, as one line of text kept beside
//! the index, so that listing thousands of hits reads and splits text
//! instead of decoding entries: id, kind, name, organisation, areas,
//! domains, verified and whether it is in conflict, separated by a unit
//! separator (which no field holds: the format folds control characters).

use crate::map::domain::{Kind, LifeDomain};
use crate::map::entry::Entry;

const SEP: u8 = 0x1f;
const FIELDS: usize = 8;

/// The id of an entry from its result line.
pub(super) fn id_of(row: &[u8]) -> &[u8] {
    let end = row.iter().position(|&b| b == SEP).unwrap_or(row.len());
    &row[..end]
}

/// Appends the result line of an entry.
pub fn write(e: &Entry, conflicted: bool, out: &mut Vec<u8>) {
    let clean = |s: &str, out: &mut Vec<u8>| {
        out.extend(s.bytes().map(|b| if b == SEP { b' ' } else { b }));
    };
    clean(&e.id, out);
    out.push(SEP);
    out.extend_from_slice(e.kind.id().as_bytes());
    out.push(SEP);
    clean(&e.name, out);
    out.push(SEP);
    clean(&e.organisation, out);
    out.push(SEP);
    clean(&e.areas.join(", "), out);
    out.push(SEP);
    let domains: Vec<&str> = e.domains.iter().map(|d| d.id()).collect();
    out.extend_from_slice(domains.join(",").as_bytes());
    out.push(SEP);
    if let Some(date) = e.verified {
        out.extend_from_slice(date.to_string().as_bytes());
    }
    out.push(SEP);
    if conflicted {
        out.push(b'1');
    }
}

/// The result lines of some hits, each a span of one block of text (so
/// that thousands of hits take one allocation, not one each).
#[derive(Default)]
pub struct Rows {
    text: Vec<u8>,
    /// `(start, end)` of each row in `text`; a row that could not be read is empty.
    spans: Vec<(usize, usize)>,
}

/// One result line, split into its fields.
pub struct Row<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub name: &'a str,
    pub organisation: &'a str,
    /// The areas, joined by ", ".
    pub areas: &'a str,
    domains: &'a str,
    verified: &'a str,
    pub conflicted: bool,
}

impl Rows {
    /// Rows whose text is `text`, each at its span (checked when read).
    pub(super) fn from_parts(text: Vec<u8>, spans: Vec<(usize, usize)>) -> Rows {
        Rows { text, spans }
    }

    pub(super) fn text_mut(&mut self) -> &mut Vec<u8> {
        &mut self.text
    }

    /// Ends a row that was appended to [`Rows::text_mut`] since the last one.
    pub(super) fn end_row(&mut self) {
        let start = self.spans.last().map_or(0, |&(_, end)| end);
        self.spans.push((start.min(self.text.len()), self.text.len()));
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Row `i` as it is kept; empty past the end.
    pub(super) fn bytes(&self, i: usize) -> &[u8] {
        self.spans
            .get(i)
            .and_then(|&(start, end)| self.text.get(start..end))
            .unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Every row; one that cannot be read (a damaged kept index) shows empty.
    /// The text is checked as UTF-8 once for all rows where it can be.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        let whole = std::str::from_utf8(&self.text).ok();
        self.spans.iter().map(move |&(start, end)| {
            let line = match whole {
                // A span that cuts a character is not a row: empty, as
                // when it is checked on its own.
                Some(text) => text.get(start..end).unwrap_or_default(),
                None => self
                    .text
                    .get(start..end)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or_default(),
            };
            Row::parse(line)
        })
    }
}

impl<'a> Row<'a> {
    fn parse(line: &'a str) -> Row<'a> {
        let mut fields = [""; FIELDS];
        // Splitting on the one-byte separator looks for it word by word.
        for (field, part) in fields.iter_mut().zip(line.split(char::from(SEP))) {
            *field = part;
        }
        let [
            id,
            kind,
            name,
            organisation,
            areas,
            domains,
            verified,
            conflicted,
        ] = fields;
        Row {
            id,
            kind: Kind::from_id(kind).unwrap_or_default(),
            name,
            organisation,
            areas,
            domains,
            verified,
            conflicted: conflicted == "1",
        }
    }

    /// The entry as far as the row knows it (id, kind, name, organisation,
    /// areas, domains, verified); every other field empty.
    pub fn entry(&self) -> Entry {
        Entry {
            id: self.id.to_string(),
            kind: self.kind,
            name: self.name.to_string(),
            organisation: self.organisation.to_string(),
            areas: if self.areas.is_empty() {
                Vec::new()
            } else {
                self.areas.split(", ").map(String::from).collect()
            },
            domains: self
                .domains
                .split(',')
                .filter_map(LifeDomain::from_id)
                .collect(),
            verified: self.verified.parse().ok(),
            ..Entry::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_gives_back_what_the_result_line_shows() {
        let e = Entry {
            id: "a".into(),
            kind: Kind::Service,
            name: "Schuld\u{1f}hulp".into(),
            organisation: "Gemeente".into(),
            areas: vec!["Laak".into(), "Moerwijk".into()],
            domains: vec![LifeDomain::Daytime],
            verified: chrono::NaiveDate::from_ymd_opt(2026, 1, 2),
            description: "not in the row".into(),
            ..Entry::default()
        };
        let mut rows = Rows::default();
        write(&e, true, rows.text_mut());
        rows.end_row();
        write(&Entry::default(), false, rows.text_mut());
        rows.end_row();
        let all: Vec<Row> = rows.iter().collect();
        assert_eq!(
            all[0].name, "Schuld hulp",
            "the separator never splits a field"
        );
        assert!(all[0].conflicted);
        let back = all[0].entry();
        assert_eq!(back.areas, e.areas);
        assert_eq!((back.domains, back.verified), (e.domains, e.verified));
        assert_eq!(all[1].entry().areas, Vec::<String>::new());
        assert!(!all[1].conflicted);
    }
}
