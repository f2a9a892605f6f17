//! Clients that resume the session of the previous command and leave theirs for the next.

use memoq_api::SavedToken;

use crate::config::{self, MemoqConn, MemsourceConn};
use crate::error::CliError;
use crate::token_store::{self, Key, TokenStore};

/// Where a client's token is kept between commands, and what was loaded.
#[derive(Debug)]
pub struct Persisted {
    store: Option<TokenStore>,
    key: Option<Key>,
    loaded: Option<SavedToken>,
}

impl Persisted {
    fn open(enabled: bool, key: Option<Key>) -> Self {
        let store = enabled.then(TokenStore::from_env).flatten();
        let loaded = match (&store, &key) {
            (Some(store), Some(key)) => store.load(key),
            _ => None,
        };
        Self { store, key, loaded }
    }

    /// Keeps the client's current token for the next command, or drops the entry when the
    /// client holds none (a rejected token that could not be renewed). Failing to write the
    /// cache never fails the command.
    pub fn keep(&self, current: Option<SavedToken>) {
        let (Some(store), Some(key)) = (&self.store, &self.key) else {
            return;
        };
        let outcome = match (&current, &self.loaded) {
            (Some(now), Some(before)) if token_store::same(now, before) => Ok(()),
            (Some(now), _) => store.save(key, now),
            (None, Some(_)) => store.remove(key).map(|_| ()),
            (None, None) => Ok(()),
        };
        if let Err(err) = outcome {
            tracing::warn!(%err, "cannot update the token cache");
        }
    }

    /// Deletes the entry (after a logout).
    ///
    /// # Errors
    /// The file exists but cannot be deleted.
    pub fn forget(&self) -> Result<bool, CliError> {
        match (&self.store, &self.key) {
            (Some(store), Some(key)) => store.remove(key).map_err(|source| CliError::Io {
                path: store.path(key),
                source,
            }),
            _ => Ok(false),
        }
    }
}

/// A memoQ client for `conn`, resuming the cached session when `cache` is on.
///
/// # Errors
/// Missing URL or user, a URL the client refuses.
pub fn memoq(conn: &MemoqConn, cache: bool) -> Result<(memoq_api::Client, Persisted), CliError> {
    let given = config::required(conn.url.clone(), "--url", "MEMOQ_URL")?;
    let url = config::memoq_api_url(&given)?;
    let user = config::required(conn.user.clone(), "--user", "MEMOQ_USER")?;
    let persisted = Persisted::open(
        cache,
        Some(Key {
            vendor: "memoq",
            url: url.clone(),
            user: user.clone(),
        }),
    );
    let mut builder = memoq_api::Client::builder(&url);
    if let Some(password) = conn.password.clone().filter(|p| !p.is_empty()) {
        builder = builder.credentials(memoq_api::Credentials::memoq_user(&user, password));
    } else if persisted.loaded.is_none() {
        return Err(CliError::Usage(
            "--password or MEMOQ_PASSWORD is required (no cached session)".into(),
        ));
    }
    if let Some(saved) = persisted.loaded.clone() {
        builder = builder.resume(saved);
    }
    let client = builder
        .build()
        .map_err(|e| CliError::Usage(format!("memoQ URL {url}: {e}")))?;
    Ok((client, persisted))
}

/// A Memsource client for `conn`: an API token as given (never cached), or user and password
/// resuming the cached session when `cache` is on.
///
/// # Errors
/// Missing credentials, a URL the client refuses.
pub fn memsource(
    conn: &MemsourceConn,
    cache: bool,
) -> Result<(memsource_api::Client, Persisted), CliError> {
    let url = config::memsource_base_url(&conn.url);
    let builder = memsource_api::Client::builder(&url);
    let (builder, persisted) = if let Some(token) = conn.token.clone().filter(|t| !t.is_empty()) {
        (builder.api_token(token), Persisted::open(false, None))
    } else {
        let user = config::required(conn.user.clone(), "--user", "MEMSOURCE_USER")?;
        let persisted = Persisted::open(
            cache,
            Some(Key {
                vendor: "memsource",
                url: url.clone(),
                user: user.clone(),
            }),
        );
        let mut builder = builder;
        if let Some(password) = conn.password.clone().filter(|p| !p.is_empty()) {
            builder = builder.login(memsource_api::Login::new(&user, password));
        } else if persisted.loaded.is_none() {
            return Err(CliError::Usage(
                "--password or MEMSOURCE_PASSWORD (or MEMSOURCE_TOKEN) is required".into(),
            ));
        }
        if let Some(saved) = persisted.loaded.clone() {
            builder = builder.resume(saved);
        }
        (builder, persisted)
    };
    let client = builder
        .build()
        .map_err(|e| CliError::Usage(format!("Memsource URL {url}: {e}")))?;
    Ok((client, persisted))
}
