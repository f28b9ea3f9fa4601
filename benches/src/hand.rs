//! The same API errors written by hand: a `match` per lookup, one `#[derive(Serialize)]` struct
//! per envelope serialized with `serde_json::to_vec`, the response built with
//! [`hand_response`], and `#[derive(Deserialize)]` structs of the same
//! fields for decoding. Written as a careful engineer would: constant strings where the value
//! is constant, no needless clones.

use std::borrow::Cow;

use errspec::{Backoff, RenderContext, Retry, Segment, Violation};
use http::{Response, StatusCode};
use serde::{Deserialize, Serialize};

use crate::hand_response;
use crate::problem::ScanError;

/// Hand-written `status()`.
#[inline]
pub fn status(error: &ScanError) -> StatusCode {
    match error {
        ScanError::InvalidRequest => StatusCode::BAD_REQUEST,
        ScanError::Unauthorized => StatusCode::UNAUTHORIZED,
        ScanError::Forbidden { .. } => StatusCode::FORBIDDEN,
        ScanError::NotFound => StatusCode::NOT_FOUND,
        ScanError::Conflict { .. } => StatusCode::CONFLICT,
        ScanError::ValidationFailed { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        ScanError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        ScanError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        ScanError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ScanError::Timeout => StatusCode::GATEWAY_TIMEOUT,
    }
}

/// Hand-written `code()`.
#[inline]
pub fn code(error: &ScanError) -> &'static str {
    match error {
        ScanError::InvalidRequest => "INVALID_REQUEST",
        ScanError::Unauthorized => "UNAUTHORIZED",
        ScanError::Forbidden { .. } => "FORBIDDEN",
        ScanError::NotFound => "RESOURCE_NOT_FOUND",
        ScanError::Conflict { .. } => "SCAN_EXISTS",
        ScanError::ValidationFailed { .. } => "VALIDATION_FAILED",
        ScanError::RateLimited { .. } => "RATE_LIMIT_EXCEEDED",
        ScanError::Internal(_) => "INTERNAL_ERROR",
        ScanError::Unavailable => "MODEL_UNAVAILABLE",
        ScanError::Timeout => "SCAN_TIMEOUT",
    }
}

/// Hand-written `retry()`.
#[inline]
pub fn retry(error: &ScanError) -> Retry {
    match error {
        ScanError::InvalidRequest
        | ScanError::Unauthorized
        | ScanError::Forbidden { .. }
        | ScanError::NotFound
        | ScanError::Conflict { .. }
        | ScanError::ValidationFailed { .. } => Retry::Never,
        ScanError::RateLimited { .. } => Retry::After {
            fallback: Backoff::STANDARD,
        },
        ScanError::Internal(_) | ScanError::Unavailable | ScanError::Timeout => {
            Retry::Backoff(Backoff::STANDARD)
        }
    }
}

/// The public message: `Display` on a 4xx, the reason phrase on a 5xx.
pub fn message(error: &ScanError) -> Cow<'static, str> {
    match error {
        ScanError::Internal(_) => Cow::Borrowed("Unexpected server error"),
        ScanError::Unavailable => Cow::Borrowed("Service Unavailable"),
        ScanError::Timeout => Cow::Borrowed("Gateway Timeout"),
        ScanError::NotFound => Cow::Borrowed("Resource not found"),
        ScanError::ValidationFailed { .. } => Cow::Borrowed("Validation failed"),
        other => Cow::Owned(other.to_string()),
    }
}

/// The RFC 9457 `type`, one constant per code.
fn type_uri(error: &ScanError) -> &'static str {
    match error {
        ScanError::NotFound => "https://docs.example.com/errors#RESOURCE_NOT_FOUND",
        ScanError::ValidationFailed { .. } => "https://docs.example.com/errors#VALIDATION_FAILED",
        ScanError::RateLimited { .. } => "https://docs.example.com/errors#RATE_LIMIT_EXCEEDED",
        _ => "about:blank",
    }
}

