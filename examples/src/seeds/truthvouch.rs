//! TruthVouch's governance API: the `nested` envelope,
//! `{"error": {"code", "message", "statusCode", "details", "requestId"}}`, with the governance
//! report of a blocked request beside `error`.

use std::time::Duration;

use errspec::{ApiError, Violation};
use serde::Serialize;

/// The governance engine's verdict on a blocked request, sent as the top-level `governance`
/// member (the SDKs' `governance_report`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GovernanceReport {
    /// `blocked`.
    pub verdict: String,
    /// The policy that fired.
    pub policy_id: String,
    /// Why it fired.
    pub violation_reason: String,
}

/// A failure inside TruthVouch. Logged, never sent.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InternalFailure(pub String);

/// Errors of the TruthVouch API. Every response carries the request id (`requestId`, and
/// `X-Request-Id`) for support reference.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = nested)]
pub enum TruthVouchError {
    /// Malformed request (missing body, invalid JSON).
    #[error("Invalid request payload")]
    #[status(400, code = "INVALID_REQUEST", resolution = "Check request format")]
    InvalidRequest,

    /// Invalid field values.
    #[error("Validation failed")]
    #[status(
        422,
        code = "VALIDATION_ERROR",
        resolution = "Check details array for per-field errors"
    )]
    Validation {
        /// Field-level errors: `details`.
        #[api(violations)]
        details: Vec<Violation>,
    },

    /// API key missing, invalid, or revoked.
    #[error("Invalid or expired API key")]
    #[status(
        401,
        code = "INVALID_API_KEY",
        cause = "Invalid API key, expired JWT token, or revoked key",
        resolution = "Verify key in Settings → API Keys"
    )]
    InvalidApiKey,

    /// API key lacks permission for this operation.
    #[error("Insufficient permissions for this operation")]
    #[status(
        403,
        code = "INSUFFICIENT_PERMISSIONS",
        cause = "Subscription tier too low, or the organization lacks the feature",
        resolution = "Check subscription tier"
    )]
    InsufficientPermissions,

    /// Resource doesn't exist.
    #[error("Resource not found")]
    #[status(404, code = "RESOURCE_NOT_FOUND", resolution = "Verify resource ID")]
    ResourceNotFound,

    /// Duplicate resource creation attempt.
    #[error("Resource already exists")]
    #[status(
        409,
        code = "RESOURCE_ALREADY_EXISTS",
        resolution = "Check if resource already exists"
    )]
    ResourceAlreadyExists,

    /// Too many requests.
    #[error("Rate limit exceeded: {limit} requests per minute")]
    #[status(
        429,
        code = "RATE_LIMIT_EXCEEDED",
        retry = after,
        cause = "Exceeded rate limit for your tier",
        resolution = "Wait and retry (see Retry-After header)"
    )]
    RateLimitExceeded {
        /// Requests allowed per minute for the caller's tier.
        limit: u32,
        /// `Retry-After`.
        #[api(retry_after)]
        retry_after: Duration,
        /// Requests left in the window.
        #[api(header = "X-RateLimit-Remaining")]
        remaining: u32,
        /// Epoch seconds at which the window resets.
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
    },

    /// Unexpected server error.
    #[error("internal failure: {0}")]
    #[status(
        500,
        code = "INTERNAL_ERROR",
        message = "Unexpected server error",
        retry = backoff(attempts = 5),
        resolution = "Retry with exponential backoff"
    )]
    Internal(#[source] InternalFailure),

    /// Maintenance or outage.
    #[error("Service unavailable")]
    #[status(
        503,
        code = "SERVICE_UNAVAILABLE",
        message = "Service temporarily unavailable",
        retry = backoff(base = "2s", max = "60s", attempts = 5),
        cause = "Maintenance window, service outage, or cloud provider issue",
        resolution = "Check status page"
    )]
    ServiceUnavailable,

    /// Request blocked by governance policy.
    #[error("Request blocked by governance policy")]
    #[status(403, code = "POLICY_BLOCKED", resolution = "Review the governance policy")]
    PolicyBlocked {
        /// The engine's verdict.
        #[api(top_level = "governance")]
        governance: GovernanceReport,
    },

    /// PII detected and policy blocks request.
    #[error("PII detected and policy blocks request")]
    #[status(
        403,
        code = "PII_DETECTED",
        resolution = "Remove personal data from the request, or review the governance policy"
    )]
    PiiDetected {
        /// The engine's verdict.
        #[api(top_level = "governance")]
        governance: GovernanceReport,
    },

    /// Prompt injection detected and blocked.
    #[error("Prompt injection detected and blocked")]
    #[status(
        403,
        code = "INJECTION_ATTEMPT_DETECTED",
        resolution = "Review the prompt; it was blocked by policy"
    )]
    InjectionAttemptDetected {
        /// The engine's verdict.
        #[api(top_level = "governance")]
        governance: GovernanceReport,
    },
}

impl TruthVouchError {
    /// One value of every variant, the seed's examples among them.
    pub fn samples() -> Vec<TruthVouchError> {
        let report = |reason: &str| GovernanceReport {
            verdict: "blocked".into(),
            policy_id: "policy_123".into(),
            violation_reason: reason.into(),
        };
        vec![
            TruthVouchError::InvalidRequest,
            TruthVouchError::Validation {
                details: vec![Violation::field("response", "response is required")],
            },
            TruthVouchError::InvalidApiKey,
            TruthVouchError::InsufficientPermissions,
            TruthVouchError::ResourceNotFound,
            TruthVouchError::ResourceAlreadyExists,
            TruthVouchError::RateLimitExceeded {
                limit: 1000,
                retry_after: Duration::from_secs(60),
                remaining: 0,
                reset: 1_678_886_460,
            },
            TruthVouchError::Internal(InternalFailure(
                "scan worker crashed: token=tv_live_secret".into(),
            )),
            TruthVouchError::ServiceUnavailable,
            TruthVouchError::PolicyBlocked {
                governance: report("Suspected hallucination detected"),
            },
            TruthVouchError::PiiDetected {
                governance: report("Email address in response"),
            },
            TruthVouchError::InjectionAttemptDetected {
                governance: report("Instruction override in prompt"),
            },
        ]
    }
}
