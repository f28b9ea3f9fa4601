//! The attribute grammar: `#[api(...)]` on the type and on fields, `#[status(...)]` on
//! variants, plus the doc comments and `#[error("...")]` text the derive reads.
//!
//! Parsing recovers at the next `,` after a bad key, so one input reports all its errors.

use std::time::Duration;

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, LitInt, LitStr, Path, Token};

use crate::ctxt::Ctxt;
use crate::text::{did_you_mean, parse_duration};

pub mod keys {
    pub const TYPE: &[&str] = &[ENVELOPE, DOCS_URL, KIND, CRATE];
    pub const ENVELOPE: &str = "envelope";
    pub const DOCS_URL: &str = "docs_url";
    pub const KIND: &str = "kind";
    pub const CRATE: &str = "crate";

    pub const STATUS: &[&str] = &[
        CODE, MESSAGE, TITLE, RETRY, ACTION, CONCEAL_AS, CAUSE, RESOLUTION, GRPC,
    ];
    pub const CODE: &str = "code";
    pub const MESSAGE: &str = "message";
    pub const TITLE: &str = "title";
    pub const RETRY: &str = "retry";
    pub const ACTION: &str = "action";
    pub const CONCEAL_AS: &str = "conceal_as";
    pub const CAUSE: &str = "cause";
    pub const RESOLUTION: &str = "resolution";
    pub const GRPC: &str = "grpc";

    pub const FIELD: &[&str] = &[VIOLATIONS, RETRY_AFTER, HEADER, EXPOSE, TOP_LEVEL];
    pub const VIOLATIONS: &str = "violations";
    pub const RETRY_AFTER: &str = "retry_after";
    pub const HEADER: &str = "header";
    pub const EXPOSE: &str = "expose";
    pub const TOP_LEVEL: &str = "top_level";

    /// Headers the renderer sets itself, with what sets them.
    pub const RESERVED_HEADERS: &[(&str, &str)] = &[
        ("content-type", "the envelope declares it"),
        ("content-length", "the HTTP stack computes it from the body"),
        ("transfer-encoding", "the HTTP stack chooses it"),
        (
            "retry-after",
            "mark a `Duration` field `#[api(retry_after)]` instead",
        ),
        ("x-request-id", "it comes from the render context's request id"),
    ];
    pub const ENVELOPES: &[&str] = &["problem", "detail", "code_message", "nested", "google"];
    pub const RETRIES: &[&str] = &["never", "after", "backoff", "fixed"];
    pub const BACKOFF: &[&str] = &["base", "max", "attempts", "factor", "jitter"];
    pub const JITTERS: &[&str] = &["full", "equal", "none"];
    pub const ACTIONS: &[&str] = &[
        "fix_request",
        "reauthenticate",
        "change_principal",
        "treat_as_absent",
        "reconcile",
        "back_off",
        "retry_later",
        "contact_support",
    ];
    pub const GRPC_CODES: &[&str] = &[
        "OK",
        "CANCELLED",
        "UNKNOWN",
        "INVALID_ARGUMENT",
        "DEADLINE_EXCEEDED",
        "NOT_FOUND",
        "ALREADY_EXISTS",
        "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED",
        "FAILED_PRECONDITION",
        "ABORTED",
        "OUT_OF_RANGE",
        "UNIMPLEMENTED",
        "INTERNAL",
        "UNAVAILABLE",
        "DATA_LOSS",
        "UNAUTHENTICATED",
    ];
}

/// `LitStr::value`, without its character-by-character unescaping for the literals that have
/// no escape (nearly all of them: doc comments, codes, messages).
pub fn value(lit: &LitStr) -> String {
    let repr = lit.token().to_string();
    match crate::text::plain_string_value(&repr) {
        Some(value) => value.to_owned(),
        None => lit.value(),
    }
}

/// `#[api(...)]` on the type.
#[derive(Default)]
pub struct TypeAttrs {
    pub envelope: Option<EnvelopeAttr>,
    pub docs_url: Option<LitStr>,
    pub kind: Option<Ident>,
    pub krate: Option<Path>,
}

