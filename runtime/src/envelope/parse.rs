//! One pass over an error body of any envelope.
//!
//! The body is read, in place, into a [`Body`]: the union of the members the built-in envelopes
//! give a meaning to, typed and borrowed from the input, plus every other member as a
//! `serde_json::Value`. Each envelope then takes what it knows from it
//! (`envelope::{problem, nested, ...}::read`).
//!
//! Every member accepts every JSON type: a scalar member of an unexpected type is kept as a
//! value (and reported among the decoded extension members), a list element that is not an
//! object is skipped. So an odd member never fails the parse; only a body that is not a JSON
//! object does. Members of list elements that no envelope reads (Pydantic's `input`, `ctx`,
//! `url`, ...) are skipped without being built, and a list member the detected envelope does
//! not read (a stray `errors` beside a FastAPI `detail`) is not kept.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::json::{Malformed, Read, Reader};
use crate::violation::{Key, Segment, Source, Violation};

/// Parses `bytes` and hands the body to one envelope's reader: every decoder's prologue.
///
/// A body that is not UTF-8 is read with its bad bytes replaced (U+FFFD): a gateway that cuts
/// a body mid-character should not cost the client the rest of the error.
pub(crate) fn read_with(
    bytes: &[u8],
    read: impl FnOnce(&mut Body<'_>) -> Option<super::Decoded>,
) -> Option<super::Decoded> {
    // (`from_utf8` first: `from_utf8_lossy` checks a valid body at a third of the speed.)
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    let mut body = Body::default();
    parse(&text, &mut body).ok()?;
    read(&mut body)
}

/// Parses `text` as one JSON object into `body` (in place: a body is large, and is never
/// moved); an error for anything else (not JSON, an array, HTML, ...).
fn parse<'a>(text: &'a str, body: &mut Body<'a>) -> Read<()> {
    let mut reader = Reader::new(text);
    if reader.peek() != Some(b'{') {
        return Err(Malformed);
    }
    reader.object(|reader, key| {
        match &*key {
            "type" => body.type_uri = Some(scalar(reader)?),
            "title" => body.title = Some(scalar(reader)?),
            "status" => body.status = Some(scalar(reader)?),
            "instance" => body.instance = Some(scalar(reader)?),
            "code" => body.code = Some(scalar(reader)?),
            "request_id" => body.request_id = Some(scalar(reader)?),
            "message" => body.message = Some(scalar(reader)?),
            "detail" => body.detail = Some(member(reader, |r| items(r, loc_violation))?),
            "errors" => body.errors = Some(member(reader, |r| items(r, pointer_violation))?),
            "details" => body.details = Some(member(reader, details)?),
            "error" if reader.peek() == Some(b'{') => {
                error_object(reader, body.error.insert(ErrorObject::default()))?;
            }
            _ => body.members.push((key.into_owned(), reader.value()?)),
        }
        Ok(())
    })?;
    reader.end()
}

/// A scalar member.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar<'a> {
    /// A string, borrowed from the body unless it had escapes.
    Str(Cow<'a, str>),
    /// A non-negative integer.
    Int(u64),
    /// Anything else, kept for the extension members (boxed: rare, and it keeps scalars small).
    Other(Box<Value>),
}

impl Scalar<'_> {
    fn into_value(self) -> Value {
        match self {
            Scalar::Str(text) => Value::String(text.into_owned()),
            Scalar::Int(n) => Value::from(n),
            Scalar::Other(value) => *value,
        }
    }
}

/// A member that may be a list: `detail` (a string or FastAPI's list), `errors`, `details`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Member<'a, L> {
    Scalar(Scalar<'a>),
    /// The list, read as `L` (see [`List`]).
    List(L),
}

impl<L> Member<'_, L> {
    /// The member as a value; a list of items is not kept (its members are the envelopes').
    fn into_value(self) -> Option<Value> {
        match self {
            Member::Scalar(scalar) => Some(scalar.into_value()),
            Member::List(_) => None,
        }
    }
}

/// The top-level object of a body.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Body<'a> {
    pub type_uri: Option<Scalar<'a>>,
    pub title: Option<Scalar<'a>>,
    pub status: Option<Scalar<'a>>,
    pub instance: Option<Scalar<'a>>,
    pub code: Option<Scalar<'a>>,
    pub request_id: Option<Scalar<'a>>,
    pub message: Option<Scalar<'a>>,
    pub detail: Option<Member<'a, Vec<Violation>>>,
    pub errors: Option<Member<'a, Vec<Violation>>>,
    pub details: Option<Member<'a, Details<'a>>>,
    /// `error`, when it is an object (a string `error` is an extension member).
    pub error: Option<ErrorObject<'a>>,
    /// Every other member, in order (a map only when there are some).
    pub members: Vec<(String, Value)>,
}

