//! The field a validation message names, where the body gives none in a field of its own.
//!
//! Validators start their messages with the field at fault, and many APIs pass those messages on
//! as they are, with nothing beside them to say which field failed:
//!
//! - Ajv, in Fastify's default reply, after the request's part: `body/amount must be >= 1`;
//! - class-validator, in `NestJS`'s: `amount must be a positive number`, `items.0.price should not
//!   be empty`, `each value in tags must be a string`, `property foo should not exist`;
//! - Joi, with its label quoted: `"amount" must be a number`, `"currency" is required`;
//! - Bean Validation's path and message: `payment.amount: must be greater than 0`, and the same
//!   with a sentence after the colon, as Asana and Symfony write it: `workspace: Missing input`;
//! - hand-written checks in the same shape (`price_amount must be a number`, `amount is
//!   required`), and the sentences that name the field after a word for it (`Missing required
//!   parameter: account_id`, Spring's `Required request parameter 'amount' for method parameter
//!   type String is not present`, Gin's `Key: 'Payment.Amount' Error:Field validation for
//!   'Amount' failed on the 'required' tag`), or before it (Laravel's and ASP.NET's `The amount
//!   field is required.`).
//!
//! Any of these may follow a label that says only that the request failed (`Validation failed:
//! amount must be ..`, Mongoose's `Payment validation failed: amount: ..`), and a name alone may
//! follow a label that ends in a word for a field (`Unknown parameter: foo`). A message of any
//! other shape names no field. Only Ajv's shape, which starts with the request's part, is read
//! from any error; the others only from a request that did not validate, so that `payment must
//! be captured first`, a conflict, names no field.

use std::borrow::Cow;

use super::json::{Text, is_request_location, pointer_path};

/// The field `message` names; `validation` says whether the error is a request that did not
/// validate.
#[inline]
pub(super) fn message_field(message: &str, validation: bool) -> Option<Text<'_>> {
    // Most messages start with a sentence's capital: ruled out inline by their first byte, the
    // rest read out of line. Ajv's start with the request's part (the first letters of the parts
    // `is_request_location` names); the other shapes with a field's name, a quote, or a word
    // for a field. A label may start with any capital, and is looked for with one search for
    // its colon.
    let first = *message.as_bytes().first()?;
    if !validation {
        return matches!(first, b'b' | b'c' | b'h' | b'p' | b'q')
            .then(|| field_of(message, false))
            .flatten();
    }
    if first.is_ascii_lowercase()
        || matches!(
            first,
            b'_' | b'"' | b'F' | b'I' | b'K' | b'M' | b'P' | b'R' | b'T' | b'U'
        )
    {
        field_of(message, true)
    } else if first.is_ascii_uppercase() && has_label_colon(message) {
        labelled_field(message, true)
    } else {
        None
    }
}

#[cold]
#[inline(never)]
fn field_of(message: &str, validation: bool) -> Option<Text<'_>> {
    unlabelled_field(message, validation).or_else(|| {
        has_label_colon(message)
            .then(|| labelled_field(message, validation))
            .flatten()
    })
}

/// Whether a colon ends what may be a label: within the longest label's length.
fn has_label_colon(message: &str) -> bool {
    let head = message.as_bytes();
    head.get(..=LABEL_MAX).unwrap_or(head).contains(&b':')
}

/// The field a message names after a label: the subject of what follows a label that says only
/// that the request failed, or in a request that did not validate, the name that follows a label
/// ending in a word for a field (`The request is missing required field: card_number`, `Unknown
/// parameter: foo`, `Required fields missing: amount, currency`).
#[cold]
#[inline(never)]
fn labelled_field(message: &str, validation: bool) -> Option<Text<'_>> {
    let (last, rest) = label(message)?;
    if says_only_failed(message, last) {
        return unlabelled_field(rest, validation);
    }
    if !validation || !(field_word(last) || last.eq_ignore_ascii_case("missing")) {
        return None;
    }
    let (name, after) = name_at(rest)?;
    let after = after.trim_start();
    (after.is_empty() || after.starts_with(',') || is_verdict(after)).then_some(Cow::Borrowed(name))
}

/// The field a message of one of the shapes above names, with no label before it.
fn unlabelled_field(message: &str, validation: bool) -> Option<Text<'_>> {
    // Every shape is told by its first word.
    let (head, rest) = split_word(message)?;
    if let Some(field) = ajv_field(head, rest) {
        return Some(field);
    }
    if !validation {
        return None;
    }
    if head == "json:" {
        return go_json_field(rest).map(Cow::Borrowed);
    }
    subject_field(head, rest)
        .or_else(|| named_field(head, rest))
        .map(Cow::Borrowed)
}

