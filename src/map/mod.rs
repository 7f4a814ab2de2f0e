//! The social map itself: what an entry is, how files are read and written,
//! how versions merge, and how the map is searched.

pub mod builtin;
pub mod clock;
pub mod domain;
pub mod duplicates;
pub mod edit;
pub mod entry;
pub mod fields;
pub mod file;
pub mod limits;
pub mod merge;
pub mod query;
pub mod search;
pub mod share;
pub mod stem;
pub mod summary;
pub mod synonyms;
pub mod vocab;
pub mod words;
pub mod write;
