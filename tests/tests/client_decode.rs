//! `RemoteError::from_parts` on real bodies: each envelope, the frameworks the seeds mirror
//! (FastAPI, RFC 9457, Google APIs), proxies' HTML, plain text, empty and truncated bodies.

use std::time::Duration;

use errspec::client::{Decision, ErrorClass, MAX_BODY_BYTES, RemoteError, RequestFacts, RetryPolicy};
use errspec::{ApiError, Catalog, ErrorKind, Jitter, Retry, Segment, Source, Violation};
use http::{HeaderMap, Method, StatusCode};
use serde_json::json;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    map
}

fn decode<K: ErrorKind>(status: u16, content_type: &str, body: &str) -> RemoteError<K> {
    RemoteError::from_parts(
        StatusCode::from_u16(status).unwrap(),
        &headers(&[("content-type", content_type)]),
        body.as_bytes(),
    )
}

const JSON: &str = "application/json";

#[allow(dead_code, reason = "the client only reads the catalog")]
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = detail)]
enum AegisError {
    #[error("Validation failed")]
    #[status(422)]
    Unprocessable {
        #[api(violations)]
        fields: Vec<Violation>,
    },
    #[error("Conversation not found")]
    #[status(404)]
    NotFound,
}

#[test]
fn fastapi_422_with_loc_msg_type_input() {
    let body = r#"{"detail":[{"type":"missing","loc":["body","agent_type"],"msg":"Field required","input":{},"url":"https://errors.pydantic.dev/2.6/v/missing"},{"type":"int_parsing","loc":["query","limit"],"msg":"Input should be a valid integer, unable to parse string as an integer","input":"ten"}]}"#;
    let error = decode::<AegisErrorKind>(422, JSON, body);
    assert_eq!(error.envelope(), Some("detail"));
    // FastAPI sends no code: the only kind with status 422 is the one.
    assert_eq!(error.code(), None);
    assert_eq!(error.kind(), Some(AegisErrorKind::Unprocessable));
    assert_eq!(error.class(), ErrorClass::InvalidRequest);
    let violations = error.violations();
    assert_eq!(violations.len(), 2);
    assert_eq!(violations[0].source, Some(Source::Body));
    assert_eq!(violations[0].path, [Segment::from("agent_type")]);
    assert_eq!(violations[0].message, "Field required");
    assert_eq!(violations[0].kind, "missing");
    assert_eq!(violations[1].source, Some(Source::Query));
    assert_eq!(violations[1].dotted(), "limit");
    assert_eq!(
        RetryPolicy::new()
            .decide(&error, 0, &RequestFacts::new(Method::GET))
            .wait(),
        None
    );

    let missing = decode::<AegisErrorKind>(404, JSON, r#"{"detail": "Conversation not found"}"#);
    assert_eq!(missing.kind(), Some(AegisErrorKind::NotFound));
    assert_eq!(missing.message(), Some("Conversation not found"));
    assert_eq!(missing.to_string(), "404 Not Found: Conversation not found");
}

#[test]
fn rfc_9457_examples() {
    // RFC 9457 §3, "out of credit".
    let body = r#"{
 "type": "https://example.com/probs/out-of-credit",
 "title": "You do not have enough credit.",
 "detail": "Your current balance is 30, but that costs 50.",
 "instance": "/account/12345/msgs/abc",
 "balance": 30,
 "accounts": ["/account/12345",
              "/account/67890"]
}"#;
    let error: RemoteError = decode(403, "application/problem+json", body);
    assert_eq!(error.envelope(), Some("problem"));
    assert_eq!(error.type_uri(), Some("https://example.com/probs/out-of-credit"));
    assert_eq!(error.title(), Some("You do not have enough credit."));
    assert_eq!(
        error.message(),
        Some("Your current balance is 30, but that costs 50.")
    );
    assert_eq!(error.instance(), Some("/account/12345/msgs/abc"));
    assert_eq!(error.member("balance"), Some(&json!(30)));
    assert_eq!(
        error.member("accounts"),
        Some(&json!(["/account/12345", "/account/67890"]))
    );
    assert_eq!(error.class(), ErrorClass::PermissionDenied);

    // RFC 9457 §3, validation errors with JSON pointers; no `detail`, so the title speaks.
    let body = r##"{
 "type": "https://example.net/validation-error",
 "title": "Your request is not valid.",
 "errors": [
             {
               "detail": "must be a positive integer",
               "pointer": "#/age"
             },
             {
               "detail": "must be 'green', 'red' or 'blue'",
               "pointer": "#/profile/color"
             }
          ]
}"##;
    let error: RemoteError = decode(422, "application/problem+json", body);
    assert_eq!(error.message(), Some("Your request is not valid."));
    let pointers: Vec<String> = error.violations().iter().map(Violation::pointer).collect();
    assert_eq!(pointers, ["/age", "/profile/color"]);
    assert_eq!(error.violations()[1].message, "must be 'green', 'red' or 'blue'");
}

