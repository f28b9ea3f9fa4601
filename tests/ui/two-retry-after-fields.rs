use errspec::ApiError;
use std::time::Duration;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(429)]
    RateLimited {
        #[api(retry_after)]
        wait: Duration,
        #[api(retry_after)]
        also: Duration,
    },
}

fn main() {}
