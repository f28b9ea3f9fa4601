// A `compile_fail` example of docs/guide.md, written by gen_docs: edit the guide.

#[derive(Debug, thiserror::Error, errspec::ApiError)]
pub enum E { #[error("x")] #[status(400)] Invalid(#[api(expose)] u32) }

fn main() {}
