//! Envelopes: the JSON shapes an error takes on the wire, both ways.
//!
//! One type per envelope renders a response ([`Envelope::write_body`]) and reads the same shape
//! back ([`Envelope::decode`]). `#[api(envelope = ...)]` selects one by name, or names your own
//! type implementing [`Envelope`]. [`decode`] reads a body of any built-in envelope, detected
//! from the content type and the body's shape.
//!
//! | envelope | body | content type |
//! |---|---|---|
//! | [`Problem`] (default) | RFC 9457 `type`, `title`, `status`, `detail`, `instance`, `code`, `request_id`, `errors` | `application/problem+json` |
//! | [`Detail`] | FastAPI `{"detail": msg}` or `{"detail": [{"loc", "msg", "type"}]}` | `application/json` |
//! | [`CodeMessage`] | `{"code": 400, "message": msg}` | `application/json` |
//! | [`Nested`] | `{"error": {"code", "message", "statusCode", "details", "requestId"}}` | `application/json` |
//! | [`Google`] | AIP-193 `{"error": {"code", "message", "status", "details": [ErrorInfo, ...]}}` | `application/json` |
//!
//! # Your own envelope
//!
//! Implement [`Envelope`]: write the body with the [`BodyWriter`] (constant fragments from the
//! variant's [`ErrorSpec`](crate::ErrorSpec), escaped text for the rest), and read it back in
//! [`decode`](Envelope::decode). Then name the type in `#[api(envelope = ...)]`.
//!
//! ```
//! use errspec::envelope::{Decoded, Envelope};
//! use errspec::{ApiError, BodyWriter, RenderContext};
//!
//! /// `{"err": {"id": "NOT_FOUND", "text": "No such user", "trace": "req_1"}}`
//! pub struct Legacy;
//!
//! impl Envelope for Legacy {
//!     const NAME: &'static str = "legacy";
//!     const CONTENT_TYPE: &'static str = "application/json";
//!
//!     fn write_body<E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>) {
//!         out.raw("{\"err\":{\"id\":");
//!         out.raw(error.spec().json.code); // the code, already a JSON string
//!         out.raw(",\"text\":");
//!         out.string_with(|w| error.write_public_message(w));
//!         if let Some(id) = ctx.request_id {
//!             out.raw(",\"trace\":");
//!             out.string(id);
//!         }
//!         out.raw("}}");
//!     }
//!
//!     fn decode(_content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
//!         #[derive(serde::Deserialize)]
//!         struct Body<'a> {
//!             #[serde(borrow)]
//!             err: Err<'a>,
//!         }
//!         #[derive(serde::Deserialize)]
//!         struct Err<'a> {
//!             id: &'a str,
//!             text: String,
//!             trace: Option<String>,
//!         }
//!         let Body { err } = serde_json::from_slice(body).ok()?;
//!         Some(Decoded {
//!             envelope: Self::NAME,
//!             code: Some(err.id.to_owned()),
//!             message: Some(err.text),
//!             request_id: err.trace,
//!             ..Decoded::default()
//!         })
//!     }
//! }
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! #[api(envelope = Legacy)]
//! enum UserError {
//!     #[error("No such user")]
//!     #[status(404)]
//!     NotFound,
//! }
//!
//! let response = UserError::NotFound.to_response_with(&RenderContext::new().with_request_id("req_1"));
//! assert_eq!(response.headers()["content-type"], "application/json");
//! assert_eq!(response.body(), br#"{"err":{"id":"NOT_FOUND","text":"No such user","trace":"req_1"}}"#);
//!
//! let decoded = Legacy::decode(Some("application/json"), response.body()).unwrap();
//! assert_eq!(decoded.code.as_deref(), Some("NOT_FOUND"));
//! assert_eq!(decoded.request_id.as_deref(), Some("req_1"));
//! ```

mod code_message;
mod detail;
mod google;
mod json;
mod nested;
mod parse;
mod problem;

pub use code_message::CodeMessage;
pub use detail::Detail;
pub use google::{ErrorDomain, Google, NoDomain};
pub use nested::Nested;
pub use problem::Problem;

use std::time::Duration;

use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};
use crate::violation::Violation;

