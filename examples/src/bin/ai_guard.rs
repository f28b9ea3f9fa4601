//! Prints every error of the AI Guard seed API as the HTTP response it becomes, with its retry guidance.

use errspec::ApiError;
use errspec_examples::seeds::ai_guard::{ClassificationError, MetricsError};
use errspec_examples::wire::print_all;

fn main() {
    let classification = ClassificationError::samples();
    let metrics = MetricsError::samples();
    let errors = classification.iter().map(|e| e as &dyn ApiError);
    print_all(errors.chain(metrics.iter().map(|e| e as &dyn ApiError)), None);
}
