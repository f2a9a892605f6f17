//! Ids that Memsource sends sometimes as a JSON string and sometimes as a number.

use std::fmt;

macro_rules! lenient_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                Self(value.to_string())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IdVisitor(stringify!($name))).map(Self)
            }
        }
    };
}

lenient_id! {
    /// The id of an asynchronous request: digits, sent as a JSON string in REST answers and as a
    /// JSON number in callback bodies. Both decode; it encodes as a string, as REST answers carry
    /// it, and it is what `async/{asyncRequestId}` and the download operations take.
    ///
    /// ```
    /// use memsource_api::ids::AsyncRequestId;
    ///
    /// let from_rest: AsyncRequestId = serde_json::from_str(r#""123456""#).unwrap();
    /// let from_callback: AsyncRequestId = serde_json::from_str("123456").unwrap();
    /// assert_eq!(from_rest, from_callback);
    /// assert_eq!(from_rest.as_str(), "123456");
    /// ```
    AsyncRequestId
}

lenient_id! {
    /// An `id` the vendor documents as a string but has been seen to send as a number (user,
    /// term base, provider and other references).
    LenientId
}

struct IdVisitor(&'static str);

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} as a string or an integer", self.0)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }
}
