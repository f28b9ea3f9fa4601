//! The reference generators: markdown page, JSON catalog, OpenAPI components, utoipa.

use std::time::Duration;

use errspec::docs::{CATALOG_FORMAT, Reference, openapi_document};
use errspec::{ApiError, Violation};
use errspec_examples::scan::ScanError;
use serde_json::Value;

mod docs_support;
use docs_support::validate_with_python;

/// Errors of the billing endpoint.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(docs_url = "https://docs.example.com/billing#{code}")]
pub enum BillingError {
    /// Card | bank transfer mismatch.
    /// Second line of the doc.
    #[error("Payment method mismatch")]
    #[status(400, cause = "Card and account | differ", resolution = "Use one\nmethod")]
    Mismatch,

    /// Too many attempts.
    #[error("Slow down: {limit} per hour")]
    #[status(429, retry = after(default = "30s"))]
    Throttled {
        #[api(expose)]
        limit: u32,
        #[api(retry_after)]
        wait: Duration,
        #[api(header = "X-RateLimit-Limit")]
        window: u32,
    },

    /// Invalid invoice fields.
    #[error("Invoice invalid")]
    #[status(422)]
    Invalid {
        #[api(violations)]
        fields: Vec<Violation>,
    },

    /// The invoice belongs to another account.
    #[error("other account")]
    #[status(403, conceal_as = Missing)]
    OtherAccount,

    #[error("Invoice not found")]
    #[status(404, code = "INVOICE_NOT_FOUND")]
    Missing,

    /// Payment processor down.
    #[error("processor: {0}")]
    #[status(502, retry = fixed("5s", attempts = 3))]
    Upstream(String),

    #[error("database: {0}")]
    #[status(503, retry = fixed("5s", attempts = 3))]
    Maintenance(String),
}

fn billing() -> Reference {
    Reference::new("Billing errors")
        .intro("What the billing API answers.")
        .section_titled::<BillingError>("Billing (`POST /invoices`)")
}

#[test]
fn the_page_carries_every_column_of_every_code() {
    let page = billing().to_markdown();
    assert!(page.starts_with("# Billing errors\n\nWhat the billing API answers.\n"));
    assert!(page.contains("### Billing (`POST /invoices`)\n\nErrors of the billing endpoint.\n"));
    assert!(page.contains(
        "| `400` | `MISMATCH` | Payment method mismatch | Card \\| bank transfer mismatch.<br>Second line of the doc. | Card and account \\| differ | Do not retry | Use one<br>method |"
    ), "{page}");
    assert!(page.contains(
        "| `429` | `THROTTLED` | Slow down: <limit> per hour | Too many attempts. | — | Wait for Retry-After or the rate-limit reset, then retry (default 30s) | Back off for at least the advertised interval, then retry. |"
    ), "{page}");
    assert!(page.contains("| `404` | `INVOICE_NOT_FOUND` | Invoice not found | Invoice not found | — | Do not retry | Treat as absent."));
    // A 5xx sends its title, never Display.
    assert!(page.contains("| `502` | `UPSTREAM` | Bad Gateway | Payment processor down. |"));
}

