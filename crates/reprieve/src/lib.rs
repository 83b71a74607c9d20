//! Retries for payment-style HTTP APIs: a reqwest-middleware `RetryMiddleware` and a tower
//! `RetryLayer`, two thin front-ends over one attempt loop and the engine of [`reprieve_core`].
//!
//! reprieve reads every error response into one [`ApiError`], whatever envelope the API uses, and
//! retries the way a careful engineer would: throttles after the server's own delay
//! (`Retry-After`, `X-RateLimit-*`), transient server errors only when the request may be replayed
//! (an idempotent method, or an Idempotency-Key, which it attaches to POST and PATCH and keeps the
//! same on every resend), and nothing else.
//!
//! # Quick start
//!
//! ```
//! use reprieve::RetryMiddleware;
//!
//! let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
//!     .with(RetryMiddleware::default())
//!     .build();
//! ```
//!
//! # Optional features
//!
//! | feature | default | what it adds |
//! |---|---|---|
//! | `reqwest` | yes | `RetryMiddleware`, `ResponseExt` |
//! | `tower` | no | `RetryLayer`, `Retry<S>` for any `Service<http::Request<B>>` |
//! | `toml` | no | `RoutePolicies::from_toml_str` |
//!
//! Both front-ends take the same settings through one [`Builder`]: routes, idempotency keys, the
//! rate-limit gate, the budget, timeouts, the sleeper and the error-body limit.
//!
//! # Cancel safety
//!
//! Dropping the future of a call stops it: during a backoff or at the rate-limit gate, nothing
//! more is sent.
//!
//! # Never retried
//!
//! 4xx responses other than throttles and a busy Idempotency-Key, 501 and 505; Cloudflare's 525
//! and 526; POST and PATCH without an Idempotency-Key after a 5xx or a failure once the request was
//! sent; a request whose body cannot be cloned; and anything the server marks
//! `Stripe-Should-Retry: false` (or `"retryable": false` in the body).

mod attempt;
pub mod body;
mod config;
pub mod gate;
pub mod idempotency;
#[cfg(feature = "reqwest")]
mod middleware;
#[cfg(feature = "reqwest")]
mod response;
#[cfg(feature = "tower")]
pub mod service;
pub mod sleep;
pub mod telemetry;

pub use attempt::Attempts;
pub use body::ReplayBody;
pub use config::{Adapter, Builder, DEFAULT_ERROR_BODY_LIMIT, GateKey};
pub use gate::{QuotaExhausted, RateLimitGate};
pub use idempotency::{Idempotency, IdempotencyKey};
#[cfg(feature = "reqwest")]
pub use middleware::{RetryMiddleware, RetryMiddlewareBuilder};
pub use reprieve_core::backoff::Jitter;
pub use reprieve_core::policy::{LongDelay, Replay};
pub use reprieve_core::{
    ApiError, ConfigError, ErrorKind, RetryBudget, RetryPolicy, RoutePolicies,
};
#[cfg(feature = "reqwest")]
pub use response::ResponseExt;
#[cfg(feature = "tower")]
pub use service::{
    AttemptTimeout, ResponseFuture, Retry, RetryLayer, RetryLayerBuilder, TryCloneBody,
};
