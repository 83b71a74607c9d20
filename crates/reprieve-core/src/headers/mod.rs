//! Server delay hints and rate-limit state, read from response headers.
//!
//! Every parser here treats the header as hostile: a value that is negative, too large for its type,
//! not a number or not a date is ignored (the parsers return an error that says why), and every
//! accepted delay is clamped to [`MAX_SERVER_DELAY`]. Nothing here panics or overflows.

mod found;
mod number;
mod rate_limit;
mod retry_after;

use std::fmt;
use std::time::{Duration, SystemTime};

use http::HeaderMap;

pub use rate_limit::RateLimit;
pub use retry_after::{parse_retry_after, parse_retry_after_ms};

pub(crate) use found::{Found, aws_error_code, squid_error};
pub(crate) use number::{Unit, parse_decimal, parse_go_duration};

/// The longest delay reprieve takes from a server: one year. Longer requests are clamped to it.
///
/// A delay this long is never slept: [`decide`](crate::decide()) stops when a server's delay exceeds
/// the policy's `max_retry_after`. The clamp keeps the arithmetic of callers that add the delay to
/// an `Instant` or a `SystemTime` far from overflow.
pub const MAX_SERVER_DELAY: Duration = Duration::from_secs(366 * 24 * 60 * 60);

/// When the server said to come back: after a delay, or at an instant.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wait {
    /// After this long (delay-seconds, milliseconds, a delta reset).
    After(Duration),
    /// At this time (an HTTP-date, an epoch reset).
    At(SystemTime),
}

impl Wait {
    /// The delay from `now`: a time in the past is a zero delay.
    pub fn delay_from(self, now: SystemTime) -> Duration {
        match self {
            Self::After(delay) => delay,
            Self::At(at) => at
                .duration_since(now)
                .unwrap_or(Duration::ZERO)
                .min(MAX_SERVER_DELAY),
        }
    }

    /// The delay, when it does not depend on the current time.
    pub const fn fixed(self) -> Option<Duration> {
        match self {
            Self::After(delay) => Some(delay),
            Self::At(_) => None,
        }
    }
}

/// Where a server's delay hint came from.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HintSource {
    /// `Retry-After` (RFC 9110 §10.2.3).
    RetryAfter,
    /// `retry-after-ms` (milliseconds, as OpenAI and Azure send it; Azure also as
    /// `x-ms-retry-after-ms`).
    RetryAfterMs,
    /// `X-RateLimit-Retry-After` (bucket4j's `X-Rate-Limit-Retry-After-Seconds`, Cashfree's
    /// `x-ratelimit-retry`).
    XRateLimitRetryAfter,
    /// The reset of a spent quota: `RateLimit`, `RateLimit-Reset` or `X-RateLimit-Reset`.
    RateLimitReset,
    /// A field or sentence of the body: `retry_after`, Google's `RetryInfo`, "retry after 60 seconds".
    Body,
}

impl HintSource {
    /// A short lowercase name: the header's name, or `body`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::RetryAfter => "retry-after",
            Self::RetryAfterMs => "retry-after-ms",
            Self::XRateLimitRetryAfter => "x-ratelimit-retry-after",
            Self::RateLimitReset => "rate-limit-reset",
            Self::Body => "body",
        }
    }
}

impl fmt::Display for HintSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A server's request to wait, and where it came from.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ServerDelay {
    /// When to come back.
    pub wait: Wait,
    /// Which header or body field said so.
    pub source: HintSource,
}

impl ServerDelay {
    /// A hint from `source`.
    pub const fn new(wait: Wait, source: HintSource) -> Self {
        Self { wait, source }
    }

    /// The delay measured from `now` (the response's `Date`, or the local clock).
    pub fn delay_from(&self, now: SystemTime) -> Duration {
        self.wait.delay_from(now)
    }

    /// The delay, when it does not depend on the current time.
    pub const fn fixed(&self) -> Option<Duration> {
        self.wait.fixed()
    }

