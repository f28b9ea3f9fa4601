//! The retry strategies of the seed APIs, reproduced by `RetryPolicy::decide` from responses
//! with the seeds' own status codes, headers and bodies.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use errspec::client::{Decision, ErrorClass, Reason, RemoteError, RequestFacts, RetryBudget, RetryPolicy};
use errspec::{Action, ApiError, ErrorKind, Jitter, Violation};
use http::{HeaderMap, Method, StatusCode};

/// The moment every response below is "received": TruthVouch's example reset minus one minute.
fn now() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_678_886_400)
}

fn response<K: ErrorKind>(status: u16, headers: &[(&str, &str)], body: &str) -> RemoteError<K> {
    let mut map = HeaderMap::new();
    map.insert("content-type", "application/json".parse().unwrap());
    for (name, value) in headers {
        map.append(
            http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            value.parse().unwrap(),
        );
    }
    RemoteError::from_parts_at(
        StatusCode::from_u16(status).unwrap(),
        &map,
        body.as_bytes(),
        now(),
    )
}

fn secs(s: u64) -> Decision {
    Decision::Retry(Duration::from_secs(s))
}

/// Each decision for attempts 0, 1, 2, ... until the policy stops.
fn schedule<K: ErrorKind>(
    policy: &RetryPolicy,
    error: &RemoteError<K>,
    request: &RequestFacts,
) -> Vec<Decision> {
    let mut out = Vec::new();
    for attempt in 0..10 {
        let decision = policy.decide(error, attempt, request);
        let stop = matches!(decision, Decision::Stop(_));
        out.push(decision);
        if stop {
            break;
        }
    }
    out
}

fn get() -> RequestFacts {
    RequestFacts::new(Method::GET)
}

fn post() -> RequestFacts {
    RequestFacts::new(Method::POST)
}

mod aegis {
    use super::*;

    /// AEGIS's status table, with its "Retry Strategy" column as `retry` values.
    #[allow(dead_code, reason = "most variants exist only as the client's catalog")]
    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum AegisError {
        #[error("Malformed request body or invalid parameters")]
        #[status(400)]
        BadRequest,
        #[error("Authorization header required")]
        #[status(401)]
        Unauthorized,
        #[error("Insufficient permissions")]
        #[status(403)]
        Forbidden,
        #[error("Resource not found")]
        #[status(404)]
        NotFound,
        #[error("Duplicate resource or state conflict")]
        #[status(409)]
        Conflict,
        #[error("Validation failed")]
        #[status(422)]
        Unprocessable {
            #[api(violations)]
            fields: Vec<Violation>,
        },
        #[error("Rate limit exceeded. Try again in 60 seconds.")]
        #[status(429, retry = after)]
        RateLimited {
            #[api(header = "X-RateLimit-Reset")]
            reset: u64,
        },
        #[error("Unexpected server failure")]
        #[status(500, retry = backoff(base = "1s", factor = 2, attempts = 3, jitter = none))]
        Internal,
        #[error("Upstream service unreachable")]
        #[status(502, retry = fixed("5s", attempts = 3))]
        BadGateway,
        #[error("Service is starting up or unhealthy")]
        #[status(503, retry = fixed("5s", attempts = 3))]
        Unavailable,
    }

    #[test]
    fn the_strategies_read_as_the_seed_table() {
        let strategy = |kind: AegisErrorKind| kind.spec().retry.to_string();
        assert_eq!(
            strategy(AegisErrorKind::Internal),
            "Exponential backoff (1s, 2s, 4s), max 3 retries"
        );
        assert_eq!(
            strategy(AegisErrorKind::BadGateway),
            "Wait 5s, retry up to 3 times"
        );
        assert_eq!(
            strategy(AegisErrorKind::Unavailable),
            "Wait 5s, retry up to 3 times"
        );
        assert_eq!(strategy(AegisErrorKind::BadRequest), "Do not retry");
    }

    #[test]
    fn rate_limited_waits_until_x_ratelimit_reset() {
        // Default jitter (full, OS-seeded): the reset is a floor far above the jittered 1 s.
        let policy = RetryPolicy::new();
        let body = r#"{"detail": "Rate limit exceeded. Try again in 60 seconds."}"#;
        let epoch = response::<AegisErrorKind>(429, &[("X-RateLimit-Reset", "1678886442")], body);
        assert_eq!(epoch.kind(), Some(AegisErrorKind::RateLimited));
        assert_eq!(epoch.class(), ErrorClass::RateLimited);
        for request in [get(), post()] {
            assert_eq!(policy.decide(&epoch, 0, &request), secs(42));
        }
        let delta = response::<AegisErrorKind>(429, &[("X-RateLimit-Reset", "30")], body);
        assert_eq!(policy.decide(&delta, 0, &post()), secs(30));
        // The response the derive renders for the same variant decodes to the same decision.
        let rendered = AegisError::RateLimited { reset: 1_678_886_442 }.to_response();
        let decoded = RemoteError::<AegisErrorKind>::from_parts_at(
            rendered.status(),
            rendered.headers(),
            rendered.body(),
            now(),
        );
        assert_eq!(decoded.kind(), Some(AegisErrorKind::RateLimited));
        assert_eq!(policy.decide(&decoded, 0, &get()), secs(42));
    }

