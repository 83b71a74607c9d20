//! The normalized error: [`ApiError`], its [`ErrorKind`] and the [`Format`] it was read from.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::StatusCode;
use serde::{Deserialize, Serialize};

use crate::headers::{RateLimit, ServerDelay};

/// What went wrong, in the terms a caller acts on.
///
/// The kind comes from the status code, refined by the provider's own error code where the API sends
/// one (see [`ApiError::from_response`]). Variant names are stable: they are spelled exactly so in
/// `Debug` and in JSON, and tools outside this crate match on them.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ErrorKind {
    /// The credentials are missing, malformed, revoked or expired (401).
    Unauthenticated,
    /// The caller is known but may not do this (403).
    PermissionDenied,
    /// The resource does not exist or is not visible to the caller (404).
    NotFound,
    /// The request itself is wrong: validation, unsupported parameters (400, 422 and most other 4xx).
    InvalidRequest,
    /// The request is well-formed but the resource is in a state that does not allow it
    /// (`invalid_state_transition`, `FAILED_PRECONDITION`).
    InvalidState,
    /// The request conflicts with the current state of the resource (409).
    Conflict,
    /// An idempotency key was reused with different parameters.
    IdempotencyMismatch,
    /// The session, intent or resource has expired (410, `PAYMENT_INTENT_EXPIRED`).
    Expired,
    /// The payment itself failed: card declined, insufficient funds (402).
    PaymentFailed,
    /// Too many requests: a rate limit or throttle (429 and documented throttling codes).
    RateLimited,
    /// The server failed (500).
    Internal,
    /// An upstream behind the server failed (502).
    BadGateway,
    /// The service is temporarily unavailable (503), or not ready to process the request yet
    /// (425 Too Early).
    Unavailable,
    /// The server or a gateway timed out (408, 504).
    Timeout,
    /// Nothing in the response says what went wrong.
    Unknown,
}

impl ErrorKind {
    /// The variant's name, as in `Debug` and JSON.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Unauthenticated => "Unauthenticated",
            Self::PermissionDenied => "PermissionDenied",
            Self::NotFound => "NotFound",
            Self::InvalidRequest => "InvalidRequest",
            Self::InvalidState => "InvalidState",
            Self::Conflict => "Conflict",
            Self::IdempotencyMismatch => "IdempotencyMismatch",
            Self::Expired => "Expired",
            Self::PaymentFailed => "PaymentFailed",
            Self::RateLimited => "RateLimited",
            Self::Internal => "Internal",
            Self::BadGateway => "BadGateway",
            Self::Unavailable => "Unavailable",
            Self::Timeout => "Timeout",
            Self::Unknown => "Unknown",
        }
    }

    /// Whether the server side failed (internal, upstream, unavailable, timeout): the kinds that a
    /// later attempt may not meet again.
    pub const fn is_server_side(self) -> bool {
        matches!(
            self,
            Self::Internal | Self::BadGateway | Self::Unavailable | Self::Timeout
        )
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The shape of the body an [`ApiError`] was read from.
///
/// Names are stable and are what `reprieve classify` prints as `format`.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// RFC 9457 `application/problem+json`: `type`, `title`, `status`, `detail`, `instance`.
    Problem,
    /// `{"error": {"code", "message", ..}}`: Stripe-style, Finternet, Halfin, 0xmeta, OpenAI; also
    /// Apigee's `{"fault": {"faultstring", "detail": {"errorcode"}}}`, and an error object wrapped
    /// in `data` (Strike, `JSend`), `status` (Rapyd, PayU) or `result` (Alipay+).
    ErrorObject,
    /// Google AIP-193: `{"error": {"code": 404, "status": "NOT_FOUND", "message", "details"}}`.
    GoogleRpc,
    /// `{"success": false, "error": ..}`: Hixbe, Cloudflare.
    SuccessFalse,
    /// `{"ok": false, "error": ".."}`: Slack.
    OkFalse,
    /// OAuth 2.0 (RFC 6749 §5.2): `{"error": "invalid_grant", "error_description": ..}`.
    OAuth,
    /// `{"error": "human readable text"}` or `{"error": "code"}`.
    ErrorString,
    /// FastAPI: `{"detail": ".."}` or `{"detail": [{"loc", "msg", "type"}]}`.
    Detail,
    /// `{"errors": [..]}`: JSON:API, GraphQL, Square, Coinbase, GitHub validation errors,
    /// Shopify's `{"errors": ".."}`, Zuora's `reasons`, HAL's `{"_embedded": {"errors": [..]}}`
    /// (Dwolla, Micronaut) and Zod's `{"issues": [{"path": [..], "message"}]}`.
    Errors,
    /// `{"message": ..}` alone, or with a code: GitHub, Discord, AWS JSON protocols, Adyen, Plaid,
    /// Klarna, Checkout.com.
    Message,
    /// JSON that none of the above fits.
    Json,
    /// An XML error document (`<Error><Code>..`), as the AWS query and REST-XML APIs send, a SOAP
    /// fault, an RFC 9457 problem in XML (`application/problem+xml`, read as [`Problem`] is), or
    /// any XML body with an error's code or message element.
    ///
    /// [`Problem`]: Format::Problem
    Xml,
    /// An HTML page, typically from a proxy or load balancer.
    Html,
    /// `name=value` pairs (`application/x-www-form-urlencoded`): an OAuth 2.0 error in a form
    /// (GitHub's token endpoint), PayPal's NVP, Payflow, Opayo.
    Form,
    /// Plain text, or a body that claimed to be JSON but did not parse.
    Text,
    /// No body at all.
    Empty,
}

