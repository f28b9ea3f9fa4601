// A `compile_fail` example of docs/guide.md, written by gen_docs: edit the guide.

#[derive(Debug, thiserror::Error, errspec::ApiError)]
#[api(docs_url = "https://docs.example.com/errors #{code}")]
pub enum E { #[error("x")] #[status(400)] Invalid }

fn main() {}
