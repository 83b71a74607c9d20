//! One pass over a JSON error body, collecting the fields every vendor envelope uses.
//!
//! The pass pulls values from the [`scan`](super::scan) reader and writes them into [`Fields`] as
//! it goes, borrowing strings from the body where they have no escapes. There is no tree. Because
//! the fields are written as they are read, a body that breaks off half-way (truncated by a bounded
//! read, or broken by a proxy) keeps everything read before the break.
//!
//! Every field is lenient about its type: a `message` that is a number or an object is skipped, not
//! an error, so one odd field never costs the rest of the body. The reader's depth limit bounds
//! nesting; a body nested deeper than that stops the pass, keeping what was read.

use std::borrow::Cow;
use std::time::Duration;

use super::scan::{Next, Reader, Result, Stop};
use crate::headers::{aws_error_code, parse_decimal, parse_go_duration};

pub(super) type Text<'a> = Cow<'a, str>;

/// A provider's code: `"rate_limited"` or Google's and Discord's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Code<'a> {
    Text(Text<'a>),
    Number(i64),
}

impl Code<'_> {
    /// Whether the code is shaped as an HTTP status: `400`, `"503"`.
    pub(super) fn is_http_status(&self) -> bool {
        match self {
            Self::Text(text) => is_http_status(text),
            Self::Number(number) => (100..=599).contains(number),
        }
    }
}

/// What the top level of the body said.
#[derive(Debug, Default)]
pub(super) struct Fields<'a> {
    /// The response's status, which a code in the body may only repeat.
    pub(super) status: u16,
    /// The top level was an object (or an array of error objects).
    pub(super) is_object: bool,
    /// The top level has a `data` member, even a null one, as every GraphQL response that got as
    /// far as running the query does.
    pub(super) has_data: bool,
    pub(super) detail: Option<Text<'a>>,
    pub(super) message: Option<Text<'a>>,
    /// `"error": "text"`.
    pub(super) error_text: Option<Text<'a>>,
    /// `"error": {..}`, or the first element of `"error": [..]`.
    pub(super) error: Option<Inner<'a>>,
    /// The first element of `"errors"` (or `invalid-params`), or the first entry of an `errors` map.
    pub(super) errors: Option<Inner<'a>>,
    /// FastAPI's `"detail": {..}` or the first element of `"detail": [..]`.
    pub(super) detail_inner: Option<Inner<'a>>,
    pub(super) error_description: Option<Text<'a>>,
    /// A top-level `description`, or `details` as text: the text of a body that has no message
    /// (Zendesk's, Nomba's).
    pub(super) description: Option<Text<'a>>,
    /// `MultiSafepay`'s `error_info`: the message where there is no other, but only a pointer to
    /// the documentation beside Pipedrive's `error`.
    pub(super) info: Option<Text<'a>>,
    /// A top-level `status_code` that is not an HTTP status: EBANX's `"BP-DR-23"`, or a negative
    /// `status` (bitFlyer's `-200`), a code to fall back on.
    pub(super) status_code: Option<Text<'a>>,
    pub(super) title: Option<Text<'a>>,
    pub(super) problem_type: Option<Text<'a>>,
    /// A top-level `status` that is no object, and what it says of the request.
    pub(super) state: Option<State>,
    pub(super) code: Option<Code<'a>>,
    /// A top-level code that repeats an HTTP status (Sumsub's `"code": 400`), which any other
    /// code says more than (its `"errorCode": 1003`).
    pub(super) status_like_code: Option<Code<'a>>,
    /// PayPal's `name`, AWS's `__type`, the `"id": "not_found"` of `DigitalOcean`.
    pub(super) name: Option<Text<'a>>,
    /// `reason`: a code (CoinGate's `"OrderNotFound"`, Gemini's `"RateLimit"`) or a sentence
    /// (Bitstamp's, sometimes a map of field to messages, of which the first is kept).
    pub(super) reason: Option<Text<'a>>,
    pub(super) success: Option<bool>,
    pub(super) ok: Option<bool>,
    pub(super) request_id: Option<Text<'a>>,
    pub(super) param: Option<Text<'a>>,
    /// Plaid's and Checkout.com's `error_type`, Adyen's `errorType`.
    pub(super) error_type: Option<Text<'a>>,
    pub(super) retry_after: Option<Duration>,
    /// `retryable`: the server's word on sending the request again (Cloudflare's structured
    /// errors).
    pub(super) retryable: Option<bool>,
    pub(super) details: Option<&'a str>,
    /// `data`, unread: where some APIs wrap the error (Strike, `JSend`), and others a payload. It
    /// is read ([`wrapped_error`]) only when the rest of the body says nothing.
    pub(super) data: Option<&'a str>,
    /// A `status`, `result` or `body` that is an object, unread: Rapyd's and PayU's error object,
    /// Alipay's `result`, Paytm's `body`. Read as `data` is.
    pub(super) wrapper: Option<&'a str>,
    /// A `meta` that is an object, unread but for its request id: where Foursquare and
    /// Instagram's legacy API put the error itself. Read as `data` is, where nothing else says.
    pub(super) meta: Option<&'a str>,
    /// The first message of the error's causes beside the top level (Mercado Pago's `cause`), for
    /// a body whose top level says none.
    pub(super) cause_message: Option<Text<'a>>,
    /// A `result` (or a `response`) that is text: Etherscan's `"Max rate limit reached"` beside
    /// its message `"NOTOK"`; or a `status` in words, Galileo's `"Invalid account"`.
    pub(super) result_text: Option<Text<'a>>,
    /// `parameters`, unread: the values of the message's placeholders (see [`fill_placeholders`]).
    pub(super) parameters: Option<&'a str>,
}

/// What one error object said (`error`, an element of `errors`, FastAPI's `detail` item).
#[derive(Debug, Default)]
pub(super) struct Inner<'a> {
    pub(super) code: Option<Code<'a>>,
    /// Google's symbolic `status`, or JSON:API's `"status": "422"`.
    pub(super) status: Option<Text<'a>>,
    pub(super) message: Option<Text<'a>>,
    /// `detail`, `title`, `description`, `reason`: text to fall back on.
    pub(super) detail: Option<Text<'a>>,
    pub(super) title: Option<Text<'a>>,
    pub(super) error_type: Option<Text<'a>>,
    pub(super) param: Option<Text<'a>>,
    pub(super) request_id: Option<Text<'a>>,
    /// The error's own `id` where it names one occurrence (JSON:API's, Onfido's, Dfns's), which
    /// support asks for as it does a request id: the request id where the body gives no other.
    pub(super) occurrence_id: Option<Text<'a>>,
    pub(super) retry_after: Option<Duration>,
    pub(super) retryable: Option<bool>,
    /// Google's `ErrorInfo.reason`, or the `reason` of a legacy `errors` item.
    pub(super) reason: Option<Text<'a>>,
    pub(super) details: Option<&'a str>,
    /// The param that `details` or the error's list of causes names, below the error's own.
    pub(super) details_param: Option<Text<'a>>,
    /// The first cause's message, for an error that gives none of its own (Zod's `issues`).
    pub(super) cause_message: Option<Text<'a>>,
    /// The first cause's code, for an error that names itself in no other way (Intuit's
    /// `{"Fault": {"Error": [{"code": "6240", "Message": ..}], "type": ..}}`).
    pub(super) cause_code: Option<Text<'a>>,
    /// An `id` that reads as a code (Coinbase's `"id": "not_found"`), not an occurrence's id, or
    /// the class `name` of a serialized JavaScript or Java error (`"name": "NotFoundError"`).
    pub(super) symbolic_id: Option<Text<'a>>,
    /// Any other `name`: in a list of errors the field's (RFC 9457's `invalid-params`), in the
    /// error object the error's own (Upbit's `"name": "invalid_query_payload"`).
    pub(super) name: Option<Text<'a>>,
    /// A listed error's `path` given as a list of keys (Joi's `["items", 0, "price"]`): the field
    /// at fault, unless the body is GraphQL's, where it says where in the response the error lies.
    pub(super) listed_path: Option<Text<'a>>,
    /// `parameters`, unread, as the top level's.
    pub(super) parameters: Option<&'a str>,
}

impl Fields<'_> {
    /// Whether a `status`, `ok` or `success` says the request failed.
    pub(super) fn says_failed(&self) -> bool {
        self.state == Some(State::Failed) || self.ok == Some(false) || self.success == Some(false)
    }

    /// Whether no member but a `result` said anything of the error in words.
    fn says_nothing_else(&self) -> bool {
        self.message.is_none()
            && self.detail.is_none()
            && self.error_text.is_none()
            && self.error.is_none()
            && self.errors.is_none()
            && self.description.is_none()
            && self.title.is_none()
    }
}

/// Reads `body` into `fields`. Returns whether the whole body parsed; on `false`, `fields` still
/// holds what was read before the error.
pub(super) fn read<'a>(body: &'a [u8], fields: &mut Fields<'a>) -> bool {
    let mut reader = Reader::new(body);
    let parsed = top(&mut reader, fields).is_ok() && reader.at_end();
    // Etherscan's (and its clones', every chain's explorer): `{"status": "0", "message": "NOTOK",
    // "result": "Max rate limit reached"}`. A one-word message is a status; a sentence in
    // `result` says what went wrong. So does a sentence in `response` beside a failed `status`
    // where nothing else says (Hyperliquid's `{"status": "err", "response": ..}`), or in `result`
    // beside `ok: false` (TON Center's `{"ok": false, "result": "Ratelimit exceed"}`), and a status
    // that is a sentence itself (Galileo's `{"status_code": 400, "status": "Invalid account"}`).
    // A one-word result (`"error"`) is a status too, and a result with no status beside it may be
    // a payload.
    if let Some(result) = fields
        .result_text
        .take()
        .filter(|result| result.contains(' '))
        && (fields.message.as_deref().is_some_and(super::is_code_like)
            || fields.says_failed() && fields.says_nothing_else())
    {
        fields.message = Some(result);
    }
    if let Some(raw) = fields.parameters {
        fill_placeholders(&mut fields.message, &mut fields.param, raw);
    }
    // Details are read from their own slice after the pass, so a truncated body loses only them.
    if let Some(inner) = fields.error.as_mut().or(fields.errors.as_mut()) {
        if let Some(raw) = inner.parameters {
            fill_placeholders(&mut inner.message, &mut inner.param, raw);
        }
        inner.read_details();
    }
    if let Some(raw) = fields.details {
        let hints = read_details(raw);
        fields.param = fields.param.take().or(hints.param).or(hints.field_map);
        fields.retry_after = fields.retry_after.or(hints.retry_delay);
        // A name replaces a numeric code, as `set_code` has it.
        set_code(&mut fields.code, hints.code.map(Code::Text));
    }
    parsed
}

impl Inner<'_> {
    /// Whether the error object says what went wrong: it has a code or a text.
    fn says_what(&self) -> bool {
        self.code.is_some()
            || self.message.is_some()
            || self.detail.is_some()
            || self.title.is_some()
    }

    /// Whether it gives a code and a text beside it, as an error does and a payload does not.
    fn has_code_and_text(&self) -> bool {
        self.code.is_some()
            && (self.message.is_some() || self.detail.is_some() || self.title.is_some())
    }

    fn read_details(&mut self) {
        if let Some(raw) = self.details {
            let hints = read_details(raw);
            set(&mut self.details_param, hints.param.or(hints.field_map));
            set(&mut self.request_id, hints.request_id);
            set(&mut self.cause_message, hints.message);
            self.retry_after = self.retry_after.or(hints.retry_delay);
            // Google's `ErrorInfo.reason` is a code; a JSON-RPC error's `data.reason` may be a
            // sentence, which is no code.
            let code = hints.reason.filter(|reason| super::is_code_like(reason));
            self.reason = self.reason.take().or(hints.code).or(code);
            // A JSON-RPC error's `data` in words says what the spec's stock message does not
            // (NEAR's "Server error" above "account bob.near does not exist while viewing"). Not
            // data that is one token: an Ethereum node's is the revert's hex.
            if self
                .message
                .as_deref()
                .is_some_and(super::is_json_rpc_phrase)
            {
                let data = sentence(raw);
                self.message = data.or(self.message.take());
            }
        }
    }
}

/// A raw JSON string that holds a sentence: text with a space in it.
fn sentence(raw: &str) -> Option<Text<'_>> {
    if !raw.starts_with('"') {
        return None;
    }
    let text = text(&mut Reader::new(raw.as_bytes())).ok()??;
    text.contains(' ').then_some(text)
}

/// The error a raw `data` value holds: an error object with a code or a message (Strike's
/// `{"code": "INVALID_DATA", "message": ..}`), `JSend`'s map of field to message
/// (`{"amount": "Amount must be positive"}`), a sentence (`{"result": "error", "data":
/// "Invalid request"}`), or a list of error objects (Basiq's `{"type": "list", "data":
/// [{"type": "error", "code", "title", "detail", "source"}]}`). A payload (`{"id": "pay_1",
/// ..}`) is none, as is a single word.
pub(super) fn wrapped_error(raw: &str) -> Option<Inner<'_>> {
    if raw.starts_with('[') {
        return listed_error(raw);
    }
    if !raw.starts_with('{') {
        let message = Some(sentence(raw)?);
        return Some(Inner {
            message,
            ..Inner::default()
        });
    }
    // A body that breaks off keeps what was read before the break, as the main pass does.
    let mut inner = Inner::default();
    let _ = error_object(&mut Reader::new(raw.as_bytes()), &mut inner);
    // Payrix's `{"response": {"data": [], "errors": [..]}}` says it in its list of errors; an
    // OAuth error wrapped (Cybersource's `{"response": {"rmsg": {"error", "error_description"}}}`)
    // in a code-like name with a description beside it.
    if inner.code.is_some()
        || inner.message.is_some()
        || inner.cause_message.is_some()
        || (inner.symbolic_id.is_some() && inner.detail.is_some())
    {
        inner.read_details();
        return Some(inner);
    }
    let (param, message) = field_messages(raw.as_bytes(), Values::Any)?;
    Some(Inner {
        param,
        message: Some(message),
        ..Inner::default()
    })
}

/// The first of a raw list of error objects, where it has a code and a text beside it: a list of
/// payloads (`[{"id": "pay_1", "status": "failed"}]`) has none.
fn listed_error(raw: &str) -> Option<Inner<'_>> {
    let mut first = Inner::default();
    // A list that breaks off keeps what was read before the break, as the main pass does.
    let _ = Reader::new(raw.as_bytes()).array(|reader, index| {
        if index == 0 && reader.peek()? == Next::Object {
            error_object(reader, &mut first)
        } else {
            reader.skip()
        }
    });
    first.has_code_and_text().then(|| {
        first.read_details();
        first
    })
}

