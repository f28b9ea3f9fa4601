use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("slow down")]
    #[status(429, message = "limit {limt} per minute")]
    RateLimited { limit: u32 },
}

fn main() {}
