//! The `axum` feature for real: a router served on 127.0.0.1 whose handlers return
//! `Result<_, DerivedError>`, driven by an HTTP client.

mod support;

use std::time::Duration;

use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use errspec::{ApiError, Violation};

/// Errors of the widget API.
#[derive(Debug, thiserror::Error, ApiError)]
#[api(docs_url = "https://docs.example.com/errors#{code}")]
enum WidgetError {
    #[error("widget {0} not found")]
    #[status(404, code = "WIDGET_NOT_FOUND")]
    NotFound(u32),

    #[error("Rate limit exceeded: {limit} requests per minute")]
    #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
    RateLimited {
        #[api(expose)]
        limit: u32,
        #[api(retry_after)]
        retry_after: Duration,
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
    },

    #[error("Validation failed")]
    #[status(422)]
    Invalid {
        #[api(violations)]
        fields: Vec<Violation>,
    },

    #[error("database said: {0}")]
    #[status(500, code = "INTERNAL_ERROR", message = "Unexpected server error")]
    Internal(#[source] std::io::Error),

    #[error("widget {0} belongs to another organization")]
    #[status(403, conceal_as = Hidden)]
    OtherTenant(u32),

    #[error("Resource not found")]
    #[status(404, code = "RESOURCE_NOT_FOUND")]
    Hidden,
}

async fn widget(Path(id): Path<u32>) -> Result<String, WidgetError> {
    match id {
        1 => Ok("widget 1".to_owned()),
        2 => Err(WidgetError::RateLimited {
            limit: 1000,
            retry_after: Duration::from_secs(60),
            reset: 1_678_886_460,
        }),
        3 => Err(WidgetError::Invalid {
            fields: vec![Violation::field("color", "must be a color")],
        }),
        4 => Err(WidgetError::Internal(std::io::Error::other("connection refused"))),
        5 => Err(WidgetError::OtherTenant(5)),
        id => Err(WidgetError::NotFound(id)),
    }
}

async fn base() -> String {
    support::serve(Router::new().route("/widgets/{id}", get(widget))).await
}

#[tokio::test]
async fn success_passes_through() {
    let reply = support::get(&base().await, "/widgets/1").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "widget 1");
}

#[tokio::test]
async fn not_found() {
    let reply = support::get(&base().await, "/widgets/77").await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    assert_eq!(reply.header("retry-after"), None);
    assert_eq!(
        reply.json(),
        serde_json::json!({
            "type": "https://docs.example.com/errors#WIDGET_NOT_FOUND",
            "title": "Not Found",
            "status": 404,
            "detail": "widget 77 not found",
            "code": "WIDGET_NOT_FOUND",
        })
    );
}

#[tokio::test]
async fn rate_limited_sends_its_headers() {
    let reply = support::get(&base().await, "/widgets/2").await;
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    assert_eq!(reply.header("retry-after"), Some("60"));
    assert_eq!(reply.header("x-ratelimit-reset"), Some("1678886460"));
    assert_eq!(
        reply.body,
        r#"{"type":"https://docs.example.com/errors#RATE_LIMIT_EXCEEDED","title":"Too Many Requests","status":429,"detail":"Rate limit exceeded: 1000 requests per minute","code":"RATE_LIMIT_EXCEEDED","limit":1000}"#
    );
}

#[tokio::test]
async fn violations() {
    let reply = support::get(&base().await, "/widgets/3").await;
    assert_eq!(reply.status, 422);
    let body = reply.json();
    assert_eq!(body["code"], "INVALID");
    assert_eq!(body["detail"], "Validation failed");
    assert_eq!(body["errors"][0]["detail"], "must be a color");
    assert!(
        body["errors"][0]["pointer"]
            .as_str()
            .is_some_and(|p| p.starts_with("#/") && p.ends_with("/color")),
        "{body}"
    );
}

#[tokio::test]
async fn server_error_hides_its_cause() {
    let reply = support::get(&base().await, "/widgets/4").await;
    assert_eq!(reply.status, 500);
    assert_eq!(reply.header("content-type"), Some("application/problem+json"));
    let body = reply.json();
    assert_eq!(body["code"], "INTERNAL_ERROR");
    assert_eq!(body["detail"], "Unexpected server error");
    assert!(!reply.body.contains("connection refused"));
    assert!(!reply.body.contains("database"));
}

#[tokio::test]
async fn concealed_is_the_target_on_the_wire() {
    let base = base().await;
    let (concealed, plain) = (
        support::get(&base, "/widgets/5").await,
        WidgetError::Hidden.to_response(),
    );
    assert_eq!(concealed.status, 404);
    assert_eq!(concealed.body.as_bytes(), plain.body().as_slice());
    assert_eq!(
        concealed.header("content-type"),
        plain.headers()["content-type"].to_str().ok()
    );
    assert!(!concealed.body.contains("organization"));
}
