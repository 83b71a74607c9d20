//! [`decide`]: retry now, retry after the server's delay, or stop and say why.
//!
//! The decision is a value, not a side effect: the middleware, the CLI and the tests all run the
//! same rules. Time and randomness come in as arguments.
//!
//! # The rules
//!
//! 1. An explicit server verdict (`Stripe-Should-Retry` / `X-Should-Retry`, or a body's
//!    `"retryable": false`) wins, unless the policy turns hints off.
//! 2. A throttle (429, or a documented throttling code such as AWS's 400 `ThrottlingException`)
//!    and a 425 Too Early are retried whatever the method: the server did not process the
//!    request. RFC 8470 defines 425 as a server declining a request it might see replayed;
//!    Polymarket sends it while its matching engine restarts.
//! 3. 408, 500, 502, 503, 504 and the other transient 5xx (not 501, 505, 506, 507, 510 or 511,
//!    nor Cloudflare's 525 and 526, an origin whose TLS is broken, nor AWS load balancers' 561,
//!    an identity provider's refusal), and transport failures after the request was sent, are
//!    retried only when the request may be replayed ([`Replay`]): by default,
//!    an idempotent method or an Idempotency-Key. A 5xx whose body blames the call (JSON-RPC's
//!    `-32602` invalid params on a 500, as Bitcoin Core sends it) would fail again and is not.
//! 4. A failure before anything was sent is retried: a connect error, or a proxy's answer that it
//!    never passed the request on (Cloudflare's 521, 522, 523 and 530, Envoy's `no healthy
//!    upstream` and failed upstream connects, Kong's balancer with no peer).
//! 5. A request with an Idempotency-Key whose key is held by a request still running (Stripe's
//!    409 "another in-progress request", the IETF draft's `concurrent-request`) is retried: once
//!    that request is done, the same request with the same key gets its response.
//! 6. Everything else stops: other 4xx, 501, 505.
//!
//! A retry then waits the server's delay (Retry-After, the rate-limit reset, a body hint) or, when
//! there is none, the policy's backoff. It stops instead when the attempts are spent, when the
//! server's delay exceeds `max_retry_after` (unless the policy clamps it), or when the wait would
//! end past `max_elapsed` or the caller's deadline.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::{Method, StatusCode};
use rand::Rng;

use crate::headers::{HintSource, ServerDelay};
use crate::method::is_idempotent;
use crate::policy::{LongDelay, Replay, RetryPolicy};
use crate::{ApiError, ErrorKind};

/// The request being retried, as far as the rules need it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    method: &'a Method,
    has_idempotency_key: bool,
}

impl<'a> Request<'a> {
    /// A request with `method` and no Idempotency-Key.
    pub const fn new(method: &'a Method) -> Self {
        Self {
            method,
            has_idempotency_key: false,
        }
    }

    /// Whether the request carries an Idempotency-Key.
    #[must_use]
    pub const fn idempotency_key(mut self, has_key: bool) -> Self {
        self.has_idempotency_key = has_key;
        self
    }

    /// The request's method.
    pub const fn method(&self) -> &'a Method {
        self.method
    }

    /// Whether the request carries an Idempotency-Key.
    pub const fn has_idempotency_key(&self) -> bool {
        self.has_idempotency_key
    }

    /// Whether `replay` allows sending this request again after it may have been processed.
    pub fn may_replay(&self, replay: Replay) -> bool {
        match replay {
            Replay::ByMethod => is_idempotent(self.method) || self.has_idempotency_key,
            Replay::Always => true,
            Replay::WithIdempotencyKey => self.has_idempotency_key,
            Replay::Never => false,
        }
    }
}

/// One finished attempt: which it was and how long the call has taken.
#[derive(Debug, Clone, Copy)]
pub struct Attempt<'a> {
    request: Request<'a>,
    number: u32,
    elapsed: Duration,
    time_left: Option<Duration>,
    previous_delay: Option<Duration>,
}

impl<'a> Attempt<'a> {
    /// Attempt `number` (the first send is 1) of `request`, with no time elapsed.
    pub const fn new(request: Request<'a>, number: u32) -> Self {
        Self {
            request,
            number,
            elapsed: Duration::ZERO,
            time_left: None,
            previous_delay: None,
        }
    }

    /// The time since the first send, waits included.
    #[must_use]
    pub const fn elapsed(mut self, elapsed: Duration) -> Self {
        self.elapsed = elapsed;
        self
    }

    /// The time left before the caller's own deadline, if it has one.
    #[must_use]
    pub const fn time_left(mut self, left: Duration) -> Self {
        self.time_left = Some(left);
        self
    }

    /// The delay waited before this attempt (for [`Jitter::Decorrelated`](crate::backoff::Jitter)).
    #[must_use]
    pub const fn previous_delay(mut self, delay: Duration) -> Self {
        self.previous_delay = Some(delay);
        self
    }

    /// The attempt's number, from 1.
    pub const fn number(&self) -> u32 {
        self.number
    }

    /// The request.
    pub const fn request(&self) -> Request<'a> {
        self.request
    }
}

/// How an attempt failed.
#[non_exhaustive]
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The server answered with an error, normalized.
    Response(&'a ApiError),
    /// No response: the connection or the transfer failed.
    Transport(TransportFailure),
}

/// A failure below HTTP, and whether the request had left.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TransportFailure {
    /// What failed.
    pub kind: TransportKind,
    /// Whether the request may have reached the server. Only a failure before sending (a refused
    /// or unreachable connection) is known not to have.
    pub request_sent: bool,
}

