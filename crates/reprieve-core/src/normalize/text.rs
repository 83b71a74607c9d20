//! Text, HTML, XML and empty bodies: a bounded, cleaned snippet as the message.
//!
//! Proxies and load balancers answer with HTML (`<title>502 Bad Gateway</title>`), some APIs with
//! plain text, the AWS query APIs with XML. None of it is trusted to be small or well-formed: only
//! the first [`SCAN_LIMIT`] bytes are looked at, and the snippet holds at most [`SNIPPET_CHARS`]
//! characters, with tags, comments, scripts, styles, control characters and whitespace runs removed.

/// How much of a text body is looked at.
pub(crate) const SCAN_LIMIT: usize = 16 * 1024;
/// How long a snippet may be, in characters (an ellipsis marks a cut).
pub(crate) const SNIPPET_CHARS: usize = 200;

/// What a text-like body gave.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct TextFields {
    pub(crate) message: Option<String>,
    pub(crate) code: Option<String>,
    pub(crate) request_id: Option<String>,
    /// Whether the body is a SOAP fault that blames the request (see [`is_sender_fault`]).
    pub(crate) sender_fault: bool,
}

/// Whether the body looks like markup (HTML or XML) rather than text.
pub(crate) fn looks_like_markup(body: &[u8]) -> bool {
    matches!(first_non_space(body), Some(b'<'))
}

/// Whether the body looks like JSON: an object, an array, or a string, which ASP.NET's
/// `BadRequest("..")` and Express's `res.json("..")` send as the whole body.
pub(crate) fn looks_like_json(body: &[u8]) -> bool {
    matches!(first_non_space(body), Some(b'{' | b'[' | b'"'))
}

fn first_non_space(body: &[u8]) -> Option<u8> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    body.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// An HTML page: its `<title>` when it has one, else its text.
pub(crate) fn html(body: &[u8]) -> TextFields {
    let text = lossy(body);
    if let Some(fields) = cloudflare_error(&text) {
        return fields;
    }
    let message = match element_text(&text, "title").filter(|title| !title.is_empty()) {
        // Python's `http.server` titles every error page "Error response" and says what went
        // wrong in a paragraph, `<p>Message: File not found.</p>`.
        Some(title) if title.eq_ignore_ascii_case("error response") => {
            section_after(&text, "<p>Message: ", "</p>").or(Some(title))
        }
        // Squid titles its pages "ERROR: The requested URL could not be retrieved" (or the same
        // in the client's language) and says why in its `error` block: "Connection to
        // 203.0.113.7 failed."
        Some(title) if text.contains(SQUID_ERROR) => {
            section_after(&text, SQUID_ERROR, "</blockquote>").or(Some(title))
        }
        // A title of only "Error" (Express's default page) says less than the page's heading, or
        // the `<pre>` that Express writes the error in; so does the title of the servlet
        // containers' error report, which names the server ("Apache Tomcat/7.0.52 - Error report",
        // Payara's, GlassFish's, JBoss Web's), above the heading "HTTP Status 404 - /v1/x". With
        // neither, the page's body says it, without the title: Undertow's `<title>Error</title>`
        // over a body of "Not Found".
        Some(title) if !title.eq_ignore_ascii_case("error") && !is_error_report(&title) => {
            Some(title)
        }
        _ => element_text(&text, "h1")
            .filter(|h1| !h1.is_empty())
            .or_else(|| element_text(&text, "pre").filter(|pre| !pre.is_empty()))
            .or_else(|| element_text(&text, "body").filter(|body| !body.is_empty()))
            .or_else(|| Some(clean(&text)).filter(|s| !s.is_empty())),
    };
    TextFields {
        message,
        request_id: incident_id(&text),
        ..TextFields::default()
    }
}

/// Whether a page's title is a servlet container's "<server> - Error report".
fn is_error_report(title: &str) -> bool {
    const REPORT: &str = " - Error report";
    title.len() > REPORT.len()
        && title
            .get(title.len() - REPORT.len()..)
            .is_some_and(|end| end.eq_ignore_ascii_case(REPORT))
}

/// Where Squid's error pages say what went wrong.
const SQUID_ERROR: &str = "<blockquote id=\"error\">";

/// Cloudflare's page for an error of its own (1015 for a rate limit, 1020 for a firewall rule, 1101
/// for a Worker that threw), which it titles by the site ("Access denied | api.example.com used
/// Cloudflare to restrict access"): the error's number in its `cf-error-code`, and what it means
/// in its `cf-subheadline` ("You are being rate limited").
fn cloudflare_error(text: &str) -> Option<TextFields> {
    let code = class_text(text, "class=\"cf-error-code\"", "</")
        .filter(|code| code.len() <= 5 && code.bytes().all(|b| b.is_ascii_digit()))?;
    Some(TextFields {
        message: class_text(text, "class=\"cf-subheadline\"", "</h2>")
            .or_else(|| element_text(text, "title")),
        code: Some(code),
        ..TextFields::default()
    })
}

/// The text of the first element whose tag holds `attribute` (`class="cf-error-code"`), up to
/// `end`.
fn class_text(text: &str, attribute: &str, end: &str) -> Option<String> {
    section_after(text.get(text.find(attribute)?..)?, ">", end)
}

