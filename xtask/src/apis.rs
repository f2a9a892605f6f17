//! The generation settings of each API: which spec, which crates, and which schemas are replaced
//! by hand-written types in the client crate (the open enums are replaced by `crate::enums`).

/// One hand-written OpenAPI spec and where its generated code goes.
pub struct Api {
    /// Spec path, relative to the workspace root.
    pub spec: &'static str,
    /// Rust path of the client crate, as the mocks name it.
    pub client_crate: &'static str,
    /// Generated client module, relative to the workspace root.
    pub client_out: &'static str,
    /// Generated typed-mock module, relative to the workspace root.
    pub mock_out: &'static str,
    /// Generated `tms <vendor> api` command line, relative to the workspace root.
    pub cli_out: &'static str,
    /// How the command line is invoked (its usage line).
    pub cli_command: &'static str,
    /// The vendor's name as help texts spell it.
    pub vendor_name: &'static str,
    /// Type held in the generated `Client` and handed to the `ClientHooks` impl.
    pub inner_type: &'static str,
    /// The vendor's policy type (a unit struct implementing `tms_runtime::engine::Vendor`).
    pub vendor: &'static str,
    /// The client's method that obtains a fresh token (`async fn(&self) -> Result<Fresh,
    /// LoginError>`).
    pub token_source: &'static str,
    /// The operation that ends a session (sent with exactly the token it ends).
    pub logout: &'static str,
    /// Generated type name (typify's spelling of the schema name, e.g. `TmEngineType` for
    /// `TMEngineType`) → hand-written Rust type that replaces it. The open enums (`x-open-enum`)
    /// are not listed: `crate::enums` replaces them with types generated from the spec.
    pub replacements: &'static [(&'static str, &'static str)],
}

pub const APIS: &[Api] = &[
    Api {
        spec: "openapi/memoq-resources.yaml",
        client_crate: "memoq_api",
        client_out: "crates/memoq-api/src/generated.rs",
        mock_out: "crates/memoq-api-httpmock/src/generated.rs",
        cli_out: "crates/tms-cli/src/api/memoq.rs",
        cli_command: "tms memoq api",
        vendor_name: "memoQ Server Resources",
        inner_type: "crate::session::Session",
        vendor: "crate::vendor::MemoqVendor",
        token_source: "fresh_login",
        logout: "auth_logout",
        // memoQ's integer enums are open (`x-open-enum` in the spec): a server upgrade that adds a
        // value must still decode, so each one is generated with named variants and an
        // `Unknown(i32)` arm. Date-times keep the server's exact string so `Modified` can be
        // echoed back for optimistic concurrency.
        // GUIDs and language codes are newtypes (a `tms_lang::Language` converts into the memoQ
        // code) that encode as the same string, so the bytes on the wire do not change.
        replacements: &[
            ("DateTime", "tms_runtime::time::Timestamp"),
            ("Secret", "tms_runtime::secret::Secret"),
            ("TmGuid", "crate::ids::TmGuid"),
            ("TbGuid", "crate::ids::TbGuid"),
            ("MemoqLanguageCode", "crate::lang::MemoqCode"),
        ],
    },
    Api {
        spec: "openapi/memsource.yaml",
        client_crate: "memsource_api",
        client_out: "crates/memsource-api/src/generated.rs",
        mock_out: "crates/memsource-api-httpmock/src/generated.rs",
        cli_out: "crates/tms-cli/src/api/memsource.rs",
        cli_command: "tms memsource api",
        vendor_name: "Memsource (Phrase TMS)",
        inner_type: "crate::session::Session",
        vendor: "crate::vendor::MemsourceVendor",
        token_source: "obtain_token",
        logout: "auth_logout",
        // Memsource's enums grow (async `action`, statuses, roles): each is an open enum generated
        // from the spec (`x-open-enum`). Ids come as strings or numbers; date-times as `Z`,
        // `+00:00` or `+0000`; secrets are redacted. The uids a pipeline passes on and the language
        // codes are newtypes (a `tms_lang::Language` converts into the Memsource code) that encode
        // as the same string.
        replacements: &[
            ("DateTime", "tms_runtime::time::Timestamp"),
            ("Secret", "tms_runtime::secret::Secret"),
            ("AsyncRequestId", "crate::ids::AsyncRequestId"),
            ("LenientId", "crate::ids::LenientId"),
            ("ProjectUid", "crate::ids::ProjectUid"),
            ("JobUid", "crate::ids::JobUid"),
            ("TransMemoryUid", "crate::ids::TransMemoryUid"),
            ("TermBaseUid", "crate::ids::TermBaseUid"),
            ("AnalyseUid", "crate::ids::AnalyseUid"),
            ("UserUid", "crate::ids::UserUid"),
            ("MemsourceLanguageCode", "crate::lang::MemsourceCode"),
        ],
    },
];
