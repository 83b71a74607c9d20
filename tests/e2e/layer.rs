//! The tower `RetryLayer` around a hyper-util client, against the same kind of server.

use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use reprieve::sleep::RecordingSleeper;
use reprieve::{Attempts, IdempotencyKey, RetryLayer};
use tower::{Service, ServiceBuilder, ServiceExt};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer};

use crate::support::{Script, json};

fn service<B>(sleeper: &RecordingSleeper) -> reprieve::Retry<Client<HttpConnector, B>>
where
    B: http_body::Body + Send + 'static + Unpin,
    B::Data: Send,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    let client = Client::builder(TokioExecutor::new()).build_http::<B>();
    ServiceBuilder::new()
        .layer(RetryLayer::builder().sleeper(sleeper.clone()).build())
        .service(client)
}

fn request(method: &str, uri: String, body: &'static str) -> http::Request<Full<Bytes>> {
    http::Request::builder()
        .method(method)
        .uri(uri)
        .body(Full::new(Bytes::from_static(body.as_bytes())))
        .unwrap()
}

#[tokio::test]
async fn retries_a_get_after_503s_and_hands_back_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(Script::new(vec![
            json(503, "{}"),
            json(429, "{}").insert_header("retry-after", "2"),
            json(200, r#"{"id": "pay_1"}"#),
        ]))
        .expect(3)
        .mount(&server)
        .await;
    let sleeper = RecordingSleeper::new();
    let mut service = service(&sleeper);
    let response = service
        .ready()
        .await
        .unwrap()
        .call(request(
            "GET",
            format!("{}/v1/payments/pay_1", server.uri()),
            "",
        ))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(3)));
    let delays = sleeper.delays();
    assert!(delays[0] <= Duration::from_millis(200), "{delays:?}");
    assert_eq!(delays[1], Duration::from_secs(2));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], br#"{"id": "pay_1"}"#);
}

#[tokio::test]
async fn a_post_keeps_one_key_and_the_caller_reads_the_last_error_whole() {
    let server = MockServer::start().await;
    let big = format!(
        r#"{{"detail": "still down", "padding": "{}"}}"#,
        "x".repeat(100_000)
    );
    Mock::given(method("POST"))
        .respond_with(Script::new(vec![json(503, &big)]))
        .expect(3)
        .mount(&server)
        .await;
    let sleeper = RecordingSleeper::new();
    let response = service(&sleeper)
        .oneshot(request(
            "POST",
            format!("{}/v1/pay/confirm", server.uri()),
            r#"{"amount": 100}"#,
        ))
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    let key = response
        .extensions()
        .get::<IdempotencyKey>()
        .cloned()
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests
            .iter()
            .all(|r| r.headers["idempotency-key"] == key.0.as_str())
    );
    assert!(requests.iter().all(|r| r.body == br#"{"amount": 100}"#));
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(body.len(), big.len());
}

#[tokio::test]
async fn a_streaming_body_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(Script::new(vec![json(503, "{}"), json(200, "{}")]))
        .expect(1)
        .mount(&server)
        .await;
    let sleeper = RecordingSleeper::new();
    let chunks: Vec<Result<http_body::Frame<Bytes>, std::io::Error>> =
        vec![Ok(http_body::Frame::data(Bytes::from_static(b"part")))];
    let body = StreamBody::new(futures_util::stream::iter(chunks)).boxed_unsync();
    let request = http::Request::builder()
        .method("PUT")
        .uri(format!("{}/upload", server.uri()))
        .body(body)
        .unwrap();
    let response = service(&sleeper).oneshot(request).await.unwrap();
    assert_eq!(response.status(), 503);
    assert!(sleeper.delays().is_empty());
}

#[tokio::test]
async fn a_refused_connection_is_retried_even_for_a_post_without_key() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let sleeper = RecordingSleeper::new();
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let service = ServiceBuilder::new()
        .layer(
            RetryLayer::builder()
                .sleeper(sleeper.clone())
                .no_idempotency()
                .build(),
        )
        .service(client);
    let error = service
        .oneshot(request(
            "POST",
            format!("http://127.0.0.1:{port}/v1/pay/confirm"),
            "{}",
        ))
        .await
        .unwrap_err();
    assert!(error.to_string().contains("client error"), "{error}");
    assert_eq!(sleeper.delays().len(), 2);
}
