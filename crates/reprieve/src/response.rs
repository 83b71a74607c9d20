//! Reading a bounded prefix of an error body without taking the body from the caller, and
//! [`ResponseExt`] for callers who want typed errors.

use std::error::Error as StdError;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use http::HeaderMap;
use http_body::{Body, Frame, SizeHint};
use http_body_util::BodyExt;
use reprieve_core::ApiError;
use reqwest::ResponseBuilderExt;

/// How much of an error body is read to classify it, unless configured otherwise: 64 KiB.
pub const DEFAULT_ERROR_BODY_LIMIT: usize = 64 * 1024;

type BoxError = Box<dyn StdError + Send + Sync>;

/// Reads up to `limit` bytes of `response`'s body and returns them with a response that still has
/// the whole body: the prefix is replayed, then the rest streams as it would have.
pub(crate) async fn read_prefix(
    response: reqwest::Response,
    limit: usize,
) -> (Bytes, reqwest::Response) {
    let url = response.url().clone();
    let response: http::Response<reqwest::Body> = response.into();
    let (mut parts, mut body) = response.into_parts();
    let mut prefix = BytesMut::new();
    let mut trailers = None;
    let mut failed = None;
    let mut done = false;
    while prefix.len() < limit {
        match body.frame().await {
            Some(Ok(frame)) => match frame.into_data() {
                Ok(data) => prefix.extend_from_slice(&data),
                Err(frame) => trailers = frame.into_trailers().ok(),
            },
            Some(Err(error)) => {
                failed = Some(BoxError::from(error));
                done = true;
                break;
            }
            None => {
                done = true;
                break;
            }
        }
    }
    let prefix = prefix.freeze();
    let replay = Replay {
        prefix: (!prefix.is_empty()).then(|| prefix.clone()),
        trailers,
        failed,
        rest: (!done).then_some(body),
    };
    // Keep `Response::url()`: reqwest stores it in the extensions its builder writes.
    if let Ok(with_url) = http::Response::builder().url(url).body(()) {
        parts.extensions.extend(with_url.into_parts().0.extensions);
    }
    let rebuilt = http::Response::from_parts(parts, reqwest::Body::wrap(replay));
    let classified = prefix.slice(..prefix.len().min(limit));
    (classified, reqwest::Response::from(rebuilt))
}

/// A body that yields a prefix already read, then whatever followed it.
struct Replay {
    prefix: Option<Bytes>,
    trailers: Option<HeaderMap>,
    failed: Option<BoxError>,
    rest: Option<reqwest::Body>,
}

impl Body for Replay {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        if let Some(prefix) = self.prefix.take() {
            return Poll::Ready(Some(Ok(Frame::data(prefix))));
        }
        if let Some(error) = self.failed.take() {
            return Poll::Ready(Some(Err(error)));
        }
        if let Some(rest) = self.rest.as_mut() {
            return Pin::new(rest).poll_frame(cx).map_err(BoxError::from);
        }
        Poll::Ready(self.trailers.take().map(|t| Ok(Frame::trailers(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.prefix.is_none()
            && self.failed.is_none()
            && self.trailers.is_none()
            && self.rest.as_ref().is_none_or(Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        let prefix = self.prefix.as_ref().map_or(0, |p| p.len() as u64);
        let mut hint = self
            .rest
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), Body::size_hint);
        hint.set_lower(hint.lower().saturating_add(prefix));
        if let Some(upper) = hint.upper() {
            hint.set_upper(upper.saturating_add(prefix));
        }
        hint
    }
}

/// Typed errors from a `reqwest::Response`.
pub trait ResponseExt: Sized {
    /// The response itself when its status is a success, else its body (at most
    /// [`DEFAULT_ERROR_BODY_LIMIT`] bytes of it) normalized into an [`ApiError`].
    ///
    /// ```no_run
    /// # async fn run(client: reqwest::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use reprieve::ResponseExt;
    ///
    /// match client.get("http://127.0.0.1:8080/v1/payments/pay_1").send().await?.error_for_api_status().await {
    ///     Ok(response) => println!("{}", response.text().await?),
    ///     Err(error) => println!("{:?}: {}", error.kind(), error.message().unwrap_or("")),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    ///
    /// The normalized [`ApiError`] for a 4xx or 5xx status.
    fn error_for_api_status(self) -> impl Future<Output = Result<Self, ApiError>> + Send;
}

impl ResponseExt for reqwest::Response {
    async fn error_for_api_status(self) -> Result<Self, ApiError> {
        let status = self.status();
        if !(status.is_client_error() || status.is_server_error()) {
            return Ok(self);
        }
        let (prefix, response) = read_prefix(self, DEFAULT_ERROR_BODY_LIMIT).await;
        Err(ApiError::from_response(status, response.headers(), &prefix))
    }
}
