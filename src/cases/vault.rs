//! Keys at rest: a random data key, wrapped once per enrolled worker with a
//! key derived from their passphrase (argon2id), and a key per case wrapped
//! by the data key. The vault is one small file, rewritten atomically, so a
//! key that is dropped (erasure) is in no file of the data dir any more.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zeroize::{Zeroize, ZeroizeOnDrop};

/// The first bytes of every vault written since version 2.
const MAGIC: &[u8; 4] = b"WKVT";
/// The vault format written now: `MAGIC`, this byte, the bincode body, and
/// the SHA-256 of everything before it (every later version keeps that
/// trailing checksum, so damage is told apart from a newer format).
/// Format 3 gives every worker a key pair and a record of who vouched.
const VAULT_VERSION: u8 = 3;
/// Format 2: the same frame, slots that wrap the data key directly.
const VAULT_VERSION_2: u8 = 2;
/// The first format: this byte and the bincode body, no magic, no checksum.
const LEGACY_VERSION: u8 = 1;
const CHECKSUM_LEN: usize = 32;
/// OWASP's argon2id minimum: 19 MiB, two passes, one lane.
const KDF_MEMORY_KIB: u32 = 19 * 1024;
const KDF_PASSES: u32 = 2;

/// A 256-bit key, wiped from memory when dropped.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Key([u8; 32]);

impl Key {
    pub fn random() -> Key {
        let key = XChaCha20Poly1305::generate_key(&mut OsRng);
        Key(key.into())
    }

    pub(crate) fn from_array(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }

    pub(crate) fn bytes_array(&self) -> &[u8; 32] {
        &self.0
    }

    /// A key from unwrapped bytes; `None` unless exactly 32 of them.
    pub(crate) fn from_plain(mut plain: Vec<u8>) -> Option<Key> {
        let key = <[u8; 32]>::try_from(plain.as_slice()).ok().map(Key);
        plain.zeroize();
        key
    }
}

/// Ciphertext with its nonce.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub(crate) nonce: [u8; 24],
    pub(crate) bytes: Vec<u8>,
}

/// Encrypts `plain`, bound to `context` (what it is, e.g. "case:c12"), so a
/// ciphertext cannot be moved to another place and still open.
pub fn seal(key: &Key, plain: &[u8], context: &str) -> Result<Sealed, VaultError> {
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let bytes = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: plain,
                aad: context.as_bytes(),
            },
        )
        .map_err(|_| VaultError::Encrypt)?;
    Ok(Sealed {
        nonce: nonce.into(),
        bytes,
    })
}

/// Decrypts; `None` when the key or context is wrong or the bytes were changed.
pub fn open(key: &Key, sealed: &Sealed, context: &str) -> Option<Vec<u8>> {
    let cipher = XChaCha20Poly1305::new((&key.0).into());
    cipher
        .decrypt(
            XNonce::from_slice(&sealed.nonce),
            Payload {
                msg: &sealed.bytes,
                aad: context.as_bytes(),
            },
        )
        .ok()
}

use super::slot::SlotV2;
pub use super::slot::{Slot, Vouch, VouchKind};

/// The body of vault format 3 (bincode, field order fixed).
#[derive(Clone, Default, Serialize, Deserialize)]
struct VaultFile {
    slots: Vec<Slot>,
    case_keys: BTreeMap<String, Sealed>,
}

/// The body of formats 1 and 2 (bincode, field order fixed).
#[derive(Serialize, Deserialize)]
struct VaultFileV2 {
    slots: Vec<SlotV2>,
    case_keys: BTreeMap<String, Sealed>,
}

impl From<VaultFileV2> for VaultFile {
    fn from(old: VaultFileV2) -> VaultFile {
        VaultFile {
            slots: old.slots.into_iter().map(Slot::from).collect(),
            case_keys: old.case_keys,
        }
    }
}

