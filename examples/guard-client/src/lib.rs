//! A client of the guard service: one call per error path, each decoded into an
//! [`errspec::client::RemoteError`] typed by the service's own kind enums, with the
//! [`RetryPolicy`] decision for it. A real client would depend on the crate that declares
//! the errors; here that is the service's library.

use std::time::Duration;

use errspec::ErrorKind;
use errspec::client::{Decision, RemoteError, RequestFacts, RetryPolicy, Untyped};
use guard_service::errors::{AccessErrorKind, ClassificationErrorKind, MetricErrorKind};
use reqwest::{Method, RequestBuilder};

/// Where and how to call.
#[derive(Clone, Debug)]
pub struct Options {
    /// `http://127.0.0.1:8080`
    pub base: String,
    /// A bearer token the service accepts.
    pub token: String,
    /// The longest the client really sleeps before a retry (the decision shows the full wait).
    pub max_sleep: Duration,
    /// The most requests sent while looking for the rate limit.
    pub rate_limit_probe: u32,
}

/// What one call ended with.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// Which path was exercised.
    pub name: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The decoded kind, as its code (`None` on success or when no kind matched).
    pub kind: Option<&'static str>,
    /// The retry decision for an error.
    pub decision: Option<Decision>,
    /// A printable summary.
    pub line: String,
}

/// Calls the service once per error path (the upstream path with its retries, the rate limit
/// until it answers 429) and returns what each call ended with, in order.
pub async fn run(options: &Options) -> Result<Vec<Outcome>, reqwest::Error> {
    let client = Client {
        http: reqwest::Client::new(),
        options: options.clone(),
        policy: RetryPolicy::new(),
    };
    let mut outcomes = Vec::new();
    let health = client.http.get(client.url("/health"));
    outcomes.push(client.call::<Untyped>("health", health, Method::GET).await?);

    let no_token = client
        .http
        .post(client.url("/classifications/v1"))
        .json_body(r#"{"text": "x"}"#);
    outcomes.push(
        client
            .call::<AccessErrorKind>("missing token", no_token, Method::POST)
            .await?,
    );

    let classify_cases: [(&'static str, &str); 6] = [
        (
            "classify",
            r#"{"text": "my ssn", "classifier_description": {"profile": "pii"}}"#,
        ),
        ("empty text", r#"{"text": ""}"#),
        (
            "unknown profile",
            r#"{"text": "x", "classifier_description": {"profile": "nope"}}"#,
        ),
        (
            "engine failure",
            r#"{"text": "x", "classifier_description": {"profile": "corrupt"}}"#,
        ),
        ("malformed JSON", r#"{"text": "#),
        ("missing field", r#"{"context": {}}"#),
    ];
    for (name, body) in classify_cases {
        let request = client.classify(body);
        outcomes.push(
            client
                .call::<ClassificationErrorKind>(name, request, Method::POST)
                .await?,
        );
    }

    let metric = client
        .authed(client.http.post(client.url("/metric")))
        .json_body(r#"{"meter": {"name": "ai_guard.user", "value": "1"}}"#);
    outcomes.push(
        client
            .call::<MetricErrorKind>("metric", metric, Method::POST)
            .await?,
    );

    let unknown = client.authed(client.http.get(client.url("/classifications/v2")));
    outcomes.push(
        client
            .call::<Untyped>("unknown route", unknown, Method::GET)
            .await?,
    );
    let wrong_method = client.authed(client.http.get(client.url("/metric")));
    outcomes.push(
        client
            .call::<Untyped>("wrong method", wrong_method, Method::GET)
            .await?,
    );

    outcomes.extend(client.upstream_with_retries().await?);
    outcomes.push(client.find_rate_limit().await?);
    Ok(outcomes)
}

struct Client {
    http: reqwest::Client,
    options: Options,
    policy: RetryPolicy,
}

trait JsonBody {
    fn json_body(self, body: &str) -> Self;
}

impl JsonBody for RequestBuilder {
    fn json_body(self, body: &str) -> Self {
        self.header("content-type", "application/json")
            .body(body.to_owned())
    }
}

impl Client {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.options.base)
    }

    fn authed(&self, request: RequestBuilder) -> RequestBuilder {
        request.bearer_auth(&self.options.token)
    }

    fn classify(&self, body: &str) -> RequestBuilder {
        self.authed(self.http.post(self.url("/classifications/v1")))
            .json_body(body)
    }

    /// Sends once; decodes an error with kind `K` and decides on the first retry.
    async fn call<K: ErrorKind>(
        &self,
        name: &'static str,
        request: RequestBuilder,
        method: Method,
    ) -> Result<Outcome, reqwest::Error> {
        self.attempt::<K>(name, request, &RequestFacts::new(method), 0)
            .await
    }

    async fn attempt<K: ErrorKind>(
        &self,
        name: &'static str,
        request: RequestBuilder,
        facts: &RequestFacts,
        attempt: u32,
    ) -> Result<Outcome, reqwest::Error> {
        let response = request.send().await?;
        let status = response.status().as_u16();
        if status < 400 {
            let body = response.text().await?;
            return Ok(Outcome {
                name,
                status,
                kind: None,
                decision: None,
                line: format!("{name:<16} {status} {body}"),
            });
        }
        let error = RemoteError::<K>::from_response(response).await;
        let decision = self.policy.decide(&error, attempt, facts);
        let violations: Vec<String> = error
            .violations()
            .iter()
            .map(|v| format!("{}: {}", v.dotted(), v.message))
            .collect();
        let kind = error.kind().map(ErrorKind::as_str);
        let line = format!(
            "{name:<16} {error}\n{:<16} kind={} class={} violations={violations:?} -> {decision}",
            "",
            kind.unwrap_or("-"),
            error.class(),
        );
        Ok(Outcome {
            name,
            status,
            kind,
            decision: Some(decision),
            line,
        })
    }

    /// The unreachable profile, sent with an `Idempotency-Key` so that the policy may repeat
    /// the POST: retried on the 502's backoff schedule until the policy stops.
    async fn upstream_with_retries(&self) -> Result<Vec<Outcome>, reqwest::Error> {
        let body = r#"{"text": "x", "classifier_description": {"profile": "unreachable"}}"#;
        let facts = RequestFacts::new(Method::POST).with_idempotency_key();
        let mut outcomes = Vec::new();
        // The schedule bounds the loop; the cap only guards against a policy that never stops.
        for attempt in 0..8 {
            let request = self
                .classify(body)
                .header("idempotency-key", "guard-client-upstream-1");
            let outcome = self
                .attempt::<ClassificationErrorKind>("upstream", request, &facts, attempt)
                .await?;
            let wait = outcome.decision.as_ref().and_then(Decision::wait);
            outcomes.push(outcome);
            match wait {
                Some(wait) => tokio::time::sleep(wait.min(self.options.max_sleep)).await,
                None => break,
            }
        }
        Ok(outcomes)
    }

    /// Classifies until the key's rate limit answers 429, at most `rate_limit_probe` times.
    async fn find_rate_limit(&self) -> Result<Outcome, reqwest::Error> {
        let mut last = None;
        for _ in 0..self.options.rate_limit_probe.max(1) {
            let request = self.classify(r#"{"text": "hello"}"#);
            let outcome = self
                .call::<AccessErrorKind>("rate limit", request, Method::POST)
                .await?;
            let limited = outcome.status == 429;
            last = Some(outcome);
            if limited {
                break;
            }
        }
        Ok(last.expect("at least one request is sent"))
    }
}
