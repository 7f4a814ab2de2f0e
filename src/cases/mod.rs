//! Case notes and impact-article decisions: cases with the complete picture,
//! the two-worker rule, the hash-chained decision log, and the encryption
//! that keeps all of it unreadable on disk without a worker's passphrase.

pub mod audit;
pub mod book;
pub mod bsn;
pub mod error;
pub mod log;
pub mod model;
pub mod rule;
pub mod slot;
pub mod stored;
pub mod vault;