#[test]
fn google_error_with_error_info_retry_info_and_bad_request() {
    let body = r#"{
  "error": {
    "code": 429,
    "message": "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute' of service 'translate.googleapis.com'.",
    "status": "RESOURCE_EXHAUSTED",
    "details": [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        "reason": "RATE_LIMIT_EXCEEDED",
        "domain": "googleapis.com",
        "metadata": { "service": "translate.googleapis.com", "quota_limit_value": "600" }
      },
      { "@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "30s" },
      { "@type": "type.googleapis.com/google.rpc.Help", "links": [{ "description": "Quota", "url": "https://cloud.google.com/docs/quotas" }] }
    ]
  }
}"#;
    let error: RemoteError = decode(429, "application/json; charset=UTF-8", body);
    assert_eq!(error.envelope(), Some("google"));
    assert_eq!(error.code(), Some("RATE_LIMIT_EXCEEDED"));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(30)));
    assert_eq!(error.member("service"), Some(&json!("translate.googleapis.com")));
    assert_eq!(error.class(), ErrorClass::RateLimited);
    // RetryInfo in the body is honoured like a Retry-After header.
    let policy = RetryPolicy::new().with_jitter(Jitter::None);
    assert_eq!(
        policy.decide(&error, 0, &RequestFacts::new(Method::POST)),
        Decision::Retry(Duration::from_secs(30))
    );

    let body = r#"{"error":{"code":400,"message":"Invalid value at 'book.title'","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"book.title","description":"must not be empty"},{"field":"book.tags[2]","description":"too long"}]}]}}"#;
    let error: RemoteError = decode(400, JSON, body);
    let fields: Vec<String> = error.violations().iter().map(Violation::dotted).collect();
    assert_eq!(fields, ["book.title", "book.tags[2]"]);
    assert_eq!(error.message(), Some("Invalid value at 'book.title'"));
}

#[allow(dead_code, reason = "the client only reads the catalog")]
#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = nested)]
enum TruthVouchError {
    #[error("Request blocked by governance policy")]
    #[status(403, code = "POLICY_BLOCKED")]
    PolicyBlocked,
    #[error("Rate limit exceeded")]
    #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
    RateLimited,
}

