//! Idempotency keys: one per logical call, the same on every resend, never overwriting the
//! caller's own (IETF draft-ietf-httpapi-idempotency-key-header).

use http::{HeaderMap, HeaderName, HeaderValue, Method};

/// The key a call was sent with, handed back in the response's extensions so that a job can retry
/// the call later with the same key.
///
/// ```no_run
/// # async fn run(client: reqwest_middleware::ClientWithMiddleware) -> Result<(), Box<dyn std::error::Error>> {
/// use reprieve::{Attempts, IdempotencyKey};
///
/// let response = client.post("http://127.0.0.1:8080/v1/pay/confirm").send().await?;
/// if let Some(IdempotencyKey(key)) = response.extensions().get::<IdempotencyKey>() {
///     println!("sent as {key}");
/// }
/// let attempts = response.extensions().get::<Attempts>().map_or(1, |a| a.0);
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IdempotencyKey(pub String);

/// How keys are attached.
///
/// # Defaults
///
/// Header `Idempotency-Key`, attached to POST and PATCH (the methods RFC 9110 does not make
/// idempotent and payment APIs key), as a UUID v4.
#[derive(Debug, Clone)]
pub struct Idempotency {
    pub(crate) header: HeaderName,
    pub(crate) methods: Vec<Method>,
}

impl Default for Idempotency {
    fn default() -> Self {
        Self {
            header: HeaderName::from_static("idempotency-key"),
            methods: vec![Method::POST, Method::PATCH],
        }
    }
}

impl Idempotency {
    /// Keys in `header` instead of `Idempotency-Key` (Stripe's SDKs send `Idempotency-Key` too;
    /// some APIs want `X-Idempotency-Key`).
    #[must_use]
    pub fn header(mut self, header: HeaderName) -> Self {
        self.header = header;
        self
    }

    /// Attach keys to these methods instead of POST and PATCH.
    #[must_use]
    pub fn methods(mut self, methods: impl IntoIterator<Item = Method>) -> Self {
        self.methods = methods.into_iter().collect();
        self
    }

    /// The header keys travel in.
    pub fn header_name(&self) -> &HeaderName {
        &self.header
    }

    /// Ensures the request carries a key: the caller's own if it has one, otherwise a new UUID v4
    /// for the methods keys are attached to. Returns the key, if the request has one now.
    pub(crate) fn ensure(&self, method: &Method, headers: &mut HeaderMap) -> Option<String> {
        if let Some(existing) = headers.get(&self.header) {
            return Some(String::from_utf8_lossy(existing.as_bytes()).into_owned());
        }
        if !self.methods.contains(method) {
            return None;
        }
        let key = uuid::Uuid::new_v4().to_string();
        // A hyphenated UUID is always a valid header value.
        let value = HeaderValue::from_str(&key).ok()?;
        headers.insert(self.header.clone(), value);
        Some(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attaches_to_post_and_patch_only() {
        let keys = Idempotency::default();
        for (method, keyed) in [
            (Method::POST, true),
            (Method::PATCH, true),
            (Method::GET, false),
            (Method::PUT, false),
        ] {
            let mut headers = HeaderMap::new();
            assert_eq!(
                keys.ensure(&method, &mut headers).is_some(),
                keyed,
                "{method}"
            );
            assert_eq!(headers.contains_key("idempotency-key"), keyed, "{method}");
        }
    }

    #[test]
    fn keeps_the_callers_key() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "idempotency-key",
            HeaderValue::from_static("order-1234-attempt-1"),
        );
        let key = Idempotency::default().ensure(&Method::POST, &mut headers);
        assert_eq!(key.as_deref(), Some("order-1234-attempt-1"));
        assert_eq!(headers.get_all("idempotency-key").iter().count(), 1);
    }

    #[test]
    fn keys_are_fresh_uuids_in_the_configured_header() {
        let keys = Idempotency::default().header(HeaderName::from_static("x-idempotency-key"));
        let (mut a, mut b) = (HeaderMap::new(), HeaderMap::new());
        let first = keys.ensure(&Method::POST, &mut a).unwrap();
        let second = keys.ensure(&Method::POST, &mut b).unwrap();
        assert_ne!(first, second);
        assert!(uuid::Uuid::parse_str(&first).is_ok());
        assert!(a.contains_key("x-idempotency-key"));
    }
}
