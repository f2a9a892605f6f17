//! How the runtime drives the Memsource client: its session state, its policy, how it obtains a
//! token. (The `ClientHooks` impl that sends every request through the runtime is generated.)

use tms_runtime::client::{LoginFuture, SessionClient, SessionState};
use tms_runtime::engine::Engine;
use tms_runtime::session::TokenCache;

use crate::Client;
use crate::session::Session;
use crate::vendor::MemsourceVendor;

impl SessionClient for Client {
    type State = Session;
    type Vendor = MemsourceVendor;
    const VENDOR: MemsourceVendor = MemsourceVendor;

    fn fresh_token(self) -> LoginFuture {
        Box::pin(async move { self.obtain_token().await })
    }
}

impl SessionState for Session {
    fn cache(&self) -> &TokenCache {
        &self.cache
    }

    fn engine(&self) -> &Engine {
        &self.engine
    }

    fn can_log_in(&self) -> bool {
        self.can_renew()
    }
}
