use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("other tenant")]
    #[status(403, conceal_as = NotFound)]
    OtherTenant {
        #[api(expose)]
        tenant: String,
    },
    #[error("not found")]
    #[status(404)]
    NotFound,
}

fn main() {}
