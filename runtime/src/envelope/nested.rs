//! `{"error": {"code", "message", "statusCode", ...}}`: TruthVouch.

use super::parse::{self, Key, Object};
use super::{
    Decoded, Envelope, read_dotted_violations, write_dotted_violation, write_message, write_violations,
};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};

/// The error in an `error` object, as TruthVouch sends it:
///
/// ```json
/// {"error":{"code":"VALIDATION_ERROR","message":"Validation failed","statusCode":422,
///   "details":[{"field":"response","message":"response is required"}],"requestId":"req_abc123"}}
/// ```
///
/// `details` appears only for a variant with violations (`field` is the dotted path),
/// `requestId` only when the request has an id. Exposed members go inside `error`, after
/// `requestId`; top-level members beside it, as TruthVouch's `governance`:
///
/// ```json
/// {"error":{"code":"POLICY_BLOCKED","message":"Request blocked by governance policy","statusCode":403},
///  "governance":{"verdict":"blocked","policy_id":"policy_123"}}
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Nested;

impl Envelope for Nested {
    const NAME: &'static str = "nested";
    const CONTENT_TYPE: &'static str = "application/json";

    fn write_body<E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>) {
        let spec = error.spec();
        out.raw("{\"error\":{\"code\":");
        out.raw(spec.json.code);
        out.raw(",\"message\":");
        write_message(error, out);
        out.raw(",\"statusCode\":");
        out.number(u64::from(spec.status.as_u16()));
        if spec.violations {
            out.raw(",\"details\":");
            write_violations(error, out, |violation, out| {
                write_dotted_violation(violation, out, "message", None);
            });
        }
        if let Some(id) = ctx.request_id {
            out.raw(",\"requestId\":");
            out.string(id);
        }
        error.write_exposed(out);
        out.raw("}");
        error.write_top_level(out);
        out.raw("}");
    }

    fn decode(_content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
        read(parse::parse(body)?)
    }
}

/// Reads a nested body: it must have an `error` object. Members of `error` and members beside
/// it both become [`Decoded::members`].
pub(super) fn read(mut object: Object<'_>) -> Option<Decoded> {
    let mut error = object.take_object(Key::Error)?;
    let mut decoded = Decoded::new(Nested::NAME);
    decoded.code = error.take_str(Key::Code);
    decoded.message = error.take_str(Key::Message);
    decoded.status = error.take_int(Key::StatusCode);
    decoded.request_id = error.take_str(Key::RequestIdCamel);
    if let Some(details) = error.take_list(Key::Details) {
        decoded.violations = read_dotted_violations(details, Key::Message, None);
    }
    decoded.members = error.into_members();
    decoded.members.extend(object.into_members());
    Some(decoded)
}
