//! The guard service example over real HTTP on 127.0.0.1: every error path of the AI Guard
//! reference, axum's rejections in the same `{"code", "message"}` envelope, request ids, the
//! 5xx log line, and a bounded burst of concurrent requests.

mod service_support;

use std::collections::HashSet;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use guard_service::Config;
use guard_service::limits::RateLimit;
use serde_json::{Value, json};
use service_support::{Answer, Captured};

struct Guard {
    base: String,
    http: reqwest::Client,
}

impl Guard {
    async fn start(config: Config) -> Guard {
        let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        let (bound, _task) = guard_service::start(addr, config).await.unwrap();
        Guard {
            base: format!("http://{bound}"),
            http: reqwest::Client::new(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn post(&self, path: &str, token: Option<&str>, body: &str) -> Answer {
        let mut request = self
            .http
            .post(self.url(path))
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Answer::from(request.send().await.unwrap()).await
    }

    async fn classify(&self, token: Option<&str>, body: &str) -> Answer {
        self.post("/classifications/v1", token, body).await
    }
}

fn config() -> Config {
    Config {
        api_keys: vec!["key-a".into(), "key-b".into()],
        metrics_enabled: false,
        rate_limit: RateLimit {
            requests: 1000,
            window: Duration::from_secs(60),
        },
        upstream_fail_every: 0,
    }
}

const KEY: Option<&str> = Some("key-a");

/// The AI Guard envelope, exactly: `{"code": <status>, "message": "..."}`.
fn assert_error(answer: &Answer, status: u16, message: &str) {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.header("content-type"), "application/json");
    assert_eq!(
        answer.json(),
        json!({"code": status, "message": message}),
        "{answer:?}"
    );
}

#[tokio::test]
async fn health_is_open() {
    let guard = Guard::start(config()).await;
    let answer = Answer::from(guard.http.get(guard.url("/health")).send().await.unwrap()).await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json(), json!({"status": "ok", "classified": 0}));
    assert_eq!(answer.header("x-request-id").len(), 24);
}

#[tokio::test]
async fn a_known_token_classifies() {
    let guard = Guard::start(config()).await;
    let body = r#"{"text": "my ssn and passport", "classifier_description": {"profile": "pii"}}"#;
    let answer = guard.classify(KEY, body).await;
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(
        answer.json(),
        json!({"profile": "pii", "labels": [
            {"name": "pii.ssn", "weight": 95},
            {"name": "pii.passport", "weight": 80},
        ]})
    );
}

#[tokio::test]
async fn a_missing_or_unknown_token_is_a_401() {
    let guard = Guard::start(config()).await;
    let body = r#"{"text": "hello"}"#;
    for token in [None, Some("key-z"), Some("")] {
        assert_error(
            &guard.classify(token, body).await,
            401,
            "Invalid or missing bearer token",
        );
    }
    let answer = guard.post("/metric", None, "{}").await;
    assert_error(&answer, 401, "Invalid or missing bearer token");
}

#[tokio::test]
async fn bad_input_is_a_400() {
    let guard = Guard::start(config()).await;
    let answer = guard.classify(KEY, r#"{"text": "  "}"#).await;
    assert_error(&answer, 400, "Invalid request: text must not be empty");
    let body = r#"{"text": "x", "classifier_description": {"profile": "nope"}}"#;
    let answer = guard.classify(KEY, body).await;
    assert_error(&answer, 400, "Invalid request: unknown profile `nope`");
}

#[tokio::test]
async fn metrics_are_refused_unless_enabled() {
    let event =
        r#"{"meter": {"name": "ai_guard.user", "value": "1"}, "attributes": {"new_session": "true"}}"#;
    let guard = Guard::start(config()).await;
    assert_error(
        &guard.post("/metric", KEY, event).await,
        400,
        "Metrics not permitted",
    );

    let guard = Guard::start(Config {
        metrics_enabled: true,
        ..config()
    })
    .await;
    for total in [1, 2] {
        let answer = guard.post("/metric", KEY, event).await;
        assert_eq!((answer.status, answer.json()), (200, json!({"total": total})));
    }
    let bad = r#"{"meter": {"name": "other.user", "value": "1"}}"#;
    let answer = guard.post("/metric", KEY, bad).await;
    assert_error(&answer, 400, "Invalid meter name: other.user");
}

#[tokio::test]
async fn a_key_over_its_limit_is_told_when_to_come_back() {
    let guard = Guard::start(Config {
        rate_limit: RateLimit {
            requests: 3,
            window: Duration::from_secs(60),
        },
        ..config()
    })
    .await;
    let body = r#"{"text": "hello"}"#;
    for _ in 0..3 {
        assert_eq!(guard.classify(KEY, body).await.status, 200);
    }
    let answer = guard.classify(KEY, body).await;
    assert_error(&answer, 429, "Rate limit exceeded: 3 requests per 60 seconds");
    let wait: u64 = answer.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // The limit is per key.
    assert_eq!(guard.classify(Some("key-b"), body).await.status, 200);
}

#[tokio::test]
async fn an_unreachable_upstream_is_a_502() {
    let guard = Guard::start(config()).await;
    let body = r#"{"text": "x", "classifier_description": {"profile": "unreachable"}}"#;
    let answer = guard.classify(KEY, body).await;
    assert_error(&answer, 502, "Upstream classification service unavailable");
    assert!(!answer.text.contains("10.20.0.5"), "{}", answer.text);
}

#[tokio::test]
async fn a_flaky_upstream_fails_every_other_call() {
    let guard = Guard::start(Config {
        upstream_fail_every: 2,
        ..config()
    })
    .await;
    let mut statuses = Vec::new();
    for _ in 0..4 {
        statuses.push(guard.classify(KEY, r#"{"text": "x"}"#).await.status);
    }
    assert_eq!(statuses, [200, 502, 200, 502]);
}

#[tokio::test]
async fn an_engine_failure_is_logged_with_its_causes_and_sent_without_them() {
    let captured = Captured::global();
    let guard = Guard::start(config()).await;
    let request = guard
        .http
        .post(guard.url("/classifications/v1"))
        .bearer_auth("key-a")
        .header("content-type", "application/json")
        .header("x-request-id", "req_engine-1")
        .body(r#"{"text": "card", "classifier_description": {"profile": "corrupt"}}"#);
    let answer = Answer::from(request.send().await.unwrap()).await;
    assert_error(&answer, 500, "Classification engine error");
    assert_eq!(answer.header("x-request-id"), "req_engine-1");
    for secret in ["corrupt", "ninety", "rule", "digit"] {
        assert!(!answer.text.contains(secret), "{secret} leaked: {}", answer.text);
    }

    let logs = captured.text();
    let line = logs
        .lines()
        .find(|line| line.contains("req_engine-1"))
        .unwrap_or_else(|| panic!("no log line for the request: {logs}"));
    assert!(line.contains("ERROR") && line.contains("status=500"), "{line}");
    assert!(line.contains("instance=\"/classifications/v1\""), "{line}");
    assert!(line.contains("error=classification engine failed"), "{line}");
    assert!(
        line.contains(
            "sources=rules of profile `corrupt` failed to load: rule 3: bad weight `ninety`: \
             invalid digit found in string"
        ),
        "{line}"
    );
}

#[tokio::test]
async fn rejections_use_the_same_envelope() {
    let guard = Guard::start(config()).await;

    let answer = guard.classify(KEY, r#"{"text": "#).await;
    assert_eq!(answer.status, 400);
    let message = answer.json()["message"].as_str().unwrap().to_owned();
    assert!(
        message.starts_with("Malformed JSON: EOF while parsing"),
        "{message}"
    );
    assert_error(&answer, 400, &message);

    let answer = guard.classify(KEY, r#"{"context": {}}"#).await;
    assert_eq!(answer.status, 422);
    assert_eq!(
        answer.json(),
        json!({"code": 422, "message": "Invalid request body: `text`: field required",
               "details": [{"field": "text", "message": "field required"}]})
    );

    let request = guard
        .http
        .post(guard.url("/classifications/v1"))
        .bearer_auth("key-a")
        .header("content-type", "text/plain")
        .body(r#"{"text": "x"}"#);
    let answer = Answer::from(request.send().await.unwrap()).await;
    assert_error(
        &answer,
        415,
        "Expected request with `Content-Type: application/json`",
    );

    let answer = guard.post("/classifications/v2", KEY, r#"{"text": "x"}"#).await;
    assert_error(&answer, 404, "No route matches this path");

    let answer = Answer::from(guard.http.get(guard.url("/metric")).send().await.unwrap()).await;
    assert_error(&answer, 405, "Method not allowed on this path");
    assert_eq!(answer.header("allow"), "POST");
}

#[tokio::test]
async fn request_ids_round_trip_on_errors() {
    let guard = Guard::start(config()).await;
    let request = guard
        .http
        .post(guard.url("/classifications/v1"))
        .header("x-request-id", "trace-7f3a")
        .body("{}");
    let answer = Answer::from(request.send().await.unwrap()).await;
    assert_eq!(answer.status, 401);
    assert_eq!(answer.header("x-request-id"), "trace-7f3a");

    let answer = guard.classify(None, "{}").await;
    let generated = answer.header("x-request-id");
    assert!(generated.len() == 24 && generated != "trace-7f3a", "{generated}");
}

/// One request of the burst: what to send.
fn burst_request(guard: &Guard, i: usize) -> reqwest::RequestBuilder {
    let classify = |token: &str, body: &str| {
        guard
            .http
            .post(guard.url("/classifications/v1"))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body.to_owned())
    };
    match i % 10 {
        0 => guard.http.get(guard.url("/health")),
        1 => classify("key-z", r#"{"text": "x"}"#),
        2 => classify("key-a", r#"{"text": ""}"#),
        3 => classify("key-a", r#"{"text": "#),
        4 => classify("key-a", r#"{"txt": "x"}"#),
        5 => classify(
            "key-a",
            r#"{"text": "x", "classifier_description": {"profile": "unreachable"}}"#,
        ),
        6 => classify(
            "key-a",
            r#"{"text": "x", "classifier_description": {"profile": "corrupt"}}"#,
        ),
        7 => classify("key-b", r#"{"text": "ssn"}"#),
        8 => guard.http.delete(guard.url("/metric")),
        _ => guard.http.get(guard.url(&format!("/missing/{i}"))),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrent_burst_answers_every_error_in_the_envelope() {
    const REQUESTS: usize = 2000;
    const IN_FLIGHT: usize = 64;
    let guard = Arc::new(
        Guard::start(Config {
            // Each key runs out part way through: 429s join the mix.
            rate_limit: RateLimit {
                requests: 150,
                window: Duration::from_secs(60),
            },
            ..config()
        })
        .await,
    );
    let permits = Arc::new(tokio::sync::Semaphore::new(IN_FLIGHT));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..REQUESTS {
        let permit = permits.clone().acquire_owned().await.unwrap();
        let request = burst_request(&guard, i);
        tasks.spawn(async move {
            let answer = Answer::from(request.send().await.unwrap()).await;
            drop(permit);
            (i, answer)
        });
    }
    let mut ids = HashSet::new();
    let mut statuses = HashSet::new();
    while let Some(joined) = tasks.join_next().await {
        let (i, answer) = joined.unwrap();
        assert!(
            ids.insert(answer.header("x-request-id").to_owned()),
            "duplicate id"
        );
        statuses.insert(answer.status);
        if answer.status < 400 {
            continue;
        }
        assert_eq!(answer.header("content-type"), "application/json", "request {i}");
        let body: Value = answer.json();
        let object = body.as_object().unwrap_or_else(|| panic!("request {i}: {body}"));
        assert_eq!(object["code"], answer.status, "request {i}: {body}");
        assert!(
            object["message"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
        let extra: Vec<&String> = object
            .keys()
            .filter(|k| !["code", "message", "details"].contains(&k.as_str()))
            .collect();
        assert!(
            extra.is_empty(),
            "request {i}: unexpected members {extra:?} in {body}"
        );
    }
    assert_eq!(ids.len(), REQUESTS);
    let expected: HashSet<u16> = [200, 400, 401, 404, 405, 422, 429, 500, 502].into();
    assert!(statuses.is_superset(&expected), "{statuses:?}");
}

/// The service speaks the AI Guard reference's wire: where its errors and the seed's enums
/// describe the same row, the bodies and statuses are the same bytes.
#[tokio::test]
async fn the_wire_matches_the_ai_guard_seed() {
    use errspec::ApiError;
    use errspec_examples::seeds::ai_guard::{ClassificationError, EngineFailure, MetricsError};

    let guard = Guard::start(config()).await;
    let seed_engine = ClassificationError::Engine(EngineFailure("x".into()));
    let cases = [
        (
            guard.classify(None, "{}").await,
            ClassificationError::Unauthorized.to_response(),
        ),
        (
            guard
                .classify(
                    KEY,
                    r#"{"text": "x", "classifier_description": {"profile": "corrupt"}}"#,
                )
                .await,
            seed_engine.to_response(),
        ),
        (
            guard
                .classify(
                    KEY,
                    r#"{"text": "x", "classifier_description": {"profile": "unreachable"}}"#,
                )
                .await,
            ClassificationError::Upstream.to_response(),
        ),
        (
            guard
                .post(
                    "/metric",
                    KEY,
                    r#"{"meter": {"name": "ai_guard.user", "value": "1"}}"#,
                )
                .await,
            MetricsError::MetricsNotPermitted.to_response(),
        ),
    ];
    for (answer, seed) in cases {
        assert_eq!(answer.status, seed.status().as_u16());
        assert_eq!(answer.header("content-type"), seed.headers()["content-type"]);
        assert_eq!(answer.text.as_bytes(), seed.body().as_slice());
    }
}
