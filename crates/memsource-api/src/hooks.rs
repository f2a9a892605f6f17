//! How the runtime drives the Memsource client: its session state, its policy, how it obtains a
//! token. (The `ClientHooks` impl that sends every request through the runtime is generated.)

use tms_runtime::client::{LoginFuture, SessionClient};

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
