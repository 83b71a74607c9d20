//! [`RetryMiddleware`]: the reqwest-middleware front-end.

use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::{Extensions, HeaderMap, Method, StatusCode};
use reprieve_core::RetryPolicy;
use reprieve_core::decide::{TransportFailure, TransportKind};
use reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next, Result};

use crate::attempt::{Exchange, run};
use crate::config::{Builder, Settings};
use crate::gate::QuotaExhausted;
use crate::response::read_prefix;

/// Retries for reqwest, as a [`reqwest_middleware::Middleware`].
///
/// # Examples
///
/// ```
/// use reprieve::RetryMiddleware;
///
/// let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
///     .with(RetryMiddleware::default())
///     .build();
/// ```
///
/// With a policy, routes and a total timeout:
///
/// ```
/// use std::time::Duration;
/// use reprieve::{RetryMiddleware, RetryPolicy, RoutePolicies, Replay};
///
/// let routes = RoutePolicies::builder()
///     .route("POST /v1/memberships/{id}/retry-delivery", RetryPolicy::builder().replay(Replay::Always).build()?)
///     .build()?;
/// let middleware = RetryMiddleware::builder()
///     .routes(routes)
///     .attempt_timeout(Duration::from_secs(10))
///     .timeout(Duration::from_secs(30))
///     .build();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # What it does with a request
///
/// 1. Picks the policy: a [`RetryPolicy`] in the request's extensions, else the most specific
///    matching route's, else the default.
/// 2. Attaches an Idempotency-Key to POST and PATCH (the caller's own key is kept), the same on
///    every resend.
/// 3. Waits at the rate-limit gate when an earlier response said the quota is spent, as long as
///    the policy honours a server's delay (`max_retry_after`, within `max_elapsed` and the
///    deadline); a reset further away is left to the server to answer.
/// 4. Sends; on a non-success response reads at most 64 KiB of the body to classify it
///    ([`ApiError::from_response`](crate::ApiError::from_response)), and hands the caller the
///    whole body if it stops.
/// 5. Asks reprieve-core's [`decide`](reprieve_core::decide()) and the retry budget whether to
///    retry, and sleeps through the [`Sleeper`](crate::sleep::Sleeper).
///
/// A request whose body cannot be cloned (a stream) is sent once and never retried; that is not an
/// error. When it gives up, the caller gets the last response as it came, or the transport's own
/// error.
///
/// # Cancel safety
///
/// Dropping the future stops the call: during a backoff, nothing more is sent.
#[derive(Debug, Clone)]
pub struct RetryMiddleware {
    settings: Arc<Settings<Request>>,
}

/// Builds a [`RetryMiddleware`]; see [`Builder`] for the settings and their defaults.
pub type RetryMiddlewareBuilder = Builder<RetryMiddleware>;

impl Default for RetryMiddleware {
    /// The recommended behaviour: [`RetryPolicy::default`], idempotency keys on POST and PATCH,
    /// the rate-limit gate keyed by host, the default [`RetryBudget`](crate::RetryBudget), tokio's
    /// timer.
    fn default() -> Self {
        Self::builder().build()
    }
}

impl RetryMiddleware {
    /// The recommended behaviour with `policy` for every request.
    pub fn new(policy: RetryPolicy) -> Self {
        Self::builder().policy(policy).build()
    }

    /// A builder starting from the recommended behaviour.
    pub fn builder() -> RetryMiddlewareBuilder {
        Builder::default()
    }
}

impl Builder<RetryMiddleware> {
    /// The middleware.
    pub fn build(self) -> RetryMiddleware {
        RetryMiddleware {
            settings: Arc::new(self.settings),
        }
    }
}

// Written out rather than with `#[async_trait]`: an `async fn` here would wrap the call's future
// in one more future, holding the request a second time and copying the whole at every move.
impl Middleware for RetryMiddleware {
    fn handle<'life0, 'life1, 'life2, 'async_trait>(
        &'life0 self,
        request: Request,
        extensions: &'life1 mut Extensions,
        next: Next<'life2>,
    ) -> Pin<Box<dyn Future<Output = Result<Response>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        'life2: 'async_trait,
        Self: 'async_trait,
    {
        let settings = &*self.settings;
        let lane = settings.lane(&request, request.url().host_str());
        let policy = extensions.get::<RetryPolicy>().cloned();
        let exchange = ReqwestExchange { next, extensions };
        Box::pin(run(settings, exchange, request, policy, lane))
    }
}

/// One call through the rest of the middleware chain.
struct ReqwestExchange<'a> {
    next: Next<'a>,
    extensions: &'a mut Extensions,
}

impl Exchange for ReqwestExchange<'_> {
    type Request = Request;
    type Response = Response;
    type Error = reqwest_middleware::Error;

    fn method(request: &Request) -> &Method {
        request.method()
    }

    fn path(request: &Request) -> &str {
        request.url().path()
    }

    fn headers_mut(request: &mut Request) -> &mut HeaderMap {
        request.headers_mut()
    }

    fn server(request: &Request) -> (Option<&str>, Option<u16>) {
        (
            request.url().host_str(),
            request.url().port_or_known_default(),
        )
    }

    fn url(request: &Request) -> String {
        request.url().as_str().to_owned()
    }

    fn try_clone(request: &Request) -> Option<Request> {
        request.try_clone()
    }

    fn send(
        &mut self,
        mut request: Request,
        timeout: Option<Duration>,
    ) -> impl Future<Output = Result<Response>> + Send {
        // reqwest's own timeout, bounded by the attempt's.
        if let Some(bound) = timeout {
            let own = request.timeout_mut();
            *own = Some(own.map_or(bound, |own| own.min(bound)));
        }
        self.next.clone().run(request, self.extensions)
    }

    fn status(response: &Response) -> StatusCode {
        response.status()
    }

    fn headers(response: &Response) -> &HeaderMap {
        response.headers()
    }

    fn extensions_mut(response: &mut Response) -> &mut Extensions {
        response.extensions_mut()
    }

    fn read_prefix(
        response: Response,
        limit: usize,
    ) -> impl Future<Output = (Bytes, Response)> + Send {
        read_prefix(response, limit)
    }

    /// `None` for another middleware's error, which is not retried.
    fn transport_failure(error: &reqwest_middleware::Error) -> Option<TransportFailure> {
        let reqwest_middleware::Error::Reqwest(error) = error else {
            return None;
        };
        Some(if error.is_connect() {
            TransportFailure::connect()
        } else if error.is_timeout() {
            TransportFailure::timeout()
        } else if error.is_body() || error.is_decode() {
            TransportFailure::new(TransportKind::Body, true)
        } else {
            TransportFailure::new(TransportKind::Other, true)
        })
    }

    fn quota_exhausted(wait: Duration) -> reqwest_middleware::Error {
        reqwest_middleware::Error::middleware(QuotaExhausted { wait })
    }
}
