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

/// One row of a derived spec table, with what every variant has; the `with_*` methods below
/// add the rest. Retry guidance, action and gRPC code default from the status. A call, plus a
/// method for each key a variant sets, is a fraction of the tokens of a struct literal naming
/// every field, and the derive's expansion time grows with the tokens it emits.
#[allow(clippy::too_many_arguments)] // one per field that every row sets
#[must_use]
pub const fn spec_row(
    variant: &'static str,
    status: u16,
    code: &'static str,
    title: &'static str,
    message: &'static str,
    doc: &'static str,
    type_uri: &'static str,
    json_code: &'static str,
    json_title: &'static str,
    json_type: &'static str,
) -> ErrorSpec {
    ErrorSpec {
        variant,
        status: self::status(status),
        code,
        title,
        message,
        doc,
        cause: None,
        resolution: None,
        retry: Retry::default_for(status),
        action: Action::default_for(status),
        grpc: GrpcCode::from_http(status),
        type_uri,
        headers: &[],
        exposed: &[],
        top_level: &[],
        violations: false,
        conceal_as: None,
        json: JsonFragments {
            code: json_code,
            title: json_title,
            type_uri: json_type,
            message: None,
        },
    }
}

/// The keys of a spec row that only some variants set, chained on `spec_row(...)`.
#[doc(hidden)]
impl ErrorSpec {
    #[must_use]
    pub const fn with_cause(mut self, cause: &'static str) -> Self {
        self.cause = Some(cause);
        self
    }

    #[must_use]
    pub const fn with_resolution(mut self, resolution: &'static str) -> Self {
        self.resolution = Some(resolution);
        self
    }

    #[must_use]
    pub const fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = retry;
        self
    }

    #[must_use]
    pub const fn with_action(mut self, action: Action) -> Self {
        self.action = action;
        self
    }

    #[must_use]
    pub const fn with_grpc(mut self, grpc: GrpcCode) -> Self {
        self.grpc = grpc;
        self
    }

    #[must_use]
    pub const fn with_headers(mut self, headers: &'static [&'static str]) -> Self {
        self.headers = headers;
        self
    }

    #[must_use]
    pub const fn with_exposed(mut self, exposed: &'static [&'static str]) -> Self {
        self.exposed = exposed;
        self
    }

    #[must_use]
    pub const fn with_top_level(mut self, top_level: &'static [&'static str]) -> Self {
        self.top_level = top_level;
        self
    }

    #[must_use]
    pub const fn with_violations(mut self) -> Self {
        self.violations = true;
        self
    }

    #[must_use]
    pub const fn with_conceal_as(mut self, target: &'static str) -> Self {
        self.conceal_as = Some(target);
        self
    }

    /// The message as a JSON string, for a message that is the same for every value.
    #[must_use]
    pub const fn with_json_message(mut self, json_message: &'static str) -> Self {
        self.json.message = Some(json_message);
        self
    }
}

/// Framework integrations: the derive always calls this; each feature contributes its impls.
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_integrations {
    ($($input:tt)*) => {
        $crate::__errspec_axum! { $($input)* }
        $crate::__errspec_utoipa! { $($input)* }
        $crate::__errspec_actix! { $($input)* }
        $crate::__errspec_tonic! { $($input)* }
    };
}
pub use crate::__errspec_integrations as integrations;

#[cfg(feature = "axum")]
pub use crate::integrations::axum::respond as axum_respond;
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
                $crate::__private::axum_respond(&self)
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

#[cfg(feature = "utoipa")]
pub use ::utoipa;

#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_utoipa {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::utoipa::IntoResponses for $($ty)*
        $($where_clause)*
        {
            fn responses() -> $crate::__private::std::collections::BTreeMap<
                $crate::__private::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::Response>,
            > {
                $crate::docs::utoipa_responses::<Self>()
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_utoipa {
    ($($input:tt)*) => {};
}

#[cfg(feature = "actix-web")]
pub use crate::integrations::actix::respond as actix_respond;
#[cfg(feature = "actix-web")]
pub use ::actix_web;

#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_actix {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::actix_web::ResponseError for $($ty)*
        $($where_clause)*
        {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::__private::actix_status($crate::ApiError::status(self))
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::__private::actix_respond(self)
            }
        }
    };
}

#[cfg(feature = "actix-web")]
pub use crate::integrations::actix::status as actix_status;

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_actix {
    ($($input:tt)*) => {};
}

#[cfg(feature = "tonic")]
pub use crate::integrations::tonic::status as tonic_status;
#[cfg(feature = "tonic")]
pub use ::tonic;

#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_tonic {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::core::convert::From<$($ty)*> for $crate::__private::tonic::Status
        $($where_clause)*
        {
            fn from(error: $($ty)*) -> Self {
                $crate::__private::tonic_status(&error)
            }
        }
    };
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __errspec_tonic {
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
