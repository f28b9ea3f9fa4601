use errspec::{ApiError, Violation};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("invalid")]
    #[status(422)]
    Invalid {
        #[api(violations)]
        body: Vec<Violation>,
        #[api(violations)]
        query: Vec<Violation>,
    },
}

fn main() {}
