//! Properties over arbitrary input: normalization never panics, delays stay bounded.

#![allow(missing_docs)] // test crates document themselves through test names
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // a failing test should fail loudly

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use proptest::prelude::*;
use rand::SeedableRng;
use rand::rngs::SmallRng;
use reprieve_core::decide::{Attempt, Decision, Outcome, Request};
use reprieve_core::headers::MAX_SERVER_DELAY;
use reprieve_core::{ApiError, RetryPolicy, decide};

const HEADER_NAMES: [&str; 12] = [
    "retry-after",
    "retry-after-ms",
    "x-ratelimit-retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "ratelimit",
    "ratelimit-policy",
    "date",
    "content-type",
    "stripe-should-retry",
    "x-request-id",
];

fn header_value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..40),
        "[0-9]{0,25}".prop_map(String::into_bytes),
        "-?[0-9]{1,20}(\\.[0-9]{0,12})?".prop_map(String::into_bytes),
        "(Mon|Sun|Thu|Fri), [0-3][0-9] (Nov|Dec|Feb) (1970|2026|9999|0000) [0-2][0-9]:[0-6][0-9]:[0-6][0-9] GMT"
            .prop_map(String::into_bytes),
        "\"[a-z]{0,5}\";(r|t|q|w)=-?[0-9]{0,21}(, [a-z]=[0-9]{0,3})?".prop_map(String::into_bytes),
    ]
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    let json_ish = r#"[\{\}\[\]":, a-z0-9_\\-]{0,200}"#;
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..400),
        json_ish.prop_map(String::into_bytes),
        // Valid envelopes with fields of random types.
        (any::<u8>(), "[a-z_ ]{0,20}", any::<i64>()).prop_map(|(shape, text, n)| {
            let v = match shape % 5 {
                0 => format!("\"{text}\""),
                1 => n.to_string(),
                2 => format!("[\"{text}\", {n}]"),
                3 => format!("{{\"x\": \"{text}\"}}"),
                _ => "null".to_owned(),
            };
            format!(
                r#"{{"error": {{"code": {v}, "message": {v}, "details": {v}, "param": {v}}}, "detail": {v},
                    "errors": {v}, "meta": {v}, "retry_after": {v}, "success": {v}}}"#
            )
            .into_bytes()
        }),
        "<(html|Error|title)>[ a-z<>/&;#0-9]{0,200}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn from_response_never_panics(
        status in 100_u16..1000,
        headers in proptest::collection::vec((0..HEADER_NAMES.len(), header_value()), 0..6),
        body in body(),
        seed: u64,
        now_secs in 0_u64..400_000_000_000,
    ) {
        let status = StatusCode::from_u16(status).unwrap();
        let mut map = HeaderMap::new();
        for (index, value) in headers {
            if let Ok(value) = HeaderValue::from_bytes(&value) {
                map.append(HeaderName::from_static(HEADER_NAMES[index]), value);
            }
        }
        let error = ApiError::from_response(status, &map, &body);
        let _ = error.to_string();
        if let Some(message) = error.message()
            && !error.format().is_structured()
        {
            prop_assert!(message.chars().count() <= 201);
        }
        let now = UNIX_EPOCH + Duration::from_secs(now_secs);
        if let Some(delay) = error.retry_after_at(now) {
            prop_assert!(delay <= MAX_SERVER_DELAY);
        }

        // Whatever the server said, a decision's wait is bounded by the policy.
        let policy = RetryPolicy::default();
        let attempt = Attempt::new(Request::new(&Method::GET), 1);
        let decision = decide(&policy, &attempt, &Outcome::Response(&error), now, &mut SmallRng::seed_from_u64(seed));
        if let Decision::Retry { after, .. } = decision {
            prop_assert!(after <= policy.max_retry_after.max(policy.max_delay));
        }
    }
}

#[test]
fn hostile_header_table() {
    let hostile = [
        ("retry-after", "99999999999999999999"),
        ("retry-after", "-1"),
        ("retry-after", "Thu, 31 Dec 9999 23:59:59 GMT"),
        ("retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"),
        ("retry-after", "Sun, 99 Nov 2026 12:00:00 GMT"),
        ("retry-after", "1e400"),
        ("x-ratelimit-reset", "184467440737095516150"),
        ("x-ratelimit-reset", "18446744073709551615"),
        ("x-ratelimit-remaining", "-0"),
        ("ratelimit", "\"a\";r=0;t=99999999999999999999999"),
    ];
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_348_800);
    for (name, value) in hostile {
        let mut map = HeaderMap::new();
        map.insert(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
        let error = ApiError::from_response(StatusCode::TOO_MANY_REQUESTS, &map, b"");
        let delay = error.retry_after_at(now);
        assert!(
            delay.is_none_or(|d| d <= MAX_SERVER_DELAY),
            "{name}: {value} gave {delay:?}"
        );
        let policy = RetryPolicy::default();
        let attempt = Attempt::new(Request::new(&Method::GET), 1);
        let decision = decide(
            &policy,
            &attempt,
            &Outcome::Response(&error),
            now,
            &mut SmallRng::seed_from_u64(1),
        );
        if let Decision::Retry { after, .. } = decision {
            assert!(
                after <= policy.max_retry_after,
                "{name}: {value} waits {after:?}"
            );
        }
    }
}
