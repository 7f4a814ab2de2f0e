//! Case records and log records as stored in the database: a magic, a
//! format-version byte, the nonce and the ciphertext, with the magic and the
//! version bound into the ciphertext's authentication, so a damaged byte
//! anywhere is found and never read as a newer format. Values written before
//! versions existed (bincode of `Sealed`, no magic) are still read.
//!
//! Every later version keeps this frame (magic, version, 24-byte nonce,
//! XChaCha20-Poly1305 ciphertext authenticated with `context(version, ...)`),
//! or changes the magic.

use super::log::{LogRecord, Seal};
use super::model::Case;
use super::vault::{Key, Sealed, VaultError, open, seal as seal_bytes};

const CASE_MAGIC: &[u8; 4] = b"WKCS";
const LOG_MAGIC: &[u8; 4] = b"WKLG";
const SEAL_MAGIC: &[u8; 4] = b"WKSL";
/// The format of the log's seal: `Seal::to_bytes` inside the frame.
pub const SEAL_VERSION: u8 = 1;
/// The format of case values written now: `bincode(Case)` inside the frame.
pub const CASE_VERSION: u8 = 2;
/// The format of log values written now: `LogRecord::to_bytes` inside the
/// frame. Version 3 is version 2 written with the log's clear anchor
/// (`audit::Anchor`): a record of version 3 or later without an anchor
/// beside the seal means the anchor was taken away.
pub const LOG_VALUE_VERSION: u8 = 3;
/// Log values of version 2: the same record, written before anchors.
const LOG_VALUE_VERSION_2: u8 = 2;
const NONCE_LEN: usize = 24;

/// Why a stored value could not be read.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    /// Changed bytes, a wrong key or a value moved to another place.
    #[error("damaged")]
    Damaged,
    /// Whole, but in a format a newer wijkkaart wrote.
    #[error("written by a newer wijkkaart")]
    Newer,
}

/// What the ciphertext of a framed value is bound to.
fn context(magic: &[u8; 4], version: u8, place: &str) -> String {
    format!("{}/{version} {place}", String::from_utf8_lossy(magic))
}

fn frame(magic: &[u8; 4], version: u8, sealed: Sealed) -> Vec<u8> {
    let mut out = Vec::with_capacity(magic.len() + 1 + NONCE_LEN + sealed.bytes.len());
    out.extend(magic);
    out.push(version);
    out.extend(sealed.nonce);
    out.extend(sealed.bytes);
    out
}

/// Opens a framed value: its version and plaintext. `Ok(None)` when the
/// bytes are no frame at all (a value of the first format, perhaps).
fn unframe(key: &Key, magic: &[u8; 4], place: &str, bytes: &[u8]) -> Option<(u8, Vec<u8>)> {
    let rest = bytes.strip_prefix(magic)?;
    let (&version, rest) = rest.split_first()?;
    if rest.len() < NONCE_LEN {
        return None;
    }
    let (nonce, ciphertext) = rest.split_at(NONCE_LEN);
    let sealed = Sealed {
        nonce: nonce.try_into().ok()?,
        bytes: ciphertext.to_vec(),
    };
    let plain = open(key, &sealed, &context(magic, version, place))?;
    Some((version, plain))
}

/// The first format: bincode of `Sealed`, bound to `place` alone.
fn open_legacy(key: &Key, place: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let (sealed, used): (Sealed, usize) =
        bincode::serde::decode_from_slice(bytes, bincode::config::standard()).ok()?;
    if used != bytes.len() {
        return None;
    }
    open(key, &sealed, place)
}

fn decode_exact<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match bincode::serde::decode_from_slice(bytes, bincode::config::standard()) {
        Ok((value, used)) if used == bytes.len() => Some(value),
        _ => None,
    }
}

/// Encrypts a case under its key, as stored under its id.
pub fn seal_case(key: &Key, case: &Case) -> Result<Vec<u8>, VaultError> {
    // The case's words in the clear, wiped once sealed.
    let plain = zeroize::Zeroizing::new(
        bincode::serde::encode_to_vec(case, bincode::config::standard())
            .map_err(|_| VaultError::Encrypt)?,
    );
    let place = format!("case:{}", case.id);
    let sealed = seal_bytes(key, &plain, &context(CASE_MAGIC, CASE_VERSION, &place))?;
    Ok(frame(CASE_MAGIC, CASE_VERSION, sealed))
}

/// Reads a stored case of any format this version knows.
pub fn open_case(key: &Key, id: &str, bytes: &[u8]) -> Result<Case, ValueError> {
    let place = format!("case:{id}");
    // The decrypted bytes are wiped once decoded.
    let unframed = unframe(key, CASE_MAGIC, &place, bytes)
        .map(|(v, plain)| (v, zeroize::Zeroizing::new(plain)));
    let case: Case = match unframed {
        Some((CASE_VERSION, plain)) => decode_exact(&plain).ok_or(ValueError::Damaged)?,
        Some((v, _)) if v > CASE_VERSION => return Err(ValueError::Newer),
        Some(_) => return Err(ValueError::Damaged),
        None => open_legacy(key, &place, bytes)
            .map(zeroize::Zeroizing::new)
            .and_then(|plain| decode_exact(&plain))
            .ok_or(ValueError::Damaged)?,
    };
    if case.id == id {
        Ok(case)
    } else {
        Err(ValueError::Damaged)
    }
}

