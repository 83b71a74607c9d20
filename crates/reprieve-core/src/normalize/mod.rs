//! [`ApiError::from_response`]: any error response into one [`ApiError`].
//!
//! The body is read once: JSON by the single-pass reader of `json`, anything else by `text`. The
//! fields found decide the envelope, in this order:
//!
//! 1. RFC 9457 problem details (by media type, or a `title` with a `type` or `status`);
//! 2. an `error` object (or Apigee's `fault`): Google AIP-193 when its `code` is a number next to a
//!    symbolic `status`, `success: false` envelopes (Hixbe, Cloudflare), otherwise Stripe-style;
//! 3. an `error` string: OAuth 2.0 with `error_description`, Slack with `ok: false`, else FastAPI's
//!    fallback order (`detail`, then `message`, then `error`);
//! 4. `detail` (FastAPI), `errors` (JSON:API, GraphQL, GitHub, Square), `message`;
//! 5. other JSON, XML, HTML, form-encoded pairs, text, empty.
//!
//! The status code and the provider's code then give the [`ErrorKind`] (see
//! [`kind`]), and the headers the delay, the rate-limit state and the request id.

mod field;
mod json;
mod problem;
mod scan;
pub(crate) mod text;

use std::borrow::Cow;
use std::time::Duration;

use http::{HeaderMap, StatusCode};

use crate::error::Texts;
use crate::headers::{self, Found, HintSource, RateLimit, ServerDelay, Wait};
use crate::{ApiError, ErrorKind, Format, kind};

use json::{Code, Fields};
use text::TextFields;

impl ApiError {
    /// Normalizes an error response.
    ///
    /// Never fails and never panics: a body in no known envelope, broken JSON, HTML from a proxy or
    /// no body at all still gives an `ApiError` with the status, a kind derived from it and, where
    /// there is text, a cleaned snippet of it as the message. Headers that cannot be read are
    /// ignored.
    ///
    /// `body` is read in full; callers that take it off the network should bound it first (the
    /// `reprieve` middleware reads at most 64 KiB). A JSON body that is cut short keeps every field
    /// read before the cut.
    ///
    /// # Examples
    ///
    /// ```
    /// use http::{HeaderMap, StatusCode};
    /// use reprieve_core::{ApiError, ErrorKind};
    ///
    /// let mut headers = HeaderMap::new();
    /// headers.insert("retry-after", "30".parse()?);
    /// let body = br#"{"error": {"code": "rate_limited", "message": "Max 100 requests per minute."}}"#;
    /// let error = ApiError::from_response(StatusCode::TOO_MANY_REQUESTS, &headers, body);
    ///
    /// assert_eq!(error.kind(), ErrorKind::RateLimited);
    /// assert_eq!(error.code(), Some("rate_limited"));
    /// assert_eq!(error.message(), Some("Max 100 requests per minute."));
    /// assert_eq!(error.retry_after(), Some(std::time::Duration::from_secs(30)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_response(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        let mut found = Found::default();
        found.read(headers);
        let read = read_body(status.as_u16(), found.content_type(), body);
        let error_type = read.error_type.as_deref();
        // AWS's REST services name the error in a header where the body may not: API Gateway's
        // throttle says only `{"message": "Too Many Requests"}`. So does Vercel.
        // A code that only repeats the status's reason phrase (the `"error": "Forbidden"` of
        // Hapi, NestJS and Fastify) is no code: the provider's own are kept, `forbidden` too.
        // A resource server that refuses a token says why in its challenge, often with no body.
        let code = read
            .code
            .as_deref()
            .filter(|&code| Some(code) != status.canonical_reason())
            .or_else(|| found.error_code().filter(|code| is_code_like(code)))
            .or_else(|| found.challenge_error().0.filter(|code| is_code_like(code)));
        // A template's padding is not the message (Zuora's `" {com.zuora..}"`).
        let body_message = read.message.as_deref().map(str::trim_ascii);
        // A message that is a symbol (BtcTurk's `"BALANCE_NOT_ENOUGH"` beside `"code": 1055`) names
        // the error where no code does, or only a number.
        let code = match code {
            Some(code) if !is_number(code) => Some(code),
            number => body_message.filter(|message| is_symbol(message)).or(number),
        };
        let rate_limit = RateLimit::from_found(&found);
        let (kind, key_in_use) = refine_kind(
            kind::classify(status, code, error_type),
            status,
            &read,
            rate_limit.as_ref(),
            found.has_retry_after,
        );

        let server_delay =
            ServerDelay::from_found(&found, rate_limit.as_ref(), kind == ErrorKind::RateLimited)
                .or_else(|| body_delay(kind, &read));

        // Linkerd's proxy answers with no body and says why in its header, as Alibaba Cloud's API
        // Gateway does, and a resource server in its Bearer challenge.
        let message = body_message
            .or(found.proxy_error)
            .or(found.error_message)
            .or_else(|| found.challenge_error().1);
        // Validators name the field at fault in their messages, and many APIs send nothing else.
        let message_param = match (&read.param, body_message) {
            (None, Some(message)) => {
                field::message_field(message, kind == ErrorKind::InvalidRequest)
            }
            _ => None,
        };
        let texts = Texts::new([
            code,
            message,
            read.param.as_deref().or(message_param.as_deref()),
            read.request_id.as_deref().or_else(|| found.request_id()),
            read.details,
        ]);

        Self {
            status,
            kind,
            format: read.format,
            not_forwarded: not_forwarded(status, read.message.as_deref(), found.proxy_error, body),
            texts,
            server_delay,
            rate_limit,
            // A body's `retryable: true` is not taken as leave to resend: Cloudflare sends it on a
            // 524, whose request the origin may have acted on. Its `false` stops.
            should_retry: headers::should_retry(&found)
                .or_else(|| (read.retryable == Some(false)).then_some(false)),
            key_in_use,
            date: headers::date(found.date()),
        }
    }
}

/// What the body said, in one envelope's terms.
#[derive(Debug)]
struct Read<'a> {
    format: Format,
    code: Option<Cow<'a, str>>,
    message: Option<Cow<'a, str>>,
    param: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    error_type: Option<Cow<'a, str>>,
    details: Option<&'a str>,
    retry_after: Option<Duration>,
    /// The body's `retryable`; only `false` is taken (see [`ApiError::should_retry`]).
    retryable: Option<bool>,
}

impl Read<'_> {
    fn text(format: Format, fields: TextFields) -> Self {
        Self {
            format,
            code: fields.code.map(Cow::Owned),
            message: fields.message.map(Cow::Owned),
            param: None,
            request_id: fields.request_id.map(Cow::Owned),
            error_type: None,
            details: None,
            retry_after: None,
            retryable: None,
        }
    }
}

