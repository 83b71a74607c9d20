//! Non-negative decimal numbers and Go-style durations, parsed without floats and without overflow.

use std::time::Duration;

use super::MAX_SERVER_DELAY;

/// The unit of a bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Seconds,
    Millis,
}

/// A non-negative decimal (`17`, `1.5`, `0.250`) in `unit`, as a delay: clamped to
/// [`MAX_SERVER_DELAY`].
///
/// Signs, exponents, empty parts and integer parts beyond `u64` are rejected: a server that sends
/// them is not saying anything a client should act on.
pub(crate) fn parse_decimal(text: &str, unit: Unit) -> Option<Duration> {
    parse_decimal_unclamped(text, unit).map(|delay| delay.min(MAX_SERVER_DELAY))
}

/// [`parse_decimal`] without the clamp, for offsets from the epoch.
pub(crate) fn parse_decimal_unclamped(text: &str, unit: Unit) -> Option<Duration> {
    let text = text.trim();
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let whole: u64 = int.parse().ok()?;
    // Nanoseconds of the fractional part: at most nine digits are significant.
    let (scale, per_unit) = match unit {
        Unit::Seconds => (Duration::from_secs(whole), 1_000_000_000_u64),
        Unit::Millis => (Duration::from_millis(whole), 1_000_000_u64),
    };
    let mut nanos = 0_u64;
    let mut place = per_unit;
    for digit in frac.bytes().take(9) {
        place /= 10;
        nanos += u64::from(digit - b'0') * place;
    }
    scale.checked_add(Duration::from_nanos(nanos))
}

/// A Go-style duration as `time.Duration.String()` prints it and OpenAI sends in
/// `x-ratelimit-reset-*`: `1s`, `6m0s`, `1h2m3.5s`, `250ms`, `20us`.
pub(crate) fn parse_go_duration(text: &str) -> Option<Duration> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return None;
    }
    let mut total = Duration::ZERO;
    while !rest.is_empty() {
        let number_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, tail) = rest.split_at(number_len);
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        let part = match unit {
            "h" => parse_decimal(number, Unit::Seconds)?.checked_mul(3600)?,
            "m" => parse_decimal(number, Unit::Seconds)?.checked_mul(60)?,
            "s" => parse_decimal(number, Unit::Seconds)?,
            "ms" => parse_decimal(number, Unit::Millis)?,
            "us" | "\u{b5}s" | "\u{3bc}s" => parse_decimal(number, Unit::Millis)? / 1000,
            "ns" => parse_decimal(number, Unit::Millis)? / 1_000_000,
            _ => return None,
        };
        total = total.checked_add(part)?;
        rest = tail;
    }
    Some(total.min(MAX_SERVER_DELAY))
}

fn all_digits(text: &str) -> bool {
    text.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_in_seconds_and_millis() {
        let cases = [
            ("17", Unit::Seconds, Some(Duration::from_secs(17))),
            (" 1.5 ", Unit::Seconds, Some(Duration::from_millis(1500))),
            ("0.001", Unit::Seconds, Some(Duration::from_millis(1))),
            ("250", Unit::Millis, Some(Duration::from_millis(250))),
            ("2.5", Unit::Millis, Some(Duration::from_micros(2500))),
            (
                "1.1234567891",
                Unit::Seconds,
                Some(Duration::new(1, 123_456_789)),
            ),
            ("-1", Unit::Seconds, None),
            ("+1", Unit::Seconds, None),
            ("1e3", Unit::Seconds, None),
            (".5", Unit::Seconds, None),
            ("", Unit::Seconds, None),
            ("soon", Unit::Seconds, None),
            ("99999999999999999999", Unit::Seconds, None),
            (
                "18446744073709551615",
                Unit::Seconds,
                Some(MAX_SERVER_DELAY),
            ),
            (
                "18446744073709551615.999",
                Unit::Millis,
                Some(MAX_SERVER_DELAY),
            ),
        ];
        for (text, unit, want) in cases {
            assert_eq!(parse_decimal(text, unit), want, "{text:?} in {unit:?}");
        }
    }

    #[test]
    fn go_durations() {
        let cases = [
            ("1s", Some(Duration::from_secs(1))),
            ("6m0s", Some(Duration::from_secs(360))),
            ("1h2m3.5s", Some(Duration::from_millis(3_723_500))),
            ("250ms", Some(Duration::from_millis(250))),
            ("20us", Some(Duration::from_micros(20))),
            ("7ns", Some(Duration::from_nanos(7))),
            ("10", None),
            ("s", None),
            ("5 minutes", None),
            ("", None),
            ("99999999999999999999h", None),
            ("18446744073709551615h", Some(MAX_SERVER_DELAY)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_go_duration(text), want, "{text:?}");
        }
    }
}
