//! [`RetryMiddleware`]: the reqwest-middleware front-end.

use std::sync::Arc;
use std::time::{Duration, Instant};

use http::Extensions;
use reprieve_core::decide::{DelaySource, Outcome, TransportFailure, TransportKind};
use reprieve_core::{ApiError, Decision, RetryBudget, RetryPolicy, RoutePolicies};
use reqwest::{Request, Response};
use reqwest_middleware::{Middleware, Next, Result};
use tracing::Instrument;
use tracing::field::Empty;

use crate::attempt::{Call, record_decision};
use crate::gate::RateLimitGate;
use crate::idempotency::{Idempotency, IdempotencyKey};
use crate::response::{DEFAULT_ERROR_BODY_LIMIT, read_prefix};
use crate::sleep::{Sleeper, TokioSleeper};
use crate::telemetry::{self as attr, method_name, redact_url};

/// How many attempts a call took, in the response's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attempts(pub u32);

/// Picks the rate-limit gate's key for a request: by default its host.
pub type GateKey = Arc<dyn Fn(&Request) -> Option<String> + Send + Sync>;

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
/// 3. Waits at the rate-limit gate when an earlier response said the quota is spent.
/// 4. Sends; on a non-success response reads at most 64 KiB of the body to classify it
///    ([`ApiError::from_response`]), and hands the caller the whole body if it stops.
/// 5. Asks reprieve-core's [`decide`](reprieve_core::decide()) and the retry budget whether to
///    retry, and sleeps through the [`Sleeper`].
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
    config: Arc<Config>,
}

struct Config {
    routes: RoutePolicies,
    idempotency: Option<Idempotency>,
    gate: Option<Arc<RateLimitGate>>,
    gate_key: Option<GateKey>,
    budget: Option<Arc<RetryBudget>>,
    attempt_timeout: Option<Duration>,
    timeout: Option<Duration>,
    sleeper: Arc<dyn Sleeper>,
    error_body_limit: usize,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("routes", &self.routes)
            .field("idempotency", &self.idempotency)
            .field("gate", &self.gate.is_some())
            .field("budget", &self.budget)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("timeout", &self.timeout)
            .field("sleeper", &self.sleeper)
            .field("error_body_limit", &self.error_body_limit)
            .finish_non_exhaustive()
    }
}

impl Default for RetryMiddleware {
    /// The recommended behaviour: [`RetryPolicy::default`], idempotency keys on POST and PATCH,
    /// the rate-limit gate keyed by host, the default [`RetryBudget`], tokio's timer.
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
        RetryMiddlewareBuilder {
            config: Config {
                routes: RoutePolicies::default(),
                idempotency: Some(Idempotency::default()),
                gate: Some(Arc::new(RateLimitGate::new())),
                gate_key: None,
                budget: Some(Arc::new(RetryBudget::default())),
                attempt_timeout: None,
                timeout: None,
                sleeper: Arc::new(TokioSleeper),
                error_body_limit: DEFAULT_ERROR_BODY_LIMIT,
            },
        }
    }
}

/// Builds a [`RetryMiddleware`].
///
/// # Defaults
///
/// | setting | default |
/// |---|---|
/// | policy | [`RetryPolicy::default`], for every route |
/// | idempotency | `Idempotency-Key` on POST and PATCH |
/// | rate-limit gate | on, keyed by host |
/// | budget | [`RetryBudget::default`] |
/// | attempt timeout | none (the client's own) |
/// | timeout | none (the policy's `max_elapsed` bounds the waits) |
/// | sleeper | [`TokioSleeper`] |
/// | error body read | 64 KiB |
#[must_use]
#[derive(Debug)]
pub struct RetryMiddlewareBuilder {
    config: Config,
}

impl RetryMiddlewareBuilder {
    /// One policy for every request.
    pub fn policy(mut self, policy: RetryPolicy) -> Self {
        self.config.routes = RoutePolicies::builder()
            .default_policy(policy)
            .build()
            .unwrap_or_default();
        self
    }

    /// A policy per route.
    pub fn routes(mut self, routes: RoutePolicies) -> Self {
        self.config.routes = routes;
        self
    }

    /// How idempotency keys are attached.
    pub fn idempotency(mut self, idempotency: Idempotency) -> Self {
        self.config.idempotency = Some(idempotency);
        self
    }

    /// Attach no idempotency keys (the caller's own still count).
    pub fn no_idempotency(mut self) -> Self {
        self.config.idempotency = None;
        self
    }

    /// Share this gate (with another middleware, say).
    pub fn gate(mut self, gate: Arc<RateLimitGate>) -> Self {
        self.config.gate = Some(gate);
        self
    }

    /// Key the gate by something other than the host, such as the API key's id.
    pub fn gate_key(
        mut self,
        key: impl Fn(&Request) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.config.gate_key = Some(Arc::new(key));
        self
    }