fn read_body<'a>(status: u16, content_type: Option<&str>, body: &'a [u8]) -> Read<'a> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Read::text(Format::Empty, TextFields::default());
    }
    if text::looks_like_json(body) {
        let mut fields = Fields {
            status,
            ..Fields::default()
        };
        let complete = json::read(body, &mut fields);
        // A quoted text is JSON only whole: `"Error" in module payments` is text.
        if !fields.is_object && !complete {
            return Read::text(Format::Text, text::plain(body));
        }
        return match envelope(content_type, &mut fields) {
            // A body cut off before its message (at the read limit, or by a dropped connection)
            // keeps the text it held: the cleaned snippet stands in for the message.
            Some(mut read) if read.code.is_some() && read.message.is_none() && !complete => {
                read.message = text::plain(body).message.map(Cow::Owned);
                read
            }
            Some(read) if read.code.is_some() || read.message.is_some() => read,
            // JSON in no known envelope, or an envelope with nothing in it: the body is the
            // message. Broken JSON is text that looked like JSON.
            found => {
                if complete && let Some(read) = unwrapped(status, content_type, body) {
                    return read;
                }
                let format = if complete { Format::Json } else { Format::Text };
                let mut read = match json::field_messages(body, json::Values::Lists) {
                    Some((param, message)) => Read {
                        message: Some(message),
                        param,
                        ..empty(format)
                    },
                    None => Read::text(format, text::plain(body)),
                };
                // What the envelope found beside no text: the request id, and an error type
                // that still names the kind (Checkout.com's `{"request_id", "error_type"}`).
                if let Some(found) = found {
                    read.request_id = found.request_id;
                    read.error_type = found.error_type;
                }
                read
            }
        };
    }
    if text::looks_like_markup(body) {
        return match text::xml(body) {
            // SOAP 1.1 answers every fault with a 500, the sender's too, whose message "should
            // not be resent without change" (§4.4.1).
            Some(xml) => Read {
                retryable: xml.sender_fault.then_some(false),
                ..Read::text(Format::Xml, xml)
            },
            None => match text::bare_xml(body) {
                Some(xml) => Read::text(Format::Xml, xml),
                None => Read::text(Format::Html, text::html(body)),
            },
        };
    }
    match text::form(body) {
        Some(form) => Read::text(Format::Form, form),
        None => Read::text(Format::Text, text::plain(body)),
    }
}

/// The error within a whole JSON body that only wraps an envelope in a member of its own name
/// (see [`json::lone_object`]), read as a body is; `None` where the body is no such wrapper, or
/// wraps no error (`{"payment": {"id", "status"}}`). A wrapper is looked into once, however deep
/// a body nests.
#[cold]
fn unwrapped<'a>(status: u16, content_type: Option<&str>, body: &'a [u8]) -> Option<Read<'a>> {
    let inner = json::lone_object(body)?;
    let mut fields = Fields {
        status,
        ..Fields::default()
    };
    json::read(inner, &mut fields);
    envelope(content_type, &mut fields).filter(|read| read.code.is_some() || read.message.is_some())
}

/// Picks the envelope the fields fit; `None` when they fit none.
fn envelope<'a>(content_type: Option<&str>, f: &mut Fields<'a>) -> Option<Read<'a>> {
    if !f.is_object {
        return f.message.take().map(|message| Read {
            message: Some(message),
            ..empty(Format::Json)
        });
    }
    let request_id = f.request_id.take();
    let top_code = top_code(f);
    let top_details = f.details.filter(|raw| json::is_meaningful(raw));
    if problem::is_problem(content_type, f) {
        return Some(problem_document(f, top_code, request_id, top_details));
    }

    if let Some(inner) = &f.error {
        let format = if matches!(inner.code, Some(Code::Number(_))) && inner.status.is_some() {
            Format::GoogleRpc
        } else if f.success == Some(false) {
            Format::SuccessFalse
        } else {
            Format::ErrorObject
        };
        let fallback_message = f.message.take().or(f.detail.take());
        return Some(from_inner(
            format,
            Object::Error,
            f,
            top_code,
            fallback_message,
            request_id,
        ));
    }

    if let Some(error) = f.error_text.take() {
        return Some(error_string(f, error, top_code, request_id, top_details));
    }

    if f.detail.is_some() || f.detail_inner.is_some() {
        let message = f.detail.take().or(f.message.take());
        return Some(from_inner(
            Format::Detail,
            Object::Detail,
            f,
            top_code,
            message,
            request_id,
        ));
    }

    if f.errors.is_some() {
        let format = if f.success == Some(false) {
            Format::SuccessFalse
        } else {
            Format::Errors
        };
        return Some(errors_list(format, f, top_code, request_id));
    }

    // An `error_description` without OAuth's `error`: Mule's `{errorType, errorDescription}`. A
    // plain `description` counts only beside an error type (the `CoW` Protocol's `{errorType,
    // description}`) or a word that the request failed (KeyCDN's `{"status": "error",
    // "description"}`): alone at the top, it may be a field of whatever the body echoes back.
    let described = f.message.is_some()
        || f.title.is_some()
        || f.error_description.is_some()
        || (f.description.is_some() && (f.error_type.is_some() || f.says_failed()));
    let over_word = top_code.is_none() && word_over_data(f);
    // A code that only repeats the status, with no text beside it, says less than an error
    // wrapped below it (Clearent's `{"code": "402", "status": "fail", "payload": {"error": ..}}`).
    let says_more = |code: &str| !repeats_status(code, f.status) || f.description.is_some();
    if !over_word && (described || top_code.as_deref().is_some_and(says_more)) {
        return Some(message_fields(f, top_code, request_id, top_details));
    }

    // Nothing above (or a word, below the error in `data` that `word_over_data` found): the error
    // may be wrapped, in `data` as Strike's and `JSend`'s are, in a `status` object as Rapyd's and
    // PayU's are, in Alipay's `result`, or in Foursquare's `meta`.
    if !over_word {
        let wrapped = f.data.and_then(json::wrapped_error);
        let wrapped = wrapped.or_else(|| f.wrapper.and_then(json::wrapped_error));
        f.error = wrapped.or_else(|| f.meta.and_then(json::meta_error));
    }
    if f.error.is_some() {
        let word = f.message.take();
        let format = if f.success == Some(false) {
            Format::SuccessFalse
        } else {
            Format::ErrorObject
        };
        return Some(from_inner(format, Object::Error, f, None, word, request_id));
    }
    if top_code.is_some() {
        return Some(message_fields(f, top_code, request_id, top_details));
    }
    listed_only(f, request_id, top_details)
}

