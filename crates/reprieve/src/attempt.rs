//! The attempt loop both front-ends share: clone, gate, send, classify, decide, sleep. The
//! decisions are reprieve-core's; what differs between reqwest and tower is behind [`Exchange`].

use std::ops::Deref;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use http::{Extensions, HeaderMap, Method, StatusCode};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use reprieve_core::decide::{Attempt, DelaySource, Outcome, Request, StopReason, TransportFailure};
use reprieve_core::headers::RateLimit;
use reprieve_core::policy::LongDelay;
use reprieve_core::{ApiError, Decision, ErrorKind, RetryBudget, RetryPolicy};
use tracing::Instrument;
use tracing::field::Empty;

use crate::config::Settings;
use crate::gate::{Lane, Pass};
use crate::idempotency::IdempotencyKey;
use crate::telemetry::{self as attr, method_name, redact_url};

/// How many attempts a call took, in the response's extensions when it took more than one.
///
/// A response without it came from the call's first attempt: read it as
/// `response.extensions().get::<Attempts>().map_or(1, |a| a.0)`. Inserting it into every response
/// would allocate the extensions map of each, on the success path too.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts(pub u32);

/// The clock of the crate: tokio's, so that a paused test clock also moves the gate, the budget and
/// the deadlines.
pub(crate) fn now() -> Instant {
    tokio::time::Instant::now().into_std()
}

/// What a front-end does for the shared loop: its request and response types, sending, and reading
/// an error body without taking it from the caller.
pub(crate) trait Exchange {
    type Request: Send;
    type Response: Send;
    type Error: Send;

    fn method(request: &Self::Request) -> &Method;
    fn path(request: &Self::Request) -> &str;
    fn headers_mut(request: &mut Self::Request) -> &mut HeaderMap;
    /// The host and port, for `server.address` and `server.port`.
    fn server(request: &Self::Request) -> (Option<&str>, Option<u16>);
    /// The full URL, for `url.full` (redacted before it is recorded).
    fn url(request: &Self::Request) -> String;
    /// A copy to send, if the body can be sent again.
    fn try_clone(request: &Self::Request) -> Option<Self::Request>;
    /// Sends one attempt, bounded by `timeout`.
    fn send(
        &mut self,
        request: Self::Request,
        timeout: Option<Duration>,
    ) -> impl Future<Output = Result<Self::Response, Self::Error>> + Send;
    fn status(response: &Self::Response) -> StatusCode;
    fn headers(response: &Self::Response) -> &HeaderMap;
    fn extensions_mut(response: &mut Self::Response) -> &mut Extensions;
    /// Reads at most `limit` bytes of the body; the response returned still yields all of it.
    fn read_prefix(
        response: Self::Response,
        limit: usize,
    ) -> impl Future<Output = (Bytes, Self::Response)> + Send;
    /// The transport failure an error stands for; `None` for an error that is not retried.
    fn transport_failure(error: &Self::Error) -> Option<TransportFailure>;
    /// The error for a call that would have to wait at the gate past its deadline.
    fn quota_exhausted(wait: Duration) -> Self::Error;
}

