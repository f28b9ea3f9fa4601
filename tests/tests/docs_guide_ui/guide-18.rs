// A `compile_fail` example of docs/guide.md, written by gen_docs: edit the guide.

#[derive(Debug, thiserror::Error, errspec::ApiError)]
pub enum E { #[error("x")] #[status(429)] Invalid { #[api(header = "Bad Header")] n: u32 } }

fn main() {}
