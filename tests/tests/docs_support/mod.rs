//! Shared by the docs tests: the OpenAPI validator.

use serde_json::Value;

/// Runs the OpenAPI document through openapi-spec-validator (the OpenAPI Initiative's JSON
/// Schema for 3.1) and every example through its response's schema with `jsonschema`.
pub fn validate_with_python(document: &Value, name: &str) {
    const SCRIPT: &str = r#"
import json, sys
from openapi_spec_validator import validate
from jsonschema import Draft202012Validator
doc = json.load(open(sys.argv[1]))
validate(doc)
count = 0
for name, response in doc["components"]["responses"].items():
    for media in response.get("content", {}).values():
        schema = {"$ref": media["schema"]["$ref"], "components": doc["components"]}
        Draft202012Validator(schema).validate(media["example"])
        count += 1
print(count)
"#;
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(format!("{name}.openapi.json"));
    std::fs::write(&path, serde_json::to_vec_pretty(document).unwrap()).unwrap();
    let output = std::process::Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .arg(&path)
        .output()
        .expect("python3 runs the OpenAPI validator (pip install openapi-spec-validator)");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "the OpenAPI validator is not installed: pip install openapi-spec-validator\n{stderr}"
    );
    assert!(
        output.status.success(),
        "{} is not a valid OpenAPI 3.1 document or an example breaks its schema:\n{}",
        path.display(),
        stderr
    );
    let checked: usize = String::from_utf8_lossy(&output.stdout).trim().parse().unwrap();
    let expected = document["components"]["responses"].as_object().unwrap().len();
    assert_eq!(checked, expected, "every response example was checked");
}
