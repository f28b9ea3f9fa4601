//! The reference pages under `docs/reference/`, generated from the example APIs' error enums.
//! `cargo run -p errspec-examples --bin gen_docs` writes them; a test fails when they are stale.

use errspec::docs::{Reference, openapi_document};

use crate::scan::ScanError;

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
    vec![(
        "scan",
        Reference::new("Governance scan API errors")
            .intro(
                "Every error of the governance scan API: its status, its code, what to do about it, \
                 and the exact response a client receives.",
            )
            .section_titled::<ScanError>("Governance scan (`POST /api/v1/governance/scan`)")
            .examples(&ScanError::samples()),
    )]
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
