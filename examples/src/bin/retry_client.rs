//! A client against an in-process AEGIS server: every failure decoded into a `RemoteError`, and
//! what `RetryPolicy` decides about it. Waits are scaled down 1000x so that the run finishes in
//! a moment; the printed decisions are the real ones.
//!
//! `cargo run -p errspec-examples --bin retry_client`

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::Path;
use axum::routing::{get, post};
use errspec::Violation;
use errspec::client::{Decision, RemoteError, RequestFacts, RetryBudget, RetryPolicy};
use errspec_examples::seeds::aegis::{AegisError, AegisErrorKind, InternalFailure};
use http::Method;

/// Real waits are divided by this before sleeping.
const TIME_SCALE: u32 = 1000;

fn app() -> Router {
    let starting = Arc::new(AtomicU32::new(0));
    Router::new()
        .route(
            "/conversations/{id}/messages",
            get(|Path(_id): Path<String>| async {
                AegisError::NotFound {
                    resource: "Conversation",
                }
            }),
        )
        .route(
            "/execute",
            post(|| async {
                AegisError::Validation {
                    errors: vec![
                        Violation::field("agent_type", "field required").with_kind("value_error.missing"),
                    ],
                }
            }),
        )
        .route(
            "/compliance/summary",
            get(|| async {
                let now = SystemTime::now()
                    .duration_since(UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs());
                AegisError::RateLimited {
                    retry_in: 30,
                    reset: now + 30,
                }
            }),
        )
        .route(
            "/agents",
            post(|| async { AegisError::Internal(InternalFailure("engine crashed".into())) }),
        )
        // Starting up: 503 twice, then ready.
        .route(
            "/health",
            get(move || {
                let calls = starting.fetch_add(1, Ordering::SeqCst);
                async move {
                    if calls < 2 {
                        Err(AegisError::ServiceUnavailable)
                    } else {
                        Ok("ready")
                    }
                }
            }),
        )
        // What a gateway in front of AEGIS sends when AEGIS is down.
        .route(
            "/gateway",
            get(|| async {
                (
                    http::StatusCode::BAD_GATEWAY,
                    [("content-type", "text/html")],
                    "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>",
                )
            }),
        )
}

/// Sends one request, retrying as the policy decides; prints every failure and decision.
async fn call(
    client: &reqwest::Client,
    policy: &RetryPolicy,
    base: &str,
    method: Method,
    path: &str,
    idempotency_key: bool,
) {
    println!(
        "{method} {path}{}",
        if idempotency_key { " (Idempotency-Key)" } else { "" }
    );
    let facts = RequestFacts {
        method: method.clone(),
        idempotency_key,
    };
    for attempt in 0.. {
        let mut request = client
            .request(method.clone(), format!("{base}{path}"))
            .timeout(Duration::from_secs(5));
        if idempotency_key {
            request = request.header("Idempotency-Key", "req_abc123_1");
        }
        let response = match request.send().await {
            Ok(response) => response,
            Err(error) => {
                println!("  transport error: {error}");
                return;
            }
        };
        if response.status().is_success() {
            policy.record_success();
            println!(
                "  {} {}",
                response.status(),
                response.text().await.unwrap_or_default()
            );
            return;
        }
        let error = RemoteError::<AegisErrorKind>::from_response(response).await;
        println!("  {error}");
        println!(
            "    kind {:?}, class {}, envelope {}, violations {:?}",
            error.kind(),
            error.class(),
            error.envelope().unwrap_or("none"),
            error
                .violations()
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
        );
        let decision = policy.decide(&error, attempt, &facts);
        println!("    attempt {attempt}: {decision}");
        match decision {
            Decision::Retry(wait) => tokio::time::sleep(wait / TIME_SCALE).await,
            Decision::Stop(_) => return,
        }
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, app()).await });

    let client = reqwest::Client::builder()
        .no_proxy() // 127.0.0.1 only, whatever the environment's proxy settings
        .build()
        .map_err(std::io::Error::other)?;
    let budget = Arc::new(RetryBudget::standard());
    let policy = RetryPolicy::new()
        .with_seed(2024)
        .with_budget(Arc::clone(&budget));
    for (method, path, key) in [
        (Method::GET, "/conversations/nonexistent-id/messages", false),
        (Method::POST, "/execute", false),
        (Method::GET, "/compliance/summary", false),
        (Method::POST, "/agents", false),
        (Method::POST, "/agents", true),
        (Method::GET, "/health", false),
        (Method::GET, "/gateway", false),
    ] {
        call(&client, &policy, &base, method, path, key).await;
    }
    println!(
        "retry budget: {}/{} tokens",
        budget.available(),
        budget.capacity()
    );
    server.abort();
    Ok(())
}