/// Runs one logical call: every attempt, wait and decision, inside a `reprieve.call` span.
///
/// `policy` is the request's own (from its extensions), if it has one; otherwise its route's.
/// `settings` is borrowed by the middleware and shared (`Arc`) by the tower service, whose future
/// must be `'static`.
///
/// Not an `async fn` itself: the call's future is [`attempts`], instrumented once, so that the
/// front-ends can box it as it is. An async wrapper would hold it a second time, and copy it at
/// every move.
pub(crate) fn run<'s, E, H, S>(
    settings: S,
    exchange: E,
    mut request: E::Request,
    policy: Option<RetryPolicy>,
    lane: Option<Arc<Lane>>,
) -> impl Future<Output = Result<E::Response, E::Error>> + 's
where
    E: Exchange + 's,
    H: ?Sized + 's,
    S: Deref<Target = Settings<H>> + 's,
{
    let resolved = settings
        .routes
        .resolve(E::method(&request), E::path(&request));
    let method = E::method(&request).clone();
    let key = settings
        .idempotency
        .as_ref()
        .and_then(|idempotency| idempotency.ensure(&method, E::headers_mut(&mut request)));
    let call_span = tracing::info_span!(
        "reprieve.call",
        otel.name = Empty,
        reprieve.route = resolved.route(),
        reprieve.attempts = Empty,
        reprieve.outcome = Empty,
    );
    // Named `{METHOD} {route template}` only when someone listens: no allocation otherwise.
    let name = (!call_span.is_disabled()).then(|| match resolved.template() {
        Some(template) => format!("{method} {template}"),
        None => method.to_string(),
    });
    if let Some(name) = &name {
        call_span.record(attr::OTEL_NAME, name.as_str());
    }
    let call = Call::new(method, key.is_some(), settings.timeout);
    if let Some(budget) = &settings.budget {
        budget.deposit(call.started);
    }
    let policy = policy.unwrap_or_else(|| resolved.policy().clone());
    let state = State {
        settings,
        exchange,
        pending: Some(request),
        policy,
        call,
        lane,
        key,
        name,
        call_span: call_span.clone(),
    };
    attempts(state).instrument(call_span)
}

/// One call's state across its attempts.
///
/// [`attempts`] takes it whole and never moves its fields out: what an `async fn` destructures it
/// holds twice, the request included.
struct State<S, E: Exchange> {
    settings: S,
    exchange: E,
    /// The original request while it can be cloned for a resend; a request that cannot be
    /// cloned is moved into its one attempt.
    pending: Option<E::Request>,
    policy: RetryPolicy,
    call: Call,
    lane: Option<Arc<Lane>>,
    /// The call's Idempotency-Key, if it has one.
    key: Option<String>,
    /// The attempts' span name, when spans are recorded.
    name: Option<String>,
    call_span: tracing::Span,
}

/// The request to send next, and whether the original stays behind in `pending` for a resend.
fn next_request<E: Exchange>(pending: &mut Option<E::Request>) -> (E::Request, bool) {
    if let Some(copy) = pending.as_ref().and_then(E::try_clone) {
        return (copy, true);
    }
    // A request that cannot be cloned goes out once; only a cloneable one is resent.
    let Some(original) = pending.take() else {
        unreachable!("a request that could not be cloned was resent");
    };
    (original, false)
}

