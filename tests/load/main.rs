//! Load: 10 000 requests from 64 tasks through one client against a server failing one in five.
//!
//! A binary of its own, because it counts every allocation the process makes: no other test may
//! run beside it.

#![allow(missing_docs)] // tests document themselves through their names
#![allow(clippy::unwrap_used, clippy::cast_possible_wrap)] // a failing test should fail loudly

use std::alloc::System;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reprieve::sleep::{Sleep, Sleeper};
use reprieve::{RetryBudget, RetryMiddleware};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use stats_alloc::{INSTRUMENTED_SYSTEM, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const TASKS: u64 = 64;

/// Returns at once and keeps nothing, so that the sleeper itself does not grow with the load
/// (a `RecordingSleeper` would).
#[derive(Debug)]
struct Instant;

impl Sleeper for Instant {
    fn sleep(&self, _: Duration) -> Sleep {
        Box::pin(std::future::ready(()))
    }
}

/// Bytes the process holds right now.
fn live_bytes() -> isize {
    let stats = GLOBAL.stats();
    // stats_alloc already counts a reallocation's growth as allocated and its shrinking as
    // deallocated; `bytes_reallocated` is a summary of the same bytes.
    stats.bytes_allocated as isize - stats.bytes_deallocated as isize
}

/// Sends `requests` GETs from [`TASKS`] tasks and counts (succeeded, failed).
async fn send(client: &ClientWithMiddleware, url: &str, requests: u64) -> (u64, u64) {
    let tasks: Vec<_> = (0..TASKS)
        .map(|task| {
            let (client, url) = (client.clone(), url.to_owned());
            tokio::spawn(async move {
                let (mut ok, mut failed) = (0, 0);
                for _ in 0..(requests / TASKS + u64::from(task < requests % TASKS)) {
                    match client.get(&url).send().await {
                        Ok(response) if response.status().is_success() => ok += 1,
                        _ => failed += 1,
                    }
                }
                (ok, failed)
            })
        })
        .collect();
    let (mut ok, mut failed) = (0, 0);
    for task in tasks {
        let (o, f) = task.await.unwrap();
        ok += o;
        failed += f;
    }
    (ok, failed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_requests_lose_none_keep_to_the_budget_and_hold_memory_flat() {
    let hits = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&hits);
    let address = reprieve_tests::serve(move |_| {
        let failing = counter.fetch_add(1, Ordering::SeqCst) % 5 == 4;
        async move {
            if failing {
                reprieve_tests::json(503, r#"{"detail": "overloaded"}"#)
            } else {
                reprieve_tests::json(200, "{}")
            }
        }
    })
    .await;
    let budget = Arc::new(RetryBudget::default());
    let middleware = RetryMiddleware::builder()
        .sleeper(Instant)
        .budget(Arc::clone(&budget))
        .build();
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(middleware)
        .build();
    let url = format!("http://{address}/v1/rates");

    // The first requests fill what is filled once: the connection pool (a connection a task), the
    // server's connection tasks, the gate's entry, the budget's window, and the runtime's and
    // hyper's own structures (a bare reqwest client steps up by some 550 KB within its first
    // 3 000 requests here, then holds flat to 20 000 and beyond).
    let (mut ok, mut failed) = send(&client, &url, 3_000).await;
    let warm = live_bytes();
    let (o, f) = send(&client, &url, 7_000).await;
    (ok, failed) = (ok + o, failed + f);
    let served = live_bytes();

    // No request lost: each ended in a response or an error its caller saw.
    assert_eq!(ok + failed, 10_000);
    // Retries stayed within the budget: 20% of requests plus its floor (100 a window).
    let retries = hits.load(Ordering::SeqCst) - 10_000;
    assert!(retries <= 2_000 + 100, "{retries} retries");
    assert!(ok >= 9_000, "{ok} succeeded");
    // Memory does not grow with the requests served: 7 000 more requests (and some 1 400 more
    // retries) leave the process holding under 8 bytes a request more than it held when warm.
    // Keeping any one allocation per request (a span, a key, a header) breaks
    // it; the run-to-run noise is about 2 KB.
    let growth = served - warm;
    assert!(
        growth < 7_000 * 8,
        "live bytes grew by {growth} (from {warm} to {served}) over 7 000 requests"
    );
}
