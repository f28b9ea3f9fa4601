//! axum integration (feature `axum`): one error format for everything a service answers.
//!
//! ```no_run
//! use axum::{Router, routing::post};
//! use errspec::{ApiError, envelope::Problem};
//! use errspec::axum::{ErrorLayer, Json};
//!
//! #[derive(Debug, thiserror::Error, ApiError)]
//! enum ScanError {
//!     #[error("engine failed")]
//!     #[status(500)]
//!     Engine(#[source] std::io::Error),
//! }
//!
//! async fn scan(Json(body): Json<serde_json::Value>) -> Result<String, ScanError> {
//!     Ok(body.to_string())
//! }
//!
//! let app: Router = Router::new()
//!     .route("/scan", post(scan))
//!     .layer(ErrorLayer::<Problem>::new());
//! ```
//!
//! # How an error meets its request
//!
//! A handler returns an error by value, long before any middleware sees the response, and the
//! body must carry the request id and path. [`ErrorLayer`] therefore opens a task-local scope
//! (request id, path, the service's envelope) around the inner service, and the derived
//! `IntoResponse` reads that scope when it renders: each error is rendered once, already with
//! its [`RenderContext`], and no `Send`/`'static` bound is put on error types. Outside the layer
//! the same error renders without context. The rendered response carries a [`Rendered`]
//! extension, which tells the layer (and any middleware after it) that it is an errspec error.
//!
//! Each 5xx is logged through `tracing` (target `errspec`) with its `Display` and full
//! `source()` chain, neither of which reaches the body.
//!
//! Responses axum builds itself (an unknown route, a wrong method, a rejection of axum's own
//! extractors) have no such marker and a `text/plain` or empty body; the layer re-renders them
//! as a [`Rejection`] with the service's envelope, so a client sees one error format. The
//! [`Json`] extractor rejects with a [`Rejection`] directly, with field violations for bodies
//! that are valid JSON of the wrong shape.
//!
//! # Choosing the envelope, placing the layer
//!
//! Your errors keep the envelope their `#[api(envelope = ...)]` declares; `N` in
//! `ErrorLayer<N>` is the envelope of the framework's errors, so name the same one. Add the
//! layer with `Router::layer` (not `route_layer`) so that it also covers the unknown-route
//! fallback. An error converted into a response inside a task the handler spawned is outside
//! the scope: it renders without request id and instance (the layer still adds the
//! `X-Request-Id` header).

use std::collections::hash_map::RandomState;
use std::convert::Infallible;
use std::fmt;
use std::future::Future;
use std::hash::BuildHasher;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

use ::axum::body::Body;
use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::response::{IntoResponse, Response};
use ::bytes::Bytes;
use ::http::header::{ALLOW, CONTENT_TYPE};
use ::http::request::Parts;
use ::http::{HeaderMap, HeaderValue, StatusCode};
use ::serde::Serialize;
use ::serde::de::DeserializeOwned;

use crate::api_error::{ApiError, Catalog};
use crate::envelope::{Envelope, Problem};
use crate::render::{RenderContext, X_REQUEST_ID, render};
use crate::violation::{Segment, Violation};

/// Bytes of an axum `text/plain` rejection read to become a [`Rejection`]'s message.
const REJECTION_TEXT_LIMIT: usize = 4096;
/// The longest `X-Request-Id` taken from a request; longer ones are replaced.
const REQUEST_ID_MAX_LEN: usize = 128;

/// What the layer knows about the request being answered.
#[derive(Clone)]
struct Scope {
    request_id: Arc<str>,
    instance: Arc<str>,
    /// `render::<N, dyn ApiError>` for the service's envelope `N`.
    render_framework: fn(&dyn ApiError, &RenderContext<'_>) -> http::Response<Vec<u8>>,
}

impl Scope {
    fn context(&self) -> RenderContext<'_> {
        RenderContext::new()
            .with_request_id(&self.request_id)
            .with_instance(&self.instance)
    }
}

tokio::task_local! {
    static SCOPE: Scope;
}

fn render_dyn<N: Envelope>(error: &dyn ApiError, ctx: &RenderContext<'_>) -> http::Response<Vec<u8>> {
    render::<N, _>(error, ctx)
}

/// Marks a response rendered from an errspec error, with the code it carries (for metrics or
/// access logs in later middleware).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// The error's machine code.
    pub code: &'static str,
}

