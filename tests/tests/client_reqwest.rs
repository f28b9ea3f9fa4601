//! `RemoteError::from_response` against a real HTTP server on 127.0.0.1.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use errspec::client::{ErrorClass, MAX_BODY_BYTES, RemoteError, error_for_status};
use errspec::{ApiError, Violation};

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = nested)]
enum ScanError {
    #[error("Validation failed")]
    #[status(422, code = "VALIDATION_ERROR")]
    Validation {
        #[api(violations)]
        fields: Vec<Violation>,
    },
    #[error("Rate limit exceeded: {limit} requests per minute")]
    #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
    RateLimited {
        limit: u32,
        #[api(retry_after)]
        retry_after: Duration,
        #[api(header = "X-RateLimit-Remaining")]
        remaining: u32,
    },
}

async fn serve() -> String {
    let app = Router::new()
        .route(
            "/validation",
            get(|| async {
                ScanError::Validation {
                    fields: vec![Violation::field("response", "response is required")],
                }
            }),
        )
        .route(
            "/limited",
            get(|| async {
                ScanError::RateLimited {
                    limit: 1000,
                    retry_after: Duration::from_secs(60),
                    remaining: 0,
                }
            }),
        )
        .route(
            "/proxy",
            get(|| async {
                (
                    http::StatusCode::BAD_GATEWAY,
                    [("content-type", "text/html")],
                    "<html><head><title>502 Bad Gateway</title></head></html>",
                )
            }),
        )
        .route(
            "/huge",
            get(|| async {
                (
                    http::StatusCode::INTERNAL_SERVER_ERROR,
                    "z".repeat(MAX_BODY_BYTES * 3),
                )
            }),
        )
        .route("/ok", get(|| async { "fine" }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

#[tokio::test]
async fn decodes_responses_from_a_live_server() {
    let base = serve().await;
    let client = reqwest::Client::builder()
        .no_proxy() // 127.0.0.1 only, whatever the environment's proxy settings
        .build()
        .expect("a client without TLS or proxies builds");
    let fetch = |path: &str| {
        client
            .get(format!("{base}{path}"))
            .timeout(Duration::from_secs(10))
            .send()
    };

    let error = RemoteError::<ScanErrorKind>::from_response(fetch("/validation").await.unwrap()).await;
    assert_eq!(error.kind(), Some(ScanErrorKind::Validation));
    assert_eq!(error.envelope(), Some("nested"));
    assert_eq!(error.violations()[0].dotted(), "response");

    let error = RemoteError::<ScanErrorKind>::from_response(fetch("/limited").await.unwrap()).await;
    assert_eq!(error.kind(), Some(ScanErrorKind::RateLimited));
    assert_eq!(error.retry_after(), Some(Duration::from_secs(60)));
    assert_eq!(error.rate_limit().remaining, Some(0));
    assert_eq!(
        error.message(),
        Some("Rate limit exceeded: 1000 requests per minute")
    );

    let error = error_for_status::<ScanErrorKind>(fetch("/proxy").await.unwrap())
        .await
        .unwrap_err();
    assert_eq!(
        (error.class(), error.message()),
        (ErrorClass::Unavailable, Some("502 Bad Gateway"))
    );

    let error: RemoteError = RemoteError::from_response(fetch("/huge").await.unwrap()).await;
    assert!(error.body_truncated());
    assert_eq!(error.message().map(str::len), Some(200));

    let ok = error_for_status::<ScanErrorKind>(fetch("/ok").await.unwrap())
        .await
        .unwrap();
    assert_eq!(ok.text().await.unwrap(), "fine");
}

/// A server that promises 500 bytes of JSON, sends 15 and hangs up.
#[tokio::test]
async fn a_body_cut_by_the_network_is_flagged_not_fatal() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 1024];
        let _ = socket.read(&mut request).await.unwrap();
        socket
            .write_all(b"HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: 500\r\nx-request-id: req_cut\r\n\r\n{\"detail\": \"cu")
            .await
            .unwrap();
        socket.shutdown().await.unwrap();
    });
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client
        .get(format!("http://{address}/"))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    let error: RemoteError = RemoteError::from_response(response).await;
    assert_eq!(error.status(), http::StatusCode::INTERNAL_SERVER_ERROR);
    assert!(error.body_truncated());
    assert_eq!((error.envelope(), error.message()), (None, None));
    assert_eq!(error.request_id(), Some("req_cut"));
    assert_eq!(error.to_string(), "500 Internal Server Error (request req_cut)");
}
