//! What both commands compute for one response: the normalized error and the default policy's
//! verdict for the request that got it.

use std::time::{Duration, SystemTime};

use http::{HeaderMap, Method, StatusCode};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use reprieve_core::decide::{self, Attempt, Outcome, Request, RetryReason, StopReason};
use reprieve_core::{ApiError, Decision, RetryPolicy};

/// One response, judged.
#[derive(Debug)]
pub(crate) struct Report {
    pub(crate) error: ApiError,
    /// Whether the default policy deems the response retryable for this request, before attempt
    /// counts, deadlines and caps on the server's delay.
    pub(crate) retryable: Result<RetryReason, StopReason>,
    /// What the middleware would do after a first attempt that got this response.
    pub(crate) decision: Decision,
    /// The server's delay, measured from the response's `Date` (or the local clock without one).
    pub(crate) retry_after: Option<Duration>,
    /// The time delays are measured from.
    pub(crate) now: SystemTime,
}

impl Report {
    pub(crate) fn new(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        method: &Method,
        has_key: bool,
    ) -> Self {
        let error = ApiError::from_response(status, headers, body);
        // The response's own Date is "now" for its delays; the local clock only stands in for it.
        let now = error.date().unwrap_or_else(SystemTime::now);
        let policy = RetryPolicy::default();
        let request = Request::new(method).idempotency_key(has_key);
        let outcome = Outcome::Response(&error);
        let retryable = decide::retryable(&policy, request, &outcome);
        // A fixed seed: the verdict of a captured response should not change from run to run.
        let mut rng = SmallRng::seed_from_u64(0);
        let decision = decide::decide(&policy, &Attempt::new(request, 1), &outcome, now, &mut rng);
        let retry_after = error.retry_after_at(now);
        Self {
            error,
            retryable,
            decision,
            retry_after,
            now,
        }
    }

    pub(crate) fn retry_after_ms(&self) -> Option<u64> {
        self.retry_after
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}
