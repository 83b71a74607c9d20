//! The envelopes of the APIs users point reprieve at, as their documentation shows them.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::{HeaderMap, StatusCode};

use crate::headers::HintSource;
use crate::{ApiError, ErrorKind, Format};

fn parse(status: u16, headers: &[(&'static str, &str)], body: &str) -> ApiError {
    let mut map = HeaderMap::new();
    for (name, value) in headers {
        map.append(*name, value.parse().unwrap());
    }
    ApiError::from_response(StatusCode::from_u16(status).unwrap(), &map, body.as_bytes())
}

#[track_caller]
fn check(
    error: &ApiError,
    format: Format,
    kind: ErrorKind,
    code: Option<&str>,
    message: Option<&str>,
) {
    assert_eq!(error.format(), format, "{error:?}");
    assert_eq!(error.kind(), kind, "{error:?}");
    assert_eq!(error.code(), code, "{error:?}");
    assert_eq!(error.message(), message, "{error:?}");
}

#[test]
fn stripe_card_error() {
    let e = parse(
        402,
        &[("request-id", "req_Xyz")],
        r#"{"error": {"charge": "ch_1", "code": "card_declined", "decline_code": "generic_decline",
           "doc_url": "https://stripe.com/docs/error-codes/card-declined",
           "message": "Your card was declined.", "param": "", "type": "card_error"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::PaymentFailed,
        Some("card_declined"),
        Some("Your card was declined."),
    );
    assert_eq!(e.request_id(), Some("req_Xyz"));
}

#[test]
fn stripe_idempotency_error_by_type() {
    let e = parse(
        400,
        &[("stripe-should-retry", "false")],
        r#"{"error": {"message": "Keys for idempotent requests can only be used with the same parameters they were first used with.", "type": "idempotency_error"}}"#,
    );
    assert_eq!(e.kind(), ErrorKind::IdempotencyMismatch);
    assert_eq!(e.should_retry(), Some(false));
}

#[test]
fn google_aip_193_with_error_info_and_retry_info() {
    let e = parse(
        429,
        &[],
        r#"{"error": {"code": 429, "message": "Quota exceeded for quota metric 'Requests'.",
            "status": "RESOURCE_EXHAUSTED",
            "details": [
              {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
               "domain": "googleapis.com", "metadata": {"service": "pubsub.googleapis.com"}},
              {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s"}]}}"#,
    );
    check(
        &e,
        Format::GoogleRpc,
        ErrorKind::RateLimited,
        Some("RATE_LIMIT_EXCEEDED"),
        Some("Quota exceeded for quota metric 'Requests'."),
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(e.server_delay().unwrap().source, HintSource::Body);
    assert!(e.details().unwrap().contains("RetryInfo"));
}

#[test]
fn google_bad_request_field_violation() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": 400, "message": "Invalid value", "status": "INVALID_ARGUMENT",
            "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                         "fieldViolations": [{"field": "book.title", "description": "required"}]}]}}"#,
    );
    check(
        &e,
        Format::GoogleRpc,
        ErrorKind::InvalidRequest,
        Some("INVALID_ARGUMENT"),
        Some("Invalid value"),
    );
    assert_eq!(e.param(), Some("book.title"));
}

#[test]
fn wix_nests_its_code_and_its_field_in_details() {
    let e = parse(
        404,
        &[],
        r#"{"message": "Order not found", "details": {"applicationError": {"description": "Order not found", "code": "ORDER_NOT_FOUND", "data": {}}}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        Some("ORDER_NOT_FOUND"),
        Some("Order not found"),
    );
    let e = parse(
        400,
        &[],
        r#"{"message": "INVALID_ARGUMENT: amount must be positive", "details": {"validationError": {"fieldViolations": [{"field": "amount", "description": "must be positive", "violatedRule": "MIN"}]}}}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    // Any other `code` in top-level details may be what the message is about.
    let e = parse(
        400,
        &[],
        r#"{"message": "Coupon expired", "details": {"code": "SUMMER10"}}"#,
    );
    assert_eq!(e.code(), None);
}

#[test]
fn grpc_gateways_error_info_names_the_code_its_status_number_does_not() {
    // grpc-gateway writes the gRPC status as a number; an `ErrorInfo` says what went wrong.
    let e = parse(
        404,
        &[],
        r#"{"code": 5, "message": "payment not found", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "PAYMENT_NOT_FOUND", "domain": "payments.example.com"}]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        Some("PAYMENT_NOT_FOUND"),
        Some("payment not found"),
    );
    // The reason of a detail of any other type is no code.
    let e = parse(
        400,
        &[],
        r#"{"code": 3, "message": "invalid amount", "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest", "reason": "TOO_SMALL"}]}"#,
    );
    assert_eq!(e.code(), Some("3"));
}

#[test]
fn rfc_9457_problem_details() {
    let e = parse(
        403,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://example.com/probs/out-of-credit", "title": "You do not have enough credit.",
            "detail": "Your current balance is 30, but that costs 50.",
            "instance": "/account/12345/msgs/abc", "balance": 30}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::PermissionDenied,
        Some("out-of-credit"),
        Some("Your current balance is 30, but that costs 50."),
    );

    let validation = parse(
        400,
        &[("content-type", "application/problem+json; charset=utf-8")],
        r#"{"type": "https://example.net/validation-error", "title": "Your request is not valid.",
            "invalid-params": [{"name": "age", "reason": "must be a positive integer"}]}"#,
    );
    assert_eq!(validation.param(), Some("age"));
    assert_eq!(validation.message(), Some("Your request is not valid."));
}

#[test]
fn aspnet_problem_without_media_type() {
    let e = parse(
        400,
        &[("content-type", "application/json")],
        r#"{"type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            "title": "One or more validation errors occurred.", "status": 400,
            "errors": {"Name": ["The Name field is required."]},
            "traceId": "00-84b7c1d4b2ffe0c3-01"}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        None,
        Some("One or more validation errors occurred."),
    );
    assert_eq!(e.param(), Some("Name"));
    assert_eq!(e.request_id(), Some("00-84b7c1d4b2ffe0c3-01"));
}

#[test]
fn adyens_invalid_fields_name_the_field() {
    // Adyen's Balance Platform and Management APIs: a problem with a code of Adyen's own and the
    // fields at fault.
    let e = parse(
        422,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://docs.adyen.com/errors/validation",
            "title": "Invalid Payment Instrument information provided", "status": 422,
            "detail": "Invalid Payment Instrument information provided",
            "invalidFields": [{"name": "balanceAccountId", "value": "",
            "message": "Balance account not found"}],
            "errorCode": "30_112", "requestId": "1W1UHY5O9HGB5IE2"}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("30_112"),
        Some("Invalid Payment Instrument information provided"),
    );
    assert_eq!(e.param(), Some("balanceAccountId"));
    assert_eq!(e.request_id(), Some("1W1UHY5O9HGB5IE2"));
}

#[test]
fn oracle_error_details_speak_where_the_title_is_a_reason_phrase() {
    // NetSuite's REST web services: the title is the status's phrase; the first of
    // `o:errorDetails` says what went wrong, its code and the field.
    let e = parse(
        400,
        &[(
            "content-type",
            "application/vnd.oracle.resource+json; type=error",
        )],
        r#"{"type": "https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1",
            "title": "Bad Request", "status": 400,
            "o:errorDetails": [{"detail": "Invalid Field Value 99 for the following field: currency",
                "o:errorPath": "currency", "o:errorCode": "INVALID_VALUE"}]}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("INVALID_VALUE"),
        Some("Invalid Field Value 99 for the following field: currency"),
    );
    assert_eq!(e.param(), Some("currency"));
    // Oracle Fusion's: the document's own detail and code come first.
    let e = parse(
        400,
        &[],
        r#"{"title": "Bad Request", "detail": "The request could not be processed.",
            "o:errorCode": "27023", "status": "400",
            "o:errorDetails": [{"detail": "InvoiceAmount is required.", "o:errorCode": "27014"}]}"#,
    );
    assert_eq!(e.code(), Some("27023"));
    assert_eq!(e.message(), Some("The request could not be processed."));
    // A title that says more than the status keeps its place.
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"title": "Constraint Violation", "status": 400,
            "violations": [{"field": "amount", "message": "must be positive"}]}"#,
    );
    assert_eq!(e.message(), Some("Constraint Violation"));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn oauth2_token_error() {
    let e = parse(
        400,
        &[],
        r#"{"error": "invalid_grant", "error_description": "The refresh token has expired."}"#,
    );
    check(
        &e,
        Format::OAuth,
        ErrorKind::Unauthenticated,
        Some("invalid_grant"),
        Some("The refresh token has expired."),
    );
}

#[test]
fn an_error_description_alone_is_the_message() {
    // Mule applications' error body: the description names the failure, the type is its code.
    let e = parse(
        500,
        &[],
        r#"{"errorType": "HTTP:INTERNAL_SERVER_ERROR", "errorDescription": "HTTP POST on resource failed: internal server error (500)."}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Internal,
        Some("HTTP:INTERNAL_SERVER_ERROR"),
        Some("HTTP POST on resource failed: internal server error (500)."),
    );
    let e = parse(400, &[], r#"{"error_description": "Missing grant_type"}"#);
    assert_eq!(e.message(), Some("Missing grant_type"));
    assert_eq!(e.code(), None);
}

#[test]
fn a_description_beside_an_error_type_is_the_message() {
    // The CoW Protocol's order book: `{errorType, description}`, and a `data` on some errors.
    let e = parse(
        400,
        &[],
        r#"{"errorType": "InsufficientFee", "description": "Order does not include sufficient fee"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("InsufficientFee"),
        Some("Order does not include sufficient fee"),
    );
    // Without an error type, a `description` may belong to what the body echoes back: the
    // message is the body's snippet, which keeps every field.
    let body = r#"{"id": "ord_1", "description": "Coffee beans"}"#;
    let e = parse(409, &[], body);
    check(&e, Format::Json, ErrorKind::Conflict, None, Some(body));
}

#[test]
fn slack_ok_false_on_200_and_429() {
    let e = parse(200, &[], r#"{"ok": false, "error": "channel_not_found"}"#);
    check(
        &e,
        Format::OkFalse,
        ErrorKind::NotFound,
        Some("channel_not_found"),
        Some("channel_not_found"),
    );
    let e = parse(
        429,
        &[("retry-after", "30")],
        r#"{"ok": false, "error": "ratelimited"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
}

#[test]
fn json_api_errors() {
    let e = parse(
        422,
        &[("content-type", "application/vnd.api+json")],
        r#"{"errors": [{"status": "422", "code": "invalid_amount", "title": "Invalid Attribute",
            "detail": "Amount must be positive.", "source": {"pointer": "/data/attributes/amount"}}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("invalid_amount"),
        Some("Amount must be positive."),
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_json_pointer_names_the_field_as_its_dotted_path() {
    let problem = [("content-type", "application/problem+json")];
    for (headers, body, param) in [
        // RFC 9457's own example of a validation problem: a URI fragment.
        (
            &problem[..],
            r##"{"type": "https://example.net/validation-error", "title": "Your request is not valid.",
                "errors": [{"detail": "must be 'green', 'red' or 'blue'", "pointer": "#/profile/color"}]}"##,
            Some("profile.color"),
        ),
        // JSON:API: what leads to the attributes is left out, not what nests them.
        (
            &[],
            r#"{"errors": [{"status": "422", "detail": "City must contain at least two characters.",
                "source": {"pointer": "/data/attributes/billing/city"}}]}"#,
            Some("billing.city"),
        ),
        // A pointer to the primary data as a whole (Klaviyo's) names no field.
        (
            &[],
            r#"{"errors": [{"status": 429, "code": "throttled", "title": "Request was throttled.",
                "source": {"pointer": "/data/"}}]}"#,
            None,
        ),
        // Dwolla names the field of a listed error in `path`, a pointer.
        (
            &[],
            r#"{"code": "ValidationError", "message": "Validation error(s) present.",
                "_embedded": {"errors": [{"code": "Invalid", "message": "Invalid amount.",
                "path": "/amount/value"}]}}"#,
            Some("amount.value"),
        ),
        // express-openapi-validator begins its pointer with the part of the request; version 4
        // gave a dotted path from the request's root.
        (
            &[],
            r#"{"message": "request/body must have required property 'amount'", "errors": [{"path":
                "/body/amount", "message": "must have required property 'amount'"}]}"#,
            Some("amount"),
        ),
        (
            &[],
            r#"{"message": "request.body should have required property 'amount'", "errors": [{"path":
                ".body.amount", "message": "should have required property 'amount'"}]}"#,
            Some("amount"),
        ),
        // Ajv's `instancePath`, with RFC 6901's escapes of `/` and `~`.
        (
            &[],
            r#"{"message": "Invalid body", "errors": [{"instancePath": "/items/0/price",
                "message": "must be number"}]}"#,
            Some("items.0.price"),
        ),
        (
            &[],
            r#"{"errors": [{"instancePath": "/metadata/a~1b~0c", "message": "must be string"}]}"#,
            Some("metadata.a/b~c"),
        ),
        // Ajv 6's `dataPath`, a property access.
        (
            &[],
            r#"{"errors": [{"keyword": "type", "dataPath": ".payment.amount", "params": {"type":
                "number"}, "message": "should be number"}]}"#,
            Some("payment.amount"),
        ),
        // A property missing at the root: the pointer names the document, and the keyword's
        // parameters the property (Ajv's `params`, LoopBack's `info`). Other parameters name none.
        (
            &[],
            r#"{"errors": [{"instancePath": "", "keyword": "required", "params":
                {"missingProperty": "amount"}, "message": "must have required property 'amount'"}]}"#,
            Some("amount"),
        ),
        (
            &[],
            r#"{"error": {"code": "VALIDATION_FAILED", "message": "The request body is invalid.",
                "details": [{"path": "", "code": "required", "info": {"missingProperty":
                "amount"}}]}}"#,
            Some("amount"),
        ),
        (
            &[],
            r#"{"error_code": "beneficiary_create_failed", "error_messages": [{"code":
                "bank_country_is_in_invalid_format", "params": {"type": "country_code"}}]}"#,
            None,
        ),
        // A pointer to the whole document names no field; nor does a URL's path.
        (
            &[],
            r#"{"errors": [{"instancePath": "", "message": "must be object"}]}"#,
            None,
        ),
        (
            &[],
            r#"{"errors": [{"message": "Not found", "path": "/api/payments/pay_1"}]}"#,
            None,
        ),
    ] {
        assert_eq!(parse(400, headers, body).param(), param, "{body}");
    }
}

#[test]
fn a_list_of_details_alone_is_the_list_of_errors() {
    // Conekta: the top level says only the error's type; `details` lists the errors, each with a
    // message for the developer and one for the payer.
    let e = parse(
        402,
        &[],
        r#"{"details": [{"debug_message": "The card was declined.",
            "message": "La tarjeta fue declinada.", "param": "payment_method.token_id",
            "code": "conekta.errors.processing.bank.declined"}],
            "log_id": "507ee0b4d2c7", "object": "error", "type": "processing_error"}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::PaymentFailed,
        Some("conekta.errors.processing.bank.declined"),
        Some("The card was declined."),
    );
    assert_eq!(e.param(), Some("payment_method.token_id"));
    assert!(e.details().is_some_and(|d| d.contains("La tarjeta")));
    // Beside a message of its own, the list stays the details it was.
    let e = parse(
        400,
        &[],
        r#"{"message": "Invalid request", "details": [{"message": "amount is required",
            "code": "required"}]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        None,
        Some("Invalid request"),
    );
}

#[test]
fn a_message_key_holding_error_objects_is_the_list_of_errors() {
    // PagBank's `error_messages`: code, description and the parameter at fault. Its description
    // is the name of its numeric code, and names the error better.
    let e = parse(
        400,
        &[],
        r#"{"error_messages": [ {"code": "40002", "description": "invalid_parameter",
            "parameter_name": "amount.value"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("invalid_parameter"),
        Some("invalid_parameter"),
    );
    assert_eq!(e.param(), Some("amount.value"));
    // BlueSnap's `message`.
    let e = parse(
        400,
        &[],
        r#"{"message": [{"errorName": "INVALID_CARD_NUMBER", "code": "14002",
            "description": "Invalid card number"}]}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("INVALID_CARD_NUMBER"), Some("Invalid card number"))
    );
    // A list of texts stays the message (Klarna's, NestJS's), and so does a list of them beside
    // an errors list.
    let e = parse(
        400,
        &[],
        r#"{"error_code": "BAD_VALUE", "error_messages": ["Bad value: order_lines"]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("BAD_VALUE"),
        Some("Bad value: order_lines"),
    );
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"code": "E1", "message": "first error"}],
            "message": [{"message": "second error"}]}"#,
    );
    assert_eq!((e.code(), e.message()), (Some("E1"), Some("second error")));
}

#[test]
fn a_sentence_in_result_stands_in_for_a_one_word_message() {
    // Etherscan and the explorers that copy its API.
    let e = parse(
        429,
        &[],
        r#"{"status": "0", "message": "NOTOK", "result": "Max calls per sec rate limit reached (5/sec)"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        None,
        Some("Max calls per sec rate limit reached (5/sec)"),
    );
    // A message that is a sentence stays, and a one-word result is no message.
    for (body, message) in [
        (
            r#"{"status": "0", "message": "No transactions found", "result": "none at all"}"#,
            "No transactions found",
        ),
        (r#"{"result": "error", "message": "NOTOK"}"#, "NOTOK"),
    ] {
        assert_eq!(parse(400, &[], body).message(), Some(message), "{body}");
    }
}

#[test]
fn authorize_net_lists_its_errors_under_messages() {
    let e = parse(
        200,
        &[],
        r#"{"messages": {"resultCode": "Error", "message": [{"code": "E00007",
            "text": "User authentication failed due to invalid authentication values."}]}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unknown,
        Some("E00007"),
        Some("User authentication failed due to invalid authentication values."),
    );
    // A list of texts under `messages` is the message.
    let e = parse(400, &[], r#"{"messages": ["amount is required"]}"#);
    assert_eq!(e.message(), Some("amount is required"));
}

#[test]
fn wompi_names_the_field_under_messages_and_gives_a_reason_as_text() {
    let e = parse(
        422,
        &[],
        r#"{"error": {"type": "INPUT_VALIDATION_ERROR",
            "messages": {"amount_in_cents": ["El monto debe ser mayor a 0"]}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        None,
        Some("El monto debe ser mayor a 0"),
    );
    assert_eq!(e.param(), Some("amount_in_cents"));
    // A reason that is a sentence is the text, not the code; one that reads as a code stays one.
    let e = parse(
        404,
        &[],
        r#"{"error": {"type": "NOT_FOUND_ERROR", "reason": "La entidad solicitada no existe"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::NotFound,
        None,
        Some("La entidad solicitada no existe"),
    );
    let e = parse(
        404,
        &[],
        r#"{"error": {"reason": "notFound", "message": "No such wallet"}}"#,
    );
    assert_eq!(e.code(), Some("notFound"));
}

#[test]
fn vendor_spellings_of_the_error_and_its_message() {
    // TronGrid capitalises `Error`; Culqi's `merchant_message` is for the developer.
    let e = parse(
        400,
        &[],
        r#"{"Error": "class org.tron.core.exception.ContractValidateException : account does not exist"}"#,
    );
    assert_eq!(
        e.message(),
        Some("class org.tron.core.exception.ContractValidateException : account does not exist")
    );
    let e = parse(
        402,
        &[],
        r#"{"object": "error", "type": "card_error", "code": "card_declined",
            "merchant_message": "La tarjeta no tiene fondos suficientes.",
            "user_message": "Su tarjeta no tiene fondos suficientes."}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::PaymentFailed,
        Some("card_declined"),
        Some("La tarjeta no tiene fondos suficientes."),
    );
    // ASP.NET Web API 2: `ModelState` maps each field to its messages.
    let e = parse(
        400,
        &[],
        r#"{"Message": "The request is invalid.",
            "ModelState": {"model.Amount": ["The Amount field is required."]}}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("The request is invalid."), Some("model.Amount"))
    );
    // XT.com's message code, beside its return code.
    let e = parse(
        401,
        &[],
        r#"{"rc": 1, "mc": "AUTH_103", "ma": [], "result": null}"#,
    );
    assert_eq!(e.code(), Some("AUTH_103"));
}

#[test]
fn an_errors_own_error_text_is_its_message_or_its_name() {
    // StraitsX: a sentence, beside the code.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"error": "Invalid parameter", "error_code": "XFE12", "error_handling": "Make sure you entered the correct parameters."}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("XFE12"),
        Some("Invalid parameter"),
    );
    // Swyftx: the error's name, beside the message.
    let e = parse(
        400,
        &[],
        r#"{"error": {"error": "InvalidAsset", "message": "Asset not found"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("InvalidAsset"),
        Some("Asset not found"),
    );
}

#[test]
fn an_error_class_as_the_type_is_the_code_where_there_is_no_other() {
    // AWS AppSync's `errorType`, in a GraphQL error list.
    let e = parse(
        401,
        &[],
        r#"{"errors": [{"errorType": "UnauthorizedException",
            "message": "Valid authorization header not provided."}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unauthenticated,
        Some("UnauthorizedException"),
        Some("Valid authorization header not provided."),
    );
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"errorType": "DynamoDB:ConditionalCheckFailedException",
            "message": "The conditional request failed"}]}"#,
    );
    assert_eq!(e.code(), Some("DynamoDB:ConditionalCheckFailedException"));
    // MoonPay's top-level `type`.
    let e = parse(
        429,
        &[],
        r#"{"message": "Too many requests", "type": "TooManyRequestsError"}"#,
    );
    assert_eq!(e.code(), Some("TooManyRequestsError"));
    // A category is no class, and a code of the body's own wins over a class.
    for (body, code) in [
        (
            r#"{"error": {"type": "invalid_request_error", "message": "Missing amount"}}"#,
            None,
        ),
        (
            r#"{"errors": [{"code": "E1", "errorType": "ValidationError", "message": "Bad"}]}"#,
            Some("E1"),
        ),
    ] {
        assert_eq!(parse(400, &[], body).code(), code, "{body}");
    }
}

#[test]
fn gateway_and_platform_envelopes() {
    // IBM API Connect: a reason phrase, and the specifics in `moreInformation`.
    let e = parse(
        401,
        &[],
        r#"{"httpCode": "401", "httpMessage": "Unauthorized",
            "moreInformation": "Invalid client id or secret."}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        None,
        Some("Invalid client id or secret."),
    );
    let e = parse(
        503,
        &[],
        r#"{"httpCode": "503", "httpMessage": "Service Unavailable"}"#,
    );
    assert_eq!(e.message(), Some("Service Unavailable"));
    // DigitalOcean's `id` names the error; an occurrence's id does not.
    let e = parse(
        429,
        &[],
        r#"{"id": "too_many_requests", "message": "API Rate limit exceeded.",
            "request_id": "4d9d8375-3c56-4925-a3e7-eb137fed17e9"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("too_many_requests"),
        Some("API Rate limit exceeded."),
    );
    let e = parse(
        400,
        &[],
        r#"{"id": "4d9d8375-3c56-4925-a3e7-eb137fed17e9", "message": "Bad amount"}"#,
    );
    assert_eq!(e.code(), None);
}

#[test]
fn fields_named_in_extra_details_nested_errors_and_field_name() {
    // Vipps MobilePay's problem lists the field beside it.
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://developer.vippsmobilepay.com/problems#validation-error",
            "title": "Bad Request", "status": 400,
            "detail": "One or more validation errors occurred.", "traceId": "00-abc-01",
            "extraDetails": [{"name": "Amount.Value", "reason": "Must be greater than 0"}]}"#,
    );
    assert_eq!(
        (e.format(), e.param(), e.request_id()),
        (Format::Problem, Some("Amount.Value"), Some("00-abc-01"))
    );
    // Tpay's `fieldName`.
    let e = parse(
        400,
        &[],
        r#"{"result": "failed", "errors": [{"errorCode": "field_is_required",
            "errorMessage": "Field is required", "fieldName": "amount"}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    // Uphold nests a field's errors in the field's own error object.
    let e = parse(
        400,
        &[],
        r#"{"code": "validation_failed", "errors": {"denomination": {"code": "validation_failed",
            "errors": {"amount": [{"code": "sufficient_funds",
            "message": "Not enough funds for the specified amount"}]}}}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("validation_failed"),
        Some("Not enough funds for the specified amount"),
    );
    assert_eq!(e.param(), Some("denomination"));
    // ACI's Open Payment Platform (Peach Payments, HyperPay) lists the parameters at fault in its
    // `result`.
    let e = parse(
        400,
        &[],
        r#"{"result": {"code": "200.300.404", "description": "invalid or missing parameter",
            "parameterErrors": [{"name": "amount", "value": "abc",
            "message": "must match ^[0-9]{1,12}(\\.[0-9]{2})?$"}]},
            "buildNumber": "b5f2c1", "timestamp": "2024-01-01 10:00:00+0000"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("200.300.404"),
        Some("invalid or missing parameter"),
    );
    assert_eq!(e.param(), Some("amount"));
    // Judopay's details name it as Tpay's errors do.
    let e = parse(
        400,
        &[],
        r#"{"message": "Sorry, we're currently unable to process this request.", "code": 1, "category": 2,
            "details": [{"code": 25, "fieldName": "amount", "message": "The amount must be greater than zero"}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_top_level_error_type_is_the_code_where_there_is_no_other() {
    // Coinbase's CDP.
    let e = parse(
        400,
        &[],
        r#"{"errorType": "invalid_request", "errorMessage": "Invalid address format",
            "correlationId": "c-1"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("invalid_request"),
        Some("Invalid address format"),
    );
    // Plaid's code wins over its type; a type that is a sentence is no code.
    let e = parse(
        400,
        &[],
        r#"{"error_type": "INVALID_REQUEST", "error_code": "MISSING_FIELDS",
            "error_message": "the following required fields are missing: client_id"}"#,
    );
    assert_eq!(e.code(), Some("MISSING_FIELDS"));
    let e = parse(
        400,
        &[],
        r#"{"error_type": "request is invalid", "message": "Bad"}"#,
    );
    assert_eq!(e.code(), None);
}

#[test]
fn return_and_response_codes_and_paytms_wrapped_result() {
    // Alchemy Pay, 2C2P, LINE Pay, Amazon Pay and PayPay spell the code and message their own way.
    for (body, code, message) in [
        (
            r#"{"success": false, "returnCode": "10001", "returnMsg": "Invalid sign", "data": null}"#,
            "10001",
            "Invalid sign",
        ),
        (
            r#"{"respCode": "9015", "respDesc": "Invalid merchant"}"#,
            "9015",
            "Invalid merchant",
        ),
        // LINE Pay's.
        (
            r#"{"returnCode": "2101", "returnMessage": "Parameter error."}"#,
            "2101",
            "Parameter error.",
        ),
        // Amazon Pay's.
        (
            r#"{"reasonCode": "InvalidParameterValue",
                "message": "The value provided for chargeAmount is invalid."}"#,
            "InvalidParameterValue",
            "The value provided for chargeAmount is invalid.",
        ),
        // PayPay's `resultInfo` at the top level is the error object.
        (
            r#"{"resultInfo": {"code": "INVALID_PARAMS", "message": "Invalid request params",
                "codeId": "08100006"}, "data": null}"#,
            "INVALID_PARAMS",
            "Invalid request params",
        ),
    ] {
        let e = parse(400, &[], body);
        assert_eq!(
            (e.code(), e.message()),
            (Some(code), Some(message)),
            "{body}"
        );
    }
    // Paytm wraps the error in `body.resultInfo`, beside a `head`.
    let e = parse(
        400,
        &[],
        r#"{"head": {"responseTimestamp": "1700000000000", "version": "v1"},
            "body": {"resultInfo": {"resultStatus": "F", "resultCode": "501",
            "resultMsg": "System Error"}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("501"),
        Some("System Error"),
    );
    // A `body` beside an error of the top level's own is not read.
    let e = parse(
        400,
        &[],
        r#"{"message": "Bad amount", "body": {"resultInfo": {"resultMsg": "other"}}}"#,
    );
    assert_eq!(e.message(), Some("Bad amount"));
}

#[test]
fn a_text_details_is_the_description_a_title_falls_back_from() {
    // Persona's JSON:API errors spell `detail` in the plural.
    let body =
        r#"{"errors": [{"title": "Bad Request", "details": "Inquiry template is required."}]}"#;
    let e = parse(400, &[], body);
    assert_eq!(e.message(), Some("Inquiry template is required."));
    assert_eq!(e.details(), Some(r#""Inquiry template is required.""#));
    // A message still comes first, and structured details are no text.
    let e = parse(
        400,
        &[],
        r#"{"error": {"message": "Bad input", "details": "amount must be positive"}}"#,
    );
    assert_eq!(e.message(), Some("Bad input"));
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"title": "Bad Request", "details": ["x"]}]}"#,
    );
    assert_eq!(e.message(), Some("Bad Request"));
}

#[test]
fn gusto_errors_name_the_field_and_the_category() {
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"error_key": "email", "category": "invalid_attribute_value",
            "message": "Email is invalid"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("invalid_attribute_value"),
        Some("Email is invalid"),
    );
    assert_eq!(e.param(), Some("email"));
    // Rails's `base` is the record's own error, of no one field.
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"error_key": "base", "category": "invalid_operation",
            "message": "Pay period is invalid"}]}"#,
    );
    assert_eq!(e.code(), Some("invalid_operation"));
    assert_eq!(e.param(), None);
    // Square's `category` is a class of its `code`, which wins.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"category": "INVALID_REQUEST_ERROR", "code": "MISSING_REQUIRED_PARAMETER",
            "detail": "Missing required parameter.", "field": "amount_money"}]}"#,
    );
    assert_eq!(e.code(), Some("MISSING_REQUIRED_PARAMETER"));
}

#[test]
fn an_error_id_is_the_code_where_it_names_the_error() {
    // eBay: the `errorId` names the error; its `category` is one of three classes.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"errorId": 15008, "domain": "API_ORDER", "category": "REQUEST",
            "message": "Invalid Field : itemId.", "longMessage": "The itemId is invalid."}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("15008"),
        Some("Invalid Field : itemId."),
    );
    // Afterpay's `errorId` is the id of this one occurrence, not a code.
    let e = parse(
        400,
        &[],
        r#"{"errorCode": "invalid_object", "errorId": "a1b2c3d4e5f6",
            "message": "Expiry date is invalid", "httpStatusCode": 400}"#,
    );
    assert_eq!(e.code(), Some("invalid_object"));
    let e = parse(
        404,
        &[],
        r#"{"errors": [{"errorId": "a1b2c3d4e5f6", "message": "Not found"}]}"#,
    );
    assert_eq!(e.code(), None);
    assert_eq!(e.request_id(), Some("a1b2c3d4e5f6"));
    // Primer's names the error, and its `diagnosticsId` is what support asks for.
    let e = parse(
        400,
        &[],
        r#"{"error": {"errorId": "ClientSessionValidationError", "description": "The client token is invalid.",
            "recoverySuggestion": "Please provide a valid client token.", "diagnosticsId": "1234567898"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("ClientSessionValidationError"),
        Some("The client token is invalid."),
    );
    assert_eq!(e.request_id(), Some("1234567898"));
    let e = parse(
        409,
        &[],
        r#"{"error": {"errorId": "IdempotencyKeyAlreadyExists", "description": "The idempotency key has already been used"}}"#,
    );
    assert_eq!(e.code(), Some("IdempotencyKeyAlreadyExists"));
}

#[test]
fn a_cause_that_lists_causes_of_its_own_names_the_field() {
    // Primer groups its validation errors by model; the field is in the group's own list, as a
    // JSONPath from the root.
    let e = parse(
        400,
        &[],
        r#"{"error": {"errorId": "RequestValidationError", "description": "We were unable to validate your request", "diagnosticsId": "1234567890", "validationErrors": [{"model": "CheckoutPaymentMethodTokenDataRequest", "errors": [{"path": "$.amount", "description": "ensure this value is greater than 0"}]}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("RequestValidationError"),
        Some("We were unable to validate your request"),
    );
    assert_eq!(e.param(), Some("amount"));
    // Its message is the error's fallback where the error gives none of its own.
    let e = parse(
        400,
        &[],
        r#"{"error": {"validationErrors": [{"model": "M", "errors": [{"path": "$.currency", "description": "unknown currency"}]}]}}"#,
    );
    assert_eq!(e.message(), Some("unknown currency"));
    assert_eq!(e.param(), Some("currency"));
}

#[test]
fn a_blank_text_is_as_good_as_absent() {
    // A blank `detail` (FastAPI's key, read first) beside the message.
    let e = parse(
        400,
        &[],
        r#"{"label": "INVALID_PARAM_VALUE", "message": "Invalid currency_pair", "detail": ""}"#,
    );
    assert_eq!(e.message(), Some("Invalid currency_pair"));
    assert_eq!(e.code(), Some("INVALID_PARAM_VALUE"));
    let e = parse(
        400,
        &[],
        r#"{"detail": " ", "message": "Invalid currency_pair"}"#,
    );
    assert_eq!(e.message(), Some("Invalid currency_pair"));
    // Inside an error object: an empty message and code give way to what else it says.
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "", "message": "", "description": "Invalid currency_pair"},
            "code": "bad_pair"}"#,
    );
    assert_eq!(e.message(), Some("Invalid currency_pair"));
    assert_eq!(e.code(), Some("bad_pair"));
    let e = parse(
        400,
        &[],
        r#"{"error": "", "message": "Invalid currency_pair"}"#,
    );
    assert_eq!(e.message(), Some("Invalid currency_pair"));
}