impl TransportFailure {
    /// The connection could not be made: nothing was sent.
    pub const fn connect() -> Self {
        Self {
            kind: TransportKind::Connect,
            request_sent: false,
        }
    }

    /// The attempt timed out; the request may have been processed.
    pub const fn timeout() -> Self {
        Self {
            kind: TransportKind::Timeout,
            request_sent: true,
        }
    }

    /// Another failure of `kind`, `request_sent` or not.
    pub const fn new(kind: TransportKind, request_sent: bool) -> Self {
        Self { kind, request_sent }
    }
}

/// The class of a transport failure, low-cardinality as OpenTelemetry's `error.type` wants.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TransportKind {
    /// Connecting failed (refused, unreachable, DNS, TLS handshake).
    Connect,
    /// The attempt timed out.
    Timeout,
    /// The connection broke while sending the request or reading the response.
    Body,
    /// Anything else.
    Other,
}

impl TransportKind {
    /// `connect`, `timeout`, `body` or `_OTHER`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Connect => "connect",
            Self::Timeout => "timeout",
            Self::Body => "body",
            Self::Other => "_OTHER",
        }
    }
}

/// Why a retry is allowed.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RetryReason {
    /// The server throttled the request (429, or a throttling code on another status).
    Throttled(StatusCode),
    /// The server declined to process the request yet (425 Too Early): nothing was done, so
    /// sending it again is no replay.
    TooEarly,
    /// A transient server error, on a request that may be replayed.
    ServerError(StatusCode),
    /// The server said to retry (`Stripe-Should-Retry: true`).
    ServerSaidRetry(StatusCode),
    /// The request's idempotency key is held by its first request, still running: sent again
    /// with the same key once that has finished, it gets that request's response.
    KeyInUse(StatusCode),
    /// The request never left: nothing to repeat.
    NotSent(TransportKind),
    /// A proxy in front of the API answered that it never passed the request on (Cloudflare's
    /// 522, Envoy's `no healthy upstream`): as with [`NotSent`](Self::NotSent), nothing to repeat.
    NotForwarded(StatusCode),
    /// A transport failure after sending, on a request that may be replayed.
    Transport(TransportKind),
}

impl fmt::Display for RetryReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Throttled(status) => write!(f, "throttled ({})", status.as_u16()),
            Self::TooEarly => f.write_str("too early (425)"),
            Self::ServerError(status) => write!(f, "{status}"),
            Self::ServerSaidRetry(status) => {
                write!(f, "server said retry ({})", status.as_u16())
            }
            Self::KeyInUse(status) => {
                write!(f, "idempotency key in use ({})", status.as_u16())
            }
            Self::NotSent(kind) => write!(f, "{} failure before sending", kind.as_str()),
            Self::NotForwarded(status) => {
                write!(f, "not forwarded by the proxy ({})", status.as_u16())
            }
            Self::Transport(kind) => write!(f, "{} failure", kind.as_str()),
        }
    }
}

/// What failed, in a [`StopReason`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Failure {
    /// A response with this status.
    Status(StatusCode),
    /// A transport failure.
    Transport(TransportKind),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Status(status) => write!(f, "{}", status.as_u16()),
            Self::Transport(kind) => write!(f, "a {} failure", kind.as_str()),
        }
    }
}

/// Why reprieve stopped.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// The response is not one a retry can change (4xx other than throttles and a busy key, 501,
    /// 505).
    NotRetryable {
        /// The response's status.
        status: StatusCode,
        /// Its kind.
        kind: ErrorKind,
    },
    /// The request may have been processed and may not be replayed: a non-idempotent method
    /// without an Idempotency-Key.
    UnsafeReplay {
        /// The request's method.
        method: Method,
        /// What failed.
        after: Failure,
    },
    /// The route's policy forbids replaying it, or requires a key the request does not have.
    ReplayForbidden {
        /// The policy's replay rule.
        replay: Replay,
        /// What failed.
        after: Failure,
    },
    /// The server said not to retry (`Stripe-Should-Retry: false`, or a body's
    /// `"retryable": false`).
    ServerSaidNo,
    /// Every attempt the policy allows was made.
    AttemptsExhausted {
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server asked to wait longer than the policy's `max_retry_after`.
    DelayTooLong {
        /// What the server asked.
        requested: Duration,
        /// The policy's limit.
        limit: Duration,
    },
    /// Waiting would end past `max_elapsed` or the caller's deadline.
    DeadlineExceeded {
        /// The wait.
        delay: Duration,
        /// The time that was left.
        time_left: Duration,
    },
    /// The client's retry budget is spent: too many retries lately for the requests made.
    BudgetExhausted,
    /// The request's body was a stream, sent once and gone: it cannot be sent again.
    BodyNotReplayable,
}

