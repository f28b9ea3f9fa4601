//! One pass over an error body of any envelope.
//!
//! Every JSON object of the body is read into an [`Object`]: members whose names belong to the
//! vocabulary of a built-in envelope ([`Key`]) are kept as typed, borrowed [`Node`]s; every other
//! member is kept as a `serde_json::Value`, so that nothing a server sends is lost. Each envelope
//! then takes the members it knows from the object (`envelope::{problem, nested, ...}::read`).
//!
//! The visitors accept every JSON type for every member, so a member of an unexpected type never
//! fails the parse: it stays in the object and ends up among the decoded extension members.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// Parses `body` as one JSON object; `None` for anything else (not JSON, an array, HTML, ...).
pub(crate) fn parse(body: &[u8]) -> Option<Object<'_>> {
    match serde_json::from_slice::<Node<'_>>(body) {
        Ok(Node::Object(object)) => Some(*object),
        _ => None,
    }
}

/// Member names some built-in envelope gives a meaning to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    // RFC 9457 (and `code`, `request_id`, `errors[].pointer`).
    Type,
    Title,
    Status,
    Detail,
    Instance,
    Code,
    RequestId,
    Errors,
    Pointer,
    // FastAPI validation errors.
    Loc,
    Msg,
    // `{code, message}`, TruthVouch's nested object, Google's `error`.
    Message,
    Error,
    StatusCode,
    Details,
    RequestIdCamel,
    Field,
    // google.rpc details.
    AtType,
    Reason,
    Domain,
    Metadata,
    RetryDelay,
    FieldViolations,
    Description,
}

impl Key {
    const fn as_str(self) -> &'static str {
        match self {
            Key::Type => "type",
            Key::Title => "title",
            Key::Status => "status",
            Key::Detail => "detail",
            Key::Instance => "instance",
            Key::Code => "code",
            Key::RequestId => "request_id",
            Key::Errors => "errors",
            Key::Pointer => "pointer",
            Key::Loc => "loc",
            Key::Msg => "msg",
            Key::Message => "message",
            Key::Error => "error",
            Key::StatusCode => "statusCode",
            Key::Details => "details",
            Key::RequestIdCamel => "requestId",
            Key::Field => "field",
            Key::AtType => "@type",
            Key::Reason => "reason",
            Key::Domain => "domain",
            Key::Metadata => "metadata",
            Key::RetryDelay => "retryDelay",
            Key::FieldViolations => "fieldViolations",
            Key::Description => "description",
        }
    }

    fn from_name(name: &str) -> Option<Key> {
        Some(match name {
            "type" => Key::Type,
            "title" => Key::Title,
            "status" => Key::Status,
            "detail" => Key::Detail,
            "instance" => Key::Instance,
            "code" => Key::Code,
            "request_id" => Key::RequestId,
            "errors" => Key::Errors,
            "pointer" => Key::Pointer,
            "loc" => Key::Loc,
            "msg" => Key::Msg,
            "message" => Key::Message,
            "error" => Key::Error,
            "statusCode" => Key::StatusCode,
            "details" => Key::Details,
            "requestId" => Key::RequestIdCamel,
            "field" => Key::Field,
            "@type" => Key::AtType,
            "reason" => Key::Reason,
            "domain" => Key::Domain,
            "metadata" => Key::Metadata,
            "retryDelay" => Key::RetryDelay,
            "fieldViolations" => Key::FieldViolations,
            "description" => Key::Description,
            _ => return None,
        })
    }
}

/// FastAPI members that echo the request (`input`, which may be large) or document the error
/// type (`ctx`, `url`): skipped without building values.
const SKIPPED: [&str; 3] = ["input", "ctx", "url"];

