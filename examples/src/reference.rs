//! The reference pages under `docs/reference/`, generated from the example APIs' error enums.
//! `cargo run -p errspec-examples --bin gen_docs` writes them; a test fails when they are stale.

use errspec::docs::{Reference, openapi_document};

use crate::scan::ScanError;
use crate::seeds::aegis::AegisError;
use crate::seeds::ai_guard::{ClassificationError, MetricsError};
use crate::seeds::aisafe::AiSafeError;
use crate::seeds::aisquare::AiSquareError;
use crate::seeds::truthvouch::TruthVouchError;

/// The command that regenerates every file of [`files`].
pub const REGENERATE: &str = "cargo run -p errspec-examples --bin gen_docs";

/// One generated file: its path from the workspace root and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// Path relative to the workspace root, `/`-separated.
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

/// The references, one per example API, by file stem.
pub fn references() -> Vec<(&'static str, Reference)> {
    vec![
        (
            "ai_guard",
            Reference::new("AI Guard error reference")
                .intro(
                    "A complete reference for the errors of the AI Guard REST API, one table per \
                     endpoint.",
                )
                .section_titled::<ClassificationError>("Classification Endpoint (`POST /classifications/v1`)")
                .section_titled::<MetricsError>("Metrics Endpoint (`POST /metric`)")
                .examples(&ClassificationError::samples())
                .examples(&MetricsError::samples()),
        ),
        (
            "aisafe",
            Reference::new("AISafe errors")
                .intro("AISafe API errors use a consistent envelope.")
                .section::<AiSafeError>()
                .examples(&AiSafeError::samples()),
        ),
        (
            "aisquare",
            Reference::new("AISquare errors")
                .intro("How AISquare APIs return errors and how to handle them.")
                .section::<AiSquareError>()
                .examples(&AiSquareError::samples()),
        ),
        (
            "truthvouch",
            Reference::new("TruthVouch error handling")
                .intro("TruthVouch uses standard HTTP status codes and structured error responses.")
                .section::<TruthVouchError>()
                .examples(&TruthVouchError::samples()),
        ),
        (
            "aegis",
            Reference::new("AEGIS errors")
                .intro("All AEGIS API errors return a consistent JSON structure.")
                .section::<AegisError>()
                .examples(&AegisError::samples()),
        ),
        seeds_scan(),
    ]
}

fn seeds_scan() -> (&'static str, Reference) {
    (
        "scan",
        Reference::new("Governance scan API errors")
            .intro(
                "Every error of the governance scan API: its status, its code, what to do about it, \
                 and the exact response a client receives.",
            )
            .section_titled::<ScanError>("Governance scan (`POST /api/v1/governance/scan`)")
            .examples(&ScanError::samples()),
    )
}

/// Where the guide's `compile_fail` examples are written as trybuild cases.
pub const GUIDE_UI_DIR: &str = "tests/tests/docs_guide_ui";

/// One `compile_fail` example of the guide: the case file, and the error messages the guide
/// quotes under it (the ```` ```text ```` block that follows), without `error: ` prefixes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideCase {
    /// The trybuild case, a complete crate root.
    pub file: Generated,
    /// The quoted messages, one per line.
    pub quoted: Vec<String>,
}

/// The guide's `compile_fail` examples, in order, as trybuild cases.
pub fn guide_cases() -> Vec<GuideCase> {
    const OPEN: &str = "```compile_fail\n";
    const QUOTE: &str = "```\n\n```text\n";
    let mut cases = Vec::new();
    let mut rest = errspec::guide::MARKDOWN;
    while let Some(start) = rest.find(OPEN) {
        let after = &rest[start + OPEN.len()..];
        let Some(end) = after.find("```\n") else { break };
        let code = &after[..end];
        let quoted = after[end..]
            .strip_prefix(QUOTE)
            .and_then(|text| text.split("```").next())
            .unwrap_or_default()
            .lines()
            .map(|line| line.trim().trim_start_matches("error: ").to_owned())
            .filter(|line| !line.is_empty())
            .collect();
        cases.push(GuideCase {
            file: Generated {
                path: format!("{GUIDE_UI_DIR}/guide-{:02}.rs", cases.len() + 1),
                contents: format!(
                    "// A `compile_fail` example of docs/guide.md, written by gen_docs: edit the guide.\n\n{code}\nfn main() {{}}\n"
                ),
            },
            quoted,
        });
        rest = &after[end..];
    }
    cases
}

/// Every generated file: the guide's `compile_fail` cases, the DSL guide (the `errspec::guide` crate docs) and, for each reference, the markdown page, the JSON catalog and an OpenAPI
/// 3.1 document holding its components.
pub fn files() -> Vec<Generated> {
    let mut out = vec![Generated {
        path: "docs/guide.md".to_owned(),
        contents: errspec::guide::MARKDOWN.to_owned(),
    }];
    out.extend(guide_cases().into_iter().map(|case| case.file));
    for (stem, reference) in references() {
        out.push(Generated {
            path: format!("docs/reference/{stem}.md"),
            contents: reference.to_markdown() + "\n",
        });
        out.push(Generated {
            path: format!("docs/reference/{stem}.catalog.json"),
            contents: reference.to_json_catalog(),
        });
        let openapi = serde_json::to_string_pretty(&openapi_document(&reference)).unwrap_or_default();
        out.push(Generated {
            path: format!("docs/reference/{stem}.openapi.json"),
            contents: openapi + "\n",
        });
    }
    out
}
