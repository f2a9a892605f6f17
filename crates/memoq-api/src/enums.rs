//! memoQ's integer enums.
//!
//! They travel as integers. Each type names the documented values and keeps any other value in
//! `Unknown`, so a server upgrade that adds, say, an engine type or an access level still decodes.
//! Decoding also accepts a numeral in a string (`"0"`), which the .NET server itself accepts.

use tms_runtime::open_int_enum;

open_int_enum! {
    /// A user's rights on a TM or TB (`AccessLevel`).
    ResourceAccessLevel {
        /// 0: lookup only.
        ReadOnly = 0,
        /// 1: lookup and update.
        ReadWrite = 1,
        /// 2: full control.
        Admin = 2,
    }
}

open_int_enum! {
    /// The engine behind a TM (`TMEngineType`, newer servers only).
    TmEngineType {
        /// 0: the classic engine.
        Classic = 0,
        /// 1: hybrid.
        Hybrid = 1,
        /// 2: the new-generation TM engine.
        Ngtm = 2,
    }
}

open_int_enum! {
    /// How strictly inline tags must match in a TM lookup (`InlineTagStrictness`).
    InlineTagStrictness {
        /// 0: only identical tags give a 100% match.
        Strict = 0,
        /// 1: same type and position; attributes may differ.
        Medium = 1,
        /// 2: further relaxed.
        Permissive = 2,
    }
}

open_int_enum! {
    /// Primary sort column of concordance results (`Column`).
    ConcordanceColumn {
        /// 0: text before the hit.
        Prefix = 0,
        /// 1: the hit itself.
        Middle = 1,
        /// 2: text after the hit.
        Suffix = 2,
        /// 3: the source segment.
        Source = 3,
        /// 4: the target segment.
        Target = 4,
        /// 5: a meta field (see `ConcordanceMeta`).
        Meta = 5,
        /// 6: unsorted.
        None = 6,
    }
}

open_int_enum! {
    /// Secondary sort for prefix/suffix sorting (`FirstLast`).
    ConcordanceFirstLast {
        /// 0: by the first word.
        First = 0,
        /// 1: by the last word.
        Last = 1,
    }
}

open_int_enum! {
    /// Meta field used when sorting concordance results by meta (`Meta`).
    ConcordanceMeta {
        /// 0: by user.
        User = 0,
        /// 1: by modification time.
        ModifTime = 1,
    }
}

open_int_enum! {
    /// Why part of a concordance query was not answered (`ErrorType`). There is no value 2.
    ConcordanceErrorType {
        /// 0: too many similar words.
        TooManySimilarWords = 0,
        /// 1: too many segments.
        TooManySegments = 1,
        /// 3: the server's "Unknown" error type.
        UnknownError = 3,
    }
}

open_int_enum! {
    /// Case sensitivity of a term (`CaseSense`).
    TermCaseSense {
        /// 0: case must match.
        Strict = 0,
        /// 1: permissive on the first letter.
        Near = 1,
        /// 2: case-insensitive.
        Insensitive = 2,
    }
}

open_int_enum! {
    /// How a term matches inflected forms (`PartialMatch`).
    TermPartialMatch {
        /// 0: any prefix match (fuzzy).
        Any = 0,
        /// 1: 50% prefix match.
        Half = 1,
        /// 2: exact match only.
        None = 2,
        /// 3: custom prefix boundaries (`PrefixBoundaries`, `|` in `WildText`).
        Custom = 3,
    }
}

open_int_enum! {
    /// How a TB search expression matches (`Condition` of a TB search).
    SearchFilteringCondition {
        /// 0: the term begins with the expression.
        BeginsWith = 0,
        /// 1: the term contains the expression.
        Contains = 1,
        /// 2: the term ends with the expression.
        EndsWith = 2,
        /// 3: the term equals the expression.
        ExactMatch = 3,
    }
}

open_int_enum! {
    /// How a TB search meta filter compares (`Condition` of a meta filter).
    SearchMetaFilteringCondition {
        /// 0: begins with the value.
        BeginsWith = 0,
        /// 1: contains the value.
        Contains = 1,
        /// 2: equals the value.
        Equals = 2,
        /// 3: the field has any value.
        FilledIn = 3,
        /// 4: differs from the value.
        IsNot = 4,
        /// 5: the field is empty.
        NotFilledIn = 5,
    }
}

open_int_enum! {
    /// Which entry field a TB search meta filter looks at (`MetaName`).
    SearchMetaName {
        /// 0: client.
        Client = 0,
        /// 1: domain.
        Domain = 1,
        /// 2: project.
        Project = 2,
        /// 3: subject.
        Subject = 3,
    }
}

open_int_enum! {
    /// Value type of a TB meta field definition (`MetaType`).
    TbMetaType {
        /// 0: free text.
        String = 0,
        /// 1: one of a set of values.
        ValueSet = 1,
        /// 2: integer.
        Integer = 2,
        /// 3: floating point number.
        FloatingPoint = 3,
        /// 4: boolean.
        Boolean = 4,
        /// 5: case sensitivity.
        CaseSense = 5,
        /// 6: date and time.
        DateTime = 6,
        /// 7: partial match setting.
        PartialMatch = 7,
        /// 8: list of integers.
        IntegerVector = 8,
        /// 9: image.
        Image = 9,
    }
}

open_int_enum! {
    /// Level a TB meta field belongs to (`Scope`).
    TbMetaScope {
        /// 0: the whole termbase.
        Global = 0,
        /// 1: entry level.
        Entry = 1,
        /// 2: language level.
        Language = 2,
        /// 3: term level.
        Term = 3,
    }
}

open_int_enum! {
    /// The kind of user logging in (`LoginMode`).
    LoginMode {
        /// 0: a user created on memoQ server (user name and password).
        MemoQServerUser = 0,
        /// 1: a Windows user synchronised from AD or SAM (`DOMAIN\user` and password).
        WindowsUser = 1,
        /// 2: Language Terminal single sign-on, with a CAS service ticket in `LTST`.
        LanguageTerminal = 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_values_round_trip() {
        let decoded: Vec<TmEngineType> = serde_json::from_str("[0, 1, 2, 7]").unwrap();
        assert_eq!(
            decoded,
            [
                TmEngineType::Classic,
                TmEngineType::Hybrid,
                TmEngineType::Ngtm,
                TmEngineType::Unknown(7)
            ]
        );
        assert_eq!(serde_json::to_string(&decoded).unwrap(), "[0,1,2,7]");
    }

    #[test]
    fn numeral_strings_decode_and_garbage_is_an_error() {
        let mode: LoginMode = serde_json::from_str(r#""1""#).unwrap();
        assert_eq!(mode, LoginMode::WindowsUser);
        let err = serde_json::from_str::<LoginMode>(r#""admin""#).unwrap_err();
        assert!(err.to_string().contains("LoginMode"), "{err}");
        let err = serde_json::from_str::<LoginMode>("4294967296").unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
    }

    #[test]
    fn gap_in_concordance_error_type_stays_unknown() {
        assert_eq!(
            ConcordanceErrorType::from_value(2),
            ConcordanceErrorType::Unknown(2)
        );
        assert_eq!(
            ConcordanceErrorType::from_value(3).to_string(),
            "UnknownError"
        );
        assert_eq!(ResourceAccessLevel::Unknown(9).to_string(), "9");
    }
}
