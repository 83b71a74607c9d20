//! `reprieve classify`: JSON Lines in the fixture format in, one verdict per line out.

use std::collections::BTreeMap;
use std::io::{BufRead, BufWriter, Write};

use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde::{Deserialize, Serialize};

use crate::Failure;
use crate::report::Report;

/// One input line; fields outside the contract (`api`, `source`, `expect`) are ignored.
#[derive(Debug, Deserialize)]
struct Line {
    id: String,
    #[serde(default = "get")]
    method: String,
    #[serde(default)]
    idempotency_key: bool,
    status: u16,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    #[serde(default)]
    body: String,
}

fn get() -> String {
    "GET".to_owned()
}

/// One output line, in contract order; absent values are `null`.
#[derive(Debug, Serialize)]
struct Verdict<'a> {
    id: &'a str,
    kind: &'static str,
    code: Option<&'a str>,
    message: Option<&'a str>,
    request_id: Option<&'a str>,
    param: Option<&'a str>,
    format: &'static str,
    retry: bool,
    retry_after_ms: Option<u64>,
}

#[derive(Debug, Serialize)]
struct Malformed {
    id: Option<String>,
    error: String,
}

pub(crate) fn run(input: impl BufRead, output: impl Write) -> Result<(), Failure> {
    let mut out = BufWriter::new(output);
    for (index, line) in input.split(b'\n').enumerate() {
        let line = line?;
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        match classify_line(&text) {
            Ok(json) => out.write_all(json.as_bytes())?,
            Err(error) => {
                let malformed = Malformed {
                    id: None,
                    error: format!("line {}: {error}", index + 1),
                };
                serde_json::to_writer(&mut out, &malformed).map_err(std::io::Error::from)?;
            }
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

fn classify_line(text: &str) -> Result<String, String> {
    let line: Line = serde_json::from_str(text).map_err(|e| format!("invalid input: {e}"))?;
    let status = StatusCode::from_u16(line.status)
        .map_err(|_| format!("invalid status {}: expected 100 to 999", line.status))?;
    let method = Method::from_bytes(line.method.as_bytes())
        .map_err(|_| format!("invalid method `{}`", line.method))?;
    let mut headers = HeaderMap::new();
    for (name, value) in &line.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("invalid header name `{name}`"))?;
        // An unusable value is dropped, as an HTTP client would never have received it.
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.append(name, value);
        }
    }
    let report = Report::new(
        status,
        &headers,
        line.body.as_bytes(),
        &method,
        line.idempotency_key,
    );
    let error = &report.error;
    let verdict = Verdict {
        id: &line.id,
        kind: error.kind().as_str(),
        code: error.code(),
        message: error.message(),
        request_id: error.request_id(),
        param: error.param(),
        format: error.format().as_str(),
        retry: report.retryable.is_ok(),
        retry_after_ms: report.retry_after_ms(),
    };
    serde_json::to_string(&verdict).map_err(|e| format!("cannot write the verdict: {e}"))
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;

    fn classify(input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        run(input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn writes_the_contract_fields_in_order() {
        let out = classify(
            r#"{"id": "a", "method": "POST", "idempotency_key": false, "status": 429, "headers": {"retry-after": "30"}, "body": "{\"error\": {\"code\": \"rate_limited\", \"message\": \"slow\"}}"}"#,
        );
        assert_eq!(
            out[0],
            serde_json::json!({"id": "a", "kind": "RateLimited", "code": "rate_limited", "message": "slow",
                "request_id": null, "param": null, "format": "error-object", "retry": true, "retry_after_ms": 30000})
        );
    }

    #[test]
    fn malformed_lines_are_answered_and_the_run_goes_on() {
        let out = classify(concat!(
            "not json\n",
            "\n",
            r#"{"id": "no-status"}"#,
            "\n",
            r#"{"id": "bad-status", "status": 1000}"#,
            "\n",
            r#"{"id": "ok", "status": 503, "body": ""}"#,
            "\n",
        ));
        assert_eq!(out.len(), 4);
        for bad in &out[..3] {
            assert_eq!(bad["id"], Value::Null);
            assert!(bad["error"].as_str().unwrap().starts_with("line "), "{bad}");
        }
        assert_eq!(out[3]["id"], "ok");
        assert_eq!(out[3]["kind"], "Unavailable");
        assert_eq!(out[3]["retry"], true);
    }

    #[test]
    fn an_hour_long_delay_is_still_retryable_with_its_delay() {
        let out = classify(
            r#"{"id": "h", "status": 429, "headers": {"retry-after": "3600"}, "body": ""}"#,
        );
        assert_eq!(out[0]["retry"], true);
        assert_eq!(out[0]["retry_after_ms"], 3_600_000);
    }

    #[test]
    fn hostile_lines_are_each_answered() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let html = format!(
            "<html><title>502</title>{}</html>",
            "<p>x</p>".repeat(500_000)
        );
        let lines = [
            serde_json::json!({"id": "digits", "status": 429, "headers": {"retry-after": "99999999999999999999"}, "body": ""}),
            serde_json::json!({"id": "negative", "status": 429, "headers": {"retry-after": "-5"}, "body": ""}),
            serde_json::json!({"id": "y9999", "status": 503, "headers": {"retry-after": "Thu, 31 Dec 9999 23:59:59 GMT"}, "body": ""}),
            serde_json::json!({"id": "baddate", "status": 503, "headers": {"retry-after": "Sun, 99 Foo 2026 25:61:00 GMT"}, "body": ""}),
            serde_json::json!({"id": "reset", "status": 429, "headers": {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "184467440737095516150"}, "body": ""}),
            serde_json::json!({"id": "deep", "status": 500, "body": deep}),
            serde_json::json!({"id": "html", "status": 502, "headers": {"content-type": "text/html"}, "body": html}),
            serde_json::json!({"id": "types", "status": 400, "body": "{\"error\": {\"code\": 1, \"message\": []}}"}),
        ];
        let input = lines
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n");
        let out = classify(&input);
        assert_eq!(out.len(), lines.len());
        for (answer, line) in out.iter().zip(&lines) {
            assert_eq!(answer["id"], line["id"], "{answer}");
            // A delay, when given, is bounded by the one-year clamp.
            assert!(
                answer["retry_after_ms"]
                    .as_u64()
                    .is_none_or(|ms| ms <= 366 * 86_400_000),
                "{answer}"
            );
        }
    }
}