/// Encrypts a log record under the data key, as stored under its number.
pub fn seal_log(key: &Key, record: &LogRecord) -> Result<Vec<u8>, VaultError> {
    let place = format!("log:{}", record.seq);
    let sealed = seal_bytes(
        key,
        &record.to_bytes(),
        &context(LOG_MAGIC, LOG_VALUE_VERSION, &place),
    )?;
    Ok(frame(LOG_MAGIC, LOG_VALUE_VERSION, sealed))
}

/// Reads a stored log record of any format this version knows.
pub fn open_log(key: &Key, seq: u64, bytes: &[u8]) -> Result<LogRecord, ValueError> {
    let place = format!("log:{seq}");
    match unframe(key, LOG_MAGIC, &place, bytes) {
        Some((LOG_VALUE_VERSION | LOG_VALUE_VERSION_2, plain)) => {
            LogRecord::from_bytes(&plain).ok_or(ValueError::Damaged)
        }
        Some((v, _)) if v > LOG_VALUE_VERSION => Err(ValueError::Newer),
        Some(_) => Err(ValueError::Damaged),
        None => open_legacy(key, &place, bytes)
            .and_then(|plain| LogRecord::from_legacy_bincode(&plain))
            .ok_or(ValueError::Damaged),
    }
}

/// The frame version of a stored log value, readable without a key;
/// `None` for a value of the first format (no frame).
pub fn log_value_version(bytes: &[u8]) -> Option<u8> {
    bytes.strip_prefix(LOG_MAGIC)?.first().copied()
}

/// Encrypts the log's seal under the data key.
pub fn encrypt_seal(key: &Key, seal: &Seal) -> Result<Vec<u8>, VaultError> {
    let sealed = seal_bytes(
        key,
        &seal.to_bytes(),
        &context(SEAL_MAGIC, SEAL_VERSION, "seal:log"),
    )?;
    Ok(frame(SEAL_MAGIC, SEAL_VERSION, sealed))
}

/// Reads the log's seal.
pub fn open_seal(key: &Key, bytes: &[u8]) -> Result<Seal, ValueError> {
    match unframe(key, SEAL_MAGIC, "seal:log", bytes) {
        Some((SEAL_VERSION, plain)) => Seal::from_bytes(&plain).ok_or(ValueError::Damaged),
        Some((v, _)) if v > SEAL_VERSION => Err(ValueError::Newer),
        _ => Err(ValueError::Damaged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::log::LogEvent;
    use chrono::DateTime;

    fn case() -> Case {
        Case {
            id: "c7".into(),
            label: "Fam. A., Moerwijk".into(),
            area: "Moerwijk".into(),
            created: DateTime::from_timestamp(1_800_000_000, 0).expect("time"),
            created_by: "anna".into(),
            notes: Vec::new(),
            scores: Vec::new(),
            interventions: Vec::new(),
        }
    }

    #[test]
    fn a_case_opens_only_as_itself_and_every_flip_is_damage() {
        let key = Key::random();
        let bytes = seal_case(&key, &case()).expect("seals");
        assert_eq!(bytes[..5], [b'W', b'K', b'C', b'S', CASE_VERSION]);
        assert_eq!(open_case(&key, "c7", &bytes), Ok(case()));
        assert_eq!(open_case(&key, "c8", &bytes), Err(ValueError::Damaged));
        assert_eq!(
            open_case(&Key::random(), "c7", &bytes),
            Err(ValueError::Damaged)
        );
        for i in 0..bytes.len() {
            for bit in [0x01, 0x80] {
                let mut flipped = bytes.clone();
                flipped[i] ^= bit;
                assert_eq!(
                    open_case(&key, "c7", &flipped),
                    Err(ValueError::Damaged),
                    "byte {i}"
                );
            }
        }
    }

    #[test]
    fn a_newer_format_is_named_only_when_it_authenticates() {
        let key = Key::random();
        let sealed = seal_bytes(&key, b"?", &context(CASE_MAGIC, 9, "case:c7")).expect("seals");
        let newer = frame(CASE_MAGIC, 9, sealed);
        assert_eq!(open_case(&key, "c7", &newer), Err(ValueError::Newer));
        let mut bumped = seal_case(&key, &case()).expect("seals");
        bumped[4] = 9;
        assert_eq!(open_case(&key, "c7", &bumped), Err(ValueError::Damaged));
    }

    #[test]
    fn log_records_round_trip_and_are_bound_to_their_number() {
        let key = Key::random();
        let at = DateTime::from_timestamp(1_800_000_000, 5).expect("time");
        let r = LogRecord::new(
            4,
            [1; 32],
            at,
            "anna",
            "c1",
            "i2",
            LogEvent::Evaluated,
            [3; 32],
        );
        let bytes = seal_log(&key, &r).expect("seals");
        assert_eq!(open_log(&key, 4, &bytes), Ok(r));
        assert_eq!(open_log(&key, 5, &bytes), Err(ValueError::Damaged));
    }
}