/// The attempts of one call, until one is final.
///
/// An `async` block rather than an `async fn`: an `async fn` moves its argument into a local of its
/// own and keeps both slots, the state and its request twice over.
#[allow(clippy::manual_async_fn)] // on purpose: see above
fn attempts<S, E, H>(mut state: State<S, E>) -> impl Future<Output = Result<E::Response, E::Error>>
where
    E: Exchange,
    H: ?Sized,
    S: Deref<Target = Settings<H>>,
{
    async move {
        // Set once the call has waited all the server's delay that its policy honours: the gate
        // lets it through even if it still shows the quota spent (after a clamped wait, or a
        // sleeper that does not move the clock, a test's).
        let mut honoured_throttle = false;
        let result = 'call: loop {
            let settings = &*state.settings;
            // The attempt, in a block: what it holds (its place at the gate, its span, the
            // response) ends with it. The request is no longer in flight during the wait that
            // follows, and the wait's state in the call's future does not sit beside the
            // attempt's.
            let (after, source) = 'attempt: {
                // Every attempt passes the gate, a retry too: it reserves its place in the window.
                let mut pass = None;
                if let Some(lane) = &state.lane {
                    pass = match lane.admit(now()) {
                        Ok(admitted) => Some(admitted),
                        // Boxed: the wait's state would otherwise widen every call's future.
                        Err(wait) => match Box::pin(wait_at_gate(
                            settings,
                            lane,
                            &state.call,
                            &state.policy,
                            wait,
                            &mut honoured_throttle,
                        ))
                        .await
                        {
                            Ok(admitted) => admitted,
                            Err(wait) => break 'call Err(E::quota_exhausted(wait)),
                        },
                    };
                }
                let gate = state.lane.as_deref().zip(pass.as_ref());
                // Built in a block: the request moves into the send future, and no local keeps a
                // slot for it in the call's future.
                let (sending, span, cloneable) = {
                    let (this, cloneable) = next_request::<E>(&mut state.pending);
                    let span = attempt_span::<E>(&this, state.name.as_deref(), state.call.number());
                    let timeout = match (settings.attempt_timeout, state.call.time_left()) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    let sending = state.exchange.send(this, timeout).instrument(span.clone());
                    (sending, span, cloneable)
                };
                let key = state.key.as_deref();
                // `Failed` is built where an attempt failed, not once after a match that hands
                // out the response or the error: that shape cost the success path some 570
                // instructions a GET (callgrind), as the call's future grew.
                let response = match sending.await {
                    Ok(response) if !is_error(E::status(&response)) => {
                        span.record(
                            attr::HTTP_RESPONSE_STATUS_CODE,
                            E::status(&response).as_u16(),
                        );
                        if let Some((lane, pass)) = gate {
                            observe_gate(lane, pass, E::headers(&response), None);
                        }
                        break 'call Ok(finish::<E>(response, key, state.call.number()));
                    }
                    Ok(response) => response,
                    Err(error) => {
                        let after = Failed {
                            call: &mut state.call,
                            policy: &state.policy,
                            budget: settings.budget.as_deref(),
                            span: &span,
                            gate,
                            cloneable,
                        };
                        match after.transport::<E>(&error) {
                            Some(Decision::Retry { after, source, .. }) => {
                                break 'attempt (after, source);
                            }
                            _ => break 'call Err(error),
                        }
                    }
                };
                // An error response. Its read is boxed: the read's state would otherwise widen
                // every call's future, on the success path too.
                let (prefix, response) =
                    Box::pin(E::read_prefix(response, settings.error_body_limit)).await;
                let after = Failed {
                    call: &mut state.call,
                    policy: &state.policy,
                    budget: settings.budget.as_deref(),
                    span: &span,
                    gate,
                    cloneable,
                };
                match after.response::<E>(&response, &prefix) {
                    Decision::Retry { after, source, .. } => (after, source),
                    _ => break 'call Ok(finish::<E>(response, key, state.call.number())),
                }
            };
            let moved = sleep(settings, after).await;
            honoured_throttle = !moved && source != DelaySource::Backoff;
        };
        let call_span = &state.call_span;
        call_span.record(attr::REPRIEVE_ATTEMPTS, state.call.number());
        call_span.record(
            attr::REPRIEVE_OUTCOME,
            match &result {
                Ok(response) if E::status(response).is_success() => "success",
                Ok(_) => "gave_up",
                Err(_) => "error",
            },
        );
        result
    }
}

/// Waits at the gate, which has just asked for `wait`, until it lets the attempt through, with
/// the place it reserved in the window if it reserved one; or, when the call gives up instead,
/// the gate's wait.
async fn wait_at_gate<H: ?Sized>(
    settings: &Settings<H>,
    lane: &Arc<Lane>,
    call: &Call,
    policy: &RetryPolicy,
    mut wait: Duration,
    honoured_throttle: &mut bool,
) -> Result<Option<Pass>, Duration> {
    loop {
        if std::mem::take(honoured_throttle) {
            return Ok(None);
        }
        let (pause, then_send) = match call.at_gate(policy, wait) {
            AtGate::Send => return Ok(None),
            AtGate::GiveUp => return Err(wait),
            AtGate::Wait { wait, then_send } => (wait, then_send),
        };
        *honoured_throttle = then_send;
        if !sleep(settings, pause).await {
            return Ok(None); // the clock stands still: asking again would spin
        }
        wait = match lane.admit(now()) {
            Ok(pass) => return Ok(Some(pass)),
            Err(wait) => wait,
        };
    }
}