/// The longest label read past: axum's `Failed to deserialize the JSON body into the target
/// type: ` is 56 bytes before its colon.
const LABEL_MAX: usize = 64;

/// The last word of a label that starts a message, a few words and a colon, and the rest of the
/// message after it.
fn label(message: &str) -> Option<(&str, &str)> {
    let end = message.find(':')?;
    let (label, rest) = message.split_at(end);
    let rest = rest.strip_prefix(": ")?;
    if end > LABEL_MAX || !label.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ') {
        return None;
    }
    Some((label.rsplit(' ').next()?, rest))
}

/// Whether a label's last word says only that the request failed: `Validation failed: `,
/// `ValidationError: `, `Bad Request: `, `Invalid input: `, and Mongoose's ``Payment validation
/// failed: amount: Path `amount` is required.``
fn says_only_failed(message: &str, last: &str) -> bool {
    // A deserializer's, whatever its last word: axum's `Failed to deserialize the JSON body into
    // the target type: `, its query and form rejections, `Failed to parse the request body as
    // JSON: `.
    if message.starts_with("Failed to deserialize ") || message.starts_with("Failed to parse ") {
        return true;
    }
    let ends_with = |word: &str| {
        last.len()
            .checked_sub(word.len())
            .and_then(|at| last.get(at..))
            .is_some_and(|end| end.eq_ignore_ascii_case(word))
    };
    ["error", "errors", "failed", "exception", "request", "input"]
        .into_iter()
        .any(ends_with)
}

/// Ajv's message after the request's part and the JSON Pointer to the value (`body/amount must
/// be >= 1`, or `body.amount should be >= 1` before Fastify 4), or for a field left out, Ajv's
/// `must have required property 'amount'`.
fn ajv_field<'a>(head: &'a str, rest: &'a str) -> Option<Text<'a>> {
    let (part, path) = match head.bytes().position(|b| b == b'/' || b == b'.') {
        Some(at) => (head.get(..at)?, head.get(at + 1..)?),
        None => (head, ""),
    };
    if !is_request_location(part) {
        return None;
    }
    let verdict = rest
        .strip_prefix("must ")
        .or_else(|| rest.strip_prefix("should "))?;
    let missing = verdict
        .strip_prefix("have required property '")
        .and_then(|name| name.split_once('\''))
        .map(|(name, _)| name);
    if path.is_empty() {
        return missing.map(Cow::Borrowed);
    }
    let path = pointer_path(Cow::Borrowed(path))?;
    Some(match missing {
        Some(name) => Cow::Owned(format!("{path}.{name}")),
        None => path,
    })
}

/// The field Go's `encoding/json` names, as Gin and many Go services pass its error on: `json:
/// cannot unmarshal string into Go struct field Payment.card.number of type int64` (the path
/// after the struct's type), `json: unknown field "amout"`.
fn go_json_field(rest: &str) -> Option<&str> {
    if let Some(quoted) = rest.strip_prefix("unknown field \"") {
        return name_before(quoted, '"');
    }
    let (_, path) = rest.split_once(" Go struct field ")?;
    let (path, _) = path.split_once(" of type ")?;
    let (_, path) = path.split_once('.')?;
    is_name(path).then_some(path)
}

/// A message whose subject is the field: `amount must be ..`, `"amount" is required`,
/// `payment.amount: must be ..`.
fn subject_field<'a>(head: &'a str, rest: &'a str) -> Option<&'a str> {
    // class-validator's wording for a list's values and for a field the request may not send.
    let (head, rest) = match head {
        "each" => split_word(rest.strip_prefix("value in ")?)?,
        "property" => split_word(rest)?,
        _ => (head, rest),
    };
    // Joi quotes its label, which may be a name of the API's own choosing; Bean Validation puts a
    // colon after the path.
    let (field, colon) = if let Some(label) = head.strip_prefix('"') {
        (label.strip_suffix('"')?, false)
    } else {
        let (field, colon) = match head.strip_suffix(':') {
            Some(field) => (field, true),
            None => (head, false),
        };
        let lower = field.as_bytes().first()?.is_ascii_lowercase() || field.starts_with('_');
        (lower && !is_common_word(field)).then_some((field, colon))?
    };
    let verdict = is_verdict(rest) || (colon && is_verdict_after_colon(field, rest));
    (is_name(field) && verdict).then_some(field)
}

