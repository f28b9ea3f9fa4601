//! TruthVouch's error reference, reproduced: every example body and header of the seed.

use std::str::FromStr;
use std::time::Duration;

use errspec::envelope::decode;
use errspec::{ApiError, Catalog, RenderContext, Retry, Violation};
use errspec_examples::seeds::truthvouch::{
    GovernanceReport, InternalFailure, TruthVouchError, TruthVouchErrorKind,
};
use http::Response;
use serde_json::{Value, json};

fn render(error: &TruthVouchError, request_id: &str) -> Response<Vec<u8>> {
    error.to_response_with(&RenderContext::new().with_request_id(request_id))
}

fn body(response: &Response<Vec<u8>>) -> Value {
    serde_json::from_slice(response.body()).expect("the body is JSON")
}

#[test]
fn validation_error() {
    let error = TruthVouchError::Validation {
        details: vec![Violation::field("response", "response is required")],
    };
    let response = render(&error, "req_abc123");
    assert_eq!(response.status(), 422);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers()["x-request-id"], "req_abc123");
    assert_eq!(
        body(&response),
        json!({ "error": { "code": "VALIDATION_ERROR", "message": "Validation failed", "statusCode": 422, "details": [ { "field": "response", "message": "response is required" } ], "requestId": "req_abc123" }})
    );
}

#[test]
fn authentication_error() {
    let response = render(&TruthVouchError::InvalidApiKey, "req_def456");
    assert_eq!(response.status(), 401);
    assert_eq!(
        body(&response),
        json!({ "error": { "code": "INVALID_API_KEY", "message": "Invalid or expired API key", "statusCode": 401, "requestId": "req_def456" }})
    );
}

#[test]
fn rate_limit_error() {
    let error = TruthVouchError::RateLimitExceeded {
        limit: 1000,
        retry_after: Duration::from_secs(60),
        remaining: 0,
        reset: 1_678_886_460,
    };
    let response = render(&error, "req_ghi789");
    assert_eq!(response.status(), 429);
    assert_eq!(
        body(&response),
        json!({ "error": { "code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded: 1000 requests per minute", "statusCode": 429, "requestId": "req_ghi789" }})
    );
    let headers = response.headers();
    assert_eq!(headers["retry-after"], "60");
    assert_eq!(headers["x-ratelimit-remaining"], "0");
    assert_eq!(headers["x-ratelimit-reset"], "1678886460");
    assert_eq!(headers["x-request-id"], "req_ghi789");
    assert_eq!(headers.len(), 5, "{headers:?}");
}

#[test]
fn policy_blocked_error() {
    let error = TruthVouchError::PolicyBlocked {
        governance: GovernanceReport {
            verdict: "blocked".into(),
            policy_id: "policy_123".into(),
            violation_reason: "Suspected hallucination detected".into(),
        },
    };
    let response = render(&error, "req_jkl012");
    assert_eq!(response.status(), 403);
    assert_eq!(
        body(&response),
        json!({ "error": { "code": "POLICY_BLOCKED", "message": "Request blocked by governance policy", "statusCode": 403, "requestId": "req_jkl012" }, "governance": { "verdict": "blocked", "policy_id": "policy_123", "violation_reason": "Suspected hallucination detected" }})
    );
    // What the SDKs read back: the code, and the report as `governance_report`.
    let decoded = decode(Some("application/json"), response.body()).unwrap();
    assert_eq!(
        TruthVouchErrorKind::from_str(decoded.code.as_deref().unwrap()),
        Ok(TruthVouchErrorKind::PolicyBlocked)
    );
    assert_eq!(decoded.request_id.as_deref(), Some("req_jkl012"));
    assert_eq!(decoded.members["governance"]["policy_id"], "policy_123");
}

#[test]
fn every_code_of_the_reference_with_its_status() {
    let table: Vec<(&str, u16)> = TruthVouchError::specs()
        .iter()
        .map(|s| (s.code, s.status.as_u16()))
        .collect();
    assert_eq!(
        table,
        [
            ("INVALID_REQUEST", 400),
            ("VALIDATION_ERROR", 422),
            ("INVALID_API_KEY", 401),
            ("INSUFFICIENT_PERMISSIONS", 403),
            ("RESOURCE_NOT_FOUND", 404),
            ("RESOURCE_ALREADY_EXISTS", 409),
            ("RATE_LIMIT_EXCEEDED", 429),
            ("INTERNAL_ERROR", 500),
            ("SERVICE_UNAVAILABLE", 503),
            ("POLICY_BLOCKED", 403),
            ("PII_DETECTED", 403),
            ("INJECTION_ATTEMPT_DETECTED", 403),
        ]
    );
    let spec = TruthVouchErrorKind::InvalidRequest.spec();
    assert_eq!(
        (spec.doc, spec.resolution),
        (
            "Malformed request (missing body, invalid JSON).",
            Some("Check request format")
        )
    );
    // Retry strategy: 429 waits for Retry-After, 500 and 503 back off, the rest never retry.
    assert!(matches!(
        TruthVouchErrorKind::RateLimitExceeded.retry(),
        Retry::After { .. }
    ));
    assert!(matches!(TruthVouchErrorKind::Internal.retry(), Retry::Backoff(b) if b.attempts == 5));
    assert!(
        matches!(TruthVouchErrorKind::ServiceUnavailable.retry(), Retry::Backoff(b) if b.base == Duration::from_secs(2))
    );
    assert_eq!(TruthVouchErrorKind::PiiDetected.retry(), Retry::Never);
    assert_eq!(TruthVouchError::samples().len(), TruthVouchError::specs().len());
}

#[test]
fn every_sample_decodes_to_its_own_kind() {
    for error in TruthVouchError::samples() {
        let response = render(&error, "req_1");
        let decoded = decode(Some("application/json"), response.body()).unwrap();
        assert_eq!(decoded.envelope, "nested");
        assert_eq!(decoded.code.as_deref(), Some(error.code()));
        assert_eq!(decoded.status, Some(error.status().as_u16()));
        assert_eq!(decoded.request_id.as_deref(), Some("req_1"));
        assert_eq!(TruthVouchErrorKind::from_str(error.code()), Ok(error.kind()));
    }
}

#[test]
fn internal_errors_keep_their_cause_private() {
    let error = TruthVouchError::Internal(InternalFailure("token=tv_live_secret".into()));
    let response = render(&error, "req_1");
    assert_eq!(
        body(&response),
        json!({ "error": { "code": "INTERNAL_ERROR", "message": "Unexpected server error", "statusCode": 500, "requestId": "req_1" }})
    );
}
