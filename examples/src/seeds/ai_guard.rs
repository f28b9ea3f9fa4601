//! OneTrust AI Guard: `{"code": 400, "message": "..."}` (the `code_message` envelope), one error
//! table per endpoint. The status is the only code on the wire; the codes below name the rows
//! for docs and for clients' kind enums.
//!
//! The Python SDK maps 400 to `ValueError`, 401 to `PermissionError` and 5xx to `RuntimeError`:
//! the error classes a client derives from these statuses.

use errspec::ApiError;

/// A failure inside the classification engine. Logged (`RUST_LOG=debug`), never sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct EngineFailure(pub String);

/// Errors of the classification endpoint, `POST /classifications/v1`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = code_message)]
pub enum ClassificationError {
    /// Invalid request body or parameters.
    #[error("{0}")]
    #[status(
        400,
        cause = "Malformed classifier description, missing required fields",
        resolution = "Fix the request parameters"
    )]
    BadRequest(String),

    /// Authentication failed.
    #[error("Invalid or missing bearer token")]
    #[status(
        401,
        code = "UNAUTHORIZED",
        cause = "Invalid, expired, or missing bearer token",
        resolution = "Verify the API key, that it has Data Discovery scope, and that the token validation endpoint is reachable"
    )]
    Unauthorized,

    /// Server-side error.
    #[error("classification engine failed: {0}")]
    #[status(
        500,
        code = "INTERNAL_SERVER_ERROR",
        message = "Classification engine error",
        cause = "Classification engine failure",
        resolution = "Check the service logs (RUST_LOG=debug) for details"
    )]
    Engine(#[source] EngineFailure),

    /// Upstream service unavailable.
    #[error("Upstream classification service unavailable")]
    #[status(
        502,
        code = "BAD_GATEWAY",
        message = "Upstream classification service unavailable",
        cause = "`scan-job-manager` not reachable or classification profiles unavailable",
        resolution = "Verify JOB_EXECUTOR_BASE_URL and that the scan-job-manager service is running and reachable"
    )]
    Upstream,
}

/// Errors of the metrics endpoint, `POST /metric`.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = code_message)]
pub enum MetricsError {
    /// Metrics not permitted.
    #[error("Metrics not permitted")]
    #[status(
        400,
        cause = "Metrics disabled in config",
        resolution = "Ask your administrator to configure the `metrics` section of the AI Guard service"
    )]
    MetricsNotPermitted,

    /// Invalid request.
    #[error("{0}")]
    #[status(
        400,
        cause = "Invalid meter name/attributes",
        resolution = "Fix the meter name and attributes"
    )]
    BadRequest(String),

    /// Authentication failed.
    #[error("Invalid or missing bearer token")]
    #[status(
        401,
        code = "UNAUTHORIZED",
        cause = "Invalid, expired, or missing bearer token",
        resolution = "Verify the API key"
    )]
    Unauthorized,
}

impl ClassificationError {
    /// One value of every variant.
    pub fn samples() -> Vec<ClassificationError> {
        vec![
            ClassificationError::BadRequest("Description of the error".into()),
            ClassificationError::Unauthorized,
            ClassificationError::Engine(EngineFailure("profile cache poisoned at /var/lib/aiguard".into())),
            ClassificationError::Upstream,
        ]
    }
}

impl MetricsError {
    /// One value of every variant.
    pub fn samples() -> Vec<MetricsError> {
        vec![
            MetricsError::MetricsNotPermitted,
            MetricsError::BadRequest("Invalid meter name: ai_guard.".into()),
            MetricsError::Unauthorized,
        ]
    }
}
