//! The JSON catalog: every code of every section with what a client in another language needs
//! to handle it. Keys come in the order of the structs below, which is part of the format.

use serde::Serialize;
use serde_json::Value;

use super::{Reference, Section};
use crate::retry::{Jitter, Retry};
use crate::spec::ErrorSpec;

/// The value of the catalog's `format` key. A change of layout changes it.
///
/// ```json
/// {"format": "errspec-catalog/1", "title": "...",
///  "sections": [{"name": "ScanError", "heading": "...", "doc": "...",
///    "envelope": {"name": "problem", "content_type": "application/problem+json",
///                 "sends_code": true},
///    "errors": [{"code", "status", "title", "message", "doc", "cause", "resolution",
///      "retry": {"strategy": "backoff", "description": "...", "base_ms", "factor",
///                "max_delay_ms", "attempts", "jitter"},
///      "action": {"name": "retry_later", "description": "..."}, "grpc": "INTERNAL",
///      "type": "about:blank", "headers": [...], "exposed": [...], "top_level": [...],
///      "violations": false, "example": {"status", "headers": [[name, value]], "body": {...}}}],
///    "concealed": [{"doc": "...", "sent_as": "RESOURCE_NOT_FOUND"}]}]}
/// ```
///
/// Absent values are `null`; `retry` carries only the parameters of its strategy
/// (`after`: `fallback`; `backoff`: the schedule; `fixed`: `delay_ms`, `attempts`).
pub const CATALOG_FORMAT: &str = "errspec-catalog/1";

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    title: &'a str,
    sections: Vec<SectionJson<'a>>,
}

#[derive(Serialize)]
struct SectionJson<'a> {
    name: &'static str,
    heading: &'a str,
    doc: &'static str,
    envelope: EnvelopeJson,
    errors: Vec<ErrorJson>,
    concealed: Vec<ConcealedJson>,
}

#[derive(Serialize)]
struct EnvelopeJson {
    name: &'static str,
    content_type: &'static str,
    sends_code: bool,
}

#[derive(Serialize)]
struct ErrorJson {
    code: &'static str,
    status: u16,
    title: &'static str,
    message: &'static str,
    doc: &'static str,
    cause: Option<&'static str>,
    resolution: Option<&'static str>,
    retry: RetryJson,
    action: ActionJson,
    grpc: &'static str,
    #[serde(rename = "type")]
    type_uri: &'static str,
    headers: &'static [&'static str],
    exposed: &'static [&'static str],
    top_level: &'static [&'static str],
    violations: bool,
    example: Option<ExampleJson>,
}

#[derive(Serialize)]
struct ActionJson {
    name: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct ExampleJson {
    status: u16,
    headers: Vec<(String, String)>,
    body: Value,
}

#[derive(Serialize)]
struct ConcealedJson {
    doc: &'static str,
    sent_as: &'static str,
}

#[derive(Serialize)]
struct RetryJson {
    strategy: &'static str,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fallback: Option<BackoffJson>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    backoff: Option<BackoffJson>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delay_ms: Option<u128>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attempts: Option<u32>,
}

#[derive(Serialize)]
struct BackoffJson {
    base_ms: u128,
    factor: u32,
    max_delay_ms: u128,
    attempts: u32,
    jitter: &'static str,
}

impl From<&crate::retry::Backoff> for BackoffJson {
    fn from(b: &crate::retry::Backoff) -> Self {
        BackoffJson {
            base_ms: b.base.as_millis(),
            factor: b.factor,
            max_delay_ms: b.max_delay.as_millis(),
            attempts: b.attempts,
            jitter: match b.jitter {
                Jitter::Full => "full",
                Jitter::Equal => "equal",
                Jitter::None => "none",
            },
        }
    }
}

fn retry(retry: &Retry) -> RetryJson {
    let mut out = RetryJson {
        strategy: retry.as_str(),
        description: retry.to_string(),
        fallback: None,
        backoff: None,
        delay_ms: None,
        attempts: None,
    };
    match retry {
        Retry::Never => {}
        Retry::After { fallback } => out.fallback = Some(fallback.into()),
        Retry::Backoff(backoff) => out.backoff = Some(backoff.into()),
        Retry::Fixed { delay, attempts } => {
            out.delay_ms = Some(delay.as_millis());
            out.attempts = Some(*attempts);
        }
    }
    out
}

fn error(section: &Section, spec: &ErrorSpec) -> ErrorJson {
    ErrorJson {
        code: spec.code,
        status: spec.status.as_u16(),
        title: spec.title,
        message: spec.message,
        doc: spec.doc,
        cause: spec.cause,
        resolution: spec.resolution,
        retry: retry(&spec.retry),
        action: ActionJson {
            name: spec.action.as_str(),
            description: spec.action.describe(),
        },
        grpc: spec.grpc.as_str(),
        type_uri: spec.type_uri,
        headers: spec.headers,
        exposed: spec.exposed,
        top_level: spec.top_level,
        violations: spec.violations,
        example: section.example(spec.code).map(|e| ExampleJson {
            status: e.status.as_u16(),
            headers: e.headers.clone(),
            body: e.body_json(),
        }),
    }
}

pub(crate) fn render(reference: &Reference) -> String {
    let document = Document {
        format: CATALOG_FORMAT,
        title: &reference.title,
        sections: reference
            .sections
            .iter()
            .map(|section| SectionJson {
                name: section.name,
                heading: &section.heading,
                doc: section.doc,
                envelope: EnvelopeJson {
                    name: section.envelope,
                    content_type: section.content_type,
                    sends_code: section.sends_codes(),
                },
                errors: section.wire_specs().map(|spec| error(section, spec)).collect(),
                concealed: section
                    .concealed()
                    .map(|(spec, target)| ConcealedJson {
                        doc: spec.doc,
                        sent_as: target.code,
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
