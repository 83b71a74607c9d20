//! Exponential backoff with a cap, and jitter.
//!
//! The n-th retry's ceiling is `min(max_delay, base_delay · 2ⁿ⁻¹)`, computed with saturating
//! arithmetic so that retry 10 000 is as safe as retry 1. Jitter then spreads the delay below the
//! ceiling (see [`Jitter`]); the cap applies after jitter, so no delay ever exceeds `max_delay`.

use std::time::Duration;

use rand::Rng;
use serde::{Deserialize, Serialize};

/// How a backoff delay is randomized, so that clients that failed together do not retry together.
///
/// See "Exponential Backoff And Jitter" (AWS Architecture Blog, 2015) for the comparison.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Jitter {
    /// The ceiling itself: `min(cap, base · 2ⁿ⁻¹)`. Predictable, and prone to synchronized retries.
    None,
    /// Uniform in `[0, ceiling]`: the fewest collisions. The default.
    #[default]
    Full,
    /// Half the ceiling plus uniform in `[0, ceiling / 2]`: never much shorter than the ceiling.
    Equal,
    /// Uniform in `[base, 3 · previous delay]`, capped: grows with the previous delay rather than
    /// the attempt number.
    Decorrelated,
}

/// Exponential backoff: a base delay that doubles with each retry, up to a cap, with jitter.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use rand::{SeedableRng, rngs::SmallRng};
/// use reprieve_core::backoff::{Backoff, Jitter};
///
/// let backoff = Backoff::new(Duration::from_millis(100), Duration::from_secs(10), Jitter::None);
/// let mut rng = SmallRng::seed_from_u64(7);
/// assert_eq!(backoff.delay(1, None, &mut rng), Duration::from_millis(100));
/// assert_eq!(backoff.delay(4, None, &mut rng), Duration::from_millis(800));
/// assert_eq!(backoff.delay(10_000, None, &mut rng), Duration::from_secs(10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Backoff {
    base: Duration,
    max: Duration,
    jitter: Jitter,
}

impl Backoff {
    /// A backoff from `base` doubling up to `max`, randomized by `jitter`.
    ///
    /// The values are taken as given; [`RetryPolicy::builder`](crate::RetryPolicy::builder) is the
    /// validated way to configure them.
    pub const fn new(base: Duration, max: Duration, jitter: Jitter) -> Self {
        Self { base, max, jitter }
    }

    /// The delay before retry `retry` (the first retry is 1) without jitter:
    /// `min(max, base · 2^(retry − 1))`.
    pub fn ceiling(&self, retry: u32) -> Duration {
        let factor = 2_u32.saturating_pow(retry.saturating_sub(1));
        self.base.saturating_mul(factor).min(self.max)
    }

    /// The jittered delay before retry `retry`. `previous` is the delay before the previous retry,
    /// which only [`Jitter::Decorrelated`] uses (it starts from `base` when `None`).
    pub fn delay(&self, retry: u32, previous: Option<Duration>, rng: &mut impl Rng) -> Duration {
        let ceiling = self.ceiling(retry);
        let delay = match self.jitter {
            Jitter::None => ceiling,
            Jitter::Full => uniform(rng, Duration::ZERO, ceiling),
            Jitter::Equal => {
                let half = ceiling / 2;
                half + uniform(rng, Duration::ZERO, ceiling.saturating_sub(half))
            }
            Jitter::Decorrelated => {
                let previous = previous.unwrap_or(self.base).max(self.base);
                uniform(rng, self.base, previous.saturating_mul(3))
            }
        };
        delay.min(self.max)
    }
}

