//! Scripted responders and client construction.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use reprieve::RetryMiddleware;
use reprieve::sleep::RecordingSleeper;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use wiremock::{Request, Respond, ResponseTemplate};

/// Answers with each template in turn, then repeats the last.
pub(crate) struct Script {
    responses: Vec<ResponseTemplate>,
    next: AtomicUsize,
    pub(crate) seen: Mutex<Vec<Request>>,
}

impl Script {
    pub(crate) fn new(responses: Vec<ResponseTemplate>) -> Self {
        Self {
            responses,
            next: AtomicUsize::new(0),
            seen: Mutex::new(Vec::new()),
        }
    }

    /// The `Idempotency-Key` values of each request seen, in order.
    pub(crate) fn idempotency_keys(&self) -> Vec<Vec<String>> {
        let seen = self.seen.lock().unwrap();
        seen.iter()
            .map(|request| {
                let values = request.headers.get_all("idempotency-key");
                values
                    .iter()
                    .map(|value| value.to_str().unwrap().to_owned())
                    .collect()
            })
            .collect()
    }
}

impl Respond for Script {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        self.seen.lock().unwrap().push(request.clone());
        let index = self
            .next
            .fetch_add(1, Ordering::SeqCst)
            .min(self.responses.len() - 1);
        self.responses[index].clone()
    }
}

/// A client whose middleware records its delays instead of sleeping.
pub(crate) fn client(
    build: impl FnOnce(reprieve::RetryMiddlewareBuilder) -> reprieve::RetryMiddlewareBuilder,
) -> (ClientWithMiddleware, RecordingSleeper) {
    let sleeper = RecordingSleeper::new();
    let middleware: RetryMiddleware =
        build(RetryMiddleware::builder().sleeper(sleeper.clone())).build();
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(middleware)
        .build();
    (client, sleeper)
}

pub(crate) fn json(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}
