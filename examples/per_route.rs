//! Per-route policies from TOML: `cargo run -p reprieve-examples --example per_route`.
//!
//! Hilt's retry guidance as a route table: safe candidates are replayed after any transient
//! failure, payment confirmations only with an Idempotency-Key, and a single request can carry a
//! policy of its own.

#![allow(clippy::print_stdout)] // an example prints what it shows

use std::time::Duration;

use reprieve::{Attempts, RetryMiddleware, RetryPolicy, RoutePolicies};
use reqwest_middleware::ClientBuilder;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ROUTES: &str = include_str!("../crates/reprieve-core/examples/hilt-routes.toml");

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&api)
        .await;

    let routes = RoutePolicies::from_toml_str(ROUTES)?;
    // Keys off, to show what the table says about POSTs that carry none.
    let middleware = RetryMiddleware::builder()
        .routes(routes)
        .no_idempotency()
        .build();
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(middleware)
        .build();

    for (verb, path) in [
        ("GET", "/v1/payments/pay_1"),
        ("GET", "/v1/rates"),
        ("POST", "/v1/memberships/m_1/retry-delivery"),
        ("POST", "/v1/pay/confirm"),
    ] {
        let url = format!("{}{path}", api.uri());
        let request = if verb == "GET" {
            client.get(url)
        } else {
            client.post(url)
        };
        let response = request.send().await?;
        let attempts = response.extensions().get::<Attempts>().map_or(1, |a| a.0);
        println!(
            "{verb:<4} {path:<38} {} after {attempts} attempt(s)",
            response.status()
        );
    }

    // One request with a policy of its own: a single attempt, whatever its route says.
    let once = RetryPolicy::builder()
        .max_attempts(1)
        .max_delay(Duration::from_secs(1))
        .build()?;
    let response = client
        .get(format!("{}/v1/payments/pay_2", api.uri()))
        .with_extension(once)
        .send()
        .await?;
    let attempts = response.extensions().get::<Attempts>().map_or(1, |a| a.0);
    println!(
        "GET  /v1/payments/pay_2 (own policy)      {} after {attempts} attempt(s)",
        response.status()
    );
    Ok(())
}
