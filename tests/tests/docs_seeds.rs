//! The generated page of each seed API carries what the seed's own reference page carries:
//! every code and status, description, common cause, resolution and retry rule, the envelope
//! with a JSON example, the headers, and the exact example bodies.

use errspec::docs::{Reference, openapi_document};
use errspec::{ApiError, Catalog};
use errspec_examples::reference::references;
use errspec_examples::seeds::{aegis, ai_guard, aisafe, aisquare, truthvouch};

mod docs_support;

fn page(stem: &str) -> String {
    references()
        .into_iter()
        .find(|(name, _)| *name == stem)
        .map_or_else(
            || panic!("no reference `{stem}`"),
            |(_, reference)| reference.to_markdown(),
        )
}

/// Every column of every wire code, and the body of every sample value, is on the page.
fn carries_catalog<C: Catalog + ApiError>(page: &str, samples: &[C]) {
    let coded = Reference::new("x").section::<C>().sections()[0].sends_codes();
    for spec in C::specs().iter().filter(|s| s.conceal_as.is_none()) {
        let code = if coded {
            format!("`{}`", spec.code)
        } else {
            spec.title.to_owned()
        };
        let row = format!("| `{}` | {code} |", spec.status.as_u16());
        assert!(page.contains(&row), "{} row {row}", C::NAME);
        let first_line = spec.doc.lines().next().unwrap_or_default();
        assert!(page.contains(first_line), "{} doc {first_line}", C::NAME);
        for column in [spec.cause, spec.resolution].into_iter().flatten() {
            assert!(page.contains(&column.replace('|', "\\|")), "{} {column}", C::NAME);
        }
        assert!(page.contains(&spec.retry.to_string()), "{} retry", C::NAME);
        for header in spec.headers {
            assert!(
                page.contains(&format!("| `{header}` |")),
                "{} header {header}",
                C::NAME
            );
        }
    }
    for sample in samples {
        let body = String::from_utf8(sample.to_response().into_body()).unwrap();
        // The page's examples carry a request id where the envelope has room for one.
        let with_id = String::from_utf8(
            sample
                .to_response_with(
                    &errspec::RenderContext::new().with_request_id(errspec::docs::SAMPLE_REQUEST_ID),
                )
                .into_body(),
        )
        .unwrap();
        assert!(
            page.contains(&with_id) || page.contains(&body),
            "{} example {body}",
            C::NAME
        );
    }
    assert!(page.contains("## Error response format"));
    assert!(page.contains("```json\n{"));
    assert!(page.contains("| `X-Request-Id` |"));
    assert!(page.contains("## Retry strategy\n\n| Status Code | Retry? | Strategy |"));
}

#[test]
fn ai_guard_has_one_table_per_endpoint_and_the_code_message_format() {
    let page = page("ai_guard");
    carries_catalog(&page, &ai_guard::ClassificationError::samples());
    carries_catalog(&page, &ai_guard::MetricsError::samples());
    assert!(page.contains("### Classification Endpoint (`POST /classifications/v1`)\n"));
    assert!(page.contains("### Metrics Endpoint (`POST /metric`)\n"));
    assert!(page.contains("| `code` | integer | always | HTTP status code. |"));
    assert!(page.contains("| `message` | string | always | Human-readable error description. |"));
    assert!(page.contains("{\"code\":502,\"message\":\"Upstream classification service unavailable\"}"));
    assert!(page.contains("| `502` | Bad Gateway | Upstream classification service unavailable | Upstream service unavailable. | `scan-job-manager` not reachable or classification profiles unavailable |"));
}

#[test]
fn aisafe_explains_the_404_vs_403_rule_and_retry_after() {
    let page = page("aisafe");
    carries_catalog(&page, &aisafe::AiSafeError::samples());
    assert!(page.contains("## Concealed errors"));
    assert!(page.contains("means \"this does not exist or you do not have access\""));
    assert!(page.contains("Do not infer that the resource exists but is forbidden."));
    assert!(page.contains("HTTP/1.1 404 Not Found\nContent-Type: application/json\n"));
    assert!(page.contains("{\"detail\":\"Assessment not found\"}"));
    assert!(page.contains("| `Retry-After` | `429 Too Many Requests` | Seconds to wait before retrying."));
    assert!(page.contains("\"code\":\"EMAIL_NOT_VERIFIED\""));
    // The concealed variants' own codes never appear.
    for spec in aisafe::AiSafeError::specs()
        .iter()
        .filter(|s| s.conceal_as.is_some())
    {
        assert!(!page.contains(spec.code), "{}", spec.code);
    }
}

#[test]
fn aisquare_lists_every_status_with_its_handling() {
    let page = page("aisquare");
    carries_catalog(&page, &aisquare::AiSquareError::samples());
    for action in ["Re-authenticate with valid credentials.", "Treat as absent."] {
        assert!(page.contains(action), "{action}");
    }
}

#[test]
fn truthvouch_shows_codes_headers_and_the_governance_report() {
    let page = page("truthvouch");
    carries_catalog(&page, &truthvouch::TruthVouchError::samples());
    for code in [
        "INVALID_REQUEST",
        "VALIDATION_ERROR",
        "INVALID_API_KEY",
        "INSUFFICIENT_PERMISSIONS",
        "RESOURCE_NOT_FOUND",
        "RESOURCE_ALREADY_EXISTS",
        "RATE_LIMIT_EXCEEDED",
        "INTERNAL_ERROR",
        "SERVICE_UNAVAILABLE",
        "POLICY_BLOCKED",
        "PII_DETECTED",
        "INJECTION_ATTEMPT_DETECTED",
    ] {
        assert!(page.contains(&format!("| `{code}` |")), "{code}");
    }
    assert!(
        page.contains("Retry-After: 60\nX-RateLimit-Remaining: 0\nX-RateLimit-Reset: 1678886460\n"),
        "{page}"
    );
    assert!(page.contains("\"governance\":{\"verdict\":\"blocked\",\"policy_id\":\"policy_123\",\"violation_reason\":\"Suspected hallucination detected\"}"));
    assert!(page.contains("\"details\":[{\"field\":\"response\",\"message\":\"response is required\"}]"));
    assert!(page.contains("| `error.requestId` | string | always |"));
    assert!(page.contains("`Idempotency-Key`"));
    assert!(
        !page.contains("tv_live_secret"),
        "a 5xx example never carries Display"
    );
}

#[test]
fn aegis_has_the_fastapi_formats_and_its_retry_table() {
    let page = page("aegis");
    carries_catalog(&page, &aegis::AegisError::samples());
    assert!(page.contains("{\"detail\":[{\"loc\":[\"body\",\"agent_type\"],\"msg\":\"field required\",\"type\":\"value_error.missing\"}]}"));
    assert!(page.contains("| `429` | Yes | Wait for Retry-After or the rate-limit reset, then retry |"));
    assert!(page.contains("| `500` | Yes | Exponential backoff (1s, 2s, 4s), max 3 retries |"));
    assert!(page.contains("| `502/503` | Yes | Wait 5s, retry up to 3 times |"));
    assert!(page.contains("| `400/401/403/404/409/422` | No | Do not retry |"));
    assert!(
        page.contains("| `X-RateLimit-Reset` | `429 Too Many Requests` | When the rate-limit window resets")
    );
    assert!(page.contains("{\"detail\":\"Rate limit exceeded. Try again in 60 seconds.\"}"));
}

#[test]
fn every_reference_yields_a_valid_openapi_document() {
    for (stem, reference) in references() {
        docs_support::validate_with_python(&openapi_document(&reference), stem);
    }
}
