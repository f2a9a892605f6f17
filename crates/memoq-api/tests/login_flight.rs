//! One login for all waiters, whatever its outcome, and never a wait longer than the call's
//! deadline: a server that accepts the login's connection and never answers, and a server that
//! refuses connections, each met by 200 concurrent calls. Tokio's paused clock stands in for
//! time, so the minutes these tests cover take no real time.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use memoq_api::{Client, ClientInfo, Credentials, Error};
use tms_runtime::login::LoginReason;
use tms_runtime::retry::RetryPolicy;
use tokio::net::TcpListener;

const CALLS: usize = 200;
const DEADLINE: Duration = Duration::from_secs(30);

fn client(url: String) -> Client {
    Client::builder(url)
        .credentials(Credentials::memoq_user("admin", "secret"))
        .retry(RetryPolicy {
            total_deadline: Some(DEADLINE),
            attempt_timeout: Some(Duration::from_secs(120)),
            ..RetryPolicy::default()
        })
        .jitter_seed(1)
        .build()
        .expect("loopback")
}

/// Runs `CALLS` concurrent `tm_list` calls and returns each one's error and how long (virtual
/// time) it took.
async fn storm(client: &Client) -> Vec<(Error, Duration)> {
    let tasks: Vec<_> = (0..CALLS)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                let started = tokio::time::Instant::now();
                let result = client.tm_list().send().await;
                (result.map(|_| ()), started.elapsed())
            })
        })
        .collect();
    let mut out = Vec::new();
    for task in tasks {
        let (result, took) = task.await.expect("task");
        out.push((result.expect_err("no login can succeed"), took));
    }
    out
}

#[tokio::test(start_paused = true)]
async fn a_login_that_never_answers_fails_every_call_within_its_deadline_with_one_attempt() {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let url = format!(
        "http://{}/memoqserverhttpapi/v1",
        listener.local_addr().expect("addr")
    );
    let accepted = Arc::new(AtomicUsize::new(0));
    let seen = accepted.clone();
    // Accepts every connection and never answers; keeps the sockets open.
    let server = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            held.push(socket);
        }
    });
    let client = client(url);
    for (err, took) in storm(&client).await {
        assert!(
            matches!(
                err,
                Error::Login {
                    reason: LoginReason::TimedOut,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(took <= DEADLINE + Duration::from_millis(50), "{took:?}");
    }
    assert_eq!(
        accepted.load(Ordering::SeqCst),
        1,
        "one login attempt for all"
    );
    assert_eq!(client.inner().logins(), 1);
    server.abort();
}

#[tokio::test(start_paused = true)]
async fn a_login_to_a_refused_port_fails_every_call_with_one_attempt_sequence() {
    // Nothing listens on a port the OS just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port();
    let client = client(format!("http://127.0.0.1:{port}/memoqserverhttpapi/v1"));
    let errors = storm(&client).await;
    for (err, took) in &errors {
        assert!(
            matches!(
                err,
                Error::Login {
                    reason: LoginReason::Transport,
                    ..
                }
            ),
            "{err:?}"
        );
        assert!(*took <= DEADLINE, "{took:?}");
    }
    // One login (its own retries of the refused connection included) served every caller,
    // and the failure is remembered: a call right after gets it without a new login.
    assert_eq!(client.inner().logins(), 1);
    let err = Error::from(client.tm_list().send().await.expect_err("remembered"));
    assert!(
        matches!(
            err,
            Error::Login {
                reason: LoginReason::Transport,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(client.inner().logins(), 1);
}
