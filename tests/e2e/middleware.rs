//! The reqwest middleware's retry behaviour.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reprieve::{Attempts, IdempotencyKey, RetryPolicy};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{Script, client, json};

const SEC: Duration = Duration::from_secs(1);

async fn serve(
    http_method: &str,
    route: &str,
    responses: Vec<ResponseTemplate>,
    expect: u64,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(http_method))
        .and(path(route))
        .respond_with(Script::new(responses))
        .expect(expect)
        .mount(&server)
        .await;
    server
}

/// A server answering every POST from `responses` in turn, keeping the requests it saw.
async fn serve_posts(responses: Vec<ResponseTemplate>, expect: u64) -> (MockServer, Arc<Script>) {
    let script = Arc::new(Script::new(responses));
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ArcScript(script.clone()))
        .expect(expect)
        .mount(&server)
        .await;
    (server, script)
}

#[tokio::test]
async fn get_retries_503_503_then_200() {
    let server = serve(
        "GET",
        "/v1/payments/pay_1",
        vec![
            json(503, r#"{"detail": "oracle stale"}"#),
            json(503, "{}"),
            json(200, "{}"),
        ],
        3,
    )
    .await;
    let (client, sleeper) = client(|b| b);
    let response = client
        .get(format!("{}/v1/payments/pay_1", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.extensions().get::<Attempts>(), Some(&Attempts(3)));
    let delays = sleeper.delays();
    assert_eq!(delays.len(), 2);
    // Full jitter below the default ceilings: 200 ms, then 400 ms.
    assert!(
        delays[0] <= Duration::from_millis(200) && delays[1] <= Duration::from_millis(400),
        "{delays:?}"
    );
}

#[tokio::test]
async fn honors_retry_after_seconds() {
    let server = serve(
        "GET",
        "/x",
        vec![
            json(429, "{}").insert_header("retry-after", "2"),
            json(200, "{}"),
        ],
        2,
    )
    .await;
    let (client, sleeper) = client(|b| b);
    let response = client
        .get(format!("{}/x", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(sleeper.delays(), [2 * SEC]);
}

#[tokio::test]
async fn honors_retry_after_http_date_against_the_date_header() {
    // Server clocks a day ahead of ours and a day behind: either way the wait is the three
    // seconds between Date and Retry-After. Measured from our clock it would be a day, or none.
    // (Fixed dates would pass only until the day they name, and did fail on it.)
    let day = Duration::from_secs(86_400);
    for server_now in [SystemTime::now() + day, SystemTime::now() - day] {
        let throttled = json(429, "{}")
            .insert_header("date", httpdate::fmt_http_date(server_now))
            .insert_header("retry-after", httpdate::fmt_http_date(server_now + 3 * SEC));
        assert_eq!(waits_before_success(throttled).await, [3 * SEC]);
    }
}

#[tokio::test]
async fn honors_x_ratelimit_retry_after_and_retry_after_ms() {
    for (header, value, want) in [
        ("x-ratelimit-retry-after", "4", 4 * SEC),
        ("retry-after-ms", "1500", Duration::from_millis(1500)),
    ] {
        let throttled = json(429, "{}").insert_header(header, value);
        assert_eq!(waits_before_success(throttled).await, [want], "{header}");
    }
}

/// The sleeps of a GET, without the gate, answered `throttled` and then 200.
async fn waits_before_success(throttled: ResponseTemplate) -> Vec<Duration> {
    let server = serve("GET", "/x", vec![throttled, json(200, "{}")], 2).await;
    let (client, sleeper) = client(reprieve::RetryMiddlewareBuilder::no_gate);
    let response = client
        .get(format!("{}/x", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    sleeper.delays()
}

#[tokio::test]
async fn retry_after_past_max_stops_at_once_and_the_caller_reads_the_429() {
    let body = r#"{"detail": "API key plan limit reached"}"#;
    let server = serve(
        "GET",
        "/x",
        vec![json(429, body).insert_header("retry-after", "3600")],
        1,
    )
    .await;
    let (client, sleeper) = client(|b| b);
    let response = client
        .get(format!("{}/x", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "3600");
    assert_eq!(response.text().await.unwrap(), body);
    assert!(sleeper.delays().is_empty());
}

/// Two GETs to a server whose first answer says the quota is spent until `reset` seconds from
/// now: the sleeps the second took at the gate, the server's hits, and the second's result.
async fn after_a_spent_quota(
    reset: &str,
    policy: RetryPolicy,
) -> (
    Vec<Duration>,
    usize,
    reqwest_middleware::Result<reqwest::Response>,
) {
    let server = MockServer::start().await;
    let spent = json(200, "{}")
        .insert_header("x-ratelimit-limit", "10")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", reset);
    let script = Arc::new(Script::new(vec![spent, json(200, "{}")]));
    Mock::given(method("GET"))
        .respond_with(ArcScript(script.clone()))
        .mount(&server)
        .await;
    let (client, sleeper) = client(|b| b.policy(policy));
    let first = client.get(server.uri()).send().await.unwrap();
    assert_eq!(first.status(), 200);
    let second = client.get(server.uri()).send().await;
    let hits = script.seen.lock().unwrap().len();
    (sleeper.delays(), hits, second)
}

#[tokio::test]
async fn the_gate_holds_the_next_call_until_the_reset() {
    let (waits, hits, second) = after_a_spent_quota("20", RetryPolicy::default()).await;
    assert_eq!(second.unwrap().status(), 200);
    assert_eq!(hits, 2);
    assert_eq!(waits.len(), 1);
    assert!(waits[0] > 19 * SEC && waits[0] <= 20 * SEC, "{waits:?}");
}

#[tokio::test]
async fn a_reset_past_max_retry_after_is_not_waited_for_at_the_gate() {
    // An hour away (or MuleSoft's 42 s, sent as 42661 milliseconds and read as seconds): the call
    // goes out, and the server says whether the quota is still spent.
    for reset in ["3600", "42661"] {
        let (waits, hits, second) = after_a_spent_quota(reset, RetryPolicy::default()).await;
        assert_eq!(second.unwrap().status(), 200);
        assert_eq!(hits, 2);
        assert!(waits.is_empty(), "{reset}: {waits:?}");
    }
}

#[tokio::test]
async fn a_clamping_policy_waits_max_retry_after_at_the_gate_then_sends() {
    let policy = RetryPolicy::builder()
        .max_retry_after(5 * SEC)
        .on_long_retry_after(reprieve::LongDelay::Clamp)
        .build()
        .unwrap();
    let (waits, hits, second) = after_a_spent_quota("3600", policy).await;
    assert_eq!(second.unwrap().status(), 200);
    assert_eq!(hits, 2);
    assert_eq!(waits, [5 * SEC]);
}

#[tokio::test]
async fn a_gate_wait_past_max_elapsed_fails_at_once_unsent() {
    let policy = RetryPolicy::builder()
        .max_elapsed(10 * SEC)
        .build()
        .unwrap();
    let (waits, hits, second) = after_a_spent_quota("30", policy).await;
    let Err(reqwest_middleware::Error::Middleware(error)) = second else {
        panic!("{second:?}");
    };
    let exhausted = error.downcast_ref::<reprieve::QuotaExhausted>().unwrap();
    assert!(
        exhausted.wait > 29 * SEC && exhausted.wait <= 30 * SEC,
        "{exhausted}"
    );
    assert_eq!(hits, 1);
    assert!(waits.is_empty(), "{waits:?}");
}

#[tokio::test]
async fn post_gets_one_key_reused_across_retries() {
    let (server, script) =
        serve_posts(vec![json(503, "{}"), json(502, "{}"), json(201, "{}")], 3).await;
    let (client, _) = client(|b| b);
    let response = client
        .post(format!("{}/v1/pay/confirm", server.uri()))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let keys = script.idempotency_keys();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[0].len(), 1, "{keys:?}");
    assert!(keys.iter().all(|k| *k == keys[0]), "{keys:?}");
    assert_eq!(
        response.extensions().get::<IdempotencyKey>(),
        Some(&IdempotencyKey(keys[0][0].clone()))
    );
}

#[tokio::test]
async fn the_callers_key_is_kept() {
    let (server, script) = serve_posts(vec![json(500, "{}"), json(200, "{}")], 2).await;
    let (client, _) = client(|b| b);
    client
        .post(server.uri())
        .header("Idempotency-Key", "order-1234-attempt-1")
        .send()
        .await
        .unwrap();
    for keys in script.idempotency_keys() {
        assert_eq!(keys, ["order-1234-attempt-1"]);
    }
}

#[tokio::test]
async fn a_key_still_in_use_is_waited_out_with_the_same_key() {
    // The first request went through but its answer was lost; the resend meets it still running,
    // as the message says, or as the code alone says.
    let busy = [
        r#"{"error": {"message": "There is currently another in-progress request using this Idempotent Key. Please try again later.", "type": "idempotency_error"}}"#,
        r#"{"error": {"code": "idempotency_key_in_use", "type": "idempotency_error"}}"#,
    ];
    for busy in busy {
        let (server, script) = serve_posts(vec![json(409, busy), json(201, "{}")], 2).await;
        let (client, sleeper) = client(|b| b);
        let response = client
            .post(format!("{}/v1/payments", server.uri()))
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 201, "{busy}");
        assert_eq!(sleeper.delays().len(), 1);
        let keys = script.idempotency_keys();
        assert_eq!(keys[0].len(), 1, "{keys:?}");
        assert_eq!(keys[0], keys[1]);
    }
}

#[tokio::test]
async fn post_without_key_after_500_is_sent_exactly_once() {
    let server = serve(
        "POST",
        "/v1/pay/confirm",
        vec![
            json(500, r#"{"error": {"code": "internal_error"}}"#),
            json(200, "{}"),
        ],
        1,
    )
    .await;
    let (client, sleeper) = client(reprieve::RetryMiddlewareBuilder::no_idempotency);
    let response = client
        .post(format!("{}/v1/pay/confirm", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    assert!(sleeper.delays().is_empty());
    // One attempt: no `Attempts` to read, and `map_or(1, ..)` gives the count.
    assert_eq!(response.extensions().get::<Attempts>(), None);
}

#[tokio::test]
async fn post_without_key_is_retried_after_a_429() {
    let server = serve(
        "POST",
        "/x",
        vec![
            json(429, "{}").insert_header("retry-after", "1"),
            json(200, "{}"),
        ],
        2,
    )
    .await;
    let (client, sleeper) = client(|b| b.no_idempotency().no_gate());
    assert_eq!(
        client
            .post(format!("{}/x", server.uri()))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    assert_eq!(sleeper.delays(), [SEC]);
}

#[tokio::test]
async fn post_without_key_is_retried_after_a_connect_failure() {
    // A port nothing listens on: bind, note the port, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (client, sleeper) = client(reprieve::RetryMiddlewareBuilder::no_idempotency);
    let error = client
        .post(format!("http://127.0.0.1:{port}/x"))
        .send()
        .await
        .unwrap_err();
    assert!(error.is_connect(), "{error}");
    // Three attempts, two waits: the connect failures were retried although POST has no key.
    assert_eq!(sleeper.delays().len(), 2);
}

#[tokio::test]
async fn post_without_key_is_resent_when_the_proxy_never_forwarded_it() {
    // Cloudflare's 522: the origin never took the connection, so the payment was never seen.
    let page = "<html><title>522: Connection timed out</title></html>";
    for (first, sent) in [(522, 2), (520, 1)] {
        let server = serve(
            "POST",
            "/v1/payments",
            vec![
                ResponseTemplate::new(first).set_body_raw(page, "text/html"),
                json(201, "{}"),
            ],
            sent,
        )
        .await;
        let (client, sleeper) = client(reprieve::RetryMiddlewareBuilder::no_idempotency);
        let response = client
            .post(format!("{}/v1/payments", server.uri()))
            .send()
            .await
            .unwrap();
        // 520: the origin answered something unreadable, and may have acted on the payment.
        let expected = if sent == 2 { 201 } else { first };
        assert_eq!(response.status(), expected, "after {first}");
        assert_eq!(
            sleeper.delays().len(),
            usize::from(sent == 2),
            "after {first}"
        );
    }
}

#[tokio::test]
async fn a_per_request_policy_overrides_the_default() {
    let server = serve("GET", "/x", vec![json(503, "{}")], 5).await;
    let (client, sleeper) = client(|b| b);
    let policy = RetryPolicy::builder().max_attempts(5).build().unwrap();
    let response = client
        .get(format!("{}/x", server.uri()))
        .with_extension(policy)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(sleeper.delays().len(), 4);
}

#[tokio::test]
async fn a_streaming_body_is_sent_once_without_error() {
    let server = serve("PUT", "/upload", vec![json(503, "{}"), json(200, "{}")], 1).await;
    let (client, sleeper) = client(|b| b);
    let chunks: Vec<Result<&'static str, std::io::Error>> = vec![Ok("part one, "), Ok("part two")];
    let body = reqwest::Body::wrap_stream(futures_util::stream::iter(chunks));
    let response = client
        .put(format!("{}/upload", server.uri()))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert!(sleeper.delays().is_empty());
}

#[tokio::test]
async fn the_error_body_reaches_the_caller_intact() {
    // Larger than the 64 KiB the middleware reads to classify it.
    let big = format!(
        r#"{{"error": {{"code": "invalid_request", "message": "bad"}}, "padding": "{}"}}"#,
        "x".repeat(200_000)
    );
    let server = serve(
        "GET",
        "/x",
        vec![json(400, &big).insert_header("x-request-id", "req_9")],
        1,
    )
    .await;
    let (client, _) = client(|b| b);
    let response = client
        .get(format!("{}/x", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_eq!(response.headers()["x-request-id"], "req_9");
    assert!(response.url().as_str().ends_with("/x"));
    assert_eq!(response.text().await.unwrap(), big);
}

#[tokio::test]
async fn error_for_api_status_gives_typed_errors() {
    use reprieve::ResponseExt;
    let server = serve("GET", "/x", vec![json(402, r#"{"success": false, "error": {"code": "CARD_DECLINED", "message": "Payment method was declined"}}"#)], 1).await;
    let response = reqwest::get(format!("{}/x", server.uri())).await.unwrap();
    let error = response.error_for_api_status().await.unwrap_err();
    assert_eq!(error.kind(), reprieve::ErrorKind::PaymentFailed);
    assert_eq!(error.code(), Some("CARD_DECLINED"));
}

#[tokio::test]
async fn the_budget_caps_retries_against_an_always_failing_server() {
    let server = MockServer::start().await;
    let script = Arc::new(Script::new(vec![json(503, "{}")]));
    Mock::given(method("GET"))
        .respond_with(ArcScript(script.clone()))
        .mount(&server)
        .await;
    // Retries may add 10% of requests, with no floor.
    let budget = Arc::new(reprieve::RetryBudget::new(Duration::from_secs(10), 0, 0.1).unwrap());
    let (client, _) = client(|b| b.budget(budget));
    for _ in 0..50 {
        client.get(server.uri()).send().await.unwrap();
    }
    let hits = script.seen.lock().unwrap().len();
    // 50 first sends, and at most 5 retries.
    assert!((50..=55).contains(&hits), "{hits} hits");
}

/// A shared script, so a test can read what the server saw.
struct ArcScript(Arc<Script>);

impl wiremock::Respond for ArcScript {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        self.0.respond(request)
    }
}
