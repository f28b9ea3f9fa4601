//! errspec turns one annotated error enum into everything an HTTP API says about its errors:
//! the status mapping, the JSON envelope on the wire, retry guidance for clients, and the
//! compile-time catalog that docs generators read.
//!
//! ```
//! use errspec::{ApiError, Catalog, ErrorKind};
//! use std::time::Duration;
//!
//! /// Errors of the scan endpoint.
//! #[derive(Debug, thiserror::Error, ApiError)]
//! #[api(docs_url = "https://docs.example.com/errors#{code}")]
//! pub enum ScanError {
//!     /// Malformed request.
//!     #[error("Invalid request payload")]
//!     #[status(400, code = "INVALID_REQUEST", resolution = "Check request format")]
//!     InvalidRequest,
//!
//!     #[error("Rate limit exceeded: {limit} requests per minute")]
//!     #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
//!     RateLimited {
//!         limit: u32,
//!         #[api(retry_after)]
//!         retry_after: Duration,
//!         #[api(header = "X-RateLimit-Reset")]
//!         reset: u64,
//!     },
//!
//!     #[error("engine failed: {0}")]
//!     #[status(500, message = "Unexpected server error")]
//!     Internal(String),
//! }
//!
//! let error = ScanError::RateLimited { limit: 1000, retry_after: Duration::from_secs(60), reset: 1678886460 };
//! assert_eq!(error.code(), "RATE_LIMIT_EXCEEDED");
//! assert_eq!(error.kind(), ScanErrorKind::RateLimited);
//!
//! let response = error.to_response();
//! assert_eq!(response.status(), 429);
//! assert_eq!(response.headers()["retry-after"], "60");
//! assert_eq!(response.headers()["x-ratelimit-reset"], "1678886460");
//! assert_eq!(response.headers()["content-type"], "application/problem+json");
//!
//! // A 5xx never sends its `Display`.
//! let body = ScanError::Internal("db password=hunter2".into()).to_response().into_body();
//! assert!(!String::from_utf8(body).unwrap().contains("hunter2"));
//!
//! // The catalog is a static table: docs and clients need no value.
//! assert_eq!(ScanError::specs().len(), 3);
//! assert_eq!("INVALID_REQUEST".parse::<ScanErrorKind>(), Ok(ScanErrorKind::InvalidRequest));
//! assert_eq!(ScanErrorKind::Internal.spec().title, "Internal Server Error");
//! ```
//!
//! # Defaults by status
//!
//! | status | retry | action |
//! |---|---|---|
//! | 400, 422 | never | fix_request |
//! | 401 | never | reauthenticate |
//! | 403 | never | change_principal |
//! | 404, 410 | never | treat_as_absent |
//! | 408 | backoff | retry_later |
//! | 409 | never | reconcile |
//! | 425, 429 | after (fallback: backoff) | back_off |
//! | 500, 502, 503, 504 | backoff: 1s, 2s, 4s (full jitter), 3 retries, cap 20s | retry_later |
//! | 501, 505.. | never | contact_support |
//!
//! # Features
//!
//! - `axum`: `axum::response::IntoResponse` for every derived type, and [`axum`]'s error layer,
//!   request ids and JSON extractor that put every response of a service in one envelope.
//! - `actix-web`: `actix_web::ResponseError` for every derived type.
//! - `tonic`: `From<E> for tonic::Status` for every derived type.
//! - `utoipa`: `utoipa::IntoResponses` for every derived type (see `docs::utoipa_responses`).
//! - `tower`: [`client::TowerRetry`], a `tower::retry::Policy` driven by [`client::RetryPolicy`].
//! - `reqwest`: `client::RemoteError::from_response` and [`client::error_for_status`].

extern crate self as errspec;

mod api_error;
pub mod client;
pub mod docs;
pub mod envelope;
#[doc = include_str!("guide.md")]
pub mod guide {
    /// This guide as markdown: `docs/guide.md` is generated from it.
    pub const MARKDOWN: &str = include_str!("guide.md");
}
mod integrations;
mod render;
pub mod retry;
mod spec;
mod violation;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

#[cfg(feature = "actix-web")]
pub use integrations::actix;
#[cfg(feature = "axum")]
pub use integrations::axum;
#[cfg(feature = "tonic")]
pub use integrations::tonic;

pub use api_error::{ApiError, Catalog, ErrorKind, UnknownCode};
pub use errspec_macros::ApiError;
pub use render::{BodyWriter, RenderContext, RenderIssue, RenderReport, X_REQUEST_ID};
pub use retry::{Action, Backoff, Jitter, Retry};
pub use spec::{ErrorSpec, GrpcCode, JsonFragments};
pub use violation::{Key, Segment, Source, Violation};
