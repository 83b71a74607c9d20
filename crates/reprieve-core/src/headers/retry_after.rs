//! `Retry-After` (RFC 9110 §10.2.3) and `retry-after-ms`.

use std::time::Duration;

use super::number::{Unit, parse_decimal};
use super::{InvalidHeader, Wait};

/// Parses a `Retry-After` value: delay-seconds (`120`) or an HTTP-date in any of the three forms of
/// RFC 9110 §5.6.7 (IMF-fixdate, RFC 850, asctime).
///
/// As leniencies, a non-negative decimal (`1.5`) is taken as fractional seconds, and a date may be
/// any RFC 5322 date-time, as RFC 9110 §5.6.7 encourages: hand-written values come with a numeric
/// offset (`+0000`: Go's `time.RFC1123Z`, Python's `email.utils.formatdate`) or `UTC` (Go's
/// `time.RFC1123`) in place of `GMT`, or JavaScript's `Date#toString()`
/// (`Sun Nov 22 2026 13:00:00 GMT+0100 (Central European Standard Time)`), a Node server's `Date`
/// written as it stands; or RFC 3339 with an offset (`2026-11-22T13:00:00Z`), as Zoom documents its
/// `Retry-After` for a spent daily limit. The same grammar serves `X-RateLimit-Retry-After`.
///
/// # Examples
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use reprieve_core::headers::{Wait, parse_retry_after};
///
/// assert_eq!(parse_retry_after("120")?, Wait::After(Duration::from_secs(120)));
/// let at = UNIX_EPOCH + Duration::from_secs(784_111_777);
/// assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT")?, Wait::At(at));
/// assert_eq!(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT")?, Wait::At(at));
/// assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994")?, Wait::At(at));
/// assert!(parse_retry_after("soon").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// [`InvalidHeader`] when the value is neither: negative numbers, numbers beyond `u64`, garbage.
pub fn parse_retry_after(value: &str) -> Result<Wait, InvalidHeader> {
    let trimmed = value.trim();
    if trimmed.starts_with(|c: char| c.is_ascii_digit())
        && let Some(delay) = parse_decimal(trimmed, Unit::Seconds)
    {
        return Ok(Wait::After(delay));
    }
    super::http_date(trimmed)
        .or_else(|| super::iso_date(trimmed))
        .map(Wait::At)
        .ok_or_else(|| InvalidHeader::new("Retry-After", value, "delay-seconds or an HTTP-date"))
}

/// Parses a `retry-after-ms` value: non-negative milliseconds, fractions allowed.
///
/// # Errors
///
/// [`InvalidHeader`] when the value is not a non-negative number of milliseconds.
pub fn parse_retry_after_ms(value: &str) -> Result<Duration, InvalidHeader> {
    parse_decimal(value, Unit::Millis)
        .ok_or_else(|| InvalidHeader::new("retry-after-ms", value, "non-negative milliseconds"))
}

#[cfg(test)]
mod tests {
    use std::time::{SystemTime, UNIX_EPOCH};

    use super::*;
    use crate::headers::MAX_SERVER_DELAY;

    fn at(secs: u64) -> Wait {
        Wait::At(UNIX_EPOCH + Duration::from_secs(secs))
    }

    #[test]
    fn accepts_delay_seconds_and_all_three_date_forms() {
        let rfc_example = 784_111_777; // Sun, 06 Nov 1994 08:49:37 GMT
        let cases = [
            ("120", Wait::After(Duration::from_secs(120))),
            ("0", Wait::After(Duration::ZERO)),
            ("  17 ", Wait::After(Duration::from_secs(17))),
            ("1.5", Wait::After(Duration::from_millis(1500))),
            ("Sun, 06 Nov 1994 08:49:37 GMT", at(rfc_example)),
            ("Sunday, 06-Nov-94 08:49:37 GMT", at(rfc_example)),
            ("Sun Nov  6 08:49:37 1994", at(rfc_example)),
            ("Sun, 22 Nov 2026 12:02:00 GMT", at(1_795_348_920)),
            ("Fri, 31 Dec 9999 23:59:59 GMT", at(253_402_300_799)),
            ("18446744073709551615", Wait::After(MAX_SERVER_DELAY)),
        ];
        for (value, want) in cases {
            assert_eq!(parse_retry_after(value), Ok(want), "{value:?}");
        }
    }