/// `Retry-After` and `X-RateLimit-Reset` of the rate-limited variant.
fn rate_headers(error: &ScanError) -> (Option<std::time::Duration>, Option<u64>) {
    match error {
        ScanError::RateLimited {
            retry_after, reset, ..
        } => (Some(*retry_after), Some(*reset)),
        _ => (None, None),
    }
}

fn violations(error: &ScanError) -> &[Violation] {
    match error {
        ScanError::ValidationFailed { fields } => fields,
        _ => &[],
    }
}

fn respond(
    error: &ScanError,
    content_type: &'static str,
    body: Vec<u8>,
    ctx: &RenderContext<'_>,
) -> Response<Vec<u8>> {
    let (retry_after, reset) = rate_headers(error);
    hand_response(status(error), content_type, body, retry_after, reset, ctx)
}

#[derive(Serialize)]
struct ProblemBody<'a> {
    #[serde(rename = "type")]
    type_uri: &'a str,
    title: &'a str,
    status: u16,
    detail: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance: Option<&'a str>,
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    errors: Option<Vec<ProblemItem<'a>>>,
}

#[derive(Serialize)]
struct ProblemItem<'a> {
    pointer: String,
    detail: &'a str,
}

/// RFC 9457, by hand.
pub fn problem(error: &ScanError, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let status = status(error);
    let message = message(error);
    let errors = matches!(error, ScanError::ValidationFailed { .. }).then(|| {
        violations(error)
            .iter()
            .map(|v| ProblemItem {
                pointer: format!("#{}", v.pointer()),
                detail: &v.message,
            })
            .collect()
    });
    let body = ProblemBody {
        type_uri: type_uri(error),
        title: status.canonical_reason().unwrap_or_default(),
        status: status.as_u16(),
        detail: &message,
        instance: ctx.instance,
        code: code(error),
        request_id: ctx.request_id,
        errors,
    };
    let body = serde_json::to_vec(&body).unwrap_or_default();
    respond(error, "application/problem+json", body, ctx)
}

/// RFC 9457 with the `http-api-problem` crate, the same members.
pub fn http_api_problem(error: &ScanError, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let status = status(error);
    let mut problem = http_api_problem::HttpApiProblem::new(status)
        .type_url(type_uri(error))
        .title(status.canonical_reason().unwrap_or_default())
        .detail(message(error))
        .value("code", &code(error));
    if let Some(instance) = ctx.instance {
        problem = problem.instance(instance);
    }
    if let Some(id) = ctx.request_id {
        problem = problem.value("request_id", &id);
    }
    if let ScanError::ValidationFailed { fields } = error {
        let errors: Vec<ProblemItem<'_>> = fields
            .iter()
            .map(|v| ProblemItem {
                pointer: format!("#{}", v.pointer()),
                detail: &v.message,
            })
            .collect();
        problem = problem.value("errors", &errors);
    }
    respond(error, "application/problem+json", problem.json_bytes(), ctx)
}

#[derive(Serialize)]
#[serde(untagged)]
enum Loc<'a> {
    Key(&'a str),
    Index(usize),
}

#[derive(Serialize)]
struct DetailItem<'a> {
    loc: Vec<Loc<'a>>,
    msg: &'a str,
    #[serde(rename = "type", skip_serializing_if = "str::is_empty")]
    kind: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum DetailValue<'a> {
    Message(&'a str),
    Items(Vec<DetailItem<'a>>),
}

#[derive(Serialize)]
struct DetailBody<'a> {
    detail: DetailValue<'a>,
}

/// FastAPI's envelope, by hand.
pub fn detail(error: &ScanError, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let message = message(error);
    let detail = match error {
        ScanError::ValidationFailed { fields } => DetailValue::Items(
            fields
                .iter()
                .map(|v| DetailItem {
                    loc: v
                        .source
                        .map(|s| Loc::Key(s.as_str()))
                        .into_iter()
                        .chain(v.path.iter().map(|segment| match segment {
                            Segment::Key(key) => Loc::Key(key),
                            Segment::Index(index) => Loc::Index(*index),
                        }))
                        .collect(),
                    msg: &v.message,
                    kind: &v.kind,
                })
                .collect(),
        ),
        _ => DetailValue::Message(&message),
    };
    let body = serde_json::to_vec(&DetailBody { detail }).unwrap_or_default();
    respond(error, "application/json", body, ctx)
}

