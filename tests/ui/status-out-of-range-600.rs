use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("broken")]
    #[status(600)]
    Broken,
}

fn main() {}
