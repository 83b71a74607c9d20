//! Reading a bounded prefix of a reqwest error body without taking the body from the caller, and
//! [`ResponseExt`] for callers who want typed errors.

use bytes::Bytes;
use reprieve_core::ApiError;
use reqwest::ResponseBuilderExt;

use crate::body::ReplayBody;
use crate::config::DEFAULT_ERROR_BODY_LIMIT;

/// Reads up to `limit` bytes of `response`'s body and returns them with a response that still has
/// the whole body: the prefix is replayed, then the rest streams as it would have.
pub(crate) async fn read_prefix(
    response: reqwest::Response,
    limit: usize,
) -> (Bytes, reqwest::Response) {
    let url = response.url().clone();
    let response: http::Response<reqwest::Body> = response.into();
    let (mut parts, body) = response.into_parts();
    let (prefix, body) = ReplayBody::new(body).read_prefix(limit).await;
    // Keep `Response::url()`: reqwest stores it in the extensions its builder writes.
    if let Ok(with_url) = http::Response::builder().url(url).body(()) {
        parts.extensions.extend(with_url.into_parts().0.extensions);
    }
    let rebuilt = http::Response::from_parts(parts, reqwest::Body::wrap(body));
    (prefix, reqwest::Response::from(rebuilt))
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
