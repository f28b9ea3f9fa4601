//! OneTrust AI Guard's error reference, reproduced: `{"code": <status>, "message": ...}` per
//! endpoint table.

use std::collections::BTreeSet;

use errspec::envelope::decode;
use errspec::{ApiError, Catalog};
use errspec_examples::seeds::ai_guard::{ClassificationError, EngineFailure, MetricsError};
use serde_json::{Value, json};

fn body(error: &dyn ApiError) -> Value {
    let response = error.to_response();
    assert_eq!(response.headers()["content-type"], "application/json");
    serde_json::from_slice(response.body()).expect("the body is JSON")
}

#[test]
fn the_error_response_format() {
    assert_eq!(
        body(&ClassificationError::BadRequest(
            "Description of the error".into()
        )),
        json!({
          "code": 400,
          "message": "Description of the error"
        })
    );
}

#[test]
fn the_common_error_scenarios() {
    assert_eq!(
        body(&MetricsError::MetricsNotPermitted),
        json!({"code": 400, "message": "Metrics not permitted"})
    );
    assert_eq!(
        body(&MetricsError::Unauthorized),
        json!({"code": 401, "message": "Invalid or missing bearer token"})
    );
    assert_eq!(
        body(&ClassificationError::Unauthorized),
        json!({"code": 401, "message": "Invalid or missing bearer token"})
    );
    let engine = ClassificationError::Engine(EngineFailure("profile cache poisoned".into()));
    assert_eq!(
        body(&engine),
        json!({"code": 500, "message": "Classification engine error"})
    );
    assert_eq!(
        body(&ClassificationError::Upstream),
        json!({"code": 502, "message": "Upstream classification service unavailable"})
    );
}

#[test]
fn one_table_per_endpoint() {
    let statuses =
        |specs: &[errspec::ErrorSpec]| specs.iter().map(|s| s.status.as_u16()).collect::<BTreeSet<_>>();
    assert_eq!(
        statuses(ClassificationError::specs()),
        [400, 401, 500, 502].into()
    );
    assert_eq!(statuses(MetricsError::specs()), [400, 401].into());
    let spec = &ClassificationError::specs()[3];
    assert_eq!(spec.doc, "Upstream service unavailable.");
    assert_eq!(
        spec.cause,
        Some("`scan-job-manager` not reachable or classification profiles unavailable")
    );
    assert_eq!(
        ClassificationError::samples().len(),
        ClassificationError::specs().len()
    );
    assert_eq!(MetricsError::samples().len(), MetricsError::specs().len());
}

#[test]
fn clients_read_the_status_and_message_back() {
    for error in ClassificationError::samples() {
        let response = error.to_response();
        let decoded = decode(Some("application/json"), response.body()).unwrap();
        assert_eq!(decoded.envelope, "code_message");
        assert_eq!(decoded.status, Some(error.status().as_u16()));
        assert_eq!(decoded.message.as_deref(), Some(&*error.public_message()));
        assert_eq!(decoded.code, None, "AI Guard sends no machine code");
    }
}
