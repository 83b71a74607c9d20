//! A raw HTTP response as `curl -si` prints it.

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};

/// One parsed response.
#[derive(Debug)]
pub(crate) struct RawResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

/// Parses `HTTP/1.1 429 Too Many Requests`, headers, a blank line and the body, with CRLF or LF
/// line ends. Interim responses (`100 Continue`) and the responses before a redirect's last one, as
/// `curl -siL` prints them, are skipped: the last response is the one explained.
pub(crate) fn parse(input: &[u8]) -> Result<RawResponse, String> {
    let mut rest = input;
    loop {
        let (status, headers, body) = parse_one(rest)?;
        // Another response follows an interim or redirect response.
        if (status.is_informational() || status.is_redirection()) && starts_with_status_line(body) {
            rest = body;
            continue;
        }
        return Ok(RawResponse {
            status,
            headers,
            body: body.to_vec(),
        });
    }
}

fn starts_with_status_line(text: &[u8]) -> bool {
    let text = trim_leading_newlines(text);
    text.starts_with(b"HTTP/")
}

fn trim_leading_newlines(mut text: &[u8]) -> &[u8] {
    while let Some(rest) = text
        .strip_prefix(b"\r\n")
        .or_else(|| text.strip_prefix(b"\n"))
    {
        text = rest;
    }
    text
}

fn parse_one(input: &[u8]) -> Result<(StatusCode, HeaderMap, &[u8]), String> {
    let input = trim_leading_newlines(input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input));
    let (status_line, mut rest) = split_line(input)
        .ok_or("empty input: expected a status line such as `HTTP/1.1 429 Too Many Requests`")?;
    let status_line = String::from_utf8_lossy(status_line);
    let mut parts = status_line.split_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(format!(
            "expected a status line such as `HTTP/1.1 429 Too Many Requests`, found `{}`",
            truncate(&status_line)
        ));
    }
    let code = parts.next().unwrap_or("");
    let status = code
        .parse::<u16>()
        .ok()
        .and_then(|code| StatusCode::from_u16(code).ok())
        .ok_or_else(|| {
            format!(
                "invalid status code `{}` in `{}`",
                truncate(code),
                truncate(&status_line)
            )
        })?;

    let mut headers = HeaderMap::new();
    loop {
        let Some((line, after)) = split_line(rest) else {
            // Headers ran to the end: no body.
            return Ok((status, headers, b""));
        };
        rest = after;
        if line.is_empty() {
            return Ok((status, headers, rest));
        }
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err(format!(
                "expected a header line `name: value`, found `{}`",
                truncate(&String::from_utf8_lossy(line))
            ));
        };
        let (name, value) = line.split_at(colon);
        let value = value.get(1..).unwrap_or_default().trim_ascii();
        let name = HeaderName::from_bytes(name.trim_ascii()).map_err(|_| {
            format!(
                "invalid header name `{}`",
                truncate(&String::from_utf8_lossy(name))
            )
        })?;
        // A value that is not a valid header value (control bytes) is dropped, as a client would.
        if let Ok(value) = HeaderValue::from_bytes(value) {
            headers.append(name, value);
        }
    }
}

/// The line before the next LF (without its CR), and what follows.
fn split_line(text: &[u8]) -> Option<(&[u8], &[u8])> {
    if text.is_empty() {
        return None;
    }
    let end = text.iter().position(|&b| b == b'\n').unwrap_or(text.len());
    let line = text.get(..end)?;
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some((line, text.get(end + 1..).unwrap_or_default()))
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((at, _)) => format!("{}\u{2026}", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crlf_and_lf() {
        for input in [
            &b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 17\r\nContent-Type: application/json\r\n\r\n{\"detail\": \"slow\"}"[..],
            b"HTTP/2 429\nretry-after: 17\ncontent-type: application/json\n\n{\"detail\": \"slow\"}",
        ] {
            let response = parse(input).unwrap();
            assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
            assert_eq!(response.headers["retry-after"], "17");
            assert_eq!(response.body, b"{\"detail\": \"slow\"}");
        }
    }

    #[test]
    fn interim_and_redirect_responses_are_skipped() {
        let input = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 302 Found\r\nLocation: /x\r\n\r\nHTTP/1.1 503 Service Unavailable\r\n\r\ndown";
        let response = parse(input).unwrap();
        assert_eq!(response.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.body, b"down");
    }

    #[test]
    fn a_redirect_alone_is_explained() {
        let response = parse(b"HTTP/1.1 302 Found\r\nLocation: /x\r\n\r\n").unwrap();
        assert_eq!(response.status, StatusCode::FOUND);
    }

    #[test]
    fn unreadable_input_says_what_was_expected() {
        assert_eq!(
            parse(b"").unwrap_err(),
            "empty input: expected a status line such as `HTTP/1.1 429 Too Many Requests`"
        );
        assert_eq!(
            parse(b"{\"error\": 1}").unwrap_err(),
            "expected a status line such as `HTTP/1.1 429 Too Many Requests`, found `{\"error\": 1}`"
        );
        assert_eq!(
            parse(b"HTTP/1.1 abc\r\n").unwrap_err(),
            "invalid status code `abc` in `HTTP/1.1 abc`"
        );
        assert_eq!(
            parse(b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n").unwrap_err(),
            "expected a header line `name: value`, found `no colon here`"
        );
    }

    #[test]
    fn headers_without_body() {
        let response =
            parse(b"HTTP/1.1 504 Gateway Timeout\r\nDate: Sun, 22 Nov 2026 12:00:00 GMT").unwrap();
        assert_eq!(response.status, StatusCode::GATEWAY_TIMEOUT);
        assert!(response.body.is_empty());
    }
}
