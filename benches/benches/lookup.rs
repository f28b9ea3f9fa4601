//! `status()`, `code()` and `retry()` of a derived enum against a hand-written `match` returning
//! the same values, over 1,024 mixed variants (10- and 60-variant enums).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use errspec::ApiError;
use errspec_benches::{Scenarios, hand, problem, retry_weight, wide};

/// Benches `errspec` and `hand-written` for one lookup: `$fold` turns each value into a number
/// that is summed, so that the loop cannot be folded away.
macro_rules! lookup {
    ($c:expr, $group:literal, $errors:expr, $derived:expr, $by_hand:expr, $fold:expr) => {{
        let errors = $errors;
        let mut group = $c.benchmark_group($group);
        group.bench_function("errspec", |b| {
            b.iter(|| {
                black_box(&errors)
                    .iter()
                    .map(|e| $fold($derived(e)))
                    .fold(0u64, u64::wrapping_add)
            });
        });
        group.bench_function("hand-written", |b| {
            b.iter(|| {
                black_box(&errors)
                    .iter()
                    .map(|e| $fold($by_hand(e)))
                    .fold(0u64, u64::wrapping_add)
            });
        });
        group.finish();
    }};
}

fn status(c: &mut Criterion) {
    let fold = |s: http::StatusCode| u64::from(s.as_u16());
    lookup!(
        c,
        "status/10",
        problem::ScanError::mixed(),
        ApiError::status,
        hand::status,
        fold
    );
    lookup!(
        c,
        "status/60",
        wide::mixed(),
        ApiError::status,
        wide::status,
        fold
    );
}

fn code(c: &mut Criterion) {
    // The pointer and the length: both halves of the `&str` are read.
    let fold = |s: &'static str| (s.as_ptr() as u64) ^ (s.len() as u64);
    lookup!(
        c,
        "code/10",
        problem::ScanError::mixed(),
        ApiError::code,
        hand::code,
        fold
    );
    lookup!(c, "code/60", wide::mixed(), ApiError::code, wide::code, fold);
}

fn retry(c: &mut Criterion) {
    let fold = |r| u64::from(retry_weight(r));
    lookup!(
        c,
        "retry/10",
        problem::ScanError::mixed(),
        ApiError::retry,
        hand::retry,
        fold
    );
    lookup!(c, "retry/60", wide::mixed(), ApiError::retry, wide::retry, fold);
}

criterion_group!(lookups, status, code, retry);
criterion_main!(lookups);
