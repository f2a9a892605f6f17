//! Shared test plumbing: a mock memoQ server and a client logged in to it.

#![allow(dead_code, unused_imports, unused_macros)]

pub mod wire;

use httpmock::MockServer;
use memsource_api::{Client, Login, types};
use memsource_api_httpmock::MockServerExt;

/// The token the mock login hands out.
pub const TOKEN: &str = "VrMkqzV4mVPWQelC51Cc5";

/// The login every test client performs.
pub fn login() -> Login {
    Login::new("pm", "secret")
}

/// A login token's `expires` as Memsource writes it (`+0000` offset), 24 h from now: fixtures
/// never hold a date that can pass.
pub fn expires_in_a_day() -> String {
    let at = chrono::DateTime::<chrono::Utc>::from(
        std::time::SystemTime::now() + std::time::Duration::from_secs(24 * 3600),
    );
    at.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

/// A started mock server and a client that has logged in to it (v3 login).
pub async fn logged_in() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let login = server.auth_login_v3(|when, then| {
        when.body(&self::login().to_login_v3_dto());
        then.ok(&types::LoginResponseV3Dto {
            token: Some(TOKEN.into()),
            expires: Some(expires_in_a_day().into()),
            ..Default::default()
        });
    });
    let client = Client::builder(server.base_url())
        .build()
        .expect("loopback");
    client
        .login(&self::login())
        .await
        .expect("mock login succeeds");
    login.assert_async().await;
    (server, client)
}
