//! The derive input as errspec sees it: a list of variants (a struct is one variant), each
//! with its parsed attributes, borrowing the `syn` tree so errors keep the original spans.

use proc_macro2::Span;
use quote::format_ident;
use syn::ext::IdentExt as _;
use syn::spanned::Spanned as _;
use syn::{DeriveInput, Fields, Generics, Ident, LitStr, Member, Visibility};

use crate::attr::{self, DisplayAttr, FieldAttrs, StatusAttr, TypeAttrs};
use crate::ctxt::Ctxt;
use crate::text::{self, Template};

pub struct Container<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub generics: &'a Generics,
    pub attrs: TypeAttrs,
    pub doc: String,
    pub is_struct: bool,
    pub variants: Vec<Variant<'a>>,
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    pub status: Option<StatusAttr>,
    pub doc: String,
    pub display: Option<DisplayAttr>,
    pub style: Style,
    pub fields: Vec<Field>,
}

pub enum Message {
    /// The same text for every value.
    Constant(String),
    /// A `message = "..."` template reading fields, with the literal's span.
    Template(Template, Span),
    /// The type's `Display` (4xx only).
    Display,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    Tuple,
    Named,
}

pub struct Field {
    pub member: Member,
    pub attrs: FieldAttrs,
    pub span: Span,
}

const STATUS_ON_ENUM: &str = "on an enum, each variant declares its own #[status(...)]";
const API_ON_VARIANT: &str =
    "variant keys go in #[status(...)]; #[api(...)] belongs on the type or on a field";
const STATUS_ON_FIELD: &str = "#[status(...)] belongs on a variant or on a struct";

impl<'a> Container<'a> {
    /// Parses everything it can, reporting attribute errors to `cx`. Fails only on a union,
    /// which has no variants to describe.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> syn::Result<Self> {
        let attrs = attr::type_attrs(cx, &input.attrs);
        let doc = attr::doc(&input.attrs);
        let (is_struct, variants) = match &input.data {
            syn::Data::Enum(data) => {
                attr::misplaced(cx, &input.attrs, "status", STATUS_ON_ENUM);
                let variants = data
                    .variants
                    .iter()
                    .map(|v| {
                        attr::misplaced(cx, &v.attrs, "api", API_ON_VARIANT);
                        Variant::from_syn(cx, &v.ident, &v.attrs, &v.fields)
                    })
                    .collect();
                (false, variants)
            }
            syn::Data::Struct(data) => (
                true,
                vec![Variant::from_syn(cx, &input.ident, &input.attrs, &data.fields)],
            ),
            syn::Data::Union(data) => {
                return Err(syn::Error::new(
                    data.union_token.span,
                    "#[derive(ApiError)] does not support unions: use an enum or a struct",
                ));
            }
        };
        Ok(Container {
            ident: &input.ident,
            vis: &input.vis,
            generics: &input.generics,
            attrs,
            doc,
            is_struct,
            variants,
        })
    }

    /// The generated kind enum's name: `#[api(kind = ...)]` or `{Type}Kind`.
    pub fn kind_ident(&self) -> Ident {
        self.attrs
            .kind
            .clone()
            .unwrap_or_else(|| format_ident!("{}Kind", self.ident.unraw(), span = self.ident.span()))
    }

    pub fn index_of(&self, ident: &Ident) -> Option<usize> {
        self.variants.iter().position(|v| v.ident == ident)
    }
}

impl<'a> Variant<'a> {
    /// On a struct, `attrs` are the type's own: its `#[status]`, `#[error]` and doc comment.
    fn from_syn(cx: &Ctxt, ident: &'a Ident, attrs: &[syn::Attribute], fields: &'a Fields) -> Self {
        let style = match fields {
            Fields::Unit => Style::Unit,
            Fields::Unnamed(_) => Style::Tuple,
            Fields::Named(_) => Style::Named,
        };
        let fields = fields
            .iter()
            .enumerate()
            .map(|(index, field)| {
                attr::misplaced(cx, &field.attrs, "status", STATUS_ON_FIELD);
                Field {
                    member: field
                        .ident
                        .clone()
                        .map_or_else(|| Member::from(index), Member::Named),
                    attrs: attr::field_attrs(cx, &field.attrs),
                    span: field.ident.as_ref().map_or_else(|| field.ty.span(), Ident::span),
                }
            })
            .collect();
        Variant {
            ident,
            status: attr::status_attr(cx, attrs),
            doc: attr::doc(attrs),
            display: attr::display(attrs),
            style,
            fields,
        }
    }

    pub fn status_code(&self) -> Option<u16> {
        self.status.as_ref()?.status.as_ref().map(|s| s.value)
    }

    pub fn conceal_as(&self) -> Option<&Ident> {
        self.status.as_ref()?.conceal_as.as_ref()
    }

    /// The wire code: declared, or the variant name in `SCREAMING_SNAKE_CASE`.
    pub fn code(&self) -> String {
        match self.status.as_ref().and_then(|s| s.code.as_ref()) {
            Some(code) => attr::value(code),
            None => text::screaming_snake(&self.ident.to_string()),
        }
    }

    /// The RFC 9457 title: declared, or the canonical reason phrase.
    pub fn title(&self) -> String {
        if let Some(title) = self.status.as_ref().and_then(|s| s.title.as_ref()) {
            return attr::value(title);
        }
        let status = self.status_code().unwrap_or(500);
        http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .map_or_else(
                || {
                    if status < 500 {
                        "Client Error"
                    } else {
                        "Server Error"
                    }
                    .to_owned()
                },
                str::to_owned,
            )
    }

    /// Where the public message comes from.
    pub fn message(&self) -> Message {
        if let Some(lit) = self.status.as_ref().and_then(|s| s.message.as_ref()) {
            return match text::parse_template(&attr::value(lit)) {
                Ok(template) => match template.constant_text() {
                    Some(text) => Message::Constant(text),
                    None => Message::Template(template, lit.span()),
                },
                // valid.rs reports the error; expansion then never runs.
                Err(_) => Message::Constant(attr::value(lit)),
            };
        }
        if self.status_code().is_some_and(|s| s >= 500) {
            return Message::Constant(self.title());
        }
        match &self.display {
            Some(DisplayAttr::Literal(lit)) => match text::parse_template(&attr::value(lit))
                .ok()
                .and_then(|t| t.constant_text())
            {
                Some(text) => Message::Constant(text),
                None => Message::Display,
            },
            _ => Message::Display,
        }
    }

    /// The message as a reference page shows it: the `message` template or `#[error]` text, as
    /// the literal that declares it, or `None` for the title.
    pub fn message_doc(&self) -> Option<&LitStr> {
        if let Some(lit) = self.status.as_ref().and_then(|s| s.message.as_ref()) {
            return Some(lit);
        }
        match (&self.display, self.status_code().is_some_and(|s| s >= 500)) {
            (Some(DisplayAttr::Literal(lit)), false) => Some(lit),
            _ => None,
        }
    }

    /// The declared `title`, if any (else the title is the status's reason phrase).
    pub fn declared_title(&self) -> Option<&LitStr> {
        self.status.as_ref().and_then(|s| s.title.as_ref())
    }

    /// The declared `code`, if any (else the code is the variant name's).
    pub fn declared_code(&self) -> Option<&LitStr> {
        self.status.as_ref().and_then(|s| s.code.as_ref())
    }

    pub fn field(&self, pick: impl Fn(&FieldAttrs) -> bool) -> Option<&Field> {
        self.fields.iter().find(|f| pick(&f.attrs))
    }
}