/// The error a raw `meta` object holds where the body says nothing else: Foursquare's `{"meta":
/// {"code": 400, "errorType": "param_error", "errorDetail": ..}}`, the `{"meta": {"error_type",
/// "code", "error_message"}}` of Instagram's legacy API, Alchemy Pay's `{"meta": {"success":
/// false, "code", "message"}}`, `PaySimple`'s `{"Meta": {"Errors": {"ErrorCode", "ErrorMessages":
/// [{"Field", "Message"}]}}}`. Only a code, a text or a listed error's text counts: a `meta` of
/// paging or of a request id says no error.
pub(super) fn meta_error(raw: &str) -> Option<Inner<'_>> {
    let mut inner = Inner::default();
    let _ = error_object(&mut Reader::new(raw.as_bytes()), &mut inner);
    (inner.says_what() || inner.cause_message.is_some()).then_some(inner)
}

/// The parameter a raw `data` value names beside a top-level code and message:
/// - as `WordPress`'s REST API (and `WooCommerce`'s) sends it, `params`, a map of parameter to
///   message (`rest_invalid_param`) or a list of names (`rest_missing_callback_param`);
/// - as Moleculer's validation errors do, a list of causes that name their field (`[{"type":
///   "required", "message": .., "field": "amount"}]`). Only a `field` (or `param`, ..) counts: the
///   `name` of an element of a list in `data` may be a payload's;
/// - as oRPC does, Standard Schema's `issues` (`[{"message": .., "path": ["amount"]}]`);
/// - as `PocketBase` does, a map of field to error objects (`{"email": {"code":
///   "validation_invalid_email", "message": ..}}`). Only an object with both a code in words and
///   a message counts: a payload's nested object (`{"customer": {"id", "name"}}`) is none.
pub(super) fn data_param(raw: &str) -> Option<Text<'_>> {
    fn first_param<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
        match reader.peek()? {
            Next::Object => Ok(first_field_text(reader)?.map(|(field, _)| field)),
            Next::Array => first_text(reader),
            _ => reader.skip().map(|()| None),
        }
    }
    let mut reader = Reader::new(raw.as_bytes());
    match raw.as_bytes().first()? {
        b'{' => {
            let (mut first, mut found, mut error_map) = (true, None, None);
            // A `data` that breaks off keeps what was read before the break.
            let _ = reader.object(|reader, key| {
                let is_first = std::mem::replace(&mut first, false);
                let field = match key.as_ref() {
                    "params" => first_param(reader)?,
                    "issues" => {
                        let mut first = Inner::default();
                        issues(reader, &mut first)?;
                        first.field()
                    }
                    _ if is_first && reader.peek()? == Next::Object => {
                        error_map = error_map_field(reader, key)?;
                        return Ok(());
                    }
                    _ => return reader.skip(),
                };
                set(&mut found, field);
                Ok(())
            });
            found.or(error_map)
        }
        b'[' => causes(&mut reader).ok()?.param,
        _ => None,
    }
}

/// The key of the first member of a map of field to error objects, where its value (an object,
/// read here) is one.
fn error_map_field<'a>(reader: &mut Reader<'a>, key: Text<'a>) -> Result<Option<Text<'a>>> {
    let mut inner = Inner::default();
    error_object(reader, &mut inner)?;
    let named = matches!(&inner.code, Some(Code::Text(code)) if !super::is_number(code));
    Ok((named && inner.message.is_some() && is_field(&key)).then_some(key))
}

/// The first error of a raw list of them, when it has a code or a message: Conekta's top-level
/// `details`, `[{"message": .., "param": .., "code": ..}]`, in a body that says nothing else.
pub(super) fn first_listed(raw: &str) -> Option<Inner<'_>> {
    if !raw.starts_with('[') {
        return None;
    }
    let mut inner = Inner::default();
    // A list that breaks off keeps what was read before the break, as the main pass does.
    let _ = first_of(&mut Reader::new(raw.as_bytes()), &mut inner);
    (inner.code.is_some() || inner.message.is_some()).then(|| {
        inner.read_details();
        inner
    })
}

/// Raw details that are a text (Kalshi's `"details": "count must be greater than 0"`), unless
/// empty.
pub(super) fn details_text(raw: &str) -> Option<Text<'_>> {
    if !raw.starts_with('"') {
        return None;
    }
    let text = lenient(&mut Reader::new(raw.as_bytes())).ok().flatten();
    text.filter(|text| !text.trim().is_empty())
}

/// The message of a raw details object: PXP's `{"code": "4018840", "details": {"message": ..}}`.
pub(super) fn details_message(raw: &str) -> Option<Text<'_>> {
    if !raw.starts_with('{') {
        return None;
    }
    let is_message = |name: &str| matches!(name, "message" | "msg" | "Message");
    member_of(&mut Reader::new(raw.as_bytes()), is_message, lenient)
        .ok()
        .flatten()
}

/// What the values of a map of field to messages may be.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Values {
    /// Lists only, as Django REST framework sends: a whole body whose first member is a string is
    /// no such map (`{"time": "2024-01-01 10:00:00", ..}`).
    Lists,
    /// A message or a list of them, as `JSend` sends under `data`.
    Any,
}

/// The first field of a map of field to messages, as Django REST framework sends
/// (`{"amount": ["Ensure this value is greater than or equal to 1."]}`), and its first message;
/// the field is `None` for Django's errors of no one field (`non_field_errors`, `__all__`). The
/// message must read as a sentence: a map to codes or ids is no such map.
pub(super) fn field_messages(body: &[u8], values: Values) -> Option<(Option<Text<'_>>, Text<'_>)> {
    let mut reader = Reader::new(body);
    if reader.peek().ok()? != Next::Object {
        return None;
    }
    let (mut seen, mut first) = (false, None);
    // A body that breaks off after the first member still gives it.
    let _ = reader.object(|reader, key| {
        if std::mem::replace(&mut seen, true)
            || (values == Values::Lists && reader.peek()? != Next::Array)
        {
            return reader.skip();
        }
        let (message, raw) = reader.with_raw(first_text)?;
        let Some(message) = message else {
            return Ok(());
        };
        // A list of error objects may name the field itself, below a key that names none
        // (PayWay's `{"data": [{"fieldName", "message"}]}`); Javalin's are the field's own
        // (`{"amount": [{"message", "args", "value"}]}`).
        let listed = raw
            .strip_prefix('[')
            .is_some_and(|rest| rest.trim_ascii_start().starts_with('{'));
        let named = if listed {
            causes(&mut Reader::new(raw.as_bytes()))?.param
        } else {
            None
        };
        first = Some((named.or(Some(key).filter(|field| is_field(field))), message));
        Ok(())
    });
    let (param, message) = first?;
    message.contains(' ').then_some((param, message))
}

/// Whether a raw `details` value carries anything: not `null`, `[]` or `{}`.
pub(super) fn is_meaningful(raw: &str) -> bool {
    let mut inner = raw.bytes().filter(|b| !b.is_ascii_whitespace());
    !matches!(
        (inner.next(), inner.next(), inner.next()),
        (Some(b'['), Some(b']'), None) | (Some(b'{'), Some(b'}'), None) | (Some(b'n'), _, _)
    )
}

/// The raw value of a body's only member that says anything, where it is an object: the error
/// within a wrapper that names no envelope, as Tencent Cloud's `{"Response": {"Error": {"Code",
/// "Message"}, "RequestId"}}`, the AWS query protocol's in JSON (`{"ErrorResponse": {"Error",
/// "RequestId"}}`), Elavon Converge's `{"txn": {"errorCode", "errorMessage"}}`, TSYS
/// `TransIT`'s `{"SaleResponse": {"responseCode", "responseMessage"}}` and NHN Cloud's
/// `{"header": {"isSuccessful": false, "resultCode", "resultMessage"}, "body": null}`. Members
/// that are `null`, `{}` or `[]` say nothing. `None` for a body of any other shape.
pub(super) fn lone_object(body: &[u8]) -> Option<&[u8]> {
    let mut reader = Reader::new(body);
    let mut lone = None;
    reader
        .object(|reader, _| {
            let object = reader.peek()? == Next::Object;
            let Some(raw) = reader.raw()?.filter(|raw| is_meaningful(raw)) else {
                return Ok(());
            };
            // A member that is no object, or a second one: no wrapper; stop reading.
            if !object || lone.replace(raw).is_some() {
                return Err(Stop);
            }
            Ok(())
        })
        .ok()?;
    lone.map(str::as_bytes)
}

/// Fills in the placeholders of a Magento (Adobe Commerce) message from its raw `parameters`, as
/// Magento's renderer does: `%fieldName` from a map (`"No such entity with %fieldName =
/// %fieldValue"`, `{"fieldName": "cartId", "fieldValue": 7}`), `%1` from the first element of a
/// list. Where several names fit, the longest is the placeholder (`%10` before `%1`). A
/// placeholder with no text or number to fill it stays as it is. The `fieldName` parameter names
/// the field at fault, below a `param` of the body's own.
///
/// Bounded for a hostile body: the first [`MAX_PARAMETERS`] are read, and placeholders are filled
/// only while the message stays within the length of the template and the parameters together
/// (`"%1%1%1.."` with a long value would otherwise grow it without end).
fn fill_placeholders<'a>(
    message: &mut Option<Text<'a>>,
    param: &mut Option<Text<'a>>,
    raw: &'a str,
) {
    fn value<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
        match reader.peek()? {
            Next::String => reader.string().map(Some),
            Next::Number => reader
                .number()
                .map(|number| Some(Cow::Borrowed(number.text))),
            _ => reader.skip().map(|()| None),
        }
    }
    let mut values: Vec<(Text<'a>, Text<'a>)> = Vec::new();
    let mut reader = Reader::new(raw.as_bytes());
    // A list that breaks off keeps the values read before the break.
    let _ = match reader.peek() {
        Ok(Next::Object) => reader.object(|reader, name| {
            if values.len() == MAX_PARAMETERS {
                return reader.skip();
            }
            if let Some(value) = value(reader)?.filter(|_| !name.is_empty()) {
                values.push((name, value));
            }
            Ok(())
        }),
        Ok(Next::Array) => reader.array(|reader, index| {
            if values.len() == MAX_PARAMETERS {
                return reader.skip();
            }
            if let Some(value) = value(reader)? {
                values.push((Cow::Owned((index + 1).to_string()), value));
            }
            Ok(())
        }),
        _ => Ok(()),
    };
    let field = values.iter().find(|(name, _)| name == "fieldName");
    set(
        param,
        field
            .map(|(_, value)| value.clone())
            .filter(|f| is_field(f)),
    );
    let Some(template) = message.as_deref().filter(|message| message.contains('%')) else {
        return;
    };
    let budget = template.len() + raw.len();
    let mut filled = String::with_capacity(template.len());
    let mut rest = template;
    while let Some((head, after)) = rest.split_once('%') {
        filled.push_str(head);
        let placeholder = values
            .iter()
            .filter_map(|(name, value)| Some((after.strip_prefix(&**name)?, name.len(), value)))
            .max_by_key(|&(_, len, _)| len)
            .filter(|(tail, _, value)| filled.len() + value.len() + tail.len() <= budget);
        rest = if let Some((tail, _, value)) = placeholder {
            filled.push_str(value);
            tail
        } else {
            filled.push('%');
            after
        };
    }
    filled.push_str(rest);
    if filled != template {
        *message = Some(Cow::Owned(filled));
    }
}

/// The most message parameters [`fill_placeholders`] reads.
const MAX_PARAMETERS: usize = 32;

// ---------------------------------------------------------------------------------------------
// Keys

/// Top-level keys reprieve reads; everything else is skipped.
enum TopKey {
    Detail,
    Message,
    Error,
    Errors,
    /// Zod's and Standard Schema's `issues`: errors whose `path` is a list of keys.
    Issues,
    ErrorDescription,
    Description,
    Info,
    StatusCode,
    Title,
    Type,
    Status,
    /// `Status` as .NET capitalises a problem's: the status only where it is a number, as
    /// Buckaroo's `{"Status": {"Code": {..}, "SubCode": {..}}}` is not.
    NumericStatus,
    Code,
    /// Checkout.com's `error_codes: ["..."]`.
    Codes,
    ErrorType,
    Name,
    /// AWS's `__type`, which may carry a namespace (`com.amazonaws.dynamodb.v20120810#..`).
    AwsType,
    /// An `id` that names the error (`"not_found"` in `DigitalOcean`'s), not one occurrence of it.
    Id,
    Reason,
    Success,
    Ok,
    Meta,
    /// Contentful's `sys`, whose `id` names the error (`{"type": "Error", "id": "NotFound"}`).
    Sys,
    /// `trace`: the Zuplo gateway's object with the request id, or `PayTabs`'s id itself.
    Trace,
    RequestId,
    /// `errorId`: one occurrence's id (Afterpay's, Okta's), or the error's symbolic name beside a
    /// numeric code (deBridge's `{"errorCode": 1, "errorId": "INCORRECT_AFFILIATE_FEE"}`).
    ErrorId,
    Param,
    /// `source`: the field at fault, named (Airwallex's `"source": "merchant_order_id"`) or
    /// pointed to (a JSON:API error object sent alone).
    Source,
    /// hapi's `validation: {"source": "payload", "keys": ["amount"]}`, and celebrate's, keyed by
    /// the part of the request (`{"body": {"source", "keys", "message"}}`).
    Validation,
    RetryAfter,
    Retryable,
    Details,
    Data,
    /// HAL's `_embedded`, whose `errors` are the error's list (Dwolla, Micronaut).
    Embedded,
    /// `result`: Alipay's error object where it is an object, a payload or a message elsewhere.
    Result,
    /// An object that wraps the error: Paytm's `body` (`{"head": .., "body": {"resultInfo": ..}}`),
    /// Visa's `responseStatus` (`{"status": 400, "code": "9125", "message": ..}`), Payrix's
    /// `response` (`{"data": [], "errors": [..]}`), the Hedera mirror node's `_status`
    /// (`{"messages": [{"message": ..}]}`), Alipay's `alipay_trade_pay_response`.
    Wrapper,
    /// `context`: Blockchair's wrapper (`{"data": null, "context": {"code": 430, "error": ..}}`)
    /// where it is an object; elsewhere it is the client's own label (Crypto APIs'
    /// `"context": "yourExampleString"`), no message.
    Context,
    /// A list of the error's causes beside the top level's message: Worldpay's
    /// `validationErrors`, Spring's `fieldErrors`, Mercado Pago's `cause`, the `extraDetails` of
    /// Vipps `MobilePay`'s problems (`[{"name": "Amount.Value", "reason": ..}]`).
    Causes,
    /// `params`: a list of causes that name their fields (http4k's `[{"name": "amount", "type":
    /// "body", "reason": "Missing"}]`); anything else is skipped.
    Params,
    /// `fields`: a map of field to messages is the error's causes (Alp's
    /// `{"code": "VALIDATION_ERROR", "fields": {"amount": ".."}}`), as is a list of errors that
    /// name their fields (`[{"path": "amount", "message": ..}]`); a list of field names is not.
    Fields,
    /// `messages`: Authorize.Net's `{"resultCode": "Error", "message": [{"code", "text"}]}`, or a
    /// list of messages.
    Messages,
    /// A code and message below the top level's, which name the error where those only say the
    /// call failed (`ZaloPay`'s).
    SubCode,
    SubMessage,
    Parameters,
    Other,
}

