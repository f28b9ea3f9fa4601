//! RFC 9457 problem details: `application/problem+json`.

use super::{Envelope, write_message};
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
            out.raw(",\"errors\":[");
            let mut first = true;
            error.for_each_violation(&mut |violation| {
                out.raw(if first { "{\"pointer\":" } else { ",{\"pointer\":" });
                first = false;
                out.string(&format!("#{}", violation.pointer()));
                out.raw(",\"detail\":");
                out.string(&violation.message);
                out.raw("}");
            });
            out.raw("]");
        }
        error.write_exposed(out);
        error.write_top_level(out);
        out.raw("}");
    }
}
