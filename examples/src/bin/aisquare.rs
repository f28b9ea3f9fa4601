//! Prints every error of the AISquare seed API as the HTTP response it becomes, with its retry guidance.

use errspec::{ApiError, RenderContext};
use errspec_examples::seeds::aisquare::AiSquareError;
use errspec_examples::wire::describe;

fn main() {
    let samples: Vec<(String, Box<dyn ApiError>)> = AiSquareError::samples()
        .into_iter()
        .map(|e| (format!("{e:?}"), Box::new(e) as Box<dyn ApiError>))
        .collect();
    for (n, (name, error)) in samples.iter().enumerate() {
        let request_id = format!("req_{n:04}");
        let ctx = RenderContext::new().with_request_id(&request_id);
        println!("=== {name}\n(Display, logged only: {error})");
        println!("{}", describe(error.as_ref(), &ctx));
    }
}
