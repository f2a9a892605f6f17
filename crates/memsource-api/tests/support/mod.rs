//! Shared test plumbing: a mock memoQ server and a client logged in to it.

#![allow(dead_code)]

use httpmock::MockServer;
use memsource_api::{Client, Login, Session, types};
use memsource_api_httpmock::MockServerExt;

/// The token the mock login hands out.
pub const TOKEN: &str = "VrMkqzV4mVPWQelC51Cc5";

/// The login every test client performs.
pub fn login() -> Login {
    Login::new("pm", "secret")
}

/// A started mock server and a client that has logged in to it (v3 login).
pub async fn logged_in() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let login = server.auth_login_v3(|when, then| {
        when.body(&self::login().to_login_v3_dto());
        then.ok(&types::LoginResponseV3Dto {
            token: Some(TOKEN.into()),
            // A day from now, in the offset form without a colon Memsource sends.
            expires: Some(
                chrono::DateTime::<chrono::Utc>::from(
                    std::time::SystemTime::now() + std::time::Duration::from_secs(24 * 3600),
                )
                .format("%Y-%m-%dT%H:%M:%S+0000")
                .to_string()
                .into(),
            ),
            ..Default::default()
        });
    });
    let client = Client::new(&server.base_url(), Session::default());
    client
        .login(&self::login())
        .await
        .expect("mock login succeeds");
    login.assert_async().await;
    (server, client)
}
