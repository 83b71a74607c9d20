//! The sans-I/O engine of [reprieve]: reads any payment-style API's error response into one
//! [`ApiError`], parses rate-limit headers, computes jittered exponential backoff, and decides
//! retry-or-stop.
//!
//! This crate does no I/O. It has no HTTP client, no timer, no socket and no async runtime; it
//! never reads the clock or a global random number generator. Time and randomness are arguments, so
//! every decision is a pure function of its inputs, testable without waiting. The `reprieve` crate
//! wraps it in a reqwest-middleware `Middleware` and a tower `Layer`; `reprieve-cli` puts it behind
//! `reprieve explain` and `reprieve classify`.
//!
//! # What is in here
//!
//! - [`ApiError::from_response`]: one pass over the body, recognizing the seed APIs' envelopes
//!   (FastAPI `detail`, `{"error": {..}}`, `meta.request_id`, `success: false`), RFC 9457 problem
//!   details (in JSON or XML), Google AIP-193, OAuth 2.0 (in JSON or a form), `errors` arrays (JSON:API, GraphQL,
//!   GitHub), Slack's `ok: false`, AWS JSON and XML, and HTML or text from proxies. See
//!   [`normalize`](mod@normalize).
//! - [`kind`]: `(status, code) -> ErrorKind`.
//! - [`headers`]: Retry-After (RFC 9110 §10.2.3), `retry-after-ms`, `X-RateLimit-*`, the IETF
//!   `RateLimit` fields, `Stripe-Should-Retry`.
//! - [`backoff`]: exponential backoff with a cap and four kinds of [`Jitter`](backoff::Jitter).
//! - [`RetryPolicy`], [`decide()`], [`RoutePolicies`] and [`RetryBudget`].
//!
//! # What is not
//!
//! Sending, sleeping, timeouts, idempotency keys and tracing: those are the middleware's.
//!
//! # Quick start
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use http::{HeaderMap, Method, StatusCode};
//! use rand::{SeedableRng, rngs::SmallRng};
//! use reprieve_core::{ApiError, ErrorKind, RetryPolicy, decide};
//! use reprieve_core::decide::{Attempt, Decision, Outcome, Request};
//!
//! let mut headers = HeaderMap::new();
//! headers.insert("date", "Sun, 22 Nov 2026 12:00:00 GMT".parse()?);
//! headers.insert("retry-after", "Sun, 22 Nov 2026 12:02:00 GMT".parse()?);
//! let body = br#"{"error": {"code": "gate_offline", "message": "BTC processor temporarily unavailable"},
//!                 "meta": {"request_id": "req_abc123"}}"#;
//! let error = ApiError::from_response(StatusCode::SERVICE_UNAVAILABLE, &headers, body);
//! assert_eq!(error.kind(), ErrorKind::Unavailable);
//! assert_eq!(error.request_id(), Some("req_abc123"));
//!
//! // A GET may be replayed; the server's own clock says two minutes, which the default policy's
//! // `max_retry_after` (60 s) does not allow: stop, and let the caller reschedule.
//! let attempt = Attempt::new(Request::new(&Method::GET), 1);
//! let decision = decide(&RetryPolicy::default(), &attempt, &Outcome::Response(&error),
//!                       SystemTime::now(), &mut SmallRng::seed_from_u64(1));
//! assert_eq!(decision.to_string(), "stop: server asked to wait 2m, more than max_retry_after (1m)");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Optional features
//!
//! | feature | what it adds |
//! |---|---|
//! | `toml` | [`RoutePolicies::from_toml_str`] |
//!
//! [reprieve]: https://docs.rs/reprieve

pub mod backoff;
pub mod budget;
pub mod decide;
mod error;
pub mod headers;
pub mod kind;
pub mod method;
pub mod normalize;
pub mod policy;
pub mod routes;

pub use budget::RetryBudget;
pub use decide::{Decision, decide};
pub use error::{ApiError, ErrorKind, Format};
pub use policy::{ConfigError, RetryPolicy};
pub use routes::RoutePolicies;
