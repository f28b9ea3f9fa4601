//! OpenAPI 3.1: a `components` object with one response per error code and one schema per
//! catalog, the schema inferred from the example bodies so that it describes the wire.

use serde_json::{Map, Value, json};

use super::{Reference, Section};
use crate::spec::ErrorSpec;

pub(crate) fn components(reference: &Reference) -> Value {
    let mut responses = Map::new();
    let mut schemas = Map::new();
    for section in &reference.sections {
        schemas.insert(section.name.to_owned(), section_schema(section));
        let schema_ref = format!("#/components/schemas/{}", section.name);
        for spec in section.wire_specs() {
            let response = response(section, spec, json!({ "$ref": schema_ref }));
            // A code shared by two catalogs with different meanings keeps both, the second
            // under its catalog's name.
            let key = match responses.get(spec.code) {
                Some(existing) if *existing != response => format!("{}_{}", section.name, spec.code),
                _ => spec.code.to_owned(),
            };
            responses.insert(key, response);
        }
    }
    json!({ "responses": responses, "schemas": schemas })
}

/// The schema of a section's bodies, with the section's doc as description.
pub(crate) fn section_schema(section: &Section) -> Value {
    let bodies: Vec<Value> = section.examples.iter().map(super::Example::body_json).collect();
    let mut schema = schema_from_examples(&bodies);
    relax_members(&mut schema, section);
    describe_members(&mut schema, "");
    if let Value::Object(map) = &mut schema {
        let mut description = format!("Error body ({} envelope).", section.envelope);
        if !section.doc.is_empty() {
            description = format!("{}\n\n{description}", section.doc);
        }
        map.insert("description".to_owned(), Value::String(description));
    }
    schema
}

/// The OpenAPI response object of one code; `schema` is placed under the content type.
pub(crate) fn response(section: &Section, spec: &ErrorSpec, schema: Value) -> Value {
    let mut headers = Map::new();
    headers.insert(
        "X-Request-Id".to_owned(),
        json!({
            "description": "The request's id: quote it when contacting support.",
            "schema": { "type": "string" }
        }),
    );
    for name in spec.headers {
        let integer = name.eq_ignore_ascii_case("retry-after")
            || section
                .example(spec.code)
                .and_then(|e| e.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)))
                .is_some_and(|(_, v)| v.parse::<u64>().is_ok());
        headers.insert(
            (*name).to_owned(),
            json!({
                "description": super::markdown::header_meaning(name),
                "schema": { "type": if integer { "integer" } else { "string" } }
            }),
        );
    }
    let mut media = Map::new();
    media.insert("schema".to_owned(), schema);
    if let Some(example) = section.example(spec.code) {
        media.insert("example".to_owned(), example.body_json());
    }
    let mut description = format!("{} {}", spec.status.as_u16(), spec.code);
    let about = if spec.doc.is_empty() {
        spec.message
    } else {
        spec.doc
    };
    if !about.is_empty() {
        description.push_str(": ");
        description.push_str(about);
    }
    let mut out = Map::new();
    out.insert("description".to_owned(), Value::String(description));
    out.insert("headers".to_owned(), Value::Object(headers));
    let mut content = Map::new();
    content.insert(section.content_type.to_owned(), Value::Object(media));
    out.insert("content".to_owned(), Value::Object(content));
    out.insert("x-errspec-retry".to_owned(), json!(spec.retry.to_string()));
    out.insert("x-errspec-action".to_owned(), json!(spec.action.as_str()));
    Value::Object(out)
}

/// A JSON Schema (2020-12) that every one of `examples` satisfies: objects list the members
/// seen (required when present in all), arrays their items, and a member seen with several
/// types gets a `oneOf`.
pub fn schema_from_examples(examples: &[Value]) -> Value {
    let refs: Vec<&Value> = examples.iter().collect();
    infer(&refs)
}

