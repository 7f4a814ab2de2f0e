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
        self.spans
            .push((start.min(self.text.len()), self.text.len()));
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
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        self.view().into_iter()
    }

    /// The rows with their text checked as UTF-8 once (where it is valid as
    /// a whole), to go through more than once.
    pub fn view(&self) -> View<'_> {
        View {
            rows: self,
            whole: std::str::from_utf8(&self.text).ok(),
        }
    }
}

/// [`Rows`] checked once: see [`Rows::view`].
#[derive(Clone, Copy)]
pub struct View<'a> {
    rows: &'a Rows,
    whole: Option<&'a str>,
}

impl<'a> IntoIterator for View<'a> {
    type Item = Row<'a>;
    type IntoIter = Box<dyn Iterator<Item = Row<'a>> + 'a>;

    /// Every row; one that cannot be read (a damaged kept index) shows empty.
    fn into_iter(self) -> Self::IntoIter {
        let View { rows, whole } = self;
        Box::new(rows.spans.iter().map(move |&(start, end)| {
            let line = match whole {
                // A span that cuts a character is not a row: empty, as
                // when it is checked on its own.
                Some(text) => text.get(start..end).unwrap_or_default(),
                None => rows
                    .text
                    .get(start..end)
                    .and_then(|b| std::str::from_utf8(b).ok())
                    .unwrap_or_default(),
            };
            Row::parse(line)
        }))
    }
}

/// Where the next separator is in `b` from `from` on, looked for eight
/// bytes at a time (fields are short: a call per byte costs more than the
/// search).
fn find_sep(b: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(word) = b.get(i..i + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        // A zero byte of `x` is a separator; the lowest bit set marks the
        // first (a false mark can only follow a true one).
        let x = u64::from_le_bytes(eight) ^ (ONES * u64::from(SEP));
        let zero = x.wrapping_sub(ONES) & !x & HIGH;
        if zero != 0 {
            return Some(i + (zero.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    b.get(i..)?.iter().position(|&c| c == SEP).map(|p| i + p)
}

impl<'a> Row<'a> {
    fn parse(line: &'a str) -> Row<'a> {
        let mut fields = [""; FIELDS];
        let bytes = line.as_bytes();
        let mut start = 0;
        // The separator is one ASCII byte: every position of it is a character boundary.
        for field in fields.iter_mut() {
            match find_sep(bytes, start) {
                Some(end) => {
                    *field = line.get(start..end).unwrap_or_default();
                    start = end + 1;
                }
                None => {
                    *field = line.get(start..).unwrap_or_default();
                    break;
                }
            }
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

    #[test]
    fn fields_split_at_every_separator_wherever_it_falls_in_a_word() {
        for len in 0..20 {
            let a = "é".repeat(len / 2) + &"a".repeat(len % 2);
            let line = format!(
                "{a}\u{1f}service\u{1f}{a}x\u{1f}\u{1f}L, M\u{1f}d\u{1f}\u{1f}1\u{1f}extra"
            );
            let row = Row::parse(&line);
            assert_eq!((row.id, row.name), (a.as_str(), format!("{a}x").as_str()));
            assert_eq!(row.kind, Kind::Service);
            assert_eq!((row.organisation, row.areas), ("", "L, M"));
            assert_eq!((row.domains, row.verified, row.conflicted), ("d", "", true));
        }
        let short = Row::parse("id\u{1f}initiative");
        assert_eq!(
            (short.id, short.kind, short.name),
            ("id", Kind::Initiative, "")
        );
        assert_eq!(find_sep(b"abcdefgh", 0), None);
        assert_eq!(find_sep(b"abcdefgh\x1f", 3), Some(8));
        assert_eq!(find_sep(b"\x1f\x1f", 1), Some(1));
        assert_eq!(find_sep(b"ab", 2), None);
    }

    #[test]
    fn a_row_that_cuts_a_character_shows_empty_and_the_others_stay() {
        let text = "a\u{1f}service\u{1f}é".as_bytes().to_vec();
        let cut = text.len() - 1;
        let rows = Rows::from_parts(text, vec![(0, cut), (0, 1), (cut, cut + 1), (5, 99)]);
        let ids: Vec<&str> = rows.iter().map(|r| r.id).collect();
        assert_eq!(ids, ["", "a", "", ""]);
        let mut bad = "a".as_bytes().to_vec();
        bad.push(0xff);
        let rows = Rows::from_parts(bad, vec![(0, 1), (1, 2)]);
        let ids: Vec<&str> = rows.view().into_iter().map(|r| r.id).collect();
        assert_eq!(
            ids,
            ["a", ""],
            "text not valid as a whole: each row on its own"
        );
    }
}
