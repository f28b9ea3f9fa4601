//! AISafe's error reference, reproduced: `{"detail": ...}`, the 404-vs-403 rule, Retry-After
//! on 429, the unverified-account code, and the "What to do" column.

use std::time::Duration;

use errspec::envelope::decode;
use errspec::{Action, ApiError, Catalog, RenderContext, Retry};
use errspec_examples::seeds::aisafe::{AiSafeError, AiSafeErrorKind, AuthCode};
use serde_json::{Value, json};

fn body(error: &AiSafeError) -> Value {
    serde_json::from_slice(error.to_response().body()).expect("the body is JSON")
}

#[test]
fn a_404_response() {
    let response = AiSafeError::AssessmentNotFound.to_response();
    assert_eq!(response.status(), 404);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(response.headers().len(), 1);
    assert_eq!(
        body(&AiSafeError::AssessmentNotFound),
        json!({"detail": "Assessment not found"})
    );
}

#[test]
fn another_organizations_resource_is_not_found() {
    let ctx = RenderContext::new().with_request_id("req_7");
    for (concealed, target) in [
        (
            AiSafeError::AssessmentInOtherOrganization,
            AiSafeError::AssessmentNotFound,
        ),
        (
            AiSafeError::FindingInOtherOrganization,
            AiSafeError::FindingNotFound,
        ),
    ] {
        let (hidden, plain) = (concealed.to_response_with(&ctx), target.to_response_with(&ctx));
        assert_eq!(hidden.status(), 404);
        assert_eq!(hidden.status(), plain.status());
        assert_eq!(hidden.headers(), plain.headers());
        assert_eq!(hidden.body(), plain.body());
        assert_eq!(concealed.kind(), target.kind());
    }
    // The concealed variants have no kind of their own: clients cannot tell them apart.
    assert_eq!(AiSafeErrorKind::ALL.len(), AiSafeError::specs().len() - 2);
}

#[test]
fn rate_limit_errors_carry_retry_after() {
    let error = AiSafeError::RateLimited {
        retry_after: Duration::from_secs(30),
    };
    let response = error.to_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "30");
    assert_eq!(
        body(&error),
        json!({"detail": "Rate limit exceeded. Retry after 30s."})
    );
    assert!(matches!(error.retry(), Retry::After { .. }));
}

#[test]
fn unverified_accounts_get_a_code() {
    let error = AiSafeError::EmailNotVerified {
        code: AuthCode::EmailNotVerified,
    };
    assert_eq!(error.status(), 403);
    assert_eq!(
        body(&error),
        json!({"detail": "Email address not verified", "code": "EMAIL_NOT_VERIFIED"})
    );
    let decoded = decode(Some("application/json"), error.to_response().body()).unwrap();
    assert_eq!(decoded.code.as_deref(), Some(error.code()));
    // Other auth failures use the plain envelope.
    assert_eq!(
        body(&AiSafeError::Unauthorized),
        json!({"detail": "Could not validate credentials"})
    );
}

#[test]
fn what_to_do_by_status() {
    let expected = [
        (400, Action::FixRequest),
        (401, Action::Reauthenticate),
        (403, Action::ChangePrincipal),
        (404, Action::TreatAsAbsent),
        (409, Action::Reconcile),
        (422, Action::FixRequest),
        (429, Action::BackOff),
        (500, Action::RetryLater),
    ];
    for spec in AiSafeError::specs()
        .iter()
        .filter(|s| s.code != "EMAIL_NOT_VERIFIED")
    {
        let action = expected
            .iter()
            .find(|(status, _)| *status == spec.status.as_u16())
            .map(|(_, a)| *a);
        assert_eq!(Some(spec.action), action, "{}", spec.variant);
    }
    for (status, _) in expected {
        assert!(
            AiSafeError::specs().iter().any(|s| s.status == status),
            "{status}"
        );
    }
    assert_eq!(AiSafeError::samples().len(), AiSafeError::specs().len());
}

#[test]
fn every_sample_reads_back() {
    for error in AiSafeError::samples() {
        let response = error.to_response();
        let decoded = decode(response.headers()["content-type"].to_str().ok(), response.body()).unwrap();
        assert_eq!(decoded.envelope, "detail");
        if error.spec().violations {
            assert_eq!(decoded.violations.len(), 1);
        } else {
            assert_eq!(decoded.message.as_deref(), Some(&*error.public_message()));
        }
        assert!(!String::from_utf8_lossy(response.body()).contains("10.0.3.7"));
    }
}
