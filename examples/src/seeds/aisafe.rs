//! AISafe: FastAPI's `detail` envelope, `{"detail": "Human-readable error message"}`. Clients
//! dispatch on the status; the detail text is not a contract.
//!
//! The 404-vs-403 rule: access to another organization's resource answers 404, byte for byte
//! the answer for a resource that does not exist (`conceal_as`), so that nobody learns that the
//! resource, or the other tenant, exists.
//!
//! Of AISafe's two structured auth answers, the unverified account is an error (403 with a
//! `code` member beside the detail, [`AuthCode`]); the 2FA challenge
//! (`{"requires_2fa": true, "partial_token": "..."}`) is a successful step of the login flow,
//! not an error, and has no place here.

use std::time::Duration;

use errspec::{ApiError, Violation};
use serde::Serialize;

/// The `code` member AISafe sends beside the detail of a structured auth error, so that clients
/// can offer a "resend confirmation" flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AuthCode {
    /// `EMAIL_NOT_VERIFIED`
    #[serde(rename = "EMAIL_NOT_VERIFIED")]
    EmailNotVerified,
}

/// A failure inside AISafe. Logged, never sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InternalFailure(pub String);

/// Errors of the AISafe API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = detail)]
pub enum AiSafeError {
    /// Malformed input or business-rule validation failure.
    #[error("{0}")]
    #[status(400)]
    BadRequest(String),

    /// Missing, expired, invalid, or revoked credentials.
    #[error("Could not validate credentials")]
    #[status(401, resolution = "For API keys, treat as permanent until the key is rotated")]
    Unauthorized,

    /// Authenticated but not authorized: role too low or scope missing.
    #[error("Insufficient permissions")]
    #[status(403, resolution = "Use a key with different scopes, or escalate")]
    Forbidden,

    /// Login against a pending user whose email address is not verified.
    #[error("Email address not verified")]
    #[status(403, code = "EMAIL_NOT_VERIFIED", action = fix_request, resolution = "Offer to resend the confirmation email")]
    EmailNotVerified {
        /// Sent as the `code` member.
        #[api(expose)]
        code: AuthCode,
    },

    /// The assessment does not exist, or belongs to another organization.
    #[error("Assessment not found")]
    #[status(404, code = "ASSESSMENT_NOT_FOUND")]
    AssessmentNotFound,

    /// The assessment belongs to another organization: answered as [`AiSafeError::AssessmentNotFound`].
    #[error("assessment belongs to another organization")]
    #[status(403, conceal_as = AssessmentNotFound)]
    AssessmentInOtherOrganization,

    /// The finding does not exist, or belongs to another organization.
    #[error("Finding not found")]
    #[status(404, code = "FINDING_NOT_FOUND")]
    FindingNotFound,

    /// The finding belongs to another organization: answered as [`AiSafeError::FindingNotFound`].
    #[error("finding belongs to another organization")]
    #[status(403, conceal_as = FindingNotFound)]
    FindingInOtherOrganization,

    /// State conflict: the resource cannot transition from its current state, or a uniqueness
    /// constraint fired.
    #[error("{0}")]
    #[status(409)]
    Conflict(String),

    /// Semantic validation failure: the request shape was valid but its contents were rejected.
    #[error("Validation failed")]
    #[status(422, code = "VALIDATION_ERROR")]
    Validation {
        /// Pydantic's errors: `detail`.
        #[api(violations)]
        errors: Vec<Violation>,
    },

    /// Rate-limited: the response carries a Retry-After header.
    #[error("Rate limit exceeded. Retry after {retry_after:?}.")]
    #[status(429, retry = after, resolution = "Implement exponential backoff for repeated 429s")]
    RateLimited {
        /// `Retry-After`: seconds to wait before retrying.
        #[api(retry_after)]
        retry_after: Duration,
    },

    /// Unexpected server error.
    #[error("internal failure: {0}")]
    #[status(
        500,
        resolution = "Retry only idempotent operations, with backoff. Contact support for repeated failures"
    )]
    Internal(#[source] InternalFailure),
}

impl AiSafeError {
    /// One value of every variant, the seed's examples among them.
    pub fn samples() -> Vec<AiSafeError> {
        vec![
            AiSafeError::BadRequest("Assessment name must not be empty".into()),
            AiSafeError::Unauthorized,
            AiSafeError::Forbidden,
            AiSafeError::EmailNotVerified {
                code: AuthCode::EmailNotVerified,
            },
            AiSafeError::AssessmentNotFound,
            AiSafeError::AssessmentInOtherOrganization,
            AiSafeError::FindingNotFound,
            AiSafeError::FindingInOtherOrganization,
            AiSafeError::Conflict("Assessment cannot move from archived to running".into()),
            AiSafeError::Validation {
                errors: vec![
                    Violation::field("framework", "Input should be 'nist' or 'iso42001'").with_kind("enum"),
                ],
            },
            AiSafeError::RateLimited {
                retry_after: Duration::from_secs(30),
            },
            AiSafeError::Internal(InternalFailure("redis timeout at 10.0.3.7:6379".into())),
        ]
    }
}
