//! Framework integrations, one module per feature. The derive reaches them through the
//! per-feature `macro_rules!` in `__private`; this module holds what they share.

#[cfg(feature = "actix-web")]
pub mod actix;
#[cfg(feature = "axum")]
pub mod axum;
#[cfg(feature = "tonic")]
pub mod tonic;

#[cfg(any(feature = "axum", feature = "actix-web", feature = "tonic"))]
pub(crate) use log::log_server_error;

#[cfg(any(feature = "axum", feature = "actix-web", feature = "tonic"))]
mod log {
    use std::fmt;

    use crate::api_error::ApiError;
    use crate::render::RenderContext;

    /// Logs a 5xx with its `Display` and full `source()` chain: what the body never carries.
    pub(crate) fn log_server_error(error: &dyn ApiError, ctx: &RenderContext<'_>) {
        tracing::error!(
            target: "errspec",
            status = error.status().as_u16(),
            code = error.code(),
            request_id = ctx.request_id,
            instance = ctx.instance,
            error = %error,
            sources = %SourceChain(error),
            "server error answered",
        );
    }

    /// `source()` messages of an error, outermost first, joined by `: `.
    struct SourceChain<'a>(&'a dyn ApiError);

    impl fmt::Display for SourceChain<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let mut next = self.0.source();
            let mut first = true;
            while let Some(source) = next {
                if !first {
                    f.write_str(": ")?;
                }
                first = false;
                write!(f, "{source}")?;
                next = source.source();
            }
            Ok(())
        }
    }
}
