use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("other tenant")]
    #[status(403, conceal_as = OtherTenant)]
    OtherTenant,
}

fn main() {}
