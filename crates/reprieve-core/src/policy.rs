//! [`RetryPolicy`]: how many attempts, how long to wait, what may be replayed.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::backoff::{Backoff, Jitter};

/// Which requests may be sent again after they may have reached the server.
///
/// Responses that say the request was not processed (429 and other throttles) and failures before
/// the request was sent (connect errors) are retried whatever this says: replaying them cannot
/// repeat an effect.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Replay {
    /// Idempotent methods (RFC 9110 §9.2.2), and other methods when the request carries an
    /// Idempotency-Key. The default.
    #[default]
    ByMethod,
    /// Always: the route is known to be safe to repeat (Hilt's `retry-delivery`).
    Always,
    /// Only when the request carries an Idempotency-Key, whatever its method.
    WithIdempotencyKey,
    /// Never: the request is sent again only when it is known not to have been processed.
    Never,
}

/// What to do when the server asks for a longer wait than [`RetryPolicy::max_retry_after`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LongDelay {
    /// Stop at once and hand the response to the caller, who can reschedule. The default.
    #[default]
    Stop,
    /// Wait `max_retry_after` instead, and try again.
    Clamp,
}

/// How a call is retried.
///
/// Build one with [`RetryPolicy::builder`]; [`RetryPolicy::default`] is the recommended policy.
/// The fields are public to read; construction goes through the builder, which validates.
///
/// # Defaults
///
/// | field | default |
/// |---|---|
/// | `max_attempts` | 3 (one send and two retries) |
/// | `base_delay` | 200 ms |
/// | `max_delay` | 10 s |
/// | `jitter` | [`Jitter::Full`] |
/// | `max_elapsed` | 60 s |
/// | `max_retry_after` | 60 s |
/// | `on_long_retry_after` | [`LongDelay::Stop`] |
/// | `replay` | [`Replay::ByMethod`] |
/// | `honor_server_hints` | `true` (`Stripe-Should-Retry`, `X-Should-Retry`, a body's `"retryable": false`) |
///
/// ```
/// use std::time::Duration;
/// use reprieve_core::{RetryPolicy, policy::{LongDelay, Replay}, backoff::Jitter};
///
/// let policy = RetryPolicy::default();
/// assert_eq!(policy.max_attempts, 3);
/// assert_eq!(policy.base_delay, Duration::from_millis(200));
/// assert_eq!(policy.max_delay, Duration::from_secs(10));
/// assert_eq!(policy.jitter, Jitter::Full);
/// assert_eq!(policy.max_elapsed, Some(Duration::from_secs(60)));
/// assert_eq!(policy.max_retry_after, Duration::from_secs(60));
/// assert_eq!(policy.on_long_retry_after, LongDelay::Stop);
/// assert_eq!(policy.replay, Replay::ByMethod);
/// assert!(policy.honor_server_hints);
/// assert_eq!(RetryPolicy::builder().build()?, policy);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RetryPolicy {
    /// Sends at most, counting the first.
    pub max_attempts: u32,
    /// The backoff before the first retry.
    pub base_delay: Duration,
    /// The longest backoff, after jitter.
    pub max_delay: Duration,
    /// How backoff delays are randomized.
    pub jitter: Jitter,
    /// The time a call may take from its first send, waits included; `None` for no limit.
    pub max_elapsed: Option<Duration>,
    /// The longest server-requested wait (Retry-After, a rate-limit reset) the policy honours.
    pub max_retry_after: Duration,
    /// What to do when the server asks for longer than `max_retry_after`.
    pub on_long_retry_after: LongDelay,
    /// Which requests may be sent again after they may have reached the server.
    pub replay: Replay,
    /// Whether `Stripe-Should-Retry` / `X-Should-Retry` (and a body's `"retryable": false`)
    /// override the status code.
    pub honor_server_hints: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            jitter: Jitter::Full,
            max_elapsed: Some(Duration::from_secs(60)),
            max_retry_after: Duration::from_secs(60),
            on_long_retry_after: LongDelay::Stop,
            replay: Replay::ByMethod,
            honor_server_hints: true,
        }
    }
}

impl RetryPolicy {
    /// A builder starting from the defaults.
    pub fn builder() -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            policy: Self::default(),
        }
    }

    /// A builder starting from this policy, to derive a variant of it.
    pub fn to_builder(&self) -> RetryPolicyBuilder {
        RetryPolicyBuilder {
            policy: self.clone(),
        }
    }

    /// The policy's backoff.
    pub const fn backoff(&self) -> Backoff {
        Backoff::new(self.base_delay, self.max_delay, self.jitter)
    }
}

/// Builds a [`RetryPolicy`]; see there for the defaults.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use reprieve_core::{RetryPolicy, policy::Replay};
///
/// let policy = RetryPolicy::builder()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(100))
///     .no_max_elapsed()
///     .replay(Replay::WithIdempotencyKey)
///     .build()?;
/// assert_eq!(policy.max_attempts, 5);
///
/// let err = RetryPolicy::builder().max_attempts(0).build().unwrap_err();
/// assert_eq!(err.to_string(), "max_attempts must be at least 1, found 0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct RetryPolicyBuilder {
    policy: RetryPolicy,
}

