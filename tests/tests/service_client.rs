//! The guard client example against the guard service on 127.0.0.1: each error path decodes
//! into the service's kinds, and each retry decision follows the declared schedule.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use errspec::client::{Decision, Reason};
use guard_client::{Options, Outcome};
use guard_service::Config;
use guard_service::limits::RateLimit;

async fn run_against_service() -> Vec<Outcome> {
    let config = Config {
        rate_limit: RateLimit {
            requests: 16,
            window: Duration::from_secs(60),
        },
        upstream_fail_every: 0,
        ..Config::default()
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
    let (bound, _task) = guard_service::start(addr, config).await.unwrap();
    let options = Options {
        base: format!("http://{bound}"),
        token: "demo-key".to_owned(),
        max_sleep: Duration::from_millis(1),
        rate_limit_probe: 40,
    };
    guard_client::run(&options).await.unwrap()
}

#[tokio::test]
async fn every_path_decodes_with_its_decision() {
    let outcomes = run_against_service().await;
    let seen: Vec<(&str, u16, Option<&str>)> = outcomes.iter().map(|o| (o.name, o.status, o.kind)).collect();
    assert_eq!(
        seen,
        [
            ("health", 200, None),
            ("missing token", 401, Some("UNAUTHORIZED")),
            ("classify", 200, None),
            ("empty text", 400, Some("BAD_REQUEST")),
            ("unknown profile", 400, Some("BAD_REQUEST")),
            ("engine failure", 500, Some("ENGINE_FAILURE")),
            // `code_message` sends no machine code, so kinds resolve by status: the framework's
            // 400 reads as the endpoint's only 400 kind, and the metric endpoint's two 400
            // kinds cannot be told apart.
            ("malformed JSON", 400, Some("BAD_REQUEST")),
            ("missing field", 422, None),
            ("metric", 400, None),
            ("unknown route", 404, None),
            ("wrong method", 405, None),
            ("upstream", 502, Some("UPSTREAM_UNAVAILABLE")),
            ("upstream", 502, Some("UPSTREAM_UNAVAILABLE")),
            ("upstream", 502, Some("UPSTREAM_UNAVAILABLE")),
            ("upstream", 502, Some("UPSTREAM_UNAVAILABLE")),
            ("rate limit", 429, Some("RATE_LIMITED")),
        ]
    );

    let decision = |name: &str| outcomes.iter().find(|o| o.name == name).unwrap().decision.clone();
    assert_eq!(
        decision("missing token"),
        Some(Decision::Stop(Reason::NotRetryable))
    );
    assert_eq!(
        decision("missing field"),
        Some(Decision::Stop(Reason::NotRetryable))
    );
    // A 500 on a POST without an Idempotency-Key is not repeated.
    assert_eq!(
        decision("engine failure"),
        Some(Decision::Stop(Reason::NotIdempotent {
            method: http::Method::POST
        }))
    );

    // With the key, the 502 is retried on its backoff schedule (1s, 2s, 4s, full jitter)...
    let upstream: Vec<&Outcome> = outcomes.iter().filter(|o| o.name == "upstream").collect();
    for (retry, outcome) in upstream[..3].iter().enumerate() {
        let wait = outcome.decision.as_ref().and_then(Decision::wait).unwrap();
        assert!(wait <= Duration::from_secs(1 << retry), "retry {retry}: {wait:?}");
    }
    // ...until the schedule is used up.
    assert_eq!(
        upstream[3].decision,
        Some(Decision::Stop(Reason::AttemptsExhausted { attempts: 3 }))
    );

    // A throttled POST is retried after the server's Retry-After, whatever the method.
    let wait = decision("rate limit").and_then(|d| d.wait()).unwrap();
    assert!(
        wait > Duration::from_secs(50) && wait <= Duration::from_secs(60),
        "{wait:?}"
    );

    let line = &outcomes.iter().find(|o| o.name == "missing field").unwrap().line;
    assert!(line.contains(r#"violations=["text: field required"]"#), "{line}");
}