impl fmt::Display for StopReason {
    /// `409 Conflict is not retryable`, `POST without Idempotency-Key after 500`, ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotRetryable { status, kind } if blames_call(*status, *kind) => {
                write!(
                    f,
                    "{status} is not retryable: the body blames the request ({kind})"
                )
            }
            Self::NotRetryable { status, .. } => write!(f, "{status} is not retryable"),
            Self::UnsafeReplay { method, after } => {
                write!(f, "{method} without Idempotency-Key after {after}")
            }
            Self::ReplayForbidden { replay, after } => match replay {
                Replay::WithIdempotencyKey => {
                    write!(
                        f,
                        "route retries only with an Idempotency-Key; none after {after}"
                    )
                }
                _ => write!(f, "route forbids replaying the request after {after}"),
            },
            Self::ServerSaidNo => f.write_str("server said not to retry"),
            Self::AttemptsExhausted { attempts } => write!(f, "gave up after {attempts} attempts"),
            Self::DelayTooLong { requested, limit } => write!(
                f,
                "server asked to wait {}, more than max_retry_after ({})",
                Secs(*requested),
                Secs(*limit)
            ),
            Self::DeadlineExceeded { delay, time_left } => write!(
                f,
                "waiting {} would pass the deadline ({} left)",
                Secs(*delay),
                Secs(*time_left)
            ),
            Self::BudgetExhausted => f.write_str("retry budget exhausted"),
            Self::BodyNotReplayable => {
                f.write_str("the request body was a stream and cannot be resent")
            }
        }
    }
}

/// Where a retry's delay came from, as `reprieve.delay_source` records it.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DelaySource {
    /// The server's Retry-After (or `retry-after-ms`, `X-RateLimit-Retry-After`, a body hint).
    RetryAfter,
    /// The reset of a spent rate-limit quota.
    RateLimitReset,
    /// The policy's backoff.
    Backoff,
}

impl DelaySource {
    /// `retry-after`, `rate-limit-reset` or `backoff`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RetryAfter => "retry-after",
            Self::RateLimitReset => "rate-limit-reset",
            Self::Backoff => "backoff",
        }
    }

    const fn of_hint(source: HintSource) -> Self {
        match source {
            HintSource::RateLimitReset => Self::RateLimitReset,
            _ => Self::RetryAfter,
        }
    }
}

impl fmt::Display for DelaySource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The decision after a failed attempt.
#[must_use]
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Wait `after`, then send again.
    Retry {
        /// How long to wait.
        after: Duration,
        /// Where the wait came from.
        source: DelaySource,
        /// Why a retry is allowed.
        reason: RetryReason,
    },
    /// Stop; the caller gets the last response or error as it came.
    Stop {
        /// Why.
        reason: StopReason,
    },
}

impl Decision {
    /// Whether this is a retry.
    pub const fn is_retry(&self) -> bool {
        matches!(self, Self::Retry { .. })
    }
}

impl fmt::Display for Decision {
    /// `retry in 17s (retry-after)` or `stop: 409 Conflict is not retryable`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Retry { after, source, .. } => write!(f, "retry in {} ({source})", Secs(*after)),
            Self::Stop { reason } => write!(f, "stop: {reason}"),
        }
    }
}

/// Whether `outcome` may be retried at all under `policy`, before attempt counts, delays and
/// deadlines: the verdict `reprieve classify` prints as `retry`.
///
/// # Errors
///
/// The [`StopReason`] when it may not.
pub fn retryable(
    policy: &RetryPolicy,
    request: Request<'_>,
    outcome: &Outcome<'_>,
) -> Result<RetryReason, StopReason> {
    let replay_stop = |after| {
        if policy.replay == Replay::ByMethod {
            StopReason::UnsafeReplay {
                method: request.method().clone(),
                after,
            }
        } else {
            StopReason::ReplayForbidden {
                replay: policy.replay,
                after,
            }
        }
    };
    match outcome {
        Outcome::Transport(failure) if !failure.request_sent => {
            Ok(RetryReason::NotSent(failure.kind))
        }
        Outcome::Transport(failure) if request.may_replay(policy.replay) => {
            Ok(RetryReason::Transport(failure.kind))
        }
        Outcome::Transport(failure) => Err(replay_stop(Failure::Transport(failure.kind))),
        Outcome::Response(error) => {
            let status = error.status();
            if policy.honor_server_hints {
                match error.should_retry() {
                    Some(true) => return Ok(RetryReason::ServerSaidRetry(status)),
                    Some(false) => return Err(StopReason::ServerSaidNo),
                    None => {}
                }
            }
            if error.kind() == ErrorKind::RateLimited && status.as_u16() >= 400 {
                return Ok(RetryReason::Throttled(status));
            }
            if status == StatusCode::TOO_EARLY {
                return Ok(RetryReason::TooEarly);
            }
            // The API never saw the request: sending it again is no replay, whatever the method.
            if error.not_forwarded {
                return Ok(RetryReason::NotForwarded(status));
            }
            // Only a request that carries the key can be held up by it; a route that is never
            // replayed is not sent again even so.
            if error.key_in_use
                && request.has_idempotency_key()
                && request.may_replay(policy.replay)
            {
                return Ok(RetryReason::KeyInUse(status));
            }
            if !is_transient(status) || blames_call(status, error.kind()) {
                return Err(StopReason::NotRetryable {
                    status,
                    kind: error.kind(),
                });
            }
            if request.may_replay(policy.replay) {
                Ok(RetryReason::ServerError(status))
            } else {
                Err(replay_stop(Failure::Status(status)))
            }
        }
    }
}

/// Whether a server error's kind says the call itself is at fault, as only a code that names a
/// fault of the call can make it ([`kind::classify`](crate::kind::classify)).
fn blames_call(status: StatusCode, kind: ErrorKind) -> bool {
    status.is_server_error() && !kind.is_server_side() && kind != ErrorKind::RateLimited
}

