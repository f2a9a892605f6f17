//! What every progenitor `ClientHooks::pre` does, whatever the vendor. (Authentication, retry,
//! tracing and error-body hygiene happen per attempt in [`crate::engine`], from `exec`.)

/// progenitor sends `api-version: <info.version>` on every request; neither vendor uses it.
const API_VERSION_HEADER: &str = "api-version";

/// Drops progenitor's `api-version` header.
pub fn strip_api_version(request: &mut reqwest::Request) {
    request.headers_mut().remove(API_VERSION_HEADER);
}
