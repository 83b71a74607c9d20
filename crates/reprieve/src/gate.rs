//! The rate-limit gate: what one response says about the quota holds for every request of the
//! client, so later requests wait for the reset instead of each earning its own 429.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use reprieve_core::headers::RateLimit;

/// Quota state per key (the host, or a key the caller picks such as the API key's id), shared by
/// all requests of one middleware.
///
/// When a response says the quota is spent (`remaining: 0` with a reset, or a 429 with a delay),
/// requests to the same key wait until the reset. While the quota is not spent, each request
/// reserves one of the remaining requests, so that concurrent callers do not all rush the last few.
#[derive(Debug, Default)]
pub struct RateLimitGate {
    quotas: Mutex<HashMap<String, Quota>>,
}

#[derive(Debug, Clone, Copy)]
struct Quota {
    /// Requests left until `reset_at`, as last reported minus those sent since.
    remaining: u64,
    reset_at: Instant,
}

impl RateLimitGate {
    /// An open gate.
    pub fn new() -> Self {
        Self::default()
    }

    /// How long a request to `key` must wait before it may be sent; reserves its place when it
    /// need not wait.
    pub fn admit(&self, key: &str, now: Instant) -> Option<Duration> {
        let mut quotas = self.quotas.lock().unwrap_or_else(PoisonError::into_inner);
        let quota = quotas.get_mut(key)?;
        if now >= quota.reset_at {
            quotas.remove(key);
            return None;
        }
        if quota.remaining == 0 {
            return Some(quota.reset_at - now);
        }
        quota.remaining -= 1;
        None
    }

    /// Takes in what a response said: the quota state, and the server's delay on a throttle.
    pub fn observe(
        &self,
        key: &str,
        now: Instant,
        limit: Option<&RateLimit>,
        reset_in: Option<Duration>,
        throttled_for: Option<Duration>,
    ) {
        let mut quotas = self.quotas.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(delay) = throttled_for {
            let Some(reset_at) = now.checked_add(delay) else {
                return;
            };
            let quota = quotas.entry(key.to_owned()).or_insert(Quota {
                remaining: 0,
                reset_at,
            });
            quota.remaining = 0;
            quota.reset_at = quota.reset_at.max(reset_at);
            return;
        }
        let (Some(remaining), Some(reset_in)) = (limit.and_then(|l| l.remaining), reset_in) else {
            return;
        };
        let Some(reset_at) = now.checked_add(reset_in) else {
            return;
        };
        match quotas.get_mut(key) {
            // A newer window: start over from what the server says.
            Some(quota) if reset_at > quota.reset_at + Duration::from_millis(500) => {
                *quota = Quota {
                    remaining,
                    reset_at,
                };
            }
            // The same window: responses to concurrent requests arrive out of order; the lowest
            // remaining count is the freshest.
            Some(quota) => quota.remaining = quota.remaining.min(remaining),
            None => {
                quotas.insert(
                    key.to_owned(),
                    Quota {
                        remaining,
                        reset_at,
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(remaining: u64) -> RateLimit {
        let mut limit = RateLimit::default();
        limit.remaining = Some(remaining);
        limit
    }

    #[test]
    fn a_spent_quota_holds_requests_until_the_reset() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        assert_eq!(gate.admit("api", now), None);
        gate.observe(
            "api",
            now,
            Some(&limit(0)),
            Some(Duration::from_secs(17)),
            None,
        );
        assert_eq!(gate.admit("api", now), Some(Duration::from_secs(17)));
        assert_eq!(gate.admit("other", now), None);
        assert_eq!(gate.admit("api", now + Duration::from_secs(17)), None);
    }

    #[test]
    fn concurrent_requests_reserve_the_remaining_quota() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        gate.observe(
            "api",
            now,
            Some(&limit(2)),
            Some(Duration::from_secs(10)),
            None,
        );
        assert_eq!(gate.admit("api", now), None);
        assert_eq!(gate.admit("api", now), None);
        assert_eq!(gate.admit("api", now), Some(Duration::from_secs(10)));
    }

    #[test]
    fn a_throttle_closes_the_gate_for_its_delay() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        gate.observe("api", now, None, None, Some(Duration::from_secs(2)));
        assert_eq!(
            gate.admit("api", now + Duration::from_secs(1)),
            Some(Duration::from_secs(1))
        );
    }

    #[test]
    fn hostile_delays_do_not_overflow() {
        let gate = RateLimitGate::new();
        gate.observe("api", Instant::now(), None, None, Some(Duration::MAX));
        gate.observe(
            "api",
            Instant::now(),
            Some(&limit(0)),
            Some(Duration::MAX),
            None,
        );
    }
}
