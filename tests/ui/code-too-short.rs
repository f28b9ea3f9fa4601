use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("x")]
    #[status(400)]
    A,
}

fn main() {}