impl RetryPolicyBuilder {
    /// Sends at most, counting the first: 1 turns retries off.
    pub const fn max_attempts(mut self, attempts: u32) -> Self {
        self.policy.max_attempts = attempts;
        self
    }

    /// The backoff before the first retry; must be greater than zero.
    pub const fn base_delay(mut self, delay: Duration) -> Self {
        self.policy.base_delay = delay;
        self
    }

    /// The longest backoff, after jitter; at least `base_delay`.
    pub const fn max_delay(mut self, delay: Duration) -> Self {
        self.policy.max_delay = delay;
        self
    }

    /// How backoff delays are randomized.
    pub const fn jitter(mut self, jitter: Jitter) -> Self {
        self.policy.jitter = jitter;
        self
    }

    /// The time a call may take from its first send, waits included; greater than zero.
    pub const fn max_elapsed(mut self, limit: Duration) -> Self {
        self.policy.max_elapsed = Some(limit);
        self
    }

    /// No limit on the time a call may take (attempts still are).
    pub const fn no_max_elapsed(mut self) -> Self {
        self.policy.max_elapsed = None;
        self
    }

    /// The longest server-requested wait honoured.
    pub const fn max_retry_after(mut self, limit: Duration) -> Self {
        self.policy.max_retry_after = limit;
        self
    }

    /// What to do when the server asks for longer than `max_retry_after`.
    pub const fn on_long_retry_after(mut self, choice: LongDelay) -> Self {
        self.policy.on_long_retry_after = choice;
        self
    }

    /// Which requests may be sent again after they may have reached the server.
    pub const fn replay(mut self, replay: Replay) -> Self {
        self.policy.replay = replay;
        self
    }

    /// Whether `Stripe-Should-Retry` / `X-Should-Retry` (and a body's `"retryable": false`)
    /// override the status code.
    pub const fn honor_server_hints(mut self, honor: bool) -> Self {
        self.policy.honor_server_hints = honor;
        self
    }

    /// Validates and builds the policy.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] naming the value when `max_attempts` is 0, `base_delay` is zero, `max_delay`
    /// is below `base_delay`, or `max_elapsed` is zero.
    pub fn build(self) -> Result<RetryPolicy, ConfigError> {
        let p = self.policy;
        if p.max_attempts == 0 {
            return Err(ConfigError::invalid(
                "max_attempts must be at least 1, found 0",
            ));
        }
        if p.base_delay.is_zero() {
            return Err(ConfigError::invalid("base_delay must be greater than zero"));
        }
        if p.max_delay < p.base_delay {
            return Err(ConfigError::invalid(format!(
                "max_delay must be at least base_delay ({:?}), found {:?}",
                p.base_delay, p.max_delay
            )));
        }
        if p.max_elapsed.is_some_and(|d| d.is_zero()) {
            return Err(ConfigError::invalid(
                "max_elapsed must be greater than zero (use no_max_elapsed for no limit)",
            ));
        }
        Ok(p)
    }
}

/// A configuration value that reprieve cannot use: a bad policy value, a bad route pattern, an
/// unreadable policy file.
///
/// # Formatting
///
/// The message is lowercase with no trailing period, names the offending value and says what was
/// expected: `route "GET v1/x": pattern path must start with '/'`. Display prints this level only;
/// its wording may change between versions.
///
/// # Source
///
/// A file that did not parse has the parser's error as its [`source`](StdError::source). The
/// parser's type is not part of the API.
#[derive(Debug)]
pub struct ConfigError {
    message: String,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl ConfigError {
    #[cold]
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    #[cold]
    pub(crate) fn with_source(
        message: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> Self {
        Self {
            message: message.into(),
            source: Some(Box::new(source)),
        }
    }

    /// Prefixes the message with where the value was found.
    #[cold]
    pub(crate) fn at(mut self, place: &str) -> Self {
        self.message = format!("{place}: {}", self.message);
        self
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConfigError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|source| source as &(dyn StdError + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_values_are_named() {
        let ms = Duration::from_millis;
        let cases = [
            (
                RetryPolicy::builder().max_attempts(0),
                "max_attempts must be at least 1, found 0",
            ),
            (
                RetryPolicy::builder().base_delay(Duration::ZERO),
                "base_delay must be greater than zero",
            ),
            (
                RetryPolicy::builder()
                    .base_delay(ms(500))
                    .max_delay(ms(100)),
                "max_delay must be at least base_delay (500ms), found 100ms",
            ),
            (
                RetryPolicy::builder().max_elapsed(Duration::ZERO),
                "max_elapsed must be greater than zero (use no_max_elapsed for no limit)",
            ),
        ];
        for (builder, message) in cases {
            assert_eq!(builder.build().unwrap_err().to_string(), message);
        }
    }

    #[test]
    fn one_attempt_is_valid() {
        assert_eq!(
            RetryPolicy::builder()
                .max_attempts(1)
                .build()
                .unwrap()
                .max_attempts,
            1
        );
    }

    #[test]
    fn to_builder_derives_a_variant() {
        let base = RetryPolicy::builder().max_attempts(7).build().unwrap();
        let variant = base.to_builder().replay(Replay::Always).build().unwrap();
        assert_eq!(variant.max_attempts, 7);
        assert_eq!(variant.replay, Replay::Always);
    }
}
