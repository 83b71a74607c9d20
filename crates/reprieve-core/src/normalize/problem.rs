//! RFC 9457 problem details (`application/problem+json`).

use super::json::Fields;

/// Whether the response is a problem document: its media type says so, or its members do (a
/// `title` with a `type` or `status`, and no vendor `error` member).
pub(super) fn is_problem(content_type: Option<&str>, fields: &Fields<'_>) -> bool {
    content_type.is_some_and(is_problem_media_type)
        || (fields.title.is_some()
            && (fields.problem_type.is_some() || fields.state.is_some())
            && fields.error.is_none()
            && fields.error_text.is_none())
}

/// Whether a `Content-Type` is `application/problem+json`, in any case, with or without
/// parameters.
fn is_problem_media_type(content_type: &str) -> bool {
    const ESSENCE: &[u8] = b"application/problem+json";
    let value = content_type.trim_ascii_start().as_bytes();
    value
        .get(..ESSENCE.len())
        .is_some_and(|essence| essence.eq_ignore_ascii_case(ESSENCE))
        && value
            .get(ESSENCE.len()..)
            .unwrap_or_default()
            .trim_ascii_start()
            .first()
            .is_none_or(|&next| next == b';')
}

/// The code a problem `type` URI names: its fragment, else its last path segment; none when the
/// type is `about:blank`, merely points at the HTTP specification's status codes (ASP.NET's
/// defaults link RFC 9110's sections, Oracle's RFC 2616 at the W3C), or ends in a status code.
///
/// `https://example.com/probs/out-of-credit` → `out-of-credit`;
/// `https://example.com/docs/errors#invalid-parameters` → `invalid-parameters`.
pub(super) fn type_code(problem_type: &str) -> Option<&str> {
    let (without_fragment, fragment) = problem_type.split_once('#').unwrap_or((problem_type, ""));
    if problem_type == "about:blank"
        || without_fragment.contains("ietf.org")
        || without_fragment.contains("rfc-editor.org")
        || without_fragment.contains("httpwg.org")
        || without_fragment.contains("w3.org/Protocols")
        || without_fragment.contains("developer.mozilla.org")
    {
        return None;
    }
    // A type that points into a page of error types names its error in the fragment
    // (TrueLayer's `https://docs.truelayer.com/docs/error-types#invalid-parameters`).
    if !fragment.is_empty() && !fragment.starts_with("section") {
        return Some(fragment);
    }
    // A type named by its status (`https://httpproblems.com/http-status/429`) names no error the
    // status does not; nor does a link to the page of all errors, which Mailchimp gives as every
    // problem's type (`https://mailchimp.com/developer/marketing/docs/errors/`).
    without_fragment
        .trim_end_matches('/')
        .rsplit(['/', ':'])
        .next()
        .filter(|segment| {
            !segment.is_empty()
                && !segment.bytes().all(|b| b.is_ascii_digit())
                && !is_errors_page(segment)
        })
}

/// Whether a URI's last segment names a page of errors rather than one error: one of the pages'
/// usual names, or a table of codes (`BigCommerce` gives every problem the type
/// `https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes`).
fn is_errors_page(segment: &str) -> bool {
    let name = segment
        .strip_suffix(".html")
        .or_else(|| segment.strip_suffix(".htm"))
        .unwrap_or(segment);
    let last_word = name.rsplit(['-', '_']).next().unwrap_or(name);
    last_word.eq_ignore_ascii_case("codes")
        || [
            "errors",
            "error",
            "problems",
            "problem",
            "error-types",
            "api-errors",
        ]
        .iter()
        .any(|page| name.eq_ignore_ascii_case(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_media_type_is_read_case_blind_with_or_without_parameters() {
        for yes in [
            "application/problem+json",
            "Application/Problem+JSON",
            "application/problem+json; charset=utf-8",
            " application/problem+json ;charset=utf-8",
        ] {
            assert!(is_problem_media_type(yes), "{yes}");
        }
        for no in [
            "application/json",
            "application/problem+jsonx",
            "application/problem+json5; charset=utf-8",
            "application/problem",
            "",
        ] {
            assert!(!is_problem_media_type(no), "{no}");
        }
    }

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
        assert_eq!(
            type_code("https://docs.truelayer.com/docs/error-types#invalid-parameters"),
            Some("invalid-parameters")
        );
        assert_eq!(
            type_code("https://api.example/errors/rate-limited#section-2"),
            Some("rate-limited")
        );
        assert_eq!(type_code("https://api.example/errors/gone#"), Some("gone"));
        assert_eq!(type_code("https://httpproblems.com/http-status/429"), None);
        assert_eq!(type_code("about:blank"), None);
        assert_eq!(
            type_code("https://tools.ietf.org/html/rfc9110#section-15.5.1"),
            None
        );
        assert_eq!(
            type_code("https://datatracker.ietf.org/doc/html/rfc9110#section-15.5.5"),
            None
        );
        assert_eq!(
            type_code("https://httpwg.org/specs/rfc9110.html#status.422"),
            None
        );
        // Oracle's REST services.
        assert_eq!(
            type_code("http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#sec10.4.1"),
            None
        );
    }

    #[test]
    fn a_link_to_the_page_of_all_errors_is_no_code() {
        for page in [
            "https://mailchimp.com/developer/marketing/docs/errors/",
            "https://api.example/docs/Errors.html",
            "https://api.example/problem",
            "https://developer.example.com/api-errors",
            "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
            "https://docs.example.com/reference/error_codes.html",
            "https://api.example/docs/codes",
        ] {
            assert_eq!(type_code(page), None, "{page}");
        }
        // Its fragment, or a segment below it, is one error.
        assert_eq!(
            type_code("https://developer.nexmo.com/api-errors#unauthorized"),
            Some("unauthorized")
        );
        assert_eq!(
            type_code("https://api.example/errors/card-declined"),
            Some("card-declined")
        );
    }
}
