//! Safe and idempotent methods (RFC 9110 §9.2.1, §9.2.2).

use http::Method;

/// Whether `method` is idempotent (RFC 9110 §9.2.2): GET, HEAD, OPTIONS, TRACE, PUT and DELETE.
/// Sending an idempotent request twice has the effect of sending it once, so it may be retried
/// after it reached the server.
///
/// ```
/// use http::Method;
/// use reprieve_core::method::is_idempotent;
///
/// assert!(is_idempotent(&Method::PUT));
/// assert!(!is_idempotent(&Method::POST));
/// assert!(!is_idempotent(&Method::PATCH));
/// ```
pub fn is_idempotent(method: &Method) -> bool {
    is_safe(method) || matches!(*method, Method::PUT | Method::DELETE)
}

/// Whether `method` is safe (RFC 9110 §9.2.1): GET, HEAD, OPTIONS and TRACE, which do not change
/// the server's state.
pub fn is_safe(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::TRACE
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_9110_tables() {
        let table = [
            ("GET", true, true),
            ("HEAD", true, true),
            ("OPTIONS", true, true),
            ("TRACE", true, true),
            ("PUT", false, true),
            ("DELETE", false, true),
            ("POST", false, false),
            ("PATCH", false, false),
            ("CONNECT", false, false),
            ("PURGE", false, false),
        ];
        for (name, safe, idempotent) in table {
            let method = Method::from_bytes(name.as_bytes()).unwrap();
            assert_eq!(is_safe(&method), safe, "{name}");
            assert_eq!(is_idempotent(&method), idempotent, "{name}");
        }
    }
}
