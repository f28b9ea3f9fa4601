//! One pass over an error body of any envelope.
//!
//! What every built-in envelope reads the same way is read straight into the [`Decoded`]: the
//! problem members (`type`, `title`, `status`, `instance`, `request_id`), `code` as a string,
//! `message`, and every member no envelope gives a meaning to, as an extension member. What the
//! envelope decides the meaning of (`detail`, `code` as a number, the `errors` and `details`
//! lists, the `error` object) waits in a [`Rest`]. Each envelope then finishes the reading
//! (`envelope::{problem, nested, ...}::read`): it takes what it knows from the rest, and moves the
//! members it does not read back among the extension members.
//!
//! Every member accepts every JSON type: a member of an unexpected type is kept as an extension
//! member, a list element that is not an object is skipped. So an odd member never fails the
//! parse; only a body that is not a JSON object does. Members of list elements that no envelope
//! reads (Pydantic's `input`, `ctx`, `url`, ...) are skipped without being built, and a list
//! member the envelope does not read (a stray `errors` beside a FastAPI `detail`) is not kept.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::Decoded;
use super::json::{Malformed, Number, Read, Reader};
use crate::violation::{Key, Segment, Source, Violation};

/// Parses `bytes` and hands the body to one envelope's reader, which returns whether the body
/// is one of its own: every decoder's prologue.
///
/// A body that is not UTF-8 is read with its bad bytes replaced (U+FFFD): a gateway that cuts
/// a body mid-character should not cost the client the rest of the error.
pub(crate) fn read_with(
    bytes: &[u8],
    read: impl FnOnce(&mut Decoded, &mut Rest<'_>) -> bool,
) -> Option<Decoded> {
    // (`from_utf8` first: `from_utf8_lossy` checks a valid body at a third of the speed.)
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    };
    // Built where it is returned, with one way out: a `Decoded` is a few hundred bytes, and
    // moving it costs a copy.
    let mut out = Some(Decoded::default());
    if let Some(decoded) = &mut out {
        let mut rest = Rest::default();
        if parse(&text, decoded, &mut rest).is_err() || !read(decoded, &mut rest) {
            out = None;
        }
    }
    out
}

/// Parses `text` as one JSON object into `decoded` and `rest`; an error for anything else (not
/// JSON, an array, HTML, ...).
fn parse<'a>(text: &'a str, decoded: &mut Decoded, rest: &mut Rest<'a>) -> Read<()> {
    let mut reader = Reader::new(text);
    if reader.peek() != Some(b'{') {
        return Err(Malformed);
    }
    reader.object(|reader, key| {
        let members = &mut decoded.members;
        match &*key {
            "type" => decoded.type_uri = string_or_member(reader, "type", members)?,
            "title" => decoded.title = string_or_member(reader, "title", members)?,
            "instance" => decoded.instance = string_or_member(reader, "instance", members)?,
            "request_id" => decoded.request_id = string_or_member(reader, "request_id", members)?,
            "message" => decoded.message = string_or_member(reader, "message", members)?,
            "status" => match scalar(reader)? {
                Scalar::Int(n) if let Ok(status) = u16::try_from(n) => decoded.status = Some(status),
                other => insert(members, "status", other.into_value()),
            },
            "code" => match scalar(reader)? {
                Scalar::Str(code) => decoded.code = Some(code.into_owned()),
                Scalar::Int(n) => rest.code_number = Some(n),
                Scalar::Other(value) => insert(members, "code", *value),
            },
            "detail" => rest.detail = Some(member(reader, |r| items(r, |r| violation(r, &FASTAPI)))?),
            "errors" if reader.peek() == Some(b'[') => {
                rest.errors = Some(items(reader, |r| violation(r, &PROBLEM))?);
            }
            "details" if reader.peek() == Some(b'[') => rest.details = Some(details(reader)?.violations),
            "error" if reader.peek() == Some(b'{') => {
                error_object(reader, rest.error.insert(ErrorObject::default()))?;
            }
            _ => insert(members, &key, reader.value()?),
        }
        Ok(())
    })?;
    reader.end()
}

/// Reads a member that should be a string: the string, or `None` with the member kept among
/// `members` as whatever it is.
fn string_or_member(
    reader: &mut Reader<'_>,
    name: &str,
    members: &mut Map<String, Value>,
) -> Read<Option<String>> {
    if reader.peek() == Some(b'"') {
        reader.string().map(|text| Some(text.into_owned()))
    } else {
        insert(members, name, reader.value()?);
        Ok(None)
    }
}

