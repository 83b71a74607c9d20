//! Classifier throughput: `ApiError::from_response` against a straightforward `serde_json::Value`
//! normalizer, per seed API and over the whole seed corpus, with allocations per classification.
//!
//! `cargo bench -p reprieve-benches --bench normalize`

#![allow(
    clippy::indexing_slicing,
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::print_stdout
)]

use std::alloc::System;
use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use reprieve_core::ApiError;
use serde_json::Value;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const CORPUS: &str = include_str!("../../crates/reprieve-core/tests/data/seed-errors.jsonl");

struct Case {
    api: String,
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

fn corpus() -> Vec<Case> {
    CORPUS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fixture: Value = serde_json::from_str(line).unwrap();
            let mut headers = HeaderMap::new();
            for (name, value) in fixture["headers"].as_object().into_iter().flatten() {
                headers.insert(
                    HeaderName::from_bytes(name.as_bytes()).unwrap(),
                    HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
                );
            }
            Case {
                api: fixture["api"].as_str().unwrap().to_owned(),
                status: StatusCode::from_u16(
                    u16::try_from(fixture["status"].as_u64().unwrap()).unwrap(),
                )
                .unwrap(),
                headers,
                body: fixture["body"].as_str().unwrap().as_bytes().to_vec(),
            }
        })
        .collect()
}

/// What a team writes by hand: parse to a `Value`, look the usual fields up, own the strings.
#[derive(Debug)]
#[allow(dead_code)] // the fields are what a caller would read
struct ValueError {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    param: Option<String>,
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

fn value_normalize(body: &[u8]) -> ValueError {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let error = value.get("error").filter(|e| e.is_object());
    let detail = value.get("detail");
    let first = |key: &str| {
        error
            .and_then(|e| e.get(key))
            .or_else(|| value.get(key))
            .or_else(|| detail.and_then(|d| d.get(0)).and_then(|d| d.get(key)))
    };
    ValueError {
        code: text(first("code")),
        message: text(
            first("message")
                .or_else(|| value.get("error").filter(|e| e.is_string()))
                .or(detail.filter(|d| d.is_string())),
        ),
        request_id: text(
            value
                .get("meta")
                .and_then(|m| m.get("request_id"))
                .or_else(|| value.get("request_id")),
        ),
        param: text(first("param").or_else(|| first("loc"))),
    }
}

fn normalize(c: &mut Criterion) {
    let cases = corpus();
    let mut by_api: BTreeMap<&str, Vec<&Case>> = BTreeMap::new();
    for case in &cases {
        by_api.entry(case.api.as_str()).or_default().push(case);
    }
    by_api.insert("all", cases.iter().collect());
    for (api, cases) in &by_api {
        let mut group = c.benchmark_group(format!("normalize/{api}"));
        group.throughput(Throughput::Elements(cases.len() as u64));
        group.bench_function("reprieve", |b| {
            b.iter(|| {
                for case in cases {
                    black_box(ApiError::from_response(
                        case.status,
                        &case.headers,
                        black_box(&case.body),
                    ));
                }
            });
        });
        group.bench_function("serde_json::Value", |b| {
            b.iter(|| {
                for case in cases {
                    black_box(value_normalize(black_box(&case.body)));
                }
            });
        });
        group.finish();
    }
    report_allocations(&cases);
}

/// Allocations per classification over the corpus, against the owned strings the result holds.
fn report_allocations(cases: &[Case]) {
    let count = |f: &dyn Fn(&Case)| {
        let region = Region::new(GLOBAL);
        for case in cases {
            f(case);
        }
        region.change().allocations
    };
    let reprieve = count(&|case| {
        drop(black_box(ApiError::from_response(
            case.status,
            &case.headers,
            &case.body,
        )));
    });
    let baseline = count(&|case| drop(black_box(value_normalize(&case.body))));
    let owned: usize = cases
        .iter()
        .map(|case| {
            let error = ApiError::from_response(case.status, &case.headers, &case.body);
            [
                error.code(),
                error.message(),
                error.request_id(),
                error.param(),
                error.details(),
            ]
            .iter()
            .filter(|field| field.is_some())
            .count()
        })
        .sum();
    #[allow(clippy::cast_precision_loss)]
    let per = |n: usize| n as f64 / cases.len() as f64;
    println!(
        "\nallocations per classification over {} responses: reprieve {:.2}, serde_json::Value {:.2}; owned strings in the result {:.2}",
        cases.len(),
        per(reprieve),
        per(baseline),
        per(owned)
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = normalize
}
criterion_main!(benches);
