use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(429)]
    RateLimited {
        #[api(header = "X-Rate Limit")]
        reset: u64,
    },
}

fn main() {}