/// The cleaned text after the first `lead`, up to the next `end`.
fn section_after(text: &str, lead: &str, end: &str) -> Option<String> {
    let start = text.find(lead)? + lead.len();
    let rest = &text[start..];
    let section = rest.find(end).map_or(rest, |end| &rest[..end]);
    Some(clean(section)).filter(|message| !message.is_empty())
}

/// The incident id a CDN's or firewall's error page gives, the id its support asks for.
///
/// Each lead is followed, past spaces, `#` and `:`, by an id of a set shape:
/// - Akamai: `Reference #18.5c3f1502.1617036456.2b5a1f0c`, dotted hexadecimal. Its pages write it
///   with entities (`Reference&#32;&#35;18&#46;5c3f1502...`), so each candidate is read through
///   [`clean`].
/// - Imperva: `Incapsula incident ID: 1234000560123-456789`, digits around a dash.
/// - F5 BIG-IP: `Your support ID is: 1234567890123456789`, digits.
///
/// A page that only mentions a reference ("see the API reference #errors") gives none.
fn incident_id(text: &str) -> Option<String> {
    /// A lead, and whether what follows it has the page's shape of id.
    type Page = (&'static str, fn(&str) -> bool);
    const PAGES: [Page; 3] = [
        ("reference", |id| {
            id.contains('.') && id.starts_with(|c: char| c.is_ascii_digit())
        }),
        ("incident id", |id| {
            id.contains('-') && id.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        }),
        ("support id is", |id| id.bytes().all(|b| b.is_ascii_digit())),
    ];
    PAGES
        .iter()
        .find_map(|&(lead, is_shaped)| id_after(text, lead, is_shaped))
}

/// The first id after an occurrence of `lead` that has the shape `is_shaped` checks.
fn id_after(text: &str, lead: &str, is_shaped: fn(&str) -> bool) -> Option<String> {
    let mut rest = text;
    while let Some(at) = super::find_ignore_case(rest, lead) {
        rest = rest.get(at + lead.len()..)?;
        // Long enough for an id written in entities, short of the rest of the page.
        let window = rest.get(..rest.floor_char_boundary(160)).unwrap_or(rest);
        let cleaned = clean(window);
        let id = cleaned
            .trim_start_matches([' ', '#', ':'])
            .split(|c: char| !(c.is_ascii_hexdigit() || c == '.' || c == '-'))
            .next()
            .unwrap_or("")
            .trim_end_matches(['.', '-']);
        if id.len() >= 8 && is_shaped(id) {
            return Some(id.to_owned());
        }
    }
    None
}

/// An XML error document: its code, message and request id, or `None` for markup that names
/// neither a code nor a message (or is an HTML page):
/// - AWS's `<Code>`, `<Message>` and `<RequestId>`;
/// - a SOAP 1.1 fault's `<faultcode>` and `<faultstring>`, a SOAP 1.2 fault's `<Code>` and
///   `<Reason><Text>`;
/// - Authorize.Net's `<message><code>..</code><text>..</text></message>`;
/// - Worldpay's `<error code="5"><![CDATA[..]]></error>`;
/// - `<errorCode>` and `<errorMessage>` (Elavon), PayPal's `<ErrorCode>` and `<LongMessage>`;
/// - Opayo's (Sage Pay's) `<error><code>..</code><description>..</description></error>`;
/// - `WeChat` Pay's (API v2) `<err_code>` and `<err_code_des>`, or its `<return_msg>` where the call
///   itself failed (`<return_code>FAIL</return_code>`);
/// - a numeric `<Result>` and its text: DPO Pay's `<ResultExplanation>`, the `<Message>` of
///   PayPal's Payflow (`XMLPay`). A `<Result>` in words is some other API's payload;
/// - `OData`'s `<error><code>..</code><message>..</message></error>`, with SAP Gateway's
///   `<transactionid>`.
///
/// Names are matched in any case: `<message>` is `<Message>`.
pub(crate) fn xml(body: &[u8]) -> Option<TextFields> {
    let text = lossy(body);
    // An HTML page's `<code>` is markup for code, not an error's.
    if find_tag(&text, "<", "html").is_some() {
        return None;
    }
    if text.contains(PROBLEM_NAMESPACE) {
        return Some(problem_xml(&text));
    }
    if find_tag(&text, "<", "methodResponse").is_some() {
        return xml_rpc_fault(&text);
    }
    // A SOAP 1.2 fault's `<Code>` gives its class in a `<Value>` (`env:Sender`), and the API's own
    // name for the error in a `<Subcode>`'s, where there is one (`m:InvalidAmount`).
    let subcode = element_raw(&text, "Subcode").and_then(|raw| element_text(raw, "Value"));
    let code = subcode
        .filter(|code| !code.is_empty())
        .or_else(|| {
            ["Code", "ErrorCode", "faultcode", "err_code"]
                .into_iter()
                .find_map(|name| element_text(&text, name).filter(|code| !code.is_empty()))
        })
        .or_else(|| attribute(&text, "error", "code"))
        .or_else(|| {
            element_text(&text, "Result").filter(|code| code.len() <= 8 && super::is_number(code))
        });
    let message = [
        "Message",
        "errorMessage",
        "LongMessage",
        "faultstring",
        "Description",
        "Reason",
        "error",
        "err_code_des",
        "return_msg",
        "ResultExplanation",
    ]
    .into_iter()
    .find_map(|name| element_raw(&text, name))
    .map(|raw| element_text(raw, "Text").unwrap_or_else(|| clean(raw)));
    if code.is_none() && message.is_none() {
        return None;
    }
    // A SOAP 1.1 fault's class is its `faultcode`, though an API's own code in its `detail` names
    // the error (`<detail><errorCode>E00007</errorCode></detail>`); a SOAP 1.2 fault's is its
    // `<Code>`'s first `<Value>`.
    let class = element_text(&text, "faultcode")
        .or_else(|| element_raw(&text, "Code").and_then(|raw| element_text(raw, "Value")));
    let sender_fault = class
        .as_deref()
        .or(code.as_deref())
        .is_some_and(is_sender_fault);
    Some(TextFields {
        message: message
            .filter(|s| !s.is_empty())
            .or_else(|| Some(clean(&text)).filter(|s| !s.is_empty())),
        code,
        // SAP Gateway's OData errors give a `<transactionid>`, which its error log is searched by.
        request_id: ["RequestId", "transactionid"]
            .into_iter()
            .find_map(|name| element_text(&text, name).filter(|id| !id.is_empty())),
        sender_fault,
    })
}

/// An XML-RPC fault (`WordPress`'s, Odoo's): a `<methodResponse>` whose `<fault>` holds a struct of
/// two members, `faultCode` and `faultString`, each name followed by its `<value>`. A
/// `<methodResponse>` with no fault is a result, which names no error.
fn xml_rpc_fault(text: &str) -> Option<TextFields> {
    let fault = element_raw(text, "fault")?;
    let member = |name: &str| {
        let at = fault.find(name)?;
        element_text(fault.get(at..)?, "value").filter(|value| !value.is_empty())
    };
    let (code, message) = (member("faultCode"), member("faultString"));
    (code.is_some() || message.is_some()).then(|| TextFields {
        code,
        message: message.or_else(|| Some(clean(fault)).filter(|text| !text.is_empty())),
        ..TextFields::default()
    })
}

/// The namespace of RFC 9457's problem documents in XML.
const PROBLEM_NAMESPACE: &str = "urn:ietf:rfc:7807";

/// An RFC 9457 problem in XML (`application/problem+xml`, its Appendix B): `<problem
/// xmlns="urn:ietf:rfc:7807">` with the JSON form's members as elements, read as that form is:
/// the code from the `type` URI, the `detail` as the message, else the `title`.
fn problem_xml(text: &str) -> TextFields {
    let code = element_text(text, "type")
        .as_deref()
        .and_then(super::problem::type_code)
        .map(str::to_owned);
    let message = ["detail", "title"]
        .into_iter()
        .find_map(|name| element_text(text, name).filter(|text| !text.is_empty()))
        .or_else(|| Some(clean(text)).filter(|text| !text.is_empty()));
    TextFields {
        message,
        code,
        ..TextFields::default()
    }
}

/// An XML document that [`xml`] finds no code or message in: its text, or where everything it
/// says is in its tags' attributes (ePDQ's `<ncresponse NCERROR="50001111" NCERRORPLUS="Data
/// validation error"/>`), the document itself, folded and bounded. `None` for anything that does
/// not open with an XML declaration, and for an XHTML page.
pub(crate) fn bare_xml(body: &[u8]) -> Option<TextFields> {
    let text = lossy(body);
    let document = text.trim_start_matches('\u{feff}').trim_start();
    let prolog = document.strip_prefix("<?xml")?;
    if find_tag(prolog, "<", "html").is_some() {
        return None;
    }
    let root = prolog.get(prolog.find("?>")? + 2..)?;
    let message = Some(clean(root))
        .filter(|text| !text.is_empty())
        .or_else(|| Some(folded(root)).filter(|raw| !raw.is_empty()));
    Some(TextFields {
        message,
        ..TextFields::default()
    })
}

/// Whether a SOAP fault's code blames the request: SOAP 1.1's `Client` (`soap:Client`, and its
/// dotted refinements, `Client.Authentication`), SOAP 1.2's `Sender`.
fn is_sender_fault(code: &str) -> bool {
    let name = code.split_ascii_whitespace().next().unwrap_or(code);
    let local = name.rsplit_once(':').map_or(name, |(_, local)| local);
    let class = local.split_once('.').map_or(local, |(class, _)| class);
    class.eq_ignore_ascii_case("Client") || class.eq_ignore_ascii_case("Sender")
}

/// A body of `name=value` pairs, or `None` for one that is not: OAuth 2.0's error where a server
/// answers in the request's `application/x-www-form-urlencoded` (GitHub's token endpoint),
/// PayPal's NVP (`ACK=Failure&L_ERRORCODE0=10002&L_LONGMESSAGE0=..`), Payflow's
/// `RESULT=23&RESPMSG=..`, Opayo's one pair a line (`Status=INVALID\r\nStatusDetail=..`).
///
/// Every pair must have a name of letters, digits, `_`, `-`, `.` or brackets, and one of the names
/// must be an error's code or message: a sentence with an `=` in it is text. OAuth's `error` is
/// the code when it is a symbol (`invalid_grant`) and the message when it is a sentence. Names are
/// matched in any case and without their separators (`request_id` is `requestId`). A body with no
/// space in it is URL-encoded (`+` a space, `%2C` a byte) and its values are decoded; one with
/// spaces is taken as it stands. Without a message, the body is the message.
pub(crate) fn form(body: &[u8]) -> Option<TextFields> {
    const CODE: [&str; 4] = ["error_code", "err_code", "code", "L_ERRORCODE0"];
    const MESSAGE: [&str; 11] = [
        "error_description",
        "message",
        "error_message",
        "err_msg",
        "description",
        "detail",
        "reason",
        "L_LONGMESSAGE0",
        "L_SHORTMESSAGE0",
        "RESPMSG",
        "StatusDetail",
    ];
    const REQUEST_ID: [&str; 3] = ["request_id", "correlation_id", "trace_id"];

    let text = lossy(body);
    let text = text.trim_start_matches('\u{feff}').trim();
    // For each of code, message, request id and `error`: the best-ranked name's value so far.
    let tables: [&[&str]; 4] = [&CODE, &MESSAGE, &REQUEST_ID, &["error"]];
    let mut best: [Option<(usize, &str)>; 4] = [None; 4];
    for pair in text
        .split(['&', '\r', '\n'])
        .filter(|pair| !pair.is_empty())
    {
        let (name, value) = pair.split_once('=')?;
        if !is_form_name(name) {
            return None;
        }
        for (table, best) in tables.iter().zip(&mut best) {
            if let Some(rank) = table.iter().position(|known| is_named(name, known))
                && best.is_none_or(|(held, _)| rank < held)
                && !value.is_empty()
            {
                *best = Some((rank, value));
            }
        }
    }
    let encoded = !text.contains([' ', '\t']);
    let [code, message, request_id, error] = best.map(|found| {
        found
            .map(|(_, value)| form_value(value, encoded))
            .filter(|value| !value.is_empty())
    });
    let mut fields = TextFields {
        message,
        code,
        request_id,
        ..TextFields::default()
    };
    if let Some(error) = error {
        let slot = if super::is_code_like(&error) {
            &mut fields.code
        } else {
            &mut fields.message
        };
        slot.get_or_insert(error);
    }
    if fields.code.is_none() && fields.message.is_none() {
        return None;
    }
    fields.message = fields.message.or_else(|| Some(clean(text)));
    Some(fields)
}

/// Whether `name` can name a form's field: `error_description`, `L_ERRORCODE0`, `user[email]`.
fn is_form_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'[' | b']'))
}

