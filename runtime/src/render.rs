//! Turning an [`ApiError`] into an `http::Response`: the body writer every envelope uses, the
//! request context, and the headers.

use std::cell::RefCell;
use std::fmt;

use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderName, HeaderValue, Response};
use serde::Serialize;

use crate::api_error::ApiError;
use crate::envelope::Envelope;

/// Per-request facts that appear in an error response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RenderContext<'a> {
    /// Sent as `X-Request-Id` and in the body where the envelope has a place for it.
    pub request_id: Option<&'a str>,
    /// The request path: RFC 9457 `instance`.
    pub instance: Option<&'a str>,
}

impl<'a> RenderContext<'a> {
    /// A context with neither request id nor instance.
    pub const fn new() -> Self {
        RenderContext {
            request_id: None,
            instance: None,
        }
    }

    /// Sets the request id.
    #[must_use]
    pub const fn with_request_id(mut self, request_id: &'a str) -> Self {
        self.request_id = Some(request_id);
        self
    }

    /// Sets the instance (request path).
    #[must_use]
    pub const fn with_instance(mut self, instance: &'a str) -> Self {
        self.instance = Some(instance);
        self
    }
}

/// Something that rendering left out rather than send a malformed response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenderIssue {
    /// A header value held bytes that HTTP forbids (CR, LF, NUL, other controls) and was not sent.
    HeaderDropped {
        /// The header's name.
        name: HeaderName,
    },
    /// An exposed member failed to serialize and was left out of the body.
    MemberDropped {
        /// The member's name.
        name: &'static str,
        /// The serializer's error.
        error: String,
    },
}

impl fmt::Display for RenderIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderIssue::HeaderDropped { name } => {
                write!(
                    f,
                    "header `{name}` not sent: its value contains control characters"
                )
            }
            RenderIssue::MemberDropped { name, error } => {
                write!(f, "member `{name}` left out of the body: {error}")
            }
        }
    }
}

/// The issues of one rendering, stored in the response's extensions when there are any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RenderReport(pub Vec<RenderIssue>);

/// Writes a JSON body into one buffer: constant fragments are copied, text is escaped on the
/// way in. Envelopes build bodies with it; generated code writes exposed members with it.
#[derive(Debug)]
pub struct BodyWriter<'a> {
    buf: &'a mut Vec<u8>,
    issues: &'a mut Vec<RenderIssue>,
    members: Members,
}

/// How [`BodyWriter::member`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Members {
    /// `,"name":<JSON>`: after the members an envelope has written itself.
    Json,
    /// `"name":"<text>"`, comma-separated, into an object of its own: Google's
    /// `ErrorInfo.metadata`, a `map<string, string>`. `first` until one is written.
    Strings { first: bool },
}

impl<'a> BodyWriter<'a> {
    /// A writer appending to `buf`, recording what it leaves out in `issues`.
    pub fn new(buf: &'a mut Vec<u8>, issues: &'a mut Vec<RenderIssue>) -> Self {
        BodyWriter {
            buf,
            issues,
            members: Members::Json,
        }
    }

    /// A writer into the same buffer whose [`member`](BodyWriter::member)s go into an object
    /// of string values opened just before (`"metadata":{`): a string is written as is, any
    /// other value as its JSON text in a string.
    pub(crate) fn string_members(&mut self) -> BodyWriter<'_> {
        BodyWriter {
            buf: self.buf,
            issues: self.issues,
            members: Members::Strings { first: true },
        }
    }

    /// Appends JSON text as is: punctuation or a pre-escaped fragment.
    pub fn raw(&mut self, json: &str) {
        self.buf.extend_from_slice(json.as_bytes());
    }

    /// Appends `text` as a quoted, escaped JSON string.
    pub fn string(&mut self, text: &str) {
        self.buf.push(b'"');
        escape_into(self.buf, text);
        self.buf.push(b'"');
    }

    /// Appends whatever `write` formats as one quoted, escaped JSON string, without an
    /// intermediate `String`.
    pub fn string_with(&mut self, write: impl FnOnce(&mut dyn fmt::Write) -> fmt::Result) {
        let start = self.buf.len();
        self.buf.push(b'"');
        if write(&mut JsonStringWriter(self.buf)).is_err() {
            // A `Display` impl that fails leaves no half-written text behind.
            self.buf.truncate(start + 1);
        }
        self.buf.push(b'"');
    }

    /// Appends an unsigned integer.
    pub fn number(&mut self, n: u64) {
        self.buf.extend_from_slice(Digits::new(n).as_bytes());
    }

    /// Appends `,"name":<value as JSON>`. A value that fails to serialize is left out and
    /// reported in the response's [`RenderReport`].
    pub fn member<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        let start = self.buf.len();
        if self.members != (Members::Strings { first: true }) {
            self.buf.push(b',');
        }
        self.string(name);
        self.buf.push(b':');
        let value_start = self.buf.len();
        if let Err(error) = serde_json::to_writer(&mut *self.buf, value) {
            self.buf.truncate(start);
            self.issues.push(RenderIssue::MemberDropped {
                name,
                error: error.to_string(),
            });
            return;
        }
        if let Members::Strings { first } = &mut self.members {
            *first = false;
            if self.buf.get(value_start) != Some(&b'"') {
                let json = self.buf.split_off(value_start);
                self.string(&String::from_utf8_lossy(&json));
            }
        }
    }
}

