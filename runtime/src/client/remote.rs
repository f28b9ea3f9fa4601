//! `RemoteError`: an error response as a client sees it, decoded from any envelope.

use std::fmt;
use std::time::{Duration, SystemTime};

use http::{HeaderMap, StatusCode};

use super::headers::{RateLimit, RetryHints};
use crate::api_error::ErrorKind;
use crate::envelope::{self, Decoded};
use crate::retry::{Action, Retry};
use crate::spec::ErrorSpec;
use crate::violation::Violation;

/// At most this many body bytes are read and decoded (64 KiB). Error bodies are a few hundred
/// bytes; the cap bounds the memory and parse time a misbehaving server or proxy can cost. A
/// longer body is cut there: it then usually fails to decode as JSON and falls back to text,
/// and [`RemoteError::body_truncated`] says so.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// A message taken from a non-JSON body (proxy HTML, plain text) is cut to this many chars.
const MAX_TEXT_CHARS: usize = 200;

/// The kind type of a [`RemoteError`] decoded without an error enum: no code is ever known,
/// codes stay available as strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Untyped {}

impl ErrorKind for Untyped {
    const ALL: &'static [Self] = &[];

    fn spec(self) -> &'static ErrorSpec {
        match self {}
    }
}

/// How a client should treat an error: the exception classes of the seed APIs' SDKs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorClass {
    /// 400, 422 and other 4xx: the request itself is wrong.
    InvalidRequest,
    /// 401, 407: credentials missing, invalid or expired.
    Unauthenticated,
    /// 403: authenticated, not allowed.
    PermissionDenied,
    /// 404, 410: absent (or hidden).
    NotFound,
    /// 409, 412: the resource's state conflicts with the request.
    Conflict,
    /// 425, 429: throttled.
    RateLimited,
    /// 500, 501, 505 and other 5xx: the server failed.
    Server,
    /// 408, 502, 503, 504: the service is unreachable or overloaded for now.
    Unavailable,
}

impl ErrorClass {
    /// Every class.
    pub const ALL: [ErrorClass; 8] = [
        ErrorClass::InvalidRequest,
        ErrorClass::Unauthenticated,
        ErrorClass::PermissionDenied,
        ErrorClass::NotFound,
        ErrorClass::Conflict,
        ErrorClass::RateLimited,
        ErrorClass::Server,
        ErrorClass::Unavailable,
    ];

    /// The class of an HTTP status (anything below 500 that names no class is `InvalidRequest`).
    pub const fn from_status(status: u16) -> ErrorClass {
        match status {
            401 | 407 => ErrorClass::Unauthenticated,
            403 => ErrorClass::PermissionDenied,
            404 | 410 => ErrorClass::NotFound,
            409 | 412 => ErrorClass::Conflict,
            425 | 429 => ErrorClass::RateLimited,
            408 | 502..=504 => ErrorClass::Unavailable,
            500..=599 => ErrorClass::Server,
            _ => ErrorClass::InvalidRequest,
        }
    }

    /// `invalid_request`, `rate_limited`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorClass::InvalidRequest => "invalid_request",
            ErrorClass::Unauthenticated => "unauthenticated",
            ErrorClass::PermissionDenied => "permission_denied",
            ErrorClass::NotFound => "not_found",
            ErrorClass::Conflict => "conflict",
            ErrorClass::RateLimited => "rate_limited",
            ErrorClass::Server => "server",
            ErrorClass::Unavailable => "unavailable",
        }
    }
}

impl fmt::Display for ErrorClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error response decoded on the client: whatever the envelope, a proxy's HTML page or an
/// empty body. `K` is the kind enum the derive generated for the server's error type; codes it
/// does not know stay available as strings.
///
/// ```
/// # use errspec::ApiError;
/// use errspec::client::{ErrorClass, RemoteError};
///
/// #[derive(Debug, thiserror::Error, ApiError)]
/// #[api(envelope = problem)]
/// enum ScanError {
///     #[error("Resource not found")]
///     #[status(404, code = "RESOURCE_NOT_FOUND")]
///     NotFound,
/// }
///
/// let response = ScanError::NotFound.to_response();
/// let remote = RemoteError::<ScanErrorKind>::from_parts(
///     response.status(),
///     response.headers(),
///     response.body(),
/// );
/// assert_eq!(remote.kind(), Some(ScanErrorKind::NotFound));
/// assert_eq!(remote.message(), Some("Resource not found"));
/// assert_eq!(remote.class(), ErrorClass::NotFound);
/// ```
#[derive(Clone, Debug)]
pub struct RemoteError<K = Untyped> {
    status: StatusCode,
    kind: Option<K>,
    decoded: Option<Decoded>,
    text: Option<String>,
    header_request_id: Option<String>,
    hints: RetryHints,
    truncated: bool,
}