/// Whether `name` is `known`, in any case and with `_` and `-` ignored.
fn is_named(name: &str, known: &str) -> bool {
    fn letters(name: &str) -> impl Iterator<Item = u8> + '_ {
        name.bytes()
            .filter(|b| !matches!(b, b'_' | b'-'))
            .map(|b| b.to_ascii_lowercase())
    }
    letters(known).eq(letters(name))
}

/// A form value, URL-decoded where the body is encoded, folded and bounded like any snippet.
fn form_value(value: &str, encoded: bool) -> String {
    if !encoded {
        return folded(value);
    }
    let mut bytes = Vec::with_capacity(value.len());
    let mut rest = value.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        let hex = |at: usize| char::from(*tail.get(at)?).to_digit(16);
        let escaped = (b == b'%')
            .then(|| Some(hex(0)? * 16 + hex(1)?))
            .flatten()
            .and_then(|byte| u8::try_from(byte).ok());
        if let Some(byte) = escaped {
            bytes.push(byte);
            rest = tail.get(2..).unwrap_or_default();
        } else {
            bytes.push(if b == b'+' { b' ' } else { b });
            rest = tail;
        }
    }
    folded(&String::from_utf8_lossy(&bytes))
}

/// Plain text, or JSON that did not parse.
pub(crate) fn plain(body: &[u8]) -> TextFields {
    let message = clean(&lossy(body));
    TextFields {
        message: (!message.is_empty()).then_some(message),
        ..TextFields::default()
    }
}

