//! Prints every error of the TruthVouch seed API as the HTTP response it becomes, with its retry guidance.

use errspec::ApiError;
use errspec_examples::seeds::truthvouch::TruthVouchError;
use errspec_examples::wire::print_all;

fn main() {
    let samples = TruthVouchError::samples();
    print_all(samples.iter().map(|e| e as &dyn ApiError), None);
}
