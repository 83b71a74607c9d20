//! `reprieve explain`: one captured response, explained for a person.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read, Write};

use http::Method;
use reprieve_core::decide::{DelaySource, human};
use reprieve_core::headers::HintSource;
use reprieve_core::{Decision, RetryPolicy};
use serde::Serialize;

use crate::Failure;
use crate::raw;
use crate::report::Report;

/// The most of a captured response `explain` reads.
const MAX_INPUT: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub(crate) struct Options {
    input: Option<String>,
    method: Method,
    idempotency_key: bool,
    json: bool,
}

impl Options {
    pub(crate) fn parse(args: &[String]) -> Result<Self, Failure> {
        let mut options = Self {
            input: None,
            method: Method::GET,
            idempotency_key: false,
            json: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--json" => options.json = true,
                "--idempotency-key" => options.idempotency_key = true,
                "--method" => {
                    let name = args.next().ok_or_else(|| {
                        Failure::Usage("--method needs a value, such as POST".to_owned())
                    })?;
                    options.method = parse_method(name)?;
                }
                other if other.starts_with("--method=") => {
                    options.method = parse_method(other.trim_start_matches("--method="))?;
                }
                other if other.starts_with("--") => {
                    return Err(Failure::Usage(format!("unknown option `{other}`")));
                }
                path if options.input.is_none() => options.input = Some(path.to_owned()),
                extra => {
                    return Err(Failure::Usage(format!(
                        "unexpected argument `{extra}`: explain reads one response"
                    )));
                }
            }
        }
        Ok(options)
    }
}

fn parse_method(name: &str) -> Result<Method, Failure> {
    Method::from_bytes(name.to_ascii_uppercase().as_bytes())
        .map_err(|_| Failure::Usage(format!("invalid method `{name}`")))
}

pub(crate) fn run(options: &Options) -> Result<(), Failure> {
    let mut input = Vec::new();
    match options.input.as_deref() {
        None | Some("-") => io::stdin().lock().take(MAX_INPUT).read_to_end(&mut input)?,
        Some(path) => File::open(path)
            .map_err(|e| Failure::Input(format!("cannot read `{path}`: {e}")))?
            .take(MAX_INPUT)
            .read_to_end(&mut input)
            .map_err(|e| Failure::Input(format!("cannot read `{path}`: {e}")))?,
    };
    let response = raw::parse(&input).map_err(Failure::Input)?;
    let report = Report::new(
        response.status,
        &response.headers,
        &response.body,
        &options.method,
        options.idempotency_key,
    );
    let text = if options.json {
        let mut json = serde_json::to_string_pretty(&JsonReport::new(&report))
            .map_err(|e| Failure::Input(format!("cannot write the report: {e}")))?;
        json.push('\n');
        json
    } else {
        human_report(&report, options)
    };
    io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// The report as a person reads it.
fn human_report(report: &Report, options: &Options) -> String {
    let error = &report.error;
    let mut out = String::new();
    let mut row = |label: &str, value: &str| {
        let _ = write!(out, "  {label:<13}");
        push_printable(&mut out, value);
        out.push('\n');
    };
    let none = "-";
    let status = error.status();
    let head = format!(
        "{} {}",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    row("status", head.trim_end());
    row("envelope", error.format().as_str());
    row("kind", error.kind().as_str());
    row("code", error.code().unwrap_or(none));
    row("message", error.message().unwrap_or(none));
    row("request id", error.request_id().unwrap_or(none));
    row("param", error.param().unwrap_or(none));
    if let Some(limit) = error.rate_limit() {
        let mut text = match (limit.remaining, limit.limit) {
            (Some(left), Some(of)) => format!("{left} of {of} left"),
            (Some(left), None) => format!("{left} left"),
            (None, Some(of)) => format!("limit {of}"),
            (None, None) => String::from("reported"),
        };
        if let Some(reset) = limit.reset_after(report.now) {
            let _ = write!(text, ", resets in {}", human(reset));
        }
        row("rate limit", &text);
    }
    if let (Some(delay), Some(hint)) = (report.retry_after, error.server_delay()) {
        row(
            "server delay",
            &format!("{} ({})", human(delay), hint_name(hint.source)),
        );
    }
    if let Some(hint) = error.should_retry() {
        row("server says", if hint { "retry" } else { "do not retry" });
    }
    let request = format!(
        "{} {} Idempotency-Key",
        options.method,
        if options.idempotency_key {
            "with"
        } else {
            "without"
        }
    );
    row("request", &request);
    row("verdict", &verdict_text(report));
    out
}

/// Appends `text` with its control characters escaped (`\n`, `\u{1b}`), and the marks that
/// reorder text, so that a captured response can neither forge a row nor move, recolour or retitle
/// the terminal it is explained in.
fn push_printable(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
}

/// `retry in 17s (Retry-After): throttled (429)`, `retry after backoff (up to 200ms): 503` or
/// `stop: ...`: what happens, then why.
fn verdict_text(report: &Report) -> String {
    match &report.decision {
        Decision::Retry {
            after,
            source: DelaySource::Backoff,
            reason,
        } => {
            let ceiling = RetryPolicy::default().backoff().ceiling(1);
            format!(
                "retry after backoff ({} with this seed, up to {}): {reason}",
                human(*after),
                human(ceiling)
            )
        }
        Decision::Retry { after, reason, .. } => {
            let source = report
                .error
                .server_delay()
                .map_or("server", |hint| hint_name(hint.source));
            format!("retry in {} ({source}): {reason}", human(*after))
        }
        other => other.to_string(),
    }
}

/// A delay's source by the header that carried it.
fn hint_name(source: HintSource) -> &'static str {
    match source {
        HintSource::RetryAfter => "Retry-After",
        HintSource::RetryAfterMs => "retry-after-ms",
        HintSource::XRateLimitRetryAfter => "X-RateLimit-Retry-After",
        HintSource::RateLimitReset => "rate-limit reset",
        _ => "body",
    }
}

#[derive(Debug, Serialize)]
struct JsonReport<'a> {
    status: u16,
    format: &'static str,
    kind: &'static str,
    code: Option<&'a str>,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
    param: Option<&'a str>,
    rate_limit: Option<JsonRateLimit>,
    retry: bool,
    retry_after_ms: Option<u64>,
    delay_source: Option<&'static str>,
    decision: &'static str,
    delay_ms: Option<u64>,
    reason: String,
}