    /// The delay hint of a response's headers: `retry-after-ms`, `Retry-After`,
    /// `X-RateLimit-Retry-After`, then the reset of `rate_limit` when it says the quota is spent (or
    /// when `throttled`, for a 429 that reports a reset but no remaining count).
    pub fn from_headers(
        headers: &HeaderMap,
        rate_limit: Option<&RateLimit>,
        throttled: bool,
    ) -> Option<Self> {
        let mut found = Found::default();
        found.read(headers);
        Self::from_found(&found, rate_limit, throttled)
    }

    pub(crate) fn from_found(
        found: &Found<'_>,
        rate_limit: Option<&RateLimit>,
        throttled: bool,
    ) -> Option<Self> {
        if let Some(ms) = found
            .retry_after_ms
            .and_then(|v| parse_retry_after_ms(v).ok())
        {
            return Some(Self::new(Wait::After(ms), HintSource::RetryAfterMs));
        }
        if let Some(wait) = found.retry_after.and_then(|v| parse_retry_after(v).ok()) {
            return Some(Self::new(wait, HintSource::RetryAfter));
        }
        if let Some(wait) = found
            .x_ratelimit_retry_after
            .and_then(|v| parse_retry_after(v).ok())
        {
            return Some(Self::new(wait, HintSource::XRateLimitRetryAfter));
        }
        let rate_limit = rate_limit?;
        if rate_limit.is_exhausted() || (throttled && rate_limit.remaining.is_none()) {
            return rate_limit
                .reset
                .map(|wait| Self::new(wait, HintSource::RateLimitReset));
        }
        None
    }
}

/// The response's `Date` (RFC 9110 §6.6.1), when valid.
pub fn parse_date(headers: &HeaderMap) -> Option<SystemTime> {
    date(headers.get(http::header::DATE)?.to_str().ok())
}

/// The server's clock as well as a response tells it: the local clock `now` while it lies within
/// the second the response's `Date` names, and that `Date` itself when it does not.
///
/// `Date` has a resolution of one second: the server's clock read somewhere in
/// `[date, date + 1 s)`. Measuring a millisecond reset (`X-RateLimit-Reset: 1767225600250`) from
/// `date` itself would overstate the wait by up to a second in every window; measuring it from the
/// local clock is exact while the clocks agree. A local clock outside that second disagrees with
/// the server's, ahead or behind, and says nothing about where in the second the server was: the
/// wait is then measured from `date`, the earliest the server's clock can read, so that no skew
/// can make a retry arrive before the time the server named.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use reprieve_core::headers::server_now;
///
/// let date = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
/// let ms = Duration::from_millis;
/// assert_eq!(server_now(Some(date), date + ms(400)), date + ms(400)); // the clocks agree
/// assert_eq!(server_now(Some(date), date - ms(5_000)), date); // the local clock is behind
/// assert_eq!(server_now(Some(date), date + ms(7_000)), date); // ... or ahead
/// assert_eq!(server_now(None, date), date);
/// ```
pub fn server_now(date: Option<SystemTime>, now: SystemTime) -> SystemTime {
    let Some(date) = date else {
        return now;
    };
    match now.duration_since(date) {
        Ok(ahead) if ahead < Duration::from_secs(1) => now,
        _ => date,
    }
}

pub(crate) fn date(value: Option<&str>) -> Option<SystemTime> {
    http_date(value?)
}

/// An HTTP-date in any of RFC 9110's three forms or, leniently, an RFC 5322 date-time (see
/// [`rfc5322_date`]) or JavaScript's (see [`js_date`]). The strict parse, which every server's
/// `Date` passes, comes first.
pub(crate) fn http_date(value: &str) -> Option<SystemTime> {
    httpdate::parse_http_date(value)
        .ok()
        .or_else(|| rfc5322_date(value))
        .or_else(|| js_date(value))
}

/// An RFC 5322 date-time with a zone that names its offset: a numeric one, `UTC`, or one of RFC
/// 5322's, as hand-written `Retry-After` values have. Not another name, which RFC 5322 reads as
/// UTC: `CET` would be an hour off. Out of line: no server's `Date` comes this way.
#[cold]
#[inline(never)]
fn rfc5322_date(value: &str) -> Option<SystemTime> {
    const ZONES: [&str; 11] = [
        "UT", "UTC", "GMT", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT",
    ];
    let zone = value.rsplit(' ').next()?;
    let numeric = matches!(zone.as_bytes(), [b'+' | b'-', rest @ ..] if rest.len() == 4);
    if !numeric && !ZONES.contains(&zone) {
        return None;
    }
    let parser = jiff::fmt::rfc2822::DateTimeParser::new();
    parser.parse_timestamp(value).ok().map(SystemTime::from)
}

