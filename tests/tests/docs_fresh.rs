//! The generated files under `docs/` match what the generators produce now.

use std::path::Path;

use errspec::docs::Reference;
use errspec::{ApiError, Catalog};
use errspec_examples::reference::{GUIDE_UI_DIR, REGENERATE, files};

#[test]
fn generated_docs_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for file in files() {
        match std::fs::read_to_string(root.join(&file.path)) {
            Ok(on_disk) if on_disk == file.contents => {}
            Ok(_) => stale.push(format!("{} is stale", file.path)),
            Err(error) => stale.push(format!("{} cannot be read: {error}", file.path)),
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nregenerate with: {REGENERATE}",
        stale.join("\n")
    );
}

#[test]
fn every_generated_file_is_under_docs_or_the_guide_cases() {
    let files = files();
    assert!(files.len() >= 3);
    for file in &files {
        assert!(
            file.path.starts_with("docs/") || file.path.starts_with(GUIDE_UI_DIR),
            "{}",
            file.path
        );
        assert!(!file.contents.is_empty(), "{}", file.path);
    }
}

mod before {
    /// Errors of the upload endpoint.
    #[derive(Debug, thiserror::Error, errspec::ApiError)]
    pub enum UploadError {
        /// The file is larger than the limit.
        #[error("File too large")]
        #[status(413)]
        TooLarge,
    }
}

mod after {
    /// Errors of the upload endpoint.
    #[derive(Debug, thiserror::Error, errspec::ApiError)]
    pub enum UploadError {
        /// The file exceeds the 10 MB upload limit.
        #[error("File too large")]
        #[status(413)]
        TooLarge,
    }
}

/// The staleness check can only catch drift if a doc comment reaches every output.
#[test]
fn a_changed_doc_comment_changes_every_output() {
    let old = Reference::new("Upload errors").section::<before::UploadError>();
    let new = Reference::new("Upload errors").section::<after::UploadError>();
    assert_eq!(before::UploadError::NAME, after::UploadError::NAME);
    assert_eq!(
        before::UploadError::TooLarge.to_response().into_body(),
        after::UploadError::TooLarge.to_response().into_body()
    );
    assert_ne!(old.to_markdown(), new.to_markdown());
    assert!(
        new.to_markdown()
            .contains("The file exceeds the 10 MB upload limit.")
    );
    assert!(!old.to_markdown().contains("10 MB"));
    assert_ne!(old.to_json_catalog(), new.to_json_catalog());
    assert_ne!(old.openapi_components(), new.openapi_components());
}
