//! Shared test plumbing: a mock memoQ server and a client logged in to it.

#![allow(dead_code)]

use httpmock::MockServer;
use memoq_api::{Client, Credentials, types};
use memoq_api_httpmock::MockServerExt;

/// The token the mock login hands out.
pub const TOKEN: &str = "803be2ac-f4a1-4b47-abea-8b12f2a172d8";
pub const TM: &str = "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b";
pub const TB: &str = "6f2b1d9c-3c0a-4a8e-9d55-0d8f4b7c1e21";

/// A client for `server` on virtual time: retries wait no real time.
pub fn client_for(server: &MockServer) -> Client {
    Client::builder(server.base_url())
        .clock(std::sync::Arc::new(tms_runtime::clock::ManualClock::new()))
        .jitter_seed(7)
        .build()
        .expect("a loopback URL is accepted")
}

/// A started mock server and a client that has logged in to it.
pub async fn logged_in() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let login = server.auth_login(|when, then| {
        when.body(&Credentials::memoq_user("admin", "secret").to_login_param());
        then.ok(&types::LoginResult {
            access_token: Some(TOKEN.into()),
            name: Some("admin".into()),
            sid: Some("00000000-0000-0000-0001-000000000001".into()),
        });
    });
    let client = client_for(&server);
    client
        .login(&Credentials::memoq_user("admin", "secret"))
        .await
        .expect("mock login succeeds");
    login.assert_async().await;
    (server, client)
}