/// Whether the rest of a message after `field:` says how the field failed, in the words that
/// follow a colon and start a sentence of their own: Asana's `workspace: Missing input` and
/// `project: Not a recognized ID`, Symfony's `amount: This value should not be blank.`,
/// `currency: required`. A label that only introduces what follows (`error: invalid request`) is
/// no field.
fn is_verdict_after_colon(field: &str, rest: &str) -> bool {
    if matches!(
        field,
        "error"
            | "errors"
            | "validation"
            | "warning"
            | "note"
            | "reason"
            | "message"
            | "details"
            | "cause"
    ) {
        return false;
    }
    let word = split_word(rest).map_or(rest, |(word, _)| word);
    let word = word.trim_end_matches(['.', ',']);
    // Mongoose names the field again: ``amount: Path `amount` is required.``
    [
        "missing", "required", "invalid", "not", "must", "should", "cannot", "expected", "unknown",
        "path",
    ]
    .into_iter()
    .any(|verdict| word.eq_ignore_ascii_case(verdict))
        || strip_prefix_ignore_case(rest, "this value ").is_some()
        || strip_prefix_ignore_case(rest, "this field ").is_some()
}

/// Whether the rest of a message after its subject says how the subject failed to validate.
fn is_verdict(rest: &str) -> bool {
    let (word, after) = split_word(rest).unwrap_or((rest, ""));
    match word {
        "must" | "should" => true,
        "is" => [
            "required",
            "missing",
            "not allowed",
            "invalid",
            "not valid",
            "not a valid",
        ]
        .into_iter()
        .any(|verdict| after.starts_with(verdict)),
        "may" => after.starts_with("not be"),
        "cannot" => after.starts_with("be empty") || after.starts_with("be blank"),
        "length" | "size" => after.starts_with("must"),
        "does" => after.starts_with("not match"),
        "fails" => after.starts_with("to match"),
        _ => false,
    }
}

/// A message that names the field after a word for it: `Missing required parameter: account_id`,
/// `The parameter 'amount' is required.`, Adyen's `Required field 'reference' is not provided.`,
/// Spring's `Required String parameter 'amount' is not present`, Gin's `Key: 'Payment.Amount'
/// Error:Field validation for 'Amount' failed on ..`.
fn named_field<'a>(head: &'a str, rest: &'a str) -> Option<&'a str> {
    let lead = |word: &str| head.eq_ignore_ascii_case(word);
    if head == "Key:" {
        let (_, rest) = rest.split_once("Error:Field validation for '")?;
        return name_before(rest, '\'');
    }
    if lead("unknown") || lead("duplicate") {
        // serde's `unknown field `amout`, expected one of ..` and `duplicate field `amount``.
        return name_after_field_word(after_field_word(rest)?).map(|(name, _)| name);
    }
    if lead("missing") || lead("invalid") {
        // `Missing required parameter: x`, `Invalid field x`, Yodlee's `Invalid value for
        // accountId`, and the messages of Bank Indonesia's SNAP standard, `Invalid Mandatory Field
        // {amount}` and `Invalid Field Format {amount.value}`, whose braces mark the name wherever
        // it stands. A word alone after `Invalid` is no field's name (`Invalid API key`).
        if let Some((_, braced)) = rest.split_once('{') {
            return name_before(braced, '}');
        }
        let value_for = strip_prefix_ignore_case(rest, "value for ");
        let rest = value_for
            .or_else(|| strip_prefix_ignore_case(rest, "required "))
            .or_else(|| strip_prefix_ignore_case(rest, "mandatory "))
            .unwrap_or(rest);
        let rest = after_field_word(rest).or(value_for)?;
        // SNAP's `Invalid Field Format amount`, where the word says what is wrong with the field.
        let rest = strip_prefix_ignore_case(rest, "format ").unwrap_or(rest);
        return name_after_field_word(rest)
            .map(|(name, _)| name)
            .filter(|name| !name.eq_ignore_ascii_case("format"));
    }
    if lead("required") {
        // Adyen's `Required field 'reference' is not provided.` (`Required object
        // 'paymentMethod'` for a group of fields), Spring's `Required parameter 'amount'`, with
        // the parameter's type or `request` before the word where it gives one. The name is
        // quoted: `Required fields missing` names none.
        let names = |word: &str| field_word(word) || word == "object";
        let (word, after) = split_word(rest)?;
        let (word, after) = if names(word) {
            (word, after)
        } else {
            split_word(after)?
        };
        if !names(word) {
            return None;
        }
        return name_before(after.strip_prefix('\'')?, '\'');
    }
    // `The parameter 'amount' is required.`, `Field `currency` must be ..`, and the name before
    // the word, as Laravel and ASP.NET write it: `The amount field is required.`, `The Amount
    // field must be a number.` (and `The amount must be ..` in Laravel's earlier wording).
    let (name, after) = if lead("the") {
        if let Some(rest) = after_field_word(rest) {
            name_after_field_word(rest)?
        } else {
            let (name, after) = name_at(rest)?;
            let after = after.trim_start();
            (name, after_field_word(after).unwrap_or(after))
        }
    } else {
        name_after_field_word(field_word(head).then_some(rest)?)?
    };
    is_verdict(after.trim_start()).then_some(name)
}

