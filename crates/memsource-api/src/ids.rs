//! The ids a pipeline passes from one call to the next, each its own type so that a job's uid
//! cannot go where a project's is wanted.
//!
//! The builders take them by value or by reference (`.project_uid(&uid)`), and plain strings
//! still work. Each decodes from a JSON string or number (Memsource sends some ids either way)
//! and encodes as a string, so the bytes on the wire are the ones a plain string gives.
//!
//! The fields that hold them stay `Option`, so one item without an id never fails a whole page;
//! the accessors below (`ProjectDto::project_uid()`, `JobPartReference::job_uid()`, …) ask for the
//! id and answer [`Error::Protocol`](crate::Error::Protocol) when the server sent none.

use std::fmt;

pub(crate) use tms_runtime::string_newtype;

/// An id that decodes from a JSON string or number.
macro_rules! lenient_id {
    ($(#[$meta:meta])* $name:ident) => {
        string_newtype! {
            $(#[$meta])*
            $name
        }

        impl From<u64> for $name {
            fn from(value: u64) -> Self {
                Self(value.to_string())
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

lenient_id! {
    /// The uid of a project (`ProjectDto.uid`), the `projectUid` of the paths.
    ProjectUid
}

lenient_id! {
    /// The uid of a job (`JobPartReference.uid`), the `jobUid` of the paths.
    JobUid
}

lenient_id! {
    /// The uid of a translation memory (`TransMemoryDto.uid`), the `transMemoryUid` of the
    /// paths.
    TransMemoryUid
}

lenient_id! {
    /// The uid of a term base (`TermBaseDto.uid`), the `termBaseUid` of the paths.
    TermBaseUid
}

lenient_id! {
    /// The uid of an analysis (`AnalyseV3Dto.uid`), the `analyseUid` of the paths.
    AnalyseUid
}

lenient_id! {
    /// The uid of a user (`UserDto.uid`, `UserReference.uid`).
    UserUid
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

/// `$method()` on each `$dto`: its `uid` as `$id`, or `Error::Protocol` naming `$what`.
macro_rules! uid_accessor {
    ($method:ident, $id:ident, $what:literal, $($dto:ident),+) => {
        $(
            impl crate::types::$dto {
                #[doc = concat!("The ", $what, "'s uid, for the calls on it. The field stays optional so that one")]
                /// item without it does not fail a whole page; this asks for it.
                ///
                /// # Errors
                #[doc = concat!("[`Error::Protocol`](crate::Error::Protocol) when the server sent no ", $what, " uid.")]
                pub fn $method(&self) -> Result<$id, crate::Error> {
                    self.uid.clone().ok_or_else(|| {
                        crate::Error::Protocol(concat!("the ", $what, " answer has no uid").into())
                    })
                }
            }
        )+
    };
}

uid_accessor!(
    project_uid,
    ProjectUid,
    "project",
    AbstractProjectDto,
    AbstractProjectDtoV2,
    ProjectReference
);
uid_accessor!(
    job_uid,
    JobUid,
    "job",
    JobPartReference,
    JobPartReferenceV2,
    JobPartExtendedDto
);
uid_accessor!(
    trans_memory_uid,
    TransMemoryUid,
    "translation memory",
    TransMemoryDto,
    TransMemoryReferenceDtoV2
);
uid_accessor!(term_base_uid, TermBaseUid, "term base", TermBaseDto);
uid_accessor!(
    analyse_uid,
    AnalyseUid,
    "analysis",
    AnalyseV3Dto,
    AnalyseReference
);
uid_accessor!(user_uid, UserUid, "user", UserDto, UserReference);
