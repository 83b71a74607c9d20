//! Time: the rate-limit gate under load, the per-attempt timeout, the deadline, cancel safety.
//!
//! These run on tokio's paused clock against servers that read the same clock, so a test that
//! waits out a rate-limit window or a stalled server takes no real time.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use reprieve::sleep::{Sleep, Sleeper};
use reprieve::{Attempts, RetryMiddleware, RetryPolicy};
use reprieve_tests::window::{self, ResetFormat};
use reprieve_tests::{json, serve};
use reqwest_middleware::ClientBuilder;
use tokio::time::Instant;

const SEC: Duration = Duration::from_secs(1);

#[tokio::test(start_paused = true)]
async fn sixteen_tasks_share_a_fixed_window_with_few_429s() {
    let _g = tracing::subscriber::set_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_test_writer()
            .finish(),
    );
    let (address, stats) = window::start(10, SEC, ResetFormat::DeltaSeconds).await;
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::default())
        .build();
    let url = format!("http://{address}/v1/quotes");
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let (client, url) = (client.clone(), url.clone());
            tokio::spawn(async move {
                let mut ok = 0;
                for _ in 0..10 {
                    let response = client.get(&url).send().await.unwrap();
                    assert_eq!(response.status(), 200, "a request failed for good");
                    ok += 1;
                }
                ok
            })
        })
        .collect();
    let started = Instant::now();
    let mut succeeded = 0;
    for task in tasks {
        succeeded += task.await.unwrap();
    }
    assert_eq!(succeeded, 160);
    // 160 requests at 10 a window cannot take less than 15 windows.
    assert!(started.elapsed() >= 15 * SEC);
    let throttled = stats.throttled.load(Ordering::SeqCst);
    assert!(
        stats.wasted() <= 0.05,
        "{throttled} of {} hits were 429s",
        stats.hits()
    );
}

#[tokio::test(start_paused = true)]
async fn a_stalled_attempt_times_out_and_the_get_is_retried() {
    let hits = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&hits);
    let address = serve(move |_| {
        let first = seen.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            if first {
                tokio::time::sleep(30 * SEC).await;
            }
            json(200, "{}")
        }
    })
    .await;
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::builder().attempt_timeout(SEC).build())
        .build();
    let started = Instant::now();
    let response = client
        .get(format!("http://{address}/v1/payments/pay_1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(2)));
    assert_eq!(hits.load(Ordering::SeqCst), 2);
    // One timeout and one backoff (at most 200 ms), not the 30 s stall.
    assert!(started.elapsed() < 2 * SEC, "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn the_requests_own_timeout_bounds_every_resend() {
    let hits = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&hits);
    let address = serve(move |_| {
        let first = seen.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            if !first {
                tokio::time::sleep(60 * SEC).await;
            }
            json(503, r#"{"detail": "maintenance"}"#)
        }
    })
    .await;
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::default())
        .build();
    let started = Instant::now();
    let error = client
        .get(format!("http://{address}/v1/rates"))
        .timeout(SEC)
        .send()
        .await
        .unwrap_err();
    // The resends carry reqwest's timeout from the original: each stalls for 1 s, not 60 s.
    assert!(error.is_timeout(), "{error}");
    assert!(hits.load(Ordering::SeqCst) >= 2);
    assert!(started.elapsed() < 10 * SEC, "{:?}", started.elapsed());
}

#[tokio::test(start_paused = true)]
async fn the_deadline_stops_retries_whose_wait_would_pass_it() {
    let hits = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&hits);
    let address = serve(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
        async {
            let mut response = json(503, r#"{"detail": "maintenance"}"#);
            response.headers_mut().insert("retry-after", 1.into());
            response
        }
    })
    .await;
    let policy = RetryPolicy::builder().max_attempts(10).build().unwrap();
    let middleware = RetryMiddleware::builder()
        .policy(policy)
        .timeout(Duration::from_millis(2500))
        .build();
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(middleware)
        .build();
    let started = Instant::now();
    let response = client
        .get(format!("http://{address}/v1/rates"))
        .send()
        .await
        .unwrap();
    // Sends at 0 s, 1 s and 2 s; a fourth would wait past 2.5 s.
    assert_eq!(response.status(), 503);
    assert_eq!(hits.load(Ordering::SeqCst), 3);
    assert!(started.elapsed() < Duration::from_millis(2500));
    assert_eq!(
        response.text().await.unwrap(),
        r#"{"detail": "maintenance"}"#
    );
}

