//! Reference documentation generated from [`Catalog`]s alone: a markdown page like a hand-written
//! API error reference, an OpenAPI 3.1 `components` object, and a JSON catalog for clients in
//! other languages.
//!
//! Example bodies are rendered through each catalog's own [`Envelope`], so the docs show the
//! bytes the server sends and cannot drift from them.
//!
//! ```
//! use errspec::{ApiError, docs::Reference};
//!
//! /// Errors of the scan endpoint.
//! #[derive(Debug, thiserror::Error, ApiError)]
//! pub enum ScanError {
//!     /// Malformed request (missing body, invalid JSON).
//!     #[error("Invalid request payload")]
//!     #[status(400, code = "INVALID_REQUEST", resolution = "Check request format")]
//!     InvalidRequest,
//! }
//!
//! let reference = Reference::new("Errors").section::<ScanError>();
//! let page = reference.to_markdown();
//! assert!(page.contains("| `400` | `INVALID_REQUEST` | Invalid request payload | Malformed request (missing body, invalid JSON). |"));
//! let components = reference.openapi_components();
//! assert_eq!(components["responses"]["INVALID_REQUEST"]["content"]["application/problem+json"]["example"]["status"], 400);
//! let catalog: serde_json::Value = serde_json::from_str(&reference.to_json_catalog()).unwrap();
//! assert_eq!(catalog["sections"][0]["errors"][0]["code"], "INVALID_REQUEST");
//! ```

mod catalog_json;
mod fields;
mod markdown;
mod openapi;
mod sample;
#[cfg(feature = "utoipa")]
mod utoipa;

pub use catalog_json::CATALOG_FORMAT;
pub use openapi::{openapi_document, schema_from_examples};
pub use sample::{Example, SAMPLE_REQUEST_ID};
#[cfg(feature = "utoipa")]
pub use utoipa::responses as utoipa_responses;

use crate::api_error::{ApiError, Catalog};
use crate::envelope::Envelope;
use crate::render::RenderContext;
use crate::spec::ErrorSpec;

/// A reference page over one or more error catalogs: one section per catalog (as AI Guard has
/// one table per endpoint), rendered deterministically.
#[derive(Clone, Debug)]
pub struct Reference {
    title: String,
    intro: String,
    sections: Vec<Section>,
}

/// One catalog as the docs see it: its table and its example responses.
#[derive(Clone, Debug)]
pub struct Section {
    /// The heading: the type name unless given.
    pub heading: String,
    /// The Rust type name (`Catalog::NAME`).
    pub name: &'static str,
    /// The type's doc comment.
    pub doc: &'static str,
    /// The envelope's DSL name.
    pub envelope: &'static str,
    /// The envelope's `Content-Type`.
    pub content_type: &'static str,
    /// Every variant, concealed ones included.
    pub specs: &'static [ErrorSpec],
    /// One example response per wire code, in declaration order.
    pub examples: Vec<Example>,
}

impl Section {
    /// The section of catalog `C`, with examples synthesized from its specs.
    pub fn of<C: Catalog + ?Sized>() -> Section {
        Section {
            heading: C::NAME.to_owned(),
            name: C::NAME,
            doc: C::DOC,
            envelope: <C::Envelope as Envelope>::NAME,
            content_type: <C::Envelope as Envelope>::CONTENT_TYPE,
            specs: C::specs(),
            examples: sample::synthesize::<C::Envelope>(C::specs()),
        }
    }

    /// The variants that have a code of their own on the wire.
    pub fn wire_specs(&self) -> impl Iterator<Item = &'static ErrorSpec> {
        self.specs.iter().filter(|spec| spec.conceal_as.is_none())
    }

    /// The variants sent as another one, each with the spec it is sent as.
    pub fn concealed(&self) -> impl Iterator<Item = (&'static ErrorSpec, &'static ErrorSpec)> {
        let specs = self.specs;
        specs.iter().filter_map(move |spec| {
            let target = spec.conceal_as?;
            // The derive has checked that the target exists; a hand-built table may not.
            let sent_as = specs.iter().find(|s| s.variant == target).unwrap_or(spec);
            Some((spec, sent_as))
        })
    }

    /// Whether every body carries its error code (`problem`, `nested`, `google` do), so that
    /// clients can tell apart two errors of one status. `detail` and `code_message` do not,
    /// even when one variant exposes a code member of its own.
    pub fn sends_codes(&self) -> bool {
        self.examples
            .iter()
            .all(|e| e.body.contains(&format!("\"{}\"", e.code)))
    }

    /// The example response of `code`.
    pub fn example(&self, code: &str) -> Option<&Example> {
        self.examples.iter().find(|example| example.code == code)
    }
}

impl Reference {
    /// An empty reference titled `title`.
    pub fn new(title: impl Into<String>) -> Reference {
        Reference {
            title: title.into(),
            intro: String::new(),
            sections: Vec::new(),
        }
    }

    /// Sets the paragraph under the title.
    #[must_use]
    pub fn intro(mut self, text: impl Into<String>) -> Reference {
        self.intro = text.into();
        self
    }

    /// Adds a section for catalog `C`, headed by its type name.
    #[must_use]
    pub fn section<C: Catalog + ?Sized>(mut self) -> Reference {
        self.sections.push(Section::of::<C>());
        self
    }

    /// Adds a section for catalog `C` under `heading`, such as
    /// ``"Classification Endpoint (`POST /classifications/v1`)"``.
    #[must_use]
    pub fn section_titled<C: Catalog + ?Sized>(mut self, heading: impl Into<String>) -> Reference {
        let mut section = Section::of::<C>();
        section.heading = heading.into();
        self.sections.push(section);
        self
    }

    /// Replaces the synthesized examples of `C`'s sections by the responses of real values, so
    /// that an example shows `1000 requests per minute` instead of `<limit> requests per
    /// minute`. A concealed value renders as its target, so it replaces the target's example.
    #[must_use]
    pub fn examples<'a, C>(mut self, values: impl IntoIterator<Item = &'a C>) -> Reference
    where
        C: Catalog + ApiError + 'a,
    {
        let ctx = RenderContext::new().with_request_id(SAMPLE_REQUEST_ID);
        let rendered: Vec<Example> = values
            .into_iter()
            .map(|value| {
                let spec = value.spec();
                Example::capture(spec.code, &value.to_response_with(&ctx), spec.headers)
            })
            .collect();
        for section in self.sections.iter_mut().filter(|s| s.name == C::NAME) {
            for example in &rendered {
                if let Some(slot) = section.examples.iter_mut().find(|e| e.code == example.code) {
                    slot.clone_from(example);
                }
            }
        }
        self
    }

    /// The page title.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The sections, in the order added.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The markdown page.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// The OpenAPI 3.1 `components` object: one response per code, one schema per catalog.
    pub fn openapi_components(&self) -> serde_json::Value {
        openapi::components(self)
    }

    /// The JSON catalog for clients in other languages (see [`CATALOG_FORMAT`]).
    pub fn to_json_catalog(&self) -> String {
        catalog_json::render(self)
    }
}
