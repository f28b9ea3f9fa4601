use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(envelop = problem)]
pub enum E {
    #[error("bad")]
    #[status(400)]
    Bad,
}

fn main() {}
