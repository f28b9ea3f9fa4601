use errspec::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum E {
    #[error("io")]
    #[status(500)]
    Io(
        #[source]
        #[api(expose = "cause")]
        std::io::Error,
    ),
}

fn main() {}