/// What the loop decides with after an attempt failed. Its work is out of line and cold, so that
/// the success path's code stays together.
struct Failed<'a> {
    call: &'a mut Call,
    policy: &'a RetryPolicy,
    budget: Option<&'a RetryBudget>,
    span: &'a tracing::Span,
    gate: Option<(&'a Lane, &'a Pass)>,
    cloneable: bool,
}

impl Failed<'_> {
    /// Classifies an error response (of which `prefix` is the body read), tells the gate, and
    /// decides.
    #[cold]
    #[inline(never)]
    fn response<E: Exchange>(self, response: &E::Response, prefix: &[u8]) -> Decision {
        let headers = E::headers(response);
        let error = ApiError::from_response(E::status(response), headers, prefix);
        record_error(self.span, &error);
        if let Some((lane, pass)) = self.gate {
            observe_gate(lane, pass, headers, Some(&error));
        }
        self.decide(&Outcome::Response(&error))
    }

    /// Decides on a transport error; `None` for an error that is not retried at all (another
    /// middleware's).
    #[cold]
    #[inline(never)]
    fn transport<E: Exchange>(self, error: &E::Error) -> Option<Decision> {
        let failure = E::transport_failure(error)?;
        self.span.record(attr::ERROR_TYPE, failure.kind.as_str());
        self.span.record(attr::OTEL_STATUS_CODE, "ERROR");
        Some(self.decide(&Outcome::Transport(failure)))
    }

    fn decide(self, outcome: &Outcome<'_>) -> Decision {
        let decision = self
            .call
            .decide(self.policy, outcome, self.budget, self.cloneable);
        record_decision(self.span, &decision);
        decision
    }
}

/// Sleeps through the configured sleeper; returns whether the clock moved on by `delay` (a test's
/// recording sleeper returns at once and leaves it where it was).
async fn sleep<H: ?Sized>(settings: &Settings<H>, delay: Duration) -> bool {
    let until = now().checked_add(delay);
    settings.sleeper.sleep(delay).await;
    until.is_none_or(|until| now() >= until)
}

fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

/// The client span of one attempt; every field declared up front, filled in as it becomes known.
fn attempt_span<E: Exchange>(
    request: &E::Request,
    name: Option<&str>,
    number: u32,
) -> tracing::Span {
    let method = E::method(request);
    let otel_method = method_name(method);
    let span = tracing::info_span!(
        "HTTP",
        otel.name = name.unwrap_or(method.as_str()),
        otel.kind = "client",
        otel.status_code = Empty,
        http.request.method = otel_method,
        http.request.method_original = Empty,
        http.request.resend_count = Empty,
        http.response.status_code = Empty,
        url.full = Empty,
        server.address = Empty,
        server.port = Empty,
        error.type = Empty,
        reprieve.kind = Empty,
        reprieve.code = Empty,
        reprieve.decision = Empty,
        reprieve.delay_ms = Empty,
        reprieve.delay_source = Empty,
        reprieve.reason = Empty,
    );
    if !span.is_disabled() {
        span.record(attr::URL_FULL, redact_url(&E::url(request)));
        let (host, port) = E::server(request);
        if let Some(host) = host {
            span.record(attr::SERVER_ADDRESS, host);
        }
        if let Some(port) = port {
            span.record(attr::SERVER_PORT, port);
        }
        if otel_method == "_OTHER" {
            span.record(attr::HTTP_REQUEST_METHOD_ORIGINAL, method.as_str());
        }
        if number > 1 {
            span.record(attr::HTTP_REQUEST_RESEND_COUNT, number - 1);
        }
    }
    span
}

/// The most of a provider's code a span records, in bytes. Real codes are short names (the
/// longest, Java's class names, run to a hundred bytes or so); the code comes from the body, and
/// a server that sends a page of text as its code must not fill every trace with it.
const MAX_CODE_ATTRIBUTE: usize = 128;

