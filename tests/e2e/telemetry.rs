//! Spans: the OpenTelemetry and reprieve fields are there, and no secret ever is.

use std::io::Write;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer};

use crate::support::{Script, client, json};

/// Everything the subscriber writes, kept for the test to read.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Captured {
    type Writer = Self;

    fn make_writer(&'a self) -> Self {
        self.clone()
    }
}

/// Sends this thread's spans, as they close, to the returned buffer until the guard drops.
fn capture() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    (captured, tracing::subscriber::set_default(subscriber))
}

const SECRETS: [&str; 6] = [
    "sk_live_AUTHORIZATION",
    "xk_APIKEY",
    "COOKIESECRET",
    "hunter2",
    "sk_live_QUERY",
    "SIGNATURE_VALUE",
];

#[tokio::test]
async fn spans_carry_the_fields_and_never_a_secret() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(Script::new(vec![
            json(
                503,
                r#"{"error": {"code": "gate_offline", "message": "processor down"}}"#,
            )
            .insert_header("retry-after", "1")
            .insert_header("set-cookie", "session=COOKIESECRET"),
            json(201, "{}"),
        ]))
        .expect(2)
        .mount(&server)
        .await;
    let (captured, _guard) = capture();

    let (client, _) = client(|b| b);
    let port = server.address().port();
    let url = format!(
        "http://merchant:hunter2@127.0.0.1:{port}/v1/pay/confirm?api_key=sk_live_QUERY&signature=SIGNATURE_VALUE&page=2"
    );
    let response = client
        .post(url)
        .header("authorization", "Bearer sk_live_AUTHORIZATION")
        .header("x-api-key", "xk_APIKEY")
        .header("cookie", "session=COOKIESECRET")
        .body(r#"{"amount": 100}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);

    let output = captured.text();
    for field in [
        "http.request.method=\"POST\"",
        "http.request.resend_count=1",
        "http.response.status_code=503",
        "http.response.status_code=201",
        "server.address=\"127.0.0.1\"",
        "error.type=\"503\"",
        "reprieve.kind=\"Unavailable\"",
        "reprieve.code=\"gate_offline\"",
        "reprieve.decision=\"retry\"",
        "reprieve.delay_ms=1000",
        "reprieve.delay_source=\"retry-after\"",
        "reprieve.attempts=2",
        "reprieve.outcome=\"success\"",
        "api_key=REDACTED",
        "page=2",
    ] {
        assert!(output.contains(field), "no {field} in:\n{output}");
    }
    for secret in SECRETS {
        assert!(!output.contains(secret), "{secret} leaked into:\n{output}");
    }
}

#[tokio::test]
async fn a_code_the_size_of_a_page_is_cut_in_the_span() {
    let server = MockServer::start().await;
    let code = "é".repeat(5_000);
    Mock::given(method("GET"))
        .respond_with(json(
            400,
            &format!(r#"{{"code": "{code}", "message": "m"}}"#),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let (captured, _guard) = capture();

    let (client, _) = client(|b| b);
    let response = client.get(server.uri()).send().await.unwrap();
    assert_eq!(response.status(), 400);

    let output = captured.text();
    // 64 two-byte characters: cut at 128 bytes, on a character's boundary.
    let recorded = format!("reprieve.code=\"{}\"", "é".repeat(64));
    assert!(output.contains(&recorded), "no {recorded} in:\n{output}");
    assert!(!output.contains(&"é".repeat(65)), "{output}");
}
