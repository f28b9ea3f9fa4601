//! RFC 9457 problem details: `application/problem+json`.

use super::parse::{self, Key, Object};
use super::{Decoded, Envelope, write_message, write_violations};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};
use crate::violation::Violation;

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
        read(parse::parse(body)?, super::is_problem_json(content_type))
    }
}

/// Whether `object` has a member only a problem has: `type`, `title`, a numeric `status`,
/// `instance`.
pub(super) fn has_problem_members(object: &Object<'_>) -> bool {
    object.has_str(Key::Type)
        || object.has_str(Key::Title)
        || object.has_str(Key::Instance)
        || matches!(object.get(Key::Status), Some(parse::Node::Int(_)))
}

/// Reads a problem; unless the content type `declared` one, the body must have a member only a
/// problem has.
pub(super) fn read(mut object: Object<'_>, declared: bool) -> Option<Decoded> {
    if !declared && !has_problem_members(&object) {
        return None;
    }
    let mut decoded = Decoded::new(Problem::NAME);
    decoded.type_uri = object.take_str(Key::Type);
    decoded.title = object.take_str(Key::Title);
    decoded.status = object.take_int(Key::Status);
    decoded.message = object.take_str(Key::Detail);
    decoded.instance = object.take_str(Key::Instance);
    decoded.code = object.take_str(Key::Code);
    decoded.request_id = object.take_str(Key::RequestId);
    if let Some(errors) = object.take_list(Key::Errors) {
        decoded.violations = parse::objects(errors)
            .map(|mut item| {
                let path = Violation::parse_pointer(item.str(Key::Pointer).unwrap_or_default());
                Violation::new(path, item.take_str(Key::Detail).unwrap_or_default())
            })
            .collect();
    }
    decoded.members = object.into_members();
    Some(decoded)
}