impl Format {
    /// The stable kebab-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Problem => "problem",
            Self::ErrorObject => "error-object",
            Self::GoogleRpc => "google-rpc",
            Self::SuccessFalse => "success-false",
            Self::OkFalse => "ok-false",
            Self::OAuth => "oauth",
            Self::ErrorString => "error-string",
            Self::Detail => "detail",
            Self::Errors => "errors",
            Self::Message => "message",
            Self::Json => "json",
            Self::Xml => "xml",
            Self::Html => "html",
            Self::Form => "form",
            Self::Text => "text",
            Self::Empty => "empty",
        }
    }

    /// Whether the body was structured (JSON, XML or a form) rather than text, HTML or nothing.
    pub const fn is_structured(self) -> bool {
        !matches!(self, Self::Html | Self::Text | Self::Empty)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One error response, normalized: whatever envelope the API used, the same fields.
///
/// Built by [`ApiError::from_response`], which never fails: a body that cannot be read still yields
/// an `ApiError` with the status, a kind derived from it and a cleaned snippet of the body as the
/// message.
///
/// `ApiError` owns its data, so it can outlive the response and cross threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) kind: ErrorKind,
    pub(crate) format: Format,
    pub(crate) texts: Texts,
    pub(crate) server_delay: Option<ServerDelay>,
    pub(crate) rate_limit: Option<RateLimit>,
    pub(crate) should_retry: Option<bool>,
    pub(crate) date: Option<SystemTime>,
    /// The response says the request's idempotency key is held by a request still running.
    pub(crate) key_in_use: bool,
    /// A proxy in front of the API says it never passed the request on.
    pub(crate) not_forwarded: bool,
}

/// The texts of an [`ApiError`], in order.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Text {
    Code,
    Message,
    Param,
    RequestId,
    Details,
}

impl Text {
    const COUNT: usize = 5;
    const ALL: [Self; Self::COUNT] = [
        Self::Code,
        Self::Message,
        Self::Param,
        Self::RequestId,
        Self::Details,
    ];
}

/// An error's texts in one allocation: each field's text follows the one before it in `joined`.
///
/// Equal fields give equal `joined`, `ends` and `present`, so the derived equality is the fields'.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct Texts {
    joined: Box<str>,
    /// Where each field's text ends in `joined` (and the next one's begins).
    ends: [usize; Text::COUNT],
    /// Which fields are present, a bit each: an empty text is not an absent one.
    present: u8,
}

