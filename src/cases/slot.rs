//! A worker's slot in the vault: who they are, who vouched for them, and
//! their way to the data key.
//!
//! Since vault format 3 each worker has an X25519 key pair: the secret half
//! is wrapped with a key derived from their passphrase, and the data key is
//! sealed to the public half. So two workers who remove a third can give
//! every remaining worker a *new* data key without knowing their
//! passphrases, and the removed worker's old slot opens nothing written
//! after. Slots of format 2 wrapped the data key with the passphrase key
//! directly; they are read as they are and turned into the new kind when
//! their worker unlocks.

use super::vault::{Key, Sealed, VaultError, open, seal};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};

/// What a vouch was for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VouchKind {
    Enrolled,
    Renamed,
    Reorganised,
}

/// Two workers (one for the laptop's first) who vouched for a worker's
/// enrolment or a change of their record, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vouch {
    pub kind: VouchKind,
    pub by: Vec<String>,
    /// Unix seconds.
    pub at: i64,
}

/// How a slot reaches the data key.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) enum Access {
    /// Format 2: the data key wrapped with the passphrase key.
    Passphrase(Sealed),
    /// Format 3: the X25519 secret wrapped with the passphrase key, and the
    /// data key sealed to the public key with an ephemeral key pair.
    Public {
        secret: Sealed,
        public: [u8; 32],
        ephemeral: [u8; 32],
        wrapped: Sealed,
    },
}

/// An enrolled worker: who, who vouched, and the way to the data key.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Slot {
    pub worker: String,
    pub name: String,
    pub organisation: String,
    /// Oldest first: the enrolment, then each change of name or organisation.
    pub vouches: Vec<Vouch>,
    pub(crate) salt: [u8; 16],
    pub(crate) memory_kib: u32,
    pub(crate) passes: u32,
    pub(crate) access: Access,
}

/// The key a box to `public` is sealed with.
fn box_key(shared: &[u8; 32], ephemeral: &[u8; 32], public: &[u8; 32]) -> Key {
    let mut h = Sha256::new();
    h.update(b"wijkkaart slot box 1");
    h.update(shared);
    h.update(ephemeral);
    h.update(public);
    Key::from_array(h.finalize().into())
}

fn slot_context(worker: &str) -> String {
    format!("slot:{worker}")
}

/// Seals the data key to a public key: (ephemeral public key, box).
fn seal_to(
    public: &[u8; 32],
    data_key: &Key,
    worker: &str,
) -> Result<([u8; 32], Sealed), VaultError> {
    let ephemeral = StaticSecret::random_from_rng(chacha20poly1305::aead::OsRng);
    let ephemeral_public = PublicKey::from(&ephemeral).to_bytes();
    let shared = ephemeral.diffie_hellman(&PublicKey::from(*public));
    let key = box_key(shared.as_bytes(), &ephemeral_public, public);
    let wrapped = seal(&key, data_key.bytes(), &slot_context(worker))?;
    Ok((ephemeral_public, wrapped))
}

impl Slot {
    /// The fixed digest of what the slot says about the worker (id, name,
    /// organisation, vouches), as sealed with the log: a hand edit of any of
    /// it no longer matches.
    pub fn digest(&self) -> [u8; 32] {
        let mut h = Sha256::new();
        h.update(b"wijkkaart worker 1");
        let mut part = |bytes: &[u8]| {
            h.update((bytes.len() as u64).to_be_bytes());
            h.update(bytes);
        };
        part(self.worker.as_bytes());
        part(self.name.as_bytes());
        part(self.organisation.as_bytes());
        for v in &self.vouches {
            let kind: &[u8] = match v.kind {
                VouchKind::Enrolled => b"e",
                VouchKind::Renamed => b"n",
                VouchKind::Reorganised => b"o",
            };
            part(kind);
            part(&v.at.to_be_bytes());
            for by in &v.by {
                part(by.as_bytes());
            }
            part(b";");
        }
        h.finalize().into()
    }

