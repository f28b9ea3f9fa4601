use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("not found")]
    #[status("404")]
    NotFound,
}

fn main() {}
