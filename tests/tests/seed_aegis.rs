//! AEGIS's error reference, reproduced: FastAPI bodies, the rate-limit header and the retry
//! strategy table.

use std::collections::BTreeSet;
use std::time::Duration;

use errspec::envelope::decode;
use errspec::{ApiError, Backoff, Catalog, Jitter, Retry, Source, Violation};
use errspec_examples::seeds::aegis::{AegisError, AegisErrorKind};
use serde_json::{Value, json};

fn body(error: &AegisError) -> Value {
    let response = error.to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
    serde_json::from_slice(response.body()).expect("the body is JSON")
}

#[test]
fn authentication_errors() {
    assert_eq!(AegisError::MissingToken.status(), 401);
    assert_eq!(
        body(&AegisError::MissingToken),
        json!({"detail": "Authorization header required"})
    );
    assert_eq!(
        body(&AegisError::TokenExpired),
        json!({"detail": "Token has expired"})
    );
}

#[test]
fn validation_errors_use_pydantic_locations() {
    let error = AegisError::Validation {
        errors: vec![Violation::field("field_name", "field required").with_kind("value_error.missing")],
    };
    assert_eq!(error.status(), 422);
    assert_eq!(
        body(&error),
        json!({
        "detail": [
        {
        "loc": ["body", "field_name"],
        "msg": "field required",
        "type": "value_error.missing"
        }
        ]
        })
    );
    // The `curl -d '{}' /execute` example, read back as a client does.
    let error = AegisError::Validation {
        errors: vec![Violation::field("agent_type", "field required").with_kind("value_error.missing")],
    };
    let response = error.to_response();
    let decoded = decode(Some("application/json"), response.body()).unwrap();
    assert_eq!(decoded.violations[0].source, Some(Source::Body));
    assert_eq!(decoded.violations[0].dotted(), "agent_type");
    assert_eq!(decoded.violations[0].message, "field required");
}

#[test]
fn rate_limiting_and_not_found() {
    let error = AegisError::RateLimited {
        retry_in: 60,
        reset: 1_678_886_460,
    };
    let response = error.to_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["x-ratelimit-reset"], "1678886460");
    assert_eq!(
        body(&error),
        json!({"detail": "Rate limit exceeded. Try again in 60 seconds."})
    );

    let error = AegisError::NotFound {
        resource: "Conversation",
    };
    assert_eq!(error.status(), 404);
    assert_eq!(body(&error), json!({"detail": "Conversation not found"}));
}

#[test]
fn the_status_table() {
    let statuses: BTreeSet<u16> = AegisError::specs().iter().map(|s| s.status.as_u16()).collect();
    assert_eq!(
        statuses,
        [400, 401, 403, 404, 409, 422, 429, 500, 502, 503].into()
    );
    assert_eq!(AegisError::samples().len(), AegisError::specs().len());
}

#[test]
fn the_retry_strategy_table() {
    // 429: wait until X-RateLimit-Reset.
    assert!(matches!(AegisErrorKind::RateLimited.retry(), Retry::After { .. }));
    assert_eq!(AegisErrorKind::RateLimited.spec().headers, ["X-RateLimit-Reset"]);
    // 500: exponential backoff (1s, 2s, 4s), max 3 retries.
    let Retry::Backoff(backoff) = AegisErrorKind::Internal.retry() else {
        panic!("500 backs off")
    };
    assert_eq!((backoff.attempts, backoff.jitter), (3, Jitter::None));
    let delays: Vec<Duration> = (0..backoff.attempts).map(|n| backoff.nominal_delay(n)).collect();
    assert_eq!(delays, [1, 2, 4].map(Duration::from_secs));
    assert_eq!(
        AegisErrorKind::Internal.retry().to_string(),
        "Exponential backoff (1s, 2s, 4s), max 3 retries"
    );
    // 502/503: wait 5s, retry up to 3 times.
    for kind in [AegisErrorKind::BadGateway, AegisErrorKind::ServiceUnavailable] {
        assert_eq!(
            kind.retry(),
            Retry::Fixed {
                delay: Duration::from_secs(5),
                attempts: 3
            }
        );
        assert_eq!(kind.retry().to_string(), "Wait 5s, retry up to 3 times");
    }
    // 400/401/403/404/422: no.
    for kind in AegisErrorKind::ALL {
        if [400, 401, 403, 404, 422].contains(&kind.status().as_u16()) {
            assert_eq!(kind.retry(), Retry::Never, "{kind:?}");
        }
    }
    assert_ne!(
        Backoff::STANDARD.jitter,
        Jitter::None,
        "AEGIS overrides the default jitter"
    );
}

#[test]
fn server_errors_send_only_the_reason_phrase() {
    for error in AegisError::samples()
        .iter()
        .filter(|e| e.status().is_server_error())
    {
        let detail = body(error)["detail"].as_str().unwrap().to_owned();
        assert_eq!(detail, error.status().canonical_reason().unwrap());
        assert!(!String::from_utf8_lossy(error.to_response().body()).contains("password"));
    }
}
