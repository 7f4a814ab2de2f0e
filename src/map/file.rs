//! Reading social-map files (format 2, and format 1 as the spec says),
//! reporting every problem with its place.
//!
//! The parser keeps the spans of the TOML document, so a problem anywhere in a
//! file is reported as line and column, and a key the format does not know is an
//! error rather than silently dropped data.

use super::clock::{Clock, Dot, MAX_COUNTER, is_replica_id};
use super::domain::{Kind, LifeDomain};
use super::entry::{Entry, FieldValue, Tombstone, Write, is_valid_id};
use super::fields::{Field, Key as EntryKey, Shape};
use super::limits;
use super::merge::{DELETED, existence};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The newest format version this build reads and writes.
pub const FORMAT: i64 = 2;

/// The largest file an import or sync reads; a larger one is refused with
/// a clear message (split it), so that memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// A parsed social-map file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapFile {
    pub name: String,
    pub exported_at: Option<DateTime<Utc>>,
    pub exported_by: String,
    pub entries: Vec<Entry>,
}

/// One problem in a file, at a 1-based line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub kind: ProblemKind,
}

/// What is wrong; the words for it live in the text layer above this one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax(String),
    Unreadable(String),
    NotUtf8,
    MissingMap,
    MissingFormat,
    FormatTooNew(i64),
    BadFormat,
    UnknownKey(String),
    MissingKey(&'static str),
    WrongType {
        key: String,
        expected: Expected,
    },
    EmptyName,
    BadId(String),
    DuplicateId {
        id: String,
        first_line: usize,
    },
    UnknownKind(String),
    UnknownDomain(String),
    NoDomains,
    BadDate(String),
    BadTime(String),
    BadWorkerId(String),
    BadCounter,
    BadDot,
    /// A key of `written` or `conflicts` that names no field that merges.
    NotAField(String),
    TooLong {
        max: usize,
        count: usize,
    },
    TooMany {
        max: usize,
        count: usize,
    },
    ControlChar(u32),
    BidiChar,
    /// A file past the size an import reads, in MB.
    TooBig {
        max_mb: u64,
    },
}

/// The TOML type a key must have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    TextList,
    Boolean,
    Integer,
    Table,
    TableList,
}

/// A problem in a named file, as `check` and `import` report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    pub path: PathBuf,
    pub problem: Problem,
}

/// The bytes of one file, refused past [`MAX_FILE_BYTES`] before reading.
fn read_bytes(path: &Path) -> Result<Vec<u8>, Vec<FileProblem>> {
    let at_path = |kind| {
        vec![FileProblem {
            path: path.to_path_buf(),
            problem: Problem {
                line: 1,
                column: 1,
                kind,
            },
        }]
    };
    let unreadable = |e: std::io::Error| at_path(ProblemKind::Unreadable(e.to_string()));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(at_path(ProblemKind::TooBig {
            max_mb: MAX_FILE_BYTES / (1024 * 1024),
        }));
    }
    std::fs::read(path).map_err(unreadable)
}

/// Reads and parses one file; every problem comes back with the path.
pub fn read(path: &Path) -> Result<MapFile, Vec<FileProblem>> {
    let bytes = read_bytes(path)?;
    parse_bytes(path, bytes)
}

/// Reads one file as [`read`] does, but hands its entries to `each` a
/// slice (of [`SLICE_ENTRIES`]) at a time instead of keeping them, so that
/// the entries of a large file are never all in memory. `each` is called
/// only while no problem has been found; a problem later in the file still
/// fails the whole read, so the caller must be ready to throw away what it
/// was given. Returns the file's header (without entries).
pub fn read_each(
    path: &Path,
    each: &mut dyn FnMut(Vec<Entry>),
) -> Result<MapFile, Vec<FileProblem>> {
    let bytes = read_bytes(path)?;
    let text = utf8(path, bytes)?;
    let in_place = |problems: Vec<Problem>| {
        problems
            .into_iter()
            .map(|problem| FileProblem {
                path: path.to_path_buf(),
                problem,
            })
            .collect::<Vec<_>>()
    };
    let mut given = 0;
    if text.len() > SLICE_BYTES {
        let mut counted = |entries: Vec<Entry>| {
            given += entries.len();
            each(entries);
        };
        if let Some(result) = parse_in_slices(&text, Some(&mut counted)) {
            return result.map_err(in_place);
        }
    }
    // Read whole: the entries a slice already gave (the file did not cut
    // cleanly further on) are not given twice.
    let mut file = parse_whole(&text).map_err(in_place)?;
    let rest: Vec<Entry> = file.entries.drain(..).skip(given).collect();
    each(rest);
    Ok(file)
}

