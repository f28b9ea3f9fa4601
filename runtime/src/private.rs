//! Support for generated code. Not public API: anything here may change in any release.

pub use ::core;
pub use ::core::option::Option::{None, Some};
pub use ::http;
pub use ::serde::Serialize;
pub use ::std;

pub use crate::api_error::{ApiError, Catalog, ErrorKind, UnknownCode};
pub use crate::envelope::Envelope;
pub use crate::render::{BodyWriter, RenderContext, render};
pub use crate::retry::{Action, Backoff, Jitter, Retry};
pub use crate::spec::{ErrorSpec, GrpcCode, JsonFragments};
pub use crate::violation::Violation;

/// A status the derive has already range-checked; `const` so that spec tables stay static.
pub const fn status(code: u16) -> http::StatusCode {
    match http::StatusCode::from_u16(code) {
        Ok(status) => status,
        Err(_) => panic!("errspec: the derive passed an invalid status"),
    }
}

/// Framework integrations: the derive always calls this; each feature contributes its impls.
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_integrations {
    ($($input:tt)*) => {
        $crate::__errspec_axum! { $($input)* }
    };
}
pub use crate::__errspec_integrations as integrations;

#[cfg(feature = "axum")]
pub use ::axum_core;

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_axum {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)*
        $($where_clause)*
        {
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::ApiError::to_response(&self).map($crate::__private::axum_core::body::Body::from)
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_axum {
    ($($input:tt)*) => {};
}

/// What an `#[api(retry_after)]` field may be: a `Duration`, or an optional one.
pub trait RetryAfterField {
    /// The wait to advertise.
    fn retry_after_value(&self) -> Option<core::time::Duration>;
}

impl RetryAfterField for core::time::Duration {
    fn retry_after_value(&self) -> Option<core::time::Duration> {
        Some(*self)
    }
}

impl RetryAfterField for Option<core::time::Duration> {
    fn retry_after_value(&self) -> Option<core::time::Duration> {
        *self
    }
}
