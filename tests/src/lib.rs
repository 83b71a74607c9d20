//! Servers on 127.0.0.1 that reprieve's end-to-end tests and benchmarks run against: a fixed-window
//! rate limiter and a payment ledger that deduplicates by Idempotency-Key. wiremock scripts the
//! simpler cases in the tests themselves; these keep state across requests and read tokio's clock,
//! so a test with a paused clock runs them without waiting.

#![allow(clippy::panic)] // test support: a server that cannot start should stop the test loudly

pub mod ledger;
pub mod window;

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// Serves `handle` on a fresh loopback port until the runtime ends; returns the address.
///
/// # Panics
///
/// If no loopback port can be bound.
pub async fn serve<F, Fut>(handle: F) -> SocketAddr
where
    F: Fn(Request<Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: Future<Output = Response<Full<Bytes>>> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|error| panic!("bind 127.0.0.1:0: {error}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("local address: {error}"));
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let handle = handle.clone();
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let handle = handle.clone();
                    async move { Ok::<_, Infallible>(handle(request).await) }
                });
                // A client that hangs up mid-request is not the server's concern here.
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    address
}

/// A JSON response.
pub fn json(status: u16, body: impl Into<Bytes>) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(body.into()));
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    response.headers_mut().insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}
