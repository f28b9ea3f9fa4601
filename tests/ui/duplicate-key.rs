use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status(400, code = "BAD", code = "WORSE")]
    Bad,
}

fn main() {}
