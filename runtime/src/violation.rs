//! Field-level validation failures, rendered per envelope as FastAPI `loc`, a dotted `field`,
//! a JSON pointer or a `BadRequest.fieldViolations` entry.

use std::borrow::Cow;
use std::fmt;

use smol_str::SmolStr;

/// Where in the request a violation was found (FastAPI's first `loc` element).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// The request body.
    Body,
    /// A query parameter.
    Query,
    /// A path parameter.
    Path,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl Source {
    /// Every source.
    pub const ALL: [Source; 5] = [
        Source::Body,
        Source::Query,
        Source::Path,
        Source::Header,
        Source::Cookie,
    ];

    /// FastAPI's spelling: `body`, `query`, `path`, `header`, `cookie`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Source::Body => "body",
            Source::Query => "query",
            Source::Path => "path",
            Source::Header => "header",
            Source::Cookie => "cookie",
        }
    }

    /// Parses FastAPI's spelling.
    pub fn from_name(name: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|source| source.as_str() == name)
    }
}

/// An object member name in a [`Segment`].
///
/// Stored inline up to 23 bytes, which holds nearly every field name, so a path decoded from a
/// body costs no allocation per key; a `&'static str` is kept by reference whatever its length.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key(SmolStr);

impl Key {
    /// A key naming `name`, kept by reference (`const`, no allocation).
    pub const fn from_static(name: &'static str) -> Key {
        Key(SmolStr::new_static(name))
    }

    /// A key copied from `name` (inline when it fits).
    pub fn new(name: &str) -> Key {
        Key(SmolStr::new(name))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl std::ops::Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl From<&'static str> for Key {
    fn from(name: &'static str) -> Self {
        Key::from_static(name)
    }
}

impl From<String> for Key {
    fn from(name: String) -> Self {
        Key(SmolStr::from(name))
    }
}

impl From<Cow<'static, str>> for Key {
    fn from(name: Cow<'static, str>) -> Self {
        match name {
            Cow::Borrowed(name) => Key::from_static(name),
            Cow::Owned(name) => Key::from(name),
        }
    }
}

/// One step of a location: an object member or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object member name.
    Key(Key),
    /// An array index.
    Index(usize),
}

impl From<&'static str> for Segment {
    fn from(key: &'static str) -> Self {
        Segment::Key(Key::from_static(key))
    }
}

impl From<String> for Segment {
    fn from(key: String) -> Self {
        Segment::Key(Key::from(key))
    }
}

impl From<Key> for Segment {
    fn from(key: Key) -> Self {
        Segment::Key(key)
    }
}

impl From<usize> for Segment {
    fn from(index: usize) -> Self {
        Segment::Index(index)
    }
}

/// One invalid field: where, what is wrong, and a machine-readable kind.
///
/// ```
/// use errspec::Violation;
/// let v = Violation::body(["items".into(), 0.into(), "name".into()], "field required")
///     .with_kind("value_error.missing");
/// assert_eq!(v.dotted(), "items[0].name");
/// assert_eq!(v.pointer(), "/items/0/name");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Violation {
    /// Where the value came from, if known.
    pub source: Option<Source>,
    /// The path inside that source.
    pub path: Vec<Segment>,
    /// Human-readable description.
    pub message: Cow<'static, str>,
    /// Machine-readable kind (FastAPI `type`), empty when unknown.
    pub kind: Cow<'static, str>,
}

impl Violation {
    /// A violation at `path` with no source.
    pub fn new(path: impl IntoIterator<Item = Segment>, message: impl Into<Cow<'static, str>>) -> Self {
        Violation {
            source: None,
            path: path.into_iter().collect(),
            message: message.into(),
            kind: Cow::Borrowed(""),
        }
    }

    /// A violation in the request body.
    pub fn body(path: impl IntoIterator<Item = Segment>, message: impl Into<Cow<'static, str>>) -> Self {
        Violation::new(path, message).with_source(Source::Body)
    }

    /// A violation of the top-level body field `name`.
    pub fn field(name: impl Into<Segment>, message: impl Into<Cow<'static, str>>) -> Self {
        Violation::body([name.into()], message)
    }

