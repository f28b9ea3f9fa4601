//! Decoding each envelope's body: `errspec::envelope::decode` (envelope detected) and the
//! envelope's own `Envelope::decode`, against `serde_json::from_slice` into a hand-written struct
//! of the same members.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use errspec::envelope::{self, Envelope};
use errspec::{ApiError, Catalog};
use errspec_benches::{CONTEXT, Scenarios, hand::de};

macro_rules! decode {
    ($c:expr, $m:ident, $hand:ty) => {{
        use errspec_benches::$m::ScanError;
        type Declared = <ScanError as Catalog>::Envelope;
        let scenarios = [
            ("constant", ScanError::not_found()),
            ("interpolated+headers", ScanError::rate_limited()),
            ("422x5", ScanError::validation_failed()),
        ];
        for (scenario, error) in scenarios {
            let response = error.to_response_with(&CONTEXT);
            let content_type = response.headers()[http::header::CONTENT_TYPE].to_str().ok();
            let body = response.body().as_slice();
            assert!(envelope::decode(content_type, body).is_some());
            assert!(serde_json::from_slice::<$hand>(body).is_ok());
            let mut group = $c.benchmark_group(format!("decode/{}/{scenario}", stringify!($m)));
            group.bench_function("errspec::envelope::decode", |b| {
                b.iter(|| envelope::decode(black_box(content_type), black_box(body)));
            });
            group.bench_function("Envelope::decode", |b| {
                b.iter(|| Declared::decode(black_box(content_type), black_box(body)));
            });
            group.bench_function("serde_json", |b| {
                b.iter(|| serde_json::from_slice::<$hand>(black_box(body)));
            });
            group.finish();
        }
    }};
}

fn envelopes(c: &mut Criterion) {
    decode!(c, problem, de::Problem);
    decode!(c, detail, de::Detail);
    decode!(c, code_message, de::CodeMessage);
    decode!(c, nested, de::Nested);
    decode!(c, google, de::Google);
}

criterion_group!(decode, envelopes);
criterion_main!(decode);
