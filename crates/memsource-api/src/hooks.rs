//! The progenitor `ClientHooks` impl: the one place every Memsource request passes through. It
//! hands the request to the runtime's engine with Memsource's policy.

use progenitor_client::{ClientHooks, OperationInfo};
use tms_runtime::client::{LoginFuture, SessionClient};
use tms_runtime::engine::Engine;
use tms_runtime::session::TokenCache;

use crate::generated::policy;
use crate::session::Session;

use crate::Client;
use crate::vendor::MemsourceVendor;

impl ClientHooks<Session> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let operation = info.operation_id;
        tms_runtime::client::exec(self, request, operation, policy::of(operation)).await
    }
}

impl SessionClient for Client {
    type Vendor = MemsourceVendor;

    fn vendor(&self) -> &MemsourceVendor {
        &MemsourceVendor
    }

    fn cache(&self) -> &TokenCache {
        &self.inner.cache
    }

    fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    fn http(&self) -> &reqwest::Client {
        &self.client
    }

    fn can_log_in(&self) -> bool {
        self.inner.can_renew()
    }

    fn fresh_token(self) -> LoginFuture {
        Box::pin(async move { self.obtain_token().await })
    }
}