pub enum EnvelopeAttr {
    Builtin(&'static str),
    Custom(Path),
}

/// `#[status(...)]` on a variant or a struct.
pub struct StatusAttr {
    /// The attribute's path token, where "missing" errors point.
    pub span: Span,
    pub status: Option<Spanned<u16>>,
    pub code: Option<LitStr>,
    pub message: Option<LitStr>,
    pub title: Option<LitStr>,
    pub retry: Option<Spanned<RetryValue>>,
    pub action: Option<Spanned<&'static str>>,
    pub conceal_as: Option<Ident>,
    pub cause: Option<LitStr>,
    pub resolution: Option<LitStr>,
    pub grpc: Option<Spanned<&'static str>>,
    /// Spans of the keys that make no sense with `conceal_as`.
    pub wire_keys: Vec<(&'static str, Span)>,
}

pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Clone, Copy)]
pub enum RetryValue {
    Never,
    After { default: Option<Duration> },
    Backoff(BackoffValue),
    Fixed { delay: Duration, attempts: u32 },
}

#[derive(Clone, Copy, Default)]
pub struct BackoffValue {
    pub base: Option<Duration>,
    pub max: Option<Duration>,
    pub attempts: Option<u32>,
    pub factor: Option<u32>,
    pub jitter: Option<&'static str>,
}

/// `#[api(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub violations: Option<Span>,
    pub retry_after: Option<Span>,
    pub header: Option<LitStr>,
    /// The member name and the token to blame.
    pub expose: Option<Spanned<String>>,
    pub top_level: Option<LitStr>,
    /// `#[source]` or `#[from]`: never sent.
    pub source: Option<Span>,
    /// Every key given, with its token: where "this field is never sent" errors point.
    pub keys: Vec<(&'static str, Span)>,
}

/// What `#[error(...)]` says, as far as the public message needs to know.
pub enum DisplayAttr {
    /// `#[error("text")]` with no further arguments.
    Literal(LitStr),
    /// Anything else (`transparent`, extra format arguments).
    Other,
}

pub fn type_attrs(cx: &Ctxt, attrs: &[Attribute]) -> TypeAttrs {
    let mut out = TypeAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("api")) {
        parse_list(cx, attr, keys::TYPE, |key, input| {
            match key.unraw().to_string().as_str() {
                keys::ENVELOPE => {
                    let path: Path = input.parse()?;
                    let value = match path.get_ident() {
                        Some(ident) => {
                            let name = ident.to_string();
                            if let Some(found) = keys::ENVELOPES.iter().find(|e| **e == name) {
                                EnvelopeAttr::Builtin(found)
                            } else if name.starts_with(char::is_uppercase) {
                                EnvelopeAttr::Custom(path)
                            } else {
                                return Err(unknown(
                                    ident,
                                    &name,
                                    "envelope",
                                    keys::ENVELOPES,
                                    " or a path to a type implementing `errspec::envelope::Envelope`",
                                ));
                            }
                        }
                        None => EnvelopeAttr::Custom(path),
                    };
                    set(&mut out.envelope, value, key)
                }
                keys::DOCS_URL => {
                    let url: LitStr = input.parse()?;
                    if value(&url).is_empty() || value(&url).chars().any(char::is_whitespace) {
                        return Err(syn::Error::new(
                            url.span(),
                            "`docs_url` must be a URI without whitespace, such as \"https://docs.example.com/errors#{code}\"",
                        ));
                    }
                    set(&mut out.docs_url, url, key)
                }
                keys::KIND => set(&mut out.kind, input.parse()?, key),
                keys::CRATE => set(&mut out.krate, input.call(Path::parse_mod_style)?, key),
                other => Err(unknown(key, other, "type-level #[api(...)] key", keys::TYPE, "")),
            }
        });
    }
    out
}

