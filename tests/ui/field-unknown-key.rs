use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("bad")]
    #[status(400)]
    Bad {
        #[api(expos)]
        field: String,
    },
}

fn main() {}
