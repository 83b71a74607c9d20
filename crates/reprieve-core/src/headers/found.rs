//! [`Found`]: every header reprieve reads, collected in one pass over a response's headers.
//!
//! A response carries a handful of headers and reprieve knows some forty names, most of which it
//! will not find. Asking the map for each name parsed and hashed all forty (`HeaderMap::get(&str)`
//! took half of the classifier's time); scanning the map once and matching each present name
//! against the known ones costs one comparison chain per header actually sent.

use http::{HeaderMap, HeaderValue};

/// Headers in which an API names its request id, most specific first.
const API_REQUEST_IDS: [&str; 13] = [
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amzn-request-id",
    "x-amz-request-id",
    "x-github-request-id",
    "x-ms-request-id",
    "paypal-debug-id",
    "x-correlation-id",
    // FAPI's, which every Open Banking API (UK, Brazil, Australia) answers with.
    "x-fapi-interaction-id",
    "x-trace-id",
    // Bybit's.
    "traceid",
    // Cybersource's.
    "v-c-correlation-id",
];

/// Headers in which a proxy in front of the API names the request, most specific first: the API
/// gateway's, then the cache's and the CDN's (CloudFront, Azure Front Door, Vercel, Cloudflare),
/// which is all a proxy's own error page has. They rank below the API's own and below any other
/// `*-request-id` header (see [`Slot::vendor_request_id`]).
const PROXY_REQUEST_IDS: [&str; 7] = [
    // The API gateways' on the errors they answer themselves: Kong's, IBM API Connect's (and
    // DataPower's), which fronts many banks' APIs.
    "x-kong-request-id",
    "x-global-transaction-id",
    // Varnish's transaction id, the XID its "Guru Meditation" page gives.
    "x-varnish",
    "x-amz-cf-id",
    "x-azure-ref",
    "x-vercel-id",
    "cf-ray",
];

/// The rank of a request-id header that neither list names but whose name says what it holds.
const VENDOR_REQUEST_ID: usize = API_REQUEST_IDS.len();