/// A body with no message, code or error object: what its list of causes or details says, else
/// its error type alone.
fn listed_only<'a>(
    f: &mut Fields<'a>,
    request_id: Option<Cow<'a, str>>,
    top_details: Option<&'a str>,
) -> Option<Read<'a>> {
    // Causes and nothing else are the error: a bare `validationErrors` list, Zod's flattened
    // `{"formErrors": [], "fieldErrors": {"amount": [..]}}`.
    if let Some(message) = f.cause_message.take() {
        return Some(Read {
            message: Some(message),
            param: f.param.take(),
            request_id,
            details: top_details,
            ..empty(Format::Errors)
        });
    }

    // A list of details and nothing else is the list of errors (Conekta's).
    if let Some(listed) = top_details.and_then(json::first_listed) {
        f.errors = Some(listed);
        return Some(from_inner(
            Format::Errors,
            Object::Errors,
            f,
            None,
            None,
            request_id,
        ));
    }

    // An error type alone still names the kind (Checkout.com's `{"request_id", "error_type"}`).
    let error_type = f.error_type.take();
    (request_id.is_some() || error_type.is_some()).then(|| Read {
        request_id,
        error_type,
        ..empty(Format::Json)
    })
}

/// Whether a message of one word (`"error"`) gives way to an error with a code wrapped in `data`:
/// Bill.com's `{"response_message": "Error", "response_data": {"error_code", "error_message"}}`,
/// Douyin's `{"data": {"error_code", "description"}, "message": "error"}`. If so, that error is
/// the body's, and the word stays only where the error has no text of its own.
fn word_over_data(f: &mut Fields<'_>) -> bool {
    let Some(raw) = f
        .data
        .filter(|_| f.message.as_deref().is_some_and(is_code_like))
    else {
        return false;
    };
    let Some(wrapped) = json::wrapped_error(raw).filter(|wrapped| wrapped.code.is_some()) else {
        return false;
    };
    if wrapped.message.is_some() || wrapped.detail.is_some() {
        f.message = None;
    }
    f.error = Some(wrapped);
    true
}

/// A body whose top level holds the error's fields: a message, a title or a code.
fn message_fields<'a>(
    f: &mut Fields<'a>,
    top_code: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    top_details: Option<&'a str>,
) -> Read<'a> {
    // A message that is a symbol names the error where a description says it (CinetPay's
    // `{"code": "608", "message": "MINIMUM_REQUIRED_FIELDS", "description": ..}`): the symbol is
    // the code, unless the code names the error in words too, and the description the message.
    let described = (f.error_description.as_deref())
        .or(f.description.as_deref())
        .is_some_and(|description| !is_code_like(description));
    let top_code = match f.message.take_if(|message| described && is_symbol(message)) {
        Some(symbol) => match top_code {
            Some(code) if !is_number(&code) => Some(code),
            _ => Some(symbol),
        },
        None => top_code,
    };
    // OKX answers an order that failed with `{"code": "1", "msg": "", "data": [{"sCode": "51008",
    // "sMsg": ..}]}`: where the top level gives a code and no text, the first listed result that
    // gives both its own code and message says what went wrong.
    let no_other_text =
        f.title.is_none() && f.error_description.is_none() && f.description.is_none();
    let says_nothing = f.message.is_none() && no_other_text;
    let result = (f.data.filter(|_| says_nothing))
        .and_then(json::first_listed)
        .and_then(|first| Some((first.code?, first.message?)));
    let (top_code, mut message) = match result {
        Some((code, message)) => (Some(code_text(code)), Some(message)),
        None => (top_code, f.message.take()),
    };
    // Mercuryo's `{"status": 400, "code": 400001, "data": {"message": ..}}`: the code at the top,
    // its text in `data`; Payabli's `{"responseCode": 5001, "responseText": "Error",
    // "responseData": {"explanation": ..}}`, below a word.
    let word_only = message
        .as_deref()
        .is_none_or(|word| word.bytes().all(|b| b.is_ascii_alphabetic()));
    if word_only && no_other_text {
        let wrapped = f.data.and_then(json::wrapped_error);
        if let Some(text) = wrapped.and_then(|inner| inner.message.or(inner.detail)) {
            message = Some(text);
        }
    }
    // A message that is only the status's reason phrase, or its code in words, says less than the
    // first of a list of details (Getnet's `{"message": "Bad Request", "details": [{"error_code",
    // "description"}]}`), and then a code that only repeats the status less than that detail's
    // own (VMware's `{"code": 400, "message": "Bad request", "details": [{"code": 1001, "message",
    // "target"}]}`). Weighed only where there are details to yield to.
    let has_details = top_details.is_some();
    let restated = has_details
        && (message.as_deref().zip(top_code.as_deref()))
            .is_some_and(|(message, code)| restates(message, code));
    let says_little = has_details && (restated || message.as_deref().is_none_or(is_reason_phrase));
    let (listed_code, listed_message) = match top_details.filter(|_| says_little) {
        Some(details) => match json::first_listed(details) {
            Some(first) => (first.code.map(code_text), first.message.or(first.detail)),
            None => (None, json::details_message(details)),
        },
        None => (None, None),
    };
    // A text beside a message that is only its code in words; not beside the reason phrase,
    // which Spring's `"details": "uri=/v1/charges/ch_1"` says less than.
    let listed_message = listed_message.or_else(|| {
        top_details
            .filter(|_| restated)
            .and_then(json::details_text)
    });
    Read {
        format: Format::Message,
        // Where the code only repeats the status, even a category says more (Appwrite's
        // `{"code": 401, "type": "general_unauthorized_scope"}`).
        code: match top_code {
            Some(code) if repeats_status(&code, f.status) => {
                listed_code.or_else(|| type_code(f)).or(Some(code))
            }
            None => listed_code.or_else(|| type_code(f)),
            code => code,
        },
        // Global Payments' `detailed_error_description` beside its code.
        // A title that is only the status's reason phrase says less than a description
        // (Falcon's `{"title": "400 Bad Request", "description": ..}`).
        message: message
            .take_if(|_| !says_little)
            .or(listed_message)
            .or(message)
            .or_else(|| f.title.take_if(|title| !is_reason_phrase(title)))
            .or(f.error_description.take())
            .or(f.description.take())
            .or(f.title.take())
            .or(f.cause_message.take())
            .or(f.info.take()),
        param: f.param.take().or_else(|| f.data.and_then(json::data_param)),
        request_id,
        // Outside a problem document, a top-level `type` is the error's type (Wyre's
        // `InsufficientFundsException`, MoonPay's `TooManyRequestsError`).
        error_type: f.error_type.take().or(f.problem_type.take()),
        details: top_details,
        retry_after: f.retry_after,
        retryable: f.retryable,
    }
}

/// The top level's code, of the keys that may give one. A `reason` that reads as a code is the
/// code where there is no other, or only a number; one that reads as a sentence is the message
/// where there is no other, as is a plain word beside an `error` that is a symbol (`CouchDB`'s
/// `{"error": "not_found", "reason": "missing"}`). A code that only repeats the HTTP status comes
/// last: any other code says more.
fn top_code<'a>(f: &mut Fields<'a>) -> Option<Cow<'a, str>> {
    let mut reason_code = None;
    if let Some(reason) = f.reason.take() {
        let word_beside_symbol = || {
            reason.bytes().all(|b| b.is_ascii_lowercase())
                && f.error_text.as_deref().is_some_and(is_symbol)
        };
        if is_code_like(&reason) && !word_beside_symbol() {
            reason_code = Some(reason);
        } else if f.message.is_none() {
            f.message = Some(reason);
        }
    }
    // A number names an error only in its API's table; a symbolic reason beside it names it
    // outright (Mambu's `{"errorCode": "4", "errorReason": "INVALID_PARAMETERS"}`), as Google's
    // reason does beside its numeric code.
    let (code, reason_code) = match (f.code.take().map(code_text), reason_code) {
        (Some(number), Some(reason)) if is_number(&number) && is_symbol(&reason) => {
            (Some(reason), None)
        }
        pair => pair,
    };
    code.or(f.name.take())
        .or(reason_code)
        .or(f.status_code.take())
        .or(f.status_like_code.take().map(code_text))
}