/// The `error` object of the nested and Google envelopes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ErrorObject<'a> {
    pub code: Option<Scalar<'a>>,
    pub message: Option<Scalar<'a>>,
    pub status_code: Option<Scalar<'a>>,
    pub status: Option<Scalar<'a>>,
    pub request_id: Option<Scalar<'a>>,
    pub details: Option<Member<'a, Details<'a>>>,
    /// Every other member, in order (a map only when there are some).
    pub members: Vec<(String, Value)>,
}

/// Removes a string member; a member of another type stays where it is.
pub(crate) fn take_str(slot: &mut Option<Scalar<'_>>) -> Option<String> {
    match slot.take() {
        Some(Scalar::Str(text)) => Some(text.into_owned()),
        other => {
            *slot = other;
            None
        }
    }
}

/// Removes an integer member that fits `T`; anything else stays where it is.
pub(crate) fn take_int<T: TryFrom<u64>>(slot: &mut Option<Scalar<'_>>) -> Option<T> {
    match slot {
        Some(Scalar::Int(n)) => {
            let value = T::try_from(*n).ok()?;
            *slot = None;
            Some(value)
        }
        _ => None,
    }
}

/// Removes a list member; a member of another type stays where it is.
pub(crate) fn take_list<L>(slot: &mut Option<Member<'_, L>>) -> Option<L> {
    match slot.take() {
        Some(Member::List(items)) => Some(items),
        other => {
            *slot = other;
            None
        }
    }
}

/// Whether `slot` holds a string.
pub(crate) fn is_str(slot: Option<&Scalar<'_>>) -> bool {
    matches!(slot, Some(Scalar::Str(_)))
}