impl Texts {
    /// The texts of the fields, in [`Text`] order.
    pub(crate) fn new(fields: [Option<&str>; Text::COUNT]) -> Self {
        let mut joined = String::with_capacity(fields.iter().flatten().map(|t| t.len()).sum());
        let mut ends = [0; Text::COUNT];
        let mut present = 0;
        for ((field, end), bit) in fields.iter().zip(&mut ends).zip(0..) {
            if let Some(text) = field {
                joined.push_str(text);
                present |= 1 << bit;
            }
            *end = joined.len();
        }
        Self {
            joined: joined.into_boxed_str(),
            ends,
            present,
        }
    }

    pub(crate) fn get(&self, field: Text) -> Option<&str> {
        let index = field as usize;
        if self.present & (1 << index) == 0 {
            return None;
        }
        let start = index
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0);
        self.joined.get(start..*self.ends.get(index)?)
    }
}

impl fmt::Debug for Texts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(
                Text::ALL
                    .iter()
                    .filter_map(|&field| Some((field, self.get(field)?))),
            )
            .finish()
    }
}

impl ApiError {
    /// The response's status code.
    pub const fn status(&self) -> StatusCode {
        self.status
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The envelope the body was read from.
    pub const fn format(&self) -> Format {
        self.format
    }

    /// The provider's own error code, exactly as sent (`"rate_limit_exceeded"`, `"CARD_DECLINED"`).
    ///
    /// Where the API sends a numeric code next to a symbolic status (Google's `"code": 404, "status":
    /// "NOT_FOUND"`), this is the symbolic one. For RFC 9457 problems it is the last path segment of
    /// the `type` URI.
    pub fn code(&self) -> Option<&str> {
        self.texts.get(Text::Code)
    }

    /// The best human-readable text the response carries.
    ///
    /// For JSON bodies this is the envelope's message (`detail`, then `message`, then `error`, as the
    /// FastAPI convention has it); for text and HTML bodies a bounded snippet with tags and whitespace
    /// runs removed.
    pub fn message(&self) -> Option<&str> {
        self.texts.get(Text::Message)
    }

    /// The request parameter the error is about (`error.param`, `details.field`, `source.pointer`,
    /// FastAPI's `loc`), when the API names one.
    ///
    /// Where the body names none, a request that did not validate gives the field its message
    /// starts with, in the shapes validators write (`amount must be a positive number`, Joi's
    /// `"amount" is required`, `Missing required parameter: account_id`).
    pub fn param(&self) -> Option<&str> {
        self.texts.get(Text::Param)
    }

    /// The request id to quote to the provider's support, from the body (`meta.request_id`,
    /// `request_id`, `debug_id`, ..) or else the headers (`x-request-id`, `request-id`, ..).
    pub fn request_id(&self) -> Option<&str> {
        self.texts.get(Text::RequestId)
    }

    /// The raw JSON of the error's `details`, when the API sent non-empty details.
    pub fn details(&self) -> Option<&str> {
        self.texts.get(Text::Details)
    }

    /// How long the server asked the client to wait before trying again.
    ///
    /// Read from, in this order: `retry-after-ms`, `Retry-After` (delay-seconds or HTTP-date,
    /// RFC 9110 §10.2.3), `X-RateLimit-Retry-After`, the rate-limit reset when the quota is spent
    /// (`RateLimit`, `X-RateLimit-Reset`), then the hints some APIs put in the body (`retry_after`,
    /// Google's `RetryInfo.retryDelay`, "Retry after 60 seconds."). Headers win over the body.
    ///
    /// An absolute time (an HTTP-date, an epoch reset) is measured against the response's own `Date`
    /// header, so a skewed local clock neither stretches nor shrinks the wait. Where the response has
    /// no `Date`, an absolute time cannot be turned into a delay without a clock: this returns `None`
    /// and [`retry_after_at`](Self::retry_after_at) takes the current time instead.
    pub fn retry_after(&self) -> Option<Duration> {
        let delay = self.server_delay.as_ref()?;
        match self.date {
            Some(date) => Some(delay.delay_from(date)),
            None => delay.fixed(),
        }
    }

    /// Like [`retry_after`](Self::retry_after), measured at `now`: an absolute time is measured from
    /// `now` while it lies within the second the response's `Date` names, and from that `Date`
    /// when the clocks disagree by more ([`server_now`]).
    ///
    /// [`server_now`]: crate::headers::server_now
    pub fn retry_after_at(&self, now: SystemTime) -> Option<Duration> {
        let delay = self.server_delay.as_ref()?;
        Some(delay.delay_from(crate::headers::server_now(self.date, now)))
    }

    /// Where the server's delay came from, when there is one.
    pub fn server_delay(&self) -> Option<&ServerDelay> {
        self.server_delay.as_ref()
    }

    /// The rate-limit state the response reported (`X-RateLimit-*`, `RateLimit`).
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.rate_limit.as_ref()
    }

