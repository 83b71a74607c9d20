//! The success path: sequential GETs on a loopback server through bare reqwest, reprieve's default
//! middleware and reqwest-retry's default middleware. Every timed request of one client is
//! preceded by an untimed request of each other client, so all of them see the same machine state.
//!
//! Two more clients bound what any retry middleware can reach: reqwest-middleware with no
//! middleware, and one that only clones the request and sends the copy. A middleware that may
//! resend must keep the request, and reqwest sends only a request it owns, so the clone is the
//! floor of every such middleware (reqwest-retry's and reprieve's alike).
//!
//! Criterion measures each client in its own stretch of time, and on a shared machine the
//! stretches differ by more than the 2% this bench looks for. So the bench ends with a paired
//! measurement: rounds of one request per client, in an order that rotates, every request timed;
//! it prints each client's median and the median of its per-round difference from bare reqwest.
//!
//! `cargo bench -p reprieve-benches --bench overhead`

#![allow(
    missing_docs,
    clippy::indexing_slicing,
    clippy::unwrap_used,
    clippy::print_stdout
)]

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use reprieve_benches::clients::{self, Client, PAYMENT};

fn overhead(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let address = runtime.block_on(reprieve_tests::serve(|_| async {
        reprieve_tests::json(200, PAYMENT)
    }));
    let url = format!("http://{address}/v1/payments/pay_1");
    let clients = clients::all();
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
    paired(&runtime, &clients, &url);
}

/// Rounds of one timed request per client, the order rotating each round.
fn paired(runtime: &tokio::runtime::Runtime, clients: &[(&str, Client)], url: &str) {
    const ROUNDS: usize = 20_000;
    let mut times = vec![Vec::with_capacity(ROUNDS); clients.len()];
    runtime.block_on(async {
        for round in 0..ROUNDS {
            for offset in 0..clients.len() {
                let index = (round + offset) % clients.len();
                let started = Instant::now();
                clients[index].1.get(url).await;
                times[index].push(started.elapsed());
            }
        }
    });
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let micros = |d: &Duration| d.as_secs_f64() * 1e6;
    let bare_median = median(&mut times[0].iter().map(micros).collect());
    println!("\npaired medians over {ROUNDS} rounds (one request per client a round):");
    for (index, (name, _)) in clients.iter().enumerate() {
        let own = median(&mut times[index].iter().map(micros).collect());
        let mut differences: Vec<f64> = times[index]
            .iter()
            .zip(&times[0])
            .map(|(own, bare)| micros(own) - micros(bare))
            .collect();
        let difference = median(&mut differences);
        println!(
            "  {name:<28} {own:7.2} µs  ({:+.2}% of bare's median; per-round difference {difference:+.2} µs)",
            (own / bare_median - 1.0) * 100.0
        );
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5)).sample_size(60);
    targets = overhead
}
criterion_main!(benches);
