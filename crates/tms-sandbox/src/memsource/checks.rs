//! The field checks the create and edit operations share, answered with 400
//! `InvalidArguments` in the vendor's words ("name: must not be blank").

use axum::response::Response;
use memsource_api::lang::MemsourceCode;

use super::http::bad_request;
use super::users::known_language;

/// 400 unless `value`, the field `field`, has a character that is not whitespace.
pub(crate) fn not_blank(field: &str, value: &str) -> Result<(), Response> {
    if value.trim().is_empty() {
        return Err(bad_request(&format!("{field}: must not be blank")));
    }
    Ok(())
}

/// 400 unless `list`, the field `field`, has an element.
pub(crate) fn not_empty<T>(field: &str, list: &[T]) -> Result<(), Response> {
    if list.is_empty() {
        return Err(bad_request(&format!("{field}: must not be empty")));
    }
    Ok(())
}

/// 400 naming the first unknown language of `codes`, as the vendor words it.
pub(crate) fn check_languages<'a>(
    codes: impl IntoIterator<Item = &'a str>,
) -> Result<(), Response> {
    for code in codes {
        if !known_language(code) {
            return Err(bad_request(&format!(
                "Language {code:?} contains unsupported locale."
            )));
        }
    }
    Ok(())
}

/// The checks of a project, translation memory or term base to be created, in the vendor's
/// order: `name` not blank, the language list `langs_field` not empty, then every language
/// (`source` first) known. Answers the languages of the list as stored.
pub(crate) fn validate_new_resource(
    name: &str,
    source: Option<&str>,
    langs_field: &str,
    langs: &[MemsourceCode],
) -> Result<Vec<String>, Response> {
    not_blank("name", name)?;
    not_empty(langs_field, langs)?;
    check_languages(source.into_iter().chain(langs.iter().map(|l| l.as_str())))?;
    Ok(langs.iter().map(|l| l.to_string()).collect())
}
