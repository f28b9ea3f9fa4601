//! Checks across attributes: everything that is well-formed alone but wrong together.

use std::collections::HashMap;

use crate::ast::{Container, Style, Variant};
use crate::attr::{self, RetryValue, keys};
use crate::ctxt::Ctxt;
use crate::text::{self, FieldRef, did_you_mean};

/// 4xx statuses where the same request can succeed later.
const RETRYABLE_4XX: &[u16] = &[408, 409, 423, 425, 429, 499];

pub fn check(cx: &Ctxt, cont: &Container) {
    let mut codes: HashMap<String, &Variant> = HashMap::new();
    for variant in &cont.variants {
        check_variant(cx, cont, variant);
        if variant.conceal_as().is_some() {
            continue;
        }
        let code = variant.code();
        let span = variant
            .status
            .as_ref()
            .and_then(|s| s.code.as_ref())
            .map_or_else(|| variant.ident.span(), syn::LitStr::span);
        if !(2..=63).contains(&code.len()) {
            let (length, plural) = (code.len(), if code.len() == 1 { "" } else { "s" });
            cx.error(
                span,
                format!("code \"{code}\" is {length} character{plural} long: codes have 2 to 63; set `code = \"...\"`"),
            );
        } else if !text::is_valid_code(&code) {
            cx.error(span, format!("code \"{code}\" must be SCREAMING_SNAKE_CASE: ^[A-Z][A-Z0-9_]*[A-Z0-9]$, at most 63 characters"));
        } else if let Some(first) = codes.get(&code) {
            cx.error(
                span,
                format!("duplicate code \"{code}\": `{}` already uses it", first.ident),
            );
            let first_span = first
                .status
                .as_ref()
                .and_then(|s| s.code.as_ref())
                .map_or_else(|| first.ident.span(), syn::LitStr::span);
            cx.error(first_span, format!("note: code \"{code}\" is first used here"));
        } else {
            codes.insert(code, variant);
        }
    }
}

fn check_variant(cx: &Ctxt, cont: &Container, variant: &Variant) {
    let Some(status) = &variant.status else {
        let what = if cont.is_struct { "struct" } else { "variant" };
        cx.error(
            variant.ident.span(),
            format!(
                "{what} `{}` has no #[status(...)]: add one, e.g. #[status(400)]",
                variant.ident
            ),
        );
        return;
    };
    if let (Some(code), Some(retry)) = (variant.status_code(), &status.retry)
        && code < 500
        && !RETRYABLE_4XX.contains(&code)
        && !matches!(retry.value, RetryValue::Never)
    {
        cx.error(retry.span, format!("a {code} cannot succeed on retry: use `retry = never` or remove `retry` (retryable 4xx statuses: 408, 409, 423, 425, 429, 499)"));
    }
    if let Some(target) = &status.conceal_as {
        check_conceal(cx, cont, variant, target);
    }
    check_fields(cx, variant);
    if let Some(lit) = &status.message {
        match text::parse_template(&attr::value(lit)) {
            Err(problem) => cx.error(lit.span(), problem),
            Ok(template) => {
                for field in &template.fields {
                    if !has_field(variant, field) {
                        cx.error(
                            lit.span(),
                            format!(
                                "message reads `{}`, which is not a field of `{}`",
                                field_name(field),
                                variant.ident
                            ),
                        );
                    }
                }
            }
        }
    }
}

