//! FastAPI's `{"detail": ...}`: AISafe, AEGIS.

use std::borrow::Cow;

use super::parse::{self, Key, Node, Object};
use super::{Decoded, Envelope, write_message, write_violations};
use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};
use crate::violation::{Segment, Source, Violation};

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
        read(parse::parse(body)?)
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

/// Reads a FastAPI body: it must have a `detail` string, list or object.
pub(super) fn read(mut object: Object<'_>) -> Option<Decoded> {
    let mut decoded = Decoded::new(Detail::NAME);
    match object.take(Key::Detail)? {
        Node::Str(message) => decoded.message = Some(message.into_owned()),
        Node::List(items) => decoded.violations = parse::objects(items).map(read_item).collect(),
        Node::Object(mut inner) => {
            decoded.code = inner.take_str(Key::Code);
            decoded.message = inner.take_str(Key::Message);
            decoded.members = inner.into_members();
        }
        Node::Int(_) | Node::Other(_) => return None,
    }
    if let Some(code) = object.take_str(Key::Code) {
        decoded.code = Some(code);
    }
    decoded.members.extend(object.into_members());
    Some(decoded)
}

fn read_item(mut item: Object<'_>) -> Violation {
    let mut source = None;
    let mut path = Vec::new();
    for (n, step) in item
        .take_list(Key::Loc)
        .unwrap_or_default()
        .into_iter()
        .enumerate()
    {
        match step {
            Node::Str(name) => match Source::from_name(&name) {
                Some(found) if n == 0 => source = Some(found),
                _ => path.push(Segment::Key(Cow::Owned(name.into_owned()))),
            },
            Node::Int(index) => path.push(
                usize::try_from(index)
                    .map_or_else(|_| Segment::Key(Cow::Owned(index.to_string())), Segment::Index),
            ),
            Node::List(_) | Node::Object(_) | Node::Other(_) => {}
        }
    }
    let mut violation = Violation::new(path, item.take_str(Key::Msg).unwrap_or_default());
    violation.source = source;
    if let Some(kind) = item.take_str(Key::Type) {
        violation.kind = Cow::Owned(kind);
    }
    violation
}
