//! Date-times as the memoQ server writes them.

use std::fmt;

/// A memoQ date-time, kept exactly as the server wrote it.
///
/// The server is .NET: it writes ISO-8601 with varying precision (`2015-08-28T14:02:31.22Z`),
/// sometimes without an offset. Keeping the string means a value read from an entry can be sent
/// back unchanged — which a TM entry update needs, because the server rejects it with
/// `OptimisticConcurrencyError` when `Modified` differs from the stored entry.
///
/// ```
/// use memoq_api::time::DateTime;
///
/// let modified: DateTime = serde_json::from_str(r#""2015-10-15T12:45:49.209Z""#).unwrap();
/// assert_eq!(modified.as_str(), "2015-10-15T12:45:49.209Z");
/// assert_eq!(serde_json::to_string(&modified).unwrap(), r#""2015-10-15T12:45:49.209Z""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DateTime(String);

impl DateTime {
    /// The date-time as the server wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The string, for storing or logging.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl From<String> for DateTime {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for DateTime {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