    /// No rate-limit gate: each request learns of a spent quota by itself.
    pub fn no_gate(mut self) -> Self {
        self.config.gate = None;
        self
    }

    /// Share this retry budget.
    pub fn budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.config.budget = Some(budget);
        self
    }

    /// No retry budget: only the policy bounds retries.
    pub fn no_budget(mut self) -> Self {
        self.config.budget = None;
        self
    }

    /// A timeout for each attempt (reqwest's request timeout).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = Some(timeout);
        self
    }

    /// A deadline for the whole call, waits included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.config.timeout = Some(timeout);
        self
    }

    /// How to wait; tests inject a [`RecordingSleeper`](crate::sleep::RecordingSleeper).
    pub fn sleeper(mut self, sleeper: impl Sleeper) -> Self {
        self.config.sleeper = Arc::new(sleeper);
        self
    }

    /// How much of an error body is read to classify it.
    pub const fn error_body_limit(mut self, bytes: usize) -> Self {
        self.config.error_body_limit = bytes;
        self
    }

    /// The middleware.
    pub fn build(self) -> RetryMiddleware {
        RetryMiddleware {
            config: Arc::new(self.config),
        }
    }
}

/// Waiting at the gate would pass the call's deadline.
#[derive(Debug, thiserror::Error)]
#[error("rate-limit quota spent: waiting {wait:?} for the reset would pass the deadline")]
pub struct QuotaExhausted {
    /// The wait the gate asked for.
    pub wait: Duration,
}

