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
use reprieve_benches::corpus::{Case, seed_cases, value_normalize};
use reprieve_core::ApiError;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

fn normalize(c: &mut Criterion) {
    let cases = seed_cases();
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
