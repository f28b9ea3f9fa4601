//! `{"code": 400, "message": "..."}`: AI Guard.

use super::parse::{self, Rest};
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

/// Reads an AI Guard body: it must have a `code` or a `message`.
pub(super) fn read(decoded: &mut Decoded, rest: &mut Rest<'_>) -> bool {
    decoded.envelope = CodeMessage::NAME;
    parse::unread_problem_members(decoded);
    if let Some(status) = rest.code_number.and_then(|n| u16::try_from(n).ok()) {
        decoded.status = Some(status);
        rest.code_number = None;
    }
    if decoded.status.is_none() && decoded.code.is_none() && decoded.message.is_none() {
        return false;
    }
    if let Some(details) = rest.details.take() {
        decoded.violations = details;
    }
    rest.move_into(&mut decoded.members);
    true
}
