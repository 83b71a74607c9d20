//! Retries for payment-style HTTP APIs: a reqwest-middleware [`RetryMiddleware`] (and, in a later
//! release, a tower `RetryLayer`) over the engine of [`reprieve_core`].
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
//! | `reqwest` | yes | [`RetryMiddleware`], [`ResponseExt`] |
//! | `toml` | no | `RoutePolicies::from_toml_str` |
//!
//! # Cancel safety
//!
//! Dropping the future of a call stops it: during a backoff or at the rate-limit gate, nothing
//! more is sent.
//!
//! # Never retried
//!
//! 4xx responses other than throttles, 501 and 505; POST and PATCH without an Idempotency-Key
//! after a 5xx or a failure once the request was sent; a request whose body cannot be cloned; and
//! anything the server marks `Stripe-Should-Retry: false`.

mod attempt;
pub mod gate;
pub mod idempotency;
#[cfg(feature = "reqwest")]
mod middleware;
#[cfg(feature = "reqwest")]
mod response;
pub mod sleep;
pub mod telemetry;

pub use idempotency::{Idempotency, IdempotencyKey};
#[cfg(feature = "reqwest")]
pub use middleware::{Attempts, GateKey, QuotaExhausted, RetryMiddleware, RetryMiddlewareBuilder};
pub use reprieve_core::backoff::Jitter;
pub use reprieve_core::policy::{LongDelay, Replay};
pub use reprieve_core::{
    ApiError, ConfigError, ErrorKind, RetryBudget, RetryPolicy, RoutePolicies,
};
#[cfg(feature = "reqwest")]
pub use response::{DEFAULT_ERROR_BODY_LIMIT, ResponseExt};
