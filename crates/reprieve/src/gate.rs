//! The rate-limit gate: what one response says about the quota holds for every request of the
//! client, so later requests wait for the reset instead of each earning its own 429.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use fnv::FnvBuildHasher;
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
/// - Requests sent before the gate knew any quota (the first burst of a fresh client) are counted
///   against the first remaining figures, since the server may not have counted them yet.
///
/// A call waits for a reset only as long as its policy honours a server's delay: a reset past the
/// policy's `max_retry_after` is not waited for, so a misread one holds nothing for hours.
///
/// Waits are only as good as the server's figures: a reset in whole seconds is rounded by the
/// server, so the first requests of a window may still meet a 429, which then closes the gate for
/// its Retry-After.
///
/// A key's lane is forgotten once no call holds it and its quota no longer holds anything back, so
/// a gate keyed by tenant (one lane per API key) stays as large as its busy keys, not as all the
/// keys it ever saw.
#[derive(Debug, Default)]
pub struct RateLimitGate {
    lanes: Mutex<Lanes>,
}

#[derive(Debug, Default)]
struct Lanes {
    /// FNV rather than `SipHash`: keys are the hosts (or API key ids) the application itself
    /// calls, not input an attacker picks, and a host hashes in a fraction of `SipHash`'s time.
    by_key: HashMap<Box<str>, Arc<Lane>, FnvBuildHasher>,
    /// The size at which a new key first sweeps out the idle lanes: twice what the last sweep
    /// left, so that sweeps cost a constant amount per new key.
    sweep_at: usize,
}

/// The fewest lanes a gate keeps before it sweeps.
const MIN_SWEEP: usize = 64;

/// How long a request waits, in a window whose quota is reserved but whose end no response has
/// told yet.
const UNTIL_TOLD: Duration = Duration::from_millis(50);
/// How long the gate waits to be told before it forgets the quota and lets requests through.
const TOLD_WITHIN: Duration = Duration::from_secs(2);

/// The quota state of one key of a [`RateLimitGate`].
///
/// A call looks its key up once ([`RateLimitGate::lane`]) and keeps the lane for all its attempts,
/// so that an attempt costs one uncontended lock, not a hash of the key and a lock on the whole
/// gate.
#[derive(Debug, Default)]
pub struct Lane {
    quota: Mutex<Option<Quota>>,
    /// Requests in flight that were sent while the gate knew no quota: the first responses'
    /// remaining counts do not include them yet.
    unaccounted: AtomicU64,
}

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

/// A request's place at the gate, held while it is in flight.
#[derive(Debug)]
#[must_use = "the pass counts the request as in flight until dropped"]
pub struct Pass {
    /// The lane whose `unaccounted` count includes this request.
    unaccounted: Option<Arc<Lane>>,
}

