use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("other tenant")]
    #[status(403, conceal_as = NotFund)]
    OtherTenant,
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
