//! Users of the organisation (`users`, `users/{uid}` v3) and the language list.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::get;
use memsource_api::enums::UserRole;
use memsource_api::types;
use serde::Deserialize;

use super::http::{Reply, json, not_found, query};
use super::paging::paged_reply;
use super::{MemsourceState, authorized};
use crate::Shared;

/// A user: the profile and the password the login checks.
pub(crate) struct User {
    pub(crate) uid: String,
    pub(crate) id: String,
    pub(crate) user_name: String,
    pub(crate) password: String,
    pub(crate) first_name: String,
    pub(crate) last_name: String,
    pub(crate) email: String,
    pub(crate) role: &'static str,
    pub(crate) date_created: memsource_api::Timestamp,
}

impl User {
    pub(crate) fn reference(&self) -> types::UserReference {
        types::UserReference {
            email: Some(self.email.clone()),
            first_name: Some(self.first_name.clone()),
            id: Some(self.id.as_str().into()),
            last_name: Some(self.last_name.clone()),
            role: Some(UserRole::from(self.role)),
            uid: Some(self.uid.as_str().into()),
            user_name: Some(self.user_name.clone()),
        }
    }

    fn dto(&self) -> types::UserDto {
        types::UserDto {
            active: Some(true),
            date_created: Some(self.date_created.clone()),
            email: Some(self.email.clone()),
            first_name: Some(self.first_name.clone()),
            id: Some(self.id.clone()),
            last_name: Some(self.last_name.clone()),
            role: Some(UserRole::from(self.role)),
            terminologist: Some(false),
            timezone: Some("Europe/London".to_owned()),
            uid: Some(self.uid.as_str().into()),
            user_name: Some(self.user_name.clone()),
            ..Default::default()
        }
    }

    fn details(&self) -> types::UserDetailsDtoV3 {
        let admin = self.role == "ADMIN";
        types::UserDetailsDtoV3 {
            active: Some(true),
            date_created: Some(self.date_created.clone()),
            email: Some(self.email.clone()),
            first_name: Some(self.first_name.clone()),
            last_name: Some(self.last_name.clone()),
            role: Some(UserRole::from(self.role)),
            timezone: Some("Europe/London".to_owned()),
            uid: Some(self.uid.as_str().into()),
            user_name: Some(self.user_name.clone()),
            project_create: Some(admin),
            trans_memory_create: Some(admin),
            term_base_create: Some(admin),
            ..Default::default()
        }
    }
}

/// The seeded users: the project manager (`pm`, ADMIN) and a linguist.
pub(crate) fn seed(state: &mut MemsourceState) {
    let seeded = [
        (
            crate::MEMSOURCE_USER,
            crate::MEMSOURCE_PASSWORD,
            "Pat",
            "Manager",
            "ADMIN",
        ),
        ("linguist", "linguist-password", "Lin", "Guist", "LINGUIST"),
    ];
    for (user_name, password, first_name, last_name, role) in seeded {
        let uid = state.uid();
        let id = state.number().to_string();
        state.users.push(User {
            uid,
            id,
            user_name: user_name.to_owned(),
            password: password.to_owned(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            email: format!("{user_name}@sandbox.invalid"),
            role,
            date_created: super::now(),
        });
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/users", get(user_list))
        .route("/web/api2/v3/users/{user_uid}", get(user_get))
        .route("/web/api2/v1/languages", get(language_list))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserQuery {
    first_name: Option<String>,
    last_name: Option<String>,
    name: Option<String>,
    user_name: Option<String>,
    email: Option<String>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

fn starts(value: &str, prefix: &Option<String>) -> bool {
    prefix
        .as_deref()
        .is_none_or(|p| value.to_lowercase().starts_with(&p.to_lowercase()))
}

async fn user_list(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Reply {
    let q: UserQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let users = state
        .users
        .iter()
        .filter(|u| starts(&u.first_name, &q.first_name) && starts(&u.last_name, &q.last_name))
        .filter(|u| starts(&u.first_name, &q.name) || starts(&u.last_name, &q.name))
        .filter(|u| q.user_name.as_deref().is_none_or(|n| u.user_name == n))
        .filter(|u| q.email.as_deref().is_none_or(|e| u.email == e))
        .map(User::dto)
        .collect();
    paged_reply(users, q.page_number, q.page_size)
}

async fn user_get(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(user_uid): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let user = state
        .users
        .iter()
        .find(|u| u.uid == user_uid)
        .ok_or_else(|| not_found("User", &user_uid))?;
    json(StatusCode::OK, &user.details())
}

/// The languages the sandbox knows: Memsource code and English name.
pub(crate) const LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("en_us", "English (USA)"),
    ("en_gb", "English (United Kingdom)"),
    ("de", "German"),
    ("de_de", "German (Germany)"),
    ("de_at", "German (Austria)"),
    ("de_ch", "German (Switzerland)"),
    ("fr", "French"),
    ("fr_fr", "French (France)"),
    ("fr_ca", "French (Canada)"),
    ("es", "Spanish"),
    ("es_es", "Spanish (Spain)"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("pt_br", "Portuguese (Brazil)"),
    ("pt_pt", "Portuguese (Portugal)"),
    ("pl", "Polish"),
    ("cs", "Czech"),
    ("hu", "Hungarian"),
    ("sv", "Swedish"),
    ("fi", "Finnish"),
    ("da", "Danish"),
    ("ru", "Russian"),
    ("uk", "Ukrainian"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
    ("zh_cn", "Chinese (Simplified)"),
    ("zh_tw", "Chinese (Traditional)"),
    ("ar", "Arabic"),
    ("he", "Hebrew"),
    ("tr", "Turkish"),
];

/// Whether `code` is a language the sandbox knows (case-insensitive).
pub(crate) fn known_language(code: &str) -> bool {
    LANGUAGES.iter().any(|(c, _)| c.eq_ignore_ascii_case(code))
}

async fn language_list(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Reply {
    let _session = authorized(&shared, &headers)?;
    let languages = LANGUAGES
        .iter()
        .map(|(code, name)| types::LanguageDto {
            code: Some((*code).to_owned()),
            name: Some((*name).to_owned()),
            rfc: Some(code.replace('_', "-")),
            ..Default::default()
        })
        .collect();
    json(
        StatusCode::OK,
        &types::LanguageListDto {
            languages: Some(languages),
        },
    )
}
