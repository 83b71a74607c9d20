//! [`RetryBudget`]: retries as a share of requests, so a failing dependency gets no retry storm.
//!
//! # Why budgets and not only max attempts?
//!
//! `max_attempts` bounds one call. When a dependency fails for everyone, every call spends all of
//! its attempts, and a client with `max_attempts = 3` triples its load on a server that is already
//! down. A budget bounds the client: retries may add at most a set share of the requests made in
//! a recent window, plus a small floor so that a quiet client can still retry. Once spent, calls
//! fail fast with their last response until requests replenish it.
//!
//! The budget reads no clock: callers hand it the current [`Instant`].

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::policy::ConfigError;

/// How many slots the window is divided into.
const SLOTS: u32 = 10;

/// A sliding-window retry budget shared by every request of a client.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, Instant};
/// use reprieve_core::RetryBudget;
///
/// // Retries may add 20% to the requests of the last 10 s, plus 1 retry per second.
/// let budget = RetryBudget::new(Duration::from_secs(10), 1, 0.2)?;
/// let now = Instant::now();
/// for _ in 0..100 {
///     budget.deposit(now);
/// }
/// let granted = (0..100).filter(|_| budget.withdraw(now)).count();
/// assert_eq!(granted, 30); // 20 from the share, 10 from the floor
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Defaults
///
/// [`RetryBudget::default`]: a 10 s window, a floor of 10 retries per second, and retries up to
/// 20% of requests (tower's `TpsBudget` defaults).
#[derive(Debug)]
pub struct RetryBudget {
    window: Duration,
    floor: u64,
    ratio_millis: u64,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    origin: Option<Instant>,
    /// Per slot: (slot number, requests, retries).
    slots: [(u64, u64, u64); SLOTS as usize],
}

impl RetryBudget {
    /// A budget over `window` (1 to 60 s) allowing `min_per_sec` retries a second whatever the
    /// traffic (0 to 1 000 000), plus `retry_ratio` retries per request (0 to 1000; 0.2 means
    /// retries may add 20%).
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the value out of range.
    pub fn new(window: Duration, min_per_sec: u32, retry_ratio: f32) -> Result<Self, ConfigError> {
        if window < Duration::from_secs(1) || window > Duration::from_secs(60) {
            return Err(ConfigError::invalid(format!(
                "budget window must be between 1s and 60s, found {window:?}"
            )));
        }
        if min_per_sec > 1_000_000 {
            return Err(ConfigError::invalid(format!(
                "budget min_per_sec must be at most 1000000, found {min_per_sec}"
            )));
        }
        if !(0.0..=1000.0).contains(&retry_ratio) {
            return Err(ConfigError::invalid(format!(
                "budget retry_ratio must be between 0 and 1000, found {retry_ratio}"
            )));
        }
        // Exact in u64: ratio in thousandths, floor over the whole window.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let ratio_millis = (f64::from(retry_ratio) * 1000.0).round() as u64;
        Ok(Self {
            window,
            floor: u64::from(min_per_sec) * window.as_secs(),
            ratio_millis,
            state: Mutex::new(State {
                origin: None,
                slots: [(0, 0, 0); SLOTS as usize],
            }),
        })
    }

    /// Records a request (a first send).
    pub fn deposit(&self, now: Instant) {
        self.with_slot(now, |slot| slot.1 += 1);
    }

    /// Spends one retry, if the budget has one; `false` means do not retry.
    pub fn withdraw(&self, now: Instant) -> bool {
        let mut granted = false;
        let floor = self.floor;
        let ratio = self.ratio_millis;
        self.with_window(now, |state, current| {
            let (requests, retries) = state
                .slots
                .iter()
                .filter(|(slot, ..)| slot + u64::from(SLOTS) > current)
                .fold((0, 0), |(q, r), (_, q2, r2)| (q + q2, r + r2));
            let allowed = floor.saturating_add(requests.saturating_mul(ratio) / 1000);
            if retries < allowed {
                granted = true;
                if let Some(slot) = state.slots.iter_mut().find(|(s, ..)| *s == current) {
                    slot.2 += 1;
                }
            }
        });
        granted
    }