/// Adds an extension member; one of the same name read earlier is replaced, as `serde_json`
/// does.
fn insert(members: &mut Map<String, Value>, name: &str, value: Value) {
    members.insert(name.to_owned(), value);
}

/// Adds the extension members of an inner object (the `error` object, `ErrorInfo.metadata`):
/// a member of the same name read beside it, at the top level, is kept.
pub(crate) fn add_inner(members: &mut Map<String, Value>, inner: impl IntoIterator<Item = (String, Value)>) {
    for (name, value) in inner {
        members.entry(name).or_insert(value);
    }
}

/// What a body's envelope decides the meaning of, waiting until the envelope is known.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rest<'a> {
    /// `code` as a number: AI Guard's status.
    pub code_number: Option<u64>,
    /// `detail`: the message of a problem or FastAPI body, FastAPI's violations, or FastAPI's
    /// `HTTPException(detail={...})` object.
    pub detail: Option<Member<'a, Vec<Violation>>>,
    /// A problem's `errors`.
    pub errors: Option<Vec<Violation>>,
    /// AI Guard's `details`: `{field, message}` violations.
    pub details: Option<Vec<Violation>>,
    /// The `error` object of the nested and Google envelopes.
    pub error: Option<ErrorObject<'a>>,
}

impl Rest<'_> {
    /// Moves every member still waiting into `members`: `detail` and `code` as values, the
    /// `error` object as one; lists are dropped (their items are the envelopes').
    #[inline]
    pub(crate) fn move_into(&mut self, members: &mut Map<String, Value>) {
        if let Some(n) = self.code_number.take() {
            insert(members, "code", Value::from(n));
        }
        if let Some(Member::Scalar(detail)) = self.detail.take() {
            insert(members, "detail", detail.into_value());
        }
        if let Some(mut error) = self.error.take() {
            let mut inner = Map::new();
            error.take_members_into(&mut inner);
            insert(members, "error", Value::Object(inner));
        }
    }
}

/// Moves the problem members read into `decoded` back among its extension members: for the
/// envelopes that do not read them.
#[inline]
pub(crate) fn unread_problem_members(decoded: &mut Decoded) {
    let members = &mut decoded.members;
    unread(members, "type", &mut decoded.type_uri);
    unread(members, "title", &mut decoded.title);
    unread(members, "instance", &mut decoded.instance);
    unread(members, "request_id", &mut decoded.request_id);
    if let Some(status) = decoded.status.take() {
        insert(members, "status", Value::from(status));
    }
}