/// The derived `IntoResponse`: renders with the layer's context when there is one, logs a 5xx.
#[doc(hidden)]
pub fn respond<E: ApiError>(error: &E) -> Response {
    let error: &dyn ApiError = error;
    SCOPE
        .try_with(|scope| respond_in(error, Some(scope)))
        .unwrap_or_else(|_| respond_in(error, None))
}

fn respond_in(error: &dyn ApiError, scope: Option<&Scope>) -> Response {
    let ctx = scope.map(Scope::context).unwrap_or_default();
    let response = match scope {
        Some(scope) if Rejection::owns(error) => (scope.render_framework)(error, &ctx),
        _ => error.to_response_with(&ctx),
    };
    if error.status().is_server_error() {
        super::log_server_error(error, &ctx);
    }
    finish_rendered(response, error.code())
}

fn finish_rendered(response: http::Response<Vec<u8>>, code: &'static str) -> Response {
    let mut response = response.map(Body::from);
    response.extensions_mut().insert(Rendered { code });
    response
}

/// The request id of the request being answered: the client's `X-Request-Id` when it is a
/// short token, else one generated by [`ErrorLayer`]. Extract it in a handler, or read it from
/// the request extensions.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The id as sent in `X-Request-Id`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The client's id if it is 1 to 128 characters of `A-Z a-z 0-9 - _ . : / + =`, else a
    /// fresh one: a random per-process prefix and a counter, 24 hex digits.
    fn from_headers(headers: &HeaderMap) -> RequestId {
        let sent = headers
            .get(X_REQUEST_ID)
            .and_then(|value| value.to_str().ok())
            .filter(|id| is_acceptable_id(id));
        RequestId(sent.map_or_else(generate_id, Arc::from))
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for RequestId {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(match parts.extensions.get::<RequestId>() {
            Some(id) => id.clone(),
            None => RequestId::from_headers(&parts.headers),
        })
    }
}

fn is_acceptable_id(id: &str) -> bool {
    (1..=REQUEST_ID_MAX_LEN).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/+=".contains(&b))
}

fn generate_id() -> Arc<str> {
    static PREFIX: OnceLock<u64> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // `RandomState` is seeded from the OS: enough to keep ids of two processes apart.
    let prefix = *PREFIX.get_or_init(|| RandomState::new().hash_one(std::process::id()));
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    Arc::from(format!("{prefix:016x}{:08x}", count & 0xffff_ffff))
}

/// A tower layer giving every response of a service its request id, and every error response
/// its request id, instance and the envelope `N`. See the [module docs](self).
pub struct ErrorLayer<N = Problem> {
    envelope: PhantomData<fn() -> N>,
}

impl<N: Envelope> ErrorLayer<N> {
    /// A layer rendering framework errors with envelope `N`.
    pub const fn new() -> Self {
        ErrorLayer {
            envelope: PhantomData,
        }
    }
}

impl<N: Envelope> Default for ErrorLayer<N> {
    fn default() -> Self {
        ErrorLayer::new()
    }
}

impl<N> Clone for ErrorLayer<N> {
    fn clone(&self) -> Self {
        ErrorLayer {
            envelope: PhantomData,
        }
    }
}

impl<N: Envelope> fmt::Debug for ErrorLayer<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorLayer").field("envelope", &N::NAME).finish()
    }
}

impl<S, N: Envelope> tower_layer::Layer<S> for ErrorLayer<N> {
    type Service = ErrorService<S, N>;

    fn layer(&self, inner: S) -> Self::Service {
        ErrorService {
            inner,
            envelope: PhantomData,
        }
    }
}

/// The service [`ErrorLayer`] wraps around an inner service.
pub struct ErrorService<S, N = Problem> {
    inner: S,
    envelope: PhantomData<fn() -> N>,
}

impl<S: Clone, N> Clone for ErrorService<S, N> {
    fn clone(&self) -> Self {
        ErrorService {
            inner: self.inner.clone(),
            envelope: PhantomData,
        }
    }
}

impl<S: fmt::Debug, N: Envelope> fmt::Debug for ErrorService<S, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ErrorService")
            .field("inner", &self.inner)
            .field("envelope", &N::NAME)
            .finish()
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

impl<S, N, B> tower_service::Service<http::Request<B>> for ErrorService<S, N>
where
    S: tower_service::Service<http::Request<B>, Response = Response>,
    S::Future: Send + 'static,
    S::Error: 'static,
    N: Envelope + 'static,
{
    type Response = Response;
    type Error = S::Error;
    type Future = BoxFuture<Result<Response, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: http::Request<B>) -> Self::Future {
        let request_id = RequestId::from_headers(request.headers());
        let scope = Scope {
            request_id: request_id.0.clone(),
            instance: Arc::from(request.uri().path()),
            render_framework: render_dyn::<N>,
        };
        request.extensions_mut().insert(request_id);
        // Routing may answer while `call` runs, so the scope covers it as well as the future.
        let future = SCOPE.sync_scope(scope.clone(), || self.inner.call(request));
        Box::pin(async move {
            let response = SCOPE.scope(scope.clone(), future).await?;
            Ok(finish::<N>(response, &scope).await)
        })
    }
}