impl TopKey {
    /// The key `name` is. A name in `PascalCase`, as .NET's serializers write every member, is the
    /// same key as in `camelCase` (`ResultCode` is `resultCode`), unless it is a key of its own
    /// (`Status`, `Type`, `Id`).
    fn from_name(name: &str) -> Self {
        match Self::from_exact(name) {
            Self::Other if name.starts_with(|c: char| c.is_ascii_uppercase()) => {
                Self::from_pascal_case(name)
            }
            key => key,
        }
    }

    #[cold]
    fn from_pascal_case(name: &str) -> Self {
        camel_case(name, &mut [0; 32]).map_or(Self::Other, Self::from_exact)
    }

    // Inline in both callers: a call for every key of every body cost about 25 instructions a
    // response (callgrind, over the seeds), where the hot caller alone had it inline before.
    #[allow(clippy::too_many_lines)] // a table: one arm per key, each with the APIs that send it
    #[allow(clippy::inline_always)]
    #[inline(always)]
    fn from_exact(name: &str) -> Self {
        match name {
            // API Platform's Hydra: `hydra:title` and `hydra:description`. ASP.NET's problem
            // details, serialized with the C# names (Newtonsoft's default), capitalise theirs.
            "detail" | "hydra:description" => Self::Detail,
            // With the short forms of WeChat (`errmsg`), HTX (`err-msg`), Baidu (`error_msg`) and
            // Nuvei (`errCode`), below for the code too; Klarna's list and Currencycloud's map of
            // field to messages; Okta's `errorSummary`, Opayo's `statusDetail`, Culqi's
            // `merchant_message` (beside its `user_message` for the payer); IBM API Connect's
            // `moreInformation` beside its `httpMessage`, a reason phrase; LINE Pay's
            // `returnMessage` (Thunes's `ReturnMessage`, capitalised as .NET does); `UnionPay`'s
            // `respMsg` (beside its `respCode`, as 2C2P's `respDesc` is); Monnify's
            // `responseMessage` (Forte's `response_desc`); Fawry's `statusDescription`; Viva
            // Wallet's `ErrorText`; payabl.'s `errormessage`, all in lower case; PPRO's
            // `failureMessage`; the `mensagem` of Efí's Pix API (beside its code, `nome`); the
            // `developerMessage` of Stormpath's design (Tripletex's, Zettle's), where no `message`
            // came first; Sipay's `status_description` and PayDunya's `response_text` (ePayco's
            // `text_response`), beside their codes; the `errormsg` of AlphaPoint's exchanges
            // (beside `errorcode`) and GOPAX's (beside `errcode`); Amazon Payment Services'
            // `response_message` (beside its `response_code`), monobank's `errText`; Dropbox's
            // `error_summary` (`path/not_found/..`) beside its tagged union of an `error`; the
            // `Error Message` of Alpha Vantage and Financial Modeling Prep, a key with a space in
            // it; Click's `error_note` (beside its `error_code`); Sage's `$message` (beside its
            // `$dataCode`); Payabli's `responseText`; TabaPay's `EM` (beside its `SC`, the status,
            // and `EC`, an internal code); ZaloPay's `return_message`, LianLian's `ret_msg`, payOS's
            // `desc`, ShopeePay's `debug_msg` and VNPay's `vnp_Message`, beside their codes; i2c's
            // `responseDesc` and Interswitch's `responseDescription`, beside their `responseCode`.
            "message" | "msg" | "error_message" | "errorMessage" | "errorMsg" | "retMsg"
            | "status_message" | "statusMessage" | "errmsg" | "errMsg" | "err_msg" | "err-msg"
            | "error_msg" | "error_messages" | "errorMessages" | "errorSummary"
            | "statusDetail" | "merchant_message" | "moreInformation" | "returnMsg" | "return_msg"
            | "returnMessage" | "respDesc" | "respMsg" | "responseMessage"
            | "responseDesc" | "responseDescription"
            | "response_desc"
            | "statusDescription" | "ErrorText" | "errormessage"
            | "failureMessage" | "failure_message" | "mensagem" | "developerMessage" | "resultMsg"
            | "resultMessage" | "status_description" | "response_text" | "text_response"
            | "responseText" | "EM" | "errormsg"
            | "response_message" | "errText" | "Error Message" | "error_note" | "$message"
            | "error_summary" | "return_message" | "ret_msg" | "desc" | "debug_msg"
            | "vnp_Message" => Self::Message,
            // ZaloPay's `sub_return_code` and `sub_return_message`: the error itself, below its
            // `return_code` and `return_message` (`2`, "Giao dịch thất bại", the transaction failed).
            "sub_return_code" => Self::SubCode,
            "sub_return_message" => Self::SubMessage,
            "messages" => Self::Messages,
            // Apigee's `fault` is an error object by another name, as PayPay's `resultInfo` is;
            // TronGrid capitalises the one, QuickBooks (Intuit) the other. pawaPay's
            // `failureReason` (`rejectionReason` before its v2) says why a payment was refused.
            // Figma shortens it: `{"status": 404, "err": "Not found"}`. OData v3's verbose JSON
            // (SharePoint's REST API, Azure Table storage's) names it `odata.error`.
            "error" | "fault" | "resultInfo" | "failureReason"
            | "rejectionReason" | "err" | "odata.error" => Self::Error,
            // Zuora's `reasons: [{code, message}]`; UK Open Banking's `Errors`; the Berlin Group's
            // NextGenPSD2 `tppMessages: [{category, code, path, text}]`; the constraint
            // `violations` of Symfony, API Platform and Zalando's (and Quarkus's) problems, and
            // the `violacoes` of Brazil's Pix API; ASP.NET Web API 2's `ModelState`, a map of field
            // to messages; the `o:errorDetails` of Oracle's REST services (NetSuite's, Fusion's);
            // Paysera's `error_properties`, a map of field to messages beside OAuth's `error`;
            // BVNK's `errorList: [{code, parameter, message}]`; the `invalidFields: [{name, value,
            // message}]` of Adyen's problems; the `problems: [{name, description}]` of Swedbank
            // Pay's; the `invalid_fields: [{type, field, description}]` of Replicate's; Lago's
            // `error_details`, a map of field to codes (`"amount_cents": ["value_is_mandatory"]`);
            // Vonage's `invalid_parameters: [{name, reason}]`, RFC 9457's `invalid-params` spelt
            // as its own APIs spell their keys; FV Bank's `ResponseErrors`, a list of messages
            // beside its `ResponseCode`, `ResponseMessage` and `RequestID`; Signicat's
            // `invalidParams: [{name, reason}]`; FusionAuth's `generalErrors: [{code, message}]`,
            // beside its `fieldErrors`.
            "errors" | "invalid-params" | "invalid_params" | "invalidParams" | "invalid_parameters"
            | "generalErrors" | "reasons"
            | "tppMessages" | "violations" | "violacoes" | "ModelState"
            | "o:errorDetails" | "error_properties" | "errorList" | "error_list"
            | "invalidFields" | "invalid_fields" | "problems" | "error_details" | "ResponseErrors" => {
                Self::Errors
            }
            "issues" => Self::Issues,
            // Global Payments' `detailed_error_description` beside its `error_code`; Easebuzz's
            // `error_desc`; LiqPay's `err_description` (beside its `err_code`).
            "error_description"
            | "errorDescription"
            | "detailed_error_description"
            | "error_desc"
            | "err_description"
            // Razer Merchant Services' (MOLPay's), beside its `ErrorCode`.
            | "ErrorDesc" => Self::ErrorDescription,
            // Mambu's `errorSource`, the constraint a request broke (beside its `errorCode` and
            // `errorReason`); elsewhere it may name where the error arose (Pyxis's "Processing").
            "description" | "errorSource" => Self::Description,
            "error_info" => Self::Info,
            "status_code" | "statusCode" => Self::StatusCode,
            "title" | "hydra:title" | "httpMessage" => Self::Title,
            "type" => Self::Type,
            "status" => Self::Status,
            "Status" => Self::NumericStatus,
            // Gate.io names its code `label`; Alchemy Pay `returnCode` (WeChat Pay `return_code`),
            // 2C2P `respCode`, Amazon Pay `reasonCode`, Oracle `o:errorCode`, Monnify
            // `responseCode`, Viva Wallet `ErrorCode`, YouHodler `errorLabel` (beside a numeric
            // `errorCode`), Thunes `ReturnCode`, PPRO `failureCode`, XT.com `mc` (its message code,
            // beside a return code `rc` of 0 or 1), Forte `response_code` (in its `response`),
            // Google's payment integrator APIs `errorResponseCode`, Saferpay `ErrorName` (beside
            // its `ErrorMessage`), NICEPAY and KG Inicis `resultCode` (beside a `resultMsg`), Sage
            // `$dataCode`, Salt Edge `error_class` (`ClientNotFound`), LianLian `ret_code`, VNPay
            // `vnp_ResponseCode`.
            "code" | "error_code" | "errorCode" | "retCode" | "api_error_code" | "errorName"
            | "errcode" | "errCode" | "err_code" | "err-code" | "label" | "errorLabel"
            | "returnCode" | "return_code" | "respCode" | "reasonCode"
            | "o:errorCode" | "responseCode" | "response_code"
            | "errorcode" | "EC"
            | "failureCode" | "failure_code" | "apiErrorCode" | "errorResponseCode" | "mc"
            | "resultCode" | "$dataCode" | "error_class" | "ret_code"
            | "vnp_ResponseCode" => Self::Code,
            "error_codes" | "errorCodes" => Self::Codes,
            // Mangopay capitalises its keys as .NET does: `Message`, `Type`, `Id`.
            "error_type" | "errorType" | "Type" => Self::ErrorType,
            "name" | "nome" => Self::Name,
            "__type" => Self::AwsType,
            "id" => Self::Id,
            // Mambu's `errorReason` (`INVALID_PARAMETERS`) beside its numeric `errorCode`; the
            // `message_code` of Cybrid's errors and Vinted's (`invalid_authentication_token`,
            // beside a numeric `code`).
            "reason" | "errorReason" | "message_code" | "messageCode" => Self::Reason,
            // CloudPayments' `Success` too, as .NET capitalises it.
            "success" => Self::Success,
            "ok" => Self::Ok,
            // GraphQL's top-level `extensions` carry the request id where `meta` does elsewhere.
            "meta" | "extensions" => Self::Meta,
            "sys" => Self::Sys,
            "trace" => Self::Trace,
            "request_id"
            | "requestId"
            | "requestID"
            | "debug_id"
            // Coinflow's.
            | "debugId"
            | "trace_id"
            | "clerk_trace_id"
            | "traceId"
            | "correlation_id"
            | "correlationId"
            // Viva Wallet's `CorrelationId` too, with .NET's capitals.
            | "pspReference"
            | "debugging_request_id"
            // Fiserv's, vnd.error's `logref`, Yapily's, Yodlee's (for its support).
            | "apiTraceId"
            | "logref"
            | "tracingId"
            | "referenceCode"
            // Clearent's.
            | "exchange-id"
            // The id of the error itself, which is what support asks for: Mangopay's.
            | "error_id"
            | "Id" => Self::RequestId,
            "errorId" => Self::ErrorId,
            // Grab's `arg`, beside its `reason` (`invalid_argument`).
            "param" | "field" | "arg" => Self::Param,
            "source" => Self::Source,
            "validation" => Self::Validation,
            // Hugging Face's 503 for a model still loading gives the seconds it expects to take.
            "retry_after" | "retryAfter" | "estimated_time" => Self::RetryAfter,
            // The Mesh (Rosetta) API's blockchain nodes answer every error with a 500 and say in
            // `retriable` whether to try again.
            "retryable" | "isRetryable" | "retriable" => Self::Retryable,
            "details" => Self::Details,
            // Bill.com's `response_data`, beside its `response_status` and `response_message`;
            // Payabli's `responseData`.
            "data" | "response_data" | "responseData" => Self::Data,
            // HAL's `_embedded`, and Box's `context_info`, which hold the list of `errors`.
            "_embedded" | "context_info" => Self::Embedded,
            "result" => Self::Result,
            // Infobip's `requestError`, which holds its `serviceException`; Visa's `errorResponse`
            // (`{status, message, reason, details}`); CloudPayments' `Model`, which holds a
            // declined payment's `ReasonCode` and `CardHolderMessage`; the `exception` of Volt's
            // earlier API (`{"code", "message", "errorList"}`), where it is an object: Laravel's
            // is a class name, Slim's a list of stack frames. ServiceStack's `responseStatus`
            // (`{errorCode, message, errors: [{errorCode, fieldName, message}]}`), which it
            // capitalises as .NET does where its JSON keeps the C# names. The `answer` of Lyra's
            // platforms (PayZen, Izipay, Systempay): `{"status": "ERROR", "answer": {errorCode,
            // errorMessage, detailedErrorMessage}}`, with a 200.
            "answer" | "body" | "responseStatus" | "response"
            | "ResponseMetadata" | "_status"
            | "requestError" | "Model" | "exception" | "payload" | "errorResponse" => Self::Wrapper,
            "context" => Self::Context,
            // Tripletex's `validationMessages: [{field, message}]`; VMware's `validationFailures:
            // [{failureMessage, violationPath}]`.
            "validationErrors" | "validation_errors" | "fieldErrors" | "field_errors" | "cause"
            | "extraDetails" | "validationMessages" | "validationFailures" | "formErrors" => {
                Self::Causes
            }
            "fields" => Self::Fields,
            "params" => Self::Params,
            // Magento's (Adobe Commerce's).
            "parameters" => Self::Parameters,
            // Alipay's (and Taobao's) method-named envelope: `{"alipay_trade_pay_response": {code,
            // msg, sub_code, sub_msg}, "sign": ..}`, `{"error_response": {..}}`.
            _ if name.ends_with("_response") => Self::Wrapper,
            _ => Self::Other,
        }
    }
}

/// `name` with its first letter in lower case, written into `buf`: a `PascalCase` key in
/// `camelCase`. `None` for a name that does not start with a capital letter, or is too long to be
/// any known key.
fn camel_case<'b>(name: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let (first, rest) = name.as_bytes().split_first()?;
    if !first.is_ascii_uppercase() {
        return None;
    }
    let buf = buf.get_mut(..name.len())?;
    let (head, tail) = buf.split_first_mut()?;
    *head = first.to_ascii_lowercase();
    tail.copy_from_slice(rest);
    std::str::from_utf8(buf).ok()
}

