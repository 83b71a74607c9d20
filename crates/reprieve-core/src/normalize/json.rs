//! One pass over a JSON error body, collecting the fields every vendor envelope uses.
//!
//! The reader is a set of serde seeds that write into [`Fields`] as they go, borrowing strings from
//! the body where they have no escapes. There is no `serde_json::Value` tree. Because the fields are
//! written as they are read, a body that breaks off half-way (truncated by a bounded read, or broken
//! by a proxy) keeps everything read before the break.
//!
//! Every field is lenient about its type: a `message` that is a number or an object is skipped, not
//! an error, so one odd field never costs the rest of the body. `serde_json`'s recursion limit bounds
//! nesting; a body nested deeper than that stops the pass, keeping what was read.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::headers::{parse_decimal, parse_go_duration};

/// Writes the `visit_*` methods of the JSON types a visitor has no use for: each skips its value
/// and yields `$empty`, so a field of an unexpected type costs nothing but itself.
macro_rules! skip {
    (scalars => $empty:expr) => {
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($empty)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($empty)
        }
    };
    (str => $empty:expr) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($empty)
        }
    };
    (map => $empty:expr) => {
        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
            IgnoredAny.visit_map(map).map(|_| $empty)
        }
    };
    (seq => $empty:expr) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            IgnoredAny.visit_seq(seq).map(|_| $empty)
        }
    };
}

pub(super) type Text<'a> = Cow<'a, str>;

/// A provider's code: `"rate_limited"` or Google's and Discord's numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Code<'a> {
    Text(Text<'a>),
    Number(i64),
}

/// What the top level of the body said.
#[derive(Debug, Default)]
pub(super) struct Fields<'a> {
    /// The top level was an object (or an array of error objects).
    pub(super) is_object: bool,
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
    pub(super) title: Option<Text<'a>>,
    pub(super) problem_type: Option<Text<'a>>,
    pub(super) has_status: bool,
    pub(super) code: Option<Code<'a>>,
    /// PayPal's `name`, AWS's `__type`.
    pub(super) name: Option<Text<'a>>,
    pub(super) success: Option<bool>,
    pub(super) ok: Option<bool>,
    pub(super) request_id: Option<Text<'a>>,
    pub(super) param: Option<Text<'a>>,
    pub(super) retry_after: Option<Duration>,
    pub(super) details: Option<&'a RawValue>,
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
    pub(super) retry_after: Option<Duration>,
    /// Google's `ErrorInfo.reason`, or the `reason` of a legacy `errors` item.
    pub(super) reason: Option<Text<'a>>,
    pub(super) details: Option<&'a RawValue>,
    /// Hints read out of `details`.
    pub(super) details_param: Option<Text<'a>>,
}

/// Reads `body` into `fields`. Returns whether the whole body parsed; on `false`, `fields` still
/// holds what was read before the error.
pub(super) fn read<'a>(body: &'a [u8], fields: &mut Fields<'a>) -> bool {
    let mut de = serde_json::Deserializer::from_slice(body);
    let parsed = Top(fields).deserialize(&mut de).is_ok() && de.end().is_ok();
    // Details are parsed from their own slice after the pass, so a truncated body loses only them.
    if let Some(inner) = fields.error.as_mut().or(fields.errors.as_mut()) {
        inner.read_details();
    }
    if let Some(raw) = fields.details {
        let hints = read_details(raw);
        fields.param = fields.param.take().or(hints.param);
        fields.retry_after = fields.retry_after.or(hints.retry_delay);
    }
    parsed
}

impl Inner<'_> {
    fn read_details(&mut self) {
        if let Some(raw) = self.details {
            let hints = read_details(raw);
            self.details_param = hints.param;
            self.retry_after = self.retry_after.or(hints.retry_delay);
            self.reason = self.reason.take().or(hints.reason);
        }
    }
}

/// Whether a raw `details` value carries anything: not `null`, `[]` or `{}`.
pub(super) fn is_meaningful(raw: &RawValue) -> bool {
    let mut inner = raw.get().bytes().filter(|b| !b.is_ascii_whitespace());
    !matches!(
        (inner.next(), inner.next(), inner.next()),
        (Some(b'['), Some(b']'), None) | (Some(b'{'), Some(b'}'), None) | (Some(b'n'), _, _)
    )
}

// ---------------------------------------------------------------------------------------------
// Keys

