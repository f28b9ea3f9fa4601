use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("missing")]
    #[status(404, code = "GONE")]
    Missing,
    #[error("gone")]
    #[status(410)]
    Gone,
}

fn main() {}