/// Keys of an error object.
enum InnerKey {
    Code,
    /// A code only where it is text: PayU's `statusCode`, which elsewhere is the HTTP status.
    TextCode,
    Status,
    Message,
    Detail,
    Title,
    Type,
    Param,
    /// The fields at fault, listed: ABP's `validationErrors: [{"message", "members": ["name"]}]`.
    Members,
    /// The field at fault in Circle's errors and Google's legacy ones (`"locationType":
    /// "parameter", "location": "part"`), or the part of the request in express-validator's
    /// (`"location": "body"`), which names no field.
    Location,
    Source,
    Extensions,
    RequestId,
    RetryAfter,
    Retryable,
    Reason,
    Details,
    Errors,
    /// Recurly's list of causes, `[{param, message}]`; or an Ajv error's keyword parameters
    /// (`{"missingProperty": "amount"}`), whose keys are no fields.
    Params,
    Issues,
    /// A map of field to messages beside the error's own message (Onfido's `fields`); not a list
    /// of field names.
    Fields,
    /// Microsoft's `innerError`, which holds the request id.
    InnerError,
    /// An object whose fields are the error's own: Paytm's `resultInfo` in its `body`; or, where
    /// it is text, the error's message.
    Nested,
    Loc,
    Path,
    /// Worldpay's `"jsonPath": "$.instruction.value.amount"`.
    JsonPath,
    /// A JSON Pointer to the field: RFC 9457's `"pointer": "#/age"`, Ajv's `instancePath`.
    Pointer,
    /// RFC 9457's `invalid-params[].name`, or an error's class name.
    Name,
    Id,
    /// An error's `error` as text: a sentence to fall back on (`StraitsX`'s `{"error": "Invalid
    /// parameter", "error_code": "XFE12"}`), or a code-like name of the error.
    Error,
    /// eBay's numeric `"errorId": 15008`, its code; Afterpay's textual one is an occurrence's id,
    /// Primer's (`ClientSessionValidationError`) the error's name.
    ErrorId,
    Parameters,
    /// Alipay's `sub_code` and `sub_msg`: the error itself, below the gateway's category
    /// (`"code": "40004", "msg": "Business Failed"`), which they replace; Clerk's `long_message`,
    /// which says in full what its `message` says in short (`"is invalid"`).
    SubCode,
    SubMessage,
    Other,
}

impl InnerKey {
    fn from_name(name: &str) -> Self {
        match name {
            // Infobip's `messageId` names the error, as VMware's does; Sage's is its `$dataCode`,
            // Salt Edge's its `class` (`ClientNotFound`).
            "code" | "error_code" | "errorCode" | "errorcode" | "errorName" | "errcode"
            | "errCode" | "err_code" | "err-code" | "resultCode" | "ErrorCode" | "o:errorCode"
            | "ReasonCode" | "reasonCode" | "Code" | "CodeN" | "response_code" | "sCode"
            | "failureCode" | "rejectionCode" | "messageId" | "$dataCode" | "result-code"
            | "class" | "error_class" => Self::Code,
            "statusCode" => Self::TextCode,
            "status" => Self::Status,
            // Pix's `razao` (the reason a field is refused), Okta's `errorSummary`, Conekta's
            // `debug_message` (in English, before its `message` for the payer), Authorize.Net's
            // `errorText`, Unzer's `merchantMessage` (before its `customerMessage`), Forte's
            // `response_desc` (beside its `response_code`, in its `response`), Zettle's
            // `developerMessage` (in its `violations`), pawaPay's `failureMessage` (and
            // `rejectionMessage`, beside `failureCode` and `rejectionCode`); the English of an
            // error given in languages (Synapse's `"error": {"en": ..}`); the Mastercard
            // Gateway's `explanation`; Sage's `$message`; CloudPayments' `CardHolderMessage`, in
            // its `Model`; Infobip's `violation`, beside the `property` it names.
            "message" | "msg" | "Message" | "error_message" | "errorMessage" | "faultstring"
            | "statusDesc" | "errmsg" | "errMsg" | "err_msg" | "err-msg" | "error_msg"
            | "resultMessage" | "resultMsg" | "text" | "razao" | "errorSummary"
            | "debug_message" | "errorText" | "merchantMessage" | "errorMsg" | "ErrorMessage"
            | "errormessage" | "response_desc" | "developerMessage" | "statusDescription"
            | "errormsg" | "sMsg" | "failureMessage" | "rejectionMessage" | "en"
            | "explanation" | "$message" | "CardHolderMessage" | "error-message" | "response"
            | "violation" => Self::Message,
            // The `info` of apilayer's APIs (Fixer's, currencylayer's, ipstack's); Mambu's
            // `errorSource`, below the `errorMsg` of others that name where the error arose in it.
            "detail" | "description" | "error_description" | "errorDescription" | "error_desc"
            | "issue" | "Description" | "errorDetail" | "info" | "errorSource" => Self::Detail,
            "title" => Self::Title,
            "type" | "Type" | "__type" | "error_type" | "errorType" => Self::Type,
            // Worldline's (and Ingenico's) `propertyName`, Symfony's `propertyPath`, Pix's
            // `propriedade`, Gusto's `error_key`, PagBank's `parameter_name`, Tpay's `fieldName`,
            // Oracle's `o:errorPath`, Spreedly's (and Rails's) `attribute`, drf-standardized-errors'
            // `attr`, the `target` of Microsoft's REST guidelines (Azure's, OData's), Sage's
            // `$source`, VMware's `violationPath`, ShipEngine's `field_name`, Scaleway's
            // `argument_name`, PaySimple's `Field` (and its 2019 API's `property_name`).
            "param" | "field" | "parameter" | "property" | "propertyName" | "propertyPath"
            | "propriedade" | "error_key" | "parameter_name" | "fieldName" | "FieldName"
            | "field_name" | "argument_name" | "o:errorPath" | "attribute" | "attr" | "target"
            | "$source" | "violationPath" | "Field" | "property_name" => Self::Param,
            "members" => Self::Members,
            "location" => Self::Location,
            "name" => Self::Name,
            "source" => Self::Source,
            // GraphQL's `extensions`; Clerk's `meta`, which names the param.
            "extensions" | "meta" => Self::Extensions,
            // vnd.error's `logref` (Spring HATEOAS, Finix), Yapily's `tracingId`, Primer's
            // `diagnosticsId`, the Mastercard Gateway's `supportCode`, PaySimple's `TraceCode`.
            "request_id" | "requestId" | "debug_id" | "operation_id" | "logref" | "tracingId"
            | "diagnosticsId" | "RequestId" | "trace_id" | "traceId" | "supportCode"
            | "TraceCode" => Self::RequestId,
            "retry_after" | "retryAfter" => Self::RetryAfter,
            // Mastercard's `Recoverable`: "whether retrying this request could result in a
            // successful response".
            "retryable" | "isRetryable" | "retriable" | "Recoverable" | "recoverable" => {
                Self::Retryable
            }
            // Gusto's `category` is its only code; Square's and the Berlin Group's yield to their
            // `code`, as a reason does.
            "reason" | "category" | "errorReason" | "Reason" => Self::Reason,
            // JSON-RPC 2.0's `data`, "additional information about the error" (Deribit's
            // `{"reason": .., "param": ..}`).
            "details" | "data" => Self::Details,
            // Wompi's `messages`, a map of field to messages; the `Fault.Error` list of QuickBooks;
            // the `parameterErrors` of ACI's Open Payment Platform (Peach, HyperPay and others);
            // the `errorList` in the `exception` of Volt's earlier API; MoneyGram's
            // `offendingFields: [{field, message}]`; PaySimple's `ErrorMessages: [{Field,
            // Message}]`.
            "errors" | "Errors" | "validationErrors" | "validation_errors" | "fieldErrors"
            | "field_errors" | "messages" | "Error" | "parameterErrors" | "errorList"
            | "offendingFields" | "ErrorMessages" => Self::Errors,
            "params" => Self::Params,
            // Onfido's map of field to messages.
            "fields" => Self::Fields,
            "issues" => Self::Issues,
            "innerError" | "innererror" => Self::InnerError,
            // Infobip's `serviceException` (or `policyException`): `{"messageId": "UNAUTHORIZED",
            // "text": ..}`. Cybersource's `rmsg`, in its `response`: the message where a request's
            // signature failed, or OAuth's `{error, error_description}` where its token did.
            "resultInfo" | "serviceException" | "policyException" | "rmsg" => Self::Nested,
            "loc" => Self::Loc,
            "path" | "Path" => Self::Path,
            // Ajv 6's `dataPath` (`".amount"`), the property access that became `instancePath`.
            "jsonPath" | "dataPath" => Self::JsonPath,
            "pointer" | "instancePath" => Self::Pointer,
            "id" => Self::Id,
            "errorId" => Self::ErrorId,
            // The Mastercard Gateway's (MPGS's) `cause` is the error's name (`INVALID_REQUEST`,
            // `SERVER_BUSY`), beside its `explanation`. superjson (tRPC's usual transformer)
            // wraps the error in `json`.
            "error" | "cause" | "json" => Self::Error,
            "parameters" => Self::Parameters,
            "sub_code" => Self::SubCode,
            "sub_msg" | "long_message" => Self::SubMessage,
            _ => Self::Other,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lenient leaf values

/// A string that says something, borrowed where it has no escapes. A blank one is as good as
/// absent: `{"detail": "", "message": "Invalid currency_pair"}` reads the message.
fn text<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    Ok(Some(reader.string()?).filter(|text| text.bytes().any(|b| !b.is_ascii_whitespace())))
}

/// A string, as [`text`] reads it. Integers become their text; anything else is skipped.
fn lenient<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    match reader.peek()? {
        Next::String => text(reader),
        Next::Number => {
            let number = reader.number()?;
            let fits = number.as_i64().is_some() || number.as_u64().is_some();
            Ok(fits.then_some(Cow::Borrowed(number.text)))
        }
        _ => reader.skip().map(|()| None),
    }
}

/// A code: text or an integer. Anything else is skipped.
fn code<'a>(reader: &mut Reader<'a>) -> Result<Option<Code<'a>>> {
    match reader.peek()? {
        Next::String => Ok(text(reader)?.map(Code::Text)),
        // `0` is no code: it is what a PHP exception (Yii's, Laravel's) says when it was given
        // none, and what APIs that send a code on every response send on success.
        Next::Number => Ok(reader
            .number()?
            .as_i64()
            .filter(|&n| n != 0)
            .map(Code::Number)),
        _ => reader.skip().map(|()| None),
    }
}

/// A boolean; anything else is skipped.
fn boolean(reader: &mut Reader<'_>) -> Result<Option<bool>> {
    match reader.peek()? {
        Next::Bool => reader.literal(),
        _ => reader.skip().map(|()| None),
    }
}

/// A delay in seconds: a non-negative number, a numeric string, or a Google duration (`"30s"`).
fn seconds(reader: &mut Reader<'_>) -> Result<Option<Duration>> {
    let max = crate::headers::MAX_SERVER_DELAY;
    match reader.peek()? {
        Next::Number => {
            let number = reader.number()?;
            if let Some(seconds) = number.as_u64() {
                return Ok(Some(Duration::from_secs(seconds).min(max)));
            }
            // A fraction, a negative number, or an integer past u64 (as good as the clamp).
            Ok(number
                .as_f64()
                .filter(|v| v.is_finite() && *v >= 0.0)
                .map(|v| Duration::from_secs_f64(v.min(max.as_secs_f64()))))
        }
        Next::String => {
            let text = reader.string()?;
            Ok(parse_decimal(&text, crate::headers::Unit::Seconds)
                .or_else(|| parse_go_duration(&text)))
        }
        _ => reader.skip().map(|()| None),
    }
}

// ---------------------------------------------------------------------------------------------
// The top level

fn top<'a>(reader: &mut Reader<'a>, fields: &mut Fields<'a>) -> Result<()> {
    match reader.peek()? {
        Next::Object => {
            fields.is_object = true;
            reader.object(|reader, key| top_member(reader, &key, fields))?;
            if let Some(errors) = fields.errors.as_mut().filter(|_| !fields.has_data) {
                set(&mut errors.param, errors.listed_path.take());
            }
            Ok(())
        }
        Next::Array => {
            fields.is_object = true;
            top_array(reader, fields.errors.get_or_insert_with(Inner::default))
        }
        // A bare JSON string is the message.
        Next::String => {
            fields.message = text(reader)?;
            Ok(())
        }
        _ => reader.skip(),
    }
}

/// A top-level array: a list of error objects, or an error tagged as one: Bitfinex's
/// `["error", 10020, "symbol: invalid"]`, whose tag is no message. After the tag, a number is the
/// code and the first text the message.
fn top_array<'a>(reader: &mut Reader<'a>, inner: &mut Inner<'a>) -> Result<()> {
    let mut tagged = false;
    reader.array(|reader, index| match index {
        0 if reader.peek()? == Next::String => {
            let text = reader.string()?;
            tagged = text.eq_ignore_ascii_case("error");
            if !tagged {
                inner.message = Some(text);
            }
            Ok(())
        }
        0 => error_object(reader, inner),
        1 if tagged && reader.peek()? == Next::Number => {
            inner.code = code(reader)?;
            Ok(())
        }
        1 | 2 if tagged => {
            set(&mut inner.message, lenient(reader)?);
            Ok(())
        }
        _ => reader.skip(),
    })
}