/// The first readable value of each header reprieve reads, as text. A value that is not visible
/// ASCII is treated as absent, as `HeaderValue::to_str` does.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Found<'h> {
    pub(crate) retry_after: Option<&'h str>,
    /// `Retry-After` is present, whatever its value.
    pub(crate) has_retry_after: bool,
    pub(crate) retry_after_ms: Option<&'h str>,
    pub(crate) x_ratelimit_retry_after: Option<&'h str>,
    /// `X-RateLimit-{Limit,Remaining,Reset,Reset-After}`, plain, `-Requests` and `-Tokens`; then
    /// the APIs' own names, which no one response mixes: `KuCoin`'s
    /// `gw-ratelimit-{limit,remaining,reset}` and `BigCommerce`'s
    /// `x-rate-limit-{requests-quota,requests-left,time-reset-ms}`, whose resets are delays in
    /// milliseconds (kept as the fourth, `Reset-After`, field), Bybit's and Gate.io's, whose reset
    /// is an epoch time, and `X-RateLimit-*` under any other API's prefix
    /// ([`Slot::vendor_rate_limit`]).
    pub(crate) x_ratelimit: [[Option<&'h str>; 4]; 4],
    pub(crate) ratelimit_limit: Option<&'h str>,
    pub(crate) ratelimit_remaining: Option<&'h str>,
    pub(crate) ratelimit_reset: Option<&'h str>,
    /// The IETF `RateLimit` field.
    pub(crate) ratelimit: Option<&'h str>,
    pub(crate) ratelimit_policy: Option<&'h str>,
    /// `Date` and `Content-Type` are read as text only when asked for: a response that succeeded
    /// or says nothing of its quota never needs them. Their first value counts.
    date: Option<&'h HeaderValue>,
    content_type: Option<&'h HeaderValue>,
    /// `Stripe-Should-Retry`, then `X-Should-Retry`.
    pub(crate) should_retry: [Option<&'h str>; 2],
    /// The request id of the most specific request-id header, with its rank (lower is more
    /// specific: [`API_REQUEST_IDS`], then [`VENDOR_REQUEST_ID`], then [`PROXY_REQUEST_IDS`]).
    request_id: Option<(usize, &'h str)>,
    /// AWS's `X-Amzn-ErrorType` (`ThrottlingException`, or `Code:namespace-url`), Azure's
    /// `x-ms-error-code` (`BlobNotFound`, the only word of a `HEAD` that failed), Vercel's
    /// `X-Vercel-Error` (`FUNCTION_INVOCATION_TIMEOUT`), or Alibaba Cloud API Gateway's
    /// `X-Ca-Error-Code` (`I400MH`).
    error_code: Option<&'h str>,
    /// Alibaba Cloud API Gateway's `X-Ca-Error-Message`: the gateway's own answers say why in a
    /// header, with no body.
    pub(crate) error_message: Option<&'h str>,
    /// Linkerd's `l5d-proxy-error`, or Squid's `X-Squid-Error` (`ERR_CONNECT_FAIL 111`, the
    /// error's name and the system's error number): the proxy answered for the request itself,
    /// and says why.
    pub(crate) proxy_error: Option<&'h str>,
    /// `WWW-Authenticate`, whose Bearer challenge says why a token was refused (RFC 6750 §3).
    challenge: Option<&'h str>,
}

/// Where a known header's value goes.
enum Slot {
    RetryAfter,
    RetryAfterMs,
    XRateLimitRetryAfter,
    /// (dimension, field) in [`Found::x_ratelimit`].
    XRateLimit(usize, usize),
    RateLimitLimit,
    RateLimitRemaining,
    RateLimitReset,
    RateLimit,
    RateLimitPolicy,
    Date,
    ContentType,
    ShouldRetry(usize),
    RequestId(usize),
    ErrorCode,
    ErrorMessage,
    ProxyError,
    Challenge,
}

impl Slot {
    fn of(name: &str) -> Option<Self> {
        Self::listed(name)
            .or_else(|| Self::vendor_request_id(name))
            .or_else(|| Self::vendor_rate_limit(name))
    }

    fn listed(name: &str) -> Option<Self> {
        // Every listed name starts with one of these bytes; most headers a response carries
        // (content-length, server, connection) are turned away after one comparison.
        match name.as_bytes().first()? {
            b'r' | b'x' => Self::rate_limit(name)
                .or_else(|| Self::request_id(name))
                .or_else(|| Self::error(name)),
            b'd' if name == "date" => Some(Self::Date),
            b'c' if name == "content-type" => Some(Self::ContentType),
            b's' if name == "stripe-should-retry" => Some(Self::ShouldRetry(0)),
            // `cf-ray`, `paypal-debug-id`: not the common `content-length` or `connection`.
            b'c' if name.starts_with("cf-") => Self::request_id(name),
            b'p' => Self::request_id(name),
            b'v' if name.starts_with("v-c-") => Self::request_id(name),
            b't' if name == "traceid" => Self::request_id(name),
            b'l' if name == "l5d-proxy-error" => Some(Self::ProxyError),
            b'w' if name == "www-authenticate" => Some(Self::Challenge),
            b'g' => Self::rate_limit(name),
            _ => None,
        }
    }

    fn error(name: &str) -> Option<Self> {
        match name {
            "x-amzn-errortype" | "x-ms-error-code" | "x-vercel-error" | "x-ca-error-code" => {
                Some(Self::ErrorCode)
            }
            "x-ca-error-message" => Some(Self::ErrorMessage),
            "x-squid-error" => Some(Self::ProxyError),
            _ => None,
        }
    }

    fn rate_limit(name: &str) -> Option<Self> {
        Some(match name {
            "retry-after" => Self::RetryAfter,
            // Azure's services send `retry-after-ms` or, Cosmos DB's and Storage's,
            // `x-ms-retry-after-ms`.
            "retry-after-ms" | "x-ms-retry-after-ms" => Self::RetryAfterMs,
            // Also under the names of bucket4j's Spring Boot starter, of Cashfree, and of
            // BigCommerce and Better Auth (`X-Retry-After`).
            "x-ratelimit-retry-after"
            | "x-rate-limit-retry-after-seconds"
            | "x-ratelimit-retry"
            | "x-retry-after" => Self::XRateLimitRetryAfter,
            // With Okta's and X's spelling, `X-Rate-Limit-*`.
            "x-ratelimit-limit" | "x-rate-limit-limit" => Self::XRateLimit(0, 0),
            "x-ratelimit-remaining" | "x-rate-limit-remaining" => Self::XRateLimit(0, 1),
            // Akamai's APIs give, on a 429, `X-RateLimit-Next`: the time a request is next let
            // through, which is when the window resets for the one waiting.
            "x-ratelimit-reset" | "x-rate-limit-reset" | "x-ratelimit-next" => {
                Self::XRateLimit(0, 2)
            }
            "x-ratelimit-reset-after" => Self::XRateLimit(0, 3),
            "x-ratelimit-limit-requests" => Self::XRateLimit(1, 0),
            "x-ratelimit-remaining-requests" => Self::XRateLimit(1, 1),
            "x-ratelimit-reset-requests" => Self::XRateLimit(1, 2),
            "x-ratelimit-reset-after-requests" => Self::XRateLimit(1, 3),
            "x-ratelimit-limit-tokens" => Self::XRateLimit(2, 0),
            "x-ratelimit-remaining-tokens" => Self::XRateLimit(2, 1),
            "x-ratelimit-reset-tokens" => Self::XRateLimit(2, 2),
            "x-ratelimit-reset-after-tokens" => Self::XRateLimit(2, 3),
            "ratelimit-limit" => Self::RateLimitLimit,
            "ratelimit-remaining" => Self::RateLimitRemaining,
            "ratelimit-reset" => Self::RateLimitReset,
            "ratelimit" => Self::RateLimit,
            "ratelimit-policy" => Self::RateLimitPolicy,
            // The crypto exchanges', on every response: KuCoin's, Bybit's and Gate.io's. Bybit's
            // and Gate.io's reset is the epoch time the spent quota comes back (in milliseconds,
            // or seconds by some accounts of Gate.io's), or the current time while some remains.
            "gw-ratelimit-limit"
            | "x-bapi-limit"
            | "x-gate-ratelimit-limit"
            | "x-rate-limit-requests-quota" => Self::XRateLimit(3, 0),
            "gw-ratelimit-remaining"
            | "x-bapi-limit-status"
            | "x-gate-ratelimit-requests-remain"
            | "x-rate-limit-requests-left" => Self::XRateLimit(3, 1),
            "x-bapi-limit-reset-timestamp" | "x-gate-ratelimit-reset-timestamp" => {
                Self::XRateLimit(3, 2)
            }
            // BigCommerce's `X-Rate-Limit-Time-Reset-Ms` is, like KuCoin's reset, the
            // milliseconds left in the window.
            "gw-ratelimit-reset" | "x-rate-limit-time-reset-ms" => Self::XRateLimit(3, 3),
            "x-should-retry" => Self::ShouldRetry(1),
            _ => return None,
        })
    }

    fn request_id(name: &str) -> Option<Self> {
        let api = || API_REQUEST_IDS.iter().position(|id| *id == name);
        let proxy = || {
            let at = PROXY_REQUEST_IDS.iter().position(|id| *id == name)?;
            Some(VENDOR_REQUEST_ID + 1 + at)
        };
        api().or_else(proxy).map(Self::RequestId)
    }

    /// A request id under an API's own name, which the lists cannot all hold: Checkout.com's
    /// `cko-request-id`, Twilio's `twilio-request-id`, Shopify's `x-shopify-request-id`, Okta's
    /// `x-okta-request-id`, Atlassian's `x-arequestid`, Klarna's `klarna-correlation-id`, Azure
    /// Resource Manager's `x-ms-correlation-request-id`. Not the client's own id echoed back
    /// (`x-ms-client-request-id`): the caller has that already.
    fn vendor_request_id(name: &str) -> Option<Self> {
        const SUFFIXES: [&str; 3] = ["request-id", "requestid", "correlation-id"];
        let names_one = SUFFIXES.iter().any(|suffix| name.ends_with(suffix))
            && !name.ends_with("client-request-id");
        names_one.then_some(Self::RequestId(VENDOR_REQUEST_ID))
    }

    /// `X-RateLimit-*` under an API's own prefix, which the list cannot all hold either:
    /// Bitvavo's `bitvavo-ratelimit-{limit,remaining,resetat}` (an epoch time in milliseconds),
    /// Brevo's `x-sib-ratelimit-{limit,remaining,reset}`, `HubSpot`'s `x-hubspot-ratelimit-max`.
    /// Read as the exchanges' names are, which no one response mixes with these; per dimension
    /// as `OpenAI`'s are, where the API counts requests and tokens apart (Anthropic's
    /// `anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}`).
    fn vendor_rate_limit(name: &str) -> Option<Self> {
        let (_, field) = name.split_once("-ratelimit-")?;
        let (dimension, field) = match field.split_once('-') {
            Some(("requests", field)) => (1, field),
            Some(("tokens", field)) => (2, field),
            _ => (3, field),
        };
        let field = match field {
            "limit" | "max" => 0,
            "remaining" => 1,
            "reset" | "resetat" => 2,
            _ => return None,
        };
        Some(Self::XRateLimit(dimension, field))
    }
}

impl<'h> Found<'h> {
    /// Reads every known header of `headers` in one pass, into `self` (a [`Found::default`]).
    ///
    /// The caller holds the `Found`: returning one would copy its 400 bytes, a tenth of a
    /// classification's work. Out of line, so that the caller's frame is the one filled.
    #[inline(never)]
    pub(crate) fn read(&mut self, headers: &'h HeaderMap) {
        let found = self;
        for (name, value) in headers {
            let Some(slot) = Slot::of(name.as_str()) else {
                continue;
            };
            // Converted to text only where a slot keeps text.
            let text = || value.to_str().ok();
            let target = match slot {
                Slot::RetryAfter => {
                    found.has_retry_after = true;
                    &mut found.retry_after
                }
                Slot::RetryAfterMs => &mut found.retry_after_ms,
                Slot::XRateLimitRetryAfter => &mut found.x_ratelimit_retry_after,
                Slot::XRateLimit(dimension, field) => {
                    match found
                        .x_ratelimit
                        .get_mut(dimension)
                        .and_then(|names| names.get_mut(field))
                    {
                        Some(target) => target,
                        None => continue,
                    }
                }
                Slot::RateLimitLimit => &mut found.ratelimit_limit,
                Slot::RateLimitRemaining => &mut found.ratelimit_remaining,
                Slot::RateLimitReset => &mut found.ratelimit_reset,
                Slot::RateLimit => &mut found.ratelimit,
                Slot::RateLimitPolicy => &mut found.ratelimit_policy,
                Slot::ErrorCode => &mut found.error_code,
                Slot::ErrorMessage => &mut found.error_message,
                Slot::ProxyError => &mut found.proxy_error,
                Slot::Challenge => &mut found.challenge,
                Slot::Date => {
                    found.date.get_or_insert(value);
                    continue;
                }
                Slot::ContentType => {
                    found.content_type.get_or_insert(value);
                    continue;
                }
                Slot::ShouldRetry(rank) => match found.should_retry.get_mut(rank) {
                    Some(target) => target,
                    None => continue,
                },
                Slot::RequestId(rank) => {
                    if found.request_id.is_none_or(|(best, _)| rank < best)
                        && let Some(id) = text()
                    {
                        found.request_id = Some((rank, id));
                    }
                    continue;
                }
            };
            // A repeated header's first readable value counts.
            if target.is_none() {
                *target = text();
            }
        }
    }

    /// The `Date` header, as text.
    pub(crate) fn date(&self) -> Option<&'h str> {
        self.date.and_then(|value| value.to_str().ok())
    }

    /// The `Content-Type` header, as text.
    pub(crate) fn content_type(&self) -> Option<&'h str> {
        self.content_type.and_then(|value| value.to_str().ok())
    }

    /// The request id of the most specific request-id header present: its first word, as
    /// Varnish answers a request it served from its cache with this request's id and the one
    /// that filled the cache (`X-Varnish: 32770 32768`).
    pub(crate) fn request_id(&self) -> Option<&'h str> {
        let (_, id) = self.request_id?;
        id.split(' ').next().filter(|id| !id.is_empty())
    }

    /// The error code of an error-code header: AWS's `X-Amzn-ErrorType` as [`aws_error_code`]
    /// reads it, Azure's `x-ms-error-code`, Vercel's `X-Vercel-Error`, Alibaba Cloud's
    /// `X-Ca-Error-Code`; else the error's name in Squid's `X-Squid-Error` ([`squid_error`]).
    pub(crate) fn error_code(&self) -> Option<&'h str> {
        let Some(code) = self.error_code else {
            return self.proxy_error.and_then(squid_error);
        };
        let code = aws_error_code(code);
        (!code.is_empty()).then_some(code)
    }

    /// The error a `WWW-Authenticate` challenge names, with its description: a resource server
    /// that refuses a token says why there (RFC 6750 §3: `Bearer realm="api",
    /// error="invalid_token", error_description="The access token expired"`), and Spring
    /// Security's and ASP.NET Core's send no body beside it.
    #[inline]
    pub(crate) fn challenge_error(&self) -> (Option<&'h str>, Option<&'h str>) {
        match self.challenge {
            Some(challenge) => bearer_error(challenge),
            None => (None, None),
        }
    }

    /// Whether any rate-limit header is present.
    pub(crate) fn has_rate_limit(&self) -> bool {
        self.x_ratelimit.iter().flatten().any(Option::is_some)
            || self.ratelimit_limit.is_some()
            || self.ratelimit_remaining.is_some()
            || self.ratelimit_reset.is_some()
            || self.ratelimit.is_some()
            || self.ratelimit_policy.is_some()
    }
}

