//! `X-RateLimit-*` and the IETF `RateLimit` / `RateLimit-Policy` fields.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::HeaderMap;

use super::number::{Unit, parse_decimal, parse_decimal_unclamped, parse_go_duration};
use super::{Found, Wait};

/// A reset value at or above this is epoch milliseconds (10¹² ms is September 2001).
const EPOCH_MILLIS_FROM: u64 = 1_000_000_000_000;
/// A reset value at or above this is epoch seconds (10⁹ s is September 2001; as a delta it would be
/// 31 years, which no rate limiter means).
const EPOCH_SECONDS_FROM: u64 = 1_000_000_000;
/// Year 9999, standing in for epoch offsets `SystemTime` cannot hold.
const FAR_FUTURE: Duration = Duration::from_secs(253_402_300_799);
/// The unit of each `X-RateLimit-*` dimension's delay (`Reset-After`): seconds, but `KuCoin`
/// counts its `gw-ratelimit-reset` in milliseconds, as `BigCommerce` does its
/// `X-Rate-Limit-Time-Reset-Ms`.
const DELAY_UNITS: [Unit; 4] = [Unit::Seconds, Unit::Seconds, Unit::Seconds, Unit::Millis];

/// The quota state a response reported.
///
/// Read by [`RateLimit::from_headers`] from, in order of preference:
///
/// - `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (GitHub, Hixbe, Hilt, most
///   APIs), with `X-RateLimit-Reset-After` (Discord) as a delta reset, Akamai's `X-RateLimit-Next`
///   (when a request is next let through) as a reset, and the same fields spelled
///   `X-Rate-Limit-*` (Okta, X);
/// - per-dimension variants `X-RateLimit-{Limit,Remaining,Reset}-{Requests,Tokens}` (OpenAI): the
///   dimension with the fewest remaining wins; and windows listed in one field (Mangopay's
///   `X-RateLimit-Remaining: 0, 1400, 4900, 96600`, with the resets listed in the same order):
///   the window with the fewest remaining wins, and among spent ones the one that reopens last;
/// - the APIs' own names: `KuCoin`'s `gw-ratelimit-{limit,remaining,reset}` and `BigCommerce`'s
///   `X-Rate-Limit-Requests-{Quota,Left}` with `X-Rate-Limit-Time-Reset-Ms`, whose resets are
///   delays in milliseconds; Bybit's `X-Bapi-Limit`, `X-Bapi-Limit-Status` (remaining) and
///   `X-Bapi-Limit-Reset-Timestamp`; Gate.io's `X-Gate-RateLimit-Limit`,
///   `X-Gate-RateLimit-Requests-Remain` and `X-Gate-RateLimit-Reset-Timestamp`, whose resets are
///   epoch times read as `X-RateLimit-Reset` is; and `X-RateLimit-*` under an API's own prefix
///   (Bitvavo's `Bitvavo-RateLimit-{Limit,Remaining,ResetAt}`, Brevo's `X-Sib-RateLimit-*`), per
///   dimension where it has them (Anthropic's `Anthropic-RateLimit-{Requests,Tokens}-*`);
/// - the IETF fields: `RateLimit: "policy";r=0;t=30` with `RateLimit-Policy: "policy";q=100;w=60`
///   (draft-ietf-httpapi-ratelimit-headers), the earlier `RateLimit: limit=100, remaining=0,
///   reset=30`, and `RateLimit-Limit` / `-Remaining` / `-Reset`.
///
/// # Reading the reset
///
/// `X-RateLimit-Reset` is sent as epoch seconds by most APIs, as delta seconds by some, as epoch
/// milliseconds by a few, as a Go duration (`6m0s`) by OpenAI, and as a date by others (Vimeo's
/// `2026-11-22T13:00:00+00:00`, Gusto's `2026-11-22 06:00:00 -0700`, lemlist's JavaScript
/// `Sun Nov 22 2026 14:00:00 GMT+0100 (Central European Standard Time)`). Numbers are told apart by
/// size:
///
/// | value                 | read as          | why                                            |
/// |-----------------------|------------------|------------------------------------------------|
/// | a date                | the reset's time | RFC 3339, Ruby's or JS's, with an offset;      |
/// |                       |                  | HTTP-date                                      |
/// | has a unit (`1s`)     | a duration       |                                                |
/// | ≥ 10¹²                | epoch ms         | 10¹² ms is Sep 2001; 10¹² s is 31 000 years     |
/// | ≥ 10⁹                 | epoch seconds    | 10⁹ s is Sep 2001; as a delta, 31 years         |
/// | otherwise             | delta seconds    |                                                |
///
/// The IETF fields' resets are delta seconds by the draft, and are read the same way: the rule
/// reads every delta a rate limiter means as one, and an epoch time as the time it is. GitLab and
/// Twitch send `RateLimit-Reset` as epoch seconds, which read as a delta would be 56 years.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RateLimit {
    /// Requests allowed in a window.
    pub limit: Option<u64>,
    /// Requests left in the current window.
    pub remaining: Option<u64>,
    /// When the window resets.
    pub reset: Option<Wait>,
    /// The window's length, when a policy field states it (`RateLimit-Policy: ..;w=60`).
    pub window: Option<Duration>,
}