#[test]
fn a_top_level_array_is_a_list_of_errors_or_one_tagged_error() {
    // Bitfinex: the tag, the code, the message.
    let e = parse(500, &[], r#"["error", 10020, "symbol: invalid"]"#);
    assert_eq!(e.format(), Format::Errors);
    assert_eq!(e.code(), Some("10020"));
    assert_eq!(e.message(), Some("symbol: invalid"));
    let e = parse(
        400,
        &[],
        r#"[{"code": "invalid_amount", "message": "Bad amount"}]"#,
    );
    assert_eq!(e.code(), Some("invalid_amount"));
    assert_eq!(e.message(), Some("Bad amount"));
    // A list of messages: the first is the message, a second is no code.
    let e = parse(422, &[], r#"["Name can't be blank", "Email is invalid"]"#);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("Name can't be blank"));
    // After the tag, only a number is a code.
    let e = parse(400, &[], r#"["Error", "amount is invalid"]"#);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("amount is invalid"));
}

#[test]
fn graphql_errors_with_extensions() {
    let e = parse(
        200,
        &[],
        r#"{"data": null, "errors": [{"message": "Not authorised", "locations": [{"line": 2, "column": 3}],
            "path": ["viewer"], "extensions": {"code": "UNAUTHENTICATED"}}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unauthenticated,
        Some("UNAUTHENTICATED"),
        Some("Not authorised"),
    );
}

#[test]
fn github_validation_and_rate_limit() {
    let e = parse(
        422,
        &[("x-github-request-id", "CAFE:1234")],
        r#"{"message": "Validation Failed", "errors": [{"resource": "Issue", "field": "title", "code": "missing_field"}],
            "documentation_url": "https://docs.github.com/rest"}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("missing_field"),
        Some("Validation Failed"),
    );
    assert_eq!(e.param(), Some("title"));
    assert_eq!(e.request_id(), Some("CAFE:1234"));

    let e = parse(
        403,
        &[
            ("x-ratelimit-limit", "60"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1795348830"),
            ("date", "Sun, 22 Nov 2026 12:00:00 GMT"),
        ],
        r#"{"message": "API rate limit exceeded for 203.0.113.7.", "documentation_url": "https://docs.github.com/rest/rate-limit"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(e.server_delay().unwrap().source, HintSource::RateLimitReset);
}

#[test]
fn cloudflare_success_false_errors() {
    let e = parse(
        403,
        &[("cf-ray", "8c1a2b3c4d5e6f70-AMS")],
        r#"{"success": false, "errors": [{"code": 10000, "message": "Authentication error"}], "messages": [], "result": null}"#,
    );
    check(
        &e,
        Format::SuccessFalse,
        ErrorKind::PermissionDenied,
        Some("10000"),
        Some("Authentication error"),
    );
    assert_eq!(e.request_id(), Some("8c1a2b3c4d5e6f70-AMS"));
}

#[test]
fn cloudflare_structured_edge_errors() {
    // What Cloudflare's edge answers a client that accepts JSON: a problem document with its own
    // members beside the standard ones.
    let e = parse(
        429,
        &[
            ("content-type", "application/problem+json; charset=utf-8"),
            ("cf-ray", "9d99a4434fa2d168-FRA"),
        ],
        r#"{"type": "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-1xxx-errors/error-1015/", "title": "Error 1015: You are being rate limited", "status": 429, "detail": "The site owner limits how often you may call it.", "instance": "9d99a4434fa2d168", "error_code": 1015, "error_name": "rate_limited", "error_category": "rate_limit", "ray_id": "9d99a4434fa2d168", "timestamp": "2026-11-22T10:00:00Z", "zone": "api.example.com", "cloudflare_error": true, "retryable": true, "retry_after": 30, "owner_action_required": false}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::RateLimited,
        Some("1015"),
        Some("The site owner limits how often you may call it."),
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(e.request_id(), Some("9d99a4434fa2d168-FRA"));
    // `retryable: true` is no leave to replay.
    assert_eq!(e.should_retry(), None);
    // An origin whose certificate is invalid: not retryable, in the body's own words too.
    let e = parse(
        526,
        &[("content-type", "application/json; charset=utf-8")],
        r#"{"title": "Error 526: Invalid SSL certificate", "status": 526, "detail": "The origin's certificate is not valid.", "error_code": 526, "error_category": "ssl", "retryable": false, "owner_action_required": true}"#,
    );
    assert_eq!(e.kind(), ErrorKind::BadGateway);
    assert_eq!(e.should_retry(), Some(false));
}

#[test]
fn discord_rate_limit_body() {
    let e = parse(
        429,
        &[],
        r#"{"message": "You are being rate limited.", "retry_after": 64.57, "global": false}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        None,
        Some("You are being rate limited."),
    );
    assert_eq!(e.retry_after(), Some(Duration::from_millis(64_570)));
}

#[test]
fn aws_json_and_xml_throttles() {
    let e = parse(
        400,
        &[("x-amzn-requestid", "b7d9-4d3e")],
        r#"{"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate exceeded"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.request_id(), Some("b7d9-4d3e"));
    // The code as AWS's SDKs read it: no namespace before the `#`, no URL after a colon.
    assert_eq!(e.code(), Some("ThrottlingException"));
    let e = parse(
        400,
        &[],
        r#"{"__type": "ProvisionedThroughputExceededException:http://internal.amazon.com/coral/", "message": "Rate exceeded"}"#,
    );
    assert_eq!(e.code(), Some("ProvisionedThroughputExceededException"));
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    let e = parse(
        400,
        &[(
            "x-amzn-errortype",
            "aws.protocoltests.restjson#FooError:http://internal.amazon.com/",
        )],
        r#"{"message": "Foo"}"#,
    );
    assert_eq!(e.code(), Some("FooError"));

    let e = parse(
        503,
        &[("content-type", "application/xml")],
        "<?xml version=\"1.0\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>",
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::RateLimited,
        Some("SlowDown"),
        Some("Please reduce your request rate."),
    );
    assert_eq!(e.request_id(), Some("4442587FB7D0A2F9"));
}

#[test]
fn vercels_error_header_is_the_code() {
    let e = parse(
        504,
        &[
            ("x-vercel-error", "FUNCTION_INVOCATION_TIMEOUT"),
            ("x-vercel-id", "cdg1::abcde"),
        ],
        "An error occurred with your deployment\n\nFUNCTION_INVOCATION_TIMEOUT\n\ncdg1::abcde-1\n",
    );
    assert_eq!(
        (e.kind(), e.code(), e.request_id()),
        (
            ErrorKind::Timeout,
            Some("FUNCTION_INVOCATION_TIMEOUT"),
            Some("cdg1::abcde")
        )
    );
}

#[test]
fn alibaba_clouds_gateway_answers_in_its_headers() {
    // The gateway's own answers have no body; a backend's error body still speaks first.
    let headers = [
        ("x-ca-error-code", "I403AK"),
        ("x-ca-error-message", "Invalid AppKey"),
        ("x-ca-request-id", "7AD052CB-EE8B"),
    ];
    let e = parse(403, &headers, "");
    check(
        &e,
        Format::Empty,
        ErrorKind::PermissionDenied,
        Some("I403AK"),
        Some("Invalid AppKey"),
    );
    assert_eq!(e.request_id(), Some("7AD052CB-EE8B"));
    let e = parse(
        403,
        &headers,
        r#"{"code": "card_blocked", "message": "The card is blocked."}"#,
    );
    assert_eq!(e.code(), Some("card_blocked"));
    assert_eq!(e.message(), Some("The card is blocked."));
}

#[test]
fn aws_error_type_header_is_the_code_where_the_body_has_none() {
    // API Gateway's throttle: the body says only the status.
    let e = parse(
        429,
        &[
            ("x-amzn-requestid", "a1b2c3"),
            ("x-amzn-errortype", "TooManyRequestsException"),
        ],
        r#"{"message": "Too Many Requests"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("TooManyRequestsException"),
        Some("Too Many Requests"),
    );
    // The namespace after the colon is not part of the code; the header turns a 400 into a throttle.
    let e = parse(
        400,
        &[(
            "x-amzn-errortype",
            "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/",
        )],
        r#"{"message": "Rate exceeded"}"#,
    );
    assert_eq!(e.code(), Some("ThrottlingException"));
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    // The body's own code wins.
    let e = parse(
        400,
        &[("x-amzn-errortype", "ValidationException")],
        r#"{"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate exceeded"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.code(), Some("ThrottlingException"));
    // A header that is no code (a sentence, or a giant value) is ignored.
    for value in [
        "Too many requests, slow down".to_owned(),
        "A".repeat(10_000),
    ] {
        let e = parse(
            429,
            &[("x-amzn-errortype", &value)],
            r#"{"message": "Slow down"}"#,
        );
        assert_eq!(e.code(), None, "{value}");
    }
}

#[test]
fn openai_quota_and_rate_limit() {
    let e = parse(
        429,
        &[("x-request-id", "req_1")],
        r#"{"error": {"message": "You exceeded your current quota, please check your plan and billing details.",
            "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}"#,
    );
    assert_eq!(e.kind(), ErrorKind::PaymentFailed);

    let e = parse(
        429,
        &[],
        r#"{"error": {"message": "Rate limit reached for requests. Please try again in 20s.", "type": "requests", "code": "rate_limit_exceeded"}}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(20)));
}

#[test]
fn anthropic_overloaded() {
    let e = parse(
        529,
        &[],
        r#"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unavailable,
        None,
        Some("Overloaded"),
    );
}

#[test]
fn paypal_name_and_debug_id() {
    let e = parse(
        422,
        &[],
        r#"{"name": "UNPROCESSABLE_ENTITY", "message": "The requested action could not be performed.",
            "debug_id": "90957fca61718", "details": [{"field": "/purchase_units/@reference_id=='default'/amount",
            "issue": "AMOUNT_MISMATCH", "description": "Should equal item total."}]}"#,
    );
    // The issue is PayPal's "fine-grained application-level error code".
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("AMOUNT_MISMATCH"),
        Some("The requested action could not be performed."),
    );
    assert_eq!(e.request_id(), Some("90957fca61718"));
    // Its details point to the field, as a JSON Pointer does (with PayPal's filter of a list by
    // a member's value), and the field is the pointer's path, as elsewhere.
    assert_eq!(
        e.param(),
        Some("purchase_units.@reference_id=='default'.amount")
    );
    let e = parse(
        400,
        &[],
        r#"{"name": "INVALID_REQUEST", "message": "Request is not well-formed.", "details": [
            {"field": "/purchase_units/0/amount/currency_code", "location": "body",
             "issue": "INVALID_CURRENCY_CODE"}]}"#,
    );
    assert_eq!(e.param(), Some("purchase_units.0.amount.currency_code"));
}

#[test]
fn fastapi_detail_object() {
    let e = parse(
        409,
        &[],
        r#"{"detail": {"code": "payment_in_progress", "message": "Payment is being processed"}}"#,
    );
    check(
        &e,
        Format::Detail,
        ErrorKind::Conflict,
        Some("payment_in_progress"),
        Some("Payment is being processed"),
    );
}

#[test]
fn an_error_that_points_to_its_details_takes_their_first_message() {
    // LoopBack 4's validation error.
    let e = parse(
        422,
        &[],
        r#"{"error": {"statusCode": 422, "name": "UnprocessableEntityError", "message": "The request body is invalid. See error object `details` property for more info.", "code": "VALIDATION_FAILED", "details": [{"path": "", "code": "required", "message": "must have required property 'amount'", "info": {"missingProperty": "amount"}}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("VALIDATION_FAILED"),
        Some("must have required property 'amount'"),
    );
    // A message of the error's own stays, whatever its details list.
    let e = parse(
        422,
        &[],
        r#"{"error": {"code": "VALIDATION_FAILED", "message": "The amount is missing.", "details": [{"code": "required", "message": "must have required property 'amount'"}]}}"#,
    );
    assert_eq!(e.message(), Some("The amount is missing."));
    // An error with no message at all falls back on its first listed detail's.
    let e = parse(
        422,
        &[],
        r#"{"error": {"code": "VALIDATION_FAILED", "details": [{"code": "required", "msg": "amount is required"}]}}"#,
    );
    assert_eq!(e.message(), Some("amount is required"));
    // Infobip's message is only the status's reason phrase above its map of field to messages.
    let e = parse(
        400,
        &[],
        r#"{"requestError": {"serviceException": {"messageId": "BAD_REQUEST", "text": "Bad request", "validationErrors": {"messages[0].destinations[0].to": ["size must be between 0 and 50"]}}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("BAD_REQUEST"),
        Some("size must be between 0 and 50"),
    );
    assert_eq!(e.param(), Some("messages[0].destinations[0].to"));
}

#[test]
fn a_detail_text_takes_its_code_from_the_listed_errors() {
    // Key2Pay: the top level says only where to look.
    let e = parse(
        400,
        &[],
        r#"{"status": 400, "detail": "Please refer to the errors property for additional details.",
            "errors": [{"code": "102", "message": "Possible values for Currency: USD,BRL"}]}"#,
    );
    check(
        &e,
        Format::Detail,
        ErrorKind::InvalidRequest,
        Some("102"),
        Some("Possible values for Currency: USD,BRL"),
    );
    // A code of the top level's own comes first.
    let e = parse(
        400,
        &[],
        r#"{"code": "invalid_payment", "detail": "The payment is invalid.",
            "errors": [{"code": "102", "field": "currency"}]}"#,
    );
    assert_eq!(
        (e.code(), e.param()),
        (Some("invalid_payment"), Some("currency"))
    );
}

#[test]
fn empty_details_in_the_error_object_leave_the_top_level_ones() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "invalid_amount", "message": "Bad amount", "details": []},
            "details": {"field": "amount", "min": 1}}"#,
    );
    assert_eq!(e.details(), Some(r#"{"field": "amount", "min": 1}"#));
    assert_eq!(e.param(), Some("amount"));
    // Text under `detail` keeps the top level's fields too.
    let e = parse(
        400,
        &[],
        r#"{"detail": "Bad amount", "code": "invalid_amount", "details": {"field": "amount"}}"#,
    );
    check(
        &e,
        Format::Detail,
        ErrorKind::InvalidRequest,
        Some("invalid_amount"),
        Some("Bad amount"),
    );
    assert_eq!(e.param(), Some("amount"));
    assert_eq!(e.details(), Some(r#"{"field": "amount"}"#));
}

#[test]
fn fastapi_validation_list_names_the_param() {
    let e = parse(
        422,
        &[],
        r#"{"detail": [{"loc": ["body", "price"], "msg": "Input should be greater than 0", "type": "greater_than"}]}"#,
    );
    // Pydantic's `type` is the error's machine-readable name.
    check(
        &e,
        Format::Detail,
        ErrorKind::InvalidRequest,
        Some("greater_than"),
        Some("Input should be greater than 0"),
    );
    assert_eq!(e.param(), Some("price"));
    // Polar names the error beside FastAPI's list.
    let e = parse(
        422,
        &[],
        r#"{"error": "RequestValidationError", "detail": [{"type": "missing", "loc": ["body",
            "product_id"], "msg": "Field required", "input": {}}]}"#,
    );
    check(
        &e,
        Format::Detail,
        ErrorKind::InvalidRequest,
        Some("RequestValidationError"),
        Some("Field required"),
    );
    assert_eq!(e.param(), Some("product_id"));
}

#[test]
fn apigee_fault_in_front_of_an_api() {
    let e = parse(
        429,
        &[],
        r#"{"fault": {"faultstring": "Rate limit quota violation. Quota limit  exceeded. Identifier : _default",
            "detail": {"errorcode": "policies.ratelimit.QuotaViolation"}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::RateLimited,
        Some("policies.ratelimit.QuotaViolation"),
        Some("Rate limit quota violation. Quota limit  exceeded. Identifier : _default"),
    );
    // The code decides where the status does not: a 401 from a bad key.
    let e = parse(
        401,
        &[],
        r#"{"fault": {"faultstring": "Invalid ApiKey", "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}}"#,
    );
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    assert_eq!(e.code(), Some("oauth.v2.InvalidApiKey"));
}

#[test]
fn quickbooks_fault_names_the_error_in_its_list_of_causes() {
    // The `Fault` says nothing of its own but its type: its first `Error` gives the code and the
    // message.
    let e = parse(
        400,
        &[],
        r#"{"Fault": {"Error": [{"Message": "Duplicate Name Exists Error",
            "Detail": "The name supplied already exists. : Another customer is already using this name.",
            "code": "6240", "element": ""}], "type": "ValidationFault"},
            "time": "2023-08-15T10:12:13.123-07:00"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("6240"),
        Some("Duplicate Name Exists Error"),
    );
    // A cause's code comes after everything the error says of itself: Zod's class name, and
    // Google's `status` beside its numeric code.
    let e = parse(
        400,
        &[],
        r#"{"success": false, "error": {"issues": [{"code": "invalid_type", "path": ["amount"],
            "message": "Expected number, received string"}], "name": "ZodError"}}"#,
    );
    assert_eq!(e.code(), Some("ZodError"));
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": 400, "status": "BAD_REQUEST", "message": "Invalid consent token",
            "issues": [{"code": "INVALID", "parameter": "consent"}]}}"#,
    );
    assert_eq!(e.code(), Some("BAD_REQUEST"));
}

#[test]
fn shopify_errors_as_one_string() {
    let e = parse(
        429,
        &[("retry-after", "2.0")],
        r#"{"errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::RateLimited,
        None,
        Some(
            "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.",
        ),
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(2)));
}

#[test]
fn top_level_error_type_and_error_codes() {
    // Checkout.com: no message, a list of codes, the type of the failure.
    let e = parse(
        422,
        &[("cko-request-id", "0HL80RJLS76I7")],
        r#"{"request_id": "0HL80RJLS76I7", "error_type": "request_invalid", "error_codes": ["payment_source_required", "amount_required"]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("payment_source_required"),
        None,
    );
    assert_eq!(e.request_id(), Some("0HL80RJLS76I7"));
    // Plaid: a code of its own, and the type saying what family it is in.
    let e = parse(
        400,
        &[],
        r#"{"error_type": "RATE_LIMIT_EXCEEDED", "error_code": "TRANSACTIONS_LIMIT",
            "error_message": "rate limit exceeded for attempts to access this item", "display_message": null,
            "request_id": "HNTDNrA8F1shFEW"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("TRANSACTIONS_LIMIT"),
        Some("rate limit exceeded for attempts to access this item"),
    );
    assert_eq!(e.request_id(), Some("HNTDNrA8F1shFEW"));
}

#[test]
fn adyen_klarna_bybit_and_chargebee_field_names() {
    let e = parse(
        422,
        &[],
        r#"{"status": 422, "errorCode": "14_006", "message": "Required object 'paymentMethod' is not provided.",
            "errorType": "validation", "pspReference": "8816178914079738"}"#,
    );
    assert_eq!(e.code(), Some("14_006"));
    assert_eq!(e.request_id(), Some("8816178914079738"));
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);

    let e = parse(
        400,
        &[],
        r#"{"error_code": "BAD_VALUE", "error_messages": ["Bad value: order_lines", "Bad value: order_amount"],
            "correlation_id": "6a9b1cb1-73a3-4936-a030-481ba4bb203b"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("BAD_VALUE"),
        Some("Bad value: order_lines"),
    );
    assert_eq!(e.request_id(), Some("6a9b1cb1-73a3-4936-a030-481ba4bb203b"));

    let e = parse(
        403,
        &[],
        r#"{"retCode": 10006, "retMsg": "Too many visits!", "result": {}}"#,
    );
    assert_eq!(e.code(), Some("10006"));
    assert_eq!(e.message(), Some("Too many visits!"));

    let e = parse(
        429,
        &[],
        r#"{"message": "Sorry, access has been blocked temporarily due to request count exceeding acceptable limits.",
            "type": "operation_failed", "api_error_code": "api_request_limit_exceeded", "http_status_code": 429}"#,
    );
    assert_eq!(e.code(), Some("api_request_limit_exceeded"));
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    let e = parse(
        400,
        &[],
        r#"{"status": "BAD_REQUEST", "apiErrorCode": "INVALID_ADDRESS", "message": "Invalid address"}"#,
    );
    assert_eq!(e.code(), Some("INVALID_ADDRESS"));
}

#[test]
fn a_source_names_the_param_only_when_it_is_a_pointer() {
    // Razorpay's `source` says who caused the error; `field` names the parameter.
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "BAD_REQUEST_ERROR", "description": "The amount must be atleast INR 1.00",
            "source": "business", "step": "payment_initiation", "reason": "input_validation_failed",
            "metadata": {}, "field": "amount"}}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    assert_eq!(e.message(), Some("The amount must be atleast INR 1.00"));
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"detail": "is required", "source": "/data/attributes/currency"}]}"#,
    );
    assert_eq!(e.param(), Some("currency"));
    // Gr4vy lists the error's details with a pointer each.
    let e = parse(
        400,
        &[],
        r#"{"type": "error", "code": "bad_request", "status": 400, "message": "Request failed validation",
            "details": [{"type": "type_error.uuid", "pointer": "/payment_service_id", "message": "value is not a valid uuid", "location": "body"}]}"#,
    );
    assert_eq!(e.param(), Some("payment_service_id"));
}

#[test]
fn an_id_is_the_code_only_when_it_names_the_error() {
    // Coinbase: `id` is the code.
    let e = parse(
        429,
        &[],
        r#"{"errors": [{"id": "rate_limit_exceeded", "message": "Too many requests"}]}"#,
    );
    assert_eq!(e.code(), Some("rate_limit_exceeded"));
    // JSON:API: `id` names one occurrence; `code`, when there is one, wins anyway.
    for body in [
        r#"{"errors": [{"id": "6f1c0a52-9d2e-4c1b-8f55-0d6c1f3b2a11", "status": "404", "title": "Not Found"}]}"#,
        r#"{"errors": [{"id": "err_8f55", "status": "404", "title": "Not Found"}]}"#,
        r#"{"errors": [{"id": "Occurrence", "status": "404", "title": "Not Found"}]}"#,
    ] {
        assert_eq!(parse(404, &[], body).code(), None, "{body}");
    }
    let e = parse(
        404,
        &[],
        r#"{"errors": [{"id": "not_found", "code": "resource_missing", "title": "Not Found"}]}"#,
    );
    assert_eq!(e.code(), Some("resource_missing"));
}

#[test]
fn a_top_level_reason_is_the_code_when_it_reads_as_one() {
    // CoinGate: `{message, reason}`, the reason in CamelCase.
    let e = parse(
        404,
        &[],
        r#"{"message": "Order not found", "reason": "OrderNotFound"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        Some("OrderNotFound"),
        Some("Order not found"),
    );
    // Alongside a list of errors, the reason still names the failure.
    let e = parse(
        422,
        &[],
        r#"{"message": "Order is not valid", "reason": "OrderIsNotValid",
            "errors": ["Price currency is not valid"]}"#,
    );
    assert_eq!(e.code(), Some("OrderIsNotValid"));
    assert_eq!(e.message(), Some("Order is not valid"));
    // Gemini's reason is a code beside the message.
    let e = parse(
        429,
        &[],
        r#"{"result": "error", "reason": "RateLimit", "message": "Requests were made too frequently."}"#,
    );
    assert_eq!(e.code(), Some("RateLimit"));
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    // A sentence is not a code: it is the message where there is no other.
    let e = parse(
        400,
        &[],
        r#"{"message": "Invalid request", "reason": "The amount is below the minimum"}"#,
    );
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("Invalid request"));
    let e = parse(
        400,
        &[],
        r#"{"status": "error", "reason": "Invalid nonce", "code": "API0004"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("API0004"),
        Some("Invalid nonce"),
    );
    // Bitstamp's map of field to messages gives its first message.
    let e = parse(
        400,
        &[],
        r#"{"status": "error", "reason": {"__all__": ["Minimum order size is 10.0 USD."],
            "amount": ["Too small."]}, "code": "API0001"}"#,
    );
    assert_eq!(e.code(), Some("API0001"));
    assert_eq!(e.message(), Some("Minimum order size is 10.0 USD."));
    // And a `code` wins over any reason.
    let e = parse(
        409,
        &[],
        r#"{"code": "order_locked", "reason": "Conflict", "message": "Order is being paid"}"#,
    );
    assert_eq!(e.code(), Some("order_locked"));
}

#[test]
fn a_status_message_is_the_message() {
    // Midtrans: the status code repeats the HTTP status; the status message says what failed.
    let e = parse(
        401,
        &[],
        r#"{"status_code": "401", "status_message": "Unknown Merchant server_key/id",
            "id": "5b7bd4c0-2e1e-4b3a-8e71-2f0a3c2d1b9a"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        None,
        Some("Unknown Merchant server_key/id"),
    );
    // h3 (Nuxt, Nitro): a status message that is only the reason phrase gives way to the
    // message after it, as it would before it.
    for body in [
        r#"{"url": "/api/pay", "statusCode": 429, "statusMessage": "Too Many Requests",
            "message": "Rate limit exceeded", "stack": []}"#,
        r#"{"message": "Rate limit exceeded", "statusMessage": "Too Many Requests"}"#,
    ] {
        let e = parse(429, &[], body);
        assert_eq!(e.message(), Some("Rate limit exceeded"), "{body}");
    }
}

#[test]
fn a_path_names_the_param_only_when_it_is_a_field_name() {
    // Wise and BTCPay Server name the field at fault in `path`; express-validator too.
    for (body, param) in [
        (
            r#"{"errors": [{"code": "NOT_VALID", "message": "Please enter a valid amount",
                "path": "sourceAmount", "arguments": ["sourceAmount", "0"]}]}"#,
            "sourceAmount",
        ),
        (
            r#"[{"path": "amount", "message": "Amount should be more than 0"}]"#,
            "amount",
        ),
        (
            r#"{"errors": [{"type": "field", "value": "x", "msg": "Invalid value", "path": "email",
                "location": "body"}]}"#,
            "email",
        ),
        // Its `location` is the part of the request, which names no field, wherever it stands.
        (
            r#"{"errors": [{"location": "query", "msg": "Invalid value", "param": "limit"}]}"#,
            "limit",
        ),
        // A location that goes on past the part of the request names the field (Huma's,
        // PagSeguro's).
        (
            r#"{"title": "Unprocessable Entity", "status": 422, "errors": [{"message":
                "expected number >= 1", "location": "body.order.amount", "value": 0}]}"#,
            "order.amount",
        ),
        (
            r#"{"errors": [{"message": "Value is required", "location": "header.authorization"}]}"#,
            "authorization",
        ),
        (
            r#"{"errors": [{"message": "expected length >= 8", "location": "path.id"}]}"#,
            "id",
        ),
    ] {
        assert_eq!(parse(422, &[], body).param(), Some(param), "{body}");
    }
    // GraphQL's `path` is where in the response the error lies; a URL path names no field.
    for body in [
        r#"{"errors": [{"message": "Not allowed", "path": ["payment", "refund"]}], "data": null}"#,
        r#"{"errors": [{"message": "Not found", "path": "/v1/payments/pay_1"}]}"#,
        r#"{"errors": [{"message": "Bad input", "path": "request body"}]}"#,
    ] {
        assert_eq!(parse(400, &[], body).param(), None, "{body}");
    }
}

#[test]
fn an_error_class_name_is_no_param() {
    // A serialized JavaScript error: `name` is its class, not a field.
    let e = parse(
        400,
        &[],
        r#"{"error": {"statusCode": 400, "name": "BadRequestError", "message": "Invalid fiat amount",
            "errorCode": 1001}}"#,
    );
    assert_eq!(e.param(), None);
    assert_eq!(e.code(), Some("1001"));
    // Without a code, the class is the code.
    let e = parse(
        404,
        &[],
        r#"{"error": {"name": "NotFoundError", "message": "No such wallet"}}"#,
    );
    assert_eq!(e.code(), Some("NotFoundError"));
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.param(), None);
}

#[test]
fn an_errors_object_is_one_error_or_a_map_of_fields() {
    // Modern Treasury: one error object under `errors`.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"code": "parameter_invalid", "message": "amount must be positive",
            "parameter": "amount"}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("parameter_invalid"),
        Some("amount must be positive"),
    );
    assert_eq!(e.param(), Some("amount"));
    // Banxa's begins with a numeric status, Solscan's with a numeric code.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"status": 422, "title": "Invalid parameter",
            "detail": "fiat_amount must be at least 50"}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        None,
        Some("fiat_amount must be at least 50"),
    );
    let e = parse(
        400,
        &[],
        r#"{"success": false, "errors": {"code": 1100, "message": "Validation Error"}}"#,
    );
    check(
        &e,
        Format::SuccessFalse,
        ErrorKind::InvalidRequest,
        Some("1100"),
        Some("Validation Error"),
    );
    // Rails: a map of field to messages, even where a field is named `code` or `message`.
    for (body, param, message) in [
        (
            r#"{"errors": {"amount": ["must be positive"], "currency": ["is missing"]}}"#,
            "amount",
            "must be positive",
        ),
        (
            r#"{"errors": {"code": ["is invalid"]}}"#,
            "code",
            "is invalid",
        ),
        (
            r#"{"errors": {"amount": "must be positive"}}"#,
            "amount",
            "must be positive",
        ),
        (
            r#"{"errors": {"status": ["is not a valid state"]}}"#,
            "status",
            "is not a valid state",
        ),
    ] {
        let e = parse(422, &[], body);
        assert_eq!(
            (e.param(), e.message()),
            (Some(param), Some(message)),
            "{body}"
        );
    }
}

#[test]
fn graphql_error_class_and_top_level_extensions() {
    // Braintree's GraphQL API.
    let e = parse(
        200,
        &[],
        r#"{"errors": [{"message": "Authentication credentials are invalid.",
            "extensions": {"errorClass": "AUTHENTICATION"}}], "data": null,
            "extensions": {"requestId": "a3f7c8e2-1b4d-4e6f-9a0b-2c3d4e5f6a7b"}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unknown,
        Some("AUTHENTICATION"),
        Some("Authentication credentials are invalid."),
    );
    assert_eq!(e.request_id(), Some("a3f7c8e2-1b4d-4e6f-9a0b-2c3d4e5f6a7b"));
    // A validation error names the input at fault; `path` is where in the response it lies.
    let e = parse(
        200,
        &[],
        r#"{"errors": [{"message": "Amount must be greater than zero",
            "path": ["chargePaymentMethod"], "extensions": {"errorClass": "VALIDATION",
            "legacyCode": "81531", "inputPath": ["input", "transaction", "amount"]}}]}"#,
    );
    assert_eq!((e.code(), e.param()), (Some("VALIDATION"), Some("amount")));
}

#[test]
fn proxies_answer_with_html_and_text() {
    let e = parse(
        502,
        &[("content-type", "text/html")],
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>",
    );
    check(
        &e,
        Format::Html,
        ErrorKind::BadGateway,
        None,
        Some("502 Bad Gateway"),
    );

    let e = parse(
        503,
        &[("content-type", "text/plain")],
        "upstream connect error or disconnect/reset before headers. reset reason: overflow",
    );
    check(
        &e,
        Format::Text,
        ErrorKind::Unavailable,
        None,
        Some("upstream connect error or disconnect/reset before headers. reset reason: overflow"),
    );

    let e = parse(504, &[], "");
    check(&e, Format::Empty, ErrorKind::Timeout, None, None);
}

#[test]
fn linkerds_proxy_error_header_is_the_message_of_an_empty_body() {
    let e = parse(
        503,
        &[
            ("l5d-proxy-error", "service in fail-fast"),
            ("content-length", "0"),
        ],
        "",
    );
    check(
        &e,
        Format::Empty,
        ErrorKind::Unavailable,
        None,
        Some("service in fail-fast"),
    );
    assert!(e.not_forwarded);
    // A body that says something says it first.
    let e = parse(
        502,
        &[("l5d-proxy-error", "connection refused")],
        r#"{"message": "upstream down"}"#,
    );
    assert_eq!(e.message(), Some("upstream down"));
}

#[test]
fn an_akamai_page_gives_its_reference_as_the_request_id() {
    let page = "<HTML><HEAD>\n<TITLE>Access Denied</TITLE>\n</HEAD><BODY>\n<H1>Access Denied</H1>\n \n\
        You don't have permission to access \"http&#58;&#47;&#47;api&#46;example&#46;com&#47;v1&#47;\
        references\" on this server.<P>\nReference&#32;&#35;18&#46;5c3f1502&#46;1617036456&#46;2b5a1f0c\n\
        </BODY>\n</HTML>\n";
    let e = parse(403, &[("content-type", "text/html")], page);
    check(
        &e,
        Format::Html,
        ErrorKind::PermissionDenied,
        None,
        Some("Access Denied"),
    );
    assert_eq!(e.request_id(), Some("18.5c3f1502.1617036456.2b5a1f0c"));
    // Written out plainly, as on Akamai's other pages.
    let e = parse(
        503,
        &[],
        "<html><body><h1>Service Unavailable</h1>Reference #97.1f2e3d4c.1700000000.5a6b7c8d</body></html>",
    );
    assert_eq!(e.request_id(), Some("97.1f2e3d4c.1700000000.5a6b7c8d"));
    // A page that only mentions a reference has no id.
    let e = parse(
        500,
        &[],
        "<html><body>See the API reference #errors for details.</body></html>",
    );
    assert_eq!(e.request_id(), None);
}

#[test]
fn a_firewall_page_gives_its_incident_id_as_the_request_id() {
    // Imperva, whose URL also carries the id as `incident_id=`.
    let imperva = "<html style=\"height:100%\"><head><META NAME=\"ROBOTS\" CONTENT=\"NOINDEX, NOFOLLOW\">\
        </head><body style=\"margin:0px;height:100%\"><iframe id=\"main-iframe\" \
        src=\"/_Incapsula_Resource?CWUDNSAI=9&incident_id=1234000560123-456789&edet=12\">Request \
        unsuccessful. Incapsula incident ID: 1234000560123-456789</iframe></body></html>";
    let e = parse(403, &[("content-type", "text/html")], imperva);
    assert_eq!(e.request_id(), Some("1234000560123-456789"));
    // F5 BIG-IP's application firewall.
    let f5 = "<html><head><title>Request Rejected</title></head><body>The requested URL was \
        rejected. Please consult with your administrator.<br><br>Your support ID is: \
        1234567890123456789<br><br><a href='javascript:history.back();'>[Go Back]</a></body></html>";
    let e = parse(403, &[("content-type", "text/html")], f5);
    check(
        &e,
        Format::Html,
        ErrorKind::PermissionDenied,
        None,
        Some("Request Rejected"),
    );
    assert_eq!(e.request_id(), Some("1234567890123456789"));
    // Words where the id would stand give none.
    for page in [
        "<html><body>Your support ID is: unknown</body></html>",
        "<html><body>No incident ID: 12-34</body></html>",
    ] {
        assert_eq!(parse(403, &[], page).request_id(), None, "{page}");
    }
}

#[test]
fn broken_json_keeps_what_was_read_before_the_break() {
    let e = parse(
        429,
        &[],
        r#"{"error": {"code": "rate_limited", "message": "too many requests", "details": [{"field": "amo"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.code(), Some("rate_limited"));
    assert_eq!(e.message(), Some("too many requests"));

    let e = parse(500, &[("content-type", "application/json")], r#"{"oops"#);
    check(
        &e,
        Format::Text,
        ErrorKind::Internal,
        None,
        Some(r#"{"oops"#),
    );

    // Cut off inside its message: the code is kept, and the text it held stands in for the
    // message. A whole body with no message gets none.
    let cut = r#"{"error": {"code": "internal", "message": "Something went wro"#;
    let e = parse(500, &[], cut);
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Internal,
        Some("internal"),
        Some(cut),
    );
    let e = parse(500, &[], r#"{"error": {"code": "internal"}}"#);
    assert_eq!((e.code(), e.message()), (Some("internal"), None));
}

#[test]
fn wrong_types_in_every_field_cost_nothing_else() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": ["x"], "message": {"nested": true}, "param": 7, "type": null, "details": "text",
            "request_id": false}, "meta": [1, 2], "success": "no", "message": "Fallback text"}"#,
    );
    assert_eq!(e.format(), Format::ErrorObject);
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("Fallback text"));
    assert_eq!(e.param(), Some("7"));
}

#[test]
fn deep_nesting_is_bounded() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = parse(500, &[], &deep);
    assert_eq!(e.kind(), ErrorKind::Internal);
    assert!(e.message().unwrap().chars().count() <= 201);

    let nested = format!(
        r#"{{"error": {}"x"{}}}"#,
        r#"{"a":"#.repeat(50_000),
        "}".repeat(50_000)
    );
    let e = parse(503, &[], &nested);
    assert_eq!(e.kind(), ErrorKind::Unavailable);
}

#[test]
fn lone_surrogates_and_escapes() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "bad", "message": "caf\u00e9 \ud800 x"}}"#,
    );
    // The lone surrogate becomes a replacement character; nothing is lost around it.
    assert_eq!(e.code(), Some("bad"));
    assert_eq!(e.message(), Some("café \u{FFFD} x"));
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "bad", "message": "caf\u00e9 \"quoted\""}}"#,
    );
    assert_eq!(e.message(), Some("café \"quoted\""));
}

