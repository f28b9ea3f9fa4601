//! tonic integration (feature `tonic`): `From<E> for tonic::Status` for every derived type.
//!
//! The status code is the variant's `grpc` code (by default the `google/rpc/code.proto`
//! mapping of its HTTP status), the message is [`ApiError::public_message`] — on a 5xx the
//! declared message or the title, never `Display` — and the metadata carries the machine code
//! as `x-error-code`, the wait as `retry-after` (seconds) and each `#[api(header)]` field.
//! A 5xx is logged through `tracing` with its `source()` chain.

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
    if error.status().is_server_error() {
        super::log_server_error(error, &RenderContext::new());
    }
    let mut metadata = MetadataMap::new();
    if let Ok(code) = AsciiMetadataValue::try_from(error.code()) {
        metadata.insert(ERROR_CODE_KEY, code);
    }
    if let Some(wait) = error.retry_after() {
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        metadata.insert("retry-after", AsciiMetadataValue::from(secs));
    }
    error.for_each_header(&mut |name, value| {
        // Values with control characters are left out, as in HTTP responses.
        if let (Ok(key), Ok(value)) = (
            AsciiMetadataKey::from_bytes(name.as_str().as_bytes()),
            AsciiMetadataValue::try_from(value.to_string()),
        ) {
            metadata.insert(key, value);
        }
    });
    let code = Code::from(error.spec().grpc as i32);
    Status::with_metadata(code, error.public_message(), metadata)
}
