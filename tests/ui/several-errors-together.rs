use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = problme)]
pub enum E {
    #[error("moved")]
    #[status(301)]
    Moved,
    #[error("missing")]
    #[status(404, code = "Missing", retry = backoff)]
    Missing,
    #[error("invalid")]
    #[status(422, retry = fixed("5x"))]
    Invalid,
    #[error("forgotten")]
    Forgotten,
}

fn main() {}