pub fn status_attr(cx: &Ctxt, attrs: &[Attribute]) -> Option<StatusAttr> {
    let mut found: Option<StatusAttr> = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("status")) {
        if found.is_some() {
            cx.error(
                attr.path().get_ident().map_or_else(Span::call_site, Ident::span),
                "duplicate #[status(...)]: declare each variant's status once",
            );
            continue;
        }
        let mut out = StatusAttr {
            span: attr.path().get_ident().map_or_else(Span::call_site, Ident::span),
            status: None,
            code: None,
            message: None,
            title: None,
            retry: None,
            action: None,
            conceal_as: None,
            cause: None,
            resolution: None,
            grpc: None,
            wire_keys: Vec::new(),
        };
        if !matches!(attr.meta, syn::Meta::List(_)) {
            cx.error(
                out.span,
                "expected #[status(STATUS, key = value, ...)], e.g. #[status(404, code = \"NOT_FOUND\")]",
            );
            found = Some(out);
            continue;
        }
        let parser = |input: ParseStream| -> syn::Result<()> {
            if input.peek(Ident::peek_any) && input.peek2(Token![=]) {
                // `#[status(code = ...)]`: report the missing status, still read the keys.
                cx.error(
                    input.span(),
                    "missing status: #[status(...)] starts with the HTTP status, e.g. #[status(404, code = \"NOT_FOUND\")]",
                );
                return parse_keys(cx, input, |key, input| status_key(&mut out, key, input));
            }
            match parse_status(input) {
                Ok(status) => out.status = Some(status),
                Err(error) => {
                    cx.syn_error(error);
                    skip_to_comma(input);
                }
            }
            if input.is_empty() {
                return Ok(());
            }
            input.parse::<Token![,]>()?;
            parse_keys(cx, input, |key, input| status_key(&mut out, key, input))
        };
        // Parsing inside the attribute's parentheses: "unexpected end of input" points at the
        // closing parenthesis rather than at the derive.
        if let Err(error) = attr.parse_args_with(parser) {
            cx.syn_error(error);
        }
        found = Some(out);
    }
    found
}

fn status_key(out: &mut StatusAttr, key: &Ident, input: ParseStream) -> syn::Result<()> {
    let name = key.unraw().to_string();
    if matches!(
        name.as_str(),
        keys::CODE | keys::MESSAGE | keys::TITLE | keys::RETRY | keys::ACTION | keys::GRPC
    ) {
        let known = keys::STATUS
            .iter()
            .find(|k| **k == name)
            .copied()
            .unwrap_or_default();
        out.wire_keys.push((known, key.span()));
    }
    match name.as_str() {
        keys::CODE => set(&mut out.code, input.parse()?, key),
        keys::MESSAGE => set(&mut out.message, input.parse()?, key),
        keys::TITLE => set(&mut out.title, input.parse()?, key),
        keys::CAUSE => set(&mut out.cause, input.parse()?, key),
        keys::RESOLUTION => set(&mut out.resolution, input.parse()?, key),
        keys::RETRY => {
            let span = input.span();
            let value = parse_retry(input)?;
            set(&mut out.retry, Spanned { value, span }, key)
        }
        keys::ACTION => {
            let ident: Ident = input.parse()?;
            let value = choose(&ident, keys::ACTIONS, "action")?;
            set(
                &mut out.action,
                Spanned {
                    value,
                    span: ident.span(),
                },
                key,
            )
        }
        keys::GRPC => {
            let ident: Ident = input.parse()?;
            let value = choose(&ident, keys::GRPC_CODES, "gRPC code")?;
            set(
                &mut out.grpc,
                Spanned {
                    value,
                    span: ident.span(),
                },
                key,
            )
        }
        keys::CONCEAL_AS => set(&mut out.conceal_as, input.parse()?, key),
        other => Err(unknown(key, other, "#[status(...)] key", keys::STATUS, "")),
    }
}

/// `404`, or a `StatusCode` constant name such as `TOO_MANY_REQUESTS`.
fn parse_status(input: ParseStream) -> syn::Result<Spanned<u16>> {
    const EXPECTED: &str = "expected an HTTP status: an integer literal in 400..=599 or a `StatusCode` name such as TOO_MANY_REQUESTS";
    // A status in plain digits, as nearly all are, read off the token: `peek(LitInt)` and
    // `parse` each build and parse a `LitInt`. Anything else takes the full path below.
    if let Some((lit, _)) = input.cursor().literal() {
        let repr = lit.to_string();
        if repr.bytes().all(|b| b.is_ascii_digit())
            && let Ok(code @ 400..=599) = repr.parse::<u16>()
        {
            input.step(|cursor| cursor.literal().ok_or_else(|| cursor.error(EXPECTED)))?;
            return Ok(Spanned {
                value: code,
                span: lit.span(),
            });
        }
    }
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        let code = lit
            .base10_parse::<u16>()
            .ok()
            .filter(|code| (400..=599).contains(code));
        return match code {
            Some(code) if lit.suffix().is_empty() => Ok(Spanned {
                value: code,
                span: lit.span(),
            }),
            _ => Err(syn::Error::new(
                lit.span(),
                format!("status `{lit}` is not an error status: expected an integer in 400..=599"),
            )),
        };
    }
    if input.peek(Ident) {
        let ident: Ident = input.parse()?;
        let name = ident.to_string();
        let names: Vec<(u16, String)> = (400..=599)
            .filter_map(|code| Some((code, status_const_name(code)?)))
            .collect();
        if let Some((code, _)) = names.iter().find(|(_, n)| *n == name) {
            return Ok(Spanned {
                value: *code,
                span: ident.span(),
            });
        }
        let candidates: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
        let hint =
            did_you_mean(&name, &candidates).map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
        return Err(syn::Error::new(
            ident.span(),
            format!("`{name}` is not an error status name{hint}"),
        ));
    }
    let span = input.span();
    let _: TokenStream = input.step(|cursor| {
        let mut rest = *cursor;
        let mut skipped = TokenStream::new();
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            skipped.extend([tt]);
            rest = next;
        }
        Ok((skipped, rest))
    })?;
    Err(syn::Error::new(span, EXPECTED))
}

