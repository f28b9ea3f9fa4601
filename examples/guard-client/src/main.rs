//! Calls a running guard service on each error path and prints what came back.
//!
//! `cargo run -p guard-client -- [BASE_URL]` (or `GUARD_URL`; default
//! `http://127.0.0.1:8080`); `GUARD_TOKEN` is the bearer token (default `demo-key`).

use std::process::ExitCode;
use std::time::Duration;

use guard_client::Options;

#[tokio::main]
async fn main() -> ExitCode {
    let base = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("GUARD_URL").ok())
        .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let options = Options {
        base: base.trim_end_matches('/').to_owned(),
        token: std::env::var("GUARD_TOKEN").unwrap_or_else(|_| "demo-key".to_owned()),
        max_sleep: Duration::from_secs(5),
        rate_limit_probe: 100,
    };
    match guard_client::run(&options).await {
        Ok(outcomes) => {
            for outcome in outcomes {
                println!("{}", outcome.line);
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("guard-client: cannot reach {}: {error}", options.base);
            ExitCode::FAILURE
        }
    }
}
