//! `utoipa::IntoResponses` for derived types (feature `utoipa`): the same responses as
//! [`Reference::openapi_components`](super::Reference::openapi_components), keyed by status as
//! an operation's `responses` are.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};
use utoipa::openapi::{RefOr, Response};

use super::Section;
use super::openapi::{response, section_schema};
use crate::api_error::Catalog;

/// The responses of catalog `C`, one per status: variants sharing a status are listed in its
/// description, each with its own named example. The derive's `IntoResponses` calls this.
pub fn responses<C: Catalog + ?Sized>() -> BTreeMap<String, RefOr<Response>> {
    let section = Section::of::<C>();
    let schema = section_schema(&section);
    let mut by_status: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for spec in section.wire_specs() {
        by_status
            .entry(spec.status.as_u16().to_string())
            .or_default()
            .push(response(&section, spec, schema.clone()));
    }
    by_status
        .into_iter()
        .map(|(status, variants)| (status, RefOr::T(merge(&section, &variants))))
        .collect()
}

/// One response from the responses of the codes sharing a status.
fn merge(section: &Section, variants: &[Value]) -> Response {
    let descriptions: Vec<&str> = variants
        .iter()
        .filter_map(|v| v["description"].as_str())
        .collect();
    let mut headers = Map::new();
    let mut examples = Map::new();
    let mut schema = Value::Null;
    for variant in variants {
        if let Some(found) = variant["headers"].as_object() {
            for (name, header) in found {
                headers.entry(name.clone()).or_insert_with(|| header.clone());
            }
        }
        let media = &variant["content"][section.content_type];
        schema = media["schema"].clone();
        let summary = variant["description"].as_str().unwrap_or_default();
        let code = summary.split(&[' ', ':'][..]).nth(1).unwrap_or(summary);
        if !media["example"].is_null() {
            examples.insert(
                code.to_owned(),
                json!({ "summary": summary, "value": media["example"] }),
            );
        }
    }
    let description = descriptions.join("\n\n");
    let full = json!({
        "description": description,
        "headers": headers,
        "content": { section.content_type: { "schema": schema, "examples": examples } },
    });
    // utoipa models a subset of JSON Schema: if it cannot hold the inferred schema, keep the
    // examples and headers without it rather than fail.
    serde_json::from_value(full)
        .or_else(|_| {
            serde_json::from_value(json!({
                "description": description,
                "headers": headers,
                "content": { section.content_type: { "examples": examples } },
            }))
        })
        .unwrap_or_else(|_| Response::new(description))
}
