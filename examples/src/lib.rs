//! Error types of the example APIs, and a printer that shows a response as it goes on the wire.

pub mod scan;
pub mod seeds;
pub mod wire;