/// The scanned prefix of `body` as text, invalid UTF-8 replaced.
fn lossy(body: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(body.get(..SCAN_LIMIT).unwrap_or(body))
}

/// The cleaned text of the first `<name>` element (ASCII case-insensitive), if there is one.
fn element_text(text: &str, name: &str) -> Option<String> {
    element_raw(text, name).map(clean)
}

/// The value of the attribute `name` of the first `<element>` tag, cleaned; a value with spaces is
/// cut at the first.
fn attribute(text: &str, element: &str, name: &str) -> Option<String> {
    let start = find_tag(text, "<", element)?;
    let tag = text.get(start..)?;
    let tag = tag.get(..tag.find('>').unwrap_or(tag.len()))?;
    tag.split_ascii_whitespace()
        .skip(1)
        .find_map(|attribute| {
            let (key, value) = attribute.split_once('=')?;
            let value = value.trim_end_matches('/').trim_matches(['"', '\'']);
            key.eq_ignore_ascii_case(name).then(|| clean(value))
        })
        .filter(|value| !value.is_empty())
}

/// The content of the first `<name>` element (ASCII case-insensitive, with or without a namespace
/// prefix), markup and all; to the end of `text` if the element is not closed.
fn element_raw<'t>(text: &'t str, name: &str) -> Option<&'t str> {
    let start = find_tag(text, "<", name)?;
    let after_open = text.get(start..)?.find('>')? + start + 1;
    let rest = text.get(after_open..)?;
    let end = find_tag(rest, "</", name).unwrap_or(rest.len());
    rest.get(..end)
}