/// A file's bytes as text; a byte that is not UTF-8 is reported at its line and column.
fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Vec<FileProblem>> {
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let good = std::str::from_utf8(good).unwrap_or_default();
        let (line, column) = LineIndex::new(good).position(good.len());
        vec![FileProblem {
            path: path.to_path_buf(),
            problem: Problem {
                line,
                column,
                kind: ProblemKind::NotUtf8,
            },
        }]
    })
}

/// Parses a file's bytes; a byte that is not UTF-8 is reported at its line and column.
pub fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<MapFile, Vec<FileProblem>> {
    let text = utf8(path, bytes)?;
    parse(&text).map_err(|problems| {
        problems
            .into_iter()
            .map(|problem| FileProblem {
                path: path.to_path_buf(),
                problem,
            })
            .collect()
    })
}

/// Files larger than this are read a slice of entries at a time, so that
/// the parsed document of a whole large file is never in memory at once.
const SLICE_BYTES: usize = 4 * 1024 * 1024;
/// Entries per slice.
const SLICE_ENTRIES: usize = 2000;

/// Parses the text of a file. On any problem nothing is returned but the problems.
pub fn parse(text: &str) -> Result<MapFile, Vec<Problem>> {
    if text.len() > SLICE_BYTES
        && let Some(result) = parse_in_slices(text, None)
    {
        return result;
    }
    parse_whole(text)
}

fn parse_whole(text: &str) -> Result<MapFile, Vec<Problem>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    let mut reader = Reader::new();
    if !errors.is_empty() {
        for e in errors {
            let at = e.span().map(|s| s.start).unwrap_or(0);
            let message = e.message().trim().to_string();
            reader.problem(at, ProblemKind::Syntax(message));
        }
        return Err(reader.located(text));
    }
    let file = reader.document(doc.get_ref(), doc.span());
    if reader.problems.is_empty() {
        Ok(file)
    } else {
        Err(reader.located(text))
    }
}

/// Reads a large file a slice of `[[entry]]` blocks at a time: the header,
/// then each slice as a document of its own, problems placed in the whole
/// text. `None` when the file does not cut cleanly (a slice that is not
/// valid TOML on its own, such as a text that holds a `[[entry]]` line):
/// then it is read whole. With `sink`, each slice's entries go to it (while
/// no problem is found) instead of into the file.
fn parse_in_slices(
    text: &str,
    mut sink: Option<&mut dyn FnMut(Vec<Entry>)>,
) -> Option<Result<MapFile, Vec<Problem>>> {
    let mut starts = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "[[entry]]" {
            starts.push(at);
        }
        at += line.len();
    }
    let first = *starts.first()?;
    let mut file = match parse_whole(&text[..first]) {
        Ok(f) => f,
        Err(problems) => return Some(Err(problems)),
    };
    let mut reader = Reader::new();
    // The header's format decides how the entries read.
    let (header, _) = DeTable::parse_recoverable(&text[..first]);
    if let Some(map) = header.get_ref().get("map")
        && let DeValue::Table(map) = map.get_ref()
        && let Some(format) = map.get("format")
        && let DeValue::Integer(n) = format.get_ref()
    {
        reader.format = whole_number(n).unwrap_or(FORMAT);
    }
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for (i, group) in starts.chunks(SLICE_ENTRIES).enumerate() {
        let from = group[0];
        let to = starts
            .get((i + 1) * SLICE_ENTRIES)
            .copied()
            .unwrap_or(text.len());
        let (doc, errors) = DeTable::parse_recoverable(&text[from..to]);
        if !errors.is_empty() {
            return None;
        }
        let mut items = None;
        for (key, value) in doc.get_ref().iter() {
            match (key.get_ref().as_ref(), value.get_ref()) {
                ("entry", DeValue::Array(list)) => items = Some(list),
                _ => return None,
            }
        }
        reader.base = from;
        reader.entries(items?, &mut first_seen, &mut file);
        if let Some(sink) = sink.as_mut() {
            let slice = std::mem::take(&mut file.entries);
            if reader.problems.is_empty() {
                sink(slice);
            }
        }
    }
    Some(if reader.problems.is_empty() {
        Ok(file)
    } else {
        Err(reader.located(text))
    })
}