#[test]
fn body_request_id_wins_over_header() {
    let e = parse(
        500,
        &[("x-request-id", "from-header")],
        r#"{"error": {"code": "internal_error", "message": "boom"}, "meta": {"request_id": "req_body"}}"#,
    );
    assert_eq!(e.request_id(), Some("req_body"));
    let e = parse(
        500,
        &[("x-request-id", "from-header")],
        r#"{"error": {"code": "internal_error"}}"#,
    );
    assert_eq!(e.request_id(), Some("from-header"));
}

#[test]
fn headers_win_over_body_hints() {
    let e = parse(
        429,
        &[("retry-after", "5")],
        r#"{"error": {"code": "rate_limit_exceeded", "message": "Rate limit exceeded. Retry after 60 seconds."}}"#,
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(5)));
    assert_eq!(e.server_delay().unwrap().source, HintSource::RetryAfter);
}

#[test]
fn retry_after_ms_wins_over_retry_after() {
    let e = parse(429, &[("retry-after", "2"), ("retry-after-ms", "1500")], "");
    assert_eq!(e.retry_after(), Some(Duration::from_millis(1500)));
}

#[test]
fn http_date_is_measured_against_the_date_header() {
    let e = parse(
        503,
        &[
            ("retry-after", "Sun, 22 Nov 2026 12:02:00 GMT"),
            ("date", "Sun, 22 Nov 2026 12:00:00 GMT"),
        ],
        "",
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));

    let no_date = parse(503, &[("retry-after", "Sun, 22 Nov 2026 12:02:00 GMT")], "");
    assert_eq!(no_date.retry_after(), None);
    let now = UNIX_EPOCH + Duration::from_secs(1_795_348_900);
    assert_eq!(no_date.retry_after_at(now), Some(Duration::from_secs(20)));
    assert_eq!(
        no_date.retry_after_at(SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000)),
        Some(Duration::ZERO)
    );
}

#[test]
fn a_reset_given_as_a_date_is_measured_against_the_date_header() {
    for reset in ["2026-11-22T12:01:00Z", "Sun, 22 Nov 2026 12:01:00 GMT"] {
        let e = parse(
            429,
            &[
                ("x-ratelimit-limit", "100"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-reset", reset),
                ("date", "Sun, 22 Nov 2026 12:00:00 GMT"),
            ],
            "",
        );
        assert_eq!(e.retry_after(), Some(Duration::from_secs(60)), "{reset}");
    }
}

#[test]
fn hostile_headers_are_ignored() {
    let e = parse(
        429,
        &[
            ("retry-after", "99999999999999999999"),
            ("retry-after-ms", "-5"),
            ("x-ratelimit-reset", "184467440737095516160"),
            ("date", "not a date"),
        ],
        "",
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), None);
    assert_eq!(e.date(), None);
}

#[test]
fn message_delays() {
    use super::message_delay;
    let cases = [
        (
            "Rate limit exceeded. Retry after 60 seconds.",
            Some(Duration::from_secs(60)),
        ),
        ("Please try again in 20s.", Some(Duration::from_secs(20))),
        ("Please try again in 6ms.", Some(Duration::from_millis(6))),
        ("try again in 1m30s", Some(Duration::from_secs(90))),
        ("Retry in 2 minutes", Some(Duration::from_secs(120))),
        ("retry after 1.5 sec", Some(Duration::from_millis(1500))),
        // Django REST framework's throttle.
        (
            "Request was throttled. Expected available in 38 seconds.",
            Some(Duration::from_secs(38)),
        ),
        // How long a suspension lasts.
        (
            "The key exceeds the frequency limit(15), and the query server will suspend the service for 30s",
            Some(Duration::from_secs(30)),
        ),
        ("IP banned for 5 minutes", Some(Duration::from_secs(300))),
        // Lob's.
        (
            "Rate limit exceeded. Please wait 5 seconds and try your request again.",
            Some(Duration::from_secs(5)),
        ),
        ("Please wait a moment", None),
        ("Retry after a while", None),
        ("retry after 5 parsecs", None),
        (
            "Account suspended pending review of the 3 charges for 2024",
            None,
        ),
        ("Max 100 requests per minute.", None),
    ];
    for (message, want) in cases {
        assert_eq!(message_delay(message), want, "{message}");
    }
}

#[test]
fn message_delays_only_for_throttles() {
    let e = parse(400, &[], r#"{"message": "Retry after 60 seconds."}"#);
    assert_eq!(e.retry_after(), None);
}

#[test]
fn idempotency_conflicts() {
    let reused = parse(
        409,
        &[],
        r#"{"error": {"code": "conflict", "message": "idempotency key reused with different parameters"}}"#,
    );
    assert_eq!(reused.kind(), ErrorKind::IdempotencyMismatch);
    let busy = parse(
        409,
        &[],
        r#"{"error": {"message": "There is currently another in-progress request using this Idempotency Key."}}"#,
    );
    assert_eq!(busy.kind(), ErrorKind::Conflict);
    // Stripe types it as a reuse.
    let busy = parse(
        409,
        &[],
        r#"{"error": {"message": "There is currently another in-progress request using this Idempotent Key. Please try again later.",
            "type": "idempotency_error"}}"#,
    );
    assert_eq!(busy.kind(), ErrorKind::Conflict);
    let other = parse(
        409,
        &[],
        r#"{"error": {"code": "conflict", "message": "Settlement already initiated"}}"#,
    );
    assert_eq!(other.kind(), ErrorKind::Conflict);
}

#[test]
fn display_is_one_line() {
    let e = parse(
        429,
        &[],
        r#"{"error": {"code": "rate_limited", "message": "slow down"}}"#,
    );
    assert_eq!(
        e.to_string(),
        "429 Too Many Requests (RateLimited, rate_limited): slow down"
    );
}

#[test]
fn an_error_wrapped_in_data_is_read_where_nothing_else_is() {
    // Strike: the error object under `data`, the trace id beside it.
    let e = parse(
        422,
        &[],
        r#"{"data": {"status": 422, "code": "INVALID_DATA", "message": "Invalid data.",
            "validationErrors": {"amount.amount": [{"code": "INVALID_AMOUNT",
            "message": "Invalid amount."}]}}, "traceId": "0HMN2BJKS9H0T:00000001"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("INVALID_DATA"),
        Some("Invalid data."),
    );
    assert_eq!(e.param(), Some("amount.amount"));
    assert_eq!(e.request_id(), Some("0HMN2BJKS9H0T:00000001"));
    // JSend's `fail`: a map of field to message.
    let e = parse(
        400,
        &[],
        r#"{"status": "fail", "data": {"title": "A title is required"}}"#,
    );
    assert_eq!(
        (e.format(), e.param(), e.message()),
        (
            Format::ErrorObject,
            Some("title"),
            Some("A title is required")
        )
    );
    // The top level's own fields come first (WordPress's `data` holds only the status).
    let e = parse(
        400,
        &[],
        r#"{"code": "rest_invalid_param", "message": "Invalid parameter(s): amount",
            "data": {"status": 400, "message": "not this"}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("rest_invalid_param"),
        Some("Invalid parameter(s): amount"),
    );
    // A payload under `data` is no error: the body is kept whole, as for any other JSON.
    let body = r#"{"success": false, "data": {"id": "pay_1", "status": "failed"}}"#;
    let e = parse(400, &[], body);
    assert_eq!(
        (e.format(), e.code(), e.param()),
        (Format::Json, None, None)
    );
    assert_eq!(e.message(), Some(body));
}

#[test]
fn a_top_level_list_of_causes_beside_the_message_names_the_param() {
    for body in [
        // Moleculer's (fastest-validator's) list in `data`; Hubtel's.
        r#"{"name": "ValidationError", "message": "Parameters validation error!", "code": 422,
            "type": "VALIDATION_ERROR", "data": [{"type": "required",
            "message": "The 'amount' field is required.", "field": "amount"}]}"#,
        r#"{"responseCode": "4000", "message": "Validation error",
            "data": [{"field": "amount", "errorMessage": "Amount must be greater than 0"}]}"#,
        // http4k's lens failures.
        r#"{"message": "Missing/invalid parameters", "params": [{"name": "amount",
            "type": "body", "datatype": "integer", "required": true, "reason": "Missing"}]}"#,
    ] {
        let e = parse(422, &[], body);
        assert_eq!(e.param(), Some("amount"), "{body}");
        assert_ne!(e.message(), None, "{body}");
    }
    // The `name` of what a list in `data` holds may be a payload's, and names no field.
    let e = parse(
        400,
        &[],
        r#"{"message": "Order rejected", "data": [{"name": "BTC", "free": "0.1"}]}"#,
    );
    assert_eq!(e.param(), None);
    // Nor does an object of `params`, which may echo the request.
    let e = parse(
        400,
        &[],
        r#"{"code": "bad_request", "message": "Invalid", "params": {"amount": "x"}}"#,
    );
    assert_eq!(e.param(), None);
}

#[test]
fn an_errors_list_of_causes_names_the_param() {
    for body in [
        // Recurly.
        r#"{"error": {"type": "validation", "message": "Amount is invalid",
            "params": [{"param": "amount", "message": "is invalid"}]}}"#,
        r#"{"error": {"message": "Validation failed", "errors": [{"field": "amount",
            "message": "must be positive"}]}}"#,
        r#"{"error": {"message": "Validation failed", "errors": {"amount": ["is invalid"]}}}"#,
    ] {
        assert_eq!(parse(422, &[], body).param(), Some("amount"), "{body}");
    }
    // The error's own param comes first, wherever it stands.
    let e = parse(
        422,
        &[],
        r#"{"error": {"message": "Invalid amount", "errors": [{"field": "currency"}],
            "param": "amount"}}"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn an_error_in_a_status_object_is_read() {
    // Rapyd: the error object is `status`, beside an empty `data`.
    let e = parse(
        404,
        &[],
        r#"{"status": {"error_code": "ERROR_GET_PAYMENT", "status": "ERROR",
            "message": "The payment was not found.", "response_code": "ERROR_GET_PAYMENT",
            "operation_id": "0c2ec3ab-1b9e"}, "data": {}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::NotFound,
        Some("ERROR_GET_PAYMENT"),
        Some("The payment was not found."),
    );
    assert_eq!(e.request_id(), Some("0c2ec3ab-1b9e"));
    // PayU: a text `statusCode` is the code, `statusDesc` the message.
    let e = parse(
        400,
        &[],
        r#"{"status": {"statusCode": "ERROR_VALUE_MISSING", "code": "8032",
            "statusDesc": "Missing required field: currencyCode"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("ERROR_VALUE_MISSING"),
        Some("Missing required field: currencyCode"),
    );
    // A numeric `statusCode` is the HTTP status, not the code.
    let e = parse(
        400,
        &[],
        r#"{"error": {"statusCode": 400, "message": "Invalid fiat amount", "errorCode": 1001}}"#,
    );
    assert_eq!(e.code(), Some("1001"));
}

#[test]
fn a_list_of_causes_beside_the_message_names_the_param() {
    // Worldpay: `errorName` is the code; a cause's JSONPath is the field's dotted path.
    let e = parse(
        400,
        &[],
        r#"{"errorName": "bodyDoesNotMatchSchema", "message": "The body does not match the schema",
            "validationErrors": [{"errorName": "fieldHasInvalidValue",
            "message": "Amount must be positive", "jsonPath": "$.instruction.value.amount"}]}"#,
    );
    assert_eq!(
        (e.code(), e.param()),
        (
            Some("bodyDoesNotMatchSchema"),
            Some("instruction.value.amount")
        )
    );
    for (body, param) in [
        // Paysafe.
        (
            r#"{"error": {"code": "5068", "message": "Field error(s)",
                "fieldErrors": [{"field": "card.cardExpiry.month", "error": "must be <= 12"}]}}"#,
            "card.cardExpiry.month",
        ),
        // Spring's `fieldErrors`, and its validation errors beside the reason phrase.
        (
            r#"{"message": "Validation failed", "fieldErrors": [{"field": "amount"}]}"#,
            "amount",
        ),
        (
            r#"{"status": 400, "error": "Bad Request", "message": "Validation failed",
                "errors": [{"field": "currency", "defaultMessage": "must not be null"}],
                "path": "/payments"}"#,
            "currency",
        ),
    ] {
        assert_eq!(parse(400, &[], body).param(), Some(param), "{body}");
    }
}

#[test]
fn a_reason_phrase_in_error_yields_to_the_first_listed_code() {
    // commercetools' Import API: `error` is the reason phrase; the listed error names itself.
    let e = parse(
        400,
        &[],
        r#"{"statusCode": 400, "error": "Bad Request", "message": "Some fields are invalid",
            "errors": [{"code": "InvalidField", "message": "\"resources[1].key\" is required",
            "field": "resources.1.key", "resourceIndex": 1}]}"#,
    );
    assert_eq!(e.code(), Some("InvalidField"));
    assert_eq!(e.param(), Some("resources.1.key"));
    // A code-like `error` is the code still.
    let e = parse(
        400,
        &[],
        r#"{"error": "invalid_amount", "message": "Amount must be positive",
            "errors": [{"code": "min_value", "field": "amount"}]}"#,
    );
    assert_eq!(e.code(), Some("invalid_amount"));
}

#[test]
fn a_list_of_causes_is_kept_and_speaks_where_the_top_level_does_not() {
    // Mercado Pago: the causes say what the top level's message does not.
    let cause = r#"[{"code": 2006, "description": "Card Token not found", "data": null}]"#;
    let e = parse(
        400,
        &[],
        &format!(
            r#"{{"message": "invalid parameter", "error": "bad_request", "status": 400,
                "cause": {cause}}}"#
        ),
    );
    assert_eq!(e.code(), Some("bad_request"));
    assert_eq!(e.message(), Some("invalid parameter"));
    assert_eq!(e.details(), Some(cause));
    // An empty message is none: the first cause's speaks instead.
    let e = parse(
        400,
        &[],
        &format!(r#"{{"message": "", "error": "bad_request", "status": 400, "cause": {cause}}}"#),
    );
    assert_eq!(e.message(), Some("Card Token not found"));
    let e = parse(400, &[], r#"{"message": "", "code": "bad_request"}"#);
    assert_eq!(e.message(), None);
    // The body's own `details` win, wherever they stand.
    let e = parse(
        400,
        &[],
        r#"{"message": "Bad", "details": {"a": 1}, "validationErrors": [{"field": "amount"}]}"#,
    );
    assert_eq!(e.details(), Some(r#"{"a": 1}"#));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_body_that_maps_fields_to_messages_gives_the_first() {
    // Django REST framework.
    let e = parse(
        400,
        &[],
        r#"{"amount": ["Ensure this value is greater than or equal to 1."], "currency": ["x"]}"#,
    );
    assert_eq!(
        (e.format(), e.param(), e.message()),
        (
            Format::Json,
            Some("amount"),
            Some("Ensure this value is greater than or equal to 1.")
        )
    );
    let e = parse(
        400,
        &[],
        r#"{"non_field_errors": ["Invalid currency pair."]}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (None, Some("Invalid currency pair."))
    );
    // A first member that is no list of sentences: the body stays the message.
    for body in [
        r#"{"time": "2024-01-01 10:00:00", "result": "failure"}"#,
        r#"{"ids": ["pay_1", "pay_2"]}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!((e.param(), e.message()), (None, Some(body)), "{body}");
    }
}

#[test]
fn more_request_ids_in_headers_and_bodies() {
    // Cybersource's correlation header; Lithic's body field.
    let e = parse(
        400,
        &[("v-c-correlation-id", "abc-123")],
        r#"{"message": "Declined - The request is missing one or more fields"}"#,
    );
    assert_eq!(e.request_id(), Some("abc-123"));
    let e = parse(
        429,
        &[],
        r#"{"debugging_request_id": "a8c3", "message": "Rate limit exceeded"}"#,
    );
    assert_eq!(e.request_id(), Some("a8c3"));
}

#[test]
fn a_client_error_that_says_it_throttles_and_when_to_return_is_rate_limited() {
    // Binance's ban of an IP that went on after its 429s.
    let body = r#"{"code": -1003, "msg": "Way too many requests; IP banned until 1700000000000."}"#;
    let e = parse(418, &[("retry-after", "120")], body);
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(120)));
    // Either alone is not enough.
    assert_eq!(parse(418, &[], body).kind(), ErrorKind::InvalidRequest);
    // Binance's documented wording counts weight, not requests.
    let body = r#"{"code": -1003, "msg": "Way too much request weight used; IP banned until 1700000000000. Please use WebSocket Streams for live updates to avoid bans."}"#;
    assert_eq!(
        parse(418, &[("retry-after", "120")], body).kind(),
        ErrorKind::RateLimited
    );
    let e = parse(
        400,
        &[("retry-after", "120")],
        r#"{"message": "amount is invalid"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
}

#[test]
fn the_idempotency_key_drafts_problems() {
    // draft-ietf-httpapi-idempotency-key-header, section 2.7.
    let problem = [("content-type", "application/problem+json")];
    for (status, body, kind) in [
        (
            409,
            r#"{"type": "https://developer.example.com/idempotency/concurrent-request",
                "title": "A request is outstanding for this Idempotency-Key",
                "detail": "A request with the same Idempotency-Key for the same operation is being processed or is outstanding."}"#,
            ErrorKind::Conflict,
        ),
        (
            422,
            r#"{"type": "https://developer.example.com/idempotency/key-reused",
                "title": "Idempotency-Key is already used",
                "detail": "This operation is idempotent and it requires correct usage of Idempotency Key. Idempotency Key MUST not be reused across different payloads of this operation."}"#,
            ErrorKind::IdempotencyMismatch,
        ),
        (
            400,
            r#"{"type": "https://developer.example.com/idempotency/missing-key",
                "title": "Idempotency-Key is missing",
                "detail": "This operation is idempotent and it requires correct usage of Idempotency Key."}"#,
            ErrorKind::InvalidRequest,
        ),
    ] {
        let e = parse(status, &problem, body);
        assert_eq!(e.kind(), kind, "{body}");
        assert_eq!(e.key_in_use, kind == ErrorKind::Conflict, "{body}");
    }
}

