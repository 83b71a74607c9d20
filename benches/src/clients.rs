//! The clients the success path is measured through, from bare reqwest to reprieve.

use std::hint::black_box;
use std::pin::Pin;

use reprieve::RetryMiddleware;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware, Middleware, Next};
use reqwest_retry::RetryTransientMiddleware;
use reqwest_retry::policies::ExponentialBackoff;

/// The body the loopback server answers every GET with.
pub const PAYMENT: &str = r#"{"id": "pay_1", "status": "succeeded"}"#;

/// A client under measurement.
#[derive(Debug, Clone)]
pub enum Client {
    /// reqwest itself.
    Bare(reqwest::Client),
    /// reqwest inside reqwest-middleware.
    Wrapped(ClientWithMiddleware),
}

impl Client {
    /// One GET, its body read.
    ///
    /// # Panics
    ///
    /// If the loopback server does not answer.
    #[allow(clippy::unwrap_used)] // a bench against its own server
    pub async fn get(&self, url: &str) {
        let response = match self {
            Self::Bare(client) => client.get(url).send().await.unwrap(),
            Self::Wrapped(client) => client.get(url).send().await.unwrap(),
        };
        black_box(response.bytes().await.unwrap());
    }
}

/// The least a middleware that may resend does: keep the request, send a copy.
#[derive(Debug)]
pub struct CloneAndForward;

impl Middleware for CloneAndForward {
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        request: reqwest::Request,
        extensions: &'life1 mut http::Extensions,
        next: Next<'life2>,
    ) -> Pin<
        Box<
            dyn Future<Output = reqwest_middleware::Result<reqwest::Response>>
                + Send
                + 'async_trait,
        >,
    >
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move {
            // The benches send only GETs without a body, which always clone.
            let Some(copy) = request.try_clone() else {
                return next.run(request, extensions).await;
            };
            let response = next.run(copy, extensions).await;
            drop(request);
            response
        })
    }
}

/// Every client the overhead bench compares, by name, bare reqwest first.
pub fn all() -> Vec<(&'static str, Client)> {
    let wrapped = |middleware: Option<std::sync::Arc<dyn Middleware>>| {
        let builder = ClientBuilder::new(reqwest::Client::new());
        Client::Wrapped(match middleware {
            Some(middleware) => builder.with_arc(middleware).build(),
            None => builder.build(),
        })
    };
    vec![
        ("bare reqwest", Client::Bare(reqwest::Client::new())),
        ("no middleware", wrapped(None)),
        (
            "clone and forward",
            wrapped(Some(std::sync::Arc::new(CloneAndForward))),
        ),
        (
            "reprieve",
            wrapped(Some(std::sync::Arc::new(RetryMiddleware::default()))),
        ),
        (
            "reprieve, no gate or budget",
            wrapped(Some(std::sync::Arc::new(
                RetryMiddleware::builder().no_gate().no_budget().build(),
            ))),
        ),
        (
            "reqwest-retry",
            wrapped(Some(std::sync::Arc::new(
                RetryTransientMiddleware::new_with_policy(
                    ExponentialBackoff::builder().build_with_max_retries(3),
                ),
            ))),
        ),
    ]
}
