use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status(400)]
    #[api(code = "BAD")]
    Bad,
}

fn main() {}
