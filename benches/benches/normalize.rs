//! Classifier throughput: `ApiError::from_response` against a straightforward `serde_json::Value`
//! normalizer, per seed API and over the whole seed corpus, with allocations per classification.
//!
//! Criterion measures each normalizer in its own stretch of time, and this shared machine's speed
//! drifts between stretches by more than the difference looked for. So the bench ends with a paired
//! measurement: rounds of one pass over the corpus per normalizer, each pass timed; it prints
//! both medians and the median of the per-round ratios. A pass follows the other normalizer's, so
//! each starts with caches the other has used, as a classification does in a busy service.
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
use std::time::Instant;

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
    paired(&cases);
}

/// Rounds of one timed pass over the corpus per normalizer, which goes first alternating: both
/// see the same stretch of the machine's time, where criterion measures each in its own.
fn paired(cases: &[Case]) {
    const ROUNDS: usize = 20_000;
    let reprieve = || {
        for case in cases {
            black_box(ApiError::from_response(
                case.status,
                &case.headers,
                black_box(&case.body),
            ));
        }
    };
    let baseline = || {
        for case in cases {
            black_box(value_normalize(black_box(&case.body)));
        }
    };
    #[allow(clippy::cast_precision_loss)] // 72 responses
    let responses = cases.len() as f64;
    let time = |pass: &dyn Fn()| {
        let started = Instant::now();
        pass();
        started.elapsed().as_secs_f64() * 1e9 / responses
    };
    let (mut ours, mut theirs, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (a, b) = if round % 2 == 0 {
            let a = time(&reprieve);
            (a, time(&baseline))
        } else {
            let b = time(&baseline);
            (time(&reprieve), b)
        };
        ours.push(a);
        theirs.push(b);
        ratios.push(b / a);
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    println!(
        "\npaired medians over {ROUNDS} rounds of the {} responses: reprieve {:.0} ns, \
         serde_json::Value {:.0} ns a response; per-round throughput ratio {:.2}x",
        cases.len(),
        median(&mut ours),
        median(&mut theirs),
        median(&mut ratios),
    );
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
