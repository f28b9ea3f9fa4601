//! `TowerRetry`: a tower service failing twice with 503, under tokio's paused clock.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use errspec::Jitter;
use errspec::client::{RemoteError, RetryBudget, RetryPolicy, TowerRetry, Untyped};
use http::{HeaderMap, Request, Response, StatusCode};
use tokio::time::Instant;
use tower::{Layer, Service, ServiceBuilder, ServiceExt};

/// When each call reached the service, on the paused clock.
type CallLog = Arc<Mutex<Vec<Instant>>>;

/// A service that answers 503 (with `headers`) `failures` times, then 200, and records the
/// paused clock's time of every call.
fn flaky(
    failures: u32,
    headers: HeaderMap,
) -> (
    impl Service<Request<()>, Response = Response<&'static str>, Error = RemoteError, Future: Send> + Clone,
    CallLog,
) {
    let calls = Arc::new(Mutex::new(Vec::new()));
    let count = Arc::new(AtomicU32::new(0));
    let log = Arc::clone(&calls);
    let service = tower::service_fn(move |_request: Request<()>| {
        log.lock().unwrap().push(Instant::now());
        let n = count.fetch_add(1, Ordering::SeqCst);
        let headers = headers.clone();
        async move {
            if n < failures {
                Err(RemoteError::<Untyped>::from_parts(
                    StatusCode::SERVICE_UNAVAILABLE,
                    &headers,
                    b"<html><title>503 Service Temporarily Unavailable</title></html>",
                ))
            } else {
                Ok(Response::new("ok"))
            }
        }
    });
    (service, calls)
}

fn gaps(calls: &[Instant]) -> Vec<Duration> {
    calls.windows(2).map(|pair| pair[1] - pair[0]).collect()
}

fn exact_policy() -> Arc<RetryPolicy> {
    Arc::new(RetryPolicy::new().with_jitter(Jitter::None))
}

#[tokio::test(start_paused = true)]
async fn retries_twice_with_backoff_then_succeeds() {
    let (inner, calls) = flaky(2, HeaderMap::new());
    let mut service = ServiceBuilder::new()
        .layer(TowerRetry::<Untyped>::layer(exact_policy()))
        .service(inner);
    let start = Instant::now();
    let response = service
        .ready()
        .await
        .unwrap()
        .call(Request::get("/scan").body(()).unwrap())
        .await;
    assert_eq!(response.unwrap().into_body(), "ok");
    let calls = calls.lock().unwrap();
    assert_eq!(calls.len(), 3);
    assert_eq!(gaps(&calls), [Duration::from_secs(1), Duration::from_secs(2)]);
    assert_eq!(start.elapsed(), Duration::from_secs(3));
}

#[tokio::test(start_paused = true)]
async fn honours_retry_after_on_503() {
    let mut headers = HeaderMap::new();
    headers.insert("retry-after", "5".parse().unwrap());
    let (inner, calls) = flaky(2, headers);
    let mut service = TowerRetry::<Untyped>::layer(exact_policy()).layer(inner);
    let response = service
        .ready()
        .await
        .unwrap()
        .call(Request::get("/scan").body(()).unwrap())
        .await;
    assert!(response.is_ok());
    assert_eq!(
        gaps(&calls.lock().unwrap()),
        [Duration::from_secs(5), Duration::from_secs(5)]
    );
}

#[tokio::test(start_paused = true)]
async fn gives_up_on_a_post_without_idempotency_key_and_returns_the_error() {
    let (inner, calls) = flaky(2, HeaderMap::new());
    let mut service = TowerRetry::<Untyped>::layer(exact_policy()).layer(inner.clone());
    let error = service
        .ready()
        .await
        .unwrap()
        .call(Request::post("/scan").body(()).unwrap())
        .await
        .unwrap_err();
    assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error.message(), Some("503 Service Temporarily Unavailable"));
    assert_eq!(calls.lock().unwrap().len(), 1);

    // The same POST with an Idempotency-Key is retried.
    let (inner, calls) = flaky(2, HeaderMap::new());
    let mut service = TowerRetry::<Untyped>::layer(exact_policy()).layer(inner);
    let request = Request::post("/scan")
        .header("Idempotency-Key", "k1")
        .body(())
        .unwrap();
    assert!(service.ready().await.unwrap().call(request).await.is_ok());
    assert_eq!(calls.lock().unwrap().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn stops_after_the_schedule_and_shares_the_budget() {
    let budget = Arc::new(RetryBudget::new(10));
    let policy = Arc::new(
        RetryPolicy::new()
            .with_jitter(Jitter::None)
            .with_budget(Arc::clone(&budget)),
    );
    // Always failing: 503's schedule allows 3 retries but the budget pays for 2.
    let (inner, calls) = flaky(u32::MAX, HeaderMap::new());
    let mut service = TowerRetry::<Untyped>::layer(Arc::clone(&policy)).layer(inner);
    let result = service
        .ready()
        .await
        .unwrap()
        .call(Request::get("/").body(()).unwrap())
        .await;
    assert!(result.is_err());
    assert_eq!(calls.lock().unwrap().len(), 3);
    assert_eq!(budget.available(), 0);

    // A success refills one token.
    let (inner, _) = flaky(0, HeaderMap::new());
    let mut service = TowerRetry::<Untyped>::layer(policy).layer(inner);
    assert!(
        service
            .ready()
            .await
            .unwrap()
            .call(Request::get("/").body(()).unwrap())
            .await
            .is_ok()
    );
    assert_eq!(budget.available(), 1);
}
