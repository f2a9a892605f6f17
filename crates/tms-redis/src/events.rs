//! Change notifications: one pub/sub connection per fleet listens on the fleet's channel, and
//! every message wakes the waiters (who then look in Redis for their own scope). When the
//! connection drops it is made again; waiters poll meanwhile.

use std::time::Duration;

use futures_util::StreamExt;
use tms_runtime::fleet::Changes;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// The listener task, stopped when the fleet is dropped.
#[derive(Debug)]
pub(crate) struct Events {
    tx: watch::Sender<u64>,
    task: JoinHandle<()>,
}

impl Drop for Events {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Events {
    pub fn start(client: redis::Client, channel: String, timeout: Duration) -> Self {
        let (tx, _) = watch::channel(0);
        let task = tokio::spawn(listen(client, channel, tx.clone(), timeout));
        Self { tx, task }
    }

    /// The next message after now.
    pub fn changes(&self) -> Changes {
        let mut rx = self.tx.subscribe();
        Box::pin(async move {
            if rx.changed().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}

async fn listen(client: redis::Client, channel: String, tx: watch::Sender<u64>, timeout: Duration) {
    loop {
        let subscribed = tokio::time::timeout(timeout, async {
            let mut pubsub = client.get_async_pubsub().await?;
            pubsub.subscribe(&channel).await?;
            redis::RedisResult::Ok(pubsub)
        })
        .await;
        if let Ok(Ok(pubsub)) = subscribed {
            // Whatever happened while we were not listening: look again.
            tx.send_modify(|n| *n += 1);
            let mut messages = pubsub.into_on_message();
            while messages.next().await.is_some() {
                tx.send_modify(|n| *n += 1);
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
