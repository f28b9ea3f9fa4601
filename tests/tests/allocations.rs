//! Heap allocations per rendered response, counted by dhat's allocator and pinned exactly, for
//! every built-in envelope.
//!
//! Per response: exactly one allocation for the body, whatever its content (it is written into a
//! per-thread scratch buffer and copied into a `Vec` of its exact length), two for the
//! `HeaderMap` (its index table and its entry table, allocated by the first insert), and one per
//! dynamic header value (`HeaderValue` owns its bytes: `Retry-After`, `X-RateLimit-Reset`,
//! `X-Request-Id`). `Content-Type` is a static value and allocates nothing; so do the message
//! template, the violations and the header values' formatting.
//!
//! dhat counts every thread, so the whole measurement is this file's only test.

use std::time::Duration;

use errspec::{ApiError, RenderContext, Violation};

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

macro_rules! scan_error {
    ($module:ident, $envelope:ident) => {
        mod $module {
            #[derive(Debug, thiserror::Error, errspec::ApiError)]
            #[api(envelope = $envelope, docs_url = "https://docs.example.com/errors#{code}")]
            pub enum ScanError {
                #[error("Resource not found")]
                #[status(404, code = "RESOURCE_NOT_FOUND")]
                NotFound,
                #[error("Rate limit exceeded: {limit} requests per minute")]
                #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
                RateLimited {
                    limit: u32,
                    #[api(retry_after)]
                    retry_after: std::time::Duration,
                    #[api(header = "X-RateLimit-Reset")]
                    reset: u64,
                    #[api(expose)]
                    window: &'static str,
                },
                #[error("Validation failed")]
                #[status(422)]
                ValidationFailed {
                    #[api(violations)]
                    fields: Vec<errspec::Violation>,
                },
            }
        }
    };
}

scan_error!(problem, problem);
scan_error!(detail, detail);
scan_error!(code_message, code_message);
scan_error!(nested, nested);
scan_error!(google, google);

/// Heap blocks allocated while `render` runs, and what it returned.
fn allocations<T>(render: impl Fn() -> T) -> (u64, T) {
    // The first render on a thread allocates its scratch buffer: not counted.
    drop(render());
    let before = dhat::HeapStats::get().total_blocks;
    let value = render();
    (dhat::HeapStats::get().total_blocks - before, value)
}

fn violations() -> Vec<Violation> {
    (0..5)
        .map(|i| {
            Violation::body(
                ["items".into(), i.into(), "name".into()],
                "String should have at most 64 characters \"x\"",
            )
        })
        .collect()
}

/// For one envelope: (constant message, no context), (constant, request id), (interpolated
/// message with `Retry-After`, `X-RateLimit-Reset`, an exposed member, request id), (five
/// violations, request id), each with the allocations counted.
macro_rules! count {
    ($module:ident) => {{
        use $module::ScanError;
        let ctx = RenderContext::new()
            .with_request_id("req_abc123")
            .with_instance("/v1/scan");
        let limited = ScanError::RateLimited {
            limit: 1000,
            retry_after: Duration::from_secs(60),
            reset: 1_678_886_460,
            window: "minute",
        };
        let invalid = ScanError::ValidationFailed { fields: violations() };
        let cases = [
            allocations(|| ScanError::NotFound.to_response()),
            allocations(|| ScanError::NotFound.to_response_with(&ctx)),
            allocations(|| limited.to_response_with(&ctx)),
            allocations(|| invalid.to_response_with(&ctx)),
        ];
        for (_, response) in &cases {
            // The body is one exact allocation: no slack left by growth.
            assert_eq!(
                response.body().capacity(),
                response.body().len(),
                "{}",
                stringify!($module)
            );
            assert!(response.extensions().is_empty(), "nothing was dropped");
        }
        assert_eq!(limited.kind(), $module::ScanErrorKind::RateLimited);
        assert_eq!(cases[2].1.headers()["retry-after"], "60");
        assert_eq!(cases[2].1.headers()["x-ratelimit-reset"], "1678886460");
        cases.map(|(count, _)| count)
    }};
}

#[test]
fn one_allocation_per_body() {
    // body + header map (2)
    const CONSTANT: u64 = 1 + 2;
    // + X-Request-Id
    const WITH_ID: u64 = CONSTANT + 1;
    // + Retry-After + X-RateLimit-Reset
    const HEADERS: u64 = WITH_ID + 2;
    const EXPECTED: [u64; 4] = [CONSTANT, WITH_ID, HEADERS, WITH_ID];

    let _profiler = dhat::Profiler::builder().testing().build();

    assert_eq!(count!(problem), EXPECTED, "problem");
    assert_eq!(count!(detail), EXPECTED, "detail");
    assert_eq!(count!(code_message), EXPECTED, "code_message");
    assert_eq!(count!(nested), EXPECTED, "nested");
    assert_eq!(count!(google), EXPECTED, "google");

    // A body larger than the scratch kept between renders is still one exact allocation (the
    // scratch grows for it, then is released).
    let many = problem::ScanError::ValidationFailed {
        fields: (0..2000)
            .map(|i| Violation::field(format!("field_{i}"), "required"))
            .collect(),
    };
    for _ in 0..2 {
        let response = many.to_response();
        assert!(response.body().len() > 32 * 1024);
        assert_eq!(response.body().capacity(), response.body().len());
        assert!(String::from_utf8_lossy(response.body()).ends_with(r#""detail":"required"}]}"#));
    }
}
