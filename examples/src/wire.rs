//! Prints an `http::Response` the way it travels: status line, headers, body.

use std::fmt::Write as _;

use errspec::{ApiError, RenderContext};

/// `HTTP/1.1 429 Too Many Requests`, the headers, a blank line and the body. Header names are
/// spelled as in `declared` (`X-RateLimit-Reset`), else in conventional capitalisation.
pub fn http_text(response: &http::Response<Vec<u8>>, declared: &[&str]) -> String {
    let status = response.status();
    let mut out = format!(
        "HTTP/1.1 {} {}\n",
        status.as_str(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        let spelled = declared
            .iter()
            .find(|d| d.eq_ignore_ascii_case(name.as_str()))
            .map_or_else(|| title_case(name.as_str()), |d| (*d).to_owned());
        let _ = writeln!(out, "{spelled}: {}", value.to_str().unwrap_or("<binary>"));
    }
    out.push('\n');
    out.push_str(&String::from_utf8_lossy(response.body()));
    out
}

/// `x-ratelimit-reset` -> `X-Ratelimit-Reset`, `retry-after` -> `Retry-After`.
fn title_case(name: &str) -> String {
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

/// The response of `error` in `ctx`, followed by its retry guidance.
pub fn describe(error: &dyn ApiError, ctx: &RenderContext<'_>) -> String {
    let response = error.to_response_with(ctx);
    format!(
        "{}\n-- code {} | retry: {} | action: {}\n",
        http_text(&response, error.spec().headers),
        error.code(),
        error.retry(),
        error.action().describe()
    )
}
