//! [`RetryLayer`] and [`Retry`]: the tower front-end, for any `Service<http::Request<B>>` (a
//! hyper-util client, a tower stack in front of one).

mod body;

use std::fmt;
use std::future::{Future, poll_fn};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::request::Parts;
use http::{Extensions, HeaderMap, Method, StatusCode};
use http_body::Body;
use reprieve_core::RetryPolicy;
use reprieve_core::decide::{TransportFailure, TransportKind};
use tower_layer::Layer;
use tower_service::Service;

pub use self::body::TryCloneBody;
use crate::attempt::{Exchange, run};
use crate::body::{BoxError, ReplayBody};
use crate::config::{Builder, Settings};
use crate::gate::QuotaExhausted;

/// Retries for a tower HTTP service, as a [`Layer`]: the same engine and settings as
/// [`RetryMiddleware`](crate::RetryMiddleware).
///
/// # Examples
///
/// Around a hyper-util client:
///
/// ```
/// use http_body_util::Full;
/// use bytes::Bytes;
/// use hyper_util::client::legacy::Client;
/// use hyper_util::rt::TokioExecutor;
/// use reprieve::RetryLayer;
/// use tower::ServiceBuilder;
///
/// let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
/// let service = ServiceBuilder::new().layer(RetryLayer::default()).service(client);
/// ```
///
/// # Requirements
///
/// The inner service must be `Clone` (one clone per call, polled ready before each attempt), and
/// its request body must implement [`TryCloneBody`]: a body that cannot be cloned is sent once and
/// never retried. The response body comes back as a [`ReplayBody`], which yields every byte even
/// when reprieve read the start of an error body to classify it.
///
/// # Errors
///
/// The service's error is a [`BoxError`]: the inner service's own error, an [`AttemptTimeout`],
/// or [`QuotaExhausted`] when waiting at the rate-limit gate would pass the deadline or the
/// policy's `max_elapsed`.
#[derive(Debug, Clone)]
pub struct RetryLayer {
    settings: Arc<Settings<Parts>>,
}

/// Builds a [`RetryLayer`]; see [`Builder`] for the settings and their defaults.
pub type RetryLayerBuilder = Builder<RetryLayer>;

impl Default for RetryLayer {
    /// The recommended behaviour, as [`RetryMiddleware::default`](crate::RetryMiddleware).
    fn default() -> Self {
        Self::builder().build()
    }
}

impl RetryLayer {
    /// The recommended behaviour with `policy` for every request.
    pub fn new(policy: RetryPolicy) -> Self {
        Self::builder().policy(policy).build()
    }

    /// A builder starting from the recommended behaviour.
    pub fn builder() -> RetryLayerBuilder {
        Builder::default()
    }
}

impl Builder<RetryLayer> {
    /// The layer.
    pub fn build(self) -> RetryLayer {
        RetryLayer {
            settings: Arc::new(self.settings),
        }
    }
}

impl<S> Layer<S> for RetryLayer {
    type Service = Retry<S>;

    fn layer(&self, inner: S) -> Retry<S> {
        Retry {
            inner,
            settings: Arc::clone(&self.settings),
        }
    }
}

/// A tower [`Service`] that retries `S` (made by [`RetryLayer`]).
///
/// A request's own policy can travel in its extensions:
/// `request.extensions_mut().insert(policy)`.
#[derive(Clone)]
pub struct Retry<S> {
    inner: S,
    settings: Arc<Settings<Parts>>,
}

impl<S: fmt::Debug> fmt::Debug for Retry<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Retry")
            .field("inner", &self.inner)
            .field("settings", &self.settings)
            .finish()
    }
}

impl<S> Retry<S> {
    /// The wrapped service.
    pub const fn get_ref(&self) -> &S {
        &self.inner
    }

    /// The wrapped service, mutably.
    pub const fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// The wrapped service, unwrapped.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, B, RB> Service<http::Request<B>> for Retry<S>
where
    S: Service<http::Request<B>, Response = http::Response<RB>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Into<BoxError>,
    B: TryCloneBody + Send + 'static,
    RB: Body + Send + Unpin + 'static,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    type Response = http::Response<ReplayBody<RB>>;
    type Error = BoxError;
    type Future = ResponseFuture<Self::Response>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // The service polled ready goes with this call; `self` keeps a fresh clone.
        let clone = self.inner.clone();
        let service = std::mem::replace(&mut self.inner, clone);
        let settings = Arc::clone(&self.settings);
        ResponseFuture {
            inner: {
                let (parts, body) = request.into_parts();
                let lane = settings.lane(&parts, parts.uri.host());
                let policy = parts.extensions.get::<RetryPolicy>().cloned();
                let request = http::Request::from_parts(parts, body);
                let exchange = TowerExchange {
                    service,
                    body: PhantomData,
                };
                Box::pin(run(settings, exchange, request, policy, lane))
            },
        }
    }
}

/// The future of a [`Retry`] call: every attempt and wait of it. Dropping it stops the call.
#[must_use = "futures do nothing unless polled"]
pub struct ResponseFuture<T> {
    inner: Pin<Box<dyn Future<Output = Result<T, BoxError>> + Send>>,
}

