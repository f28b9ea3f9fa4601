use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("invalid")]
    #[status(422, retry = after(default = "5s"))]
    Invalid,
}

fn main() {}
