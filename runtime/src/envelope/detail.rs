//! FastAPI's `{"detail": ...}`: AISafe, AEGIS.

use serde_json::Value;

use super::parse::{self, Member, Rest, Scalar};
use super::{Decoded, Envelope, write_message, write_violations};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};
use crate::violation::{Segment, Violation};

/// FastAPI's envelope: `{"detail": "Conversation not found"}`, and for a variant with
/// violations, Pydantic's list:
///
/// ```json
/// {"detail":[{"loc":["body","agent_type"],"msg":"field required","type":"value_error.missing"}]}
/// ```
///
/// `loc` is the violation's source then its path (indices as numbers); `type` is its kind,
/// left out when empty. The body has no place for the code, status or request id (the request
/// id travels in `X-Request-Id`); exposed and top-level members sit beside `detail`, as AISafe's
/// `{"detail": "...", "code": "EMAIL_NOT_VERIFIED"}`.
///
/// Decoding also accepts Pydantic v2's `input`, `ctx` and `url` members (skipped), and a
/// `detail` object (`HTTPException(detail={...})`), whose `code` and `message` are read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Detail;

impl Envelope for Detail {
    const NAME: &'static str = "detail";
    const CONTENT_TYPE: &'static str = "application/json";

    fn write_body<E: ApiError + ?Sized>(error: &E, _ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>) {
        out.raw("{\"detail\":");
        if error.spec().violations {
            write_violations(error, out, write_item);
        } else {
            write_message(error, out);
        }
        error.write_exposed(out);
        error.write_top_level(out);
        out.raw("}");
    }

    fn decode(_content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
        parse::read_with(body, read)
    }
}

/// `{"loc":["body","items",0],"msg":"...","type":"..."}`
fn write_item(violation: &Violation, out: &mut BodyWriter<'_>) {
    out.raw("{\"loc\":[");
    let mut first = true;
    if let Some(source) = violation.source {
        out.string(source.as_str());
        first = false;
    }
    for segment in &violation.path {
        if !first {
            out.raw(",");
        }
        first = false;
        match segment {
            Segment::Key(key) => out.string(key),
            Segment::Index(index) => out.number(u64::try_from(*index).unwrap_or(u64::MAX)),
        }
    }
    out.raw("],\"msg\":");
    out.string(&violation.message);
    if !violation.kind.is_empty() {
        out.raw(",\"type\":");
        out.string(&violation.kind);
    }
    out.raw("}");
}

/// Reads a FastAPI body: it must have a `detail`.
pub(super) fn read(decoded: &mut Decoded, rest: &mut Rest<'_>) -> bool {
    decoded.envelope = Detail::NAME;
    parse::unread_problem_members(decoded);
    parse::unread(&mut decoded.members, "message", &mut decoded.message);
    match rest.detail.take() {
        Some(Member::Scalar(Scalar::Str(message))) => decoded.message = Some(message.into_owned()),
        Some(Member::List(violations)) => decoded.violations = violations,
        // `HTTPException(detail={...})`; a number, boolean or null is no FastAPI body.
        Some(Member::Scalar(Scalar::Other(value))) => {
            let Value::Object(mut members) = *value else {
                return false;
            };
            let mut take = |name: &str| match members.remove(name) {
                Some(Value::String(text)) => Some(text),
                Some(other) => {
                    members.insert(name.to_owned(), other);
                    None
                }
                None => None,
            };
            let (code, message) = (take("code"), take("message"));
            decoded.message = message;
            // A top-level `code` comes first.
            if decoded.code.is_none() {
                decoded.code = code;
            }
            parse::add_inner(&mut decoded.members, members);
        }
        Some(Member::Scalar(Scalar::Int(_))) | None => return false,
    }
    rest.move_into(&mut decoded.members);
    true
}
