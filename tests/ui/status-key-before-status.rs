use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status(code = "BAD", retry = never)]
    Bad,
}

fn main() {}
