//! The governance-scan API of errspec's design document: every feature of the DSL in one enum.

use std::time::Duration;

use errspec::{ApiError, Violation};
use serde::Serialize;

/// What the governance engine decided about a blocked request.
#[derive(Debug, Clone, Serialize)]
pub struct GovernanceReport {
    /// `blocked`, `flagged`, ...
    pub verdict: String,
    /// The policy that fired.
    pub policy_id: String,
    /// Why it fired.
    pub violation_reason: String,
}

/// A failure inside the scan engine. Never sent to clients.
#[derive(Debug, thiserror::Error)]
#[error("engine connection to {host} failed: {detail}")]
pub struct EngineError {
    /// The engine host.
    pub host: String,
    /// What went wrong.
    pub detail: String,
}

/// Errors of the governance scan endpoint.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(docs_url = "https://docs.example.com/errors#{code}")]
pub enum ScanError {
    /// Malformed request (missing body, invalid JSON).
    #[error("Invalid request payload")]
    #[status(400, code = "INVALID_REQUEST", resolution = "Check request format")]
    InvalidRequest,

    /// Invalid field values.
    #[error("Validation failed")]
    #[status(422, resolution = "Check the errors array for per-field problems")]
    ValidationFailed {
        /// What is wrong, field by field.
        #[api(violations)]
        fields: Vec<Violation>,
    },

    /// The API key is missing, invalid or revoked.
    #[error("Invalid or expired API key")]
    #[status(401, code = "INVALID_API_KEY", cause = "API key missing, invalid, or revoked")]
    InvalidApiKey,

    /// Too many requests for the caller's tier.
    #[error("Rate limit exceeded: {limit} requests per minute")]
    #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after, resolution = "Wait and retry (see Retry-After header)")]
    RateLimited {
        /// Requests allowed per minute.
        #[api(expose)]
        limit: u32,
        /// When to come back.
        #[api(retry_after)]
        retry_after: Duration,
        /// Requests left in the window.
        #[api(header = "X-RateLimit-Remaining")]
        remaining: u32,
        /// Epoch seconds at which the window resets.
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
    },

    /// Request blocked by governance policy.
    #[error("Request blocked by governance policy")]
    #[status(403, code = "POLICY_BLOCKED")]
    PolicyBlocked {
        /// The engine's verdict.
        #[api(top_level = "governance")]
        report: GovernanceReport,
    },

    /// The scan engine failed: `Display` is logged, never sent.
    #[error("engine failed: {0}")]
    #[status(500, code = "INTERNAL_ERROR", message = "Unexpected server error", retry = backoff)]
    Internal(#[source] EngineError),

    /// Cross-tenant access: rendered exactly as `NotFound`, so nobody learns the resource exists.
    #[error("resource belongs to another organization")]
    #[status(403, conceal_as = NotFound)]
    OtherTenant,

    /// The resource does not exist (or belongs to another organization).
    #[error("Resource not found")]
    #[status(404, code = "RESOURCE_NOT_FOUND", resolution = "Verify resource ID")]
    NotFound,

    /// Maintenance or outage.
    #[error("Service temporarily unavailable")]
    #[status(SERVICE_UNAVAILABLE, retry = backoff(base = "2s", max = "30s", attempts = 4))]
    Unavailable {
        /// How long the maintenance window still lasts.
        #[api(retry_after)]
        retry_after: Option<Duration>,
    },
}

impl ScanError {
    /// One value of every variant, as the tour prints them.
    pub fn samples() -> Vec<ScanError> {
        vec![
            ScanError::InvalidRequest,
            ScanError::ValidationFailed {
                fields: vec![
                    Violation::field("response", "response is required").with_kind("missing"),
                    Violation::body(["items".into(), 0.into(), "name".into()], "must not be empty"),
                ],
            },
            ScanError::InvalidApiKey,
            ScanError::RateLimited {
                limit: 1000,
                retry_after: Duration::from_secs(60),
                remaining: 0,
                reset: 1_678_886_460,
            },
            ScanError::PolicyBlocked {
                report: GovernanceReport {
                    verdict: "blocked".into(),
                    policy_id: "policy_123".into(),
                    violation_reason: "Suspected hallucination detected".into(),
                },
            },
            ScanError::Internal(EngineError {
                host: "engine-7.internal".into(),
                detail: "password=hunter2 rejected".into(),
            }),
            ScanError::OtherTenant,
            ScanError::NotFound,
            ScanError::Unavailable {
                retry_after: Some(Duration::from_secs(120)),
            },
        ]
    }
}
