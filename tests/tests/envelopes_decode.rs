//! `errspec::envelope::decode` on bodies as the seed APIs (and Google) send them, and on bodies
//! that are not error envelopes at all.

use std::time::Duration;

use errspec::envelope::{CodeMessage, Decoded, Detail, Envelope, Google, Nested, Problem, decode};
use errspec::{Source, Violation};
use serde_json::json;

const JSON: Option<&str> = Some("application/json");

fn members(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(members) => members,
        _ => serde_json::Map::new(),
    }
}

#[test]
fn truthvouch_nested_bodies() {
    let body = br#"{ "error": { "code": "VALIDATION_ERROR", "message": "Validation failed", "statusCode": 422, "details": [ { "field": "response", "message": "response is required" } ], "requestId": "req_abc123" }}"#;
    let decoded = decode(JSON, body).unwrap();
    assert_eq!(
        decoded,
        Decoded {
            envelope: "nested",
            status: Some(422),
            code: Some("VALIDATION_ERROR".into()),
            message: Some("Validation failed".into()),
            request_id: Some("req_abc123".into()),
            violations: vec![Violation::new(["response".into()], "response is required")],
            ..Decoded::default()
        }
    );
    assert_eq!(Nested::decode(JSON, body), Some(decoded));

    let blocked = br#"{ "error": { "code": "POLICY_BLOCKED", "message": "Request blocked by governance policy", "statusCode": 403, "requestId": "req_jkl012" }, "governance": { "verdict": "blocked", "policy_id": "policy_123", "violation_reason": "Suspected hallucination detected" }}"#;
    let decoded = decode(JSON, blocked).unwrap();
    assert_eq!(decoded.code.as_deref(), Some("POLICY_BLOCKED"));
    assert_eq!(
        decoded.members,
        members(
            json!({"governance": {"verdict": "blocked", "policy_id": "policy_123",
            "violation_reason": "Suspected hallucination detected"}})
        )
    );
}

#[test]
fn fastapi_detail_bodies() {
    let decoded = decode(JSON, br#"{"detail": "Conversation not found"}"#).unwrap();
    assert_eq!(decoded.envelope, "detail");
    assert_eq!(decoded.message.as_deref(), Some("Conversation not found"));
    assert_eq!(decoded.status, None);

    // Pydantic v2 adds `input`, `ctx` and `url`: skipped.
    let body = br#"{"detail":[{"type":"missing","loc":["body","agent_type"],"msg":"Field required","input":{"a":[1,{"b":2}]},"url":"https://errors.pydantic.dev/2.6/v/missing"},
        {"loc":["query","items",3,"name"],"msg":"too long","type":"string_too_long","ctx":{"max_length":8}}]}"#;
    let decoded = Detail::decode(JSON, body).unwrap();
    assert_eq!(
        decoded.violations,
        [
            Violation::body(["agent_type".into()], "Field required").with_kind("missing"),
            Violation::new(["items".into(), 3.into(), "name".into()], "too long")
                .with_source(Source::Query)
                .with_kind("string_too_long"),
        ]
    );
    assert!(decoded.members.is_empty());

    // AISafe's unverified account: a code beside the detail.
    let decoded = decode(
        JSON,
        br#"{"detail":"Email address not verified","code":"EMAIL_NOT_VERIFIED"}"#,
    )
    .unwrap();
    assert_eq!(decoded.code.as_deref(), Some("EMAIL_NOT_VERIFIED"));

    // `HTTPException(detail={...})`.
    let decoded = decode(
        JSON,
        br#"{"detail":{"code":"QUOTA","message":"Quota exceeded","limit":5}}"#,
    )
    .unwrap();
    assert_eq!(
        (decoded.code.as_deref(), decoded.message.as_deref()),
        (Some("QUOTA"), Some("Quota exceeded"))
    );
    assert_eq!(decoded.members, members(json!({"limit": 5})));
}