/// Uniform in `[low, high]`, at nanosecond resolution (durations beyond `u64` nanoseconds, some
/// 584 years, are taken as that).
fn uniform(rng: &mut impl Rng, low: Duration, high: Duration) -> Duration {
    let nanos = |d: Duration| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
    let (low, high) = (nanos(low), nanos(high));
    if high <= low {
        return Duration::from_nanos(low);
    }
    Duration::from_nanos(rng.random_range(low..=high))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use rand::SeedableRng;
    use rand::rngs::SmallRng;

    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn ceiling_doubles_up_to_the_cap() {
        let backoff = Backoff::new(100 * MS, 1000 * MS, Jitter::None);
        let ceilings: Vec<_> = (1..=6).map(|n| backoff.ceiling(n)).collect();
        assert_eq!(
            ceilings,
            [100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS]
        );
        assert_eq!(backoff.ceiling(0), 100 * MS);
        assert_eq!(backoff.ceiling(u32::MAX), 1000 * MS);
    }

    #[test]
    fn seeded_rng_gives_exact_delays() {
        let backoff = Backoff::new(100 * MS, Duration::from_secs(10), Jitter::Full);
        let mut a = SmallRng::seed_from_u64(42);
        let mut b = SmallRng::seed_from_u64(42);
        let first: Vec<_> = (1..=5).map(|n| backoff.delay(n, None, &mut a)).collect();
        let second: Vec<_> = (1..=5).map(|n| backoff.delay(n, None, &mut b)).collect();
        assert_eq!(first, second);
        assert!(first.iter().zip(1..).all(|(d, n)| *d <= backoff.ceiling(n)));
    }

    #[test]
    fn equal_jitter_keeps_half_the_ceiling() {
        let backoff = Backoff::new(100 * MS, Duration::from_secs(10), Jitter::Equal);
        let mut rng = SmallRng::seed_from_u64(1);
        for retry in 1..20 {
            let delay = backoff.delay(retry, None, &mut rng);
            let ceiling = backoff.ceiling(retry);
            assert!(
                delay >= ceiling / 2 && delay <= ceiling,
                "{delay:?} vs {ceiling:?}"
            );
        }
    }

    #[test]
    fn decorrelated_grows_from_the_previous_delay() {
        let backoff = Backoff::new(100 * MS, Duration::from_secs(5), Jitter::Decorrelated);
        let mut rng = SmallRng::seed_from_u64(3);
        let mut previous = None;
        for retry in 1..50 {
            let delay = backoff.delay(retry, previous, &mut rng);
            assert!(delay >= 100 * MS && delay <= Duration::from_secs(5));
            assert!(delay <= previous.unwrap_or(100 * MS).max(100 * MS) * 3);
            previous = Some(delay);
        }
    }

    fn jitter() -> impl Strategy<Value = Jitter> {
        prop_oneof![
            Just(Jitter::None),
            Just(Jitter::Full),
            Just(Jitter::Equal),
            Just(Jitter::Decorrelated)
        ]
    }

    proptest! {
        #[test]
        fn never_exceeds_the_cap(
            base_ms in 1_u64..10_000,
            max_ms in 1_u64..1_000_000,
            retry in 0_u32..20_000,
            previous_ms in proptest::option::of(0_u64..u64::MAX / 2),
            jitter in jitter(),
            seed: u64,
        ) {
            let backoff = Backoff::new(Duration::from_millis(base_ms), Duration::from_millis(max_ms), jitter);
            let mut rng = SmallRng::seed_from_u64(seed);
            let delay = backoff.delay(retry, previous_ms.map(Duration::from_millis), &mut rng);
            prop_assert!(delay <= Duration::from_millis(max_ms));
        }

        #[test]
        fn full_jitter_stays_below_the_exponential_ceiling(
            base_ms in 1_u64..10_000,
            max_ms in 1_u64..1_000_000,
            retry in 1_u32..64,
            seed: u64,
        ) {
            let base = Duration::from_millis(base_ms);
            let max = Duration::from_millis(max_ms);
            let backoff = Backoff::new(base, max, Jitter::Full);
            let mut rng = SmallRng::seed_from_u64(seed);
            let delay = backoff.delay(retry, None, &mut rng);
            let exponential = base.saturating_mul(2_u32.saturating_pow(retry - 1));
            prop_assert!(delay <= max.min(exponential));
        }

        #[test]
        fn ceiling_is_monotone_and_survives_huge_attempts(base_ms in 1_u64..u64::MAX / 1_000_000, retry in 1_u32..u32::MAX) {
            let backoff = Backoff::new(Duration::from_millis(base_ms), Duration::MAX, Jitter::None);
            prop_assert!(backoff.ceiling(retry) <= backoff.ceiling(retry.saturating_add(1)));
            let _ = backoff.ceiling(10_000);
        }
    }
}
