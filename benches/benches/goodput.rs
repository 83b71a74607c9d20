//! Goodput under a rate limit: 16 concurrent clients against a loopback server enforcing a fixed
//! window (X-RateLimit-* on every response, 429 + Retry-After beyond the limit), reprieve against
//! reqwest-retry in the same run. Prints a table: share of requests that succeed, share of server
//! hits wasted on 429, and wall time against the ideal (requests / limit x window).
//!
//! `cargo bench -p reprieve-benches --bench goodput`

#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::cast_precision_loss
)]

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use reprieve::RetryMiddleware;
use reprieve_tests::window::{self, ResetFormat};
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;

const TASKS: u64 = 16;
const PER_TASK: u64 = 15;
const LIMIT: u64 = 20;
const WINDOW: Duration = Duration::from_secs(1);

async fn run(name: &str, client: ClientWithMiddleware) {
    let (address, stats) = window::start(LIMIT, WINDOW, ResetFormat::EpochMillis).await;
    let url = format!("http://{address}/v1/quotes");
    let started = Instant::now();
    let tasks: Vec<_> = (0..TASKS)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let mut ok = 0u64;
                for _ in 0..PER_TASK {
                    if let Ok(response) = client.get(&url).send().await {
                        ok += u64::from(response.status().is_success());
                    }
                }
                ok
            })
        })
        .collect();
    let mut ok = 0;
    for task in tasks {
        ok += task.await.unwrap();
    }
    let wall = started.elapsed();
    let requests = TASKS * PER_TASK;
    // The first window opens at once: requests / limit windows need one window less of waiting.
    let ideal = WINDOW * u32::try_from(requests.div_ceil(LIMIT) - 1).unwrap();
    println!(
        "| {name:<13} | {:>6.1}% | {:>5} | {:>5.1}% | {:>6.2} s | {:>6.2} s | {:>+6.1}% |",
        ok as f64 * 100.0 / requests as f64,
        stats.hits(),
        stats.throttled.load(Ordering::SeqCst) as f64 * 100.0 / stats.hits().max(1) as f64,
        wall.as_secs_f64(),
        ideal.as_secs_f64(),
        (wall.as_secs_f64() / ideal.as_secs_f64() - 1.0) * 100.0,
    );
}

#[tokio::main]
async fn main() {
    // `cargo bench` passes `--bench`; a filter that names neither client skips the run.
    println!("{TASKS} clients x {PER_TASK} GETs against {LIMIT} requests per {WINDOW:?} window\n");
    println!("| client        | succeed | hits  | 429s   | wall     | ideal    | vs ideal |");
    println!("|---------------|---------|-------|--------|----------|----------|----------|");
    let reprieve = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::default())
        .build();
    run("reprieve", reprieve).await;
    let retry = ClientBuilder::new(reqwest::Client::new())
        .with(RetryTransientMiddleware::new_with_policy(
            ExponentialBackoff::builder().build_with_max_retries(3),
        ))
        .build();
    run("reqwest-retry", retry).await;
}
