//! A shared slot for a session token.

use std::fmt;
use std::sync::{Arc, RwLock};

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

/// The current session token, shared by every clone of a client.
///
/// `Debug` never shows the token, and the header built from it is marked sensitive so that
/// reqwest and `http` redact it as well.
///
/// ```
/// use tms_runtime::token::TokenSlot;
///
/// let slot = TokenSlot::default();
/// assert!(slot.authorization("MQS-API").is_none());
/// slot.set("fde0f7ed-d585-48ec-a0a9-397aea195ccd".into());
/// let header = slot.authorization("MQS-API").expect("a token is set");
/// assert!(header.is_sensitive());
/// assert_eq!(format!("{slot:?}"), "TokenSlot([REDACTED])");
/// ```
#[derive(Clone, Default)]
pub struct TokenSlot {
    token: Arc<RwLock<Option<SecretString>>>,
}

impl TokenSlot {
    /// Stores a new token, replacing any previous one.
    pub fn set(&self, token: SecretString) {
        *self.write() = Some(token);
    }

    /// Forgets the token and returns it, if there was one.
    pub fn take(&self) -> Option<SecretString> {
        self.write().take()
    }

    /// Whether a token is stored.
    pub fn is_set(&self) -> bool {
        self.read().is_some()
    }

    /// `Authorization: <scheme> <token>` as a sensitive header value, or `None` without a token
    /// (or when the token holds characters a header cannot carry).
    pub fn authorization(&self, scheme: &str) -> Option<HeaderValue> {
        let guard = self.read();
        let token = guard.as_ref()?;
        let mut value =
            HeaderValue::from_str(&format!("{scheme} {}", token.expose_secret())).ok()?;
        value.set_sensitive(true);
        Some(value)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Option<SecretString>> {
        // A panic while holding this lock cannot leave the Option half-written, so a poisoned
        // lock still holds a valid value.
        self.token.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<SecretString>> {
        self.token.write().unwrap_or_else(|e| e.into_inner())
    }
}

impl fmt::Debug for TokenSlot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = if self.is_set() { "[REDACTED]" } else { "None" };
        f.debug_tuple("TokenSlot")
            .field(&format_args!("{shown}"))
            .finish()
    }
}
