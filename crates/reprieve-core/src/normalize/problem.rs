//! RFC 9457 problem details (`application/problem+json`).

use super::json::Fields;

/// Whether the response is a problem document: its media type says so, or its members do (a
/// `title` with a `type` or `status`, and no vendor `error` member).
pub(super) fn is_problem(content_type: Option<&str>, fields: &Fields<'_>) -> bool {
    let media_type = content_type.is_some_and(|ct| {
        let essence = ct.split(';').next().unwrap_or("").trim();
        essence.eq_ignore_ascii_case("application/problem+json")
    });
    media_type
        || (fields.title.is_some()
            && (fields.problem_type.is_some() || fields.has_status)
            && fields.error.is_none()
            && fields.error_text.is_none())
}

/// The code a problem `type` URI names: its last path segment, unless the type is `about:blank` or
/// merely points at an RFC's status-code section (as ASP.NET's defaults do).
///
/// `https://example.com/probs/out-of-credit` → `out-of-credit`.
pub(super) fn type_code(problem_type: &str) -> Option<&str> {
    let without_fragment = problem_type.split('#').next().unwrap_or(problem_type);
    if problem_type == "about:blank"
        || without_fragment.contains("ietf.org")
        || without_fragment.contains("rfc-editor.org")
        || without_fragment.contains("developer.mozilla.org")
    {
        return None;
    }
    without_fragment
        .trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .filter(|segment| !segment.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_codes() {
        assert_eq!(
            type_code("https://example.com/probs/out-of-credit"),
            Some("out-of-credit")
        );
        assert_eq!(
            type_code("https://api.example/errors/rate-limited/"),
            Some("rate-limited")
        );
        assert_eq!(
            type_code("urn:problem:insufficient-funds"),
            Some("insufficient-funds")
        );
        assert_eq!(type_code("about:blank"), None);
        assert_eq!(
            type_code("https://tools.ietf.org/html/rfc9110#section-15.5.1"),
            None
        );
        assert_eq!(
            type_code("https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5"),
            None
        );
    }
}
