use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[status(400)]
pub enum E {
    #[error("bad")]
    #[status(400)]
    Bad,
}

fn main() {}
