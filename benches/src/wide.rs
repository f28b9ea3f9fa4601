//! A 60-variant enum, derived and with its lookups written by hand from the same list.

use errspec::Retry;
use http::StatusCode;

/// Declares [`Wide`] and its hand-written lookups from one list of
/// `Variant = status STATUS_CONST "CODE"`.
macro_rules! wide {
    ($($variant:ident = $status:literal $name:ident $code:literal,)*) => {
        /// Sixty variants, each with a field.
        #[derive(Debug, Clone, thiserror::Error, errspec::ApiError)]
        pub enum Wide {
            $(
                #[error("{0} failed")]
                #[status($status, code = $code)]
                $variant(u32),
            )*
        }

        /// Every variant once.
        pub fn all() -> Vec<Wide> {
            vec![$(Wide::$variant(1)),*]
        }

        /// Hand-written `status()`.
        #[inline]
        pub fn status(error: &Wide) -> StatusCode {
            match error { $(Wide::$variant(_) => StatusCode::$name,)* }
        }

        /// Hand-written `code()`.
        #[inline]
        pub fn code(error: &Wide) -> &'static str {
            match error { $(Wide::$variant(_) => $code,)* }
        }

        /// Hand-written `retry()`: each arm a constant.
        #[inline]
        pub fn retry(error: &Wide) -> Retry {
            match error { $(Wide::$variant(_) => const { Retry::default_for($status) },)* }
        }
    };
}

wide! {
    Variant00 = 400 BAD_REQUEST "BAD_REQUEST_00",
    Variant01 = 401 UNAUTHORIZED "UNAUTHORIZED_01",
    Variant02 = 403 FORBIDDEN "FORBIDDEN_02",
    Variant03 = 404 NOT_FOUND "NOT_FOUND_03",
    Variant04 = 409 CONFLICT "CONFLICT_04",
    Variant05 = 410 GONE "GONE_05",
    Variant06 = 422 UNPROCESSABLE_ENTITY "UNPROCESSABLE_ENTITY_06",
    Variant07 = 429 TOO_MANY_REQUESTS "TOO_MANY_REQUESTS_07",
    Variant08 = 500 INTERNAL_SERVER_ERROR "INTERNAL_SERVER_ERROR_08",
    Variant09 = 502 BAD_GATEWAY "BAD_GATEWAY_09",
    Variant10 = 503 SERVICE_UNAVAILABLE "SERVICE_UNAVAILABLE_10",
    Variant11 = 504 GATEWAY_TIMEOUT "GATEWAY_TIMEOUT_11",
    Variant12 = 400 BAD_REQUEST "BAD_REQUEST_12",
    Variant13 = 401 UNAUTHORIZED "UNAUTHORIZED_13",
    Variant14 = 403 FORBIDDEN "FORBIDDEN_14",
    Variant15 = 404 NOT_FOUND "NOT_FOUND_15",
    Variant16 = 409 CONFLICT "CONFLICT_16",
    Variant17 = 410 GONE "GONE_17",
    Variant18 = 422 UNPROCESSABLE_ENTITY "UNPROCESSABLE_ENTITY_18",
    Variant19 = 429 TOO_MANY_REQUESTS "TOO_MANY_REQUESTS_19",
    Variant20 = 500 INTERNAL_SERVER_ERROR "INTERNAL_SERVER_ERROR_20",
    Variant21 = 502 BAD_GATEWAY "BAD_GATEWAY_21",
    Variant22 = 503 SERVICE_UNAVAILABLE "SERVICE_UNAVAILABLE_22",
    Variant23 = 504 GATEWAY_TIMEOUT "GATEWAY_TIMEOUT_23",
    Variant24 = 400 BAD_REQUEST "BAD_REQUEST_24",
    Variant25 = 401 UNAUTHORIZED "UNAUTHORIZED_25",
    Variant26 = 403 FORBIDDEN "FORBIDDEN_26",
    Variant27 = 404 NOT_FOUND "NOT_FOUND_27",
    Variant28 = 409 CONFLICT "CONFLICT_28",
    Variant29 = 410 GONE "GONE_29",
    Variant30 = 422 UNPROCESSABLE_ENTITY "UNPROCESSABLE_ENTITY_30",
    Variant31 = 429 TOO_MANY_REQUESTS "TOO_MANY_REQUESTS_31",
    Variant32 = 500 INTERNAL_SERVER_ERROR "INTERNAL_SERVER_ERROR_32",
    Variant33 = 502 BAD_GATEWAY "BAD_GATEWAY_33",
    Variant34 = 503 SERVICE_UNAVAILABLE "SERVICE_UNAVAILABLE_34",
    Variant35 = 504 GATEWAY_TIMEOUT "GATEWAY_TIMEOUT_35",
    Variant36 = 400 BAD_REQUEST "BAD_REQUEST_36",
    Variant37 = 401 UNAUTHORIZED "UNAUTHORIZED_37",
    Variant38 = 403 FORBIDDEN "FORBIDDEN_38",
    Variant39 = 404 NOT_FOUND "NOT_FOUND_39",
    Variant40 = 409 CONFLICT "CONFLICT_40",
    Variant41 = 410 GONE "GONE_41",
    Variant42 = 422 UNPROCESSABLE_ENTITY "UNPROCESSABLE_ENTITY_42",
    Variant43 = 429 TOO_MANY_REQUESTS "TOO_MANY_REQUESTS_43",
    Variant44 = 500 INTERNAL_SERVER_ERROR "INTERNAL_SERVER_ERROR_44",
    Variant45 = 502 BAD_GATEWAY "BAD_GATEWAY_45",
    Variant46 = 503 SERVICE_UNAVAILABLE "SERVICE_UNAVAILABLE_46",
    Variant47 = 504 GATEWAY_TIMEOUT "GATEWAY_TIMEOUT_47",
    Variant48 = 400 BAD_REQUEST "BAD_REQUEST_48",
    Variant49 = 401 UNAUTHORIZED "UNAUTHORIZED_49",
    Variant50 = 403 FORBIDDEN "FORBIDDEN_50",
    Variant51 = 404 NOT_FOUND "NOT_FOUND_51",
    Variant52 = 409 CONFLICT "CONFLICT_52",
    Variant53 = 410 GONE "GONE_53",
    Variant54 = 422 UNPROCESSABLE_ENTITY "UNPROCESSABLE_ENTITY_54",
    Variant55 = 429 TOO_MANY_REQUESTS "TOO_MANY_REQUESTS_55",
    Variant56 = 500 INTERNAL_SERVER_ERROR "INTERNAL_SERVER_ERROR_56",
    Variant57 = 502 BAD_GATEWAY "BAD_GATEWAY_57",
    Variant58 = 503 SERVICE_UNAVAILABLE "SERVICE_UNAVAILABLE_58",
    Variant59 = 504 GATEWAY_TIMEOUT "GATEWAY_TIMEOUT_59",
}

/// 1,024 variants in a fixed pseudo-random order.
pub fn mixed() -> Vec<Wide> {
    crate::mix(&all())
}