/// Top-level keys reprieve reads; everything else is skipped.
enum TopKey {
    Detail,
    Message,
    Error,
    Errors,
    ErrorDescription,
    Title,
    Type,
    Status,
    Code,
    Name,
    Success,
    Ok,
    Meta,
    RequestId,
    Param,
    RetryAfter,
    Details,
    Other,
}

impl TopKey {
    fn from_name(name: &str) -> Self {
        match name {
            "detail" => Self::Detail,
            "message" | "msg" | "Message" | "error_message" | "errorMessage" => Self::Message,
            "error" => Self::Error,
            "errors" | "invalid-params" | "invalid_params" => Self::Errors,
            "error_description" => Self::ErrorDescription,
            "title" => Self::Title,
            "type" => Self::Type,
            "status" => Self::Status,
            "code" | "error_code" | "errorCode" => Self::Code,
            "name" | "__type" => Self::Name,
            "success" => Self::Success,
            "ok" => Self::Ok,
            "meta" => Self::Meta,
            "request_id" | "requestId" | "requestID" | "RequestId" | "debug_id" | "trace_id"
            | "traceId" | "correlation_id" | "correlationId" => Self::RequestId,
            "param" | "field" => Self::Param,
            "retry_after" | "retryAfter" => Self::RetryAfter,
            "details" => Self::Details,
            _ => Self::Other,
        }
    }
}

/// Keys of an error object.
enum InnerKey {
    Code,
    Status,
    Message,
    Detail,
    Title,
    Type,
    Param,
    Source,
    Extensions,
    RequestId,
    RetryAfter,
    Reason,
    Details,
    Errors,
    Loc,
    Other,
}

impl InnerKey {
    fn from_name(name: &str) -> Self {
        match name {
            "code" | "error_code" | "errorCode" => Self::Code,
            "status" => Self::Status,
            "message" | "msg" | "Message" | "error_message" | "errorMessage" => Self::Message,
            "detail" | "description" | "error_description" | "issue" => Self::Detail,
            "title" => Self::Title,
            "type" | "__type" => Self::Type,
            "param" | "field" | "parameter" | "name" | "property" => Self::Param,
            "source" => Self::Source,
            "extensions" => Self::Extensions,
            "request_id" | "requestId" | "debug_id" => Self::RequestId,
            "retry_after" | "retryAfter" => Self::RetryAfter,
            "reason" => Self::Reason,
            "details" => Self::Details,
            "errors" => Self::Errors,
            "loc" => Self::Loc,
            _ => Self::Other,
        }
    }
}

/// Deserializes a map key into `K` by name, borrowing nothing.
struct KeySeed<K>(fn(&str) -> K);

impl<'de, K> DeserializeSeed<'de> for KeySeed<K> {
    type Value = K;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<K, D::Error> {
        de.deserialize_str(self)
    }
}

impl<K> Visitor<'_> for KeySeed<K> {
    type Value = K;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E: de::Error>(self, name: &str) -> Result<K, E> {
        Ok((self.0)(name))
    }
}

// ---------------------------------------------------------------------------------------------
// Lenient leaf values

/// A string, borrowed where it has no escapes. Numbers become text; anything else is skipped.
struct Lenient;

impl<'de> DeserializeSeed<'de> for Lenient {
    type Value = Option<Text<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Lenient {
    type Value = Option<Text<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(v.to_string())))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    skip!(map => None);
    skip!(seq => None);
}

/// A code: text or an integer. Anything else is skipped.
struct CodeSeed;