    #[test]
    fn internal_error_backs_off_1_2_4_then_stops() {
        let error = response::<AegisErrorKind>(500, &[], r#"{"detail": "Internal Server Error"}"#);
        assert_eq!(error.kind(), Some(AegisErrorKind::Internal));
        assert_eq!(
            schedule(&RetryPolicy::new(), &error, &get()),
            [
                secs(1),
                secs(2),
                secs(4),
                Decision::Stop(Reason::AttemptsExhausted { attempts: 3 })
            ]
        );
    }

    #[test]
    fn gateway_errors_wait_5s_three_times() {
        for status in [502, 503] {
            let error = response::<AegisErrorKind>(status, &[], "");
            assert_eq!(
                schedule(&RetryPolicy::new(), &error, &get()),
                [
                    secs(5),
                    secs(5),
                    secs(5),
                    Decision::Stop(Reason::AttemptsExhausted { attempts: 3 })
                ],
                "{status}"
            );
            // A Retry-After on the response is honoured.
            let told = response::<AegisErrorKind>(status, &[("Retry-After", "12")], "");
            assert_eq!(RetryPolicy::new().decide(&told, 0, &get()), secs(12));
        }
    }

    #[test]
    fn client_errors_are_never_retried() {
        for status in [400, 401, 403, 404, 422] {
            let error = response::<AegisErrorKind>(status, &[("Retry-After", "1")], r#"{"detail": "no"}"#);
            assert!(error.kind().is_some(), "{status}");
            assert_eq!(
                RetryPolicy::new().decide(&error, 0, &get()),
                Decision::Stop(Reason::NotRetryable),
                "{status}"
            );
        }
    }
}

mod truthvouch {
    use super::*;

    #[allow(dead_code, reason = "most variants exist only as the client's catalog")]
    #[derive(Debug, thiserror::Error, ApiError)]
    pub enum TruthVouchError {
        #[error("Invalid request payload")]
        #[status(400, code = "INVALID_REQUEST")]
        InvalidRequest,
        #[error("Rate limit exceeded: {limit} requests per minute")]
        #[status(429, code = "RATE_LIMIT_EXCEEDED", retry = after)]
        RateLimited {
            limit: u32,
            #[api(retry_after)]
            retry_after: Duration,
        },
        #[error("Unexpected server error")]
        #[status(500, code = "INTERNAL_ERROR", retry = backoff(jitter = none))]
        Internal,
        /// "retry with longer backoff"
        #[error("Service unavailable")]
        #[status(503, code = "SERVICE_UNAVAILABLE", retry = backoff(base = "2s", max = "60s", attempts = 5, jitter = none))]
        ServiceUnavailable,
    }

    #[test]
    fn a_rendered_rate_limit_round_trips() {
        let rendered = TruthVouchError::RateLimited {
            limit: 1000,
            retry_after: Duration::from_secs(60),
        }
        .to_response();
        let decoded = RemoteError::<TruthVouchErrorKind>::from_parts(
            rendered.status(),
            rendered.headers(),
            rendered.body(),
        );
        assert_eq!(decoded.kind(), Some(TruthVouchErrorKind::RateLimited));
        assert_eq!(RetryPolicy::new().decide(&decoded, 0, &post()), secs(60));
    }

    const INTERNAL: &str = r#"{ "error": { "code": "INTERNAL_ERROR", "message": "Unexpected server error", "statusCode": 500, "requestId": "req_x" }}"#;

    #[test]
    fn post_without_idempotency_key_is_not_retried_on_500() {
        let error = response::<TruthVouchErrorKind>(500, &[], INTERNAL);
        assert_eq!(error.kind(), Some(TruthVouchErrorKind::Internal));
        let policy = RetryPolicy::new();
        assert_eq!(
            policy.decide(&error, 0, &post()),
            Decision::Stop(Reason::NotIdempotent { method: Method::POST })
        );
        assert_eq!(
            schedule(&policy, &error, &post().with_idempotency_key()),
            [
                secs(1),
                secs(2),
                secs(4),
                Decision::Stop(Reason::AttemptsExhausted { attempts: 3 })
            ]
        );
        assert_eq!(policy.decide(&error, 0, &get()), secs(1));
        // The header itself, read from a request.
        let request = http::Request::post("/api/v1/governance/scan")
            .header("Idempotency-Key", "req_abc123_scan_1")
            .body(())
            .unwrap();
        assert_eq!(policy.decide(&error, 0, &RequestFacts::from(&request)), secs(1));
    }

    #[test]
    fn put_patch_delete_need_a_key_under_the_strict_rule() {
        let error = response::<TruthVouchErrorKind>(500, &[], INTERNAL);
        let strict = RetryPolicy::new().with_safe_methods_only();
        for method in [Method::PUT, Method::PATCH, Method::DELETE] {
            assert_eq!(
                strict.decide(&error, 0, &RequestFacts::new(method.clone())),
                Decision::Stop(Reason::NotIdempotent {
                    method: method.clone()
                })
            );
            assert_eq!(
                strict.decide(&error, 0, &RequestFacts::new(method).with_idempotency_key()),
                secs(1)
            );
        }
        assert_eq!(strict.decide(&error, 0, &get()), secs(1));
        // RFC 9110 counts PUT and DELETE as idempotent: the default policy retries them.
        assert_eq!(
            RetryPolicy::new().decide(&error, 0, &RequestFacts::new(Method::PUT)),
            secs(1)
        );
    }

    #[test]
    fn rate_limit_is_retried_whatever_the_method_after_retry_after() {
        let error = response::<TruthVouchErrorKind>(
            429,
            &[
                ("Retry-After", "60"),
                ("X-RateLimit-Remaining", "0"),
                ("X-RateLimit-Reset", "1678886460"),
            ],
            r#"{ "error": { "code": "RATE_LIMIT_EXCEEDED", "message": "Rate limit exceeded: 1000 requests per minute", "statusCode": 429, "requestId": "req_ghi789" }}"#,
        );
        assert_eq!(error.kind(), Some(TruthVouchErrorKind::RateLimited));
        assert_eq!(error.retry_after(), Some(Duration::from_secs(60)));
        assert_eq!(error.rate_limit().remaining, Some(0));
        let policy = RetryPolicy::new().with_seed(1);
        for method in [Method::POST, Method::PATCH, Method::GET] {
            assert_eq!(policy.decide(&error, 0, &RequestFacts::new(method)), secs(60));
        }
    }

    #[test]
    fn service_unavailable_backs_off_longer() {
        let unavailable = response::<TruthVouchErrorKind>(503, &[], "");
        let internal = response::<TruthVouchErrorKind>(500, &[], INTERNAL);
        let policy = RetryPolicy::new();
        assert_eq!(
            schedule(&policy, &unavailable, &get()),
            [
                secs(2),
                secs(4),
                secs(8),
                secs(16),
                secs(32),
                Decision::Stop(Reason::AttemptsExhausted { attempts: 5 })
            ]
        );
        for attempt in 0..3 {
            assert!(
                policy.decide(&unavailable, attempt, &get()).wait()
                    > policy.decide(&internal, attempt, &get()).wait()
            );
        }
        assert_eq!(
            policy.decide(&unavailable, 0, &post()),
            Decision::Stop(Reason::NotIdempotent { method: Method::POST })
        );
    }
}

mod aisafe {
    use super::*;

    #[test]
    fn retry_after_is_honoured_then_repeated_429s_back_off_exponentially() {
        // AISafe sends no codes: no kind enum needed, the status decides.
        let error: RemoteError = response(
            429,
            &[("Retry-After", "2")],
            r#"{"detail": "Rate limit exceeded. Retry after 2s."}"#,
        );
        assert_eq!(error.kind(), None);
        let policy = RetryPolicy::new().with_jitter(Jitter::None);
        assert_eq!(
            schedule(&policy, &error, &post()),
            [
                secs(2),
                secs(2),
                secs(4),
                Decision::Stop(Reason::AttemptsExhausted { attempts: 3 })
            ]
        );
        // With jitter the advertised interval is still a floor.
        let jittered = RetryPolicy::new().with_seed(9);
        for attempt in 0..3 {
            assert!(jittered.decide(&error, attempt, &post()).wait() >= Some(Duration::from_secs(2)));
        }
    }

    #[test]
    fn what_to_do_per_status() {
        let expect = [
            (400, Action::FixRequest, ErrorClass::InvalidRequest),
            (401, Action::Reauthenticate, ErrorClass::Unauthenticated),
            (403, Action::ChangePrincipal, ErrorClass::PermissionDenied),
            (404, Action::TreatAsAbsent, ErrorClass::NotFound),
            (409, Action::Reconcile, ErrorClass::Conflict),
            (422, Action::FixRequest, ErrorClass::InvalidRequest),
            (429, Action::BackOff, ErrorClass::RateLimited),
            (500, Action::RetryLater, ErrorClass::Server),
        ];
        for (status, action, class) in expect {
            let error: RemoteError = response(status, &[], r#"{"detail": "x"}"#);
            assert_eq!((error.action(), error.class()), (action, class), "{status}");
            let decision = RetryPolicy::new().decide(&error, 0, &get());
            assert_eq!(decision.wait().is_some(), matches!(status, 429 | 500), "{status}");
        }
        // "Retry only for idempotent operations."
        let error: RemoteError = response(500, &[], r#"{"detail": "x"}"#);
        assert_eq!(
            RetryPolicy::new().decide(&error, 0, &post()),
            Decision::Stop(Reason::NotIdempotent { method: Method::POST })
        );
    }
}

#[test]
fn a_wait_above_max_wait_stops_with_the_wait() {
    let error: RemoteError = response(429, &[("Retry-After", "600")], "");
    assert_eq!(
        RetryPolicy::new().decide(&error, 0, &get()),
        Decision::Stop(Reason::WaitTooLong {
            wait: Duration::from_secs(600),
            max_wait: Duration::from_secs(120)
        })
    );
    let patient = RetryPolicy::new().with_max_wait(Duration::from_secs(900));
    assert_eq!(patient.decide(&error, 0, &get()), secs(600));
    // An HTTP-date, resolved against the time the response was received.
    let dated: RemoteError = response(503, &[("Retry-After", "Wed, 15 Mar 2023 13:20:30 GMT")], "");
    assert_eq!(RetryPolicy::new().decide(&dated, 0, &get()), secs(30));
}

#[test]
fn the_budget_stops_retry_storms_and_successes_refill_it() {
    let budget = Arc::new(RetryBudget::new(10));
    let policy = RetryPolicy::new()
        .with_jitter(Jitter::None)
        .with_budget(Arc::clone(&budget));
    let error: RemoteError = response(503, &[], "");
    assert_eq!(policy.decide(&error, 0, &get()), secs(1));
    assert_eq!(policy.decide(&error, 0, &get()), secs(1));
    assert_eq!(
        policy.decide(&error, 0, &get()),
        Decision::Stop(Reason::BudgetExhausted)
    );
    // Stops for other reasons cost nothing.
    assert_eq!(policy.decide(&error, 0, &post()).wait(), None);
    for _ in 0..5 {
        policy.record_success();
    }
    assert_eq!(budget.available(), 5);
    // A clone shares the budget.
    assert_eq!(policy.clone().decide(&error, 0, &get()), secs(1));
    assert_eq!(budget.available(), 0);
}

#[test]
fn seeded_policies_reproduce_their_jitter() {
    let error: RemoteError = response(500, &[], "");
    let run = |seed| {
        let policy = RetryPolicy::new().with_seed(seed);
        (0..3)
            .map(|attempt| policy.decide(&error, attempt, &get()))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
    for (attempt, decision) in (0u32..).zip(run(5)) {
        assert!(decision.wait().unwrap() <= Duration::from_secs(1 << attempt));
    }
}

/// The AEGIS example API (`errspec_examples::seeds::aegis`): every sample it renders, decoded
/// by a client, gets the seed's retry strategy.
#[test]
fn the_aegis_example_follows_the_seed_table() {
    use errspec_examples::seeds::aegis::{AegisError, AegisErrorKind};

    let policy = RetryPolicy::new();
    let stop = |attempts| Decision::Stop(Reason::AttemptsExhausted { attempts });
    for sample in AegisError::samples() {
        let response = sample.to_response();
        let error = RemoteError::<AegisErrorKind>::from_parts_at(
            response.status(),
            response.headers(),
            response.body(),
            now(),
        );
        let expected = match response.status().as_u16() {
            // The sample's X-RateLimit-Reset is 1678886460: one minute after `now()`.
            429 => vec![secs(60), secs(60), secs(60), stop(3)],
            500 => vec![secs(1), secs(2), secs(4), stop(3)],
            502 | 503 => vec![secs(5), secs(5), secs(5), stop(3)],
            _ => vec![Decision::Stop(Reason::NotRetryable)],
        };
        assert_eq!(schedule(&policy, &error, &get()), expected, "{sample:?}");
    }
}
