//! Decodes one bench body `N` times, for instruction counts that do not depend on the machine's
//! load (`docs/performance.md`, "Decoding"):
//!
//! ```sh
//! cargo build --release -p errspec-benches --example decode_loop
//! valgrind --tool=callgrind target/release/examples/decode_loop nested 422x5 errspec 1000
//! ```
//!
//! Run it once with `N` = 0 and subtract: what remains, divided by `N`, is one decode (and the
//! drop of what it returned).
//!
//! Arguments: `ENVELOPE` (`problem`, `detail`, `code_message`, `nested`, `google`), `SCENARIO`
//! (`constant`, `interpolated+headers`, `422x5`), `DECODER` (`errspec` for
//! `errspec::envelope::decode`, `serde_json` for the hand-written struct), `N`.

use std::hint::black_box;
use std::process::ExitCode;

use errspec::{ApiError, envelope};
use errspec_benches::{CONTEXT, Scenarios, hand::de};

/// The body and content type of `scenario` rendered with envelope module `$m`, and a decoder
/// of the hand-written struct `$hand`.
macro_rules! body {
    ($m:ident, $hand:ty, $scenario:expr) => {{
        use errspec_benches::$m::ScanError;
        let error = match $scenario {
            "constant" => ScanError::not_found(),
            "interpolated+headers" => ScanError::rate_limited(),
            "422x5" => ScanError::validation_failed(),
            _ => return None,
        };
        let response = error.to_response_with(&CONTEXT);
        let content_type = response.headers()[http::header::CONTENT_TYPE]
            .to_str()
            .ok()
            .map(str::to_owned);
        let by_hand: fn(&[u8]) -> bool = |body| serde_json::from_slice::<$hand>(body).is_ok();
        Some((content_type, response.into_body(), by_hand))
    }};
}

type Case = (Option<String>, Vec<u8>, fn(&[u8]) -> bool);

fn case(envelope: &str, scenario: &str) -> Option<Case> {
    match envelope {
        "problem" => body!(problem, de::Problem, scenario),
        "detail" => body!(detail, de::Detail, scenario),
        "code_message" => body!(code_message, de::CodeMessage, scenario),
        "nested" => body!(nested, de::Nested, scenario),
        "google" => body!(google, de::Google, scenario),
        _ => None,
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [envelope, scenario, decoder, n] = args.as_slice() else {
        eprintln!("usage: decode_loop ENVELOPE SCENARIO errspec|serde_json N");
        return ExitCode::FAILURE;
    };
    let Some((content_type, body, by_hand)) = case(envelope, scenario) else {
        eprintln!("unknown envelope {envelope:?} or scenario {scenario:?}");
        return ExitCode::FAILURE;
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a count, not {n:?}");
        return ExitCode::FAILURE;
    };
    let content_type = content_type.as_deref();
    let mut decoded = 0usize;
    for _ in 0..n {
        decoded += match decoder.as_str() {
            "errspec" => usize::from(envelope::decode(black_box(content_type), black_box(&body)).is_some()),
            "serde_json" => usize::from(by_hand(black_box(&body))),
            other => {
                eprintln!("unknown decoder {other:?}: errspec or serde_json");
                return ExitCode::FAILURE;
            }
        };
    }
    if decoded == n {
        ExitCode::SUCCESS
    } else {
        eprintln!("{} of {n} decodes failed", n - decoded);
        ExitCode::FAILURE
    }
}