/// `code`, unless it only repeats the response's status (`{"code": 401, "error": "invalid_token"}`
/// on a 401) and `other` gives one: any code of the API's own says more.
fn over_status<'a>(
    code: Option<Cow<'a, str>>,
    status: u16,
    other: impl FnOnce() -> Option<Cow<'a, str>>,
) -> Option<Cow<'a, str>> {
    match code {
        Some(code) if repeats_status(&code, status) => other().or(Some(code)),
        code => code.or_else(other),
    }
}

/// Whether a code is the response's status over again; a code of three digits may be the API's
/// own (Adyen's `"errorCode": "167"` on a 422).
fn repeats_status(code: &str, status: u16) -> bool {
    // UK Open Banking's `"Code": "400 BadRequest"` is a status line.
    let number = code.split_once(' ').map_or(code, |(number, _)| number);
    number.parse() == Ok(status)
}

/// The code a top-level type gives where the body gives no other: an `error_type` that reads as a
/// code (Coinbase CDP's `"errorType": "invalid_request"`), or a `type` that names the error
/// (`RevenueCat`'s `{"type": "resource_missing", "message"}`, Medusa's, Scaleway's, `PortOne`'s
/// `ALREADY_PAID`, `MoonPay`'s class `TooManyRequestsError`). A category (`"card_error"`) is
/// still more than no code; a type that only says the body is an error (`"error"`), or a URI
/// (`about:blank`), is not.
fn type_code<'a>(f: &Fields<'a>) -> Option<Cow<'a, str>> {
    let names_error = |t: &&Cow<'a, str>| {
        json::is_error_class(t) || (is_code_like(t) && !t.contains(':') && !is_failure(t))
    };
    let error_type = f.error_type.as_ref().filter(|t| is_code_like(t));
    error_type
        .or_else(|| f.problem_type.as_ref().filter(names_error))
        .cloned()
}

/// A list of errors, below a top level that may sum them up.
///
/// GitHub puts the summary at the top ("Validation Failed") and the specifics in `errors`; Dwolla
/// the error's own code and message, above its causes. A summary that is only the status's reason
/// phrase (Micronaut's "Bad Request") says less than the first error.
fn errors_list<'a>(
    format: Format,
    f: &mut Fields<'a>,
    top_code: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
) -> Read<'a> {
    let top_message = f.message.take();
    let (own_code, top_code) = match top_message {
        Some(_) => (top_code, None),
        None => (None, top_code),
    };
    // Mangopay's `{Message, Type: "param_error", errors: {field: message}}` has no code but its
    // type.
    let type_code = type_code(f);
    let mut read = from_inner(format, Object::Errors, f, top_code, None, request_id);
    // A summary's code that only repeats the status yields to the first error's (N-Genius's
    // `"code": 401` above `"errorCode": "invalidToken"`).
    let first_code = read.code.take();
    read.code = over_status(own_code, f.status, || first_code).or(type_code);
    // A summary of one token (`"ERROR"`, `"VALIDATION_FAILED"`) is a status, not a sentence.
    let says_little = |top: &str| is_reason_phrase(top) || is_code_like(top) || points_to_list(top);
    read.message = match top_message {
        Some(top) if read.message.is_none() || !says_little(&top) => Some(top),
        top => read.message.or(top),
    };
    // Where neither the summary nor the first listed error gives a text, the summary's
    // description does (Infobip's `{"errorCode": "E400", "description": .., "violations":
    // [{"property", "violation"}]}`), or the first of the causes beside an empty list
    // (FusionAuth's `{"fieldErrors": {field: [{code, message}]}, "generalErrors": []}`).
    read.message = (read.message)
        .or_else(|| f.error_description.take())
        .or_else(|| f.description.take())
        .or_else(|| f.title.take_if(|title| !is_reason_phrase(title)))
        .or_else(|| f.cause_message.take())
        .or_else(|| f.title.take());
    read
}

/// RFC 9457: `detail`, else `title`; the code from `type`. A title that is only the status's
/// reason phrase says less than the first listed error (Oracle's `o:errorDetails`), whose code is
/// the document's where `type` names none, or than a vendor's `message` sentence beside it
/// (Verifone's `{"code": "400", "title": "Bad Request", "type": "INVALID_REQUEST_ERROR",
/// "message"}`, whose code only repeats the status and yields to the type); a detail that is only
/// the reason phrase says less than any title (ASP.NET's "One or more validation errors
/// occurred.").
fn problem_document<'a>(
    f: &mut Fields<'a>,
    top_code: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    details: Option<&'a str>,
) -> Read<'a> {
    let mut errors = f.errors.take().unwrap_or_default();
    // A problem serialized with .NET's capitals gives its `Type` where others give `type`.
    if f.problem_type.is_none() {
        f.problem_type = f.error_type.take();
    }
    let type_code = f
        .problem_type
        .as_deref()
        .and_then(problem::type_code)
        .map(|code| Cow::Owned(code.to_owned()));
    let mut first_error = errors.message.take().or(errors.detail.take());
    // A `description` says what a title that is only the reason phrase does not (Amberdata's
    // `{"status": 429, "title": "Too Many Requests", "description": ..}`).
    let description = f.description.take().filter(|text| !is_code_like(text));
    let sentence = description.is_some()
        || f.message
            .as_deref()
            .is_some_and(|message| !is_code_like(message));
    let title = f
        .title
        .take()
        .filter(|title| (first_error.is_none() && !sentence) || !is_reason_phrase(title));
    // A detail that sends the reader to the list ("See errors", Payroc's "One or more validation
    // errors occurred, see error section for more info") says less than the list's first error,
    // and so does a title beside it.
    let points_past = first_error.is_some() && f.detail.as_deref().is_some_and(points_to_list);
    let detail = if points_past {
        first_error.take()
    } else {
        f.detail.take_if(|detail| !is_reason_phrase(detail))
    };
    // A vendor's bare `type` names the error better than a code that only repeats the status; a
    // type URI's last segment (Cloudflare's `error-522`) does not.
    let code = match f.problem_type.as_deref() {
        Some(vendor_type) if !vendor_type.contains('/') => {
            over_status(top_code, f.status, || type_code)
        }
        _ => top_code.or(type_code),
    };
    Read {
        format: Format::Problem,
        code: code.or_else(|| errors.code.take().map(code_text)),
        message: detail
            .or(title)
            .or(f.message.take())
            .or(description)
            .or(first_error)
            .or(f.detail.take()),
        param: f.param.take().or(errors.field()),
        request_id,
        error_type: None,
        details,
        retry_after: f.retry_after,
        retryable: f.retryable,
    }
}

