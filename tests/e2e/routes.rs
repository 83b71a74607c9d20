//! Hilt's route table (`crates/reprieve-core/examples/hilt-routes.toml`) end to end.

use reprieve::RoutePolicies;
use reqwest_middleware::ClientWithMiddleware;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{Script, json};

const HILT_ROUTES: &str = include_str!("../../crates/reprieve-core/examples/hilt-routes.toml");

async fn mount(
    server: &MockServer,
    http_method: &str,
    route: &str,
    responses: Vec<ResponseTemplate>,
    expect: u64,
) {
    Mock::given(method(http_method))
        .and(path(route))
        .respond_with(Script::new(responses))
        .expect(expect)
        .named(format!("{http_method} {route}"))
        .mount(server)
        .await;
}

fn hilt_client(keys: bool) -> (ClientWithMiddleware, reprieve::sleep::RecordingSleeper) {
    let routes = RoutePolicies::from_toml_str(HILT_ROUTES).unwrap();
    crate::support::client(|builder| {
        let builder = builder.routes(routes);
        if keys {
            builder
        } else {
            builder.no_idempotency()
        }
    })
}

#[tokio::test]
async fn safe_candidates_are_replayed_and_careful_routes_need_a_key() {
    let server = MockServer::start().await;
    let unavailable = || json(503, r#"{"detail": "upstream unavailable"}"#);
    // "Safe retry candidates": replayed after a 5xx even as a POST without a key.
    mount(
        &server,
        "POST",
        "/v1/memberships/m_1/retry-delivery",
        vec![unavailable(), json(202, "{}")],
        2,
    )
    .await;
    // "Be more careful with": without a key, a 503 is final.
    mount(
        &server,
        "POST",
        "/v1/pay/confirm",
        vec![unavailable(), json(200, "{}")],
        1,
    )
    .await;
    // GET /v1/payments/{id} may take five attempts instead of three.
    mount(&server, "GET", "/v1/payments/pay_1", vec![unavailable()], 5).await;
    let (client, _) = hilt_client(false);
    let base = server.uri();
    let delivery = client
        .post(format!("{base}/v1/memberships/m_1/retry-delivery"))
        .send()
        .await
        .unwrap();
    assert_eq!(delivery.status(), 202);
    let confirm = client
        .post(format!("{base}/v1/pay/confirm"))
        .send()
        .await
        .unwrap();
    assert_eq!(confirm.status(), 503);
    let payment = client
        .get(format!("{base}/v1/payments/pay_1"))
        .send()
        .await
        .unwrap();
    assert_eq!(payment.status(), 503);
    assert_eq!(
        payment.extensions().get::<reprieve::Attempts>(),
        Some(&reprieve::Attempts(5))
    );
}

#[tokio::test]
async fn a_careful_route_is_replayed_with_the_key_the_middleware_attaches() {
    let server = MockServer::start().await;
    mount(
        &server,
        "POST",
        "/v1/pay/confirm",
        vec![json(503, "{}"), json(200, "{}")],
        2,
    )
    .await;
    let (client, sleeper) = hilt_client(true);
    let response = client
        .post(format!("{}/v1/pay/confirm", server.uri()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(sleeper.delays().len(), 1);
    let keys: Vec<_> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["idempotency-key"].clone())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1]);
}
