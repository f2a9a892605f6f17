//! OAuth 2.0 (authorization code) as Memsource documents it: send the user to
//! `/web/oauth/authorize`, receive a `code` at your redirect URI, exchange it at
//! `/web/oauth/token` (form-encoded), then call the API with `Authorization: Bearer <token>`.

use std::fmt;

use reqwest::Url;
use tms_runtime::secret::Secret;

/// A registered OAuth app (Settings › Integrations › Registered OAuth apps gives the client id).
#[derive(Clone)]
pub struct OAuthApp {
    base_url: String,
    client_id: String,
    client_secret: Option<Secret>,
    redirect_uri: String,
}

impl fmt::Debug for OAuthApp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthApp")
            .field("base_url", &self.base_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("redirect_uri", &self.redirect_uri)
            .finish()
    }
}

/// The token endpoint's answer.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct OAuthToken {
    /// The access token, sent as `Authorization: Bearer <token>`.
    pub access_token: Secret,
    /// Normally `bearer`.
    #[serde(default)]
    pub token_type: Option<String>,
    /// Lifetime in seconds, when given.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// A refresh token, when given.
    #[serde(default)]
    pub refresh_token: Option<Secret>,
}

/// Why the code exchange failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OAuthError {
    /// The request could not be sent.
    #[error("the token request failed: {0}")]
    Transport(#[source] reqwest::Error),
    /// The server refused (bad code, wrong redirect URI …); the body is kept.
    #[error("the token endpoint answered {status}: {body}")]
    Refused {
        /// HTTP status.
        status: reqwest::StatusCode,
        /// The answer's body.
        body: String,
    },
    /// The answer is not a token.
    #[error("the token endpoint's answer does not decode: {0}")]
    Decode(#[source] serde_json::Error),
}

impl OAuthApp {
    /// An app registered on the server at `base_url` (`https://cloud.memsource.com/web`).
    pub fn new(
        base_url: impl Into<String>,
        client_id: impl Into<String>,
        redirect_uri: impl Into<String>,
    ) -> Self {
        Self {
            base_url: base_url.into().trim_end_matches('/').to_owned(),
            client_id: client_id.into(),
            client_secret: None,
            redirect_uri: redirect_uri.into(),
        }
    }

    /// A client secret, for confidential apps.
    #[must_use]
    pub fn client_secret(mut self, secret: impl Into<Secret>) -> Self {
        self.client_secret = Some(secret.into());
        self
    }

    /// Where to send the user: `/web/oauth/authorize` with `response_type=code`, the client id,
    /// the redirect URI and `state` (an unguessable value you check when the user comes back).
    ///
    /// ```
    /// use memsource_api::oauth::OAuthApp;
    ///
    /// let app = OAuthApp::new("https://cloud.memsource.com/web", "abc123", "https://app.example.com/cb");
    /// assert_eq!(
    ///     app.authorize_url("s7&x").unwrap().as_str(),
    ///     "https://cloud.memsource.com/web/oauth/authorize?response_type=code&client_id=abc123&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&state=s7%26x"
    /// );
    /// ```
    ///
    /// # Errors
    /// When the base URL does not parse.
    pub fn authorize_url(&self, state: &str) -> Result<Url, url_error::ParseError> {
        Url::parse_with_params(
            &format!("{}/oauth/authorize", self.base_url),
            [
                ("response_type", "code"),
                ("client_id", self.client_id.as_str()),
                ("redirect_uri", self.redirect_uri.as_str()),
                ("state", state),
            ],
        )
    }

    /// Exchanges the `code` from the redirect for an access token (`POST /web/oauth/token`,
    /// form-encoded `grant_type=authorization_code`).
    ///
    /// # Errors
    /// [`OAuthError`].
    pub async fn exchange_code(
        &self,
        http: &reqwest::Client,
        code: &str,
    ) -> Result<OAuthToken, OAuthError> {
        let mut form = vec![
            ("grant_type", "authorization_code"),
            ("client_id", self.client_id.as_str()),
            ("redirect_uri", self.redirect_uri.as_str()),
            ("code", code),
        ];
        if let Some(secret) = &self.client_secret {
            form.push(("client_secret", secret.expose()));
        }
        let body = serde_urlencoded::to_string(&form).map_err(|e| OAuthError::Refused {
            status: reqwest::StatusCode::BAD_REQUEST,
            body: e.to_string(),
        })?;
        let response = http
            .post(format!("{}/oauth/token", self.base_url))
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .header(reqwest::header::ACCEPT, "application/json")
            .body(body)
            .send()
            .await
            .map_err(OAuthError::Transport)?;
        let status = response.status();
        let bytes = response.bytes().await.map_err(OAuthError::Transport)?;
        if !status.is_success() {
            return Err(OAuthError::Refused {
                status,
                body: String::from_utf8_lossy(&bytes).into_owned(),
            });
        }
        serde_json::from_slice(&bytes).map_err(OAuthError::Decode)
    }
}

/// The URL parser's error type.
pub mod url_error {
    /// Why a URL does not parse.
    pub type ParseError = <reqwest::Url as std::str::FromStr>::Err;
}
