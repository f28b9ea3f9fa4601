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
use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::violation::{Key, Segment, Source, Violation};

/// Parses `bytes` and hands the body to one envelope's reader: every decoder's prologue.
pub(crate) fn read_with<'a>(
    bytes: &'a [u8],
    read: impl FnOnce(&mut Body<'a>) -> Option<super::Decoded>,
) -> Option<super::Decoded> {
    let mut body = Body::default();
    parse(bytes, &mut body)?;
    read(&mut body)
}

/// Parses `bytes` as one JSON object into `body` (in place: a body is large, and is never
/// moved); `None` for anything else (not JSON, an array, HTML, ...).
pub(crate) fn parse<'a>(bytes: &'a [u8], body: &mut Body<'a>) -> Option<()> {
    // Checked as UTF-8 once, the body is read as text: `serde_json` then checks no string on
    // its own (from bytes it checks each one, member names included, a tenth of the work on a
    // small body). A body that is not UTF-8 is read from bytes, as before: its bad bytes may
    // sit in a member that is skipped unchecked, which must not fail the body.
    match std::str::from_utf8(bytes) {
        Ok(text) => fill(serde_json::Deserializer::from_str(text), body),
        Err(_) => fill(serde_json::Deserializer::from_slice(bytes), body),
    }
}

fn fill<'a, R: serde_json::de::Read<'a>>(
    mut deserializer: serde_json::Deserializer<R>,
    body: &mut Body<'a>,
) -> Option<()> {
    deserializer.deserialize_map(FillBody(body)).ok()?;
    deserializer.end().ok()
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
    pub detail: Option<Member<'a, Vec<LocViolation>>>,
    pub errors: Option<Member<'a, Vec<PointerViolation>>>,
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
        members.extend(self.members.drain(..));
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
        members.extend(self.members.drain(..));
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

/// A FastAPI violation (an element of `detail`), read straight into the [`Violation`]:
/// `loc` (its first step naming the [`Source`] when it is one), `msg`, `type`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct LocViolation(pub Violation);

/// A problem's `errors` entry, read straight into the [`Violation`]: `pointer`, `detail`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PointerViolation(pub Violation);

/// A `google.rpc.BadRequest.FieldViolation`, read straight into the [`Violation`]: `field`
/// (dotted), `description`, `reason` (the kind).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FieldViolation(pub Violation);

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
    pub field_violations: Vec<FieldViolation>,
    pub request_id: Text<'a>,
}

/// One object of a `details` list, before it is sorted into [`Details`].
#[derive(Debug, Clone, Default, PartialEq)]
struct DetailsItem<'a> {
    violation: Violation,
    google: GoogleDetail<'a>,
}

/// A list item, read in place from an object (see [`read_items`]).
pub(crate) trait Item<'de>: Default {
    /// Reads the object's members into `self`.
    fn fill<A: MapAccess<'de>>(&mut self, map: A) -> Result<(), A::Error>;
}

/// Implements [`Item`]: each known member's value read as its type and stored by its arm,
/// other members skipped unbuilt, a repeated known member refused.
///
/// Written out rather than derived with `#[serde(default)]`: the derive builds a whole default
/// item plus a local per member, merges them and returns the item by value through every layer,
/// copying a few hundred bytes per violation, and allocates the name of every unknown member
/// (Pydantic's `input`, `ctx`, ...). Here a violation's path and message are built once, where
/// they end up.
macro_rules! item_members {
    ($item:ty, |$this:ident| { $($variant:ident = $name:literal => |$value:ident: $ty:ty| $store:expr,)* }) => {
        impl<'de> Item<'de> for $item {
            fn fill<A: MapAccess<'de>>(&mut self, mut map: A) -> Result<(), A::Error> {
                /// A member name of the item; `None` for one it does not read.
                #[derive(Clone, Copy)]
                enum Name {
                    $($variant,)*
                }
                struct NameVisitor;
                impl Visitor<'_> for NameVisitor {
                    type Value = Option<Name>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a member name")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Name>, E> {
                        Ok(match v {
                            $($name => Some(Name::$variant),)*
                            _ => None,
                        })
                    }
                }
                struct Key(Option<Name>);
                impl<'de> Deserialize<'de> for Key {
                    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
                        deserializer.deserialize_identifier(NameVisitor).map(Key)
                    }
                }
                let $this = self;
                // One bit per known member, to refuse a repeated one as the derive did.
                let mut seen = 0u32;
                while let Some(Key(name)) = map.next_key()? {
                    let Some(name) = name else {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    };
                    let bit = 1u32 << (name as u32);
                    if seen & bit != 0 {
                        return Err(de::Error::duplicate_field(match name {
                            $(Name::$variant => $name,)*
                        }));
                    }
                    seen |= bit;
                    match name {
                        $(Name::$variant => {
                            let $value: $ty = map.next_value()?;
                            $store;
                        })*
                    }
                }
                Ok(())
            }
        }
    };
}

