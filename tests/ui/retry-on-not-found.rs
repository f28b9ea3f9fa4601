use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("missing")]
    #[status(404, retry = backoff)]
    Missing,
}

fn main() {}
