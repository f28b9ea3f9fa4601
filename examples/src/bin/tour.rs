//! Prints, for every variant of the scan API's error enum, the HTTP response it becomes and the
//! retry guidance a client gets.

use errspec::ApiError;
use errspec_examples::scan::ScanError;
use errspec_examples::wire::print_all;

fn main() {
    let samples = ScanError::samples();
    print_all(
        samples.iter().map(|e| e as &dyn ApiError),
        Some("/api/v1/governance/scan"),
    );
}
