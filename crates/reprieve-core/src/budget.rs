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

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};
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
///
/// # Concurrency
///
/// Every request deposits, so a deposit takes no lock: it adds to its slot's counter, and only the
/// first deposit of a new slot takes the lock to clear it. Withdrawals, which only retries make,
/// take the lock to read the window whole.
#[derive(Debug)]
pub struct RetryBudget {
    /// The window's length over `SLOTS`, in nanoseconds (at least 1).
    slot_nanos: u64,
    floor: u64,
    ratio_millis: u64,
    /// The instant slot numbers count from: the first one the budget is handed.
    origin: OnceLock<Instant>,
    slots: [Slot; SLOTS as usize],
    /// Held to clear a slot for a new number, and by withdrawals.
    rotation: Mutex<()>,
}

/// One slot of the window: its number (slots since the origin) and what it counted.
#[derive(Debug, Default)]
struct Slot {
    number: AtomicU64,
    requests: AtomicU64,
    retries: AtomicU64,
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
        Ok(Self::from_parts(
            window,
            u64::from(min_per_sec) * window.as_secs(),
            ratio_millis,
        ))
    }

    fn from_parts(window: Duration, floor: u64, ratio_millis: u64) -> Self {
        Self {
            slot_nanos: nanos(window / SLOTS).max(1),
            floor,
            ratio_millis,
            origin: OnceLock::new(),
            slots: Default::default(),
            rotation: Mutex::new(()),
        }
    }

    /// Records a request (a first send).
    pub fn deposit(&self, now: Instant) {
        if let Some(slot) = self.current(now) {
            slot.requests.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Spends one retry, if the budget has one; `false` means do not retry.
    pub fn withdraw(&self, now: Instant) -> bool {
        let number = self.number(now);
        // A panic while holding the lock leaves counters, not invariants: keep going.
        let _rotation = self.rotation.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(current) = self.rotate(number) else {
            return false;
        };
        let (requests, retries) = self
            .slots
            .iter()
            .filter(|slot| slot.number.load(Ordering::Acquire) + u64::from(SLOTS) > number)
            .fold((0u64, 0u64), |(requests, retries), slot| {
                (
                    requests.saturating_add(slot.requests.load(Ordering::Relaxed)),
                    retries.saturating_add(slot.retries.load(Ordering::Relaxed)),
                )
            });
        let allowed = self
            .floor
            .saturating_add(requests.saturating_mul(self.ratio_millis) / 1000);
        if retries >= allowed {
            return false;
        }
        current.retries.fetch_add(1, Ordering::Relaxed);
        true
    }

    /// The slot `now` falls in, cleared first if it still holds an older one.
    ///
    /// Unlocked on the common path: a caller stalled between the number check and its addition
    /// for as long as the whole window counts once in the next window. A budget is a rate, and
    /// one request in a window of thousands does not move it.
    fn current(&self, now: Instant) -> Option<&Slot> {
        let number = self.number(now);
        let slot = self.slot(number)?;
        if slot.number.load(Ordering::Acquire) == number {
            return Some(slot);
        }
        let _rotation = self.rotation.lock().unwrap_or_else(PoisonError::into_inner);
        self.rotate(number)
    }

    /// Clears the slot of `number` for it, if it still counts for an older one; the caller holds
    /// the rotation lock. `None` when it already counts for a newer one: an instant taken a
    /// whole window ago, which no longer counts.
    fn rotate(&self, number: u64) -> Option<&Slot> {
        let slot = self.slot(number)?;
        let held = slot.number.load(Ordering::Acquire);
        if held > number {
            return None;
        }
        if held < number {
            slot.requests.store(0, Ordering::Relaxed);
            slot.retries.store(0, Ordering::Relaxed);
            // Released after the counters: whoever sees the new number sees them cleared.
            slot.number.store(number, Ordering::Release);
        }
        Some(slot)
    }

    fn slot(&self, number: u64) -> Option<&Slot> {
        let index = usize::try_from(number % u64::from(SLOTS)).ok()?;
        self.slots.get(index)
    }

    /// Slots since the origin, at `now`.
    fn number(&self, now: Instant) -> u64 {
        let origin = *self.origin.get_or_init(|| now);
        nanos(now.saturating_duration_since(origin)) / self.slot_nanos
    }
}

/// A duration in u64 nanoseconds (585 years): a u128 division costs more than the rest of a
/// deposit.
fn nanos(duration: Duration) -> u64 {
    u64::try_from(duration.as_nanos()).unwrap_or(u64::MAX)
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self::from_parts(Duration::from_secs(10), 100, 200)
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

    /// Four threads deposit at once, a hundred requests each, the request of step `n` at `at(n)`.
    fn deposit_from_four_threads(
        budget: &std::sync::Arc<RetryBudget>,
        at: impl Fn(u64) -> Instant + Send + Copy + 'static,
    ) {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let budget = budget.clone();
                std::thread::spawn(move || {
                    for step in 0..100 {
                        budget.deposit(at(step));
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
    }

    #[test]
    fn deposits_racing_across_slots_are_all_counted() {
        let budget =
            std::sync::Arc::new(RetryBudget::new(Duration::from_secs(10), 0, 1.0).unwrap());
        let start = Instant::now();
        // Four threads walk through the window's ten slots at once, each clearing the slots it
        // reaches first or adding to the ones another thread cleared.
        deposit_from_four_threads(&budget, move |step| {
            start + Duration::from_millis(step * 99)
        });
        let end = start + Duration::from_millis(9_900);
        assert_eq!((0..1000).filter(|_| budget.withdraw(end)).count(), 400);
    }

    #[test]
    fn an_instant_a_window_old_counts_nowhere() {
        let budget = RetryBudget::new(Duration::from_secs(10), 0, 1.0).unwrap();
        let start = Instant::now();
        budget.deposit(start);
        // One window on, the same slot counts for the new window.
        let later = start + Duration::from_secs(10);
        budget.deposit(later);
        budget.deposit(later);
        // A request stamped a window earlier (a thread stalled that long) must not take the slot
        // back and lose the new window's count.
        budget.deposit(start);
        assert_eq!((0..10).filter(|_| budget.withdraw(later)).count(), 2);
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
        deposit_from_four_threads(&budget, move |_| now);
        assert_eq!((0..400).filter(|_| budget.withdraw(now)).count(), 200);
    }
}
