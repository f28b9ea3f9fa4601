//! The guide's `compile_fail` examples fail to compile with the very messages the guide quotes.
//!
//! gen_docs writes each example to `tests/docs_guide_ui/` (docs_fresh checks they match the
//! guide); the `.stderr` files record rustc's exact output, so the suite runs on the toolchain
//! they were generated with: regenerate with
//! `TRYBUILD=overwrite cargo test -p errspec-tests --test docs_guide_ui`.

use std::path::Path;

use errspec_examples::reference::guide_cases;

#[rustversion::stable(1.95)]
#[test]
fn guide_examples_fail_to_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/docs_guide_ui/*.rs");
}

#[test]
fn the_guide_quotes_the_compilers_words() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let cases = guide_cases();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    for case in cases {
        assert!(!case.quoted.is_empty(), "{} quotes no message", case.file.path);
        let stderr_path = root.join(case.file.path.replace(".rs", ".stderr"));
        let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_else(|error| {
            panic!(
                "{}: {error}; record it with TRYBUILD=overwrite cargo test -p errspec-tests --test docs_guide_ui",
                stderr_path.display()
            )
        });
        for message in &case.quoted {
            assert!(
                stderr.contains(message.as_str()),
                "{} quotes `{message}`, which the compiler does not say:\n{stderr}",
                case.file.path
            );
        }
    }
}