impl Drop for Pass {
    fn drop(&mut self) {
        if let Some(lane) = &self.unaccounted {
            lane.unaccounted.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

impl RateLimitGate {
    /// An open gate.
    pub fn new() -> Self {
        Self::default()
    }

    /// The lane of `key`, opened on first use.
    pub fn lane(&self, key: &str) -> Arc<Lane> {
        self.lane_at(key, crate::attempt::now)
    }

    /// The lane of `key`; `now` is read only for a sweep, not on the path of every call.
    fn lane_at(&self, key: &str, now: impl FnOnce() -> Instant) -> Arc<Lane> {
        let mut lanes = self.lanes.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(lane) = lanes.by_key.get(key) {
            return Arc::clone(lane);
        }
        if lanes.by_key.len() >= lanes.sweep_at {
            let now = now();
            lanes.by_key.retain(|_, lane| !lane.is_idle(now));
            lanes.sweep_at = (2 * lanes.by_key.len()).max(MIN_SWEEP);
        }
        Arc::clone(lanes.by_key.entry(key.into()).or_default())
    }
}

impl Lane {
    /// Lets a request go, holding its place until the [`Pass`] is dropped; or says how long it
    /// must wait first.
    ///
    /// # Errors
    ///
    /// The wait, when the quota is spent.
    pub fn admit(self: &Arc<Self>, now: Instant) -> Result<Pass, Duration> {
        let mut guard = self.quota.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(quota) = &mut *guard {
            let rolled = quota.reset_at.is_some_and(|reset_at| now >= reset_at);
            let untold = quota.reset_at.is_none()
                && now.saturating_duration_since(quota.since) >= TOLD_WITHIN;
            if untold || (rolled && quota.limit.is_none()) {
                *guard = None;
            } else {
                if rolled {
                    *quota = Quota {
                        remaining: quota.limit.unwrap_or_default(),
                        reset_at: None,
                        limit: quota.limit,
                        since: now,
                    };
                }
                if quota.remaining == 0 {
                    return Err(quota.reset_at.map_or(UNTIL_TOLD, |reset_at| reset_at - now));
                }
                quota.remaining -= 1;
                return Ok(Pass { unaccounted: None });
            }
        }
        self.unaccounted.fetch_add(1, Ordering::AcqRel);
        Ok(Pass {
            unaccounted: Some(Arc::clone(self)),
        })
    }

    /// Whether forgetting the lane loses nothing: no call holds it (the gate's lock, held by the
    /// caller, keeps anyone from taking it meanwhile), and its quota holds nothing back any more:
    /// its window ended at least [`TOLD_WITHIN`] ago (or, its end never told, began that long
    /// ago). A request let through a fresh lane learns the current window from its response.
    fn is_idle(self: &Arc<Self>, now: Instant) -> bool {
        if Arc::strong_count(self) > 1 {
            return false;
        }
        let guard = self.quota.lock().unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().is_none_or(|quota| {
            quota
                .reset_at
                .unwrap_or(quota.since)
                .checked_add(TOLD_WITHIN)
                .is_some_and(|settled| now >= settled)
        })
    }

    /// Takes in what the response to `pass`'s request said: the quota state, and the server's
    /// delay on a throttle.
    pub fn observe(
        &self,
        pass: &Pass,
        now: Instant,
        limit: Option<&RateLimit>,
        reset_in: Option<Duration>,
        throttled_for: Option<Duration>,
    ) {
        let mut guard = self.quota.lock().unwrap_or_else(PoisonError::into_inner);
        let announced = limit.and_then(|l| l.limit);
        if let Some(delay) = throttled_for {
            let Some(reset_at) = now.checked_add(delay) else {
                return;
            };
            let quota = guard.get_or_insert(Quota {
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
        let (Some(reported), Some(reset_in)) = (limit.and_then(|l| l.remaining), reset_in) else {
            return;
        };
        let Some(reset_at) = now.checked_add(reset_in) else {
            return;
        };
        // Requests sent before the gate knew the quota may reach the server after this one: count
        // them as spent.
        let others = self
            .unaccounted
            .load(Ordering::Acquire)
            .saturating_sub(u64::from(pass.unaccounted.is_some()));
        let remaining = reported.saturating_sub(others);
        let fresh = Quota {
            remaining,
            reset_at: Some(reset_at),
            limit: announced,
            since: now,
        };
        match &mut *guard {
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
            None => *guard = Some(fresh),
        }
    }
}

/// Waiting at the gate would pass the call's deadline or its policy's `max_elapsed`.
#[derive(Debug, thiserror::Error)]
#[error("rate-limit quota spent: waiting {wait:?} for the reset would pass the call's time limit")]
pub struct QuotaExhausted {
    /// The wait the gate asked for.
    pub wait: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEC: Duration = Duration::from_secs(1);

    fn limit(remaining: u64, of: Option<u64>) -> RateLimit {
        let mut limit = RateLimit::default();
        limit.remaining = Some(remaining);
        limit.limit = of;
        limit
    }

    /// The wait `admit` asks for, `None` when it lets the request go (dropping its pass).
    fn wait(gate: &RateLimitGate, key: &str, now: Instant) -> Option<Duration> {
        gate.lane(key).admit(now).err()
    }

    #[test]
    fn a_spent_quota_holds_requests_until_the_reset() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let pass = gate.lane("api").admit(now).unwrap();
        gate.lane("api")
            .observe(&pass, now, Some(&limit(0, None)), Some(17 * SEC), None);
        assert_eq!(wait(&gate, "api", now), Some(17 * SEC));
        assert_eq!(wait(&gate, "other", now), None);
        assert_eq!(wait(&gate, "api", now + 17 * SEC), None);
    }

    #[test]
    fn concurrent_requests_reserve_the_remaining_quota() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let pass = gate.lane("api").admit(now).unwrap();
        gate.lane("api")
            .observe(&pass, now, Some(&limit(2, None)), Some(10 * SEC), None);
        drop(pass);
        assert_eq!(wait(&gate, "api", now), None);
        assert_eq!(wait(&gate, "api", now), None);
        assert_eq!(wait(&gate, "api", now), Some(10 * SEC));
    }

    #[test]
    fn requests_sent_before_the_quota_was_known_count_against_it() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        // A fresh client's burst of four, before any response.
        let passes: Vec<_> = (0..4)
            .map(|_| gate.lane("api").admit(now).unwrap())
            .collect();
        // The first answer says 3 left; the other three in flight may not be counted yet.
        gate.lane("api")
            .observe(&passes[0], now, Some(&limit(3, Some(4))), Some(SEC), None);
        drop(passes);
        assert_eq!(wait(&gate, "api", now), Some(SEC));
    }

    #[test]
    fn a_throttle_closes_the_gate_for_its_delay() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let pass = gate.lane("api").admit(now).unwrap();
        gate.lane("api")
            .observe(&pass, now, None, None, Some(2 * SEC));
        assert_eq!(wait(&gate, "api", now + SEC), Some(SEC));
    }

    #[test]
    fn a_rolled_window_admits_the_announced_limit_then_waits_to_be_told() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let pass = gate.lane("api").admit(now).unwrap();
        gate.lane("api")
            .observe(&pass, now, Some(&limit(0, Some(2))), Some(SEC), None);
        drop(pass);
        let rolled = now + SEC;
        let first = gate.lane("api").admit(rolled).unwrap();
        assert_eq!(wait(&gate, "api", rolled), None);
        // The third waits for a response of the new window, not for a reset it cannot know.
        assert_eq!(wait(&gate, "api", rolled), Some(UNTIL_TOLD));
        gate.lane("api")
            .observe(&first, rolled, Some(&limit(1, Some(2))), Some(SEC), None);
        assert_eq!(wait(&gate, "api", rolled), Some(SEC));
        assert_eq!(wait(&gate, "api", rolled + SEC), None);
    }

    #[test]
    fn a_window_nobody_describes_is_forgotten() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let pass = gate.lane("api").admit(now).unwrap();
        gate.lane("api")
            .observe(&pass, now, Some(&limit(0, Some(1))), Some(SEC), None);
        drop(pass);
        let rolled = now + SEC;
        assert_eq!(wait(&gate, "api", rolled), None);
        assert_eq!(wait(&gate, "api", rolled), Some(UNTIL_TOLD));
        assert_eq!(wait(&gate, "api", rolled + TOLD_WITHIN), None);
    }