    /// A violation of the query parameter `name`.
    pub fn query(name: impl Into<Segment>, message: impl Into<Cow<'static, str>>) -> Self {
        Violation::new([name.into()], message).with_source(Source::Query)
    }

    /// Sets where the value came from.
    #[must_use]
    pub fn with_source(mut self, source: Source) -> Self {
        self.source = Some(source);
        self
    }

    /// Sets the machine-readable kind.
    #[must_use]
    pub fn with_kind(mut self, kind: impl Into<Cow<'static, str>>) -> Self {
        self.kind = kind.into();
        self
    }

    /// `items[0].name`: the path as TruthVouch's `field` spells it (source omitted).
    pub fn dotted(&self) -> String {
        let mut out = String::new();
        let _ = self.write_dotted(&mut out);
        out
    }

    /// Writes [`dotted`](Violation::dotted) without an intermediate `String`.
    pub fn write_dotted(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        let mut first = true;
        for segment in &self.path {
            match segment {
                Segment::Key(key) => {
                    if !first {
                        out.write_char('.')?;
                    }
                    out.write_str(key)?;
                }
                Segment::Index(index) => write!(out, "[{index}]")?,
            }
            first = false;
        }
        Ok(())
    }

    /// `/items/0/name`: the path as an RFC 6901 JSON pointer (source omitted).
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        let _ = self.write_pointer(&mut out);
        out
    }

    /// Writes [`pointer`](Violation::pointer) without an intermediate `String`.
    pub fn write_pointer(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        for segment in &self.path {
            out.write_char('/')?;
            match segment {
                Segment::Key(key) => {
                    for c in key.chars() {
                        match c {
                            '~' => out.write_str("~0")?,
                            '/' => out.write_str("~1")?,
                            c => out.write_char(c)?,
                        }
                    }
                }
                Segment::Index(index) => write!(out, "{index}")?,
            }
        }
        Ok(())
    }

    /// Parses a dotted path (`items[0].name`) back into segments. A bracketed step that is not
    /// a number (`tags[prod]`) is a key.
    pub fn parse_dotted(dotted: &str) -> Vec<Segment> {
        // One pass over the bytes (a client parses a path per violation): `.` and `[`..`]`
        // delimit steps; every delimiter is ASCII, so each slice taken is on a char boundary.
        // (A path rarely has more than four steps, the room the first push makes.)
        let bytes = dotted.as_bytes();
        let mut segments = Vec::new();
        let push_key = |segments: &mut Vec<Segment>, key: &str| {
            if !key.is_empty() {
                segments.push(Segment::Key(Key::new(key)));
            }
        };
        let (mut start, mut at) = (0, 0);
        while at < bytes.len() {
            match bytes[at] {
                b'.' => {
                    push_key(&mut segments, &dotted[start..at]);
                    start = at + 1;
                }
                b'[' => {
                    push_key(&mut segments, &dotted[start..at]);
                    let inner = &dotted[at + 1..];
                    let close = inner.bytes().position(|b| b == b']').unwrap_or(inner.len());
                    let step = &inner[..close];
                    match step.parse() {
                        Ok(index) => segments.push(Segment::Index(index)),
                        Err(_) => push_key(&mut segments, step),
                    }
                    // On past the `]`, or to the end for a bracket never closed.
                    at = (at + close + 2).min(bytes.len());
                    start = at;
                    continue;
                }
                _ => {}
            }
            at += 1;
        }
        push_key(&mut segments, &dotted[start..]);
        segments
    }

    /// Parses an RFC 6901 pointer (with or without a leading `#`) back into segments. Numeric
    /// steps (digits, no leading zero) become indices.
    pub fn parse_pointer(pointer: &str) -> Vec<Segment> {
        // Byte scans, not `split`: a client parses a pointer per violation, and `/` is ASCII,
        // so every slice taken is on a char boundary.
        let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
        // Whatever precedes the first `/` is not a step.
        let Some(first) = pointer.bytes().position(|b| b == b'/') else {
            return Vec::new();
        };
        let steps = &pointer[first + 1..];
        // One pass: each step ends at a `/` or the end, noting on the way whether it is all
        // digits and whether it has an escape. (A path rarely has more than four steps, the room
        // the first push makes.)
        let mut segments = Vec::new();
        let (mut start, mut digits, mut escaped) = (0, true, false);
        for (at, byte) in steps.bytes().chain([b'/']).enumerate() {
            match byte {
                b'/' => {
                    segments.push(pointer_step(&steps[start..at], digits, escaped));
                    (start, digits, escaped) = (at + 1, true, false);
                }
                b'0'..=b'9' => {}
                b'~' => (digits, escaped) = (false, true),
                _ => digits = false,
            }
        }
        segments
    }
}

