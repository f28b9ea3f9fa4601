//! Example responses rendered from a spec alone: a stand-in error value that answers every
//! [`ApiError`] hook with sample data, rendered through the catalog's own envelope so that the
//! docs show exactly the bytes the server sends.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use http::{HeaderName, StatusCode};

use crate::api_error::ApiError;
use crate::envelope::Envelope;
use crate::render::{BodyWriter, RenderContext, render};
use crate::retry::Retry;
use crate::spec::ErrorSpec;
use crate::violation::Violation;

/// The request id every example response carries (TruthVouch's format example).
pub const SAMPLE_REQUEST_ID: &str = "req_1234567890abcdef";

/// One response as a client receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The wire code of the response.
    pub code: &'static str,
    /// HTTP status.
    pub status: StatusCode,
    /// Headers in the order they are sent, names spelled as declared.
    pub headers: Vec<(String, String)>,
    /// The body, exactly as sent.
    pub body: String,
}

impl Example {
    /// Captures a rendered response; `declared` gives the spelling of header names
    /// (`X-RateLimit-Reset`), others get conventional capitalisation (`Retry-After`).
    pub fn capture(code: &'static str, response: &http::Response<Vec<u8>>, declared: &[&str]) -> Example {
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| {
                let spelled = declared
                    .iter()
                    .find(|d| d.eq_ignore_ascii_case(name.as_str()))
                    .map_or_else(|| conventional_case(name.as_str()), |d| (*d).to_owned());
                (spelled, String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect();
        Example {
            code,
            status: response.status(),
            headers,
            body: String::from_utf8_lossy(response.body()).into_owned(),
        }
    }

    /// The body parsed as JSON (`Null` when an envelope sends no JSON).
    pub fn body_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// `HTTP/1.1 429 Too Many Requests`, the headers, a blank line and the body.
    pub fn http_text(&self) -> String {
        use fmt::Write as _;
        let mut out = format!(
            "HTTP/1.1 {} {}\n",
            self.status.as_str(),
            self.status.canonical_reason().unwrap_or("")
        );
        for (name, value) in &self.headers {
            let _ = writeln!(out, "{name}: {value}");
        }
        out.push('\n');
        out.push_str(&self.body);
        out
    }
}

/// `x-request-id` -> `X-Request-Id`.
fn conventional_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The example response of every variant that has a wire code of its own, in declaration
/// order, rendered with envelope `N`.
pub(crate) fn synthesize<N: Envelope>(specs: &'static [ErrorSpec]) -> Vec<Example> {
    let ctx = RenderContext::new().with_request_id(SAMPLE_REQUEST_ID);
    specs
        .iter()
        .filter(|spec| spec.conceal_as.is_none())
        .map(|spec| {
            let sample = Sample::<N> {
                spec,
                message: fill_template(spec.message),
                envelope: PhantomData,
            };
            Example::capture(spec.code, &sample.to_response_with(&ctx), spec.headers)
        })
        .collect()
}

/// `"Rate limit exceeded: {limit} requests per minute"` -> `"... <limit> requests per minute"`:
/// each placeholder becomes `<name>` (format specs dropped), `{{` and `}}` become braces.
pub(crate) fn fill_template(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
        } else if let (true, Some(end)) = (tail.starts_with('{'), tail.find('}')) {
            let inner = &tail[1..end];
            let name = inner.split(':').next().unwrap_or(inner).trim();
            // A tuple field has no name worth showing.
            let name = if name.parse::<usize>().is_ok() {
                "value"
            } else {
                name
            };
            out.push('<');
            out.push_str(name);
            out.push('>');
            rest = &tail[end + 1..];
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// A plausible value for a declared header, so that an example reads like a real response.
pub(crate) fn sample_header_value(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with("-remaining") {
        "0".to_owned()
    } else if lower.ends_with("-limit") {
        "100".to_owned()
    } else if lower == "x-ratelimit-reset" {
        "1678886460".to_owned()
    } else if lower.ends_with("-reset") {
        "60".to_owned()
    } else {
        format!("<{name}>")
    }
}

/// The wait an example advertises in `Retry-After`: the declared default, else 60 s.
fn sample_wait(retry: Retry) -> Duration {
    match retry {
        Retry::After { fallback } if fallback.factor <= 1 => fallback.base,
        _ => Duration::from_secs(60),
    }
}

/// A stand-in value of one variant.
struct Sample<N> {
    spec: &'static ErrorSpec,
    message: String,
    envelope: PhantomData<N>,
}

impl<N> fmt::Debug for Sample<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sample")
            .field("spec", &self.spec.code)
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}

impl<N> fmt::Display for Sample<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<N> std::error::Error for Sample<N> {}

impl<N: Envelope> ApiError for Sample<N> {
    fn spec(&self) -> &'static ErrorSpec {
        self.spec
    }

    fn public_message(&self) -> Cow<'_, str> {
        Cow::Borrowed(&self.message)
    }

    fn retry_after(&self) -> Option<Duration> {
        self.spec
            .headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case("retry-after"))
            .then(|| sample_wait(self.spec.retry))
    }

    fn for_each_violation(&self, visit: &mut dyn FnMut(&Violation)) {
        if self.spec.violations {
            // FastAPI's own example, as AEGIS documents it.
            visit(&Violation::field("field_name", "field required").with_kind("value_error.missing"));
        }
    }

    fn for_each_header(&self, visit: &mut dyn FnMut(&HeaderName, &dyn fmt::Display)) {
        for name in self.spec.headers {
            if name.eq_ignore_ascii_case("retry-after") {
                continue;
            }
            if let Ok(header) = HeaderName::from_bytes(name.as_bytes()) {
                visit(&header, &sample_header_value(name));
            }
        }
    }

    fn write_exposed(&self, members: &mut BodyWriter<'_>) {
        for name in self.spec.exposed {
            members.member(name, &format!("<{name}>"));
        }
    }

    fn write_top_level(&self, members: &mut BodyWriter<'_>) {
        for name in self.spec.top_level {
            members.member(name, &format!("<{name}>"));
        }
    }

    fn to_response_with(&self, ctx: &RenderContext<'_>) -> http::Response<Vec<u8>> {
        render::<N, Self>(self, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_show_placeholders() {
        assert_eq!(
            fill_template("Rate limit exceeded: {limit} requests per minute"),
            "Rate limit exceeded: <limit> requests per minute"
        );
        assert_eq!(fill_template("{0:>5} of {{n}} }"), "<value> of {n} }");
        assert_eq!(fill_template("open { brace"), "open { brace");
        assert_eq!(fill_template(""), "");
    }

    #[test]
    fn rate_limit_headers_get_plausible_values() {
        assert_eq!(sample_header_value("X-RateLimit-Reset"), "1678886460");
        assert_eq!(sample_header_value("X-RateLimit-Remaining"), "0");
        assert_eq!(sample_header_value("RateLimit-Reset"), "60");
        assert_eq!(sample_header_value("X-Trace"), "<X-Trace>");
    }
}
