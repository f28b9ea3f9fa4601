use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(429)]
    RateLimited {
        #[api(header = "X-RateLimit-Reset")]
        reset: u64,
        #[api(header = "x-ratelimit-reset")]
        reset_again: u64,
    },
}

fn main() {}