/// A JSON value in a member of known name.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    /// A string, borrowed from the body unless it had escapes.
    Str(Cow<'a, str>),
    /// A non-negative integer.
    Int(u64),
    /// An array.
    List(Vec<Node<'a>>),
    /// An object.
    Object(Box<Object<'a>>),
    /// Anything else: `null`, booleans, negative or fractional numbers.
    Other(Value),
}

impl Node<'_> {
    /// The value as `serde_json` would have read it.
    pub(crate) fn into_value(self) -> Value {
        match self {
            Node::Str(text) => Value::String(text.into_owned()),
            Node::Int(n) => Value::from(n),
            Node::List(items) => Value::Array(items.into_iter().map(Node::into_value).collect()),
            Node::Object(object) => Value::Object(object.into_members()),
            Node::Other(value) => value,
        }
    }
}

/// A JSON object: typed members of known name, the rest as values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Object<'a> {
    /// Members of known name. An error object has a handful, so a list searched linearly
    /// beats a slot per [`Key`]: small to allocate and to move, nothing to clear.
    known: Vec<(Key, Node<'a>)>,
    members: Map<String, Value>,
}

impl<'a> Object<'a> {
    /// The member `key`, if present.
    pub(crate) fn get(&self, key: Key) -> Option<&Node<'a>> {
        self.known.iter().find(|(k, _)| *k == key).map(|(_, node)| node)
    }

    fn position(&self, key: Key) -> Option<usize> {
        self.known.iter().position(|(k, _)| *k == key)
    }

    /// Sets the member `key`; a repeated member replaces the earlier one, as `serde_json` does.
    fn insert(&mut self, key: Key, node: Node<'a>) {
        match self.position(key) {
            Some(index) => self.known[index].1 = node,
            None => self.known.push((key, node)),
        }
    }

    /// Whether the member `key` is present.
    pub(crate) fn has(&self, key: Key) -> bool {
        self.get(key).is_some()
    }

    /// Whether the member `key` is a string.
    pub(crate) fn has_str(&self, key: Key) -> bool {
        matches!(self.get(key), Some(Node::Str(_)))
    }

    /// The member `key` as a string, borrowed.
    pub(crate) fn str(&self, key: Key) -> Option<&str> {
        match self.get(key) {
            Some(Node::Str(text)) => Some(text),
            _ => None,
        }
    }

    /// Removes and returns the member `key` if `pick` accepts it; otherwise leaves it in place
    /// (so that it is still reported among the extension members).
    fn take_if<T>(&mut self, key: Key, pick: impl FnOnce(Node<'a>) -> Result<T, Node<'a>>) -> Option<T> {
        let index = self.position(key)?;
        let (key, node) = self.known.swap_remove(index);
        match pick(node) {
            Ok(value) => Some(value),
            Err(node) => {
                self.known.push((key, node));
                None
            }
        }
    }

    /// Removes the member `key` whatever it is.
    pub(crate) fn take(&mut self, key: Key) -> Option<Node<'a>> {
        let index = self.position(key)?;
        Some(self.known.swap_remove(index).1)
    }

    /// Removes the member `key` if it is a string.
    pub(crate) fn take_str(&mut self, key: Key) -> Option<String> {
        self.take_if(key, |node| match node {
            Node::Str(text) => Ok(text.into_owned()),
            other => Err(other),
        })
    }

    /// Removes the member `key` if it is an integer that fits `T`.
    pub(crate) fn take_int<T: TryFrom<u64>>(&mut self, key: Key) -> Option<T> {
        self.take_if(key, |node| match node {
            Node::Int(n) => T::try_from(n).map_err(|_| Node::Int(n)),
            other => Err(other),
        })
    }

    /// Removes the member `key` if it is an array.
    pub(crate) fn take_list(&mut self, key: Key) -> Option<Vec<Node<'a>>> {
        self.take_if(key, |node| match node {
            Node::List(items) => Ok(items),
            other => Err(other),
        })
    }

    /// Removes the member `key` if it is an object.
    pub(crate) fn take_object(&mut self, key: Key) -> Option<Object<'a>> {
        self.take_if(key, |node| match node {
            Node::Object(object) => Ok(*object),
            other => Err(other),
        })
    }

    /// The object `key`, borrowed.
    pub(crate) fn object(&self, key: Key) -> Option<&Object<'a>> {
        match self.get(key) {
            Some(Node::Object(object)) => Some(object),
            _ => None,
        }
    }

    /// Every member not taken yet, as values.
    pub(crate) fn into_members(self) -> Map<String, Value> {
        let mut members = self.members;
        for (key, node) in self.known {
            members.insert(key.as_str().to_owned(), node.into_value());
        }
        members
    }
}