/// `"error": "text"`: OAuth 2.0 with `error_description`, Slack with `ok: false`, otherwise the
/// FastAPI fallback order (`detail`, then `message`, then `error`). A code-like string
/// (`channel_not_found`) is also the code.
fn error_string<'a>(
    f: &mut Fields<'a>,
    error: Cow<'a, str>,
    top_code: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
    details: Option<&'a str>,
) -> Read<'a> {
    // Polar's `{"error": "RequestValidationError", "detail": [{"loc": .., "msg": ..}]}`: FastAPI's
    // list of violations beside a code.
    let mut listed = f.detail_inner.take();
    let (format, code, message) = if let Some(description) = f.error_description.take() {
        (Format::OAuth, Some(error), Some(description))
    } else {
        let format = if f.ok == Some(false) {
            Format::OkFalse
        } else if f.success == Some(false) {
            Format::SuccessFalse
        } else if f.detail.is_some() || listed.is_some() {
            Format::Detail
        } else if f.message.is_some() {
            Format::Message
        } else {
            Format::ErrorString
        };
        // Zendesk's `{"error": "RecordInvalid", "description": ..}`. A message that is only the
        // status's reason phrase says less than an `error` in words (Superbank's `{"message":
        // "Not Found", "error": "Payment not found"}`, the reverse of Spring's).
        let phrase_only = |message: &str| {
            error.contains(' ') && is_reason_phrase(message) && !is_reason_phrase(&error)
        };
        let message = f
            .detail
            .take()
            .or_else(|| f.message.take_if(|message| !phrase_only(message)))
            .or(f.description.take())
            .or(f.cause_message.take())
            .or_else(|| listed.as_mut().and_then(|listed| listed.message.take()));
        // A reason phrase (Hanami's `"error": "Unprocessable Entity"`) says less than the first
        // listed error, in `errors` or in `details` (Juno's `[{field, message, errorCode}]`), and
        // so does a symbol, which is the code (Efí's `"error": "validation_error"`).
        let mut detail_code = None;
        let message = message.or_else(|| {
            // The phrase test is dear: it runs only where there is a list to yield to.
            if f.errors.is_none() && details.is_none()
                || !(is_code_like(&error) || is_reason_phrase(&error))
            {
                return None;
            }
            let listed = f.errors.as_mut().and_then(|listed| listed.message.take());
            listed.or_else(|| {
                let mut first = details.and_then(json::first_listed)?;
                detail_code = first.code.take();
                first.message.take()
            })
        });
        // A symbol names the error where the code is a number, as a symbolic message does (Efí's
        // `{"code": 3500034, "error": "validation_error"}`).
        let top_code = match top_code {
            Some(number) if is_number(&number) && is_symbol(&error) => Some(error.clone()),
            code => code,
        };
        // A reason phrase (commercetools' `"error": "Bad Request"`) yields to the first listed
        // error's code too.
        let code = over_status(top_code, f.status, || {
            is_code_like(&error)
                .then(|| error.clone())
                .or_else(|| f.errors.as_mut()?.code.take().map(code_text))
                .or_else(|| detail_code.map(code_text))
        });
        (format, code, message.or(Some(error)))
    };
    Read {
        format,
        code,
        message,
        // Spring's validation errors list the fields beside the top level's `error`.
        param: f
            .param
            .take()
            .or_else(|| f.errors.as_mut().and_then(json::Inner::field))
            .or_else(|| listed.as_mut().and_then(json::Inner::field)),
        request_id,
        error_type: None,
        details,
        retry_after: f.retry_after,
        retryable: f.retryable,
    }
}

fn empty<'a>(format: Format) -> Read<'a> {
    Read {
        format,
        code: None,
        message: None,
        param: None,
        request_id: None,
        error_type: None,
        details: None,
        retry_after: None,
        retryable: None,
    }
}

/// Which error object of the body an envelope is built around.
#[derive(Clone, Copy)]
enum Object {
    /// `error`.
    Error,
    /// The first of `errors`.
    Errors,
    /// FastAPI's `detail` object, or none when `detail` is text.
    Detail,
}

/// An envelope built around one error object, falling back on the top level's fields.
///
/// The object's fields are taken where it lies in `top`: an `Inner` is some 300 bytes, and moving
/// it out to pass it by value cost two copies a classification.
fn from_inner<'a>(
    format: Format,
    object: Object,
    top: &mut Fields<'a>,
    top_code: Option<Cow<'a, str>>,
    fallback_message: Option<Cow<'a, str>>,
    request_id: Option<Cow<'a, str>>,
) -> Read<'a> {
    let slot = match object {
        Object::Error => &mut top.error,
        Object::Errors => &mut top.errors,
        Object::Detail => &mut top.detail_inner,
    };
    let top_details = top.details.filter(|raw| json::is_meaningful(raw));
    let Some(inner) = slot else {
        // FastAPI's `"detail": "text"`: no object, only the top level, which may list the
        // violations that name the field (Symfony's) and the error where the top does not.
        return Read {
            format,
            code: top_code
                .or_else(|| top.errors.as_mut()?.code.take().map(code_text))
                .or_else(|| type_code(top)),
            message: match (fallback_message, top.errors.as_mut()) {
                (Some(text), Some(listed)) if listed.message.is_some() && points_to_list(&text) => {
                    listed.message.take()
                }
                (text, _) => text,
            },
            param: top
                .param
                .take()
                .or_else(|| top.errors.as_mut().and_then(json::Inner::field)),
            request_id,
            error_type: top.error_type.take(),
            details: top_details,
            retry_after: top.retry_after,
            retryable: top.retryable,
        };
    };
    // The error object's `name` is the error's own (Upbit's `invalid_query_payload`); a list
    // element's names the field at fault.
    let (name_code, name_param) = match object {
        Object::Error => (inner.name.take().filter(|name| is_code_like(name)), None),
        Object::Errors | Object::Detail => (None, inner.name.take()),
    };
    // A reason that reads as a sentence (Wompi's "La entidad solicitada no existe") is the error's
    // text, not its code.
    let reason_text = inner.reason.take_if(|reason| !is_code_like(reason));
    // Google sends the HTTP status as a number and the meaningful code as `status`; its ErrorInfo
    // reason is more specific still. GoCardless sends the status as `code` too, and names the
    // error in its `type` (`validation_failed`, `invalid_state`). A `status` that is a number is
    // JSON:API's copy of the HTTP status, and the number in `code` is the API's own (Patreon's
    // `{"code": 1, "status": "401"}`). Ory's errors name themselves in their `id` beside a code
    // and a status that are only the HTTP status, as a number and as its reason phrase (`{"id":
    // "session_inactive", "code": 401, "status": "Unauthorized"}`); the API's own number says more
    // than a class name.
    let code = match inner.code.take() {
        Some(Code::Text(text)) => Some(text),
        Some(code @ Code::Number(number)) => inner
            .reason
            .take()
            .or_else(|| inner.symbolic_id.take_if(|_| code.is_http_status()))
            .or(inner
                .status
                .take()
                .filter(|status| !is_number(status) && !is_failure(status)))
            .or(top_code)
            .or_else(|| {
                code.is_http_status()
                    .then(|| inner.error_type.clone())
                    .flatten()
            })
            .or_else(|| Some(Cow::Owned(number.to_string()))),
        None => over_status(top_code, top.status, || {
            inner
                .reason
                .take()
                .or(inner.symbolic_id.take())
                .or(name_code)
                .or(inner.cause_code.take())
                .or_else(|| inner_type_code(inner.error_type.as_ref()))
                // ElevenLabs's `{"detail": {"status": "quota_exceeded", "message": ..}}`.
                .or(inner.status.take().filter(|status| is_symbol(status)))
        }),
    };
    let details = inner
        .details
        .filter(|raw| json::is_meaningful(raw))
        .or(top_details);
    let message = inner_message(inner, code.as_deref(), details);
    Read {
        format,
        code,
        message: message
            .or(fallback_message)
            .or(inner.detail.take())
            .or(inner.title.take())
            .or(inner.cause_message.take())
            .or(reason_text),
        param: inner
            .param
            .take()
            .or(name_param)
            .or(inner.details_param.take())
            .or(top.param.take()),
        request_id: inner
            .request_id
            .take()
            .or(request_id)
            .or(inner.occurrence_id.take()),
        error_type: inner.error_type.take().or(top.error_type.take()),
        details,
        retry_after: inner.retry_after.or(top.retry_after),
        retryable: inner.retryable.or(top.retryable),
    }
}

