//! Headers and decide: Retry-After (seconds, HTTP-date), X-RateLimit-*, backoff and `decide`, with
//! `httpdate` and `str::parse` as the floor for the parsers.
//!
//! `cargo bench -p reprieve-benches --bench headers`

#![allow(missing_docs, clippy::indexing_slicing, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use reprieve_core::backoff::{Backoff, Jitter};
use reprieve_core::decide::{Attempt, Outcome, Request};
use reprieve_core::headers::{RateLimit, parse_retry_after};
use reprieve_core::{ApiError, RetryPolicy, decide};

fn headers(c: &mut Criterion) {
    let mut group = c.benchmark_group("retry-after");
    group.bench_function("reprieve seconds", |b| {
        b.iter(|| parse_retry_after(black_box("120")));
    });
    group.bench_function("str::parse::<u64> seconds", |b| {
        b.iter(|| black_box("120").parse::<u64>());
    });
    let date = "Sun, 22 Nov 2026 12:02:00 GMT";
    group.bench_function("reprieve http-date", |b| {
        b.iter(|| parse_retry_after(black_box(date)));
    });
    group.bench_function("httpdate http-date", |b| {
        b.iter(|| httpdate::parse_http_date(black_box(date)));
    });
    group.finish();

    let mut limits = HeaderMap::new();
    limits.insert("x-ratelimit-limit", HeaderValue::from_static("100"));
    limits.insert("x-ratelimit-remaining", HeaderValue::from_static("0"));
    limits.insert("x-ratelimit-reset", HeaderValue::from_static("1795000060"));
    c.bench_function("x-ratelimit/from_headers", |b| {
        b.iter(|| RateLimit::from_headers(black_box(&limits)));
    });

    let backoff = Backoff::new(
        Duration::from_millis(200),
        Duration::from_secs(10),
        Jitter::Full,
    );
    let mut rng = SmallRng::seed_from_u64(7);
    c.bench_function("backoff/full-jitter", |b| {
        b.iter(|| backoff.delay(black_box(3), None, &mut rng));
    });

    let mut throttled = HeaderMap::new();
    throttled.insert("retry-after", HeaderValue::from_static("2"));
    let error = ApiError::from_response(
        StatusCode::TOO_MANY_REQUESTS,
        &throttled,
        br#"{"detail": "slow down"}"#,
    );
    let policy = RetryPolicy::default();
    let now = SystemTime::now();
    c.bench_function("decide/429-retry-after", |b| {
        b.iter(|| {
            let attempt = Attempt::new(Request::new(&Method::POST), 1);
            decide(
                &policy,
                black_box(&attempt),
                &Outcome::Response(black_box(&error)),
                now,
                &mut rng,
            )
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1));
    targets = headers
}
criterion_main!(benches);
