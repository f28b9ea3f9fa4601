//! Fuzzes `RemoteError::from_parts`: any status, any header values errspec reads, any body.
//! It must never panic, and a retry decision must stay within the policy's limits.

#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use errspec::client::{
    Decision, RemoteError, RequestFacts, RetryPolicy, parse_count, parse_ratelimit, parse_reset,
    parse_retry_after,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 9] = [
    "content-type",
    "retry-after",
    "ratelimit",
    "ratelimit-reset",
    "ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-remaining",
    "x-ratelimit-limit",
    "x-request-id",
];

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    status: u16,
    headers: Vec<(u8, &'a [u8])>,
    attempt: u8,
    post: bool,
    body: &'a [u8],
}

fuzz_target!(|input: Input<'_>| {
    let now = UNIX_EPOCH + Duration::from_secs(1_678_886_400);
    let mut headers = HeaderMap::new();
    for (name, value) in &input.headers {
        let _ = parse_retry_after(value, now);
        let _ = parse_reset(value, now);
        let _ = parse_count(value);
        let _ = parse_ratelimit(value);
        if let Ok(value) = HeaderValue::from_bytes(value) {
            let name = HeaderName::from_static(NAMES[usize::from(*name) % NAMES.len()]);
            headers.append(name, value);
        }
    }
    let status = StatusCode::from_u16(100 + input.status % 900).expect("100..=999 is a valid status");
    let error: RemoteError = RemoteError::from_parts_at(status, &headers, input.body, now);
    let _ = error.to_string();
    let method = if input.post { Method::POST } else { Method::GET };
    let policy = RetryPolicy::new().with_seed(u64::from(input.attempt));
    if let Decision::Retry(wait) = policy.decide(&error, u32::from(input.attempt), &RequestFacts::new(method))
    {
        assert!(wait <= policy.max_wait());
    }
});