/// Puts a bare framework error into the envelope and the request id on every response.
async fn finish<N: Envelope>(response: Response, scope: &Scope) -> Response {
    let mut response = if is_bare_error(&response) {
        reshape::<N>(response, scope).await
    } else {
        response
    };
    if !response.headers().contains_key(X_REQUEST_ID) {
        if let Ok(value) = HeaderValue::from_str(&scope.request_id) {
            response.headers_mut().insert(X_REQUEST_ID, value);
        }
    }
    response
}

/// An error response that no errspec type rendered and whose body is empty or plain text:
/// axum's fallbacks and rejections, a bare `StatusCode`. JSON bodies are left alone.
fn is_bare_error(response: &Response) -> bool {
    let status = response.status();
    (status.is_client_error() || status.is_server_error())
        && response.extensions().get::<Rendered>().is_none()
        && response
            .headers()
            .get(CONTENT_TYPE)
            .is_none_or(|value| value.as_bytes().starts_with(b"text/plain"))
}

async fn reshape<N: Envelope>(response: Response, scope: &Scope) -> Response {
    let status = response.status();
    let rejection = match status {
        StatusCode::BAD_REQUEST => Rejection::BadRequest {
            reason: rejection_text(response).await,
        },
        StatusCode::NOT_FOUND => Rejection::RouteNotFound,
        StatusCode::METHOD_NOT_ALLOWED => Rejection::MethodNotAllowed {
            allow: response
                .headers()
                .get(ALLOW)
                .and_then(|value| value.to_str().ok())
                .unwrap_or_default()
                .to_owned(),
        },
        StatusCode::REQUEST_TIMEOUT => Rejection::RequestTimeout,
        StatusCode::PAYLOAD_TOO_LARGE => Rejection::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Rejection::UnsupportedMediaType {
            reason: rejection_text(response).await,
        },
        StatusCode::UNPROCESSABLE_ENTITY => Rejection::ValidationFailed {
            reason: rejection_text(response).await,
            violations: Vec::new(),
        },
        StatusCode::INTERNAL_SERVER_ERROR => Rejection::Internal,
        StatusCode::SERVICE_UNAVAILABLE => Rejection::ServiceUnavailable,
        // A status the framework does not produce: the inner service chose it, keep it.
        _ => return response,
    };
    let ctx = scope.context();
    if status.is_server_error() {
        super::log_server_error(&rejection, &ctx);
    }
    let mut response = render::<N, _>(&rejection, &ctx);
    if response.headers().get(ALLOW).is_some_and(HeaderValue::is_empty) {
        // Under `Router::layer` axum adds `Allow` after this layer, unless it is already set.
        response.headers_mut().remove(ALLOW);
    }
    finish_rendered(response, rejection.code())
}

/// The text of a plain-text rejection (at most 4 KiB), else the status's reason phrase.
async fn rejection_text(response: Response) -> String {
    let status = response.status();
    let text = ::axum::body::to_bytes(response.into_body(), REJECTION_TEXT_LIMIT)
        .await
        .unwrap_or_default();
    match String::from_utf8_lossy(&text).trim() {
        "" => status.canonical_reason().unwrap_or("Bad Request").to_owned(),
        text => text.to_owned(),
    }
}

