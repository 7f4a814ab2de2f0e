//! wijkkaart: a fast, offline social map (sociale kaart) for wijkwerkers.
//!
//! The map of the code, from the data outwards:
//!
//! - [`map`]: entries, life domains, the version clock, the social-map file
//!   format (read and write), the merge rules and the search index. Pure; no
//!   terminal, no database.
//! - [`cases`]: cases, notes, scores, interventions, the two-worker rule (a
//!   pure function), the decision log, and encryption at rest.
//! - [`store`]: the data dir: sled trees of records, value encoding with a
//!   version byte, the built-in map on first use, the one-process lock, the
//!   kept search index, rolling backups, repair on open and `doctor`.
//! - [`text`]: every word the user sees, in Dutch and English.
//! - [`cli`]: one file per subcommand; prints, never draws.
//! - [`tui`]: the terminal interface: app state, actions, key map, one file per screen.
//!
//! Data flows one way: store → index → screens. Screens send actions; the app
//! applies them.
#![forbid(unsafe_code)]

pub mod cases;
pub mod cli;
pub mod map;
pub mod store;
pub mod text;
pub mod tui;
