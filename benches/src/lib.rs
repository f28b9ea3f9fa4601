//! What the criterion benches compare: one realistic error enum derived once per envelope, the
//! same errors written by hand (a `match` per lookup, `#[derive(Serialize)]` envelope structs and
//! an `http::Response` built with the same headers), and a 60-variant enum with its hand-written
//! lookups. The unit tests check that each hand-written baseline returns exactly what errspec
//! returns, so that every bench compares equal work.

use std::time::Duration;

use errspec::{RenderContext, Retry, Violation};
use http::header::{CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderName, HeaderValue, Response, StatusCode};

pub mod hand;
pub mod wide;

/// The request every rendering bench answers: an id (body and `X-Request-Id`) and a path.
pub const CONTEXT: RenderContext<'static> = RenderContext::new()
    .with_request_id("req_abc123")
    .with_instance("/v1/scan");

/// `X-RateLimit-Reset`, the header the rate-limited variant sets from a field.
pub const X_RATELIMIT_RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");

/// Declares `ScanError`, a realistic 10-variant API error enum, with the given envelope.
macro_rules! scan_error {
    ($envelope:ident) => {
        /// Errors of a scan endpoint.
        #[derive(Debug, Clone, thiserror::Error, errspec::ApiError)]
        #[api(envelope = $envelope, docs_url = "https://docs.example.com/errors#{code}")]
        pub enum ScanError {
            #[error("Invalid request payload")]
            #[status(400, code = "INVALID_REQUEST")]
            InvalidRequest,
            #[error("Missing or invalid API key")]
            #[status(401)]
            Unauthorized,
            #[error("Not allowed for this organization")]
            #[status(403)]
            Forbidden { org: String },
            #[error("Resource not found")]
            #[status(404, code = "RESOURCE_NOT_FOUND")]
            NotFound,
            #[error("Scan {id} already exists")]
            #[status(409, code = "SCAN_EXISTS")]
            Conflict { id: u64 },
            #[error("Validation failed")]
            #[status(422)]
            ValidationFailed {
                #[api(violations)]
                fields: Vec<errspec::Violation>,
            },
            #[error("Rate limit exceeded: {limit} requests per minute")]
            #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
            RateLimited {
                limit: u32,
                #[api(retry_after)]
                retry_after: std::time::Duration,
                #[api(header = "X-RateLimit-Reset")]
                reset: u64,
            },
            #[error("engine failed: {0}")]
            #[status(500, code = "INTERNAL_ERROR", message = "Unexpected server error")]
            Internal(String),
            #[error("Upstream model unavailable")]
            #[status(503, code = "MODEL_UNAVAILABLE")]
            Unavailable,
            #[error("Scan timed out")]
            #[status(504, code = "SCAN_TIMEOUT")]
            Timeout,
        }

        impl crate::Scenarios for ScanError {
            fn not_found() -> Self {
                ScanError::NotFound
            }
            fn rate_limited() -> Self {
                ScanError::RateLimited {
                    limit: 1000,
                    retry_after: std::time::Duration::from_secs(60),
                    reset: 1_678_886_460,
                }
            }
            fn validation_failed() -> Self {
                ScanError::ValidationFailed {
                    fields: crate::violations(),
                }
            }
            fn mixed() -> Vec<Self> {
                let all = [
                    ScanError::InvalidRequest,
                    ScanError::Unauthorized,
                    ScanError::Forbidden {
                        org: "org_1".into(),
                    },
                    ScanError::NotFound,
                    ScanError::Conflict { id: 7 },
                    ScanError::ValidationFailed { fields: Vec::new() },
                    Self::rate_limited(),
                    ScanError::Internal("db down".into()),
                    ScanError::Unavailable,
                    ScanError::Timeout,
                ];
                crate::mix(&all)
            }
        }
    };
}

/// RFC 9457 problem details.
pub mod problem {
    scan_error!(problem);
}
/// FastAPI's `{"detail": ...}`.
pub mod detail {
    scan_error!(detail);
}
/// AI Guard's `{"code", "message"}`.
pub mod code_message {
    scan_error!(code_message);
}
/// TruthVouch's `{"error": {...}}`.
pub mod nested {
    scan_error!(nested);
}
/// Google's AIP-193.
pub mod google {
    scan_error!(google);
}

/// The three errors every rendering and decoding bench uses, and a mixed slice for lookups.
pub trait Scenarios: Sized {
    /// 404 with a constant message, no headers of its own.
    fn not_found() -> Self;
    /// 429 with an interpolated message, `Retry-After` and `X-RateLimit-Reset`.
    fn rate_limited() -> Self;
    /// 422 with five violations.
    fn validation_failed() -> Self;
    /// 1,024 values of every variant in a fixed pseudo-random order.
    fn mixed() -> Vec<Self>;
}

