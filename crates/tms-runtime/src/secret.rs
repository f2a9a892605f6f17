//! Secrets that travel in request and response bodies.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A password, a ticket or an access token inside a request or response body.
///
/// It serialises to the plain string (the wire needs it), but `Debug` and `Display` never show
/// it, and the memory is zeroed on drop.
///
/// ```
/// use tms_runtime::secret::Secret;
///
/// let password = Secret::from("hunter2");
/// assert_eq!(format!("{password:?}"), "[REDACTED]");
/// assert_eq!(serde_json::to_string(&password).unwrap(), r#""hunter2""#);
/// ```
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// The secret itself. Call this only where the value must leave the process.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// The secret as a [`SecretString`].
    pub fn into_secret_string(self) -> SecretString {
        self.0
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(SecretString::from(value))
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(SecretString::from(value))
    }
}

impl From<SecretString> for Secret {
    fn from(value: SecretString) -> Self {
        Self(value)
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        // Length, then every byte, without an early exit on the first difference.
        let (a, b) = (self.expose().as_bytes(), other.expose().as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}