impl RateLimit {
    /// Reads the quota state of a response's headers; `None` when there is none.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::{Duration, UNIX_EPOCH};
    /// use http::HeaderMap;
    /// use reprieve_core::headers::{RateLimit, Wait};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("x-ratelimit-limit", "100".parse()?);
    /// headers.insert("x-ratelimit-remaining", "0".parse()?);
    /// headers.insert("x-ratelimit-reset", "1640995260".parse()?);
    /// let limit = RateLimit::from_headers(&headers).unwrap();
    /// assert!(limit.is_exhausted());
    /// assert_eq!(limit.reset, Some(Wait::At(UNIX_EPOCH + Duration::from_secs(1_640_995_260))));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_headers(headers: &HeaderMap) -> Option<Self> {
        // Every rate-limit field's name begins `x-`, `ratelimit` or (KuCoin's) `gw-`, or holds
        // `-ratelimit-` after an API's prefix (Bitvavo's). Most responses carry none, and a
        // middleware asks this of every response, so those are turned away without a full scan.
        let may_hold = |name: &str| {
            matches!(name.as_bytes().first(), Some(b'x' | b'r' | b'g'))
                || name.contains("-ratelimit-")
        };
        if !headers.keys().any(|name| may_hold(name.as_str())) {
            return None;
        }
        let mut found = Found::default();
        found.read(headers);
        Self::from_found(&found)
    }

    pub(crate) fn from_found(found: &Found<'_>) -> Option<Self> {
        if !found.has_rate_limit() {
            return None;
        }
        // `X-RateLimit-{Limit,Remaining,Reset,Reset-After}`, plain and per dimension (OpenAI),
        // and the crypto exchanges'.
        let legacy = found
            .x_ratelimit
            .iter()
            .zip(DELAY_UNITS)
            .filter_map(|(fields, unit)| Self::x_ratelimit(fields, unit))
            .min_by_key(|limit| limit.remaining.unwrap_or(u64::MAX));
        let ietf = Self::ietf(found);
        match (legacy, ietf) {
            (Some(mut legacy), Some(ietf)) => {
                legacy.limit = legacy.limit.or(ietf.limit);
                legacy.remaining = legacy.remaining.or(ietf.remaining);
                legacy.reset = legacy.reset.or(ietf.reset);
                legacy.window = legacy.window.or(ietf.window);
                Some(legacy)
            }
            (legacy, ietf) => legacy.or(ietf),
        }
    }

    /// Whether the quota is spent: nothing remains until the reset.
    pub const fn is_exhausted(&self) -> bool {
        matches!(self.remaining, Some(0))
    }

    /// The time until the reset, measured from `now` (the response's `Date`, or the local clock).
    pub fn reset_after(&self, now: SystemTime) -> Option<Duration> {
        self.reset.map(|wait| wait.delay_from(now))
    }

    fn x_ratelimit(
        &[limit, remaining, reset, reset_after]: &[Option<&str>; 4],
        delay_unit: Unit,
    ) -> Option<Self> {
        if let Some(listed) = remaining.filter(|remaining| remaining.contains(',')) {
            return Self::windows(limit, listed, reset);
        }
        // Envoy's rate-limit filter writes the draft's `10, 10;w=1, 1000;w=3600` under the `X-`
        // name too.
        let limit = limit.and_then(first_count);
        let remaining = remaining.and_then(parse_count);
        // A delay is read before an instant: it needs no clock to agree with the server's (Discord
        // sends both, and says to trust the delay).
        let reset = reset_after
            .and_then(|delay| parse_decimal(delay, delay_unit).map(Wait::After))
            .or_else(|| reset.and_then(parse_reset));
        (limit.is_some() || remaining.is_some() || reset.is_some()).then_some(Self {
            limit,
            remaining,
            reset,
            window: None,
        })
    }

    /// Several windows reported at once, each field a list in the same order: Mangopay's
    /// `X-RateLimit-Remaining: 0, 1400, 4900, 96600` with `X-RateLimit-Reset: 1795348860,
    /// 1795349700, ..` for its 15-minute, 30-minute, hourly and daily windows. The window with the
    /// fewest remaining wins and, among spent ones, the one that reopens last: no request passes
    /// before it does. A field that is no list holds for every window.
    #[cold]
    #[inline(never)]
    fn windows(limit: Option<&str>, remaining: &str, reset: Option<&str>) -> Option<Self> {
        let mut tightest: Option<Self> = None;
        let fields = per_window(limit).zip(per_window(reset));
        for (remaining, (limit, reset)) in remaining.split(',').zip(fields) {
            let window = Self {
                limit: limit.and_then(parse_count),
                remaining: parse_count(remaining),
                reset: reset.and_then(parse_reset),
                window: None,
            };
            let Some(left) = window.remaining else {
                continue;
            };
            let tighter = tightest.as_ref().is_none_or(|best| {
                let best_left = best.remaining.unwrap_or(u64::MAX);
                left < best_left || (left == 0 && best_left == 0 && later(window.reset, best.reset))
            });
            if tighter {
                tightest = Some(window);
            }
        }
        tightest
    }

    fn ietf(headers: &Found<'_>) -> Option<Self> {
        let mut found = Self {
            limit: headers.ratelimit_limit.and_then(first_count),
            remaining: headers.ratelimit_remaining.and_then(first_count),
            reset: headers.ratelimit_reset.and_then(parse_reset),
            window: None,
        };
        if let Some(field) = headers.ratelimit {
            let structured = parse_ietf_field(field);
            found.remaining = found.remaining.or(structured.remaining);
            found.reset = found.reset.or(structured.reset);
            found.limit = found.limit.or(structured.limit);
        }
        if let Some(policy) = headers.ratelimit_policy {
            let policy = parse_ietf_field(policy);
            found.limit = found.limit.or(policy.limit);
            found.window = policy.window;
        }
        (found != Self::default()).then_some(found)
    }
}

