//! AIP-193: `{"error": {"code", "message", "status", "details": [...]}}`.

use std::fmt;
use std::marker::PhantomData;

use super::parse::{self, ErrorObject, Member, Rest, Scalar, is_str, take_int, take_list, take_str};
use super::{
    Decoded, Envelope, parse_proto_duration, write_dotted_violation, write_message, write_proto_duration,
    write_violations,
};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};

const ERROR_INFO: &str = "type.googleapis.com/google.rpc.ErrorInfo";
const RETRY_INFO: &str = "type.googleapis.com/google.rpc.RetryInfo";
const BAD_REQUEST: &str = "type.googleapis.com/google.rpc.BadRequest";
const REQUEST_INFO: &str = "type.googleapis.com/google.rpc.RequestInfo";

/// Google's error model ([AIP-193](https://google.aip.dev/193)), as Google APIs send it over
/// HTTP/JSON:
///
/// ```json
/// {"error":{"code":429,"message":"Rate limit exceeded","status":"RESOURCE_EXHAUSTED","details":[
///   {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED",
///    "domain":"api.example.com","metadata":{"limit":"1000"}},
///   {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"60s"},
///   {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"items[0].name","description":"..."}]},
///   {"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req_1"}]}}
/// ```
///
/// `code` is the HTTP status and `status` the variant's gRPC code; `ErrorInfo` is always sent,
/// with the machine code as `reason`, the domain `D` names and the exposed members as
/// `metadata` (a `map<string, string>`: a member that is not a string is sent as its JSON
/// text). `RetryInfo` appears when the error has a `Retry-After`, `BadRequest` for a variant
/// with violations (a violation's kind is its `reason`), `RequestInfo` when the request has an
/// id. Top-level members sit beside `error`.
///
/// `envelope = google` sends no `domain`. To send one, name a domain type:
///
/// ```
/// use errspec::envelope::{ErrorDomain, Google};
///
/// pub struct Library;
/// impl ErrorDomain for Library {
///     const DOMAIN: &'static str = "library.example.com";
/// }
///
/// #[derive(Debug, thiserror::Error, errspec::ApiError)]
/// #[api(envelope = Google<Library>)]
/// enum BookError {
///     #[error("Book not found")]
///     #[status(404)]
///     NotFound,
/// }
///
/// let body = errspec::ApiError::to_response(&BookError::NotFound).into_body();
/// assert!(String::from_utf8(body).unwrap().contains(r#""domain":"library.example.com""#));
/// ```
pub struct Google<D: ErrorDomain = NoDomain>(PhantomData<fn() -> D>);

/// The `ErrorInfo.domain` a [`Google`] envelope sends: the service that owns the error codes.
pub trait ErrorDomain {
    /// The domain, such as `"pubsub.googleapis.com"`; empty to send none.
    const DOMAIN: &'static str;
}

/// No `ErrorInfo.domain`: the domain of `envelope = google`.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoDomain;

impl ErrorDomain for NoDomain {
    const DOMAIN: &'static str = "";
}

impl<D: ErrorDomain> fmt::Debug for Google<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Google").field(&D::DOMAIN).finish()
    }
}

impl<D: ErrorDomain> Clone for Google<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: ErrorDomain> Copy for Google<D> {}

impl<D: ErrorDomain> Default for Google<D> {
    fn default() -> Self {
        Google(PhantomData)
    }
}

impl<D: ErrorDomain> Envelope for Google<D> {
    const NAME: &'static str = "google";
    const CONTENT_TYPE: &'static str = "application/json";

    fn write_body<E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>) {
        let spec = error.spec();
        out.raw("{\"error\":{\"code\":");
        out.number(u64::from(spec.status.as_u16()));
        out.raw(",\"message\":");
        write_message(error, out);
        out.raw(",\"status\":\"");
        out.raw(spec.grpc.as_str());
        out.raw("\",\"details\":[{\"@type\":\"");
        out.raw(ERROR_INFO);
        out.raw("\",\"reason\":");
        out.raw(spec.json.code);
        if !D::DOMAIN.is_empty() {
            out.raw(",\"domain\":");
            out.string(D::DOMAIN);
        }
        if !spec.exposed.is_empty() {
            out.raw(",\"metadata\":{");
            error.write_exposed(&mut out.string_members());
            out.raw("}");
        }
        out.raw("}");
        if let Some(wait) = error.retry_after() {
            out.raw(",{\"@type\":\"");
            out.raw(RETRY_INFO);
            out.raw("\",\"retryDelay\":");
            out.string_with(|w| write_proto_duration(w, wait));
            out.raw("}");
        }
        if spec.violations {
            out.raw(",{\"@type\":\"");
            out.raw(BAD_REQUEST);
            out.raw("\",\"fieldViolations\":");
            write_violations(error, out, |violation, out| {
                write_dotted_violation(violation, out, "description", Some("reason"));
            });
            out.raw("}");
        }
        if let Some(id) = ctx.request_id {
            out.raw(",{\"@type\":\"");
            out.raw(REQUEST_INFO);
            out.raw("\",\"requestId\":");
            out.string(id);
            out.raw("}");
        }
        out.raw("]}");
        error.write_top_level(out);
        out.raw("}");
    }

    fn decode(_content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
        parse::read_with(body, read)
    }
}

/// Whether an `error` object is Google's rather than TruthVouch's: a numeric `code`, a gRPC
/// `status` name, or typed `details`.
pub(super) fn is_google(error: &ErrorObject<'_>) -> bool {
    matches!(error.code, Some(Scalar::Int(_)))
        || is_str(error.status.as_ref())
        || matches!(&error.details, Some(Member::List(details)) if !details.google.is_empty())
}

/// Reads a Google body: it must have an `error` object. Details of unknown types are skipped.
pub(super) fn read(decoded: &mut Decoded, rest: &mut Rest<'_>) -> bool {
    // Read in place: the object is a couple of hundred bytes, and moving it out costs a copy.
    let Some(error) = rest.error.as_mut() else {
        return false;
    };
    decoded.envelope = Google::<NoDomain>::NAME;
    parse::unread_problem_members(decoded);
    parse::unread(&mut decoded.members, "code", &mut decoded.code);
    parse::unread(&mut decoded.members, "message", &mut decoded.message);
    decoded.status = take_int(&mut error.code);
    decoded.message = take_str(&mut error.message);
    decoded.grpc_status = take_str(&mut error.status);
    let mut metadata = None;
    for detail in take_list(&mut error.details).unwrap_or_default().google {
        // `type.googleapis.com/google.rpc.ErrorInfo`: any host prefix names the same message.
        let name = detail
            .at_type
            .as_str()
            .and_then(|t| t.rsplit('/').next())
            .unwrap_or_default();
        match name {
            "google.rpc.ErrorInfo" => {
                decoded.code = detail.reason.into_string();
                decoded.domain = detail.domain.into_string();
                metadata = detail.metadata;
            }
            "google.rpc.RetryInfo" => {
                decoded.retry_delay = detail.retry_delay.as_str().and_then(parse_proto_duration);
            }
            "google.rpc.BadRequest" => decoded.violations = detail.field_violations,
            "google.rpc.RequestInfo" => decoded.request_id = detail.request_id.into_string(),
            _ => {}
        }
    }
    // Members beside the object come first, then the object's, then `ErrorInfo.metadata`.
    error.add_members_to(&mut decoded.members);
    rest.error = None;
    rest.move_into(&mut decoded.members);
    if let Some(metadata) = metadata {
        parse::add_inner(&mut decoded.members, metadata);
    }
    true
}