/// `StatusCode::TOO_MANY_REQUESTS` for 429: the reason phrase in `SCREAMING_SNAKE_CASE`, as the
/// `http` crate names its constants.
pub fn status_const_name(code: u16) -> Option<String> {
    let reason = http::StatusCode::from_u16(code).ok()?.canonical_reason()?;
    let mut name = String::new();
    for c in reason.chars().filter(|c| *c != '\'') {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_uppercase());
        } else if !name.ends_with('_') {
            name.push('_');
        }
    }
    Some(name)
}

fn parse_retry(input: ParseStream) -> syn::Result<RetryValue> {
    let ident: Ident = input.parse()?;
    let kind = choose(&ident, keys::RETRIES, "retry strategy")?;
    if !input.peek(syn::token::Paren) {
        return retry_args(kind, &ident, None);
    }
    let content;
    syn::parenthesized!(content in input);
    let value = retry_args(kind, &ident, Some(&content));
    if value.is_err() {
        // Consume what is left inside the parentheses: syn would otherwise add an
        // "unexpected token" error on top of the real one.
        skip_all(&content);
    }
    value
}

fn retry_args(kind: &str, ident: &Ident, args: Option<ParseStream>) -> syn::Result<RetryValue> {
    match (kind, args) {
        ("never", None) => Ok(RetryValue::Never),
        ("never", Some(_)) => Err(syn::Error::new(ident.span(), "`never` takes no arguments")),
        ("after", None) => Ok(RetryValue::After { default: None }),
        ("after", Some(args)) => {
            let key = args.call(Ident::parse_any)?;
            if key != "default" {
                return Err(syn::Error::new(key.span(), "expected `after(default = \"60s\")`"));
            }
            args.parse::<Token![=]>()?;
            let default = Some(duration(args)?);
            args.parse::<Option<Token![,]>>()?;
            if !args.is_empty() {
                return Err(args.error("expected `after(default = \"60s\")`"));
            }
            Ok(RetryValue::After { default })
        }
        ("backoff", None) => Ok(RetryValue::Backoff(BackoffValue::default())),
        ("backoff", Some(args)) => {
            let mut value = BackoffValue::default();
            while !args.is_empty() {
                let key = args.call(Ident::parse_any)?;
                args.parse::<Token![=]>()?;
                match key.to_string().as_str() {
                    "base" => set(&mut value.base, duration(args)?, &key)?,
                    "max" => set(&mut value.max, duration(args)?, &key)?,
                    "attempts" => set(&mut value.attempts, attempts(args)?, &key)?,
                    "factor" => set(&mut value.factor, attempts(args)?, &key)?,
                    "jitter" => {
                        let jitter: Ident = args.parse()?;
                        set(&mut value.jitter, choose(&jitter, keys::JITTERS, "jitter")?, &key)?;
                    }
                    other => return Err(unknown(&key, other, "backoff key", keys::BACKOFF, "")),
                }
                if !args.is_empty() {
                    args.parse::<Token![,]>()?;
                }
            }
            Ok(RetryValue::Backoff(value))
        }
        ("fixed", None) => Err(syn::Error::new(
            ident.span(),
            "`fixed` needs a delay: `fixed(\"5s\", attempts = 3)`",
        )),
        ("fixed", Some(args)) => {
            let delay = duration(args)?;
            let mut count = None;
            if !args.is_empty() {
                args.parse::<Token![,]>()?;
            }
            if !args.is_empty() {
                let key = args.call(Ident::parse_any)?;
                if key != "attempts" {
                    return Err(syn::Error::new(key.span(), "expected `attempts = N`"));
                }
                args.parse::<Token![=]>()?;
                count = Some(attempts(args)?);
                args.parse::<Option<Token![,]>>()?;
            }
            if !args.is_empty() {
                return Err(args.error("expected `fixed(\"5s\", attempts = 3)`"));
            }
            Ok(RetryValue::Fixed {
                delay,
                attempts: count.unwrap_or(3),
            })
        }
        // `choose` only returns names of keys::RETRIES; a new strategy added there lands here.
        (other, _) => Err(syn::Error::new(
            ident.span(),
            format!("retry strategy `{other}` is not supported"),
        )),
    }
}

