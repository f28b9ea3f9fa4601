use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status(400)]
    Bad {
        #[status(404)]
        reason: String,
    },
}

fn main() {}