impl<K: ErrorKind> RemoteError<K> {
    /// Decodes a response. Reads at most [`MAX_BODY_BYTES`] of `body`; never panics.
    pub fn from_parts(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Self {
        RemoteError::from_parts_at(status, headers, body, SystemTime::now())
    }

    /// As [`from_parts`](RemoteError::from_parts), resolving HTTP-dates and epoch resets
    /// against `now` (reproducible tests, recorded responses).
    pub fn from_parts_at(status: StatusCode, headers: &HeaderMap, body: &[u8], now: SystemTime) -> Self {
        let truncated = body.len() > MAX_BODY_BYTES;
        let body = &body[..body.len().min(MAX_BODY_BYTES)];
        RemoteError::from_read_body(status, headers, body, truncated, now)
    }

    /// `body` is at most [`MAX_BODY_BYTES`]; `truncated` says whether more was sent.
    pub(crate) fn from_read_body(
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
        truncated: bool,
        now: SystemTime,
    ) -> Self {
        let content_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok());
        let decoded = envelope::decode(content_type, body);
        let text = match decoded {
            Some(_) => None,
            None => text_message(content_type, body),
        };
        let header_request_id = headers
            .get(crate::render::X_REQUEST_ID)
            .and_then(|value| value.to_str().ok())
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned);
        let mut remote = RemoteError {
            status,
            kind: None,
            decoded,
            text,
            header_request_id,
            hints: RetryHints::from_headers(headers, now),
            truncated,
        };
        remote.kind = remote.resolve_kind();
        remote
    }

    /// The kind: by code when the body has one; by status when the body has no code (the
    /// `detail` envelope, a gateway's HTML page) and exactly one kind has that status.
    fn resolve_kind(&self) -> Option<K> {
        match self.code() {
            Some(code) => K::from_code(code),
            None => {
                let mut same_status = K::ALL.iter().filter(|kind| kind.spec().status == self.status);
                match (same_status.next(), same_status.next()) {
                    (Some(kind), None) => Some(*kind),
                    _ => None,
                }
            }
        }
    }

    /// The typed kind: the one whose code the body names, `None` when that code is not one of
    /// `K`'s. A body without a code (FastAPI's `detail`, a gateway's page) resolves by status
    /// when exactly one kind has that status.
    pub fn kind(&self) -> Option<K> {
        self.kind
    }

    /// The retry schedule: the kind's declared one, else the default for the status.
    pub fn retry(&self) -> Retry {
        self.kind.map_or_else(
            || Retry::default_for(self.status.as_u16()),
            |kind| kind.spec().retry,
        )
    }

    /// What the caller should do: the kind's declared action, else the default for the status.
    pub fn action(&self) -> Action {
        self.kind.map_or_else(
            || Action::default_for(self.status.as_u16()),
            |kind| kind.spec().action,
        )
    }
}

impl<K> RemoteError<K> {
    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// How a client should treat it.
    pub fn class(&self) -> ErrorClass {
        ErrorClass::from_status(self.status.as_u16())
    }

    /// The machine code the body carries, known to `K` or not.
    pub fn code(&self) -> Option<&str> {
        self.decoded.as_ref()?.code.as_deref()
    }

    /// The human-readable message: the envelope's message (else its `title`), else the
    /// `<title>` of an HTML page or the start of a text body.
    pub fn message(&self) -> Option<&str> {
        match &self.decoded {
            Some(decoded) => decoded.message.as_deref().or(decoded.title.as_deref()),
            None => self.text.as_deref(),
        }
    }

    /// The envelope's `title` (RFC 9457).
    pub fn title(&self) -> Option<&str> {
        self.decoded.as_ref()?.title.as_deref()
    }

    /// RFC 9457 `type`.
    pub fn type_uri(&self) -> Option<&str> {
        self.decoded.as_ref()?.type_uri.as_deref()
    }

    /// RFC 9457 `instance`.
    pub fn instance(&self) -> Option<&str> {
        self.decoded.as_ref()?.instance.as_deref()
    }

    /// Field violations.
    pub fn violations(&self) -> &[Violation] {
        self.decoded.as_ref().map_or(&[], |decoded| &decoded.violations)
    }

    /// The request id: from the body, else the `X-Request-Id` header.
    pub fn request_id(&self) -> Option<&str> {
        self.decoded
            .as_ref()
            .and_then(|decoded| decoded.request_id.as_deref())
            .or(self.header_request_id.as_deref())
    }

    /// The wait the server asked for: `Retry-After`, else a delay in the body (Google
    /// `RetryInfo.retryDelay`).
    pub fn retry_after(&self) -> Option<Duration> {
        self.hints
            .retry_after
            .or_else(|| self.decoded.as_ref()?.retry_delay)
    }

    /// The rate-limit headers.
    pub fn rate_limit(&self) -> RateLimit {
        self.hints.rate_limit
    }

    /// The wait a throttled client should honour: [`retry_after`](RemoteError::retry_after),
    /// else the rate-limit reset.
    pub fn server_wait(&self) -> Option<Duration> {
        self.retry_after().or(self.hints.rate_limit.reset)
    }

    /// Members the envelope does not define (RFC 9457 extensions, TruthVouch's `governance`).
    pub fn members(&self) -> Option<&serde_json::Map<String, serde_json::Value>> {
        self.decoded.as_ref().map(|decoded| &decoded.members)
    }

