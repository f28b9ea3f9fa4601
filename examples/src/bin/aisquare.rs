//! Prints every error of the AISquare seed API as the HTTP response it becomes, with its retry guidance.

use errspec::ApiError;
use errspec_examples::seeds::aisquare::AiSquareError;
use errspec_examples::wire::print_all;

fn main() {
    let samples = AiSquareError::samples();
    print_all(samples.iter().map(|e| e as &dyn ApiError), None);
}