fn duration(input: ParseStream) -> syn::Result<Duration> {
    let lit: LitStr = input.parse()?;
    parse_duration(&lit.value()).ok_or_else(|| {
        syn::Error::new(lit.span(), format!("malformed duration \"{}\": expected a number and a unit (ms, s, m, h), such as \"5s\" or \"250ms\"", lit.value()))
    })
}

fn attempts(input: ParseStream) -> syn::Result<u32> {
    let lit: LitInt = input.parse()?;
    lit.base10_parse::<u32>()
        .ok()
        .filter(|n| (1..=100).contains(n))
        .ok_or_else(|| syn::Error::new(lit.span(), "expected an integer in 1..=100"))
}

pub fn field_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs {
        if attr.path().is_ident("source") || attr.path().is_ident("from") {
            out.source = attr.path().get_ident().map(Ident::span);
        }
    }
    for attr in attrs.iter().filter(|a| a.path().is_ident("api")) {
        parse_list(cx, attr, keys::FIELD, |key, input| {
            let name = key.unraw().to_string();
            let parsed = match name.as_str() {
                keys::VIOLATIONS => set(&mut out.violations, key.span(), key),
                keys::RETRY_AFTER => set(&mut out.retry_after, key.span(), key),
                keys::HEADER => {
                    input.parse::<Token![=]>()?;
                    let lit: LitStr = input.parse()?;
                    let value = value(&lit);
                    if value.is_empty() || http::HeaderName::from_bytes(value.as_bytes()).is_err() {
                        return Err(syn::Error::new(
                            lit.span(),
                            format!("\"{value}\" is not a valid header name"),
                        ));
                    }
                    if let Some((_, owner)) = keys::RESERVED_HEADERS
                        .iter()
                        .find(|(name, _)| name.eq_ignore_ascii_case(&value))
                    {
                        return Err(syn::Error::new(
                            lit.span(),
                            format!("`{value}` is set by errspec: {owner}"),
                        ));
                    }
                    set(&mut out.header, lit, key)
                }
                keys::EXPOSE => {
                    let value = if input.peek(Token![=]) {
                        input.parse::<Token![=]>()?;
                        let lit: LitStr = input.parse()?;
                        member_name(&lit)?;
                        Spanned {
                            value: value(&lit),
                            span: lit.span(),
                        }
                    } else {
                        Spanned {
                            value: String::new(),
                            span: key.span(),
                        }
                    };
                    set(&mut out.expose, value, key)
                }
                keys::TOP_LEVEL => {
                    input.parse::<Token![=]>()?;
                    let lit: LitStr = input.parse()?;
                    member_name(&lit)?;
                    set(&mut out.top_level, lit, key)
                }
                other => Err(unknown(
                    key,
                    other,
                    "field-level #[api(...)] key",
                    keys::FIELD,
                    "",
                )),
            };
            if parsed.is_ok()
                && let Some(known) = keys::FIELD.iter().find(|k| **k == name)
            {
                out.keys.push((known, key.span()));
            }
            parsed
        });
    }
    out
}

fn member_name(lit: &LitStr) -> syn::Result<()> {
    if value(lit).is_empty() {
        return Err(syn::Error::new(lit.span(), "a member name cannot be empty"));
    }
    Ok(())
}

/// Reports every `#[name(...)]` in `attrs`, which the derive reads elsewhere: `hint` says where.
pub fn misplaced(cx: &Ctxt, attrs: &[Attribute], name: &str, hint: &str) {
    for attr in attrs {
        if let Some(ident) = attr.path().get_ident()
            && ident == name
        {
            cx.error(ident.span(), format!("#[{name}(...)] is not read here: {hint}"));
        }
    }
}