#[derive(Serialize)]
struct FieldItem<'a> {
    field: String,
    message: &'a str,
}

fn field_items(error: &ScanError) -> Option<Vec<FieldItem<'_>>> {
    matches!(error, ScanError::ValidationFailed { .. }).then(|| {
        violations(error)
            .iter()
            .map(|v| FieldItem {
                field: v.dotted(),
                message: &v.message,
            })
            .collect()
    })
}

#[derive(Serialize)]
struct CodeMessageBody<'a> {
    code: u16,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<Vec<FieldItem<'a>>>,
}

/// AI Guard's `{code, message}`, by hand.
pub fn code_message(error: &ScanError, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let message = message(error);
    let body = CodeMessageBody {
        code: status(error).as_u16(),
        message: &message,
        details: field_items(error),
    };
    let body = serde_json::to_vec(&body).unwrap_or_default();
    respond(error, "application/json", body, ctx)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NestedError<'a> {
    code: &'a str,
    message: &'a str,
    status_code: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    details: Option<Vec<FieldItem<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    request_id: Option<&'a str>,
}

#[derive(Serialize)]
struct NestedBody<'a> {
    error: NestedError<'a>,
}

/// TruthVouch's `{"error": {...}}`, by hand.
pub fn nested(error: &ScanError, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let message = message(error);
    let body = NestedBody {
        error: NestedError {
            code: code(error),
            message: &message,
            status_code: status(error).as_u16(),
            details: field_items(error),
            request_id: ctx.request_id,
        },
    };
    let body = serde_json::to_vec(&body).unwrap_or_default();
    respond(error, "application/json", body, ctx)
}

#[derive(Serialize)]
struct GoogleViolation<'a> {
    field: String,
    description: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    reason: &'a str,
}

#[derive(Serialize)]
#[serde(untagged)]
enum GoogleDetail<'a> {
    ErrorInfo {
        #[serde(rename = "@type")]
        type_url: &'static str,
        reason: &'a str,
    },
    RetryInfo {
        #[serde(rename = "@type")]
        type_url: &'static str,
        #[serde(rename = "retryDelay")]
        retry_delay: String,
    },
    BadRequest {
        #[serde(rename = "@type")]
        type_url: &'static str,
        #[serde(rename = "fieldViolations")]
        field_violations: Vec<GoogleViolation<'a>>,
    },
    RequestInfo {
        #[serde(rename = "@type")]
        type_url: &'static str,
        #[serde(rename = "requestId")]
        request_id: &'a str,
    },
}

#[derive(Serialize)]
struct GoogleError<'a> {
    code: u16,
    message: &'a str,
    status: &'static str,
    details: Vec<GoogleDetail<'a>>,
}

#[derive(Serialize)]
struct GoogleBody<'a> {
    error: GoogleError<'a>,
}

/// The gRPC code name of each status, as `google/rpc/code.proto` maps it.
fn grpc_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 | 422 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "INTERNAL",
    }
}