/// Five violations as a validation layer reports them.
pub fn violations() -> Vec<Violation> {
    vec![
        Violation::body(["response".into()], "response is required").with_kind("missing"),
        Violation::body(
            ["items".into(), 0.into(), "name".into()],
            "String should have at most 64 characters",
        )
        .with_kind("string_too_long"),
        Violation::body(
            ["items".into(), 3.into(), "score".into()],
            "Input should be a valid number",
        )
        .with_kind("float_parsing"),
        Violation::body(
            ["metadata".into(), "tags".into()],
            "Tag \"prod\" is not allowed here",
        )
        .with_kind("value_error"),
        Violation::query("page", "page must be positive").with_kind("greater_than"),
    ]
}

/// 1,024 clones of `all` in a fixed pseudo-random order (a 64-bit LCG), so that a lookup loop
/// sees every variant and the branch predictor cannot learn a short period.
pub fn mix<T: Clone>(all: &[T]) -> Vec<T> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..1024)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let index = usize::try_from(state >> 33).unwrap_or_default() % all.len();
            all[index].clone()
        })
        .collect()
}

/// Folds a [`Retry`] into a number, touching the data a client reads.
pub fn retry_weight(retry: Retry) -> u32 {
    match retry {
        Retry::Never => 0,
        Retry::After { fallback } => 1 + fallback.attempts,
        Retry::Backoff(backoff) => 2 + backoff.attempts,
        Retry::Fixed { attempts, .. } => 3 + attempts,
    }
}

/// Builds the response the way hand-written code does: `Content-Type`, `Retry-After`,
/// `X-RateLimit-Reset` and `X-Request-Id`, each converted with `http`'s own conversions.
pub fn hand_response(
    status: StatusCode,
    content_type: &'static str,
    body: Vec<u8>,
    retry_after: Option<Duration>,
    reset: Option<u64>,
    ctx: &RenderContext<'_>,
) -> Response<Vec<u8>> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Some(wait) = retry_after {
        headers.insert(RETRY_AFTER, HeaderValue::from(wait.as_secs()));
    }
    if let Some(reset) = reset {
        headers.insert(X_RATELIMIT_RESET, HeaderValue::from(reset));
    }
    if let Some(id) = ctx.request_id
        && let Ok(value) = HeaderValue::from_str(id)
    {
        headers.insert(errspec::X_REQUEST_ID, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use errspec::ApiError;

    use super::*;

    /// Renders the three scenarios with envelope module `$m` and with `hand::$m`, and checks
    /// that status, headers and body are byte for byte the same.
    macro_rules! same_response {
        ($m:ident) => {{
            let pairs = [
                ($m::ScanError::not_found(), problem::ScanError::not_found()),
                ($m::ScanError::rate_limited(), problem::ScanError::rate_limited()),
                (
                    $m::ScanError::validation_failed(),
                    problem::ScanError::validation_failed(),
                ),
            ];
            for (derived, by_hand) in pairs {
                let ours = derived.to_response_with(&CONTEXT);
                let theirs = hand::$m(&by_hand, &CONTEXT);
                assert_eq!(ours.status(), theirs.status());
                assert_eq!(ours.headers(), theirs.headers());
                assert_eq!(
                    String::from_utf8_lossy(ours.body()),
                    String::from_utf8_lossy(theirs.body())
                );
            }
        }};
    }

    #[test]
    fn hand_written_envelopes_send_the_same_bytes() {
        same_response!(problem);
        same_response!(detail);
        same_response!(code_message);
        same_response!(nested);
        same_response!(google);
    }

    #[test]
    fn http_api_problem_sends_the_same_members() {
        for error in [
            problem::ScanError::not_found(),
            problem::ScanError::rate_limited(),
            problem::ScanError::validation_failed(),
        ] {
            let ours = error.to_response_with(&CONTEXT);
            let theirs = hand::http_api_problem(&error, &CONTEXT);
            assert_eq!(ours.headers(), theirs.headers());
            let json = |body: &[u8]| serde_json::from_slice::<serde_json::Value>(body).unwrap();
            assert_eq!(json(ours.body()), json(theirs.body()));
        }
    }

    #[test]
    fn hand_written_lookups_return_the_same_values() {
        for error in problem::ScanError::mixed() {
            assert_eq!(error.status(), hand::status(&error));
            assert_eq!(error.code(), hand::code(&error));
            assert_eq!(error.retry(), hand::retry(&error));
        }
        for error in wide::mixed() {
            assert_eq!(error.status(), wide::status(&error));
            assert_eq!(error.code(), wide::code(&error));
            assert_eq!(error.retry(), wide::retry(&error));
        }
        assert_eq!(wide::all().len(), 60);
    }
}
