//! The read-only description of every variant: the one table that the responses, the client
//! decoder and every docs generator read.

use http::StatusCode;

use crate::retry::{Action, Retry};

/// Everything errspec knows about one error variant, fixed at compile time.
///
/// The derive emits one `static` array of these per type ([`Catalog::specs`](crate::Catalog::specs)).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorSpec {
    /// The Rust variant (or struct) name.
    pub variant: &'static str,
    /// HTTP status, 400..=599.
    pub status: StatusCode,
    /// Stable machine code, `SCREAMING_SNAKE_CASE`.
    pub code: &'static str,
    /// RFC 9457 `title`: the canonical reason phrase unless declared.
    pub title: &'static str,
    /// The public message as declared: a `message = "..."` template (`{field}` placeholders
    /// kept), else the `#[error("...")]` text on a 4xx, else the title.
    pub message: &'static str,
    /// The variant's doc comment, trimmed, lines joined with `\n`.
    pub doc: &'static str,
    /// Docs column "Common cause".
    pub cause: Option<&'static str>,
    /// Docs column "Resolution".
    pub resolution: Option<&'static str>,
    /// What a client may do about it.
    pub retry: Retry,
    /// What the caller should do.
    pub action: Action,
    /// gRPC status code for the same condition.
    pub grpc: GrpcCode,
    /// RFC 9457 `type`: the expanded `docs_url`, or `about:blank`.
    pub type_uri: &'static str,
    /// Response headers this variant sets from its fields, as declared (`Retry-After`, ...).
    pub headers: &'static [&'static str],
    /// Names of the extension members this variant sends (`#[api(expose)]`).
    pub exposed: &'static [&'static str],
    /// Names of the members sent beside the envelope's root object (`#[api(top_level)]`).
    pub top_level: &'static [&'static str],
    /// Whether the variant carries field violations.
    pub violations: bool,
    /// The variant this one is rendered as on the wire, if concealed.
    pub conceal_as: Option<&'static str>,
    /// Pre-escaped JSON fragments, computed by the derive.
    #[doc(hidden)]
    pub json: JsonFragments,
}

/// JSON text the derive computed for one variant, so that rendering copies bytes instead of
/// escaping them. Each string is a complete JSON value (quoted where it is a string).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonFragments {
    /// `"CODE"`
    pub code: &'static str,
    /// `"Title"`
    pub title: &'static str,
    /// `"about:blank"` or the docs URL
    pub type_uri: &'static str,
    /// The public message when it is the same for every value of the variant.
    pub message: Option<&'static str>,
}

impl ErrorSpec {
    /// `true` for 5xx statuses, whose bodies never carry `Display` or private fields.
    pub fn is_server_error(&self) -> bool {
        self.status.is_server_error()
    }
}

/// The canonical gRPC status codes (`google.rpc.Code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum GrpcCode {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

impl GrpcCode {
    /// Every code, by number.
    pub const ALL: [GrpcCode; 17] = [
        GrpcCode::Ok,
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The HTTP-to-gRPC mapping documented in `google/rpc/code.proto`; statuses it does not
    /// name map to `FailedPrecondition` (4xx) or `Internal` (5xx).
    pub const fn from_http(status: u16) -> GrpcCode {
        match status {
            400 | 422 => GrpcCode::InvalidArgument,
            401 => GrpcCode::Unauthenticated,
            403 => GrpcCode::PermissionDenied,
            404 | 410 => GrpcCode::NotFound,
            408 | 504 => GrpcCode::DeadlineExceeded,
            409 => GrpcCode::Aborted,
            416 => GrpcCode::OutOfRange,
            429 => GrpcCode::ResourceExhausted,
            499 => GrpcCode::Cancelled,
            501 => GrpcCode::Unimplemented,
            502 | 503 => GrpcCode::Unavailable,
            400..=499 => GrpcCode::FailedPrecondition,
            _ => GrpcCode::Internal,
        }
    }

    /// The proto enum name: `NOT_FOUND`, `RESOURCE_EXHAUSTED`, ...
    pub const fn as_str(self) -> &'static str {
        match self {
            GrpcCode::Ok => "OK",
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }

    /// Parses the proto enum name.
    pub fn from_name(name: &str) -> Option<GrpcCode> {
        GrpcCode::ALL.into_iter().find(|code| code.as_str() == name)
    }
}