#[async_trait::async_trait]
impl Middleware for RetryMiddleware {
    // The attempt loop reads top to bottom; split up, its shared state would travel in arguments.
    #[allow(clippy::too_many_lines)]
    async fn handle(
        &self,
        mut request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> Result<Response> {
        // NOTE: `pending` holds the original request while it can be cloned for a resend; a request
        // that cannot be cloned is moved into its one attempt.
        let config = &*self.config;
        let resolved = config
            .routes
            .resolve(request.method(), request.url().path());
        let override_policy = extensions.get::<RetryPolicy>().cloned();
        let policy = override_policy.as_ref().unwrap_or(resolved.policy());
        let method = request.method().clone();
        let key = config
            .idempotency
            .as_ref()
            .and_then(|idempotency| idempotency.ensure(&method, request.headers_mut()));
        let gate_key = match &config.gate_key {
            Some(pick) => pick(&request),
            None => request.url().host_str().map(str::to_owned),
        };
        let call_span = tracing::info_span!(
            "reprieve.call",
            otel.name = Empty,
            reprieve.route = resolved.route(),
            reprieve.attempts = Empty,
            reprieve.outcome = Empty,
        );
        // Named `{METHOD} {route template}` only when someone listens: no allocation otherwise.
        let name = (!call_span.is_disabled()).then(|| match resolved.template() {
            Some(template) => format!("{} {template}", request.method()),
            None => request.method().to_string(),
        });
        if let Some(name) = &name {
            call_span.record(attr::OTEL_NAME, name.as_str());
        }
        if let Some(budget) = &config.budget {
            budget.deposit(Instant::now());
        }
        let mut call = Call::new(policy, method, key.is_some(), config.timeout);
        let mut pending = Some(request);
        // A call that just waited out the server's own delay has honoured the gate already.
        let mut waited_for_server = false;
        let result = async {
            loop {
                if let (Some(gate), Some(gate_key), false) =
                    (&config.gate, &gate_key, waited_for_server)
                {
                    while let Some(wait) = gate.admit(gate_key, Instant::now()) {
                        if call.time_left().is_some_and(|left| wait >= left) {
                            return Err(reqwest_middleware::Error::middleware(QuotaExhausted {
                                wait,
                            }));
                        }
                        config.sleeper.sleep(wait).await;
                    }
                }
                let Some(original) = pending.take() else {
                    // Only a cloneable request is retried, and it is put back before each resend.
                    return Err(reqwest_middleware::Error::middleware(NotCloneable));
                };
                let (mut this, cloneable) = match original.try_clone() {
                    Some(copy) => {
                        pending = Some(original);
                        (copy, true)
                    }
                    None => (original, false),
                };
                set_timeout(&mut this, config.attempt_timeout, call.time_left());
                let span = attempt_span(&this, name.as_deref(), call.number());
                let sent = next
                    .clone()
                    .run(this, extensions)
                    .instrument(span.clone())
                    .await;
                let decision = match sent {
                    Ok(response)
                        if !(response.status().is_client_error()
                            || response.status().is_server_error()) =>
                    {
                        span.record(attr::HTTP_RESPONSE_STATUS_CODE, response.status().as_u16());
                        observe_gate(config, gate_key.as_deref(), &response, None);
                        return Ok(finish(response, key.as_deref(), call.number()));
                    }
                    Ok(response) => {
                        let (prefix, response) =
                            read_prefix(response, config.error_body_limit).await;
                        let error =
                            ApiError::from_response(response.status(), response.headers(), &prefix);
                        record_error(&span, &error);
                        observe_gate(config, gate_key.as_deref(), &response, Some(&error));
                        let decision = call.decide(
                            &Outcome::Response(&error),
                            config.budget.as_deref(),
                            cloneable,
                        );
                        record_decision(&span, &decision);
                        if !decision.is_retry() {
                            return Ok(finish(response, key.as_deref(), call.number()));
                        }
                        decision
                    }
                    Err(error) => {
                        let Some(failure) = transport_failure(&error) else {
                            return Err(error);
                        };
                        span.record(attr::ERROR_TYPE, failure.kind.as_str());
                        span.record(attr::OTEL_STATUS_CODE, "ERROR");
                        let decision = call.decide(
                            &Outcome::Transport(failure),
                            config.budget.as_deref(),
                            cloneable,
                        );
                        record_decision(&span, &decision);
                        if !decision.is_retry() {
                            return Err(error);
                        }
                        decision
                    }
                };
                if let Decision::Retry { after, source, .. } = decision {
                    config.sleeper.sleep(after).await;
                    waited_for_server = source != DelaySource::Backoff;
                }
            }
        }
        .instrument(call_span.clone())
        .await;
        call_span.record(attr::REPRIEVE_ATTEMPTS, call.number());
        call_span.record(
            attr::REPRIEVE_OUTCOME,
            match &result {
                Ok(response) if response.status().is_success() => "success",
                Ok(_) => "gave_up",
                Err(_) => "error",
            },
        );
        result
    }
}

/// Internal: a resend was attempted without the original request. Never returned in practice.
#[derive(Debug, thiserror::Error)]
#[error("internal error: a request was resent after it was moved")]
struct NotCloneable;

/// Bounds reqwest's own timeout for the attempt by the attempt timeout and the time left.
fn set_timeout(
    request: &mut Request,
    attempt_timeout: Option<Duration>,
    time_left: Option<Duration>,
) {
    let bound = match (attempt_timeout, time_left) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if let Some(bound) = bound {
        let timeout = request.timeout_mut();
        *timeout = Some(timeout.map_or(bound, |own| own.min(bound)));
    }
}

/// The client span of one attempt; every field declared up front, filled in as it becomes known.
fn attempt_span(request: &Request, name: Option<&str>, number: u32) -> tracing::Span {
    let method = method_name(request.method());
    let span = tracing::info_span!(
        "HTTP",
        otel.name = name.unwrap_or(request.method().as_str()),
        otel.kind = "client",
        otel.status_code = Empty,
        http.request.method = method,
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
        let url = request.url();
        span.record(attr::URL_FULL, redact_url(url.as_str()));
        if let Some(host) = url.host_str() {
            span.record(attr::SERVER_ADDRESS, host);
        }
        if let Some(port) = url.port_or_known_default() {
            span.record(attr::SERVER_PORT, port);
        }
        if method == "_OTHER" {
            span.record(
                attr::HTTP_REQUEST_METHOD_ORIGINAL,
                request.method().as_str(),
            );
        }
        if number > 1 {
            span.record(attr::HTTP_REQUEST_RESEND_COUNT, number - 1);
        }
    }
    span
}

fn record_error(span: &tracing::Span, error: &ApiError) {
    span.record(attr::HTTP_RESPONSE_STATUS_CODE, error.status().as_u16());
    span.record(attr::ERROR_TYPE, error.status().as_str());
    span.record(attr::OTEL_STATUS_CODE, "ERROR");
    span.record(attr::REPRIEVE_KIND, error.kind().as_str());
    if let Some(code) = error.code() {
        span.record(attr::REPRIEVE_CODE, code);
    }
}

/// Tells the gate what a response said about the quota.
fn observe_gate(config: &Config, key: Option<&str>, response: &Response, error: Option<&ApiError>) {
    let (Some(gate), Some(key)) = (&config.gate, key) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let reference = error.and_then(ApiError::date).unwrap_or(now);
    let limit = match error {
        Some(error) => error.rate_limit().copied(),
        None => reprieve_core::headers::RateLimit::from_headers(response.headers()),
    };
    let reset_in = limit
        .as_ref()
        .and_then(|limit| limit.reset_after(reference));
    let throttled_for = error
        .filter(|error| error.kind() == reprieve_core::ErrorKind::RateLimited)
        .and_then(|error| error.retry_after_at(now));
    gate.observe(key, Instant::now(), limit.as_ref(), reset_in, throttled_for);
}

/// Hands the caller the response with the call's key and attempt count in its extensions.
fn finish(mut response: Response, key: Option<&str>, attempts: u32) -> Response {
    if let Some(key) = key {
        response
            .extensions_mut()
            .insert(IdempotencyKey(key.to_owned()));
    }
    response.extensions_mut().insert(Attempts(attempts));
    response
}

/// The transport failure a reqwest error stands for; `None` for another middleware's error, which
/// is not retried.
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