/// One field's value for each window in turn: a list's items in order, or a single value for all.
fn per_window(field: Option<&str>) -> impl Iterator<Item = Option<&str>> {
    let listed = field.filter(|value| value.contains(','));
    let items = listed
        .into_iter()
        .flat_map(|list| list.split(',').map(Some));
    items.chain(std::iter::repeat(if listed.is_some() {
        None
    } else {
        field
    }))
}

/// Whether one reset comes after another, where both are of a kind: a window's reset read against
/// another's, as the same header's list gives them.
fn later(reset: Option<Wait>, than: Option<Wait>) -> bool {
    match (reset, than) {
        (Some(Wait::At(reset)), Some(Wait::At(than))) => reset > than,
        (Some(Wait::After(reset)), Some(Wait::After(than))) => reset > than,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Reads one `RateLimit` or `RateLimit-Policy` field: the structured form (`"p";r=0;t=30`,
/// `"p";q=100;w=60`) or draft 7's dictionary (`limit=100, remaining=0, reset=30`). Where several
/// policies are listed, the one with the fewest remaining wins.
fn parse_ietf_field(field: &str) -> RateLimit {
    let mut best = RateLimit::default();
    let mut dictionary = RateLimit::default();
    for item in field.split(',') {
        let mut current = RateLimit::default();
        for param in item.split(';') {
            let Some((key, value)) = param.split_once('=') else {
                continue;
            };
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "r" => current.remaining = parse_count(value),
                "t" => current.reset = parse_reset(value),
                "q" => current.limit = parse_count(value),
                "w" => current.window = parse_decimal(value, Unit::Seconds),
                "remaining" => dictionary.remaining = parse_count(value),
                "reset" => dictionary.reset = parse_reset(value),
                "limit" => dictionary.limit = first_count(value),
                _ => {}
            }
        }
        if current != RateLimit::default()
            && (best == RateLimit::default()
                || current.remaining.unwrap_or(u64::MAX) < best.remaining.unwrap_or(u64::MAX))
        {
            best = current;
        }
    }
    if best == RateLimit::default() {
        dictionary
    } else {
        best
    }
}

fn parse_count(value: &str) -> Option<u64> {
    let value = value.trim();
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// The leading number of `100, 100;w=60` (the draft's limit with its quota policies).
fn first_count(value: &str) -> Option<u64> {
    let end = value.find([',', ';']).unwrap_or(value.len());
    value.get(..end).and_then(parse_count)
}

fn parse_reset(value: &str) -> Option<Wait> {
    let value = value.trim();
    if let Some(at) = parse_date(value) {
        return Some(Wait::At(at));
    }
    if value.ends_with(|c: char| c.is_ascii_alphabetic()) {
        return parse_go_duration(value).map(Wait::After);
    }
    let whole = parse_count(value.split_once('.').map_or(value, |(int, _)| int))?;
    if whole >= EPOCH_MILLIS_FROM {
        let since_epoch = parse_decimal_unclamped(value, Unit::Millis)?;
        Some(Wait::At(epoch_plus(since_epoch)))
    } else if whole >= EPOCH_SECONDS_FROM {
        let since_epoch = parse_decimal_unclamped(value, Unit::Seconds)?;
        Some(Wait::At(epoch_plus(since_epoch)))
    } else {
        parse_decimal(value, Unit::Seconds).map(Wait::After)
    }
}

/// A reset given as a date: RFC 3339 with an offset, Ruby's `Time#to_s` (see
/// [`iso_date`](super::iso_date)), or an HTTP-date in any of RFC 9110's forms.
fn parse_date(value: &str) -> Option<SystemTime> {
    if value.starts_with(|c: char| c.is_ascii_uppercase()) {
        super::http_date(value)
    } else {
        super::iso_date(value)
    }
}

fn epoch_plus(since_epoch: Duration) -> SystemTime {
    // An epoch offset may be anything a u64 of milliseconds holds: add it checked. A time beyond
    // what `SystemTime` holds is far enough in the future for the delay clamp to apply.
    UNIX_EPOCH
        .checked_add(since_epoch)
        .unwrap_or(SystemTime::UNIX_EPOCH + FAR_FUTURE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headers::MAX_SERVER_DELAY;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[allow(clippy::unnecessary_wraps)] // reads like the optional field it is compared with
    fn at(secs: u64) -> Option<Wait> {
        Some(Wait::At(UNIX_EPOCH + Duration::from_secs(secs)))
    }

    #[test]
    fn reset_units_are_told_apart_by_size() {
        let cases = [
            ("1795348860", at(1_795_348_860)),
            (
                "1795348860.5",
                Some(Wait::At(
                    UNIX_EPOCH + Duration::from_millis(1_795_348_860_500),
                )),
            ),
            ("1795348860000", at(1_795_348_860)),
            ("60", Some(Wait::After(Duration::from_secs(60)))),
            ("0", Some(Wait::After(Duration::ZERO))),
            ("1.25", Some(Wait::After(Duration::from_millis(1250)))),
            ("6m0s", Some(Wait::After(Duration::from_secs(360)))),
            ("250ms", Some(Wait::After(Duration::from_millis(250)))),
            ("-5", None),
            ("soon", None),
            ("184467440737095516160", None),
        ];
        for (value, want) in cases {
            assert_eq!(parse_reset(value), want, "{value:?}");
        }
    }

    #[test]
    fn a_reset_may_be_a_date() {
        // 2026-11-22T13:00:00Z.
        let one_pm = at(1_795_352_400);
        let cases = [
            ("2026-11-22T13:00:00Z", one_pm),
            ("2026-11-22T13:00:00+00:00", one_pm),
            ("2026-11-22T15:00:00+02:00", one_pm),
            (
                "2026-11-22T13:00:00.250Z",
                Some(Wait::At(
                    UNIX_EPOCH + Duration::from_millis(1_795_352_400_250),
                )),
            ),
            ("Sun, 22 Nov 2026 13:00:00 GMT", one_pm),
            ("Sunday, 22-Nov-26 13:00:00 GMT", one_pm),
            ("Sun Nov 22 13:00:00 2026", one_pm),
            // Ruby's `Time#to_s`, as Rails APIs (Gusto's) send it.
            ("2026-11-22 06:00:00 -0700", one_pm),
            ("2026-11-22 13:00:00 UTC", one_pm),
            ("2026-11-22 13:00:00 +0000", one_pm),
            // JavaScript's `Date#toString()`, as Node APIs (lemlist's) send it.
            (
                "Sun Nov 22 2026 14:00:00 GMT+0100 (Central European Standard Time)",
                one_pm,
            ),
            ("Sun Nov 22 2026 06:00:00 GMT-0700", one_pm),
            ("Mon Nov 22 2026 14:00:00 GMT+0100 (wrong weekday)", None),
            // No offset, no instant; and no such day.
            ("2026-11-22T13:00:00", None),
            ("2026-11-22 13:00:00", None),
            ("2026-11-22 13:00:00 PST", None),
            ("2026-11-22 13:00:00 -0700 trailing", None),
            ("2026-13-45T13:00:00Z", None),
            ("Sun, 22 Nov 2026", None),
        ];
        for (value, want) in cases {
            assert_eq!(parse_reset(value), want, "{value:?}");
        }
        // Far dates are still instants, whose waits are clamped where every wait is; a date past
        // what a timestamp holds (jiff's end is 9999-12-30) is ignored.
        assert!(parse_reset("9000-01-01T00:00:00Z").is_some());
        assert!(parse_reset("1900-01-01T00:00:00Z").is_some());
        assert_eq!(parse_reset("9999-12-31T23:59:59Z"), None);
    }

    #[test]
    fn reads_x_ratelimit_headers() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "95"),
            ("x-ratelimit-reset", "1640995260"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(100));
        assert_eq!(limit.remaining, Some(95));
        assert_eq!(limit.reset, at(1_640_995_260));
        assert!(!limit.is_exhausted());
    }

    #[test]
    fn quota_fields_are_found_among_other_headers_and_only_there() {
        let plain = [
            ("content-type", "application/json"),
            ("date", "Sun, 22 Nov 2026 05:00:00 GMT"),
            ("retry-after", "30"),
        ];
        assert_eq!(RateLimit::from_headers(&headers(&plain)), None);
        let mut with_quota = plain.to_vec();
        with_quota.push(("ratelimit-remaining", "7"));
        let limit = RateLimit::from_headers(&headers(&with_quota)).unwrap();
        assert_eq!(limit.remaining, Some(7));
    }

    #[test]
    fn kucoins_reset_is_a_delay_in_milliseconds() {
        let limit = RateLimit::from_headers(&headers(&[
            ("gw-ratelimit-limit", "4000"),
            ("gw-ratelimit-remaining", "0"),
            ("gw-ratelimit-reset", "1489"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(4000));
        assert!(limit.is_exhausted());
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_millis(1489))));
        // The same number as an `X-RateLimit-Reset` is seconds.
        let limit = RateLimit::from_headers(&headers(&[("x-ratelimit-reset", "1489")])).unwrap();
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_secs(1489))));
        // A reset that is no number is no reset.
        let limit = RateLimit::from_headers(&headers(&[
            ("gw-ratelimit-remaining", "0"),
            ("gw-ratelimit-reset", "-5"),
        ]))
        .unwrap();
        assert_eq!(limit.reset, None);
    }

    #[test]
    fn bigcommerce_counts_the_rest_of_its_window_in_milliseconds() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-rate-limit-requests-quota", "150"),
            ("x-rate-limit-requests-left", "0"),
            ("x-rate-limit-time-window-ms", "30000"),
            ("x-rate-limit-time-reset-ms", "3000"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(150));
        assert!(limit.is_exhausted());
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_millis(3000))));
    }

    #[test]
    fn bybit_and_gate_io_report_their_quota_under_their_own_names() {
        // Bybit's reset is in epoch milliseconds.
        let limit = RateLimit::from_headers(&headers(&[
            ("x-bapi-limit", "10"),
            ("x-bapi-limit-status", "0"),
            ("x-bapi-limit-reset-timestamp", "1795348860123"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(10));
        assert!(limit.is_exhausted());
        assert_eq!(
            limit.reset,
            Some(Wait::At(
                UNIX_EPOCH + Duration::from_millis(1_795_348_860_123)
            ))
        );
        // Gate.io's, in milliseconds or in seconds, told apart as `X-RateLimit-Reset`'s are.
        for (reset, at) in [
            ("1795348860000", 1_795_348_860),
            ("1795348860", 1_795_348_860),
        ] {
            let limit = RateLimit::from_headers(&headers(&[
                ("x-gate-ratelimit-requests-remain", "0"),
                ("x-gate-ratelimit-limit", "200"),
                ("x-gate-ratelimit-reset-timestamp", reset),
            ]))
            .unwrap();
            assert_eq!(limit.limit, Some(200));
            assert!(limit.is_exhausted());
            assert_eq!(
                limit.reset,
                Some(Wait::At(UNIX_EPOCH + Duration::from_secs(at)))
            );
        }
        // With quota left, the count is what matters: the reset is then only the current time.
        let limit = RateLimit::from_headers(&headers(&[
            ("x-bapi-limit", "10"),
            ("x-bapi-limit-status", "9"),
        ]))
        .unwrap();
        assert_eq!((limit.remaining, limit.is_exhausted()), (Some(9), false));
    }

    #[test]
    fn an_apis_own_prefix_is_read_as_x_ratelimit() {
        // Bitvavo's reset is an epoch time in milliseconds; Brevo's a delay in seconds.
        for (fields, reset) in [
            (
                [
                    ("bitvavo-ratelimit-limit", "1000"),
                    ("bitvavo-ratelimit-remaining", "0"),
                    ("bitvavo-ratelimit-resetat", "1795348860123"),
                ],
                Wait::At(UNIX_EPOCH + Duration::from_millis(1_795_348_860_123)),
            ),
            (
                [
                    ("x-sib-ratelimit-limit", "1000"),
                    ("x-sib-ratelimit-remaining", "0"),
                    ("x-sib-ratelimit-reset", "42"),
                ],
                Wait::After(Duration::from_secs(42)),
            ),
        ] {
            let limit = RateLimit::from_headers(&headers(&fields)).unwrap();
            assert_eq!(
                (limit.limit, limit.remaining, limit.reset),
                (Some(1000), Some(0), Some(reset)),
                "{fields:?}"
            );
        }
        // Anthropic's count requests and tokens apart: the dimension spent wins, as OpenAI's.
        let limit = RateLimit::from_headers(&headers(&[
            ("anthropic-ratelimit-requests-limit", "50"),
            ("anthropic-ratelimit-requests-remaining", "49"),
            ("anthropic-ratelimit-requests-reset", "2026-11-22T12:00:01Z"),
            ("anthropic-ratelimit-tokens-limit", "40000"),
            ("anthropic-ratelimit-tokens-remaining", "0"),
            ("anthropic-ratelimit-tokens-reset", "2026-11-22T13:00:00Z"),
            ("anthropic-ratelimit-input-tokens-remaining", "0"),
        ]))
        .unwrap();
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(40000), Some(0), at(1_795_352_400))
        );
        // Only those fields: a window's length or a per-minute count is none of them.
        let limit = RateLimit::from_headers(&headers(&[
            ("x-hubspot-ratelimit-max", "190"),
            ("x-hubspot-ratelimit-interval-milliseconds", "10000"),
            ("x-ratelimit-remaining-minute", "0"),
        ]))
        .unwrap();
        assert_eq!(
            (limit.limit, limit.remaining, limit.reset),
            (Some(190), None, None)
        );
    }

    #[test]
    fn akamais_next_is_the_time_the_window_lets_a_request_through() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-limit", "100"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-next", "2026-11-22T13:00:00.000Z"),
        ]))
        .unwrap();
        assert_eq!(limit.reset, at(1_795_352_400));
        assert!(limit.is_exhausted());
    }

    #[test]
    fn discord_reset_after_is_a_delta() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset-after", "64.57"),
        ]))
        .unwrap();
        assert_eq!(
            limit.reset,
            Some(Wait::After(Duration::from_millis(64_570)))
        );
        assert!(limit.is_exhausted());
        // Beside the reset's instant, which a skewed clock misreads, the delay wins, in either
        // order.
        for pairs in [
            [
                ("x-ratelimit-reset", "1470173023.123"),
                ("x-ratelimit-reset-after", "1.5"),
            ],
            [
                ("x-ratelimit-reset-after", "1.5"),
                ("x-ratelimit-reset", "1470173023.123"),
            ],
        ] {
            let limit = RateLimit::from_headers(&headers(&pairs)).unwrap();
            assert_eq!(limit.reset, Some(Wait::After(Duration::from_millis(1_500))));
        }
    }

    #[test]
    fn openai_dimension_with_fewest_remaining_wins() {
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-limit-requests", "60"),
            ("x-ratelimit-remaining-requests", "59"),
            ("x-ratelimit-reset-requests", "1s"),
            ("x-ratelimit-limit-tokens", "150000"),
            ("x-ratelimit-remaining-tokens", "0"),
            ("x-ratelimit-reset-tokens", "6m0s"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(150_000));
        assert_eq!(limit.remaining, Some(0));
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_secs(360))));
    }

    #[test]
    fn listed_windows_are_read_in_order_and_the_tightest_wins() {
        // Mangopay's four windows (15 minutes, 30 minutes, an hour, a day), with `X-RateLimit` the
        // calls made in each.
        let mangopay = |remaining| {
            RateLimit::from_headers(&headers(&[
                ("x-ratelimit", "2300, 3100, 3900, 9000"),
                ("x-ratelimit-remaining", remaining),
                (
                    "x-ratelimit-reset",
                    "1795348860, 1795349700, 1795351500, 1795435200",
                ),
            ]))
            .unwrap()
        };
        let spent = mangopay("0, 1400, 4900, 96600");
        assert_eq!(spent.remaining, Some(0));
        assert_eq!(spent.reset, at(1_795_348_860));
        // No request passes before every spent window reopens.
        let two_spent = mangopay("0, 0, 4900, 96600");
        assert_eq!(two_spent.reset, at(1_795_349_700));
        let open = mangopay("900, 1400, 400, 96600");
        assert_eq!((open.remaining, open.reset), (Some(400), at(1_795_351_500)));
        // Limits listed the same way; a field that is no list holds for every window; a window
        // whose count is unreadable is passed over.
        let limit = RateLimit::from_headers(&headers(&[
            ("x-ratelimit-limit", "10, 1000"),
            ("x-ratelimit-remaining", "7, 0"),
            ("x-ratelimit-reset", "30"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(1000));
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_secs(30))));
        let limit =
            RateLimit::from_headers(&headers(&[("x-ratelimit-remaining", "lots, 3, -1")])).unwrap();
        assert_eq!(limit.remaining, Some(3));
        assert_eq!(
            RateLimit::from_headers(&headers(&[("x-ratelimit-remaining", "lots, -1")])),
            None
        );
    }

    #[test]
    fn ietf_structured_fields() {
        let limit = RateLimit::from_headers(&headers(&[
            ("ratelimit", r#""default";r=0;t=30, "burst";r=5;t=1"#),
            ("ratelimit-policy", r#""default";q=100;w=60"#),
        ]))
        .unwrap();
        assert_eq!(limit.remaining, Some(0));
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_secs(30))));
        assert_eq!(limit.limit, Some(100));
        assert_eq!(limit.window, Some(Duration::from_secs(60)));
    }

    #[test]
    fn ietf_draft_dictionary_and_separate_fields() {
        let dict = RateLimit::from_headers(&headers(&[(
            "ratelimit",
            "limit=100, remaining=0, reset=30",
        )]))
        .unwrap();
        assert_eq!((dict.limit, dict.remaining), (Some(100), Some(0)));
        assert_eq!(dict.reset, Some(Wait::After(Duration::from_secs(30))));

        let fields = RateLimit::from_headers(&headers(&[
            ("ratelimit-limit", "100, 100;w=60"),
            ("ratelimit-remaining", "7"),
            ("ratelimit-reset", "12"),
        ]))
        .unwrap();
        assert_eq!((fields.limit, fields.remaining), (Some(100), Some(7)));
        assert_eq!(fields.reset, Some(Wait::After(Duration::from_secs(12))));
    }

    #[test]
    fn envoys_x_ratelimit_limit_carries_its_policies() {
        let limit = RateLimit::from_headers(&headers(&[
            (
                "x-ratelimit-limit",
                "10, 10;w=1;name=\"per-ip\", 1000;w=3600",
            ),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1"),
        ]))
        .unwrap();
        assert_eq!(limit.limit, Some(10));
        assert!(limit.is_exhausted());
        assert_eq!(limit.reset, Some(Wait::After(Duration::from_secs(1))));
    }

    #[test]
    fn an_ietf_reset_too_large_for_a_delay_is_an_epoch_time() {
        // GitLab's and Twitch's `RateLimit-Reset`, in epoch seconds: as a delay, 56 years.
        let gitlab = RateLimit::from_headers(&headers(&[
            ("ratelimit-limit", "60"),
            ("ratelimit-remaining", "0"),
            ("ratelimit-reset", "1795348860"),
        ]))
        .unwrap();
        assert_eq!(gitlab.reset, at(1_795_348_860));
        // The same in the draft's dictionary and structured field, and in milliseconds.
        for field in [
            "limit=60, remaining=0, reset=1795348860",
            "\"default\";r=0;t=1795348860000",
        ] {
            let limit = RateLimit::from_headers(&headers(&[("ratelimit", field)])).unwrap();
            assert_eq!(limit.reset, at(1_795_348_860), "{field}");
        }
        // A delay is still a delay.
        let limit = RateLimit::from_headers(&headers(&[("ratelimit", "\"p\";r=0;t=86400")]));
        assert_eq!(
            limit.unwrap().reset,
            Some(Wait::After(Duration::from_secs(86_400)))
        );
    }

    #[test]
    fn hostile_values_are_ignored() {
        assert_eq!(
            RateLimit::from_headers(&headers(&[
                ("x-ratelimit-limit", "-1"),
                ("x-ratelimit-remaining", "99999999999999999999999"),
                ("x-ratelimit-reset", "18446744073709551616"),
            ])),
            None
        );
        let limit =
            RateLimit::from_headers(&headers(&[("x-ratelimit-reset", "18446744073709551615")]))
                .unwrap();
        // u64::MAX milliseconds since the epoch: far future, no overflow.
        let now = UNIX_EPOCH + Duration::from_secs(1_795_348_800);
        assert!(limit.reset_after(now).unwrap() <= MAX_SERVER_DELAY);
        // Dates that are no dates, however long.
        for value in [
            format!("2026-11-22 13:00:00 {}", "-0700".repeat(10_000)),
            format!("2026-11-22 {}", "9".repeat(10_000)),
            "9999-12-31 23:59:59 -2359".to_owned(),
        ] {
            assert_eq!(parse_reset(&value), None, "{value:.40}");
        }
    }

    #[test]
    fn absent_headers_mean_no_state() {
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
    }
}
