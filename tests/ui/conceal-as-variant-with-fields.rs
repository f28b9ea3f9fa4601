use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("other tenant")]
    #[status(403, conceal_as = NotFound)]
    OtherTenant,
    #[error("{id} not found")]
    #[status(404)]
    NotFound { id: u64 },
}

fn main() {}