item_members!(LocViolation, |item| {
    Loc = "loc" => |loc: Loc| (item.0.source, item.0.path) = (loc.source, loc.path),
    Msg = "msg" => |text: Text<'de>| item.0.message = text.into_message(),
    Kind = "type" => |text: Text<'de>| item.0.kind = text.into_message(),
});

item_members!(PointerViolation, |item| {
    Pointer = "pointer" => |text: Text<'de>| item.0.path = Violation::parse_pointer(text.as_str().unwrap_or_default()),
    Detail = "detail" => |text: Text<'de>| item.0.message = text.into_message(),
});

item_members!(FieldViolation, |item| {
    Field = "field" => |text: Text<'de>| item.0.path = Violation::parse_dotted(text.as_str().unwrap_or_default()),
    Description = "description" => |text: Text<'de>| item.0.message = text.into_message(),
    Reason = "reason" => |text: Text<'de>| item.0.kind = text.into_message(),
});

item_members!(DetailsItem<'de>, |item| {
    Field = "field" => |text: Text<'de>| item.violation.path = Violation::parse_dotted(text.as_str().unwrap_or_default()),
    Message = "message" => |text: Text<'de>| item.violation.message = text.into_message(),
    AtType = "@type" => |text: Text<'de>| item.google.at_type = text,
    Reason = "reason" => |text: Text<'de>| item.google.reason = text,
    Domain = "domain" => |text: Text<'de>| item.google.domain = text,
    Metadata = "metadata" => |metadata: Metadata| item.google.metadata = Some(metadata.0),
    RetryDelay = "retryDelay" => |text: Text<'de>| item.google.retry_delay = text,
    FieldViolations = "fieldViolations" => |items: Items<FieldViolation>| item.google.field_violations = items.0,
    RequestId = "requestId" => |text: Text<'de>| item.google.request_id = text,
});

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

/// FastAPI's `loc`: a first step naming a [`Source`] is the source; then names are keys,
/// non-negative integers indices (one past `usize` a key); other elements are skipped.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Loc {
    pub source: Option<Source>,
    pub path: Vec<Segment>,
}

/// A `map<string, string>` (Google's `ErrorInfo.metadata`), kept as values.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Metadata(pub Map<String, Value>);

/// A list of items; elements that are not objects are skipped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Items<I>(pub Vec<I>);

impl<I> Default for Items<I> {
    fn default() -> Self {
        Items(Vec::new())
    }
}

/// Visitor methods that accept any other JSON value and drop it, as `Default::default()`.
/// (`visit_str` is each visitor's own.)
macro_rules! drop_other_values {
    ($($skip:ident)*) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
        $(drop_other_values!(@$skip);)*
    };
    (@str) => {
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok(Self::Value::default())
        }
    };
    (@seq) => {
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Self::Value::default())
        }
    };
    (@map) => {
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            Ok(Self::Value::default())
        }
    };
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Some(Cow::Owned(v))))
            }
            drop_other_values!(seq map);
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

impl<'de> Deserialize<'de> for Loc {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LocVisitor;
        impl<'de> Visitor<'de> for LocVisitor {
            type Value = Loc;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of names and indices")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Loc, A::Error> {
                let mut loc = Loc::default();
                while let Some(step) = seq.next_element::<Scalar<'de>>()? {
                    let segment = match step {
                        Scalar::Str(name) => {
                            if loc.source.is_none()
                                && loc.path.is_empty()
                                && let Some(source) = Source::from_name(&name)
                            {
                                loc.source = Some(source);
                                continue;
                            }
                            Segment::Key(Key::new(&name))
                        }
                        Scalar::Int(index) => usize::try_from(index)
                            .map_or_else(|_| Segment::Key(Key::from(index.to_string())), Segment::Index),
                        Scalar::Other(_) => continue,
                    };
                    loc.path.push(segment);
                }
                Ok(loc)
            }
            drop_other_values!(str map);
        }
        deserializer.deserialize_any(LocVisitor)
    }
}

