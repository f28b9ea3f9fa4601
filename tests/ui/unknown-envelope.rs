use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelope = nestd)]
pub enum E {
    #[error("bad")]
    #[status(400)]
    Bad,
}

fn main() {}
