//! Open enums: named variants for the values a vendor documents, and an `Unknown` arm that keeps
//! any other value, so a server upgrade that adds one still decodes.
//!
//! ```
//! tms_runtime::open_str_enum! {
//!     /// A job's status.
//!     JobStatus {
//!         /// New.
//!         New = "NEW",
//!         /// Completed.
//!         Completed = "COMPLETED",
//!     }
//! }
//! let s: Vec<JobStatus> = serde_json::from_str(r#"["NEW", "IN_REVIEW"]"#).unwrap();
//! assert_eq!(s, [JobStatus::New, JobStatus::Unknown("IN_REVIEW".into())]);
//! assert_eq!(serde_json::to_string(&s).unwrap(), r#"["NEW","IN_REVIEW"]"#);
//! ```

#[doc(hidden)]
pub use serde as __serde;

/// An open enum over integers (memoQ style). Decoding also accepts a numeral in a string.
#[macro_export]
macro_rules! open_int_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the client does not know; kept as sent.
            Unknown(i32),
        }

        impl $name {
            /// The integer that goes on the wire.
            pub const fn value(self) -> i32 {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Unknown(value) => value,
                }
            }

            /// The variant for a wire integer; unknown integers become `Unknown`.
            pub const fn from_value(value: i32) -> Self {
                match value {
                    $( $value => Self::$variant, )+
                    other => Self::Unknown(other),
                }
            }

            /// The documented name of the value, or `None` for `Unknown`.
            pub const fn name(self) -> Option<&'static str> {
                match self {
                    $( Self::$variant => Some(stringify!($variant)), )+
                    Self::Unknown(_) => None,
                }
            }
        }

        impl From<i32> for $name {
            fn from(value: i32) -> Self {
                Self::from_value(value)
            }
        }

        impl From<$name> for i32 {
            fn from(value: $name) -> Self {
                value.value()
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match self.name() {
                    Some(name) => f.write_str(name),
                    None => write!(f, "{}", self.value()),
                }
            }
        }

        impl $crate::enums::__serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: $crate::enums::__serde::Serializer,
            {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> $crate::enums::__serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: $crate::enums::__serde::Deserializer<'de>,
            {
                $crate::enums::deserialize_i32(deserializer, stringify!($name)).map(Self::from_value)
            }
        }
    };
}

/// An open enum over strings (Memsource style).
#[macro_export]
macro_rules! open_str_enum {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $value:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the client does not know; kept as sent.
            Unknown(String),
        }

        impl $name {
            /// The wire values this version of the client names.
            pub const KNOWN: &'static [&'static str] = &[$($value),+];

            /// The string that goes on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )+
                    Self::Unknown(value) => value,
                }
            }

            /// Whether this is a value the client knows.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $( $value => Self::$variant, )+
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::enums::__serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> Result<S::Ok, S::Error>
            where
                S: $crate::enums::__serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::enums::__serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> Result<Self, D::Error>
            where
                D: $crate::enums::__serde::Deserializer<'de>,
            {
                let value: ::std::borrow::Cow<'de, str> =
                    $crate::enums::__serde::Deserialize::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    };
}

/// Reads an `i32` from a JSON integer or a numeral in a string; used by [`open_int_enum!`].
#[doc(hidden)]
pub fn deserialize_i32<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
    what: &'static str,
) -> Result<i32, D::Error> {
    deserializer.deserialize_any(IntVisitor(what))
}

struct IntVisitor(&'static str);

impl serde::de::Visitor<'_> for IntVisitor {
    type Value = i32;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a 32-bit integer for {}", self.0)
    }

    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i32, E> {
        i32::try_from(v).map_err(|_| E::custom(format!("{v} is out of range for {}", self.0)))
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i32, E> {
        i32::try_from(v).map_err(|_| E::custom(format!("{v} is out of range for {}", self.0)))
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i32, E> {
        v.trim()
            .parse()
            .map_err(|_| E::custom(format!("{v:?} is not an integer value of {}", self.0)))
    }
}
