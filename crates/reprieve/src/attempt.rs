//! The bookkeeping of one logical call that every adapter shares: attempt numbers, elapsed time,
//! the deadline, the budget, and the decision after each failure (made by reprieve-core).

use std::time::{Duration, Instant, SystemTime};

use http::Method;
use rand::SeedableRng;
use rand::rngs::SmallRng;
use reprieve_core::decide::{Attempt, Outcome, Request, StopReason};
use reprieve_core::{Decision, RetryBudget, RetryPolicy};

use crate::telemetry as attr;

/// One logical call in progress.
#[derive(Debug)]
pub(crate) struct Call<'a> {
    policy: &'a RetryPolicy,
    method: Method,
    has_key: bool,
    started: Instant,
    deadline: Option<Instant>,
    number: u32,
    previous_delay: Option<Duration>,
    rng: SmallRng,
}

impl<'a> Call<'a> {
    pub(crate) fn new(
        policy: &'a RetryPolicy,
        method: Method,
        has_key: bool,
        timeout: Option<Duration>,
    ) -> Self {
        let started = Instant::now();
        Self {
            policy,
            method,
            has_key,
            started,
            deadline: timeout.and_then(|t| started.checked_add(t)),
            number: 1,
            previous_delay: None,
            rng: SmallRng::from_os_rng(),
        }
    }

    /// The attempt about to be made (from 1).
    pub(crate) const fn number(&self) -> u32 {
        self.number
    }

    /// The time left before the call's deadline, if it has one.
    pub(crate) fn time_left(&self) -> Option<Duration> {
        self.deadline
            .map(|deadline| deadline.saturating_duration_since(Instant::now()))
    }

    /// Decides what follows the failed attempt; on a retry, counts it and spends the budget. A
    /// request that cannot be resent (`can_resend` false: its body was a stream) stops here.
    pub(crate) fn decide(
        &mut self,
        outcome: &Outcome<'_>,
        budget: Option<&RetryBudget>,
        can_resend: bool,
    ) -> Decision {
        if !can_resend {
            return Decision::Stop {
                reason: StopReason::AttemptsExhausted {
                    attempts: self.number,
                },
            };
        }
        let request = Request::new(&self.method).idempotency_key(self.has_key);
        let mut attempt = Attempt::new(request, self.number).elapsed(self.started.elapsed());
        if let Some(left) = self.time_left() {
            attempt = attempt.time_left(left);
        }
        if let Some(previous) = self.previous_delay {
            attempt = attempt.previous_delay(previous);
        }
        let mut decision = reprieve_core::decide(
            self.policy,
            &attempt,
            outcome,
            SystemTime::now(),
            &mut self.rng,
        );
        if decision.is_retry() && budget.is_some_and(|budget| !budget.withdraw(Instant::now())) {
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
