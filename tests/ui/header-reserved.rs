use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(429)]
    RateLimited {
        #[api(header = "Content-Type")]
        kind: String,
        #[api(header = "Retry-After")]
        wait: u64,
    },
}

fn main() {}
