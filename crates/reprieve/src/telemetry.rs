//! Spans and the attribute names they use (OpenTelemetry HTTP client semantic conventions, plus
//! reprieve's own under `reprieve.`).
//!
//! There is one `reprieve.call` span per logical call and one client span per attempt, named by
//! its `otel.name` field: `{METHOD}`, or `{METHOD} {route template}` when a route matched (never the
//! raw path, which holds ids). `url.full` has its userinfo and secret query values replaced with
//! `REDACTED`. Request headers are never recorded, so `Authorization`, API-key headers and cookies
//! cannot appear.

/// `otel.name`: the attempt span's name.
pub const OTEL_NAME: &str = "otel.name";
/// `otel.kind`: always `client`.
pub const OTEL_KIND: &str = "otel.kind";
/// `otel.status_code`: `ERROR` on a failed attempt.
pub const OTEL_STATUS_CODE: &str = "otel.status_code";
/// `http.request.method`: the method, or `_OTHER` for a non-standard one.
pub const HTTP_REQUEST_METHOD: &str = "http.request.method";
/// `http.request.method_original`: a non-standard method as sent.
pub const HTTP_REQUEST_METHOD_ORIGINAL: &str = "http.request.method_original";
/// `http.request.resend_count`: attempt − 1, set on resends only.
pub const HTTP_REQUEST_RESEND_COUNT: &str = "http.request.resend_count";
/// `http.response.status_code`.
pub const HTTP_RESPONSE_STATUS_CODE: &str = "http.response.status_code";
/// `url.full`, redacted.
pub const URL_FULL: &str = "url.full";
/// `server.address`.
pub const SERVER_ADDRESS: &str = "server.address";
/// `server.port`.
pub const SERVER_PORT: &str = "server.port";
/// `error.type`: the status code for ≥ 400, else `timeout`, `connect`, `body` or `_OTHER`.
pub const ERROR_TYPE: &str = "error.type";
/// `reprieve.route`: the matched route pattern.
pub const REPRIEVE_ROUTE: &str = "reprieve.route";
/// `reprieve.attempts`: attempts made by the call.
pub const REPRIEVE_ATTEMPTS: &str = "reprieve.attempts";
/// `reprieve.outcome`: `success`, `gave_up` or `error`.
pub const REPRIEVE_OUTCOME: &str = "reprieve.outcome";
/// `reprieve.kind`: the error's kind.
pub const REPRIEVE_KIND: &str = "reprieve.kind";
/// `reprieve.code`: the provider's code, cut to its first 128 bytes.
pub const REPRIEVE_CODE: &str = "reprieve.code";
/// `reprieve.decision`: `retry` or `stop`.
pub const REPRIEVE_DECISION: &str = "reprieve.decision";
/// `reprieve.delay_ms`: the wait before the next attempt.
pub const REPRIEVE_DELAY_MS: &str = "reprieve.delay_ms";
/// `reprieve.delay_source`: `retry-after`, `rate-limit-reset` or `backoff`.
pub const REPRIEVE_DELAY_SOURCE: &str = "reprieve.delay_source";
/// `reprieve.reason`: why it retried or stopped.
pub const REPRIEVE_REASON: &str = "reprieve.reason";

/// Query parameters whose values are secrets (compared case-insensitively, `-` and `_` alike).
const SECRET_PARAMS: [&str; 17] = [
    "api_key",
    "apikey",
    "key",
    "token",
    "access_token",
    "refresh_token",
    "id_token",
    "secret",
    "client_secret",
    "password",
    "passwd",
    "signature",
    "sig",
    "x_goog_signature",
    "x_amz_signature",
    "awsaccesskeyid",
    "auth",
];

/// `url` with userinfo and secret query values replaced by `REDACTED`, as the OpenTelemetry
/// semantic conventions ask for `url.full`.
///
/// ```
/// use reprieve::telemetry::redact_url;
///
/// assert_eq!(
///     redact_url("https://user:pw@api.example.com/v1/pay?api_key=sk_live_1&page=2"),
///     "https://REDACTED:REDACTED@api.example.com/v1/pay?api_key=REDACTED&page=2"
/// );
/// ```
pub fn redact_url(url: &str) -> String {
    let (url, fragment) = url
        .split_once('#')
        .map_or((url, None), |(u, f)| (u, Some(f)));
    let (before_query, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let mut out = String::with_capacity(url.len() + 16);
    match before_query.split_once("://") {
        Some((scheme, rest)) => {
            out.push_str(scheme);
            out.push_str("://");
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(authority_end);
            match authority.rsplit_once('@') {
                Some((_, host)) => {
                    out.push_str("REDACTED:REDACTED@");
                    out.push_str(host);
                }
                None => out.push_str(authority),
            }
            out.push_str(path);
        }
        None => out.push_str(before_query),
    }
    if let Some(query) = query {
        out.push('?');
        for (index, pair) in query.split('&').enumerate() {
            if index > 0 {
                out.push('&');
            }
            let (name, value) = pair
                .split_once('=')
                .map_or((pair, None), |(n, v)| (n, Some(v)));
            out.push_str(name);
            if value.is_some() {
                out.push('=');
                let folded = name.to_ascii_lowercase().replace('-', "_");
                if SECRET_PARAMS.contains(&folded.as_str()) {
                    out.push_str("REDACTED");
                } else {
                    out.push_str(value.unwrap_or_default());
                }
            }
        }
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// The OpenTelemetry form of a method: the known ones as they are, anything else `_OTHER`.
pub(crate) fn method_name(method: &http::Method) -> &'static str {
    use http::Method;
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "_OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_credentials_and_secret_parameters() {
        let cases = [
            ("http://127.0.0.1:8080/v1/x", "http://127.0.0.1:8080/v1/x"),
            ("https://u@h/p", "https://REDACTED:REDACTED@h/p"),
            (
                "https://h/p?token=abc&Signature=s&X-Amz-Signature=t&q=1",
                "https://h/p?token=REDACTED&Signature=REDACTED&X-Amz-Signature=REDACTED&q=1",
            ),
            ("https://h/p?key=k#frag", "https://h/p?key=REDACTED#frag"),
            ("https://h/p?flag&sig=", "https://h/p?flag&sig=REDACTED"),
            (
                "https://a:b@h:1/p?password=hunter2",
                "https://REDACTED:REDACTED@h:1/p?password=REDACTED",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(redact_url(url), want);
        }
    }
}