type Value<'a> = Spanned<DeValue<'a>>;
type Key<'a> = Spanned<std::borrow::Cow<'a, str>>;

/// Collects problems as byte offsets; they become lines and columns at the end.
struct Reader {
    problems: Vec<(usize, ProblemKind)>,
    /// The file's format: 1 gives each version the dot of its last edit.
    format: i64,
    /// Where the text being read starts in the file (a slice of a large one).
    base: usize,
}

impl Reader {
    fn new() -> Reader {
        Reader {
            problems: Vec::new(),
            format: FORMAT,
            base: 0,
        }
    }

    fn problem(&mut self, at: usize, kind: ProblemKind) {
        self.problems.push((at + self.base, kind));
    }

    fn located(self, text: &str) -> Vec<Problem> {
        let lines = LineIndex::new(text);
        let mut problems: Vec<Problem> = self
            .problems
            .into_iter()
            .map(|(at, kind)| {
                let kind = match kind {
                    ProblemKind::DuplicateId { id, first_line } => ProblemKind::DuplicateId {
                        id,
                        first_line: lines.position(first_line).0,
                    },
                    other => other,
                };
                let (line, column) = lines.position(at);
                Problem { line, column, kind }
            })
            .collect();
        problems.sort_by_key(|p| (p.line, p.column));
        problems
    }

    fn document(&mut self, doc: &DeTable<'_>, span: Range<usize>) -> MapFile {
        let mut file = MapFile::default();
        let mut saw_map = false;
        let mut entries = None;
        for (key, value) in doc.iter() {
            match key.get_ref().as_ref() {
                "map" => match value.get_ref() {
                    DeValue::Table(map) => {
                        saw_map = true;
                        if !self.map_header(map, value.span(), &mut file) {
                            return file;
                        }
                    }
                    _ => self.wrong_type(key, value, Expected::Table),
                },
                "entry" => match value.get_ref() {
                    DeValue::Array(items) => entries = Some(items),
                    _ => self.wrong_type(key, value, Expected::TableList),
                },
                other => self.problem(key.span().start, ProblemKind::UnknownKey(other.into())),
            }
        }
        if !saw_map {
            self.problem(span.start, ProblemKind::MissingMap);
        }
        let Some(items) = entries else { return file };
        let mut first_seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
        self.entries(items, &mut first_seen, &mut file);
        file
    }

