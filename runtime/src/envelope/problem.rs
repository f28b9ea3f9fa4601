//! RFC 9457 problem details: `application/problem+json`.

use super::parse::{self, Member, Rest, Scalar};
use super::{Decoded, Envelope, write_message, write_violations};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};

/// RFC 9457 problem details (the default envelope):
///
/// ```json
/// {"type":"about:blank","title":"Unprocessable Entity","status":422,
///  "detail":"Validation failed","instance":"/scan","code":"VALIDATION_FAILED",
///  "request_id":"req_1","errors":[{"pointer":"#/response","detail":"response is required"}]}
/// ```
///
/// `code` and `request_id` are extension members; exposed and top-level fields follow them.
#[derive(Clone, Copy, Debug, Default)]
pub struct Problem;

impl Envelope for Problem {
    const NAME: &'static str = "problem";
    const CONTENT_TYPE: &'static str = "application/problem+json";

    fn write_body<E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>) {
        let spec = error.spec();
        out.raw("{\"type\":");
        out.raw(spec.json.type_uri);
        out.raw(",\"title\":");
        out.raw(spec.json.title);
        out.raw(",\"status\":");
        out.number(u64::from(spec.status.as_u16()));
        out.raw(",\"detail\":");
        write_message(error, out);
        if let Some(instance) = ctx.instance {
            out.raw(",\"instance\":");
            out.string(instance);
        }
        out.raw(",\"code\":");
        out.raw(spec.json.code);
        if let Some(id) = ctx.request_id {
            out.raw(",\"request_id\":");
            out.string(id);
        }
        if spec.violations {
            out.raw(",\"errors\":");
            write_violations(error, out, |violation, out| {
                out.raw("{\"pointer\":");
                out.string_with(|w| {
                    w.write_char('#')?;
                    violation.write_pointer(w)
                });
                out.raw(",\"detail\":");
                out.string(&violation.message);
                out.raw("}");
            });
        }
        error.write_exposed(out);
        error.write_top_level(out);
        out.raw("}");
    }

    fn decode(content_type: Option<&str>, body: &[u8]) -> Option<Decoded> {
        parse::read_with(body, |decoded, rest| {
            read(decoded, rest, super::is_problem_json(content_type))
        })
    }
}

/// Whether a body has a member only a problem has: a string `type`, `title` or `instance`, or
/// a numeric `status`.
pub(super) fn has_problem_members(decoded: &Decoded) -> bool {
    decoded.type_uri.is_some()
        || decoded.title.is_some()
        || decoded.instance.is_some()
        || decoded.status.is_some()
}

/// Reads a problem; unless the content type `declared` one, the body must have a member only a
/// problem has.
pub(super) fn read(decoded: &mut Decoded, rest: &mut Rest<'_>, declared: bool) -> bool {
    if !declared && !has_problem_members(decoded) {
        return false;
    }
    decoded.envelope = Problem::NAME;
    parse::unread(&mut decoded.members, "message", &mut decoded.message);
    if let Some(Member::Scalar(Scalar::Str(detail))) = &mut rest.detail {
        decoded.message = Some(std::mem::take(detail).into_owned());
        rest.detail = None;
    }
    if let Some(errors) = rest.errors.take() {
        decoded.violations = errors;
    }
    rest.move_into(&mut decoded.members);
    true
}