#[tokio::test(start_paused = true)]
async fn the_deadline_bounds_a_stalled_attempt() {
    let address = serve(|_| async {
        tokio::time::sleep(60 * SEC).await;
        json(200, "{}")
    })
    .await;
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::builder().timeout(2 * SEC).build())
        .build();
    let started = Instant::now();
    let error = client
        .get(format!("http://{address}/v1/rates"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() <= 2 * SEC + Duration::from_millis(100));
}

#[tokio::test(start_paused = true)]
async fn dropping_the_call_during_a_backoff_sends_nothing_more() {
    let hits = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&hits);
    let address = serve(move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
        async {
            let mut response = json(503, "{}");
            response.headers_mut().insert("retry-after", 10.into());
            response
        }
    })
    .await;
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::default())
        .build();
    let url = format!("http://{address}/v1/rates");
    let call = tokio::spawn(async move { client.get(url).send().await });
    // Let the first attempt reach the server and its answer come back.
    while hits.load(Ordering::SeqCst) == 0 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tokio::time::sleep(SEC).await;
    assert!(
        !call.is_finished(),
        "the call should be waiting out Retry-After"
    );
    call.abort();
    assert!(call.await.unwrap_err().is_cancelled());
    tokio::time::sleep(60 * SEC).await;
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

/// Holds the first wait until released; records every wait and lets the others through at once.
#[derive(Debug, Clone, Default)]
struct HeldFirstWait {
    asked: Arc<tokio::sync::Notify>,
    release: Arc<tokio::sync::Notify>,
    waits: Arc<std::sync::Mutex<Vec<Duration>>>,
}

impl Sleeper for HeldFirstWait {
    fn sleep(&self, delay: Duration) -> Sleep {
        let mut waits = self.waits.lock().unwrap();
        waits.push(delay);
        if waits.len() > 1 {
            return Box::pin(std::future::ready(()));
        }
        self.asked.notify_one();
        let release = Arc::clone(&self.release);
        Box::pin(async move { release.notified().await })
    }
}

#[tokio::test]
async fn a_call_in_its_backoff_is_not_counted_in_flight_at_the_gate() {
    let flaky_hits = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&flaky_hits);
    let address = serve(move |request| {
        let first = request.uri().path() == "/v1/flaky" && seen.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            if first {
                return json(503, "{}");
            }
            let mut response = json(200, "{}");
            let headers = response.headers_mut();
            headers.insert("x-ratelimit-limit", 10.into());
            headers.insert("x-ratelimit-remaining", 1.into());
            headers.insert("x-ratelimit-reset", 30.into());
            response
        }
    })
    .await;
    let sleeper = HeldFirstWait::default();
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::builder().sleeper(sleeper.clone()).build())
        .build();
    let flaky = client.get(format!("http://{address}/v1/flaky"));
    let waiting = tokio::spawn(async move { flaky.send().await });
    sleeper.asked.notified().await;
    // The first call has its 503 and waits out its backoff: its request is no longer in flight,
    // so the one left in the window that this response reports is the next call's to take.
    let quota = format!("http://{address}/v1/quota");
    assert_eq!(client.get(&quota).send().await.unwrap().status(), 200);
    assert_eq!(client.get(&quota).send().await.unwrap().status(), 200);
    let waits = sleeper.waits.lock().unwrap().clone();
    assert_eq!(
        waits.len(),
        1,
        "the third call waited at the gate: {waits:?}"
    );
    sleeper.release.notify_one();
    assert_eq!(waiting.await.unwrap().unwrap().status(), 200);
    assert_eq!(flaky_hits.load(Ordering::SeqCst), 2);
}
