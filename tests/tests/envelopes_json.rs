//! Property tests: the decoders read exactly the JSON `serde_json` reads. They have a JSON reader
//! of their own (it builds only what an envelope keeps); these tests hold it to `serde_json`,
//! on generated values and on real envelopes cut and corrupted.

use errspec::envelope::decode;
use proptest::prelude::*;
use serde_json::Value;

const JSON: Option<&str> = Some("application/json");
/// Declared as a problem, any JSON object is decoded: the body is then refused only when it is
/// not one.
const PROBLEM: Option<&str> = Some("application/problem+json");

/// Any JSON value: every scalar type (strings with any characters, so every escape), arrays and
/// objects nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[a-z\\\\\"/\\n\\t\u{1}é😀]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::btree_map(any::<String>(), inner, 0..5)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A value as text, compact or indented.
fn text(value: &Value, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(value).unwrap()
    } else {
        serde_json::to_string(value).unwrap()
    }
}

/// Real envelopes, to be cut and corrupted.
const SEEDS: &[&str] = &[
    r#"{ "error": { "code": "VALIDATION_ERROR", "message": "Validation failed", "statusCode": 422, "details": [ { "field": "response", "message": "response is required" } ], "requestId": "req_abc123" }, "governance": {"verdict": "blocked", "score": 0.93}}"#,
    r#"{"detail":[{"loc":["body","agent_type",0],"msg":"field required \"x\" \u00e9","type":"value_error.missing","input":{"a":[1,2.5e3,null,true]}}]}"#,
    r##"{"type":"https://example.net/validation-error","title":"Your request is not valid.","status":422,"errors":[{"detail":"must be a positive integer","pointer":"#/age"}],"balance":-30}"##,
    r#"{"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"R","metadata":{"k":"v"}},{"@type":"type.googleapis.com/google.rpc.BadRequest","fieldViolations":[{"field":"a.b[1]","description":"x"}]}]}}"#,
    r#"{"code": 400, "message": "Description of the error", "details": [{"field": "a", "message": "b"}]}"#,
];

/// An edit of a body: a byte replaced, removed or inserted.
#[derive(Clone, Debug)]
enum Edit {
    Replace(prop::sample::Index, u8),
    Remove(prop::sample::Index),
    Insert(prop::sample::Index, u8),
}

/// A seed envelope, sometimes cut, with a few bytes replaced, removed or inserted (JSON's own
/// punctuation or any byte).
fn corrupted() -> impl Strategy<Value = Vec<u8>> {
    let byte = || {
        prop_oneof![
            prop::sample::select(b"{}[]:,\"\\ 0-.eE+tfnu".to_vec()),
            any::<u8>()
        ]
    };
    let edit = prop_oneof![
        (any::<prop::sample::Index>(), byte()).prop_map(|(at, byte)| Edit::Replace(at, byte)),
        any::<prop::sample::Index>().prop_map(Edit::Remove),
        (any::<prop::sample::Index>(), byte()).prop_map(|(at, byte)| Edit::Insert(at, byte)),
    ];
    (
        0..SEEDS.len(),
        any::<prop::sample::Index>(),
        prop::collection::vec(edit, 0..4),
    )
        .prop_map(|(seed, cut, edits)| {
            let mut body = SEEDS[seed].as_bytes().to_vec();
            if cut.index(4) == 0 {
                body.truncate(cut.index(body.len() + 1));
            }
            for edit in edits {
                match edit {
                    Edit::Replace(at, byte) if !body.is_empty() => {
                        let at = at.index(body.len());
                        body[at] = byte;
                    }
                    Edit::Remove(at) if !body.is_empty() => {
                        body.remove(at.index(body.len()));
                    }
                    Edit::Insert(at, byte) => body.insert(at.index(body.len() + 1), byte),
                    _ => {}
                }
            }
            body
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn extension_members_are_read_as_serde_json_reads_them(value in json_value(), pretty in any::<bool>()) {
        let member = text(&value, pretty);
        let body = format!("{{\"code\":\"X\",\n \"message\":\"m\", \"extra\" : {member} }}");
        let decoded = decode(JSON, body.as_bytes());
        prop_assert!(decoded.is_some(), "{}", body);
        let decoded = decoded.unwrap();
        prop_assert_eq!(decoded.members.get("extra"), Some(&serde_json::from_str::<Value>(&member).unwrap()));
        prop_assert_eq!(decoded.code.as_deref(), Some("X"));
    }

    #[test]
    fn any_object_is_read_and_anything_else_refused(value in json_value(), pretty in any::<bool>()) {
        let body = text(&value, pretty);
        prop_assert_eq!(decode(PROBLEM, body.as_bytes()).is_some(), value.is_object(), "{}", body);
    }

    #[test]
    fn a_body_is_read_exactly_when_serde_json_reads_an_object(body in corrupted()) {
        // (A body that is not UTF-8 is read with replacement characters, where `serde_json`
        // refuses it: the two are compared on text.)
        if std::str::from_utf8(&body).is_ok() {
            let by_serde = serde_json::from_slice::<Value>(&body).is_ok_and(|value| value.is_object());
            prop_assert_eq!(decode(PROBLEM, &body).is_some(), by_serde, "{}", String::from_utf8_lossy(&body));
        }
        let _ = decode(JSON, &body);
    }
}
