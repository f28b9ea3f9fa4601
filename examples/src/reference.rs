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

/// Every generated file: the DSL guide (the `errspec::guide` crate docs) and, for each reference, the markdown page, the JSON catalog and an OpenAPI
/// 3.1 document holding its components.
pub fn files() -> Vec<Generated> {
    let mut out = vec![Generated {
        path: "docs/guide.md".to_owned(),
        contents: errspec::guide::MARKDOWN.to_owned(),
    }];
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
