use errspec::{ApiError, Catalog};

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("missing")]
    #[status(404, cod = "MISSING")]
    Missing,
    #[error("gone")]
    #[status(410)]
    Gone,
}

fn main() {
    let error = E::Missing;
    let _response = error.to_response();
    let kind: EKind = error.kind();
    let _ = matches!(kind, EKind::Missing | EKind::Gone);
    let _ = E::specs().len();
    let _ = EKind::ALL;
    let _boxed: Box<dyn ApiError> = Box::new(E::Gone);
}