fn infer(values: &[&Value]) -> Value {
    let mut variants: Vec<Value> = Vec::new();
    let nulls = values.iter().any(|v| v.is_null());
    let bools = values.iter().any(|v| v.is_boolean());
    let numbers: Vec<&Value> = values.iter().copied().filter(|v| v.is_number()).collect();
    let strings = values.iter().any(|v| v.is_string());
    let arrays: Vec<&Vec<Value>> = values.iter().filter_map(|v| v.as_array()).collect();
    let objects: Vec<&Map<String, Value>> = values.iter().filter_map(|v| v.as_object()).collect();
    if !objects.is_empty() {
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut keys: Vec<&String> = Vec::new();
        for object in &objects {
            for key in object.keys() {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        for key in keys {
            let found: Vec<&Value> = objects.iter().filter_map(|o| o.get(key)).collect();
            if found.len() == objects.len() {
                required.push(Value::String(key.clone()));
            }
            properties.insert(key.clone(), infer(&found));
        }
        let mut schema = Map::new();
        schema.insert("type".to_owned(), json!("object"));
        schema.insert("properties".to_owned(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".to_owned(), Value::Array(required));
        }
        variants.push(Value::Object(schema));
    }
    if !arrays.is_empty() {
        let items: Vec<&Value> = arrays.iter().flat_map(|a| a.iter()).collect();
        variants.push(if items.is_empty() {
            json!({ "type": "array" })
        } else {
            json!({ "type": "array", "items": infer(&items) })
        });
    }
    if strings {
        variants.push(json!({ "type": "string" }));
    }
    if !numbers.is_empty() {
        let integers = numbers.iter().all(|n| n.is_u64() || n.is_i64());
        variants.push(json!({ "type": if integers { "integer" } else { "number" } }));
    }
    if bools {
        variants.push(json!({ "type": "boolean" }));
    }
    if nulls {
        variants.push(json!({ "type": "null" }));
    }
    match variants.len() {
        0 => json!({}),
        1 => variants.remove(0),
        _ => json!({ "oneOf": variants }),
    }
}

/// Exposed and top-level members carry whatever the field serializes to: the examples only
/// show placeholders, so their schema accepts any value.
fn relax_members(schema: &mut Value, section: &Section) {
    let Value::Object(map) = schema else { return };
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        for (name, member) in properties.iter_mut() {
            let declared = section
                .wire_specs()
                .any(|s| s.exposed.contains(&name.as_str()) || s.top_level.contains(&name.as_str()));
            if declared {
                *member = json!({
                    "type": ["string", "number", "boolean", "object", "array", "null"],
                    "description": "A value of the error: any JSON.",
                });
            } else {
                relax_members(member, section);
            }
        }
    }
    for key in ["items", "oneOf"] {
        match map.get_mut(key) {
            Some(Value::Array(list)) => list.iter_mut().for_each(|s| relax_members(s, section)),
            Some(item @ Value::Object(_)) => relax_members(item, section),
            _ => {}
        }
    }
}

/// Gives each member the meaning the reference page's field table states.
fn describe_members(schema: &mut Value, path: &str) {
    let Value::Object(map) = schema else { return };
    if let Some(Value::Object(properties)) = map.get_mut("properties") {
        for (name, member) in properties.iter_mut() {
            let member_path = if path.is_empty() {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            describe_members(member, &member_path);
            let kinds = json_types(member);
            let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
            let meaning = super::markdown::member_meaning(name, &member_path, &kinds, &[]);
            if let (Value::Object(member), false) = (member, meaning.is_empty()) {
                member
                    .entry("description")
                    .or_insert_with(|| Value::String(meaning));
            }
        }
    }
    if let Some(items) = map.get_mut("items") {
        describe_members(items, &format!("{path}[]"));
    }
    if let Some(Value::Array(variants)) = map.get_mut("oneOf") {
        for variant in variants {
            describe_members(variant, path);
        }
    }
}

/// The JSON types a schema admits, as the field table names them.
fn json_types(schema: &Value) -> Vec<String> {
    match (&schema["type"], &schema["oneOf"]) {
        (Value::String(kind), _) => vec![kind.clone()],
        (_, Value::Array(variants)) => variants.iter().flat_map(json_types).collect(),
        _ => Vec::new(),
    }
}

/// A minimal complete OpenAPI 3.1 document around `reference`'s components: `info` from the
/// title, no paths. What a validator or a viewer needs to read the components alone.
pub fn openapi_document(reference: &Reference) -> Value {
    json!({
        "openapi": "3.1.0",
        "info": { "title": reference.title, "version": "1.0.0" },
        "paths": {},
        "components": components(reference),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inferred_schemas_merge_types_and_required_members() {
        let schema = schema_from_examples(&[
            json!({"detail": "x", "n": 1}),
            json!({"detail": [{"loc": ["body", 0], "msg": "m"}]}),
        ]);
        assert_eq!(schema["required"], json!(["detail"]));
        assert_eq!(schema["properties"]["n"], json!({"type": "integer"}));
        let detail = &schema["properties"]["detail"]["oneOf"];
        assert_eq!(detail[1], json!({"type": "string"}));
        assert_eq!(
            detail[0]["items"]["properties"]["loc"]["items"],
            json!({"oneOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }
}
