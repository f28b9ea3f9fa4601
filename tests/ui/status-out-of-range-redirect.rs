use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("moved")]
    #[status(302)]
    Moved,
}

fn main() {}