/// What vault.bin is to hold after a change that goes with log records
/// (an enrolment, a change of a worker, a removal, a restore, an erasure).
/// It is never saved in place: it is written beside vault.bin
/// (`write_next`), the log records are committed with a mark, and then it
/// takes vault.bin's place (`install_next`); see `book/swap.rs`.
#[derive(Clone)]
pub struct Next {
    file: VaultFile,
}

/// A vault with a new data key and new case keys, ready to be written
/// beside the old one (`vault.next`) while the case data is re-encrypted.
pub struct Rekey {
    pub next: Next,
    /// Each case's old key and new key.
    pub case_keys: Vec<(String, Key, Key)>,
    pub data_key: Key,
}

/// What can go wrong with the vault. Damage is never reported as a wrong
/// passphrase: the file checks itself before any passphrase is tried.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("unknown worker {0}")]
    UnknownWorker(String),
    #[error("worker {0} is already enrolled")]
    AlreadyEnrolled(String),
    /// The file fails its own checks (checksum, magic, structure).
    #[error("vault.bin is damaged")]
    Damaged,
    /// Written by a newer wijkkaart, in a format this one does not know.
    #[error("vault.bin was written by a newer wijkkaart")]
    Newer,
    /// The vault is whole but this case's key does not open with the data key.
    #[error("the key of case {0} is damaged")]
    CaseKeyDamaged(String),
    #[error("encryption failed")]
    Encrypt,
    /// A worker's slot of format 2 cannot take a new data key without them.
    #[error("the key slot of {0} is of an older kind")]
    OldSlot(String),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The key file of a data dir.
pub struct Vault {
    path: PathBuf,
    file: VaultFile,
    /// Read from a file of an older format.
    legacy: bool,
}

fn derive(
    passphrase: &str,
    salt: &[u8; 16],
    memory_kib: u32,
    passes: u32,
) -> Result<Key, VaultError> {
    let mut out = [0u8; 32];
    // Parameters come from the vault; out-of-range ones mean a damaged file.
    let params = Params::new(memory_kib, passes, 1, Some(32)).map_err(|_| VaultError::Damaged)?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
    argon
        .hash_password_into(passphrase.as_bytes(), salt, &mut out)
        .map_err(|_| VaultError::Damaged)?;
    Ok(Key(out))
}

/// bincode of the whole input, or `None` (trailing bytes count as damage).
fn decode_exact<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Option<T> {
    match bincode::serde::decode_from_slice(bytes, bincode::config::standard()) {
        Ok((value, used)) if used == bytes.len() => Some(value),
        _ => None,
    }
}

/// Reads any vault format this version knows; damage is `Damaged`. The
/// flag is true for a file of an older format.
fn decode_file(bytes: &[u8]) -> Result<(VaultFile, bool), VaultError> {
    if let Some(rest) = bytes.strip_prefix(MAGIC) {
        let split = rest
            .len()
            .checked_sub(CHECKSUM_LEN)
            .ok_or(VaultError::Damaged)?;
        let checked = &bytes[..MAGIC.len() + split];
        if Sha256::digest(checked).as_slice() != &rest[split..] {
            return Err(VaultError::Damaged);
        }
        return match rest[..split].split_first() {
            Some((&VAULT_VERSION, body)) => decode_exact(body)
                .map(|f| (f, false))
                .ok_or(VaultError::Damaged),
            Some((&VAULT_VERSION_2, body)) => decode_exact::<VaultFileV2>(body)
                .map(|f| (f.into(), true))
                .ok_or(VaultError::Damaged),
            Some((&v, _)) if v > VAULT_VERSION => Err(VaultError::Newer),
            _ => Err(VaultError::Damaged),
        };
    }
    match bytes.split_first() {
        Some((&LEGACY_VERSION, body)) => decode_exact::<VaultFileV2>(body)
            .map(|f| (f.into(), true))
            .ok_or(VaultError::Damaged),
        _ => Err(VaultError::Damaged),
    }
}