#[allow(clippy::too_many_lines)] // a table: one arm per key of the top level
fn top_member<'a>(reader: &mut Reader<'a>, key: &str, fields: &mut Fields<'a>) -> Result<()> {
    match TopKey::from_name(key) {
        TopKey::Detail => text_or_object(reader, &mut fields.detail, &mut fields.detail_inner)?,
        TopKey::Messages if reader.peek()? == Next::Object => {
            // Authorize.Net's `{"resultCode": "Error", "message": [{code, text}]}`; otherwise a map
            // of field to message, as a `message` may be (CodeIgniter's `{"amount": ".."}`).
            let listed = |name: &str| name == "message";
            let (found, raw) = reader
                .with_raw(|reader| member_of(reader, listed, |reader| causes(reader).map(Some)))?;
            match found {
                Some(found) => set(&mut fields.errors, Some(found)),
                None => message(&mut Reader::new(raw.as_bytes()), fields)?,
            }
        }
        TopKey::Message | TopKey::Messages => message(reader, fields)?,
        // Bitkub's `{"error": 30}`: a number is the error's code, unless it is `0` (on success)
        // or the HTTP status (CodeIgniter's `{"status": 400, "error": 400}`).
        TopKey::Error if reader.peek()? == Next::Number => {
            let number = code(reader)?.filter(|code| !code.is_http_status());
            set_code(&mut fields.code, number);
        }
        TopKey::Error => text_or_object(reader, &mut fields.error_text, &mut fields.error)?,
        TopKey::Errors => errors(reader, fields.errors.get_or_insert_with(Inner::default))?,
        TopKey::Issues => issues(reader, fields.errors.get_or_insert_with(Inner::default))?,
        // Werkzeug's `{"code", "name", "description"}`, whose description is webargs's map of
        // field to messages where a request did not validate; Efí's (Gerencianet's) `{"code",
        // "error", "error_description": {"property", "message"}}`, one error object.
        TopKey::Description | TopKey::ErrorDescription if reader.peek()? == Next::Object => {
            errors(reader, fields.errors.get_or_insert_with(Inner::default))?;
        }
        TopKey::ErrorDescription => set(&mut fields.error_description, lenient(reader)?),
        TopKey::Description => set(&mut fields.description, lenient(reader)?),
        TopKey::Info => set(&mut fields.info, lenient(reader)?),
        TopKey::StatusCode => {
            let code = lenient(reader)?.filter(|code| !is_http_status(code));
            set(&mut fields.status_code, code);
        }
        TopKey::Title => set(&mut fields.title, lenient(reader)?),
        TopKey::Type => set(&mut fields.problem_type, lenient(reader)?),
        TopKey::Status | TopKey::Result | TopKey::Wrapper | TopKey::Context
            if reader.peek()? == Next::Object =>
        {
            set(&mut fields.wrapper, reader.raw()?);
        }
        TopKey::Result | TopKey::Wrapper if reader.peek()? == Next::String => {
            set(&mut fields.result_text, Some(reader.string()?));
        }
        TopKey::Status => status(reader, fields)?,
        TopKey::NumericStatus if reader.peek()? == Next::Number => status(reader, fields)?,
        TopKey::Code => match code(reader)? {
            Some(code) if code.is_http_status() => set(&mut fields.status_like_code, Some(code)),
            code => set_code(&mut fields.code, code),
        },
        TopKey::Codes => set(&mut fields.code, first_text(reader)?.map(Code::Text)),
        TopKey::ErrorType => set(&mut fields.error_type, lenient(reader)?),
        TopKey::Name => set(&mut fields.name, lenient(reader)?),
        TopKey::AwsType => {
            let code = lenient(reader)?.map(|code| narrow(code, aws_error_code));
            set(&mut fields.name, code.filter(|code| !code.is_empty()));
        }
        TopKey::Id => set(
            &mut fields.name,
            lenient(reader)?.filter(|id| is_symbolic(id)),
        ),
        TopKey::Reason => set(&mut fields.reason, reason(reader)?),
        TopKey::Success => fields.success = boolean(reader)?,
        TopKey::Ok => fields.ok = boolean(reader)?,
        // A token, not a stack trace (Spring's `trace`, when it is sent, is the whole stack).
        TopKey::Trace if reader.peek()? == Next::String => {
            let id = lenient(reader)?.filter(|id| super::is_code_like(id));
            set(&mut fields.request_id, id);
        }
        TopKey::Sys => set(&mut fields.name, sys_id(reader)?),
        TopKey::SubCode => fields.code = code(reader)?.or(fields.code.take()),
        TopKey::SubMessage => fields.message = lenient(reader)?.or(fields.message.take()),
        TopKey::Meta => {
            let ((), raw) = reader
                .with_raw(|reader| top_meta(reader, &mut fields.request_id, &mut fields.param))?;
            set(
                &mut fields.meta,
                Some(raw).filter(|raw| raw.starts_with('{')),
            );
        }
        TopKey::Trace => meta(reader, &mut fields.request_id)?,
        TopKey::RequestId => set(&mut fields.request_id, lenient(reader)?),
        // A symbol names the error as a reason does, and outranks a numeric code as one does.
        TopKey::ErrorId => match lenient(reader)? {
            Some(id) if super::is_symbol(&id) && !is_occurrence_id(&id) => {
                set(&mut fields.reason, Some(id));
            }
            id => set(&mut fields.request_id, id),
        },
        TopKey::Param => set(&mut fields.param, lenient(reader)?),
        TopKey::Source => set(&mut fields.param, top_source(reader)?),
        TopKey::Validation => validation(reader, fields)?,
        TopKey::RetryAfter => set(&mut fields.retry_after, seconds(reader)?),
        TopKey::Retryable => set(&mut fields.retryable, boolean(reader)?),
        // A text is the error's description where nothing else gives one (Moaform's
        // `{"code": "THROTTLE_LIMITED", "details": ".."}`); the raw value stays in `details`.
        TopKey::Details if reader.peek()? == Next::String => {
            let (text, raw) = reader.with_raw(Reader::string)?;
            set(&mut fields.description, Some(text));
            fields.details = Some(raw);
        }
        TopKey::Details => fields.details = reader.raw()?,
        TopKey::Data => {
            fields.has_data = true;
            fields.data = reader.raw()?;
        }
        TopKey::Embedded => {
            let found = member_of(reader, |name| name == "errors", |r| causes(r).map(Some))?;
            set(&mut fields.errors, found);
        }
        TopKey::Causes => top_causes(reader, fields)?,
        TopKey::Fields if reader.peek()? == Next::Object => top_causes(reader, fields)?,
        // A list of errors that name their fields, under `fields` (Sweuze's), `params` (http4k's)
        // or `parameters` (Maya's); Magento's `parameters` are its message's values.
        TopKey::Fields | TopKey::Params | TopKey::Parameters if reader.starts_list_of_objects() => {
            let (first, raw) = reader.with_raw(causes)?;
            if first.param.is_some() || first.name.is_some() {
                take_causes(fields, first, raw);
            }
        }
        TopKey::Parameters => fields.parameters = reader.raw()?,
        // `Other`, and the keys above in a shape that says nothing (a `context` that is text).
        _ => reader.skip()?,
    }
    Ok(())
}

/// A top-level `status` that is no object: a state, or the error's code where it reads as one.
fn status<'a>(reader: &mut Reader<'a>, fields: &mut Fields<'a>) -> Result<()> {
    fields.state = Some(State::Unsaid);
    let code = match reader.peek()? {
        // bitFlyer's `"status": -200` is its error code: no HTTP status is negative.
        Next::Number => {
            let status = lenient(reader)?;
            fields.state = Some(status.as_deref().map_or(State::Unsaid, State::of));
            status.filter(|status| status.starts_with('-'))
        }
        // Google Maps' `"status": "OVER_QUERY_LIMIT"` (beside its `error_message`, with a 200)
        // is its code; a word (`"error"`, JSend's `"fail"`, `"REJECTED"`) is a state, and the
        // name of an HTTP status (Spring's `"BAD_REQUEST"`) only the status again.
        Next::String => {
            let status = text(reader)?;
            fields.state = Some(status.as_deref().map_or(State::Unsaid, State::of));
            if let Some(words) = status.as_ref().filter(|status| status.contains(' ')) {
                set(&mut fields.result_text, Some(words.clone()));
            }
            status.filter(|status| super::is_symbol(status) && !super::is_status_name(status))
        }
        Next::Bool => {
            if boolean(reader)? == Some(false) {
                fields.state = Some(State::Failed);
            }
            return Ok(());
        }
        _ => return reader.skip(),
    };
    set(&mut fields.status_code, code);
    Ok(())
}

/// What a top-level `status` says of the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    Succeeded,
    /// Any state but success: `"err"`, Etherscan's `"0"`, `false`.
    Failed,
    /// A `status` that says neither (`true`, `null`, an empty text).
    Unsaid,
}

impl State {
    /// `"ok"`, `"success"`, Etherscan's `"1"` or a 2xx say the request succeeded; anything else
    /// that it failed.
    fn of(status: &str) -> Self {
        let succeeded = ["ok", "success", "succeeded", "successful"]
            .iter()
            .any(|word| status.eq_ignore_ascii_case(word))
            || status == "1"
            || matches!(status.as_bytes(), [b'2', b'0'..=b'9', b'0'..=b'9']);
        if succeeded {
            Self::Succeeded
        } else {
            Self::Failed
        }
    }
}

/// Whether a code (or `status_code`) is shaped as an HTTP status (`400`, `"503"`) rather than
/// naming an error of the API's own (EBANX's `"BP-DR-23"`, Opayo's `"4020"`).
fn is_http_status(code: &str) -> bool {
    matches!(code.as_bytes(), [b'1'..=b'5', b'0'..=b'9', b'0'..=b'9'])
}

/// Keeps the first value a key gave: `{"message": "a", "msg": ""}` reads `a`.
fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Keeps the first code, except that a name replaces a number read before it: it says more
/// (`YouHodler`'s `errorLabel` after its `errorCode`, Payrix's `errorCode` after its numeric
/// `code`, a category).
fn set_code<'a>(slot: &mut Option<Code<'a>>, code: Option<Code<'a>>) {
    match code {
        Some(text @ Code::Text(_)) if matches!(slot, Some(Code::Number(_))) => *slot = Some(text),
        code => set(slot, code),
    }
}

/// A top-level `message`: text; a list of texts, of which the first is kept (NestJS's validation
/// errors), or of error objects, which is the list of errors; or a map of field to message
/// (Flask-RESTful's), which also names the param, unless it maps languages to translations
/// (`{"pt-BR": .., "en": ..}`), of which the English one is kept.
fn message<'a>(reader: &mut Reader<'a>, fields: &mut Fields<'a>) -> Result<()> {
    match reader.peek()? {
        Next::Object => {
            let (first, raw) = reader.with_raw(first_field_text)?;
            if let Some((field, message)) = first.filter(|_| fields.message.is_none()) {
                if is_language_tag(&field) {
                    fields.message = Some(english(&field, raw, message));
                } else if field == "detail" {
                    // A framework's own body passed on as the message: FastAPI's, in Mistral's
                    // `{"message": {"detail": [{"loc": ["body", "model"], "msg": ..}]}}`.
                    let mut nested = Reader::new(raw.as_bytes());
                    let wanted = |name: &str| name == "detail";
                    let cause = member_of(&mut nested, wanted, |reader| causes(reader).map(Some));
                    fields.message = Some(message);
                    set(
                        &mut fields.param,
                        cause.ok().flatten().and_then(|mut c| c.field()),
                    );
                } else if fields.errors.is_none()
                    && let Some(error) = own_error(raw)
                {
                    // An error object under the name (`{"message": {"code": "E12", "text": "Bad
                    // amount"}}`), no map of fields: the body's error, where it lists none.
                    fields.errors = Some(error);
                } else {
                    fields.message = Some(message);
                    set(&mut fields.param, Some(field).filter(|f| is_field(f)));
                }
            }
        }
        // A list of error objects under a message key is the list of errors (PagBank's
        // `error_messages: [{code, description, parameter_name}]`, BlueSnap's `message`). A list
        // of objects that say nothing is not: VMware's `moreInformation: [{name, value}]` beside
        // its `message`.
        Next::Array if fields.errors.is_none() && reader.starts_list_of_objects() => {
            let mut first = Inner::default();
            first_of(reader, &mut first)?;
            fields.errors = Some(first).filter(Inner::says_what);
        }
        Next::Array => set(&mut fields.message, first_text(reader)?),
        // h3's (Nuxt's) `{"statusMessage": "Too Many Requests", "message": "Rate limit exceeded"}`:
        // a reason phrase read first gives way to a message that says more.
        _ => match lenient(reader)? {
            Some(text)
                if fields
                    .message
                    .as_deref()
                    .is_some_and(super::is_reason_phrase) =>
            {
                fields.message = Some(text);
            }
            text => set(&mut fields.message, text),
        },
    }
    Ok(())
}

/// The top level's list of causes: the first names the param and gives a message to fall back on,
/// and the list is the error's details, where the body has no `details` of its own.
fn top_causes<'a>(reader: &mut Reader<'a>, fields: &mut Fields<'a>) -> Result<()> {
    let (first, raw) = reader.with_raw(causes)?;
    take_causes(fields, first, raw);
    Ok(())
}

/// Takes what the first of the top level's causes says, and the raw list as its details.
fn take_causes<'a>(fields: &mut Fields<'a>, mut first: Inner<'a>, raw: &'a str) {
    set(&mut fields.param, first.field());
    set(&mut fields.cause_message, first.message.or(first.detail));
    if is_meaningful(raw) {
        set(&mut fields.details, Some(raw));
    }
}

/// A top-level `source`: the field at fault, as Airwallex names it (`"merchant_order_id"`,
/// `"individual.employers[0].type"`), or as [`source`] reads a JSON:API error's. A sentence, a
/// URL's path, or the party the error came from (Nets's `"Internal"`, and the origins of
/// Razorpay's errors) names no field.
fn top_source<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    if reader.peek()? != Next::String {
        return source(reader);
    }
    let text = reader.string()?;
    Ok(if is_pointer(&text) {
        pointer_path(text).filter(|path| !is_url_path(path))
    } else {
        Some(text).filter(|text| is_field_path(text) && !is_origin(text))
    })
}

/// Whether `text` names the party an error came from, as Razorpay's `source` does.
fn is_origin(text: &str) -> bool {
    [
        "internal", "external", "business", "merchant", "customer", "bank", "gateway", "issuer",
        "network", "server", "client", "system", "NA",
    ]
    .into_iter()
    .any(|origin| text.eq_ignore_ascii_case(origin))
}

/// hapi's `validation`, which names the fields at fault in `keys` (`{"source": "payload", "keys":
/// ["amount"]}`), and celebrate's, which does so for each part of the request it checked, with
/// the message of the first failure (`{"body": {"source": "body", "keys": ["amount"],
/// "message": ..}}`).
fn validation<'a>(reader: &mut Reader<'a>, fields: &mut Fields<'a>) -> Result<()> {
    fn member<'a>(reader: &mut Reader<'a>, key: &str, fields: &mut Fields<'a>) -> Result<()> {
        match key {
            "keys" => set(&mut fields.param, first_text(reader)?),
            "message" => set(&mut fields.cause_message, lenient(reader)?),
            _ => reader.skip()?,
        }
        Ok(())
    }
    if reader.peek()? != Next::Object {
        return reader.skip();
    }
    reader.object(|reader, key| {
        if reader.peek()? == Next::Object {
            reader.object(|reader, key| member(reader, &key, fields))
        } else {
            member(reader, &key, fields)
        }
    })
}