impl<'de> Deserialize<'de> for Metadata {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MetadataVisitor;
        impl<'de> Visitor<'de> for MetadataVisitor {
            type Value = Metadata;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Metadata, A::Error> {
                Map::deserialize(MapAccessDeserializer::new(map)).map(Metadata)
            }
            drop_other_values!(str seq);
        }
        deserializer.deserialize_any(MetadataVisitor)
    }
}

impl<'de, I: Item<'de>> Deserialize<'de> for Items<I> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemsVisitor<I>(PhantomData<I>);
        impl<'de, I: Item<'de>> Visitor<'de> for ItemsVisitor<I> {
            type Value = Items<I>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of objects")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Items<I>, A::Error> {
                read_items(seq).map(Items)
            }
            drop_other_values!(str map);
        }
        deserializer.deserialize_any(ItemsVisitor(PhantomData))
    }
}

/// A list member's value, read from a JSON array.
pub(crate) trait List<'de>: Sized {
    /// Reads the array's elements.
    fn read<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error>;
}

impl<'de, I: Item<'de>> List<'de> for Vec<I> {
    fn read<A: SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
        read_items(seq)
    }
}

impl<'de> List<'de> for Details<'de> {
    fn read<A: SeqAccess<'de>>(mut seq: A) -> Result<Self, A::Error> {
        let mut details = Details::default();
        while seq.next_element_seed(PushDetail(&mut details))?.is_some() {}
        Ok(details)
    }
}

/// Reads one element of a `details` list into its [`Details`] list; a non-object is skipped.
struct PushDetail<'v, 'a>(&'v mut Details<'a>);

impl<'de> de::DeserializeSeed<'de> for PushDetail<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PushDetail<'_, 'de> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let mut item = DetailsItem::default();
        item.fill(map)?;
        if item.google.at_type.0.is_some() {
            self.0.google.push(item.google);
        } else {
            self.0.violations.push(item.violation);
        }
        Ok(())
    }
    drop_other_values!(str seq);
}

/// The objects of a list, as `I`s; other elements are skipped.
fn read_items<'de, I: Item<'de>, A: SeqAccess<'de>>(mut seq: A) -> Result<Vec<I>, A::Error> {
    // Room for two: most lists hold one or two objects (a violation; Google's `ErrorInfo` and
    // `RequestInfo`), and an item is up to a couple of hundred bytes. (Room for four measured
    // slower on lists of five: larger blocks leave the allocator's fast path.)
    let mut items = Vec::with_capacity(2);
    while seq.next_element_seed(PushItem(&mut items))?.is_some() {}
    Ok(items)
}

/// Reads one list element: an object is read straight into a new last item of the list (no
/// item moved through the deserializer's layers); anything else is skipped.
struct PushItem<'v, I>(&'v mut Vec<I>);

impl<'de, I: Item<'de>> de::DeserializeSeed<'de> for PushItem<'_, I> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, I: Item<'de>> Visitor<'de> for PushItem<'_, I> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        self.0.push(I::default());
        match self.0.last_mut() {
            Some(item) => item.fill(map),
            None => Ok(()),
        }
    }
    drop_other_values!(str seq);
}

/// The visitor of [`Scalar`] and [`Member`]: `Member::Scalar` for scalars, lists of items,
/// objects as bodies.
/// The visitor of [`Member`]: scalars and objects as [`Scalar`]s, lists of items.
struct MemberVisitor<L>(PhantomData<L>);

impl<'de, L: List<'de>> Visitor<'de> for MemberVisitor<L> {
    type Value = Member<'de, L>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_borrowed_str(v).map(Member::Scalar)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_str(v).map(Member::Scalar)
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_string(v).map(Member::Scalar)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_u64(v).map(Member::Scalar)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_i64(v).map(Member::Scalar)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_f64(v).map(Member::Scalar)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_bool(v).map(Member::Scalar)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Member<'de, L>, E> {
        ScalarVisitor.visit_unit().map(Member::Scalar)
    }
    fn visit_none<E: de::Error>(self) -> Result<Member<'de, L>, E> {
        self.visit_unit()
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Member<'de, L>, A::Error> {
        L::read(seq).map(Member::List)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Member<'de, L>, A::Error> {
        ScalarVisitor.visit_map(map).map(Member::Scalar)
    }
}