#[test]
fn retry_strategies_are_grouped_by_status_like_aegis() {
    let page = billing().to_markdown();
    let table = page
        .split("## Retry strategy\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("retry table");
    assert_eq!(
        table,
        "| Status Code | Retry? | Strategy |\n|---|---|---|\n\
         | `429` | Yes | Wait for Retry-After or the rate-limit reset, then retry (default 30s) |\n\
         | `502/503` | Yes | Wait 5s, retry up to 3 times |\n\
         | `400/404/422` | No | Do not retry |"
    );
    assert!(page.contains("`Idempotency-Key`"));
}

#[test]
fn headers_and_actions_are_listed() {
    let page = billing().to_markdown();
    assert!(page.contains("| `Content-Type` | every error | `application/problem+json` |"));
    assert!(page.contains("| `X-Request-Id` | every error, when the request has an id |"));
    assert!(page.contains("| `Retry-After` | `429 THROTTLED` | Seconds to wait before retrying."));
    assert!(page.contains(
        "| `X-RateLimit-Limit` | `429 THROTTLED` | Requests allowed in the current rate-limit window. |"
    ));
    assert!(page.contains("| `400 MISMATCH`, `422 INVALID` | Inspect the message, fix the request, and resubmit. Do not auto-retry. |"));
    assert!(page.contains("| `502 UPSTREAM`, `503 MAINTENANCE` | Retry idempotent requests with backoff;"));
}

#[test]
fn concealed_variants_are_explained_without_their_own_code() {
    let page = billing().to_markdown();
    assert!(page.contains("## Concealed errors"));
    assert!(page.contains("| The invoice belongs to another account. | `404 INVOICE_NOT_FOUND` |"));
    assert!(page.contains("`404 INVOICE_NOT_FOUND` means \"this does not exist or you do not have access\""));
    assert!(!page.contains("OTHER_ACCOUNT"), "{page}");
    assert!(!page.contains("`403`"), "a concealed 403 must not appear: {page}");
    let catalog = billing().to_json_catalog();
    assert!(!catalog.contains("OTHER_ACCOUNT"));
    assert!(
        !billing()
            .openapi_components()
            .to_string()
            .contains("OTHER_ACCOUNT")
    );
}

#[test]
fn every_code_has_an_example_rendered_through_its_envelope() {
    let page = billing().to_markdown();
    let examples = page.split("## Example errors\n\n").nth(1).expect("examples");
    for code in [
        "MISMATCH",
        "THROTTLED",
        "INVALID",
        "INVOICE_NOT_FOUND",
        "UPSTREAM",
        "MAINTENANCE",
    ] {
        assert!(examples.contains(&format!(" {code}\n")), "{code}");
    }
    assert!(examples.contains(
        "HTTP/1.1 429 Too Many Requests\nContent-Type: application/problem+json\nRetry-After: 30\nX-RateLimit-Limit: 100\nX-Request-Id: req_1234567890abcdef\n\n\
         {\"type\":\"https://docs.example.com/billing#THROTTLED\",\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"Slow down: <limit> per hour\",\"code\":\"THROTTLED\",\"request_id\":\"req_1234567890abcdef\",\"limit\":\"<limit>\"}"
    ), "{examples}");
    assert!(examples.contains("\"errors\":[{\"pointer\":\"#/field_name\",\"detail\":\"field required\"}]"));
    // The envelope section shows the format and a validation example with a field table.
    assert!(page.contains("Validation errors (`422 INVALID`) carry field-level errors:"));
    assert!(
        page.contains("| `errors[].pointer` | string | `422 INVALID` | JSON pointer to the invalid field. |")
    );
    assert!(page.contains("| `code` | string | always | Stable error code: dispatch on it. |"));
}

#[test]
fn real_values_replace_the_synthesized_examples() {
    let page = Reference::new("Scan")
        .section::<ScanError>()
        .examples(&ScanError::samples())
        .to_markdown();
    assert!(page.contains("\"detail\":\"Rate limit exceeded: 1000 requests per minute\""));
    assert!(page.contains("\"governance\":{\"verdict\":\"blocked\""));
    assert!(!page.contains("hunter2"), "a 5xx example never carries Display");
    // The table keeps the template.
    assert!(page.contains("| Rate limit exceeded: <limit> requests per minute |"));
}

#[test]
fn several_catalogs_get_one_section_each() {
    let page = Reference::new("All errors")
        .section::<ScanError>()
        .section_titled::<BillingError>("Billing")
        .to_markdown();
    assert!(page.contains("### ScanError\n"));
    assert!(page.contains("### Billing\n"));
    assert!(page.contains("#### 400 INVALID_REQUEST\n"));
    assert!(page.contains("#### 400 MISMATCH\n"));
    assert_eq!(
        page,
        Reference::new("All errors")
            .section::<ScanError>()
            .section_titled::<BillingError>("Billing")
            .to_markdown()
    );
}

#[test]
fn the_json_catalog_has_a_stable_documented_layout() {
    let text = billing().to_json_catalog();
    let json: Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["format"], CATALOG_FORMAT);
    let section = &json["sections"][0];
    assert_eq!(section["name"], "BillingError");
    assert_eq!(section["envelope"]["content_type"], "application/problem+json");
    let throttled = &section["errors"][1];
    assert_eq!(throttled["code"], "THROTTLED");
    assert_eq!(throttled["status"], 429);
    assert_eq!(throttled["retry"]["strategy"], "after");
    assert_eq!(throttled["retry"]["fallback"]["base_ms"], 30_000);
    assert_eq!(throttled["action"]["name"], "back_off");
    assert_eq!(throttled["grpc"], "RESOURCE_EXHAUSTED");
    assert_eq!(
        throttled["headers"],
        serde_json::json!(["Retry-After", "X-RateLimit-Limit"])
    );
    assert_eq!(throttled["exposed"], serde_json::json!(["limit"]));
    assert_eq!(throttled["example"]["body"]["code"], "THROTTLED");
    let upstream = &section["errors"][4];
    assert_eq!(upstream["retry"]["delay_ms"], 5000);
    assert_eq!(upstream["retry"]["attempts"], 3);
    assert_eq!(section["concealed"][0]["sent_as"], "INVOICE_NOT_FOUND");
    // Keys in the documented order.
    let first = &text[text.find("\"errors\"").unwrap()..];
    let keys: Vec<usize> = [
        "\"code\"",
        "\"status\"",
        "\"title\"",
        "\"message\"",
        "\"doc\"",
        "\"cause\"",
        "\"resolution\"",
        "\"retry\"",
        "\"action\"",
        "\"grpc\"",
        "\"type\"",
        "\"headers\"",
        "\"exposed\"",
        "\"top_level\"",
        "\"violations\"",
        "\"example\"",
    ]
    .iter()
    .map(|key| first.find(key).expect(key))
    .collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
    assert_eq!(text, billing().to_json_catalog());
}

