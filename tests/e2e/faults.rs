//! Fault injection on a loopback server controlled at the socket level, and exactly-once payments
//! under lost responses. Each test states what the caller gets and how many times the server saw the
//! request. (Load has a binary of its own: `tests/load`.)

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use reprieve::RetryMiddleware;
use reprieve::sleep::RecordingSleeper;
use reqwest_middleware::{ClientBuilder, ClientWithMiddleware};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::support::client;

/// A raw server: reads each request's head, then lets `answer` do what it likes with the socket.
async fn raw<F, Fut>(answer: F) -> (String, Arc<AtomicU64>)
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(AtomicU64::new(0));
    let counter = Arc::clone(&seen);
    let answer = Arc::new(answer);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (counter, answer) = (Arc::clone(&counter), Arc::clone(&answer));
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    if stream.read(&mut byte).await.unwrap_or(0) == 0 {
                        return;
                    }
                    head.push(byte[0]);
                }
                counter.fetch_add(1, Ordering::SeqCst);
                answer(stream).await;
            });
        }
    });
    (url, seen)
}

/// Closes with a TCP reset instead of a FIN.
fn reset(stream: TcpStream) {
    let _ = stream.set_zero_linger();
    drop(stream);
}

#[tokio::test]
async fn a_reset_after_the_request_is_retried_for_get_never_for_post_without_key() {
    let (url, seen) = raw(|stream| async move { reset(stream) }).await;
    let (client, sleeper) = client(reprieve::RetryMiddlewareBuilder::no_idempotency);
    // GET: the caller gets the transport's error after the policy's three attempts.
    let error = client
        .get(format!("{url}/v1/rates"))
        .send()
        .await
        .unwrap_err();
    assert!(
        error.is_request() || error.is_connect() || error.is_body(),
        "{error}"
    );
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    assert_eq!(sleeper.delays().len(), 2);
    // POST without a key: it may have been processed, so it is sent once.
    seen.store(0, Ordering::SeqCst);
    let error = client
        .post(format!("{url}/v1/pay/confirm"))
        .body("{}")
        .send()
        .await;
    assert!(error.is_err());
    assert_eq!(seen.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn an_error_body_cut_midway_is_classified_from_what_arrived() {
    let (url, seen) = raw(|mut stream| async move {
        let head = "HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(br#"{"error": {"code": "gate_offline", "message": "processor do"#).await;
        reset(stream);
    })
    .await;
    let (client, sleeper) = client(|b| b);
    let response = client.get(format!("{url}/v1/rates")).send().await.unwrap();
    // Classified as a 503 and retried; the caller gets the last 503, whose body then fails.
    assert_eq!(response.status(), 503);
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    assert_eq!(sleeper.delays().len(), 2);
    assert!(response.bytes().await.is_err());
}

#[tokio::test]
async fn a_200_whose_body_breaks_halfway_reaches_the_caller_once() {
    let (url, seen) = raw(|mut stream| async move {
        let head =
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n";
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(br#"{"id": "pay_1", "sta"#).await;
        reset(stream);
    })
    .await;
    let (client, sleeper) = client(|b| b);
    let response = client
        .get(format!("{url}/v1/payments/pay_1"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    // The success path never reads the body: the break is the caller's to see, and nothing is resent.
    assert!(response.bytes().await.is_err());
    assert_eq!(seen.load(Ordering::SeqCst), 1);
    assert!(sleeper.delays().is_empty());
}

#[tokio::test]
async fn a_ten_megabyte_error_body_is_read_only_in_part_and_handed_over_whole() {
    const SIZE: usize = 10 * 1024 * 1024;
    let (url, seen) = raw(|mut stream| async move {
        let head = format!("HTTP/1.1 500 Internal Server Error\r\ncontent-type: text/plain\r\ncontent-length: {SIZE}\r\n\r\n");
        let _ = stream.write_all(head.as_bytes()).await;
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..SIZE / chunk.len() {
            if stream.write_all(&chunk).await.is_err() {
                return; // a read capped at 64 KiB hangs up on the rest
            }
        }
    })
    .await;
    let (client, _) = client(|b| b);
    let response = client.get(format!("{url}/v1/rates")).send().await.unwrap();
    assert_eq!(response.status(), 500);
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    assert_eq!(response.bytes().await.unwrap().len(), SIZE);
}

fn payments(url: &str, keys: bool) -> (ClientWithMiddleware, String) {
    let mut builder = RetryMiddleware::builder().sleeper(RecordingSleeper::new());
    if !keys {
        builder = builder.no_idempotency();
    }
    let client = ClientBuilder::new(reqwest::Client::new())
        .with(builder.build())
        .build();
    (client, format!("{url}/v1/payments"))
}

async fn post_all(client: &ClientWithMiddleware, url: &str) -> Vec<u16> {
    let semaphore = Arc::new(tokio::sync::Semaphore::new(24));
    let tasks: Vec<_> = (0..300)
        .map(|_| {
            let (client, url, semaphore) = (client.clone(), url.to_owned(), Arc::clone(&semaphore));
            tokio::spawn(async move {
                let _permit = semaphore.acquire().await.unwrap();
                client
                    .post(url)
                    .body(r#"{"amount": 100}"#)
                    .send()
                    .await
                    .unwrap()
                    .status()
                    .as_u16()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_hundred_payments_commit_exactly_once_despite_lost_responses() {
    let (address, ledger) = reprieve_tests::ledger::start(3).await;
    let (client, url) = payments(&format!("http://{address}"), true);
    let statuses = post_all(&client, &url).await;
    assert!(
        statuses.iter().all(|s| (200..300).contains(s)),
        "{statuses:?}"
    );
    assert_eq!(ledger.commits.load(Ordering::SeqCst), 300);
    assert_eq!(ledger.most_commits_for_one_key(), 1);
    // A third of first answers were lost, and each of those was replayed once.
    assert_eq!(ledger.hits.load(Ordering::SeqCst), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_keys_each_payment_reaches_the_server_once_whatever_the_failure() {
    let (address, ledger) = reprieve_tests::ledger::start(3).await;
    let (client, url) = payments(&format!("http://{address}"), false);
    let statuses = post_all(&client, &url).await;
    assert_eq!(ledger.hits.load(Ordering::SeqCst), 300);
    assert_eq!(ledger.commits.load(Ordering::SeqCst), 300);
    // The callers whose answer was lost see the 503 and decide for themselves.
    assert_eq!(statuses.iter().filter(|&&s| s == 503).count(), 100);
}
