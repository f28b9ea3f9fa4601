use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status()]
    Bad,
}

fn main() {}
