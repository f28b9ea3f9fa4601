//! `{"code": 400, "message": "..."}`: AI Guard.

use super::parse::{self, Key, Object};
use super::{
    Decoded, Envelope, read_dotted_violations, write_dotted_violation, write_message, write_violations,
};
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
        read(parse::parse(body)?)
    }
}

/// Reads `{code, message}`: one of the two must be there.
pub(super) fn read(mut object: Object<'_>) -> Option<Decoded> {
    let mut decoded = Decoded::new(CodeMessage::NAME);
    decoded.status = object.take_int(Key::Code);
    if decoded.status.is_none() {
        decoded.code = object.take_str(Key::Code);
    }
    decoded.message = object.take_str(Key::Message);
    if decoded.status.is_none() && decoded.code.is_none() && decoded.message.is_none() {
        return None;
    }
    if let Some(details) = object.take_list(Key::Details) {
        decoded.violations = read_dotted_violations(details, Key::Message, None);
    }
    decoded.members = object.into_members();
    Some(decoded)
}