/// A wire format for error bodies: renders an error, and reads such a body back.
pub trait Envelope {
    /// The DSL name: `problem`, `nested`, ...
    const NAME: &'static str;
    /// The response's `Content-Type`.
    const CONTENT_TYPE: &'static str;

    /// Writes the whole body of `error` into `out`.
    fn write_body<E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>);

    /// Reads an error body of this envelope; `None` when `body` is not one. Never panics.
    ///
    /// The built-in envelopes accept only their own shape. The default accepts any built-in
    /// envelope (see [`decode`]): override it when your envelope has a shape of its own.
    fn decode(content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
        decode(content_type, body)
    }
}

/// What an error body said, whatever its envelope.
///
/// Members an envelope has no slot for are `None`/empty: FastAPI's `detail` sends neither status
/// nor code, `{code, message}` sends the status as its `code`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    /// The detected envelope's [`Envelope::NAME`].
    pub envelope: &'static str,
    /// A status stated in the body (`status`, `statusCode`, Google's or AI Guard's numeric `code`).
    pub status: Option<u16>,
    /// The machine code, when the body has one (Google: `ErrorInfo.reason`).
    pub code: Option<String>,
    /// The human-readable message (`detail`, `message`).
    pub message: Option<String>,
    /// RFC 9457 `title`.
    pub title: Option<String>,
    /// RFC 9457 `type`.
    pub type_uri: Option<String>,
    /// RFC 9457 `instance`.
    pub instance: Option<String>,
    /// The request id stated in the body (`request_id`, `requestId`, Google's `RequestInfo`).
    pub request_id: Option<String>,
    /// Field violations, with as much of the location as the envelope carries.
    pub violations: Vec<Violation>,
    /// Google's `RetryInfo.retryDelay`.
    pub retry_delay: Option<Duration>,
    /// Google's gRPC status name (`RESOURCE_EXHAUSTED`).
    pub grpc_status: Option<String>,
    /// Google's `ErrorInfo.domain`.
    pub domain: Option<String>,
    /// Every other member: exposed members (Google: `ErrorInfo.metadata`) and top-level members
    /// beside the envelope's root object (TruthVouch's `governance`).
    pub members: serde_json::Map<String, serde_json::Value>,
}

/// Reads an error body of any built-in envelope, detected from the content type and the body's
/// shape; `None` if the body is not a JSON error body of any known envelope. Never panics on
/// any input. The body is parsed once, and read as `serde_json` reads JSON (RFC 8259, nesting
/// up to 127 levels), except that a body that is not UTF-8 is read with its bad bytes replaced
/// (U+FFFD) rather than refused.
///
/// ```
/// let body = br#"{"error":{"code":"RESOURCE_NOT_FOUND","message":"Resource not found","statusCode":404}}"#;
/// let decoded = errspec::envelope::decode(Some("application/json"), body).unwrap();
/// assert_eq!(decoded.envelope, "nested");
/// assert_eq!(decoded.code.as_deref(), Some("RESOURCE_NOT_FOUND"));
/// assert_eq!(decoded.status, Some(404));
/// assert_eq!(errspec::envelope::decode(Some("text/html"), b"<html>502</html>"), None);
/// ```
pub fn decode(content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
    parse::read_with(body, |decoded, rest| {
        if is_problem_json(content_type) {
            return problem::read(decoded, rest, true);
        }
        if let Some(error) = &rest.error {
            return if google::is_google(error) {
                google::read(decoded, rest)
            } else {
                nested::read(decoded, rest)
            };
        }
        let problem = problem::has_problem_members(decoded);
        if rest.detail.is_some() && !problem {
            return detail::read(decoded, rest);
        }
        if problem {
            return problem::read(decoded, rest, false);
        }
        code_message::read(decoded, rest)
    })
}

/// Whether the media type is `application/problem+json` (parameters, surrounding whitespace
/// and case ignored).
fn is_problem_json(content_type: Option<&str>) -> bool {
    let Some(value) = content_type.map(str::trim_ascii_start) else {
        return false;
    };
    let media = Problem::CONTENT_TYPE.as_bytes();
    match value.as_bytes().split_at_checked(media.len()) {
        Some((head, rest)) => {
            head.eq_ignore_ascii_case(media)
                && rest.first().is_none_or(|&b| b == b';' || b.is_ascii_whitespace())
        }
        None => false,
    }
}

