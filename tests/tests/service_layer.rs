//! `errspec::axum::ErrorLayer` over real HTTP on 127.0.0.1: request ids, instances, framework
//! rejections in the service's envelope, and 5xx logging.

mod service_support;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use errspec::ApiError;
use errspec::axum::{ErrorLayer, Json, RequestId};
use errspec::envelope::Problem;
use serde_json::{Value, json};
use service_support::{Answer, Captured, spawn};

#[derive(Debug, thiserror::Error)]
#[error("classifier crashed")]
struct EngineFault(#[source] std::io::Error);

#[derive(Debug, thiserror::Error, ApiError)]
enum AppError {
    #[error("engine failed on tenant acme")]
    #[status(500, code = "ENGINE_FAILURE")]
    Engine(#[source] EngineFault),

    #[error("Thing {0} not found")]
    #[status(404, code = "THING_NOT_FOUND")]
    NotFound(u32),
}

#[derive(Debug, serde::Deserialize, serde::Serialize)]
struct NewThing {
    name: String,
    weight: u32,
}

async fn create(Json(thing): Json<NewThing>) -> (StatusCode, Json<NewThing>) {
    (StatusCode::CREATED, Json(thing))
}

async fn find(axum::extract::Path(id): axum::extract::Path<u32>) -> Result<String, AppError> {
    Err(AppError::NotFound(id))
}

async fn boom() -> Result<String, AppError> {
    let io = std::io::Error::other("disk quota exceeded: password=hunter2");
    Err(AppError::Engine(EngineFault(io)))
}

async fn whoami(id: RequestId) -> String {
    id.to_string()
}

fn app() -> Router {
    Router::new()
        .route("/things", post(create))
        .route("/things/{id}", get(find))
        .route("/boom", get(boom))
        .route("/whoami", get(whoami))
        .route(
            "/teapot",
            get(|| async { (StatusCode::IM_A_TEAPOT, "short and stout") }),
        )
        .route("/bare-400", get(|| async { StatusCode::BAD_REQUEST }))
        .route("/bare-500", get(|| async { StatusCode::INTERNAL_SERVER_ERROR }))
        .route(
            "/custom-400",
            get(|| async { (StatusCode::BAD_REQUEST, axum::Json(json!({"mine": true}))) }),
        )
        .layer(ErrorLayer::<Problem>::new())
}

struct Client {
    base: String,
    http: reqwest::Client,
}

impl Client {
    async fn start() -> Client {
        let addr = spawn(app()).await;
        Client {
            base: format!("http://{addr}"),
            http: reqwest::Client::new(),
        }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        Answer::from(request.send().await.unwrap()).await
    }

    async fn get(&self, path: &str) -> Answer {
        self.send(self.http.get(format!("{}{path}", self.base))).await
    }

    async fn post_json(&self, path: &str, body: &str) -> Answer {
        let request = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_owned());
        self.send(request).await
    }
}

fn assert_problem(answer: &Answer, status: u16, code: &str) -> Value {
    assert_eq!(answer.status, status, "{answer:?}");
    assert_eq!(answer.header("content-type"), "application/problem+json");
    let body = answer.json();
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(body["title"].is_string() && body["detail"].is_string(), "{body}");
    assert_eq!(body["request_id"], answer.header("x-request-id"), "{body}");
    body
}

#[tokio::test]
async fn a_sent_request_id_comes_back_in_header_and_body() {
    let client = Client::start().await;
    let request = client
        .http
        .get(format!("{}/things/7", client.base))
        .header("x-request-id", "req_client-42");
    let answer = client.send(request).await;
    let body = assert_problem(&answer, 404, "THING_NOT_FOUND");
    assert_eq!(answer.header("x-request-id"), "req_client-42");
    assert_eq!(body["request_id"], "req_client-42");
    assert_eq!(body["instance"], "/things/7");
    assert_eq!(body["detail"], "Thing 7 not found");
}

#[tokio::test]
async fn a_missing_or_unusable_request_id_is_generated() {
    let client = Client::start().await;
    let first = client.get("/things/1").await;
    let second = client.get("/things/2").await;
    let ids = [first.header("x-request-id"), second.header("x-request-id")];
    assert_ne!(ids[0], ids[1]);
    for (answer, id) in [(&first, ids[0]), (&second, ids[1])] {
        assert_eq!(id.len(), 24);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
        assert_eq!(answer.json()["request_id"], id);
    }

    let request = client
        .http
        .get(format!("{}/things/3", client.base))
        .header("x-request-id", "x".repeat(300));
    let answer = client.send(request).await;
    assert_eq!(answer.header("x-request-id").len(), 24);
}

#[tokio::test]
async fn successful_responses_carry_the_request_id_the_handler_saw() {
    let client = Client::start().await;
    let answer = client.get("/whoami").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.text, answer.header("x-request-id"));

    let request = client
        .http
        .get(format!("{}/whoami", client.base))
        .header("x-request-id", "abc.def");
    let answer = client.send(request).await;
    assert_eq!(
        (answer.text.as_str(), answer.header("x-request-id")),
        ("abc.def", "abc.def")
    );
}