/// `fmt::Write` into a JSON string body: escapes as it goes.
struct JsonStringWriter<'a>(&'a mut Vec<u8>);

impl fmt::Write for JsonStringWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

/// JSON-escapes `text` into `out` exactly as `serde_json` does: `"` and `\`, the short forms
/// `\b \f \n \r \t`, `\u00XX` for other controls; everything else verbatim.
pub(crate) fn escape_into(out: &mut Vec<u8>, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = text.as_bytes();
    let mut run_start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        let short = match byte {
            b'"' => b'"',
            b'\\' => b'\\',
            b'\n' => b'n',
            b'\r' => b'r',
            b'\t' => b't',
            0x08 => b'b',
            0x0c => b'f',
            0x00..=0x1f => b'u',
            _ => continue,
        };
        out.extend_from_slice(&bytes[run_start..i]);
        run_start = i + 1;
        if short == b'u' {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', short]);
        }
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// Renders `error` with envelope `N`: status, `Content-Type`, body, `Retry-After`, declared
/// headers and `X-Request-Id`. Called by the generated `to_response_with`.
///
/// Allocations: one for the body (written into a per-thread scratch buffer, then copied into a
/// `Vec` of exactly its length), the header map's two tables, and one per dynamic header value
/// (its bytes); header values are formatted on the stack.
pub fn render<N: Envelope, E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let spec = error.spec();
    let mut issues = Vec::new();
    let body = write_once(|buf| N::write_body(error, ctx, &mut BodyWriter::new(buf, &mut issues)));

    let mut response = Response::new(body);
    *response.status_mut() = spec.status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(N::CONTENT_TYPE));
    if let Some(wait) = error.retry_after() {
        // delay-seconds, rounded up so that a client never retries early.
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        if let Some(value) = header_value(Digits::new(secs).as_bytes()) {
            headers.insert(RETRY_AFTER, value);
        }
    }
    error.for_each_header(&mut |name, value| match display_header_value(value) {
        Some(value) => {
            headers.insert(name.clone(), value);
        }
        None => issues.push(RenderIssue::HeaderDropped { name: name.clone() }),
    });
    if let Some(id) = ctx.request_id {
        match header_value(id.as_bytes()) {
            Some(value) => {
                headers.insert(X_REQUEST_ID, value);
            }
            None => issues.push(RenderIssue::HeaderDropped { name: X_REQUEST_ID }),
        }
    }
    if !issues.is_empty() {
        response.extensions_mut().insert(RenderReport(issues));
    }
    response
}

/// Scratch capacity a thread keeps between renders; a larger body's buffer is released.
const SCRATCH_KEPT: usize = 16 * 1024;

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Runs `write` on this thread's scratch buffer and returns what it wrote as a `Vec` of exactly
/// that length: the body is allocated once, whatever its size, without computing the size
/// first (messages interpolate `Display` fields, exposed members go through `serde`).
fn write_once(write: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut write = Some(write);
    let mut run = |buf: &mut Vec<u8>| {
        buf.clear();
        if let Some(write) = write.take() {
            write(buf);
        }
        buf.as_slice().to_vec()
    };
    let reused = SCRATCH.try_with(|scratch| {
        // Taken when a `Display` impl renders another error mid-render: that one gets its own.
        let mut buf = scratch.try_borrow_mut().ok()?;
        let body = run(&mut buf);
        if buf.capacity() > SCRATCH_KEPT {
            *buf = Vec::new();
        }
        Some(body)
    });
    match reused {
        Ok(Some(body)) => body,
        // No scratch (re-entered, or the thread is exiting): a buffer of its own.
        _ => run(&mut Vec::new()),
    }
}

/// `value`'s `Display` as a header value (see [`header_value`]), formatted on the stack unless
/// it is longer than [`StackText`] holds.
fn display_header_value(value: &dyn fmt::Display) -> Option<HeaderValue> {
    use fmt::Write as _;
    let mut text = StackText::default();
    if write!(text, "{value}").is_ok() {
        header_value(text.as_bytes())
    } else {
        header_value(value.to_string().as_bytes())
    }
}

