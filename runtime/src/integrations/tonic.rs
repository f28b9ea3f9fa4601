//! tonic integration (feature `tonic`): `From<E> for tonic::Status` for every derived type.
//!
//! The status code is the variant's `grpc` code (by default the `google/rpc/code.proto`
//! mapping of its HTTP status), the message is [`ApiError::public_message`] — on a 5xx the
//! declared message or the title, never `Display` — and the metadata carries the machine code
//! as `x-error-code`, the wait as `retry-after` (seconds) and each `#[api(header)]` field.
//! A 5xx is logged through `tracing` with its `source()` chain.

use http::header::CONTENT_TYPE;
use tonic::metadata::{AsciiMetadataKey, AsciiMetadataValue, MetadataMap};
use tonic::{Code, Status};

use crate::api_error::ApiError;
use crate::render::RenderContext;

/// The metadata key carrying the error's machine code.
pub const ERROR_CODE_KEY: &str = "x-error-code";

/// The derived `From<E> for Status`.
#[doc(hidden)]
pub fn status<E: ApiError>(error: &E) -> Status {
    let error: &dyn ApiError = error;
    let ctx = RenderContext::new();
    if error.status().is_server_error() {
        super::log_server_error(error, &ctx);
    }
    let mut metadata = MetadataMap::new();
    if let Ok(code) = AsciiMetadataValue::try_from(error.code()) {
        metadata.insert(ERROR_CODE_KEY, code);
    }
    // The HTTP rendering already decided which headers go out (`Retry-After` rounded up,
    // declared headers, values with control characters dropped): send the same ones.
    let response = error.to_response_with(&ctx);
    for (name, value) in response.headers() {
        if name == CONTENT_TYPE {
            continue;
        }
        if let (Ok(key), Ok(value)) = (
            AsciiMetadataKey::from_bytes(name.as_str().as_bytes()),
            AsciiMetadataValue::try_from(value.as_bytes()),
        ) {
            metadata.insert(key, value);
        }
    }
    let code = Code::from(error.spec().grpc as i32);
    Status::with_metadata(code, error.public_message(), metadata)
}
