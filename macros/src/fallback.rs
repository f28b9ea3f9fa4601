//! What the derive emits beside its errors: the same items with `unreachable!()` bodies, so
//! that code using the type sees the one real error instead of a cascade of missing impls.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Container, Variant};
use crate::expand::{Paths, kind_enum, kind_impls};

pub fn expand(cont: &Container) -> TokenStream {
    let paths = Paths::new(cont);
    let p = &paths.private;
    let import = &paths.import;
    let envelope = &paths.envelope;
    let ident = cont.ident;
    let kind = cont.kind_ident();
    let vis = cont.vis;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let codes: Vec<String> = cont.variants.iter().map(Variant::code).collect();
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    let kind_enum = kind_enum(cont, &kind, &codes);
    let kind_impls = kind_impls(cont, &kind, p, &quote!(self as usize));
    quote! {
        #kind_enum

        #[allow(unreachable_code, clippy::all, clippy::pedantic)]
        const _: () = {
            #import
            static __SPECS: [#p::ErrorSpec; 0] = [];

            impl #impl_generics #p::ApiError for #ident #ty_generics #where_clause {
                fn spec(&self) -> &'static #p::ErrorSpec {
                    ::core::unreachable!()
                }
                fn public_message(&self) -> #p::std::borrow::Cow<'_, str> {
                    ::core::unreachable!()
                }
                fn to_response_with(&self, _: &#p::RenderContext<'_>) -> #p::http::Response<#p::std::vec::Vec<u8>> {
                    ::core::unreachable!()
                }
            }

            impl #impl_generics #p::Catalog for #ident #ty_generics #where_clause {
                type Kind = #kind;
                type Envelope = #envelope;
                const NAME: &'static str = "";
                const DOC: &'static str = "";
                fn specs() -> &'static [#p::ErrorSpec] {
                    ::core::unreachable!()
                }
            }

            impl #impl_generics #ident #ty_generics #where_clause {
                #vis fn kind(&self) -> #kind {
                    ::core::unreachable!()
                }
            }

            #kind_impls
        };
    }
}
