//! `(status, code) -> ErrorKind`.
//!
//! The status code gives the kind; the provider's code refines it. Codes are compared case- and
//! separator-insensitively: `RATE_LIMIT_EXCEEDED`, `rate_limit_exceeded`, `rate-limit-exceeded` and
//! `RateLimitExceeded` are one code. The table covers every code of the seed APIs (Hilt, Finternet,
//! Halfin, Hixbe, 0xmeta) and the canonical codes of Stripe, Google (AIP-193), OAuth 2.0, Slack, AWS,
//! GraphQL servers, OpenAI and Anthropic; prefix and suffix rules (`*_not_found`, `invalid_*`,
//! `*_exists`, `*_conflict`, `*_expired`) carry it to codes it does not list, and a dotted code is read
//! by its category (`AuthFailure.SignatureFailure`) or its last part (`auth.invalid_token`).
//!
//! The status class limits what a code may say: on a 5xx only the server-side kinds (and
//! `RateLimited`, for S3's `503 SlowDown`) override the status; a 429 stays `RateLimited` unless the
//! code says the account is out of credit (OpenAI's `insufficient_quota`); a 401 stays
//! `Unauthenticated` unless the code says throttled; a status that names its reason (402, 404,
//! 409, 503, ...) keeps it against a code that says only that the request was invalid or that
//! the server failed.

use http::StatusCode;

use crate::ErrorKind;

/// The kind a status code implies on its own.
///
/// ```
/// use http::StatusCode;
/// use reprieve_core::{ErrorKind, kind};
///
/// assert_eq!(kind::from_status(StatusCode::TOO_MANY_REQUESTS), ErrorKind::RateLimited);
/// assert_eq!(kind::from_status(StatusCode::GONE), ErrorKind::Expired);
/// assert_eq!(kind::from_status(StatusCode::OK), ErrorKind::Unknown);
/// ```
pub const fn from_status(status: StatusCode) -> ErrorKind {
    match status.as_u16() {
        401 | 561 => ErrorKind::Unauthenticated,
        402 => ErrorKind::PaymentFailed,
        403 | 451 => ErrorKind::PermissionDenied,
        404 => ErrorKind::NotFound,
        408 | 504 | 522 | 524 | 598 | 599 => ErrorKind::Timeout,
        409 | 423 => ErrorKind::Conflict,
        410 => ErrorKind::Expired,
        412 | 424 => ErrorKind::InvalidState,
        429 => ErrorKind::RateLimited,
        502 | 520 | 521 | 523 | 525 | 526 | 530 => ErrorKind::BadGateway,
        425 | 503 | 508 | 529 => ErrorKind::Unavailable,
        400..=499 => ErrorKind::InvalidRequest,
        500..=599 => ErrorKind::Internal,
        _ => ErrorKind::Unknown,
    }
}

/// The kind a provider's code names, if the table or its rules know it.
///
/// ```
/// use reprieve_core::{ErrorKind, kind};
///
/// assert_eq!(kind::from_code("RATE_LIMIT_EXCEEDED"), Some(ErrorKind::RateLimited));
/// assert_eq!(kind::from_code("rate-limit-exceeded"), Some(ErrorKind::RateLimited));
/// assert_eq!(kind::from_code("ThrottlingException"), Some(ErrorKind::RateLimited));
/// assert_eq!(kind::from_code("invoice_not_found"), Some(ErrorKind::NotFound));
/// assert_eq!(kind::from_code("-32602"), Some(ErrorKind::InvalidRequest));
/// assert_eq!(kind::from_code("frobnicated"), None);
/// ```
pub fn from_code(code: &str) -> Option<ErrorKind> {
    if let Some(kind) = json_rpc(code) {
        return Some(kind);
    }
    let mut buf = [0_u8; MAX_CODE];
    let folded = fold(code, &mut buf)?;
    exact(folded)
        .or_else(|| dotted(code))
        .or_else(|| lookup(folded))
}

/// The kind of a dotted code the table does not list whole. Tencent Cloud's and Alibaba Cloud's
/// name a category and refine it after the dot (`AuthFailure.SignatureFailure`,
/// `ResourceNotFound.InstanceNotExist`, `Forbidden.RAM`): the category is the kind. Others name
/// a namespace and then the error (`auth.invalid_token`, Laravel's `validation.required`).
fn dotted(code: &str) -> Option<ErrorKind> {
    let (category, _) = code.split_once('.')?;
    let (_, last) = code.rsplit_once('.')?;
    [category, last].into_iter().find_map(|part| {
        let mut buf = [0_u8; MAX_CODE];
        lookup(fold(part, &mut buf)?)
    })
}