    /// A new slot of the current kind for `data_key`, opened by `kek`.
    pub(crate) fn new(
        worker: &str,
        name: &str,
        organisation: &str,
        vouches: Vec<Vouch>,
        (salt, memory_kib, passes): ([u8; 16], u32, u32),
        kek: &Key,
        data_key: &Key,
    ) -> Result<Slot, VaultError> {
        let mut slot = Slot {
            worker: worker.to_string(),
            name: name.to_string(),
            organisation: organisation.to_string(),
            vouches,
            salt,
            memory_kib,
            passes,
            access: Access::Passphrase(Sealed {
                nonce: [0; 24],
                bytes: Vec::new(),
            }),
        };
        slot.give_key_pair(kek, data_key)?;
        Ok(slot)
    }

    /// Gives the slot a new key pair (secret wrapped with `kek`) and seals
    /// `data_key` to it.
    pub(crate) fn give_key_pair(&mut self, kek: &Key, data_key: &Key) -> Result<(), VaultError> {
        let secret = StaticSecret::random_from_rng(chacha20poly1305::aead::OsRng);
        let public = PublicKey::from(&secret).to_bytes();
        let wrapped_secret = seal(kek, secret.as_bytes(), &format!("secret:{}", self.worker))?;
        let (ephemeral, wrapped) = seal_to(&public, data_key, &self.worker)?;
        self.access = Access::Public {
            secret: wrapped_secret,
            public,
            ephemeral,
            wrapped,
        };
        Ok(())
    }

    /// True for a slot of format 2 (no key pair yet).
    pub fn is_old_kind(&self) -> bool {
        matches!(self.access, Access::Passphrase(_))
    }

    /// Seals a new data key to this slot's public key (re-keying). `false`
    /// for a slot of the old kind, which only its worker's passphrase can
    /// give a new key.
    pub(crate) fn reseal(&mut self, data_key: &Key) -> Result<bool, VaultError> {
        let Access::Public {
            public,
            ephemeral,
            wrapped,
            ..
        } = &mut self.access
        else {
            return Ok(false);
        };
        let (e, w) = seal_to(public, data_key, &self.worker)?;
        *ephemeral = e;
        *wrapped = w;
        Ok(true)
    }

    /// Opens the data key with the passphrase key.
    pub(crate) fn open_data_key(&self, kek: &Key) -> Result<Key, VaultError> {
        let plain = match &self.access {
            Access::Passphrase(wrapped) => open(kek, wrapped, &slot_context(&self.worker))
                .ok_or(VaultError::WrongPassphrase)?,
            Access::Public {
                secret,
                public,
                ephemeral,
                wrapped,
            } => {
                let plain = open(kek, secret, &format!("secret:{}", self.worker))
                    .ok_or(VaultError::WrongPassphrase)?;
                let secret = Key::from_plain(plain).ok_or(VaultError::Damaged)?;
                let secret = StaticSecret::from(*secret.bytes_array());
                let shared = secret.diffie_hellman(&PublicKey::from(*ephemeral));
                let key = box_key(shared.as_bytes(), ephemeral, public);
                // The passphrase was right; a box that does not open is damage.
                open(&key, wrapped, &slot_context(&self.worker)).ok_or(VaultError::Damaged)?
            }
        };
        Key::from_plain(plain).ok_or(VaultError::Damaged)
    }
}

/// The slot of vault format 2 (bincode, field order fixed).
#[derive(Deserialize, Serialize)]
pub(crate) struct SlotV2 {
    pub worker: String,
    pub name: String,
    pub organisation: String,
    pub salt: [u8; 16],
    pub memory_kib: u32,
    pub passes: u32,
    pub wrapped: Sealed,
}

impl From<SlotV2> for Slot {
    fn from(old: SlotV2) -> Slot {
        Slot {
            worker: old.worker,
            name: old.name,
            organisation: old.organisation,
            vouches: Vec::new(),
            salt: old.salt,
            memory_kib: old.memory_kib,
            passes: old.passes,
            access: Access::Passphrase(old.wrapped),
        }
    }
}