/// Writes the public message as a JSON string: the derive's constant fragment when the message
/// never varies, else the message escaped straight into the buffer.
pub(crate) fn write_message<E: ApiError + ?Sized>(error: &E, out: &mut BodyWriter<'_>) {
    match error.spec().json.message {
        Some(fragment) => out.raw(fragment),
        None => out.string_with(|w| error.write_public_message(w)),
    }
}

/// Writes `[item, item, ...]`, one item per violation of `error`.
pub(crate) fn write_violations<E: ApiError + ?Sized>(
    error: &E,
    out: &mut BodyWriter<'_>,
    mut item: impl FnMut(&Violation, &mut BodyWriter<'_>),
) {
    out.raw("[");
    let mut first = true;
    error.for_each_violation(&mut |violation| {
        if !first {
            out.raw(",");
        }
        first = false;
        item(violation, out);
    });
    out.raw("]");
}

/// `{"field":"items[0].name","<message>":"..."}`: a violation with a dotted path, as TruthVouch
/// and `BadRequest.fieldViolations` spell it; `kind` goes to `<kind>` when there is one.
pub(crate) fn write_dotted_violation(
    violation: &Violation,
    out: &mut BodyWriter<'_>,
    message: &str,
    kind: Option<&str>,
) {
    out.raw("{\"field\":");
    out.string_with(|w| violation.write_dotted(w));
    out.raw(",\"");
    out.raw(message);
    out.raw("\":");
    out.string(&violation.message);
    if let Some(kind_key) = kind.filter(|_| !violation.kind.is_empty()) {
        out.raw(",\"");
        out.raw(kind_key);
        out.raw("\":");
        out.string(&violation.kind);
    }
    out.raw("}");
}

/// Writes a protobuf JSON `Duration`: `60s`, `1.500s` (0, 3, 6 or 9 fractional digits).
pub(crate) fn write_proto_duration(out: &mut dyn std::fmt::Write, wait: Duration) -> std::fmt::Result {
    let (secs, nanos) = (wait.as_secs(), wait.subsec_nanos());
    match nanos {
        0 => write!(out, "{secs}s"),
        n if n % 1_000_000 == 0 => write!(out, "{secs}.{:03}s", n / 1_000_000),
        n if n % 1_000 == 0 => write!(out, "{secs}.{:06}s", n / 1_000),
        n => write!(out, "{secs}.{n:09}s"),
    }
}

/// Parses a protobuf JSON `Duration` (`"60s"`, `"1.5s"`); `None` for negative or malformed ones.
pub(crate) fn parse_proto_duration(text: &str) -> Option<Duration> {
    let number = text.strip_suffix('s')?;
    let (secs, frac) = number.split_once('.').unwrap_or((number, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if secs.is_empty() || !digits(secs) || !digits(frac) || frac.len() > 9 {
        return None;
    }
    let secs: u64 = secs.parse().ok()?;
    let mut nanos = String::with_capacity(9);
    nanos.push_str(frac);
    while nanos.len() < 9 {
        nanos.push('0');
    }
    Some(Duration::new(secs, nanos.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proto_durations_round_trip() {
        for (wait, text) in [
            (Duration::from_secs(60), "60s"),
            (Duration::from_millis(1500), "1.500s"),
            (Duration::from_micros(2), "0.000002s"),
            (Duration::new(3, 7), "3.000000007s"),
        ] {
            let mut out = String::new();
            write_proto_duration(&mut out, wait).unwrap();
            assert_eq!(out, text);
            assert_eq!(parse_proto_duration(text), Some(wait));
        }
        assert_eq!(parse_proto_duration("1.5s"), Some(Duration::from_millis(1500)));
        for bad in ["", "s", "-1s", "1", "1.s5", "1.0000000001s", "1e3s", "+1s"] {
            assert_eq!(parse_proto_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn problem_json_is_recognised_with_parameters_and_any_case() {
        assert!(is_problem_json(Some("application/problem+json")));
        assert!(is_problem_json(Some("Application/Problem+JSON; charset=utf-8")));
        assert!(is_problem_json(Some(" application/problem+json ;q=1")));
        assert!(!is_problem_json(Some("application/problem+jsonx")));
        assert!(!is_problem_json(Some("application/problem")));
        assert!(!is_problem_json(Some("application/json")));
        assert!(!is_problem_json(None));
    }
}
