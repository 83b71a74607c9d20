//! Every example response of the five seed API documents, through the library.
//!
//! `data/seed-errors.jsonl` is a copy of `../shared/fixtures/seed-errors.jsonl`; CI fails when the
//! two differ. Each line's `expect` labels are checked; a label that is absent is not.

#![allow(missing_docs)] // test crates document themselves through test names
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // a failing test should fail loudly

use std::time::{Duration, UNIX_EPOCH};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use reprieve_core::decide::{Outcome, Request, retryable};
use reprieve_core::{ApiError, RetryPolicy};
use serde_json::Value;

const CORPUS: &str = include_str!("data/seed-errors.jsonl");

fn check_line(line: &Value) -> Vec<String> {
    let id = line["id"].as_str().unwrap_or("?");
    let status =
        StatusCode::from_u16(u16::try_from(line["status"].as_u64().unwrap()).unwrap()).unwrap();
    let mut headers = HeaderMap::new();
    for (name, value) in line["headers"].as_object().unwrap() {
        headers.append(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
        );
    }
    let error =
        ApiError::from_response(status, &headers, line["body"].as_str().unwrap().as_bytes());
    let method = Method::from_bytes(line["method"].as_str().unwrap().as_bytes()).unwrap();
    let request = Request::new(&method).idempotency_key(line["idempotency_key"].as_bool().unwrap());
    let retry = retryable(&RetryPolicy::default(), request, &Outcome::Response(&error)).is_ok();
    // The fixtures' own day: every dated line is dated 2026-11-22 12:00:00 GMT.
    let now = UNIX_EPOCH + Duration::from_secs(1_795_348_800);
    let retry_after_ms = error
        .retry_after_at(now)
        .map(|d| u64::try_from(d.as_millis()).unwrap());

    let mut failures = Vec::new();
    let mut expect_text = |label: &str, got: Option<&str>| {
        if let Some(want) = line["expect"].get(label)
            && want.as_str() != got
        {
            failures.push(format!("{id}: {label} want {want} got {got:?}"));
        }
    };
    expect_text("code", error.code());
    expect_text("message", error.message());
    expect_text("request_id", error.request_id());
    expect_text("param", error.param());
    expect_text("kind", Some(error.kind().as_str()));

    let expect = &line["expect"];
    if let Some(kinds) = expect.get("kind_any").and_then(Value::as_array)
        && !kinds
            .iter()
            .any(|k| k.as_str() == Some(error.kind().as_str()))
    {
        failures.push(format!(
            "{id}: kind want one of {kinds:?} got {:?}",
            error.kind()
        ));
    }
    if let Some(want) = expect.get("retry").and_then(Value::as_bool)
        && want != retry
    {
        failures.push(format!("{id}: retry want {want} got {retry}"));
    }
    match (
        expect.get("retry_after_ms").and_then(Value::as_u64),
        retry_after_ms,
    ) {
        (Some(want), Some(got)) if want.abs_diff(got) <= 1000 => {}
        (None, None) => {}
        (want, got) => failures.push(format!("{id}: retry_after_ms want {want:?} got {got:?}")),
    }
    failures
}

#[test]
fn every_seed_fixture_passes() {
    let lines: Vec<Value> = CORPUS
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.len() >= 72, "the corpus has {} lines", lines.len());
    let failures: Vec<String> = lines.iter().flat_map(check_line).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
