//! Property tests: the decoder and the header parsers never panic, whatever the bytes, and
//! what they return stays within its documented bounds.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errspec::client::{
    Decision, RemoteError, RequestFacts, RetryPolicy, parse_count, parse_ratelimit, parse_reset,
    parse_retry_after,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use proptest::prelude::*;

const NOW: u64 = 1_678_886_400;

fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(NOW)
}

/// Real envelopes, to be cut and corrupted.
const SEEDS: &[&str] = &[
    r#"{ "error": { "code": "VALIDATION_ERROR", "message": "Validation failed", "statusCode": 422, "details": [ { "field": "response", "message": "response is required" } ], "requestId": "req_abc123" }}"#,
    r#"{"detail":[{"loc":["body","agent_type"],"msg":"field required","type":"value_error.missing"}]}"#,
    r##"{"type":"https://example.net/validation-error","title":"Your request is not valid.","errors":[{"detail":"must be a positive integer","pointer":"#/age"}],"balance":30}"##,
    r#"{"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"30.5s"},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a.b[1]","description":"x"}]}]}}"#,
    r#"{"code": 400, "message": "Description of the error"}"#,
    "<html><head><title>502 Bad Gateway</title></head></html>",
];

/// A seed envelope cut at some point and with a few bytes replaced.
fn corrupted() -> impl Strategy<Value = Vec<u8>> {
    (
        0..SEEDS.len(),
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
    )
        .prop_map(|(seed, cut, edits)| {
            let mut body = SEEDS[seed].as_bytes().to_vec();
            body.truncate(cut.index(body.len() + 1));
            for (at, byte) in edits {
                if !body.is_empty() {
                    let i = at.index(body.len());
                    body[i] = byte;
                }
            }
            body
        })
}

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        "[ -~]{0,40}",
        "[0-9]{1,22}",
        "[0-9]{1,12}\\.[0-9]{0,12}",
        "(limit|remaining|reset|r|t|q)=[0-9]{0,20}(, ?(limit|remaining|reset|r|t|q)=[0-9x]{0,20}){0,3}",
        "(Mon|Wed|Sun), [0-9]{1,2} (Jan|Oct|Mar) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT",
    ]
    .prop_map(|text| HeaderValue::from_str(&text).unwrap())
}

fn headers() -> impl Strategy<Value = HeaderMap> {
    let names = prop::sample::select(vec![
        "retry-after",
        "ratelimit",
        "ratelimit-reset",
        "ratelimit-remaining",
        "x-ratelimit-reset",
        "x-ratelimit-remaining",
        "x-ratelimit-limit",
        "x-request-id",
        "content-type",
    ]);
    prop::collection::vec((names, header_value()), 0..6).prop_map(|pairs| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(HeaderName::from_static(name), value);
        }
        map
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![prop::collection::vec(any::<u8>(), 0..256), corrupted()]
}

fn method() -> impl Strategy<Value = RequestFacts> {
    (
        prop::sample::select(vec![Method::GET, Method::POST, Method::PUT, Method::PATCH]),
        any::<bool>(),
    )
        .prop_map(|(method, key)| RequestFacts {
            method,
            idempotency_key: key,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn header_parsers_take_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = parse_retry_after(&bytes, now());
        let _ = parse_reset(&bytes, now());
        let _ = parse_count(&bytes);
        let _ = parse_ratelimit(&bytes);
    }

    #[test]
    fn delay_seconds_read_back_exactly(secs in 0u64..1_000_000_000) {
        let text = secs.to_string();
        prop_assert_eq!(parse_retry_after(text.as_bytes(), now()), Some(Duration::from_secs(secs)));
        prop_assert_eq!(parse_reset(text.as_bytes(), now()), Some(Duration::from_secs(secs)));
        // The same second as an epoch, from the magnitude rule.
        let epoch = (NOW + secs).to_string();
        prop_assert_eq!(parse_reset(epoch.as_bytes(), now()), Some(Duration::from_secs(secs)));
        let date = httpdate::fmt_http_date(now() + Duration::from_secs(secs % 10_000_000));
        prop_assert_eq!(parse_retry_after(date.as_bytes(), now()), Some(Duration::from_secs(secs % 10_000_000)));
    }

    #[test]
    fn from_parts_takes_any_response(status in 100u16..1000, headers in headers(), body in body(), attempt in 0u32..8, request in method()) {
        let error: RemoteError = RemoteError::from_parts_at(StatusCode::from_u16(status).unwrap(), &headers, &body, now());
        let _ = error.to_string();
        if error.envelope().is_none() {
            prop_assert!(error.message().is_none_or(|m| m.chars().count() <= 200));
        }
        let policy = RetryPolicy::new().with_seed(u64::from(attempt));
        match policy.decide(&error, attempt, &request) {
            Decision::Retry(wait) => {
                prop_assert!(wait <= policy.max_wait());
                prop_assert!(error.retry().is_retryable());
            }
            Decision::Stop(reason) => { let _ = reason.to_string(); }
        }
    }
}