/// Whether a key of a map of field to messages names a field, rather than the errors of no one
/// field: Django's `non_field_errors` and `__all__` (`nonFieldErrors` where the API's keys are
/// camel-cased, as the Safe Transaction Service's are), Rails's `base`, marshmallow's `_schema`,
/// `CodeIgniter`'s `error`, Zod's `formErrors`.
pub(super) fn is_field(key: &str) -> bool {
    !matches!(
        key,
        "non_field_errors"
            | "nonFieldErrors"
            | "__all__"
            | "base"
            | "_schema"
            | "error"
            | "formErrors"
            | ""
    )
}

/// Whether `key` is a language tag (`en`, `pt-BR`, `zh_CN`): two lower-case letters, and a region
/// of two letters after a dash or an underscore.
fn is_language_tag(key: &str) -> bool {
    let bytes = key.as_bytes();
    let language = |b: &[u8]| b.len() == 2 && b.iter().all(u8::is_ascii_lowercase);
    match (bytes.get(..2), bytes.get(2), bytes.get(3..)) {
        (Some(lang), None, _) => language(lang),
        (Some(lang), Some(b'-' | b'_'), Some(region)) => {
            language(lang) && region.len() == 2 && region.iter().all(u8::is_ascii_alphabetic)
        }
        _ => false,
    }
}

/// A message given in several languages (Payme's `{"ru": .., "uz": .., "en": ..}`), of which
/// `first` (under the language tag `tag`) was read first from the object `raw`: the English one,
/// where there is one, else `first`.
fn english<'a>(tag: &str, raw: &'a str, first: Text<'a>) -> Text<'a> {
    if is_english(tag) {
        return first;
    }
    let found = member_of(&mut Reader::new(raw.as_bytes()), is_english, lenient);
    found.ok().flatten().unwrap_or(first)
}

/// Whether the language tag `tag` names English (`en`, `en-US`, `en_GB`).
fn is_english(tag: &str) -> bool {
    tag.get(..2) == Some("en") && matches!(tag.as_bytes().get(2), None | Some(b'-' | b'_'))
}

/// An error's message given as an object, and the field it names: `OData` version 2's (SAP
/// Gateway's, `SharePoint`'s) `{"lang": "en", "value": ..}`, or the message in several languages
/// (Payme's `{"ru": .., "uz": .., "en": ..}`), of which the English one, else the first; or a map
/// of field to messages (`{"amount": "must be at least 50"}`), whose first message is the error's
/// and names its field.
fn message_object<'a>(reader: &mut Reader<'a>) -> Result<(Option<Text<'a>>, Option<Text<'a>>)> {
    let (first, raw) = reader.with_raw(first_field_text)?;
    let Some((key, message)) = first else {
        return Ok((None, None));
    };
    if is_language_tag(&key) {
        return Ok((Some(english(&key, raw, message)), None));
    }
    let value = member_of(
        &mut Reader::new(raw.as_bytes()),
        |key| key == "value",
        lenient,
    );
    Ok(match value.ok().flatten() {
        Some(value) => (Some(value), None),
        // An object of an error's own members (`{"code": .., "text": ..}`) is no map of fields.
        None if key == "lang" || !matches!(InnerKey::from_name(&key), InnerKey::Other) => {
            (None, None)
        }
        None => (Some(message), Some(key).filter(|key| is_field(key))),
    })
}

/// The error a raw object under a message's name is, where it gives a code and a text, as an
/// error object does; a map of fields to messages (GitLab's `{"name": ["has already been
/// taken"]}`) gives neither.
fn own_error(raw: &str) -> Option<Inner<'_>> {
    let mut inner = Inner::default();
    let _ = error_object(&mut Reader::new(raw.as_bytes()), &mut inner);
    inner.has_code_and_text().then_some(inner)
}

/// A value that is text or an error object (or a list of them): `"error"`, FastAPI's `"detail"`.
/// Text goes to `as_text`; an object, or a list's first object, to `inner`.
fn text_or_object<'a>(
    reader: &mut Reader<'a>,
    as_text: &mut Option<Text<'a>>,
    inner: &mut Option<Inner<'a>>,
) -> Result<()> {
    match reader.peek()? {
        Next::Object => {
            let inner = inner.get_or_insert_with(Inner::default);
            let start = reader.mark()?;
            error_object(reader, inner)?;
            if !inner.says_what() {
                field_map(reader.slice(start)?, inner);
            }
            Ok(())
        }
        Next::Array => first_of(reader, inner.get_or_insert_with(Inner::default)),
        Next::String => {
            set(as_text, text(reader)?);
            Ok(())
        }
        _ => reader.skip(),
    }
}

/// An error object that names none of an error's members may be a map of field to messages, as a
/// Laravel validator's errors are often sent (`{"error": {"amount": ["The amount field is
/// required."]}}`) and `FastSpring`'s are (`{"error": {"product": "Product not found"}}`). Its
/// first field is the param and its message the error's, where that message is a line of words.
fn field_map<'a>(raw: &'a str, inner: &mut Inner<'a>) {
    let Ok(Some((field, message))) = first_field_text(&mut Reader::new(raw.as_bytes())) else {
        return;
    };
    // A stack trace is no message, nor its key a field.
    if message.contains(' ')
        && !message.contains('\n')
        && matches!(InnerKey::from_name(&field), InnerKey::Other)
    {
        inner.field_entry(field, message);
    }
}

/// `"errors"`: a list of error objects, a map of field to messages (Rails, ASP.NET, Discord), or
/// one message (Shopify's `"errors": "Not Found"`).
fn errors<'a>(reader: &mut Reader<'a>, inner: &mut Inner<'a>) -> Result<()> {
    match reader.peek()? {
        Next::Array => first_of(reader, inner),
        Next::String => {
            set(&mut inner.message, text(reader)?);
            Ok(())
        }
        Next::Object => {
            // One error object where the first member is its code or message (Modern Treasury's
            // `"errors": {"code": .., "message": .., "parameter": ..}`, Solscan's numeric code) or
            // a numeric status (Banxa's `{"status": 422, "title": .., "detail": ..}`); otherwise a
            // map whose first field with a message names the param and gives the message. A
            // field's messages are text or a list, never a number; a field whose list is empty
            // reports nothing (LI.FI's `{"filteredOut": []}`). A null member says nothing either
            // way (Spring Data REST's `"cause": {"cause": null, "message": ..}`).
            //
            // A first member that names a field (Pix's `{"propriedade": .., "razao": ..}`) or a
            // type (the AWS query protocol's `{"Type": "Sender", "Code": .., "Message": ..}`) is
            // an error object's where the next one gives its message or code, and a map's first
            // field otherwise: it waits in `named` for that member.
            let (mut first, mut one_object, mut found) = (true, false, false);
            let mut named: Option<(Text<'a>, Text<'a>)> = None;
            reader.object(|reader, key| {
                if reader.peek()? == Next::Null {
                    return reader.skip();
                }
                if let Some((field, value)) = named.take() {
                    one_object = matches!(
                        InnerKey::from_name(&key),
                        InnerKey::Code | InnerKey::Message | InnerKey::Detail
                    );
                    if !one_object {
                        found = true;
                        inner.field_entry(field, value);
                    } else if matches!(InnerKey::from_name(&field), InnerKey::Type) {
                        set(&mut inner.error_type, Some(value));
                    } else {
                        let param = Some(value).filter(|p| is_field(p));
                        set(&mut inner.param, param.and_then(named_or_pointed));
                    }
                }
                if first && matches!(&*key, "Error" | "error") {
                    // Mastercard's `"Errors": {"Error": [..]}` wraps the list (or the one error)
                    // once more.
                    first = false;
                    found = true;
                    return match reader.peek()? {
                        Next::Array => first_of(reader, inner),
                        _ => error_object(reader, inner),
                    };
                }
                if std::mem::take(&mut first) {
                    if matches!(InnerKey::from_name(&key), InnerKey::Param | InnerKey::Type)
                        && reader.peek()? == Next::String
                    {
                        named = text(reader)?.map(|value| (key, value));
                        return Ok(());
                    }
                    // Phoenix's default `{"errors": {"detail": "Not Found"}}` is one too.
                    one_object = matches!(
                        (InnerKey::from_name(&key), reader.peek()?),
                        (InnerKey::Code, Next::String | Next::Number)
                            | (InnerKey::Message | InnerKey::Detail, Next::String)
                            | (InnerKey::Status, Next::Number)
                    );
                }
                if one_object {
                    return inner_member(reader, &key, inner);
                }
                if found {
                    return reader.skip();
                }
                if let Some((field, message)) = field_message(reader, key, 0)? {
                    found = true;
                    inner.field_entry(field, message);
                }
                Ok(())
            })?;
            // A map of that one field.
            if let Some((field, message)) = named {
                inner.field_entry(field, message);
            }
            Ok(())
        }
        _ => reader.skip(),
    }
}

/// The first text of a string, of an error object, or of a list of either (`["is required"]`,
/// Currencycloud's `[{"code": .., "message": ..}]`).
fn first_text<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    match reader.peek()? {
        Next::Array => {
            let mut first = None;
            reader.array(|reader, _| {
                let text = if first.is_none() && reader.peek()? == Next::Object {
                    first_text(reader)?
                } else {
                    lenient(reader)?
                };
                set(&mut first, text);
                Ok(())
            })?;
            Ok(first)
        }
        Next::Object => {
            let mut inner = Inner::default();
            error_object(reader, &mut inner)?;
            // Uphold nests a field's errors in the field's own error object.
            Ok(inner.message.or(inner.detail).or(inner.cause_message))
        }
        Next::String => text(reader),
        _ => reader.skip().map(|()| None),
    }
}

/// A top-level `reason`: text, a list of texts, or a map of field to messages (Bitstamp's
/// `{"__all__": ["Minimum order size is 10.0 USD."]}`), whose first message is kept.
fn reason<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    if reader.peek()? != Next::Object {
        return first_text(reader);
    }
    Ok(first_field_text(reader)?.map(|(_, message)| message))
}

/// The first member of a map of field to messages that gives a text, with that text.
fn first_field_text<'a>(reader: &mut Reader<'a>) -> Result<Option<(Text<'a>, Text<'a>)>> {
    first_field_text_below(reader, 0)
}

fn first_field_text_below<'a>(
    reader: &mut Reader<'a>,
    depth: usize,
) -> Result<Option<(Text<'a>, Text<'a>)>> {
    let mut first = None;
    reader.object(|reader, key| {
        if first.is_some() {
            return reader.skip();
        }
        first = field_message(reader, key, depth)?;
        Ok(())
    })?;
    Ok(first)
}

/// The first message of a field's value in a map of field to messages, and the field it is about.
///
/// The value is text, a list, or an object: the field's own error object (Uphold's), or a map
/// one level down. webargs (and flask-smorest) group the fields by the part of the request that
/// carried them (`{"json": {"amount": [..]}}`), which names no field, nor does Zod's
/// `fieldErrors`; marshmallow nests a schema's fields in a map of their own (`{"address": {"zip":
/// [..]}}`, the field `address.zip`), with the errors of no one field under `_schema` (the field
/// `address`). Each map down is read once more from its text, [`MAX_FIELD_NESTING`] maps at most,
/// so no byte of a hostile body is read more than five times.
fn field_message<'a>(
    reader: &mut Reader<'a>,
    key: Text<'a>,
    depth: usize,
) -> Result<Option<(Text<'a>, Text<'a>)>> {
    if reader.peek()? != Next::Object {
        return Ok(first_text(reader)?.map(|message| (key, message)));
    }
    let (message, raw) = reader.with_raw(first_text)?;
    if let Some(message) = message {
        return Ok(Some((key, message)));
    }
    if depth == MAX_FIELD_NESTING {
        return Ok(None);
    }
    let nested = first_field_text_below(&mut Reader::new(raw.as_bytes()), depth + 1)?;
    let Some((nested, message)) = nested else {
        return Ok(None);
    };
    let field = if is_request_part(&key) || is_field_group(&key) {
        nested
    } else if is_field(&nested) {
        Cow::Owned(format!("{key}.{nested}"))
    } else {
        key
    };
    Ok(Some((field, message)))
}

/// How many maps down a map of field to messages is read for its first message: a part of the
/// request and three nested schemas.
const MAX_FIELD_NESTING: usize = 4;

/// Whether a key names a part of the request (webargs's locations), under which the fields sent
/// in that part are listed. The names a location or a pointer begins with are
/// [`is_request_location`]'s.
fn is_request_part(key: &str) -> bool {
    matches!(
        key,
        "json"
            | "form"
            | "json_or_form"
            | "query"
            | "querystring"
            | "headers"
            | "cookies"
            | "files"
            | "view_args"
            | "match_info"
            | "path"
    )
}

/// Whether a key groups the errors of the fields below it and names none itself: Zod's
/// `flatten()` sent under `errors` (`{"formErrors": [], "fieldErrors": {"amount": [..]}}`).
fn is_field_group(key: &str) -> bool {
    matches!(key, "fieldErrors" | "field_errors")
}

/// Reads the first element of a list into an error object and skips the rest. In a list of
/// errors, a `path` given as text names the field at fault, as [`key_path`] reads it (Dwolla's
/// `"/amount/value"`). A list of keys does too where it is Joi's (`["items", 0, "price"]`), but
/// GraphQL's says where in the response the error lies: an error with GraphQL's `locations` or
/// `extensions` keeps it aside for good, any other in [`Inner::listed_path`], for a body without
/// GraphQL's `data`.
fn first_of<'a>(reader: &mut Reader<'a>, inner: &mut Inner<'a>) -> Result<()> {
    reader.array(|reader, index| match (index, reader.peek()?) {
        (0, Next::Object) => {
            let mut listed_path = None;
            let mut graphql = false;
            reader.object(|reader, key| match (&*key, reader.peek()?) {
                ("path", Next::String) => {
                    set(&mut inner.param, key_path(reader)?);
                    Ok(())
                }
                ("path", Next::Array) => {
                    listed_path = key_path(reader)?;
                    Ok(())
                }
                (name, _) => {
                    graphql |= matches!(name, "locations" | "extensions");
                    inner_member(reader, &key, inner)
                }
            })?;
            if !graphql {
                set(&mut inner.listed_path, listed_path);
            }
            Ok(())
        }
        (0, _) => error_object(reader, inner),
        _ => reader.skip(),
    })
}

/// One error object. A string is its message (`"errors": ["text"]`); anything else is skipped.
fn error_object<'a>(reader: &mut Reader<'a>, inner: &mut Inner<'a>) -> Result<()> {
    match reader.peek()? {
        Next::Object => reader.object(|reader, key| inner_member(reader, &key, inner)),
        Next::String => {
            set(&mut inner.message, text(reader)?);
            Ok(())
        }
        _ => reader.skip(),
    }
}