/// An error object's message, where a list, a cause or a detail beside it does not say more.
fn inner_message<'a>(
    inner: &mut json::Inner<'a>,
    code: Option<&str>,
    details: Option<&'a str>,
) -> Option<Cow<'a, str>> {
    // LoopBack's "See error object `details` property for more info." above its list, and
    // Infobip's "Bad request" above its map of field to messages, say less than the list's first
    // message; so does a Zod error's message, its list of issues as JSON (tRPC's). Scanned only
    // where there is a list to yield to.
    match inner.message.take() {
        Some(text)
            if inner.cause_message.is_some()
                && (points_to_list(&text) || is_reason_phrase(&text) || is_serialized(&text)) =>
        {
            inner.cause_message.take()
        }
        // Kalshi's `{"code": "invalid_parameters", "message": "invalid parameters", "details":
        // "count must be greater than 0"}`: a message that only says the code over in words says
        // less than a detail beside it.
        Some(text)
            if (inner.detail.is_some() || details.is_some())
                && code.is_some_and(|code| restates(&text, code)) =>
        {
            (inner.detail)
                .take()
                .filter(|detail| !detail.trim().is_empty())
                .or_else(|| details.and_then(json::details_text))
                .or(Some(text))
        }
        text => text,
    }
}

/// The code an error object's `type` names, where the object gives no other:
/// - a problem type URI's, as a problem document's (Unkey's `{"error": {"type":
///   "https://unkey.com/docs/errors/unkey/application/invalid_input", ..}}`);
/// - a symbol that names one error (Airtable's `INVALID_REQUEST_UNKNOWN`, Coinbase Commerce's
///   `invalid_request`, Pydantic's `greater_than`), not a class of them (Stripe's `card_error`,
///   Anthropic's `overloaded_error`) or a word (Adyen's `validation`).
fn inner_type_code<'a>(error_type: Option<&Cow<'a, str>>) -> Option<Cow<'a, str>> {
    let error_type = error_type?;
    if error_type.contains("://") {
        let code = problem::type_code(error_type)?;
        return Some(Cow::Owned(code.to_owned()));
    }
    let class = ["_error", "_ERROR", "Error"]
        .into_iter()
        .any(|suffix| error_type.ends_with(suffix));
    (is_symbol(error_type) && !class).then(|| error_type.clone())
}

fn code_text(code: Code<'_>) -> Cow<'_, str> {
    match code {
        Code::Text(text) => text,
        Code::Number(number) => Cow::Owned(number.to_string()),
    }
}

/// Whether `text` is one of the messages JSON-RPC 2.0 gives its reserved codes ("Invalid
/// params", "Server error"), which say no more than the code.
fn is_json_rpc_phrase(text: &str) -> bool {
    [
        "Parse error",
        "Invalid Request",
        "Method not found",
        "Invalid params",
        "Internal error",
        "Server error",
    ]
    .iter()
    .any(|phrase| text.eq_ignore_ascii_case(phrase))
}

/// Whether `text` is only an HTTP reason phrase ("Bad Request"), in any case, or a status line's
/// code and phrase (Falcon's "400 Bad Request").
fn is_reason_phrase(text: &str) -> bool {
    let text = match text.as_bytes() {
        [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9', b' ', ..] => &text[4..],
        _ => text,
    };
    text.len() <= 32 && any_error_reason(|reason| reason.eq_ignore_ascii_case(text))
}

/// Whether a symbol is an HTTP status's name, as Spring's `HttpStatus` spells it in the `status`
/// of many a Spring API's errors (`BAD_REQUEST`, `TOO_MANY_REQUESTS`): no code of the API's own.
fn is_status_name(symbol: &str) -> bool {
    any_error_reason(|reason| {
        reason.len() == symbol.len()
            && (reason.bytes().zip(symbol.bytes()))
                .all(|(r, s)| r.eq_ignore_ascii_case(&if s == b'_' { b' ' } else { s }))
    })
}

/// Whether the reason phrase of any 4xx or 5xx status passes `test`.
fn any_error_reason(test: impl Fn(&str) -> bool) -> bool {
    (400..600).any(|code| {
        StatusCode::from_u16(code)
            .ok()
            .and_then(|status| status.canonical_reason())
            .is_some_and(&test)
    })
}

/// Whether a summary only sends the reader to the list of errors below it (Dwolla's "See embedded
/// errors list for more details.", `Key2Pay`'s "Please refer to the errors property"): the list's
/// first error says what went wrong.
fn points_to_list(text: &str) -> bool {
    contains_any_ignore_case(text, &["see ", "refer to "])
        && contains_any_ignore_case(text, &["error", "detail"])
}

/// Whether a text is a list or an object serialized, as `JSON.stringify` writes them.
fn is_serialized(text: &str) -> bool {
    let text = text.trim_ascii();
    matches!(
        (text.as_bytes().first(), text.as_bytes().last()),
        (Some(b'['), Some(b']')) | (Some(b'{'), Some(b'}'))
    )
}

/// Whether an `error` string is a code (`channel_not_found`) rather than a sentence.
fn is_code_like(text: &str) -> bool {
    !text.is_empty() && text.len() <= 64 && text.bytes().all(is_code_byte)
}

fn is_code_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':')
}

