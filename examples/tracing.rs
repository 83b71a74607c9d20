//! What the spans look like: `cargo run -p reprieve-examples --example tracing`.
//!
//! Prints the `reprieve.call` span and one `HTTP` span per attempt, with the OpenTelemetry HTTP
//! fields and reprieve's own, as tracing-subscriber's fmt layer writes them when each span closes.
//! The request carries an API key in a header and in the query: neither is printed.

use reprieve::RetryMiddleware;
use reqwest_middleware::ClientBuilder;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false)
        .init();

    let api = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("retry-after", "1")
                .set_body_string(r#"{"error": {"code": "gate_offline", "message": "BTC processor temporarily unavailable"}, "meta": {"request_id": "req_abc123"}}"#),
        )
        .up_to_n_times(1)
        .mount(&api)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201))
        .mount(&api)
        .await;

    let client = ClientBuilder::new(reqwest::Client::new())
        .with(RetryMiddleware::default())
        .build();
    let response = client
        .post(format!(
            "{}/v1/pay/confirm?api_key=sk_live_not_printed",
            api.uri()
        ))
        .header("authorization", "Bearer sk_live_not_printed_either")
        .send()
        .await?;
    tracing::info!(status = response.status().as_u16(), "done");
    Ok(())
}
