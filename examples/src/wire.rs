//! Prints responses the way they travel: status line, headers, body.

use errspec::docs::Example;
use errspec::{ApiError, RenderContext};

/// The response of `error` in `ctx` as HTTP text, followed by its retry guidance.
pub fn describe(error: &dyn ApiError, ctx: &RenderContext<'_>) -> String {
    let response = error.to_response_with(ctx);
    let spec = error.spec();
    format!(
        "{}\n-- code {} | retry: {} | action: {}\n",
        Example::capture(spec.code, &response, spec.headers).http_text(),
        error.code(),
        error.retry(),
        error.action().describe()
    )
}

/// Prints every error, each with its own request id, the way the example binaries show an API.
pub fn print_all<'a>(errors: impl IntoIterator<Item = &'a dyn ApiError>, instance: Option<&str>) {
    for (n, error) in errors.into_iter().enumerate() {
        let request_id = format!("req_{n:04}");
        let mut ctx = RenderContext::new().with_request_id(&request_id);
        ctx.instance = instance;
        println!("=== {error:?}\n(Display, logged only: {error})");
        println!("{}", describe(error, &ctx));
    }
}
