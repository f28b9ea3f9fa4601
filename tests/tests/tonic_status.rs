//! `From<E> for tonic::Status`: the gRPC code of the spec, the public message (never
//! `Display` on a 5xx), and the machine code, wait and declared headers as metadata.

use std::time::Duration;

use errspec::ApiError;
use tonic::{Code, Status};

#[derive(Debug, thiserror::Error, ApiError)]
enum ScanError {
    #[error("Invalid classifier: {name}")]
    #[status(400, code = "INVALID_CLASSIFIER")]
    InvalidClassifier { name: String },

    #[error("token expired")]
    #[status(401)]
    Unauthorized,

    #[error("Rate limit exceeded")]
    #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
    RateLimited {
        #[api(retry_after)]
        retry_after: Duration,
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
    },

    #[error("engine crashed on tenant acme")]
    #[status(500, code = "ENGINE_FAILURE")]
    Engine(#[source] std::io::Error),

    #[error("profiles service down")]
    #[status(502, message = "Upstream classification service unavailable")]
    Upstream,

    #[error("resource belongs to another tenant")]
    #[status(403, conceal_as = NotFound)]
    OtherTenant,

    #[error("Resource not found")]
    #[status(404, code = "RESOURCE_NOT_FOUND")]
    NotFound,

    #[error("busy")]
    #[status(409, grpc = ALREADY_EXISTS)]
    Duplicate,
}

fn metadata(status: &Status, key: &str) -> Option<String> {
    status.metadata().get(key).map(|v| v.to_str().unwrap().to_owned())
}

#[test]
fn codes_follow_the_spec() {
    let cases = [
        (
            ScanError::InvalidClassifier { name: "pii".into() },
            Code::InvalidArgument,
        ),
        (ScanError::Unauthorized, Code::Unauthenticated),
        (
            ScanError::RateLimited {
                retry_after: Duration::from_secs(30),
                reset: 9,
            },
            Code::ResourceExhausted,
        ),
        (ScanError::Engine(std::io::Error::other("x")), Code::Internal),
        (ScanError::Upstream, Code::Unavailable),
        (ScanError::NotFound, Code::NotFound),
        (ScanError::OtherTenant, Code::NotFound),
        (ScanError::Duplicate, Code::AlreadyExists),
    ];
    for (error, code) in cases {
        let expected_code = error.code();
        let status = Status::from(error);
        assert_eq!(status.code(), code, "{expected_code}");
        assert_eq!(metadata(&status, "x-error-code").as_deref(), Some(expected_code));
    }
}

#[test]
fn messages_are_public_messages() {
    let status = Status::from(ScanError::InvalidClassifier { name: "pii".into() });
    assert_eq!(status.message(), "Invalid classifier: pii");

    let status = Status::from(ScanError::Engine(std::io::Error::other("password=hunter2")));
    assert_eq!(status.message(), "Internal Server Error");

    let status = Status::from(ScanError::Upstream);
    assert_eq!(status.message(), "Upstream classification service unavailable");

    let concealed = Status::from(ScanError::OtherTenant);
    assert_eq!(concealed.message(), "Resource not found");
    assert_eq!(
        metadata(&concealed, "x-error-code").as_deref(),
        Some("RESOURCE_NOT_FOUND")
    );
}

#[test]
fn waits_and_headers_travel_as_metadata() {
    let status = Status::from(ScanError::RateLimited {
        retry_after: Duration::from_millis(2500),
        reset: 1_678_886_460,
    });
    assert_eq!(metadata(&status, "retry-after").as_deref(), Some("3"));
    assert_eq!(
        metadata(&status, "x-ratelimit-reset").as_deref(),
        Some("1678886460")
    );
    assert_eq!(metadata(&Status::from(ScanError::NotFound), "retry-after"), None);
}

#[test]
fn the_status_reaches_the_grpc_trailers() {
    let response = Status::from(ScanError::Unauthorized).into_http::<()>();
    assert_eq!(response.headers()["grpc-status"], "16");
    assert_eq!(response.headers()["grpc-message"], "token%20expired");
    assert_eq!(response.headers()["x-error-code"], "UNAUTHORIZED");
}