#[test]
fn a_code_that_names_a_key_in_use_needs_no_words() {
    for body in [
        // Stripe's code with no message; an error type alone, with a request id or without.
        r#"{"error": {"code": "idempotency_key_in_use"}}"#,
        r#"{"request_id": "0HL80RJLS76I7", "error_type": "idempotency_key_in_use"}"#,
        r#"{"error_type": "IdempotencyKeyInProgress"}"#,
    ] {
        let e = parse(409, &[], body);
        assert_eq!(
            (e.kind(), e.key_in_use),
            (ErrorKind::Conflict, true),
            "{body}"
        );
    }
    // A key reused with other parameters is not busy, and no server error holds a key.
    let e = parse(422, &[], r#"{"error": {"code": "idempotency_key_reused"}}"#);
    assert_eq!(
        (e.kind(), e.key_in_use),
        (ErrorKind::IdempotencyMismatch, false)
    );
    let e = parse(500, &[], r#"{"error": {"code": "idempotency_key_in_use"}}"#);
    assert!(!e.key_in_use);
}

#[test]
fn a_key_that_is_missing_is_no_key_reused() {
    // Circle: the first error's `location` names the field.
    let e = parse(
        400,
        &[],
        r#"{"code": 2, "message": "Invalid entity.\nidempotencyKey may not be empty",
            "errors": [{"error": "invalid_value", "message": "may not be empty",
            "location": "idempotencyKey", "invalidValue": "", "constraints": {}}]}"#,
    );
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
    assert_eq!(e.param(), Some("idempotencyKey"));
    let e = parse(422, &[], r#"{"message": "Idempotency-Key can't be blank"}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
    // A key sent again with other parameters still is.
    let e = parse(
        422,
        &[],
        r#"{"message": "The idempotency key provided was used with other parameters"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::IdempotencyMismatch);
}

#[test]
fn any_of_several_words_is_found_in_one_pass_ignoring_case() {
    let any = super::contains_any_ignore_case;
    let busy = ["in progress", "concurrent", "outstanding"];
    assert!(any("A request is OUTSTANDING for this key", &busy));
    assert!(any("Concurrent request", &busy));
    assert!(any("still in Progress", &busy));
    assert!(!any("key reused with different parameters", &busy));
    // A needle cut off by the end of the text, and punctuation where a letter would start one.
    assert!(!any("it is in progres", &busy));
    assert!(!any("{}[]:,\"", &busy));
    assert!(!any("", &busy));
}

#[test]
fn the_short_forms_of_code_and_message_are_read() {
    for (body, code, message) in [
        // WeChat's platform APIs, on a 200 or an error status alike.
        (
            r#"{"errcode": 40013, "errmsg": "invalid appid"}"#,
            "40013",
            "invalid appid",
        ),
        // HTX.
        (
            r#"{"status": "error", "err-code": "invalid-amount", "err-msg": "Invalid amount", "data": null}"#,
            "invalid-amount",
            "Invalid amount",
        ),
        // Baidu.
        (
            r#"{"error_code": 110, "error_msg": "Access token invalid"}"#,
            "110",
            "Access token invalid",
        ),
        // Nuvei: `reason` is the message beside `errCode`.
        (
            r#"{"status": "ERROR", "errCode": 1069, "reason": "Session expired", "internalRequestId": 222}"#,
            "1069",
            "Session expired",
        ),
        (
            r#"{"error": {"err_code": "E42", "err_msg": "Bad amount"}}"#,
            "E42",
            "Bad amount",
        ),
    ] {
        let e = parse(400, &[], body);
        assert_eq!(e.code(), Some(code), "{body}");
        assert_eq!(e.message(), Some(message), "{body}");
    }
}

#[test]
fn an_error_in_a_result_object_is_read() {
    // Alipay+ (Antom): the error is `result`, with `resultCode` and `resultMessage`.
    let e = parse(
        400,
        &[],
        r#"{"result": {"resultCode": "PARAM_ILLEGAL", "resultStatus": "F", "resultMessage": "Illegal parameters. For example, non-numeric input, invalid date."}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("PARAM_ILLEGAL"),
        Some("Illegal parameters. For example, non-numeric input, invalid date."),
    );
    // A `result` that is text, or a payload, is no error object: the body stays the message,
    // unless a status beside the text says the request failed.
    for body in [
        r#"{"status": "1", "result": "Max rate limit reached"}"#,
        r#"{"result": "Max rate limit reached"}"#,
        r#"{"result": {"id": "pay_1", "amount": 100}}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!((e.format(), e.code()), (Format::Json, None), "{body}");
        assert_eq!(e.message(), Some(body));
    }
}

#[test]
fn zuoras_reasons_are_a_list_of_errors() {
    let e = parse(
        400,
        &[],
        r#"{"success": false, "processId": "3F7EA3FD706C7E7C", "reasons": [{"code": 53100020, "message": " {com.zuora.constraints.either_or_validator_message}"}]}"#,
    );
    // The message loses the padding around it.
    check(
        &e,
        Format::SuccessFalse,
        ErrorKind::InvalidRequest,
        Some("53100020"),
        Some("{com.zuora.constraints.either_or_validator_message}"),
    );
}

#[test]
fn a_problem_type_names_its_error_in_the_fragment() {
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://docs.truelayer.com/docs/error-types#invalid-parameters", "title": "Invalid Parameters", "status": 400, "trace_id": "7fa8d7", "detail": "Some parameters are invalid.", "errors": {"amount_in_minor": ["must be greater than 0"]}}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("invalid-parameters"),
        Some("Some parameters are invalid."),
    );
    assert_eq!(e.param(), Some("amount_in_minor"));
    assert_eq!(e.request_id(), Some("7fa8d7"));
}

#[test]
fn the_status_reason_phrase_is_no_code() {
    // NestJS's and Hapi's `error` repeats the status line; Blockfrost copies their format.
    for (status, body, message) in [
        (
            403,
            r#"{"statusCode": 403, "message": "Forbidden resource", "error": "Forbidden"}"#,
            "Forbidden resource",
        ),
        (
            403,
            r#"{"status_code": 403, "error": "Forbidden", "message": "Invalid project token."}"#,
            "Invalid project token.",
        ),
        (401, r#"{"error": "Unauthorized"}"#, "Unauthorized"),
    ] {
        let e = parse(status, &[], body);
        assert_eq!(e.code(), None, "{body}");
        assert_eq!(e.message(), Some(message), "{body}");
    }
    // A provider's own code is kept, whatever its case or status.
    let e = parse(
        403,
        &[],
        r#"{"error": "forbidden", "message": "No access."}"#,
    );
    assert_eq!(e.code(), Some("forbidden"));
    let e = parse(400, &[], r#"{"error": "Unauthorized"}"#);
    assert_eq!(e.code(), Some("Unauthorized"));
}

#[test]
fn a_message_may_be_a_list_or_a_map_of_field_to_message() {
    // NestJS's validation pipe: the first of the list, not the reason phrase in `error`; its
    // field is class-validator's subject.
    let e = parse(
        400,
        &[],
        r#"{"statusCode": 400, "message": ["amount must be a positive number", "currency must be a valid ISO 4217 code"], "error": "Bad Request"}"#,
    );
    assert_eq!(e.message(), Some("amount must be a positive number"));
    assert_eq!(e.param(), Some("amount"));
    // Flask-RESTful: the field is the param.
    let e = parse(
        400,
        &[],
        r#"{"message": {"amount": "Missing required parameter in the JSON body"}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        None,
        Some("Missing required parameter in the JSON body"),
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn the_errors_of_no_one_field_name_no_param() {
    for (body, message) in [
        // Phoenix's default error view.
        (r#"{"errors": {"detail": "Not Found"}}"#, "Not Found"),
        // Rails's errors on the whole record.
        (
            r#"{"errors": {"base": ["Payment could not be captured"]}}"#,
            "Payment could not be captured",
        ),
        // marshmallow's schema-level errors.
        (
            r#"{"errors": {"_schema": ["Invalid input type."]}}"#,
            "Invalid input type.",
        ),
    ] {
        let e = parse(422, &[], body);
        assert_eq!((e.message(), e.param()), (Some(message), None), "{body}");
    }
    let e = parse(422, &[], r#"{"errors": {"amount": ["must be positive"]}}"#);
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn an_error_list_is_the_list_of_errors() {
    // BVNK's validation errors; the list's name is not a field at fault.
    let e = parse(
        400,
        &[],
        r#"{"errorList": [{"code": "MER-PAY-2000", "parameter": "amount", "message": "invalid parameter value"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("MER-PAY-2000"),
        Some("invalid parameter value"),
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn hal_embedded_errors_are_the_errors_list() {
    // Micronaut: the top message is only the reason phrase; the first error says more.
    let e = parse(
        400,
        &[],
        r#"{"message": "Bad Request", "_links": {"self": {"href": "/payments", "templated": false}}, "_embedded": {"errors": [{"message": "payment.amount: must be greater than 0"}]}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        None,
        Some("payment.amount: must be greater than 0"),
    );
    // Dwolla: the top level's code is the error's own, above its causes; its message only sends
    // the reader to them, and the first says what went wrong.
    let e = parse(
        400,
        &[],
        r#"{"code": "ValidationError", "message": "Validation error(s) present. See embedded errors list for more details.", "_embedded": {"errors": [{"code": "Required", "message": "FirstName required.", "path": "/firstName", "_links": {}}]}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("ValidationError"),
        Some("FirstName required."),
    );
    // A list with no message of its own leaves the pointer as the message.
    let e = parse(
        400,
        &[],
        r#"{"message": "See the errors list for details.", "errors": [{"code": "Required", "path": "/firstName"}]}"#,
    );
    assert_eq!(e.message(), Some("See the errors list for details."));
    // A summary that says more than the reason phrase stays the message (GitHub's).
    let e = parse(
        422,
        &[],
        r#"{"message": "Validation Failed", "errors": [{"resource": "Issue", "field": "title", "code": "missing_field"}]}"#,
    );
    assert_eq!(e.message(), Some("Validation Failed"));
    assert_eq!(e.code(), Some("missing_field"));
}

#[test]
fn a_top_level_type_beside_a_message_is_the_error_type() {
    // Wyre: the exception's class names the kind the 400 does not, and is the code.
    let e = parse(
        400,
        &[],
        r#"{"language": "en", "exceptionId": "WY-123", "message": "Insufficient funds", "type": "InsufficientFundsException", "transient": false}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::PaymentFailed,
        Some("InsufficientFundsException"),
        Some("Insufficient funds"),
    );
    // MoonPay.
    let e = parse(
        400,
        &[],
        r#"{"message": "Invalid API key", "type": "UnauthorizedError"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    // A type no table knows keeps the status's kind.
    let e = parse(400, &[], r#"{"message": "Bad", "type": "WidgetError"}"#);
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
}

#[test]
fn the_errors_own_id_is_the_request_id() {
    // Mangopay, with .NET's capitalised keys and a map of field to message.
    let e = parse(
        400,
        &[],
        r#"{"Message": "One or several required parameters are missing or incorrect.", "Type": "param_error", "Id": "a9ea6e8a-bb1b#1709812222", "Date": 1709812223.0, "errors": {"AuthorId": "The AuthorId field is required."}}"#,
    );
    // With no code of its own, the error's type is its code, as it is without a list.
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("param_error"),
        Some("One or several required parameters are missing or incorrect."),
    );
    assert_eq!(e.request_id(), Some("a9ea6e8a-bb1b#1709812222"));
    assert_eq!(e.param(), Some("AuthorId"));
    // Afterpay.
    let e = parse(
        422,
        &[],
        r#"{"errorCode": "invalid_object", "errorId": "f6b2c4f7e0b8d2a1", "message": "merchant.redirectConfirmUrl must be a valid URL", "httpStatusCode": 422}"#,
    );
    assert_eq!(e.request_id(), Some("f6b2c4f7e0b8d2a1"));
    assert_eq!(e.code(), Some("invalid_object"));
}

#[test]
fn open_banking_errors() {
    // UK Open Banking: capitalised keys; the top `Code` only repeats the status.
    let e = parse(
        400,
        &[("x-fapi-interaction-id", "93bac548-d2de")],
        r#"{"Code": "400 BadRequest", "Id": "2b5f0fb2", "Message": "Invalid request parameters.", "Errors": [{"ErrorCode": "UK.OBIE.Field.Missing", "Message": "Field is missing", "Path": "Data.Initiation.InstructedAmount", "Url": "https://openbanking.org.uk/docs"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("UK.OBIE.Field.Missing"),
        Some("Invalid request parameters."),
    );
    assert_eq!(e.param(), Some("Data.Initiation.InstructedAmount"));
    assert_eq!(e.request_id(), Some("2b5f0fb2"));
    // The Berlin Group's NextGenPSD2; the request id is FAPI's header.
    let e = parse(
        400,
        &[("x-fapi-interaction-id", "93bac548-d2de")],
        r#"{"tppMessages": [{"category": "ERROR", "code": "FORMAT_ERROR", "path": "instructedAmount.amount", "text": "Amount must be positive"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("FORMAT_ERROR"),
        Some("Amount must be positive"),
    );
    assert_eq!(e.param(), Some("instructedAmount.amount"));
    assert_eq!(e.request_id(), Some("93bac548-d2de"));
}

#[test]
fn cloud_envelopes_capitalise_their_keys() {
    // Tencent Cloud wraps every answer in `Response`; an error is its `Error`.
    let e = parse(
        401,
        &[],
        r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message":
            "The provided credentials could not be validated."}, "RequestId": "ed93f3cb-f35e-473f-b9f3"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unauthenticated,
        Some("AuthFailure.SignatureFailure"),
        Some("The provided credentials could not be validated."),
    );
    assert_eq!(e.request_id(), Some("ed93f3cb-f35e-473f-b9f3"));
    // Volcengine's `ResponseMetadata`, whose error names itself after its numeric `CodeN`.
    let e = parse(
        429,
        &[],
        r#"{"ResponseMetadata": {"RequestId": "20230604110420F9C1", "Action": "CreateOrder",
            "Error": {"CodeN": 100018, "Code": "FlowLimitExceeded", "Message":
            "Request frequency exceeded."}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::RateLimited,
        Some("FlowLimitExceeded"),
        Some("Request frequency exceeded."),
    );
    assert_eq!(e.request_id(), Some("20230604110420F9C1"));
    // Alibaba Cloud's flat `Code` and `Message`.
    let e = parse(
        400,
        &[],
        r#"{"RequestId": "7463B73D-35CC", "HostId": "ecs.aliyuncs.com", "Code": "InvalidParameter",
            "Message": "The specified parameter is not valid.", "Recommend": "https://api.aliyun.com/troubleshoot"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("InvalidParameter"),
        Some("The specified parameter is not valid."),
    );
    assert_eq!(e.request_id(), Some("7463B73D-35CC"));
}

#[test]
fn zod_issues_name_the_field_by_its_path_of_keys() {
    // Zod's error as a TypeScript API sends it, at the top level or as the error of a failure.
    let e = parse(
        400,
        &[],
        r#"{"issues": [{"code": "too_small", "minimum": 1, "type": "number", "path": ["payment", "amount"], "message": "Number must be greater than or equal to 1"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("too_small"),
        Some("Number must be greater than or equal to 1"),
    );
    assert_eq!(e.param(), Some("payment.amount"));
    let e = parse(
        400,
        &[],
        r#"{"success": false, "error": {"issues": [{"code": "invalid_type", "expected": "number", "received": "string", "path": ["items", 0, "price"], "message": "Expected number, received string"}], "name": "ZodError"}}"#,
    );
    check(
        &e,
        Format::SuccessFalse,
        ErrorKind::InvalidRequest,
        Some("ZodError"),
        Some("Expected number, received string"),
    );
    assert_eq!(e.param(), Some("items.0.price"));
    // Standard Schema's path segments are objects with a `key`.
    let e = parse(
        422,
        &[],
        r#"{"issues": [{"message": "Invalid email", "path": [{"key": "customer"}, {"key": "email"}]}]}"#,
    );
    assert_eq!(e.param(), Some("customer.email"));
    // Strapi names the field the same way, in its error's `details`.
    let e = parse(
        400,
        &[],
        r#"{"data": null, "error": {"status": 400, "name": "ValidationError", "message": "2 errors occurred", "details": {"errors": [{"path": ["email"], "message": "email must be a valid email", "name": "ValidationError"}]}}}"#,
    );
    assert_eq!(e.message(), Some("2 errors occurred"));
    assert_eq!(e.param(), Some("email"));
    // Others nest a list of `{path, message}` or Zod's issues there, naming the field as text.
    for body in [
        r#"{"error": {"code": "VALIDATION_ERROR", "message": "Invalid request body", "details": {"errors": [{"path": "name", "message": "Required"}]}}}"#,
        r#"{"error": {"code": "VALIDATION_ERROR", "message": "Some fields are invalid.", "details": {"issues": [{"field": "name", "message": "Required"}]}}}"#,
    ] {
        assert_eq!(parse(400, &[], body).param(), Some("name"), "{body}");
    }
    // A `details` path that is text is a URL, or tRPC's procedure, not a field.
    for body in [
        r#"{"error": {"message": "Bad input", "details": {"path": "/v1/payments"}}}"#,
        r#"{"error": {"message": "Invalid input", "code": -32600, "data": {"code": "BAD_REQUEST", "httpStatus": 400, "path": "payment.create"}}}"#,
    ] {
        assert_eq!(parse(400, &[], body).param(), None, "{body}");
    }
}

#[test]
fn an_error_with_no_message_of_its_own_gives_its_first_causes() {
    let e = parse(
        422,
        &[],
        r#"{"error": {"code": "validation_error", "errors": [{"field": "amount", "message": "Amount must be positive"}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("validation_error"),
        Some("Amount must be positive"),
    );
    assert_eq!(e.param(), Some("amount"));
    // Its own message, and the top level's, come first.
    for body in [
        r#"{"error": {"code": "validation_error", "errors": [{"message": "Amount must be positive"}], "message": "Invalid request"}}"#,
        r#"{"message": "Invalid request", "error": {"errors": [{"message": "Amount must be positive"}]}}"#,
    ] {
        assert_eq!(
            parse(422, &[], body).message(),
            Some("Invalid request"),
            "{body}"
        );
    }
}

#[test]
fn gateways_and_microsoft_give_the_request_id_in_their_own_objects() {
    // The Zuplo gateway's problem document carries it in `trace`.
    let e = parse(
        429,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://httpproblems.com/http-status/429", "title": "Too Many Requests", "status": 429, "detail": "Rate limit exceeded", "trace": {"timestamp": "2023-07-20T14:56:27.123Z", "requestId": "1c3a6b8a", "buildId": "1a2b3c", "rayId": "7e9f1c2d"}}"#,
    );
    assert_eq!(e.request_id(), Some("1c3a6b8a"));
    // Microsoft's REST APIs, in the error's `innerError`; the client's own id is not the server's.
    let e = parse(
        429,
        &[],
        r#"{"error": {"code": "TooManyRequests", "message": "Too many requests.", "innerError": {"date": "2023-07-20T14:56:27", "client-request-id": "c-1", "request-id": "b8c9f4a2"}}}"#,
    );
    assert_eq!(e.request_id(), Some("b8c9f4a2"));
    // A stack trace is no request id.
    let e = parse(
        500,
        &[],
        r#"{"message": "Server Error", "trace": [{"file": "index.php", "line": 12}]}"#,
    );
    assert_eq!(e.request_id(), None);
}

#[test]
fn microsofts_target_names_the_field() {
    // Microsoft's REST API guidelines (Azure's, Graph's, OData's): the error's own target first.
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "BadArgument", "message": "Multiple errors in ContactInfo data", "target": "ContactInfo",
            "details": [{"code": "NullValue", "target": "PhoneNumber", "message": "Phone number must not be null"}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("BadArgument"),
        Some("Multiple errors in ContactInfo data"),
    );
    assert_eq!(e.param(), Some("ContactInfo"));
    // Its details name it where the error does not (Treasure's).
    let e = parse(
        400,
        &[],
        r#"{"error_message": "Invalid parameter(s)", "error_code": "INVALID_PARAMS",
            "details": [{"target_type": "HTTP_REQUEST_BODY", "target": "amount", "message": "Unexpected parameter"}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_name_is_the_errors_own_in_the_error_object_and_the_fields_in_a_list() {
    // Upbit's error object names the error.
    let e = parse(
        429,
        &[],
        r#"{"error": {"name": "too_many_requests", "message": "Too many API requests."}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::RateLimited,
        Some("too_many_requests"),
        Some("Too many API requests."),
    );
    assert_eq!(e.param(), None);
    // An element of a list of errors names the field, as RFC 9457's `invalid-params` do.
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"name": "amount", "message": "must be positive"}]}"#,
    );
    assert_eq!(e.code(), None);
    assert_eq!(e.param(), Some("amount"));
    let e = parse(
        422,
        &[],
        r#"{"error": {"message": "Invalid", "errors": [{"name": "currency", "message": "is unknown"}]}}"#,
    );
    assert_eq!(e.param(), Some("currency"));
    // Worldline's `propertyName`.
    let e = parse(
        400,
        &[],
        r#"{"errorId": "657b10da", "errors": [{"code": "21000020", "id": "INVALID_VALUE", "message": "INVALID_VALUE: '-1' is not a valid value for field 'order.amountOfMoney.amount'", "propertyName": "order.amountOfMoney.amount", "httpStatusCode": 400}]}"#,
    );
    assert_eq!(e.param(), Some("order.amountOfMoney.amount"));
    assert_eq!(e.request_id(), Some("657b10da"));
}

#[test]
fn error_messages_may_map_fields_to_error_objects_and_a_description_is_a_message() {
    // Currencycloud: each field's list of `{code, message}`.
    let e = parse(
        401,
        &[],
        r#"{"error_code": "auth_failed", "error_messages": {"username": [{"code": "invalid_supplied_credentials", "message": "Authentication failed with the supplied credentials", "params": {}}]}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        Some("auth_failed"),
        Some("Authentication failed with the supplied credentials"),
    );
    assert_eq!(e.param(), Some("username"));
    // Klarna's list of texts, as before.
    let e = parse(
        400,
        &[],
        r#"{"error_code": "BAD_VALUE", "error_messages": ["Bad value: order_amount"], "correlation_id": "6a9b1cb1"}"#,
    );
    assert_eq!(e.message(), Some("Bad value: order_amount"));
    // Global Payments describes its code beside it.
    let e = parse(
        400,
        &[],
        r#"{"error_code": "INVALID_REQUEST_DATA", "detailed_error_code": "40005", "detailed_error_description": "Mandatory Fields missing [card.expiry_year]"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("INVALID_REQUEST_DATA"),
        Some("Mandatory Fields missing [card.expiry_year]"),
    );
}

#[test]
fn okta_and_x_spell_the_rate_limit_headers_with_a_hyphen() {
    let e = parse(
        429,
        &[
            ("x-rate-limit-limit", "600"),
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", "1795346010"),
            ("date", "Sun, 22 Nov 2026 11:13:00 GMT"),
        ],
        r#"{"errorCode": "E0000047", "errorSummary": "API call exceeded rate limit due to too many requests.", "errorLink": "E0000047", "errorId": "oaeKm4g8BhbR", "errorCauses": []}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(e.server_delay().unwrap().source, HintSource::RateLimitReset);
    assert_eq!(e.rate_limit().and_then(|limit| limit.limit), Some(600));
}

#[test]
fn a_soap_fault_that_blames_the_request_is_not_to_be_resent() {
    let xml = [("content-type", "text/xml; charset=utf-8")];
    for (code, resend) in [
        // SOAP 1.1 answers every fault with a 500: the sender's, and its refinements, too.
        ("soap:Client", Some(false)),
        ("SOAP-ENV:Client.Authentication", Some(false)),
        ("soap:Server", None),
    ] {
        let body = format!(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>{code}</faultcode><faultstring>Invalid merchant id</faultstring></soap:Fault></soap:Body></soap:Envelope>"#
        );
        let e = parse(500, &xml, &body);
        assert_eq!((e.code(), e.should_retry()), (Some(code), resend), "{code}");
    }
    // SOAP 1.2 calls it the sender.
    let e = parse(
        500,
        &xml,
        r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Invalid amount</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#,
    );
    assert_eq!(e.should_retry(), Some(false));
    // The API's own code in the fault's detail names the error; the fault's code still says whom
    // it blames.
    let e = parse(
        500,
        &xml,
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Invalid merchant credentials</faultstring><detail><errorCode>E00007</errorCode></detail></soap:Fault></soap:Body></soap:Envelope>"#,
    );
    assert_eq!((e.code(), e.should_retry()), (Some("E00007"), Some(false)));
}

#[test]
fn an_xml_error_with_a_message_and_no_code_is_xml() {
    let xml = [("content-type", "application/xml")];
    // Elavon Converge's `errorCode` and `errorMessage`.
    let e = parse(
        400,
        &xml,
        r#"<?xml version="1.0" encoding="UTF-8"?><txn><errorCode>4000</errorCode><errorName>VID Not Supplied</errorName><errorMessage>The VID was not supplied in the authorization request.</errorMessage></txn>"#,
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::InvalidRequest,
        Some("4000"),
        Some("The VID was not supplied in the authorization request."),
    );
    // PayPal's classic SOAP API: the long message, not the short one beside it.
    let e = parse(
        500,
        &xml,
        r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><DoDirectPaymentResponse><Ack>Failure</Ack><Errors><ShortMessage>Invalid Data</ShortMessage><LongMessage>There&apos;s an error with this transaction.</LongMessage><ErrorCode>10527</ErrorCode></Errors></DoDirectPaymentResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#,
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::Internal,
        Some("10527"),
        Some("There's an error with this transaction."),
    );
    // A message alone: a Rails-style list of errors.
    let e = parse(
        422,
        &xml,
        r#"<?xml version="1.0"?><errors><error>Credit card number: cannot be blank.</error></errors>"#,
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::InvalidRequest,
        None,
        Some("Credit card number: cannot be blank."),
    );
    // An XML document with none of the known elements is still XML, and keeps what it says.
    let e = parse(
        400,
        &xml,
        r#"<?xml version="1.0"?><ncresponse orderID="99999" NCERROR="50001111" NCERRORPLUS="Data validation error"/>"#,
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::InvalidRequest,
        None,
        Some(
            r#"<ncresponse orderID="99999" NCERROR="50001111" NCERRORPLUS="Data validation error"/>"#,
        ),
    );
    // An HTML page's `<code>` is no error code.
    let e = parse(
        500,
        &[("content-type", "text/html")],
        "<!DOCTYPE html><html><head><title>Server Error</title></head><body><p>Failed at <code>charge.rb:12</code></p></body></html>",
    );
    check(
        &e,
        Format::Html,
        ErrorKind::Internal,
        None,
        Some("Server Error"),
    );
}

#[test]
fn constraint_violations_name_the_field() {
    // Zalando's problem library (Spring) and Quarkus: the title sums up, the violation names the
    // field.
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://zalando.github.io/problem/constraint-violation", "title": "Constraint Violation", "status": 400, "violations": [{"field": "amount", "message": "must be greater than 0"}]}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("constraint-violation"),
        Some("Constraint Violation"),
    );
    assert_eq!(e.param(), Some("amount"));
    // Symfony and API Platform: `propertyPath`, beside a detail or Hydra's description.
    for body in [
        r#"{"title": "Validation Failed", "detail": "amount: This value should not be blank.", "violations": [{"propertyPath": "amount", "title": "This value should not be blank."}]}"#,
        r#"{"@context": "/contexts/ConstraintViolationList", "@type": "ConstraintViolationList", "hydra:title": "An error occurred", "hydra:description": "amount: This value should not be blank.", "violations": [{"propertyPath": "amount", "message": "This value should not be blank.", "code": "c1051bb4"}]}"#,
    ] {
        let e = parse(422, &[], body);
        assert_eq!(
            e.message(),
            Some("amount: This value should not be blank."),
            "{body}"
        );
        assert_eq!(e.param(), Some("amount"), "{body}");
    }
}

#[test]
fn a_message_in_several_languages_names_no_field() {
    for body in [
        r#"{"code": "INVALID_AMOUNT", "message": {"en": "Invalid amount", "pt": "Valor inválido"}}"#,
        r#"{"code": "INVALID_AMOUNT", "message": {"en-US": "Invalid amount", "pt_BR": "Valor inválido"}}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!(e.message(), Some("Invalid amount"), "{body}");
        assert_eq!(e.param(), None, "{body}");
    }
    // A field's message still names the field (Flask-RESTful).
    let e = parse(
        400,
        &[],
        r#"{"message": {"amount": "Missing required parameter in the JSON body"}}"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_json_rpc_errors_data_may_say_how_long_to_back_off() {
    // Infura's, in `data` or in its `rate`, as a 429 or (JSON-RPC over HTTP) a 200.
    for (status, data) in [
        (
            429,
            r#"{"see": "https://infura.io/dashboard", "current_rps": 13.3, "allowed_rps": 10, "backoff_seconds": 30}"#,
        ),
        (
            200,
            r#"{"rate": {"allowed_rps": 1, "backoff_seconds": 30, "current_rps": 1.5}, "see": "https://infura.io/dashboard"}"#,
        ),
    ] {
        let body = format!(
            r#"{{"jsonrpc": "2.0", "id": 1, "error": {{"code": -32005, "message": "project ID request rate exceeded", "data": {data}}}}}"#
        );
        let e = parse(status, &[], &body);
        assert_eq!(e.code(), Some("-32005"), "{data}");
        assert_eq!(e.retry_after(), Some(Duration::from_secs(30)), "{data}");
        assert_eq!(e.server_delay().unwrap().source, HintSource::Body);
        assert_eq!(e.details(), Some(data));
    }
    // A rate that says nothing of a delay gives none.
    let e = parse(
        429,
        &[],
        r#"{"jsonrpc": "2.0", "id": 1, "error": {"code": -32005, "message": "limit", "data": {"rate": {"allowed_rps": 1}}}}"#,
    );
    assert_eq!(e.retry_after(), None);
}

#[test]
fn a_json_rpc_errors_data_is_its_details() {
    // Deribit: the parameter at fault in `error.data`; its reason is a sentence, not a code.
    let e = parse(
        400,
        &[],
        r#"{"jsonrpc": "2.0", "error": {"message": "Invalid params", "data": {"reason": "must be greater than 0", "param": "amount"}, "code": -32602}, "testnet": false}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("-32602"),
        Some("Invalid params"),
    );
    assert_eq!(e.param(), Some("amount"));
    assert_eq!(
        e.details(),
        Some(r#"{"reason": "must be greater than 0", "param": "amount"}"#)
    );
    // Google's ErrorInfo reason, a code, still is one.
    let e = parse(
        429,
        &[],
        r#"{"error": {"code": 429, "message": "Quota exceeded", "status": "RESOURCE_EXHAUSTED", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED"}]}}"#,
    );
    assert_eq!(e.code(), Some("RATE_LIMIT_EXCEEDED"));
}

#[test]
fn a_json_rpc_errors_data_in_words_replaces_the_stock_message() {
    // NEAR's RPC: "Server error" is JSON-RPC's message for -32000; `data` says what went wrong.
    let e = parse(
        400,
        &[],
        r#"{"jsonrpc": "2.0", "error": {"name": "HANDLER_ERROR", "cause": {"name": "UNKNOWN_ACCOUNT"}, "code": -32000, "message": "Server error", "data": "account bob.near does not exist while viewing"}, "id": "dontcare"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("-32000"),
        Some("account bob.near does not exist while viewing"),
    );
    // An Ethereum node's `data` is the revert's bytes, and a message of its own is kept.
    let reverted = |message: &str| {
        let body = format!(
            r#"{{"jsonrpc": "2.0", "id": 1, "error": {{"code": 3, "message": "{message}", "data": "0x08c379a0"}}}}"#
        );
        parse(500, &[], &body).message().map(str::to_owned)
    };
    assert_eq!(reverted("Server error").as_deref(), Some("Server error"));
    let own = |data: &str| {
        let body = format!(
            r#"{{"error": {{"code": -32000, "message": "nonce too low", "data": "{data}"}}}}"#
        );
        parse(500, &[], &body).message().map(str::to_owned)
    };
    assert_eq!(own("some other words").as_deref(), Some("nonce too low"));
}

#[test]
fn the_hedera_mirror_nodes_status_wraps_its_messages() {
    let e = parse(
        404,
        &[],
        r#"{"_status": {"messages": [{"message": "Not found"}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::NotFound,
        None,
        Some("Not found"),
    );
}

#[test]
fn a_trace_id_in_the_error_or_its_details_is_the_request_id() {
    // Ankr's gateway: JSON-RPC's `data` carries the id support asks for.
    let e = parse(
        503,
        &[],
        r#"{"jsonrpc": "2.0", "id": 1, "error": {"code": -32055, "message": "No nodes available",
            "data": {"trace_id": "4b1fe9c2"}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unavailable,
        Some("-32055"),
        Some("No nodes available"),
    );
    assert_eq!(e.request_id(), Some("4b1fe9c2"));
    // Setu's, in the error object itself.
    let e = parse(
        400,
        &[],
        r#"{"status": 400, "success": false, "error": {"code": "invalid-request", "detail":
            "mobileNumber is missing", "traceId": "C3-2f2b"}}"#,
    );
    assert_eq!(e.request_id(), Some("C3-2f2b"));
}

#[test]
fn gate_io_names_its_code_label() {
    let e = parse(
        400,
        &[],
        r#"{"label": "INVALID_PARAM_VALUE", "message": "Invalid currency_pair"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("INVALID_PARAM_VALUE"),
        Some("Invalid currency_pair"),
    );
}

#[test]
fn a_description_is_the_message_where_there_is_none() {
    // Zendesk: the `error` is the code.
    let e = parse(
        429,
        &[("retry-after", "93")],
        r#"{"error": "APIRateLimitExceeded", "description": "Rate limit exceeded"}"#,
    );
    check(
        &e,
        Format::ErrorString,
        ErrorKind::RateLimited,
        Some("APIRateLimitExceeded"),
        Some("Rate limit exceeded"),
    );
    let e = parse(
        400,
        &[],
        r#"{"code": "400", "description": "Invalid request", "data": {"amount": "must be greater than 0"}}"#,
    );
    assert_eq!(e.message(), Some("Invalid request"));
    // A message of its own comes first.
    let e = parse(
        400,
        &[],
        r#"{"description": "A payment", "message": "Amount is required", "code": "invalid"}"#,
    );
    assert_eq!(e.message(), Some("Amount is required"));
}

#[test]
fn a_status_code_that_is_no_http_status_is_the_code() {
    // EBANX.
    let e = parse(
        400,
        &[],
        r#"{"status": "ERROR", "status_code": "BP-DR-23", "status_message": "Field payment.amount_total must be greater than 1"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("BP-DR-23"),
        Some("Field payment.amount_total must be greater than 1"),
    );
    // Midtrans repeats the status; a `code` beside it comes first.
    for body in [
        r#"{"status_code": "400", "status_message": "One or more parameters in the payload is invalid."}"#,
        r#"{"status_code": 400, "status_message": "Invalid"}"#,
    ] {
        assert_eq!(parse(400, &[], body).code(), None, "{body}");
    }
    let e = parse(
        400,
        &[],
        r#"{"status_code": "BP-DR-23", "code": "invalid_amount", "message": "Invalid"}"#,
    );
    assert_eq!(e.code(), Some("invalid_amount"));
    // bitFlyer's `status` is negative, which no HTTP status is; one that is an HTTP status, or
    // is positive, is none of the API's.
    let e = parse(
        400,
        &[],
        r#"{"status": -200, "error_message": "Insufficient funds", "data": null}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("-200"), Some("Insufficient funds"))
    );
    for body in [
        r#"{"status": 400, "message": "Insufficient funds"}"#,
        r#"{"status": 1, "message": "Insufficient funds"}"#,
    ] {
        assert_eq!(parse(400, &[], body).code(), None, "{body}");
    }
    // Opayo's `statusCode` is a number of its own beside its `statusDetail`; NestJS's repeats the
    // status.
    let e = parse(
        401,
        &[],
        r#"{"statusCode": "4020", "statusDetail": "Information received from an Invalid IP address.", "transactionId": "T1", "status": "Rejected"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        Some("4020"),
        Some("Information received from an Invalid IP address."),
    );
    let nest = parse(
        400,
        &[],
        r#"{"statusCode": 400, "message": "amount must be positive", "error": "Bad Request"}"#,
    );
    assert_eq!(nest.code(), None);
    assert_eq!(nest.message(), Some("amount must be positive"));
}

#[test]
fn okta_error_summary_is_the_message() {
    let e = parse(
        429,
        &[],
        r#"{"errorCode": "E0000047", "errorSummary": "API call exceeded rate limit due to too many requests.", "errorLink": "E0000047", "errorId": "oaeBmXo1", "errorCauses": []}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("E0000047"),
        Some("API call exceeded rate limit due to too many requests."),
    );
    assert_eq!(e.request_id(), Some("oaeBmXo1"));
}

#[test]
fn pix_violations_name_the_field() {
    // Brazil's central bank Pix API: a problem document with Portuguese `violacoes`.
    let e = parse(
        400,
        &[],
        r#"{"type": "https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida", "title": "Cobrança inválida.", "status": 400,
            "detail": "A requisição não respeita o schema.",
            "violacoes": [{"razao": "O objeto cob.valor não respeita o schema.", "propriedade": "cob.valor"}]}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("CobOperacaoInvalida"),
        Some("A requisição não respeita o schema."),
    );
    assert_eq!(e.param(), Some("cob.valor"));
    // Without a detail of its own, the violation's reason is the message.
    let e = parse(
        400,
        &[],
        r#"{"violacoes": [{"razao": "O campo valor é obrigatório.", "propriedade": "valor"}]}"#,
    );
    assert_eq!(e.message(), Some("O campo valor é obrigatório."));
    assert_eq!(e.param(), Some("valor"));
    // Efí's Pix API names its errors in Portuguese outside a problem document.
    let e = parse(
        404,
        &[],
        r#"{"nome": "pix_nao_encontrado", "mensagem": "Nenhum pix encontrado para o identificador informado"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        Some("pix_nao_encontrado"),
        Some("Nenhum pix encontrado para o identificador informado"),
    );
}

#[test]
fn fiserv_api_trace_id_is_the_request_id() {
    let e = parse(
        400,
        &[],
        r#"{"gatewayResponse": {"transactionState": "DECLINED"}, "error": [{"type": "GATEWAY", "code": "104", "field": "amount", "message": "Invalid amount"}], "apiTraceId": "rrt-0abc"}"#,
    );
    assert_eq!(e.request_id(), Some("rrt-0abc"));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn vnd_error_logref_is_the_request_id() {
    // Finix: HAL's `_embedded.errors`, each with vnd.error's `logref`.
    let e = parse(
        422,
        &[],
        r#"{"total": 1, "_embedded": {"errors": [{"code": "INVALID_FIELD", "field": "amount", "logref": "c76b3f6a0d7ab82e", "message": "amount must be greater than 0"}]}}"#,
    );
    assert_eq!(e.request_id(), Some("c76b3f6a0d7ab82e"));
    assert_eq!(e.param(), Some("amount"));
    // Spring HATEOAS's vnd.error, at the top level; Yapily's `tracingId` in its error object.
    let e = parse(
        400,
        &[],
        r#"{"logref": "42", "message": "Validation failed"}"#,
    );
    assert_eq!(e.request_id(), Some("42"));
    let e = parse(
        400,
        &[],
        r#"{"error": {"tracingId": "9b3c1c1e", "code": 400, "status": "BAD_REQUEST", "message": "Invalid consent token"}}"#,
    );
    assert_eq!(e.request_id(), Some("9b3c1c1e"));
}

#[test]
fn a_map_of_fields_beside_the_message_names_the_param() {
    // Onfido.
    let e = parse(
        422,
        &[],
        r#"{"error": {"id": "544f9553", "type": "validation_error", "message": "There was a validation error on this request", "fields": {"email": ["is not a valid email"]}}}"#,
    );
    assert_eq!(
        e.message(),
        Some("There was a validation error on this request")
    );
    assert_eq!(e.param(), Some("email"));
    // A list of field names is not a cause: its first name is no message.
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "missing_fields", "fields": ["amount", "currency"]}}"#,
    );
    assert_eq!(e.message(), None);
    assert_eq!(e.param(), None);
}

#[test]
fn a_code_that_repeats_the_status_yields_to_any_other() {
    // Sumsub: the status, a numeric code and its name, which wins as a name does over a number.
    let e = parse(
        400,
        &[],
        r#"{"description": "Invalid id '123'", "code": 400, "correlationId": "req-3f5b", "errorCode": 1003, "errorName": "app-token-invalid-format"}"#,
    );
    assert_eq!(e.code(), Some("app-token-invalid-format"));
    assert_eq!(e.message(), Some("Invalid id '123'"));
    // A Kubernetes Status: its reason is the code.
    let e = parse(
        404,
        &[],
        r#"{"kind": "Status", "apiVersion": "v1", "status": "Failure", "message": "pods \"x\" not found", "reason": "NotFound", "code": 404}"#,
    );
    assert_eq!(e.code(), Some("NotFound"));
    // N-Genius (Network International): the status above a list of errors with codes of their own.
    let e = parse(
        401,
        &[],
        r#"{"message": "Unauthorized", "code": 401, "errors": [{"message": "Token is not valid", "localizedMessage": "Token is not valid", "errorCode": "invalidToken", "domain": "identity"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unauthenticated,
        Some("invalidToken"),
        Some("Token is not valid"),
    );
    // Alone, it is still the code.
    for body in [
        r#"{"code": 404, "message": "No such payment"}"#,
        r#"{"code": "404", "message": "No such payment"}"#,
        r#"{"code": 404, "message": "No such payment", "errors": [{"message": "No payment pay_1"}]}"#,
    ] {
        assert_eq!(parse(404, &[], body).code(), Some("404"), "{body}");
    }
}

#[test]
fn wordpress_names_the_parameter_in_its_data() {
    // WordPress's REST API, as WooCommerce answers: the parameters at fault in `data.params`, a
    // map of parameter to message or a list of the missing ones.
    let e = parse(
        400,
        &[],
        r#"{"code": "rest_invalid_param", "message": "Invalid parameter(s): status", "data": {"status": 400, "params": {"status": "status is not one of pending, processing."}, "details": {}}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("rest_invalid_param"),
        Some("Invalid parameter(s): status"),
    );
    assert_eq!(e.param(), Some("status"));
    let e = parse(
        400,
        &[],
        r#"{"code": "rest_missing_callback_param", "message": "Missing parameter(s): order_id", "data": {"status": 400, "params": ["order_id"]}}"#,
    );
    assert_eq!(e.param(), Some("order_id"));
    // A `data` without `params` names none, and a top-level `param` comes first.
    let e = parse(
        404,
        &[],
        r#"{"code": "woocommerce_rest_shop_order_invalid_id", "message": "Invalid ID.", "data": {"status": 404}}"#,
    );
    assert_eq!(e.param(), None);
    let e = parse(
        400,
        &[],
        r#"{"code": "invalid", "message": "Bad amount", "param": "amount", "data": {"params": ["currency"]}}"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn magento_fills_in_its_message_templates() {
    // Adobe Commerce (Magento) sends a message template and its `parameters`, by name ...
    let e = parse(
        404,
        &[],
        r#"{"message": "No such entity with %fieldName = %fieldValue", "parameters": {"fieldName": "cartId", "fieldValue": 7}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        None,
        Some("No such entity with cartId = 7"),
    );
    assert_eq!(e.param(), Some("cartId"));
    // ... or by position, where the longest number that fits is the placeholder.
    let e = parse(
        400,
        &[],
        r#"{"message": "The \"%1\" Cart doesn't contain products.", "parameters": ["4"]}"#,
    );
    assert_eq!(
        e.message(),
        Some("The \"4\" Cart doesn't contain products.")
    );
    assert_eq!(e.param(), None);
    let e = parse(
        400,
        &[],
        r#"{"message": "%1, %10, %2", "parameters": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]}"#,
    );
    assert_eq!(e.message(), Some("a, j, b"));
    // A list of input errors: the top level's message, the first error's field.
    let e = parse(
        400,
        &[],
        r#"{"message": "One or more input exceptions have occurred.", "errors": [{"message": "\"%fieldName\" is required. Enter and try again.", "parameters": {"fieldName": "email"}}]}"#,
    );
    assert_eq!(
        e.message(),
        Some("One or more input exceptions have occurred.")
    );
    assert_eq!(e.param(), Some("email"));
    // A percent sign that no parameter fills stays; a body's own `param` comes first.
    let e = parse(
        400,
        &[],
        r#"{"message": "Fee over 5% of %amount", "parameters": {"fee": "x"}, "param": "fee_amount"}"#,
    );
    assert_eq!(e.message(), Some("Fee over 5% of %amount"));
    assert_eq!(e.param(), Some("fee_amount"));
}

#[test]
fn gocardless_names_its_error_by_type_beside_the_status_as_code() {
    // GoCardless's `code` is the HTTP status; its `type` names the error, and a listed error's
    // `reason` more precisely still.
    let e = parse(
        422,
        &[],
        r#"{"error": {"message": "Validation failed", "documentation_url": "https://developer.gocardless.com/api-reference#validation_failed", "type": "validation_failed", "request_id": "dd50eaaf-8213-48fe-90d6-5466872efbc4", "code": 422, "errors": [{"message": "must be a number", "field": "branch_code", "request_pointer": "/customer_bank_accounts/branch_code"}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("validation_failed"),
        Some("Validation failed"),
    );
    assert_eq!(e.param(), Some("branch_code"));
    assert_eq!(e.request_id(), Some("dd50eaaf-8213-48fe-90d6-5466872efbc4"));
    let e = parse(
        400,
        &[],
        r#"{"error": {"message": "Invalid document structure", "errors": [{"reason": "invalid_document_structure", "message": "Invalid document structure"}], "type": "invalid_api_usage", "request_id": "bd271b37", "code": 400}}"#,
    );
    assert_eq!(e.code(), Some("invalid_document_structure"));
    let e = parse(
        409,
        &[],
        r#"{"error": {"message": "Mandate is already cancelled", "type": "invalid_state", "code": 409, "request_id": "r1"}}"#,
    );
    assert_eq!(e.code(), Some("invalid_state"));
    assert_eq!(e.kind(), ErrorKind::InvalidState);
    // A numeric code that is no HTTP status is the API's own, and stays.
    let e = parse(
        400,
        &[],
        r#"{"error": {"message": "Bad amount", "type": "validation", "code": 1003}}"#,
    );
    assert_eq!(e.code(), Some("1003"));
}

#[test]
fn a_message_template_grows_no_longer_than_its_body() {
    // Every placeholder names the one long value: filled in full, the message would be 4 000
    // times the value.
    let value = "x".repeat(4_000);
    let body = format!(
        r#"{{"message": "{}", "parameters": ["{value}"]}}"#,
        "%1".repeat(4_000)
    );
    let message = parse(400, &[], &body).message().unwrap().to_owned();
    assert!(message.len() <= body.len(), "{}", message.len());
    assert!(
        message.starts_with(&value),
        "the first placeholders are filled"
    );
    assert!(message.ends_with("%1"), "the rest stay");
    // Only the first parameters are read.
    let mut names = (1..40)
        .map(|n| format!(r#""p{n}": "v{n}""#))
        .collect::<Vec<_>>();
    names.push(r#""last": "end""#.to_owned());
    let body = format!(
        r#"{{"message": "%p1 %last", "parameters": {{{}}}}}"#,
        names.join(", ")
    );
    assert_eq!(parse(400, &[], &body).message(), Some("v1 %last"));
}

#[test]
fn monnify_and_fawry_name_their_message_and_code_their_own_way() {
    let e = parse(
        401,
        &[],
        r#"{"requestSuccessful": false, "responseMessage": "Invalid authorization", "responseCode": "99", "responseBody": null}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        Some("99"),
        Some("Invalid authorization"),
    );
    let e = parse(
        400,
        &[],
        r#"{"type": "ChargeResponse", "statusCode": 9901, "statusDescription": "Invalid Merchant Code"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("9901"),
        Some("Invalid Merchant Code"),
    );
}

#[test]
fn spreedly_names_the_attribute_at_fault() {
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"key": "errors.blank", "message": "Amount can't be blank", "attribute": "amount"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        None,
        Some("Amount can't be blank"),
    );
    assert_eq!(e.param(), Some("amount"));
    // drf-standardized-errors names it `attr`.
    let e = parse(
        400,
        &[],
        r#"{"type": "validation_error", "errors": [{"code": "required", "detail": "This field is required.", "attr": "amount"}]}"#,
    );
    assert_eq!(e.code(), Some("required"));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_trace_that_is_a_token_is_the_request_id() {
    // PayTabs.
    let e = parse(
        400,
        &[],
        r#"{"code": 206, "message": "Profile not found", "trace": "PMNT0403.64CF5E3F.000074E4"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("206"),
        Some("Profile not found"),
    );
    assert_eq!(e.request_id(), Some("PMNT0403.64CF5E3F.000074E4"));
    // The Zuplo gateway's trace holds it.
    let e = parse(
        401,
        &[],
        r#"{"title": "Unauthorized", "status": 401, "detail": "No Authorization Header", "trace": {"timestamp": "2026-11-22T10:00:00Z", "requestId": "b1c2"}}"#,
    );
    assert_eq!(e.request_id(), Some("b1c2"));
    // Spring Boot's stack trace is none.
    let e = parse(
        500,
        &[],
        r#"{"timestamp": "2026-11-22T10:00:00.000+00:00", "status": 500, "error": "Internal Server Error", "trace": "java.lang.IllegalStateException: boom\n\tat com.example.Api.pay(Api.java:42)", "path": "/v1/payments"}"#,
    );
    assert_eq!(e.request_id(), None);
    assert_eq!(e.message(), Some("Internal Server Error"));
}

#[test]
fn viva_wallet_and_unzer_name_their_message_their_own_way() {
    // Viva Wallet: .NET's capitals at the top level.
    let e = parse(
        404,
        &[],
        r#"{"ErrorCode": 404, "ErrorText": "Transaction not found", "TimeStamp": "2026-11-22T10:00:00.12Z", "CorrelationId": "2c5fc7b6-5ab8", "EventId": 0, "Success": false}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        Some("404"),
        Some("Transaction not found"),
    );
    assert_eq!(e.request_id(), Some("2c5fc7b6-5ab8"));
    // Unzer: one message for the merchant, one for the payer.
    let e = parse(
        400,
        &[],
        r#"{"id": "s-err-f2ba9b4a", "isSuccess": false, "isError": true, "traceId": "c6c4f3f4", "errors": [{"code": "API.320.200.138", "customerMessage": "Please contact the merchant.", "merchantMessage": "The amount is invalid."}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("API.320.200.138"),
        Some("The amount is invalid."),
    );
    assert_eq!(e.request_id(), Some("c6c4f3f4"));
}

#[test]
fn a_field_without_messages_is_not_the_param() {
    // LI.FI: a map whose only field lists nothing.
    let e = parse(
        404,
        &[],
        r#"{"message": "No available quotes for the requested transfer", "code": 1002, "errors": {"filteredOut": []}}"#,
    );
    assert_eq!(e.param(), None);
    assert_eq!(
        e.message(),
        Some("No available quotes for the requested transfer")
    );
    // The first field that does list a message names the param.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"email": [], "amount": ["must be positive"], "currency": ["is missing"]}}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (Some("amount"), Some("must be positive"))
    );
}

#[test]
fn card_networks_errors() {
    // Mastercard: the list of errors wrapped once more, .NET's capitals, and whether a retry can
    // succeed.
    let e = parse(
        400,
        &[],
        r#"{"Errors": {"Error": [{"Source": "Gateway", "ReasonCode": "INVALID_REQUEST_PARAMETER", "Description": "One or more request parameters are invalid", "Recoverable": false, "Details": "amount must be positive"}]}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("INVALID_REQUEST_PARAMETER"),
        Some("One or more request parameters are invalid"),
    );
    assert_eq!(e.param(), None);
    assert_eq!(e.should_retry(), Some(false));
    // One error, not a list; and one that may pass.
    let e = parse(
        401,
        &[],
        r#"{"Errors": {"Error": {"Source": "Gateway", "ReasonCode": "DECLINED", "Description": "Unauthorized - Access Not Granted", "Recoverable": false, "Details": null}}}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("DECLINED"), Some("Unauthorized - Access Not Granted"))
    );
    let e = parse(
        503,
        &[],
        r#"{"Errors": {"Error": [{"Source": "Service", "ReasonCode": "SERVICE_UNAVAILABLE", "Description": "The service is temporarily unavailable", "Recoverable": true}]}}"#,
    );
    assert_eq!(e.code(), Some("SERVICE_UNAVAILABLE"));
    assert_eq!(e.should_retry(), None);
    // Visa: the error object is the response's status.
    let e = parse(
        400,
        &[],
        r#"{"responseStatus": {"status": 400, "code": "9125", "severity": "ERROR", "message": "Expected input credential was not present", "info": ""}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("9125"),
        Some("Expected input credential was not present"),
    );
    // A `responseStatus` that is a word wraps nothing (J.P. Morgan's).
    let e = parse(
        400,
        &[],
        r#"{"responseStatus": "FAILURE", "responseCode": "INVALID_REQUEST", "responseMessage": "Request is invalid"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("INVALID_REQUEST"), Some("Request is invalid"))
    );
}

#[test]
fn yodlee_gives_a_reference_for_its_support() {
    let e = parse(
        400,
        &[("x-request-id", "from-a-proxy")],
        r#"{"errorCode": "Y800", "errorMessage": "Invalid value for accountId", "referenceCode": "P1559040000000004"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("Y800"),
        Some("Invalid value for accountId"),
    );
    assert_eq!(e.request_id(), Some("P1559040000000004"));
}

#[test]
fn a_named_code_wins_over_a_number() {
    // YouHodler: a numeric `errorCode` and its name in `errorLabel`. The name gives the kind.
    let e = parse(
        400,
        &[],
        r#"{"errorCode": 2004, "errorLabel": "INSUFFICIENT_FUNDS", "errorDescription": "Insufficient balance to complete the operation"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::PaymentFailed,
        Some("INSUFFICIENT_FUNDS"),
        Some("Insufficient balance to complete the operation"),
    );
    // The other way round, the name read first stays.
    let e = parse(
        400,
        &[],
        r#"{"code": "E_AMOUNT", "errorCode": 15, "message": "Bad amount"}"#,
    );
    assert_eq!(e.code(), Some("E_AMOUNT"));
}

#[test]
fn payrix_wraps_its_errors_in_a_response() {
    // Payrix: the list of errors inside `response`, each with a numeric category and a name.
    let e = parse(
        400,
        &[],
        r#"{"response": {"data": [], "details": {"requestId": 1}, "errors": [{"field": "username", "code": 15, "severity": 2, "msg": "This field is required to be set", "errorCode": "required_field"}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("required_field"),
        Some("This field is required to be set"),
    );
    assert_eq!(e.param(), Some("username"));
    // A `response` that holds a payload wraps no error.
    let e = parse(400, &[], r#"{"response": {"id": "txn_1", "total": 100}}"#);
    assert_eq!((e.code(), e.format()), (None, Format::Json));
}

#[test]
fn fortes_response_gives_its_code_and_description() {
    // Forte's REST API echoes the transaction and says what failed in its `response`.
    let e = parse(
        400,
        &[],
        r#"{"location_id": "loc_115161", "action": "sale", "authorization_amount": 102.45,
            "response": {"environment": "sandbox", "response_type": "E", "response_code": "F01",
            "response_desc": "MANDATORY FIELD MISSING:card.account_number"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("F01"),
        Some("MANDATORY FIELD MISSING:card.account_number"),
    );
}

#[test]
fn googles_payment_integrator_errors_name_their_code() {
    // The error response of Google's payment integrator APIs.
    let e = parse(
        400,
        &[],
        r#"{"responseHeader": {"responseTimestamp": "1481900013178"},
            "errorResponseCode": "INVALID_IDENTIFIER",
            "errorDescription": "Invalid identifier: payment 123",
            "paymentIntegratorErrorIdentifier": "err_1234"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("INVALID_IDENTIFIER"),
        Some("Invalid identifier: payment 123"),
    );
}

#[test]
fn short_names_for_a_message_are_read() {
    // CSI Pyxis: `errorMsg` in its list of errors.
    let e = parse(
        400,
        &[],
        r#"{"status": "Error", "operation": "Sale", "errors": [{"errorSource": "Processing", "errorCode": "345", "errorMsg": "The card account number used has an incorrect length."}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("345"),
        Some("The card account number used has an incorrect length."),
    );
    // Easebuzz: `error_desc`.
    let e = parse(
        400,
        &[],
        r#"{"status": 0, "error_desc": "Invalid hash", "data": "Hash mismatch"}"#,
    );
    assert_eq!(e.message(), Some("Invalid hash"));
}

#[test]
fn webargs_and_marshmallow_nest_their_maps_of_fields() {
    // flask-smorest: the fields grouped by the part of the request that carried them.
    let e = parse(
        422,
        &[],
        r#"{"code": 422, "status": "Unprocessable Entity", "errors": {"json": {"amount": ["Not a valid number."]}}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("422"),
        Some("Not a valid number."),
    );
    assert_eq!(e.param(), Some("amount"));
    // A nested schema's field is named by its path.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"query": {"address": {"zip": ["Not a valid zip code."]}}}}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (Some("address.zip"), Some("Not a valid zip code."))
    );
    // Werkzeug's error with webargs's map as its description (Heron Data); `_schema` holds the
    // errors of the nested schema as a whole.
    let e = parse(
        422,
        &[],
        r#"{"code": 422, "description": {"json": {"merchant": {"_schema": ["one of 'heron_id' or 'name' is required"]}}}, "name": "Unprocessable Entity"}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (
            Some("merchant"),
            Some("one of 'heron_id' or 'name' is required")
        )
    );
    // Maps are read four deep, no further.
    let nested = |depth: usize| {
        let body = format!(
            r#"{{"errors": {}["too deep"]{}}}"#,
            r#"{"a": "#.repeat(depth),
            "}".repeat(depth)
        );
        parse(422, &[], &body)
    };
    assert_eq!(nested(5).param(), Some("a.a.a.a.a"));
    assert_eq!(nested(6).param(), None);
    // A text description is the message, as before.
    let e = parse(
        404,
        &[],
        r#"{"code": 404, "description": "Transaction not found", "name": "Not Found"}"#,
    );
    assert_eq!(e.message(), Some("Transaction not found"));
}

#[test]
fn a_title_that_is_the_status_line_yields_to_the_description() {
    // Falcon's default error body.
    let e = parse(
        400,
        &[],
        r#"{"title": "400 Bad Request", "description": "The amount is invalid."}"#,
    );
    assert_eq!(e.message(), Some("The amount is invalid."));
    // A title of its own stays first, and a reason phrase alone is still a message.
    let e = parse(
        400,
        &[],
        r#"{"title": "Amount too small", "description": "The minimum is 50 cents."}"#,
    );
    assert_eq!(e.message(), Some("Amount too small"));
    let e = parse(404, &[], r#"{"title": "404 Not Found"}"#);
    assert_eq!(e.message(), Some("404 Not Found"));
}

#[test]
fn codeigniter_maps_its_messages() {
    let e = parse(
        400,
        &[],
        r#"{"status": 400, "error": 400, "messages": {"amount": "The amount field is required."}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        None,
        Some("The amount field is required."),
    );
    assert_eq!(e.param(), Some("amount"));
    // `error` is the message of no one field.
    let e = parse(
        404,
        &[],
        r#"{"status": 404, "error": 404, "messages": {"error": "Payment not found"}}"#,
    );
    assert_eq!((e.message(), e.param()), (Some("Payment not found"), None));
}

#[test]
fn a_code_of_zero_is_no_code() {
    // Yii's default error body: a PHP exception's code, 0 when it was given none.
    let e = parse(
        404,
        &[],
        r#"{"name": "Not Found", "message": "Page not found.", "code": 0, "status": 404, "type": "yii\\web\\NotFoundHttpException"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        None,
        Some("Page not found."),
    );
    let e = parse(
        500,
        &[],
        r#"{"error": {"code": 0, "message": "Internal error"}}"#,
    );
    assert_eq!(e.code(), None);
}

#[test]
fn trpc_names_its_error_in_the_data() {
    // The JSON-RPC code says less than tRPC's own.
    let e = parse(
        400,
        &[],
        r#"{"error": {"message": "Invalid input", "code": -32600, "data": {"code": "BAD_REQUEST", "httpStatus": 400, "path": "payment.create"}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("BAD_REQUEST"),
        Some("Invalid input"),
    );
}

#[test]
fn a_message_that_is_a_symbol_names_the_error_where_no_code_does_or_a_number() {
    // BtcTurk puts its code's name in `message`, beside the code's number.
    let e = parse(
        400,
        &[],
        r#"{"data": null, "success": false, "message": "BALANCE_NOT_ENOUGH", "code": 1055}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("BALANCE_NOT_ENOUGH"),
        Some("BALANCE_NOT_ENOUGH"),
    );
    // Read as the code, the symbol gives the kind, in an error object too.
    let e = parse(400, &[], r#"{"message": "INSUFFICIENT_FUNDS"}"#);
    assert_eq!(e.kind(), ErrorKind::PaymentFailed);
    assert_eq!(e.code(), Some("INSUFFICIENT_FUNDS"));
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": -32000, "message": "RATE_LIMIT_EXCEEDED"}}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    // A text code is kept; a sentence or a bare word is no symbol.
    let e = parse(
        400,
        &[],
        r#"{"code": "E_FUNDS", "message": "INSUFFICIENT_FUNDS"}"#,
    );
    assert_eq!(e.code(), Some("E_FUNDS"));
    let e = parse(
        400,
        &[],
        r#"{"code": 1055, "message": "Balance not enough"}"#,
    );
    assert_eq!(e.code(), Some("1055"));
    let e = parse(400, &[], r#"{"code": 1055, "message": "NOTOK"}"#);
    assert_eq!(e.code(), Some("1055"));
}

#[test]
fn a_one_word_summary_gives_way_to_the_first_listed_error() {
    let e = parse(
        400,
        &[],
        r#"{"message": "ERROR", "errors": ["Invoice XML size must be between 1 byte and 10MB"],
            "trackingId": "6f1c2d7e"}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        None,
        Some("Invoice XML size must be between 1 byte and 10MB"),
    );
    let e = parse(
        400,
        &[],
        r#"{"message": "Failed", "errors": [{"field": "amount", "message": "must be positive"}]}"#,
    );
    assert_eq!(e.message(), Some("must be positive"));
    assert_eq!(e.param(), Some("amount"));
    // A sentence still sums the list up.
    let e = parse(
        422,
        &[],
        r#"{"message": "Validation Failed", "errors": [{"field": "amount", "code": "missing"}]}"#,
    );
    assert_eq!(e.message(), Some("Validation Failed"));
}

#[test]
fn a_problem_detail_that_is_the_reason_phrase_gives_way_to_the_title() {
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"errors": {"data.number": ["The card number is invalid."]},
            "title": "One or more validation errors occurred.", "status": 400,
            "detail": "Bad Request"}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        None,
        Some("One or more validation errors occurred."),
    );
    assert_eq!(e.param(), Some("data.number"));
    // Alone, it is still the message.
    let e = parse(
        404,
        &[("content-type", "application/problem+json")],
        r#"{"type": "about:blank", "status": 404, "detail": "Not Found"}"#,
    );
    assert_eq!(e.message(), Some("Not Found"));
}

#[test]
fn an_error_objects_occurrence_id_is_the_request_id_where_the_body_gives_none() {
    // Dfns's and Onfido's `error.id`, JSON:API's `errors[].id`.
    let e = parse(
        404,
        &[],
        r#"{"error": {"id": "2038837570328299032", "status": 404, "message": "wallet not found"}}"#,
    );
    assert_eq!(e.request_id(), Some("2038837570328299032"));
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"id": "7f0e4a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b", "status": "422",
            "detail": "amount must be positive"}]}"#,
    );
    assert_eq!(e.request_id(), Some("7f0e4a3c-1b2d-4e5f-8a9b-0c1d2e3f4a5b"));
    // A request id the body names says more, wherever it is.
    let e = parse(
        404,
        &[],
        r#"{"error": {"id": "2038837570328299032", "message": "wallet not found"},
            "request_id": "req_1"}"#,
    );
    assert_eq!(e.request_id(), Some("req_1"));
    // An id that names the error is its code, not an occurrence: Heroku's, Bill.com's.
    let e = parse(
        404,
        &[],
        r#"{"error": {"id": "not_found", "message": "Not here"}}"#,
    );
    assert_eq!((e.code(), e.request_id()), (Some("not_found"), None));
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"code": "21000020", "id": "INVALID_VALUE", "message": "Bad value"}]}"#,
    );
    assert_eq!(e.request_id(), None);
}

#[test]
fn details_name_the_field_as_a_property_too() {
    // SeamlessOS's (Telness's) `details[].property`.
    let e = parse(
        400,
        &[],
        r#"{"message": "Validation failed for the request", "code": "VALIDATION_ERROR",
            "details": [{"message": "Email address is required", "code": "FIELD_REQUIRED",
            "property": "email"}]}"#,
    );
    assert_eq!(e.param(), Some("email"));
    assert_eq!(e.code(), Some("VALIDATION_ERROR"));
}