/// Google's AIP-193, by hand.
pub fn google(error: &ScanError, ctx: &RenderContext<'_>) -> Response<Vec<u8>> {
    let status = status(error);
    let message = message(error);
    let mut details = vec![GoogleDetail::ErrorInfo {
        type_url: "type.googleapis.com/google.rpc.ErrorInfo",
        reason: code(error),
    }];
    if let ScanError::RateLimited { retry_after, .. } = error {
        details.push(GoogleDetail::RetryInfo {
            type_url: "type.googleapis.com/google.rpc.RetryInfo",
            retry_delay: format!("{}s", retry_after.as_secs()),
        });
    }
    if let ScanError::ValidationFailed { fields } = error {
        details.push(GoogleDetail::BadRequest {
            type_url: "type.googleapis.com/google.rpc.BadRequest",
            field_violations: fields
                .iter()
                .map(|v| GoogleViolation {
                    field: v.dotted(),
                    description: &v.message,
                    reason: &v.kind,
                })
                .collect(),
        });
    }
    if let Some(request_id) = ctx.request_id {
        details.push(GoogleDetail::RequestInfo {
            type_url: "type.googleapis.com/google.rpc.RequestInfo",
            request_id,
        });
    }
    let body = GoogleBody {
        error: GoogleError {
            code: status.as_u16(),
            message: &message,
            status: grpc_status(status),
            details,
        },
    };
    let body = serde_json::to_vec(&body).unwrap_or_default();
    respond(error, "application/json", body, ctx)
}

/// Hand-written client structs: the same members each envelope sends, owned.
pub mod de {
    use super::Deserialize;

    /// RFC 9457.
    #[derive(Debug, Deserialize)]
    pub struct Problem {
        #[serde(rename = "type")]
        pub type_uri: String,
        pub title: String,
        pub status: u16,
        pub detail: String,
        pub instance: Option<String>,
        pub code: Option<String>,
        pub request_id: Option<String>,
        #[serde(default)]
        pub errors: Vec<ProblemItem>,
    }

    /// `errors[]`.
    #[derive(Debug, Deserialize)]
    pub struct ProblemItem {
        pub pointer: String,
        pub detail: String,
    }

    /// FastAPI: a message or Pydantic's list.
    #[derive(Debug, Deserialize)]
    pub struct Detail {
        pub detail: DetailValue,
    }

    /// `detail`.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum DetailValue {
        Message(String),
        Items(Vec<DetailItem>),
    }

    /// One Pydantic error.
    #[derive(Debug, Deserialize)]
    pub struct DetailItem {
        pub loc: Vec<Loc>,
        pub msg: String,
        #[serde(rename = "type")]
        pub kind: Option<String>,
    }

    /// A `loc` step.
    #[derive(Debug, Deserialize)]
    #[serde(untagged)]
    pub enum Loc {
        Key(String),
        Index(u64),
    }

    /// `{field, message}`.
    #[derive(Debug, Deserialize)]
    pub struct FieldItem {
        pub field: String,
        pub message: String,
    }

    /// AI Guard.
    #[derive(Debug, Deserialize)]
    pub struct CodeMessage {
        pub code: u16,
        pub message: String,
        #[serde(default)]
        pub details: Vec<FieldItem>,
    }

    /// TruthVouch.
    #[derive(Debug, Deserialize)]
    pub struct Nested {
        pub error: NestedError,
    }

    /// TruthVouch's `error`.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct NestedError {
        pub code: String,
        pub message: String,
        pub status_code: u16,
        #[serde(default)]
        pub details: Vec<FieldItem>,
        pub request_id: Option<String>,
    }

    /// AIP-193.
    #[derive(Debug, Deserialize)]
    pub struct Google {
        pub error: GoogleError,
    }

    /// AIP-193's `error`.
    #[derive(Debug, Deserialize)]
    pub struct GoogleError {
        pub code: u16,
        pub message: String,
        pub status: String,
        #[serde(default)]
        pub details: Vec<GoogleDetail>,
    }

    /// Any `google.rpc` detail this envelope sends, as one flat struct.
    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct GoogleDetail {
        #[serde(rename = "@type")]
        pub type_url: String,
        pub reason: Option<String>,
        pub retry_delay: Option<String>,
        pub field_violations: Option<Vec<GoogleViolation>>,
        pub request_id: Option<String>,
    }

    /// `BadRequest.fieldViolations[]`.
    #[derive(Debug, Deserialize)]
    pub struct GoogleViolation {
        pub field: String,
        pub description: String,
        pub reason: Option<String>,
    }
}
