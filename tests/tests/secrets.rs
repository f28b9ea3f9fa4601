//! A 5xx never sends its `Display`, its source chain or a field not marked for sending: checked
//! on every way out (`to_response`, `to_response_with`, `public_message`,
//! `write_public_message`, `Box<dyn ApiError>`, axum) for the default `problem` envelope.

mod support;

use std::error::Error as _;

use axum::Router;
use axum::routing::get;
use errspec::{ApiError, RenderContext};

const SECRET: &str = "hunter2-SECRET-MARKER";

/// The innermost cause: a driver error quoting the connection string.
#[derive(Debug, thiserror::Error)]
#[error("auth failed for postgres://admin:{0}@db")]
struct DriverError(String);

/// A middle layer that repeats the secret and keeps the chain going.
#[derive(Debug, thiserror::Error)]
#[error("pool could not connect with password {password}")]
struct PoolError {
    password: String,
    #[source]
    cause: DriverError,
}

#[derive(Debug, thiserror::Error, ApiError)]
enum StoreError {
    /// Display and source chain both quote the secret.
    #[error("store failed (password {SECRET}): {0}")]
    #[status(500)]
    Pool(#[source] PoolError),

    /// An unmarked field holds the secret; only `region` is marked.
    #[error("upstream {token} in {region} refused")]
    #[status(502, code = "UPSTREAM_REFUSED", retry = backoff)]
    Upstream {
        token: String,
        #[api(expose)]
        region: &'static str,
        #[api(header = "X-Upstream-Region")]
        zone: &'static str,
    },

    /// A declared message on a 5xx replaces the reason phrase, still without `Display`.
    #[error("disk {path} full")]
    #[status(507, message = "Storage is full, try later")]
    DiskFull { path: String },

    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn pool() -> StoreError {
    StoreError::Pool(PoolError {
        password: SECRET.to_owned(),
        cause: DriverError(SECRET.to_owned()),
    })
}

fn upstream() -> StoreError {
    StoreError::Upstream {
        token: SECRET.to_owned(),
        region: "eu-west-1",
        zone: "eu-west-1a",
    }
}

fn disk_full() -> StoreError {
    StoreError::DiskFull {
        path: format!("/var/{SECRET}"),
    }
}

/// The errors of this file, each with what its body must say instead.
fn server_errors() -> Vec<(StoreError, &'static str)> {
    vec![
        (pool(), "Internal Server Error"),
        (upstream(), "Bad Gateway"),
        (disk_full(), "Storage is full, try later"),
    ]
}

/// Everything a response puts on the wire, as text.
fn wire(response: &http::Response<Vec<u8>>) -> String {
    let mut text = String::new();
    for (name, value) in response.headers() {
        text.push_str(name.as_str());
        text.push_str(": ");
        text.push_str(&String::from_utf8_lossy(value.as_bytes()));
        text.push('\n');
    }
    text.push_str(&String::from_utf8_lossy(response.body()));
    text
}

#[test]
fn the_secret_is_really_there() {
    // Without this, the other tests would pass vacuously.
    let error = pool();
    assert!(error.to_string().contains(SECRET));
    let mut chain = error.source();
    let mut depth = 0;
    while let Some(cause) = chain {
        assert!(cause.to_string().contains(SECRET), "{cause}");
        depth += 1;
        chain = cause.source();
    }
    assert_eq!(depth, 2);
    assert!(upstream().to_string().contains(SECRET));
    assert!(disk_full().to_string().contains(SECRET));
    assert!(format!("{:?}", upstream()).contains(SECRET));
}

#[test]
fn to_response_and_public_message() {
    for (error, message) in server_errors() {
        assert!(error.status().is_server_error());
        assert_eq!(error.public_message(), message);
        let mut written = String::new();
        error.write_public_message(&mut written).unwrap();
        assert_eq!(written, message);

        let response = error.to_response();
        let sent = wire(&response);
        assert!(!sent.contains(SECRET), "{sent}");
        assert!(!sent.contains("postgres"), "{sent}");
        let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body["detail"], message);

        let ctx = RenderContext::new()
            .with_request_id("req_1")
            .with_instance("/store");
        let sent = wire(&error.to_response_with(&ctx));
        assert!(!sent.contains(SECRET), "{sent}");
        assert!(sent.contains("req_1"), "{sent}");
    }
}

#[test]
fn only_marked_fields_are_sent() {
    let response = upstream().to_response();
    assert_eq!(response.headers()["x-upstream-region"], "eu-west-1a");
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["region"], "eu-west-1");
    assert!(body.get("token").is_none());
    assert_eq!(
        String::from_utf8_lossy(response.body()),
        r#"{"type":"about:blank","title":"Bad Gateway","status":502,"detail":"Bad Gateway","code":"UPSTREAM_REFUSED","region":"eu-west-1"}"#
    );
}

#[test]
fn through_box_dyn_api_error() {
    for (error, message) in server_errors() {
        let boxed: Box<dyn ApiError> = Box::new(error);
        assert_eq!(boxed.public_message(), message);
        let sent = wire(&boxed.to_response());
        assert!(!sent.contains(SECRET), "{sent}");
        // The box still carries the full error for the logs.
        assert!(boxed.to_string().contains(SECRET));
    }
}

#[test]
fn a_4xx_sends_display_and_nothing_else() {
    let response = StoreError::NotFound.to_response();
    let body: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["detail"], "not found");
}

#[tokio::test]
async fn through_axum() {
    let router = Router::new()
        .route("/pool", get(|| async { Err::<(), _>(pool()) }))
        .route("/upstream", get(|| async { Err::<(), _>(upstream()) }))
        .route("/disk", get(|| async { Err::<(), _>(disk_full()) }));
    let base = support::serve(router).await;
    for (path, status, message) in [
        ("/pool", 500, "Internal Server Error"),
        ("/upstream", 502, "Bad Gateway"),
        ("/disk", 507, "Storage is full, try later"),
    ] {
        let reply = support::get(&base, path).await;
        assert_eq!(reply.status, status);
        assert_eq!(reply.header("content-type"), Some("application/problem+json"));
        assert_eq!(reply.json()["detail"], message);
        assert!(!reply.body.contains(SECRET), "{}", reply.body);
        for (name, value) in &reply.headers {
            let value = String::from_utf8_lossy(value.as_bytes());
            assert!(!value.contains(SECRET), "{name}: {value}");
        }
    }
}
