//! [`Builder`]: the settings both front-ends share, and the builder that sets them.

use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reprieve_core::{RetryBudget, RetryPolicy, RoutePolicies};

use crate::gate::{Lane, RateLimitGate};
use crate::idempotency::Idempotency;
use crate::sleep::{Sleeper, TokioSleeper};

/// How much of an error body is read to classify it, unless configured otherwise: 64 KiB.
pub const DEFAULT_ERROR_BODY_LIMIT: usize = 64 * 1024;

/// Picks the rate-limit gate's key from a request: by default its host.
pub type GateKey<H> = Arc<dyn Fn(&H) -> Option<String> + Send + Sync>;

mod sealed {
    pub trait Sealed {}
}

/// A front-end a [`Builder`] builds: `RetryMiddleware` (feature `reqwest`) or `RetryLayer`
/// (feature `tower`).
pub trait Adapter: sealed::Sealed {
    /// What a [`gate_key`](Builder::gate_key) function looks at: `reqwest::Request` for the
    /// middleware, `http::request::Parts` for the layer.
    type Head: ?Sized + 'static;
}

#[cfg(feature = "reqwest")]
impl sealed::Sealed for crate::RetryMiddleware {}
#[cfg(feature = "reqwest")]
impl Adapter for crate::RetryMiddleware {
    type Head = reqwest::Request;
}

#[cfg(feature = "tower")]
impl sealed::Sealed for crate::RetryLayer {}
#[cfg(feature = "tower")]
impl Adapter for crate::RetryLayer {
    type Head = http::request::Parts;
}

/// Everything one front-end instance shares between its calls.
pub(crate) struct Settings<H: ?Sized> {
    pub(crate) routes: RoutePolicies,
    pub(crate) idempotency: Option<Idempotency>,
    pub(crate) gate: Option<Arc<RateLimitGate>>,
    pub(crate) gate_key: Option<GateKey<H>>,
    pub(crate) budget: Option<Arc<RetryBudget>>,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) sleeper: Arc<dyn Sleeper>,
    pub(crate) error_body_limit: usize,
}

impl<H: ?Sized> Settings<H> {
    /// The gate lane of a request: by its `gate_key`, else by `host`. `None` when there is no gate
    /// or no key.
    pub(crate) fn lane(&self, head: &H, host: Option<&str>) -> Option<Arc<Lane>> {
        let gate = self.gate.as_ref()?;
        match &self.gate_key {
            Some(pick) => pick(head).map(|key| gate.lane(&key)),
            None => host.map(|host| gate.lane(host)),
        }
    }
}

impl<H: ?Sized> Default for Settings<H> {
    fn default() -> Self {
        Self {
            routes: RoutePolicies::default(),
            idempotency: Some(Idempotency::default()),
            gate: Some(Arc::new(RateLimitGate::new())),
            gate_key: None,
            budget: Some(Arc::new(RetryBudget::default())),
            attempt_timeout: None,
            timeout: None,
            sleeper: Arc::new(TokioSleeper),
            error_body_limit: DEFAULT_ERROR_BODY_LIMIT,
        }
    }
}

impl<H: ?Sized> fmt::Debug for Settings<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("routes", &self.routes)
            .field("idempotency", &self.idempotency)
            .field("gate", &self.gate.is_some())
            .field("gate_key", &self.gate_key.is_some())
            .field("budget", &self.budget)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("timeout", &self.timeout)
            .field("sleeper", &self.sleeper)
            .field("error_body_limit", &self.error_body_limit)
            .finish()
    }
}

/// Builds a `RetryMiddleware` or a `RetryLayer`: both take the same settings.
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
pub struct Builder<A: Adapter> {
    pub(crate) settings: Settings<A::Head>,
    adapter: PhantomData<fn() -> A>,
}

impl<A: Adapter> fmt::Debug for Builder<A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder")
            .field("settings", &self.settings)
            .finish()
    }
}

impl<A: Adapter> Default for Builder<A> {
    fn default() -> Self {
        Self {
            settings: Settings::default(),
            adapter: PhantomData,
        }
    }
}

impl<A: Adapter> Builder<A> {
    /// One policy for every request.
    pub fn policy(mut self, policy: RetryPolicy) -> Self {
        self.settings.routes = RoutePolicies::builder()
            .default_policy(policy)
            .build()
            .unwrap_or_default();
        self
    }

    /// A policy per route.
    pub fn routes(mut self, routes: RoutePolicies) -> Self {
        self.settings.routes = routes;
        self
    }

    /// How idempotency keys are attached.
    pub fn idempotency(mut self, idempotency: Idempotency) -> Self {
        self.settings.idempotency = Some(idempotency);
        self
    }

    /// Attach no idempotency keys (the caller's own still count).
    pub fn no_idempotency(mut self) -> Self {
        self.settings.idempotency = None;
        self
    }

    /// Share this gate (with another client, say).
    pub fn gate(mut self, gate: Arc<RateLimitGate>) -> Self {
        self.settings.gate = Some(gate);
        self
    }

    /// Key the gate by something other than the host, such as the API key's id. Requests for
    /// which `key` returns `None` pass the gate freely.
    pub fn gate_key(
        mut self,
        key: impl Fn(&A::Head) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.settings.gate_key = Some(Arc::new(key));
        self
    }

    /// No rate-limit gate: each request learns of a spent quota by itself.
    pub fn no_gate(mut self) -> Self {
        self.settings.gate = None;
        self
    }

    /// Share this retry budget.
    pub fn budget(mut self, budget: Arc<RetryBudget>) -> Self {
        self.settings.budget = Some(budget);
        self
    }

    /// No retry budget: only the policy bounds retries.
    pub fn no_budget(mut self) -> Self {
        self.settings.budget = None;
        self
    }

    /// A timeout for each attempt, until the response's head arrives.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.settings.attempt_timeout = Some(timeout);
        self
    }

    /// A deadline for the whole call, waits included.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = Some(timeout);
        self
    }

    /// How to wait; tests inject a [`RecordingSleeper`](crate::sleep::RecordingSleeper).
    pub fn sleeper(mut self, sleeper: impl Sleeper) -> Self {
        self.settings.sleeper = Arc::new(sleeper);
        self
    }

    /// How much of an error body is read to classify it.
    pub const fn error_body_limit(mut self, bytes: usize) -> Self {
        self.settings.error_body_limit = bytes;
        self
    }
}
