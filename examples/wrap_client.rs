//! Wrap the reqwest client you already have: `cargo run -p reprieve-examples --example wrap_client`.
//!
//! A payment API (embedded, on loopback) is briefly unavailable; the GET is retried with jittered
//! backoff, and the POST carries one Idempotency-Key across its retries.

#![allow(clippy::print_stdout)] // an example prints what it shows

use reprieve::{Attempts, IdempotencyKey, RetryMiddleware};
use reqwest_middleware::ClientBuilder;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let api = MockServer::start().await;
    let unavailable = ResponseTemplate::new(503).set_body_string(r#"{"detail": "oracle stale"}"#);
    Mock::given(method("GET"))
        .respond_with(unavailable.clone())
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .respond_with(unavailable)
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&api)
        .await;

    // The client you already have, with its own settings...
    let client = reqwest::Client::builder()
        .user_agent("checkout/1.0")
        .build()?;
    // ...wrapped once. Everything sent through it is retried the way the server asks.
    let client = ClientBuilder::new(client)
        .with(RetryMiddleware::default())
        .build();

    let payment = client
        .get(format!("{}/v1/payments/pay_1", api.uri()))
        .send()
        .await?;
    let attempts = payment.extensions().get::<Attempts>().map_or(1, |a| a.0);
    println!(
        "GET  /v1/payments/pay_1 -> {} after {attempts} attempts",
        payment.status()
    );

    let confirm = client
        .post(format!("{}/v1/pay/confirm", api.uri()))
        .json(&serde_json::json!({"session_id": "sess_1"}))
        .send()
        .await?;
    let key = confirm
        .extensions()
        .get::<IdempotencyKey>()
        .map(|k| k.0.clone());
    println!(
        "POST /v1/pay/confirm   -> {} with Idempotency-Key {}",
        confirm.status(),
        key.as_deref().unwrap_or("-")
    );
    let keys: Vec<_> = api
        .received_requests()
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| {
            r.headers
                .get("idempotency-key")
                .map(|v| v.to_str().unwrap_or("").to_owned())
        })
        .collect();
    println!(
        "the server saw the key {} times, always the same: {}",
        keys.len(),
        keys.iter().all(|key| Some(key) == keys.first())
    );
    Ok(())
}
