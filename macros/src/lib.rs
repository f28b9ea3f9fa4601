//! The derive behind `errspec`. Depend on `errspec`, which re-exports it.

mod ast;
mod attr;
mod ctxt;
mod expand;
mod fallback;
#[cfg(test)]
mod fuzz;
mod text;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `errspec::ApiError` and `errspec::Catalog`, and generates the `Kind` enum. See the
/// `errspec` crate documentation for the attribute reference.
#[proc_macro_derive(ApiError, attributes(status, api))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive(&input).into()
}
