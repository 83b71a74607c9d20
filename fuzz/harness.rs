#![allow(dead_code)] // each target uses one of the checks
//! The checks behind the fuzz targets, shared with the regression test in
//! `crates/reprieve-core/tests/fuzz_regressions.rs` so every saved input keeps being run by
//! `cargo test`.
//!
//! An input is read as a response: the first two bytes pick the status (100..=599), then header
//! lines (`name: value`) up to an empty line, then the body. Invalid header names or values are
//! skipped, as an HTTP stack would reject them before reprieve sees them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use reprieve_core::decide::{Attempt, Outcome, Request};
use reprieve_core::headers::{
    MAX_SERVER_DELAY, RateLimit, ServerDelay, parse_date, parse_retry_after, parse_retry_after_ms,
    parse_should_retry,
};
use reprieve_core::{ApiError, RetryPolicy, decide};

/// Reference instants: the epoch, today, and the far end of what `SystemTime` holds in practice.
fn instants() -> [SystemTime; 3] {
    [
        UNIX_EPOCH,
        UNIX_EPOCH + Duration::from_secs(1_795_000_000),
        UNIX_EPOCH + Duration::from_secs(253_402_300_799),
    ]
}

/// Splits an input into a status, headers and a body.
pub fn response(data: &[u8]) -> (StatusCode, HeaderMap, &[u8]) {
    let (status, rest) = match data {
        [a, b, rest @ ..] => (100 + u16::from_le_bytes([*a, *b]) % 500, rest),
        _ => (500, data),
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let (head, body) = match rest.windows(2).position(|w| w == b"\n\n") {
        Some(at) => (&rest[..at], &rest[at + 2..]),
        None => (&[][..], rest),
    };
    let mut headers = HeaderMap::new();
    for line in head.split(|&b| b == b'\n') {
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            continue;
        };
        let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.trim_ascii()),
            HeaderValue::from_bytes(value),
        ) {
            headers.append(name, value);
        }
    }
    (status, headers, body)
}

/// Normalizes a response and checks what must hold for any input.
pub fn from_response(data: &[u8]) {
    let (status, headers, body) = response(data);
    let error = ApiError::from_response(status, &headers, body);
    assert_eq!(error.status(), status);
    assert!(error.retry_after().is_none_or(|d| d <= MAX_SERVER_DELAY));
    for now in instants() {
        assert!(
            error
                .retry_after_at(now)
                .is_none_or(|d| d <= MAX_SERVER_DELAY)
        );
    }
    // Every accessor is readable, and the message stays a bounded snippet.
    let _ = (
        error.code(),
        error.param(),
        error.request_id(),
        error.details(),
    );
    let _ = (
        error.kind().as_str(),
        error.format().as_str(),
        error.to_string(),
    );
    assert!(
        error
            .message()
            .is_none_or(|m| m.len() <= body.len().max(1) * 4 + 64)
    );
    // Deciding on it never panics, and a retry never waits past the policy's caps.
    let policy = RetryPolicy::default();
    // Seeded from the input, so a failing input replays the same way.
    let mut rng = SmallRng::seed_from_u64(data.len() as u64);
    for method in [Method::GET, Method::POST] {
        let attempt = Attempt::new(Request::new(&method), 1);
        let decision = decide(
            &policy,
            &attempt,
            &Outcome::Response(&error),
            instants()[1],
            &mut rng,
        );
        if let reprieve_core::Decision::Retry { after, .. } = decision {
            assert!(after <= policy.max_retry_after.max(policy.max_delay));
        }
    }
}

/// Parses one value as every rate-limit header and checks the delays stay bounded.
pub fn headers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(wait) = parse_retry_after(text) {
        for now in instants() {
            assert!(wait.delay_from(now) <= MAX_SERVER_DELAY);
        }
    }
    if let Ok(delay) = parse_retry_after_ms(text) {
        assert!(delay <= MAX_SERVER_DELAY);
    }
    let Ok(value) = HeaderValue::from_str(text) else {
        return;
    };
    for names in [
        &["retry-after", "date"][..],
        &[
            "x-ratelimit-reset",
            "x-ratelimit-remaining",
            "x-ratelimit-limit",
        ],
        &["ratelimit", "ratelimit-policy"],
        &[
            "x-ratelimit-reset-requests",
            "x-ratelimit-remaining-requests",
        ],
        &[
            "x-ratelimit-retry-after",
            "retry-after-ms",
            "stripe-should-retry",
        ],
    ] {
        let mut headers = HeaderMap::new();
        for name in names {
            headers.insert(*name, value.clone());
        }
        let limit = RateLimit::from_headers(&headers);
        let _ = (parse_date(&headers), parse_should_retry(&headers));
        for now in instants() {
            if let Some(limit) = &limit {
                assert!(limit.reset_after(now).is_none_or(|d| d <= MAX_SERVER_DELAY));
            }
            for throttled in [false, true] {
                if let Some(delay) = ServerDelay::from_headers(&headers, limit.as_ref(), throttled)
                {
                    assert!(delay.delay_from(now) <= MAX_SERVER_DELAY);
                }
            }
        }
    }
}