impl<'de> DeserializeSeed<'de> for CodeSeed {
    type Value = Option<Code<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CodeSeed {
    type Value = Option<Code<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Code::Text(Cow::Borrowed(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Code::Text(Cow::Owned(v.to_owned()))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(i64::try_from(v).ok().map(Code::Number))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(Code::Number(v)))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    skip!(map => None);
    skip!(seq => None);
}

/// A boolean; anything else is skipped.
struct BoolSeed;

impl<'de> DeserializeSeed<'de> for BoolSeed {
    type Value = Option<bool>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for BoolSeed {
    type Value = Option<bool>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    skip!(str => None);
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    skip!(map => None);
    skip!(seq => None);
}

/// A delay in seconds: a non-negative number, a numeric string, or a Google duration (`"30s"`).
struct SecondsSeed;

impl<'de> DeserializeSeed<'de> for SecondsSeed {
    type Value = Option<Duration>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SecondsSeed {
    type Value = Option<Duration>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("seconds")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Some(
            Duration::from_secs(v).min(crate::headers::MAX_SERVER_DELAY),
        ))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(u64::try_from(v)
            .ok()
            .and_then(|v| self.visit_u64::<E>(v).ok()?))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        let max = crate::headers::MAX_SERVER_DELAY.as_secs_f64();
        Ok((v.is_finite() && v >= 0.0).then(|| Duration::from_secs_f64(v.min(max))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(parse_decimal(v, crate::headers::Unit::Seconds).or_else(|| parse_go_duration(v)))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    skip!(map => None);
    skip!(seq => None);
}

// ---------------------------------------------------------------------------------------------
// The top level

struct Top<'f, 'a>(&'f mut Fields<'a>);

impl<'de> DeserializeSeed<'de> for Top<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Top<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error body")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let fields = self.0;
        fields.is_object = true;
        while let Some(key) = map.next_key_seed(KeySeed(TopKey::from_name))? {
            match key {
                TopKey::Detail => map.next_value_seed(TextOrObject {
                    text: &mut fields.detail,
                    inner: &mut fields.detail_inner,
                })?,
                TopKey::Message => set(&mut fields.message, map.next_value_seed(Lenient)?),
                TopKey::Error => map.next_value_seed(TextOrObject {
                    text: &mut fields.error_text,
                    inner: &mut fields.error,
                })?,
                TopKey::Errors => {
                    let errors = fields.errors.get_or_insert_with(Inner::default);
                    map.next_value_seed(ErrorsSeed(errors))?;
                }
                TopKey::ErrorDescription => {
                    set(&mut fields.error_description, map.next_value_seed(Lenient)?);
                }
                TopKey::Title => set(&mut fields.title, map.next_value_seed(Lenient)?),
                TopKey::Type => set(&mut fields.problem_type, map.next_value_seed(Lenient)?),
                TopKey::Status => {
                    map.next_value::<IgnoredAny>()?;
                    fields.has_status = true;
                }
                TopKey::Code => set(&mut fields.code, map.next_value_seed(CodeSeed)?),
                TopKey::Name => set(&mut fields.name, map.next_value_seed(Lenient)?),
                TopKey::Success => fields.success = map.next_value_seed(BoolSeed)?,
                TopKey::Ok => fields.ok = map.next_value_seed(BoolSeed)?,
                TopKey::Meta => map.next_value_seed(MetaSeed(&mut fields.request_id))?,
                TopKey::RequestId => set(&mut fields.request_id, map.next_value_seed(Lenient)?),
                TopKey::Param => set(&mut fields.param, map.next_value_seed(Lenient)?),
                TopKey::RetryAfter => {
                    set(&mut fields.retry_after, map.next_value_seed(SecondsSeed)?);
                }
                TopKey::Details => fields.details = map.next_value::<Option<&RawValue>>()?,
                TopKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    /// A top-level array: a list of error objects.
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        self.0.is_object = true;
        let errors = self.0.errors.get_or_insert_with(Inner::default);
        FirstOf(errors).visit_seq(seq)
    }

    /// A bare JSON string is the message.
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        self.0.message = Some(Cow::Borrowed(v));
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.0.message = Some(Cow::Owned(v.to_owned()));
        Ok(())
    }
    skip!(scalars => ());
}

/// Keeps the first value a key gave: `{"message": "a", "msg": "b"}` reads `a`.
fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// A value that is text or an error object (or a list of them): `"error"`, FastAPI's `"detail"`.
/// Text goes to `text`; an object, or a list's first object, to `inner`.
struct TextOrObject<'f, 'a> {
    text: &'f mut Option<Text<'a>>,
    inner: &'f mut Option<Inner<'a>>,
}

impl<'de> DeserializeSeed<'de> for TextOrObject<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TextOrObject<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text or an error object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        InnerSeed(self.inner.get_or_insert_with(Inner::default)).visit_map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        FirstOf(self.inner.get_or_insert_with(Inner::default)).visit_seq(seq)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        *self.text = Some(Cow::Borrowed(v));
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        *self.text = Some(Cow::Owned(v.to_owned()));
        Ok(())
    }
    skip!(scalars => ());
}

/// `"errors"`: a list of error objects, or a map of field to messages (Rails, ASP.NET, Discord).
struct ErrorsSeed<'f, 'a>(&'f mut Inner<'a>);

impl<'de> DeserializeSeed<'de> for ErrorsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ErrorsSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("errors")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        FirstOf(self.0).visit_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.0;
        let mut first = true;
        while let Some(field) = map.next_key_seed(Lenient)? {
            if first {
                first = false;
                inner.param = field;
                inner.message = map.next_value_seed(FirstText)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    skip!(str => ());
    skip!(scalars => ());
}

/// The first text of a string or a list of strings (`["is required"]`).
struct FirstText;

impl<'de> DeserializeSeed<'de> for FirstText {
    type Value = Option<Text<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FirstText {
    type Value = Option<Text<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut first = None;
        while let Some(text) = seq.next_element_seed(Lenient)? {
            set(&mut first, text);
        }
        Ok(first)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let mut inner = Inner::default();
        InnerSeed(&mut inner).visit_map(map)?;
        Ok(inner.message.or(inner.detail))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Lenient.visit_borrowed_str(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Lenient.visit_str(v)
    }
    skip!(scalars => None);
}

/// Reads the first element of a list into an error object and skips the rest.
struct FirstOf<'f, 'a>(&'f mut Inner<'a>);

impl<'de> FirstOf<'_, 'de> {
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if seq.next_element_seed(InnerSeed(self.0))?.is_some() {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
        }
        Ok(())
    }
}

/// One error object. A non-object is skipped.
struct InnerSeed<'f, 'a>(&'f mut Inner<'a>);

impl<'de> DeserializeSeed<'de> for InnerSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for InnerSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let inner = self.0;
        while let Some(key) = map.next_key_seed(KeySeed(InnerKey::from_name))? {
            match key {
                InnerKey::Code => set(&mut inner.code, map.next_value_seed(CodeSeed)?),
                InnerKey::Status => set(&mut inner.status, map.next_value_seed(Lenient)?),
                InnerKey::Message => set(&mut inner.message, map.next_value_seed(Lenient)?),
                InnerKey::Detail => set(&mut inner.detail, map.next_value_seed(Lenient)?),
                InnerKey::Title => set(&mut inner.title, map.next_value_seed(Lenient)?),
                InnerKey::Type => set(&mut inner.error_type, map.next_value_seed(Lenient)?),
                InnerKey::Param => set(&mut inner.param, map.next_value_seed(Lenient)?),
                InnerKey::Source => set(&mut inner.param, map.next_value_seed(SourceSeed)?),
                InnerKey::Extensions => {
                    set(&mut inner.code, map.next_value_seed(ExtensionsSeed)?);
                }
                InnerKey::RequestId => set(&mut inner.request_id, map.next_value_seed(Lenient)?),
                InnerKey::RetryAfter => {
                    set(&mut inner.retry_after, map.next_value_seed(SecondsSeed)?);
                }
                InnerKey::Reason => set(&mut inner.reason, map.next_value_seed(Lenient)?),
                InnerKey::Details => inner.details = map.next_value::<Option<&RawValue>>()?,
                InnerKey::Errors => {
                    // Google's legacy `errors: [{domain, reason, message}]`: keep the reason.
                    let mut legacy = Inner::default();
                    map.next_value_seed(ErrorsSeed(&mut legacy))?;
                    set(&mut inner.reason, legacy.reason);
                }
                InnerKey::Loc => set(&mut inner.param, map.next_value_seed(LocSeed)?),
                InnerKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    skip!(seq => ());
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<(), E> {
        // `"errors": ["text"]`
        set(&mut self.0.message, Some(Cow::Borrowed(v)));
        Ok(())
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        set(&mut self.0.message, Some(Cow::Owned(v.to_owned())));
        Ok(())
    }
    skip!(scalars => ());
}

/// `"meta": {"request_id": ..}`.
struct MetaSeed<'f, 'a>(&'f mut Option<Text<'a>>);

impl<'de> DeserializeSeed<'de> for MetaSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for MetaSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("meta")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let is_request_id = |name: &str| {
            matches!(
                name,
                "request_id" | "requestId" | "requestID" | "request-id" | "trace_id" | "traceId"
            )
        };
        while let Some(wanted) = map.next_key_seed(KeySeed(is_request_id))? {
            if wanted {
                set(self.0, map.next_value_seed(Lenient)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
    skip!(seq => ());
    skip!(str => ());
    skip!(scalars => ());
}

/// JSON:API's `"source": {"pointer": "/data/attributes/amount"}` or `{"parameter": "page"}`: the
/// parameter named, i.e. the pointer's last segment.
struct SourceSeed;

impl<'de> DeserializeSeed<'de> for SourceSeed {
    type Value = Option<Text<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for SourceSeed {
    type Value = Option<Text<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a source")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        let is_wanted = |name: &str| matches!(name, "pointer" | "parameter" | "header");
        while let Some(wanted) = map.next_key_seed(KeySeed(is_wanted))? {
            if wanted {
                set(&mut found, map.next_value_seed(Lenient)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found.map(|text| match text {
            Cow::Borrowed(text) => Cow::Borrowed(last_segment(text)),
            Cow::Owned(text) => Cow::Owned(last_segment(&text).to_owned()),
        }))
    }
    skip!(seq => None);
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Borrowed(last_segment(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(Cow::Owned(last_segment(v).to_owned())))
    }
    skip!(scalars => None);
}

fn last_segment(pointer: &str) -> &str {
    pointer
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(pointer)
}

/// GraphQL's `"extensions": {"code": "UNAUTHENTICATED"}`.
struct ExtensionsSeed;

impl<'de> DeserializeSeed<'de> for ExtensionsSeed {
    type Value = Option<Code<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ExtensionsSeed {
    type Value = Option<Code<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("extensions")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code = None;
        while let Some(is_code) = map.next_key_seed(KeySeed(|name| name == "code"))? {
            if is_code {
                set(&mut code, map.next_value_seed(CodeSeed)?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(code)
    }
    skip!(seq => None);
    skip!(str => None);
    skip!(scalars => None);
}

/// FastAPI's `"loc": ["body", "price"]`: the last string names the parameter.
struct LocSeed;

impl<'de> DeserializeSeed<'de> for LocSeed {
    type Value = Option<Text<'de>>;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LocSeed {
    type Value = Option<Text<'de>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut last = None;
        while let Some(part) = seq.next_element_seed(Lenient)? {
            if part.is_some() {
                last = part;
            }
        }
        Ok(last)
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Lenient.visit_borrowed_str(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Lenient.visit_str(v)
    }
    skip!(map => None);
    skip!(scalars => None);
}

// ---------------------------------------------------------------------------------------------
// details

/// What reprieve reads out of `details`: a field name, a retry delay, a reason.
#[derive(Debug, Default)]
struct DetailHints<'a> {
    param: Option<Text<'a>>,
    retry_delay: Option<Duration>,
    reason: Option<Text<'a>>,
}

/// Reads `details` in any of its shapes: 0xmeta's and Hixbe's object (`{"field": ..}`), Halfin's
/// and PayPal's list of `{field, issue}`, Google's list of typed details (`RetryInfo.retryDelay`,
/// `ErrorInfo.reason`, `BadRequest.fieldViolations[].field`).
fn read_details(raw: &RawValue) -> DetailHints<'_> {
    let mut hints = DetailHints::default();
    let mut de = serde_json::Deserializer::from_str(raw.get());
    // A details value that does not parse gives no hints; the error itself is not interesting.
    let _ = DetailsSeed(&mut hints).deserialize(&mut de);
    hints
}

struct DetailsSeed<'f, 'a>(&'f mut DetailHints<'a>);

impl<'de> DeserializeSeed<'de> for DetailsSeed<'_, 'de> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DetailsSeed<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("details")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(DetailsSeed(self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        enum Key {
            Field,
            RetryDelay,
            Reason,
            Violations,
            Other,
        }
        let key = |name: &str| match name {
            "field" | "param" | "parameter" => Key::Field,
            "retryDelay" | "retry_delay" => Key::RetryDelay,
            "reason" => Key::Reason,
            "fieldViolations" | "field_violations" => Key::Violations,
            _ => Key::Other,
        };
        while let Some(k) = map.next_key_seed(KeySeed(key))? {
            match k {
                Key::Field => set(&mut self.0.param, map.next_value_seed(Lenient)?),
                Key::RetryDelay => {
                    set(&mut self.0.retry_delay, map.next_value_seed(SecondsSeed)?);
                }
                Key::Reason => set(&mut self.0.reason, map.next_value_seed(Lenient)?),
                Key::Violations => map.next_value_seed(DetailsSeed(self.0))?,
                Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
    skip!(str => ());
    skip!(scalars => ());
}
