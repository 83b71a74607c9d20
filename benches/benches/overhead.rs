//! The success path: sequential GETs on a loopback server through bare reqwest, reprieve's default
//! middleware and reqwest-retry's default middleware. Every timed request of one client is
//! preceded by an untimed request of each other client, so all three see the same machine state.
//!
//! `cargo bench -p reprieve-benches --bench overhead`

#![allow(missing_docs, clippy::indexing_slicing, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use reprieve::RetryMiddleware;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;

#[derive(Clone)]
enum Client {
    Bare(reqwest::Client),
    Wrapped(ClientWithMiddleware),
}

impl Client {
    async fn get(&self, url: &str) {
        let response = match self {
            Self::Bare(client) => client.get(url).send().await.unwrap(),
            Self::Wrapped(client) => client.get(url).send().await.unwrap(),
        };
        black_box(response.bytes().await.unwrap());
    }
}

fn overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let address = runtime.block_on(reprieve_tests::serve(|_| async {
        reprieve_tests::json(200, r#"{"id": "pay_1", "status": "succeeded"}"#)
    }));
    let url = format!("http://{address}/v1/payments/pay_1");
    let clients = [
        ("bare reqwest", Client::Bare(reqwest::Client::new())),
        (
            "reprieve",
            Client::Wrapped(
                ClientBuilder::new(reqwest::Client::new())
                    .with(RetryMiddleware::default())
                    .build(),
            ),
        ),
        (
            "reqwest-retry",
            Client::Wrapped(
                ClientBuilder::new(reqwest::Client::new())
                    .with(RetryTransientMiddleware::new_with_policy(
                        ExponentialBackoff::builder().build_with_max_retries(3),
                    ))
                    .build(),
            ),
        ),
    ];
    let mut group = c.benchmark_group("overhead/GET");
    for (index, (name, client)) in clients.iter().enumerate() {
        group.bench_function(*name, |b| {
            b.iter_custom(|iters| {
                runtime.block_on(async {
                    let mut timed = Duration::ZERO;
                    for _ in 0..iters {
                        for (other, (_, peer)) in clients.iter().enumerate() {
                            if other != index {
                                peer.get(&url).await;
                            }
                        }
                        let started = Instant::now();
                        client.get(&url).await;
                        timed += started.elapsed();
                    }
                    timed
                })
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5)).sample_size(60);
    targets = overhead
}
criterion_main!(benches);
