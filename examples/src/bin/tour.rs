//! Prints, for every variant of the scan API's error enum, the HTTP response it becomes and the
//! retry guidance a client gets.

use errspec::RenderContext;
use errspec_examples::scan::ScanError;
use errspec_examples::wire::describe;

fn main() {
    for (n, error) in ScanError::samples().iter().enumerate() {
        let request_id = format!("req_{n:04}");
        let ctx = RenderContext::new()
            .with_request_id(&request_id)
            .with_instance("/api/v1/governance/scan");
        println!(
            "=== ScanError::{:?} (Display, logged only: {error})",
            error.kind()
        );
        println!("{}", describe(error, &ctx));
    }
}