/// The rest of `text` after a word for a field and the space after it, if it starts with one.
fn after_field_word(text: &str) -> Option<&str> {
    let (word, rest) = split_word(text)?;
    field_word(word.strip_suffix(':').unwrap_or(word)).then_some(rest)
}

/// Whether `word` is a word for a field.
fn field_word(word: &str) -> bool {
    [
        "parameter",
        "parameters",
        "param",
        "params",
        "field",
        "fields",
        "property",
        "argument",
        "attribute",
        // Mongoose's ``Path `amount` is required.``
        "path",
    ]
    .into_iter()
    .any(|field| word.eq_ignore_ascii_case(field))
}

/// The name at the start of `text`, quoted (`'x'`, `"x"`, `` `x` ``) or not (up to a space, a
/// comma or the sentence's full stop), and the text after it.
fn name_at(text: &str) -> Option<(&str, &str)> {
    let (name, after) = if let Some(quoted) = text.strip_prefix(['\'', '"', '`']) {
        quoted.split_once(text.chars().next()?)?
    } else {
        let end = text.bytes().position(|b| matches!(b, b' ' | b',' | b';'));
        let (name, after) = text.split_at(end.unwrap_or(text.len()));
        (name.trim_end_matches('.'), after)
    };
    (is_name(name) && !is_common_word(name)).then_some((name, after))
}

/// The name after a word for a field, as [`name_at`] reads it. An unquoted word that goes on with
/// the sentence (`Invalid parameters supplied`, `Missing required parameters in request`) or says
/// what about the field is wrong (`Invalid property name`, `Invalid parameter combination`) is no
/// field's name.
fn name_after_field_word(text: &str) -> Option<(&str, &str)> {
    let quoted = text.starts_with(['\'', '"', '`']);
    name_at(text).filter(|(name, _)| quoted || !goes_on(name))
}

/// Words that follow a word for a field in a sentence, but name none: participles, the small
/// words that join a phrase, and the nouns of `parameter value`, `field type`.
fn goes_on(word: &str) -> bool {
    [
        "supplied",
        "provided",
        "given",
        "passed",
        "sent",
        "specified",
        "received",
        "submitted",
        "entered",
        "found",
        "detected",
        "missing",
        "required",
        "in",
        "for",
        "or",
        "and",
        "of",
        "on",
        "to",
        "with",
        "from",
        "at",
        "by",
        "is",
        "are",
        "was",
        "were",
        "values",
        "name",
        "names",
        "type",
        "types",
        "format",
        "combination",
        "count",
        "length",
        "list",
        "set",
    ]
    .into_iter()
    .any(|other| word.eq_ignore_ascii_case(other))
}

/// The name that `text` starts with and `quote` closes.
fn name_before(text: &str, quote: char) -> Option<&str> {
    let (name, _) = text.split_once(quote)?;
    is_name(name).then_some(name)
}

/// Whether `text` is a field's name or path: letters, digits, `_`, `-`, `$`, and the `.` and
/// brackets of a path (`items.0.price`, `items[0].price`), starting with a letter or `_`.
fn is_name(text: &str) -> bool {
    text.len() <= 128
        && text
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && text.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'$' | b'.' | b'[' | b']')
        })
        && !text.ends_with(['.', '-'])
}

/// Words that start a sentence in lower case and name no field (`you must ..`, `request body is
/// required`), and the request's parts.
fn is_common_word(word: &str) -> bool {
    is_request_location(word)
        || matches!(
            word,
            "a" | "an"
                | "the"
                | "it"
                | "this"
                | "that"
                | "these"
                | "there"
                | "they"
                | "we"
                | "you"
                | "one"
                | "all"
                | "each"
                | "every"
                | "request"
                | "payload"
                | "input"
                | "value"
                | "data"
                | "field"
                | "parameter"
                | "param"
                | "property"
        )
}

/// `text` split at its first space, as `text.split_once(' ')` splits it. The first word of a
/// message is short, and a loop over its bytes costs a fraction of the general search's setup.
fn split_word(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == b' ')?;
    Some((text.get(..at)?, text.get(at + 1..)?))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}
