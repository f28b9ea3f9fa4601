//! Compile-fail suite: every misuse of the derive is an error on the offending token.
//!
//! The `.stderr` files record rustc's exact wording, so the suite runs on the one toolchain they
//! were generated with; regenerate with `TRYBUILD=overwrite cargo test -p errspec-tests --test ui`.

#[rustversion::stable(1.95)]
#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}