    fn with_slot(&self, now: Instant, f: impl FnOnce(&mut (u64, u64, u64))) {
        self.with_window(now, |state, current| {
            if let Some(slot) = state.slots.iter_mut().find(|(s, ..)| *s == current) {
                f(slot);
            }
        });
    }

    /// Rotates the window to `now` and runs `f` with the current slot number.
    fn with_window(&self, now: Instant, f: impl FnOnce(&mut State, u64)) {
        // A panic while holding the lock leaves counters, not invariants: keep going.
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let origin = *state.origin.get_or_insert(now);
        // In u64 nanoseconds (585 years): a u128 division costs more than the rest of a deposit.
        let nanos = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        let slot_len = nanos(self.window / SLOTS).max(1);
        let current = nanos(now.saturating_duration_since(origin)) / slot_len;
        let index = usize::try_from(current % u64::from(SLOTS)).unwrap_or(0);
        if let Some(slot) = state.slots.get_mut(index)
            && slot.0 != current
        {
            *slot = (current, 0, 0);
        }
        f(&mut state, current);
    }
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(10),
            floor: 100,
            ratio_millis: 200,
            state: Mutex::new(State {
                origin: None,
                slots: [(0, 0, 0); SLOTS as usize],
            }),
        }
    }
}

#[cfg(test)]
#[allow(clippy::disallowed_methods)] // the tests hand the budget real instants; nothing sleeps
mod tests {
    use super::*;

    #[test]
    fn retries_are_a_share_of_requests_plus_a_floor() {
        let budget = RetryBudget::new(Duration::from_secs(10), 0, 0.1).unwrap();
        let now = Instant::now();
        assert!(
            !budget.withdraw(now),
            "no requests, no floor: nothing to spend"
        );
        for _ in 0..50 {
            budget.deposit(now);
        }
        assert_eq!((0..50).filter(|_| budget.withdraw(now)).count(), 5);
    }

    #[test]
    fn the_window_slides() {
        let budget = RetryBudget::new(Duration::from_secs(10), 0, 1.0).unwrap();
        let start = Instant::now();
        for _ in 0..10 {
            budget.deposit(start);
        }
        assert_eq!((0..20).filter(|_| budget.withdraw(start)).count(), 10);
        // Eleven seconds on, the old requests and retries have left the window.
        let later = start + Duration::from_secs(11);
        assert!(!budget.withdraw(later));
        budget.deposit(later);
        assert!(budget.withdraw(later));
    }

    #[test]
    fn default_allows_a_floor_when_quiet() {
        let budget = RetryBudget::default();
        let now = Instant::now();
        assert_eq!((0..1000).filter(|_| budget.withdraw(now)).count(), 100);
    }

    #[test]
    fn invalid_values_are_named() {
        let cases = [
            (
                RetryBudget::new(Duration::from_millis(10), 1, 0.2),
                "budget window must be between 1s and 60s, found 10ms",
            ),
            (
                RetryBudget::new(Duration::from_secs(10), 2_000_000, 0.2),
                "budget min_per_sec must be at most 1000000, found 2000000",
            ),
            (
                RetryBudget::new(Duration::from_secs(10), 1, -0.5),
                "budget retry_ratio must be between 0 and 1000, found -0.5",
            ),
            (
                RetryBudget::new(Duration::from_secs(10), 1, f32::NAN),
                "budget retry_ratio must be between 0 and 1000, found NaN",
            ),
        ];
        for (result, message) in cases {
            assert_eq!(result.unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn shared_across_threads() {
        let budget =
            std::sync::Arc::new(RetryBudget::new(Duration::from_secs(10), 0, 0.5).unwrap());
        let now = Instant::now();
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let budget = budget.clone();
                std::thread::spawn(move || {
                    for _ in 0..100 {
                        budget.deposit(now);
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
        assert_eq!((0..400).filter(|_| budget.withdraw(now)).count(), 200);
    }
}
