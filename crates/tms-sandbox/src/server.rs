//! The HTTP server: routes, the control endpoints, and a connection loop that can drop a
//! connection on purpose (the `reset` fault).

use std::convert::Infallible;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;
use tower::ServiceExt;

use crate::faults::{self, Api, Faults};
use crate::{Shared, errors};

/// Handed to each request of a connection: killing it drops the connection unanswered.
#[derive(Clone)]
pub(crate) struct ConnectionKill(Arc<Notify>);

impl ConnectionKill {
    pub(crate) fn kill(&self) {
        self.0.notify_one();
    }
}

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let max_body = shared.config.max_body;
    Router::new()
        .merge(crate::memoq::router())
        .merge(crate::memsource::router())
        .route("/_sandbox/faults", get(get_faults).put(put_faults))
        .route("/_sandbox/stats", get(get_stats))
        .route("/_sandbox/expire-tokens", post(expire_tokens))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            faults::inject,
        ))
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(shared)
}

async fn get_faults(State(shared): State<Arc<Shared>>) -> Json<Faults> {
    Json(shared.faults.get())
}

async fn put_faults(State(shared): State<Arc<Shared>>, Json(faults): Json<Faults>) -> StatusCode {
    shared.faults.set(faults);
    StatusCode::NO_CONTENT
}

async fn get_stats(State(shared): State<Arc<Shared>>) -> Json<faults::FaultStats> {
    Json(shared.faults.stats())
}

async fn expire_tokens(State(shared): State<Arc<Shared>>) -> StatusCode {
    shared.memoq().expire_all_tokens();
    shared.memsource().expire_all_tokens();
    StatusCode::NO_CONTENT
}

async fn not_found(uri: Uri) -> Response {
    match Api::of(uri.path()) {
        Some(Api::Memoq) => errors::memoq(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            "No HTTP resource was found that matches the request URI.",
        ),
        Some(Api::Memsource) => errors::memsource(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            "No such endpoint.",
        ),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

/// The accept loop, running until stopped.
pub(crate) struct Running {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl Running {
    pub(crate) fn spawn(listener: TcpListener, router: Router) -> Running {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(accept_loop(listener, router, stopped));
        Running { stop, task }
    }

    pub(crate) async fn stop(mut self) {
        let _ = self.stop.send(true);
        let _ = (&mut self.task).await;
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        self.task.abort();
    }
}

async fn accept_loop(listener: TcpListener, router: Router, mut stopped: watch::Receiver<bool>) {
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    continue;
                }
            },
            _ = stopped.changed() => return,
        };
        let router = router.clone();
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let kill = ConnectionKill(Arc::new(Notify::new()));
            let per_request = kill.clone();
            let service = hyper::service::service_fn(
                move |mut request: hyper::Request<hyper::body::Incoming>| {
                    request.extensions_mut().insert(per_request.clone());
                    let router = router.clone();
                    async move {
                        let request: Request = request.map(axum::body::Body::new);
                        Ok::<_, Infallible>(
                            router.oneshot(request).await.unwrap_or_else(|e| match e {}),
                        )
                    }
                },
            );
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                result = connection => {
                    if let Err(error) = result {
                        tracing::debug!(%peer, %error, "connection ended with an error");
                    }
                }
                _ = kill.0.notified() => tracing::debug!(%peer, "connection dropped (reset fault)"),
                _ = stopped.changed() => {}
            }
        });
    }
}