/// The kinds of the codes JSON-RPC 2.0 defines for itself, which every JSON-RPC API (an Ethereum
/// node's, Payme's) sends alike, mostly with a 200. The rest of its reserved range (`-32000` to
/// `-32099`, "server error") is each server's own: Ethereum nodes send `-32000` for a reverted
/// call and `-32005` for a rate limit.
fn json_rpc(code: &str) -> Option<ErrorKind> {
    match code {
        // A body that is no JSON, a request that is no JSON-RPC call, parameters the method refuses.
        "-32700" | "-32600" | "-32602" => Some(ErrorKind::InvalidRequest),
        "-32601" => Some(ErrorKind::NotFound),
        "-32603" => Some(ErrorKind::Internal),
        _ => None,
    }
}

/// Whether a code (or an error type) says the request's idempotency key is held by a request still
/// running: Stripe's `idempotency_key_in_use`, an `IdempotencyKeyInProgress`, the IETF draft's
/// `concurrent-request`.
pub(crate) fn names_key_in_use(code: &str) -> bool {
    let mut buf = [0_u8; MAX_CODE];
    fold(code, &mut buf).is_some_and(|folded| {
        folded == b"concurrentrequest" || (has(folded, b"idempoten") && is_busy(folded))
    })
}

fn has(code: &[u8], part: &[u8]) -> bool {
    code.windows(part.len()).any(|window| window == part)
}

/// Whether a folded idempotency code says the key is busy rather than reused.
fn is_busy(folded: &[u8]) -> bool {
    has(folded, b"inuse") || has(folded, b"inprogress")
}

/// The kind of a folded code: the table, then the rules. A class name that neither knows
/// (Wyre's `InsufficientFundsException`, a JavaScript `CardDeclinedError`) is looked up again
/// without its suffix.
fn lookup(folded: &[u8]) -> Option<ErrorKind> {
    let known = |code: &[u8]| exact(code).or_else(|| by_rule(code));
    known(folded).or_else(|| {
        let stem = folded
            .strip_suffix(b"exception")
            .or_else(|| folded.strip_suffix(b"error"))
            .filter(|stem| !stem.is_empty())?;
        known(stem)
    })
}

/// The kind for a status and the provider's code (and, failing that, its error type, such as
/// Stripe's `card_error`), with the status class deciding which the code may override.
///
/// ```
/// use http::StatusCode;
/// use reprieve_core::{ErrorKind, kind};
///
/// // Codes refine the status ...
/// assert_eq!(kind::classify(StatusCode::BAD_REQUEST, Some("invalid_state"), None), ErrorKind::InvalidState);
/// assert_eq!(kind::classify(StatusCode::BAD_REQUEST, Some("Throttling"), None), ErrorKind::RateLimited);
/// // ... within the status class.
/// assert_eq!(kind::classify(StatusCode::INTERNAL_SERVER_ERROR, Some("settlement_failed"), None), ErrorKind::Internal);
/// assert_eq!(kind::classify(StatusCode::BAD_REQUEST, Some("settlement_failed"), None), ErrorKind::InvalidState);
/// ```
pub fn classify(status: StatusCode, code: Option<&str>, error_type: Option<&str>) -> ErrorKind {
    let base = from_status(status);
    let named = code
        .and_then(from_code)
        .or_else(|| error_type.and_then(from_type));
    let Some(named) = named else {
        return base;
    };
    // A code that says only what the status class says, that the request was refused
    // (`invalid_request_error`, PayPal's `INVALID_RESOURCE_ID` on a 404, DeepSeek's out-of-balance
    // 402) or that the server failed (OpenAI's `server_error` on an overloaded 503), says less
    // than a status that names the reason.
    let class_kind = match status.as_u16() {
        400..=499 => Some(ErrorKind::InvalidRequest),
        500..=599 => Some(ErrorKind::Internal),
        _ => None,
    };
    if Some(named) == class_kind {
        return base;
    }
    let code_may_override = match status.as_u16() {
        // A JSON-RPC server that answers a call it refused with a 500, as Bitcoin Core does and as
        // the JSON-RPC over HTTP draft has it for invalid parameters, blames the call all the same.
        500..=599 => {
            named.is_server_side()
                || named == ErrorKind::RateLimited
                || code.is_some_and(|code| json_rpc(code).is_some())
        }
        429 => named == ErrorKind::PaymentFailed,
        401 => named == ErrorKind::RateLimited,
        // A request too large to take (413, 414, 431): no code makes the same one go through
        // later, not even a rate limit's (Groq's 413 `rate_limit_exceeded` for a request beyond
        // its per-minute tokens).
        400..=499 => !named.is_server_side() && !matches!(status.as_u16(), 413 | 414 | 431),
        _ => true,
    };
    if code_may_override { named } else { base }
}

/// Codes longer than this are not in any table; they keep the status's kind.
const MAX_CODE: usize = 64;

