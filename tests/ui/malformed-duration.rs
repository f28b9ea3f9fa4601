use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(429, retry = fixed("5x", attempts = 3))]
    RateLimited,
}

fn main() {}