    /// Reads `[[entry]]` blocks into `file`; `first_seen` holds the offset
    /// (in the whole file) of each id read so far.
    fn entries(
        &mut self,
        items: &[Value<'_>],
        first_seen: &mut HashMap<String, usize>,
        file: &mut MapFile,
    ) {
        for item in items.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.problem(
                    item.span().start,
                    ProblemKind::WrongType {
                        key: "entry".into(),
                        expected: Expected::TableList,
                    },
                );
                continue;
            };
            let Some((entry, id_at)) = self.entry(table, item.span()) else {
                continue;
            };
            if let Some(&first) = first_seen.get(&entry.id) {
                self.problem(
                    id_at,
                    ProblemKind::DuplicateId {
                        id: entry.id.clone(),
                        first_line: first,
                    },
                );
                continue;
            }
            first_seen.insert(entry.id.clone(), id_at + self.base);
            file.entries.push(entry);
        }
    }

    /// Reads `[map]`; false when the format is too new to read any further.
    fn map_header(&mut self, map: &DeTable<'_>, span: Range<usize>, file: &mut MapFile) -> bool {
        let mut format_seen = false;
        for (key, value) in map.iter() {
            match key.get_ref().as_ref() {
                "format" => {
                    format_seen = true;
                    match self.integer(key, value) {
                        Some(n) if n > FORMAT => {
                            self.problems.clear();
                            self.problem(value.span().start, ProblemKind::FormatTooNew(n));
                            return false;
                        }
                        Some(n) if n < 1 => {
                            self.problem(value.span().start, ProblemKind::BadFormat)
                        }
                        Some(n) => self.format = n,
                        None => {}
                    }
                }
                "name" => file.name = self.line(key, value),
                "exported_at" => file.exported_at = self.time(key, value),
                "exported_by" => file.exported_by = self.line(key, value),
                other => self.problem(key.span().start, ProblemKind::UnknownKey(other.into())),
            }
        }
        if !format_seen {
            self.problem(span.start, ProblemKind::MissingFormat);
        }
        true
    }

    /// Reads one `[[entry]]`; returns it with the offset of its id.
    fn entry(&mut self, table: &DeTable<'_>, span: Range<usize>) -> Option<(Entry, usize)> {
        let before = self.problems.len();
        let mut e = Entry::default();
        let (mut id_at, mut kind_seen, mut name_at, mut domains_at) = (None, false, None, None);
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            match EntryKey::from_name(name) {
                Some(EntryKey::Id) => {
                    if let Some(id) = self.text(key, value) {
                        if !is_valid_id(&id) {
                            self.problem(value.span().start, ProblemKind::BadId(id.clone()));
                        }
                        id_at = Some(value.span().start);
                        e.id = id;
                    }
                }
                Some(EntryKey::Field(field)) => {
                    match field {
                        Field::Kind => kind_seen = true,
                        Field::Name => name_at = Some(value.span().start),
                        Field::Domains => domains_at = Some(value.span().start),
                        _ => {}
                    }
                    self.field(&mut e, field, key, value);
                }
                Some(EntryKey::Updated) => e.updated = self.time(key, value),
                Some(EntryKey::UpdatedBy) => e.updated_by = self.line(key, value),
                Some(EntryKey::Clock) => e.clock = self.clock(key, value),
                Some(EntryKey::Created) => e.created = self.dot(key, value),
                Some(EntryKey::Written) => e.written = self.written(key, value),
                Some(EntryKey::Conflicts) => self.conflicts(&mut e, key, value),
                Some(EntryKey::Deleted) => e.deleted = self.boolean(key, value).unwrap_or(false),
                None => self.problem(key.span().start, ProblemKind::UnknownKey(name.into())),
            }
        }
        let Some(id_at) = id_at else {
            self.problem(span.start, ProblemKind::MissingKey("id"));
            return None;
        };
        if self.format == 1 {
            // Format 1: every field has the dot of the version's last edit, if it says whose.
            e.created = e
                .clock
                .dot_of(&e.updated_by)
                .filter(|_| !e.updated_by.is_empty());
            e.written.clear();
        }
        if e.deleted {
            // A tombstone needs only its id and clock.
            return (self.problems.len() == before).then(|| (e.into_tombstone(), id_at));
        }
        if e.is_conflicted_by_deletion() {
            // The live side of a delete-or-keep conflict holds only what the
            // tombstone did not see: it may lack even its name.
            return (self.problems.len() == before).then_some((e, id_at));
        }
        if !kind_seen {
            self.problem(span.start, ProblemKind::MissingKey("kind"));
        }
        match name_at {
            None => self.problem(span.start, ProblemKind::MissingKey("name")),
            Some(at) if e.name.trim().is_empty() => self.problem(at, ProblemKind::EmptyName),
            Some(_) => {}
        }
        match domains_at {
            None => self.problem(span.start, ProblemKind::MissingKey("domains")),
            Some(at) if e.domains.is_empty() && self.problems.len() == before => {
                self.problem(at, ProblemKind::NoDomains)
            }
            Some(_) => {}
        }
        (self.problems.len() == before).then_some((e, id_at))
    }

    /// Reads one field of an entry; a value of the wrong type is a problem
    /// and leaves the field empty.
    fn field(&mut self, e: &mut Entry, field: Field, key: &Key<'_>, value: &Value<'_>) {
        match field {
            Field::Kind => {
                if let Some(kind) = self.text(key, value) {
                    match Kind::from_id(&kind) {
                        Some(kind) => e.kind = kind,
                        None => self.problem(value.span().start, ProblemKind::UnknownKind(kind)),
                    }
                }
            }
            Field::Domains => e.domains = self.domains(key, value),
            Field::Private => e.private = self.boolean(key, value).unwrap_or(false),
            Field::Verified => e.verified = self.date(key, value),
            _ if field.shape() == Shape::List => {
                let list = self.checked_list(key, value);
                if let Some(l) = field.list_mut(e) {
                    *l = list;
                }
            }
            _ => {
                let text = self.checked_text(Some(field), key, value);
                if let Some(t) = field.text_mut(e) {
                    *t = text;
                }
            }
        }
    }

    /// A text within the limits of `field` (a single line when `None`).
    fn checked_text(&mut self, field: Option<Field>, key: &Key<'_>, value: &Value<'_>) -> String {
        let text = self.text(key, value).unwrap_or_default();
        if let Some((_, kind)) = limits::check_text(field, &text) {
            self.problem(value.span().start, kind);
        }
        text
    }

    /// A single-line text, such as a worker id.
    fn line(&mut self, key: &Key<'_>, value: &Value<'_>) -> String {
        self.checked_text(None, key, value)
    }

    /// A list of texts within the limits.
    fn checked_list(&mut self, key: &Key<'_>, value: &Value<'_>) -> Vec<String> {
        let at = self.texts_at(key, value);
        let list: Vec<String> = at.iter().map(|(s, _)| s.clone()).collect();
        if let Some((i, kind)) = limits::check_list(&list) {
            let place = at.get(i).map_or(value.span().start, |(_, p)| *p);
            self.problem(place, kind);
        }
        list
    }

    /// `replica:counter`.
    fn dot(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<Dot> {
        let text = self.text(key, value)?;
        let dot = Dot::parse(&text);
        if dot.is_none() {
            self.problem(value.span().start, ProblemKind::BadDot);
        }
        dot
    }

    /// The field that a key of `written` or `conflicts` names.
    fn merged_field(&mut self, key: &Key<'_>) -> Option<Field> {
        let name = key.get_ref().as_ref();
        let field = Field::from_key(name).filter(|f| Field::MERGED.contains(f));
        if field.is_none() {
            self.problem(key.span().start, ProblemKind::NotAField(name.to_string()));
        }
        field
    }

    /// `written = { phone = "bram.p2x7qa:1" }`.
    fn written(
        &mut self,
        key: &Key<'_>,
        value: &Value<'_>,
    ) -> std::collections::BTreeMap<String, Dot> {
        let mut out = std::collections::BTreeMap::new();
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(key, value, Expected::Table);
            return out;
        };
        for (k, v) in table.iter() {
            if k.get_ref().as_ref() == DELETED {
                // The edit that last wrote the entry's existence (a deletion or a keep).
                if let Some(dot) = self.dot(k, v) {
                    out.insert(DELETED.to_string(), dot);
                }
                continue;
            }
            if let (Some(field), Some(dot)) = (self.merged_field(k), self.dot(k, v)) {
                out.insert(field.key().to_string(), dot);
            }
        }
        out
    }

    /// `conflicts = { phone = [{ value = "…", dot = "…" }], deleted = { clock = {…} } }`.
    fn conflicts(&mut self, e: &mut Entry, key: &Key<'_>, value: &Value<'_>) {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(key, value, Expected::Table);
            return;
        };
        for (k, v) in table.iter() {
            if k.get_ref().as_ref() == DELETED {
                match v.get_ref() {
                    // Written before existence was merged like a field.
                    DeValue::Table(_) => e.deletion = self.tombstone(k, v),
                    _ => {
                        let writes = self.existence_writes(k, v);
                        if !writes.is_empty() {
                            e.conflicts.insert(DELETED.to_string(), writes);
                        }
                    }
                }
                continue;
            }
            let Some(field) = self.merged_field(k) else {
                continue;
            };
            let DeValue::Array(items) = v.get_ref() else {
                self.wrong_type(k, v, Expected::TableList);
                continue;
            };
            let mut writes = Vec::new();
            for item in items.iter() {
                let DeValue::Table(w) = item.get_ref() else {
                    self.wrong_type(k, item, Expected::TableList);
                    continue;
                };
                let (mut found, mut dot) = (None, None);
                for (wk, wv) in w.iter() {
                    match wk.get_ref().as_ref() {
                        "value" => found = Some(self.conflict_value(field, wk, wv)),
                        "dot" => dot = self.dot(wk, wv),
                        other => {
                            self.problem(wk.span().start, ProblemKind::UnknownKey(other.into()))
                        }
                    }
                }
                match found {
                    Some(value) => writes.push(Write { value, dot }),
                    None => self.problem(item.span().start, ProblemKind::MissingKey("value")),
                }
            }
            if !writes.is_empty() {
                e.conflicts.insert(field.key().to_string(), writes);
            }
        }
    }

    /// `deleted = [{ value = true, dot = "…" }]`: the other writes of the entry's existence.
    fn existence_writes(&mut self, key: &Key<'_>, value: &Value<'_>) -> Vec<Write> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, Expected::TableList);
            return Vec::new();
        };
        let mut writes = Vec::new();
        for item in items.iter() {
            let DeValue::Table(w) = item.get_ref() else {
                self.wrong_type(key, item, Expected::TableList);
                continue;
            };
            let (mut found, mut dot) = (None, None);
            for (wk, wv) in w.iter() {
                match wk.get_ref().as_ref() {
                    "value" => found = self.boolean(wk, wv),
                    "dot" => dot = self.dot(wk, wv),
                    other => self.problem(wk.span().start, ProblemKind::UnknownKey(other.into())),
                }
            }
            match found {
                Some(gone) => writes.push(Write {
                    value: existence(gone),
                    dot,
                }),
                None => self.problem(item.span().start, ProblemKind::MissingKey("value")),
            }
        }
        writes
    }

    /// One value of a conflict, checked as the field itself would be.
    fn conflict_value(&mut self, field: Field, key: &Key<'_>, value: &Value<'_>) -> FieldValue {
        let mut scratch = Entry::default();
        self.field(&mut scratch, field, key, value);
        field.owned(&scratch)
    }

    /// The tombstone of a delete-or-keep conflict.
    fn tombstone(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<Tombstone> {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(key, value, Expected::Table);
            return None;
        };
        let mut t = Tombstone::default();
        for (k, v) in table.iter() {
            match k.get_ref().as_ref() {
                "clock" => t.clock = self.clock(k, v),
                "kept" => {
                    if let DeValue::Array(items) = v.get_ref() {
                        t.kept = items.iter().map(|c| self.clock(k, c)).collect();
                    } else {
                        self.wrong_type(k, v, Expected::TableList);
                    }
                }
                "updated" => t.updated = self.time(k, v),
                "updated_by" => t.updated_by = self.line(k, v),
                other => self.problem(k.span().start, ProblemKind::UnknownKey(other.into())),
            }
        }
        Some(t)
    }

    fn wrong_type(&mut self, key: &Key<'_>, value: &Value<'_>, expected: Expected) {
        self.problem(
            value.span().start,
            ProblemKind::WrongType {
                key: key.get_ref().to_string(),
                expected,
            },
        );
    }

    fn text(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            _ => {
                self.wrong_type(key, value, Expected::Text);
                None
            }
        }
    }

    /// The texts of a list, each with the offset of its value.
    fn texts_at(&mut self, key: &Key<'_>, value: &Value<'_>) -> Vec<(String, usize)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, Expected::TextList);
            return Vec::new();
        };
        let mut list = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => list.push((s.to_string(), item.span().start)),
                _ => self.wrong_type(key, item, Expected::TextList),
            }
        }
        list
    }

    /// Known domain ids, each once, in the order given.
    fn domains(&mut self, key: &Key<'_>, value: &Value<'_>) -> Vec<LifeDomain> {
        let mut domains = Vec::new();
        for (id, at) in self.texts_at(key, value) {
            match LifeDomain::from_id(&id) {
                Some(d) if !domains.contains(&d) => domains.push(d),
                Some(_) => {}
                None => self.problem(at, ProblemKind::UnknownDomain(id)),
            }
        }
        domains
    }

    fn boolean(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<bool> {
        match value.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, value, Expected::Boolean);
                None
            }
        }
    }

    fn integer(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<i64> {
        let parsed = match value.get_ref() {
            DeValue::Integer(n) => whole_number(n),
            _ => None,
        };
        if parsed.is_none() {
            self.wrong_type(key, value, Expected::Integer);
        }
        parsed
    }

    /// A date as text ("2026-10-01") or as a TOML local date.
    fn date(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<NaiveDate> {
        let raw = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) => d.to_string(),
            _ => {
                self.wrong_type(key, value, Expected::Text);
                return None;
            }
        };
        let parsed = NaiveDate::parse_from_str(&raw, "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.problem(value.span().start, ProblemKind::BadDate(raw));
        }
        parsed
    }

    /// An RFC 3339 time with offset, as text or as a TOML offset date-time.
    fn time(&mut self, key: &Key<'_>, value: &Value<'_>) -> Option<DateTime<Utc>> {
        let raw = match value.get_ref() {
            DeValue::String(s) => s.to_string(),
            DeValue::Datetime(d) => d.to_string(),
            _ => {
                self.wrong_type(key, value, Expected::Text);
                return None;
            }
        };
        let parsed = DateTime::parse_from_rfc3339(&raw)
            .ok()
            .map(|t| t.with_timezone(&Utc));
        if parsed.is_none() {
            self.problem(value.span().start, ProblemKind::BadTime(raw));
        }
        parsed
    }

    fn clock(&mut self, key: &Key<'_>, value: &Value<'_>) -> Clock {
        let DeValue::Table(table) = value.get_ref() else {
            self.wrong_type(key, value, Expected::Table);
            return Clock::default();
        };
        let mut clock = Clock::default();
        for (worker, count) in table.iter() {
            if !is_replica_id(worker.get_ref()) {
                self.problem(
                    worker.span().start,
                    ProblemKind::BadWorkerId(worker.get_ref().to_string()),
                );
                continue;
            }
            let n = match count.get_ref() {
                DeValue::Integer(n) => whole_number(n),
                _ => None,
            };
            match n {
                Some(0) => {}
                Some(n) if n > 0 && n as u64 <= MAX_COUNTER => {
                    clock.0.insert(worker.get_ref().to_string(), n as u64);
                }
                _ => self.problem(count.span().start, ProblemKind::BadCounter),
            }
        }
        clock
    }
}

