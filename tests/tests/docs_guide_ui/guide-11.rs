// A `compile_fail` example of docs/guide.md, written by gen_docs: edit the guide.

#[derive(Debug, thiserror::Error, errspec::ApiError)]
pub enum E { #[error("x")] #[status(503, retry = fixed("5x"))] Invalid }

fn main() {}