#[allow(clippy::too_many_lines)] // a table: one arm per key of an error object
fn inner_member<'a>(reader: &mut Reader<'a>, key: &str, inner: &mut Inner<'a>) -> Result<()> {
    match InnerKey::from_name(key) {
        InnerKey::Code => set_code(&mut inner.code, code(reader)?),
        InnerKey::TextCode if reader.peek()? == Next::String => {
            set(&mut inner.code, text(reader)?.map(Code::Text));
        }
        InnerKey::Status => set(&mut inner.status, lenient(reader)?),
        InnerKey::SubCode => inner.code = code(reader)?.or(inner.code.take()),
        InnerKey::SubMessage => inner.message = lenient(reader)?.or(inner.message.take()),
        // Billplz's `{"error": {"type": "RecordInvalid", "message": [".."]}}`, as at the top.
        InnerKey::Message if reader.peek()? == Next::Array => {
            set(&mut inner.message, first_text(reader)?);
        }
        InnerKey::Message if reader.peek()? == Next::Object => {
            let (message, field) = message_object(reader)?;
            set(&mut inner.message, message);
            set(&mut inner.param, field);
        }
        InnerKey::Message => set(&mut inner.message, lenient(reader)?),
        // Apigee's `"detail": {"errorcode": "policies.ratelimit.QuotaViolation"}`.
        InnerKey::Detail if reader.peek()? == Next::Object => {
            let found = member_of(reader, |name| name == "errorcode", code)?;
            set(&mut inner.code, found);
        }
        InnerKey::Detail => set(&mut inner.detail, lenient(reader)?),
        InnerKey::Title => set(&mut inner.title, lenient(reader)?),
        InnerKey::Type => {
            let error_type = lenient(reader)?;
            // AppSync's `"errorType": "UnauthorizedException"` names the error as a code does.
            if let Some(class) = error_type.as_ref().filter(|t| is_error_class(t)) {
                set(&mut inner.symbolic_id, Some(class.clone()));
            }
            set(&mut inner.error_type, error_type);
        }
        // Gusto's `"error_key": "base"` is Rails's error of no one field.
        // WeChat Pay's `"field": "/amount/currency"` is a JSON Pointer.
        InnerKey::Param => {
            let param = lenient(reader)?.filter(|p| is_field(p));
            set(&mut inner.param, param.and_then(named_or_pointed));
        }
        InnerKey::Members => set(
            &mut inner.param,
            first_text(reader)?.filter(|p| is_field(p)),
        ),
        // PagSeguro's `"location": "body.order.currency"` begins with the part of the request, as
        // Huma's do, whose `path.id` is a parameter of the URL's path.
        InnerKey::Location => {
            let param = lenient(reader)?
                .filter(|p| !is_request_location(p))
                .map(|p| {
                    narrow(p, |p| {
                        p.strip_prefix("path.")
                            .unwrap_or_else(|| after_request_part(p, '.'))
                    })
                });
            set(&mut inner.param, param);
        }
        InnerKey::Source => set(&mut inner.param, source(reader)?),
        InnerKey::Extensions => extensions(reader, inner)?,
        InnerKey::RequestId => set(&mut inner.request_id, lenient(reader)?),
        InnerKey::RetryAfter => set(&mut inner.retry_after, seconds(reader)?),
        InnerKey::Retryable => set(&mut inner.retryable, boolean(reader)?),
        InnerKey::Reason => set(&mut inner.reason, lenient(reader)?),
        // A text is the error's description, as JSON:API's `detail` is (Persona's `details`); the
        // raw value stays in `details` all the same.
        InnerKey::Details if reader.peek()? == Next::String => {
            let (text, raw) = reader.with_raw(Reader::string)?;
            set(&mut inner.detail, Some(text));
            inner.details = Some(raw);
        }
        InnerKey::Details => inner.details = reader.raw()?,
        // The error's own list of causes: Google's legacy `errors: [{domain, reason, message}]`
        // gives the reason; Recurly's `params: [{param, message}]`, a validation error's
        // `errors: [{field, message}]` or Strike's `validationErrors: {"amount": [..]}` the param.
        InnerKey::Params if reader.peek()? == Next::Object => {
            set(&mut inner.param, keyword_param(reader)?);
        }
        InnerKey::Errors | InnerKey::Params => inner.caused_by(causes(reader)?),
        InnerKey::Fields if reader.peek()? == Next::Object => inner.caused_by(causes(reader)?),
        InnerKey::Issues => {
            let mut causes = Inner::default();
            issues(reader, &mut causes)?;
            inner.caused_by(causes);
        }
        InnerKey::InnerError => meta(reader, &mut inner.request_id)?,
        InnerKey::Nested => error_object(reader, inner)?,
        InnerKey::Loc => set(&mut inner.param, loc(reader)?),
        InnerKey::Path => set(&mut inner.param, field_path(reader)?),
        InnerKey::JsonPath => set(&mut inner.param, json_path(reader)?),
        InnerKey::Pointer => set(&mut inner.param, pointer(reader)?),
        InnerKey::Name => match lenient(reader)? {
            Some(class) if is_error_class(&class) => set(&mut inner.symbolic_id, Some(class)),
            name => set(&mut inner.name, name),
        },
        InnerKey::Id => match lenient(reader)? {
            Some(id) if is_symbolic(&id) => set(&mut inner.symbolic_id, Some(id)),
            id => set(
                &mut inner.occurrence_id,
                id.filter(|id| is_occurrence_id(id)),
            ),
        },
        // Read as text: unlike a numeric `code` (Google's), an `errorId` is never the HTTP status,
        // so it does not yield to a `reason` or a `category` (eBay's `"REQUEST"`).
        InnerKey::ErrorId if reader.peek()? == Next::Number => {
            set(&mut inner.code, lenient(reader)?.map(Code::Text));
        }
        // Afterpay's is a token of one occurrence; Primer's, with no digit in it, names the error
        // (`ClientSessionValidationError`, `IdempotencyKeyAlreadyExists`).
        InnerKey::ErrorId => match lenient(reader)? {
            Some(id) if is_occurrence_id(&id) => set(&mut inner.occurrence_id, Some(id)),
            Some(id) if super::is_code_like(&id) => set(&mut inner.symbolic_id, Some(id)),
            _ => {}
        },
        // An error wrapped once more: Clearent's `{"payload": {"error": {"error-message", ..}}}`,
        // tRPC's through superjson `{"error": {"json": {"message", "code", "data"}}}`.
        InnerKey::Error if key != "cause" && reader.peek()? == Next::Object => {
            error_object(reader, inner)?;
        }
        InnerKey::Error if reader.peek()? == Next::String => match text(reader)? {
            Some(error) if super::is_code_like(&error) => set(&mut inner.symbolic_id, Some(error)),
            error => set(&mut inner.detail, error),
        },
        InnerKey::Parameters => inner.parameters = reader.raw()?,
        InnerKey::Error | InnerKey::TextCode | InnerKey::Fields | InnerKey::Other => {
            reader.skip()?;
        }
    }
    Ok(())
}

/// A list (or map) of an error's causes, read as `errors` is, for what the first one names.
fn causes<'a>(reader: &mut Reader<'a>) -> Result<Inner<'a>> {
    let mut causes = Inner::default();
    errors(reader, &mut causes)?;
    Ok(causes)
}

impl<'a> Inner<'a> {
    /// One entry of a map of field to messages: the field is the param, where it reads as one.
    fn field_entry(&mut self, field: Text<'a>, message: Text<'a>) {
        self.param = Some(field).filter(|field| is_field(field));
        self.message = Some(message);
    }

    /// The field at fault, read as an element of a list of errors: its param, its list of keys,
    /// or its `name`.
    pub(super) fn field(&mut self) -> Option<Text<'a>> {
        self.param
            .take()
            .or(self.listed_path.take())
            .or(self.name.take())
    }

    /// Takes what the error's first cause says (its request id too, `PaySimple`'s `TraceCode`),
    /// below what the error says itself; and, where the cause names no field, what its own first
    /// cause does (Primer's `validationErrors: [{model, errors: [{path, description}]}]`).
    fn caused_by(&mut self, mut cause: Inner<'a>) {
        set(
            &mut self.details_param,
            cause.field().or(cause.details_param),
        );
        set(&mut self.cause_code, cause.code.map(super::code_text));
        set(&mut self.request_id, cause.request_id);
        set(&mut self.reason, cause.reason);
        set(
            &mut self.cause_message,
            cause.message.or(cause.detail).or(cause.cause_message),
        );
    }
}

/// Zod's and Standard Schema's `issues`: a list of errors, the first of which is read as an
/// element of `errors` is, except that its `path` is the list of keys to the field at fault.
fn issues<'a>(reader: &mut Reader<'a>, inner: &mut Inner<'a>) -> Result<()> {
    if reader.peek()? != Next::Array {
        return reader.skip();
    }
    reader.array(|reader, index| {
        if index > 0 || reader.peek()? != Next::Object {
            return reader.skip();
        }
        reader.object(|reader, key| {
            if key == "path" {
                set(&mut inner.param, key_path(reader)?);
                Ok(())
            } else {
                inner_member(reader, &key, inner)
            }
        })
    })
}

/// The path to the field at fault in a listed error, as its dotted path. A list of keys:
/// `["payment", "amount"]` is `payment.amount` and `["items", 0, "price"]` is `items.0.price`; a
/// key may be Standard Schema's segment object, `{"key": "amount"}`. A text is a JSON Pointer, as
/// [`pointer_path`] reads it (Dwolla's `"/amount/value"`, express-openapi-validator's
/// `"/body/amount"`, Elysia's `"/amount"`) unless it is a URL's path (`"/v1/payments/pay_1"`), or a
/// field's dotted path as [`field_path`] reads it.
fn key_path<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    match reader.peek()? {
        Next::String => {
            let path = reader.string()?;
            return Ok(if is_pointer(&path) {
                pointer_path(path).filter(|path| !is_url_path(path))
            } else {
                Some(narrow(path, from_request_root)).filter(|path| is_field_path(path))
            });
        }
        Next::Array => {}
        _ => return reader.skip().map(|()| None),
    }
    let mut path: Option<Text<'a>> = None;
    reader.array(|reader, _| {
        let key = if reader.peek()? == Next::Object {
            member_of(reader, |name| name == "key", lenient)?
        } else {
            lenient(reader)?
        };
        if let Some(key) = key {
            path = Some(match path.take() {
                None => key,
                Some(prefix) => {
                    let mut joined = prefix.into_owned();
                    joined.push('.');
                    joined.push_str(&key);
                    Cow::Owned(joined)
                }
            });
        }
        Ok(())
    })?;
    Ok(path.filter(|path| !path.is_empty()))
}

/// Reads the members of an object named by `wanted` with `read`, keeping the first value found;
/// a value that is not an object is skipped.
fn member_of<'a, T>(
    reader: &mut Reader<'a>,
    wanted: fn(&str) -> bool,
    read: fn(&mut Reader<'a>) -> Result<Option<T>>,
) -> Result<Option<T>> {
    if reader.peek()? != Next::Object {
        return reader.skip().map(|()| None);
    }
    let mut found = None;
    reader.object(|reader, key| {
        if wanted(&key) {
            let value = read(reader)?;
            set(&mut found, value);
            Ok(())
        } else {
            reader.skip()
        }
    })?;
    Ok(found)
}

/// `"meta": {"request_id": ..}`.
fn meta<'a>(reader: &mut Reader<'a>, request_id: &mut Option<Text<'a>>) -> Result<()> {
    let found = member_of(reader, is_request_id, lenient)?;
    set(request_id, found);
    Ok(())
}

/// The top level's `meta`: its request id, and Twirp's `argument`, the field an
/// `invalid_argument` names (`{"code": "invalid_argument", "msg": "amount is required", "meta":
/// {"argument": "amount"}}`).
fn top_meta<'a>(
    reader: &mut Reader<'a>,
    request_id: &mut Option<Text<'a>>,
    param: &mut Option<Text<'a>>,
) -> Result<()> {
    if reader.peek()? != Next::Object {
        return reader.skip();
    }
    reader.object(|reader, key| {
        if is_request_id(&key) {
            set(request_id, lenient(reader)?);
        } else if key == "argument" {
            set(param, field_path(reader)?);
        } else {
            reader.skip()?;
        }
        Ok(())
    })
}

/// The `id` of Contentful's `sys`, where it names an error: `{"type": "Error", "id":
/// "ValidationFailed"}`.
fn sys_id<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    if reader.peek()? != Next::Object {
        return reader.skip().map(|()| None);
    }
    let mut id = None;
    reader.object(|reader, key| {
        if key != "id" {
            return reader.skip();
        }
        set(
            &mut id,
            lenient(reader)?.filter(|id| super::is_code_like(id)),
        );
        Ok(())
    })?;
    Ok(id)
}

/// Whether a member of a `meta` (or of a trace's object) holds the request id.
fn is_request_id(name: &str) -> bool {
    matches!(
        name,
        "request_id" | "requestId" | "requestID" | "request-id" | "trace_id" | "traceId"
            // SAP Gateway's, by which its error log is searched.
            | "transactionid"
    )
}

/// JSON:API's `"source": {"pointer": "/data/attributes/amount"}` or `{"parameter": "page"}`: the
/// parameter named, a pointer read as [`pointer_path`] reads it, and a dotted path as `PayMongo`
/// gives it (`"attributes.amount"`) without the attributes it lies in.
fn source<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    // A pointer, not Razorpay's `"source": "business"` (who caused the error).
    if reader.peek()? == Next::String {
        return pointer(reader);
    }
    // JSON:API's members, and the `field` of Solaris's `{"field", "message"}`.
    let is_wanted = |name: &str| matches!(name, "pointer" | "parameter" | "header" | "field");
    let text = member_of(reader, is_wanted, lenient)?;
    Ok(text.and_then(|text| {
        if is_pointer(&text) {
            pointer_path(text)
        } else {
            Some(narrow(text, |path| {
                ["data.attributes.", "attributes."]
                    .into_iter()
                    .find_map(|prefix| path.strip_prefix(prefix))
                    .unwrap_or(path)
            }))
        }
    }))
}

/// The part of `text` that `part` picks out, still borrowed from the body where `text` was.
fn narrow(text: Text<'_>, part: fn(&str) -> &str) -> Text<'_> {
    match text {
        Cow::Borrowed(text) => Cow::Borrowed(part(text)),
        Cow::Owned(text) => Cow::Owned(part(&text).to_owned()),
    }
}

/// GraphQL's `"extensions"`: the code (`"code": "UNAUTHENTICATED"`, Braintree's `errorClass`),
/// and Braintree's `inputPath` (`["input", "transaction", "amount"]`), whose last part is the
/// param, or Directus's `field`; Clerk's `meta`, whose `param_name` is the param.
fn extensions<'a>(reader: &mut Reader<'a>, inner: &mut Inner<'a>) -> Result<()> {
    if reader.peek()? != Next::Object {
        return reader.skip();
    }
    reader.object(|reader, key| {
        match &*key {
            "code" | "errorClass" => set(&mut inner.code, code(reader)?),
            "inputPath" => set(&mut inner.param, loc(reader)?),
            "field" | "param_name" => set(&mut inner.param, lenient(reader)?),
            _ => reader.skip()?,
        }
        Ok(())
    })
}