fn record_error(span: &tracing::Span, error: &ApiError) {
    span.record(attr::HTTP_RESPONSE_STATUS_CODE, error.status().as_u16());
    span.record(attr::ERROR_TYPE, error.status().as_str());
    span.record(attr::OTEL_STATUS_CODE, "ERROR");
    span.record(attr::REPRIEVE_KIND, error.kind().as_str());
    if let Some(code) = error.code() {
        let cut = code.floor_char_boundary(MAX_CODE_ATTRIBUTE);
        span.record(attr::REPRIEVE_CODE, code.get(..cut).unwrap_or(code));
    }
}

/// Tells the gate what a response said about the quota.
fn observe_gate(lane: &Lane, pass: &Pass, headers: &HeaderMap, error: Option<&ApiError>) {
    let limit = match error {
        Some(error) => error.rate_limit().copied(),
        None => RateLimit::from_headers(headers),
    };
    let throttled = error.filter(|error| error.kind() == ErrorKind::RateLimited);
    // Most responses say nothing about the quota: no clock, no Date parse, no lock for them.
    if limit.is_none() && throttled.is_none() {
        return;
    }
    let wall = SystemTime::now();
    let reset_in = limit.as_ref().and_then(|limit| {
        let date = error
            .and_then(ApiError::date)
            .or_else(|| reprieve_core::headers::parse_date(headers));
        limit.reset_after(reprieve_core::headers::server_now(date, wall))
    });
    let throttled_for = throttled.and_then(|error| error.retry_after_at(wall));
    lane.observe(pass, now(), limit.as_ref(), reset_in, throttled_for);
}

/// Hands the caller the response with the call's key and, after a retry, the attempt count in
/// its extensions.
fn finish<E: Exchange>(mut response: E::Response, key: Option<&str>, attempts: u32) -> E::Response {
    let extensions = E::extensions_mut(&mut response);
    if let Some(key) = key {
        extensions.insert(IdempotencyKey(key.to_owned()));
    }
    if attempts > 1 {
        extensions.insert(Attempts(attempts));
    }
    response
}

/// What a call does about the gate's wait for a reset: see [`Call::at_gate`].
enum AtGate {
    /// Wait; then go out if `then_send`, else ask the gate again.
    Wait { wait: Duration, then_send: bool },
    /// Go out now.
    Send,
    /// Fail with [`QuotaExhausted`](crate::QuotaExhausted): the wait would pass the call's time.
    GiveUp,
}

/// One logical call in progress.
#[derive(Debug)]
pub(crate) struct Call {
    method: Method,
    has_key: bool,
    started: Instant,
    deadline: Option<Instant>,
    number: u32,
    previous_delay: Option<Duration>,
    /// Seeded at the first decision: most calls never make one, and seeding asks the OS.
    rng: Option<SmallRng>,
}

impl Call {
    pub(crate) fn new(method: Method, has_key: bool, timeout: Option<Duration>) -> Self {
        let started = now();
        Self {
            method,
            has_key,
            started,
            deadline: timeout.and_then(|t| started.checked_add(t)),
            number: 1,
            previous_delay: None,
            rng: None,
        }
    }

    /// The attempt about to be made (from 1).
    pub(crate) const fn number(&self) -> u32 {
        self.number
    }

    /// The time left before the call's deadline, if it has one.
    pub(crate) fn time_left(&self) -> Option<Duration> {
        self.deadline
            .map(|deadline| deadline.saturating_duration_since(now()))
    }

