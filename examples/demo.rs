//! The demo: a checkout flow through reprieve against an embedded payment API on loopback.
//!
//! The API behaves as the seed documents say such APIs do: a rate-limit window with
//! `X-RateLimit-*` and `Retry-After`, flaky 503s on `POST /v1/pay/confirm` that it deduplicates by
//! Idempotency-Key, an expired session (410), and validation errors in several envelopes. The
//! timeline is read from reprieve's own tracing spans.
//!
//! ```sh
//! cargo run -p reprieve-examples --example demo
//! ```

#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)] // an example prints and may fail loudly

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reprieve::{RetryMiddleware, RoutePolicies};
use tracing::Subscriber;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ROUTES: &str = include_str!("../crates/reprieve-core/examples/hilt-routes.toml");

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing::subscriber::set_global_default(tracing_subscriber::registry().with(Timeline))?;
    let api = payment_api().await;
    let base = api.uri();

    let routes = RoutePolicies::from_toml_str(ROUTES)?;
    let client = reqwest_middleware::ClientBuilder::new(reqwest::Client::new())
        .with(
            RetryMiddleware::builder()
                .routes(routes)
                .timeout(Duration::from_secs(20))
                .build(),
        )
        .build();

    println!("reprieve demo: a checkout against an embedded payment API at {base}\n");
    println!(
        "  {:<38} {:>3} {:>6} {:<15} {:<24} decision",
        "request", "try", "status", "kind", "code"
    );
    let started = Instant::now();
    let mut outcomes = Vec::new();

    let steps: Vec<(&str, reqwest_middleware::RequestBuilder)> = vec![
        (
            "look up the payment (flaky 503)",
            client.get(format!("{base}/v1/payments/pay_42")),
        ),
        (
            "confirm (503 after commit)",
            client
                .post(format!("{base}/v1/pay/confirm"))
                .body(r#"{"payment_id": "pay_42"}"#),
        ),
        (
            "pay an expired session",
            client.post(format!("{base}/v1/checkout/cs_old/pay")),
        ),
        (
            "create a product (FastAPI 422)",
            client
                .post(format!("{base}/v1/products"))
                .body(r#"{"price": 0}"#),
        ),
        (
            "create an invoice (Halfin 400)",
            client
                .post(format!("{base}/v1/invoices"))
                .body(r#"{"amount": "-1"}"#),
        ),
    ];
    for (label, request) in steps {
        println!("  - {label}");
        let response = request.send().await?;
        outcomes.push((label.to_owned(), response.status().as_u16()));
    }

    println!("  - list products 12 times, 4 at a time, against a limit of 5 per 2 s window");
    let mut burst = tokio::task::JoinSet::new();
    for i in 0..12_u32 {
        let client = client.clone();
        let url = format!("{base}/v1/products?page={i}");
        burst.spawn(async move {
            // Four at a time: the gate paces them at the window's limit.
            tokio::time::sleep(Duration::from_millis(u64::from(i / 4) * 10)).await;
            client.get(url).send().await.map(|r| r.status().as_u16())
        });
    }
    let mut listed = BTreeMap::new();
    while let Some(status) = burst.join_next().await {
        *listed.entry(status??).or_insert(0) += 1;
    }
    outcomes.push(("list products x12".to_owned(), 0));

    let hits = api.received_requests().await.unwrap_or_default();
    let throttled = THROTTLED.lock().unwrap().to_owned();
    let committed = COMMITS.lock().unwrap().len();
    println!("\nsummary ({:.1}s)", started.elapsed().as_secs_f64());
    for (label, status) in &outcomes[..outcomes.len() - 1] {
        println!("  {label:<38} -> {status}");
    }
    println!("  list products x12                      -> {listed:?} (status: count)");
    println!(
        "  server hits: {}, of which answered 429: {throttled}",
        hits.len()
    );
    println!("  payments committed: {committed} (one confirm, despite the lost response)");
    Ok(())
}

static THROTTLED: Mutex<u32> = Mutex::new(0);
static COMMITS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// The embedded payment API.
async fn payment_api() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/payments/pay_42"))
        .respond_with(Flaky::default())
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/pay/confirm"))
        .respond_with(Confirm::default())
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path_regex("^/v1/checkout/[^/]+/pay$"))
        .respond_with(json(410, r#"{"detail": "Payment session has expired"}"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/products"))
        .respond_with(json(422, r#"{"detail": [{"loc": ["body", "price"], "msg": "Input should be greater than 0", "type": "greater_than"}]}"#))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/invoices"))
        .respond_with(json(400, r#"{"error": {"code": "validation_error", "message": "amount must be a positive decimal string", "details": [{"field": "amount"}]}, "meta": {"request_id": "req_abc123"}}"#))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v1/products"))
        .respond_with(Window::new(5, Duration::from_secs(2)))
        .mount(&server)
        .await;
    server
}

fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// 503 on the first request, then 200.
#[derive(Default)]
struct Flaky(Mutex<u32>);

impl Respond for Flaky {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut seen = self.0.lock().unwrap();
        *seen += 1;
        if *seen == 1 {
            json(
                503,
                r#"{"detail": "SOL pricing oracle unavailable or stale"}"#,
            )
        } else {
            json(
                200,
                r#"{"payment_id": "pay_42", "status": "PENDING_CONFIRMATION"}"#,
            )
        }
    }
}

/// Commits each confirmation once per Idempotency-Key; the first answer is lost (503).
#[derive(Default)]
struct Confirm(Mutex<HashMap<String, u32>>);

impl Respond for Confirm {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let Some(key) = request
            .headers
            .get("idempotency-key")
            .and_then(|k| k.to_str().ok())
        else {
            return json(400, r#"{"detail": "Idempotency-Key required"}"#);
        };
        let mut seen = self.0.lock().unwrap();
        let count = seen.entry(key.to_owned()).or_insert(0);
        *count += 1;
        if *count == 1 {
            COMMITS.lock().unwrap().push(key.to_owned());
            // Committed, but the response is lost on the way back.
            return json(
                503,
                r#"{"detail": "Hilt fee wallet temporarily unavailable"}"#,
            );
        }
        json(200, r#"{"status": "CONFIRMED"}"#)
    }
}

/// A fixed window: `limit` requests per `window`, X-RateLimit-* on every response, 429 beyond.
struct Window {
    limit: u32,
    length: Duration,
    state: Mutex<(u64, u32)>,
}

impl Window {
    fn new(limit: u32, window: Duration) -> Self {
        Self {
            limit,
            length: window,
            state: Mutex::new((0, 0)),
        }
    }
}

impl Respond for Window {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let window_ms = u64::try_from(self.length.as_millis()).unwrap();
        let now_ms = u64::try_from(now.as_millis()).unwrap();
        let index = now_ms / window_ms;
        let reset_ms = (index + 1) * window_ms;
        let mut state = self.state.lock().unwrap();
        if state.0 != index {
            *state = (index, 0);
        }
        state.1 += 1;
        let remaining = self.limit.saturating_sub(state.1);
        let over = state.1 > self.limit;
        // Epoch milliseconds, as some APIs send X-RateLimit-Reset; reprieve tells the units apart.
        let template = if over {
            *THROTTLED.lock().unwrap() += 1;
            let wait = (reset_ms - now_ms).div_ceil(1000);
            json(429, r#"{"detail": "Rate limit exceeded"}"#)
                .insert_header("retry-after", wait.to_string())
        } else {
            json(200, r#"{"products": []}"#)
        };
        template
            .insert_header("x-ratelimit-limit", self.limit.to_string())
            .insert_header("x-ratelimit-remaining", remaining.to_string())
            .insert_header("x-ratelimit-reset", reset_ms.to_string())
    }
}

/// Prints one line per attempt, from the fields reprieve records on its spans.
struct Timeline;

#[derive(Default)]
struct Fields(BTreeMap<&'static str, String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(
            field.name(),
            format!("{value:?}").trim_matches('"').to_owned(),
        );
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name(), value.to_owned());
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for Timeline {
    fn on_new_span(&self, attrs: &Attributes<'_>, id: &Id, ctx: Context<'_, S>) {
        let mut fields = Fields::default();
        attrs.record(&mut fields);
        if let Some(span) = ctx.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, ctx: Context<'_, S>) {
        if let Some(span) = ctx.span(id)
            && let Some(fields) = span.extensions_mut().get_mut::<Fields>()
        {
            values.record(fields);
        }
    }

    fn on_close(&self, id: Id, ctx: Context<'_, S>) {
        let Some(span) = ctx.span(&id) else { return };
        if span.name() != "HTTP" {
            return;
        }
        let extensions = span.extensions();
        let Some(Fields(f)) = extensions.get::<Fields>() else {
            return;
        };
        let get = |name: &str| f.get(name).map_or("-", String::as_str);
        let attempt = f
            .get("http.request.resend_count")
            .and_then(|n| n.parse::<u32>().ok())
            .map_or(1, |n| n + 1);
        let decision = match get("reprieve.decision") {
            "retry" => format!(
                "retry in {}ms ({})",
                get("reprieve.delay_ms"),
                get("reprieve.delay_source")
            ),
            "stop" => format!("stop: {}", get("reprieve.reason")),
            _ => "done".to_owned(),
        };
        println!(
            "    {:<36} {attempt:>3} {:>6} {:<15} {:<24} {decision}",
            get("otel.name"),
            get("http.response.status_code"),
            get("reprieve.kind"),
            get("reprieve.code"),
        );
    }
}
