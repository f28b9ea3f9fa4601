//! AISquare: standard statuses; the reference page shows no body, so errors use FastAPI's
//! `detail` envelope (`{"detail": "..."}`), the shape of the Python frameworks (FastAPI, Django
//! REST framework) such an API is built with.
//!
//! Like AISafe, restricted resources answer 404: "Do not assume 404 always means missing".

use errspec::ApiError;

/// A failure inside AISquare. Logged, never sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InternalFailure(pub String);

/// Errors of the AISquare APIs.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = detail)]
pub enum AiSquareError {
    /// Invalid request or missing parameters.
    #[error("{0}")]
    #[status(
        400,
        cause = "Required fields are missing, request format is invalid, or query parameters are incorrect",
        resolution = "Validate the request body; ensure required fields are present; check parameter formats"
    )]
    BadRequest(String),

    /// The publication URL is missing (collection and publication endpoints).
    #[error("URL is required")]
    #[status(400, code = "URL_REQUIRED", resolution = "Send the publication `url`")]
    UrlRequired,

    /// Authentication required or failed.
    #[error("Authentication credentials were not provided or are invalid")]
    #[status(
        401,
        cause = "Authentication is missing, the token or API key is invalid, or the session has expired",
        resolution = "Include credentials; verify the token or API key; re-authenticate if needed"
    )]
    Unauthorized,

    /// Access forbidden: the user does not have the required role.
    #[error("You do not have permission to perform this action")]
    #[status(403, resolution = "Verify user role and permissions")]
    Forbidden,

    /// The metrics endpoint is restricted to the owner.
    #[error("Only the owner can view metrics")]
    #[status(
        403,
        code = "METRICS_FORBIDDEN",
        resolution = "Ask the owner, or use the owner's account"
    )]
    MetricsForbidden,

    /// Resource not found or access denied.
    #[error("Not found")]
    #[status(
        404,
        cause = "The resource does not exist, the publication is invalid, or access is restricted",
        resolution = "Verify identifiers (`id`, `url`, `username`); treat as not accessible"
    )]
    NotFound,

    /// Access to a non-public resource is restricted: answered as [`AiSquareError::NotFound`]
    /// (the permission endpoint's 404 for access denial).
    #[error("access to a non-public resource denied")]
    #[status(403, conceal_as = NotFound)]
    AccessRestricted,

    /// Internal server error.
    #[error("internal failure: {0}")]
    #[status(
        500,
        resolution = "Retry if appropriate; log the error; contact support if it persists"
    )]
    Internal(#[source] InternalFailure),
}

impl AiSquareError {
    /// One value of every variant.
    pub fn samples() -> Vec<AiSquareError> {
        vec![
            AiSquareError::BadRequest("Missing required field: title".into()),
            AiSquareError::UrlRequired,
            AiSquareError::Unauthorized,
            AiSquareError::Forbidden,
            AiSquareError::MetricsForbidden,
            AiSquareError::NotFound,
            AiSquareError::AccessRestricted,
            AiSquareError::Internal(InternalFailure(
                "s3 GetObject AccessDenied for key private/7".into(),
            )),
        ]
    }
}
