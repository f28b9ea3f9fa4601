use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("unavailable")]
    #[status(503, retry = backoff(base = ))]
    Unavailable,
}

fn main() {}