/// The objects among `items`, in order.
pub(crate) fn objects(items: Vec<Node<'_>>) -> impl Iterator<Item = Object<'_>> {
    items.into_iter().filter_map(|item| match item {
        Node::Object(object) => Some(*object),
        _ => None,
    })
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Int(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(u64::try_from(v).map_or_else(|_| Node::Other(Value::from(v)), Node::Int))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Node::Other(Value::from(v)))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Other(Value::Bool(v)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node<'de>, E> {
        Ok(Node::Other(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Node<'de>, E> {
        Ok(Node::Other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(16));
        while let Some(item) = seq.next_element::<Node<'de>>()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        let mut object = Box::<Object<'de>>::default();
        while let Some(name) = map.next_key::<Name>()? {
            match name {
                Name::Known(key) => object.insert(key, map.next_value()?),
                Name::Skipped => {
                    map.next_value::<IgnoredAny>()?;
                }
                Name::Other(name) => {
                    let value = map.next_value::<Value>()?;
                    object.members.insert(name, value);
                }
            }
        }
        Ok(Node::Object(object))
    }
}

/// A member name, classified without allocating unless it is unknown.
enum Name {
    Known(Key),
    Skipped,
    Other(String),
}

impl Name {
    fn classify(name: &str) -> Option<Name> {
        match Key::from_name(name) {
            Some(key) => Some(Name::Known(key)),
            None if SKIPPED.contains(&name) => Some(Name::Skipped),
            None => None,
        }
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(NameVisitor)
    }
}

struct NameVisitor;

impl Visitor<'_> for NameVisitor {
    type Value = Name;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
        Ok(Name::classify(v).unwrap_or_else(|| Name::Other(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Name, E> {
        Ok(Name::classify(&v).unwrap_or(Name::Other(v)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_members_are_typed_and_the_rest_kept() {
        let body = br#"{"code":"X","status":404,"detail":[{"loc":["body",0],"input":{"big":1}}],
            "neg":-1,"error":"plain","extra":{"a":[1,2]}}"#;
        let mut object = parse(body).unwrap();
        assert_eq!(object.take_str(Key::Code).as_deref(), Some("X"));
        assert_eq!(object.take_int::<u16>(Key::Status), Some(404));
        // `error` is a string here, not an object: it stays a member.
        assert_eq!(object.take_object(Key::Error), None);
        let mut detail = objects(object.take_list(Key::Detail).unwrap());
        let item = detail.next().unwrap();
        assert_eq!(
            item.clone().into_members(),
            serde_json::json!({"loc":["body",0]}).as_object().unwrap().clone()
        );
        assert_eq!(
            Value::Object(object.into_members()),
            serde_json::json!({"neg":-1,"error":"plain","extra":{"a":[1,2]}})
        );
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let object = parse(br#"{"message":"plain","title":"a\nb"}"#).unwrap();
        assert!(matches!(
            object.get(Key::Message),
            Some(Node::Str(Cow::Borrowed("plain")))
        ));
        assert!(matches!(object.get(Key::Title), Some(Node::Str(Cow::Owned(t))) if t == "a\nb"));
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        for body in [
            &b"[]"[..],
            b"\"x\"",
            b"",
            b"<html>",
            b"{\"a\":1} trailing",
            b"{\"a\":",
        ] {
            assert_eq!(parse(body), None, "{}", String::from_utf8_lossy(body));
        }
    }
}