/// Whether an error object's `id` names the error (`rate_limit_exceeded`, `not_found`) rather than
/// one occurrence of it (JSON:API's ids, UUIDs): lower-case words joined by underscores, no digits.
fn is_symbolic(id: &str) -> bool {
    id.contains('_')
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// Whether an error object's `id` that names no error names one occurrence of it: a token with a
/// digit in it, as UUIDs, database keys and hex ids have. `INVALID_VALUE` names the error.
fn is_occurrence_id(id: &str) -> bool {
    id.len() >= 8 && super::is_code_like(id) && id.bytes().any(|b| b.is_ascii_digit())
}

/// The `path` of an error object, when it names the field at fault: Wise's `"sourceAmount"`,
/// BTCPay's `"amount"`, express-validator's `"email"`, or a JSONPath from the root (Primer's
/// `"$.amount"`). A path with a slash or a space is a URL or a sentence, and GraphQL's list says
/// where in the response the error lies, not what was sent.
fn field_path<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    if reader.peek()? != Next::String {
        return reader.skip().map(|()| None);
    }
    Ok(Some(reader.string()?)
        .filter(|path| is_field_path(path))
        .map(|path| narrow(path, from_request_root)))
}

fn is_field_path(path: &str) -> bool {
    !path.is_empty() && !path.contains(['/', ' '])
}

/// A JSON Pointer to the field at fault, read as [`pointer_path`] reads it; text that is no
/// pointer names no field.
fn pointer<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    Ok(lenient(reader)?
        .filter(|text| is_pointer(text))
        .and_then(pointer_path))
}

/// A field's name as it stands, or the field a JSON Pointer points to.
fn named_or_pointed(text: Text<'_>) -> Option<Text<'_>> {
    if is_pointer(&text) {
        pointer_path(text)
    } else {
        Some(text)
    }
}

/// Whether a text is a JSON Pointer, or one in a URI fragment (RFC 9457's `#/age`).
fn is_pointer(text: &str) -> bool {
    text.starts_with('/') || text.starts_with("#/")
}

/// A JSON Pointer (RFC 6901) to the field at fault, as the field's dotted path, the form a list
/// of keys takes: `/amount/value` is `amount.value`, and RFC 9457's URI fragment `#/profile/color`
/// is `profile.color`. What leads to the fields is left out: JSON:API's `/data/attributes/`, the
/// part of the request (express-openapi-validator's `/body/amount`). A pointer to the whole
/// document names no field, nor does one to JSON:API's primary data (Klaviyo's `/data/`) or its
/// attributes as a whole.
pub(super) fn pointer_path(pointer: Text<'_>) -> Option<Text<'_>> {
    let path = narrow(pointer, |pointer| {
        let path = pointer.strip_prefix('#').unwrap_or(pointer);
        let path = path.strip_prefix('/').unwrap_or(path).trim_end_matches('/');
        if matches!(path, "data" | "data/attributes" | "data/relationships") {
            return "";
        }
        let path = ["data/attributes/", "data/relationships/"]
            .into_iter()
            .find_map(|prefix| path.strip_prefix(prefix))
            .unwrap_or(path);
        after_request_part(path, '/')
    });
    if path.is_empty() {
        return None;
    }
    if !path.contains(['/', '~']) {
        return Some(path);
    }
    let mut dotted = String::with_capacity(path.len());
    for (index, key) in path.split('/').enumerate() {
        if index > 0 {
            dotted.push('.');
        }
        // RFC 6901's escapes, `~1` before `~0`.
        dotted.push_str(&key.replace("~1", "/").replace("~0", "~"));
    }
    Some(Cow::Owned(dotted))
}

/// A dotted path from the request's root as the path to the field (express-openapi-validator 4's
/// `.body.amount` is `amount`, Primer's JSONPath `$.amount` is `amount`); any other path as it is.
fn from_request_root(path: &str) -> &str {
    path.strip_prefix("$.")
        .or_else(|| path.strip_prefix('.'))
        .map_or(path, |path| after_request_part(path, '.'))
}

/// A path with the part of the request it starts at left out: `body/amount` is `amount`.
fn after_request_part(path: &str, separator: char) -> &str {
    match path.split_once(separator) {
        Some((part, fields)) if is_request_location(part) => fields,
        _ => path,
    }
}

/// Whether a path read as a pointer's is a URL's: it starts at an API's version or root
/// (`/v1/payments/pay_1` read as `v1.payments.pay_1`, `/api/pay`).
fn is_url_path(path: &str) -> bool {
    let root = path.split('.').next().unwrap_or(path);
    root == "api"
        || root.strip_prefix('v').is_some_and(|version| {
            !version.is_empty() && version.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Whether a name is the part of the request a field was sent in, as express-validator's
/// `location` gives it and express-openapi-validator's paths begin, or as `OpenAPI` names a
/// parameter's (`header`, `cookie`), or Fastify's validation messages begin (`querystring`). Not
/// webargs's names ([`is_request_part`]), which key maps of fields: `path` is one of them, and a
/// pointer's `/path/..` may be a field named `path`.
pub(super) fn is_request_location(part: &str) -> bool {
    matches!(
        part,
        "body" | "query" | "querystring" | "params" | "headers" | "cookies" | "header" | "cookie"
    )
}

/// A JSONPath to the field at fault, as the field's dotted path: `$.instruction.value.amount` is
/// `instruction.value.amount`, as Square and Cybersource name a nested field.
fn json_path<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    Ok(lenient(reader)?.map(|path| {
        narrow(path, |path| {
            path.strip_prefix("$.")
                .or_else(|| path.strip_prefix('.'))
                .unwrap_or(path)
        })
    }))
}

/// The property an Ajv error's keyword parameters name, where the error is a property missing or
/// one not allowed (`{"missingProperty": "amount"}`); Ajv's `instancePath` then points at the
/// object that holds it. Its other parameters (`limit`, `type`) name no field. `LoopBack` calls
/// them `info`.
fn keyword_param<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    let mut param = None;
    reader.object(|reader, key| {
        match &*key {
            "missingProperty" | "additionalProperty" | "unevaluatedProperty" | "propertyName" => {
                set(&mut param, lenient(reader)?);
            }
            _ => reader.skip()?,
        }
        Ok(())
    })?;
    Ok(param)
}

/// Whether a `name` or a type is an error's class (`BadRequestError`, `IllegalArgumentException`,
/// `AppSync`'s `DynamoDB:ConditionalCheckFailedException`, Elasticsearch's and `OpenSearch`'s
/// `index_not_found_exception`): what a serialized JavaScript or Java error holds there, rather
/// than the field RFC 9457 names; a code, where there is no other.
pub(super) fn is_error_class(name: &str) -> bool {
    (name.ends_with("Error") || name.ends_with("Exception") || name.ends_with("_exception"))
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':'))
}

/// FastAPI's `"loc": ["body", "price"]`: the last string names the parameter.
fn loc<'a>(reader: &mut Reader<'a>) -> Result<Option<Text<'a>>> {
    match reader.peek()? {
        Next::Array => {
            let mut last = None;
            reader.array(|reader, _| {
                if let Some(part) = lenient(reader)? {
                    last = Some(part);
                }
                Ok(())
            })?;
            Ok(last)
        }
        Next::String => text(reader),
        _ => reader.skip().map(|()| None),
    }
}

// ---------------------------------------------------------------------------------------------
// details

/// What reprieve reads out of `details`: a field name, a retry delay, a reason, a request id.
#[derive(Debug, Default)]
struct DetailHints<'a> {
    param: Option<Text<'a>>,
    retry_delay: Option<Duration>,
    reason: Option<Text<'a>>,
    request_id: Option<Text<'a>>,
    /// The first listed detail's message (`LoopBack`'s `details: [{path, code, message}]`).
    message: Option<Text<'a>>,
    /// The code of an application error in the details (Wix's `applicationError.code`), or
    /// Google's `ErrorInfo.reason`. Not any `code` in them: at the top level, `{"details":
    /// {"code": "SUMMER10"}}` may be the coupon the message is about.
    code: Option<Text<'a>>,
    /// The first key of details that are a map of field to messages (`{"email": "must be a valid
    /// email address"}`), below any field a detail names.
    field_map: Option<Text<'a>>,
    /// Whether the next member read is the first of the details object itself.
    first_member: bool,
}

/// Reads `details` in any of its shapes: 0xmeta's and Hixbe's object (`{"field": ..}`), Halfin's
/// and PayPal's list of `{field, issue}`, Google's list of typed details (`RetryInfo.retryDelay`,
/// `ErrorInfo.reason`, `BadRequest.fieldViolations[].field`), a JSON-RPC error's `data` (Infura's
/// `{"rate": {"backoff_seconds": 30, ..}}`).
fn read_details(raw: &str) -> DetailHints<'_> {
    let mut hints = DetailHints {
        first_member: raw.starts_with('{'),
        ..DetailHints::default()
    };
    // A details value that does not read gives the hints found before the break.
    let _ = details(&mut Reader::new(raw.as_bytes()), &mut hints, false);
    hints
}

/// `listed`: the value is an element of a list, where a `path` that is text names a field; in a
/// details object of its own, it is something else (tRPC's `data.path` names the procedure).
fn details<'a>(reader: &mut Reader<'a>, hints: &mut DetailHints<'a>, listed: bool) -> Result<()> {
    match reader.peek()? {
        Next::Array => reader.array(|reader, _| details(reader, hints, true)),
        Next::Object => {
            // Protobuf's JSON names a detail's type first: `{"@type": "…google.rpc.ErrorInfo",
            // "reason": ..}`.
            let mut error_info = false;
            reader.object(|reader, key| details_member(reader, key, hints, listed, &mut error_info))
        }
        _ => reader.skip(),
    }
}

/// One member of a details object; `error_info`: the object is Google's `ErrorInfo`.
fn details_member<'a>(
    reader: &mut Reader<'a>,
    key: Text<'a>,
    hints: &mut DetailHints<'a>,
    listed: bool,
    error_info: &mut bool,
) -> Result<()> {
    let first = std::mem::take(&mut hints.first_member);
    match &*key {
        // Connect names a detail's type in `type`, and sends the detail as JSON in `debug`
        // beside its binary `value`: `{"type": "google.rpc.RetryInfo", "value": "CgIIHg",
        // "debug": {"retryDelay": "30s"}}`.
        "@type" | "type" => {
            *error_info = lenient(reader)?.is_some_and(|kind| kind.ends_with(".ErrorInfo"));
        }
        "debug" if reader.peek()? == Next::Object => {
            let mut debug_info = *error_info;
            reader.object(|reader, key| {
                details_member(reader, key, hints, listed, &mut debug_info)
            })?;
        }
        // Its reason is the error's code (AIP-193), even where the top level's is a
        // number: grpc-gateway's `{"code": 5, "message": .., "details": [..]}`.
        "reason" if *error_info => set(&mut hints.code, lenient(reader)?),
        // The names an error object gives the field at fault (`field`, `param`, Microsoft's
        // `target`, ..), which may be a JSON Pointer, as PayPal's `"field": "/intent"` is.
        name if matches!(InnerKey::from_name(name), InnerKey::Param) => {
            let param = lenient(reader)?.filter(|p| is_field(p));
            set(&mut hints.param, param.and_then(named_or_pointed));
        }
        // Gr4vy's `[{"pointer": "/payment_service_id", ..}]`, a JSON Pointer.
        name if matches!(InnerKey::from_name(name), InnerKey::Pointer) => {
            set(&mut hints.param, pointer(reader)?);
        }
        // Ankr's JSON-RPC errors: `"data": {"trace_id": ..}`.
        name if matches!(InnerKey::from_name(name), InnerKey::RequestId) => {
            set(&mut hints.request_id, lenient(reader)?);
        }
        // Google's `RetryInfo.retryDelay`; Infura's `backoff_seconds`, in its `rate`.
        "retryDelay" | "retry_delay" | "retry_after" | "retryAfter" | "backoff_seconds" => {
            set(&mut hints.retry_delay, seconds(reader)?);
        }
        // PayPal's `details: [{field, location, issue, description}]`: the issue
        // (`INSTRUMENT_DECLINED`) names the error that its `name` (`UNPROCESSABLE_ENTITY`) sorts.
        "issue" if listed => {
            let issue = lenient(reader)?.filter(|issue| super::is_symbol(issue));
            set(&mut hints.code, issue);
        }
        "message" | "msg" if listed => set(&mut hints.message, lenient(reader)?),
        "params" | "info" if listed && reader.peek()? == Next::Object => {
            set(&mut hints.param, keyword_param(reader)?);
        }
        // tRPC's `data.code` (`"BAD_REQUEST"`) beside the JSON-RPC code `-32600`.
        "reason" | "code" => set(&mut hints.reason, lenient(reader)?),
        // Wix's `applicationError: {code, description, data}`, whose code is the error's
        // own wherever the details are.
        "applicationError" if reader.peek()? == Next::Object => {
            reader.object(|reader, key| {
                if &*key == "code" {
                    set(&mut hints.code, lenient(reader)?);
                    Ok(())
                } else {
                    reader.skip()
                }
            })?;
        }
        // Strapi's `details.errors: [{path, message}]`, Zod's `issues` as APIs nest them
        // in an error's details; Infura's `rate`; Wix's `validationError:
        // {fieldViolations}`.
        "fieldViolations" | "field_violations" | "errors" | "issues" | "rate"
        | "validationError" => {
            details(reader, hints, false)?;
        }
        // tRPC's `zodError`, Zod's `flatten()`: the first field's first message.
        "zodError" if reader.peek()? == Next::Object => {
            let mut first = causes(reader)?;
            set(&mut hints.param, first.field());
            set(&mut hints.message, first.message);
        }
        // Strapi's `path` is the list of keys to the field; a listed error may name it.
        "path" if listed || reader.peek()? == Next::Array => {
            set(&mut hints.param, key_path(reader)?);
        }
        // Details that are a map of field to messages, a message or a list of them: the first
        // key names the field where its value reads as a sentence. A key an error object has for
        // itself (`{"reason": "Connection timed out"}`) names none, nor does one that names a
        // kind of error (`{"businessError": ..}`).
        name if first => {
            let message = first_text(reader)?;
            let field_map = matches!(InnerKey::from_name(name), InnerKey::Other)
                && is_field(name)
                && !name.ends_with("Error")
                && !name.ends_with("_error");
            if field_map && message.is_some_and(|message| message.contains(' ')) {
                hints.field_map = Some(key);
            }
        }
        _ => reader.skip()?,
    }
    Ok(())
}
