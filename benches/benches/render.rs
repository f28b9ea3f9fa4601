//! Rendering a full `http::Response` (status, headers, body) with each envelope, against
//! `serde_json::to_vec` of a hand-written envelope struct plus the same response built by hand,
//! and, for RFC 9457, against the `http-api-problem` crate.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use errspec::ApiError;
use errspec_benches::{CONTEXT, Scenarios, hand, problem};

/// One group per scenario and envelope: `errspec` against `hand::$m` (and extra baselines).
macro_rules! render {
    ($c:expr, $m:ident $(, $name:literal => $extra:path)*) => {{
        use errspec_benches::$m::ScanError;
        let scenarios = [
            ("constant", ScanError::not_found(), problem::ScanError::not_found()),
            ("interpolated+headers", ScanError::rate_limited(), problem::ScanError::rate_limited()),
            ("422x5", ScanError::validation_failed(), problem::ScanError::validation_failed()),
        ];
        for (scenario, derived, by_hand) in scenarios {
            let mut group = $c.benchmark_group(format!("render/{}/{scenario}", stringify!($m)));
            group.bench_function("errspec", |b| {
                b.iter(|| black_box(&derived).to_response_with(black_box(&CONTEXT)));
            });
            group.bench_function("serde_json", |b| {
                b.iter(|| hand::$m(black_box(&by_hand), black_box(&CONTEXT)));
            });
            $(
                group.bench_function($name, |b| {
                    b.iter(|| $extra(black_box(&by_hand), black_box(&CONTEXT)));
                });
            )*
            group.finish();
        }
    }};
}

fn envelopes(c: &mut Criterion) {
    render!(c, problem, "http-api-problem" => hand::http_api_problem);
    render!(c, detail);
    render!(c, code_message);
    render!(c, nested);
    render!(c, google);
}

criterion_group!(render, envelopes);
criterion_main!(render);