/// What [`fold`] makes of a byte: the lower-case letter or digit it stands for, [`SEPARATOR`] for
/// a separator it drops, [`HASH`] for the `#` of a namespaced name, [`FOREIGN`] for a byte no code
/// contains.
const FOLD: [u8; 256] = {
    let mut table = [FOREIGN; 256];
    let mut byte = 0;
    while byte < 256 {
        #[allow(clippy::cast_possible_truncation)] // below 256
        let b = byte as u8;
        #[allow(clippy::indexing_slicing)]
        // evaluated at compile time: out of bounds fails the build
        let slot = &mut table[byte];
        *slot = if b.is_ascii_alphanumeric() {
            b.to_ascii_lowercase()
        } else if b.is_ascii_whitespace() || matches!(b, b'_' | b'-' | b'.' | b':' | b'/') {
            SEPARATOR
        } else if b == b'#' {
            HASH
        } else {
            FOREIGN
        };
        byte += 1;
    }
    table
};
const SEPARATOR: u8 = 0;
const HASH: u8 = b'#';
const FOREIGN: u8 = 0xff;

/// Lower-cases `code` and drops separators (`_`, `-`, `.`, whitespace, `:`, `/`), without
/// allocating, in one pass of one table lookup a byte. AWS's namespaced types
/// (`com.amazonaws.dynamodb.v20120810#ThrottlingException`) keep what follows the last `#`, so
/// the namespace may hold anything.
fn fold<'b>(code: &str, buf: &'b mut [u8; MAX_CODE]) -> Option<&'b [u8]> {
    let mut bytes = code.as_bytes().iter();
    let mut len = 0;
    while let Some(&byte) = bytes.next() {
        let folded = FOLD.get(usize::from(byte)).copied().unwrap_or(FOREIGN);
        match folded {
            SEPARATOR => continue,
            HASH => {
                len = 0;
                continue;
            }
            FOREIGN => {}
            _ => {
                if let Some(slot) = buf.get_mut(len) {
                    *slot = folded;
                    len += 1;
                    continue;
                }
            }
        }
        // A byte no code holds, or a name too long for any table: only a later `#` can save it.
        let rest = bytes.as_slice();
        let hash = rest.iter().rposition(|&b| b == b'#')?;
        bytes = rest.get(hash + 1..)?.iter();
        len = 0;
    }
    buf.get(..len).filter(|folded| !folded.is_empty())
}

/// Error *types* (Stripe, Finternet, Anthropic), consulted when the code is unknown. A type the
/// table does not list is read as a code: Plaid's `RATE_LIMIT_EXCEEDED`, Coinbase's `not_found`.
fn from_type(error_type: &str) -> Option<ErrorKind> {
    let mut buf = [0_u8; MAX_CODE];
    let folded = fold(error_type, &mut buf)?;
    match folded {
        b"carderror" => Some(ErrorKind::PaymentFailed),
        b"idempotencyerror" => Some(ErrorKind::IdempotencyMismatch),
        b"ratelimiterror" => Some(ErrorKind::RateLimited),
        b"authenticationerror" => Some(ErrorKind::Unauthenticated),
        b"permissionerror" => Some(ErrorKind::PermissionDenied),
        b"notfounderror" => Some(ErrorKind::NotFound),
        b"invalidrequesterror" => Some(ErrorKind::InvalidRequest),
        b"overloadederror" => Some(ErrorKind::Unavailable),
        b"apierror" | b"apiconnectionerror" => Some(ErrorKind::Internal),
        _ => lookup(folded),
    }
}