    fn holds(gate: &RateLimitGate, key: &str) -> bool {
        gate.lanes.lock().unwrap().by_key.contains_key(key)
    }

    fn size(gate: &RateLimitGate) -> usize {
        gate.lanes.lock().unwrap().by_key.len()
    }

    #[test]
    fn a_gate_keyed_by_tenant_forgets_idle_tenants() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        for tenant in 0..10_000 {
            let lane = gate.lane_at(&format!("key_{tenant}"), || now);
            drop(lane.admit(now).unwrap());
        }
        assert!(size(&gate) <= 2 * MIN_SWEEP, "{} lanes", size(&gate));
    }

    #[test]
    fn a_lane_in_use_or_holding_back_requests_is_kept() {
        let gate = RateLimitGate::new();
        let now = Instant::now();
        let held = gate.lane_at("held", || now);
        let pass = gate.lane_at("spent", || now).admit(now).unwrap();
        gate.lane_at("spent", || now).observe(
            &pass,
            now,
            Some(&limit(0, Some(5))),
            Some(60 * SEC),
            None,
        );
        drop(pass);
        let crowd = |at: Instant, prefix: &str| {
            for tenant in 0..1_000 {
                drop(gate.lane_at(&format!("{prefix}_{tenant}"), || at));
            }
        };
        crowd(now, "early");
        assert!(Arc::ptr_eq(&held, &gate.lane_at("held", || now)));
        assert_eq!(wait(&gate, "spent", now + SEC), Some(59 * SEC));
        // Once the window has ended and nobody described the next in time, it goes too.
        crowd(now + 60 * SEC + TOLD_WITHIN, "late");
        assert!(!holds(&gate, "spent"));
        assert!(holds(&gate, "held"));
    }

    #[test]
    fn hostile_delays_do_not_overflow() {
        let gate = RateLimitGate::new();
        let pass = gate.lane("api").admit(Instant::now()).unwrap();
        gate.lane("api")
            .observe(&pass, Instant::now(), None, None, Some(Duration::MAX));
        gate.lane("api").observe(
            &pass,
            Instant::now(),
            Some(&limit(0, Some(u64::MAX))),
            Some(Duration::MAX),
            None,
        );
    }
}