/// One step of a JSON pointer: an index when it is `digits` without a leading zero (or `0`),
/// else a key, with its escapes undone when it is `escaped` (`~1` is `/`, `~0` is `~`).
fn pointer_step(step: &str, digits: bool, escaped: bool) -> Segment {
    if digits
        && (step.len() == 1 || !step.starts_with('0'))
        && let Ok(index) = step.parse()
    {
        return Segment::Index(index);
    }
    if escaped {
        Segment::Key(Key::from(step.replace("~1", "/").replace("~0", "~")))
    } else {
        Segment::Key(Key::new(step))
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.dotted(), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip_through_every_spelling() {
        let path: Vec<Segment> = vec!["a/b~c".into(), 3.into(), "name".into()];
        let v = Violation::body(path.clone(), "bad");
        assert_eq!(v.pointer(), "/a~1b~0c/3/name");
        assert_eq!(Violation::parse_pointer(&v.pointer()), path);
        assert_eq!(Violation::parse_pointer(&format!("#{}", v.pointer())), path);
        let plain: Vec<Segment> = vec!["items".into(), 0.into(), "name".into()];
        assert_eq!(Violation::parse_dotted("items[0].name"), plain);
        assert_eq!(
            Violation::parse_dotted("m[2][3]"),
            vec!["m".into(), 2.into(), 3.into()]
        );
    }

    #[test]
    fn dotted_paths_parse_odd_input() {
        let key = |k: &str| Segment::Key(Key::new(k));
        assert_eq!(Violation::parse_dotted(""), []);
        assert_eq!(Violation::parse_dotted("name"), [key("name")]);
        assert_eq!(Violation::parse_dotted(".a..b."), [key("a"), key("b")]);
        assert_eq!(Violation::parse_dotted("[0]"), [Segment::Index(0)]);
        assert_eq!(
            Violation::parse_dotted("tags[prod].x"),
            [key("tags"), key("prod"), key("x")]
        );
        assert_eq!(
            Violation::parse_dotted("a[0]b"),
            [key("a"), Segment::Index(0), key("b")]
        );
        assert_eq!(Violation::parse_dotted("a[1"), [key("a"), Segment::Index(1)]);
        assert_eq!(Violation::parse_dotted("a[]"), [key("a")]);
        assert_eq!(
            Violation::parse_dotted("é.ü[2]"),
            [key("é"), key("ü"), Segment::Index(2)]
        );
        let long = "a_field_name_longer_than_twenty_four_bytes";
        assert_eq!(Violation::parse_dotted(long), [key(long)]);
    }

    #[test]
    fn pointers_parse_escapes_indices_and_odd_input() {
        let key = |k: &str| Segment::Key(Key::new(k));
        assert_eq!(Violation::parse_pointer(""), []);
        assert_eq!(Violation::parse_pointer("#"), []);
        assert_eq!(Violation::parse_pointer("name"), []);
        assert_eq!(Violation::parse_pointer("/"), [key("")]);
        assert_eq!(Violation::parse_pointer("x/a//b"), [key("a"), key(""), key("b")]);
        assert_eq!(
            Violation::parse_pointer("#/07/0/12/~01"),
            [key("07"), Segment::Index(0), Segment::Index(12), key("~1")]
        );
        assert_eq!(
            Violation::parse_pointer("/+5/-1/1e3"),
            [key("+5"), key("-1"), key("1e3")]
        );
        assert_eq!(Violation::parse_pointer("/é/ü~1"), [key("é"), key("ü/")]);
        let past_usize = "/99999999999999999999999";
        assert_eq!(Violation::parse_pointer(past_usize), [key(&past_usize[1..])]);
    }
}
