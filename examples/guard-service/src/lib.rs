//! An AI Guard style classification service whose errors are declared with errspec.
//!
//! `POST /classifications/v1` and `POST /metric` take a bearer token (401 without a known
//! one), are rate limited per key (429 with `Retry-After`), and answer their own errors: 400
//! for bad input or disabled metrics, 502 when the profiles service does not answer, 500 when
//! the engine fails (the cause is logged, never sent). `GET /health` is open. Every error body,
//! axum's own rejections included, is `{"code": <status>, "message": "..."}`, and every
//! response carries `X-Request-Id`.

pub mod engine;
pub mod errors;
pub mod limits;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::extract::{FromRequestParts, State};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::routing::{get, post};
use axum::{Router, serve};
use errspec::axum::{ErrorLayer, Json};
use errspec::envelope::CodeMessage;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;

use crate::engine::{Label, Upstream};
use crate::errors::{AccessError, ClassificationError, MetricError};
use crate::limits::{Limiter, RateLimit};

/// How the service runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Bearer tokens accepted.
    pub api_keys: Vec<String>,
    /// Whether `POST /metric` records (AI Guard's `metrics` section).
    pub metrics_enabled: bool,
    /// Requests per key and window.
    pub rate_limit: RateLimit,
    /// Every n-th call to the profiles service fails (0: never).
    pub upstream_fail_every: u32,
}

impl Default for Config {
    /// Key `demo-key`, metrics off, 20 requests per minute, upstream failing every 5th call.
    fn default() -> Self {
        Config {
            api_keys: vec!["demo-key".to_owned()],
            metrics_enabled: false,
            rate_limit: RateLimit {
                requests: 20,
                window: Duration::from_secs(60),
            },
            upstream_fail_every: 5,
        }
    }
}

struct AppState {
    api_keys: Vec<String>,
    metrics_enabled: bool,
    limiter: Limiter,
    upstream: Upstream,
    metrics: std::sync::Mutex<HashMap<String, u64>>,
    classified: AtomicU64,
}

/// The service's router, with errspec's error layer rendering `code_message` bodies.
pub fn app(config: Config) -> Router {
    let state = Arc::new(AppState {
        api_keys: config.api_keys,
        metrics_enabled: config.metrics_enabled,
        limiter: Limiter::new(config.rate_limit),
        upstream: Upstream::new(config.upstream_fail_every),
        metrics: std::sync::Mutex::default(),
        classified: AtomicU64::new(0),
    });
    Router::new()
        .route("/classifications/v1", post(classify))
        .route("/metric", post(metric))
        .route("/health", get(health))
        .with_state(state)
        .layer(ErrorLayer::<CodeMessage>::new())
}

/// Binds `addr` (port 0 for any) on loopback or elsewhere and serves in a spawned task.
pub async fn start(
    addr: SocketAddr,
    config: Config,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)> {
    let listener = TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    let task = tokio::spawn(async move { serve(listener, app(config)).await });
    Ok((bound, task))
}

/// An authenticated, rate-limited caller: the bearer token.
struct ApiKey;

impl FromRequestParts<Arc<AppState>> for ApiKey {
    type Rejection = AccessError;

    async fn from_request_parts(parts: &mut Parts, state: &Arc<AppState>) -> Result<Self, AccessError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .filter(|token| state.api_keys.iter().any(|key| key == token))
            .ok_or(AccessError::Unauthorized)?;
        state
            .limiter
            .check(token, Instant::now())
            .map_err(|wait| AccessError::RateLimited {
                limit: state.limiter.limit().requests,
                window_secs: state.limiter.limit().window.as_secs(),
                retry_after: wait,
            })?;
        Ok(ApiKey)
    }
}

/// `POST /classifications/v1` body.
#[derive(Debug, Deserialize, Serialize)]
pub struct ClassificationRequest {
    /// The text to classify.
    pub text: String,
    /// Which classifier to run.
    #[serde(default)]
    pub classifier_description: ClassifierDescription,
    /// Caller context, recorded as is.
    #[serde(default)]
    pub context: serde_json::Map<String, serde_json::Value>,
}

/// Which classification profile to use.
#[derive(Debug, Deserialize, Serialize)]
pub struct ClassifierDescription {
    /// A profile of the profiles service: `default`, `pii`, ...
    pub profile: String,
}

impl Default for ClassifierDescription {
    fn default() -> Self {
        ClassifierDescription {
            profile: "default".to_owned(),
        }
    }
}

/// `POST /classifications/v1` answer.
#[derive(Debug, Deserialize, Serialize)]
pub struct ClassificationResponse {
    /// The profile used.
    pub profile: String,
    /// The labels found.
    pub labels: Vec<Label>,
}

async fn classify(
    _: ApiKey,
    State(state): State<Arc<AppState>>,
    Json(request): Json<ClassificationRequest>,
) -> Result<Json<ClassificationResponse>, ClassificationError> {
    if request.text.trim().is_empty() {
        return Err(ClassificationError::BadRequest(
            "text must not be empty".to_owned(),
        ));
    }
    let name = request.classifier_description.profile;
    let profile = state
        .upstream
        .fetch(&name)
        .map_err(ClassificationError::Upstream)?
        .ok_or_else(|| ClassificationError::BadRequest(format!("unknown profile `{name}`")))?;
    let labels = engine::classify(&name, &profile, &request.text).map_err(ClassificationError::Engine)?;
    state.classified.fetch_add(1, Ordering::Relaxed);
    Ok(Json(ClassificationResponse {
        profile: name,
        labels,
    }))
}

/// `POST /metric` body.
#[derive(Debug, Deserialize, Serialize)]
pub struct MetricsEvent {
    /// Free-form attributes.
    #[serde(default)]
    pub attributes: HashMap<String, String>,
    /// The meter to bump.
    pub meter: Meter,
}

/// A meter reading.
#[derive(Debug, Deserialize, Serialize)]
pub struct Meter {
    /// `ai_guard.<name>`.
    pub name: String,
    /// The value to add, as text.
    pub value: String,
}

/// `POST /metric` answer.
#[derive(Debug, Deserialize, Serialize)]
pub struct MetricRecorded {
    /// The meter's total after this event.
    pub total: u64,
}

async fn metric(
    _: ApiKey,
    State(state): State<Arc<AppState>>,
    Json(event): Json<MetricsEvent>,
) -> Result<Json<MetricRecorded>, MetricError> {
    if !state.metrics_enabled {
        return Err(MetricError::MetricsDisabled);
    }
    let name = event.meter.name;
    if !name.starts_with("ai_guard.") {
        return Err(MetricError::InvalidMeter(name));
    }
    let value: u64 = event
        .meter
        .value
        .parse()
        .map_err(|_| MetricError::InvalidMeter(format!("{name} (value is not a count)")))?;
    let mut metrics = state
        .metrics
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let total = metrics.entry(name).or_default();
    *total += value;
    Ok(Json(MetricRecorded { total: *total }))
}

/// `GET /health` answer.
#[derive(Debug, Deserialize, Serialize)]
pub struct Health {
    /// `ok`.
    pub status: String,
    /// Texts classified since start.
    pub classified: u64,
}

async fn health(State(state): State<Arc<AppState>>) -> Json<Health> {
    Json(Health {
        status: "ok".to_owned(),
        classified: state.classified.load(Ordering::Relaxed),
    })
}
