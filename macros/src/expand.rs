//! Code generation. Everything goes through `::errspec::__private` (or `#[api(crate = ...)]`),
//! so generated code compiles under `#![no_implicit_prelude]` and with renamed dependencies.

use std::collections::HashMap;

use proc_macro2::{Delimiter, Group, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt as _;
use syn::{DeriveInput, Ident, LitStr, Member};

use crate::ast::{Container, Field, Message, Style, Variant};
use crate::attr::{EnvelopeAttr, FieldAttrs, RetryValue};
use crate::ctxt::Ctxt;
use crate::text::{self, FieldRef};
use crate::{attr, fallback, valid};

pub fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::default();
    let cont = match Container::from_syn(&cx, input) {
        Ok(cont) => cont,
        Err(error) => return error.to_compile_error(),
    };
    valid::check(&cx, &cont);
    match cx.check() {
        Ok(()) => expand(&cont),
        Err(error) => {
            let mut tokens = error.to_compile_error();
            tokens.extend(fallback::expand(&cont));
            tokens
        }
    }
}

/// `text` as a string literal token. `Literal::string` escapes it a character at a time
/// (`char::escape_debug`, each pushed on its own), which made string literals a fifth of the
/// expansion time; ASCII text, all that codes, URIs and most docs and messages hold, is escaped
/// here in runs and the quoted form lexed, giving the same token.
pub fn string_literal(text: &str) -> Literal {
    if !text.is_ascii() {
        return Literal::string(text);
    }
    let mut quoted = String::with_capacity(text.len() + 2 + text.len() / 8);
    quoted.push('"');
    let mut run = 0;
    for (i, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            // Other control characters: `\0`, `\u{1}`, ... as `Literal::string` writes them.
            0..0x20 | 0x7f => return Literal::string(text),
            _ => continue,
        };
        quoted.push_str(&text[run..i]);
        quoted.push_str(escape);
        run = i + 1;
    }
    quoted.push_str(&text[run..]);
    quoted.push('"');
    quoted.parse().unwrap_or_else(|_| Literal::string(text))
}

/// The input's string literal as a token of the output: a copy of its token, not escaped
/// again, unless it carries a suffix (`"text"suffix` lexes, but is no `&str` expression).
fn copy_literal(lit: &LitStr) -> Literal {
    if lit.suffix().is_empty() {
        lit.token()
    } else {
        string_literal(&attr::value(lit))
    }
}

/// `text` as a JSON string (escaped as the runtime writer escapes), as a string literal token.
/// Text with nothing to escape in either language, as codes, URIs and most messages, is quoted
/// directly.
pub fn json_literal(text: &str) -> Literal {
    if !text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\')
    {
        return string_literal(&text::json_string(text));
    }
    let mut quoted = String::with_capacity(text.len() + 6);
    for part in ["\"\\\"", text, "\\\"\""] {
        quoted.push_str(part);
    }
    quoted
        .parse()
        .unwrap_or_else(|_| string_literal(&text::json_string(text)))
}

/// Paths the generated code is written against.
pub struct Paths {
    /// `__errspec`: the one-token alias of `::errspec::__private` that the generated items use
    /// (a path repeated dozens of times per variant costs expansion time).
    pub private: Ident,
    /// `use ::errspec::__private as __errspec;`, first in the generated `const _` block, with
    /// the one-token aliases `__None`, `__Some`, `__Cow` and `__Ok` (names that cannot shadow
    /// the deriving type's own).
    pub import: TokenStream,
    pub envelope: TokenStream,
}