impl Body<'_> {
    /// Moves every member not taken yet into `members`, as values.
    pub(crate) fn take_members_into(&mut self, members: &mut Map<String, Value>) {
        if !self.members.is_empty() {
            members.extend(self.members.drain(..));
        }
        if let Some(scalar) = self.type_uri.take() {
            members.insert("type".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.title.take() {
            members.insert("title".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.status.take() {
            members.insert("status".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.instance.take() {
            members.insert("instance".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.code.take() {
            members.insert("code".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.request_id.take() {
            members.insert("request_id".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.message.take() {
            members.insert("message".to_owned(), scalar.into_value());
        }
        if let Some(value) = self.detail.take().and_then(Member::into_value) {
            members.insert("detail".to_owned(), value);
        }
        if let Some(value) = self.errors.take().and_then(Member::into_value) {
            members.insert("errors".to_owned(), value);
        }
        if let Some(value) = self.details.take().and_then(Member::into_value) {
            members.insert("details".to_owned(), value);
        }
        if let Some(mut error) = self.error.take() {
            let mut inner = Map::new();
            error.take_members_into(&mut inner);
            members.insert("error".to_owned(), Value::Object(inner));
        }
    }
}

impl ErrorObject<'_> {
    /// Moves every member not taken yet into `members`, as values.
    pub(crate) fn take_members_into(&mut self, members: &mut Map<String, Value>) {
        if !self.members.is_empty() {
            members.extend(self.members.drain(..));
        }
        if let Some(scalar) = self.code.take() {
            members.insert("code".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.message.take() {
            members.insert("message".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.status_code.take() {
            members.insert("statusCode".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.status.take() {
            members.insert("status".to_owned(), scalar.into_value());
        }
        if let Some(scalar) = self.request_id.take() {
            members.insert("requestId".to_owned(), scalar.into_value());
        }
        if let Some(value) = self.details.take().and_then(Member::into_value) {
            members.insert("details".to_owned(), value);
        }
    }
}

/// Appends `more` to `members` (a no-op, without iterator set-up, when `more` is empty).
pub(crate) fn extend(members: &mut Map<String, Value>, more: Map<String, Value>) {
    if members.is_empty() {
        *members = more;
    } else if !more.is_empty() {
        members.extend(more);
    }
}

/// A `details` list: its `google.rpc` details (the objects with an `@type`) apart, every other
/// object read straight into a [`Violation`] as a `{field, message}` item.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Details<'a> {
    pub violations: Vec<Violation>,
    pub google: Vec<GoogleDetail<'a>>,
}

/// A `google.rpc` detail: the members of `ErrorInfo`, `RetryInfo`, `BadRequest` and
/// `RequestInfo` in one.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct GoogleDetail<'a> {
    pub at_type: Text<'a>,
    pub reason: Text<'a>,
    pub domain: Text<'a>,
    /// `ErrorInfo.metadata` (`None` unless sent: an empty map still costs a drop).
    pub metadata: Option<Map<String, Value>>,
    pub retry_delay: Text<'a>,
    pub field_violations: Vec<Violation>,
    pub request_id: Text<'a>,
}

/// One object of a `details` list, before it is sorted into [`Details`].
#[derive(Debug, Clone, Default, PartialEq)]
struct DetailsItem<'a> {
    violation: Violation,
    google: GoogleDetail<'a>,
}

/// A string; `None` for any other value.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Text<'a>(pub Option<Cow<'a, str>>);

impl Text<'_> {
    /// The text, owned.
    pub(crate) fn into_string(self) -> Option<String> {
        self.0.map(Cow::into_owned)
    }

    /// The text, borrowed.
    pub(crate) fn as_str(&self) -> Option<&str> {
        self.0.as_deref()
    }

    /// The text owned, as a violation's message or kind (empty when it was not a string).
    pub(crate) fn into_message(self) -> Cow<'static, str> {
        self.0
            .map_or(Cow::Borrowed(""), |text| Cow::Owned(text.into_owned()))
    }
}

/// Reads a member that may be a list: a list with `list`, anything else as a [`Scalar`].
fn member<'a, L>(
    reader: &mut Reader<'a>,
    list: impl FnOnce(&mut Reader<'a>) -> Read<L>,
) -> Read<Member<'a, L>> {
    if reader.peek() == Some(b'[') {
        list(reader).map(Member::List)
    } else {
        scalar(reader).map(Member::Scalar)
    }
}

/// Reads a scalar member: a string, a non-negative integer, or anything else as a value.
fn scalar<'a>(reader: &mut Reader<'a>) -> Read<Scalar<'a>> {
    match reader.peek() {
        Some(b'"') => reader.string().map(Scalar::Str),
        Some(b'0'..=b'9') => match reader.number()? {
            (_, Some(n)) => Ok(Scalar::Int(n)),
            // A fraction, an exponent, or past `u64`.
            (number, None) => serde_json::from_str(number).map(other).map_err(|_| Malformed),
        },
        _ => reader.value().map(other),
    }
}

fn other<'a>(value: Value) -> Scalar<'a> {
    Scalar::Other(Box::new(value))
}

/// Reads a string; any other value is read and dropped.
fn text<'a>(reader: &mut Reader<'a>) -> Read<Text<'a>> {
    if reader.peek() == Some(b'"') {
        reader.string().map(|text| Text(Some(text)))
    } else {
        reader.skip().map(|()| Text(None))
    }
}

/// Reads the members of an object into `item`: `known` reads the value of a member it knows
/// and returns its bit, or returns `None` (the value is then skipped unbuilt). A repeated known
/// member is refused.
fn fill<'a, I>(
    reader: &mut Reader<'a>,
    item: &mut I,
    mut known: impl FnMut(&mut I, &mut Reader<'a>, &str) -> Read<Option<u32>>,
) -> Read<()> {
    let mut seen = 0u32;
    reader.object(|reader, key| match known(item, reader, &key)? {
        Some(bit) if seen & bit != 0 => Err(Malformed),
        Some(bit) => {
            seen |= bit;
            Ok(())
        }
        None => reader.skip(),
    })
}

/// Reads a list whose objects become items through `read`; other elements are skipped.
fn items<'a, I>(reader: &mut Reader<'a>, mut read: impl FnMut(&mut Reader<'a>) -> Read<I>) -> Read<Vec<I>> {
    let mut items = Vec::new();
    reader.array(|reader| {
        if reader.peek() == Some(b'{') {
            items.push(read(reader)?);
            Ok(())
        } else {
            reader.skip()
        }
    })?;
    Ok(items)
}

/// Reads a list; any other value is read and dropped, as an empty list.
fn list_or_skip<'a, I>(
    reader: &mut Reader<'a>,
    read: impl FnMut(&mut Reader<'a>) -> Read<I>,
) -> Read<Vec<I>> {
    if reader.peek() == Some(b'[') {
        items(reader, read)
    } else {
        reader.skip().map(|()| Vec::new())
    }
}

/// A FastAPI violation (an element of `detail`): `loc`, `msg`, `type`.
fn loc_violation(reader: &mut Reader<'_>) -> Read<Violation> {
    let mut violation = Violation::default();
    fill(reader, &mut violation, |violation, reader, key| {
        Ok(Some(match key {
            "loc" => {
                (violation.source, violation.path) = loc(reader)?;
                1
            }
            "msg" => {
                violation.message = text(reader)?.into_message();
                2
            }
            "type" => {
                violation.kind = text(reader)?.into_message();
                4
            }
            _ => return Ok(None),
        }))
    })?;
    Ok(violation)
}

/// FastAPI's `loc`: a first step naming a [`Source`] is the source; then names are keys,
/// non-negative integers indices (one past `usize` a key); other elements are skipped, and a
/// `loc` that is not a list is empty.
fn loc(reader: &mut Reader<'_>) -> Read<(Option<Source>, Vec<Segment>)> {
    let (mut source, mut path) = (None, Vec::new());
    if reader.peek() != Some(b'[') {
        reader.skip()?;
        return Ok((source, path));
    }
    reader.array(|reader| {
        let segment = match scalar(reader)? {
            Scalar::Str(name) => {
                if source.is_none()
                    && path.is_empty()
                    && let Some(found) = Source::from_name(&name)
                {
                    source = Some(found);
                    return Ok(());
                }
                Segment::Key(Key::new(&name))
            }
            Scalar::Int(index) => usize::try_from(index)
                .map_or_else(|_| Segment::Key(Key::from(index.to_string())), Segment::Index),
            Scalar::Other(_) => return Ok(()),
        };
        path.push(segment);
        Ok(())
    })?;
    Ok((source, path))
}

/// A problem's `errors` entry: `pointer`, `detail`.
fn pointer_violation(reader: &mut Reader<'_>) -> Read<Violation> {
    let mut violation = Violation::default();
    fill(reader, &mut violation, |violation, reader, key| {
        Ok(Some(match key {
            "pointer" => {
                violation.path = Violation::parse_pointer(text(reader)?.as_str().unwrap_or_default());
                1
            }
            "detail" => {
                violation.message = text(reader)?.into_message();
                2
            }
            _ => return Ok(None),
        }))
    })?;
    Ok(violation)
}

/// A `google.rpc.BadRequest.FieldViolation`: `field` (dotted), `description`, `reason` (the
/// kind).
fn field_violation(reader: &mut Reader<'_>) -> Read<Violation> {
    let mut violation = Violation::default();
    fill(reader, &mut violation, |violation, reader, key| {
        Ok(Some(match key {
            "field" => {
                violation.path = Violation::parse_dotted(text(reader)?.as_str().unwrap_or_default());
                1
            }
            "description" => {
                violation.message = text(reader)?.into_message();
                2
            }
            "reason" => {
                violation.kind = text(reader)?.into_message();
                4
            }
            _ => return Ok(None),
        }))
    })?;
    Ok(violation)
}

/// A `details` list, each object sorted into its [`Details`] list.
fn details<'a>(reader: &mut Reader<'a>) -> Read<Details<'a>> {
    let mut details = Details::default();
    reader.array(|reader| {
        if reader.peek() != Some(b'{') {
            return reader.skip();
        }
        let mut item = DetailsItem::default();
        fill(reader, &mut item, details_member)?;
        if item.google.at_type.0.is_some() {
            details.google.push(item.google);
        } else {
            details.violations.push(item.violation);
        }
        Ok(())
    })?;
    Ok(details)
}

/// A member of a `details` object: a field violation's `field` (dotted) and `message`, or a
/// `google.rpc` detail's.
fn details_member<'a>(item: &mut DetailsItem<'a>, reader: &mut Reader<'a>, key: &str) -> Read<Option<u32>> {
    let google = &mut item.google;
    Ok(Some(match key {
        "field" => {
            item.violation.path = Violation::parse_dotted(text(reader)?.as_str().unwrap_or_default());
            1
        }
        "message" => {
            item.violation.message = text(reader)?.into_message();
            1 << 1
        }
        "@type" => {
            google.at_type = text(reader)?;
            1 << 2
        }
        "reason" => {
            google.reason = text(reader)?;
            1 << 3
        }
        "domain" => {
            google.domain = text(reader)?;
            1 << 4
        }
        "metadata" => {
            // A `map<string, string>`, kept as values; anything else is dropped.
            google.metadata = match reader.peek() {
                Some(b'{') => match reader.value()? {
                    Value::Object(map) => Some(map),
                    _ => None,
                },
                _ => reader.skip().map(|()| None)?,
            };
            1 << 5
        }
        "retryDelay" => {
            google.retry_delay = text(reader)?;
            1 << 6
        }
        "fieldViolations" => {
            google.field_violations = list_or_skip(reader, field_violation)?;
            1 << 7
        }
        "requestId" => {
            google.request_id = text(reader)?;
            1 << 8
        }
        _ => return Ok(None),
    }))
}

/// Reads the `error` object of the nested and Google envelopes into `error`.
fn error_object<'a>(reader: &mut Reader<'a>, error: &mut ErrorObject<'a>) -> Read<()> {
    reader.object(|reader, key| {
        match &*key {
            "code" => error.code = Some(scalar(reader)?),
            "message" => error.message = Some(scalar(reader)?),
            "statusCode" => error.status_code = Some(scalar(reader)?),
            "status" => error.status = Some(scalar(reader)?),
            "requestId" => error.request_id = Some(scalar(reader)?),
            "details" => error.details = Some(member(reader, details)?),
            _ => error.members.push((key.into_owned(), reader.value()?)),
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(body: &mut Body<'_>) -> Value {
        let mut members = Map::new();
        body.take_members_into(&mut members);
        Value::Object(members)
    }

    fn body(text: &str) -> Option<Body<'_>> {
        let mut body = Body::default();
        parse(text, &mut body).ok()?;
        Some(body)
    }

    #[test]
    fn known_members_are_typed_and_the_rest_kept() {
        let text = r#"{"code":"X","status":404,"detail":[{"loc":["body",0,null],"input":{"big":1},"msg":7},5],
            "neg":-1,"error":"plain","extra":{"a":[1,2]}}"#;
        let mut body = body(text).unwrap();
        assert_eq!(take_str(&mut body.code).as_deref(), Some("X"));
        assert_eq!(take_int::<u16>(&mut body.status), Some(404));
        // `error` is a string here, not an object: it is a member.
        assert_eq!(body.error, None);
        let items = take_list(&mut body.detail).unwrap();
        assert_eq!(items.len(), 1, "the non-object element is skipped");
        // `body` is the source; `null` is skipped; a `msg` that is not a string is empty.
        assert_eq!(items[0].source, Some(Source::Body));
        assert_eq!(items[0].path, [Segment::Index(0)]);
        assert_eq!(items[0].message, "");
        assert_eq!(
            members(&mut body),
            serde_json::json!({"neg":-1,"error":"plain","extra":{"a":[1,2]}})
        );
    }

    #[test]
    fn error_objects_are_read_in_place() {
        let mut body =
            body(r#"{"error":{"code":"X","statusCode":"422","details":[{"field":"a"}],"more":true}}"#)
                .unwrap();
        let error = body.error.as_mut().unwrap();
        assert_eq!(take_str(&mut error.code).as_deref(), Some("X"));
        assert_eq!(take_int::<u16>(&mut error.status_code), None);
        assert_eq!(
            take_list(&mut error.details).unwrap().violations[0].path,
            [Segment::from("a")]
        );
        assert_eq!(
            members(&mut body),
            serde_json::json!({"error": {"statusCode": "422", "more": true}})
        );
    }

    #[test]
    fn list_items_skip_unknown_members_and_refuse_repeated_ones() {
        let mut parsed =
            body(r#"{"errors":[{"input":{"x":[1]},"pointer":"/a","detail":"d"},"no",{"pointer":"/b"}]}"#)
                .unwrap();
        let items = take_list(&mut parsed.errors).unwrap();
        assert_eq!(items.len(), 2, "the string element is skipped");
        assert_eq!(items[0].path, [Segment::from("a")]);
        assert_eq!(items[0].message, "d");
        assert_eq!(items[1].message, "");
        assert_eq!(body(r#"{"errors":[{"pointer":"/a","pointer":"/b"}]}"#), None);
    }

    #[test]
    fn bodies_that_are_not_utf8_are_read_with_replacement_characters() {
        let decoded = read_with(b"{\"code\":\"X\",\"message\":\"caf\xc3\"}", |body| {
            Some(super::super::Decoded {
                code: take_str(&mut body.code),
                message: take_str(&mut body.message),
                ..super::super::Decoded::default()
            })
        })
        .unwrap();
        assert_eq!(decoded.code.as_deref(), Some("X"));
        assert_eq!(decoded.message.as_deref(), Some("caf\u{fffd}"));
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let body = body(r#"{"message":"plain","title":"a\nb"}"#).unwrap();
        assert!(matches!(body.message, Some(Scalar::Str(Cow::Borrowed("plain")))));
        assert!(matches!(body.title, Some(Scalar::Str(Cow::Owned(t))) if t == "a\nb"));
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        for text in [
            "[]",
            "\"x\"",
            "",
            "<html>",
            "{\"a\":1} trailing",
            "{\"a\":",
            "{\"a\":01}",
        ] {
            assert_eq!(body(text), None, "{text}");
        }
    }
}