/// The `error` and `error_description` of a challenge; out of line, as few responses carry one.
#[cold]
#[inline(never)]
fn bearer_error(challenge: &str) -> (Option<&str>, Option<&str>) {
    let (mut error, mut description) = (None, None);
    for (name, value) in auth_params(challenge) {
        match name {
            "error" => error = error.or(Some(value)),
            "error_description" => description = description.or(Some(value)),
            _ => {}
        }
    }
    (error, description)
}

/// The auth-params of a `WWW-Authenticate` value (RFC 9110 §11.2), as name and value: a quoted
/// value without its quotes (its escapes kept as sent), empty values left out. The schemes and
/// token68 credentials between them are passed over.
fn auth_params(value: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = value;
    std::iter::from_fn(move || {
        loop {
            rest = rest.trim_start_matches([' ', '\t', ',']);
            if rest.is_empty() {
                return None;
            }
            let end = rest.find(['=', ' ', '\t', ',']).unwrap_or(rest.len());
            let (name, after) = rest.split_at(end);
            let Some(after) = after.trim_start().strip_prefix('=') else {
                // A scheme (`Bearer`), or a credential of no name.
                rest = after;
                continue;
            };
            let after = after.trim_start();
            let (value, next) = match after.strip_prefix('"') {
                Some(quoted) => {
                    let (value, closing) = quoted
                        .split_at_checked(quoted_end(quoted))
                        .unwrap_or((quoted, ""));
                    (value, closing.get(1..).unwrap_or(""))
                }
                None => after.split_at(after.find([',', ' ', '\t']).unwrap_or(after.len())),
            };
            rest = next;
            if !name.is_empty() && !value.is_empty() {
                return Some((name, value));
            }
        }
    })
}