fn check_conceal(cx: &Ctxt, cont: &Container, variant: &Variant, target: &syn::Ident) {
    let Some(status) = &variant.status else {
        return;
    };
    if cont.is_struct {
        cx.error(
            target.span(),
            "`conceal_as` names another variant of the same enum; a struct has none",
        );
        return;
    }
    if target == variant.ident {
        cx.error(target.span(), format!("`{target}` cannot be concealed as itself"));
        return;
    }
    for (key, span) in &status.wire_keys {
        cx.error(
            *span,
            format!("`{key}` has no effect with `conceal_as`: the variant is sent exactly as `{target}`"),
        );
    }
    for field in &variant.fields {
        for (key, span) in &field.attrs.keys {
            cx.error(
                *span,
                format!("`{key}` on a field of `{}`, which is sent exactly as `{target}`: this field would never be sent; remove its #[api(...)]", variant.ident),
            );
        }
    }
    let Some(index) = cont.index_of(target) else {
        let names: Vec<String> = cont.variants.iter().map(|v| v.ident.to_string()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let hint = did_you_mean(&target.to_string(), &names)
            .map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
        cx.error(
            target.span(),
            format!(
                "`conceal_as = {target}`: no variant `{target}` in `{}`{hint}",
                cont.ident
            ),
        );
        return;
    };
    let target_variant = &cont.variants[index];
    if target_variant.style != Style::Unit {
        cx.error(target.span(), format!("`{target}` has fields: `conceal_as` must name a unit variant, whose response is the same for every value"));
    } else if target_variant.conceal_as().is_some() {
        cx.error(
            target.span(),
            format!("`{target}` is itself concealed: name the variant it is sent as"),
        );
    }
}

fn check_fields(cx: &Ctxt, variant: &Variant) {
    let mut seen_violations = None;
    let mut seen_retry_after = None;
    let mut members: HashMap<String, proc_macro2::Span> = HashMap::new();
    let mut headers: HashMap<String, proc_macro2::Span> = HashMap::new();
    for field in &variant.fields {
        let attrs = &field.attrs;
        if let Some(header) = &attrs.header
            && headers
                .insert(attr::value(header).to_ascii_lowercase(), header.span())
                .is_some()
        {
            cx.error(
                header.span(),
                format!(
                    "header `{}` is sent twice by `{}`",
                    attr::value(header),
                    variant.ident
                ),
            );
        }
        for (slot, span, key) in [
            (&mut seen_violations, attrs.violations, keys::VIOLATIONS),
            (&mut seen_retry_after, attrs.retry_after, keys::RETRY_AFTER),
        ] {
            if let Some(span) = span {
                if slot.is_some() {
                    cx.error(
                        span,
                        format!(
                            "a second `{key}` field in `{}`: only one is allowed",
                            variant.ident
                        ),
                    );
                }
                *slot = Some(span);
            }
        }
        if attrs.source.is_some() {
            for (key, span) in &attrs.keys {
                if *key != keys::RETRY_AFTER {
                    cx.error(
                        *span,
                        format!("`{key}` on a #[source] or #[from] field: the source chain is never sent; remove `{key}` or the #[source]"),
                    );
                }
            }
        }
        let mut names = Vec::new();
        if let Some(expose) = &attrs.expose {
            match (&field.member, expose.value.is_empty()) {
                (syn::Member::Unnamed(_), true) => cx.error(
                    expose.span,
                    "a tuple field needs a member name: `expose = \"name\"`",
                ),
                (syn::Member::Named(ident), true) => names.push((ident.to_string(), expose.span)),
                (_, false) => names.push((expose.value.clone(), expose.span)),
            }
        }
        if let Some(top) = &attrs.top_level {
            names.push((attr::value(top), top.span()));
        }
        for (name, span) in names {
            if members.insert(name.clone(), span).is_some() {
                cx.error(
                    span,
                    format!("member \"{name}\" is sent twice by `{}`", variant.ident),
                );
            }
        }
    }
}

fn has_field(variant: &Variant, field: &FieldRef) -> bool {
    variant.fields.iter().any(|f| match (&f.member, field) {
        (syn::Member::Named(ident), FieldRef::Named(name)) => ident == name,
        (syn::Member::Unnamed(index), FieldRef::Index(i)) => index.index as usize == *i,
        _ => false,
    })
}

fn field_name(field: &FieldRef) -> String {
    match field {
        FieldRef::Named(name) => name.clone(),
        FieldRef::Index(index) => index.to_string(),
    }
}