    /// The server's explicit word on retrying: `Stripe-Should-Retry` or `X-Should-Retry`; where
    /// neither is sent, a body's `"retryable": false` (Cloudflare's structured errors say so of an
    /// origin whose TLS is broken; Mastercard's `Recoverable` and the Mesh API's `retriable` are
    /// read the same way), or a SOAP fault that blames the sender (SOAP 1.1's `Client`, whose
    /// message "should not be resent without change", though it comes with a 500; SOAP 1.2's
    /// `Sender`). A body's `"retryable": true` is not taken: it says the failure may pass, not that
    /// the request may be sent again (Cloudflare sends it on a 524, whose request the origin may
    /// have acted on).
    pub const fn should_retry(&self) -> Option<bool> {
        self.should_retry
    }

    /// The response's `Date` header, when it had a valid one.
    pub const fn date(&self) -> Option<SystemTime> {
        self.date
    }
}

impl fmt::Display for ApiError {
    /// `429 Too Many Requests (RateLimited, rate_limit_exceeded): Rate limit exceeded`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}", self.status, self.kind)?;
        if let Some(code) = self.code() {
            write!(f, ", {code}")?;
        }
        f.write_str(")")?;
        if let Some(message) = self.message() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_reads_back_as_given_and_empty_is_not_absent() {
        let texts = Texts::new([Some("card_declined"), None, Some(""), Some("req_1"), None]);
        assert_eq!(texts.get(Text::Code), Some("card_declined"));
        assert_eq!(texts.get(Text::Message), None);
        assert_eq!(texts.get(Text::Param), Some(""));
        assert_eq!(texts.get(Text::RequestId), Some("req_1"));
        assert_eq!(texts.get(Text::Details), None);
        let all = Texts::new([Some("a"), Some("bé"), Some("c"), Some("d"), Some("{}")]);
        let read: Vec<_> = Text::ALL.iter().map(|&field| all.get(field)).collect();
        assert_eq!(
            read,
            [Some("a"), Some("bé"), Some("c"), Some("d"), Some("{}")]
        );
    }

    #[test]
    fn texts_are_equal_exactly_when_their_fields_are() {
        let texts = |fields| Texts::new(fields);
        assert_eq!(
            texts([Some("ab"), Some("c"), None, None, None]),
            texts([Some("ab"), Some("c"), None, None, None])
        );
        // The same joined text, split differently.
        assert_ne!(
            texts([Some("ab"), Some("c"), None, None, None]),
            texts([Some("a"), Some("bc"), None, None, None])
        );
        assert_ne!(
            texts([Some(""), None, None, None, None]),
            texts([None, None, None, None, None])
        );
    }

    #[test]
    fn texts_debug_as_their_fields() {
        let texts = Texts::new([Some("not_found"), None, None, Some("req_1"), None]);
        assert_eq!(
            format!("{texts:?}"),
            r#"{Code: "not_found", RequestId: "req_1"}"#
        );
    }
}
