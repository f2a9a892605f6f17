//! Date-times as vendor servers actually write them.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// A date-time kept exactly as the server wrote it, readable as an instant on demand.
///
/// Servers are sloppy: memoQ (.NET) writes `2015-08-28T14:02:31.22Z` or no offset at all;
/// Memsource writes `Z`, `+00:00` or `+0000` (the last is not RFC 3339, so a strict decoder
/// rejects it). Decoding therefore never fails on the format, re-encoding gives back the same
/// string (a memoQ entry update must echo `Modified` unchanged), and [`Timestamp::to_utc`] reads
/// every one of those forms.
///
/// ```
/// use tms_runtime::time::Timestamp;
///
/// let forms = ["2024-01-09T09:52:37Z", "2024-01-09T09:52:37+00:00", "2024-01-09T09:52:37+0000"];
/// let instants: Vec<_> = forms.iter().map(|s| Timestamp::from(*s).to_utc()).collect();
/// assert!(instants.iter().all(|t| t.is_some() && *t == instants[0]));
/// assert_eq!(Timestamp::from("2024-01-09T10:52:37+0100").to_utc(), instants[0]);
/// ```
#[derive(Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Timestamp(String);

impl Timestamp {
    /// The date-time as the server wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The string, for storing or logging.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The instant, read leniently: RFC 3339, an offset without a colon (`+0000`), or no offset
    /// at all (taken as UTC, as .NET servers mean it). `None` for anything else, such as
    /// `Jan 9, 2024 9:52:37 AM`, which one Memsource field has been seen to carry.
    pub fn to_utc(&self) -> Option<DateTime<Utc>> {
        let s = self.0.trim();
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Some(t.with_timezone(&Utc));
        }
        if let Ok(t) = DateTime::<FixedOffset>::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z") {
            return Some(t.with_timezone(&Utc));
        }
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
            .ok()
            .map(|naive| naive.and_utc())
    }
}

impl From<String> for Timestamp {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Timestamp {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl From<DateTime<Utc>> for Timestamp {
    /// RFC 3339 with millisecond precision and `Z`, which every vendor accepts.
    fn from(value: DateTime<Utc>) -> Self {
        Self(value.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({:?})", self.0)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_form_vendors_send() {
        let utc = |s: &str| Timestamp::from(s).to_utc().map(|t| t.to_rfc3339());
        let expected = Some("2015-08-28T14:02:31.220+00:00".to_owned());
        assert_eq!(utc("2015-08-28T14:02:31.22Z"), expected);
        assert_eq!(utc("2015-08-28T14:02:31.22+00:00"), expected);
        assert_eq!(utc("2015-08-28T14:02:31.22+0000"), expected);
        assert_eq!(utc("2015-08-28T16:02:31.22+0200"), expected);
        assert_eq!(utc("2015-08-28T14:02:31.22"), expected);
        assert_eq!(utc("Jan 9, 2024 9:52:37 AM"), None);
        assert_eq!(utc(""), None);
    }

    #[test]
    fn round_trips_the_exact_string() {
        for s in [
            "2015-08-28T14:02:31.22Z",
            "2024-01-09T09:52:37+0000",
            "garbage",
        ] {
            let t: Timestamp = serde_json::from_str(&format!("{s:?}")).unwrap();
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("{s:?}"));
        }
    }
}
