//! Field-level validation failures, rendered per envelope as FastAPI `loc`, a dotted `field`,
//! a JSON pointer or a `BadRequest.fieldViolations` entry.

use std::borrow::Cow;
use std::fmt;

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

/// One step of a location: an object member or an array index.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// An object member name.
    Key(Cow<'static, str>),
    /// An array index.
    Index(usize),
}

impl From<&'static str> for Segment {
    fn from(key: &'static str) -> Self {
        Segment::Key(Cow::Borrowed(key))
    }
}

impl From<String> for Segment {
    fn from(key: String) -> Self {
        Segment::Key(Cow::Owned(key))
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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
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

    /// Parses a dotted path (`items[0].name`) back into segments.
    pub fn parse_dotted(dotted: &str) -> Vec<Segment> {
        // The common case, one plain field name, without the splitting.
        // (A byte scan: a `char` pattern decodes every character.)
        if !dotted.is_empty() && !dotted.bytes().any(|b| b == b'.' || b == b'[') {
            return vec![Segment::Key(Cow::Owned(dotted.to_owned()))];
        }
        let mut segments = Vec::new();
        for part in dotted.split('.').filter(|part| !part.is_empty()) {
            let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
            if !key.is_empty() {
                segments.push(Segment::Key(Cow::Owned(key.to_owned())));
            }
            while let Some((index, tail)) = rest.split_once(']') {
                match index.parse() {
                    Ok(i) => segments.push(Segment::Index(i)),
                    Err(_) => segments.push(Segment::Key(Cow::Owned(index.to_owned()))),
                }
                rest = tail.strip_prefix('[').unwrap_or(tail);
            }
        }
        segments
    }

    /// Parses an RFC 6901 pointer (with or without a leading `#`) back into segments. Numeric
    /// steps become indices.
    pub fn parse_pointer(pointer: &str) -> Vec<Segment> {
        let pointer = pointer.strip_prefix('#').unwrap_or(pointer);
        // Whatever precedes the first `/` is not a step.
        let Some((_, steps)) = pointer.split_once('/') else {
            return Vec::new();
        };
        // One allocation for the steps and one per key, sized once: a client decodes a pointer
        // per violation, and a key rarely has an escape to undo (`replace` allocates twice).
        let mut segments = Vec::with_capacity(steps.bytes().filter(|&b| b == b'/').count() + 1);
        for step in steps.split('/') {
            segments.push(match step.parse() {
                Ok(index) if !step.starts_with('0') || step == "0" => Segment::Index(index),
                _ if step.contains('~') => {
                    Segment::Key(Cow::Owned(step.replace("~1", "/").replace("~0", "~")))
                }
                _ => Segment::Key(Cow::Owned(step.to_owned())),
            });
        }
        segments
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
    fn pointers_parse_escapes_indices_and_odd_input() {
        let key = |k: &str| Segment::Key(Cow::Owned(k.to_owned()));
        assert_eq!(Violation::parse_pointer(""), []);
        assert_eq!(Violation::parse_pointer("#"), []);
        assert_eq!(Violation::parse_pointer("name"), []);
        assert_eq!(Violation::parse_pointer("/"), [key("")]);
        assert_eq!(Violation::parse_pointer("x/a//b"), [key("a"), key(""), key("b")]);
        assert_eq!(
            Violation::parse_pointer("#/07/0/12/~01"),
            [key("07"), Segment::Index(0), Segment::Index(12), key("~1")]
        );
    }
}
