//! Tokens sealed at rest, and store keys that name no one: both derived from the user's key.
//!
//! A stored value is `version (1) | flags (1) | generation (8, big-endian) | nonce (24) |
//! ciphertext + tag`, sealed with XChaCha20-Poly1305 under a key derived from the fleet key; the
//! associated data is the Redis key and the header, so a value moved to another key or given
//! another generation no longer opens. The generation sits in clear at bytes 2..10, where the
//! compare-and-delete script reads it.

use std::fmt;

use chacha20poly1305::aead::rand_core::RngCore;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use sha2::Sha256;
use tms_runtime::fleet::Scope;

const VERSION: u8 = 1;
/// The token's lifetime is known (the key's TTL is it).
const LIFETIME_KNOWN: u8 = 1;
const HEADER: usize = 10;
const NONCE: usize = 24;

/// The 32-byte secret every process of a fleet is given: tokens are sealed with a key derived
/// from it, and store keys are derived from it too, so a process with another key neither sees
/// nor reads the fleet's entries. `Debug` never shows it.
///
/// ```
/// use tms_redis::FleetKey;
///
/// let key = FleetKey::from_hex(&"ab".repeat(32)).expect("64 hex digits");
/// assert_eq!(format!("{key:?}"), "FleetKey([REDACTED])");
/// assert!(FleetKey::from_hex("abc").is_none());
/// ```
#[derive(Clone)]
pub struct FleetKey([u8; 32]);

impl fmt::Debug for FleetKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FleetKey([REDACTED])")
    }
}

impl FleetKey {
    /// A key from 32 bytes (e.g. read from a secret store).
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// A key from 64 hex digits; `None` for anything else.
    pub fn from_hex(hex: &str) -> Option<Self> {
        let hex = hex.trim().as_bytes();
        if hex.len() != 64 {
            return None;
        }
        let mut bytes = [0u8; 32];
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks(2)) {
            let text = std::str::from_utf8(pair).ok()?;
            *byte = u8::from_str_radix(text, 16).ok()?;
        }
        Some(Self(bytes))
    }

    /// A fresh random key (for tests, or to print one for a new fleet).
    pub fn generate() -> Self {
        let mut bytes = [0u8; 32];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }
}

/// What a fleet derives from its key.
pub(crate) struct Sealer {
    cipher: XChaCha20Poly1305,
    names: Hmac<Sha256>,
}

/// A sealed token opened again.
pub(crate) struct Opened {
    pub token: SecretString,
    pub generation: u64,
    pub lifetime_known: bool,
}

impl Sealer {
    pub fn new(key: &FleetKey) -> Self {
        let derive = |label: &[u8]| {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0)
                .expect("HMAC takes a key of any length");
            mac.update(label);
            mac.finalize().into_bytes()
        };
        let seal_key = derive(b"tms-redis seal v1");
        let names_key = derive(b"tms-redis names v1");
        Self {
            cipher: XChaCha20Poly1305::new(&seal_key),
            names: <Hmac<Sha256> as Mac>::new_from_slice(&names_key)
                .expect("HMAC takes a key of any length"),
        }
    }

    /// The hex name of a scope's entries: a keyed hash of vendor, server and account, so the key
    /// names no user and no server.
    pub fn scope_name(&self, scope: &Scope) -> String {
        let mut mac = self.names.clone();
        mac.update(scope.vendor.as_bytes());
        mac.update(&[0]);
        mac.update(scope.server.as_bytes());
        mac.update(&[0]);
        if let Some(account) = &scope.account {
            mac.update(&[1]);
            mac.update(account.as_bytes());
        }
        let digest = mac.finalize().into_bytes();
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Seals `token` as generation `generation` for the Redis key `key`.
    pub fn seal(
        &self,
        key: &str,
        generation: u64,
        lifetime_known: bool,
        token: &SecretString,
    ) -> Vec<u8> {
        let mut value = Vec::with_capacity(HEADER + NONCE + token.expose_secret().len() + 16);
        value.push(VERSION);
        value.push(if lifetime_known { LIFETIME_KNOWN } else { 0 });
        value.extend_from_slice(&generation.to_be_bytes());
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = [key.as_bytes(), &value[..HEADER]].concat();
        let sealed = self
            .cipher
            .encrypt(
                &nonce,
                Payload {
                    msg: token.expose_secret().as_bytes(),
                    aad: &aad,
                },
            )
            .expect("sealing a short token in memory cannot fail");
        value.extend_from_slice(&nonce);
        value.extend_from_slice(&sealed);
        value
    }

    /// Opens a value stored under `key`; `None` when it is not one of ours (another key, another
    /// version, tampered with).
    pub fn open(&self, key: &str, value: &[u8]) -> Option<Opened> {
        if value.len() < HEADER + NONCE || value[0] != VERSION {
            return None;
        }
        let (header, rest) = value.split_at(HEADER);
        let (nonce, sealed) = rest.split_at(NONCE);
        let aad = [key.as_bytes(), header].concat();
        let plain = self
            .cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .ok()?;
        let token = String::from_utf8(plain).ok()?;
        let generation = u64::from_be_bytes(header[2..HEADER].try_into().ok()?);
        Some(Opened {
            token: SecretString::from(token),
            generation,
            lifetime_known: header[1] & LIFETIME_KNOWN != 0,
        })
    }
}

/// The generation as the compare-and-delete script finds it in a stored value.
pub(crate) fn generation_bytes(generation: u64) -> [u8; 8] {
    generation.to_be_bytes()
}

/// A random non-zero number (generations, fences).
pub(crate) fn random_u64() -> u64 {
    loop {
        let n = OsRng.next_u64();
        if n != 0 {
            return n;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn scope(account: &str) -> Scope {
        Scope {
            vendor: "memoQ",
            server: Arc::from("https://memoq.example.com/api"),
            account: Some(Arc::from(account)),
        }
    }

    #[test]
    fn a_sealed_token_opens_only_under_its_key_and_header() {
        let sealer = Sealer::new(&FleetKey::from_bytes([7; 32]));
        let token = SecretString::from("tok-123456".to_owned());
        let value = sealer.seal("tms:{a}:token", 42, true, &token);
        let opened = sealer.open("tms:{a}:token", &value).expect("opens");
        assert_eq!(opened.token.expose_secret(), "tok-123456");
        assert_eq!((opened.generation, opened.lifetime_known), (42, true));
        assert!(sealer.open("tms:{b}:token", &value).is_none(), "moved");
        let mut other_generation = value.clone();
        other_generation[9] ^= 1;
        assert!(sealer.open("tms:{a}:token", &other_generation).is_none());
        let stranger = Sealer::new(&FleetKey::from_bytes([8; 32]));
        assert!(
            stranger.open("tms:{a}:token", &value).is_none(),
            "other key"
        );
    }

    #[test]
    fn scope_names_depend_on_every_part_and_the_key() {
        let sealer = Sealer::new(&FleetKey::from_bytes([7; 32]));
        let name = sealer.scope_name(&scope("memoq:pm"));
        assert_eq!(name.len(), 32);
        assert!(!name.contains("pm"));
        assert_ne!(name, sealer.scope_name(&scope("memoq:pm2")));
        let stranger = Sealer::new(&FleetKey::from_bytes([8; 32]));
        assert_ne!(name, stranger.scope_name(&scope("memoq:pm")));
    }
}
