//! wijkkaart: a fast, offline social map (sociale kaart) for wijkwerkers.
//!
//! The map of the code, from the bottom layer up (ARCHITECTURE.md draws it;
//! `tests/layers.rs` keeps each layer from naming a higher one):
//!
//! - [`lang`]: the interface language, the one thing every layer may know.
//! - [`map`]: entries, life domains, the version clock, the social-map file
//!   format (read and write), the merge rules and the search index. Pure; no
//!   terminal, no database.
//! - [`cases`]: cases, notes, scores, interventions, the two-worker rule (a
//!   pure function), the decision log, and encryption at rest.
//! - [`store`]: the data dir: sled trees of records, value encoding with a
//!   version byte, the built-in map on first use, the one-process lock, the
//!   kept search index, rolling backups, repair on open and `doctor`.
//! - [`text`]: every word the user sees, in Dutch and English, by layer.
//! - [`launch`]: what both faces need to start: the data dir and a failure.
//! - [`cli`]: one file per subcommand; prints, never draws.
//! - [`tui`]: the terminal interface: the app, actions, key map, one module
//!   per screen.
//!
//! Data flows one way: store → index → screens. Screens return effects; the
//! app applies them to the store.
#![forbid(unsafe_code)]

pub mod cases;
pub mod cli;
pub mod lang;
pub mod launch;
pub mod map;
pub mod store;
pub mod text;
pub mod tui;