    /// One extension member.
    pub fn member(&self, name: &str) -> Option<&serde_json::Value> {
        self.members()?.get(name)
    }

    /// The envelope detected (`problem`, `detail`, `code_message`, `nested`, `google`), `None`
    /// for HTML, text or an empty body.
    pub fn envelope(&self) -> Option<&'static str> {
        self.decoded.as_ref().map(|decoded| decoded.envelope)
    }

    /// Everything the envelope decoder found.
    pub fn decoded(&self) -> Option<&Decoded> {
        self.decoded.as_ref()
    }

    /// `true` when only the start of the body was read: it was longer than [`MAX_BODY_BYTES`],
    /// or (reading a `reqwest::Response`) the connection failed mid-body.
    pub fn body_truncated(&self) -> bool {
        self.truncated
    }
}

/// `429 Too Many Requests [RATE_LIMIT_EXCEEDED]: Rate limit exceeded (request req_ghi789)`.
impl<K> fmt::Display for RemoteError<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.status.as_u16())?;
        if let Some(reason) = self.status.canonical_reason() {
            write!(f, " {reason}")?;
        }
        if let Some(code) = self.code() {
            f.write_str(" [")?;
            write_printable(f, code)?;
            f.write_str("]")?;
        }
        if let Some(message) = self.message() {
            f.write_str(": ")?;
            write_printable(f, message)?;
        }
        if let Some(id) = self.request_id() {
            f.write_str(" (request ")?;
            write_printable(f, id)?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

/// Writes server-controlled text with control characters escaped (`\n`, `\u{1b}`), so that a
/// body cannot forge log lines or terminal sequences.
fn write_printable(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    for c in text.chars() {
        if c.is_control() {
            write!(f, "{}", c.escape_default())?;
        } else {
            fmt::Write::write_char(f, c)?;
        }
    }
    Ok(())
}

impl<K: fmt::Debug> std::error::Error for RemoteError<K> {}

/// A message from a body that is not a JSON envelope: an HTML page's `<title>`, else the first
/// line of text. `None` for empty or binary bodies, and for JSON that is no envelope.
fn text_message(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(body);
    // JSON that is no envelope (or was cut short) says nothing a reader could use.
    let is_json = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("json"))
        || text.trim_start().starts_with(['{', '[']);
    if is_json {
        return None;
    }
    let is_html = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
        || text.trim_start().starts_with('<');
    let line = if is_html {
        html_title(&text)?
    } else {
        if body.contains(&0) {
            return None;
        }
        text.lines().map(str::trim).find(|line| !line.is_empty())?
    };
    let clean: String = line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_TEXT_CHARS)
        .collect();
    (!clean.is_empty()).then_some(clean)
}

/// The text of the first `<title>` element (ASCII case-insensitive), else of the first `<h1>`.
fn html_title(html: &str) -> Option<&str> {
    ["title", "h1"].into_iter().find_map(|tag| {
        let lower = html.to_ascii_lowercase();
        let open = lower.find(&format!("<{tag}"))?;
        let start = open + lower[open..].find('>')? + 1;
        let end = start + lower[start..].find(&format!("</{tag}"))?;
        Some(html[start..end].trim()).filter(|title| !title.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_bodies_give_a_short_clean_message() {
        let page = "<html><head><TITLE>502 Bad\n Gateway</TITLE></head><body>nginx</body></html>";
        assert_eq!(
            text_message(Some("text/html"), page.as_bytes()).as_deref(),
            Some("502 Bad Gateway")
        );
        assert_eq!(
            text_message(None, b"<html><body><h1>Service Unavailable</h1></body></html>").as_deref(),
            Some("Service Unavailable")
        );
        assert_eq!(text_message(Some("text/html"), b"<html><title>"), None);
        assert_eq!(
            text_message(Some("text/plain"), b"\n\n  upstream connect error \n more").as_deref(),
            Some("upstream connect error")
        );
        assert_eq!(text_message(None, b""), None);
        assert_eq!(text_message(None, b"\x00\x01binary"), None);
        assert_eq!(text_message(None, br#"{"detail": "Conv"#), None);
        assert_eq!(text_message(Some("application/json"), b"oops"), None);
        let long = "x".repeat(1000);
        assert_eq!(
            text_message(None, long.as_bytes()).map(|m| m.len()),
            Some(MAX_TEXT_CHARS)
        );
        // Multi-byte characters are never split.
        let accents = "é".repeat(300);
        assert_eq!(
            text_message(None, accents.as_bytes()).map(|m| m.chars().count()),
            Some(MAX_TEXT_CHARS)
        );
    }

    #[test]
    fn classes_follow_the_sdk_mapping() {
        let classes: Vec<&str> = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504, 501]
            .map(|status| ErrorClass::from_status(status).as_str())
            .to_vec();
        assert_eq!(
            classes,
            [
                "invalid_request",
                "unauthenticated",
                "permission_denied",
                "not_found",
                "conflict",
                "invalid_request",
                "rate_limited",
                "server",
                "unavailable",
                "unavailable",
                "unavailable",
                "server"
            ]
        );
    }
}