/// The byte offset of the first tag that opens with `lead` (`<` or `</`) and is named `name`,
/// ASCII case-insensitive, with or without a namespace prefix (`<soap:Fault>`).
fn find_tag(text: &str, lead: &str, name: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(offset) = text.get(from..)?.find(lead) {
        let at = from + offset;
        let tag = text.as_bytes().get(at + lead.len()..).unwrap_or_default();
        if local_name(tag).eq_ignore_ascii_case(name.as_bytes()) {
            return Some(at);
        }
        from = at + lead.len();
    }
    None
}

/// The name a tag starts with, without its namespace prefix. Names are short: looking no further
/// than 64 bytes keeps a run of `<` without names linear.
fn local_name(tag: &[u8]) -> &[u8] {
    let tag = tag.get(..64).unwrap_or(tag);
    let end = tag
        .iter()
        .position(|b| matches!(b, b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
        .unwrap_or(tag.len());
    let name = tag.get(..end).unwrap_or_default();
    match name.iter().position(|&b| b == b':') {
        Some(colon) => name.get(colon + 1..).unwrap_or_default(),
        None => name,
    }
}

const CDATA_OPEN: &str = "<![CDATA[";
const CDATA_CLOSE: &str = "]]>";

/// Tags, comments, `<script>` and `<style>` contents and control characters removed, the common
/// entities decoded, whitespace runs folded to one space, and the result cut to [`SNIPPET_CHARS`].
pub(crate) fn clean(text: &str) -> String {
    snippet(text, true)
}

/// `text` as it stands, markup and all, with control characters removed, whitespace runs folded
/// and the result cut to [`SNIPPET_CHARS`].
fn folded(text: &str) -> String {
    snippet(text, false)
}

/// [`clean`] where `markup` is read as markup, [`folded`] where it is kept as text.
fn snippet(text: &str, markup: bool) -> String {
    let mut out = String::with_capacity(text.len().min(SNIPPET_CHARS + 4));
    let mut chars = 0;
    let mut pending_space = false;
    // Inside `<![CDATA[..]]>`, text is taken as it stands: no markup, no entities.
    let mut in_cdata = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let mut advance = c.len_utf8();
        let mut emit = None;
        if in_cdata && c == ']' && rest.starts_with(CDATA_CLOSE) {
            in_cdata = false;
            advance = CDATA_CLOSE.len();
        } else if (in_cdata || !markup) && !(c.is_whitespace() || c.is_control()) {
            emit = Some(c);
        } else if c == '<' && rest.starts_with(CDATA_OPEN) {
            in_cdata = true;
            advance = CDATA_OPEN.len();
            pending_space = true;
        } else if c == '<' {
            advance = skip_markup(rest);
            pending_space = true;
        } else if c == '&' {
            if let Some((decoded, len)) = entity(rest) {
                emit = Some(decoded);
                advance = len;
            } else {
                emit = Some('&');
            }
        } else if c.is_whitespace() || c.is_control() {
            pending_space = true;
        } else {
            emit = Some(c);
        }
        if let Some(c) = emit {
            let space = pending_space && !out.is_empty();
            if chars + 1 + usize::from(space) > SNIPPET_CHARS {
                out.push('\u{2026}');
                return out;
            }
            if space {
                out.push(' ');
                chars += 1;
            }
            pending_space = false;
            out.push(c);
            chars += 1;
        }
        rest = rest.get(advance..).unwrap_or("");
    }
    out
}

/// The length of the markup at the start of `text`: a comment, a script or style element with its
/// contents, or one tag. An unclosed tag runs to the end.
fn skip_markup(text: &str) -> usize {
    if text.starts_with("<!--") {
        return text.find("-->").map_or(text.len(), |end| end + 3);
    }
    let name = local_name(text.as_bytes().get(1..).unwrap_or_default());
    for element in ["script", "style"] {
        if name.eq_ignore_ascii_case(element.as_bytes()) {
            let close = text
                .get(1..)
                .and_then(|t| find_tag(t, "</", element))
                .map(|at| at + 1);
            return close
                .and_then(|at| text.get(at..)?.find('>').map(|gt| at + gt + 1))
                .unwrap_or(text.len());
        }
    }
    text.find('>').map_or(text.len(), |end| end + 1)
}

/// Decodes `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text.get(..12.min(text.len()))?.find(';')?;
    let name = text.get(1..end)?;
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control())?
        }
    };
    Some((decoded, end + 1))
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub(crate) fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => {
            let mut out = text.get(..at).unwrap_or(text).to_owned();
            out.push('\u{2026}');
            out
        }
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nginx_502_page_gives_its_title() {
        let page = b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        assert_eq!(html(page).message.as_deref(), Some("502 Bad Gateway"));
    }

    #[test]
    fn cloudflares_own_error_page_gives_its_number_and_meaning() {
        let page = "<!DOCTYPE html><html><head><title>Access denied | api.example.com used Cloudflare to restrict access</title></head>\
            <body><div id=\"cf-error-details\"><h1><span class=\"cf-error-type\" data-translate=\"error\">Error</span>\
            <span class=\"cf-error-code\">1015</span></h1>\
            <h2 class=\"cf-subheadline\" data-translate=\"error_desc\">You are being rate limited</h2></div></body></html>";
        let fields = html(page.as_bytes());
        assert_eq!(fields.code.as_deref(), Some("1015"));
        assert_eq!(
            fields.message.as_deref(),
            Some("You are being rate limited")
        );
        // Its pages for the origin's errors (52x) are titled by the error.
        let page = "<html><head><title>api.example.com | 522: Connection timed out</title></head>\
            <body><h1><span class=\"inline-block\">Connection timed out</span><span class=\"code-label\">Error code 522</span></h1></body></html>";
        let fields = html(page.as_bytes());
        assert_eq!(fields.code, None);
        assert_eq!(
            fields.message.as_deref(),
            Some("api.example.com | 522: Connection timed out")
        );
    }

    #[test]
    fn a_title_of_only_error_gives_way_to_the_page() {
        // Express's default page for a route it does not have.
        let page = b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot POST /v1/payments</pre>\n</body>\n</html>\n";
        assert_eq!(
            html(page).message.as_deref(),
            Some("Cannot POST /v1/payments")
        );
        let page = b"<html><head><title>Error</title></head><body><h1>Service Unavailable</h1></body></html>";
        assert_eq!(html(page).message.as_deref(), Some("Service Unavailable"));
        // Undertow's, with neither.
        let page = b"<html><head><title>Error</title></head><body>Not Found</body></html>";
        assert_eq!(html(page).message.as_deref(), Some("Not Found"));
    }

    #[test]
    fn a_servlet_containers_error_report_gives_its_heading() {
        let page = b"<html><head><title>Apache Tomcat/7.0.52 - Error report</title><style><!--H1 {font-family:Tahoma}--></style> </head><body><h1>HTTP Status 500 - Request processing failed; nested exception is java.lang.NullPointerException</h1><HR size=\"1\" noshade=\"noshade\"><p><b>type</b> Exception report</p></body></html>";
        assert_eq!(
            html(page).message.as_deref(),
            Some(
                "HTTP Status 500 - Request processing failed; nested exception is java.lang.NullPointerException"
            )
        );
        let page = b"<!DOCTYPE html><html><head><title>Payara Server 5.2022.1 #badassfish - Error report</title></head><body><h1>HTTP Status 503 - Service Unavailable</h1><hr/><p><b>type</b> Status report</p></body></html>";
        assert_eq!(
            html(page).message.as_deref(),
            Some("HTTP Status 503 - Service Unavailable")
        );
        // A title that only mentions a report is the page's message still.
        let page = b"<html><head><title>Error report unavailable</title></head><body><h1>Oops</h1></body></html>";
        assert_eq!(
            html(page).message.as_deref(),
            Some("Error report unavailable")
        );
    }

    #[test]
    fn squids_page_gives_its_error_block_in_any_language() {
        let page = "<html><head><title>FEHLER: Der angeforderte URL konnte nicht geholt werden</title></head><body><blockquote id=\"error\"><p><b>Verbindung zu 203.0.113.7 fehlgeschlagen.</b></p></blockquote></body></html>";
        assert_eq!(
            html(page.as_bytes()).message.as_deref(),
            Some("Verbindung zu 203.0.113.7 fehlgeschlagen.")
        );
        // An empty block leaves the title.
        let page = b"<html><head><title>ERROR: The requested URL could not be retrieved</title></head><body><blockquote id=\"error\"></blockquote></body></html>";
        assert_eq!(
            html(page).message.as_deref(),
            Some("ERROR: The requested URL could not be retrieved")
        );
    }

    #[test]
    fn pythons_error_page_gives_its_message_paragraph() {
        let page = b"<!DOCTYPE HTML>\n<html lang=\"en\">\n    <head>\n        <meta charset=\"utf-8\">\n        <title>Error response</title>\n    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 501</p>\n        <p>Message: Unsupported method (&#x27;POST&#x27;).</p>\n        <p>Error code explanation: 501 - Server does not support this operation.</p>\n    </body>\n</html>\n";
        assert_eq!(
            html(page).message.as_deref(),
            Some("Unsupported method ('POST').")
        );
        let page = b"<html><head><title>Error response</title></head><body><p>Error code: 500</p></body></html>";
        assert_eq!(html(page).message.as_deref(), Some("Error response"));
    }

    #[test]
    fn soap_faults_and_nested_messages() {
        // SOAP 1.1: faultcode and faultstring, inside prefixed elements.
        let doc = br#"<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring></soap:Fault></soap:Body></soap:Envelope>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("soap:Server"));
        assert_eq!(
            fields.message.as_deref(),
            Some("Server was unable to process request.")
        );
        // SOAP 1.2: the code's value and the reason's text, all prefixed.
        let doc = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="en">Processing error</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("env:Receiver"));
        assert_eq!(fields.message.as_deref(), Some("Processing error"));
        assert!(!fields.sender_fault);
        // A SOAP 1.2 subcode names the error below the fault's class, which still blames the
        // request.
        let doc = br#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>m:InvalidAmount</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang="en">Amount must be positive</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("m:InvalidAmount"));
        assert_eq!(fields.message.as_deref(), Some("Amount must be positive"));
        assert!(fields.sender_fault);
        // Authorize.Net: the message's text, without the code beside it.
        let doc = br#"<?xml version="1.0" encoding="utf-8"?><ErrorResponse xmlns="AnetApi/xml/v1/schema/AnetApiSchema.xsd"><messages><resultCode>Error</resultCode><message><code>E00003</code><text>The element amount has invalid value.</text></message></messages></ErrorResponse>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("E00003"));
        assert_eq!(
            fields.message.as_deref(),
            Some("The element amount has invalid value.")
        );
    }

    #[test]
    fn an_xml_rpc_fault_gives_its_code_and_string() {
        let doc = br#"<?xml version="1.0"?><methodResponse><fault><value><struct><member><name>faultCode</name><value><int>4</int></value></member><member><name>faultString</name><value><string>Too many parameters.</string></value></member></struct></value></fault></methodResponse>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("4"));
        assert_eq!(fields.message.as_deref(), Some("Too many parameters."));
        // A result names no error.
        let doc = br#"<?xml version="1.0"?><methodResponse><params><param><value><string>ok</string></value></param></params></methodResponse>"#;
        assert!(xml(doc).is_none());
    }

    #[test]
    fn an_odata_error_document_and_saps_transaction_id() {
        let doc = br#"<?xml version="1.0" encoding="utf-8"?><error xmlns="http://schemas.microsoft.com/ado/2007/08/dataservices/metadata"><code>/IWBEP/CM_TEA/004</code><message xml:lang="en">'TEAM_012345678' is not in the defined range.</message><innererror><transactionid>4FE1D144B9AD22F2E10000000A420C41</transactionid></innererror></error>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("/IWBEP/CM_TEA/004"));
        assert_eq!(
            fields.message.as_deref(),
            Some("'TEAM_012345678' is not in the defined range.")
        );
        assert_eq!(
            fields.request_id.as_deref(),
            Some("4FE1D144B9AD22F2E10000000A420C41")
        );
    }

    #[test]
    fn cdata_is_text() {
        // Worldpay's XML: the code in an attribute, the message in CDATA with a `>` in it.
        let doc = br#"<?xml version="1.0" encoding="UTF-8"?><paymentService version="1.4" merchantCode="M"><reply><error code="2"><![CDATA[Invalid amount: must be > 0 & < 10]]></error></reply></paymentService>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("2"));
        assert_eq!(
            fields.message.as_deref(),
            Some("Invalid amount: must be > 0 & < 10")
        );
        assert_eq!(clean("<pre><![CDATA[a &amp; b]]> c</pre>"), "a &amp; b c");
        // An unclosed section runs to the end.
        assert_eq!(clean("x <![CDATA[<b>y"), "x <b>y");
    }

    #[test]
    fn an_errors_description_is_its_message() {
        // Opayo's (Sage Pay's) XML: the code beside the description, not before it.
        let doc = br#"<?xml version="1.0"?><response><errors><error><code>3013</code><description>The Description is missing.</description></error></errors></response>"#;
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("3013"));
        assert_eq!(
            fields.message.as_deref(),
            Some("The Description is missing.")
        );
    }

    #[test]
    fn a_tag_name_must_match_whole() {
        let doc =
            b"<Error><CodeName>x</CodeName><Code>Throttled</Code><Messages>y</Messages></Error>";
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("Throttled"));
        assert_eq!(fields.message.as_deref(), Some("x Throttled y"));
        // A close tag that only starts with the name does not end the element.
        assert_eq!(
            element_text("<a><Code>A1</CodeX>B</Code>", "code").as_deref(),
            Some("A1 B")
        );
    }

    #[test]
    fn html_without_title_gives_cleaned_text() {
        let page = b"<!DOCTYPE html><body><script>var x = '<b>';</script><style>p{}</style>\
            <!-- a comment --><p>Service&nbsp;temporarily   unavailable &amp; down</p>\n\n<p>Try later</p></body>";
        assert_eq!(
            html(page).message.as_deref(),
            Some("Service temporarily unavailable & down Try later")
        );
    }

    #[test]
    fn aws_xml_error_document() {
        let doc = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>\
            <Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>";
        let fields = xml(doc).unwrap();
        assert_eq!(fields.code.as_deref(), Some("SlowDown"));
        assert_eq!(
            fields.message.as_deref(),
            Some("Please reduce your request rate.")
        );
        assert_eq!(fields.request_id.as_deref(), Some("4442587FB7D0A2F9"));
    }

    #[test]
    fn a_form_gives_its_fields_by_rank_decoded() {
        // PayPal's NVP: the long message outranks the short one that comes first.
        let nvp = b"CORRELATIONID=5be53331d9700&ACK=Failure&L_ERRORCODE0=10002\
            &L_SHORTMESSAGE0=Security%20error&L_LONGMESSAGE0=Security%20header%20is%20not%20valid\
            &L_ERRORCODE1=10001";
        let fields = form(nvp).unwrap();
        assert_eq!(fields.code.as_deref(), Some("10002"));
        assert_eq!(
            fields.message.as_deref(),
            Some("Security header is not valid")
        );
        assert_eq!(fields.request_id.as_deref(), Some("5be53331d9700"));
        // `+` is a space, `%XX` a byte (UTF-8 across escapes), a bad escape stays as it is.
        let fields =
            form(b"error=invalid_request&error_description=d%C3%A9j%C3%A0+vu+100%+%2Bsure")
                .unwrap();
        assert_eq!(fields.code.as_deref(), Some("invalid_request"));
        assert_eq!(
            fields.message.as_deref(),
            Some("d\u{e9}j\u{e0} vu 100% +sure")
        );
    }

    #[test]
    fn a_form_one_pair_a_line_is_taken_as_it_stands() {
        // Opayo: raw values with spaces, so a `+` is a plus.
        let fields = form(
            b"VPSProtocol=3.00\r\nStatus=INVALID\r\nStatusDetail=3013 : Amount+tax is missing.\r\n",
        )
        .unwrap();
        assert_eq!(fields.code, None);
        assert_eq!(
            fields.message.as_deref(),
            Some("3013 : Amount+tax is missing.")
        );
    }

    #[test]
    fn an_error_in_a_form_is_a_code_or_a_sentence() {
        let fields = form(b"error=slow_down").unwrap();
        assert_eq!(fields.code.as_deref(), Some("slow_down"));
        // Without a message field the body is the message.
        assert_eq!(fields.message.as_deref(), Some("error=slow_down"));
        let fields = form(b"error=Something+went+wrong").unwrap();
        assert_eq!(fields.code, None);
        assert_eq!(fields.message.as_deref(), Some("Something went wrong"));
        // Names in any case and spelling: `ErrCode`, `requestId`.
        let fields = form(b"ErrCode=E01&requestId=abc").unwrap();
        assert_eq!(fields.code.as_deref(), Some("E01"));
        assert_eq!(fields.request_id.as_deref(), Some("abc"));
    }

    #[test]
    fn text_with_an_equals_sign_is_no_form() {
        for body in [
            &b"error = database down"[..],
            b"Invalid request: amount=5&currency=usd",
            b"upstream=a&b",
            b"a=1&b=2",
            b"no pairs at all",
            b"message",
            b"%=1&message=x",
        ] {
            assert_eq!(form(body), None, "{}", String::from_utf8_lossy(body));
        }
        // An empty value names nothing.
        assert_eq!(form(b"error=&message="), None);
    }

    #[test]
    fn snippets_are_bounded_and_cleaned() {
        let long = "word ".repeat(1000);
        let message = plain(long.as_bytes()).message.unwrap();
        assert!(message.chars().count() <= SNIPPET_CHARS + 1, "{message}");
        assert!(message.ends_with('\u{2026}'));

        let noisy = "  upstream\tconnect error\u{0}\u{7}  or disconnect/reset before headers  ";
        assert_eq!(
            plain(noisy.as_bytes()).message.as_deref(),
            Some("upstream connect error or disconnect/reset before headers")
        );
    }

    #[test]
    fn invalid_utf8_and_empty_bodies() {
        assert_eq!(
            plain(b"\xff\xfe bad \xc3").message.as_deref(),
            Some("\u{fffd}\u{fffd} bad \u{fffd}")
        );
        assert_eq!(plain(b"   \n ").message, None);
        assert_eq!(html(b"<html></html>").message, None);
    }

    #[test]
    fn an_xml_document_that_says_it_all_in_attributes_is_its_own_snippet() {
        // ePDQ's (Ingenico DirectLink's) answer: no text, every word in an attribute.
        let epdq = br#"<?xml version="1.0"?>
            <ncresponse orderID="99999" PAYID="0" NCERROR="50001111"
                NCERRORPLUS="Data validation error" STATUS="0"/>"#;
        assert_eq!(
            bare_xml(epdq).and_then(|xml| xml.message).as_deref(),
            Some(
                r#"<ncresponse orderID="99999" PAYID="0" NCERROR="50001111" NCERRORPLUS="Data validation error" STATUS="0"/>"#
            )
        );
        // A document with text gives its text, an XHTML page nothing, and the snippet is bounded.
        let texty = b"<?xml version='1.0'?><reply><status>INVALID</status> Amount required</reply>";
        assert_eq!(
            bare_xml(texty).and_then(|xml| xml.message).as_deref(),
            Some("INVALID Amount required")
        );
        let xhtml = b"<?xml version='1.0'?><html><body>Bad Gateway</body></html>";
        assert_eq!(bare_xml(xhtml), None);
        assert_eq!(bare_xml(b"<error>no prolog</error>"), None);
        let long = format!("<?xml version='1.0'?><r a=\"{}\"/>", "x".repeat(1000));
        let message = bare_xml(long.as_bytes())
            .and_then(|xml| xml.message)
            .unwrap();
        assert_eq!(message.chars().count(), SNIPPET_CHARS + 1);
    }

    #[test]
    fn unclosed_markup_does_not_loop_or_panic() {
        for body in [
            &b"<"[..],
            b"<?xml",
            b"<?xml?>",
            b"<title",
            b"<title>",
            b"<script>alert(1)",
            b"<!-- never closed",
            b"&#xFFFFFFFF;",
            b"&",
            b"&#;",
        ] {
            let _ = html(body);
            let _ = xml(body);
            let _ = bare_xml(body);
            let _ = plain(body);
        }
    }

    #[test]
    fn entities() {
        assert_eq!(
            clean("a &lt;b&gt; &#65;&#x42; &unknown; &"),
            "a <b> AB &unknown; &"
        );
    }

    #[test]
    fn truncation_respects_char_boundaries() {
        assert_eq!(truncate_chars("héllo wörld", 4), "héll\u{2026}");
        assert_eq!(truncate_chars("short", 40), "short");
    }
}