#[test]
fn paysera_lists_its_invalid_fields_in_error_properties() {
    let e = parse(
        400,
        &[],
        r#"{"error": "invalid_request", "error_description": "Validation failed",
            "error_properties": {"purchase.amount": ["Amount should be greater than 0"]}}"#,
    );
    check(
        &e,
        Format::OAuth,
        ErrorKind::InvalidRequest,
        Some("invalid_request"),
        Some("Validation failed"),
    );
    assert_eq!(e.param(), Some("purchase.amount"));
}

#[test]
fn codes_and_messages_are_read_in_pascal_case_and_in_lower_case() {
    // Thunes's (.NET's capitals) and payabl.'s (all lower case).
    let e = parse(
        400,
        &[],
        r#"{"ReturnCode": 2000, "ReturnMessage": "INVALID DATA: amount must be positive",
            "RequestId": "a1b2c3d4"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("2000"),
        Some("INVALID DATA: amount must be positive"),
    );
    assert_eq!(e.request_id(), Some("a1b2c3d4"));
    let e = parse(
        400,
        &[],
        r#"{"status": "2", "errorcode": "2001", "errormessage": "Found wrong or missing fields"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("2001"), Some("Found wrong or missing fields"))
    );
    let e = parse(
        400,
        &[],
        r#"{"Error": {"ErrorCode": "E1", "ErrorMessage": "Card expired"}}"#,
    );
    assert_eq!((e.code(), e.message()), (Some("E1"), Some("Card expired")));
}

#[test]
fn a_failure_message_is_the_message() {
    // PPRO's rejected requests.
    let e = parse(
        404,
        &[],
        r#"{"status": 404, "failureMessage": "Payment charge not found",
            "timestamp": "2025-02-17T21:18:20.003Z"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        None,
        Some("Payment charge not found"),
    );
    let e = parse(
        402,
        &[],
        r#"{"failure_code": "card_declined", "failure_message": "Your card was declined."}"#,
    );
    assert_eq!(
        (e.kind(), e.code(), e.message()),
        (
            ErrorKind::PaymentFailed,
            Some("card_declined"),
            Some("Your card was declined.")
        )
    );
}

#[test]
fn a_top_level_details_text_is_the_message_where_there_is_none() {
    // Moaform's `{"code", "details"}`.
    let e = parse(
        429,
        &[],
        r#"{"code": "THROTTLE_LIMITED", "details": "API usage limit has been exceeded."}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("THROTTLE_LIMITED"),
        Some("API usage limit has been exceeded."),
    );
    assert_eq!(e.details(), Some(r#""API usage limit has been exceeded.""#));
    // A message says it first; the text stays in the details.
    let e = parse(
        404,
        &[],
        r#"{"message": "Not found", "details": "uri=/v1/charges/ch_1"}"#,
    );
    assert_eq!(e.message(), Some("Not found"));
    // After an `error` that is only the status's reason phrase, the details say more.
    let e = parse(
        401,
        &[],
        r#"{"error": "Unauthorized", "details": "Token expired"}"#,
    );
    assert_eq!(e.message(), Some("Token expired"));
}

#[test]
fn a_top_level_map_of_fields_names_the_param() {
    // Alp's validation errors.
    let e = parse(
        422,
        &[],
        r#"{"code": "VALIDATION_ERROR", "message": "Validation failed",
            "fields": {"amount": "must be positive"}}"#,
    );
    assert_eq!(
        (e.code(), e.message(), e.param()),
        (
            Some("VALIDATION_ERROR"),
            Some("Validation failed"),
            Some("amount")
        )
    );
    assert_eq!(e.details(), Some(r#"{"amount": "must be positive"}"#));
    // A list of field names names none.
    let e = parse(
        400,
        &[],
        r#"{"message": "Missing fields", "fields": ["amount", "currency"]}"#,
    );
    assert_eq!((e.message(), e.param()), (Some("Missing fields"), None));
    // A list of errors that name their fields does, and gives the message where the top has none.
    let e = parse(
        422,
        &[],
        r#"{"code": "validation_error",
            "fields": [{"message": "must be positive", "path": "amount.value", "value": -5}]}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("must be positive"), Some("amount.value"))
    );
    // One whose errors name no field is no list of causes.
    let e = parse(400, &[], r#"{"code": "bad", "fields": [{"message": "m"}]}"#);
    assert_eq!((e.message(), e.details()), (None, None));
}

#[test]
fn a_code_that_only_repeats_the_status_yields_to_the_apis_own() {
    // Appwrite's `type` is its code; its `code` is the status.
    let e = parse(
        429,
        &[],
        r#"{"message": "Rate limit for the current endpoint has been exceeded.", "code": 429,
            "type": "general_rate_limit_exceeded", "version": "1.4.13"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("general_rate_limit_exceeded"),
        Some("Rate limit for the current endpoint has been exceeded."),
    );
    // An `error` that reads as a code, beside the status as `code`.
    let e = parse(
        401,
        &[],
        r#"{"code": 401, "error": "invalid_token", "message": "Token expired"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("invalid_token"), Some("Token expired"))
    );
    // The reason of an error object with no code of its own.
    let e = parse(
        403,
        &[],
        r#"{"code": 403, "error": {"message": "No access", "reason": "insufficient_scope"}}"#,
    );
    assert_eq!(e.code(), Some("insufficient_scope"));
    // A code of three digits that is not the status is the API's own (Adyen's).
    let e = parse(
        422,
        &[],
        r#"{"status": 422, "errorCode": "167", "message": "Original pspReference required",
            "errorType": "validation"}"#,
    );
    assert_eq!(e.code(), Some("167"));
    // Where nothing else names the error, the status stays the code.
    let e = parse(404, &[], r#"{"code": 404, "message": "Not found"}"#);
    assert_eq!(e.code(), Some("404"));
}

#[test]
fn a_graphql_extensions_field_is_the_param() {
    // Directus's failed validation.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"message": "Validation failed for field \"title\". Value is required.",
            "extensions": {"code": "FAILED_VALIDATION", "field": "title", "type": "required"}}]}"#,
    );
    assert_eq!(
        (e.code(), e.param()),
        (Some("FAILED_VALIDATION"), Some("title"))
    );
}

#[test]
fn the_mesh_apis_retriable_false_stops_a_retry() {
    // Every Mesh (Rosetta) error is a 500; `retriable` says whether it may pass.
    let e = parse(
        500,
        &[],
        r#"{"code": 12, "message": "Invalid account format", "retriable": false,
            "details": {"address": "0x1dcc", "error": "not base64"}}"#,
    );
    assert_eq!(
        (e.code(), e.message(), e.should_retry()),
        (Some("12"), Some("Invalid account format"), Some(false))
    );
    // Inside an error object too; `true` is still no leave to replay.
    let e = parse(
        500,
        &[],
        r#"{"error": {"code": 14, "message": "Node is syncing", "retriable": true}}"#,
    );
    assert_eq!(e.should_retry(), None);
    let e = parse(
        503,
        &[],
        r#"{"error": {"code": 15, "message": "Node is halted", "retriable": false}}"#,
    );
    assert_eq!(e.should_retry(), Some(false));
}

#[test]
fn saferpays_error_name_is_the_code() {
    let e = parse(
        402,
        &[],
        r#"{"ResponseHeader": {"SpecVersion": "1.40", "RequestId": "33e8af17"},
            "Behavior": "OTHER_MEANS", "ErrorName": "TRANSACTION_DECLINED",
            "ErrorMessage": "Transaction declined by acquirer", "ProcessorResult": "51"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::PaymentFailed,
        Some("TRANSACTION_DECLINED"),
        Some("Transaction declined by acquirer"),
    );
}

#[test]
fn swedbank_pays_problems_name_the_field() {
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://api.payex.com/psp/errordetail/creditcard/inputerror",
            "title": "There was an input error", "status": 400,
            "detail": "Please correct the errors and retry the request",
            "instance": "ec2a9b09-601a-42ae-8e33-a5737e1cf177",
            "problems": [{"name": "CreditCardParameters.Issuer",
                          "description": "minimum one issuer must be enabled"}]}"#,
    );
    assert_eq!(
        (e.code(), e.param()),
        (Some("inputerror"), Some("CreditCardParameters.Issuer"))
    );
}

#[test]
fn a_developer_message_is_the_message_where_none_came_first() {
    // Zettle's: no `message` at all, and its violations say theirs the same way.
    let e = parse(
        400,
        &[],
        r#"{"developerMessage": "amount must be positive", "errorType": "VALIDATION_ERROR",
            "violations": [{"propertyName": "amount", "developerMessage": "must be positive"}]}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("amount must be positive"), Some("amount"))
    );
    let e = parse(
        400,
        &[],
        r#"{"errorType": "VALIDATION_ERROR",
            "violations": [{"propertyName": "amount", "developerMessage": "must be positive"}]}"#,
    );
    assert_eq!(e.message(), Some("must be positive"));
    // Stormpath's design sends both; the `message` it sends first stays.
    let e = parse(
        409,
        &[],
        r#"{"status": 409, "code": 5101, "message": "Oops! We encountered an unexpected error.",
            "developerMessage": "The default storage location for new accounts is disabled."}"#,
    );
    assert_eq!(
        e.message(),
        Some("Oops! We encountered an unexpected error.")
    );
}

#[test]
fn tripletexs_validation_messages_name_the_field() {
    let e = parse(
        422,
        &[],
        r#"{"status": 422, "code": 15000, "message": "Validation failed",
            "developerMessage": null,
            "validationMessages": [{"field": "invoiceDateTo", "message": "Kan ikke være null.",
                                    "path": null, "rootId": null}],
            "requestId": "3e0b6d4c-2b1f"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("15000"),
        Some("Validation failed"),
    );
    assert_eq!(
        (e.param(), e.request_id()),
        (Some("invoiceDateTo"), Some("3e0b6d4c-2b1f"))
    );
}

#[test]
fn an_error_that_is_a_reason_phrase_yields_to_the_first_listed_error() {
    // Hanami's failed validation.
    let e = parse(
        422,
        &[],
        r#"{"status": 422, "error": "Unprocessable Entity",
            "errors": {"amount": ["must be greater than 0"]}}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("must be greater than 0"), Some("amount"))
    );
    // An error that says something stays the message.
    let e = parse(
        422,
        &[],
        r#"{"error": "Payment could not be validated",
            "errors": {"amount": ["must be greater than 0"]}}"#,
    );
    assert_eq!(e.message(), Some("Payment could not be validated"));
}

#[test]
fn a_list_of_parameters_that_name_their_fields_names_the_param() {
    // Maya's (PayMaya's) missing or invalid parameters.
    let e = parse(
        400,
        &[],
        r#"{"code": "2553", "message": "Missing/invalid parameters.",
            "parameters": [{"field": "totalAmount.value", "description": "must be greater than 0"}]}"#,
    );
    assert_eq!(
        (e.code(), e.param()),
        (Some("2553"), Some("totalAmount.value"))
    );
    // Magento's list is the values of its message's placeholders, still filled in.
    let e = parse(
        400,
        &[],
        r#"{"message": "The \"%1\" Cart doesn't contain products.", "parameters": ["4"]}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("The \"4\" Cart doesn't contain products."), None)
    );
}

#[test]
fn an_error_objects_list_of_messages_gives_the_first() {
    // Billplz's.
    let e = parse(
        422,
        &[],
        r#"{"error": {"type": "RecordInvalid", "message": ["Amount must be greater than 100",
            "Collection is required"]}}"#,
    );
    assert_eq!(e.message(), Some("Amount must be greater than 100"));
}

#[test]
fn a_top_level_result_code_and_message_are_the_code_and_message() {
    // NICEPAY's.
    let e = parse(
        401,
        &[],
        r#"{"resultCode": "U104", "resultMsg": "clientKey가 유효하지 않습니다."}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        Some("U104"),
        Some("clientKey가 유효하지 않습니다."),
    );
}

#[test]
fn a_list_under_a_message_key_is_the_errors_only_where_they_say_something() {
    // VMware's name-value pairs beside its message name no parameter.
    let e = parse(
        400,
        &[],
        r#"{"apiErrorCode": 1502, "message": "Validation failed",
            "moreInformation": [{"name": "reason", "value": "bad"}]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("1502"),
        Some("Validation failed"),
    );
    assert_eq!(e.param(), None);
    // A list of errors under the same kind of key still is one.
    let e = parse(
        400,
        &[],
        r#"{"error_messages": [{"code": "40002", "description": "invalid_parameter",
            "parameter_name": "amount.value"}]}"#,
    );
    assert_eq!(
        (e.format(), e.param()),
        (Format::Errors, Some("amount.value"))
    );
}

#[test]
fn a_sentence_in_data_beside_an_error_status_is_the_message() {
    let e = parse(
        400,
        &[],
        r#"{"result": "error", "data": "Invalid request"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        None,
        Some("Invalid request"),
    );
    // One word in `data` is a value, not a message: the body stays raw.
    let e = parse(500, &[], r#"{"status": "error", "data": "none"}"#);
    assert_eq!(e.format(), Format::Json);
}

#[test]
fn a_message_that_is_only_the_reason_phrase_gives_way_to_the_first_detail() {
    // Getnet's.
    let e = parse(
        400,
        &[],
        r#"{"message": "Bad Request", "name": "InvalidParameter", "status_code": 400,
            "details": [{"status": "DENIED", "error_code": "GENERIC-400",
            "description": "amount is required"}]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("InvalidParameter"),
        Some("amount is required"),
    );
    // A message of its own stays.
    let e = parse(
        400,
        &[],
        r#"{"message": "Payment rejected", "details": [{"description": "amount is required"}]}"#,
    );
    assert_eq!(e.message(), Some("Payment rejected"));
}

#[test]
fn a_json_api_source_may_name_its_field() {
    // Solaris's.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"id": "6e6b8a1c", "status": 400, "code": "invalid_model",
            "title": "Invalid Model", "detail": "amount: must be greater than 0",
            "source": {"field": "amount", "message": "must be greater than 0"}}]}"#,
    );
    assert_eq!(
        (e.code(), e.param()),
        (Some("invalid_model"), Some("amount"))
    );
}

#[test]
fn alipays_method_named_envelope_gives_its_sub_code_and_sub_message() {
    let e = parse(
        400,
        &[],
        r#"{"alipay_trade_pay_response": {"code": "40004", "msg": "Business Failed",
            "sub_code": "ACQ.TRADE_HAS_SUCCESS", "sub_msg": "交易已被支付"}, "sign": "DZXh8eeT"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("ACQ.TRADE_HAS_SUCCESS"),
        Some("交易已被支付"),
    );
    // Without them, the gateway's own code and message; Taobao's envelope is read the same.
    let e = parse(
        400,
        &[],
        r#"{"error_response": {"code": 40001, "msg": "Missing Required Arguments"}}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("40001"), Some("Missing Required Arguments"))
    );
}

#[test]
fn wechat_pays_xml_gives_its_error_code_and_description() {
    let xml = [("content-type", "text/xml")];
    // The call went through; the payment did not.
    let e = parse(
        400,
        &xml,
        "<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg>\
         <result_code><![CDATA[FAIL]]></result_code><err_code><![CDATA[NOTENOUGH]]></err_code>\
         <err_code_des><![CDATA[余额不足]]></err_code_des></xml>",
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::InvalidRequest,
        Some("NOTENOUGH"),
        Some("余额不足"),
    );
    // The call itself failed: its message, and no code.
    let e = parse(
        401,
        &xml,
        "<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[签名错误]]></return_msg></xml>",
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::Unauthenticated,
        None,
        Some("签名错误"),
    );
}

#[test]
fn a_top_level_resp_code_and_resp_msg_are_the_code_and_message() {
    // UnionPay's.
    let e = parse(
        400,
        &[],
        r#"{"respCode": "11", "respMsg": "Invalid signature"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("11"),
        Some("Invalid signature"),
    );
}

#[test]
fn an_error_in_meta_is_read_where_the_body_says_nothing_else() {
    // Foursquare's.
    let e = parse(
        400,
        &[],
        r#"{"meta": {"code": 400, "errorType": "param_error", "errorDetail": "Must provide a valid user ID or 'self.'", "requestId": "5f1b2c3d4e"}, "response": {}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("param_error"),
        Some("Must provide a valid user ID or 'self.'"),
    );
    assert_eq!(e.request_id(), Some("5f1b2c3d4e"));
    // Instagram's legacy API's: the exception's class is the code.
    let e = parse(
        429,
        &[],
        r#"{"meta": {"error_type": "OAuthRateLimitException", "code": 429, "error_message": "The maximum number of requests per hour has been exceeded."}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::RateLimited,
        Some("OAuthRateLimitException"),
        Some("The maximum number of requests per hour has been exceeded."),
    );
    // Alchemy Pay's.
    let e = parse(
        400,
        &[],
        r#"{"meta": {"success": false, "code": "9000", "message": "parameter invalid"}, "data": null}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("9000"), Some("parameter invalid"))
    );
}

#[test]
fn a_meta_of_paging_or_beside_an_error_is_not_the_error() {
    // Paging says nothing: the body is kept whole.
    let body = r#"{"meta": {"page": 1, "total": 0}, "data": []}"#;
    let e = parse(500, &[], body);
    assert_eq!(
        (e.format(), e.code(), e.message()),
        (Format::Json, None, Some(body))
    );
    // The error beside it is the error; `meta` gives only the request id.
    let e = parse(
        404,
        &[],
        r#"{"error": {"code": "not_found", "message": "No such charge"}, "meta": {"code": 200, "message": "OK", "request_id": "req_1"}}"#,
    );
    assert_eq!(
        (e.code(), e.message(), e.request_id()),
        (Some("not_found"), Some("No such charge"), Some("req_1"))
    );
}

#[test]
fn a_status_object_may_describe_the_error_in_status_description() {
    // Cellulant's (Tingg's).
    let e = parse(
        401,
        &[],
        r#"{"status": {"statusCode": 401, "statusDescription": "Unauthorized: invalid access token"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unauthenticated,
        None,
        Some("Unauthorized: invalid access token"),
    );
}

#[test]
fn a_status_description_or_response_text_beside_a_code_is_the_message() {
    // Sipay's.
    let e = parse(
        400,
        &[],
        r#"{"status_code": 30, "status_description": "Invalid credentials"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("30"), Some("Invalid credentials"))
    );
    // PayDunya's.
    let e = parse(
        200,
        &[],
        r#"{"response_code": "1001", "response_text": "Invalid Masterkey"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("1001"), Some("Invalid Masterkey"))
    );
}

#[test]
fn a_message_that_is_a_symbol_gives_way_to_a_description() {
    // CinetPay's: the symbol names the error where the code is a number.
    let e = parse(
        200,
        &[],
        r#"{"code": "608", "message": "MINIMUM_REQUIRED_FIELDS", "description": "Des paramètres obligatoires sont manquants", "api_response_id": "1657456.8794"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (
            Some("MINIMUM_REQUIRED_FIELDS"),
            Some("Des paramètres obligatoires sont manquants")
        )
    );
    // A code in words is kept.
    let e = parse(
        400,
        &[],
        r#"{"code": "AUTH_FAILED", "message": "INVALID_TOKEN", "error_description": "The token has expired"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("AUTH_FAILED"), Some("The token has expired"))
    );
    // A description that is itself a symbol says no more.
    let e = parse(
        400,
        &[],
        r#"{"code": 608, "message": "MINIMUM_REQUIRED_FIELDS", "description": "E_FIELDS"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (
            Some("MINIMUM_REQUIRED_FIELDS"),
            Some("MINIMUM_REQUIRED_FIELDS")
        )
    );
}

#[test]
fn camel_cased_non_field_errors_name_no_field() {
    // The Safe Transaction Service's Django REST Framework, with camel-cased keys.
    let e = parse(
        400,
        &[],
        r#"{"nonFieldErrors": ["Signature does not match the owner"]}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (None, Some("Signature does not match the owner"))
    );
}

#[test]
fn replicates_invalid_fields_name_the_param() {
    let e = parse(
        422,
        &[("content-type", "application/problem+json")],
        r#"{"detail": "- input: prompt is required\n", "status": 422, "title": "Input validation failed", "invalid_fields": [{"type": "required", "field": "input", "description": "prompt is required"}]}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (Some("input"), Some("- input: prompt is required"))
    );
}

#[test]
fn a_numeric_xml_result_is_the_code_beside_its_explanation() {
    let xml = [("content-type", "application/xml")];
    // DPO Pay's.
    let e = parse(
        200,
        &xml,
        r#"<?xml version="1.0" encoding="utf-8"?><API3G><Result>801</Result><ResultExplanation>Request missing company token</ResultExplanation></API3G>"#,
    );
    assert_eq!(
        (e.format(), e.code(), e.message()),
        (
            Format::Xml,
            Some("801"),
            Some("Request missing company token")
        )
    );
    // Realex's (Global Payments' e-commerce XML).
    let e = parse(
        400,
        &xml,
        r#"<?xml version="1.0" encoding="UTF-8"?><response timestamp="20180731090859"><result>508</result><message>Invalid characters in amount</message></response>"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("508"), Some("Invalid characters in amount"))
    );
    // A result in words is no code.
    let e = parse(
        500,
        &xml,
        "<response><result>failed</result><message>Internal error</message></response>",
    );
    assert_eq!((e.code(), e.message()), (None, Some("Internal error")));
}

#[test]
fn errormsg_beside_a_code_is_the_message() {
    // AlphaPoint's exchanges (NDAX's, Bitazza's).
    let e = parse(
        200,
        &[],
        r#"{"result": false, "errormsg": "Not Authorized", "errorcode": 20, "detail": null}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("20"), Some("Not Authorized"))
    );
    // GOPAX's.
    let e = parse(
        400,
        &[],
        r#"{"errormsg": "Insufficient balance", "errcode": 10155}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("10155"), Some("Insufficient balance"))
    );
}

#[test]
fn a_code_with_no_text_takes_the_first_listed_results_code_and_message() {
    // OKX's failed order: its `code` "1" says only that the operation failed.
    let e = parse(
        200,
        &[],
        r#"{"code": "1", "msg": "", "data": [{"clOrdId": "", "ordId": "", "sCode": "51008", "sMsg": "Order failed. Insufficient USDT balance in account.", "tag": ""}]}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (
            Some("51008"),
            Some("Order failed. Insufficient USDT balance in account.")
        )
    );
    // A top-level message is kept, as is a code beside results that give no code of their own.
    let e = parse(
        400,
        &[],
        r#"{"code": "50000", "msg": "Body can not be empty", "data": [{"sCode": "1", "sMsg": "x"}]}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("50000"), Some("Body can not be empty"))
    );
    let e = parse(
        400,
        &[],
        r#"{"code": 7, "data": [{"id": "a", "message": "queued"}]}"#,
    );
    assert_eq!((e.code(), e.message()), (Some("7"), None));
}

