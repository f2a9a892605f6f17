//! How the runtime drives the memoQ client: its session state, its policy, how it obtains a
//! token. (The `ClientHooks` impl that sends every request through the runtime is generated.)

use tms_runtime::client::{LoginFuture, SessionClient};

use crate::Client;
use crate::session::Session;
use crate::vendor::MemoqVendor;

impl SessionClient for Client {
    type State = Session;
    type Vendor = MemoqVendor;
    const VENDOR: MemoqVendor = MemoqVendor;

    fn fresh_token(self) -> LoginFuture {
        Box::pin(async move { self.fresh_login().await })
    }
}
