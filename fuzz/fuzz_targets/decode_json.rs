//! Fuzzes the decoders' JSON reader against `serde_json`: whatever the bytes, `decode` never
//! panics; a body it reads is one `serde_json` reads as an object, and every extension member it
//! keeps is the value `serde_json` reads for that member.

#![no_main]

use errspec::envelope::decode;
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// Member names an envelope gives a meaning to: what `decode` keeps of them depends on the
/// envelope, so they are not compared.
const KNOWN: [&str; 11] = [
    "type", "title", "status", "instance", "code", "request_id", "message", "detail", "errors", "details", "error",
];

fuzz_target!(|body: &[u8]| {
    let _ = decode(Some("application/json"), body);
    // Declared a problem, any JSON object is decoded.
    let decoded = decode(Some("application/problem+json"), body);
    // A body that is not UTF-8 is read with replacement characters, where `serde_json` refuses it.
    if std::str::from_utf8(body).is_err() {
        return;
    }
    let Some(decoded) = decoded else {
        // (Refusing what `serde_json` reads is allowed: a repeated member in a list item.)
        return;
    };
    let Ok(Value::Object(object)) = serde_json::from_slice::<Value>(body) else {
        panic!("decoded a body serde_json does not read as an object");
    };
    for (name, value) in &decoded.members {
        if !KNOWN.contains(&name.as_str()) {
            assert_eq!(Some(value), object.get(name), "member {name}");
        }
    }
});