/// Whether a status says "try again later": 408 and the 5xx other than those that say the
/// request or the server's configuration is wrong. Cloudflare's 525 (the TLS handshake with the
/// origin failed) and 526 (the origin's certificate is invalid) are such: Cloudflare's own
/// guidance is not to retry them, as the origin's TLS setup has to be mended first. So is the 561
/// of AWS's load balancers, the identity provider's answer to a listener rule that authenticates
/// users. A 508 is `WebDAV`'s Loop Detected in the RFCs, but in front of an API it is `LiteSpeed`'s
/// and `CloudLinux`'s "Resource Limit Is Reached ... Please try again later": it passes.
fn is_transient(status: StatusCode) -> bool {
    match status.as_u16() {
        408 | 508 => true,
        501 | 505 | 506 | 507 | 510 | 511 | 525 | 526 | 561 => false,
        code => (500..=599).contains(&code),
    }
}

/// Decides what follows a failed attempt.
///
/// `now` turns an absolute server time (an HTTP-date Retry-After, an epoch reset) into a delay.
/// Where the response has a `Date` header and `now` lies outside the second it names, the delay
/// is measured from that `Date` ([`server_now`](crate::headers::server_now)).
/// `rng` jitters the backoff.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use http::{HeaderMap, Method, StatusCode};
/// use rand::{SeedableRng, rngs::SmallRng};
/// use reprieve_core::{ApiError, RetryPolicy, decide, decide::{Attempt, Decision, DelaySource, Outcome, Request}};
///
/// let mut headers = HeaderMap::new();
/// headers.insert("retry-after", "17".parse()?);
/// let error = ApiError::from_response(StatusCode::TOO_MANY_REQUESTS, &headers, b"");
/// let attempt = Attempt::new(Request::new(&Method::POST), 1);
/// let mut rng = SmallRng::seed_from_u64(1);
///
/// let decision = decide(&RetryPolicy::default(), &attempt, &Outcome::Response(&error), SystemTime::UNIX_EPOCH, &mut rng);
/// assert!(matches!(decision, Decision::Retry { after, source: DelaySource::RetryAfter, .. } if after == Duration::from_secs(17)));
/// assert_eq!(decision.to_string(), "retry in 17s (retry-after)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn decide(
    policy: &RetryPolicy,
    attempt: &Attempt<'_>,
    outcome: &Outcome<'_>,
    now: SystemTime,
    rng: &mut impl Rng,
) -> Decision {
    let reason = match retryable(policy, attempt.request, outcome) {
        Ok(reason) => reason,
        Err(reason) => return Decision::Stop { reason },
    };
    if attempt.number >= policy.max_attempts {
        return Decision::Stop {
            reason: StopReason::AttemptsExhausted {
                attempts: attempt.number,
            },
        };
    }

    let server_delay = match outcome {
        Outcome::Response(error) => error.server_delay().map(|hint| {
            let reference = crate::headers::server_now(error.date(), now);
            (hint.delay_from(reference), hint)
        }),
        Outcome::Transport(_) => None,
    };
    let (after, source) = match server_delay {
        Some((requested, hint)) if requested > policy.max_retry_after => {
            match policy.on_long_retry_after {
                LongDelay::Clamp => (policy.max_retry_after, DelaySource::of_hint(hint.source)),
                LongDelay::Stop => {
                    return Decision::Stop {
                        reason: StopReason::DelayTooLong {
                            requested,
                            limit: policy.max_retry_after,
                        },
                    };
                }
            }
        }
        Some((delay, ServerDelay { source, .. })) => (delay, DelaySource::of_hint(*source)),
        None => {
            let backoff = policy.backoff();
            (
                backoff.delay(attempt.number, attempt.previous_delay, rng),
                DelaySource::Backoff,
            )
        }
    };

    let policy_left = policy
        .max_elapsed
        .map(|limit| limit.saturating_sub(attempt.elapsed));
    let time_left = match (policy_left, attempt.time_left) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(time_left) = time_left
        && after >= time_left
    {
        return Decision::Stop {
            reason: StopReason::DeadlineExceeded {
                delay: after,
                time_left,
            },
        };
    }
    Decision::Retry {
        after,
        source,
        reason,
    }
}

/// A duration as a person reads it: `17s`, `1.5s`, `250ms`, `2m`, `1h`.
///
/// ```
/// use std::time::Duration;
/// use reprieve_core::decide::human;
///
/// assert_eq!(human(Duration::from_millis(1500)).to_string(), "1.5s");
/// assert_eq!(human(Duration::from_secs(3600)).to_string(), "1h");
/// ```
pub fn human(duration: Duration) -> impl fmt::Display {
    Secs(duration)
}

struct Secs(Duration);