#[allow(clippy::too_many_lines)] // a table: one arm per family of codes
fn exact(code: &[u8]) -> Option<ErrorKind> {
    use ErrorKind as K;
    Some(match code {
        // Throttling: 429s, AWS's 400 throttles, Google's RESOURCE_EXHAUSTED, S3's SlowDown, the
        // Google Maps Platform's OVER_QUERY_LIMIT (which Google's own clients retry).
        b"ratelimited"
        | b"ratelimit"
        | b"ratelimitexceeded"
        | b"ratelimiterror"
        | b"ratelimitreached"
        | b"userratelimitexceeded"
        | b"toomanyrequests"
        | b"toomanyrequestsexception"
        | b"throttled"
        | b"throttling"
        | b"throttlingexception"
        | b"throttlingerror"
        | b"requestthrottled"
        | b"requestthrottledexception"
        | b"requestlimitexceeded"
        | b"slowdown"
        | b"resourceexhausted"
        | b"provisionedthroughputexceededexception"
        | b"bandwidthlimitexceeded"
        | b"concurrencylimitexceeded"
        // The rest of the AWS SDKs' throttling codes: Cognito's and API Gateway's
        // `LimitExceededException`, DynamoDB's `TransactionInProgressException`, Route 53's
        // `PriorRequestNotComplete`.
        | b"limitexceededexception"
        | b"transactioninprogressexception"
        | b"priorrequestnotcomplete"
        | b"overquerylimit" => K::RateLimited,

        // Payment failures, and accounts out of credit.
        b"carddeclined"
        | b"insufficientfunds"
        | b"insufficientbalance"
        | b"paymentfailed"
        | b"paymentdeclined"
        | b"declined"
        | b"expiredcard"
        | b"incorrectcvc"
        | b"incorrectnumber"
        | b"invalidcvc"
        | b"invalidexpirymonth"
        | b"invalidexpiryyear"
        | b"invalidcardnumber"
        | b"cardnotsupported"
        | b"processingerror"
        | b"insufficientquota"
        | b"paymentrequired"
        | b"billinghardlimitreached" => K::PaymentFailed,

        // Credentials.
        b"unauthenticated"
        | b"unauthorized"
        | b"authenticationrequired"
        | b"authenticationerror"
        | b"authenticationfailed"
        | b"notauthenticated"
        | b"invalidapikey"
        | b"missingapikey"
        | b"missingauthheader"
        | b"expiredapikey"
        | b"revokedapikey"
        | b"apikeyrevoked"
        | b"invalidtoken"
        | b"invalidaccesstoken"
        | b"tokenexpired"
        | b"expiredtoken"
        | b"tokenrevoked"
        | b"invalidauth"
        // Amazon Pay's; a bad key pair or request signature, as exchanges sign requests.
        | b"invalidauthentication"
        | b"invalidcredentials"
        | b"badcredentials"
        | b"invalidsignature"
        | b"notauthed"
        | b"invalidclient"
        | b"invalidgrant"
        | b"invalidclienttokenid"
        | b"unrecognizedclientexception"
        | b"incompletesignature"
        | b"invalidsignatureexception"
        | b"signaturedoesnotmatch"
        | b"missingauthenticationtoken"
        // S3's and Alibaba Cloud's, for a key the server does not know; Tencent Cloud's category
        // for every failure of a request's key or signature.
        | b"invalidaccesskeyid"
        | b"authfailure"
        // Cognito's, for a wrong password or a token it does not accept, with a 400. Only AWS's
        // class: elsewhere "not authorized" is as often a permission refused.
        | b"notauthorizedexception"
        | b"accountinactive" => K::Unauthenticated,

        // Permissions.
        b"forbidden"
        | b"permissiondenied"
        | b"insufficientpermissions"
        | b"insufficientpermission"
        | b"accessdenied"
        | b"accessdeniedexception"
        | b"insufficientscope"
        | b"missingscope"
        | b"notpermitted"
        | b"unauthorizedclient"
        | b"unauthorizedoperation"
        | b"permissionerror"
        // The Google Maps Platform's, for a key not allowed to call the API.
        | b"requestdenied"
        | b"accountsuspended" => K::PermissionDenied,

        // Missing resources.
        b"notfound"
        | b"resourcemissing"
        | b"resourcenotfound"
        | b"resourcenotfoundexception"
        | b"notfounderror" => K::NotFound,

        // State.
        b"invalidstate"
        | b"invalidstatetransition"
        | b"invalidstatus"
        | b"failedprecondition"
        | b"preconditionfailed"
        | b"incorrectstate"
        | b"invalidtransition"
        | b"unexpectedstate"
        | b"paymentintentunexpectedstate"
        | b"chargealreadycaptured"
        | b"chargealreadyrefunded"
        | b"settlementfailed" => K::InvalidState,

        // Conflicts.
        b"conflict"
        | b"aborted"
        | b"alreadyexists"
        | b"resourcealreadyexists"
        | b"resourceconflict"
        | b"duplicate"
        | b"duplicaterequest"
        | b"idempotencykeyinuse"
        | b"resourceinuse"
        | b"locktimeout" => K::Conflict,

        // Reused idempotency keys.
        b"idempotencymismatch"
        | b"idempotencyerror"
        | b"idempotencykeyreused"
        | b"idempotencykeymismatch"
        | b"idempotencyconflict"
        | b"idempotentparametermismatch"
        | b"idempotentparametermismatchexception" => K::IdempotencyMismatch,

        // Expiry.
        b"expired"
        | b"paymentintentexpired"
        | b"sessionexpired"
        | b"checkoutsessionexpired"
        | b"intentexpired"
        | b"invoiceexpired"
        | b"quoteexpired" => K::Expired,

        // The request itself.
        b"invalidrequest"
        | b"invalidrequesterror"
        | b"badrequest"
        | b"validationerror"
        | b"validationexception"
        | b"validationfailed"
        | b"invalidargument"
        | b"invalidparameter"
        | b"invalidparametervalue"
        | b"parameterinvalid"
        | b"parametermissing"
        | b"missingparameter"
        | b"unknownparameter"
        | b"outofrange"
        | b"unprocessableentity"
        | b"methodnotallowed"
        | b"invalidversion"
        | b"amounttoolarge"
        | b"amounttoosmall"
        | b"verificationfailed"
        | b"signatureverificationfailed"
        | b"baduserinput"
        | b"graphqlvalidationfailed"
        | b"graphqlparsefailed"
        | b"invalidscope" => K::InvalidRequest,

        // Server side.
        b"internal"
        | b"internalerror"
        | b"internalservererror"
        | b"servererror"
        // The Mastercard Gateway's (MPGS's) `error.cause`, beside its `SERVER_BUSY`.
        | b"serverfailed"
        | b"apierror"
        | b"internalfailure"
        | b"unknown"
        | b"dataloss"
        | b"contractexecutionfailed" => K::Internal,
        b"unavailable"
        | b"serviceunavailable"
        | b"serviceunavailableexception"
        | b"temporarilyunavailable"
        | b"gateoffline"
        | b"maintenance"
        | b"overloaded"
        | b"overloadederror"
        | b"serverbusy"
        | b"serviceoverloaded"
        | b"engineoverloaded" => K::Unavailable,
        b"badgateway" | b"upstreamerror" | b"upstreamfailure" | b"gatewayerror" => K::BadGateway,
        b"timeout"
        | b"timedout"
        | b"requesttimeout"
        | b"requesttimeoutexception"
        | b"gatewaytimeout"
        | b"deadlineexceeded"
        | b"upstreamtimeout"
        | b"operationtimedout" => K::Timeout,
        _ => return None,
    })
}