    #[test]
    fn accepts_the_date_forms_hand_written_values_take() {
        // Go's `time.RFC1123` and `RFC1123Z`, Python's `formatdate()`, a zone of RFC 5322's.
        let noon = at(1_795_348_800); // Sun, 22 Nov 2026 12:00:00 GMT
        for value in [
            "Sun, 22 Nov 2026 12:00:00 UTC",
            "Sun, 22 Nov 2026 12:00:00 +0000",
            "Sun, 22 Nov 2026 12:00:00 -0000",
            "Sun, 22 Nov 2026 04:00:00 PST",
            "Sun, 22 Nov 2026 13:00:00 +0100",
            // JavaScript's `Date#toString()`, a Node server's `Date` written as it stands.
            "Sun Nov 22 2026 13:00:00 GMT+0100 (Central European Standard Time)",
            // RFC 3339, as Zoom sends it for a spent daily limit, and Ruby's `Time#to_s`.
            "2026-11-22T12:00:00Z",
            "2026-11-22T13:00:00+01:00",
            "2026-11-22 04:00:00 -0800",
        ] {
            assert_eq!(parse_retry_after(value), Ok(noon), "{value:?}");
        }
    }

    #[test]
    fn rejects_hostile_values() {
        for value in [
            "",
            "soon",
            "-1",
            "-0",
            "+5",
            "99999999999999999999",
            "1e9",
            "Thu, 31 Dec 9999 23:59:59 GMT", // wrong weekday
            "Sun, 32 Nov 2026 12:00:00 GMT",
            "Sun, 22 Nov 2026 25:00:00 GMT",
            "2026-11-22T12:00:00", // no offset, no instant
            "Sun, 22 Nov 2026 12:00:00 +2600",
            "Sun, 22 Nov 2026 13:00:00 CET",
            "Sun, 22 Nov 2026 12:00:00 Z",
            "Sun, 22 Nov 2026 12:00:00 +0000 (UTC)",
        ] {
            assert!(parse_retry_after(value).is_err(), "{value:?} accepted");
        }
    }

    #[test]
    fn far_future_dates_are_clamped_when_measured() {
        let wait = parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT").unwrap();
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_348_800);
        assert_eq!(wait.delay_from(now), MAX_SERVER_DELAY);
    }

    #[test]
    fn past_dates_are_a_zero_delay() {
        let wait = parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        let now = UNIX_EPOCH + Duration::from_secs(1_795_348_800);
        assert_eq!(wait.delay_from(now), Duration::ZERO);
    }

    #[test]
    fn retry_after_ms() {
        assert_eq!(
            parse_retry_after_ms("1500"),
            Ok(Duration::from_millis(1500))
        );
        assert_eq!(parse_retry_after_ms("0.5"), Ok(Duration::from_micros(500)));
        assert!(parse_retry_after_ms("-3").is_err());
        assert!(parse_retry_after_ms("later").is_err());
    }

    #[test]
    fn error_message_names_header_value_and_expectation() {
        let err = parse_retry_after("soon").unwrap_err();
        insta::assert_snapshot!(err, @"invalid Retry-After value `soon`: expected delay-seconds or an HTTP-date");
        let long = "x".repeat(100);
        let err = parse_retry_after(&long).unwrap_err();
        let shown = format!("`{}\u{2026}`", "x".repeat(40));
        assert!(err.to_string().contains(&shown), "{err}");
        let err = parse_retry_after_ms("later").unwrap_err();
        insta::assert_snapshot!(err, @"invalid retry-after-ms value `later`: expected non-negative milliseconds");
    }
}