#[test]
fn a_reason_phrase_message_gives_way_to_an_error_in_words() {
    // Superbank's.
    let e = parse(
        404,
        &[],
        r#"{"status_code": 404, "message": "Not Found", "error": "Payment not found"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        None,
        Some("Payment not found"),
    );
    // Fincra's.
    let e = parse(
        400,
        &[],
        r#"{"success": false, "error": "amount must be a number", "message": "Bad request"}"#,
    );
    assert_eq!(e.message(), Some("amount must be a number"));
    // Spring's is the other way round, and a code in `error` leaves the message alone.
    let e = parse(
        400,
        &[],
        r#"{"status": 400, "error": "Bad Request", "message": "Required parameter 'amount' is not present.", "path": "/v1/payments"}"#,
    );
    assert_eq!(
        e.message(),
        Some("Required parameter 'amount' is not present.")
    );
    let e = parse(
        400,
        &[],
        r#"{"error": "invalid_request", "message": "Bad Request"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("invalid_request"), Some("Bad Request"))
    );
}

#[test]
fn payment_gateways_own_message_keys_beside_their_codes() {
    let cases = [
        // Amazon Payment Services (PayFort).
        (
            r#"{"response_code": "00008", "response_message": "Signature mismatch", "status": "00"}"#,
            "00008",
            "Signature mismatch",
        ),
        // monobank's acquiring API.
        (
            r#"{"errCode": "BAD_REQUEST", "errText": "empty 'amount'"}"#,
            "BAD_REQUEST",
            "empty 'amount'",
        ),
        // LiqPay.
        (
            r#"{"result": "error", "status": "error", "err_code": "err_amount", "err_description": "Invalid amount"}"#,
            "err_amount",
            "Invalid amount",
        ),
    ];
    for (body, code, message) in cases {
        let e = parse(400, &[], body);
        assert_eq!(
            (e.code(), e.message()),
            (Some(code), Some(message)),
            "{body}"
        );
    }
}

#[test]
fn a_message_of_one_word_falls_back_on_a_coded_error_in_data() {
    // Bill.com's v2 API.
    let e = parse(
        400,
        &[],
        r#"{"response_status": 1, "response_message": "Error", "response_data": {"error_code": "BDC_1109", "error_message": "Invalid session"}}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("BDC_1109"), Some("Invalid session"))
    );
    // Douyin's, whose error has a description.
    let e = parse(
        400,
        &[],
        r#"{"data": {"error_code": 2190008, "description": "access_token expired"}, "message": "error"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("2190008"), Some("access_token expired"))
    );
    let e = parse(400, &[], r#"{"message": "error", "data": {"code": "E1"}}"#);
    assert_eq!((e.code(), e.message()), (Some("E1"), Some("error")));
    // A payload in `data` is no error, nor is a map of its fields.
    for body in [
        r#"{"message": "Forbidden", "data": {"plan": "free"}}"#,
        r#"{"message": "Forbidden", "data": {"id": "pay_1", "status": "failed"}}"#,
    ] {
        let e = parse(403, &[], body);
        assert_eq!((e.code(), e.message()), (None, Some("Forbidden")), "{body}");
    }
}

#[test]
fn a_failure_reason_object_is_the_error() {
    // pawaPay's refused deposit, in its v2 and v1 shapes.
    let e = parse(
        400,
        &[],
        r#"{"depositId": "f4401bd2-1568-4140-bf2d-eb77d2b2b639", "status": "REJECTED", "failureReason": {"failureCode": "INVALID_PARAMETER", "failureMessage": "The amount must be a positive number"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("INVALID_PARAMETER"),
        Some("The amount must be a positive number"),
    );
    let e = parse(
        200,
        &[],
        r#"{"depositId": "f4401bd2", "status": "REJECTED", "rejectionReason": {"rejectionCode": "AMOUNT_TOO_LARGE", "rejectionMessage": "Amount exceeds the maximum"}}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("AMOUNT_TOO_LARGE"), Some("Amount exceeds the maximum"))
    );
    // A reason in words is the message, as an `error` in words is.
    let e = parse(
        402,
        &[],
        r#"{"status": "FAILED", "failureReason": "Insufficient funds"}"#,
    );
    assert_eq!(e.message(), Some("Insufficient funds"));
}

#[test]
fn clerks_long_message_and_the_param_its_meta_names() {
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"message": "is invalid", "long_message": "email_address must be a valid email address.", "code": "form_param_format_invalid", "meta": {"param_name": "email_address"}}], "clerk_trace_id": "3c0b6f3e2a"}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("form_param_format_invalid"),
        Some("email_address must be a valid email address."),
    );
    assert_eq!(e.param(), Some("email_address"));
    assert_eq!(e.request_id(), Some("3c0b6f3e2a"));
}

#[test]
fn a_reason_phrase_error_gives_way_to_the_first_listed_detail() {
    // Juno's (Spring's error attributes, with a list of details).
    let e = parse(
        400,
        &[],
        r#"{"timestamp": "2020-05-05T10:33:20.234Z", "status": 400, "error": "Bad Request", "details": [{"field": "amount", "message": "O valor deve ser maior que zero", "errorCode": "010009"}], "path": "/api-integration/charges"}"#,
    );
    assert_eq!(
        (e.code(), e.message(), e.param()),
        (
            Some("010009"),
            Some("O valor deve ser maior que zero"),
            Some("amount")
        )
    );
    // An error in words keeps its place over the details.
    let e = parse(
        404,
        &[],
        r#"{"error": "Charge not found", "details": [{"message": "id ch_1 is unknown", "errorCode": "E404"}]}"#,
    );
    assert_eq!(e.message(), Some("Charge not found"));
}

#[test]
fn boxs_context_info_lists_the_errors_below_a_reason_phrase() {
    let e = parse(
        400,
        &[],
        r#"{"type": "error", "status": 400, "code": "bad_request", "help_url": "http://developers.box.com/docs/#errors", "message": "Bad Request", "context_info": {"errors": [{"reason": "invalid_parameter", "name": "name", "message": "Invalid value 'a/b'. 'name' contains invalid characters."}]}, "request_id": "abcdef123456"}"#,
    );
    assert_eq!(
        (e.code(), e.message(), e.param(), e.request_id()),
        (
            Some("bad_request"),
            Some("Invalid value 'a/b'. 'name' contains invalid characters."),
            Some("name"),
            Some("abcdef123456")
        )
    );
}

#[test]
fn data_and_messaging_apis_own_error_keys() {
    // Infobip's `requestError.serviceException`.
    let e = parse(
        401,
        &[],
        r#"{"requestError": {"serviceException": {"messageId": "UNAUTHORIZED", "text": "Invalid login details"}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unauthenticated,
        Some("UNAUTHORIZED"),
        Some("Invalid login details"),
    );
    // apilayer's (Fixer's) `info`, below its code and type.
    let e = parse(
        200,
        &[],
        r#"{"success": false, "error": {"code": 101, "type": "missing_access_key", "info": "You have not supplied an API Access Key."}}"#,
    );
    assert_eq!(
        e.message(),
        Some("You have not supplied an API Access Key.")
    );
    // Alpha Vantage's and Financial Modeling Prep's `Error Message`.
    let e = parse(401, &[], r#"{"Error Message": "Invalid API KEY."}"#);
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        None,
        Some("Invalid API KEY."),
    );
}

#[test]
fn a_message_given_in_languages_reads_the_english_one() {
    // Payme's JSON-RPC errors, with a 200.
    let e = parse(
        200,
        &[],
        r#"{"jsonrpc": "2.0", "id": 2032, "error": {"code": -31050, "message": {"ru": "Номер телефона не найден", "uz": "Raqam ro'yhatda yo'q", "en": "Phone number not found"}, "data": "phone"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unknown,
        Some("-31050"),
        Some("Phone number not found"),
    );
    // In a list of errors, with a region, and at the top level.
    let e = parse(
        403,
        &[],
        r#"{"errors": [{"code": "GDPR_HOLD", "message": {"fi": "Sopimus", "en-GB": "Contractual obligation"}}]}"#,
    );
    assert_eq!(e.message(), Some("Contractual obligation"));
    let e = parse(
        400,
        &[],
        r#"{"message": {"ru": "Неверная сумма", "en": "Invalid amount"}}"#,
    );
    assert_eq!(e.message(), Some("Invalid amount"));
    assert_eq!(e.param(), None);
    // With no English, the first language; a map of field to messages still names the field.
    let e = parse(
        400,
        &[],
        r#"{"message": {"de": "Ungültiger Betrag", "fr": "Montant invalide"}}"#,
    );
    assert_eq!(e.message(), Some("Ungültiger Betrag"));
    let e = parse(400, &[], r#"{"message": {"amount": "must be positive"}}"#);
    assert_eq!(
        (e.message(), e.param()),
        (Some("must be positive"), Some("amount"))
    );
    // Synapse's error object in English alone.
    let e = parse(
        409,
        &[],
        r#"{"error": {"en": "Insufficient funds in the node."}, "error_code": "200", "http_code": "409", "success": false}"#,
    );
    assert_eq!(e.message(), Some("Insufficient funds in the node."));
    assert_eq!(e.kind(), ErrorKind::Conflict);
}

#[test]
fn json_rpc_reserved_codes_name_the_kind_of_a_200() {
    let e = parse(
        200,
        &[],
        r#"{"jsonrpc": "2.0", "id": 1, "error": {"code": -32602, "message": "invalid argument 0: hex string has length 2, want 40 for common.Address"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("-32602"),
        Some("invalid argument 0: hex string has length 2, want 40 for common.Address"),
    );
    let e = parse(
        200,
        &[],
        r#"{"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "the method eth_foo does not exist/is not available"}}"#,
    );
    assert_eq!(e.kind(), ErrorKind::NotFound);
}

#[test]
fn a_top_level_status_that_is_a_symbol_is_the_code() {
    // Google Maps' web services answer with a 200 and say what went wrong in `status`.
    let e = parse(
        200,
        &[],
        r#"{"error_message": "You have exceeded your daily request quota for this API.", "results": [], "status": "OVER_QUERY_LIMIT"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("OVER_QUERY_LIMIT"),
        Some("You have exceeded your daily request quota for this API."),
    );
    // A code of the API's own comes first.
    let e = parse(
        400,
        &[],
        r#"{"status": "invalid_request_error", "error_code": "amount_invalid", "error_message": "amount must be positive"}"#,
    );
    assert_eq!(e.code(), Some("amount_invalid"));
    // A state in one word is no code, nor is the name of an HTTP status (Spring's).
    for status in [
        "error",
        "fail",
        "REJECTED",
        "BAD_REQUEST",
        "Unprocessable_Entity",
    ] {
        let body = format!(r#"{{"status": "{status}", "message": "amount must be positive"}}"#);
        let e = parse(422, &[], &body);
        assert_eq!(e.code(), None, "{status}");
        assert_eq!(e.message(), Some("amount must be positive"));
    }
}

#[test]
fn a_squid_page_says_why_in_its_error_block_and_names_the_error_in_its_header() {
    let page = "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<html><head>\n\
        <title>ERROR: The requested URL could not be retrieved</title>\n</head><body id=ERR_CONNECT_FAIL>\n\
        <div id=\"titles\"><h1>ERROR</h1><h2>The requested URL could not be retrieved</h2></div>\n\
        <div id=\"content\"><p>The following error was encountered while trying to retrieve the URL: \
        <a href=\"https://api.example.com/v1/payments\">https://api.example.com/v1/payments</a></p>\n\
        <blockquote id=\"error\">\n<p><b>Connection to 203.0.113.7 failed.</b></p>\n</blockquote>\n\
        <p id=\"sysmsg\">The system returned: <i>(111) Connection refused</i></p></div></body></html>";
    let headers = [
        ("content-type", "text/html;charset=utf-8"),
        ("x-squid-error", "ERR_CONNECT_FAIL 111"),
    ];
    let e = parse(503, &headers, page);
    check(
        &e,
        Format::Html,
        ErrorKind::Unavailable,
        Some("ERR_CONNECT_FAIL"),
        Some("Connection to 203.0.113.7 failed."),
    );
    assert!(e.not_forwarded);
    // With no page, the header is the message; a timeout may have reached the origin.
    let e = parse(504, &[("x-squid-error", "ERR_READ_TIMEOUT 0")], "");
    check(
        &e,
        Format::Empty,
        ErrorKind::Timeout,
        Some("ERR_READ_TIMEOUT"),
        Some("ERR_READ_TIMEOUT 0"),
    );
    assert!(!e.not_forwarded);
    // Linkerd's header, a sentence, names no code.
    let e = parse(503, &[("l5d-proxy-error", "ERR connection refused")], "");
    assert_eq!(e.code(), None);
}

#[test]
fn clicks_error_note_is_the_message() {
    // Click's Merchant API answers with a 200, a negative code and a note.
    let e = parse(
        200,
        &[],
        r#"{"error_code": -5017, "error_note": "Insufficient funds", "invoice_id": 1234567}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unknown,
        Some("-5017"),
        Some("Insufficient funds"),
    );
}

#[test]
fn odata_version_2_gives_its_message_value_and_sap_its_transaction_id() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": "SY/530", "message": {"lang": "en", "value": "Payment amount must be positive"}, "innererror": {"application": {"component_id": "FI-AP", "service_id": "API_PAYMENT_SRV"}, "transactionid": "6A1B2C3D4E5F", "errordetails": [{"code": "FI/123", "message": "Payment amount must be positive", "propertyref": "Amount", "severity": "error"}]}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("SY/530"),
        Some("Payment amount must be positive"),
    );
    assert_eq!(e.request_id(), Some("6A1B2C3D4E5F"));
    // SharePoint's, with a region in the language.
    let e = parse(
        500,
        &[],
        r#"{"error": {"code": "-2130575214, Microsoft.SharePoint.SPException", "message": {"lang": "en-US", "value": "The list item could not be added or updated."}}}"#,
    );
    assert_eq!(
        e.message(),
        Some("The list item could not be added or updated.")
    );
}

#[test]
fn the_mastercard_gateways_cause_explanation_and_support_code() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"cause": "INVALID_REQUEST", "explanation": "Value '0' is invalid. Amount must be greater than zero", "field": "order.amount", "supportCode": "6f1a2b3c4d", "validationType": "INVALID"}, "result": "ERROR"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("INVALID_REQUEST"),
        Some("Value '0' is invalid. Amount must be greater than zero"),
    );
    assert_eq!(e.param(), Some("order.amount"));
    assert_eq!(e.request_id(), Some("6f1a2b3c4d"));
    // Its two causes worth another try name their kind whatever the status.
    let busy = r#"{"error": {"cause": "SERVER_BUSY", "explanation": "The server is busy"}, "result": "ERROR"}"#;
    assert_eq!(parse(500, &[], busy).kind(), ErrorKind::Unavailable);
    let failed = r#"{"error": {"cause": "SERVER_FAILED", "explanation": "Internal failure"}, "result": "ERROR"}"#;
    assert_eq!(parse(200, &[], failed).kind(), ErrorKind::Internal);
    // A cause in words is no code: it is what the error says where it says nothing else.
    let e = parse(
        502,
        &[],
        r#"{"error": {"cause": "Connection refused by the upstream"}}"#,
    );
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("Connection refused by the upstream"));
}

#[test]
fn a_numeric_status_beside_a_numeric_code_repeats_the_http_status() {
    // Patreon's JSON:API errors carry the API's own number in `code` and the HTTP status, as
    // text, in `status`: the code is the number, not the status.
    let e = parse(
        401,
        &[],
        r#"{"errors": [{"code": 1, "code_name": "Unauthorized", "detail": "The server could not verify that you are authorized to access the URL requested.", "id": "b31e1a8f-0000-4000-8000-000000000001", "status": "401", "title": "Unauthorized"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unauthenticated,
        Some("1"),
        Some("The server could not verify that you are authorized to access the URL requested."),
    );
    // Google's symbolic `status` still names the error better than its numeric `code`.
    let google = parse(
        429,
        &[],
        r#"{"error": {"code": 429, "message": "Quota exceeded.", "status": "RESOURCE_EXHAUSTED"}}"#,
    );
    assert_eq!(google.code(), Some("RESOURCE_EXHAUSTED"));
}

#[test]
fn sages_dollar_keys_name_the_code_message_and_field() {
    // Sage Accounting answers with a list of `{$severity, $dataCode, $message, $source}`.
    let e = parse(
        422,
        &[],
        r#"[{"$severity": "error", "$dataCode": "RecordInvalid", "$message": "Contact name can't be blank", "$source": "name"}]"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("RecordInvalid"),
        Some("Contact name can't be blank"),
    );
    assert_eq!(e.param(), Some("name"));
    // An empty `$source` names no field.
    let e = parse(
        401,
        &[],
        r#"[{"$severity": "error", "$dataCode": "AuthorizationFailure", "$message": "No active subscription. (MSE)", "$source": ""}]"#,
    );
    assert_eq!(e.code(), Some("AuthorizationFailure"));
    assert_eq!(e.message(), Some("No active subscription. (MSE)"));
    assert_eq!(e.param(), None);
    // Sage X3's gateway gives the same keys at the top level.
    let e = parse(
        500,
        &[],
        r#"{"$severity": "error", "$dataCode": "InternalServerError", "$message": "Upstream failed", "$source": "Gateway"}"#,
    );
    assert_eq!(e.code(), Some("InternalServerError"));
    assert_eq!(e.message(), Some("Upstream failed"));
}

#[test]
fn error_info_is_the_message_only_where_nothing_else_says_what_went_wrong() {
    // MultiSafepay's `error_info` is its message, beside its numeric `error_code`.
    let e = parse(
        401,
        &[],
        r#"{"success": false, "data": {}, "error_code": 1032, "error_info": "Invalid API key"}"#,
    );
    assert_eq!(e.code(), Some("1032"));
    assert_eq!(e.message(), Some("Invalid API key"));
    // Beside Pipedrive's `error` it only points to the documentation: the error says more.
    let e = parse(
        404,
        &[],
        r#"{"success": false, "error": "Deal not found", "error_info": "Please check developers.pipedrive.com for more information about Pipedrive API.", "data": null, "additional_data": null}"#,
    );
    assert_eq!(e.message(), Some("Deal not found"));
}

#[test]
fn mambus_reason_names_the_error_and_its_source_says_what_broke() {
    // Mambu's API v1, at the top level: a numeric code, a symbolic reason, and the constraint
    // the request broke.
    let e = parse(
        400,
        &[],
        r#"{"errorCode": "4", "errorSource": "Property scheduleSettings.repaymentInstallments may not be null", "errorReason": "INVALID_PARAMETERS"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("INVALID_PARAMETERS"),
        Some("Property scheduleSettings.repaymentInstallments may not be null"),
    );
    // Its API v2 lists the same fields.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"errorCode": 4, "errorSource": "Property scheduleSettings.repaymentInstallments may not be null", "errorReason": "INVALID_PARAMETERS"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("INVALID_PARAMETERS"),
        Some("Property scheduleSettings.repaymentInstallments may not be null"),
    );
    // A reason in words is no code: the number stays.
    let e = parse(
        400,
        &[],
        r#"{"code": 1001, "reason": "the amount is too small", "message": "Invalid amount"}"#,
    );
    assert_eq!(e.code(), Some("1001"));
}

#[test]
fn a_message_code_names_the_error() {
    // Cybrid's errors: the status, a message and its code.
    let e = parse(
        422,
        &[],
        r#"{"status": 422, "error_message": "Invalid parameter: amount must be positive", "message_code": "invalid_parameter"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("invalid_parameter"),
        Some("Invalid parameter: amount must be positive"),
    );
    // Vinted's, beside a numeric code, which names the error only in its table.
    let e = parse(
        401,
        &[],
        r#"{"code": 100, "message": "Jeton d'authentification invalide", "message_code": "invalid_authentication_token"}"#,
    );
    assert_eq!(e.code(), Some("invalid_authentication_token"));
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
}

#[test]
fn vmwares_validation_failures_name_the_field() {
    // VMware Cloud Foundation's APIs list the violations beside their summary.
    let e = parse(
        400,
        &[],
        r#"{"apiErrorCode": 1500, "message": "Validation failed", "httpStatusCode": 400, "validationFailures": [{"failureMessage": "Name must not be empty", "violationPath": "name"}]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("1500"),
        Some("Validation failed"),
    );
    assert_eq!(e.param(), Some("name"));
}

#[test]
fn a_wrapped_error_beside_success_false_is_a_success_false_envelope() {
    // Coinbase Advanced Trade's failed order: `success: false` beside the error it wraps.
    let e = parse(
        200,
        &[],
        r#"{"success": false, "failure_reason": "UNKNOWN_FAILURE_REASON", "order_id": "", "error_response": {"error": "INSUFFICIENT_FUND", "message": "Insufficient balance in source account", "error_details": "", "preview_failure_reason": "PREVIEW_INSUFFICIENT_FUND"}}"#,
    );
    check(
        &e,
        Format::SuccessFalse,
        ErrorKind::Unknown,
        Some("INSUFFICIENT_FUND"),
        Some("Insufficient balance in source account"),
    );
    // Without it, the wrapped error is an error object.
    let e = parse(
        400,
        &[],
        r#"{"error_response": {"error": "INVALID_ARGUMENT", "message": "bad size"}}"#,
    );
    assert_eq!(e.format(), Format::ErrorObject);
}

#[test]
fn cloudpayments_declines_in_its_model() {
    // CloudPayments answers a declined payment with a 200, `Success: false` and the decline in its
    // `Model`: the reason names it where the code only numbers it.
    let e = parse(
        200,
        &[],
        r#"{"Model": {"TransactionId": 504, "ReasonCode": 5051, "CardHolderMessage": "Insufficient funds on the card", "Reason": "InsufficientFunds", "Status": "Declined"}, "Success": false, "Message": null}"#,
    );
    check(
        &e,
        Format::SuccessFalse,
        ErrorKind::PaymentFailed,
        Some("InsufficientFunds"),
        Some("Insufficient funds on the card"),
    );
    // Without a reason, the code is the number.
    let e = parse(
        200,
        &[],
        r#"{"Model": {"ReasonCode": 5041, "CardHolderMessage": "Contact your bank"}, "Success": false}"#,
    );
    assert_eq!(e.code(), Some("5041"));
    assert_eq!(e.message(), Some("Contact your bank"));
    // Its other errors say so in `Message`.
    let e = parse(
        400,
        &[],
        r#"{"Success": false, "Message": "Amount is required"}"#,
    );
    assert_eq!(e.message(), Some("Amount is required"));
}

#[test]
fn vendor_problem_type_names_the_error_over_the_status() {
    // Verifone's errors carry a problem's `title` and `type`, but the type is its own category and
    // the sentence is in `message`; the code only repeats the status.
    let e = parse(
        400,
        &[],
        r#"{"code": "400", "title": "Bad Request", "message": "amount must be greater than zero", "type": "INVALID_REQUEST_ERROR", "param": "amount", "timestamp": "2024-05-01T10:00:00Z"}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("INVALID_REQUEST_ERROR"),
        Some("amount must be greater than zero"),
    );
    assert_eq!(e.param(), Some("amount"));
    // A code of its own is kept.
    let e = parse(
        402,
        &[],
        r#"{"code": "card_declined", "title": "Payment Required", "message": "The card was declined", "type": "CARD_ERROR"}"#,
    );
    assert_eq!(e.code(), Some("card_declined"));
    // A type URI's last segment does not replace a code equal to the status (Cloudflare's).
    let e = parse(
        522,
        &[],
        r#"{"type": "https://developers.cloudflare.com/support/troubleshooting/http-status-codes/cloudflare-5xx-errors/error-522/", "title": "Error 522: Connection timed out", "status": 522, "detail": "Cloudflare could not connect to the origin.", "error_code": 522}"#,
    );
    assert_eq!(e.code(), Some("522"));
    // A title that is only the reason phrase still wins over a message that is only a key
    // (JHipster's `error.http.400`).
    let e = parse(
        400,
        &[],
        r#"{"type": "https://www.jhipster.tech/problem/problem-with-message", "title": "Bad Request", "status": 400, "message": "error.http.400"}"#,
    );
    assert_eq!(e.message(), Some("Bad Request"));
}

#[test]
fn null_member_does_not_make_an_error_object_a_map_of_fields() {
    // Spring Data REST nests its causes, the innermost with `"cause": null`: the object is one
    // error, not a map whose `message` field is at fault.
    let e = parse(
        409,
        &[],
        r#"{"cause": {"cause": null, "message": "could not execute statement"}, "message": "could not execute statement; constraint [uk_email]"}"#,
    );
    assert_eq!(e.param(), None);
    assert_eq!(
        e.message(),
        Some("could not execute statement; constraint [uk_email]")
    );
    // A map of field to messages still names its field past a null one.
    let e = parse(
        422,
        &[],
        r#"{"message": "Invalid", "errors": {"note": null, "amount": ["must be positive"]}}"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn abp_validation_errors_name_their_members() {
    // ABP Framework's validation errors list the members at fault.
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": null, "message": "Your request is not valid!", "details": "The following errors were detected during validation.\r\n - The Name field is required.\r\n", "data": {}, "validationErrors": [{"message": "The Name field is required.", "members": ["name"]}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        None,
        Some("Your request is not valid!"),
    );
    assert_eq!(e.param(), Some("name"));
}

#[test]
fn error_wrapped_in_an_exception_object() {
    // An `exception` object holds the error where nothing above it does (Volt's earlier API),
    // with its list of causes in `errorList`.
    let e = parse(
        422,
        &[],
        r#"{"exception": {"code": 422, "message": "Validation failed", "errorList": [{"propertyPath": "amount", "message": "This value should be greater than 0."}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("422"),
        Some("Validation failed"),
    );
    assert_eq!(e.param(), Some("amount"));
    // Laravel's `exception` is a class name beside the message; Slim's a list of frames.
    let e = parse(
        500,
        &[],
        r#"{"message": "Call to a member function charge() on null", "exception": "Error", "file": "/app/PaymentController.php", "line": 42}"#,
    );
    assert_eq!(e.format(), Format::Message);
    assert_eq!(
        e.message(),
        Some("Call to a member function charge() on null")
    );
    let e = parse(
        404,
        &[],
        r#"{"message": "404 Not Found", "exception": [{"type": "Slim\\Exception\\HttpNotFoundException", "code": 404, "message": "Not found."}]}"#,
    );
    assert_eq!(e.message(), Some("404 Not Found"));
}

#[test]
fn json_string_body_is_the_message_unquoted() {
    // ASP.NET's `BadRequest("..")` and Express's `res.json("..")` send a bare JSON string.
    let e = parse(400, &[], r#"  "Amount \u00e9 must be \"positive\""  "#);
    assert_eq!(e.format(), Format::Json);
    assert_eq!(e.message(), Some(r#"Amount é must be "positive""#));
    // A quoted word followed by more text is text, whole.
    let e = parse(400, &[], r#""Error" in module payments"#);
    assert_eq!(e.format(), Format::Text);
    assert_eq!(e.message(), Some(r#""Error" in module payments"#));
}

#[test]
fn couchdb_reason_word_is_the_message_beside_its_error_symbol() {
    // CouchDB's `error` is the code and its `reason` says why, in a word or a sentence.
    let e = parse(404, &[], r#"{"error": "not_found", "reason": "missing"}"#);
    assert_eq!(e.kind(), ErrorKind::NotFound);
    assert_eq!(e.code(), Some("not_found"));
    assert_eq!(e.message(), Some("missing"));
    let e = parse(
        409,
        &[],
        r#"{"error": "conflict", "reason": "Document update conflict."}"#,
    );
    assert_eq!(e.code(), Some("conflict"));
    assert_eq!(e.message(), Some("Document update conflict."));
    // A symbolic reason is still the code (Mambu's `errorReason`).
    let e = parse(
        400,
        &[],
        r#"{"errorCode": "4", "errorReason": "INVALID_PARAMETERS"}"#,
    );
    assert_eq!(e.code(), Some("INVALID_PARAMETERS"));
}

#[test]
fn elasticsearch_exception_type_is_the_code() {
    // Elasticsearch (and OpenSearch) name the error by its snake-cased exception class.
    let e = parse(
        404,
        &[],
        r#"{"error": {"root_cause": [{"type": "index_not_found_exception", "reason": "no such index [payments]"}], "type": "index_not_found_exception", "reason": "no such index [payments]", "index": "payments"}, "status": 404}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::NotFound,
        Some("index_not_found_exception"),
        Some("no such index [payments]"),
    );
    // A category that is no class stays the type (Stripe's `card_error`).
    let e = parse(
        402,
        &[],
        r#"{"error": {"type": "card_error", "message": "Your card was declined."}}"#,
    );
    assert_eq!(e.code(), None);
}

#[test]
fn error_wrapped_below_a_code_that_only_repeats_the_status() {
    // Clearent's `code` is the HTTP status; the error is in its `payload`, wrapped once more, with
    // hyphenated keys.
    let e = parse(
        402,
        &[],
        r#"{"code": "402", "status": "fail", "exchange-id": "ID-cgw01-58790-0-1169", "payload": {"transaction": {"amount": "3.33", "result": "INVALID_REQUEST", "result-code": "018"}, "error": {"error-message": "INVALID_REQUEST SYSTEM_ERROR_OTHER HPP Request", "result-code": "073"}, "payloadType": "error"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::PaymentFailed,
        Some("073"),
        Some("INVALID_REQUEST SYSTEM_ERROR_OTHER HPP Request"),
    );
    assert_eq!(e.request_id(), Some("ID-cgw01-58790-0-1169"));
    // PayFast's `data` says it in `response`, beside a `message` that is `false`.
    let e = parse(
        400,
        &[],
        r#"{"code": 400, "status": "failed", "data": {"response": "Merchant authorization failed.", "message": false}}"#,
    );
    assert_eq!(e.message(), Some("Merchant authorization failed."));
    assert_eq!(e.param(), None);
    // A code of the API's own still keeps the top level's reading.
    let e = parse(
        400,
        &[],
        r#"{"code": "E042", "message": "Invalid amount", "data": {"amount": "must be positive"}}"#,
    );
    assert_eq!(e.code(), Some("E042"));
    assert_eq!(e.message(), Some("Invalid amount"));
}

#[test]
fn joi_path_in_a_list_of_errors_names_the_param() {
    // Joi's details, as Xendit and many Express APIs send them: the path is a list of keys.
    let e = parse(
        400,
        &[],
        r#"{"error_code": "API_VALIDATION_ERROR", "message": "There was an error with the format submitted to the server.", "errors": [{"message": "\"amount\" must be a number", "path": ["amount"], "type": "number.base", "context": {"label": "amount", "key": "amount"}}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("API_VALIDATION_ERROR"),
        Some("There was an error with the format submitted to the server."),
    );
    assert_eq!(e.param(), Some("amount"));
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"message": "\"price\" is required", "path": ["items", 0, "price"], "type": "any.required"}]}"#,
    );
    assert_eq!(e.param(), Some("items.0.price"));
    assert_eq!(e.message(), Some("\"price\" is required"));
    // GraphQL's path is where in the response the error lies: an error with `locations` (a
    // request error, which has no `data`) or `extensions` names no field.
    for body in [
        r#"{"errors": [{"message": "Syntax Error", "locations": [{"line": 1, "column": 2}], "path": ["payment"]}]}"#,
        r#"{"errors": [{"message": "Declined", "path": ["charge"], "extensions": {"code": "DECLINED"}}]}"#,
    ] {
        assert_eq!(parse(400, &[], body).param(), None, "{body}");
    }
}

#[test]
fn hapi_and_celebrate_validation_name_the_param() {
    // hapi's Boom answer to a failed validation names the keys at fault.
    let e = parse(
        400,
        &[],
        r#"{"statusCode": 400, "error": "Bad Request", "message": "Invalid request payload input", "validation": {"source": "payload", "keys": ["amount"]}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        None,
        Some("Invalid request payload input"),
    );
    assert_eq!(e.param(), Some("amount"));
    // celebrate's keys them by the part of the request, each with its first failure's message.
    let e = parse(
        400,
        &[],
        r#"{"statusCode": 400, "error": "Bad Request", "message": "Validation failed", "validation": {"body": {"source": "body", "keys": ["customer.email"], "message": "\"customer.email\" must be a valid email"}}}"#,
    );
    assert_eq!(e.param(), Some("customer.email"));
    assert_eq!(e.message(), Some("Validation failed"));
    // A `validation` that is no such object says nothing.
    assert_eq!(
        parse(400, &[], r#"{"message": "Bad", "validation": "failed"}"#).param(),
        None
    );
}

#[test]
fn a_top_level_source_names_the_param() {
    // Airwallex names the request parameter at fault in `source`.
    let e = parse(
        400,
        &[],
        r#"{"code": "validation_error", "source": "merchant_order_id", "message": "merchant_order_id must be provided", "trace_id": "e9afc11e3032ebaa4d4c9080ae77b232"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("validation_error"),
        Some("merchant_order_id must be provided"),
    );
    assert_eq!(e.param(), Some("merchant_order_id"));
    assert_eq!(e.request_id(), Some("e9afc11e3032ebaa4d4c9080ae77b232"));
    for (body, param) in [
        (
            r#"{"code": "invalid_argument", "message": "Type should be one of BRN, EIN.", "source": "individual.employers[0].business_identifiers[0].type"}"#,
            Some("individual.employers[0].business_identifiers[0].type"),
        ),
        // A JSON:API error object sent alone.
        (
            r#"{"status": "422", "detail": "must be positive", "source": {"pointer": "/data/attributes/amount"}}"#,
            Some("amount"),
        ),
        // A sentence or a URL is no field.
        (
            r#"{"message": "Bad input", "source": "the card issuer"}"#,
            None,
        ),
        (
            r#"{"message": "Bad input", "source": "/v1/payments"}"#,
            None,
        ),
        // The party the error came from: Nets's, Razorpay's origins.
        (
            r#"{"message": "Unknown error", "code": "1001", "source": "Internal"}"#,
            None,
        ),
        (
            r#"{"message": "Payment failed", "source": "customer"}"#,
            None,
        ),
    ] {
        assert_eq!(parse(400, &[], body).param(), param, "{body}");
    }
}

#[test]
fn a_dotted_source_pointer_drops_the_attributes_it_lies_in() {
    // PayMongo's pointer is a dotted path into the resource's attributes.
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"code": "parameter_below_minimum", "detail": "amount must be at least 2000.", "source": {"pointer": "attributes.amount", "attribute": "amount"}}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    assert_eq!(e.code(), Some("parameter_below_minimum"));
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"detail": "is required", "source": {"pointer": "data.attributes.billing.email"}}]}"#,
    );
    assert_eq!(e.param(), Some("billing.email"));
}

