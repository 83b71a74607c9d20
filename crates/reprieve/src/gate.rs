//! The rate-limit gate: what one response says about the quota holds for every request of the
//! client, so later requests wait for the reset instead of each earning its own 429.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use reprieve_core::headers::RateLimit;

/// Quota state per key (the host, or a key the caller picks such as the API key's id), shared by
/// all requests of one client.
///
/// - When a response says the quota is spent (`remaining: 0` with a reset, or a 429 with a
///   delay), requests to the same key wait until the reset.
/// - While it is not spent, each request reserves one of the remaining requests, so that
///   concurrent callers do not all rush the last few.
/// - When the window rolls over, a limit the server announced (`X-RateLimit-Limit`) is the new
///   window's quota: the callers that waited for the reset go out up to the limit, and the others
///   wait for the new window's first responses to say when it ends, instead of all rushing in at
///   once.
///
/// Waits are only as good as the server's figures: a reset in whole seconds is rounded by the
/// server, so the first requests of a window may still meet a 429, which then closes the gate for
/// its Retry-After.
#[derive(Debug, Default)]
pub struct RateLimitGate {
    quotas: Mutex<HashMap<String, Quota>>,
}

/// How long a request waits, in a window whose quota is reserved but whose end no response has
/// told yet.
const UNTIL_TOLD: Duration = Duration::from_millis(50);
/// How long the gate waits to be told before it forgets the quota and lets requests through.
const TOLD_WITHIN: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, Copy)]
struct Quota {
    /// Requests left in the window, as last reported minus those sent since.
    remaining: u64,
    /// When the window ends: `None` in a window that rolled over and no response has described.
    reset_at: Option<Instant>,
    /// The window's full quota, when the server said it.
    limit: Option<u64>,
    /// When the window began, as far as the gate knows.
    since: Instant,
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
        let rolled = quota.reset_at.is_some_and(|reset_at| now >= reset_at);
        let untold =
            quota.reset_at.is_none() && now.saturating_duration_since(quota.since) >= TOLD_WITHIN;
        if untold || (rolled && quota.limit.is_none()) {
            quotas.remove(key);
            return None;
        }
        if rolled {
            *quota = Quota {
                remaining: quota.limit.unwrap_or_default(),
                reset_at: None,
                limit: quota.limit,
                since: now,
            };
        }
        if quota.remaining == 0 {
            return Some(quota.reset_at.map_or(UNTIL_TOLD, |reset_at| reset_at - now));
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
        let announced = limit.and_then(|l| l.limit);
        if let Some(delay) = throttled_for {
            let Some(reset_at) = now.checked_add(delay) else {
                return;
            };
            let quota = quotas.entry(key.to_owned()).or_insert(Quota {
                remaining: 0,
                reset_at: Some(reset_at),
                limit: announced,
                since: now,
            });
            quota.remaining = 0;
            quota.reset_at = Some(quota.reset_at.map_or(reset_at, |at| at.max(reset_at)));
            quota.limit = announced.or(quota.limit);
            return;
        }
        let (Some(remaining), Some(reset_in)) = (limit.and_then(|l| l.remaining), reset_in) else {
            return;
        };
        let Some(reset_at) = now.checked_add(reset_in) else {
            return;
        };
        let fresh = Quota {
            remaining,
            reset_at: Some(reset_at),
            limit: announced,
            since: now,
        };
        match quotas.get_mut(key) {
            // The first word on a window that rolled over: keep the reservations made since.
            Some(quota) if quota.reset_at.is_none() => {
                quota.remaining = quota.remaining.min(remaining);
                quota.reset_at = Some(reset_at);
                quota.limit = announced.or(quota.limit);
            }
            // A newer window than the gate knew (its end is later by more than a server's
            // rounding): start over from what the server says.
            Some(quota)
                if quota
                    .reset_at
                    .is_some_and(|known| reset_at > known + Duration::from_millis(500)) =>
            {
                *quota = fresh;
            }
            // The same window: responses to concurrent requests arrive out of order; the lowest
            // remaining count is the freshest.
            Some(quota) => {
                quota.remaining = quota.remaining.min(remaining);
                quota.limit = announced.or(quota.limit);
            }
            None => {
                quotas.insert(key.to_owned(), fresh);
            }
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
    fn a_rolled_window_admits_the_announced_limit_then_waits_to_be_told() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let mut spent = limit(0);
        spent.limit = Some(2);
        gate.observe("api", now, Some(&spent), Some(Duration::from_secs(1)), None);
        let rolled = now + Duration::from_secs(1);
        assert_eq!(gate.admit("api", rolled), None);
        assert_eq!(gate.admit("api", rolled), None);
        // The third waits for a response of the new window, not for a reset it cannot know.
        assert_eq!(gate.admit("api", rolled), Some(UNTIL_TOLD));
        let mut told = limit(0);
        told.limit = Some(2);
        gate.observe(
            "api",
            rolled,
            Some(&told),
            Some(Duration::from_secs(1)),
            None,
        );
        assert_eq!(gate.admit("api", rolled), Some(Duration::from_secs(1)));
        assert_eq!(gate.admit("api", rolled + Duration::from_secs(1)), None);
    }

    #[test]
    fn a_window_nobody_describes_is_forgotten() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let mut spent = limit(0);
        spent.limit = Some(1);
        gate.observe("api", now, Some(&spent), Some(Duration::from_secs(1)), None);
        let rolled = now + Duration::from_secs(1);
        assert_eq!(gate.admit("api", rolled), None);
        assert_eq!(gate.admit("api", rolled), Some(UNTIL_TOLD));
        assert_eq!(gate.admit("api", rolled + TOLD_WITHIN), None);
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