/// Whether a message only says `code` over in words: `invalid parameters` for
/// `invalid_parameters`, `Not Found.` for `NOT_FOUND`.
fn restates(message: &str, code: &str) -> bool {
    fn letters(text: &str) -> impl Iterator<Item = u8> + '_ {
        text.bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| b.to_ascii_lowercase())
    }
    // The same words, give or take a full stop: a length further off cannot be.
    message.len().abs_diff(code.len()) <= 2 && letters(message).eq(letters(code))
}

/// Whether a code is a number (`1055`, `-32600`), which names an error only in its API's table.
fn is_number(code: &str) -> bool {
    let digits = code.strip_prefix('-').unwrap_or(code);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Whether a `status` only says that the request failed (rippled's `"status": "error"` beside its
/// `error_code`), as `JSend`'s `fail` does: a state, not the error's name.
fn is_failure(status: &str) -> bool {
    ["error", "err", "fail", "failed", "failure"]
        .iter()
        .any(|word| status.eq_ignore_ascii_case(word))
}

/// Whether a message is a symbol rather than a sentence: one token of words joined by
/// underscores (`BALANCE_NOT_ENOUGH`, `insufficient_funds`). Looser than an error object's
/// symbolic `id` ([`json`]'s `is_symbolic`), which must be lower case: a message has no other
/// reading.
pub(super) fn is_symbol(text: &str) -> bool {
    // One pass, which stops at a sentence's first space.
    let mut underscore = false;
    text.len() <= 64
        && text.bytes().all(|b| {
            underscore |= b == b'_';
            is_code_byte(b)
        })
        && underscore
        && text.bytes().any(|b| b.is_ascii_alphabetic())
}

/// What the message and headers add to the kind the status and code gave; and whether the response
/// says the request's idempotency key is in use by a request still running.
fn refine_kind(
    kind: ErrorKind,
    status: StatusCode,
    read: &Read<'_>,
    rate_limit: Option<&RateLimit>,
    has_retry_after: bool,
) -> (ErrorKind, bool) {
    let message = read.message.as_deref().unwrap_or("");
    // GitHub answers a spent quota with 403 and `x-ratelimit-remaining: 0`, and its secondary
    // limits with 403 and Retry-After; `TronGrid` with 403 and "The key exceeds the frequency
    // limit".
    if status == StatusCode::FORBIDDEN
        && kind == ErrorKind::PermissionDenied
        && (rate_limit.is_some_and(RateLimit::is_exhausted)
            || has_retry_after
            || contains_any_ignore_case(
                message,
                &["rate limit", "frequency limit", "too many requests"],
            ))
    {
        return (ErrorKind::RateLimited, false);
    }
    // Another 4xx is a throttle when it says so and says when to come back: Binance bans an IP
    // that goes on after its 429s with a 418, "Way too much request weight used; IP banned
    // until ..", and a Retry-After.
    if status.is_client_error()
        && kind == ErrorKind::InvalidRequest
        && has_retry_after
        && contains_any_ignore_case(
            message,
            &["rate limit", "too many requests", "request weight"],
        )
    {
        return (ErrorKind::RateLimited, false);
    }
    // A code that names a key in use says so without a word of text (Stripe's 409
    // `idempotency_key_in_use` with no message).
    if status.is_client_error()
        && kind == ErrorKind::Conflict
        && [read.code.as_deref(), read.error_type.as_deref()]
            .into_iter()
            .flatten()
            .any(kind::names_key_in_use)
    {
        return (kind, true);
    }
    // What a client error says of the idempotency key, whatever code it comes with:
    // - a key whose first request is still running (Stripe's 409 `idempotency_error`, "another
    //   in-progress request"; the IETF draft's `concurrent-request`) is a conflict that the same
    //   request, sent again with the same key, meets no more once the first has finished;
    // - a missing key (the draft's `missing-key`, Circle's "idempotencyKey may not be empty") is
    //   an invalid request;
    // - any other is a key reused with other parameters, which APIs often report as a plain
    //   conflict (Halfin's 409 `conflict`).
    if status.is_client_error()
        && matches!(
            kind,
            ErrorKind::Conflict | ErrorKind::InvalidRequest | ErrorKind::IdempotencyMismatch
        )
        && contains_ignore_case(message, "idempoten")
    {
        let busy = [
            "in progress",
            "in-progress",
            "in use",
            "concurrent",
            "being processed",
            "outstanding",
        ];
        // The draft's missing-key problem names what is missing only in its type.
        let missing =
            |text: &str| contains_any_ignore_case(text, &["missing", "required", "empty", "blank"]);
        return if contains_any_ignore_case(message, &busy) {
            (ErrorKind::Conflict, true)
        } else if kind == ErrorKind::InvalidRequest
            && (missing(message) || read.code.as_deref().is_some_and(missing))
        {
            (kind, false)
        } else {
            (ErrorKind::IdempotencyMismatch, false)
        };
    }
    (kind, false)
}

/// Whether a proxy in front of the API says it never passed the request on, so that sending it
/// again replays nothing, as after a failed connect:
///
/// - Cloudflare's 521 (the origin refused the connection), 522 (the connection, or the origin's
///   acknowledgement of the request, timed out), 523 (the origin is unreachable) and 530 (an edge
///   error of the 1xxx series: the origin's name did not resolve, its tunnel is down). Not its 520
///   and 524: the origin may have acted on those. Nor 525 and 526, which are not retried at all.
/// - Envoy's (and Istio's) `no healthy upstream`, and its `upstream connect error .. reset reason:
///   connection failure` or `overflow` (its circuit breaker); not a reset after the connect.
/// - Kong's balancer finding no peer, or no address for the upstream.
/// - Traefik's `no available server`, and `HAProxy`'s default 503 page, "No server is available to
///   handle this request.": `HAProxy` answers 503 only for a request it could not pass on (no
///   server up, a queue timeout, connects that failed); a server's broken answer is its 502.
/// - Linkerd's own answers, which say why in `l5d-proxy-error` (see [`linkerd_never_sent`]).
fn not_forwarded(
    status: StatusCode,
    message: Option<&str>,
    proxy_error: Option<&str>,
    body: &[u8],
) -> bool {
    const HAPROXY: &[u8] = b"No server is available to handle this request.";
    if proxy_error
        .is_some_and(|error| linkerd_never_sent(status, error) || squid_never_sent(status, error))
    {
        return true;
    }
    match status.as_u16() {
        521 | 522 | 523 | 530 => true,
        // HAProxy's page: its heading (the message), then the sentence; the body is searched
        // only under that heading.
        503 if message == Some("503 Service Unavailable") => {
            body.windows(HAPROXY.len()).take(256).any(|w| w == HAPROXY)
        }
        502 | 503 => message.is_some_and(|message| {
            let envoy = b"upstream connect error";
            let from_envoy = message
                .as_bytes()
                .get(..envoy.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(envoy));
            let connect_failed = from_envoy
                && (contains_ignore_case(message, "connection failure")
                    || contains_ignore_case(message, "reset reason: overflow"));
            connect_failed
                || message.eq_ignore_ascii_case("no healthy upstream")
                || message.eq_ignore_ascii_case("failure to get a peer from the ring-balancer")
                || message.eq_ignore_ascii_case("name resolution failed")
                || message.eq_ignore_ascii_case("no available server")
        }),
        _ => false,
    }
}

/// Whether Linkerd's proxy, answering with `l5d-proxy-error`, sent the request nowhere: the
/// service was in fail-fast (no endpoint to send it to) or shedding load ("service unavailable",
/// its queue full), or the connection to the endpoint failed (`client error (Connect)`, a refused
/// or timed-out connect). Not a response timeout, which may come after the request went out.
fn linkerd_never_sent(status: StatusCode, error: &str) -> bool {
    const NEVER_SENT: [&str; 5] = [
        "in fail-fast",
        "service unavailable",
        "client error (connect)",
        "connect timed out",
        "connection refused",
    ];
    status.is_server_error() && contains_any_ignore_case(error, &NEVER_SENT)
}

/// Whether Squid, answering with `X-Squid-Error`, sent the request nowhere: it could not resolve
/// the host (`ERR_DNS_FAIL`), connect to it (`ERR_CONNECT_FAIL`) or shake hands with it
/// (`ERR_SECURE_CONNECT_FAIL`), found no way to forward it (`ERR_CANNOT_FORWARD`), or is shutting
/// down (`ERR_SHUTTING_DOWN`). Not a read error or timeout (`ERR_READ_TIMEOUT`,
/// `ERR_ZERO_SIZE_OBJECT`), which come after the request went out.
fn squid_never_sent(status: StatusCode, error: &str) -> bool {
    const NEVER_SENT: [&str; 5] = [
        "ERR_DNS_FAIL",
        "ERR_CONNECT_FAIL",
        "ERR_SECURE_CONNECT_FAIL",
        "ERR_CANNOT_FORWARD",
        "ERR_SHUTTING_DOWN",
    ];
    status.is_server_error()
        && headers::squid_error(error).is_some_and(|name| NEVER_SENT.contains(&name))
}

/// The delay the body asks for: a `retry_after` field, Google's `RetryInfo`, or for a throttled or
/// unavailable response a sentence such as "Retry after 60 seconds." or "try again in 20s".
fn body_delay(kind: ErrorKind, read: &Read<'_>) -> Option<ServerDelay> {
    let delay = read.retry_after.or_else(|| {
        matches!(kind, ErrorKind::RateLimited | ErrorKind::Unavailable)
            .then(|| read.message.as_deref().and_then(message_delay))
            .flatten()
    })?;
    Some(ServerDelay::new(Wait::After(delay), HintSource::Body))
}

/// Reads "retry after 60 seconds", "try again in 20s", "retry in 1.5 minutes", Django REST
/// framework's "Expected available in 38 seconds.", Lob's "Please wait 5 seconds", and a
/// suspension's length: `TronGrid`'s "the query server will suspend the service for 30s", "IP
/// banned for 5 minutes".
fn message_delay(message: &str) -> Option<Duration> {
    const LEADS: [&str; 6] = [
        "retry after ",
        "try again in ",
        "retry in ",
        "try again after ",
        "available in ",
        "wait ",
    ];
    // Every delay read here is written in digits. Most throttle messages ("Rate limit exceeded")
    // have none, and one pass over them costs less than a search for each lead.
    if !message.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let lower_start = LEADS
        .iter()
        .find_map(|lead| find_ignore_case(message, lead).map(|at| at + lead.len()))
        .or_else(|| suspension_length(message))?;
    let rest = message.get(lower_start..)?.trim_start();
    let token_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .unwrap_or(rest.len());
    let token = rest.get(..token_end)?.trim_end_matches('.');
    if let Some(delay) = headers::parse_go_duration(token) {
        return Some(delay);
    }
    let seconds = headers::parse_decimal(token, headers::Unit::Seconds)?;
    let unit = rest
        .get(token_end..)?
        .trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let factor = match unit.to_ascii_lowercase().as_str() {
        "ms" | "millisecond" | "milliseconds" => return Some(seconds / 1000),
        "" | "s" | "sec" | "secs" | "second" | "seconds" => 1,
        "m" | "min" | "mins" | "minute" | "minutes" => 60,
        "h" | "hour" | "hours" => 3600,
        _ => return None,
    };
    seconds
        .checked_mul(factor)
        .map(|d| d.min(headers::MAX_SERVER_DELAY))
}

/// Where the length of a suspension starts: after the first " for " that follows a word for
/// suspending, banning or blocking, within [`SUSPENSION_REACH`] bytes of it.
fn suspension_length(message: &str) -> Option<usize> {
    let verb = ["suspend", "banned", "blocked"]
        .iter()
        .find_map(|verb| find_ignore_case(message, verb).map(|at| at + verb.len()))?;
    let at = find_ignore_case(message.get(verb..)?, " for ")?;
    (at <= SUSPENSION_REACH).then_some(verb + at + " for ".len())
}

/// How far after its verb a suspension's length may start: far enough for "suspend the
/// service for", not so far as to take the number of another clause.
const SUSPENSION_REACH: usize = 24;

/// Where `needle` first occurs in `haystack`, ignoring ASCII case. Only windows that start with
/// the needle's first letter are compared in full.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    let first = needle.first()?.to_ascii_lowercase();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| {
            window.first().map(u8::to_ascii_lowercase) == Some(first)
                && window.eq_ignore_ascii_case(needle)
        })
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_ignore_case(haystack, needle).is_some()
}

/// Whether any of `needles` (lower case, each starting with a letter) occurs in `haystack`,
/// ignoring ASCII case, in one pass: only positions whose letter starts some needle are compared.
fn contains_any_ignore_case(haystack: &str, needles: &[&str]) -> bool {
    let bit = |letter: u8| 1u32 << (letter.wrapping_sub(b'a') & 31);
    let starts = needles
        .iter()
        .filter_map(|needle| needle.as_bytes().first())
        .fold(0, |starts, &first| starts | bit(first));
    let haystack = haystack.as_bytes();
    haystack.iter().enumerate().any(|(at, letter)| {
        let letter = letter.to_ascii_lowercase();
        starts & bit(letter) != 0
            && needles.iter().any(|needle| {
                let needle = needle.as_bytes();
                needle.first() == Some(&letter)
                    && haystack
                        .get(at..at + needle.len())
                        .is_some_and(|window| window.eq_ignore_ascii_case(needle))
            })
    })
}

#[cfg(test)]
mod tests;
