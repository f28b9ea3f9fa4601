use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(TOO_MANY_REQUEST)]
    RateLimited,
}

fn main() {}
