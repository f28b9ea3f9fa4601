use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("missing")]
    #[status(404, code = "NOT_FOUND")]
    Missing,
    #[error("gone")]
    #[status(410, code = "NOT_FOUND")]
    Gone,
}

fn main() {}
