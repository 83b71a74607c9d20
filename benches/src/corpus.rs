//! The seed corpus, and the normalizer a team writes by hand: the classifier's baseline.

use http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use serde_json::Value;

const CORPUS: &str = include_str!("../../crates/reprieve-core/tests/data/seed-errors.jsonl");

/// One labelled response of the seed corpus.
#[derive(Debug)]
pub struct Case {
    /// The seed API it documents.
    pub api: String,
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: HeaderMap,
    /// Its body.
    pub body: Vec<u8>,
}

/// Every response of `seed-errors.jsonl`, in order.
///
/// # Panics
///
/// If the corpus bundled at build time is not the fixture format.
// A malformed fixture is a broken build, not an input; indexing a `Value` gives `Null`, never a
// panic.
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
pub fn seed_cases() -> Vec<Case> {
    CORPUS
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fixture: Value = serde_json::from_str(line).unwrap();
            let mut headers = HeaderMap::new();
            for (name, value) in fixture["headers"].as_object().into_iter().flatten() {
                headers.insert(
                    HeaderName::from_bytes(name.as_bytes()).unwrap(),
                    HeaderValue::from_str(value.as_str().unwrap()).unwrap(),
                );
            }
            Case {
                api: fixture["api"].as_str().unwrap().to_owned(),
                status: StatusCode::from_u16(
                    u16::try_from(fixture["status"].as_u64().unwrap()).unwrap(),
                )
                .unwrap(),
                headers,
                body: fixture["body"].as_str().unwrap().as_bytes().to_vec(),
            }
        })
        .collect()
}

/// What a team writes by hand: parse to a `Value`, look the usual fields up, own the strings.
#[derive(Debug)]
pub struct ValueError {
    /// The provider's code.
    pub code: Option<String>,
    /// The message.
    pub message: Option<String>,
    /// The request id.
    pub request_id: Option<String>,
    /// The parameter at fault.
    pub param: Option<String>,
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    }
}

/// The baseline normalizer.
pub fn value_normalize(body: &[u8]) -> ValueError {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let error = value.get("error").filter(|e| e.is_object());
    let detail = value.get("detail");
    let first = |key: &str| {
        error
            .and_then(|e| e.get(key))
            .or_else(|| value.get(key))
            .or_else(|| detail.and_then(|d| d.get(0)).and_then(|d| d.get(key)))
    };
    ValueError {
        code: text(first("code")),
        message: text(
            first("message")
                .or_else(|| value.get("error").filter(|e| e.is_string()))
                .or(detail.filter(|d| d.is_string())),
        ),
        request_id: text(
            value
                .get("meta")
                .and_then(|m| m.get("request_id"))
                .or_else(|| value.get("request_id")),
        ),
        param: text(first("param").or_else(|| first("loc"))),
    }
}
