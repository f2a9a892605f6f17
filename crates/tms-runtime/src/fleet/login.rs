//! One login for the whole fleet: take a token another process published, or log in under the
//! scope's lock and publish; without the lock, wait for the holder's token.

use std::future::Future;
use std::sync::Arc;

use tokio::time::Instant;

use super::{Scope, SessionStore, SharedToken, StoreError};
use crate::login::{Fresh, LoginError, LoginReason};

/// Generations a login must not hand back: the one the server rejected, and the one this
/// process holds but is due to renew.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Avoid {
    pub dead: Option<u64>,
    pub due: Option<u64>,
}

impl Avoid {
    fn accepts(&self, token: &SharedToken) -> bool {
        let generation = Some(token.generation);
        generation != self.dead
            && generation != self.due
            && token.lifetime.is_none_or(|left| !left.is_zero())
    }
}

/// A token from the fleet or from this process's own login, with its fleet generation when the
/// store has it.
pub(crate) struct Obtained {
    pub fresh: Fresh,
    pub shared: Option<u64>,
}

impl From<Fresh> for Obtained {
    fn from(fresh: Fresh) -> Self {
        Self::local(fresh)
    }
}

impl Obtained {
    fn local(fresh: Fresh) -> Self {
        Self {
            fresh,
            shared: None,
        }
    }

    fn adopted(token: SharedToken) -> Self {
        Self {
            fresh: Fresh {
                token: token.token,
                lifetime: token.lifetime,
            },
            shared: Some(token.generation),
        }
    }
}

/// What a login does when its store fails: log in for this process, or fail closed.
async fn without_store<Fut>(
    store: &dyn SessionStore,
    err: StoreError,
    login: Option<Fut>,
) -> Result<Obtained, LoginError>
where
    Fut: Future<Output = Result<Fresh, LoginError>>,
{
    if store.fail_closed() {
        return Err(LoginError::new(LoginReason::SharedStore).with_detail(err.message()));
    }
    tracing::debug!(error = %err, "shared session store failed; logging in for this process");
    match login {
        Some(login) => login.await.map(Obtained::local),
        None => Err(LoginError::new(LoginReason::SharedStore)
            .with_detail("the login was already spent when the store failed")),
    }
}

/// Obtains a token for `scope` through `store`, running `login` only when this process has to
/// log in for the fleet (or for itself, when the store fails and does not fail closed).
pub(crate) async fn shared_login<Fut>(
    store: Arc<dyn SessionStore>,
    scope: Scope,
    login: Fut,
    avoid: Avoid,
) -> Result<Obtained, LoginError>
where
    Fut: Future<Output = Result<Fresh, LoginError>> + Send,
{
    let store = store.as_ref();
    if let Some(dead) = avoid.dead
        && let Err(err) = store.invalidate(&scope, dead).await
    {
        return without_store(store, err, Some(login)).await;
    }
    let give_up_at = Instant::now() + store.max_wait();
    while Instant::now() < give_up_at {
        let changed = store.changes(&scope);
        match store.load(&scope).await {
            Ok(Some(token)) if avoid.accepts(&token) => return Ok(Obtained::adopted(token)),
            Ok(_) => {}
            Err(err) => return without_store(store, err, Some(login)).await,
        }
        let fence = match store.try_lock(&scope).await {
            Ok(fence) => fence,
            Err(err) => return without_store(store, err, Some(login)).await,
        };
        let Some(fence) = fence else {
            // Another process is logging in: wait for its token (or its failure).
            let _ = tokio::time::timeout(store.poll_interval(), changed).await;
            continue;
        };
        // The holder before us may have published between our look and our lock.
        match store.load(&scope).await {
            Ok(Some(token)) if avoid.accepts(&token) => {
                release(store, &scope, fence).await;
                return Ok(Obtained::adopted(token));
            }
            Ok(_) => {}
            Err(err) => {
                release(store, &scope, fence).await;
                return without_store(store, err, Some(login)).await;
            }
        }
        return match login.await {
            Ok(fresh) => {
                let shared = publish(store, &scope, fence, &fresh).await;
                Ok(Obtained { fresh, shared })
            }
            Err(err) => {
                release(store, &scope, fence).await;
                Err(err)
            }
        };
    }
    tracing::debug!("no token from the fleet in time; logging in for this process");
    login.await.map(Obtained::local)
}

/// Logs in whatever the store holds (an explicit login), then publishes the token if the lock
/// is free.
pub(crate) async fn forced_login<Fut>(
    store: Arc<dyn SessionStore>,
    scope: Scope,
    login: Fut,
) -> Result<Obtained, LoginError>
where
    Fut: Future<Output = Result<Fresh, LoginError>> + Send,
{
    let fresh = login.await?;
    let store = store.as_ref();
    let shared = match store.try_lock(&scope).await {
        Ok(Some(fence)) => publish(store, &scope, fence, &fresh).await,
        Ok(None) => None,
        Err(err) if store.fail_closed() => {
            return Err(LoginError::new(LoginReason::SharedStore).with_detail(err.message()));
        }
        Err(err) => {
            tracing::debug!(error = %err, "the token could not be published");
            None
        }
    };
    Ok(Obtained { fresh, shared })
}

async fn publish(
    store: &dyn SessionStore,
    scope: &Scope,
    fence: super::Fence,
    fresh: &Fresh,
) -> Option<u64> {
    match store
        .publish(scope, fence, &fresh.token, fresh.lifetime)
        .await
    {
        Ok(Some(generation)) => Some(generation),
        Ok(None) => {
            tracing::debug!("the login lock expired before the token was published");
            None
        }
        Err(err) => {
            tracing::debug!(error = %err, "the token could not be published");
            None
        }
    }
}

async fn release(store: &dyn SessionStore, scope: &Scope, fence: super::Fence) {
    if let Err(err) = store.unlock(scope, fence).await {
        tracing::debug!(error = %err, "the login lock could not be released; it expires");
    }
}
