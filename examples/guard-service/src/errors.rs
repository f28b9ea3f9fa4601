//! The service's errors, declared once: status, message, retry guidance and docs columns.
//! They follow the AI Guard error reference: `{"code": <status>, "message": "..."}` bodies.

use std::time::Duration;

use errspec::ApiError;

use crate::engine::{EngineError, UpstreamError};

/// Errors of every authenticated endpoint, raised before the handler runs.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = code_message)]
pub enum AccessError {
    /// Authentication failed.
    #[error("Invalid or missing bearer token")]
    #[status(
        401,
        cause = "Invalid, expired, or missing bearer token",
        resolution = "Verify the API key and its Data Discovery scope"
    )]
    Unauthorized,

    /// The API key sent more requests than its window allows.
    #[error("Rate limit exceeded: {limit} requests per {window_secs} seconds")]
    #[status(429, code = "RATE_LIMITED", retry = after)]
    RateLimited {
        limit: u32,
        window_secs: u64,
        #[api(retry_after)]
        retry_after: Duration,
    },
}

/// Errors of `POST /classifications/v1`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = code_message)]
pub enum ClassificationError {
    /// Invalid request body or parameters.
    #[error("Invalid request: {0}")]
    #[status(
        400,
        code = "BAD_REQUEST",
        cause = "Malformed classifier description, missing required fields"
    )]
    BadRequest(String),

    /// Server-side error: logged with its cause, never sent.
    #[error("classification engine failed")]
    #[status(
        500,
        code = "ENGINE_FAILURE",
        message = "Classification engine error",
        cause = "Classification engine failure"
    )]
    Engine(#[source] EngineError),

    /// Upstream service unavailable.
    #[error("classification profiles unavailable")]
    #[status(
        502,
        code = "UPSTREAM_UNAVAILABLE",
        message = "Upstream classification service unavailable",
        cause = "`scan-job-manager` not reachable or classification profiles unavailable"
    )]
    Upstream(#[source] UpstreamError),
}

/// Errors of `POST /metric`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = code_message)]
pub enum MetricError {
    /// Metrics are not enabled in the service configuration.
    #[error("Metrics not permitted")]
    #[status(
        400,
        code = "METRICS_NOT_PERMITTED",
        cause = "Metrics disabled in config",
        resolution = "Contact your administrator to enable metrics"
    )]
    MetricsDisabled,

    /// The meter is not one the service records.
    #[error("Invalid meter name: {0}")]
    #[status(400, code = "INVALID_METER", cause = "Invalid meter name/attributes")]
    InvalidMeter(String),
}