/// Where a quoted string ends: the index of its closing quote, past escaped ones (`\"`); the
/// length where it never closes.
fn quoted_end(quoted: &str) -> usize {
    let bytes = quoted.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'"' => return at,
            b'\\' => at += 2,
            _ => at += 1,
        }
    }
    quoted.len()
}

/// The name of the error in Squid's `X-Squid-Error` (`ERR_CONNECT_FAIL` of `ERR_CONNECT_FAIL
/// 111`); none in Linkerd's `l5d-proxy-error`, which is a sentence.
pub(crate) fn squid_error(value: &str) -> Option<&str> {
    let name = value.split(' ').next()?;
    name.starts_with("ERR_").then_some(name)
}

/// An AWS error type as its SDKs read it: without the URL after a colon
/// (`ThrottlingException:http://internal.amazon.com/..`) and without the namespace before a `#`
/// (`com.amazonaws.dynamodb.v20120810#ThrottlingException`), in the header or the body's `__type`.
pub(crate) fn aws_error_code(value: &str) -> &str {
    let value = value.split(':').next().unwrap_or(value);
    value.rsplit('#').next().unwrap_or(value).trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::{HeaderName, HeaderValue};

    fn scan(headers: &HeaderMap) -> Found<'_> {
        let mut found = Found::default();
        found.read(headers);
        found
    }

    fn map(pairs: &[(&str, &[u8])]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(
                HeaderName::from_bytes(name.as_bytes()).unwrap(),
                HeaderValue::from_bytes(value).unwrap(),
            );
        }
        headers
    }

    #[test]
    fn each_known_name_lands_in_its_slot() {
        let headers = map(&[
            ("Retry-After", b"30"),
            ("retry-after-ms", b"1500"),
            ("x-ratelimit-retry-after", b"7"),
            ("X-RateLimit-Remaining-Tokens", b"5"),
            ("x-ratelimit-reset-after", b"2"),
            ("ratelimit-policy", b"\"d\";q=100;w=60"),
            ("date", b"Sun, 06 Nov 1994 08:49:37 GMT"),
            ("content-type", b"application/problem+json"),
            ("x-should-retry", b"true"),
            ("x-unrelated", b"1"),
            ("stripe-should-retry", b"false"),
            ("content-length", b"12"),
        ]);
        let found = scan(&headers);
        assert_eq!(found.retry_after, Some("30"));
        assert!(found.has_retry_after);
        assert_eq!(found.retry_after_ms, Some("1500"));
        assert_eq!(found.x_ratelimit_retry_after, Some("7"));
        assert_eq!(found.x_ratelimit[2][1], Some("5"));
        assert_eq!(found.x_ratelimit[0][3], Some("2"));
        assert_eq!(found.ratelimit_policy, Some("\"d\";q=100;w=60"));
        assert_eq!(found.date(), Some("Sun, 06 Nov 1994 08:49:37 GMT"));
        assert_eq!(found.content_type(), Some("application/problem+json"));
        assert_eq!(found.should_retry, [Some("false"), Some("true")]);
        assert!(found.has_rate_limit());
        // `X-Rate-Limit-*` are the same fields.
        let headers = map(&[
            ("X-Rate-Limit-Limit", b"600"),
            ("X-Rate-Limit-Remaining", b"0"),
            ("X-Rate-Limit-Reset", b"1795346010"),
        ]);
        assert_eq!(
            scan(&headers).x_ratelimit[0][..3],
            [Some("600"), Some("0"), Some("1795346010")]
        );
        // Azure's `x-ms-retry-after-ms` is `retry-after-ms`.
        let headers = map(&[("x-ms-retry-after-ms", b"2500")]);
        assert_eq!(scan(&headers).retry_after_ms, Some("2500"));
        // bucket4j's, Cashfree's and BigCommerce's names for `X-RateLimit-Retry-After`.
        for name in [
            "X-Rate-Limit-Retry-After-Seconds",
            "x-ratelimit-retry",
            "X-Retry-After",
        ] {
            let headers = map(&[(name, b"12")]);
            assert_eq!(scan(&headers).x_ratelimit_retry_after, Some("12"), "{name}");
        }
    }

    #[test]
    fn a_bearer_challenge_names_its_error_and_description() {
        let challenge = |value: &'static str| {
            let headers = map(&[("WWW-Authenticate", value.as_bytes())]);
            let (error, description) = scan(&headers).challenge_error();
            (error.map(str::to_owned), description.map(str::to_owned))
        };
        let owned = |error: Option<&str>, description: Option<&str>| {
            (error.map(str::to_owned), description.map(str::to_owned))
        };
        assert_eq!(
            challenge(
                r#"Bearer realm="api", error="invalid_token", error_description="The token expired at '11/22/2026 12:00:00', sorry""#
            ),
            owned(
                Some("invalid_token"),
                Some("The token expired at '11/22/2026 12:00:00', sorry")
            )
        );
        // Unquoted values, another scheme first, an escaped quote, odd spacing.
        assert_eq!(
            challenge(r#"Basic realm="x" , Bearer error = insufficient_scope,scope="a b""#),
            owned(Some("insufficient_scope"), None)
        );
        assert_eq!(
            challenge(r#"Bearer error_description="say \"no\"", error="invalid_request""#),
            owned(Some("invalid_request"), Some(r#"say \"no\""#))
        );
        // A challenge that names no error, a credential of no name, a quote never closed.
        assert_eq!(challenge(r#"Bearer realm="api""#), owned(None, None));
        assert_eq!(
            challenge("Negotiate YIIGhgYJKoZIhvcSAQICAQ=="),
            owned(None, None)
        );
        assert_eq!(
            challenge(r#"Bearer error="invalid_token", error_description="cut"#),
            owned(Some("invalid_token"), Some("cut"))
        );
        assert_eq!(challenge(r#"Bearer error="", error=,"#), owned(None, None));
        // Every cut of a value ends, and reads no more than the whole does.
        let whole = r#"Bearer realm="a,b", error="invalid_token" ,error_description="x \"y\" z",="#;
        for end in 0..=whole.len() {
            let cut = whole.get(..end).unwrap();
            let params: Vec<_> = auth_params(cut).collect();
            assert!(params.len() <= 3, "{cut:?}: {params:?}");
        }
    }

    #[test]
    fn every_listed_request_id_header_is_recognized_in_order() {
        let ranks = API_REQUEST_IDS
            .iter()
            .chain(&PROXY_REQUEST_IDS)
            .map(|name| match Slot::of(name) {
                Some(Slot::RequestId(rank)) => rank,
                _ => panic!("{name} is not read as a request id"),
            })
            .collect::<Vec<_>>();
        assert!(ranks.is_sorted_by(|a, b| a < b), "{ranks:?}");
        assert!(ranks.contains(&(VENDOR_REQUEST_ID - 1)));
        assert!(ranks.contains(&(VENDOR_REQUEST_ID + 1)));
    }

    #[test]
    fn a_request_id_under_an_apis_own_name_ranks_between_the_apis_and_the_proxies() {
        for name in [
            "cko-request-id",
            "Twilio-Request-Id",
            "x-shopify-request-id",
            "x-arequestid",
            "klarna-correlation-id",
            "x-ms-correlation-request-id",
        ] {
            let headers = map(&[
                ("cf-ray", b"8a1b-AMS"),
                (name, b"v1"),
                ("x-kong-request-id", b"k"),
            ]);
            assert_eq!(scan(&headers).request_id(), Some("v1"), "{name}");
            let headers = map(&[(name, b"v1"), ("x-request-id", b"req_1")]);
            assert_eq!(scan(&headers).request_id(), Some("req_1"), "{name}");
        }
        // The client's own id, echoed back, is no answer; nor is a name that only contains one.
        for name in [
            "x-ms-client-request-id",
            "x-client-request-id",
            "x-request-id-hint",
        ] {
            let headers = map(&[(name, b"mine"), ("cf-ray", b"8a1b-AMS")]);
            assert_eq!(scan(&headers).request_id(), Some("8a1b-AMS"), "{name}");
        }
    }

    #[test]
    fn the_most_specific_request_id_wins_whatever_the_order() {
        let headers = map(&[
            ("cf-ray", b"8a1b-AMS"),
            ("x-request-id", b"req_1"),
            ("x-trace-id", b"t"),
        ]);
        assert_eq!(scan(&headers).request_id(), Some("req_1"));
        let headers = map(&[("cf-ray", b"8a1b-AMS"), ("x-trace-id", b"t")]);
        assert_eq!(scan(&headers).request_id(), Some("t"));
        let headers = map(&[("cf-ray", b"8a1b-AMS"), ("paypal-debug-id", b"p")]);
        assert_eq!(scan(&headers).request_id(), Some("p"));
        let headers = map(&[("cf-ray", b"8a1b-AMS"), ("request-id", b"r")]);
        assert_eq!(scan(&headers).request_id(), Some("r"));
        // Behind CloudFront, the API's id beats the CDN's; a CloudFront error page has only its own.
        let cloudfront = ("x-amz-cf-id", b"8Y3m2xX_ABCDEF123456==".as_slice());
        let headers = map(&[cloudfront, ("x-amzn-requestid", b"a1b2")]);
        assert_eq!(scan(&headers).request_id(), Some("a1b2"));
        let headers = map(&[("cf-ray", b"8a1b-AMS"), cloudfront]);
        assert_eq!(scan(&headers).request_id(), Some("8Y3m2xX_ABCDEF123456=="));
        // Kong's id, on an error Kong answered itself, beats the CDN's but not the API's own.
        let headers = map(&[("cf-ray", b"8a1b-AMS"), ("x-kong-request-id", b"k")]);
        assert_eq!(scan(&headers).request_id(), Some("k"));
        let headers = map(&[("x-kong-request-id", b"k"), ("x-request-id", b"req_1")]);
        assert_eq!(scan(&headers).request_id(), Some("req_1"));
        // So does IBM API Connect's.
        let headers = map(&[("cf-ray", b"8a1b-AMS"), ("X-Global-Transaction-ID", b"g")]);
        assert_eq!(scan(&headers).request_id(), Some("g"));
        let headers = map(&[
            ("x-global-transaction-id", b"g"),
            ("x-request-id", b"req_1"),
        ]);
        assert_eq!(scan(&headers).request_id(), Some("req_1"));
        // Varnish's transaction id beats the CDN's, and is this request's own where it names two.
        let headers = map(&[("cf-ray", b"8a1b-AMS"), ("x-varnish", b"32770")]);
        assert_eq!(scan(&headers).request_id(), Some("32770"));
        let headers = map(&[("x-varnish", b"32770 32768"), ("x-amz-cf-id", b"cf")]);
        assert_eq!(scan(&headers).request_id(), Some("32770"));
        let headers = map(&[("x-varnish", b"32770"), ("x-request-id", b"req_1")]);
        assert_eq!(scan(&headers).request_id(), Some("req_1"));
    }

    #[test]
    fn the_first_readable_value_counts_and_an_opaque_one_is_absent() {
        let headers = map(&[("retry-after", b"5"), ("retry-after", b"9")]);
        assert_eq!(scan(&headers).retry_after, Some("5"));
        let headers = map(&[("retry-after", b"\xff"), ("retry-after", b"9")]);
        assert_eq!(scan(&headers).retry_after, Some("9"));
        let headers = map(&[("retry-after", b"\xff5"), ("x-request-id", b"\xfe")]);
        let found = scan(&headers);
        assert_eq!(found.retry_after, None);
        assert!(found.has_retry_after);
        assert_eq!(found.request_id(), None);
        assert!(!found.has_rate_limit());
    }
}