impl<T> fmt::Debug for ResponseFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseFuture").finish_non_exhaustive()
    }
}

impl<T> Future for ResponseFuture<T> {
    type Output = Result<T, BoxError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(cx)
    }
}

/// An attempt took longer than the attempt timeout (or the time left before the deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("attempt timed out after {0:?}")]
pub struct AttemptTimeout(pub Duration);

/// One call through the inner service.
struct TowerExchange<S, B> {
    service: S,
    body: PhantomData<fn(B)>,
}

impl<S, B, RB> Exchange for TowerExchange<S, B>
where
    S: Service<http::Request<B>, Response = http::Response<RB>> + Send,
    S::Future: Send,
    S::Error: Into<BoxError>,
    B: TryCloneBody + Send,
    RB: Body + Send + Unpin,
    RB::Data: Send,
    RB::Error: Into<BoxError>,
{
    type Request = http::Request<B>;
    type Response = http::Response<ReplayBody<RB>>;
    type Error = BoxError;

    fn method(request: &Self::Request) -> &Method {
        request.method()
    }

    fn path(request: &Self::Request) -> &str {
        request.uri().path()
    }

    fn headers_mut(request: &mut Self::Request) -> &mut HeaderMap {
        request.headers_mut()
    }

    fn server(request: &Self::Request) -> (Option<&str>, Option<u16>) {
        let uri = request.uri();
        let port = uri.port_u16().or_else(|| match uri.scheme_str() {
            Some("https") => Some(443),
            Some("http") => Some(80),
            _ => None,
        });
        (uri.host(), port)
    }

    fn url(request: &Self::Request) -> String {
        request.uri().to_string()
    }

    fn try_clone(request: &Self::Request) -> Option<Self::Request> {
        let body = request.body().try_clone_body()?;
        let mut copy = http::Request::new(body);
        *copy.method_mut() = request.method().clone();
        *copy.uri_mut() = request.uri().clone();
        *copy.version_mut() = request.version();
        *copy.headers_mut() = request.headers().clone();
        *copy.extensions_mut() = request.extensions().clone();
        Some(copy)
    }

    async fn send(
        &mut self,
        request: Self::Request,
        timeout: Option<Duration>,
    ) -> Result<Self::Response, BoxError> {
        poll_fn(|cx| self.service.poll_ready(cx))
            .await
            .map_err(Into::into)?;
        let response = self.service.call(request);
        let response = match timeout {
            Some(limit) => tokio::time::timeout(limit, response)
                .await
                .map_err(|_| AttemptTimeout(limit))?,
            None => response.await,
        };
        Ok(response.map_err(Into::into)?.map(ReplayBody::new))
    }

    fn status(response: &Self::Response) -> StatusCode {
        response.status()
    }

    fn headers(response: &Self::Response) -> &HeaderMap {
        response.headers()
    }

    fn extensions_mut(response: &mut Self::Response) -> &mut Extensions {
        response.extensions_mut()
    }

    async fn read_prefix(response: Self::Response, limit: usize) -> (Bytes, Self::Response) {
        let (parts, body) = response.into_parts();
        let (prefix, body) = body.read_prefix(limit).await;
        (prefix, http::Response::from_parts(parts, body))
    }

    fn transport_failure(error: &BoxError) -> Option<TransportFailure> {
        Some(classify_error(&**error))
    }

    fn quota_exhausted(wait: Duration) -> BoxError {
        Box::new(QuotaExhausted { wait })
    }
}

/// What an inner service's error says about the request: only a refused connection is known not
/// to have sent it; a timeout or anything else may have reached the server.
fn classify_error(error: &(dyn std::error::Error + 'static)) -> TransportFailure {
    let mut source = Some(error);
    while let Some(error) = source {
        if error.is::<AttemptTimeout>() {
            return TransportFailure::timeout();
        }
        if let Some(io) = error.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind;
            return match io.kind() {
                ErrorKind::ConnectionRefused | ErrorKind::AddrNotAvailable => {
                    TransportFailure::connect()
                }
                ErrorKind::TimedOut => TransportFailure::timeout(),
                ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::BrokenPipe
                | ErrorKind::UnexpectedEof => TransportFailure::new(TransportKind::Body, true),
                _ => TransportFailure::new(TransportKind::Other, true),
            };
        }
        source = error.source();
    }
    TransportFailure::new(TransportKind::Other, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("client error (Connect)")]
    struct Wrapped(#[source] std::io::Error);

    #[test]
    fn only_a_refused_connection_counts_as_unsent() {
        let refused = Wrapped(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert_eq!(classify_error(&refused), TransportFailure::connect());
        let reset = Wrapped(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert!(classify_error(&reset).request_sent);
        assert_eq!(
            classify_error(&AttemptTimeout(Duration::from_secs(1))),
            TransportFailure::timeout()
        );
        let other = std::fmt::Error;
        assert_eq!(
            classify_error(&other),
            TransportFailure::new(TransportKind::Other, true)
        );
    }
}
