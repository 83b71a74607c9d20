//! A fixed-window rate limiter: `limit` requests a window, X-RateLimit-* on every response, 429
//! with Retry-After beyond the limit.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use crate::{json, serve};

/// What the server saw.
#[derive(Debug, Default)]
pub struct WindowStats {
    /// Requests served 2xx.
    pub ok: AtomicU64,
    /// Requests answered 429.
    pub throttled: AtomicU64,
}

impl WindowStats {
    /// Every request that reached the server.
    pub fn hits(&self) -> u64 {
        self.ok.load(Ordering::SeqCst) + self.throttled.load(Ordering::SeqCst)
    }

    /// The share of hits answered 429.
    #[allow(clippy::cast_precision_loss)] // counts far below 2^52
    pub fn wasted(&self) -> f64 {
        self.throttled.load(Ordering::SeqCst) as f64 / self.hits().max(1) as f64
    }
}

/// How the reset is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetFormat {
    /// Seconds until the window ends, to the millisecond (`0.734`): works on a paused clock.
    DeltaSeconds,
    /// Epoch milliseconds of the window's end, from the wall clock.
    EpochMillis,
}

struct Window {
    ends: Instant,
    used: u64,
}

/// Starts the limiter; returns its address and its counters.
pub async fn start(
    limit: u64,
    window: Duration,
    reset: ResetFormat,
) -> (SocketAddr, Arc<WindowStats>) {
    let stats = Arc::new(WindowStats::default());
    let shared = Arc::new(Mutex::new(Window {
        ends: Instant::now() + window,
        used: 0,
    }));
    let counters = Arc::clone(&stats);
    let address = serve(move |_request| {
        let (window_state, stats) = (Arc::clone(&shared), Arc::clone(&counters));
        async move {
            let now = Instant::now();
            let (used, ends) = {
                let mut current = window_state.lock().unwrap_or_else(PoisonError::into_inner);
                while now >= current.ends {
                    current.ends += window;
                    current.used = 0;
                }
                current.used += 1;
                (current.used, current.ends)
            };
            let left = ends - now;
            let mut response = if used > limit {
                stats.throttled.fetch_add(1, Ordering::SeqCst);
                let mut response = json(
                    429,
                    r#"{"error": {"code": "rate_limited", "message": "Too many requests"}}"#,
                );
                let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
                response.headers_mut().insert("retry-after", seconds.into());
                response
            } else {
                stats.ok.fetch_add(1, Ordering::SeqCst);
                json(200, r#"{"ok": true}"#)
            };
            let reset = match reset {
                // Rounded up, so that a client waiting for the reset never comes early.
                ResetFormat::DeltaSeconds => {
                    let ms = left.as_micros().div_ceil(1000);
                    format!("{}.{:03}", ms / 1000, ms % 1000)
                }
                ResetFormat::EpochMillis => {
                    let end = std::time::SystemTime::now() + left;
                    let millis = end
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_micros().div_ceil(1000));
                    millis.to_string()
                }
            };
            let headers = response.headers_mut();
            headers.insert("x-ratelimit-limit", limit.into());
            headers.insert("x-ratelimit-remaining", limit.saturating_sub(used).into());
            if let Ok(reset) = reset.parse() {
                headers.insert("x-ratelimit-reset", reset);
            }
            response
        }
    })
    .await;
    (address, stats)
}
