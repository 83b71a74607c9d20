//! The tower layer around a hyper-util client: `cargo run -p reprieve-examples --example tower`.

#![allow(clippy::print_stdout)] // an example prints what it shows

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use reprieve::{Attempts, RetryLayer};
use tower::{ServiceBuilder, ServiceExt};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let api = MockServer::start().await;
    // A throttle that says how long to wait, then the answer.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"BTC": "97000.00"}"#))
        .mount(&api)
        .await;

    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let service = ServiceBuilder::new()
        .layer(RetryLayer::default())
        .service(client);

    let request = http::Request::get(format!("{}/v1/rates", api.uri())).body(Full::default())?;
    let response = service
        .oneshot(request)
        .await
        .map_err(|e| anyhow::anyhow!(e))?;
    let attempts = response.extensions().get::<Attempts>().map_or(1, |a| a.0);
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .map_err(|e| anyhow::anyhow!(e))?
        .to_bytes();
    println!(
        "GET /v1/rates -> {status} after {attempts} attempts (waited out Retry-After: 1): {}",
        String::from_utf8_lossy(&body)
    );
    Ok(())
}
