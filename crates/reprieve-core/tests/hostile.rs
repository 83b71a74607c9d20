//! Hostile bodies: deep nesting, megabytes of HTML, lone surrogates, wrong JSON types. Each still
//! yields an `ApiError` with its status and a bounded message, without a panic. (Hostile headers
//! are in `properties.rs`; the fuzzers' saved inputs replay in `fuzz_regressions.rs`.)

#![allow(missing_docs, clippy::unwrap_used)]

use http::{HeaderMap, HeaderValue, StatusCode};
use reprieve_core::{ApiError, ErrorKind};

fn classify(status: u16, content_type: &str, body: &[u8]) -> ApiError {
    let mut headers = HeaderMap::new();
    headers.insert("content-type", HeaderValue::from_str(content_type).unwrap());
    let error = ApiError::from_response(StatusCode::from_u16(status).unwrap(), &headers, body);
    assert_eq!(error.status().as_u16(), status);
    assert!(
        error.message().is_none_or(|m| m.len() <= 1024),
        "message of {} bytes",
        error.message().map_or(0, str::len)
    );
    error
}

#[test]
fn nesting_a_hundred_thousand_deep_is_cut_short() {
    let arrays = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let error = classify(502, "application/json", arrays.as_bytes());
    assert_eq!(error.kind(), ErrorKind::BadGateway);
    let objects = format!("{}1{}", r#"{"error":"#.repeat(100_000), "}".repeat(100_000));
    let error = classify(500, "application/json", objects.as_bytes());
    assert_eq!(error.kind(), ErrorKind::Internal);
}

#[test]
fn four_megabytes_of_html_give_the_title() {
    let mut page = String::from("<html><head><title>502 Bad Gateway</title><script>");
    page.push_str(&"var x = 1;".repeat(400_000));
    page.push_str("</script></head><body>");
    page.push_str(&"<p>cloudflare</p>".repeat(10_000));
    page.push_str("</body></html>");
    assert!(page.len() > 4_000_000);
    let error = classify(502, "text/html", page.as_bytes());
    assert_eq!(error.kind(), ErrorKind::BadGateway);
    assert_eq!(error.message(), Some("502 Bad Gateway"));
}

#[test]
fn lone_surrogates_and_invalid_utf8_are_replaced_not_fatal() {
    let error = classify(
        400,
        "application/json",
        br#"{"error": {"code": "bad_\ud800", "message": "caf\udc00 \u0000 ok"}}"#,
    );
    // An unpaired surrogate is a replacement character, so the code and message are kept.
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(error.code(), Some("bad_\u{FFFD}"));
    assert_eq!(error.message(), Some("caf\u{FFFD} \u{0} ok"));
    let error = classify(
        400,
        "application/json",
        b"{\"detail\": \"\xff\xfe broken\"}",
    );
    assert!(
        error.message().is_some_and(|m| m.contains("broken")),
        "{:?}",
        error.message()
    );
}

#[test]
fn wrong_types_in_every_field_keep_the_rest() {
    let bodies: [&[u8]; 5] = [
        br#"{"error": {"code": 42, "message": ["a"], "type": {}, "param": false}, "meta": {"request_id": 7}}"#,
        br#"{"detail": 3.5e308, "request_id": null}"#,
        br#"{"success": "false", "error": [1, 2, {"code": "x"}]}"#,
        br#"{"errors": {"a": 1}, "message": {"nested": true}, "retry_after": "soon"}"#,
        br#"[null, true, 1, "s"]"#,
    ];
    for body in bodies {
        let error = classify(503, "application/json", body);
        assert_eq!(
            error.kind(),
            ErrorKind::Unavailable,
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    let error = classify(
        409,
        "application/json",
        br#"{"error": {"code": 42, "message": "still read"}}"#,
    );
    assert_eq!(error.message(), Some("still read"));
}
