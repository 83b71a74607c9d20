//! [`Sleeper`]: how the middleware waits, injectable so tests never sleep for real.

use std::fmt::Debug;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// A future that completes after a delay.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Waits between attempts and at the rate-limit gate. The middleware sleeps only through this.
///
/// # Examples
///
/// A sleeper that never waits, for a test that counts attempts:
///
/// ```
/// use std::time::Duration;
/// use reprieve::sleep::{Sleep, Sleeper};
///
/// #[derive(Debug)]
/// struct Instant;
///
/// impl Sleeper for Instant {
///     fn sleep(&self, _: Duration) -> Sleep {
///         Box::pin(std::future::ready(()))
///     }
/// }
/// ```
pub trait Sleeper: Debug + Send + Sync + 'static {
    /// A future that completes after `delay`.
    fn sleep(&self, delay: Duration) -> Sleep;
}

/// tokio's timer (`tokio::time::sleep`). The default.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, delay: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(delay))
    }
}

/// Records every delay and returns at once: for tests that assert the delays without waiting.
///
/// Clones share one record.
///
/// ```
/// use std::time::Duration;
/// use reprieve::sleep::{RecordingSleeper, Sleeper};
///
/// # tokio_test_block_on(async {
/// let sleeper = RecordingSleeper::new();
/// sleeper.sleep(Duration::from_secs(2)).await;
/// assert_eq!(sleeper.delays(), [Duration::from_secs(2)]);
/// # });
/// # fn tokio_test_block_on<F: std::future::Future>(f: F) -> F::Output {
/// #     tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(f)
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct RecordingSleeper {
    delays: Arc<Mutex<Vec<Duration>>>,
}

impl RecordingSleeper {
    /// An empty record.
    pub fn new() -> Self {
        Self::default()
    }

    /// The delays asked for so far, in order.
    pub fn delays(&self) -> Vec<Duration> {
        self.delays
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, delay: Duration) -> Sleep {
        self.delays
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(delay);
        Box::pin(std::future::ready(()))
    }
}
