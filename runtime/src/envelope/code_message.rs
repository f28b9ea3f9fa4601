//! `{"code": 400, "message": "..."}`: AI Guard.

use super::parse::{self, Body, take_int, take_list, take_str};
use super::{Decoded, Envelope, write_dotted_violation, write_message, write_violations};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};

/// The status and a message, as AI Guard sends them:
///
/// ```json
/// {"code":400,"message":"Metrics not permitted"}
/// ```
///
/// `code` is the HTTP status, not the machine code, which this envelope does not send. A variant
/// with violations adds `"details":[{"field":"items[0].name","message":"..."}]`; exposed and
/// top-level members follow. The request id travels in `X-Request-Id` only.
///
/// Decoding accepts a string `code` too (read as the machine code), and a body with only a
/// `message`, as API gateways send (`{"message":"Forbidden"}`).
#[derive(Clone, Copy, Debug, Default)]
pub struct CodeMessage;

impl Envelope for CodeMessage {
    const NAME: &'static str = "code_message";
    const CONTENT_TYPE: &'static str = "application/json";

    fn write_body<E: ApiError + ?Sized>(error: &E, _ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>) {
        let spec = error.spec();
        out.raw("{\"code\":");
        out.number(u64::from(spec.status.as_u16()));
        out.raw(",\"message\":");
        write_message(error, out);
        if spec.violations {
            out.raw(",\"details\":");
            write_violations(error, out, |violation, out| {
                write_dotted_violation(violation, out, "message", None);
            });
        }
        error.write_exposed(out);
        error.write_top_level(out);
        out.raw("}");
    }

    fn decode(_content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
        parse::read_with(body, read)
    }
}

/// Reads `{code, message}`: one of the two must be there.
pub(super) fn read(body: &mut Body<'_>) -> Option<Decoded> {
    let mut decoded = Decoded::new(CodeMessage::NAME);
    decoded.status = take_int(&mut body.code);
    if decoded.status.is_none() {
        decoded.code = take_str(&mut body.code);
    }
    decoded.message = take_str(&mut body.message);
    if decoded.status.is_none() && decoded.code.is_none() && decoded.message.is_none() {
        return None;
    }
    if let Some(details) = take_list(&mut body.details) {
        decoded.violations = details.violations;
    }
    body.take_members_into(&mut decoded.members);
    Some(decoded)
}
