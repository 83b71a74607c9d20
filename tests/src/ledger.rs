//! A payment ledger: `POST /v1/payments` commits a payment, deduplicated by Idempotency-Key as the
//! seed APIs document; a replayed key gets the first answer back without a second commit. It can
//! lose the response of some first attempts (answering 503 after committing), the failure that
//! makes a retry layer double-charge.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use crate::{json, serve};

/// What the ledger saw.
#[derive(Debug, Default)]
pub struct Ledger {
    /// Requests received.
    pub hits: AtomicU64,
    /// Payments committed.
    pub commits: AtomicU64,
    /// Commits per Idempotency-Key (requests without a key are not listed).
    pub by_key: Mutex<HashMap<String, u64>>,
}

impl Ledger {
    /// How many payments were committed under each key, at most.
    pub fn most_commits_for_one_key(&self) -> u64 {
        self.by_key
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .copied()
            .max()
            .unwrap_or(0)
    }
}

/// Starts the ledger. Of every `lose_one_in` requests that commit a new payment, one gets a 503
/// instead of its answer (the commit stands); `0` never loses one.
pub async fn start(lose_one_in: u64) -> (SocketAddr, Arc<Ledger>) {
    let ledger = Arc::new(Ledger::default());
    let shared = Arc::clone(&ledger);
    let address = serve(move |request| {
        let ledger = Arc::clone(&shared);
        async move {
            ledger.hits.fetch_add(1, Ordering::SeqCst);
            let key = request
                .headers()
                .get("idempotency-key")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            if let Some(key) = &key {
                let mut seen = ledger.by_key.lock().unwrap_or_else(PoisonError::into_inner);
                if seen.contains_key(key) {
                    // A replay: the stored answer, nothing committed.
                    return json(200, r#"{"id": "pay_1", "status": "succeeded", "replayed": true}"#);
                }
                seen.insert(key.clone(), 1);
            }
            let commit = ledger.commits.fetch_add(1, Ordering::SeqCst) + 1;
            if lose_one_in > 0 && commit % lose_one_in == 0 {
                return json(503, r#"{"error": {"code": "upstream_unavailable", "message": "Service temporarily unavailable"}}"#);
            }
            json(201, r#"{"id": "pay_1", "status": "succeeded"}"#)
        }
    })
    .await;
    (address, ledger)
}
