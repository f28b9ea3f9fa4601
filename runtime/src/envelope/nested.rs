//! `{"error": {"code", "message", "statusCode", ...}}`: TruthVouch.

use super::parse::{self, Rest, take_int, take_list, take_str};
use super::{Decoded, Envelope, write_dotted_violation, write_message, write_violations};
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
        parse::read_with(body, read)
    }
}

/// Reads a nested body: it must have an `error` object. Members of `error` and members beside
/// it both become [`Decoded::members`].
pub(super) fn read(decoded: &mut Decoded, rest: &mut Rest<'_>) -> bool {
    // Read in place: the object is a couple of hundred bytes, and moving it out costs a copy.
    let Some(error) = rest.error.as_mut() else {
        return false;
    };
    decoded.envelope = Nested::NAME;
    parse::unread_problem_members(decoded);
    parse::unread(&mut decoded.members, "code", &mut decoded.code);
    parse::unread(&mut decoded.members, "message", &mut decoded.message);
    decoded.code = take_str(&mut error.code);
    decoded.message = take_str(&mut error.message);
    decoded.status = take_int(&mut error.status_code);
    decoded.request_id = take_str(&mut error.request_id);
    if let Some(details) = take_list(&mut error.details) {
        decoded.violations = details.violations;
    }
    error.add_members_to(&mut decoded.members);
    rest.error = None;
    rest.move_into(&mut decoded.members);
    true
}