fn encode_file(file: &VaultFile) -> Result<Vec<u8>, VaultError> {
    let mut bytes = MAGIC.to_vec();
    bytes.push(VAULT_VERSION);
    bincode::serde::encode_into_std_write(file, &mut bytes, bincode::config::standard())
        .map_err(|_| VaultError::Encrypt)?;
    let checksum = Sha256::digest(&bytes);
    bytes.extend_from_slice(&checksum);
    Ok(bytes)
}

impl Vault {
    /// Opens the vault of a data dir (empty when none was written yet). A
    /// vault of the first format is read as it is (see `upgrade`).
    pub fn open(dir: &Path) -> Result<Vault, VaultError> {
        let path = dir.join("vault.bin");
        let (file, legacy) = match std::fs::read(&path) {
            Ok(bytes) => decode_file(&bytes)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (VaultFile::default(), false),
            Err(source) => return Err(VaultError::Io { path, source }),
        };
        Ok(Vault { path, file, legacy })
    }

    /// A vault read from bytes (a backup's), to read keys from: it is
    /// never written.
    pub fn from_bytes(bytes: &[u8]) -> Result<Vault, VaultError> {
        let (file, legacy) = decode_file(bytes)?;
        Ok(Vault {
            path: PathBuf::new(),
            file,
            legacy,
        })
    }

    /// True when no vault file was there and none has been written yet.
    pub fn is_new(&self) -> bool {
        self.file.slots.is_empty() && self.file.case_keys.is_empty() && !self.path.exists()
    }

    /// Rewrites a vault of an older format in the current one; true when it
    /// did. Needs no passphrase: the keys stay wrapped as they are (a slot
    /// of format 2 gets its key pair when its worker unlocks: `renew`).
    pub fn upgrade(&mut self) -> Result<bool, VaultError> {
        if !self.legacy {
            return Ok(false);
        }
        self.save()?;
        Ok(true)
    }