/// The doc comment, one leading space per line removed, lines joined, trimmed.
pub fn doc(attrs: &[Attribute]) -> String {
    let mut lines = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        if let syn::Meta::NameValue(nv) = &attr.meta
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            let line = value(s);
            lines.push(line.strip_prefix(' ').unwrap_or(&line).trim_end().to_owned());
        }
    }
    lines.join("\n").trim().to_owned()
}

/// thiserror's `#[error(...)]`, when present.
pub fn display(attrs: &[Attribute]) -> Option<DisplayAttr> {
    let attr = attrs.iter().find(|a| a.path().is_ident("error"))?;
    let syn::Meta::List(list) = &attr.meta else {
        return Some(DisplayAttr::Other);
    };
    // Read off the tokens: a parser, built for each variant, cost more than the rest of the
    // attribute reading.
    Some(match single_literal(list.tokens.clone()).map(syn::Lit::new) {
        Some(syn::Lit::Str(lit)) => DisplayAttr::Literal(lit),
        _ => DisplayAttr::Other,
    })
}

/// The one literal `tokens` hold, seen through invisible groups (a `macro_rules!` argument).
fn single_literal(tokens: TokenStream) -> Option<proc_macro2::Literal> {
    let mut tokens = tokens.into_iter();
    let token = tokens.next()?;
    if tokens.next().is_some() {
        return None;
    }
    match token {
        TokenTree::Literal(lit) => Some(lit),
        TokenTree::Group(group) if group.delimiter() == Delimiter::None => single_literal(group.stream()),
        _ => None,
    }
}

/// Parses `key [= value], ...` inside one attribute, recovering at each comma.
fn parse_list(
    cx: &Ctxt,
    attr: &Attribute,
    valid: &[&str],
    on_key: impl FnMut(&Ident, ParseStream) -> syn::Result<()>,
) {
    let syn::Meta::List(_) = &attr.meta else {
        let span = attr.path().get_ident().map_or_else(Span::call_site, Ident::span);
        cx.error(
            span,
            format!("expected a list: #[api(key, ...)] with keys {}", valid.join(", ")),
        );
        return;
    };
    let mut on_key = on_key;
    let parser = |input: ParseStream| parse_keys(cx, input, &mut on_key);
    if let Err(error) = attr.parse_args_with(parser) {
        cx.syn_error(error);
    }
}

fn parse_keys(
    cx: &Ctxt,
    input: ParseStream,
    mut on_key: impl FnMut(&Ident, ParseStream) -> syn::Result<()>,
) -> syn::Result<()> {
    while !input.is_empty() {
        let key = input.call(Ident::parse_any)?;
        let value_follows = input.peek(Token![=]) && !valid_flag(&key);
        if value_follows {
            input.parse::<Token![=]>()?;
        }
        if let Err(error) = on_key(&key, input) {
            cx.syn_error(error);
            skip_to_comma(input);
        } else if !input.is_empty() && !input.peek(Token![,]) {
            cx.error(input.span(), format!("unexpected value after `{}`", key.unraw()));
            skip_to_comma(input);
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(())
}

/// Keys whose optional `= value` their own parser reads.
fn valid_flag(key: &Ident) -> bool {
    [keys::HEADER, keys::EXPOSE, keys::TOP_LEVEL]
        .iter()
        .any(|k| key == k)
}

/// Consumes every remaining token of `input`.
fn skip_all(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        Ok(((), rest))
    });
}

fn skip_to_comma(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, proc_macro2::TokenTree::Punct(p) if p.as_char() == ',') {
                break;
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

fn set<T>(slot: &mut Option<T>, value: T, key: &Ident) -> syn::Result<()> {
    if slot.is_some() {
        return Err(syn::Error::new(
            key.span(),
            format!("duplicate `{}`", key.unraw()),
        ));
    }
    *slot = Some(value);
    Ok(())
}

fn choose(ident: &Ident, valid: &[&'static str], what: &str) -> syn::Result<&'static str> {
    let name = ident.to_string();
    valid
        .iter()
        .find(|v| **v == name)
        .copied()
        .ok_or_else(|| unknown(ident, &name, what, valid, ""))
}

fn unknown(span: &Ident, found: &str, what: &str, valid: &[&str], extra: &str) -> syn::Error {
    let hint = did_you_mean(found, valid).map_or_else(String::new, |s| format!("; did you mean `{s}`?"));
    syn::Error::new(
        span.span(),
        format!(
            "unknown {what} `{found}`{hint}\nexpected one of: {}{extra}",
            valid.join(", ")
        ),
    )
}