#[test]
fn openapi_components_describe_every_code() {
    let components = billing().openapi_components();
    let throttled = &components["responses"]["THROTTLED"];
    assert!(
        throttled["description"]
            .as_str()
            .unwrap()
            .starts_with("429 THROTTLED: Too many attempts.")
    );
    assert_eq!(throttled["headers"]["Retry-After"]["schema"]["type"], "integer");
    assert_eq!(
        throttled["headers"]["X-RateLimit-Limit"]["schema"]["type"],
        "integer"
    );
    let media = &throttled["content"]["application/problem+json"];
    assert_eq!(media["schema"]["$ref"], "#/components/schemas/BillingError");
    assert_eq!(media["example"]["status"], 429);
    let schema = &components["schemas"]["BillingError"];
    assert_eq!(schema["type"], "object");
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(
        required,
        ["code", "detail", "request_id", "status", "title", "type"]
    );
    assert_eq!(
        schema["properties"]["errors"]["items"]["properties"]["pointer"]["type"],
        "string"
    );
    assert!(components["responses"].get("OTHER_ACCOUNT").is_none());
}

#[test]
fn openapi_documents_pass_the_official_validator() {
    validate_with_python(&openapi_document(&billing()), "billing");
    let scan = Reference::new("Scan")
        .section::<ScanError>()
        .examples(&ScanError::samples());
    validate_with_python(&openapi_document(&scan), "scan");
    let both = Reference::new("Both")
        .section::<ScanError>()
        .section::<BillingError>();
    validate_with_python(&openapi_document(&both), "both");
}

#[test]
fn the_validator_rejects_a_broken_document() {
    // The check above could pass vacuously if the validator accepted anything.
    let mut document = openapi_document(&billing());
    document["components"]["responses"]["THROTTLED"]
        .as_object_mut()
        .unwrap()
        .remove("description");
    let result = std::panic::catch_unwind(|| validate_with_python(&document, "broken"));
    assert!(result.is_err(), "a response without description must be rejected");
    // ... nor examples that break their schema.
    let mut document = openapi_document(&billing());
    document["components"]["responses"]["THROTTLED"]["content"]["application/problem+json"]["example"]["status"] =
        Value::from("429");
    let result = std::panic::catch_unwind(|| validate_with_python(&document, "bad-example"));
    assert!(
        result.is_err(),
        "an example whose status is a string must be rejected"
    );
}