/// The errors the framework answers before or around a handler, rendered with the service's
/// envelope by [`ErrorLayer`] (and with [`Problem`] outside it).
#[derive(Debug, crate::ApiError)]
#[api(crate = crate)]
#[non_exhaustive]
pub enum Rejection {
    /// The request is malformed.
    #[status(400, code = "BAD_REQUEST", message = "{reason}")]
    BadRequest {
        /// What is wrong with it.
        reason: String,
    },
    /// The body is not syntactically valid JSON.
    #[status(400, code = "MALFORMED_JSON", message = "{reason}")]
    MalformedJson {
        /// The parser's complaint, with line and column.
        reason: String,
    },
    /// No route matches the request path.
    #[status(404, code = "ROUTE_NOT_FOUND", message = "No route matches this path")]
    RouteNotFound,
    /// The path exists, but not for this method.
    #[status(405, code = "METHOD_NOT_ALLOWED", message = "Method not allowed on this path")]
    MethodNotAllowed {
        /// The methods the path accepts.
        #[api(header = "Allow")]
        allow: String,
    },
    /// The request took too long to arrive.
    #[status(408, code = "REQUEST_TIMEOUT", message = "Request timed out")]
    RequestTimeout,
    /// The body is over the size limit.
    #[status(413, code = "PAYLOAD_TOO_LARGE", message = "Request body is too large")]
    PayloadTooLarge,
    /// The body's `Content-Type` is not one the endpoint reads.
    #[status(415, code = "UNSUPPORTED_MEDIA_TYPE", message = "{reason}")]
    UnsupportedMediaType {
        /// Which content type was expected.
        reason: String,
    },
    /// The body is valid JSON of the wrong shape: missing fields, wrong types.
    #[status(422, code = "VALIDATION_FAILED", message = "{reason}")]
    ValidationFailed {
        /// A summary naming the first violation.
        reason: String,
        /// One entry per invalid field.
        #[api(violations)]
        violations: Vec<Violation>,
    },
    /// A framework failure (a missing extension, a handler that answered a bare 500).
    #[status(500, code = "INTERNAL_ERROR")]
    Internal,
    /// The service sheds load.
    #[status(503, code = "SERVICE_UNAVAILABLE")]
    ServiceUnavailable,
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.public_message())
    }
}

impl std::error::Error for Rejection {}

impl Rejection {
    /// Whether `error` is a `Rejection` (its spec is one of this type's table).
    fn owns(error: &dyn ApiError) -> bool {
        let spec: *const _ = error.spec();
        Rejection::specs().as_ptr_range().contains(&spec)
    }

    fn unsupported_media_type() -> Rejection {
        Rejection::UnsupportedMediaType {
            reason: "Expected request with `Content-Type: application/json`".to_owned(),
        }
    }

    /// Classifies a JSON body error: syntax errors are 400, shape errors 422 with the field.
    fn from_json(error: &serde_path_to_error::Error<serde_json::Error>) -> Rejection {
        let inner = error.inner();
        if !inner.is_data() {
            return Rejection::MalformedJson {
                reason: format!("Malformed JSON: {inner}"),
            };
        }
        let mut path: Vec<Segment> = error
            .path()
            .iter()
            .filter_map(|segment| match segment {
                serde_path_to_error::Segment::Seq { index } => Some(Segment::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Segment::from(key.clone())),
                serde_path_to_error::Segment::Enum { variant } => Some(Segment::from(variant.clone())),
                serde_path_to_error::Segment::Unknown => None,
            })
            .collect();
        let full = inner.to_string();
        let position = format!(" at line {} column {}", inner.line(), inner.column());
        let message = full.strip_suffix(&position).unwrap_or(&full);
        let (message, kind) = match missing_field(message) {
            Some(field) => {
                path.push(Segment::from(field.to_owned()));
                ("field required".to_owned(), "missing")
            }
            None => (message.to_owned(), json_error_kind(message)),
        };
        let violation = Violation::body(path, message).with_kind(kind);
        let reason = match violation.dotted() {
            field if field.is_empty() => format!("Invalid request body: {}", violation.message),
            field => format!("Invalid request body: `{field}`: {}", violation.message),
        };
        Rejection::ValidationFailed {
            reason,
            violations: vec![violation],
        }
    }

    fn from_bytes_rejection(rejection: &::axum::extract::rejection::BytesRejection) -> Rejection {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Rejection::PayloadTooLarge
        } else {
            Rejection::BadRequest {
                reason: rejection.body_text(),
            }
        }
    }
}

/// The field named by serde's `missing field `name`` message.
fn missing_field(message: &str) -> Option<&str> {
    message.strip_prefix("missing field `")?.strip_suffix('`')
}

/// A machine-readable kind for serde's data errors (FastAPI `type`).
fn json_error_kind(message: &str) -> &'static str {
    const KINDS: [(&str, &str); 5] = [
        ("invalid type", "type_error"),
        ("invalid value", "value_error"),
        ("invalid length", "length_error"),
        ("unknown field", "extra_forbidden"),
        ("unknown variant", "enum_error"),
    ];
    KINDS
        .iter()
        .find(|(prefix, _)| message.starts_with(prefix))
        .map_or("value_error", |(_, kind)| kind)
}

