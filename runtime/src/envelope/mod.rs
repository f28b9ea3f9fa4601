//! Envelopes: the JSON shapes an error takes on the wire.
//!
//! One type per envelope renders a response; the client decoder parses the same shape back.
//! `#[api(envelope = ...)]` selects one by name, or names your own type implementing
//! [`Envelope`].

mod problem;

pub use problem::Problem;

use crate::api_error::ApiError;
use crate::render::{BodyWriter, RenderContext};
use crate::spec::ErrorSpec;

/// A wire format for error bodies.
pub trait Envelope {
    /// The DSL name: `problem`, `nested`, ...
    const NAME: &'static str;
    /// The response's `Content-Type`.
    const CONTENT_TYPE: &'static str;

    /// Writes the whole body of `error` into `out`.
    fn write_body<E: ApiError + ?Sized>(error: &E, ctx: &RenderContext<'_>, out: &mut BodyWriter<'_>);

    /// Bytes to reserve for the body, so that rendering allocates once.
    fn capacity_hint(spec: &ErrorSpec) -> usize {
        let message = spec.json.message.map_or(96, str::len);
        96 + spec.json.code.len() + spec.json.title.len() + spec.json.type_uri.len() + message
    }
}

/// Writes the public message as a JSON string: the derive's constant fragment when the message
/// never varies, else the message escaped straight into the buffer.
pub(crate) fn write_message<E: ApiError + ?Sized>(error: &E, out: &mut BodyWriter<'_>) {
    match error.spec().json.message {
        Some(fragment) => out.raw(fragment),
        None => out.string_with(|w| error.write_public_message(w)),
    }
}
