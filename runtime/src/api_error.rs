//! The traits `#[derive(ApiError)]` implements.

use std::borrow::Cow;
use std::fmt;
use std::hash::Hash;
use std::time::Duration;

use http::{HeaderName, StatusCode};

use crate::envelope::Envelope;
use crate::render::{BodyWriter, RenderContext};
use crate::retry::{Action, Retry};
use crate::spec::ErrorSpec;
use crate::violation::Violation;

/// An error that knows what it looks like on the wire.
///
/// Implemented by `#[derive(ApiError)]`. Every method describes the response a client sees:
/// a variant declared with `conceal_as` answers exactly as its target. The trait is object
/// safe, so `Box<dyn ApiError>` renders too.
pub trait ApiError: std::error::Error {
    /// The compile-time description of this error as sent.
    fn spec(&self) -> &'static ErrorSpec;

    /// HTTP status.
    fn status(&self) -> StatusCode {
        self.spec().status
    }

    /// Stable machine code.
    fn code(&self) -> &'static str {
        self.spec().code
    }

    /// Retry guidance for clients.
    fn retry(&self) -> Retry {
        self.spec().retry
    }

    /// What the caller should do.
    fn action(&self) -> Action {
        self.spec().action
    }

    /// The message sent to clients: the declared `message` (fields interpolated), else
    /// `Display` on a 4xx, else the title. A 5xx never sends `Display`.
    fn public_message(&self) -> Cow<'_, str>;

    /// Writes [`public_message`](ApiError::public_message) without allocating.
    fn write_public_message(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        out.write_str(&self.public_message())
    }

    /// The wait to send as `Retry-After`, from an `#[api(retry_after)]` field.
    fn retry_after(&self) -> Option<Duration> {
        None
    }

    /// Visits each field violation (`#[api(violations)]`).
    fn for_each_violation(&self, visit: &mut dyn FnMut(&Violation)) {
        let _ = visit;
    }

    /// Visits each `#[api(header = "...")]` field: the header name and the value's `Display`.
    fn for_each_header(&self, visit: &mut dyn FnMut(&HeaderName, &dyn fmt::Display)) {
        let _ = visit;
    }

    /// Writes the `#[api(expose)]` members.
    fn write_exposed(&self, members: &mut BodyWriter<'_>) {
        let _ = members;
    }

    /// Writes the `#[api(top_level = "...")]` members.
    fn write_top_level(&self, members: &mut BodyWriter<'_>) {
        let _ = members;
    }

    /// Renders the response with the declared envelope.
    fn to_response_with(&self, ctx: &RenderContext<'_>) -> http::Response<Vec<u8>>;

    /// Renders the response with no request context.
    fn to_response(&self) -> http::Response<Vec<u8>> {
        self.to_response_with(&RenderContext::default())
    }
}

/// The compile-time table of a derived type: everything the docs generators and the client
/// decoder need, without a value in hand.
pub trait Catalog {
    /// The generated fieldless kind enum.
    type Kind: ErrorKind;
    /// The declared envelope.
    type Envelope: Envelope;
    /// The Rust type name.
    const NAME: &'static str;
    /// The type's doc comment.
    const DOC: &'static str;

    /// One entry per variant, in declaration order, concealed variants included.
    fn specs() -> &'static [ErrorSpec];
}

/// The fieldless enum the derive generates beside each error type (`ScanErrorKind`), which
/// clients match on after decoding a response.
pub trait ErrorKind: Copy + Eq + Hash + fmt::Debug + Send + Sync + 'static {
    /// Every kind that can appear on the wire (concealed variants have none of their own).
    const ALL: &'static [Self];

    /// The variant's spec.
    fn spec(self) -> &'static ErrorSpec;

    /// The wire code.
    fn as_str(self) -> &'static str {
        self.spec().code
    }

    /// The kind whose code is `code`.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|kind| kind.as_str() == code)
    }
}

/// The error of `FromStr` on a generated kind enum: the code is not one of the type's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCode {
    /// The code that was not recognised.
    pub code: String,
    /// The kind enum's type name.
    pub kind: &'static str,
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a code of {}", self.code, self.kind)
    }
}

impl std::error::Error for UnknownCode {}