/// Families of codes the exact table does not list.
fn by_rule(code: &[u8]) -> Option<ErrorKind> {
    let has = |part: &[u8]| has(code, part);
    let starts = |prefixes: &[&[u8]]| prefixes.iter().any(|p| code.starts_with(p));
    let ends = |suffixes: &[&[u8]]| suffixes.iter().any(|s| code.ends_with(s));
    let starts_invalid = starts(&[
        b"invalid",
        b"unexpected",
        b"incorrect",
        b"wrong",
        b"illegal",
    ]);
    if has(b"idempoten") {
        return Some(if is_busy(code) {
            ErrorKind::Conflict
        } else {
            ErrorKind::IdempotencyMismatch
        });
    }
    if has(b"ratelimit") || has(b"throttl") {
        return Some(ErrorKind::RateLimited);
    }
    if starts_invalid && ends(&[b"state", b"status"]) {
        return Some(ErrorKind::InvalidState);
    }
    if has(b"apikey") || has(b"accesstoken") || has(b"authtoken") {
        return Some(ErrorKind::Unauthenticated);
    }
    // `ORDER_NOT_EXIST`, `USER_NOT_EXISTS`, `ResourceDoesNotExist`.
    if ends(&[b"notfound", b"notfoundexception", b"notexist", b"notexists"]) || starts(&[b"nosuch"])
    {
        return Some(ErrorKind::NotFound);
    }
    // `ALREADY_EXISTS`, `EmailExists`, Cognito's `UsernameExistsException`, DynamoDB's
    // `TransactionConflictException`, `version_conflict`.
    if ends(&[b"exists", b"conflict"]) || starts(&[b"duplicate"]) {
        return Some(ErrorKind::Conflict);
    }
    if ends(&[b"expired"]) {
        return Some(ErrorKind::Expired);
    }
    if ends(&[b"declined"]) {
        return Some(ErrorKind::PaymentFailed);
    }
    // Credentials refused, below what the rules above say of them: Pesapal's
    // `invalid_api_credentials_provided`, a `missing_credentials`. One credential may be a
    // resource like any other (Hixbe's `CREDENTIAL_ALREADY_EXISTS`, `INVALID_CREDENTIAL_DATA`).
    if has(b"credentials") || has(b"apicredential") {
        return Some(ErrorKind::Unauthenticated);
    }
    let malformed = starts(&[b"missing", b"malformed", b"unsupported", b"required"]);
    let too_much = ends(&[b"toolarge", b"toolong", b"toosmall", b"tooshort"]);
    if starts_invalid || malformed || too_much {
        return Some(ErrorKind::InvalidRequest);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_compare_case_and_separator_insensitively() {
        for code in [
            "RATE_LIMIT_EXCEEDED",
            "rate_limit_exceeded",
            "rate-limit-exceeded",
            "RateLimitExceeded",
            "rate.limit.exceeded",
            " rate limit exceeded ",
            "\trate limit\texceeded\n",
        ] {
            assert_eq!(from_code(code), Some(ErrorKind::RateLimited), "{code}");
        }
    }

    #[test]
    fn every_seed_code_has_a_kind() {
        use ErrorKind as K;
        let seeds = [
            // Finternet
            ("authentication_required", K::Unauthenticated),
            ("forbidden", K::PermissionDenied),
            ("invalid_request", K::InvalidRequest),
            ("invalid_state_transition", K::InvalidState),
            ("signature_verification_failed", K::InvalidRequest),
            ("invalid_status", K::InvalidState),
            ("resource_missing", K::NotFound),
            ("contract_execution_failed", K::Internal),
            ("rate_limit_exceeded", K::RateLimited),
            // Halfin
            ("validation_error", K::InvalidRequest),
            ("invalid_state", K::InvalidState),
            ("unauthorized", K::Unauthenticated),
            ("not_found", K::NotFound),
            ("conflict", K::Conflict),
            ("rate_limited", K::RateLimited),
            ("internal_error", K::Internal),
            ("gate_offline", K::Unavailable),
            // Hixbe
            ("INVALID_API_KEY", K::Unauthenticated),
            ("MISSING_AUTH_HEADER", K::Unauthenticated),
            ("INSUFFICIENT_PERMISSIONS", K::PermissionDenied),
            ("EXPIRED_API_KEY", K::Unauthenticated),
            ("INVALID_VERSION", K::InvalidRequest),
            ("INVALID_REQUEST", K::InvalidRequest),
            ("VALIDATION_ERROR", K::InvalidRequest),
            ("RATE_LIMIT_EXCEEDED", K::RateLimited),
            ("RESOURCE_NOT_FOUND", K::NotFound),
            ("METHOD_NOT_ALLOWED", K::InvalidRequest),
            ("CARD_DECLINED", K::PaymentFailed),
            ("INSUFFICIENT_FUNDS", K::PaymentFailed),
            ("PAYMENT_INTENT_EXPIRED", K::Expired),
            ("AMOUNT_TOO_LARGE", K::InvalidRequest),
            ("INSUFFICIENT_BALANCE", K::PaymentFailed),
            ("INVALID_RECIPIENT", K::InvalidRequest),
            ("SENDER_ID_UNAVAILABLE", K::InvalidRequest),
            ("MESSAGE_TOO_LONG", K::InvalidRequest),
            ("CREDENTIAL_ALREADY_EXISTS", K::Conflict),
            ("INVALID_CREDENTIAL_DATA", K::InvalidRequest),
            ("VERIFICATION_FAILED", K::InvalidRequest),
            ("INTERNAL_SERVER_ERROR", K::Internal),
            // 0xmeta
            ("idempotency_mismatch", K::IdempotencyMismatch),
            ("verification_failed", K::InvalidRequest),
            ("settlement_failed", K::InvalidState),
            ("insufficient_funds", K::PaymentFailed),
            ("upstream_error", K::BadGateway),
            ("timeout", K::Timeout),
        ];
        for (code, want) in seeds {
            // Server-side codes only refine a 5xx; on a 4xx the status keeps its kind.
            let status = if want.is_server_side() {
                StatusCode::INTERNAL_SERVER_ERROR
            } else {
                StatusCode::BAD_REQUEST
            };
            assert_eq!(classify(status, Some(code), None), want, "{code}");
        }
    }

    #[test]
    fn status_class_limits_what_a_code_may_say() {
        use ErrorKind as K;
        let cases = [
            (500, Some("settlement_failed"), K::Internal),
            (500, Some("upstream_error"), K::BadGateway),
            (500, Some("timeout"), K::Timeout),
            (503, Some("internal_error"), K::Unavailable),
            (502, Some("server_error"), K::BadGateway),
            (500, Some("-32603"), K::Internal),
            (413, Some("rate_limit_exceeded"), K::InvalidRequest),
            (503, Some("SlowDown"), K::RateLimited),
            (503, None, K::Unavailable),
            (400, Some("internal_error"), K::InvalidRequest),
            (429, Some("invalid_request"), K::RateLimited),
            (429, Some("insufficient_quota"), K::PaymentFailed),
            (401, Some("EXPIRED_API_KEY"), K::Unauthenticated),
            (401, Some("forbidden"), K::Unauthenticated),
            (403, Some("rate_limited"), K::RateLimited),
            (403, Some("rateLimitExceeded"), K::RateLimited),
            (200, Some("channel_not_found"), K::NotFound),
            (200, Some("ratelimited"), K::RateLimited),
            (410, None, K::Expired),
            (409, Some("idempotency_key_in_use"), K::Conflict),
            (402, Some("invalid_request_error"), K::PaymentFailed),
            (402, Some("invalid_cvc"), K::PaymentFailed),
            (404, Some("INVALID_RESOURCE_ID"), K::NotFound),
            (409, Some("invalid_request"), K::Conflict),
            (403, Some("validation_error"), K::PermissionDenied),
            (422, Some("invalid_request"), K::InvalidRequest),
            (404, Some("rate_limited"), K::RateLimited),
        ];
        for (status, code, want) in cases {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(classify(status, code, None), want, "{status} {code:?}");
        }
    }

    #[test]
    fn bad_credentials_and_request_signatures_are_unauthenticated() {
        for code in [
            "InvalidAuthentication",
            "invalid_credentials",
            "Bad credentials",
            "InvalidSignature",
            "invalid-signature",
        ] {
            for status in [StatusCode::BAD_REQUEST, StatusCode::FORBIDDEN] {
                assert_eq!(
                    classify(status, Some(code), None),
                    ErrorKind::Unauthenticated,
                    "{status} {code}"
                );
            }
        }
        // A payment method's token is the request's, not the caller's credential.
        assert_eq!(
            classify(StatusCode::BAD_REQUEST, Some("invalid_card_token"), None),
            ErrorKind::InvalidRequest
        );
    }

    #[test]
    fn a_dotted_code_is_read_by_its_category_then_its_last_part() {
        use ErrorKind as K;
        let cases = [
            // Tencent Cloud's and Alibaba Cloud's categories, whatever refines them.
            ("AuthFailure.SignatureFailure", Some(K::Unauthenticated)),
            ("AuthFailure.SecretIdNotFound", Some(K::Unauthenticated)),
            ("InvalidAccessKeyId.NotFound", Some(K::Unauthenticated)),
            ("ResourceNotFound.InstanceNotExist", Some(K::NotFound)),
            ("InternalError.DbError", Some(K::Internal)),
            ("Forbidden.RAM", Some(K::PermissionDenied)),
            ("Throttling.User", Some(K::RateLimited)),
            // A namespace, then the error.
            ("auth.invalid_token", Some(K::Unauthenticated)),
            (
                "UK.OBIE.Resource.InvalidConsentStatus",
                Some(K::InvalidState),
            ),
            ("validation.required", Some(K::InvalidRequest)),
            // A code the table knows whole is read whole; one no part of which it knows, not.
            ("rate.limit.exceeded", Some(K::RateLimited)),
            ("FailedOperation.BalanceInsufficient", None),
            ("APIGW.0301", None),
        ];
        for (code, want) in cases {
            assert_eq!(from_code(code), want, "{code}");
        }
    }

    #[test]
    fn error_type_backs_up_an_unknown_code() {
        assert_eq!(
            classify(
                StatusCode::PAYMENT_REQUIRED,
                Some("do_not_honor"),
                Some("card_error")
            ),
            ErrorKind::PaymentFailed
        );
        assert_eq!(
            classify(StatusCode::BAD_REQUEST, None, Some("idempotency_error")),
            ErrorKind::IdempotencyMismatch
        );
        assert_eq!(
            classify(
                StatusCode::from_u16(529).unwrap(),
                None,
                Some("overloaded_error")
            ),
            ErrorKind::Unavailable
        );
        // A type outside the type table is read as a code (Plaid, Coinbase Commerce) ...
        assert_eq!(
            classify(StatusCode::BAD_REQUEST, None, Some("RATE_LIMIT_EXCEEDED")),
            ErrorKind::RateLimited
        );
        assert_eq!(
            classify(
                StatusCode::BAD_REQUEST,
                Some("ITEM_LOGIN_REQUIRED"),
                Some("not_found")
            ),
            ErrorKind::NotFound
        );
        // ... and one that names nothing leaves the status's kind.
        assert_eq!(
            classify(StatusCode::BAD_REQUEST, None, Some("request_invalid")),
            ErrorKind::InvalidRequest
        );
    }

    #[test]
    fn aws_and_google_codes() {
        assert_eq!(
            from_code("com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException"),
            Some(ErrorKind::RateLimited)
        );
        // Only what follows the last `#` counts: the namespace may be long or hold anything.
        let long_namespace = format!("{}#ThrottlingException", "a".repeat(2 * MAX_CODE));
        for code in [
            long_namespace.as_str(),
            "aws:ns (v2)#Throttling",
            "a#b#SlowDown",
        ] {
            assert_eq!(from_code(code), Some(ErrorKind::RateLimited), "{code}");
        }
        assert_eq!(from_code("Throttling#"), None);
        assert_eq!(from_code("Throttling#é"), None);
        assert_eq!(from_code("NoSuchKey"), Some(ErrorKind::NotFound));
        assert_eq!(
            from_code("FAILED_PRECONDITION"),
            Some(ErrorKind::InvalidState)
        );
        assert_eq!(from_code("DEADLINE_EXCEEDED"), Some(ErrorKind::Timeout));
        assert_eq!(from_code("ALREADY_EXISTS"), Some(ErrorKind::Conflict));
        // The Google Maps Platform's statuses, which it sends with a 200.
        assert_eq!(from_code("OVER_QUERY_LIMIT"), Some(ErrorKind::RateLimited));
        assert_eq!(
            from_code("REQUEST_DENIED"),
            Some(ErrorKind::PermissionDenied)
        );
        assert_eq!(
            from_code("INVALID_REQUEST"),
            Some(ErrorKind::InvalidRequest)
        );
        assert_eq!(from_code("UNKNOWN_ERROR"), Some(ErrorKind::Internal));
        // Cognito's wrong password, sent with a 400; the AWS SDKs' throttling codes.
        assert_eq!(
            classify(
                StatusCode::BAD_REQUEST,
                Some("NotAuthorizedException"),
                None
            ),
            ErrorKind::Unauthenticated
        );
        assert_eq!(from_code("not_authorized"), None);
        for code in ["invalid_api_credentials_provided", "missing_credentials"] {
            assert_eq!(from_code(code), Some(ErrorKind::Unauthenticated), "{code}");
        }
        assert_eq!(
            from_code("CREDENTIAL_ALREADY_EXISTS"),
            Some(ErrorKind::Conflict)
        );
        for code in [
            "LimitExceededException",
            "TransactionInProgressException",
            "PriorRequestNotComplete",
        ] {
            assert_eq!(
                classify(StatusCode::BAD_REQUEST, Some(code), None),
                ErrorKind::RateLimited,
                "{code}"
            );
        }
    }

    #[test]
    fn what_exists_already_conflicts_and_what_does_not_exist_is_not_found() {
        use ErrorKind as K;
        for (code, want) in [
            ("UsernameExistsException", K::Conflict),
            ("EMAIL_EXISTS", K::Conflict),
            ("ALREADY_EXISTS", K::Conflict),
            ("TransactionConflictException", K::Conflict),
            ("version_conflict", K::Conflict),
            ("USER_NOT_EXISTS", K::NotFound),
            ("ORDER_NOT_EXIST", K::NotFound),
            ("ResourceDoesNotExist", K::NotFound),
        ] {
            assert_eq!(from_code(code), Some(want), "{code}");
        }
    }

    #[test]
    fn a_class_name_is_read_without_its_suffix() {
        use ErrorKind as K;
        for (code, want) in [
            ("InsufficientFundsException", K::PaymentFailed),
            ("CardDeclinedError", K::PaymentFailed),
            ("PaymentNotFoundException", K::NotFound),
            ("RateLimitExceededError", K::RateLimited),
        ] {
            assert_eq!(from_code(code), Some(want), "{code}");
        }
        // A suffix alone, or on a stem no table knows, names nothing.
        for code in ["Exception", "Error", "SomethingOddException", "WidgetError"] {
            assert_eq!(from_code(code), None, "{code}");
        }
        // Error types go the same way.
        assert_eq!(
            from_type("InsufficientFundsException"),
            Some(K::PaymentFailed)
        );
    }

    #[test]
    fn a_busy_key_is_told_from_a_reused_one() {
        for code in [
            "idempotency_key_in_use",
            "IdempotencyKeyInProgress",
            "idempotency-request-in-progress",
            "concurrent-request",
        ] {
            assert!(names_key_in_use(code), "{code}");
        }
        for code in [
            "idempotency_key_reused",
            "idempotency_error",
            "in_use",
            "conflict",
        ] {
            assert!(!names_key_in_use(code), "{code}");
        }
    }

    #[test]
    fn json_rpc_codes_name_their_kind_and_a_server_range_code_does_not() {
        use ErrorKind as K;
        let ok = StatusCode::OK;
        assert_eq!(classify(ok, Some("-32602"), None), K::InvalidRequest);
        assert_eq!(classify(ok, Some("-32700"), None), K::InvalidRequest);
        assert_eq!(classify(ok, Some("-32601"), None), K::NotFound);
        assert_eq!(classify(ok, Some("-32603"), None), K::Internal);
        // The server's own range, and the same digits without the sign, name nothing.
        for code in ["-32000", "-32005", "-32504", "32602", "-3260"] {
            assert_eq!(from_code(code), None, "{code}");
        }
        // A call the server refused is the caller's fault, even answered with a 500.
        let failed = StatusCode::INTERNAL_SERVER_ERROR;
        assert_eq!(classify(failed, Some("-32602"), None), K::InvalidRequest);
        assert_eq!(classify(failed, Some("-32601"), None), K::NotFound);
        // A status that says more keeps its kind: a 429 is a throttle whatever the call's code.
        assert_eq!(
            classify(StatusCode::TOO_MANY_REQUESTS, Some("-32603"), None),
            K::RateLimited
        );
    }

    #[test]
    fn long_or_odd_codes_name_nothing() {
        assert_eq!(from_code(&"a".repeat(65)), None);
        assert_eq!(from_code("née"), None);
        assert_eq!(from_code(""), None);
        assert_eq!(from_code("___"), None);
    }

    #[test]
    fn statuses_without_a_code() {
        use ErrorKind as K;
        let cases = [
            (400, K::InvalidRequest),
            (401, K::Unauthenticated),
            (402, K::PaymentFailed),
            (403, K::PermissionDenied),
            (404, K::NotFound),
            (405, K::InvalidRequest),
            (408, K::Timeout),
            (409, K::Conflict),
            (410, K::Expired),
            (422, K::InvalidRequest),
            (425, K::Unavailable),
            (429, K::RateLimited),
            (500, K::Internal),
            (501, K::Internal),
            (502, K::BadGateway),
            (503, K::Unavailable),
            (504, K::Timeout),
            (529, K::Unavailable),
            (508, K::Unavailable),
            (561, K::Unauthenticated),
            (302, K::Unknown),
        ];
        for (status, want) in cases {
            assert_eq!(
                from_status(StatusCode::from_u16(status).unwrap()),
                want,
                "{status}"
            );
        }
    }
}