    fn save(&mut self) -> Result<(), VaultError> {
        crate::store::write_private(&self.path, &encode_file(&self.file)?).map_err(|source| {
            VaultError::Io {
                path: self.path.clone(),
                source,
            }
        })?;
        self.legacy = false;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn slots(&self) -> &[Slot] {
        &self.file.slots
    }

    pub fn slot(&self, worker: &str) -> Option<&Slot> {
        self.file.slots.iter().find(|s| s.worker == worker)
    }

    fn kek(&self, slot: &Slot, passphrase: &str) -> Result<Key, VaultError> {
        derive(passphrase, &slot.salt, slot.memory_kib, slot.passes)
    }

    /// Unwraps the data key with a worker's passphrase.
    pub fn unlock(&self, worker: &str, passphrase: &str) -> Result<Key, VaultError> {
        let slot = self
            .slot(worker)
            .ok_or_else(|| VaultError::UnknownWorker(worker.to_string()))?;
        slot.open_data_key(&self.kek(slot, passphrase)?)
    }

    /// Gives a slot of format 2 its key pair (its worker's passphrase is
    /// needed for that); true when it did.
    pub fn renew(&mut self, worker: &str, passphrase: &str) -> Result<bool, VaultError> {
        let Some(index) = self.file.slots.iter().position(|s| s.worker == worker) else {
            return Err(VaultError::UnknownWorker(worker.to_string()));
        };
        if !self.file.slots[index].is_old_kind() {
            return Ok(false);
        }
        let kek = self.kek(&self.file.slots[index], passphrase)?;
        let data_key = self.file.slots[index].open_data_key(&kek)?;
        let before = self.file.slots[index].clone();
        self.file.slots[index].give_key_pair(&kek, &data_key)?;
        if let Err(e) = self.save() {
            self.file.slots[index] = before;
            return Err(e);
        }
        Ok(true)
    }

    /// The vault as it is, to be changed and written beside it (`Next`).
    pub fn next(&self) -> Next {
        Next {
            file: self.file.clone(),
        }
    }

    /// The vault without `removed`, with a new data key sealed to every
    /// other worker and a new key for every case. Fails with `OldSlot` when
    /// a remaining worker's slot is of format 2 (only their passphrase can
    /// give it the new key).
    pub fn prepare_rekey(&self, removed: &str, data_key: &Key) -> Result<Rekey, VaultError> {
        let new_key = Key::random();
        let mut slots = Vec::new();
        for slot in self.file.slots.iter().filter(|s| s.worker != removed) {
            let mut slot = slot.clone();
            if !slot.reseal(&new_key)? {
                return Err(VaultError::OldSlot(slot.worker));
            }
            slots.push(slot);
        }
        let mut case_keys = BTreeMap::new();
        let mut pairs = Vec::new();
        for case in self.file.case_keys.keys() {
            let old = self
                .case_key(case, data_key)?
                .ok_or_else(|| VaultError::CaseKeyDamaged(case.clone()))?;
            let new = Key::random();
            case_keys.insert(
                case.clone(),
                seal(&new_key, &new.0, &format!("casekey:{case}"))?,
            );
            pairs.push((case.clone(), old, new));
        }
        Ok(Rekey {
            next: Next {
                file: VaultFile { slots, case_keys },
            },
            case_keys: pairs,
            data_key: new_key,
        })
    }

    /// Where a re-keyed vault waits until the case data is re-encrypted.
    pub fn next_path(&self) -> PathBuf {
        self.path.with_file_name("vault.next")
    }

    /// Writes the vault to come beside this one (synced), where the next
    /// open finds it if the mark of its log records is set.
    pub fn write_next(&self, next: &Next) -> Result<(), VaultError> {
        let path = self.next_path();
        crate::store::write_private(&path, &encode_file(&next.file)?)
            .map_err(|source| VaultError::Io { path, source })
    }

    /// Puts the vault to come in place of this one (when it is there) and
    /// reads it. Safe to repeat.
    pub fn install_next(&mut self) -> Result<(), VaultError> {
        let next = self.next_path();
        if next.exists() {
            std::fs::rename(&next, &self.path).map_err(|source| VaultError::Io {
                path: next.clone(),
                source,
            })?;
        }
        *self = Vault::open(self.path.parent().unwrap_or(Path::new(".")))?;
        Ok(())
    }

    /// Forgets a vault to come whose log records were never written.
    pub fn discard_next(&self) -> Result<(), VaultError> {
        match std::fs::remove_file(self.next_path()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(VaultError::Io {
                path: self.next_path(),
                source,
            }),
        }
    }

    /// Makes and stores a new key for a case.
    pub fn new_case_key(&mut self, case: &str, data_key: &Key) -> Result<Key, VaultError> {
        let key = Key::random();
        let wrapped = seal(data_key, &key.0, &format!("casekey:{case}"))?;
        let before = self.file.case_keys.insert(case.to_string(), wrapped);
        if let Err(e) = self.save() {
            match before {
                Some(old) => self.file.case_keys.insert(case.to_string(), old),
                None => self.file.case_keys.remove(case),
            };
            return Err(e);
        }
        Ok(key)
    }

    /// The key of a case: `None` when the case was erased (or never
    /// existed), an error when its key is there but does not open.
    pub fn case_key(&self, case: &str, data_key: &Key) -> Result<Option<Key>, VaultError> {
        let Some(sealed) = self.file.case_keys.get(case) else {
            return Ok(None);
        };
        let damaged = || VaultError::CaseKeyDamaged(case.to_string());
        let plain = open(data_key, sealed, &format!("casekey:{case}")).ok_or_else(damaged)?;
        Key::from_plain(plain).map(Some).ok_or_else(damaged)
    }

    /// True when the vault holds a key for this case.
    pub fn has_case_key(&self, case: &str) -> bool {
        self.file.case_keys.contains_key(case)
    }

    /// Destroys a case's key: whatever is left of the case anywhere can no
    /// longer be decrypted.
    pub fn destroy_case_key(&mut self, case: &str) -> Result<(), VaultError> {
        if let Some(old) = self.file.case_keys.remove(case)
            && let Err(e) = self.save()
        {
            self.file.case_keys.insert(case.to_string(), old);
            return Err(e);
        }
        Ok(())
    }

    /// The wrapped key of a case as stored, for tests that look for it on disk.
    #[doc(hidden)]
    pub fn wrapped_case_key(&self, case: &str) -> Option<Vec<u8>> {
        self.file.case_keys.get(case).map(|s| s.bytes.clone())
    }
}

impl Next {
    pub fn slots(&self) -> &[Slot] {
        &self.file.slots
    }

