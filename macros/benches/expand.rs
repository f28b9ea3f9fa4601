//! Expansion time of `#[derive(ApiError)]` on a generated 1,000-variant enum, per variant.
//!
//! A proc-macro crate exports nothing but its macros, so the bench compiles the macro's modules
//! into itself (they name each other through `crate::`) and calls `expand::derive` on a parsed
//! `syn::DeriveInput`, as the compiler does through `lib.rs`.

#[path = "../src/ast.rs"]
mod ast;
#[path = "../src/attr.rs"]
mod attr;
#[path = "../src/ctxt.rs"]
mod ctxt;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/fallback.rs"]
mod fallback;
// Checked as a bench, `text.rs`'s `#[cfg(test)]` module is compiled without its `#[test]`s.
#[allow(unused_imports)]
#[path = "../src/text.rs"]
mod text;
#[path = "../src/valid.rs"]
mod valid;

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use syn::DeriveInput;

const STATUSES: [u16; 12] = [400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503, 504];

/// An enum of `variants` variants in the shapes real error enums have: unit variants with a
/// constant message, interpolated messages, violations, `Retry-After` and header fields,
/// exposed members, docs columns and explicit retry schedules.
fn generated_enum(variants: usize) -> String {
    let mut src = String::from(
        "/// Generated.\n#[derive(Debug, thiserror::Error, ApiError)]\n\
         #[api(envelope = nested, docs_url = \"https://docs.example.com/errors#{code}\")]\npub enum Big {\n",
    );
    for i in 0..variants {
        let status = STATUSES[i % STATUSES.len()];
        let _ = writeln!(
            src,
            "    /// Variant number {i}.\n    ///\n    /// Second paragraph of docs."
        );
        let attrs = match i % 5 {
            0 => format!(
                "#[error(\"Thing {i} failed\")]\n    #[status({status}, code = \"THING_{i}_FAILED\", resolution = \"Check thing {i}\")]\n    Variant{i},"
            ),
            1 => format!(
                "#[error(\"Limit {{limit}} exceeded for {i}\")]\n    #[status({status}, code = \"LIMIT_{i}\")]\n    Variant{i} {{ limit: u32, #[api(expose)] window: u64 }},"
            ),
            2 => format!(
                "#[error(\"Validation {i} failed\")]\n    #[status({status}, code = \"INVALID_{i}\", cause = \"bad input\")]\n    Variant{i} {{ #[api(violations)] fields: Vec<errspec::Violation> }},"
            ),
            3 => format!(
                "#[error(\"Throttled {i}\")]\n    #[status({status}, code = \"THROTTLED_{i}\")]\n    Variant{i} {{ #[api(retry_after)] wait: std::time::Duration, #[api(header = \"X-RateLimit-Reset\")] reset: u64 }},"
            ),
            _ => format!(
                "#[error(\"engine {{0}} failed\")]\n    #[status({status}, code = \"ENGINE_{i}\", message = \"Engine {i} failed\")]\n    Variant{i}(String),"
            ),
        };
        let _ = writeln!(src, "    {attrs}");
    }
    src.push('}');
    src
}

fn expansion(c: &mut Criterion) {
    let mut group = c.benchmark_group("expand");
    group.measurement_time(Duration::from_secs(5)).sample_size(20);
    for variants in [10, 1000] {
        let src = generated_enum(variants);
        let input: DeriveInput = syn::parse_str(&src).expect("the generated enum parses");
        // The expansion is real code, not a `compile_error!`.
        let output = expand::derive(&input).to_string();
        assert!(!output.contains("compile_error"), "{output}");
        if std::env::var_os("ERRSPEC_EXPAND_DUMP").is_some() {
            eprintln!(
                "{variants} variants: {} bytes of output, {} tokens",
                output.len(),
                output.split_whitespace().count()
            );
            eprintln!("{output}");
        }
        let elements = u64::try_from(variants).unwrap_or(u64::MAX);
        group.throughput(Throughput::Elements(elements));
        group.bench_with_input(BenchmarkId::new("derive", variants), &input, |b, input| {
            b.iter(|| expand::derive(black_box(input)));
        });
        // What the compiler's call costs end to end: tokens in, parse, expand, tokens out.
        let tokens: proc_macro2::TokenStream = src.parse().expect("the generated enum lexes");
        group.bench_with_input(
            BenchmarkId::new("parse+derive", variants),
            &tokens,
            |b, tokens| {
                b.iter(|| {
                    let input: DeriveInput = syn::parse2(black_box(tokens).clone()).expect("parses");
                    expand::derive(&input)
                });
            },
        );
    }
    group.finish();
}

criterion_group!(expand_benches, expansion);
criterion_main!(expand_benches);
