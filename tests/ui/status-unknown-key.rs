use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status(400, mesage = "Bad request")]
    Bad,
}

fn main() {}