#[test]
fn utoipa_responses_group_codes_by_status() {
    use utoipa::IntoResponses;
    let responses = ScanError::responses();
    let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
    assert_eq!(statuses, ["400", "401", "403", "404", "422", "429", "500", "503"]);
    let json = serde_json::to_value(&responses).unwrap();
    let forbidden = &json["403"];
    assert!(
        forbidden["description"]
            .as_str()
            .unwrap()
            .contains("POLICY_BLOCKED")
    );
    let rate = &json["429"];
    assert!(rate["headers"]["Retry-After"].is_object(), "{rate}");
    let media = &rate["content"]["application/problem+json"];
    assert_eq!(media["examples"]["RATE_LIMIT_EXCEEDED"]["value"]["status"], 429);
    assert_eq!(media["schema"]["type"], "object", "{media}");
}

mod envelopes {
    use std::time::Duration;

    use errspec::{ApiError, Violation};

    /// FastAPI-style errors.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(envelope = detail)]
    pub enum Detail {
        /// Missing or invalid JWT token.
        #[error("Authorization header required")]
        #[status(401)]
        MissingToken,
        /// Token past its expiry.
        #[error("Token has expired")]
        #[status(401)]
        ExpiredToken,
        /// Request body fails validation (Pydantic).
        #[error("Validation failed")]
        #[status(422)]
        Invalid {
            #[api(violations)]
            fields: Vec<Violation>,
        },
        /// Rate limit exceeded (100 req/min).
        #[error("Rate limit exceeded. Try again in 60 seconds.")]
        #[status(429)]
        Throttled {
            #[api(header = "X-RateLimit-Reset")]
            reset: u64,
        },
    }

    /// AI Guard-style errors.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(envelope = code_message)]
    pub enum CodeMessage {
        /// Invalid request body or parameters.
        #[error("Invalid request")]
        #[status(400, cause = "Malformed classifier description, missing required fields")]
        BadRequest,
        /// Upstream service unavailable.
        #[error("upstream: {0}")]
        #[status(502, cause = "`scan-job-manager` not reachable")]
        Upstream(String),
    }

    /// TruthVouch-style errors.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(envelope = nested)]
    pub enum Nested {
        /// Invalid field values.
        #[error("Validation failed")]
        #[status(422, code = "VALIDATION_ERROR")]
        Invalid {
            #[api(violations)]
            fields: Vec<Violation>,
        },
        /// Too many requests.
        #[error("Rate limit exceeded")]
        #[status(429, code = "RATE_LIMIT_EXCEEDED")]
        Throttled {
            #[api(retry_after)]
            wait: Duration,
        },
    }

    /// AIP-193 errors.
    #[derive(Debug, thiserror::Error, ApiError)]
    #[api(envelope = google)]
    pub enum Google {
        /// Invalid argument.
        #[error("Bad argument")]
        #[status(400)]
        BadArgument {
            #[api(violations)]
            fields: Vec<Violation>,
        },
        /// Quota exhausted.
        #[error("Quota exhausted")]
        #[status(429)]
        Quota {
            #[api(retry_after)]
            wait: Duration,
        },
    }
}

#[test]
fn envelopes_without_codes_are_documented_by_status_and_title() {
    let reference = Reference::new("AEGIS").section::<envelopes::Detail>();
    let page = reference.to_markdown();
    assert!(page.contains("the `detail` envelope) sent with `Content-Type: application/json`"));
    assert!(
        page.contains("{\"detail\":\"Authorization header required\"}"),
        "{page}"
    );
    assert!(page.contains("Validation errors (`422 Unprocessable Entity`) carry field-level errors:"));
    assert!(
        page.contains(
            "\"loc\":[\"body\",\"field_name\"],\"msg\":\"field required\",\"type\":\"value_error.missing\""
        ),
        "{page}"
    );
    assert!(page.contains("| `401` | Unauthorized | Token has expired | Token past its expiry. |"));
    assert!(page.contains("Dispatch on the HTTP status: the body carries no machine code"));
    assert!(page.contains("| `X-RateLimit-Reset` | `429 Too Many Requests` |"));
    assert!(page.contains("### 401 Unauthorized: Token past its expiry\n"));
    assert!(
        !page.contains("EXPIRED_TOKEN"),
        "codes that are never sent stay off the page: {page}"
    );
    assert!(
        page.contains("| `detail` | string \\| array | always |"),
        "{page}"
    );
    let catalog: Value = serde_json::from_str(&reference.to_json_catalog()).unwrap();
    assert_eq!(catalog["sections"][0]["envelope"]["sends_code"], false);

    let page = Reference::new("AI Guard")
        .section::<envelopes::CodeMessage>()
        .to_markdown();
    assert!(
        page.contains("{\"code\":400,\"message\":\"Invalid request\"}"),
        "{page}"
    );
    assert!(page.contains("| `code` | integer | always | HTTP status code. |"));
    assert!(page.contains("| `message` | string | always | Human-readable error description. |"));
    assert!(page.contains("| `502` | Bad Gateway | Bad Gateway | Upstream service unavailable. | `scan-job-manager` not reachable |"), "{page}");
}

