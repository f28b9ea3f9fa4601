//! Runs the guard service on 127.0.0.1.
//!
//! `cargo run -p guard-service -- [PORT]` (or `GUARD_PORT`; default 8080). `GUARD_API_KEYS`
//! (comma separated, default `demo-key`), `GUARD_METRICS=on` to enable metrics,
//! `GUARD_RATE_LIMIT` requests per minute (default 20), `GUARD_UPSTREAM_FAIL_EVERY` (default 5).

use std::net::{Ipv4Addr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use guard_service::Config;
use guard_service::limits::RateLimit;

fn env_number(name: &str, default: u32) -> Result<u32, String> {
    match std::env::var(name) {
        Ok(text) => text
            .parse()
            .map_err(|_| format!("{name}={text:?} is not a whole number")),
        Err(_) => Ok(default),
    }
}

fn config() -> Result<(u16, Config), String> {
    let port_text = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("GUARD_PORT").ok())
        .unwrap_or_else(|| "8080".to_owned());
    let port = port_text
        .parse()
        .map_err(|_| format!("port {port_text:?} is not a number in 0..=65535"))?;
    let mut config = Config::default();
    if let Ok(keys) = std::env::var("GUARD_API_KEYS") {
        config.api_keys = keys.split(',').map(str::trim).map(str::to_owned).collect();
    }
    config.metrics_enabled = std::env::var("GUARD_METRICS").is_ok_and(|v| v == "on");
    config.rate_limit = RateLimit {
        requests: env_number("GUARD_RATE_LIMIT", config.rate_limit.requests)?,
        window: Duration::from_secs(60),
    };
    config.upstream_fail_every = env_number("GUARD_UPSTREAM_FAIL_EVERY", config.upstream_fail_every)?;
    Ok((port, config))
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt().init();
    let (port, config) = match config() {
        Ok(found) => found,
        Err(problem) => {
            eprintln!("guard-service: {problem}");
            return ExitCode::from(2);
        }
    };
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let (bound, task) = match guard_service::start(addr, config).await {
        Ok(started) => started,
        Err(error) => {
            eprintln!("guard-service: cannot bind {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    tracing::info!("guard-service listening on http://{bound}");
    match task.await {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(error)) => {
            eprintln!("guard-service: {error}");
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("guard-service: server task failed: {error}");
            ExitCode::FAILURE
        }
    }
}
