//! The GUIDs a pipeline passes from one call to the next, each its own type so that a TM's GUID
//! cannot go where a termbase's is wanted.
//!
//! The builders take them by value or by reference (`.tm_guid(&guid)`), and plain strings
//! still work (`.tm_guid("2433ea4e-…")`). They decode from any JSON string without checking
//! its shape, and encode as that same string.
//!
//! ```
//! use memoq_api::ids::TmGuid;
//!
//! let guid = TmGuid::from("2433ea4e-0ea6-4339-9c1f-f84bce41ad3b");
//! let decoded: TmGuid = serde_json::from_str(r#""2433ea4e-0ea6-4339-9c1f-f84bce41ad3b""#)?;
//! assert_eq!(guid, decoded);
//! assert_eq!(guid.to_string(), "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b");
//! # Ok::<(), serde_json::Error>(())
//! ```

/// [`tms_runtime::string_newtype!`], decoding from any JSON string.
macro_rules! string_newtype {
    ($(#[$meta:meta])* $name:ident) => {
        tms_runtime::string_newtype! {
            $(#[$meta])*
            $name
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self)
            }
        }
    };
}

pub(crate) use string_newtype;

string_newtype! {
    /// The GUID of a translation memory (`TMModel.TMGuid`), the `tmGuid` of the `/tms/{tmGuid}`
    /// paths.
    TmGuid
}

string_newtype! {
    /// The GUID of a termbase (`TBModel.TBGuid`), the `tbGuid` of the `/tbs/{tbGuid}` paths.
    TbGuid
}

impl crate::types::TmModel {
    /// The TM's GUID, for the calls on this TM. The field stays optional so that one TM
    /// without it does not fail a whole list; this asks for it.
    ///
    /// # Errors
    /// [`Error::Protocol`](crate::Error::Protocol) when the server sent no `TMGuid`.
    pub fn guid(&self) -> Result<TmGuid, crate::Error> {
        self.tm_guid
            .clone()
            .ok_or_else(|| crate::Error::Protocol("the TM has no TMGuid".into()))
    }
}

impl crate::types::TbModel {
    /// The termbase's GUID, for the calls on this termbase. The field stays optional so that
    /// one termbase without it does not fail a whole list; this asks for it.
    ///
    /// # Errors
    /// [`Error::Protocol`](crate::Error::Protocol) when the server sent no `TBGuid`.
    pub fn guid(&self) -> Result<TbGuid, crate::Error> {
        self.tb_guid
            .clone()
            .ok_or_else(|| crate::Error::Protocol("the termbase has no TBGuid".into()))
    }
}
