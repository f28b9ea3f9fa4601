//! AEGIS: FastAPI's `detail` envelope, `{"detail": "..."}`, and Pydantic's violation list for
//! 422. Its retry strategy table is declared per variant: 429 waits for `X-RateLimit-Reset`,
//! 500 backs off 1s, 2s, 4s (3 retries), 502/503 wait 5s up to 3 times, the rest never retry.

use errspec::{ApiError, Violation};

/// A failure inside AEGIS. Logged, never sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InternalFailure(pub String);

/// Errors of the AEGIS API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = detail)]
pub enum AegisError {
    /// Malformed request body or invalid parameters.
    #[error("{0}")]
    #[status(
        400,
        cause = "Malformed request body or invalid parameters",
        resolution = "Fix the request — this is a client error"
    )]
    BadRequest(String),

    /// Missing JWT token.
    #[error("Authorization header required")]
    #[status(
        401,
        cause = "No Authorization header",
        resolution = "Send `Authorization: Bearer <token>`"
    )]
    MissingToken,

    /// Expired JWT token.
    #[error("Token has expired")]
    #[status(401, cause = "The JWT token has expired", resolution = "Obtain a fresh token")]
    TokenExpired,

    /// Invalid JWT token.
    #[error("Invalid token")]
    #[status(
        401,
        cause = "The JWT token is malformed or its signature is invalid",
        resolution = "Obtain a valid token"
    )]
    InvalidToken,

    /// Valid token but insufficient permissions.
    #[error("Insufficient permissions")]
    #[status(403, resolution = "Use a token with the required permissions")]
    Forbidden,

    /// Resource does not exist.
    #[error("{resource} not found")]
    #[status(404, resolution = "Verify the identifier")]
    NotFound {
        /// What was looked up: `Conversation`, `Agent`, ...
        resource: &'static str,
    },

    /// Duplicate resource or state conflict.
    #[error("{0}")]
    #[status(409, resolution = "Re-fetch the resource and reconcile")]
    Conflict(String),

    /// Request body fails validation (Pydantic).
    #[error("Validation failed")]
    #[status(
        422,
        code = "VALIDATION_ERROR",
        resolution = "Fix the fields listed in `detail`"
    )]
    Validation {
        /// Pydantic's errors: `detail`.
        #[api(violations)]
        errors: Vec<Violation>,
    },

    /// Rate limit exceeded (100 req/min).
    #[error("Rate limit exceeded. Try again in {retry_in} seconds.")]
    #[status(429, retry = after, resolution = "Wait until X-RateLimit-Reset, then retry")]
    RateLimited {
        /// Seconds until the window resets, as the message states them.
        retry_in: u64,
        /// Epoch seconds at which the window resets: when a client may retry.
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
    },

    /// Unexpected server failure.
    #[error("internal failure: {0}")]
    #[status(500, retry = backoff(base = "1s", attempts = 3, jitter = none), resolution = "Exponential backoff (1s, 2s, 4s), max 3 retries")]
    Internal(#[source] InternalFailure),

    /// Upstream service unreachable (via API gateway).
    #[error("Bad gateway")]
    #[status(502, retry = fixed("5s", attempts = 3), resolution = "Wait 5s, retry up to 3 times")]
    BadGateway,

    /// Service is starting up or unhealthy.
    #[error("Service unavailable")]
    #[status(503, retry = fixed("5s", attempts = 3), resolution = "Wait 5s, retry up to 3 times (the service may be starting)")]
    ServiceUnavailable,
}

impl AegisError {
    /// One value of every variant, the seed's examples among them.
    pub fn samples() -> Vec<AegisError> {
        vec![
            AegisError::BadRequest("Invalid agent_type: must be one of planner, executor".into()),
            AegisError::MissingToken,
            AegisError::TokenExpired,
            AegisError::InvalidToken,
            AegisError::Forbidden,
            AegisError::NotFound {
                resource: "Conversation",
            },
            AegisError::Conflict("Agent already registered".into()),
            AegisError::Validation {
                errors: vec![
                    Violation::field("agent_type", "field required").with_kind("value_error.missing"),
                ],
            },
            AegisError::RateLimited {
                retry_in: 60,
                reset: 1_678_886_460,
            },
            AegisError::Internal(InternalFailure("postgres: password authentication failed".into())),
            AegisError::BadGateway,
            AegisError::ServiceUnavailable,
        ]
    }
}
