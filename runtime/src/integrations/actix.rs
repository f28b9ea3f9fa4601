//! actix-web integration (feature `actix-web`): `ResponseError` for every derived type.
//!
//! The response is the one [`ApiError::to_response`] renders (status, envelope, `Retry-After`,
//! declared headers); a 5xx is logged through `tracing` with its `source()` chain. actix-web
//! 4 speaks `http` 0.2, so status and headers are carried over by value.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{HeaderName, HeaderValue};

use crate::api_error::ApiError;
use crate::render::RenderContext;

/// `status` in actix-web's `http` version.
#[doc(hidden)]
pub fn status(status: http::StatusCode) -> StatusCode {
    // Every `http` 1 status is a valid `http` 0.2 status: both accept 100..=999.
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The derived `ResponseError::error_response`.
#[doc(hidden)]
pub fn respond<E: ApiError>(error: &E) -> HttpResponse {
    let error: &dyn ApiError = error;
    let ctx = RenderContext::new();
    if error.status().is_server_error() {
        super::log_server_error(error, &ctx);
    }
    let (parts, body) = error.to_response_with(&ctx).into_parts();
    let mut response = HttpResponse::with_body(status(parts.status), body);
    for (name, value) in &parts.headers {
        // `render` only emits valid names and values, so both conversions succeed.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response.map_into_boxed_body()
}