    pub fn slot(&self, worker: &str) -> Option<&Slot> {
        self.file.slots.iter().find(|s| s.worker == worker)
    }

    /// Enrols a worker. The first one creates the data key; later ones need
    /// it (from a worker who unlocked). Returns the data key.
    pub fn enrol(
        &mut self,
        worker: &str,
        name: &str,
        organisation: &str,
        passphrase: &str,
        data_key: Option<&Key>,
        vouch: Vouch,
    ) -> Result<Key, VaultError> {
        if self.slot(worker).is_some() {
            return Err(VaultError::AlreadyEnrolled(worker.to_string()));
        }
        let key = match data_key {
            Some(k) => k.clone(),
            None if self.file.slots.is_empty() => Key::random(),
            None => return Err(VaultError::WrongPassphrase),
        };
        let mut salt = [0u8; 16];
        salt.copy_from_slice(&XChaCha20Poly1305::generate_nonce(&mut OsRng)[..16]);
        let kek = derive(passphrase, &salt, KDF_MEMORY_KIB, KDF_PASSES)?;
        let slot = Slot::new(
            worker,
            name,
            organisation,
            vec![vouch],
            (salt, KDF_MEMORY_KIB, KDF_PASSES),
            &kek,
            &key,
        )?;
        self.file.slots.push(slot);
        Ok(key)
    }

    /// Changes a worker's name and organisation, with the vouch for it.
    pub fn change(
        &mut self,
        worker: &str,
        name: &str,
        organisation: &str,
        vouch: Vouch,
    ) -> Result<(), VaultError> {
        let Some(slot) = self.file.slots.iter_mut().find(|s| s.worker == worker) else {
            return Err(VaultError::UnknownWorker(worker.to_string()));
        };
        slot.name = name.to_string();
        slot.organisation = organisation.to_string();
        slot.vouches.push(vouch);
        Ok(())
    }

    /// Makes a new key for a case.
    pub fn new_case_key(&mut self, case: &str, data_key: &Key) -> Result<Key, VaultError> {
        let key = Key::random();
        let wrapped = seal(data_key, &key.0, &format!("casekey:{case}"))?;
        self.file.case_keys.insert(case.to_string(), wrapped);
        Ok(key)
    }