#[test]
fn coded_envelopes_name_their_codes() {
    let page = Reference::new("TruthVouch")
        .section::<envelopes::Nested>()
        .to_markdown();
    assert!(
        page.contains("\"error\":{\"code\":\"VALIDATION_ERROR\""),
        "{page}"
    );
    assert!(
        page.contains("| `error.code` | string | always | Stable error code: dispatch on it. |"),
        "{page}"
    );
    assert!(page.contains("| `429` | `RATE_LIMIT_EXCEEDED` |"));
    let page = Reference::new("Google")
        .section::<envelopes::Google>()
        .to_markdown();
    assert!(page.contains("| `400` | `BAD_ARGUMENT` |"), "{page}");
}

#[test]
fn every_envelope_yields_a_valid_openapi_document() {
    let all = Reference::new("All envelopes")
        .section::<envelopes::Detail>()
        .section::<envelopes::CodeMessage>()
        .section::<envelopes::Nested>()
        .section::<envelopes::Google>()
        .section::<ScanError>();
    validate_with_python(&openapi_document(&all), "all-envelopes");
    let page = all.to_markdown();
    // Each envelope gets its own format subsection.
    for name in ["detail", "code_message", "nested", "google", "problem"] {
        assert!(page.contains(&format!("(the `{name}` envelope)")), "{name}");
    }
}

/// The synthesized examples are the bytes real values produce: rendering values that carry the
/// sample data leaves every output unchanged, whatever the envelope.
#[test]
fn synthesized_examples_match_real_values_in_every_envelope() {
    use envelopes::{CodeMessage, Detail, Google, Nested};
    let sample = || Violation::field("field_name", "field required").with_kind("value_error.missing");
    let wait = Duration::from_secs(60);

    let detail = [
        Detail::MissingToken,
        Detail::ExpiredToken,
        Detail::Invalid {
            fields: vec![sample()],
        },
        Detail::Throttled { reset: 1_678_886_460 },
    ];
    let code_message = [
        CodeMessage::BadRequest,
        CodeMessage::Upstream("secret host".into()),
    ];
    let nested = [
        Nested::Invalid {
            fields: vec![sample()],
        },
        Nested::Throttled { wait },
    ];
    let google = [
        Google::BadArgument {
            fields: vec![sample()],
        },
        Google::Quota { wait },
    ];
    let synthesized = Reference::new("All")
        .section::<Detail>()
        .section::<CodeMessage>()
        .section::<Nested>()
        .section::<Google>();
    let real = synthesized
        .clone()
        .examples(&detail)
        .examples(&code_message)
        .examples(&nested)
        .examples(&google);
    assert_eq!(synthesized.to_markdown(), real.to_markdown());
    assert_eq!(synthesized.to_json_catalog(), real.to_json_catalog());
    assert_eq!(synthesized.openapi_components(), real.openapi_components());
    // ... and a value with other data does change them.
    let other = synthesized.examples(&[Detail::Throttled { reset: 42 }]);
    assert!(other.to_markdown().contains("X-RateLimit-Reset: 42\n"));
}

/// No errors at all.
#[derive(Debug, thiserror::Error, ApiError)]
pub enum Infallible {}

#[test]
fn an_enum_without_variants_renders_empty_tables() {
    let reference = Reference::new("Nothing").section::<Infallible>();
    let page = reference.to_markdown();
    assert!(page.contains("### Infallible\n\nNo errors at all.\n"));
    assert!(!page.contains("## Concealed errors"));
    assert_eq!(reference.openapi_components()["responses"], serde_json::json!({}));
    let catalog: Value = serde_json::from_str(&reference.to_json_catalog()).unwrap();
    assert_eq!(catalog["sections"][0]["errors"], serde_json::json!([]));
    validate_with_python(&openapi_document(&reference), "empty");
}
