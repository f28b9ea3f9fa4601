//! AISquare's error reference, reproduced: the status table, and 404 for restricted access.

use std::collections::BTreeSet;

use errspec::envelope::decode;
use errspec::{ApiError, Catalog, Retry};
use errspec_examples::seeds::aisquare::AiSquareError;
use serde_json::{Value, json};

fn body(error: &AiSquareError) -> Value {
    serde_json::from_slice(error.to_response().body()).expect("the body is JSON")
}

#[test]
fn the_common_status_codes() {
    let statuses: BTreeSet<u16> = AiSquareError::specs().iter().map(|s| s.status.as_u16()).collect();
    assert_eq!(statuses, [400, 401, 403, 404, 500].into());
    assert_eq!(AiSquareError::samples().len(), AiSquareError::specs().len());
}

#[test]
fn endpoint_specific_notes() {
    // Collection and publication endpoints: 400 for a missing URL.
    assert_eq!(AiSquareError::UrlRequired.status(), 400);
    assert_eq!(
        body(&AiSquareError::UrlRequired),
        json!({"detail": "URL is required"})
    );
    // Metrics endpoint: 403 for unauthorized users.
    assert_eq!(AiSquareError::MetricsForbidden.status(), 403);
    assert_eq!(
        body(&AiSquareError::MetricsForbidden),
        json!({"detail": "Only the owner can view metrics"})
    );
    // Permission endpoint: 404 for access denial, indistinguishable from a missing resource.
    let (denied, missing) = (
        AiSquareError::AccessRestricted.to_response(),
        AiSquareError::NotFound.to_response(),
    );
    assert_eq!(denied.status(), 404);
    assert_eq!(
        (denied.headers(), denied.body()),
        (missing.headers(), missing.body())
    );
    assert_eq!(body(&AiSquareError::NotFound), json!({"detail": "Not found"}));
}

#[test]
fn only_server_errors_are_retried() {
    for error in AiSquareError::samples() {
        assert_eq!(
            error.retry().is_retryable(),
            error.status().is_server_error(),
            "{error:?}"
        );
        let decoded = decode(Some("application/json"), error.to_response().body()).unwrap();
        assert_eq!(decoded.message.as_deref(), Some(&*error.public_message()));
    }
    assert!(matches!(
        AiSquareError::Internal(errspec_examples::seeds::aisquare::InternalFailure(String::new())).retry(),
        Retry::Backoff(_)
    ));
}