/// JavaScript's `Date.prototype.toString()`, which a Node server sends when it writes a `Date`
/// into a header as it stands (lemlist's `X-RateLimit-Reset: Tue Feb 16 2021 09:02:42 GMT+0100
/// (Central European Standard Time)`). The offset gives the instant; the zone's name in brackets
/// is a label. Out of line, like [`rfc5322_date`].
#[cold]
#[inline(never)]
fn js_date(value: &str) -> Option<SystemTime> {
    let stamp = value.split_once(" (").map_or(value, |(stamp, _)| stamp);
    let time =
        jiff::fmt::strtime::BrokenDownTime::parse("%a %b %d %Y %H:%M:%S GMT%z", stamp).ok()?;
    time.to_timestamp().ok().map(SystemTime::from)
}

/// A date in ISO 8601's order: RFC 3339 with an offset (`2026-11-22T13:00:00Z`, as Zoom writes its
/// `Retry-After` and Vimeo its reset; a time with no offset names no instant, and is ignored), or
/// Ruby's `Time#to_s`, which a Rails API sends when it writes a `Time` into a header as it stands
/// (Gusto's `2026-11-22 06:00:00 -0700`, or `2026-11-22 13:00:00 UTC`). A value that does not
/// start as a date (a number of seconds) is turned away inline; the parse is out of line, like
/// [`rfc5322_date`].
#[inline]
pub(crate) fn iso_date(value: &str) -> Option<SystemTime> {
    if matches!(
        value.as_bytes(),
        [b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'0'..=b'9', b'-', ..]
    ) {
        parse_iso_date(value)
    } else {
        None
    }
}

#[cold]
#[inline(never)]
fn parse_iso_date(value: &str) -> Option<SystemTime> {
    use jiff::fmt::strtime::BrokenDownTime;

    let ruby_time = || {
        let time = match value.strip_suffix(" UTC") {
            Some(utc) => {
                let mut time = BrokenDownTime::parse("%Y-%m-%d %H:%M:%S", utc).ok()?;
                time.set_offset(Some(jiff::tz::Offset::UTC));
                time
            }
            None => BrokenDownTime::parse("%Y-%m-%d %H:%M:%S %z", value).ok()?,
        };
        time.to_timestamp().ok()
    };
    value
        .parse::<jiff::Timestamp>()
        .ok()
        .or_else(ruby_time)
        .map(SystemTime::from)
}

/// The server's explicit retry verdict: `Stripe-Should-Retry` or `X-Should-Retry`, `true`/`false`.
pub fn parse_should_retry(headers: &HeaderMap) -> Option<bool> {
    let mut found = Found::default();
    found.read(headers);
    should_retry(&found)
}

pub(crate) fn should_retry(found: &Found<'_>) -> Option<bool> {
    found
        .should_retry
        .into_iter()
        .flatten()
        .find_map(|value| match value.trim() {
            v if v.eq_ignore_ascii_case("true") => Some(true),
            v if v.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
}

/// Why a header value was ignored.
///
/// # Formatting
///
/// The message is lowercase, quotes the value (truncated to 40 characters) and says what was
/// expected: ``invalid Retry-After value `soon`: expected delay-seconds or an HTTP-date``. Its exact
/// wording is not part of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidHeader {
    header: &'static str,
    value: String,
    expected: &'static str,
}

impl InvalidHeader {
    #[cold]
    #[inline(never)]
    pub(crate) fn new(header: &'static str, value: &str, expected: &'static str) -> Self {
        Self {
            header,
            value: crate::normalize::text::truncate_chars(value, 40),
            expected,
        }
    }

    /// The name of the header whose value was ignored.
    pub const fn header(&self) -> &'static str {
        self.header
    }
}

impl fmt::Display for InvalidHeader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} value `{}`: expected {}",
            self.header, self.value, self.expected
        )
    }
}

impl std::error::Error for InvalidHeader {}