    /// What the call does about a wait at the gate: a reset is a delay the server asked for, so
    /// the policy bounds it as it bounds a Retry-After.
    ///
    /// A reset further away than `max_retry_after` is not waited for: the call goes out and the
    /// server answers it, as a 429 whose Retry-After is too long goes back to the caller (under
    /// [`LongDelay::Clamp`], it waits `max_retry_after` first). Not all of such resets are real:
    /// `X-RateLimit-Reset` comes in several units, and a misread one must not hold a client's
    /// calls for hours. A wait that would end past the deadline or `max_elapsed` gives up at once.
    fn at_gate(&self, policy: &RetryPolicy, wait: Duration) -> AtGate {
        let (wait, then_send) = if wait <= policy.max_retry_after {
            (wait, false)
        } else if policy.on_long_retry_after == LongDelay::Clamp {
            (policy.max_retry_after, true)
        } else {
            return AtGate::Send;
        };
        let policy_left = policy
            .max_elapsed
            .map(|limit| limit.saturating_sub(now().saturating_duration_since(self.started)));
        let time_left = match (policy_left, self.time_left()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if time_left.is_some_and(|left| wait >= left) {
            return AtGate::GiveUp;
        }
        AtGate::Wait { wait, then_send }
    }

    /// Decides what follows the failed attempt; on a retry, counts it and spends the budget. A
    /// request that cannot be resent (`can_resend` false: its body was a stream) stops where it
    /// would have been retried.
    pub(crate) fn decide(
        &mut self,
        policy: &RetryPolicy,
        outcome: &Outcome<'_>,
        budget: Option<&RetryBudget>,
        can_resend: bool,
    ) -> Decision {
        let request = Request::new(&self.method).idempotency_key(self.has_key);
        let mut attempt = Attempt::new(request, self.number)
            .elapsed(now().saturating_duration_since(self.started));
        if let Some(left) = self.time_left() {
            attempt = attempt.time_left(left);
        }
        if let Some(previous) = self.previous_delay {
            attempt = attempt.previous_delay(previous);
        }
        let rng = self.rng.get_or_insert_with(SmallRng::from_os_rng);
        let mut decision = reprieve_core::decide(policy, &attempt, outcome, SystemTime::now(), rng);
        if decision.is_retry() && !can_resend {
            decision = Decision::Stop {
                reason: StopReason::BodyNotReplayable,
            };
        } else if decision.is_retry() && budget.is_some_and(|budget| !budget.withdraw(now())) {
            decision = Decision::Stop {
                reason: StopReason::BudgetExhausted,
            };
        }
        match &decision {
            Decision::Retry {
                after,
                source,
                reason,
            } => {
                let delay_ms = u64::try_from(after.as_millis()).unwrap_or(u64::MAX);
                tracing::debug!(
                    reprieve.delay_ms = delay_ms,
                    reprieve.delay_source = source.as_str(),
                    reprieve.reason = %reason,
                    reprieve.attempt = self.number,
                    "retrying"
                );
                self.number += 1;
                self.previous_delay = Some(*after);
            }
            Decision::Stop { reason }
                // Stopping on the first attempt for a non-retryable error is not "giving up".
                if (self.number > 1
                    || matches!(
                        reason,
                        StopReason::BudgetExhausted
                            | StopReason::BodyNotReplayable
                            | StopReason::DelayTooLong { .. }
                            | StopReason::DeadlineExceeded { .. }
                    ))
                => {
                    tracing::warn!(reprieve.attempts = self.number, reprieve.reason = %reason, "giving up");
                }
            _ => {}
        }
        decision
    }
}

/// Records a decision on the attempt span.
pub(crate) fn record_decision(span: &tracing::Span, decision: &Decision) {
    match decision {
        Decision::Retry { after, source, .. } => {
            span.record(attr::REPRIEVE_DECISION, "retry");
            span.record(
                attr::REPRIEVE_DELAY_MS,
                u64::try_from(after.as_millis()).unwrap_or(u64::MAX),
            );
            span.record(attr::REPRIEVE_DELAY_SOURCE, source.as_str());
        }
        _ => {
            span.record(attr::REPRIEVE_DECISION, "stop");
        }
    }
    if let Decision::Stop { reason } = decision {
        span.record(attr::REPRIEVE_REASON, tracing::field::display(reason));
    }
}