impl Paths {
    pub fn new(cont: &Container) -> Self {
        let krate = match &cont.attrs.krate {
            Some(path) => quote!(#path),
            None => quote!(::errspec),
        };
        let envelope = match &cont.attrs.envelope {
            None | Some(EnvelopeAttr::Builtin("problem")) => quote!(#krate::envelope::Problem),
            Some(EnvelopeAttr::Builtin(name)) => {
                let ty = Ident::new(&camel_case(name), Span::call_site());
                quote!(#krate::envelope::#ty)
            }
            Some(EnvelopeAttr::Custom(path)) => quote!(#path),
        };
        Paths {
            private: format_ident!("__errspec"),
            import: quote! {
                #[allow(unused_imports)]
                use #krate::__private::{
                    self as __errspec, None as __None, Some as __Some, std::borrow::Cow as __Cow,
                    core::result::Result::Ok as __Ok,
                };
            },
            envelope,
        }
    }
}

fn expand(cont: &Container) -> TokenStream {
    let paths = Paths::new(cont);
    let p = &paths.private;
    let import = &paths.import;
    let envelope = &paths.envelope;
    let ident = cont.ident;
    let kind = cont.kind_ident();
    let vis = cont.vis;
    let (impl_generics, ty_generics, where_clause) = cont.generics.split_for_impl();
    let name = string_literal(&ident.unraw().to_string());
    let doc = string_literal(&cont.doc);
    let count = cont.variants.len();
    let rows = rows(cont);
    let docs_url = cont.attrs.docs_url.as_ref().map(attr::value);

    // Each list is built by moving the pieces in and wrapped in its group whole: interpolating
    // a built stream with `quote!` would copy every token of it again.
    let mut specs = TokenStream::new();
    let mut titles = Titles::default();
    let mut row_arms = TokenStream::new();
    // `quote!` lexes each `$` from text, at a cost of hundreds of tokens: made once.
    let dollar = Punct::new('$', Spacing::Alone);
    for row in &rows {
        spec(&mut specs, row, docs_url.as_deref(), &mut titles, p);
        let pat = &row.pattern;
        let index = row.wire;
        row_arms.extend(quote!(#pat => { const #dollar row: usize = #index; #dollar body }));
    }
    let specs = Group::new(Delimiter::Bracket, specs);
    let row_arms = Group::new(Delimiter::Brace, row_arms);
    let message = message_methods(cont, &rows, p);
    let hooks = field_hooks(cont, p);
    let codes: Vec<&str> = rows.iter().map(|row| row.code.as_str()).collect();
    let kind_enum = kind_enum(cont, &kind, &codes);
    let (kind_row, row_kind, kind_tables) = kind_rows(&rows);
    let kind_impls = kind_impls(cont, &kind, p, &kind_row);
    let kind_body = if count == 0 {
        quote!(match *self {})
    } else {
        quote!(__by_row!(*self, ROW => const { #kind::ALL[#row_kind] }))
    };

    quote! {
        #kind_enum

        #[doc(hidden)]
        #[allow(non_upper_case_globals)]
        const _: () = {
            #import
            const __TABLE: [#p::ErrorSpec; #count] = #specs;
            static __SPECS: [#p::ErrorSpec; #count] = __TABLE;
            #kind_tables

            // `__by_row!(*self, ROW => body)`: a `match` with an arm per variant that declares
            // `ROW`, the spec row the variant is sent as, a constant. The lookups below put a
            // constant in each arm, as a hand-written `match` has, rather than read the row
            // chosen at run time, so that they compile to the same jump or lookup table; the arms
            // are written once for all of them.
            macro_rules! __by_row {
                ($this:expr, $row:ident => $body:expr) => {
                    match $this #row_arms
                };
            }

            #[automatically_derived]
            impl #impl_generics #p::ApiError for #ident #ty_generics #where_clause {
                fn spec(&self) -> &'static #p::ErrorSpec {
                    __by_row!(*self, ROW => &__SPECS[ROW])
                }
                #[inline]
                fn status(&self) -> #p::http::StatusCode {
                    __by_row!(*self, ROW => const { __TABLE[ROW].status })
                }
                #[inline]
                fn code(&self) -> &'static str {
                    __by_row!(*self, ROW => const { __TABLE[ROW].code })
                }
                #[inline]
                fn retry(&self) -> #p::Retry {
                    __by_row!(*self, ROW => const { __TABLE[ROW].retry })
                }
                #message
                #hooks
                fn to_response_with(&self, ctx: &#p::RenderContext<'_>) -> #p::http::Response<#p::std::vec::Vec<u8>> {
                    #p::render::<#envelope, Self>(self, ctx)
                }
            }

            #[automatically_derived]
            impl #impl_generics #p::Catalog for #ident #ty_generics #where_clause {
                type Kind = #kind;
                type Envelope = #envelope;
                const NAME: &'static str = #name;
                const DOC: &'static str = #doc;
                fn specs() -> &'static [#p::ErrorSpec] {
                    &__SPECS
                }
            }

            #[automatically_derived]
            impl #impl_generics #ident #ty_generics #where_clause {
                /// The fieldless kind of this error: what a client decodes it as.
                #vis fn kind(&self) -> #kind {
                    #kind_body
                }
            }

            #kind_impls

            #p::integrations! { [#impl_generics] [#ident #ty_generics] [#where_clause] }
        };
    }
}

/// One variant as the generated code uses it, resolved once for every `match` that has an arm
/// for it.
struct Row<'c, 'a> {
    variant: &'c Variant<'a>,
    /// The spec row it is sent as: its own, or its `conceal_as` target's.
    wire: usize,
    /// The pattern that binds no field: `Self::V`, `Self::V { .. }`, `Self::V(..)`.
    pattern: TokenStream,
    code: String,
    /// `code` as a string literal, made once for the several places that name it.
    code_literal: Literal,
    message: Message,
    /// Whether `message` is a constant that is the spec row's `message` too.
    message_in_spec: bool,
}

fn rows<'c, 'a>(cont: &'c Container<'a>) -> Vec<Row<'c, 'a>> {
    // `conceal_as` targets by name, for the enums that have any.
    let mut positions: HashMap<&Ident, usize> = HashMap::new();
    if cont.variants.iter().any(|v| v.conceal_as().is_some()) {
        for (index, v) in cont.variants.iter().enumerate() {
            positions.entry(v.ident).or_insert(index);
        }
    }
    cont.variants
        .iter()
        .enumerate()
        .map(|(index, v)| {
            let code = v.code();
            let message = v.message();
            let message_in_spec = match &message {
                Message::Constant(text) => match v.message_doc() {
                    Some(doc) => *text == attr::value(doc),
                    None => *text == v.title(),
                },
                Message::Template(..) | Message::Display => false,
            };
            Row {
                variant: v,
                wire: v
                    .conceal_as()
                    .and_then(|target| positions.get(target).copied())
                    .unwrap_or(index),
                pattern: pattern(cont, v, &[]),
                code_literal: v
                    .declared_code()
                    .map_or_else(|| string_literal(&code), copy_literal),
                code,
                message,
                message_in_spec,
            }
        })
        .collect()
}

/// How a kind and its spec row find each other: the expression for a kind's row (of `self`),
/// the one for the kind of the row `ROW`, and the tables they read, if any. A kind's row is
/// its discriminant, unless concealed variants, which have no kind, leave rows out: then a
/// table maps one to the other each way.
fn kind_rows(rows: &[Row]) -> (TokenStream, TokenStream, TokenStream) {
    if rows.iter().all(|row| row.variant.conceal_as().is_none()) {
        return (quote!(self as usize), quote!(ROW), TokenStream::new());
    }
    let mut kind_rows = TokenStream::new();
    let mut row_kinds = TokenStream::new();
    let mut kinds = 0usize;
    for (index, row) in rows.iter().enumerate() {
        row_kinds.extend(quote!(#kinds,));
        if row.variant.conceal_as().is_none() {
            kind_rows.extend(quote!(#index,));
            kinds += 1;
        }
    }
    let count = rows.len();
    let kind_rows = Group::new(Delimiter::Bracket, kind_rows);
    let row_kinds = Group::new(Delimiter::Bracket, row_kinds);
    (
        quote!(__KIND_ROWS[self as usize]),
        quote!(__ROW_KINDS[ROW]),
        quote! {
            static __KIND_ROWS: [usize; #kinds] = #kind_rows;
            const __ROW_KINDS: [usize; #count] = #row_kinds;
        },
    )
}

/// `match self { arms }`, or `match *self {}` when there are no variants.
fn match_self(arms: TokenStream) -> TokenStream {
    if arms.is_empty() {
        return quote!(match *self {});
    }
    let arms = Group::new(Delimiter::Brace, arms);
    quote!(match self #arms)
}

/// The `ErrorSpec` row of one variant, with its trailing comma, written to `out`: a
/// `spec_row(...)` call with the values every variant has, then a `with_*` call for each key
/// this variant sets (the others default, some from the status). `docs_url` is the type's
/// `docs_url` template, if any.
fn spec(out: &mut TokenStream, row: &Row, docs_url: Option<&str>, titles: &mut Titles, p: &Ident) {
    let v = row.variant;
    let status = v.status_code().unwrap_or(500);
    let code = &row.code;
    let (title, json_title) = match v.declared_title() {
        Some(title) => {
            let json = json_literal(&attr::value(title));
            (copy_literal(title), json)
        }
        None => titles.canonical(status, || v.title()),
    };
    // Literals the input holds already are copied, not escaped again.
    let message_doc = v.message_doc().map_or_else(|| title.clone(), copy_literal);
    let type_uri = docs_url.map_or_else(|| "about:blank".to_owned(), |url| url.replace("{code}", code));
    let args = [
        string_literal(&v.ident.unraw().to_string()),
        Literal::u16_suffixed(status),
        row.code_literal.clone(),
        title,
        message_doc,
        string_literal(&v.doc),
        string_literal(&type_uri),
        json_literal(code),
        json_title,
        json_literal(&type_uri),
    ];
    // Moved into the call rather than interpolated, which would copy each.
    let args: TokenStream = args
        .into_iter()
        .flat_map(|arg| [TokenTree::Literal(arg), Punct::new(',', Spacing::Alone).into()])
        .collect();
    let args = Group::new(Delimiter::Parenthesis, args);
    out.extend(quote!(#p::spec_row #args));
    if let Some(attr) = &v.status {
        if let Some(cause) = &attr.cause {
            out.extend(quote!(.with_cause(#cause)));
        }
        if let Some(resolution) = &attr.resolution {
            out.extend(quote!(.with_resolution(#resolution)));
        }
        if let Some(retry) = &attr.retry {
            let retry = retry_tokens(retry.value, p);
            out.extend(quote!(.with_retry(#retry)));
        }
        if let Some(action) = &attr.action {
            let action = Ident::new(&camel_case(action.value), action.span);
            out.extend(quote!(.with_action(#p::Action::#action)));
        }
        if let Some(grpc) = &attr.grpc {
            let grpc = Ident::new(&camel_case(&grpc.value.to_ascii_lowercase()), grpc.span);
            out.extend(quote!(.with_grpc(#p::GrpcCode::#grpc)));
        }
    }
    let mut headers = Vec::new();
    let mut exposed = Vec::new();
    let mut top_level = Vec::new();
    for field in &v.fields {
        if field.attrs.retry_after.is_some() {
            headers.push(string_literal("Retry-After"));
        }
        if let Some(header) = &field.attrs.header {
            headers.push(string_literal(&attr::value(header)));
        }
        if let Some(name) = exposed_name(field) {
            exposed.push(string_literal(&name));
        }
        if let Some(top) = &field.attrs.top_level {
            top_level.push(string_literal(&attr::value(top)));
        }
    }
    if !headers.is_empty() {
        out.extend(quote!(.with_headers(&[#(#headers),*])));
    }
    if !exposed.is_empty() {
        out.extend(quote!(.with_exposed(&[#(#exposed),*])));
    }
    if !top_level.is_empty() {
        out.extend(quote!(.with_top_level(&[#(#top_level),*])));
    }
    if v.field(|a| a.violations.is_some()).is_some() {
        out.extend(quote!(.with_violations()));
    }
    if let Some(target) = v.conceal_as() {
        let target = string_literal(&target.to_string());
        out.extend(quote!(.with_conceal_as(#target)));
    }
    if let Message::Constant(text) = &row.message {
        let json_message = json_literal(text);
        out.extend(quote!(.with_json_message(#json_message)));
    }
    out.extend(quote!(,));
}

/// The canonical title literals and their JSON forms, made once per status.
#[derive(Default)]
struct Titles(HashMap<u16, (Literal, Literal)>);

impl Titles {
    fn canonical(&mut self, status: u16, title: impl FnOnce() -> String) -> (Literal, Literal) {
        self.0
            .entry(status)
            .or_insert_with(|| {
                let title = title();
                (string_literal(&title), json_literal(&title))
            })
            .clone()
    }
}

fn retry_tokens(retry: RetryValue, p: &Ident) -> TokenStream {
    // `Duration::new` leaves clippy's unit-choice lints nothing to object to in user crates.
    let duration = |d: std::time::Duration| {
        let (secs, nanos) = (d.as_secs(), d.subsec_nanos());
        quote!(#p::core::time::Duration::new(#secs, #nanos))
    };
    match retry {
        RetryValue::Never => quote!(#p::Retry::Never),
        RetryValue::After { default: None } => quote!(#p::Retry::After { fallback: #p::Backoff::STANDARD }),
        RetryValue::After { default: Some(wait) } => {
            let wait = duration(wait);
            quote!(#p::Retry::After { fallback: #p::Backoff { base: #wait, factor: 1, max_delay: #wait, attempts: 3, jitter: #p::Jitter::None } })
        }
        RetryValue::Backoff(b) => {
            let mut fields = Vec::new();
            if let Some(base) = b.base {
                let base = duration(base);
                fields.push(quote!(base: #base));
            }
            if let Some(max) = b.max {
                let max = duration(max);
                fields.push(quote!(max_delay: #max));
            }
            if let Some(attempts) = b.attempts {
                fields.push(quote!(attempts: #attempts));
            }
            if let Some(factor) = b.factor {
                fields.push(quote!(factor: #factor));
            }
            if let Some(jitter) = b.jitter {
                let jitter = Ident::new(&camel_case(jitter), Span::call_site());
                fields.push(quote!(jitter: #p::Jitter::#jitter));
            }
            // With all five fields given, `..STANDARD` would trip clippy's `needless_update`.
            let rest = (fields.len() < 5).then(|| quote!(..#p::Backoff::STANDARD));
            quote!(#p::Retry::Backoff(#p::Backoff { #(#fields,)* #rest }))
        }
        RetryValue::Fixed { delay, attempts } => {
            let delay = duration(delay);
            quote!(#p::Retry::Fixed { delay: #delay, attempts: #attempts })
        }
    }
}

/// `public_message` and `write_public_message`, one arm per variant.
fn message_methods(cont: &Container, rows: &[Row], p: &Ident) -> TokenStream {
    if cont.variants.is_empty() {
        return quote! {
            fn public_message(&self) -> #p::std::borrow::Cow<'_, str> { match *self {} }
        };
    }
    let mut owned_arms = TokenStream::new();
    let mut write_arms = TokenStream::new();
    // Messages that are the spec's own `message` share one `_` arm that reads it from the spec.
    let mut from_spec = false;
    for row in rows {
        let v = row.variant;
        let source = &rows[row.wire];
        if source.message_in_spec {
            from_spec = true;
            continue;
        }
        let (bindings, owned, write) = match &source.message {
            Message::Constant(text) => {
                let text = string_literal(text);
                (
                    Vec::new(),
                    quote!(__Cow::Borrowed(#text)),
                    quote!(out.write_str(#text)),
                )
            }
            Message::Template(template, span) => {
                let mut format = string_literal(&template.format);
                format.set_span(*span);
                let bindings: Vec<&Field> = template.fields.iter().filter_map(|f| field_for(v, f)).collect();
                (
                    bindings,
                    quote!(__Cow::Owned(#p::std::format!(#format))),
                    quote!(out.write_fmt(#p::core::format_args!(#format))),
                )
            }
            Message::Display if std::ptr::eq(source, row) => (
                Vec::new(),
                quote!(__Cow::Owned(#p::std::string::ToString::to_string(self))),
                quote!(out.write_fmt(#p::core::format_args!("{}", self))),
            ),
            Message::Display => {
                let target = source.variant.ident;
                (
                    Vec::new(),
                    quote!(__Cow::Owned(#p::std::string::ToString::to_string(&Self::#target))),
                    quote!(out.write_fmt(#p::core::format_args!("{}", Self::#target))),
                )
            }
        };
        let bound;
        let pat = if bindings.is_empty() {
            &row.pattern
        } else {
            bound = pattern(cont, v, &bindings);
            &bound
        };
        owned_arms.extend(quote!(#pat => #owned,));
        write_arms.extend(quote!(#pat => #write,));
    }
    let owned_spec = quote!(__Cow::Borrowed(#p::ApiError::spec(self).message));
    let write_spec = quote!(out.write_str(#p::ApiError::spec(self).message));
    let (owned_body, write_body) = match (owned_arms.is_empty(), from_spec) {
        (true, _) => (owned_spec, write_spec),
        (false, true) => {
            owned_arms.extend(quote!(_ => #owned_spec,));
            write_arms.extend(quote!(_ => #write_spec,));
            (match_self(owned_arms), match_self(write_arms))
        }
        (false, false) => (match_self(owned_arms), match_self(write_arms)),
    };
    quote! {
        fn public_message(&self) -> #p::std::borrow::Cow<'_, str> {
            #owned_body
        }
        fn write_public_message(&self, out: &mut dyn #p::core::fmt::Write) -> #p::core::fmt::Result {
            #write_body
        }
    }
}

/// The hooks that read marked fields: only generated where some variant has such a field.
fn field_hooks(cont: &Container, p: &Ident) -> TokenStream {
    // One arm per variant: `body` of the marked fields, or `empty` where there are none.
    let arms = |pick: &dyn Fn(&FieldAttrs) -> bool,
                empty: TokenStream,
                each: &dyn Fn(&Field, &Ident) -> TokenStream|
     -> Option<TokenStream> {
        // Arms for the variants with such fields, one `_` arm for all the others: fewer
        // tokens to expand and compile than an arm per variant.
        let mut rest = false;
        let mut arms = TokenStream::new();
        for v in &cont.variants {
            let fields: Vec<&Field> = if v.conceal_as().is_some() {
                Vec::new()
            } else {
                v.fields.iter().filter(|f| pick(&f.attrs)).collect()
            };
            if fields.is_empty() {
                rest = true;
                continue;
            }
            let pat = pattern(cont, v, &fields);
            let mut body = TokenStream::new();
            for f in &fields {
                body.extend(each(f, &binding(f)));
            }
            let body = Group::new(Delimiter::Brace, body);
            arms.extend(quote!(#pat => #body));
        }
        if arms.is_empty() {
            return None;
        }
        if rest {
            arms.extend(quote!(_ => #empty,));
        }
        Some(match_self(arms))
    };
    let none = quote!(__None);
    let mut out = TokenStream::new();
    if let Some(arms) = arms(
        &|a| a.retry_after.is_some(),
        none,
        &|f, b| quote_spanned!(f.span=> #p::RetryAfterField::retry_after_value(#b)),
    ) {
        out.extend(quote! {
            fn retry_after(&self) -> #p::core::option::Option<#p::core::time::Duration> {
                #arms
            }
        });
    }
    if let Some(arms) = arms(
        &|a| a.violations.is_some(),
        quote!({}),
        &|f, b| quote_spanned!(f.span=> for violation in #p::core::iter::IntoIterator::into_iter(#b) { visit(violation); }),
    ) {
        out.extend(quote! {
            fn for_each_violation(&self, visit: &mut dyn #p::core::ops::FnMut(&#p::Violation)) {
                #arms
            }
        });
    }
    if let Some(arms) = arms(&|a| a.header.is_some(), quote!({}), &|f, b| {
        let name = f
            .attrs
            .header
            .as_ref()
            .map(|h| attr::value(h).to_ascii_lowercase())
            .unwrap_or_default();
        let name = string_literal(&name);
        quote_spanned!(f.span=> visit(&const { #p::http::HeaderName::from_static(#name) }, #b);)
    }) {
        out.extend(quote! {
            fn for_each_header(&self, visit: &mut dyn #p::core::ops::FnMut(&#p::http::HeaderName, &dyn #p::core::fmt::Display)) {
                #arms
            }
        });
    }
    if let Some(arms) = arms(&|a| a.expose.is_some(), quote!({}), &|f, b| {
        let name = string_literal(&exposed_name(f).unwrap_or_default());
        quote_spanned!(f.span=> members.member(#name, #b);)
    }) {
        out.extend(quote! {
            fn write_exposed(&self, members: &mut #p::BodyWriter<'_>) {
                #arms
            }
        });
    }
    if let Some(arms) = arms(&|a| a.top_level.is_some(), quote!({}), &|f, b| {
        let name = string_literal(&f.attrs.top_level.as_ref().map(attr::value).unwrap_or_default());
        quote_spanned!(f.span=> members.member(#name, #b);)
    }) {
        out.extend(quote! {
            fn write_top_level(&self, members: &mut #p::BodyWriter<'_>) {
                #arms
            }
        });
    }
    out
}

/// The generated fieldless kind enum (every variant that has its own wire form).
/// `codes` holds each variant's wire code, in declaration order.
pub fn kind_enum(cont: &Container, kind: &Ident, codes: &[&str]) -> TokenStream {
    let vis = cont.vis;
    let ident = cont.ident;
    let doc = format!("The kinds of [`{ident}`] a client can receive: one per code.");
    let mut variants = TokenStream::new();
    for (v, code) in cont.variants.iter().zip(codes) {
        if v.conceal_as().is_none() {
            let name = v.ident;
            let first_line = v.doc.lines().next().unwrap_or("");
            let mut doc = String::with_capacity(code.len() + first_line.len() + 4);
            for part in ["`", code, "`: ", first_line] {
                doc.push_str(part);
            }
            let doc = string_literal(&doc);
            variants.extend(quote!(#[doc = #doc] #name,));
        }
    }
    let variants = Group::new(Delimiter::Brace, variants);
    quote! {
        #[doc = #doc]
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::fmt::Debug)]
        #vis enum #kind #variants
    }
}

/// Inherent and trait impls of the kind enum. `row` is the expression, of `self`, for the kind's
/// row in `__SPECS`: its methods read the table rather than match on the kind, which would
/// cost an arm per variant to expand and compile.
pub fn kind_impls(cont: &Container, kind: &Ident, p: &Ident, row: &TokenStream) -> TokenStream {
    let mut all = TokenStream::new();
    for v in &cont.variants {
        if v.conceal_as().is_none() {
            let name = v.ident;
            all.extend(quote!(Self::#name,));
        }
    }
    let kind_name = string_literal(&kind.to_string());
    let all = Group::new(Delimiter::Bracket, all);
    quote! {
        #[automatically_derived]
        impl #kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Self] = &#all;

            /// The wire code.
            pub const fn as_str(self) -> &'static str {
                __SPECS[#row].code
            }

            /// The compile-time description of this kind.
            pub fn spec(self) -> &'static #p::ErrorSpec {
                &__SPECS[#row]
            }

            /// HTTP status.
            pub fn status(self) -> #p::http::StatusCode {
                self.spec().status
            }

            /// Retry guidance.
            pub fn retry(self) -> #p::Retry {
                self.spec().retry
            }
        }

        #[automatically_derived]
        impl #p::ErrorKind for #kind {
            const ALL: &'static [Self] = Self::ALL;
            fn spec(self) -> &'static #p::ErrorSpec {
                Self::spec(self)
            }
            fn as_str(self) -> &'static str {
                Self::as_str(self)
            }
        }

        #[automatically_derived]
        impl #p::core::str::FromStr for #kind {
            type Err = #p::UnknownCode;
            fn from_str(code: &str) -> #p::core::result::Result<Self, Self::Err> {
                match <Self as #p::ErrorKind>::from_code(code) {
                    __Some(kind) => __Ok(kind),
                    __None => #p::core::result::Result::Err(#p::UnknownCode {
                        code: #p::std::borrow::ToOwned::to_owned(code),
                        kind: #kind_name,
                    }),
                }
            }
        }

        #[automatically_derived]
        impl #p::core::fmt::Display for #kind {
            fn fmt(&self, f: &mut #p::core::fmt::Formatter<'_>) -> #p::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

/// `Self::V { a, .. }`, `Self::V(_, __field1, ..)`, `Self::V`, or `Self { .. }` for a struct,
/// binding exactly `fields`.
pub fn pattern(cont: &Container, v: &Variant, fields: &[&Field]) -> TokenStream {
    // The fields' group is appended to the path, not the path interpolated (which copies it).
    let mut pattern = if cont.is_struct {
        quote!(Self)
    } else {
        let ident = v.ident;
        quote!(Self::#ident)
    };
    let fields = match v.style {
        Style::Unit => return pattern,
        Style::Named => {
            let names = fields.iter().map(|f| &f.member);
            Group::new(Delimiter::Brace, quote!(#(#names,)* ..))
        }
        Style::Tuple => {
            let last = fields.iter().filter_map(|f| index_of(&f.member)).max();
            let slots = (0..last.map_or(0, |l| l + 1)).map(|i| {
                match fields.iter().find(|f| index_of(&f.member) == Some(i)) {
                    Some(f) => {
                        let b = binding(f);
                        quote!(#b)
                    }
                    None => quote!(_),
                }
            });
            Group::new(Delimiter::Parenthesis, quote!(#(#slots,)* ..))
        }
    };
    pattern.extend([TokenTree::Group(fields)]);
    pattern
}

fn index_of(member: &Member) -> Option<usize> {
    match member {
        Member::Unnamed(index) => Some(index.index as usize),
        Member::Named(_) => None,
    }
}

fn binding(field: &Field) -> Ident {
    match &field.member {
        Member::Named(ident) => ident.clone(),
        Member::Unnamed(index) => format_ident!("__field{}", index.index, span = field.span),
    }
}

fn field_for<'v>(v: &'v Variant, field: &FieldRef) -> Option<&'v Field> {
    v.fields.iter().find(|f| match (&f.member, field) {
        (Member::Named(ident), FieldRef::Named(name)) => ident == name,
        (Member::Unnamed(index), FieldRef::Index(i)) => index.index as usize == *i,
        _ => false,
    })
}

fn exposed_name(field: &Field) -> Option<String> {
    let expose = field.attrs.expose.as_ref()?;
    if !expose.value.is_empty() {
        return Some(expose.value.clone());
    }
    match &field.member {
        Member::Named(ident) => Some(ident.to_string().trim_start_matches("r#").to_owned()),
        Member::Unnamed(_) => None,
    }
}

/// `fix_request` -> `FixRequest`, `code_message` -> `CodeMessage`.
fn camel_case(snake: &str) -> String {
    snake
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}
