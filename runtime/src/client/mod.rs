//! The client side: decode any error response into a [`RemoteError`], then let a
//! [`RetryPolicy`] decide whether and when to send the request again.
//!
//! ```
//! use errspec::client::{Decision, Reason, RemoteError, RequestFacts, RetryPolicy};
//! use http::{HeaderMap, Method, StatusCode};
//! use std::time::Duration;
//!
//! let mut headers = HeaderMap::new();
//! headers.insert("content-type", "application/json".parse().unwrap());
//! headers.insert("retry-after", "60".parse().unwrap());
//! let body = br#"{"error":{"code":"RATE_LIMIT_EXCEEDED","message":"Rate limit exceeded","statusCode":429,"requestId":"req_ghi789"}}"#;
//! let error: RemoteError = RemoteError::from_parts(StatusCode::TOO_MANY_REQUESTS, &headers, body);
//! assert_eq!(error.code(), Some("RATE_LIMIT_EXCEEDED"));
//! assert_eq!(error.request_id(), Some("req_ghi789"));
//!
//! let policy = RetryPolicy::new();
//! let post = RequestFacts::new(Method::POST);
//! assert_eq!(policy.decide(&error, 0, &post), Decision::Retry(Duration::from_secs(60)));
//! let strict = RetryPolicy::new().with_max_wait(Duration::from_secs(30));
//! assert!(matches!(strict.decide(&error, 0, &post), Decision::Stop(Reason::WaitTooLong { .. })));
//! ```

mod budget;
mod headers;
mod policy;
mod remote;
mod rng;

pub use budget::RetryBudget;
pub use headers::{
    EPOCH_MILLIS_FROM, EPOCH_SECONDS_FROM, RateLimit, RetryHints, parse_count, parse_ratelimit, parse_reset,
    parse_retry_after,
};
pub use policy::{Decision, Reason, RequestFacts, RetryPolicy};
pub use remote::{ErrorClass, MAX_BODY_BYTES, RemoteError, Untyped};

#[cfg(feature = "reqwest")]
mod reqwest;
#[cfg(feature = "tower")]
mod tower;

#[cfg(feature = "reqwest")]
pub use self::reqwest::error_for_status;
#[cfg(feature = "tower")]
pub use self::tower::TowerRetry;