/// Turns byte offsets into 1-based lines and columns (in characters).
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (line, column)
    }
}

fn whole_number(n: &toml::de::DeInteger<'_>) -> Option<i64> {
    i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file past the slice size: read in slices, it gives what reading it
    /// whole gives, problems at the same places.
    #[test]
    fn a_large_file_reads_in_slices_as_it_reads_whole() {
        let mut text = String::from("[map]\nformat = 2\n");
        let mut i = 0;
        while text.len() <= SLICE_BYTES + 100_000 {
            text.push_str(&format!(
                "\n[[entry]]\nid = \"e-{i}\"\nkind = \"service\"\nname = \"Voorziening {i}\"\ndomains = [\"housing\"]\ndescription = \"{}\"\n",
                "x".repeat(300)
            ));
            i += 1;
        }
        let sliced = parse_in_slices(&text, None).expect("cuts cleanly");
        assert_eq!(sliced, parse_whole(&text));
        assert_eq!(sliced.expect("valid").entries.len(), i);
        // A duplicate id far apart, and a bad domain in a later slice.
        let broken = text
            .replacen("id = \"e-5000\"", "id = \"e-1\"", 1)
            .replacen(
                "domains = [\"housing\"]\ndescription = \"x",
                "domains = [\"huis\"]\ndescription = \"x",
                1,
            );
        let sliced = parse_in_slices(&broken, None).expect("cuts cleanly");
        assert_eq!(sliced, parse_whole(&broken));
        assert_eq!(sliced.expect_err("two problems").len(), 2);
        // A text holding a `[[entry]]` line reads right, sliced or whole.
        let tricky = text
            .replacen("description = \"x", "description = \"\"\"\n[[entry]]\nx", 1)
            .replacen(
                &format!("{}\"\n", "x".repeat(299)),
                &format!("{}\"\"\"\n", "x".repeat(299)),
                1,
            );
        assert_eq!(parse(&tricky), parse_whole(&tricky));
        assert_eq!(parse(&tricky).map(|f| f.entries.len()), Ok(i));
        // Read a slice at a time: the same entries, each given once, none
        // given after a problem; a file that does not cut cleanly too.
        let dir = tempfile::tempdir().expect("tmp");
        for (name, text) in [("plain", &text), ("tricky", &tricky), ("broken", &broken)] {
            let path = dir.path().join(format!("{name}.toml"));
            std::fs::write(&path, text).expect("write");
            let mut given = Vec::new();
            let mut slices = 0;
            let header = read_each(&path, &mut |slice| {
                slices += 1;
                given.extend(slice);
            });
            match read(&path) {
                Ok(whole) => {
                    assert_eq!(header.map(|h| h.name), Ok(whole.name), "{name}");
                    assert_eq!(given, whole.entries, "{name}");
                    assert!(slices > 1 || name == "tricky", "{name}: in slices");
                }
                Err(problems) => {
                    assert_eq!(header.expect_err("problems"), problems, "{name}");
                    assert!(given.len() < i, "{name}: stopped at the problem");
                }
            }
        }
    }
}