/// A JSON body extractor and response, like `axum::Json`, whose rejections are [`Rejection`]s:
/// 415 without a JSON content type, 400 for malformed JSON, 422 with a field violation for a
/// body of the wrong shape, 413 over the body limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned> Json<T> {
    /// Deserializes a body, reporting the path of a shape error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, Rejection> {
        let mut deserializer = serde_json::Deserializer::from_slice(bytes);
        let value = serde_path_to_error::deserialize(&mut deserializer)
            .map_err(|error| Rejection::from_json(&error))?;
        deserializer.end().map_err(|error| Rejection::MalformedJson {
            reason: format!("Malformed JSON: {error}"),
        })?;
        Ok(Json(value))
    }
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = Rejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Rejection> {
        if !is_json_content_type(request.headers()) {
            return Err(Rejection::unsupported_media_type());
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| Rejection::from_bytes_rejection(&rejection))?;
        Json::from_bytes(&bytes)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match serde_json::to_vec(&self.0) {
            Ok(body) => (
                [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                body,
            )
                .into_response(),
            Err(error) => {
                tracing::error!(target: "errspec", %error, "response body failed to serialize");
                Rejection::Internal.into_response()
            }
        }
    }
}

/// `application/json` or `application/<anything>+json`, parameters ignored.
fn is_json_content_type(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    let Some((kind, subtype)) = essence.split_once('/') else {
        return false;
    };
    kind.eq_ignore_ascii_case("application")
        && (subtype.eq_ignore_ascii_case("json") || subtype.to_ascii_lowercase().ends_with("+json"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_from_clients_are_kept_only_when_tame() {
        let mut headers = HeaderMap::new();
        headers.insert(X_REQUEST_ID, HeaderValue::from_static("req_abc-1"));
        assert_eq!(RequestId::from_headers(&headers).as_str(), "req_abc-1");

        headers.insert(X_REQUEST_ID, HeaderValue::from_static("has space"));
        let generated = RequestId::from_headers(&headers);
        assert_eq!(generated.as_str().len(), 24);
        assert!(generated.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(RequestId::from_headers(&headers), generated);

        let long = "a".repeat(REQUEST_ID_MAX_LEN + 1);
        headers.insert(X_REQUEST_ID, HeaderValue::from_str(&long).unwrap());
        assert_ne!(RequestId::from_headers(&headers).as_str(), long);
    }

    #[test]
    fn json_content_types() {
        let check = |value: &'static str| {
            let mut headers = HeaderMap::new();
            headers.insert(CONTENT_TYPE, HeaderValue::from_static(value));
            is_json_content_type(&headers)
        };
        assert!(check("application/json"));
        assert!(check("Application/JSON; charset=utf-8"));
        assert!(check("application/problem+json"));
        assert!(!check("text/json"));
        assert!(!check("application/jsonx"));
        assert!(!is_json_content_type(&HeaderMap::new()));
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Body {
        text: String,
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        weight: u32,
    }

    fn violation_of(body: &str) -> (String, Violation) {
        match Json::<Body>::from_bytes(body.as_bytes()) {
            Err(Rejection::ValidationFailed {
                reason,
                mut violations,
            }) => {
                assert_eq!(violations.len(), 1);
                (reason, violations.remove(0))
            }
            other => panic!("expected a validation failure, got {other:?}"),
        }
    }

    #[test]
    fn shape_errors_name_the_field() {
        let (reason, missing) = violation_of(r#"{"items": []}"#);
        assert_eq!(missing.dotted(), "text");
        assert_eq!(missing.kind, "missing");
        assert_eq!(reason, "Invalid request body: `text`: field required");

        let (_, wrong) = violation_of(r#"{"text": "a", "items": [{"weight": "x"}]}"#);
        assert_eq!(wrong.pointer(), "/items/0/weight");
        assert_eq!(wrong.kind, "type_error");
        assert!(
            wrong.message.starts_with("invalid type: string \"x\""),
            "{}",
            wrong.message
        );
        assert!(!wrong.message.contains("line"), "{}", wrong.message);
    }

    #[test]
    fn syntax_errors_are_malformed_json() {
        for body in ["{", "{\"text\": }", r#"{"text": "a", "items": []} trailing"#, ""] {
            let rejection = Json::<Body>::from_bytes(body.as_bytes()).unwrap_err();
            assert_eq!(rejection.code(), "MALFORMED_JSON", "{body:?}");
            assert_eq!(rejection.status(), 400);
        }
    }

    #[test]
    fn rejections_are_recognised_by_their_spec() {
        assert!(Rejection::owns(&Rejection::RouteNotFound));
        assert!(Rejection::owns(&Rejection::Internal));
    }
}