fn other<'a>(value: Value) -> Scalar<'a> {
    Scalar::Other(Box::new(value))
}

impl<'de: 'a, 'a, L: List<'de>> Deserialize<'de> for Member<'a, L> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MemberVisitor(PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Scalar<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ScalarVisitor)
    }
}

/// The visitor of [`Scalar`]: strings, non-negative integers, anything else as a value.
struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Str(Cow::Owned(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Int(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(u64::try_from(v).map_or_else(|_| other(Value::from(v)), Scalar::Int))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(other(Value::from(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(other(Value::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(other(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(other(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar<'de>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(other)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar<'de>, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(other)
    }
}

/// Fills a [`Body`] in place.
struct FillBody<'b, 'a>(&'b mut Body<'a>);

impl<'de> Visitor<'de> for FillBody<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let body = self.0;
        while let Some(key) = map.next_key::<BodyKey>()? {
            match key {
                BodyKey::Type => body.type_uri = Some(map.next_value()?),
                BodyKey::Title => body.title = Some(map.next_value()?),
                BodyKey::Status => body.status = Some(map.next_value()?),
                BodyKey::Instance => body.instance = Some(map.next_value()?),
                BodyKey::Code => body.code = Some(map.next_value()?),
                BodyKey::RequestId => body.request_id = Some(map.next_value()?),
                BodyKey::Message => body.message = Some(map.next_value()?),
                BodyKey::Detail => body.detail = Some(map.next_value()?),
                BodyKey::Errors => body.errors = Some(map.next_value()?),
                BodyKey::Details => body.details = Some(map.next_value()?),
                BodyKey::Error => {
                    if let Some(value) = map.next_value_seed(FillError(&mut body.error))? {
                        body.members.push(("error".to_owned(), value));
                    }
                }
                BodyKey::Other(name) => {
                    let value = map.next_value()?;
                    body.members.push((name, value));
                }
            }
        }
        Ok(())
    }
}

/// Fills the `error` object in place; any other `error` value is returned, for the members.
struct FillError<'b, 'a>(&'b mut Option<ErrorObject<'a>>);

impl<'de> de::DeserializeSeed<'de> for FillError<'_, 'de> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<Value>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for FillError<'_, 'de> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Value>, E> {
        Ok(Some(Value::String(v.to_owned())))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Value>, E> {
        Ok(Some(Value::from(v)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<Value>, E> {
        Ok(Some(Value::Bool(v)))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<Value>, E> {
        Ok(Some(Value::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Option<Value>, E> {
        Ok(Some(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<Value>, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Value>, A::Error> {
        let error = self.0.insert(ErrorObject::default());
        while let Some(key) = map.next_key::<ErrorKey>()? {
            match key {
                ErrorKey::Code => error.code = Some(map.next_value()?),
                ErrorKey::Message => error.message = Some(map.next_value()?),
                ErrorKey::StatusCode => error.status_code = Some(map.next_value()?),
                ErrorKey::Status => error.status = Some(map.next_value()?),
                ErrorKey::RequestId => error.request_id = Some(map.next_value()?),
                ErrorKey::Details => error.details = Some(map.next_value()?),
                ErrorKey::Other(name) => {
                    let value = map.next_value()?;
                    error.members.push((name, value));
                }
            }
        }
        Ok(None)
    }
}

/// Declares a member-name enum and its allocation-free classifying `Deserialize`.
macro_rules! member_names {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        enum $name {
            $($variant,)*
            Other(String),
        }

        impl $name {
            fn known(name: &str) -> Option<$name> {
                Some(match name {
                    $($text => $name::$variant,)*
                    _ => return None,
                })
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct KeyVisitor;
                impl Visitor<'_> for KeyVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a member name")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        Ok($name::known(v).unwrap_or_else(|| $name::Other(v.to_owned())))
                    }
                    fn visit_string<E: de::Error>(self, v: String) -> Result<$name, E> {
                        Ok($name::known(&v).unwrap_or($name::Other(v)))
                    }
                }
                deserializer.deserialize_identifier(KeyVisitor)
            }
        }
    };
}

member_names! {
    /// A member name of a [`Body`].
    BodyKey {
        Type = "type",
        Title = "title",
        Status = "status",
        Instance = "instance",
        Code = "code",
        RequestId = "request_id",
        Message = "message",
        Detail = "detail",
        Errors = "errors",
        Details = "details",
        Error = "error",
    }
}

member_names! {
    /// A member name of an [`ErrorObject`].
    ErrorKey {
        Code = "code",
        Message = "message",
        StatusCode = "statusCode",
        Status = "status",
        RequestId = "requestId",
        Details = "details",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(body: &mut Body<'_>) -> Value {
        let mut members = Map::new();
        body.take_members_into(&mut members);
        Value::Object(members)
    }

    fn body(bytes: &[u8]) -> Option<Body<'_>> {
        let mut body = Body::default();
        parse(bytes, &mut body)?;
        Some(body)
    }

    #[test]
    fn known_members_are_typed_and_the_rest_kept() {
        let bytes =
            br#"{"code":"X","status":404,"detail":[{"loc":["body",0,null],"input":{"big":1},"msg":7},5],
            "neg":-1,"error":"plain","extra":{"a":[1,2]}}"#;
        let mut body = body(bytes).unwrap();
        assert_eq!(take_str(&mut body.code).as_deref(), Some("X"));
        assert_eq!(take_int::<u16>(&mut body.status), Some(404));
        // `error` is a string here, not an object: it is a member.
        assert_eq!(body.error, None);
        let items = take_list(&mut body.detail).unwrap();
        assert_eq!(items.len(), 1, "the non-object element is skipped");
        // `body` is the source; `null` is skipped; a `msg` that is not a string is empty.
        assert_eq!(items[0].0.source, Some(Source::Body));
        assert_eq!(items[0].0.path, [Segment::Index(0)]);
        assert_eq!(items[0].0.message, "");
        assert_eq!(
            members(&mut body),
            serde_json::json!({"neg":-1,"error":"plain","extra":{"a":[1,2]}})
        );
    }

    #[test]
    fn error_objects_are_read_in_place() {
        let mut body =
            body(br#"{"error":{"code":"X","statusCode":"422","details":[{"field":"a"}],"more":true}}"#)
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
            body(br#"{"errors":[{"input":{"x":[1]},"pointer":"/a","detail":"d"},"no",{"pointer":"/b"}]}"#)
                .unwrap();
        let items = take_list(&mut parsed.errors).unwrap();
        assert_eq!(items.len(), 2, "the string element is skipped");
        assert_eq!(items[0].0.path, [Segment::from("a")]);
        assert_eq!(items[0].0.message, "d");
        assert_eq!(items[1].0.message, "");
        assert_eq!(body(br#"{"errors":[{"pointer":"/a","pointer":"/b"}]}"#), None);
    }

    #[test]
    fn bodies_that_are_not_utf8_are_read_as_bytes() {
        // A bad byte in a skipped member does not fail the body; in a member that is read, it does.
        let skipped = b"{\"detail\":[{\"msg\":\"m\",\"input\":\"\xff\"}],\"message\":\"ok\"}";
        let mut parsed = body(skipped).unwrap();
        assert_eq!(take_str(&mut parsed.message).as_deref(), Some("ok"));
        assert_eq!(take_list(&mut parsed.detail).unwrap()[0].0.message, "m");
        assert_eq!(body(b"{\"message\":\"\xff\"}"), None);
    }

    #[test]
    fn strings_are_borrowed_unless_escaped() {
        let body = body(br#"{"message":"plain","title":"a\nb"}"#).unwrap();
        assert!(matches!(body.message, Some(Scalar::Str(Cow::Borrowed("plain")))));
        assert!(matches!(body.title, Some(Scalar::Str(Cow::Owned(t))) if t == "a\nb"));
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        for bytes in [
            &b"[]"[..],
            b"\"x\"",
            b"",
            b"<html>",
            b"{\"a\":1} trailing",
            b"{\"a\":",
        ] {
            assert_eq!(body(bytes), None, "{}", String::from_utf8_lossy(bytes));
        }
    }
}