/// `text` as a header value, or `None` if it holds a control character (CR, LF, NUL, TAB, DEL,
/// ...): such a value could split the response or smuggle a header, so it is never sent. Bytes
/// outside ASCII are refused too, as `HeaderValue::from_str` does.
fn header_value(text: &[u8]) -> Option<HeaderValue> {
    if !text.iter().all(|b| (b' '..=b'~').contains(b)) {
        return None;
    }
    HeaderValue::from_bytes(text).ok()
}

/// Text formatted into a fixed stack buffer; writing past its end fails.
struct StackText {
    buf: [u8; 128],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            buf: [0; 128],
            len: 0,
        }
    }
}

impl StackText {
    fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// The decimal digits of a `u64`, written right to left into a stack buffer.
struct Digits {
    buf: [u8; 20],
    start: usize,
}

impl Digits {
    fn new(mut n: u64) -> Self {
        let mut digits = Digits {
            buf: [b'0'; 20],
            start: 20,
        };
        loop {
            digits.start -= 1;
            // `n % 10` is a single digit.
            #[allow(clippy::cast_possible_truncation)]
            let digit = (n % 10) as u8;
            digits.buf[digits.start] = b'0' + digit;
            n /= 10;
            if n == 0 {
                return digits;
            }
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

/// `X-Request-Id`, the header that carries [`RenderContext::request_id`].
pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_matches_serde_json() {
        let samples = [
            "plain",
            "quote \" back \\ slash",
            "ctl \u{0}\u{1f}\u{8}\u{c}\n\r\t",
            "ünï €😀 \u{7f} \u{2028}",
            "",
        ];
        for sample in samples {
            let mut ours = b"\"".to_vec();
            escape_into(&mut ours, sample);
            ours.push(b'"');
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                serde_json::to_string(sample).unwrap()
            );
        }
    }

    #[test]
    fn string_members_write_a_map_of_strings() {
        use std::collections::BTreeMap;
        let mut buf = b"{".to_vec();
        let mut issues = Vec::new();
        let mut writer = BodyWriter::new(&mut buf, &mut issues);
        {
            let mut members = writer.string_members();
            // A first member that fails leaves no comma behind.
            members.member("bad", &BTreeMap::from([((1, 2), 3)]));
            members.member("limit", &1000);
            members.member("name", "a\"b");
            members.member("list", &[1, 2]);
        }
        writer.raw("}");
        assert_eq!(
            String::from_utf8(buf).unwrap(),
            r#"{"limit":"1000","name":"a\"b","list":"[1,2]"}"#
        );
        assert!(matches!(
            &issues[..],
            [RenderIssue::MemberDropped { name: "bad", .. }]
        ));
    }

    #[test]
    fn digits_match_display() {
        for n in [0, 7, 10, 404, 1_678_886_460, u64::MAX] {
            assert_eq!(Digits::new(n).as_bytes(), n.to_string().as_bytes());
        }
    }

    #[test]
    fn header_values_longer_than_the_stack_buffer_are_still_sent() {
        let long = "x".repeat(300);
        assert_eq!(display_header_value(&long).unwrap(), long.as_str());
        assert_eq!(display_header_value(&"a\r\nb"), None);
        assert_eq!(display_header_value(&"tab\there"), None);
        assert_eq!(display_header_value(&"caf\u{e9}"), None);
        assert_eq!(display_header_value(&"req_1 ~!").unwrap(), "req_1 ~!");
    }

    #[test]
    fn bodies_are_exactly_their_length_and_the_scratch_is_reentrant() {
        let body = write_once(|buf| {
            buf.extend_from_slice(b"outer ");
            // A render inside a render (a `Display` impl that renders) gets its own buffer.
            let inner = write_once(|buf| buf.extend_from_slice(b"inner"));
            buf.extend_from_slice(&inner);
        });
        assert_eq!(body, b"outer inner");
        assert_eq!(body.capacity(), body.len());
        let big = write_once(|buf| buf.resize(SCRATCH_KEPT * 2, b'x'));
        assert_eq!(big.len(), SCRATCH_KEPT * 2);
        assert_eq!(SCRATCH.with(|s| s.borrow().capacity()), 0);
    }

    #[test]
    fn failing_members_are_left_out_and_reported() {
        use std::collections::BTreeMap;
        let mut buf = b"{\"a\":1".to_vec();
        let mut issues = Vec::new();
        let mut writer = BodyWriter::new(&mut buf, &mut issues);
        let bad: BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        writer.member("bad", &bad);
        writer.member("good", &[1, 2]);
        writer.raw("}");
        assert_eq!(String::from_utf8(buf).unwrap(), r#"{"a":1,"good":[1,2]}"#);
        assert!(matches!(
            &issues[..],
            [RenderIssue::MemberDropped { name: "bad", .. }]
        ));
    }
}