    /// Drops a case's key (an erasure).
    pub fn destroy_case_key(&mut self, case: &str) {
        self.file.case_keys.remove(case);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Enrols through the vault to come, as the case book does.
    fn enrol(
        vault: &mut Vault,
        worker: &str,
        name: &str,
        organisation: &str,
        passphrase: &str,
        data_key: Option<&Key>,
        vouch: Vouch,
    ) -> Result<Key, VaultError> {
        let mut next = vault.next();
        let key = next.enrol(worker, name, organisation, passphrase, data_key, vouch)?;
        vault.write_next(&next)?;
        vault.install_next()?;
        Ok(key)
    }

    /// A vault in `dir` with anna (of `organisation`) as its first worker, and her data key.
    fn vault_with_anna(dir: &Path, organisation: &str) -> (Vault, Key) {
        let mut vault = Vault::open(dir).expect("open");
        let key = enrol(
            &mut vault,
            "anna",
            "Anna",
            organisation,
            "geheim anna",
            None,
            vouch(&["anna"]),
        )
        .expect("first");
        (vault, key)
    }

    #[test]
    fn sealed_data_opens_only_with_key_and_context() {
        let key = Key::random();
        let sealed = seal(&key, b"Fam. A., Moerwijk", "case:c1").expect("seals");
        assert_eq!(
            open(&key, &sealed, "case:c1").as_deref(),
            Some(&b"Fam. A., Moerwijk"[..])
        );
        assert!(open(&key, &sealed, "case:c2").is_none());
        assert!(open(&Key::random(), &sealed, "case:c1").is_none());
        let mut tampered = sealed.clone();
        tampered.bytes[0] ^= 1;
        assert!(open(&key, &tampered, "case:c1").is_none());
    }

    fn two_slots() -> VaultFile {
        let slot = |worker: &str| {
            Slot::from(SlotV2 {
                worker: worker.into(),
                name: worker.into(),
                organisation: "Welzijn".into(),
                salt: [3; 16],
                memory_kib: KDF_MEMORY_KIB,
                passes: KDF_PASSES,
                wrapped: Sealed {
                    nonce: [4; 24],
                    bytes: vec![5; 48],
                },
            })
        };
        let mut case_keys = BTreeMap::new();
        case_keys.insert(
            "c1".to_string(),
            Sealed {
                nonce: [6; 24],
                bytes: vec![7; 48],
            },
        );
        VaultFile {
            slots: vec![slot("anna"), slot("bram")],
            case_keys,
        }
    }

    #[test]
    fn every_flipped_bit_of_a_vault_is_damage() {
        let bytes = encode_file(&two_slots()).expect("encodes");
        assert_eq!(&bytes[..5], b"WKVT\x03");
        let (file, legacy) = decode_file(&bytes).expect("decodes");
        assert!(!legacy);
        assert_eq!(file.slots.len(), 2);
        for i in 0..bytes.len() {
            for bit in 0..8 {
                let mut flipped = bytes.clone();
                flipped[i] ^= 1 << bit;
                assert!(
                    matches!(decode_file(&flipped), Err(VaultError::Damaged)),
                    "byte {i} bit {bit}"
                );
            }
        }
        for len in 0..bytes.len() {
            assert!(matches!(
                decode_file(&bytes[..len]),
                Err(VaultError::Damaged)
            ));
        }
    }

    #[test]
    fn a_newer_vault_is_told_apart_from_a_damaged_one() {
        let mut bytes = encode_file(&two_slots()).expect("encodes");
        bytes.truncate(bytes.len() - CHECKSUM_LEN);
        bytes[4] = 4;
        let checksum = Sha256::digest(&bytes);
        bytes.extend_from_slice(&checksum);
        assert!(matches!(decode_file(&bytes), Err(VaultError::Newer)));
    }

    #[test]
    fn a_first_format_vault_is_read_and_upgraded() {
        let dir = tempfile::tempdir().expect("tmp");
        let old = |w: &str| SlotV2 {
            worker: w.into(),
            name: w.into(),
            organisation: "Welzijn".into(),
            salt: [3; 16],
            memory_kib: KDF_MEMORY_KIB,
            passes: KDF_PASSES,
            wrapped: Sealed {
                nonce: [4; 24],
                bytes: vec![5; 48],
            },
        };
        let file = VaultFileV2 {
            slots: vec![old("anna"), old("bram")],
            case_keys: BTreeMap::new(),
        };
        let mut legacy = vec![LEGACY_VERSION];
        legacy.extend(
            bincode::serde::encode_to_vec(file, bincode::config::standard()).expect("encodes"),
        );
        std::fs::write(dir.path().join("vault.bin"), &legacy).expect("write");
        let mut vault = Vault::open(dir.path()).expect("opens");
        assert_eq!(vault.slots().len(), 2);
        assert!(vault.upgrade().expect("upgrades"));
        assert!(!vault.upgrade().expect("once"));
        let bytes = std::fs::read(dir.path().join("vault.bin")).expect("read");
        assert!(bytes.starts_with(MAGIC));
        assert_eq!(Vault::open(dir.path()).expect("reopens").slots().len(), 2);
    }

    #[test]
    fn out_of_range_key_parameters_are_damage_not_a_weaker_key() {
        assert!(matches!(
            derive("geheim", &[0; 16], 0, 0),
            Err(VaultError::Damaged)
        ));
    }

    fn vouch(by: &[&str]) -> Vouch {
        Vouch {
            kind: VouchKind::Enrolled,
            by: by.iter().map(|b| b.to_string()).collect(),
            at: 1_800_000_000,
        }
    }

    #[test]
    fn removal_gives_the_others_a_new_key_and_the_old_slot_opens_nothing_new() {
        let dir = tempfile::tempdir().expect("tmp");
        let (mut vault, key) = vault_with_anna(dir.path(), "A");
        for w in ["bram", "cem"] {
            enrol(
                &mut vault,
                w,
                w,
                "B",
                &format!("geheim {w}"),
                Some(&key),
                vouch(&["anna", w]),
            )
            .expect("enrol");
        }
        vault.new_case_key("c1", &key).expect("case key");
        let old_bram = vault.slot("bram").expect("bram").clone();
        let rekey = vault.prepare_rekey("bram", &key).expect("rekey");
        vault.write_next(&rekey.next).expect("next");
        vault.install_next().expect("install");
        assert!(vault.slot("bram").is_none());
        let new_key = vault.unlock("cem", "geheim cem").expect("cem unlocks");
        assert_ne!(new_key.0, key.0);
        assert_eq!(
            vault.unlock("anna", "geheim anna").expect("anna").0,
            new_key.0
        );
        let case_key = vault
            .case_key("c1", &new_key)
            .expect("opens")
            .expect("there");
        assert_eq!(case_key.0, rekey.case_keys[0].2.0);
        assert_ne!(case_key.0, rekey.case_keys[0].1.0);
        // bram's old slot, put back by hand, still opens only the old key.
        let kek = derive(
            "geheim bram",
            &old_bram.salt,
            old_bram.memory_kib,
            old_bram.passes,
        )
        .expect("kek");
        assert_eq!(old_bram.open_data_key(&kek).expect("old").0, key.0);
        assert!(vault.case_key("c1", &key).is_err());
    }

    #[test]
    fn an_old_slot_is_renewed_with_its_passphrase_and_keeps_its_key() {
        let dir = tempfile::tempdir().expect("tmp");
        let (mut vault, key) = vault_with_anna(dir.path(), "A");
        let kek = Key::random();
        let mut slot = vault.file.slots[0].clone();
        slot.access =
            super::super::slot::Access::Passphrase(seal(&kek, &key.0, "slot:anna").expect("seal"));
        assert!(slot.is_old_kind());
        assert_eq!(slot.open_data_key(&kek).expect("opens").0, key.0);
        assert!(vault.prepare_rekey("nobody", &key).is_ok());
        vault.file.slots[0] = slot;
        assert!(matches!(
            vault.prepare_rekey("nobody", &key),
            Err(VaultError::OldSlot(_))
        ));
    }

    #[test]
    fn workers_share_one_data_key_through_their_own_slots() {
        let dir = tempfile::tempdir().expect("tmp");
        let (mut vault, key) = vault_with_anna(dir.path(), "Welzijn");
        assert!(
            enrol(
                &mut vault,
                "bram",
                "Bram",
                "",
                "geheim bram",
                None,
                vouch(&["anna"])
            )
            .is_err(),
            "needs the data key"
        );
        enrol(
            &mut vault,
            "bram",
            "Bram",
            "",
            "geheim bram",
            Some(&key),
            vouch(&["anna"]),
        )
        .expect("second");
        let reopened = Vault::open(dir.path()).expect("reopen");
        let via_bram = reopened
            .unlock("bram", "geheim bram")
            .expect("bram unlocks");
        assert_eq!(via_bram.0, key.0);
        assert!(matches!(
            reopened.unlock("anna", "fout"),
            Err(VaultError::WrongPassphrase)
        ));
        assert!(matches!(
            reopened.unlock("cem", "x"),
            Err(VaultError::UnknownWorker(_))
        ));
    }
}