impl fmt::Display for Secs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        let secs = d.as_secs();
        if d < Duration::from_secs(1) {
            write!(f, "{}ms", d.as_millis())
        } else if d.subsec_millis() != 0 && secs < 60 {
            let millis = format!("{:03}", d.subsec_millis());
            write!(f, "{secs}.{}s", millis.trim_end_matches('0'))
        } else if secs >= 3600 && secs.is_multiple_of(3600) {
            write!(f, "{}h", secs / 3600)
        } else if secs >= 60 && secs.is_multiple_of(60) {
            write!(f, "{}m", secs / 60)
        } else {
            write!(f, "{secs}s")
        }
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderMap;
    use rand::SeedableRng;
    use rand::rngs::SmallRng;

    use super::*;
    use crate::backoff::Jitter;

    const SEC: Duration = Duration::from_secs(1);

    fn response(status: u16, headers: &[(&'static str, &str)]) -> ApiError {
        response_with(status, headers, b"")
    }

    fn response_with(status: u16, headers: &[(&'static str, &str)], body: &[u8]) -> ApiError {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, value.parse().unwrap());
        }
        ApiError::from_response(StatusCode::from_u16(status).unwrap(), &map, body)
    }

    fn run(policy: &RetryPolicy, attempt: Attempt<'_>, outcome: &Outcome<'_>) -> Decision {
        let mut rng = SmallRng::seed_from_u64(9);
        decide(policy, &attempt, outcome, SystemTime::UNIX_EPOCH, &mut rng)
    }

    fn first(method: &Method) -> Attempt<'_> {
        Attempt::new(Request::new(method), 1)
    }

    #[test]
    fn throttles_retry_after_the_servers_delay_whatever_the_method() {
        let error = response(429, &[("retry-after", "2")]);
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::POST),
            &Outcome::Response(&error),
        );
        assert_eq!(
            decision,
            Decision::Retry {
                after: 2 * SEC,
                source: DelaySource::RetryAfter,
                reason: RetryReason::Throttled(StatusCode::TOO_MANY_REQUESTS),
            }
        );
    }

    #[test]
    fn too_early_retries_whatever_the_method() {
        // Polymarket's CLOB answers every order call with a 425 while its matching engine
        // restarts; RFC 8470's 425 is a server declining to process a request. Nothing was done.
        let error = response_with(425, &[], br#"{"error": "service not ready"}"#);
        assert_eq!(error.kind(), ErrorKind::Unavailable);
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::POST),
            &Outcome::Response(&error),
        );
        assert!(
            matches!(
                decision,
                Decision::Retry {
                    reason: RetryReason::TooEarly,
                    source: DelaySource::Backoff,
                    ..
                }
            ),
            "{decision}"
        );
        // A server's own verdict still wins.
        let refused = response(425, &[("x-should-retry", "false")]);
        assert_eq!(
            run(
                &RetryPolicy::default(),
                first(&Method::POST),
                &Outcome::Response(&refused)
            ),
            Decision::Stop {
                reason: StopReason::ServerSaidNo
            }
        );
    }

    #[test]
    fn throttles_without_a_delay_back_off() {
        let error = response(429, &[]);
        let policy = RetryPolicy::builder().jitter(Jitter::None).build().unwrap();
        let decision = run(&policy, first(&Method::GET), &Outcome::Response(&error));
        assert!(
            matches!(decision, Decision::Retry { after, source: DelaySource::Backoff, .. } if after == policy.base_delay)
        );
    }

    #[test]
    fn throttling_codes_on_other_statuses_retry() {
        let error = ApiError::from_response(
            StatusCode::BAD_REQUEST,
            &HeaderMap::new(),
            br#"{"__type": "ThrottlingException", "message": "Rate exceeded"}"#,
        );
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::POST),
            &Outcome::Response(&error),
        );
        assert!(decision.is_retry(), "{decision}");
    }

    #[test]
    fn a_server_error_that_blames_the_call_is_not_retried() {
        // Bitcoin Core answers a call with bad parameters with a 500 and JSON-RPC's code.
        let refused = response_with(
            500,
            &[],
            br#"{"result": null, "error": {"code": -32602, "message": "Invalid params"}, "id": 1}"#,
        );
        let keyed = Attempt::new(Request::new(&Method::POST).idempotency_key(true), 1);
        let decision = run(&RetryPolicy::default(), keyed, &Outcome::Response(&refused));
        assert_eq!(
            decision,
            Decision::Stop {
                reason: StopReason::NotRetryable {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    kind: ErrorKind::InvalidRequest,
                }
            }
        );
        assert_eq!(
            decision.to_string(),
            "stop: 500 Internal Server Error is not retryable: the body blames the request (InvalidRequest)"
        );
        // A code of the server's own range is the server's failure, and is retried.
        let failed = response_with(
            500,
            &[],
            br#"{"error": {"code": -32603, "message": "Internal error"}, "id": 1}"#,
        );
        assert!(run(&RetryPolicy::default(), keyed, &Outcome::Response(&failed)).is_retry());
    }

    #[test]
    fn server_errors_retry_only_when_replay_is_safe() {
        // 508: LiteSpeed's and CloudLinux's "Resource Limit Is Reached".
        for status in [408, 500, 502, 503, 504, 508, 520, 529] {
            let error = response(status, &[]);
            let outcome = Outcome::Response(&error);
            assert!(
                run(&RetryPolicy::default(), first(&Method::GET), &outcome).is_retry(),
                "GET {status}"
            );
            assert!(
                run(&RetryPolicy::default(), first(&Method::DELETE), &outcome).is_retry(),
                "DELETE {status}"
            );
            let keyed = Attempt::new(Request::new(&Method::POST).idempotency_key(true), 1);
            assert!(
                run(&RetryPolicy::default(), keyed, &outcome).is_retry(),
                "keyed POST {status}"
            );
            let decision = run(&RetryPolicy::default(), first(&Method::POST), &outcome);
            assert_eq!(
                decision,
                Decision::Stop {
                    reason: StopReason::UnsafeReplay {
                        method: Method::POST,
                        after: Failure::Status(StatusCode::from_u16(status).unwrap()),
                    }
                }
            );
        }
        let error = response(500, &[]);
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::POST),
            &Outcome::Response(&error),
        );
        assert_eq!(
            decision.to_string(),
            "stop: POST without Idempotency-Key after 500"
        );
    }

    #[test]
    fn other_4xx_501_and_505_stop() {
        // 525 and 526: Cloudflare's TLS handshake with the origin failed, or its certificate is
        // invalid; 561: an AWS load balancer's identity provider refused the user.
        for status in [
            400, 401, 402, 403, 404, 405, 409, 410, 422, 501, 505, 511, 525, 526, 561,
        ] {
            let error = response(status, &[]);
            let decision = run(
                &RetryPolicy::default(),
                first(&Method::GET),
                &Outcome::Response(&error),
            );
            assert!(
                matches!(
                    decision,
                    Decision::Stop {
                        reason: StopReason::NotRetryable { .. }
                    }
                ),
                "{status}: {decision}"
            );
        }
        let error = response(409, &[]);
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::GET),
            &Outcome::Response(&error),
        );
        assert_eq!(decision.to_string(), "stop: 409 Conflict is not retryable");
    }

    #[test]
    fn a_key_held_by_its_first_request_retries_the_keyed_request() {
        let busy = |headers: &[(&'static str, &str)]| {
            response_with(
                409,
                headers,
                br#"{"error": {"message": "There is currently another in-progress request using this Idempotent Key. Please try again later.", "type": "idempotency_error"}}"#,
            )
        };
        let policy = RetryPolicy::builder().jitter(Jitter::None).build().unwrap();
        let keyed = || Attempt::new(Request::new(&Method::POST).idempotency_key(true), 1);
        let error = busy(&[]);
        let decision = run(&policy, keyed(), &Outcome::Response(&error));
        assert_eq!(
            decision,
            Decision::Retry {
                after: policy.base_delay,
                source: DelaySource::Backoff,
                reason: RetryReason::KeyInUse(StatusCode::CONFLICT),
            }
        );
        assert_eq!(
            decision.to_string(),
            format!("retry in {:?} (backoff)", policy.base_delay)
        );
        // Without a key, no key of this request is in use; and the server's own word wins.
        assert!(!run(&policy, first(&Method::POST), &Outcome::Response(&error)).is_retry());
        let told_no = busy(&[("stripe-should-retry", "false")]);
        assert!(!run(&policy, keyed(), &Outcome::Response(&told_no)).is_retry());
        let never = RetryPolicy::builder()
            .replay(Replay::Never)
            .build()
            .unwrap();
        assert!(!run(&never, keyed(), &Outcome::Response(&error)).is_retry());
        // A key reused with other parameters stays final.
        let reused = response_with(
            409,
            &[],
            br#"{"error": {"code": "conflict", "message": "idempotency key reused with different parameters"}}"#,
        );
        assert!(!run(&policy, keyed(), &Outcome::Response(&reused)).is_retry());
    }

    #[test]
    fn a_proxy_that_never_forwarded_the_request_is_retried_whatever_the_method() {
        let never = RetryPolicy::builder()
            .replay(Replay::Never)
            .build()
            .unwrap();
        let not_forwarded: [(u16, &[u8]); 9] = [
            (521, b"<title>521: Web server is down</title>"),
            (522, b""),
            (523, b""),
            (530, b"<title>api.example.com | 530: Error 1033</title>"),
            (503, b"no healthy upstream"),
            (
                503,
                b"upstream connect error or disconnect/reset before headers. reset reason: \
                  connection failure",
            ),
            (
                503,
                br#"{"message": "failure to get a peer from the ring-balancer"}"#,
            ),
            (503, b"no available server"),
            (
                503,
                b"<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle \
                  this request.\n</body></html>\n",
            ),
        ];
        for (status, body) in not_forwarded {
            let error = response_with(status, &[], body);
            for policy in [&RetryPolicy::default(), &never] {
                let decision = run(policy, first(&Method::POST), &Outcome::Response(&error));
                assert!(decision.is_retry(), "{status} {decision}");
            }
        }
        let error = response(522, &[]);
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::POST),
            &Outcome::Response(&error),
        );
        let Decision::Retry { reason, .. } = decision else {
            panic!("{decision}");
        };
        assert_eq!(reason.to_string(), "not forwarded by the proxy (522)");
        // The origin may have acted on these: a POST without a key stops.
        let sent: [(u16, &[u8]); 5] = [
            (520, b""),
            (524, b""),
            (
                502,
                b"<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or \
                  incomplete response.\n</body></html>\n",
            ),
            (
                503,
                b"upstream connect error or disconnect/reset before headers. reset reason: \
                  connection termination",
            ),
            (502, b"Bad Gateway"),
        ];
        for (status, body) in sent {
            let error = response_with(status, &[], body);
            let decision = run(
                &RetryPolicy::default(),
                first(&Method::POST),
                &Outcome::Response(&error),
            );
            assert!(!decision.is_retry(), "{status} {decision}");
        }
    }

    #[test]
    fn linkerds_own_answers_say_whether_the_request_went_out() {
        let never_sent = [
            (503, "service in fail-fast"),
            (
                504,
                "logical service 10.43.140.232:8080: route default.http: backend \
                 Service.shop.api:8080: Service.shop.api:8080: service in fail-fast",
            ),
            (503, "service unavailable"),
            (
                502,
                "client error (Connect): Connection refused (os error 111)",
            ),
            (502, "endpoint 10.0.1.7:8080: client error (Connect)"),
        ];
        for (status, why) in never_sent {
            let error = response(status, &[("l5d-proxy-error", why)]);
            let decision = run(
                &RetryPolicy::default(),
                first(&Method::POST),
                &Outcome::Response(&error),
            );
            assert!(decision.is_retry(), "{status} {why}: {decision}");
        }
        // A response timeout may come after the request went out; and the same words from
        // anyone but the proxy, or on a status it does not answer with, prove nothing.
        let maybe_sent = [
            response(504, &[("l5d-proxy-error", "request timed out")]),
            response(503, &[("x-proxy-error", "service in fail-fast")]),
            response(400, &[("l5d-proxy-error", "connection refused")]),
        ];
        for error in maybe_sent {
            let decision = run(
                &RetryPolicy::default(),
                first(&Method::POST),
                &Outcome::Response(&error),
            );
            assert!(!decision.is_retry(), "{decision}");
        }
    }

    #[test]
    fn squids_own_answers_say_whether_the_request_went_out() {
        let decide = |status, squid_error| {
            let error = response(status, &[("x-squid-error", squid_error)]);
            run(
                &RetryPolicy::default(),
                first(&Method::POST),
                &Outcome::Response(&error),
            )
        };
        for squid_error in [
            "ERR_CONNECT_FAIL 111",
            "ERR_DNS_FAIL 0",
            "ERR_SECURE_CONNECT_FAIL 71",
            "ERR_CANNOT_FORWARD 0",
        ] {
            let decision = decide(503, squid_error);
            assert!(decision.is_retry(), "{squid_error}: {decision}");
        }
        // A read that failed or timed out came after the request went out; a proxy that refuses
        // the request is no failure of the server's.
        for (status, squid_error) in [
            (504, "ERR_READ_TIMEOUT 0"),
            (502, "ERR_READ_ERROR 104"),
            (502, "ERR_ZERO_SIZE_OBJECT 0"),
            (403, "ERR_ACCESS_DENIED 0"),
        ] {
            let decision = decide(status, squid_error);
            assert!(!decision.is_retry(), "{squid_error}: {decision}");
        }
    }

    #[test]
    fn connect_failures_retry_and_sent_failures_need_safe_replay() {
        let policy = RetryPolicy::default();
        let connect = Outcome::Transport(TransportFailure::connect());
        assert!(run(&policy, first(&Method::POST), &connect).is_retry());
        let timeout = Outcome::Transport(TransportFailure::timeout());
        assert!(run(&policy, first(&Method::GET), &timeout).is_retry());
        assert_eq!(
            run(&policy, first(&Method::POST), &timeout).to_string(),
            "stop: POST without Idempotency-Key after a timeout failure"
        );
    }

    #[test]
    fn explicit_server_hints_win() {
        let yes = response(409, &[("stripe-should-retry", "true")]);
        assert!(
            run(
                &RetryPolicy::default(),
                first(&Method::POST),
                &Outcome::Response(&yes)
            )
            .is_retry()
        );
        let no = response(503, &[("x-should-retry", "false")]);
        assert_eq!(
            run(
                &RetryPolicy::default(),
                first(&Method::GET),
                &Outcome::Response(&no)
            ),
            Decision::Stop {
                reason: StopReason::ServerSaidNo
            }
        );
        let ignoring = RetryPolicy::builder()
            .honor_server_hints(false)
            .build()
            .unwrap();
        assert!(run(&ignoring, first(&Method::GET), &Outcome::Response(&no)).is_retry());
    }

    #[test]
    fn a_body_that_says_not_retryable_stops_and_one_that_says_retryable_grants_no_replay() {
        let policy = RetryPolicy::default();
        // The word wins over a status that is retried otherwise: a 530 the origin never saw
        // (Cloudflare's structured errors carry `retryable` at the top level), and an app's own
        // flag inside its error object on a 503.
        for (status, body) in [
            (
                530,
                &br#"{"title": "Error 1016: Origin DNS error", "status": 530, "error_code": 1016, "retryable": false}"#[..],
            ),
            (
                503,
                br#"{"error": {"code": "quota_exhausted", "message": "Monthly quota used", "retryable": false}}"#,
            ),
        ] {
            let error = response_with(status, &[], body);
            assert_eq!(
                run(&policy, first(&Method::GET), &Outcome::Response(&error)),
                Decision::Stop {
                    reason: StopReason::ServerSaidNo
                }
            );
        }
        // Cloudflare says a 524 may pass; the origin may have acted on the POST even so.
        let timed_out = response_with(
            524,
            &[],
            br#"{"title": "Error 524: A timeout occurred", "status": 524, "retryable": true, "retry_after": 5}"#,
        );
        assert!(
            !run(
                &policy,
                first(&Method::POST),
                &Outcome::Response(&timed_out)
            )
            .is_retry()
        );
        assert!(run(&policy, first(&Method::GET), &Outcome::Response(&timed_out)).is_retry());
        // A header's word wins over the body's.
        let told_yes = response_with(
            503,
            &[("x-should-retry", "true")],
            br#"{"message": "busy", "retryable": false}"#,
        );
        assert!(run(&policy, first(&Method::GET), &Outcome::Response(&told_yes)).is_retry());
    }

    #[test]
    fn max_attempts() {
        let error = response(503, &[]);
        let policy = RetryPolicy::builder().max_attempts(3).build().unwrap();
        let second = Attempt::new(Request::new(&Method::GET), 2);
        assert!(run(&policy, second, &Outcome::Response(&error)).is_retry());
        let third = Attempt::new(Request::new(&Method::GET), 3);
        assert_eq!(
            run(&policy, third, &Outcome::Response(&error)),
            Decision::Stop {
                reason: StopReason::AttemptsExhausted { attempts: 3 }
            }
        );
    }

    #[test]
    fn long_server_delays_stop_or_clamp() {
        let error = response(429, &[("retry-after", "3600")]);
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::GET),
            &Outcome::Response(&error),
        );
        assert_eq!(
            decision,
            Decision::Stop {
                reason: StopReason::DelayTooLong {
                    requested: 3600 * SEC,
                    limit: 60 * SEC
                }
            }
        );
        assert_eq!(
            decision.to_string(),
            "stop: server asked to wait 1h, more than max_retry_after (1m)"
        );

        let clamping = RetryPolicy::builder()
            .on_long_retry_after(LongDelay::Clamp)
            .no_max_elapsed()
            .build()
            .unwrap();
        let decision = run(&clamping, first(&Method::GET), &Outcome::Response(&error));
        assert!(matches!(decision, Decision::Retry { after, .. } if after == 60 * SEC));
    }

    #[test]
    fn waits_past_the_deadline_stop() {
        let error = response(503, &[("retry-after", "20")]);
        let policy = RetryPolicy::builder()
            .max_elapsed(30 * SEC)
            .build()
            .unwrap();
        let late = first(&Method::GET).elapsed(15 * SEC);
        assert_eq!(
            run(&policy, late, &Outcome::Response(&error)),
            Decision::Stop {
                reason: StopReason::DeadlineExceeded {
                    delay: 20 * SEC,
                    time_left: 15 * SEC
                }
            }
        );
        let caller_deadline = first(&Method::GET).time_left(5 * SEC);
        assert!(!run(&policy, caller_deadline, &Outcome::Response(&error)).is_retry());
        assert!(run(&policy, first(&Method::GET), &Outcome::Response(&error)).is_retry());
    }

    #[test]
    fn http_dates_use_the_responses_date_not_the_local_clock() {
        let error = response(
            503,
            &[
                ("retry-after", "Sun, 22 Nov 2026 12:00:20 GMT"),
                ("date", "Sun, 22 Nov 2026 12:00:00 GMT"),
            ],
        );
        // The local clock is far behind; the Date header rules.
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::GET),
            &Outcome::Response(&error),
        );
        assert!(matches!(decision, Decision::Retry { after, .. } if after == 20 * SEC));
    }

    #[test]
    fn a_millisecond_reset_is_measured_from_the_local_clock_within_dates_second() {
        let error = response(
            429,
            &[
                ("x-ratelimit-remaining", "0"),
                // 12:00:01.000, one second past the Date.
                ("x-ratelimit-reset", "1795348801000"),
                ("date", "Sun, 22 Nov 2026 12:00:00 GMT"),
            ],
        );
        let date = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_348_800);
        let mut rng = SmallRng::seed_from_u64(9);
        let mut after_at = |now| match decide(
            &RetryPolicy::default(),
            &first(&Method::GET),
            &Outcome::Response(&error),
            now,
            &mut rng,
        ) {
            Decision::Retry { after, .. } => after,
            other => panic!("{other:?}"),
        };
        // 600 ms into the Date's second, 400 ms are left; the Date alone would say a full second.
        assert_eq!(
            after_at(date + Duration::from_millis(600)),
            Duration::from_millis(400)
        );
        // A local clock a minute off, either way, is not trusted: the Date rules, and the retry
        // never comes before the reset.
        assert_eq!(after_at(date - 60 * SEC), SEC);
        assert_eq!(after_at(date + 60 * SEC), SEC);
    }

    #[test]
    fn rate_limit_reset_is_a_delay_source() {
        let error = response(
            429,
            &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "12")],
        );
        let decision = run(
            &RetryPolicy::default(),
            first(&Method::GET),
            &Outcome::Response(&error),
        );
        assert!(
            matches!(decision, Decision::Retry { after, source: DelaySource::RateLimitReset, .. } if after == 12 * SEC)
        );
    }

    #[test]
    fn route_replay_rules() {
        let error = response(500, &[]);
        let outcome = Outcome::Response(&error);
        let always = RetryPolicy::builder()
            .replay(Replay::Always)
            .build()
            .unwrap();
        assert!(run(&always, first(&Method::POST), &outcome).is_retry());
        let never = RetryPolicy::builder()
            .replay(Replay::Never)
            .build()
            .unwrap();
        assert!(!run(&never, first(&Method::GET), &outcome).is_retry());
        let keyed = RetryPolicy::builder()
            .replay(Replay::WithIdempotencyKey)
            .build()
            .unwrap();
        assert_eq!(
            run(&keyed, first(&Method::GET), &outcome).to_string(),
            "stop: route retries only with an Idempotency-Key; none after 500"
        );
        // A throttle or a connect failure is retried even where replay is forbidden.
        let throttled = response(429, &[]);
        assert!(run(&never, first(&Method::POST), &Outcome::Response(&throttled)).is_retry());
        assert!(
            run(
                &never,
                first(&Method::POST),
                &Outcome::Transport(TransportFailure::connect())
            )
            .is_retry()
        );
    }

    #[test]
    fn durations_read_well() {
        let cases = [
            (Duration::from_millis(250), "250ms"),
            (Duration::from_millis(1500), "1.5s"),
            (17 * SEC, "17s"),
            (90 * SEC, "90s"),
            (120 * SEC, "2m"),
            (7200 * SEC, "2h"),
        ];
        for (d, want) in cases {
            assert_eq!(Secs(d).to_string(), want);
        }
    }
}