#[test]
fn ai_guard_code_message_bodies() {
    let decoded = decode(JSON, br#"{"code": 400, "message": "Metrics not permitted"}"#).unwrap();
    assert_eq!(
        decoded,
        Decoded {
            envelope: "code_message",
            status: Some(400),
            message: Some("Metrics not permitted".into()),
            ..Decoded::default()
        }
    );
    assert_eq!(
        CodeMessage::decode(JSON, br#"{"message":"Forbidden"}"#)
            .unwrap()
            .message
            .as_deref(),
        Some("Forbidden")
    );
}

#[test]
fn problem_bodies() {
    let body = br##"{"type":"https://example.com/probs/out-of-credit","title":"You do not have enough credit.","status":403,
        "detail":"Your current balance is 30, but that costs 50.","instance":"/account/12345/msgs/abc","balance":30,
        "code":"OUT_OF_CREDIT","request_id":"r1","errors":[{"pointer":"#/items/0/a~1b","detail":"bad"}]}"##;
    for content_type in [Some("application/problem+json; charset=utf-8"), JSON, None] {
        let decoded = decode(content_type, body).unwrap();
        assert_eq!(decoded.envelope, "problem");
        assert_eq!(decoded.status, Some(403));
        assert_eq!(
            decoded.type_uri.as_deref(),
            Some("https://example.com/probs/out-of-credit")
        );
        assert_eq!(decoded.title.as_deref(), Some("You do not have enough credit."));
        assert_eq!(decoded.instance.as_deref(), Some("/account/12345/msgs/abc"));
        assert_eq!(decoded.code.as_deref(), Some("OUT_OF_CREDIT"));
        assert_eq!(decoded.request_id.as_deref(), Some("r1"));
        assert_eq!(
            decoded.violations,
            [Violation::new(["items".into(), 0.into(), "a/b".into()], "bad")]
        );
        assert_eq!(decoded.members, members(json!({"balance": 30})));
    }
    // A bare `{"detail": ...}` is FastAPI's, unless the content type says problem.
    let bare = br#"{"detail":"x"}"#;
    assert_eq!(decode(JSON, bare).unwrap().envelope, "detail");
    assert_eq!(
        decode(Some("application/problem+json"), bare).unwrap().envelope,
        "problem"
    );
    assert_eq!(Problem::decode(JSON, bare), None);
}

#[test]
fn google_bodies() {
    let body = br#"{"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED","details":[
        {"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"RATE_LIMIT_EXCEEDED","domain":"api.example.com","metadata":{"limit":"1000"}},
        {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.500s"},
        {"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"items[2].name","description":"too long","reason":"TOO_LONG"}]},
        {"@type":"type.googleapis.com/google.rpc.RequestInfo","requestId":"req_9"},
        {"@type":"type.googleapis.com/google.rpc.Help","links":[]}]}}"#;
    let decoded = decode(JSON, body).unwrap();
    assert_eq!(
        decoded,
        Decoded {
            envelope: "google",
            status: Some(429),
            code: Some("RATE_LIMIT_EXCEEDED".into()),
            message: Some("Quota exceeded".into()),
            request_id: Some("req_9".into()),
            violations: vec![
                Violation::new(["items".into(), 2.into(), "name".into()], "too long").with_kind("TOO_LONG")
            ],
            retry_delay: Some(Duration::from_millis(1500)),
            grpc_status: Some("RESOURCE_EXHAUSTED".into()),
            domain: Some("api.example.com".into()),
            members: members(json!({"limit": "1000"})),
            ..Decoded::default()
        }
    );
    assert_eq!(
        Google::<errspec::envelope::NoDomain>::decode(JSON, body),
        Some(decoded)
    );
    assert_eq!(
        decode(JSON, br#"{"error":{"code":404,"message":"nope"}}"#)
            .unwrap()
            .envelope,
        "google"
    );
    assert_eq!(
        Google::<errspec::envelope::NoDomain>::decode(JSON, br#"{"detail":"x"}"#),
        None
    );
}

#[test]
fn anything_else_is_none_and_never_panics() {
    let cases: [&[u8]; 14] = [
        b"",
        b"<html><body>502 Bad Gateway</body></html>",
        b"null",
        b"[]",
        b"{}",
        b"{\"foo\":1}",
        b"{\"error\":\"invalid_grant\"}",
        b"{\"detail\":5}",
        b"{\"message\":",
        &[0xff, 0xfe, b'{'],
        b"{\"code\":{\"a\":1}}",
        b"\"just a string\"",
        b"{\"detail\":\"x\"} {}",
        b"{\"status\":\"blocked\"}",
    ];
    for body in cases {
        for content_type in [None, JSON, Some("application/problem+json"), Some("text/html")] {
            let decoded = decode(content_type, body);
            if content_type != Some("application/problem+json") || !body.starts_with(b"{") {
                assert_eq!(decoded, None, "{}", String::from_utf8_lossy(body));
            }
        }
    }
    // Deep nesting never overflows the stack: a body nested past 127 levels (`serde_json`'s
    // limit) is refused, whether the deep member is kept or skipped; up to it, it is read.
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    for (levels, readable) in [(127, true), (128, false), (10_000, false)] {
        let kept = format!("{{\"detail\":\"x\",\"extra\":{}}}", nested(levels - 1));
        let skipped = format!("{{\"detail\":[{{\"loc\":[],\"input\":{}}}]}}", nested(levels - 3));
        assert_eq!(decode(JSON, kept.as_bytes()).is_some(), readable, "{levels}");
        assert_eq!(decode(JSON, skipped.as_bytes()).is_some(), readable, "{levels}");
    }
}

#[test]
fn members_of_unexpected_types_are_kept_not_fatal() {
    let decoded = decode(
        JSON,
        br#"{"error":{"code":"X","message":7,"statusCode":"422","extra":null}}"#,
    )
    .unwrap();
    assert_eq!(decoded.code.as_deref(), Some("X"));
    assert_eq!((decoded.message, decoded.status), (None, None));
    assert_eq!(
        decoded.members,
        members(json!({"message": 7, "statusCode": "422", "extra": null}))
    );
}
