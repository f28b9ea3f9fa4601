use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[error("bad")]
pub struct Bad {
    reason: String,
}

fn main() {}