#[test]
fn a_sentence_in_response_beside_a_status_is_the_message() {
    // Hyperliquid's exchange endpoint.
    let e = parse(
        400,
        &[],
        r#"{"status": "err", "response": "Insufficient margin to place order."}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        None,
        Some("Insufficient margin to place order."),
    );
    let e = parse(
        500,
        &[],
        r#"{"status": "error", "result": "Order book is rebuilding, try again"}"#,
    );
    assert_eq!(e.message(), Some("Order book is rebuilding, try again"));
    // A message of the body's own stays; a result without a status may be a payload.
    let e = parse(
        400,
        &[],
        r#"{"status": "error", "message": "Invalid key", "response": "Nothing was done here"}"#,
    );
    assert_eq!(e.message(), Some("Invalid key"));
    let e = parse(400, &[], r#"{"result": "Payment pay_1 created"}"#);
    assert_eq!(e.format(), Format::Json);
    // Etherscan's failed status without its message.
    let e = parse(
        200,
        &[],
        r#"{"status": "0", "result": "Max rate limit reached"}"#,
    );
    assert_eq!(e.message(), Some("Max rate limit reached"));
    for body in [
        r#"{"status": "ok", "response": "Order placed at 100.5"}"#,
        r#"{"status": true, "response": "Order placed at 100.5"}"#,
        r#"{"status": 200, "result": "Order placed at 100.5"}"#,
    ] {
        assert_eq!(parse(400, &[], body).format(), Format::Json, "{body}");
    }
    let e = parse(
        400,
        &[],
        r#"{"status": false, "response": "Amount is below the minimum"}"#,
    );
    assert_eq!(e.message(), Some("Amount is below the minimum"));
}

#[test]
fn an_error_message_that_maps_fields_to_messages_names_the_param() {
    let e = parse(
        400,
        &[],
        r#"{"error": {"message": {"amount": "Amount must be an integer greater than or equal to 50"}, "type": "invalid_request_error"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        None,
        Some("Amount must be an integer greater than or equal to 50"),
    );
    assert_eq!(e.param(), Some("amount"));
    let e = parse(
        422,
        &[],
        r#"{"error": {"code": "validation", "message": {"card": {"number": ["is invalid"]}}}}"#,
    );
    assert_eq!(e.message(), Some("is invalid"));
    assert_eq!(e.param(), Some("card.number"));
    // A translated message names no field, and an object of an error's own members is no map.
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": -31050, "message": {"ru": "Неверная сумма", "en": "Invalid amount"}}}"#,
    );
    assert_eq!((e.message(), e.param()), (Some("Invalid amount"), None));
    let e = parse(
        400,
        &[],
        r#"{"error": {"message": {"code": "E12", "text": "Bad amount"}}}"#,
    );
    assert_eq!(e.param(), None);
}

#[test]
fn a_field_given_as_a_json_pointer_is_read_as_one() {
    // WeChat Pay's API v3 points at the field in `detail`.
    let e = parse(
        400,
        &[("request-id", "08F78BB5AF0610D302")],
        r#"{"code": "PARAM_ERROR", "message": "参数错误", "detail": {"field": "/amount/currency", "value": "XYZ", "issue": "Currency code is invalid", "location": "body"}}"#,
    );
    check(
        &e,
        Format::Detail,
        ErrorKind::InvalidRequest,
        Some("PARAM_ERROR"),
        Some("参数错误"),
    );
    assert_eq!(e.param(), Some("amount.currency"));
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"field": "/data/attributes/amount", "message": "must be positive"}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    // A field's own name stays as it is.
    let e = parse(
        422,
        &[],
        r#"{"errors": [{"field": "card.number", "message": "is invalid"}]}"#,
    );
    assert_eq!(e.param(), Some("card.number"));
}

#[test]
fn a_form_encoded_error_is_read_as_its_fields() {
    // GitHub's OAuth token endpoint answers in the request's encoding.
    let e = parse(
        400,
        &[("content-type", "application/x-www-form-urlencoded")],
        "error=bad_verification_code&error_description=The+code+passed+is+incorrect+or+expired.\
         &error_uri=https%3A%2F%2Fdocs.github.com%2Fapps",
    );
    check(
        &e,
        Format::Form,
        ErrorKind::InvalidRequest,
        Some("bad_verification_code"),
        Some("The code passed is incorrect or expired."),
    );
    // The code still decides the kind: OAuth's `slow_down` is a rate limit.
    let e = parse(
        400,
        &[],
        "error=slow_down&error_description=Polling+too+fast",
    );
    check(
        &e,
        Format::Form,
        ErrorKind::RateLimited,
        Some("slow_down"),
        Some("Polling too fast"),
    );
    // Text with an `=` in it stays text.
    let e = parse(
        500,
        &[("content-type", "text/plain")],
        "error = database down",
    );
    check(
        &e,
        Format::Text,
        ErrorKind::Internal,
        None,
        Some("error = database down"),
    );
}

#[test]
fn twirps_argument_names_the_param() {
    let e = parse(
        400,
        &[],
        r#"{"code": "invalid_argument", "msg": "amount is required", "meta": {"argument": "amount", "request_id": "req_1"}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("invalid_argument"),
        Some("amount is required"),
    );
    assert_eq!(e.param(), Some("amount"));
    assert_eq!(e.request_id(), Some("req_1"));
    // Other metadata names no field.
    let e = parse(
        404,
        &[],
        r#"{"code": "bad_route", "msg": "no handler", "meta": {"twirp_invalid_route": "POST /twirp/x.Y/Z"}}"#,
    );
    assert_eq!(e.param(), None);
}

#[test]
fn fastifys_validation_message_names_the_param() {
    let fastify = |message: &str| {
        let body = serde_json::json!({"statusCode": 400, "code": "FST_ERR_VALIDATION",
            "error": "Bad Request", "message": message});
        parse(400, &[], &body.to_string())
    };
    for (message, param) in [
        ("body/amount must be >= 1", Some("amount")),
        ("body/items/0/price must be number", Some("items.0.price")),
        ("querystring/limit must be <= 100", Some("limit")),
        ("body must have required property 'amount'", Some("amount")),
        (
            "body/card must have required property 'number'",
            Some("card.number"),
        ),
        // Fastify 3's dotted paths and Ajv 6's wording.
        ("body.amount should be >= 1", Some("amount")),
        (
            "body should have required property 'currency'",
            Some("currency"),
        ),
        // No field, or not Ajv's shape.
        ("body must be object", None),
        ("Invalid amount: body/amount must be >= 1", None),
        ("payload/amount must be >= 1", None),
    ] {
        let e = fastify(message);
        assert_eq!(e.message(), Some(message));
        assert_eq!(e.param(), param, "{message}");
    }
    // A field the body names itself wins.
    let e = parse(
        400,
        &[],
        r#"{"message": "body/amount must be >= 1", "param": "total"}"#,
    );
    assert_eq!(e.param(), Some("total"));
}

#[test]
fn cybersources_rmsg_is_its_message_or_an_oauth_error() {
    // A request whose signature failed.
    let e = parse(
        401,
        &[],
        r#"{"response": {"rmsg": "Authentication Failed"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unauthenticated,
        None,
        Some("Authentication Failed"),
    );
    assert_eq!(e.param(), None);
    // A request whose OAuth token was refused.
    let e = parse(
        401,
        &[],
        r#"{"response": {"rmsg": {"error": "ACCESS_TOKEN_EXPIRED",
            "error_description": "The access token expired"}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unauthenticated,
        Some("ACCESS_TOKEN_EXPIRED"),
        Some("The access token expired"),
    );
    // Wrapped that way under any name; a name alone, with nothing to say of it, is no error.
    let e = parse(
        401,
        &[],
        r#"{"data": {"error": "invalid_token", "error_description": "Token revoked"}}"#,
    );
    assert_eq!(e.code(), Some("invalid_token"));
    assert_eq!(e.message(), Some("Token revoked"));
    let e = parse(400, &[], r#"{"data": {"id": "PAYMENT_LINK"}}"#);
    assert_eq!(e.format(), Format::Json);
    assert_eq!(e.code(), None);
}

#[test]
fn a_bearer_challenge_says_why_a_token_was_refused() {
    // Spring Security's and ASP.NET Core's resource servers: a 401 with no body.
    let challenge = (
        "www-authenticate",
        r#"Bearer error="invalid_token", error_description="The token expired at '11/22/2026 12:00:00'""#,
    );
    let e = parse(401, &[challenge], "");
    check(
        &e,
        Format::Empty,
        ErrorKind::Unauthenticated,
        Some("invalid_token"),
        Some("The token expired at '11/22/2026 12:00:00'"),
    );
    // The body's own code and message come first.
    let e = parse(
        401,
        &[challenge],
        r#"{"error": {"code": "token_expired", "message": "Log in again"}}"#,
    );
    assert_eq!(e.code(), Some("token_expired"));
    assert_eq!(e.message(), Some("Log in again"));
    // A challenge that names no error says nothing.
    let e = parse(401, &[("www-authenticate", r#"Bearer realm="api""#)], "");
    assert_eq!((e.code(), e.message()), (None, None));
}

#[test]
fn a_problem_in_xml_reads_as_one_in_json() {
    // RFC 9457's Appendix B example, as `application/problem+xml`.
    let problem = r#"<?xml version="1.0" encoding="UTF-8"?>
        <problem xmlns="urn:ietf:rfc:7807">
          <type>https://example.com/probs/out-of-credit</type>
          <title>You do not have enough credit.</title>
          <detail>Your current balance is 30, but that costs 50.</detail>
          <instance>https://example.net/account/12345/msgs/abc</instance>
          <balance>30</balance>
        </problem>"#;
    let e = parse(403, &[("content-type", "application/problem+xml")], problem);
    check(
        &e,
        Format::Xml,
        ErrorKind::PermissionDenied,
        Some("out-of-credit"),
        Some("Your current balance is 30, but that costs 50."),
    );
    // With no detail, the title; `about:blank` names no code.
    let e = parse(
        429,
        &[],
        r#"<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type>
            <title>Too Many Requests</title><status>429</status></problem>"#,
    );
    check(
        &e,
        Format::Xml,
        ErrorKind::RateLimited,
        None,
        Some("Too Many Requests"),
    );
}

/// Asserts the field each message names, as NestJS's reply to a request that did not validate.
fn assert_fields_named(cases: &[(&str, Option<&str>)]) {
    for &(message, param) in cases {
        let body = serde_json::json!({"statusCode": 400, "message": message});
        let e = parse(400, &[], &body.to_string());
        assert_eq!(e.message(), Some(message));
        assert_eq!(e.param(), param, "{message}");
    }
}

#[test]
fn a_validation_message_names_the_field_it_starts_with() {
    assert_fields_named(&[
        // class-validator, as NestJS's validation pipe sends it.
        ("amount must be a positive number", Some("amount")),
        ("items.0.price should not be empty", Some("items.0.price")),
        ("each value in tags must be a string", Some("tags")),
        ("property foo should not exist", Some("foo")),
        // Joi's quoted label.
        ("\"amount\" must be a number", Some("amount")),
        ("\"items[0].price\" is required", Some("items[0].price")),
        // Bean Validation's path and message.
        (
            "payment.amount: must be greater than 0",
            Some("payment.amount"),
        ),
        // Hand-written checks of the same shape.
        ("price_amount must be a number", Some("price_amount")),
        (
            "merchantTradeNo is invalid or duplicated",
            Some("merchantTradeNo"),
        ),
        // A word for a field before its name.
        ("Missing required parameter: account_id", Some("account_id")),
        ("Missing required field: currencyCode", Some("currencyCode")),
        ("missing param amount", Some("amount")),
        ("Invalid value for parameter: amount", Some("amount")),
        ("invalid parameter amount", Some("amount")),
        ("Invalid value for accountId", Some("accountId")),
        ("Invalid Mandatory Field {amount}", Some("amount")),
        (
            "Invalid Mandatory Field partnerReferenceNo",
            Some("partnerReferenceNo"),
        ),
        ("Invalid Field Format {amount.value}", Some("amount.value")),
        ("Invalid Field Format amount", Some("amount")),
        ("Field `order_currency` is required", Some("order_currency")),
        ("The parameter 'amount' is required.", Some("amount")),
        (
            "Required request parameter 'amount' for method parameter type String is not present",
            Some("amount"),
        ),
        (
            "Required String parameter 'currency' is not present",
            Some("currency"),
        ),
        (
            "Required parameter 'amount' is not present.",
            Some("amount"),
        ),
        (
            "Required field 'reference' is not provided.",
            Some("reference"),
        ),
        (
            "Required object 'paymentMethod' is not provided.",
            Some("paymentMethod"),
        ),
        (
            "Key: 'Payment.Amount' Error:Field validation for 'Amount' failed on the 'required' tag",
            Some("Amount"),
        ),
        // Sentences that name no field.
        ("Amount must be at least 100", None),
        ("you must provide an amount", None),
        ("request body is required", None),
        ("Invalid API key", None),
        ("Invalid request", None),
        ("Missing amount", None),
        ("Missing required parameters", None),
        ("Invalid Field Format", None),
        ("Invalid {} given", None),
        ("\"Card number\" is required", None),
        ("amount: 100", None),
        ("amount was declined", None),
        ("Fields are required", None),
        ("The request is invalid", None),
        ("Required request body is missing", None),
        ("Required fields missing", None),
    ]);
    // Only a request that did not validate: a conflict names no field.
    let e = parse(
        409,
        &[],
        r#"{"code": "invalid_state", "message": "payment must be captured first"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::InvalidState);
    assert_eq!(e.param(), None);
    let e = parse(401, &[], r#"{"message": "token is invalid"}"#);
    assert_eq!(e.param(), None);
    // A field the body names itself wins.
    let e = parse(
        422,
        &[],
        r#"{"message": "amount must be a positive number", "param": "total"}"#,
    );
    assert_eq!(e.param(), Some("total"));
}

#[test]
fn connects_details_are_read_from_their_debug_json() {
    // Connect sends each detail as protobuf in `value` and, for debugging, as JSON in `debug`.
    let e = parse(
        503,
        &[],
        r#"{"code": "unavailable", "message": "try later", "details": [{"type": "google.rpc.RetryInfo",
            "value": "CgIIHg", "debug": {"retryDelay": "30s"}}]}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unavailable,
        Some("unavailable"),
        Some("try later"),
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    let e = parse(
        400,
        &[],
        r#"{"code": "invalid_argument", "message": "invalid payment", "details": [{"type": "google.rpc.BadRequest",
            "value": "Cg8KBmFtb3VudBIFdG9vIGxvdw", "debug": {"fieldViolations": [{"field": "amount", "description": "too low"}]}}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    // An ErrorInfo's reason, as in Google's JSON.
    let e = parse(
        429,
        &[],
        r#"{"code": 8, "message": "quota exceeded", "details": [{"type": "google.rpc.ErrorInfo",
            "value": "ChNSQVRFX0xJTUlUX0VYQ0VFREVE", "debug": {"reason": "RATE_LIMIT_EXCEEDED", "domain": "example.com"}}]}"#,
    );
    assert_eq!(e.code(), Some("RATE_LIMIT_EXCEEDED"));
    // A `type` of another kind is no ErrorInfo.
    let e = parse(
        400,
        &[],
        r#"{"code": 3, "message": "bad", "details": [{"type": "google.rpc.LocalizedMessage",
            "debug": {"reason": "NOT_A_CODE"}}]}"#,
    );
    assert_ne!(e.code(), Some("NOT_A_CODE"));
}

#[test]
fn an_error_wrapped_in_context_is_read() {
    // Blockchair's: the error is in `context`, beside a `data` of null.
    let e = parse(
        402,
        &[],
        r#"{"data": null, "context": {"code": 402, "error": "Limit exceeded"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::PaymentFailed,
        Some("402"),
        Some("Limit exceeded"),
    );
}

#[test]
fn a_problems_description_says_more_than_a_reason_phrase_title() {
    // Amberdata's: a problem's members, with `description` for `detail`.
    let e = parse(
        429,
        &[],
        r#"{"status": 429, "title": "Too Many Requests", "description": "API rate limit exceeded", "payload": null}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::RateLimited,
        None,
        Some("API rate limit exceeded"),
    );
    // A title of its own still comes first.
    let e = parse(
        400,
        &[],
        r#"{"status": 400, "title": "Amount too low", "description": "See the docs"}"#,
    );
    assert_eq!(e.message(), Some("Amount too low"));
}

#[test]
fn causes_alone_are_the_error() {
    // Zod's `flatten()`, sent as the body: field errors, and errors of the whole form.
    let e = parse(
        400,
        &[],
        r#"{"formErrors": [], "fieldErrors": {"amount": ["Expected number, received string"]}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        None,
        Some("Expected number, received string"),
    );
    assert_eq!(e.param(), Some("amount"));
    let e = parse(
        400,
        &[],
        r#"{"formErrors": ["Unrecognized key(s) in object: 'foo'"], "fieldErrors": {}}"#,
    );
    assert_eq!(e.message(), Some("Unrecognized key(s) in object: 'foo'"));
    assert_eq!(e.param(), None);
    // A map of field to messages under another name of causes.
    let e = parse(422, &[], r#"{"field_errors": {"amount": ["is required"]}}"#);
    assert_eq!(e.message(), Some("is required"));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn an_error_objects_type_names_its_code_where_it_names_one_error() {
    // Unkey's: a problem document nested in `error`.
    let e = parse(
        400,
        &[],
        r#"{"meta": {"requestId": "req_2c9a"}, "error": {"detail": "Property foo is required but is missing.",
            "status": 400, "title": "Bad Request", "type": "https://unkey.com/docs/errors/unkey/application/invalid_input"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("invalid_input"),
        Some("Property foo is required but is missing."),
    );
    // So does a symbol that names one error, not a class of them (Airtable's).
    let e = parse(
        422,
        &[],
        r#"{"error": {"type": "INVALID_REQUEST_UNKNOWN", "message": "Invalid request"}}"#,
    );
    assert_eq!(e.code(), Some("INVALID_REQUEST_UNKNOWN"));
    // A class of errors stays the error's type (here, of a payment that failed), not its code.
    let e = parse(
        402,
        &[],
        r#"{"error": {"type": "card_error", "message": "Declined"}}"#,
    );
    assert_eq!(e.code(), None);
    assert_eq!(e.kind(), ErrorKind::PaymentFailed);
}

#[test]
fn a_listed_issue_names_the_error_its_name_sorts() {
    // PayPal's: `name` is the class of error, each detail's `issue` the error itself.
    let e = parse(
        422,
        &[],
        r#"{"name": "UNPROCESSABLE_ENTITY", "details": [{"issue": "INSTRUMENT_DECLINED",
            "description": "The instrument presented was either declined by the processor or bank."}],
            "message": "The requested action could not be performed, semantically incorrect, or failed business validation.",
            "debug_id": "c9a75b43fc807"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::PaymentFailed,
        Some("INSTRUMENT_DECLINED"),
        Some(
            "The requested action could not be performed, semantically incorrect, or failed business validation.",
        ),
    );
    // An issue in words is no code.
    let e = parse(
        422,
        &[],
        r#"{"name": "UNPROCESSABLE_ENTITY", "message": "Could not be performed.",
            "details": [{"issue": "The amount is too low"}]}"#,
    );
    assert_eq!(e.code(), Some("UNPROCESSABLE_ENTITY"));
}

#[test]
fn dropbox_error_summary_is_the_message() {
    // Its `error` is a tagged union, with the wait of a rate limit in it.
    let e = parse(
        429,
        &[],
        r#"{"error_summary": "too_many_requests/..", "error": {"reason": {".tag": "too_many_requests"}, "retry_after": 300}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::RateLimited,
        None,
        Some("too_many_requests/.."),
    );
    assert_eq!(e.retry_after(), Some(Duration::from_secs(300)));
}

#[test]
fn zods_flattened_errors_under_errors_name_the_field_below_the_group() {
    // Next.js's server actions and tRPC's handlers send `flatten()` under `errors`.
    let e = parse(
        400,
        &[],
        r#"{"errors": {"formErrors": [], "fieldErrors": {"amount": ["Expected number, received string"]}}}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        None,
        Some("Expected number, received string"),
    );
    assert_eq!(e.param(), Some("amount"));
    // The errors of the whole form name no field.
    let e = parse(
        400,
        &[],
        r#"{"errors": {"formErrors": ["Unrecognized key(s) in object: 'foo'"], "fieldErrors": {}}}"#,
    );
    assert_eq!(e.message(), Some("Unrecognized key(s) in object: 'foo'"));
    assert_eq!(e.param(), None);
}

#[test]
fn a_field_and_a_colon_before_a_sentence_name_the_field() {
    assert_fields_named(&[
        // Asana's, Symfony's, hand-written checks'.
        ("workspace: Missing input", Some("workspace")),
        ("project: Not a recognized ID: 1234", Some("project")),
        ("amount: This value should not be blank.", Some("amount")),
        ("currency: required", Some("currency")),
        // A label, or a sentence that says no field failed to validate.
        ("error: invalid request", None),
        ("validation: Missing amount", None),
        ("amount: Declined by the issuer", None),
    ]);
}

#[test]
fn a_403_that_says_a_frequency_limit_was_exceeded_is_a_throttle() {
    // TronGrid's, which suspends the key for the time it names.
    let e = parse(
        403,
        &[],
        r#"{"Error": "The key exceeds the frequency limit(15), and the query server will suspend the service for 30s"}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(30)));
    // A refusal that names no limit stays one.
    let e = parse(403, &[], r#"{"Error": "The key is suspended"}"#);
    assert_eq!(e.kind(), ErrorKind::PermissionDenied);
    assert_eq!(e.retry_after(), None);
}

#[test]
fn a_status_in_words_is_the_message_where_nothing_else_says() {
    // Galileo's: its code is the HTTP status again.
    let e = parse(
        400,
        &[],
        r#"{"status_code": 400, "status": "Invalid account", "processing_time": 0.02, "echo": {"transaction_id": "123"}, "response_data": {}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        None,
        Some("Invalid account"),
    );
    // A message of its own says more.
    let e = parse(
        400,
        &[],
        r#"{"status": "Request failed", "message": "Amount too low"}"#,
    );
    assert_eq!(e.message(), Some("Amount too low"));
}

#[test]
fn visas_error_response_wraps_its_error() {
    let e = parse(
        400,
        &[],
        r#"{"errorResponse": {"status": "400", "message": "Expected input credential was not present", "reason": "inputValidationError", "details": [{"location": "body", "message": "must be greater than 0"}]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("inputValidationError"),
        Some("Expected input credential was not present"),
    );
}

#[test]
fn trpcs_zod_error_through_superjson_names_the_field_and_its_message() {
    // superjson wraps the error in `json`; the message is Zod's issues as JSON, and `zodError`
    // their `flatten()`.
    let e = parse(
        400,
        &[],
        r#"{"error": {"json": {"message": "[\n  {\n    \"code\": \"too_small\",\n    \"path\": [\n      \"amount\"\n    ],\n    \"message\": \"Number must be greater than or equal to 1\"\n  }\n]", "code": -32600,
            "data": {"code": "BAD_REQUEST", "httpStatus": 400, "path": "payment.create",
            "zodError": {"formErrors": [], "fieldErrors": {"amount": ["Number must be greater than or equal to 1"]}}}}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("BAD_REQUEST"),
        Some("Number must be greater than or equal to 1"),
    );
    assert_eq!(e.param(), Some("amount"));
    // A message in words stays the message.
    let e = parse(
        400,
        &[],
        r#"{"error": {"json": {"message": "Amount too low", "code": -32600, "data": {"code": "BAD_REQUEST",
            "zodError": {"formErrors": [], "fieldErrors": {"amount": ["Too small"]}}}}}}"#,
    );
    assert_eq!(e.message(), Some("Amount too low"));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn an_error_that_is_a_map_of_field_to_messages_names_the_field() {
    // A Laravel validator's errors sent as `error`, and FastSpring's.
    let e = parse(
        422,
        &[],
        r#"{"error": {"amount": ["The amount field is required."], "currency": ["The currency field is required."]}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        None,
        Some("The amount field is required."),
    );
    assert_eq!(e.param(), Some("amount"));
    let e = parse(
        400,
        &[],
        r#"{"action": "order.create", "result": "error", "error": {"product": "Product not found"}}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("Product not found"), Some("product"))
    );
    // A stack trace, or a value that is one word, is no field's message.
    for body in [
        r#"{"error": {"stack": "Error: boom\n    at charge (index.js:1:1)"}}"#,
        r#"{"error": {"foo_bar": "BAZ"}}"#,
    ] {
        let e = parse(500, &[], body);
        assert_eq!(e.param(), None, "{body}");
        assert_eq!(e.format(), Format::Json, "{body}");
    }
}

#[test]
fn hugging_faces_model_loading_says_how_long_it_expects() {
    let e = parse(
        503,
        &[],
        r#"{"error": "Model bigscience/bloom is currently loading", "estimated_time": 20.0}"#,
    );
    assert_eq!(e.kind(), ErrorKind::Unavailable);
    assert_eq!(e.retry_after(), Some(Duration::from_secs(20)));
}

#[test]
fn a_detail_objects_symbolic_status_is_its_code() {
    // ElevenLabs's.
    let e = parse(
        429,
        &[],
        r#"{"detail": {"status": "too_many_concurrent_requests", "message": "Too many concurrent requests for your subscription."}}"#,
    );
    check(
        &e,
        Format::Detail,
        ErrorKind::RateLimited,
        Some("too_many_concurrent_requests"),
        Some("Too many concurrent requests for your subscription."),
    );
    // A state is no code.
    let e = parse(
        400,
        &[],
        r#"{"detail": {"status": "error", "message": "Invalid voice id"}}"#,
    );
    assert_eq!(e.code(), None);
}

#[test]
fn a_code_at_the_top_takes_its_text_from_data() {
    // Mercuryo's.
    let e = parse(
        400,
        &[],
        r#"{"status": 400, "code": 400001, "data": {"message": "Amount is too small"}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("400001"),
        Some("Amount is too small"),
    );
    // A payload in `data` says nothing.
    let e = parse(
        400,
        &[],
        r#"{"code": 400001, "data": {"id": "pay_1", "state": "new"}}"#,
    );
    assert_eq!(e.message(), None);
}

#[test]
fn a_label_before_a_validation_message_is_read_past() {
    assert_fields_named(&[
        ("Validation error: address is required", Some("address")),
        ("Validation failed: amount must be positive", Some("amount")),
        (
            "ValidationError: \"currency\" is required",
            Some("currency"),
        ),
        ("Bad Request: amount is required", Some("amount")),
        ("Invalid input: missing param amount", Some("amount")),
        // Mongoose's, which names the path again after it.
        (
            "Payment validation failed: amount: Path `amount` is required., currency: Path `currency` is required.",
            Some("amount"),
        ),
        ("Path `amount` is required.", Some("amount")),
        // A label of another kind, or a sentence after it that names no field.
        ("Note to self: amount is required", None),
        ("Amount too low: amount must be positive", None),
        ("Validation failed: Amount can't be blank", None),
        ("Error: you must provide an amount", None),
        ("Request failed: card declined", None),
    ]);
}

#[test]
fn a_list_of_errors_under_data_is_read() {
    // Basiq's.
    let e = parse(
        400,
        &[],
        r#"{"type": "list", "correlationId": "ac5ah5i", "data": [{"type": "error", "code": "parameter-not-valid",
            "title": "Parameter value is not valid", "detail": "ID value is not valid.", "source": {"parameter": "id"}}]}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::InvalidRequest,
        Some("parameter-not-valid"),
        Some("ID value is not valid."),
    );
    assert_eq!(e.param(), Some("id"));
    assert_eq!(e.request_id(), Some("ac5ah5i"));
    // A list of payloads is no error: the body stays the message.
    let body = r#"{"data": [{"id": "pay_1", "status": "failed"}]}"#;
    let e = parse(400, &[], body);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some(body));
}

#[test]
fn an_error_class_is_the_code() {
    // Salt Edge's, at the top in its v5 and in its error object since.
    let e = parse(
        404,
        &[],
        r#"{"error": {"class": "ClientNotFound", "message": "Client with id: '123' was not found.",
            "documentation_url": "https://docs.saltedge.com/v6/#errors"}, "request": {}}"#,
    );
    assert_eq!(e.code(), Some("ClientNotFound"));
    assert_eq!(e.message(), Some("Client with id: '123' was not found."));
    let e = parse(
        400,
        &[],
        r#"{"error_class": "WrongRequestFormat", "error_message": "Request body is not a valid JSON.", "request": {}}"#,
    );
    assert_eq!(e.code(), Some("WrongRequestFormat"));
    assert_eq!(e.message(), Some("Request body is not a valid JSON."));
}

#[test]
fn servicestack_response_status_is_read_in_either_case() {
    // ServiceStack's `responseStatus`, camel-cased by default since its v6 and with the C#
    // names before.
    for body in [
        r#"{"responseStatus": {"errorCode": "NotEmpty", "message": "'Amount' must not be empty.",
            "errors": [{"errorCode": "NotEmpty", "fieldName": "Amount", "message": "'Amount' must not be empty."}]}}"#,
        r#"{"ResponseStatus": {"ErrorCode": "NotEmpty", "Message": "'Amount' must not be empty.",
            "Errors": [{"ErrorCode": "NotEmpty", "FieldName": "Amount", "Message": "'Amount' must not be empty."}]}}"#,
    ] {
        let e = parse(400, &[], body);
        check(
            &e,
            Format::ErrorObject,
            ErrorKind::InvalidRequest,
            Some("NotEmpty"),
            Some("'Amount' must not be empty."),
        );
        assert_eq!(e.param(), Some("Amount"), "{body}");
    }
}

#[test]
fn lago_error_details_name_the_field() {
    let e = parse(
        422,
        &[],
        r#"{"status": 422, "error": "Unprocessable Entity", "code": "validation_errors",
            "error_details": {"amount_cents": ["value_is_mandatory"]}}"#,
    );
    assert_eq!(e.code(), Some("validation_errors"));
    assert_eq!(e.param(), Some("amount_cents"));
    assert_eq!(e.message(), Some("value_is_mandatory"));
}

#[test]
fn epayco_text_response_is_the_message() {
    let e = parse(
        200,
        &[],
        r#"{"success": false, "title_response": "Error", "text_response": "Error validating fields",
            "last_action": "validation", "data": {"totalerrores": 1, "errores": []}}"#,
    );
    assert_eq!(e.message(), Some("Error validating fields"));
}

#[test]
fn a_result_in_words_beside_ok_false_is_the_message() {
    // TON Center's.
    let e = parse(
        429,
        &[],
        r#"{"ok": false, "result": "Ratelimit exceed", "code": 429}"#,
    );
    assert_eq!(e.kind(), ErrorKind::RateLimited);
    assert_eq!(e.message(), Some("Ratelimit exceed"));
    let e = parse(
        400,
        &[],
        r#"{"success": false, "result": "Insufficient balance"}"#,
    );
    assert_eq!(e.message(), Some("Insufficient balance"));
    // Beside a request that went through, a result is a payload.
    let e = parse(400, &[], r#"{"ok": true, "result": "Ratelimit exceed"}"#);
    assert_ne!(e.message(), Some("Ratelimit exceed"));
}

#[test]
fn azure_error_code_header_is_the_code_of_a_bodiless_error() {
    // Azure Storage's answer to a `HEAD` for a blob that is not there.
    let e = parse(
        404,
        &[
            ("x-ms-error-code", "BlobNotFound"),
            ("x-ms-request-id", "b3a0c1d2-601e-0003-3d8f-0d2f7c000000"),
        ],
        "",
    );
    check(
        &e,
        Format::Empty,
        ErrorKind::NotFound,
        Some("BlobNotFound"),
        None,
    );
    assert_eq!(e.request_id(), Some("b3a0c1d2-601e-0003-3d8f-0d2f7c000000"));
    let e = parse(503, &[("x-ms-error-code", "ServerBusy")], "");
    assert_eq!(e.kind(), ErrorKind::Unavailable);
    assert_eq!(e.code(), Some("ServerBusy"));
}

#[test]
fn a_framework_body_passed_on_as_the_message_is_read() {
    // Mistral passes FastAPI's body on as its message.
    let e = parse(
        422,
        &[],
        r#"{"object": "error", "message": {"detail": [{"type": "missing", "loc": ["body", "model"],
            "msg": "Field required", "input": {}}]}, "type": "invalid_request_error", "param": null, "code": null}"#,
    );
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
    assert_eq!(e.message(), Some("Field required"));
    assert_eq!(e.param(), Some("model"));
    // A detail in words names no field.
    let e = parse(400, &[], r#"{"message": {"detail": "Invalid model: foo"}}"#);
    assert_eq!(e.message(), Some("Invalid model: foo"));
    assert_eq!(e.param(), None);
}

#[test]
fn a_name_before_a_word_for_a_field_is_the_param() {
    assert_fields_named(&[
        // Laravel's wording, ASP.NET's, Resend's, and Laravel's before version 10.
        ("The amount field is required.", Some("amount")),
        ("The Amount field must be a number.", Some("Amount")),
        ("The `to` field is missing.", Some("to")),
        ("The amount must be greater than 0", Some("amount")),
        ("The currency is invalid.", Some("currency")),
        // Laravel writes `payment_method` as words, which name no one field; nor does a sentence
        // about the request, or one that gives no verdict.
        ("The payment method field is required.", None),
        ("The request must include an amount.", None),
        ("The card was declined.", None),
    ]);
}

#[test]
fn more_spellings_of_the_field_at_fault_are_read() {
    // Vonage's problems spell RFC 9457's `invalid-params` as their own keys are spelt.
    let e = parse(
        422,
        &[],
        r#"{"type": "https://developer.vonage.com/api-errors#invalid-params",
            "title": "Invalid parameters", "detail": "The value of one or more parameters is invalid.",
            "invalid_parameters": [{"name": "to", "reason": "Must be a valid phone number"}]}"#,
    );
    assert_eq!(e.kind(), ErrorKind::InvalidRequest);
    assert_eq!(e.param(), Some("to"));
    // ShipEngine's `field_name`.
    let e = parse(
        400,
        &[],
        r#"{"request_id": "8f1c", "errors": [{"error_source": "shipengine",
            "error_type": "validation", "error_code": "invalid_field_value",
            "message": "Invalid service code", "field_name": "service_code"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("invalid_field_value"),
        Some("Invalid service code"),
    );
    assert_eq!(e.param(), Some("service_code"));
    // Scaleway's `argument_name`.
    let e = parse(
        400,
        &[],
        r#"{"type": "invalid_arguments", "message": "invalid argument(s)",
            "details": [{"argument_name": "amount", "reason": "required"}]}"#,
    );
    assert_eq!(e.message(), Some("invalid argument(s)"));
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_description_beside_a_failed_status_is_the_message() {
    // KeyCDN's.
    let e = parse(
        401,
        &[],
        r#"{"status": "error", "description": "Unauthorized"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::Unauthenticated,
        None,
        Some("Unauthorized"),
    );
    // Beside a status that says nothing failed, a description is whatever the body echoes.
    let e = parse(
        400,
        &[],
        r#"{"status": "ok", "description": "Blue widget"}"#,
    );
    assert_ne!(e.message(), Some("Blue widget"));
}

#[test]
fn lyra_answer_holds_the_error() {
    // Lyra's platforms (PayZen, Izipay) answer a failed call with a 200.
    let e = parse(
        200,
        &[],
        r#"{"webService": "Charge/CreatePayment", "version": "V4", "status": "ERROR",
            "answer": {"errorCode": "INT_902", "errorMessage": "web-service input data validation error",
            "detailedErrorCode": null, "detailedErrorMessage": "amount is invalid",
            "_type": "V4/WebService/WebServiceError"}, "_type": "V4/WebService/Response"}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Unknown,
        Some("INT_902"),
        Some("web-service input data validation error"),
    );
}