/// Moves a top-level member read into `slot` back among the extension members.
pub(crate) fn unread(members: &mut Map<String, Value>, name: &str, slot: &mut Option<String>) {
    if let Some(text) = slot.take() {
        insert(members, name, Value::String(text));
    }
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

/// A member that may be a list: `detail` (a string or FastAPI's list), an `error` object's
/// `details`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Member<'a, L> {
    Scalar(Scalar<'a>),
    /// The list, read by its items' reader.
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

impl ErrorObject<'_> {
    /// Adds every member not taken yet to the extension members of a nested or Google body,
    /// where members read beside the object, at the top level, come first.
    pub(crate) fn add_members_to(&mut self, members: &mut Map<String, Value>) {
        let mut inner = Map::new();
        self.take_members_into(&mut inner);
        if !inner.is_empty() {
            add_inner(members, inner);
        }
    }

    /// Moves every member not taken yet into `members` (a new map), as values.
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
    /// Made on the first member only a `google.rpc` detail has: a field violation never makes
    /// one, nor drops one.
    google: Option<GoogleDetail<'a>>,
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
            Number::Int(n) => Ok(Scalar::Int(n)),
            // A fraction, an exponent, or past `u64`.
            Number::Other(number) => serde_json::from_str(number).map(other).map_err(|_| Malformed),
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

/// Where a violation is: its source, if the body says, and its path.
type Location = (Option<Source>, Vec<Segment>);

/// How a list spells a violation: the member that locates it and how that member is read, and
/// the members of its message and of its kind, if it has one.
struct Spelling {
    location: &'static str,
    read_location: fn(&mut Reader<'_>) -> Read<Location>,
    message: &'static str,
    kind: Option<&'static str>,
}

/// FastAPI's `detail` items: `{"loc": ["body", "items", 0], "msg": ..., "type": ...}`.
const FASTAPI: Spelling = Spelling {
    location: "loc",
    read_location: loc,
    message: "msg",
    kind: Some("type"),
};

/// A problem's `errors` items: `{"pointer": "/items/0", "detail": ...}`.
const PROBLEM: Spelling = Spelling {
    location: "pointer",
    read_location: |reader| {
        Ok((
            None,
            Violation::parse_pointer(text(reader)?.as_str().unwrap_or_default()),
        ))
    },
    message: "detail",
    kind: None,
};

/// `google.rpc.BadRequest.fieldViolations` items: `{"field": "items[0]", "description": ...,
/// "reason": ...}`.
const BAD_REQUEST: Spelling = Spelling {
    location: "field",
    read_location: |reader| {
        Ok((
            None,
            Violation::parse_dotted(text(reader)?.as_str().unwrap_or_default()),
        ))
    },
    message: "description",
    kind: Some("reason"),
};

/// Reads a list item spelled as `spelling` says into a [`Violation`].
fn violation(reader: &mut Reader<'_>, spelling: &Spelling) -> Read<Violation> {
    let mut violation = Violation::default();
    fill(reader, &mut violation, |violation, reader, key| {
        Ok(Some(if key == spelling.location {
            (violation.source, violation.path) = (spelling.read_location)(reader)?;
            1
        } else if key == spelling.message {
            violation.message = text(reader)?.into_message();
            2
        } else if Some(key) == spelling.kind {
            violation.kind = text(reader)?.into_message();
            4
        } else {
            return Ok(None);
        }))
    })?;
    Ok(violation)
}

/// FastAPI's `loc`: a first step naming a [`Source`] is the source; then names are keys,
/// non-negative integers indices (one past `usize` a key); other elements are skipped, and a
/// `loc` that is not a list is empty.
fn loc(reader: &mut Reader<'_>) -> Read<Location> {
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

/// A `details` list, each object sorted into its [`Details`] list.
fn details<'a>(reader: &mut Reader<'a>) -> Read<Details<'a>> {
    let mut details = Details::default();
    reader.array(|reader| {
        if reader.peek() != Some(b'{') {
            return reader.skip();
        }
        let mut item = DetailsItem::default();
        fill(reader, &mut item, details_member)?;
        match item.google {
            Some(google) if google.at_type.0.is_some() => details.google.push(google),
            _ => details.violations.push(item.violation),
        }
        Ok(())
    })?;
    Ok(details)
}

/// A member of a `details` object: a field violation's `field` (dotted) and `message`, or a
/// `google.rpc` detail's.
fn details_member<'a>(item: &mut DetailsItem<'a>, reader: &mut Reader<'a>, key: &str) -> Read<Option<u32>> {
    /// The item's `google.rpc` detail, made on its first member.
    fn google<'x, 'a>(slot: &'x mut Option<GoogleDetail<'a>>) -> &'x mut GoogleDetail<'a> {
        slot.get_or_insert_with(GoogleDetail::default)
    }
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
            google(&mut item.google).at_type = text(reader)?;
            1 << 2
        }
        "reason" => {
            google(&mut item.google).reason = text(reader)?;
            1 << 3
        }
        "domain" => {
            google(&mut item.google).domain = text(reader)?;
            1 << 4
        }
        "metadata" => {
            // A `map<string, string>`, kept as values; anything else is dropped.
            google(&mut item.google).metadata = match reader.peek() {
                Some(b'{') => match reader.value()? {
                    Value::Object(map) => Some(map),
                    _ => None,
                },
                _ => reader.skip().map(|()| None)?,
            };
            1 << 5
        }
        "retryDelay" => {
            google(&mut item.google).retry_delay = text(reader)?;
            1 << 6
        }
        "fieldViolations" => {
            google(&mut item.google).field_violations = list_or_skip(reader, |r| violation(r, &BAD_REQUEST))?;
            1 << 7
        }
        "requestId" => {
            google(&mut item.google).request_id = text(reader)?;
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

    /// The body read, before any envelope: what went straight into place, and the rest.
    fn read(text: &str) -> Option<(Decoded, Rest<'_>)> {
        let (mut decoded, mut rest) = (Decoded::default(), Rest::default());
        parse(text, &mut decoded, &mut rest).ok()?;
        Some((decoded, rest))
    }

    #[test]
    fn shared_members_go_straight_into_place_and_the_rest_waits() {
        let text = r#"{"code":"X","status":404,"detail":[{"loc":["body",0,null],"input":{"big":1},"msg":7},5],
            "neg":-1,"error":"plain","extra":{"a":[1,2]},"message":3}"#;
        let (decoded, mut rest) = read(text).unwrap();
        assert_eq!((decoded.code.as_deref(), decoded.status), (Some("X"), Some(404)));
        // `error` is a string here, not an object; `message` is a number: both are members.
        assert_eq!((rest.error.is_none(), decoded.message.is_none()), (true, true));
        assert_eq!(
            Value::Object(decoded.members),
            serde_json::json!({"neg":-1,"error":"plain","extra":{"a":[1,2]},"message":3})
        );
        let items = take_list(&mut rest.detail).unwrap();
        assert_eq!(items.len(), 1, "the non-object element is skipped");
        // `body` is the source; `null` is skipped; a `msg` that is not a string is empty.
        assert_eq!(items[0].source, Some(Source::Body));
        assert_eq!(items[0].path, [Segment::Index(0)]);
        assert_eq!(items[0].message, "");
    }

    #[test]
    fn what_waits_is_moved_among_the_members_when_no_envelope_reads_it() {
        let (mut decoded, mut rest) =
            read(r#"{"code":429,"detail":{"a":1},"errors":[{"pointer":"/a"}],"title":"T","status":70000}"#)
                .unwrap();
        assert_eq!(decoded.title.as_deref(), Some("T"));
        unread_problem_members(&mut decoded);
        rest.move_into(&mut decoded.members);
        assert_eq!(
            Value::Object(decoded.members),
            serde_json::json!({"code":429,"detail":{"a":1},"title":"T","status":70000})
        );
    }

    #[test]
    fn error_objects_are_read_in_place() {
        let (mut decoded, mut rest) = read(
            r#"{"error":{"code":"X","statusCode":"422","details":[{"field":"a"}],"more":true},"more":false}"#,
        )
        .unwrap();
        let error = rest.error.as_mut().unwrap();
        assert_eq!(take_str(&mut error.code).as_deref(), Some("X"));
        assert_eq!(take_int::<u16>(&mut error.status_code), None);
        assert_eq!(
            take_list(&mut error.details).unwrap().violations[0].path,
            [Segment::from("a")]
        );
        // The member beside the object comes first.
        error.add_members_to(&mut decoded.members);
        assert_eq!(
            Value::Object(decoded.members),
            serde_json::json!({"statusCode": "422", "more": false})
        );
    }

    #[test]
    fn list_items_skip_unknown_members_and_refuse_repeated_ones() {
        let (_, mut rest) =
            read(r#"{"errors":[{"input":{"x":[1]},"pointer":"/a","detail":"d"},"no",{"pointer":"/b"}]}"#)
                .unwrap();
        let items = rest.errors.take().unwrap();
        assert_eq!(items.len(), 2, "the string element is skipped");
        assert_eq!(items[0].path, [Segment::from("a")]);
        assert_eq!(items[0].message, "d");
        assert_eq!(items[1].message, "");
        assert!(read(r#"{"errors":[{"pointer":"/a","pointer":"/b"}]}"#).is_none());
    }

    #[test]
    fn bodies_that_are_not_utf8_are_read_with_replacement_characters() {
        let decoded = read_with(b"{\"code\":\"X\",\"message\":\"caf\xc3\"}", |_, _| true).unwrap();
        assert_eq!(decoded.code.as_deref(), Some("X"));
        assert_eq!(decoded.message.as_deref(), Some("caf\u{fffd}"));
    }

    #[test]
    fn strings_are_read_whether_escaped_or_not() {
        let (decoded, _) = read(r#"{"message":"plain","title":"a\nb"}"#).unwrap();
        assert_eq!(decoded.message.as_deref(), Some("plain"));
        assert_eq!(decoded.title.as_deref(), Some("a\nb"));
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
            assert!(read(text).is_none(), "{text}");
        }
    }
}