#[tokio::test]
async fn valid_json_reaches_the_handler() {
    let client = Client::start().await;
    let answer = client
        .post_json("/things", r#"{"name": "box", "weight": 3}"#)
        .await;
    assert_eq!(answer.status, 201, "{answer:?}");
    assert_eq!(answer.json(), json!({"name": "box", "weight": 3}));
    assert_eq!(answer.header("content-type"), "application/json");
}

#[tokio::test]
async fn malformed_json_is_a_400_in_the_envelope() {
    let client = Client::start().await;
    let answer = client.post_json("/things", r#"{"name": "box", "#).await;
    let body = assert_problem(&answer, 400, "MALFORMED_JSON");
    assert!(
        body["detail"].as_str().unwrap().starts_with("Malformed JSON: "),
        "{body}"
    );
    assert_eq!(body["instance"], "/things");
}

#[tokio::test]
async fn a_missing_field_is_a_422_naming_it() {
    let client = Client::start().await;
    let answer = client.post_json("/things", r#"{"name": "box"}"#).await;
    let body = assert_problem(&answer, 422, "VALIDATION_FAILED");
    assert_eq!(
        body["errors"],
        json!([{"pointer": "#/weight", "detail": "field required"}])
    );
    assert_eq!(body["detail"], "Invalid request body: `weight`: field required");
}

#[tokio::test]
async fn a_wrong_type_is_a_422_naming_the_field() {
    let client = Client::start().await;
    let answer = client
        .post_json("/things", r#"{"name": "box", "weight": "heavy"}"#)
        .await;
    let body = assert_problem(&answer, 422, "VALIDATION_FAILED");
    assert_eq!(body["errors"][0]["pointer"], "#/weight");
    assert!(
        body["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("invalid type: string"),
        "{body}"
    );
}

#[tokio::test]
async fn a_wrong_content_type_is_a_415() {
    let client = Client::start().await;
    let request = client
        .http
        .post(format!("{}/things", client.base))
        .header("content-type", "text/plain")
        .body(r#"{"name": "box", "weight": 3}"#);
    let body = assert_problem(&client.send(request).await, 415, "UNSUPPORTED_MEDIA_TYPE");
    assert_eq!(
        body["detail"],
        "Expected request with `Content-Type: application/json`"
    );
}

#[tokio::test]
async fn an_unknown_route_is_a_404_in_the_envelope() {
    let client = Client::start().await;
    let answer = client.get("/nowhere").await;
    let body = assert_problem(&answer, 404, "ROUTE_NOT_FOUND");
    assert_eq!(body["instance"], "/nowhere");
}

#[tokio::test]
async fn a_wrong_method_is_a_405_with_allow() {
    let client = Client::start().await;
    let answer = client
        .send(client.http.delete(format!("{}/things", client.base)))
        .await;
    assert_problem(&answer, 405, "METHOD_NOT_ALLOWED");
    assert_eq!(answer.header("allow"), "POST");
}

#[tokio::test]
async fn axum_extractor_rejections_are_reshaped_with_their_text() {
    let client = Client::start().await;
    let answer = client.get("/things/not-a-number").await;
    let body = assert_problem(&answer, 400, "BAD_REQUEST");
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("Cannot parse"), "{detail}");
}

#[tokio::test]
async fn bare_statuses_are_reshaped_but_chosen_bodies_are_not() {
    let client = Client::start().await;
    assert_problem(&client.get("/bare-500").await, 500, "INTERNAL_ERROR");

    let body = assert_problem(&client.get("/bare-400").await, 400, "BAD_REQUEST");
    assert_eq!(body["detail"], "Bad Request");

    let teapot = client.get("/teapot").await;
    assert_eq!((teapot.status, teapot.text.as_str()), (418, "short and stout"));
    assert!(teapot.headers.contains_key("x-request-id"));

    let custom = client.get("/custom-400").await;
    assert_eq!((custom.status, custom.json()), (400, json!({"mine": true})));
}

#[tokio::test]
async fn a_5xx_logs_its_source_chain_and_sends_none_of_it() {
    let captured = Captured::global();
    let client = Client::start().await;
    let request = client
        .http
        .get(format!("{}/boom", client.base))
        .header("x-request-id", "req_boom");
    let answer = client.send(request).await;

    let body = assert_problem(&answer, 500, "ENGINE_FAILURE");
    assert_eq!(body["detail"], "Internal Server Error");
    for secret in ["hunter2", "quota", "classifier", "acme"] {
        assert!(!answer.text.contains(secret), "{secret} leaked: {}", answer.text);
    }

    let logs = captured.text();
    let line = logs
        .lines()
        .find(|line| line.contains("req_boom"))
        .unwrap_or_else(|| panic!("no log line for the request: {logs}"));
    assert!(line.contains("ERROR"), "{line}");
    assert!(line.contains("code=\"ENGINE_FAILURE\""), "{line}");
    assert!(line.contains("instance=\"/boom\""), "{line}");
    assert!(line.contains("error=engine failed on tenant acme"), "{line}");
    assert!(
        line.contains("sources=classifier crashed: disk quota exceeded: password=hunter2"),
        "{line}"
    );
}