#[test]
fn a_name_after_a_label_that_ends_in_a_word_for_a_field_is_the_param() {
    assert_fields_named(&[
        // American Express's, Coinbase Commerce's, and the like.
        (
            "The request is missing required field: card_number",
            Some("card_number"),
        ),
        ("Required parameter missing: name", Some("name")),
        ("Unknown parameter: foo", Some("foo")),
        ("Required fields missing: amount, currency", Some("amount")),
        ("Bad parameter: amount must be positive", Some("amount")),
        // Words that are no name.
        ("Bad parameter: see the documentation", None),
    ]);
    // An error that is not a request that did not validate.
    let e = parse(409, &[], r#"{"message": "Conflicting field: amount"}"#);
    assert_eq!(e.param(), None);
}

#[test]
fn moneygram_offending_fields_name_the_param() {
    let e = parse(
        400,
        &[],
        r#"{"errors": [{"category": "VALIDATION_ERROR", "code": "2007",
            "message": "Invalid request field", "offendingFields": [{"field": "sendAmount.value",
            "message": "must be greater than 0"}]}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("2007"),
        Some("Invalid request field"),
    );
    assert_eq!(e.param(), Some("sendAmount.value"));
}

#[test]
fn a_problem_detail_that_points_to_the_list_yields_to_its_first_error() {
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://tools.ietf.org/html/rfc7231#section-6.5.1",
            "title": "One or more validation errors occurred.", "status": 400,
            "detail": "See errors", "errors": [{"errorCode": "NegativeFiatAmountProvided",
            "errorMessage": "The fiat amount must be positive"}]}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::InvalidRequest,
        Some("NegativeFiatAmountProvided"),
        Some("The fiat amount must be positive"),
    );
    // Without a list to point to, the detail is all there is.
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"title": "Bad request", "status": 400, "detail": "See errors"}"#,
    );
    assert_eq!(e.message(), Some("See errors"));
}

#[test]
fn paysimple_meta_errors_are_the_error() {
    let e = parse(
        500,
        &[],
        r#"{"Meta": {"Errors": {"ErrorCode": "UnexpectedError", "ErrorMessages": [{"Field":
            "Amount", "Message": "Amount must be greater than 0"}], "TraceCode": "8D6D8B723D6DBCB"},
            "HttpStatus": "InternalServerError", "HttpStatusCode": 500, "PagingDetails": null},
            "Response": null}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::Internal,
        Some("UnexpectedError"),
        Some("Amount must be greater than 0"),
    );
    assert_eq!(e.param(), Some("Amount"));
    assert_eq!(e.request_id(), Some("8D6D8B723D6DBCB"));
    // Its 2019 API lists the errors bare.
    let e = parse(
        400,
        &[],
        r#"[{"message": "Amount must be greater than $0.00.", "property_name": "amount",
            "error_type": "validation"}]"#,
    );
    assert_eq!(e.param(), Some("amount"));
}

#[test]
fn a_details_object_gives_the_message_the_top_level_does_not() {
    // PXP's.
    let e = parse(
        400,
        &[],
        r#"{"code": "4018840", "details": {"message": "Merchant id must be 3 characters long"}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("4018840"),
        Some("Merchant id must be 3 characters long"),
    );
    // Nor one that is only the reason phrase.
    let e = parse(
        400,
        &[],
        r#"{"message": "Bad Request", "details": {"msg": "amount must be positive"}}"#,
    );
    assert_eq!(e.message(), Some("amount must be positive"));
    // A message of its own stands.
    let e = parse(
        400,
        &[],
        r#"{"message": "Invalid merchant", "details": {"message": "Merchant id is too short"}}"#,
    );
    assert_eq!(e.message(), Some("Invalid merchant"));
}

#[test]
fn fv_bank_response_errors_say_more_than_its_response_message() {
    let e = parse(
        401,
        &[],
        r#"{"ResponseCode": 401, "ResponseMessage": "Unauthorized", "RequestID":
            "3af1ad70-3e57-11f1-af90-b99d00c047b4", "ResponseErrors": ["Invalid or expired SessionToken"]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::Unauthenticated,
        Some("401"),
        Some("Invalid or expired SessionToken"),
    );
    assert_eq!(e.request_id(), Some("3af1ad70-3e57-11f1-af90-b99d00c047b4"));
}

#[test]
fn tabapay_em_is_the_message_and_ec_the_code() {
    let e = parse(
        400,
        &[],
        r#"{"SC": 400, "EC": "3C3E5000", "EM": "accountID"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("3C3E5000"),
        Some("accountID"),
    );
}

#[test]
fn a_word_at_the_top_yields_to_the_text_in_data() {
    // Payabli's.
    let e = parse(
        400,
        &[],
        r#"{"isSuccess": false, "responseCode": 5001, "responseText": "Error",
            "responseData": {"explanation": "Invalid paypoint entry", "todoAction": "Check the entry"}}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("5001"),
        Some("Invalid paypoint entry"),
    );
    // A sentence at the top stands.
    let e = parse(
        400,
        &[],
        r#"{"responseCode": 5001, "responseText": "Paypoint not found",
            "responseData": {"explanation": "Invalid paypoint entry"}}"#,
    );
    assert_eq!(e.message(), Some("Paypoint not found"));
}

#[test]
fn figma_err_is_its_error() {
    let e = parse(429, &[], r#"{"status": 429, "err": "Rate limit exceeded"}"#);
    check(
        &e,
        Format::ErrorString,
        ErrorKind::RateLimited,
        None,
        Some("Rate limit exceeded"),
    );
}

#[test]
fn a_numeric_error_is_the_code() {
    // Bitkub's: `30` is its rate limit.
    let e = parse(429, &[], r#"{"error": 30}"#);
    check(
        &e,
        Format::Message,
        ErrorKind::RateLimited,
        Some("30"),
        None,
    );
    let e = parse(400, &[], r#"{"error": 18, "result": null}"#);
    assert_eq!(e.code(), Some("18"));
    // `0` says no error, and the status no more than the status does.
    let e = parse(400, &[], r#"{"error": 400, "message": "Invalid amount"}"#);
    assert_eq!(e.code(), None);
    let e = parse(400, &[], r#"{"error": 0, "message": "Invalid amount"}"#);
    assert_eq!(e.code(), None);
    assert_eq!(e.message(), Some("Invalid amount"));
}

#[test]
fn a_top_level_error_id_that_is_a_symbol_is_the_code() {
    // deBridge's: the number is a category in its table, the symbol names the error.
    let e = parse(
        400,
        &[],
        r#"{"errorCode": 1, "errorId": "INCORRECT_AFFILIATE_FEE", "errorMessage": "Affiliate fee percent is too high", "errorPayload": null}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::InvalidRequest,
        Some("INCORRECT_AFFILIATE_FEE"),
        Some("Affiliate fee percent is too high"),
    );
    assert_eq!(e.request_id(), None);
    // An occurrence's id stays the request id, underscore or not.
    let e = parse(
        400,
        &[],
        r#"{"errorCode": 1, "errorId": "err_8f7a6b5c4d3e", "errorMessage": "Bad amount"}"#,
    );
    assert_eq!(e.code(), Some("1"));
    assert_eq!(e.request_id(), Some("err_8f7a6b5c4d3e"));
}

#[test]
fn an_object_of_errors_that_names_its_field_first_is_one_error() {
    // The Pix API's (Brazil's central bank) `violacoes`, sent as one object, not a list.
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://pix.bcb.gov.br/api/v2/error/CobOperacaoInvalida", "title": "Cobrança inválida.", "status": 400,
            "detail": "A requisição que busca alterar ou criar uma cobrança para pagamento imediato não respeita o schema.",
            "violacoes": {"propriedade": "valor.original", "razao": "deve ser positivo"}}"#,
    );
    assert_eq!(e.code(), Some("CobOperacaoInvalida"));
    assert_eq!(e.param(), Some("valor.original"));
    // The same key before a code.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"field": "amount", "code": "too_small"}}"#,
    );
    assert_eq!(e.code(), Some("too_small"));
    assert_eq!(e.param(), Some("amount"));
    // A map of field to messages whose first field happens to be called so stays a map.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"property": ["must be set"], "amount": ["is too large"]}}"#,
    );
    assert_eq!(e.param(), Some("property"));
    assert_eq!(e.message(), Some("must be set"));
    let e = parse(
        422,
        &[],
        r#"{"errors": {"target": "must be a URL", "amount": "is too large"}}"#,
    );
    assert_eq!(e.param(), Some("target"));
    assert_eq!(e.message(), Some("must be a URL"));
    let e = parse(422, &[], r#"{"errors": {"target": "must be a URL"}}"#);
    assert_eq!(e.param(), Some("target"));
    assert_eq!(e.message(), Some("must be a URL"));
}

#[test]
fn an_error_symbol_beside_a_list_yields_the_message_to_it_and_outranks_a_number() {
    // Efí's (Gerencianet's): the description is an error object, which names the field.
    let e = parse(
        400,
        &[],
        r#"{"code": 3500034, "error": "validation_error", "error_description": {"property": "/items/0/value", "message": "O campo value deve ser maior que 0."}}"#,
    );
    check(
        &e,
        Format::ErrorString,
        ErrorKind::InvalidRequest,
        Some("validation_error"),
        Some("O campo value deve ser maior que 0."),
    );
    assert_eq!(e.param(), Some("items.0.value"));
    // Its description in words is OAuth's shape.
    let e = parse(
        400,
        &[],
        r#"{"code": 3500010, "error": "property_does_not_exists", "error_description": "A propriedade [x] informada não existe."}"#,
    );
    assert_eq!(e.code(), Some("property_does_not_exists"));
    assert_eq!(e.message(), Some("A propriedade [x] informada não existe."));
    // The same symbol beside a list of errors, and beside a message (Coinbase Prime's gRPC
    // code 3).
    let e = parse(
        422,
        &[],
        r#"{"error": "validation_failed", "errors": [{"field": "amount", "message": "must be positive"}]}"#,
    );
    assert_eq!(e.code(), Some("validation_failed"));
    assert_eq!(e.message(), Some("must be positive"));
    let e = parse(
        400,
        &[],
        r#"{"message": "Invalid portfolio id", "error": "invalid_argument", "code": 3}"#,
    );
    assert_eq!(e.code(), Some("invalid_argument"));
    assert_eq!(e.message(), Some("Invalid portfolio id"));
}

#[test]
fn a_list_of_error_objects_under_an_unknown_key_names_its_own_field() {
    // Westpac PayWay's 422: the key is a wrapper, the error names the field.
    let e = parse(
        422,
        &[],
        r#"{"data": [{"fieldName": "singleUseTokenId", "message": "Single use token has expired", "fieldValue": "1a2b3c"}]}"#,
    );
    check(
        &e,
        Format::Json,
        ErrorKind::InvalidRequest,
        None,
        Some("Single use token has expired"),
    );
    assert_eq!(e.param(), Some("singleUseTokenId"));
    // Javalin's errors name no field: the key is the field.
    let e = parse(
        400,
        &[],
        r#"{"amount": [{"message": "Amount must be greater than 0", "args": {}, "value": -1}]}"#,
    );
    assert_eq!(e.param(), Some("amount"));
    assert_eq!(e.message(), Some("Amount must be greater than 0"));
}

#[test]
fn contentfuls_sys_id_names_the_error() {
    let e = parse(
        404,
        &[("x-contentful-request-id", "abc-123")],
        r#"{"sys": {"type": "Error", "id": "NotFound"}, "message": "The resource could not be found.", "details": {"type": "Entry", "id": "5KsDBWseXY6QegucYAoacS", "space": "cfexampleapi"}, "requestId": "abc-123"}"#,
    );
    check(
        &e,
        Format::Message,
        ErrorKind::NotFound,
        Some("NotFound"),
        Some("The resource could not be found."),
    );
    assert_eq!(e.request_id(), Some("abc-123"));
    // Below a code of the body's own.
    let e = parse(
        400,
        &[],
        r#"{"code": "bad_query", "sys": {"id": "InvalidQuery"}, "message": "Bad query"}"#,
    );
    assert_eq!(e.code(), Some("bad_query"));
}

#[test]
fn a_debug_id_is_the_request_id() {
    // Coinflow's card decline, as PayPal's `debug_id` is spelt in camel case.
    let e = parse(
        400,
        &[],
        r#"{"msg": "The transaction is suspected of fraud.", "protection": false, "paymentId": "d19f82b2-214e-49cc-9f9b-07398c91cda9", "code": "59", "title": "Suspected Fraud", "debugId": "dbg_8d7f6e5a"}"#,
    );
    assert_eq!(e.request_id(), Some("dbg_8d7f6e5a"));
    assert_eq!(e.code(), Some("59"));
    assert_eq!(e.message(), Some("The transaction is suspected of fraud."));
}

#[test]
fn southeast_and_east_asian_gateways_name_their_codes_and_messages() {
    // (body, code, message): ZaloPay's sub-result names the error below "the transaction
    // failed", in either order; payOS, LianLian, ShopeePay, VNPay and Razer Merchant Services.
    let cases = [
        (
            r#"{"return_code": 2, "return_message": "Giao dịch thất bại", "sub_return_code": -401, "sub_return_message": "Dữ liệu yêu cầu không hợp lệ"}"#,
            "-401",
            "Dữ liệu yêu cầu không hợp lệ",
        ),
        (
            r#"{"sub_return_message": "Dữ liệu yêu cầu không hợp lệ", "sub_return_code": -401, "return_code": 2, "return_message": "Giao dịch thất bại"}"#,
            "-401",
            "Dữ liệu yêu cầu không hợp lệ",
        ),
        (
            r#"{"code": "20", "desc": "Thông tin truyền lên không đúng", "data": null, "signature": null}"#,
            "20",
            "Thông tin truyền lên không đúng",
        ),
        (
            r#"{"ret_code": "1001", "ret_msg": "商户请求签名未通过"}"#,
            "1001",
            "商户请求签名未通过",
        ),
        (
            r#"{"request_id": "a1b2c3", "errcode": -2, "debug_msg": "invalid signature"}"#,
            "-2",
            "invalid signature",
        ),
        (
            r#"{"vnp_ResponseId": "c1d2", "vnp_Command": "querydr", "vnp_ResponseCode": "97", "vnp_Message": "Invalid Checksum"}"#,
            "97",
            "Invalid Checksum",
        ),
        (
            r#"{"StatCode": "11", "StatName": "failed", "ErrorCode": "P13", "ErrorDesc": "Invalid merchant ID"}"#,
            "P13",
            "Invalid merchant ID",
        ),
    ];
    for (body, code, message) in cases {
        let e = parse(400, &[], body);
        assert_eq!(
            (e.code(), e.message()),
            (Some(code), Some(message)),
            "{body}"
        );
    }
    // Grab's `arg` names the field.
    let e = parse(
        400,
        &[],
        r#"{"arg": "currency", "code": 4001, "reason": "invalid_argument", "message": "Currency is not supported"}"#,
    );
    assert_eq!(e.param(), Some("currency"));
    assert_eq!(e.code(), Some("invalid_argument"));
}

#[test]
fn a_list_of_errors_with_no_text_leaves_the_message_to_the_summarys_description() {
    // Infobip's newer envelope: each violation names its property and says what is wrong with it
    // under `violation`; the summary says it in `description`.
    let e = parse(
        400,
        &[],
        r#"{"errorCode": "E400", "description": "Request cannot be processed.", "action": "Check the syntax, violations and adjust the request.", "violations": [{"property": "messages[0].destinations[0].to", "violation": "size must be between 1 and 50"}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("E400"),
        Some("size must be between 1 and 50"),
    );
    assert_eq!(e.param(), Some("messages[0].destinations[0].to"));
    // A listed error that names only its field: the description says what went wrong.
    let e = parse(
        400,
        &[],
        r#"{"description": "Request cannot be processed.", "violations": [{"property": "to"}]}"#,
    );
    assert_eq!(e.message(), Some("Request cannot be processed."));
    assert_eq!(e.param(), Some("to"));
}

#[test]
fn signicats_invalid_params_and_fusionauths_general_errors_are_lists_of_errors() {
    let e = parse(
        400,
        &[("content-type", "application/problem+json")],
        r#"{"type": "https://api.signicat.com/mobileid/core/openapi.json", "title": "Invalid request parameter", "code": "invalid_request_parameter", "status": 400, "detail": "Your request body parameters have failed validation.", "invalidParams": [{"name": "userId", "reason": "userId cannot be null or empty"}]}"#,
    );
    assert_eq!(e.param(), Some("userId"));
    assert_eq!(e.code(), Some("invalid_request_parameter"));
    let e = parse(
        400,
        &[],
        r#"{"generalErrors": [{"code": "[LoginPreventedException]", "message": "Your account has been locked."}]}"#,
    );
    check(
        &e,
        Format::Errors,
        ErrorKind::InvalidRequest,
        Some("[LoginPreventedException]"),
        Some("Your account has been locked."),
    );
    assert_eq!(e.param(), None);
    // An empty `generalErrors` beside the `fieldErrors` leaves the error to the first field's.
    let e = parse(
        400,
        &[],
        r#"{"fieldErrors": {"user.email": [{"code": "[blank]user.email", "message": "You must specify the [user.email] property."}]}, "generalErrors": []}"#,
    );
    assert_eq!(
        (e.param(), e.message()),
        (
            Some("user.email"),
            Some("You must specify the [user.email] property.")
        )
    );
}

#[test]
fn an_error_objects_symbolic_id_outranks_a_numeric_code_and_its_reason_phrase() {
    // Ory Kratos's (and Hydra's, Keto's) error: the HTTP status twice, the error's name in `id`.
    let e = parse(
        401,
        &[],
        r#"{"error": {"id": "session_inactive", "code": 401, "status": "Unauthorized", "reason": "No active session was found in this request.", "message": "request does not have a valid authentication session"}}"#,
    );
    assert_eq!(e.code(), Some("session_inactive"));
    assert_eq!(
        e.message(),
        Some("request does not have a valid authentication session")
    );
    assert_eq!(e.kind(), ErrorKind::Unauthenticated);
    // A JavaScript error's class name, beside the status as its code (Paystand's).
    let e = parse(
        400,
        &[],
        r#"{"error": {"code": 400, "name": "ValidationError", "description": "\"amount\" must be a number", "details": {"path": ["amount"]}}}"#,
    );
    assert_eq!(e.code(), Some("ValidationError"));
    // An occurrence's id is not the error's name: the status still gives the code.
    let e = parse(
        404,
        &[],
        r#"{"error": {"id": "4f3c2a1b-9d8e-4c7b-a6f5-e4d3c2b1a098", "code": 404, "status": "NOT_FOUND", "message": "No such order."}}"#,
    );
    assert_eq!(e.code(), Some("NOT_FOUND"));
}

#[test]
fn a_map_of_field_to_error_objects_in_data_names_the_field() {
    // PocketBase's, under a summary (its `status`, or `code` before v0.23).
    for body in [
        r#"{"status": 400, "message": "Failed to create record.", "data": {"email": {"code": "validation_invalid_email", "message": "Must be a valid email address."}}}"#,
        r#"{"code": 400, "message": "Failed to create record.", "data": {"email": {"code": "validation_required", "message": "Cannot be blank."}, "name": {"code": "validation_required", "message": "Cannot be blank."}}}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!(e.message(), Some("Failed to create record."), "{body}");
        assert_eq!(e.param(), Some("email"), "{body}");
    }
    // A payload's nested object, or a map of codes that are numbers, names no field.
    for body in [
        r#"{"code": "payment_failed", "message": "The payment failed.", "data": {"customer": {"id": "cus_1", "name": "Ada"}}}"#,
        r#"{"code": "payment_failed", "message": "The payment failed.", "data": {"payment": {"code": 51, "message": "Insufficient funds"}}}"#,
    ] {
        assert_eq!(parse(400, &[], body).param(), None, "{body}");
    }
}

#[test]
fn a_details_map_of_field_to_messages_names_the_field() {
    for body in [
        // PayPlug's, Squarespace's, at the top level.
        r#"{"object": "error", "message": "The parameters are invalid.", "details": {"amount": "Ensure this value is greater than or equal to 99."}}"#,
        r#"{"type": "INVALID_REQUEST_ERROR", "subtype": "INVALID_ARGUMENT", "message": "Invalid request", "details": {"amount": ["must be positive"]}, "contextId": "IEBMTAKSBEUMHKNF"}"#,
        // Alloy's, in its error object.
        r#"{"error": {"minor_code": 4002, "type": "Bad Request", "message": "Invalid request data", "details": {"amount": "is required"}}}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!(e.param(), Some("amount"), "{body}");
        assert_ne!(e.message(), None, "{body}");
    }
    // A key of the error's own, a detail that names a kind of error, or a value in one word
    // names no field.
    for body in [
        r#"{"code": "upstream_failed", "message": "Request failed", "details": {"reason": "Connection timed out"}}"#,
        r#"{"message": "Payment requires action", "details": {"applicationError": {"code": "PAYMENT_REQUIRES_ACTION", "description": "3DS required", "data": {}}}}"#,
        r#"{"code": "upstream_failed", "message": "Request failed", "details": {"attempt": "2", "region": "eu"}}"#,
    ] {
        assert_eq!(parse(400, &[], body).param(), None, "{body}");
    }
}

#[test]
fn a_status_that_only_says_the_request_failed_is_no_code() {
    // rippled's (the XRP Ledger's) JSON-RPC answer, wrapped in its `result`, with a 200.
    let e = parse(
        200,
        &[],
        r#"{"result": {"status": "error", "error": "actNotFound", "error_code": 19, "error_message": "Account not found.", "request": {"command": "account_info"}}}"#,
    );
    assert_eq!(e.code(), Some("19"));
    assert_eq!(e.message(), Some("Account not found."));
    // Google's status beside a numeric code still names the error.
    let e = parse(
        503,
        &[],
        r#"{"error": {"code": 503, "status": "UNAVAILABLE", "message": "The service is currently unavailable."}}"#,
    );
    assert_eq!(e.code(), Some("UNAVAILABLE"));
}

#[test]
fn standard_schema_issues_in_data_name_the_field() {
    // oRPC's validation error: its code and message at the top, the issues in `data`.
    let e = parse(
        400,
        &[],
        r#"{"defined": false, "code": "BAD_REQUEST", "status": 400, "message": "Input validation failed", "data": {"issues": [{"message": "Expected number, received string", "path": ["payment", {"key": "amount"}]}]}}"#,
    );
    assert_eq!(e.code(), Some("BAD_REQUEST"));
    assert_eq!(e.message(), Some("Input validation failed"));
    assert_eq!(e.param(), Some("payment.amount"));
}

#[test]
fn i2c_and_interswitch_describe_their_response_code() {
    for (body, code, message) in [
        (
            r#"{"responseCode": "CC_CRD_007", "responseDesc": "Card not found", "transactionId": "9876543210"}"#,
            "CC_CRD_007",
            "Card not found",
        ),
        (
            r#"{"responseCode": "Z1", "responseDescription": "Transaction failed"}"#,
            "Z1",
            "Transaction failed",
        ),
    ] {
        let e = parse(400, &[], body);
        assert_eq!(
            (e.code(), e.message()),
            (Some(code), Some(message)),
            "{body}"
        );
    }
}

#[test]
fn a_bare_type_is_the_code_where_no_code_is_given() {
    for (body, code) in [
        // RevenueCat's v2 API, PortOne's, Scaleway's and Mistral's: the type is all they name.
        (
            r#"{"type": "resource_missing", "message": "Customer not found", "retryable": false, "doc_url": "https://errors.rev.cat/resource-missing"}"#,
            Some("resource_missing"),
        ),
        (
            r#"{"type": "ALREADY_PAID", "message": "Payment has already been paid."}"#,
            Some("ALREADY_PAID"),
        ),
        (
            r#"{"type": "quotas_exceeded", "message": "quota(s) exceeded for this resource", "details": [{"resource": "instances", "quota": 10, "current": 10}]}"#,
            Some("quotas_exceeded"),
        ),
        (
            r#"{"object": "error", "message": "Prompt too large", "type": "invalid_request_error", "param": null, "code": null}"#,
            Some("invalid_request_error"),
        ),
        // A code outranks the type.
        (
            r#"{"type": "invalid_request", "api_error_code": "param_wrong_value", "message": "amount : cannot be negative"}"#,
            Some("param_wrong_value"),
        ),
        // A type that only says the body is an error names nothing.
        (
            r#"{"type": "error", "message": "Something went wrong"}"#,
            None,
        ),
    ] {
        let e = parse(409, &[], body);
        assert_eq!(e.code(), code, "{body}");
    }
}

#[test]
fn a_listed_detail_names_the_error_its_message_says_past_a_status_code() {
    // VMware's network insight API: the top level only restates the status.
    let e = parse(
        400,
        &[],
        r#"{"code": 400, "message": "Bad request", "details": [{"code": 1001, "message": "Invalid entity type", "target": ["entity_type"]}]}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("1001"), Some("Invalid entity type"))
    );
    // A top-level message of its own keeps its code too.
    let e = parse(
        400,
        &[],
        r#"{"code": 400, "message": "The entity could not be created", "details": [{"code": 1001, "message": "Invalid entity type"}]}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("400"), Some("The entity could not be created"))
    );
}

#[test]
fn a_word_after_a_word_for_a_field_may_go_on_with_the_sentence() {
    assert_fields_named(&[
        // A word after a word for a field that goes on with the sentence, or says what about
        // the field is wrong.
        ("Invalid parameters supplied", None),
        ("Missing required parameters in request", None),
        ("Invalid params given", None),
        ("Invalid property name", None),
        ("Invalid parameter combination", None),
        ("Missing required parameter or field", None),
        ("Invalid parameter 'type'", Some("type")),
        ("Invalid field amount", Some("amount")),
    ]);
}

#[test]
fn a_deserializers_message_names_the_field() {
    assert_fields_named(&[
        // The deserializers' own words, as Rust and Go services pass them on: axum's rejection
        // (with serde_path_to_error's path), serde's, Go's encoding/json.
        (
            "Failed to deserialize the JSON body into the target type: missing field `amount` at line 1 column 15",
            Some("amount"),
        ),
        (
            "Failed to deserialize the JSON body into the target type: items[0].price: invalid type: string \"x\", expected u64 at line 1 column 16",
            Some("items[0].price"),
        ),
        (
            "unknown field `amout`, expected one of `amount`, `currency`",
            Some("amout"),
        ),
        (
            "json: cannot unmarshal string into Go struct field Payment.card.number of type int64",
            Some("card.number"),
        ),
        ("json: unknown field \"amout\"", Some("amout")),
        (
            "json: cannot unmarshal array into Go value of type main.Payment",
            None,
        ),
        (
            "Failed to deserialize query string: invalid digit found in string",
            None,
        ),
    ]);
}

#[test]
fn a_message_that_only_restates_the_code_yields_to_the_details() {
    for body in [
        // Kalshi's error object, and the same at the top level.
        r#"{"error": {"code": "invalid_parameters", "message": "invalid parameters", "details": "count must be greater than 0", "service": "exchange"}}"#,
        r#"{"code": "invalid_parameters", "message": "Invalid parameters.", "details": "count must be greater than 0"}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!(e.message(), Some("count must be greater than 0"), "{body}");
    }
    // Empty details say nothing; a message of its own is kept.
    for (body, message) in [
        (
            r#"{"error": {"type": "AUTHENTICATION_ERROR", "error_code": "INVALID_CREDENTIALS", "message": "Invalid credentials", "details": ""}}"#,
            "Invalid credentials",
        ),
        (
            r#"{"error": {"code": "invalid_parameters", "message": "The order count is too low", "details": "count must be greater than 0"}}"#,
            "The order count is too low",
        ),
    ] {
        assert_eq!(parse(400, &[], body).message(), Some(message), "{body}");
    }
}

#[test]
fn odata_v3_names_its_error_object_odata_error() {
    // Azure Table storage's JSON, and SharePoint's REST API, in OData v3's verbose JSON.
    let e = parse(
        404,
        &[("content-type", "application/json;odata=minimalmetadata")],
        r#"{"odata.error": {"code": "ResourceNotFound", "message": {"lang": "en-US", "value": "The specified resource does not exist."}}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::NotFound,
        Some("ResourceNotFound"),
        Some("The specified resource does not exist."),
    );
}

#[test]
fn a_problem_with_dotnets_capitals_is_a_problem() {
    // ASP.NET's ProblemDetails serialized with the C# names, as Newtonsoft does by default.
    let e = parse(
        409,
        &[],
        r#"{"Type": "payment_already_captured", "Title": "Conflict", "Status": 409, "Detail": "Payment pay_1 was already captured", "Instance": "/payments/pay_1"}"#,
    );
    check(
        &e,
        Format::Problem,
        ErrorKind::Conflict,
        Some("payment_already_captured"),
        Some("Payment pay_1 was already captured"),
    );
    let e = parse(
        400,
        &[],
        r#"{"Type": "InvalidMessage", "Detail": "Amount must be positive"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("InvalidMessage"), Some("Amount must be positive"))
    );
    // A `Status` that is an object is no HTTP status (Buckaroo's), and names no field.
    let e = parse(
        400,
        &[],
        r#"{"Key": "A1B2", "Status": {"Code": {"Code": 491, "Description": "Validation failure"}}}"#,
    );
    assert_eq!(e.param(), None);
}

#[test]
fn an_envelope_in_a_lone_wrapper_is_read_inside_it() {
    // The AWS query protocol's error, asked for in JSON: a throttle in a 400.
    let e = parse(
        400,
        &[],
        r#"{"ErrorResponse": {"Error": {"Type": "Sender", "Code": "Throttling", "Message": "Rate exceeded"}, "RequestId": "a1b2"}}"#,
    );
    check(
        &e,
        Format::ErrorObject,
        ErrorKind::RateLimited,
        Some("Throttling"),
        Some("Rate exceeded"),
    );
    assert_eq!(e.request_id(), Some("a1b2"));
    // Tencent Cloud's API 3.0, Elavon Converge's and TSYS TransIT's transaction wrappers.
    for (body, code, message) in [
        (
            r#"{"Response": {"Error": {"Code": "AuthFailure.SignatureFailure", "Message": "The provided credentials could not be validated."}, "RequestId": "ed93"}}"#,
            "AuthFailure.SignatureFailure",
            "The provided credentials could not be validated.",
        ),
        (
            r#"{"txn": {"errorCode": "4000", "errorName": "VID Not Supplied", "errorMessage": "The VID field is missing."}}"#,
            "4000",
            "The VID field is missing.",
        ),
        (
            r#"{"SaleResponse": {"status": "FAIL", "responseCode": "D2020", "responseMessage": "Invalid card number"}}"#,
            "D2020",
            "Invalid card number",
        ),
        // NHN Cloud's: a member that is null (or empty) says nothing beside the wrapper.
        (
            r#"{"header": {"isSuccessful": false, "resultCode": -1004, "resultMessage": "Invalid appKey"}, "body": null, "data": {}}"#,
            "-1004",
            "Invalid appKey",
        ),
    ] {
        let e = parse(400, &[], body);
        assert_eq!(
            (e.code(), e.message()),
            (Some(code), Some(message)),
            "{body}"
        );
    }
}

#[test]
fn a_wrapper_of_no_envelope_is_the_message() {
    // A payload in a wrapper says nothing more for being looked into: the body stays the message.
    let body = r#"{"payment": {"id": "pay_1", "status": "failed"}}"#;
    let e = parse(400, &[], body);
    assert_eq!((e.format(), e.code()), (Format::Json, None));
    assert!(e.message().is_some_and(|m| m.contains("pay_1")), "{e:?}");
    // A wrapper is looked into once: two deep, the body is the message.
    let e = parse(
        400,
        &[],
        r#"{"a": {"b": {"error": {"code": "E1", "message": "Nested"}}}}"#,
    );
    assert_eq!((e.format(), e.code()), (Format::Json, None));
    // Nor is a body of two members a wrapper.
    let e = parse(
        400,
        &[],
        r#"{"txn": {"errorCode": "4000", "errorMessage": "The VID field is missing."}, "id": 7}"#,
    );
    assert_eq!((e.format(), e.code()), (Format::Json, None));
}

#[test]
fn an_error_object_under_message_is_the_error() {
    // Its first key is an error's own member: no map of field to message naming the field `code`.
    let e = parse(
        400,
        &[],
        r#"{"message": {"code": "E12", "text": "Bad amount"}}"#,
    );
    assert_eq!(
        (e.code(), e.message(), e.param()),
        (Some("E12"), Some("Bad amount"), None)
    );
    // A map of field to messages still names its field, though the field's name (GitLab's
    // `name`) is one an error may have.
    let e = parse(400, &[], r#"{"message": {"amount": "must be positive"}}"#);
    assert_eq!(
        (e.message(), e.param()),
        (Some("must be positive"), Some("amount"))
    );
    let e = parse(
        400,
        &[],
        r#"{"message": {"name": ["has already been taken"], "path": ["has already been taken"]}}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("has already been taken"), Some("name"))
    );
}

#[test]
fn an_error_object_that_starts_with_its_type_is_one_error() {
    // The AWS query protocol's members come in the order of its XML: Type, Code, Message.
    for body in [
        r#"{"errors": {"Type": "Sender", "Code": "Throttling", "Message": "Rate exceeded"}}"#,
        r#"{"errorResponse": {"Error": {"Type": "Sender", "Code": "Throttling", "Message": "Rate exceeded"}}}"#,
    ] {
        let e = parse(400, &[], body);
        assert_eq!(
            (e.kind(), e.code(), e.message(), e.param()),
            (
                ErrorKind::RateLimited,
                Some("Throttling"),
                Some("Rate exceeded"),
                None
            ),
            "{body}"
        );
    }
    // A map of field to messages whose first field is `type` still names it.
    let e = parse(
        422,
        &[],
        r#"{"errors": {"type": "is not a card type we accept", "amount": "must be positive"}}"#,
    );
    assert_eq!(
        (e.message(), e.param()),
        (Some("is not a card type we accept"), Some("type"))
    );
}

#[test]
fn a_key_in_pascal_case_is_the_same_key_in_camel_case() {
    // .NET's serializers keep the C# names: `ResultCode` is `resultCode`, `TraceId` `traceId`.
    let e = parse(
        400,
        &[],
        r#"{"ResultCode": 1, "ResultMessage": "Amount is invalid"}"#,
    );
    assert_eq!(
        (e.code(), e.message()),
        (Some("1"), Some("Amount is invalid"))
    );
    let e = parse(
        400,
        &[],
        r#"{"TraceId": "0HMV8T2", "Error": {"Code": "InvalidAmount", "Message": "Invalid amount"}}"#,
    );
    assert_eq!(
        (e.request_id(), e.code()),
        (Some("0HMV8T2"), Some("InvalidAmount"))
    );
    // A capital that is a key of its own keeps its meaning: `Status` only as a number.
    let e = parse(
        400,
        &[],
        r#"{"Status": "Invalid amount", "Message": "Amount is invalid"}"#,
    );
    assert_eq!(e.message(), Some("Amount is invalid"));
    // A long key, or one whose first letter is not ASCII, is looked up as it is.
    let long = format!(
        r#"{{"{}": "x", "Message": "Amount is invalid"}}"#,
        "A".repeat(200)
    );
    assert_eq!(parse(400, &[], &long).message(), Some("Amount is invalid"));
    let e = parse(
        400,
        &[],
        r#"{"Ébauche": "x", "Message": "Amount is invalid"}"#,
    );
    assert_eq!(e.message(), Some("Amount is invalid"));
}