#[test]
fn truthvouch_nested_with_governance_and_unknown_codes() {
    let body = r#"{ "error": { "code": "POLICY_BLOCKED", "message": "Request blocked by governance policy", "statusCode": 403, "requestId": "req_jkl012" }, "governance": { "verdict": "blocked", "policy_id": "policy_123", "violation_reason": "Suspected hallucination detected" }}"#;
    let error = decode::<TruthVouchErrorKind>(403, JSON, body);
    assert_eq!(error.envelope(), Some("nested"));
    assert_eq!(error.kind(), Some(TruthVouchErrorKind::PolicyBlocked));
    assert_eq!(error.request_id(), Some("req_jkl012"));
    assert_eq!(error.member("governance").unwrap()["policy_id"], "policy_123");
    assert_eq!(
        error.to_string(),
        "403 Forbidden [POLICY_BLOCKED]: Request blocked by governance policy (request req_jkl012)"
    );

    // Text from the server is printed as is, control characters escaped.
    let forged = decode::<TruthVouchErrorKind>(
        400,
        JSON,
        r#"{"error":{"code":"X","message":"must be 'red'\n[INFO] forged\u001b[2J","requestId":"r\r1"}}"#,
    );
    assert_eq!(
        forged.to_string(),
        r"400 Bad Request [X]: must be 'red'\n[INFO] forged\u{1b}[2J (request r\r1)"
    );

    // A code this client was built without: kept as a string, retry by status.
    let body = r#"{ "error": { "code": "PII_DETECTED", "message": "PII detected", "statusCode": 403 }}"#;
    let error = decode::<TruthVouchErrorKind>(403, JSON, body);
    assert_eq!((error.kind(), error.code()), (None, Some("PII_DETECTED")));
    assert_eq!(error.retry(), Retry::Never);
    let error = decode::<TruthVouchErrorKind>(500, JSON, r#"{"error":{"code":"NEW_CODE","message":"x"}}"#);
    assert_eq!(error.retry(), Retry::default_for(500));
}

#[test]
fn ai_guard_code_message() {
    let error: RemoteError = decode(401, JSON, r#"{"code": 401, "message": "Authentication failed"}"#);
    assert_eq!(error.envelope(), Some("code_message"));
    assert_eq!(error.message(), Some("Authentication failed"));
    assert_eq!(error.class(), ErrorClass::Unauthenticated);
}

#[test]
fn what_a_proxy_sends_instead() {
    let nginx = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
    let error: RemoteError = decode(502, "text/html", nginx);
    assert_eq!(error.envelope(), None);
    assert_eq!(error.message(), Some("502 Bad Gateway"));
    assert_eq!(error.class(), ErrorClass::Unavailable);
    let policy = RetryPolicy::new().with_jitter(Jitter::None);
    assert_eq!(
        policy.decide(&error, 0, &RequestFacts::new(Method::GET)),
        Decision::Retry(Duration::from_secs(1))
    );

    let envoy: RemoteError = decode(
        503,
        "text/plain",
        "upstream connect error or disconnect/reset before headers. reset reason: connection failure",
    );
    assert_eq!(
        envoy.message(),
        Some("upstream connect error or disconnect/reset before headers. reset reason: connection failure")
    );

    let empty: RemoteError = RemoteError::from_parts(StatusCode::SERVICE_UNAVAILABLE, &HeaderMap::new(), b"");
    assert_eq!(
        (empty.message(), empty.code(), empty.envelope()),
        (None, None, None)
    );
    assert_eq!(empty.to_string(), "503 Service Unavailable");
    assert!(empty.violations().is_empty());

    // A body cut off mid-way decodes to nothing rather than to half a message.
    let cut: RemoteError = decode(
        500,
        JSON,
        r#"{"error": {"code": "INTERNAL_ERROR", "message": "Unexpec"#,
    );
    assert_eq!((cut.message(), cut.code()), (None, None));
    assert_eq!(cut.to_string(), "500 Internal Server Error");
}

#[test]
fn bodies_above_the_cap_are_cut_and_flagged() {
    let long = format!(r#"{{"detail": "{}"}}"#, "x".repeat(MAX_BODY_BYTES));
    let error: RemoteError = decode(400, JSON, &long);
    assert!(error.body_truncated());
    assert_eq!(error.envelope(), None);
    let text = "y".repeat(MAX_BODY_BYTES * 2);
    let error: RemoteError = decode(500, "text/plain", &text);
    assert!(error.body_truncated());
    assert_eq!(error.message().map(str::len), Some(200));
    let fits: RemoteError = decode(400, JSON, r#"{"detail": "short"}"#);
    assert!(!fits.body_truncated());
}

#[test]
fn request_id_comes_from_the_body_else_the_header() {
    let map = headers(&[("content-type", JSON), ("x-request-id", "hdr_1")]);
    let from_header: RemoteError =
        RemoteError::from_parts(StatusCode::NOT_FOUND, &map, br#"{"detail":"gone"}"#);
    assert_eq!(from_header.request_id(), Some("hdr_1"));
    let both: RemoteError = RemoteError::from_parts(
        StatusCode::NOT_FOUND,
        &map,
        br#"{"error":{"code":"X","message":"m","requestId":"body_1"}}"#,
    );
    assert_eq!(both.request_id(), Some("body_1"));
    // `RemoteError` is a `std::error::Error`.
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(both);
    assert_eq!(boxed.to_string(), "404 Not Found [X]: m (request body_1)");
}

/// Every built-in envelope: what the derive renders, `from_parts` reads back to the same kind.
#[test]
fn rendered_responses_round_trip_through_every_envelope() {
    macro_rules! round_trip {
        ($($envelope:ident => $name:literal),*) => {$({
            #[derive(Debug, thiserror::Error, ApiError)]
            #[api(envelope = $envelope)]
            enum E {
                #[error("Invalid request payload")]
                #[status(400, code = "INVALID_REQUEST")]
                Invalid { #[api(violations)] fields: Vec<Violation> },
                #[error("Slow down")]
                #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
                Limited { #[api(retry_after)] wait: Duration },
                #[error("boom")]
                #[status(503, code = "SERVICE_UNAVAILABLE")]
                Unavailable,
            }
            let values = [
                E::Invalid { fields: vec![Violation::field("response", "response is required")] },
                E::Limited { wait: Duration::from_secs(7) },
                E::Unavailable,
            ];
            assert_eq!(values.len(), <E as Catalog>::specs().len());
            for value in values {
                let response = value.to_response_with(&errspec::RenderContext::new().with_request_id("req_1"));
                let remote = RemoteError::<EKind>::from_parts(response.status(), response.headers(), response.body());
                assert_eq!(remote.envelope(), Some($name));
                assert_eq!(remote.status(), value.status());
                assert_eq!(remote.request_id(), Some("req_1"), "{}", $name);
                if $name != "code_message" {
                    assert_eq!(remote.kind(), Some(value.kind()), "{}", $name);
                }
                // FastAPI's validation body is the list alone: no message.
                let has_message = !($name == "detail" && matches!(value, E::Invalid { .. }));
                let expected = has_message.then(|| value.public_message());
                assert_eq!(remote.message(), expected.as_deref(), "{}", $name);
                assert_eq!(remote.retry_after(), value.retry_after());
                let fields: Vec<String> = remote.violations().iter().map(Violation::dotted).collect();
                let expected: Vec<String> = match &value {
                    E::Invalid { fields } => fields.iter().map(Violation::dotted).collect(),
                    _ => vec![],
                };
                assert_eq!(fields, expected, "{}", $name);
            }
        })*};
    }
    round_trip!(problem => "problem", detail => "detail", nested => "nested", google => "google", code_message => "code_message");
}