#[derive(Debug, Serialize)]
struct JsonRateLimit {
    limit: Option<u64>,
    remaining: Option<u64>,
    reset_ms: Option<u64>,
}

impl<'a> JsonReport<'a> {
    fn new(report: &'a Report) -> Self {
        let error = &report.error;
        let millis = |d: std::time::Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        let (decision, delay_ms, reason) = match &report.decision {
            Decision::Retry { after, reason, .. } => {
                ("retry", Some(millis(*after)), reason.to_string())
            }
            Decision::Stop { reason } => ("stop", None, reason.to_string()),
            _ => ("stop", None, report.decision.to_string()),
        };
        Self {
            status: error.status().as_u16(),
            format: error.format().as_str(),
            kind: error.kind().as_str(),
            code: error.code(),
            message: error.message(),
            request_id: error.request_id(),
            param: error.param(),
            rate_limit: error.rate_limit().map(|limit| JsonRateLimit {
                limit: limit.limit,
                remaining: limit.remaining,
                reset_ms: limit.reset_after(report.now).map(millis),
            }),
            retry: report.retryable.is_ok(),
            retry_after_ms: report.retry_after_ms(),
            delay_source: error.server_delay().map(|hint| hint.source.as_str()),
            decision,
            delay_ms,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explain(raw: &str, method: Method, key: bool) -> String {
        let response = raw::parse(raw.as_bytes()).unwrap();
        let report = Report::new(
            response.status,
            &response.headers,
            &response.body,
            &method,
            key,
        );
        let options = Options {
            input: None,
            method,
            idempotency_key: key,
            json: false,
        };
        human_report(&report, &options)
    }

    #[test]
    fn rate_limited_response() {
        let text = explain(
            "HTTP/1.1 429 Too Many Requests\r\nDate: Sun, 22 Nov 2026 12:00:00 GMT\r\nRetry-After: 17\r\n\
             X-RateLimit-Limit: 60\r\nX-RateLimit-Remaining: 0\r\nX-RateLimit-Reset: 1795348817\r\n\r\n\
             {\"detail\": \"Rate limit exceeded\"}",
            Method::GET,
            false,
        );
        assert!(text.contains("  kind         RateLimited\n"), "{text}");
        assert!(
            text.contains("  rate limit   0 of 60 left, resets in 17s\n"),
            "{text}"
        );
        assert!(
            text.contains("  verdict      retry in 17s (Retry-After): throttled (429)\n"),
            "{text}"
        );
    }

    #[test]
    fn what_the_server_wrote_cannot_drive_the_terminal() {
        let text = explain(
            "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n\
             {\"message\": \"Amount \\u001b[31mred\\u001b]0;owned\\u0007\\n  verdict      retry \\u202e\u{e9}\"}",
            Method::GET,
            false,
        );
        assert!(!text.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{text:?}");
        assert!(
            text.contains(
                "  message      Amount \\u{1b}[31mred\\u{1b}]0;owned\\u{7}\\n  verdict      retry \\u{202e}\u{e9}\n"
            ),
            "{text}"
        );
        assert_eq!(text.matches("verdict").count(), 2, "{text}");
    }

    #[test]
    fn conflict_and_unsafe_post() {
        let conflict = explain(
            "HTTP/1.1 409 Conflict\n\n{\"detail\": \"Ticket is closed\"}",
            Method::POST,
            false,
        );
        assert!(
            conflict.contains("verdict      stop: 409 Conflict is not retryable"),
            "{conflict}"
        );
        let post = explain(
            "HTTP/1.1 500 Internal Server Error\n\n",
            Method::POST,
            false,
        );
        assert!(
            post.contains("verdict      stop: POST without Idempotency-Key after 500"),
            "{post}"
        );
        let keyed = explain("HTTP/1.1 500 Internal Server Error\n\n", Method::POST, true);
        assert!(
            keyed.contains("verdict      retry after backoff"),
            "{keyed}"
        );
        assert!(
            keyed.contains("up to 200ms): 500 Internal Server Error\n"),
            "{keyed}"
        );
        // Why a POST without a key goes again: the proxy never reached the API.
        let proxy = explain(
            "HTTP/1.1 522 \ncontent-type: text/html\n\n<title>522: Connection timed out</title>",
            Method::POST,
            false,
        );
        assert!(
            proxy.contains("): not forwarded by the proxy (522)\n"),
            "{proxy}"
        );
    }

    #[test]
    fn options() {
        let args = |list: &[&str]| list.iter().map(ToString::to_string).collect::<Vec<_>>();
        let parsed = Options::parse(&args(&[
            "-",
            "--method",
            "post",
            "--idempotency-key",
            "--json",
        ]))
        .unwrap();
        assert_eq!(parsed.method, Method::POST);
        assert!(parsed.idempotency_key && parsed.json);
        assert!(matches!(
            Options::parse(&args(&["--method"])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            Options::parse(&args(&["a", "b"])),
            Err(Failure::Usage(_))
        ));
        assert!(matches!(
            Options::parse(&args(&["--frobnicate"])),
            Err(Failure::Usage(_))
        ));
    }
}
